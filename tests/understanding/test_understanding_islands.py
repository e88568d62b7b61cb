"""Issue 17, islands: 'pulau X' names the kabupaten the island lies in (Kemendagri's island list, idn-area-data)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.regions import DATA_DIR, RegionIndex
from tests.understanding.conftest import first, story_reading

ROOT = Path(__file__).resolve().parents[2]


def _builder() -> ModuleType:
    """scripts/build_islands.py, which is no package."""
    spec = importlib.util.spec_from_file_location("build_islands", ROOT / "scripts" / "build_islands.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_islands", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("story", "expected"), [
    # an island's own name, with 'pulau' before it: the kabupaten it lies in
    ("anak2 di pulau semau kalau sakit harus nyebrang, puskesmas pembantu tutup terus", "53.01"),
    ("jalan lingkar di pulau bawean aspalnya hancur, motor sering jatuh kalau malam", "35.25"),
    ("guru SD di pulau sapudi cuma datang seminggu sekali", "35.29"),
    # Lombok's gili are named without 'pulau'
    ("toilet umum dekat dermaga gili trawangan bau sekali, airnya tidak ngalir", "52.08"),
])
def test_an_island_names_its_kabupaten(catalog: AgencyCatalog, story: str, expected: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0][:5] == expected
    assert (first(catalog, story) or "").startswith(expected + "-")


def test_an_island_is_where_the_location_question_looks_first() -> None:
    reading = story_reading("pak, dermaga kayu di pulau semau sudah patah, kapal ikan tidak bisa sandar")
    assert reading.answers["story_region"] == "53.01"


def test_a_street_named_for_an_island_is_a_street(catalog: AgencyCatalog) -> None:
    # Denpasar names its streets after islands: 'Jl. Pulau Kawe' is in Denpasar, not on Kawe in Raja Ampat
    story = "jalan pulau kawe denpasar berlubang besar, sudah 2 motor jatuh"
    assert all(not code.startswith("92.") for code in catalog.story_places(story))
    assert first(catalog, story) == "51.71-pupr"


def test_a_name_many_islands_share_names_none_of_their_villages(catalog: AgencyCatalog) -> None:
    # twelve islands are called Pulau Kelapa: the words name no mainland desa called Kelapa either, and no
    # kabupaten's office is offered until the citizen says where
    story = "kami nelayan pulau kelapa, solar bersubsidi susah didapat sudah sebulan"
    assert catalog.story_places(story) == ()
    assert all(m.agency.region_code is None or len(m.agency.region_code) == 2 for m in catalog.suggest(story))


def test_a_name_three_islands_share_asks_which(catalog: AgencyCatalog) -> None:
    # Pulau Parang lies in Karimun, Jepara and Seram Bagian Timur: none is taken alone...
    alone = "sekolah di pulau parang atapnya bocor semua"
    assert all(m.agency.region_code is None or len(m.agency.region_code) == 2 for m in catalog.suggest(alone))
    # ...and with the kecamatan named beside it, Jepara's Karimunjawa is read
    assert first(catalog, "sekolah di pulau parang karimunjawa atapnya bocor semua") == "33.20-disdik"


def test_the_island_table_names_only_known_regions() -> None:
    regions = RegionIndex.default()
    with open(DATA_DIR / "islands.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 15_000
    assert all(regions.get(row["code"]) is not None for row in rows)
    assert all(row["island_code"].startswith(row["code"][:2]) for row in rows)


def test_the_builder_reads_degrees_and_the_names_people_type() -> None:
    build = _builder()
    lat, lon = build.coordinate("""10°13'29.07" S 123°22'40.00" E""")
    assert lat == pytest.approx(-10.2247, abs=1e-4) and lon == pytest.approx(123.3778, abs=1e-4)
    assert build.coordinate("no coordinate") is None
    assert build.names_of("Pulau Tidung Besar") == ["pulau tidung besar", "pulau tidung"]
    assert build.names_of("Gili Trawangan") == ["gili trawangan", "pulau gili trawangan"]
    assert build.names_of("Yef Abris") == []  # Papua's 'yef' is not how a story names an island
