"""The data cache: the region index and village points loaded when their files are the ones they were built from,
built again when those change."""

from __future__ import annotations

from pathlib import Path

from bot.understanding.geo import PointIndex, PointPlace
from bot.understanding.regions import DATA_DIR, RegionIndex

PROVINCES = "code,name\n52,Nusa Tenggara Barat\n"
REGENCIES = "code,province_code,name\n52.03,52,Kabupaten Lombok Timur\n52.71,52,Kota Mataram\n"
DISTRICTS = "code,regency_code,name\n52.03.02,52.03,Sakra\n52.71.01,52.71,Ampenan\n"
VILLAGES = ("code,district_code,name\n52.03.02.2001,52.03.02,Rumbuk\n52.03.02.2002,52.03.02,Sakra\n"
            "52.71.01.1001,52.71.01,Ampenan Selatan\n")


def _write(path: Path, villages: str = VILLAGES) -> Path:
    for name, text in (("provinces.csv", PROVINCES), ("regencies.csv", REGENCIES), ("districts.csv", DISTRICTS),
                       ("villages.csv", villages), ("nicknames.csv", "alias,code,weight\nlotim,52.03,1\n")):
        (path / name).write_text(text, encoding="utf-8")
    return path


def _caches(path: Path) -> list[Path]:
    return sorted((path / "__pycache__").glob("regions-*.marshal"))


def test_a_second_load_comes_from_the_cache_and_answers_the_same(tmp_path: Path) -> None:
    built = RegionIndex.from_dir(_write(tmp_path))
    cached = RegionIndex.from_dir(tmp_path)
    assert (built.source, cached.source) == ("csv", "cache")
    assert len(_caches(tmp_path)) == 1
    assert cached._state() == built._state()
    for text in ("desa rumbuk lotim", "ampenan", "sakra", "kota mataram", "52.03.02"):
        assert cached.resolve(text) == built.resolve(text)
    assert cached.label("52.03.02.2001") == "Desa Rumbuk, Kec. Sakra, Kab. Lombok Timur, Nusa Tenggara Barat"
    assert [r.code for r in cached.children("52.03.02")] == ["52.03.02.2001", "52.03.02.2002"]
    assert cached.get("52.03.09") is None and cached.ancestors("52.03.09") == []


def test_names_beyond_latin_1_come_back_as_written_built_and_cached(tmp_path: Path) -> None:
    """Names are kept as UTF-8 (a '’' in three of 92k names would make a str of them all twice the size)."""
    villages = VILLAGES.replace("Rumbuk", "Regapu’u").replace("Ampenan Selatan", "Ampénan Selatan")
    built = RegionIndex.from_dir(_write(tmp_path, villages))
    cached = RegionIndex.from_dir(tmp_path)
    assert cached.source == "cache"
    for index in (built, cached):
        assert [r.name for r in index.children("52.03.02")] == ["Regapu’u", "Sakra"]
        assert index.get("52.71.01.1001").name == "Ampénan Selatan"  # type: ignore[union-attr]
        assert index.get("52.03.02").name == "Sakra"  # type: ignore[union-attr]
        assert index.label("52.03.02.2001") == "Desa Regapu’u, Kec. Sakra, Kab. Lombok Timur, Nusa Tenggara Barat"


def test_a_changed_csv_is_indexed_again_and_the_old_cache_dropped(tmp_path: Path) -> None:
    RegionIndex.from_dir(_write(tmp_path))
    before = _caches(tmp_path)
    changed = RegionIndex.from_dir(_write(tmp_path, VILLAGES.replace("Rumbuk", "Lepak")))
    assert changed.source == "csv"
    assert changed.resolve("desa lepak").best is not None
    assert changed.resolve("desa rumbuk").best is None
    after = _caches(tmp_path)
    assert len(after) == 1 and after != before
    assert RegionIndex.from_dir(tmp_path).source == "cache"


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    RegionIndex.from_dir(_write(tmp_path))
    (cache,) = _caches(tmp_path)
    cache.write_bytes(b"\x00not marshal")
    again = RegionIndex.from_dir(tmp_path)
    assert again.source == "csv"
    assert again.get("52.03.02.2001") is not None
    assert RegionIndex.from_dir(tmp_path).source == "cache"


def test_the_shipped_index_from_its_cache_is_the_one_the_csvs_build() -> None:
    assert RegionIndex.from_dir(DATA_DIR)._state() == RegionIndex._build_from_dir(DATA_DIR)._state()


def test_village_points_come_from_the_cache_until_their_file_changes(tmp_path: Path) -> None:
    points = tmp_path / "village_points.csv"
    points.write_text("code,lat,lon\n5203020001,-8.65000,116.53000\n5203020002,-8.65200,116.53200\n",
                      encoding="utf-8")
    built = PointIndex.from_file(points)
    (cache,) = sorted((tmp_path / "__pycache__").glob("points-*.marshal"))
    cached = PointIndex.from_file(points)
    assert cached._state() == built._state()
    place = cached.place(-8.651, 116.531)
    assert place == built.place(-8.651, 116.531)
    assert isinstance(place, PointPlace) and place.code == "52.03.02"
    points.write_text("code,lat,lon\n5271010001,-8.58000,116.10000\n", encoding="utf-8")
    moved = PointIndex.from_file(points)
    assert moved.place(-8.651, 116.531) is None
    assert moved.place(-8.581, 116.101).code == "52.71.01"  # type: ignore[union-attr]
    assert not cache.exists()


def test_packed_codes_read_like_the_list_they_replace() -> None:
    from bisect import bisect_left

    from bot.understanding.packed import Packed, SortedCodes

    codes = ["52", "52.03", "52.03.02", "", "52.03.02.2001", "11"]
    packed = Packed.of(codes)
    assert len(packed) == len(codes) and list(packed) == codes
    assert [packed[i] for i in range(-len(codes), 0)] == codes
    order = sorted(range(len(codes)), key=codes.__getitem__)
    from array import array

    view = SortedCodes(packed, array("i", order))
    assert list(view) == sorted(codes)
    for probe in ["", "11", "52.03", "52.03.02.2001", "52.1", "9"]:
        assert bisect_left(view, probe) == bisect_left(sorted(codes), probe)
