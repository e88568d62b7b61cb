"""Typed places read from everyday words: a kecamatan called Simpang, Pinggir or Ujung far away is a guess when the
word sits among others with no level word before it, so it is offered to confirm, never taken as sure."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.regions import RegionIndex
from tests.understanding.conftest import region_of_first


@pytest.fixture(scope="module")
def regions() -> RegionIndex:
    return RegionIndex.default()


@pytest.mark.parametrize("text", [
    "warung kopi dekat simpang tiga",        # Kecamatan Simpang (OKU Selatan) is no sure reading of a crossroads
    "rumah di pinggir kali belakang masjid",  # nor Kecamatan Pinggir (Bengkalis) of a river's bank
    "gang buntu ujung jalan",                 # nor Kecamatan Ujung (Parepare) of a street's end
    "parkiran pantai barat dekat tugu",       # nor Kecamatan Pantai Barat (Supiori) of a west beach
])
def test_everyday_words_among_others_are_not_a_sure_place(regions: RegionIndex, text: str) -> None:
    res = regions.resolve(text)
    assert res.best is None


def test_everyday_word_with_its_level_word_or_alone_still_resolves(regions: RegionIndex) -> None:
    assert regions.resolve("kec. simpang").best is not None
    assert regions.resolve("simpang").best is not None  # a one-word answer to "where?" is a place
    # a kecamatan named with the word 'kota' names itself
    best = regions.resolve("kota selatan dekat pasar").best
    assert best is not None and best.region.code.startswith("75.71")


def test_everyday_word_in_the_home_kabupaten_stays_sure(regions: RegionIndex) -> None:
    best = regions.resolve("warung dekat ujung jalan", home="73.72").best
    assert best is not None and best.region.code.startswith("73.72")


@pytest.mark.parametrize("text", [
    "warung di pantai samas roboh",  # one letter short of Sambas, but a word of its own
    "perahu wisata rawa pening",     # one letter off Pining (Aceh)
])
def test_one_slip_in_a_short_word_is_no_place_far_away(regions: RegionIndex, text: str) -> None:
    res = regions.resolve(text)
    assert res.best is None and not res.options


def test_a_short_name_announced_by_its_level_word_is_still_read_through_a_slip(regions: RegionIndex) -> None:
    best = regions.resolve("kab. sambs").best
    assert best is not None and best.region.code == "61.01"


def test_banda_is_a_minang_ditch_not_the_banda_islands(catalog: AgencyCatalog) -> None:
    story = "banda ketek di simpang rumah ambo ko tasumbek sampah, tolong dibarasiahan"
    assert region_of_first(catalog, story) != "81.01"
    # named after a place word, the islands are still read
    assert region_of_first(catalog, "jalan rusak di banda neira") == "81.01"


def test_a_workplace_with_words_before_its_di_is_still_where_they_work(catalog: AgencyCatalog) -> None:
    # Kecamatan Rungkut is Surabaya's; the teller only works in Sidoarjo
    story = "asap pabrik di kawasan rungkut bikin sesak. sy kerja jaga malam di sidoarjo, pulang pagi asapnya tebal"
    assert region_of_first(catalog, story) == "35.78"
    # 'kerja bakti' is the neighbours' clean-up, held where the problem is
    assert region_of_first(catalog, "selokan mampet, kemarin kerja bakti di sukolilo surabaya tapi sampahnya "
                                    "belum diangkut") == "35.78"


@pytest.mark.parametrize("text", [
    "jorong koto ateh, dakek surau",        # a Minang hamlet ('jorong'), not Kecamatan Jorong of Tanah Laut
    "rumah di jorong kami sabalah sawah",
    "bantaran sungai deli belakang pasar",  # a river's bank, not Kecamatan Bantaran of Probolinggo
    "bantaran rel kereta rt 4",
])
def test_a_hamlet_or_a_riverbank_word_is_no_sure_kecamatan(regions: RegionIndex, text: str) -> None:
    best = regions.resolve(text).best
    assert best is None or not best.region.code.startswith(("63.01.02", "35.13.04"))


def test_the_kecamatan_so_named_still_resolves_when_said_alone_or_with_its_level(regions: RegionIndex) -> None:
    for text in ("jorong", "kec. jorong", "bantaran", "kecamatan bantaran, probolinggo"):
        best = regions.resolve(text).best
        assert best is not None and best.region.code.startswith(("63.01.02", "35.13.04"))


@pytest.mark.parametrize("story", [
    "bapak tiri sering memukul adik saya kalau mabuk",      # Kecamatan Ayah (Kebumen) and desa Tiri are no reading
    "duda tua di sebelah rumah tidak pernah dapat bantuan",  # nor desa Duda (Karangasem)
    "ayah saya sakit, kartu bpjs nya tidak aktif lagi",
    "uni saya jualan gorengan, lapaknya digusur tanpa pemberitahuan",
])
def test_kinship_words_are_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()


@pytest.mark.parametrize(("story", "kecamatan"), [
    # an everyday word right before the kabupaten that has a kecamatan so called is that kecamatan, and it is where
    # it happened rather than the town the teller lives in
    ("puskesmas di pace nganjuk tutup jam 11, saya tinggal di kediri", "35.18.05"),
    ("SD negeri 2 teras boyolali atapnya bocor, saya kerja di solo", "33.09.07"),
    ("sekolah anak di ayah kebumen gurunya jarang masuk, saya di semarang", "33.05.01"),
])
def test_everyday_word_before_its_own_kabupaten_is_the_kecamatan(catalog: AgencyCatalog, story: str,
                                                                  kecamatan: str) -> None:
    assert catalog.story_places(story)[:1] == (kecamatan,)


def test_the_great_mosque_of_banda_aceh_in_either_spelling(catalog: AgencyCatalog) -> None:
    for story in ("parkir liar di mesjid raya baiturrahman", "parkir liar di masjid raya baiturrahman"):
        assert region_of_first(catalog, story) == "11.71"


@pytest.mark.parametrize(("story", "kecamatan"), [
    # a town the trouble is compared with ('kayak di', 'seperti di', 'beda sama') is not where it is
    ("pelayanan puskesmas Sakra lambat banget, kenapa ga kayak di kota Mataram yg cepet", "52.03.02"),
    ("sampah numpuk di pasar Kutoarjo, coba kaya di Magelang bersih", "33.06.09"),
    ("sekolah SDN 2 Cikeusal atapnya bocor, seperti di Pandeglang tahun lalu ambruk", "36.04.23"),
])
def test_a_town_compared_with_is_not_where_it_happened(catalog: AgencyCatalog, story: str, kecamatan: str) -> None:
    assert catalog.story_places(story)[:1] == (kecamatan,)


def test_a_town_compared_with_alone_is_still_read(catalog: AgencyCatalog) -> None:
    # with no other place named, the town is all the story says of where
    assert region_of_first(catalog, "jalannya rusak kayak di Sleman, lubang dimana mana") == "34.04"
