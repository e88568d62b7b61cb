"""A shared GPS point becomes the kabupaten/kota (or kecamatan) it lies in, offline."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from bot.understanding.geo import POINTS_FILE, PointIndex
from bot.understanding.place_directory import NoPlaces, RegionPlaces
from bot.understanding.regions import RegionIndex

BENCH_POINTS = Path(__file__).resolve().parents[2] / "bench" / "data" / "gps_points.csv"


@pytest.fixture(scope="module")
def index() -> RegionIndex:
    return RegionIndex.default()


@pytest.mark.parametrize(("lat", "lon", "regency"), [
    (-8.6500, 116.5330, "52.03"),  # Selong, Lombok Timur
    (-6.1754, 106.8272, "31.71"),  # Monas, Jakarta Pusat
    (-6.9025, 107.6188, "32.73"),  # Gedung Sate, Kota Bandung (not Kabupaten Bandung)
    (-4.0960, 138.9430, "95.01"),  # Wamena, Jayawijaya (a post-2022 Papua province)
])
def test_a_point_lies_in_its_kabupaten(index: RegionIndex, lat: float, lon: float, regency: str) -> None:
    found = index.locate(lat, lon)
    assert found is not None and found.region.code[:5] == regency
    assert found.region.level in ("regency", "district")


@pytest.mark.parametrize(("lat", "lon"), [
    (-5.0, 110.0),  # the Java Sea
    (3.14, 101.69),  # Kuala Lumpur
    (48.85, 2.35),  # Paris
    (math.nan, 110.0),
    (-6.2, math.inf),
])
def test_no_region_is_guessed_at_sea_abroad_or_for_a_broken_point(index: RegionIndex, lat: float,
                                                                    lon: float) -> None:
    assert index.locate(lat, lon) is None


def test_the_kecamatan_is_named_only_when_the_nearest_villages_agree() -> None:
    # the three nearest villages in one kecamatan name it; one across a border further off does not matter
    points = PointIndex(iter([("5203070001", -8.650, 116.530), ("5203070002", -8.652, 116.532),
                              ("5203070003", -8.649, 116.534), ("5203080001", -8.700, 116.600)]))
    assert points.place(-8.651, 116.531).code == "52.03.07"
    split = PointIndex(iter([("5203070001", -8.650, 116.530), ("5203080001", -8.651, 116.531),
                             ("5201010001", -8.800, 116.100)]))
    assert split.place(-8.6505, 116.5305).code == "52.03"


def test_the_shipped_points_cover_every_kabupaten(index: RegionIndex) -> None:
    with open(POINTS_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    regencies = {r["code"][:2] + "." + r["code"][2:4] for r in rows}
    assert regencies == {r.code for r in index.of_level("regency")}
    assert all(index.get(f"{c[:2]}.{c[2:4]}.{c[4:6]}.{c[6:]}") for c in (r["code"] for r in rows[::997]))


def test_the_benchmark_points_mostly_land_in_their_kabupaten(index: RegionIndex) -> None:
    with open(BENCH_POINTS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    right = sum(1 for r in rows if (m := index.locate(float(r["lat"]), float(r["lon"])))
                and m.region.code[:5] == r["expected_regency_code"])
    assert len(rows) >= 50 and right / len(rows) >= 0.95


def test_the_place_directory_names_the_kabupaten_of_a_point(index: RegionIndex) -> None:
    found = RegionPlaces(index).locate(-8.2192, 114.3691)
    assert found is not None and found.code.startswith("35.10") and "Kab. Banyuwangi" in found.label
    assert NoPlaces().locate(-8.2192, 114.3691) is None
