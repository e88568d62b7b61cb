"""The vendored region data and the default agency catalog load and agree with each other."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.keywords import CATEGORIES, load_keywords, load_nomenclature
from bot.understanding.keywords import DATA_DIR as AGENCY_DATA
from bot.understanding.normalize import tokenize
from bot.understanding.region_names import key_of, name_key
from bot.understanding.regions import DATA_DIR as REGION_DATA
from bot.understanding.regions import RegionIndex

CODE_RE = {"province": r"\d{2}", "regency": r"\d{2}\.\d{2}", "district": r"\d{2}\.\d{2}\.\d{2}",
           "village": r"\d{2}\.\d{2}\.\d{2}\.\d{4}"}


@pytest.fixture(scope="module")
def regions() -> RegionIndex:
    return RegionIndex.default()


def test_region_data_loads_completely() -> None:
    fresh = RegionIndex.from_dir()  # its load time is measured in bench/, not asserted here
    levels = Counter(r.level for r in fresh)
    assert levels == {"province": 38, "regency": 514, "district": 7285, "village": 83762}


def test_every_region_code_is_well_formed_and_its_parent_exists(regions: RegionIndex) -> None:
    codes = set()
    for r in regions:
        assert re.fullmatch(CODE_RE[r.level], r.code), r.code
        assert r.code not in codes
        codes.add(r.code)
        if r.level == "province":
            assert r.parent is None
        else:
            parent = regions.get(r.parent)
            assert parent is not None and r.code.startswith(parent.code + ".")
        assert r.name.strip() == r.name and r.name


def test_name_keys_match_how_the_same_words_are_typed(regions: RegionIndex) -> None:
    # the fast index-building path must agree with the chat tokenizer for every official name
    for r in regions:
        assert name_key(r.name) == key_of(t.text for t in tokenize(r.name)), r.name


def test_nicknames_point_at_existing_regions() -> None:
    with open(REGION_DATA / "nicknames.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    index = RegionIndex.default()
    assert rows
    for row in rows:
        assert index.get(row["code"]) is not None, row
        assert 0 < float(row["weight"]) <= 1


def test_odbl_attribution_ships_with_the_data() -> None:
    text = (REGION_DATA / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "idn-area-data" in text and "Open Database License" in text
    assert "ODbL" in (REGION_DATA / "LICENSE-ODbL.md").read_text(encoding="utf-8")


def test_default_catalog_size_and_load(catalog: AgencyCatalog) -> None:
    assert len(catalog) >= 9000
    assert catalog.load_seconds >= 0  # measured and reported (bench/understanding.py), never a pass/fail figure


def test_every_agency_region_and_parent_exists(catalog: AgencyCatalog, regions: RegionIndex) -> None:
    codes = Counter(a.code for a in catalog)
    assert max(codes.values()) == 1
    for agency in catalog:
        if agency.region_code is not None:
            region = regions.get(agency.region_code)
            assert region is not None, agency.code
            assert region.level in ("province", "regency"), agency.code
        if agency.parent is not None:
            assert catalog.get(agency.parent) is not None, (agency.code, agency.parent)
        assert catalog.category_of(agency) in CATEGORIES, agency.code
        assert agency.level in ("pusat", "provinsi", "kabupaten", "kota", "vertikal"), agency.code


def test_every_regency_and_province_has_its_standard_bodies(catalog: AgencyCatalog,
                                                             regions: RegionIndex) -> None:
    for region in regions:
        if region.level == "regency":
            kinds = {a.kind for a in catalog.in_region(region.code)}
            assert {"pemda", "dinkes", "disdik", "dukcapil", "pupr", "dinsos", "satpolpp", "kemenag",
                    "bpn"} <= kinds, region.code
        elif region.level == "province":
            kinds = {a.kind for a in catalog.in_region(region.code)}
            assert {"pemda", "dinkes", "disdik", "pupr", "bapenda", "bpbd"} <= kinds, region.code


def test_nomenclature_and_keywords_point_at_real_things(catalog: AgencyCatalog) -> None:
    nomenclature = load_nomenclature()
    kinds = {k.kind for k in nomenclature} | {a.kind for a in catalog if a.kind}
    for info in nomenclature:
        assert info.category in CATEGORIES, info.kind
        assert set(info.levels) <= {"kab", "kota", "prov"}, info.kind
        assert info.central is None or catalog.get(info.central) is not None, info.kind
        assert info.parent is None or catalog.get(info.parent) is not None, info.kind
    for phrase, entry in load_keywords():
        assert entry.category in CATEGORIES, phrase
        assert not entry.target or entry.target in kinds, phrase
        assert entry.level in (None, "prov", "kab", "kota", "pusat"), phrase
        if entry.level == "pusat":  # 'jalan nasional': the kind's ministry must exist to stand in
            assert next(k for k in nomenclature if k.kind == entry.target).central, phrase
    with open(AGENCY_DATA / "central.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assert row["category"] in CATEGORIES, row["code"]


def test_no_problem_word_is_listed_twice() -> None:
    # a phrase in two rows is found twice and counted twice ('peserta bpjs' at 5 and at 3 made BPJS 8)
    twice = [phrase for phrase, n in Counter(phrase for phrase, _ in load_keywords()).items() if n > 1]
    assert twice == []


def test_no_town_or_nickname_is_listed_twice() -> None:
    # (a nickname may name several places, 'tasik' the Kota and the Kabupaten; the same place twice is a slip)
    for name, columns in (("towns.csv", ("town",)), ("nicknames.csv", ("alias", "code"))):
        with open(REGION_DATA / name, newline="", encoding="utf-8") as f:
            keys = Counter(tuple(row[c] for c in columns) for row in csv.DictReader(f))
        assert [k for k, n in keys.items() if n > 1] == [], name


def test_vendored_data_stays_small() -> None:
    total = sum(p.stat().st_size for p in REGION_DATA.iterdir()) + sum(
        p.stat().st_size for p in AGENCY_DATA.iterdir())
    assert total < 10_000_000
