"""General rules of the agency ranking for stories (issue 17 item 2): one test per rule."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog, keyword_strength
from bot.understanding.keywords import (
    FIELD_WORDS,
    REGIONAL_WORDS,
    find_pairs,
    pair_rules,
    phrase_key,
    regional_tokens,
    suggest_category,
)
from bot.understanding.normalize import tokenize
from tests.understanding.conftest import first

# ---- the place the citizen gave is certain --------------------------------------------------------

def test_given_place_office_wins_a_tie_with_a_national_body(catalog: AgencyCatalog) -> None:
    # 'tiang listrik' (PLN) and 'pju' (the street-light office) weigh the same: the office of the
    # kecamatan's kabupaten comes first, not the national company
    story = "tiang listrik pju di jalan raya mati semua"
    assert first(catalog, story, "52.03.07") == "52.03-dishub"
    # PLN is still suggested when only PLN's words are there
    assert first(catalog, "listrik padam tiap malam", "52.03.07") == "pln"


# ---- more evidence always ranks higher ------------------------------------------------------------

def test_keyword_strength_rises_with_every_word_and_stays_below_a_name() -> None:
    weights = [1, 2, 3, 4, 5, 6, 8, 10, 14, 20]
    values = [keyword_strength(w) for w in weights]
    assert values == sorted(values) and len(set(values)) == len(values)
    assert all(v < 0.9 for v in values)  # an agency named outright (1.0) always outranks problem words
    assert keyword_strength(4) == pytest.approx(0.83)  # unchanged for one clear word


# ---- a thing and its state a few words apart -------------------------------------------------------

def test_blocked_drain_outranks_the_flood_it_causes(catalog: AgencyCatalog) -> None:
    assert first(catalog, "got di gang kami mampet, banjir tiap hujan", "35.78") == "35.78-pupr"
    assert first(catalog, "banjir di perumahan kami, parit depan rumah tersumbat", "35.78") == "35.78-pupr"
    # a flood alone is the disaster office's
    assert first(catalog, "banjir setinggi lutut masuk rumah warga", "35.78") == "35.78-bpbd"


def test_pair_needs_the_state_after_the_thing_within_a_few_words() -> None:
    rules = pair_rules()
    # a drain is the water-resources kind: Jakarta's Sudin SDA, Public Works everywhere else
    near = find_pairs(tokenize("saluran di gang kami mampet"), rules)
    assert [(h.start, h.end, h.entry.target) for h in near] == [(0, 5, "sda")]
    far = find_pairs(tokenize("saluran air di depan rumah pak haji yang baru itu mampet"), rules)
    assert not [h for h in far if h.entry.target == "sda"]
    assert not find_pairs(tokenize("mampet saluran"), rules)


def test_pair_window_counts_words_not_small_words_nor_place_names(catalog: AgencyCatalog) -> None:
    rules = pair_rules()
    # 'ke', 'kami', 'di' do not count: the road is still the thing that is destroyed
    tokens = tokenize("jalan lintas ke desa kami di sana hancur")
    assert [h.entry.target for h in find_pairs(tokens, rules)] == ["pupr"]
    # five words that may be place names do not count either
    tokens = tokenize("jalan trans papua merauke boven digoel rusak, truk sembako terjebak")
    assert not [h for h in find_pairs(tokens, rules) if h.entry.target == "pupr"]
    assert [h.entry.target for h in find_pairs(tokens, rules, uncounted={2, 3, 4, 5})] == ["pupr"]
    # in a story, the place words are recognised as such: the road (Trans Papua, a national corridor: the
    # ministry's), not the sembako truck's aid
    assert first(catalog, "jalan trans papua merauke-boven digoel rusak, truk sembako terjebak",
                 "93.01.07") == "kemen-pu"


def test_waste_let_into_a_river_is_pollution_not_piped_water(catalog: AgencyCatalog) -> None:
    story = "limbah peternakan babi dibuang ke sungai, air bau tidak bisa dipakai"
    assert first(catalog, story, "71.01.14") == "71.01-dlh"
    assert first(catalog, "pabrik buang limbah ke kali, airnya item bau", "32.16.08") == "32.16-dlh"


# ---- a drain in Jakarta is the Sudin SDA's; elsewhere Public Works' ---------------------------------

def test_jakarta_drains_go_to_the_water_resources_office_elsewhere_to_public_works(catalog: AgencyCatalog
                                                                                  ) -> None:
    sda = catalog.get("31.75-sda")
    assert sda is not None and sda.name == "Suku Dinas Sumber Daya Air Kota Administrasi Jakarta Timur"
    assert sda.parent == "31-sda" and catalog.get("31-sda") is not None
    assert catalog.get("35.78-sda") is None  # no such office outside Jakarta: Public Works does it
    assert first(catalog, "got di gang kami mampet, banjir tiap hujan", "31.75.06") == "31.75-sda"
    assert first(catalog, "got di gang kami mampet, banjir tiap hujan", "35.78") == "35.78-pupr"
    # words for one office add up whichever name the kind has there: drain + road against a flood
    assert first(catalog, "selokan dan jalan depan rumah rusak, banjir", "35.78") == "35.78-pupr"
    # Jakarta's roads stay with the Sudin Bina Marga
    assert first(catalog, "jalan berlubang besar di depan pasar", "31.75.06") == "31.75-pupr"
    # named outright, the office is found in Jakarta, and stands for Public Works elsewhere
    assert first(catalog, "dinas sda", "31.74") == "31.74-sda"
    assert first(catalog, "dinas sumber daya air", "35.78") == "35.78-pupr"


# ---- what the citizen denies is not what the complaint is about ------------------------------------

def test_a_denied_name_or_word_does_not_count(catalog: AgencyCatalog) -> None:
    story = "kantor imigrasi? bukan. ini soal pasport? bukan. ini soal kk saya salah tulis"
    assert first(catalog, story, "52.04") == "52.04-dukcapil"
    assert first(catalog, "ini bukan soal ktp, tapi bansos saya tidak cair", "52.04") == "52.04-dinsos"
    # 'bukan main' praises or blames, it denies nothing
    assert first(catalog, "jalan di desa kami rusaknya bukan main", "52.04") == "52.04-pupr"
    # 'kalau bukan dinas sosial siapa lagi' asks, it does not deny
    assert first(catalog, "kalau bukan dinsos siapa lagi yang urus bansos kami", "52.04") == "52.04-dinsos"


def test_pair_never_reads_a_place_name(catalog: AgencyCatalog) -> None:
    # 'Kali' of a village name is no river: words of the resolved place are skipped
    tokens = tokenize("kali baru buntu")
    assert not [h for h in find_pairs(tokens, pair_rules(), skip={0, 1}) if h.entry.target == "pupr"]


def test_damaged_school_is_the_education_office_whatever_damaged_it(catalog: AgencyCatalog) -> None:
    assert first(catalog, "sekolah rusak akibat gempa belum diperbaiki", "52.08") == "52.08-disdik"
    assert first(catalog, "gempa semalam, warga mengungsi", "52.08") == "52.08-bpbd"


def test_a_word_naming_the_level_keeps_it_when_a_pair_spans_it(catalog: AgencyCatalog) -> None:
    assert first(catalog, "jalan provinsi di kopang rusak parah", "52.02.09") == "52-pupr"


@pytest.mark.parametrize("story", [
    "SMK negeri di Tuban nahan ijazah anak saya, sudah lapor ke dinas pendidikan kabupaten tapi diputar-putar",
    "dinas pendidikan kab tuban tolong tegur SMA negeri yang minta uang gedung",
])
def test_the_school_the_province_runs_sets_the_level_of_the_office_named(catalog: AgencyCatalog, story: str) -> None:
    """SMA/SMK are the province's: the kabupaten's office the citizen names has no say over them."""
    assert first(catalog, story, "35.23") == "35-disdik"
    # a school the kabupaten runs keeps the office named
    assert first(catalog, story.replace("SMK", "SMP").replace("SMA", "SD"), "35.23") == "35.23-disdik"


def test_equal_evidence_goes_to_the_problem_named_first() -> None:
    # flood and broken levee weigh the same: the category tie goes to what the story opens with
    assert suggest_category("banjir di kampung kami, tanggul jebol") == "bencana"
    assert suggest_category("tanggul jebol, banjir di kampung kami") == "infrastruktur"


# ---- field and programme words are problem words, not names ----------------------------------------

def test_field_word_alone_does_not_name_the_office(catalog: AgencyCatalog) -> None:
    assert phrase_key("peternakan") in FIELD_WORDS
    assert first(catalog, "bau limbah peternakan ayam menyengat sampai kampung", "35.16") == "35.16-dlh"
    # with 'dinas' it is the office's name
    assert first(catalog, "dinas peternakan, sapi warga kena penyakit", "35.16") == "35.16-disnak"
    # typed at the agency question it is the office's name, as sure as any other name
    for typed, code in (("peternakan", "35.16-disnak"), ("lingkungan hidup", "35.16-dlh")):
        found = catalog.match(typed, region="35.16")
        assert found[0].agency.code == code and found[0].score == 100.0


def test_programme_card_does_not_outrank_the_office_that_refused(catalog: AgencyCatalog) -> None:
    assert first(catalog, "puskesmas menolak pasien kis", "36.02") == "36.02-dinkes"
    assert first(catalog, "kartu kis saya tidak aktif padahal bayar tiap bulan", "36.02") == "bpjs-kesehatan"


# ---- regional words -----------------------------------------------------------------------------

@pytest.mark.parametrize(("story", "kind"), [
    ("dalane bolong-bolong, yen udan dadi blumbang", "pupr"),  # Javanese
    ("banyu pdam ora mili wis seminggu", "pdam"),  # Javanese
    ("runtah numpuk di sisi walungan, bau pisan", "dlh"),  # Sundanese
    ("caah di lembur, cai asup ka imah", "bpbd"),  # Sundanese
    ("aik pdam ndeq mili telu jelo", "pdam"),  # Sasak
    ("jalan ka nagari ancua, banyak lubang", "pupr"),  # Minang
])
def test_regional_words_read_as_the_indonesian_ones(catalog: AgencyCatalog, story: str, kind: str) -> None:
    assert first(catalog, story, "33.02") == f"33.02-{kind}"


def test_regional_words_keep_positions_and_spans() -> None:
    assert REGIONAL_WORDS["runtah"] == "sampah"
    tokens = tokenize("runtah di kali")
    read = regional_tokens(tokens)
    assert [t.text for t in read] == ["sampah", "di", "kali"]
    assert [(t.start, t.end) for t in read] == [(t.start, t.end) for t in tokens]


# ---- the local government is spoken to, not the office that fixes it ------------------------------

def test_addressed_local_government_yields_to_the_office_of_the_problem(catalog: AgencyCatalog) -> None:
    assert first(catalog, "minta pak bupati benerin jalan alternatif yg rusak", "32.01") == "32.01-pupr"
    assert first(catalog, "pemkot tolong, parit di kampung kami tersumbat", "61.71") == "61.71-pupr"
    # nothing else named: the government itself
    assert first(catalog, "pak bupati tolong dengar keluhan warga", "32.01") == "32.01-pemda"
    # typed at the agency question, the government is what the citizen chose
    assert catalog.match("pemkab bogor jalan rusak")[0].agency.code == "32.01-pemda"


def test_without_a_permit_is_enforcement_not_permitting(catalog: AgencyCatalog) -> None:
    story = "bangunan villa liar tanpa izin pbg, tolong ditindak"
    assert first(catalog, story, "32.01") == "32.01-satpolpp"
    assert first(catalog, "izin pbg rumah saya tidak keluar keluar", "32.01") == "32.01-dpmptsp"
