"""BPS ↔ Kemendagri region codes: the shipped crosswalk, and `bps:`/`kemendagri:` accepted wherever a code is
typed (LAPORBOT_REGION, units.csv, agencies CSV), each saying which system was used."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.cli.ops import problems, region_line
from bot.settings import ConfigError, Settings
from bot.surveys.units import UnitsError, read_units
from bot.understanding.agencies import load_nomenclature, read_agencies_csv
from bot.understanding.region_codes import DATA_DIR, RegionCodeError, parse_region_code
from tests.ops.test_ops_config import laporbot

#: Issue 16: Kemendagri 91 Papua, 92 Papua Barat, 93 Papua Selatan, 94 Papua Tengah, 95 Papua Pegunungan,
#: 96 Papua Barat Daya are BPS 94, 91, 95, 96, 97, 92.
PAPUA = [("94", "91", "Papua"), ("91", "92", "Papua Barat"), ("95", "93", "Papua Selatan"),
         ("96", "94", "Papua Tengah"), ("97", "95", "Papua Pegunungan"), ("92", "96", "Papua Barat Daya")]


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("bps", "kemendagri", "name"), PAPUA)
def test_papua_provinces_convert_both_ways(bps: str, kemendagri: str, name: str) -> None:
    """A BPS 94 is Papua, not Papua Tengah; the plain (Kemendagri) code keeps its own meaning."""
    read = parse_region_code(f"bps:{bps}")
    assert (read.kemendagri, read.name, read.system) == (kemendagri, name, "bps")
    assert read.describe() == f"BPS {bps} = Kemendagri {kemendagri} ({name})"
    plain = parse_region_code(kemendagri)
    assert (plain.kemendagri, plain.bps, plain.system) == (kemendagri, bps, "kemendagri")
    assert parse_region_code(f"kemendagri:{kemendagri}").kemendagri == kemendagri


def test_the_crosswalk_covers_every_province_and_every_kabupaten_kota_one_to_one() -> None:
    """38 provinces (identical codes outside Papua); all 514 kabupaten/kota, each Kemendagri code in our data."""
    provinces = {r["code"] for r in _rows("provinces.csv")}
    walk = _rows("bps_kemendagri_provinces.csv")
    assert {r["kemendagri_code"] for r in walk} == provinces and len({r["bps_code"] for r in walk}) == 38
    assert all(r["bps_code"] == r["kemendagri_code"] for r in walk if r["kemendagri_code"] < "91")
    regencies = {r["code"] for r in _rows("regencies.csv")}
    kab = _rows("bps_kemendagri_regencies.csv")
    assert {r["kemendagri_code"] for r in kab} == regencies
    assert len({r["bps_code"] for r in kab}) == len(kab) == len(regencies) == 514
    bps_province = {r["bps_code"]: r["kemendagri_code"] for r in walk}
    assert all(bps_province[r["bps_code"][:2]] == r["kemendagri_code"][:2] for r in kab), \
        "every kabupaten/kota lies in the province its BPS code says"
    assert parse_region_code("bps:1101").describe() == "BPS 1101 = Kemendagri 11.09 (Kabupaten Simeulue)"
    assert parse_region_code("bps:5203").kemendagri == "52.03"
    assert parse_region_code("5203").kemendagri == "52.03", "undotted Kemendagri codes are read too"


#: Hand-checked pairs (BPS code since BPS re-coded Papua in 2023, Kemendagri 2025 code, name). Each BPS code was read in
#: two independent published lists: the `bridge23_kab` table of the R package aldisrauf/basictools (BPS 2022 → 2023
#: codes) and a 514-row kabupaten/kota list with BPS codes under the post-2022 provinces, OCR'd from a ministry
#: document into a public GitHub file (a different source; the code index that found it did not name its repository);
#: the pre-2023 code (second column) matches BPS's 2020
#: bridging (zakiego/Kode-Wilayah-Administrasi-Indonesia-Relasi-BPS-Kemendagri, csv/kabkota.csv). Each Kemendagri code
#: and name is in regencies.csv (Kepmendagri 2025 via idn-area-data); Puncak Jaya's 94.02 is also on its Indonesian
#: Wikipedia page ("Kode Kemendagri 94.02", next to its pre-2023 "Kode BPS 9411").
PAPUA_KABUPATEN = [
    ("9601", "9412", "94.04", "Kabupaten Mimika"), ("9608", "9411", "94.02", "Kabupaten Puncak Jaya"),
    ("9604", "9404", "94.01", "Kabupaten Nabire"), ("9501", "9401", "93.01", "Kabupaten Merauke"),
    ("9702", "9402", "95.01", "Kabupaten Jayawijaya"), ("9708", "9417", "95.02", "Kabupaten Pegunungan Bintang"),
    ("9271", "9171", "96.71", "Kota Sorong"), ("9202", "9107", "96.01", "Kabupaten Sorong"),
    ("9105", "9105", "92.02", "Kabupaten Manokwari"), ("9101", "9101", "92.03", "Kabupaten Fak Fak"),
    ("9471", "9471", "91.71", "Kota Jayapura"), ("9403", "9403", "91.03", "Kabupaten Jayapura"),
]


@pytest.mark.parametrize(("bps", "before_2023", "kemendagri", "name"), PAPUA_KABUPATEN)
def test_papua_kabupaten_kota_convert_both_ways(bps: str, before_2023: str, kemendagri: str, name: str) -> None:
    """bps:9601 is Mimika (Kemendagri 94.04); the Kemendagri code knows its BPS code back."""
    read = parse_region_code(f"bps:{bps}")
    assert (read.kemendagri, read.name, read.system) == (kemendagri, name, "bps")
    assert parse_region_code(kemendagri).bps == bps
    assert parse_region_code(kemendagri.replace(".", "")).kemendagri == kemendagri


@pytest.mark.parametrize(("bps", "before_2023", "kemendagri", "name"),
                         [row for row in PAPUA_KABUPATEN if row[0] != row[1]])
def test_a_papua_code_from_before_bps_recoded_it_is_refused_with_the_new_one(
        bps: str, before_2023: str, kemendagri: str, name: str) -> None:
    """bps:9412 was Mimika until 2022 and is no code now: refused, naming bps:9601, never silently re-read."""
    with pytest.raises(RegionCodeError, match=f"bps:{bps}") as error:
        parse_region_code(f"bps:{before_2023}")
    assert name in str(error.value) and "2023" in str(error.value)


@pytest.mark.parametrize(("typed", "problem"), [
    ("bps:9401", "re-coded Papua in 2023"), ("bps:99", "not in the BPS"),
    ("bps:52.03.07", r"provinces \(2 digits\)"), ("xx:52", "prefix must be bps: or kemendagri:"),
    ("99", "not a known province"), ("bps:", "digits"), ("kemendagri:abc", "digits"),
])
def test_wrong_codes_are_refused_with_a_reason(typed: str, problem: str) -> None:
    """Never a silent guess."""
    with pytest.raises(RegionCodeError, match=problem):
        parse_region_code(typed)


def test_laporbot_region_accepts_either_code_and_config_check_says_which(tmp_path: Path) -> None:
    """LAPORBOT_REGION=bps:94 is Kemendagri 91; a wrong one is a problem; config check prints the reading."""
    assert Settings.from_env({"LAPORBOT_REGION": "bps:94"}).region == "91"
    assert Settings.from_env({"LAPORBOT_REGION": "94"}).region == "94"
    assert Settings.from_env({"LAPORBOT_REGION": "kemendagri:52.03"}).region == "52.03"
    assert Settings.from_env({"LAPORBOT_REGION": "bps:9601"}).region == "94.04"
    with pytest.raises(ConfigError) as error:
        Settings.from_env({"LAPORBOT_REGION": "bps:9401"})
    assert "LAPORBOT_REGION" in str(error.value)
    assert region_line({"LAPORBOT_REGION": "bps:94"}) == "Region: LAPORBOT_REGION=bps:94 read as BPS 94 = " \
                                                         "Kemendagri 91 (Papua)"
    assert problems({"LAPORBOT_REGION": "bps:94"}) == []
    result = laporbot("config", "check", LAPORBOT_REGION="bps:5203",
                      DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/x.db")
    assert result.returncode == 0, result.stderr
    assert "LAPORBOT_REGION=bps:5203 read as BPS 5203 = Kemendagri 52.03 (Kabupaten Lombok Timur)" in result.stdout


def test_units_csv_accepts_bps_codes_and_keeps_how_they_were_read(tmp_path: Path) -> None:
    """units.csv: bps:5203 becomes 52.03 (and says so), plain codes stay, a wrong one names its line."""
    path = tmp_path / "units.csv"
    path.write_text("code,name,region_code\npkm_selong,Puskesmas Selong,bps:5203\n"
                    "pkm_sakra,Puskesmas Sakra,52.03.09\ndukcapil_papua,Dukcapil Papua,bps:94\n", encoding="utf-8")
    units = {u.code: u for u in read_units(path).units}
    assert (units["pkm_selong"].region_code, units["pkm_selong"].region_read) == (
        "52.03", "BPS 5203 = Kemendagri 52.03 (Kabupaten Lombok Timur)")
    assert (units["pkm_sakra"].region_code, units["pkm_sakra"].region_read) == ("52.03.09", None)
    assert units["dukcapil_papua"].region_code == "91"
    path.write_text("code,name,region_code\nx,X,bps:9999\n", encoding="utf-8")
    with pytest.raises(UnitsError) as error:
        read_units(path)
    assert "units.csv:2: region_code" in str(error.value.problems)


def test_agencies_csv_accepts_bps_codes(tmp_path: Path) -> None:
    """An agencies CSV row with region_code bps:5203 is the Lombok Timur agency; a wrong one names its line."""
    path = tmp_path / "agencies.csv"
    path.write_text("code,name,level,region_code,aliases,parent\n"
                    "dinkes-lotim,Dinas Kesehatan Kabupaten Lombok Timur,kabupaten,bps:5203,dinkes lotim,\n"
                    "dinkes-ntb,Dinas Kesehatan Provinsi NTB,provinsi,52,,\n", encoding="utf-8")
    agencies = {a.code: a for a in read_agencies_csv(path, load_nomenclature())}
    assert (agencies["dinkes-lotim"].region_code, agencies["dinkes-ntb"].region_code) == ("52.03", "52")
    path.write_text("code,name,level,region_code,aliases,parent\nx,X,kabupaten,bps:9401,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"agencies.csv:2: region_code .*Papua"):
        read_agencies_csv(path, load_nomenclature())


def test_survey_units_says_which_code_system_each_unit_was_read_in(tmp_path: Path) -> None:
    """`laporbot survey units` (a fresh process) prints how a bps: code was read, next to the Kemendagri code."""
    units = tmp_path / "units.csv"
    units.write_text("code,name,region_code\npkm_timika,Puskesmas Timika,bps:9601\n"
                     "pkm_selong,Puskesmas Selong,52.03\n", encoding="utf-8")
    result = laporbot("survey", "units", LAPORBOT_UNITS_CSV=str(units),
                      DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/x.db")
    assert result.returncode == 0, result.stderr
    lines = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert lines["pkm_timika"] == "Puskesmas Timika\t94.04\t(BPS 9601 = Kemendagri 94.04 (Kabupaten Mimika))"
    assert lines["pkm_selong"] == "Puskesmas Selong\t52.03"


def test_agencies_csv_logs_which_code_system_a_bps_code_was_read_in(tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    """An agencies CSV's bps: code is logged with its reading (an agency's code, no citizen data)."""
    path = tmp_path / "agencies.csv"
    path.write_text("code,name,level,region_code,aliases,parent\n"
                    "dinkes-mimika,Dinas Kesehatan Kabupaten Mimika,kabupaten,bps:9601,,\n", encoding="utf-8")
    with caplog.at_level("INFO"):
        (agency,) = read_agencies_csv(path, load_nomenclature())
    assert agency.region_code == "94.04"
    assert "agencies.csv:2: region_code BPS 9601 = Kemendagri 94.04 (Kabupaten Mimika)" in caplog.text
