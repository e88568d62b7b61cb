"""The place a story's words name one by one is checked against the whole story's reading (issue 17, item 2).

read_story fills the location, and so skips "Di mana kejadiannya?", when its place words resolve surely. Read one
by one they took where the teller lives or works ("tinggal di Kota Kupang, nenek di Amfoang"): 12% of the places
filled without asking lay in another kabupaten over the bench's story sets. Now, where the whole story's reading
(AgencyCatalog.story_places: the rules suggest() reads places by) names another kabupaten, or none, where it
happened is asked, and no agency is filled for the guessed one. Where that reading names one kecamatan and no
rival, the question offers it as a button. Every story here was written for this test.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.i18n import Catalog
from bot.understanding.agency_directory import ListAgencies
from bot.understanding.story import _same_regency, read_story, story_words
from flows.engine import CONFIDENT
from flows.ports import StoryReading
from tests.harness import shipped_agencies, shipped_places

TODAY = date(2026, 12, 2)
WORDS = story_words(Catalog.load())


def read(text: str, home: str | None = None) -> StoryReading:
    """A story read as the bot reads it, with the shipped regions and agencies."""
    agencies, places = shipped_agencies(), shipped_places()
    return read_story(text, TODAY, WORDS, resolve_place=lambda t: places.resolve(t, home),
                      suggest_agency=agencies.suggest, suggest_category=agencies.category, home=home,
                      agency_category=agencies.usual_category, story_places=agencies.story_places)


@pytest.mark.parametrize(("story", "home"), [
    ("aku kerja di kota Bima, rumah ortu di Sape, jalan ke kampung ambles kena banjir, motor gak bisa lewat", None),
    ("kami warga Kota Kupang, nenek di Amfoang Barat Laut, puskesmas pembantu tutup terus tidak ada mantri", None),
    ("saya tinggal di kota mataram tapi ibu saya di Pringgabaya, puskesmas di sana tutup terus gak ada dokter",
     "52.03"),
    ("sy orang Kota Mataram, mertua di Aikmel, lampu jalan di kampungnya mati semua sudah sebulan", "52.03"),
    # the only place named is where the teller works: suggest still ranks its offices, but it is not where it is
    ("sy kerja di Kota Semarang, lampu jalan di kampung kami mati semua sudah seminggu", None),
])
def test_a_place_the_whole_story_reads_otherwise_is_asked(story: str, home: str | None) -> None:
    """The place words alone name the teller's town; the story says it happened in another kabupaten."""
    found = read(story, home)
    assert found.kind == "story"
    assert found.confidence.get("location", 0.0) < CONFIDENT  # "Di mana kejadiannya?" is asked
    assert "region" not in (found.answers.get("location") or {})
    assert "agency" not in found.answers  # nothing filled for the kabupaten only guessed


@pytest.mark.parametrize(("story", "region", "agency"), [
    ("jalan di desa Paok Motong kec Masbagik rusak parah, banyak lubang", "52.03.05.2002", "52.03-pupr"),
    ("sy tinggal di Kota Mataram tp sawah bapak di desa Paok Motong kec Masbagik, saluran irigasi jebol sdh sebulan",
     "52.03.05.2002", None),
])
def test_a_place_the_story_agrees_with_is_filled(story: str, region: str, agency: str | None) -> None:
    """Where both readings name the same kabupaten the place is filled and not asked (a desa named with its
    kecamatan outranks the town the teller lives in)."""
    found = read(story)
    assert found.answers["location"]["region"] == region
    assert found.confidence["location"] >= CONFIDENT
    if agency:
        assert found.answers["agency"] == agency


def test_a_place_of_one_ordinary_word_the_story_does_not_read_is_asked() -> None:
    """"desa kami atapnya bocor": the place words find Desa Atap (Nunukan); the whole story reads no place, so
    nothing vouches for it and where it happened is asked."""
    found = read("sekolah di desa kami atapnya bocor semua, murid belajar di teras kalau hujan")
    assert found.confidence.get("location", 0.0) < CONFIDENT and "agency" not in found.answers


def test_a_directory_that_reads_no_places_vouches_for_none() -> None:
    """A plain agency list cannot tell where a story happened: a place the words name is asked, never guessed."""
    agencies, places = ListAgencies([("52.03-pupr", "Dinas PUPR Lombok Timur")]), shipped_places()
    found = read_story("jalan di desa Paok Motong kec Masbagik rusak parah, banyak lubang", TODAY, WORDS,
                       resolve_place=lambda t: places.resolve(t, None), suggest_agency=agencies.suggest,
                       suggest_category=agencies.category, story_places=agencies.story_places)
    assert found.confidence.get("location", 0.0) < CONFIDENT


def test_the_story_places_are_what_suggest_reads() -> None:
    """Where the teller works is set aside; no place at all is none."""
    agencies = shipped_agencies()
    assert agencies.story_places("sy kerja di Kota Mataram, rumah ibu di desa Sakra, jalan ke dusun ambles")[0][:5] \
        == "52.03"
    assert agencies.story_places("lampu jalan depan rumah mati sudah seminggu") == ()


@pytest.mark.parametrize(("story", "home", "offered"), [
    ("lampu jalan di Sakra mati semua sudah seminggu, gelap kalau malam banyak maling", "52.03", "52.03.02"),
    ("jalan ke Sembalun rusak parah, wisatawan mengeluh", None, "52.03.15"),
    # the teller's town set aside, the one kecamatan left is offered
    ("kami warga Kota Kupang, nenek di Amfoang Barat Laut, puskesmas pembantu tutup terus tidak ada mantri", None,
     "53.01.22"),
])
def test_one_kecamatan_read_is_offered_not_filled(story: str, home: str | None, offered: str | None) -> None:
    """The place to tap at "Di mana kejadiannya?": asked all the same, never routed unasked."""
    found = read(story, home)
    assert found.confidence.get("location", 0.0) < CONFIDENT
    assert (found.answers.get("suggested_place") or {}).get("code") == offered
    assert not (found.answers.get("suggested_place") or {}).get("others")


@pytest.mark.parametrize(("story", "offered"), [
    # two kabupaten/kota read ("Bima": the kota and the kabupaten): both offered, the citizen taps theirs
    ("air pdam di Bima mati tiga hari", {"52.72", "52.06"}),
    ("aku kerja di kota Bima, rumah ortu di Sape, jalan ke kampung ambles kena banjir, motor gak bisa lewat",
     {"52.06.06", "61.03.04.2009"}),
    # a name more places share than there are buttons: nothing offered, the place is typed
    ("jembatan di Kampung Melayu putus, anak sekolah harus memutar jauh", set()),
])
def test_each_kabupaten_read_is_offered_not_chosen(story: str, offered: set[str]) -> None:
    """Several places read: which one is asked with a button each, never one chosen and routed."""
    found = read(story, None)
    assert found.confidence.get("location", 0.0) < CONFIDENT
    first = found.answers.get("suggested_place") or {}
    assert {o["code"] for o in (first, *first.get("others", ())) if o} == offered


@pytest.mark.parametrize(("a", "b", "same"), [
    ("52.03.05.2002", "52.03", True), ("52.03", "52.71", False), ("52", "52.03.05", True), ("53", "52.03", False),
    ("52.03.05", "52.03.07.1001", True),
])
def test_same_regency(a: str, b: str, same: bool) -> None:
    assert _same_regency(a, b) is same and _same_regency(b, a) is same


@pytest.mark.parametrize("story", [
    "dalan neng desa kula Sidareja rusak parah, bolong kabeh, wis setaun ora didandani",
    "jalan ke desa kitong Sidareja rusak parah, motor tra bisa lewat",
])
def test_a_regional_my_after_desa_is_no_name(story: str) -> None:
    """Javanese "kula", Papuan "kitong" ("desa kami" said at home): the desa's name comes after it, as after "kami"
    (it read "desa kula …" as a desa named Kula)."""
    found = read(story)
    assert found.answers["location"]["text"] == "desa Sidareja"
