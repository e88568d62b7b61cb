"""Round 91 (h-tuneC): what the story reader offers at "Di mana kejadiannya?" and fills. A place named only to
compare the teller's trouble with ("Sodara sy di Sleman aja gak separah ini", "padahal di Lamongan lancar") is neither
offered nor filled; a regional "and" after a level word ("panitia desa sareng RT") names no desa. Every sentence here
is fresh, written for this file (none copied from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region, story_reading


def _offered(story: str) -> list[str]:
    """The region codes offered as buttons at "Di mana kejadiannya?" (none when nothing is offered)."""
    offer = story_reading(story).answers.get("suggested_place")
    return [o["code"] for o in (offer, *offer.get("others", ()))] if offer else []


def test_a_place_named_to_compare_with_is_not_offered() -> None:
    assert _offered("Sodara sy di Sleman aja gak separah ini, pengurusan akta kelahiran anak sy udh 2 bulan belum jadi"
                    ) == []
    assert _offered("pupuk subsidi di kios kami kosong terus, padahal di Lamongan katanya lancar, petani bingung mau "
                    "beli dimana") == []
    assert _offered("anak sy skrg sekolah di SD negeri dipungut uang buku 300rb, dulu waktu masih di Klaten gak ada "
                    "begini") == []
    assert story_reading("air PDAM di rumah kami mati seminggu, adik beta di Ende bilang di sana lebe bae"
                         ).answers.get("story_region") is None
    # the trouble itself said at the place stays offered: no comparison, or one of time at the place itself
    assert _offered("jalan di Lamongan rusak parah, padahal baru diaspal tahun lalu")[0] == "35.24"
    assert _offered("banjir di Sleman separah ini baru pertama kali, rumah warga terendam")[0] == "34.04"


def test_a_regional_and_after_a_level_word_names_no_desa() -> None:
    # Sundanese "sareng" (and): the village committee and the RT, no Desa Sareng of Madiun
    assert filled_region("panitia desa sareng RT narik iuran 200 rebu kanggo jalan, teu aya kwitansina") is None
