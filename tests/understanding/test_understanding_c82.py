"""Round 82 (h-tuneC): what the story reader fills without asking. A voice note has no level words and no commas: the
teller says where they are from ("saya dari", "kulo saking", "abdi ti", "ini dari", "saya warga") and names the desa
with the kecamatan holding it, which is where the trouble is; a typed message may lead with the desa and kecamatan
as a header set off by a comma. Fresh sentences, written for this file (none copied from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled


def test_the_tellers_home_said_after_dari_with_its_kecamatan_is_filled() -> None:
    # Desa Siatas of Kec. Simpang Kanan (Aceh Singkil); the whole story's reading also holds a namesake kecamatan
    assert _filled("halo pak eee saya dari siatas simpang kanan eee jembatan gantung ke kebun talinya putus sudah "
                   "sebulan warga nyebrang pakai rakit") == "11.10.02.2004"
    # a word of what the teller does may stand between: "kulo petani dari"
    assert _filled("assalamualaikum pak kulo petani dari mata allo bontomarannu eee saluran air ke sawah jebol "
                   "tidak ada yang perbaiki") == "73.06.06.2013"
    # only greetings and fillers before "dari": the teller speaks of their own place
    assert _filled("halo eee ini dari pemurus luar banjarmasin timur anu sampah di pinggir sungai numpuk bau sekali "
                   "gitu loh") == "63.71.02.1009"
    # Sundanese "abdi ti"
    assert _filled("punten pak eee abdi ti sungai damar pantai lunci eee jalan ka sakola rusak pisan") == (
        "62.08.04.2001")


def test_a_header_naming_the_desa_and_its_kecamatan_is_filled() -> None:
    assert _filled("Sumber Baru Sungai Pinang, got mampet tiap hujan, air masuk ke rumah warga") == "63.03.10.2010"


def test_someone_elses_origin_or_a_home_apart_from_where_one_lives_is_still_asked() -> None:
    # where the bought seedlings or the middlemen come from, not where the trouble is
    assert _filled("saya beli bibit dari tasik seminai koto gasib tapi banyak yang mati, jalan di kampung juga "
                   "rusak") is None
    assert _filled("tengkulak dari mata allo bontomarannu membeli gabah murah sekali, kami rugi") is None
    # the teller comes from there but lives in another town, where the road in front of the house is
    assert _filled("saya dari siatas simpang kanan tapi tinggal di kota medan, jalan depan rumah rusak parah") is None
