"""Place outranks words: the region the citizen named conditions the agency ranking (issue 17, item 2)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.normalize import COMMON_WORDS, tokenize
from bot.understanding.regions import MIN_SCORE, RegionIndex

LOMBOK_TIMUR = "52.03"
SAKRA_VILLAGE = "52.03.02.2002"


def codes(found) -> list[str]:
    return [m.agency.code for m in found]


def serves(agency_region: str | None, place: str) -> bool:
    """An agency of the place's kabupaten, its province, or a national body."""
    return agency_region is None or agency_region in (place[:5], place[:2])


@pytest.mark.parametrize(("story", "region", "expected"), [
    # the traps: village names inside ordinary words must not beat the resolved location
    ("ktp saya sudah 3 kali ke capil disuruh bolak balik terus", SAKRA_VILLAGE, "52.03-dukcapil"),
    ("puskesmas tidak ada dokter", "52.03.05", "52.03-dinkes"),
    ("ktp disuruh bolak balik terus", LOMBOK_TIMUR, "52.03-dukcapil"),
])
def test_the_given_place_outranks_village_names_in_ordinary_words(catalog: AgencyCatalog, story: str,
                                                                   region: str, expected: str) -> None:
    found = catalog.suggest(story, region=region)
    assert codes(found)[0] == expected
    assert all(serves(m.agency.region_code, region) for m in found), codes(found)


def test_an_agency_of_another_kabupaten_is_never_suggested_for_a_story(catalog: AgencyCatalog) -> None:
    # the story names Kota Bandung's office but the citizen's place is Garut: the place wins
    found = catalog.suggest("dukcapil kota bandung lambat", region="32.05")
    assert codes(found)[0] == "32.05-dukcapil"
    assert all(serves(m.agency.region_code, "32.05") for m in found), codes(found)


def test_a_typed_agency_name_may_name_another_kabupaten_plainly(catalog: AgencyCatalog) -> None:
    # at the agency question the citizen may mean an office elsewhere, when the text says so plainly
    assert codes(catalog.match("dukcapil kota bandung", region="32.05"))[0] == "32.73-dukcapil"
    assert codes(catalog.match("dukcapil kota bandung", region="32.05", text_region_wins=False))[0] \
        == "32.05-dukcapil"


def test_a_name_shared_with_the_given_kabupaten_means_the_given_one(catalog: AgencyCatalog) -> None:
    # 'gorontalo' is both Kota and Kabupaten Gorontalo: the citizen in the Kabupaten means its office
    assert codes(catalog.match("dinas pu gorontalo", region="75.01.01"))[0] == "75.01-pupr"


@pytest.mark.parametrize(("text", "kind"), [
    ("dinas pariwisata", "dispar"),
    ("dinas koperasi", "diskop"),
    ("dinas peternakan", "disnak"),
    ("dinas perpustakaan", "dispusip"),
    ("dinas ketahanan pangan", "dispangan"),
    ("dinas ketenagakerjaan", "disnaker"),
    ("dinas perikanan", "diskan"),
    ("dinas pemuda dan olahraga", "dispora"),
])
def test_every_dinas_is_its_own_kind_not_education(catalog: AgencyCatalog, text: str, kind: str) -> None:
    found = catalog.match(text, region=LOMBOK_TIMUR)
    assert codes(found)[0] == f"{LOMBOK_TIMUR}-{kind}"


def test_the_generic_word_dinas_never_fuzzy_matches_an_alias(catalog: AgencyCatalog) -> None:
    # 'dinas' is one edit from 'diknas'; alone it names no agency kind
    assert not any(m.agency.kind == "disdik" for m in catalog.match("dinas", region=LOMBOK_TIMUR))
    assert not any(m.agency.kind == "disdik" for m in catalog.match("kantor dinas", region=LOMBOK_TIMUR))
    # a typo in the specific word is still read
    assert codes(catalog.match("dinas kesehtan", region=LOMBOK_TIMUR))[0] == "52.03-dinkes"


def test_ties_go_to_the_story_category_not_the_alphabet(catalog: AgencyCatalog) -> None:
    # two acronyms, equally sure: the story's category (infrastructure, named first) decides
    found = catalog.match("pupr dinkes", region=LOMBOK_TIMUR)
    assert found[0].score == found[1].score
    assert codes(found)[:2] == ["52.03-pupr", "52.03-dinkes"]
    found = catalog.match("dinkes pupr", region=LOMBOK_TIMUR)
    assert codes(found)[:2] == ["52.03-dinkes", "52.03-pupr"]


def test_what_stands_near_the_problem_is_not_the_problem(catalog: AgencyCatalog) -> None:
    assert codes(catalog.suggest("jalan di cileunyi rusak dekat tol", region="32.04"))[0] == "32.04-pupr"


def test_new_kinds_are_found_from_problem_words(catalog: AgencyCatalog) -> None:
    assert codes(catalog.suggest("nelayan tidak dapat bantuan perahu", region=LOMBOK_TIMUR))[0] == "52.03-diskan"
    assert codes(catalog.suggest("sapi warga kena penyakit mulut kuku", region=LOMBOK_TIMUR))[0] == "52.03-disnak"


def test_everyday_words_strung_together_are_no_village_in_a_sentence() -> None:
    index = RegionIndex.default()
    tokens = tokenize("disuruh bolak balik terus sama petugas", slang=True)
    names = [index._names[c.idx] for c in index.scan(tokens, reply=False) if c.score >= MIN_SCORE]
    assert "Balikterus" not in names
    # typed as the answer to "where?", or after 'desa', the village is still found
    assert index.resolve("desa balik terus").best.region.name == "Balikterus"
    # a desa's name alone is offered to confirm, not taken as sure (RegionIndex._lone_village)
    alone = index.resolve("Balikterus")
    assert alone.best is None and [o.region.name for o in alone.options] == ["Balikterus"]


def test_the_common_word_list_is_data() -> None:
    assert {"ada", "balik", "terus", "bolak"} <= COMMON_WORDS


def test_a_known_place_leaves_the_story_words_to_the_problem(catalog: AgencyCatalog) -> None:
    # 'jembatan gantung' reads like a place in the text, but the place is known: the bridge is the problem
    found = catalog.suggest("jembatan gantung di desa kami hampir putus, anak sekolah takut lewat",
                            region="32.18.02")
    assert codes(found)[0] == "32.18-pupr"


def test_an_office_of_another_kecamatan_in_the_same_kabupaten_is_not_foreign() -> None:
    from bot.understanding.agencies import Agency

    regions = RegionIndex.default()
    pkm = Agency("pkm-selong", "Puskesmas Selong", "kabupaten", "52.03.07", ("puskesmas selong",), kind="dinkes")
    far = Agency("pkm-gresik", "Puskesmas Kebomas", "kabupaten", "35.25.01", ("puskesmas kebomas",), kind="dinkes")
    catalog = AgencyCatalog([pkm, far], regions)
    # the citizen's village is in Kec. Sakra; the puskesmas named is in Kec. Selong of the same kabupaten
    assert codes(catalog.suggest("puskesmas selong tidak ada dokter", region=SAKRA_VILLAGE)) == ["pkm-selong"]
    assert codes(catalog.suggest("puskesmas kebomas tidak ada dokter", region=SAKRA_VILLAGE)) == []


def _first(catalog: AgencyCatalog, story: str) -> str | None:
    found = catalog.suggest(story)
    return found[0].agency.code if found else None


def test_a_word_of_a_longer_place_name_is_not_typo_corrected_into_an_agency(catalog: AgencyCatalog) -> None:
    # 'lawas' of 'Padang Lawas' is one letter from 'lapas' (the prisons): it stays part of the place
    assert _first(catalog, "KTP saya belum jadi sudah 3 bulan di dukcapil Padang Lawas") == "12.21-dukcapil"


def test_words_inside_a_longer_name_support_no_other_reading() -> None:
    regions = RegionIndex.default()
    # 'palas' (Padang Lawas) inside 'Tanjung Palas Tengah' does not make a village 'Tanjung' there
    best = regions.scan(tokenize("air pdam mati di Tanjung Palas Tengah, kami beli air galon"), reply=False)[0]
    assert regions.code_at(best.idx) == "65.01.06"
    # 'Lembang' inside 'Lembang Jaya' is no district supporting a village 'Jaya' in Pinrang
    best = regions.scan(tokenize("sekolah SD di Lembang Jaya atapnya bocor"), reply=False)[0]
    assert regions.code_at(best.idx) == "13.02.06"


@pytest.mark.parametrize("word", ["teras", "galon", "sawah", "parit", "pantai", "kulo", "mahal"])
def test_everyday_words_that_name_some_place_are_common_words(word: str) -> None:
    # 'belajar di teras' is a porch, not kecamatan Teras of Boyolali
    assert word in COMMON_WORDS


def test_a_porch_is_no_kecamatan(catalog: AgencyCatalog) -> None:
    assert _first(catalog, "sekolah SD di Kalikotes atapnya bocor, anak2 belajar di teras") == "33.10-disdik"


def test_stone_and_coal_are_no_kota_batu_nor_kabupaten_batu_bara(catalog: AgencyCatalog) -> None:
    regions = RegionIndex.default()
    assert _first(catalog, "truk batu bara lewat jalan desa bikin jalan hancur") == "kemen-pu"  # no place: no office
    assert _first(catalog, "jalan di kota batu berlubang") == "35.79-pupr"
    # typed alone in answer to "where?", the everyday word still names its kota or kecamatan
    assert regions.resolve("Batu").best.region.code == "35.79"
    assert regions.resolve("Batu Bara").best.region.code == "12.19"
    assert regions.resolve("Teras").best.region.code == "33.09.07"


def test_a_run_on_story_is_read_to_its_end_for_the_place(catalog: AgencyCatalog) -> None:
    middle = ("saya sudah lapor berkali kali ke kantor desa dan kecamatan tapi tidak ada tanggapan sama sekali "
              "padahal warga sudah gotong royong menimbun lubang dengan batu dan tanah tapi kalau hujan hancur "
              "lagi dan anak anak sekolah susah lewat apalagi malam hari tidak ada lampu jalan sama sekali")
    story = f"jalan di kampung kami rusak parah {middle} lokasinya di kecamatan Tirtoyudo kabupaten Malang"
    assert len(tokenize(story)) > 48
    assert _first(catalog, story) == "35.07-pupr"
