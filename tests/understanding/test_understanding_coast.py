"""Issue 17, the coast and the islands: seaweed, fish auctions, storm waves and beach facilities."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(("story", "region", "expected"), [
    # seaweed is farmed, and its growers are called petani, but it is the fisheries office's
    ("para petani rumput laut di desa kami belum terima bibit dari pemerintah, musim tanam sudah lewat",
     "53.14", "53.14-diskan"),
    ("bantuan bibit rumput laut untuk petani pesisir tidak merata, yang dapat cuma kenalan kades", "73.04",
     "73.04-diskan"),
    # the fish auction is the fisheries office's, though prices are talked about
    ("lelang ikan di pelabuhan kecil tidak jalan lagi, harga dipermainkan pengepul", "33.24", "33.24-diskan"),
    # big waves that break houses are a disaster, though a sea wall fell too
    ("ombak besar semalam merobohkan talud dan tiga rumah warga, keluarga mengungsi ke balai desa",
     "76.05", "76.05-bpbd"),
    ("gelombang tinggi tadi malam, perahu dan warung di pesisir rusak", "34.02", "34.02-bpbd"),
    # the rinse rooms of a beach are a tourist facility
    ("kamar bilas pantai rusak, banyak sampah plastik", "35.27", "35.27-dispar"),
])
def test_coastal_offices(catalog: AgencyCatalog, story: str, region: str, expected: str) -> None:
    assert first(catalog, story, region) == expected


def test_tapi_is_no_fish_auction(catalog: AgencyCatalog) -> None:
    # 'tapi' (but) folds as 'tpi' would: the auction's short name is not a keyword
    assert first(catalog, "sudah lapor tapi jalannya masih rusak", "33.24") == "33.24-pupr"


@pytest.mark.parametrize(("story", "region", "expected"), [
    # lorries parked on the road's shoulder are a traffic matter, not a damaged road
    ("mobil2 parkir di bahu jalan sampai malam, jalan tinggal satu lajur", "36.72", "36.72-dishub"),
    # Riau Malay 'pelantar': the wooden jetty, read as 'dermaga'
    ("pelantar di kampung kami papannya jebol, orang naik turun perahu susah", "21.72", "21.72-dishub"),
])
def test_boats_and_parking(catalog: AgencyCatalog, story: str, region: str, expected: str) -> None:
    assert first(catalog, story, region) == expected
