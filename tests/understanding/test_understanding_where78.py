"""Where the story is (round 78): the office of one kecamatan named by it ('KUA Narmada', 'polsek X') says the place
is meant; the teller's workplace said with any Javanese word for 'di' ('kerja ning kota Cirebon', 'kerja ten Jogja')
is set aside as 'kerja di' is; and the place one's own is said to be on the border with ('perbatasan sama Kendal')
is not where it is."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Kec. Narmada (Lombok Barat): the KUA is the kecamatan's; the in-laws' house in Mataram is only a relative's
        ("akta nikah kami dari KUA narmada ada salah huruf, mertua di mataram bilang urus lagi bayar", "52.01"),
        # Kec. Cihideung (Kota Tasikmalaya): not the Garut the fiancé comes from
        ("daftar nikah di KUA cihideung disuruh bayar sejuta lebih, calon istri sy orang garut", "32.78"),
    ],
)
def test_the_office_of_one_kecamatan_names_the_place(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Kec. Tanon (Sragen); krama 'ten': the teller works in Solo
        ("sawah warga tanon kebanjiran kabeh, kulo kerja ten solo mboten saged mantuk", "33.14"),
    ],
)
def test_a_workplace_in_javanese_is_set_aside(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Kel. Mangkang Wetan lies in Kota Semarang, by Kendal
        ("got di mangkang wetan mampet terus, perbatasan sama kendal, air masuk rumah", "33.74"),
        # Kec. Talang Kelapa (Banyuasin), on the border with Palembang
        ("lampu jalan di talang kelapa mati semua, perbatasan dengan palembang, rawan begal", "16.07"),
    ],
)
def test_the_place_one_borders_on_is_not_where_it_is(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_an_emigrant_s_town_is_set_aside(catalog: AgencyCatalog) -> None:
    # 'perantau di Surabaya asal Omben': the family's kecamatan Omben (Sampang), not the town the teller works in
    story = "kami perantau di surabaya asal omben, keluarga di rumah belum dapat bantuan sumur bor"
    assert (region_of_first(catalog, story) or "").startswith("35.27")
