"""Service units (the CSV, matching what citizens type) and survey periods in Asia/Jakarta."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.surveys.config import SurveyConfig, SurveyConfigError
from bot.surveys.period import period_of, period_of_date
from bot.surveys.units import UnitsError, load_units, read_units, whatsapp_start_payload


@pytest.mark.parametrize(("typed", "code"), [
    ("Puskesmas Selong", "puskesmas_selong"),
    ("pkm selong", "puskesmas_selong"),  # the usual abbreviation
    ("pusksmas masbagk", "puskesmas_masbagik"),  # typos
    ("capil", "dukcapil_lotim"),
    ("SKM samsat_selong", "samsat_selong"),  # the text the WhatsApp link prefills
    ("RSUD_SELONG", "rsud_selong"),  # a code, whatever the case
])
def test_typed_names_find_the_unit(typed: str, code: str) -> None:
    """One clear match is taken."""
    unit, _ = load_units().best(typed)
    assert unit is not None and unit.code == code


def test_vague_names_offer_candidates() -> None:
    """"selong" fits four units: they are offered, best first; nonsense finds nothing."""
    unit, candidates = load_units().best("selong")
    assert unit is None
    assert [m.unit.code for m in candidates] == ["kec_selong", "puskesmas_selong", "rsud_selong", "samsat_selong"]
    assert load_units().best("xyz") == (None, [])


def test_start_payload_and_whatsapp_keyword() -> None:
    """/start skm_<code> and the wa.me text "SKM <code>" name the same unit."""
    units = load_units()
    assert units.from_start_payload("skm_Puskesmas_Selong").code == "puskesmas_selong"  # type: ignore[union-attr]
    assert units.from_start_payload("puskesmas_selong") is None
    assert units.from_start_payload("skm_nowhere") is None
    assert whatsapp_start_payload("SKM puskesmas_selong") == "skm_puskesmas_selong"
    assert whatsapp_start_payload("skm  kec_selong ") == "skm_kec_selong"
    assert whatsapp_start_payload("mau lapor jalan rusak") is None


def test_bad_units_file(tmp_path: Path) -> None:
    """Every bad line is reported with its number."""
    path = tmp_path / "units.csv"
    path.write_text("code,name\nok_1,Loket\nok_1,Loket lagi\nbad code,X\nno_name,\n", encoding="utf-8")
    with pytest.raises(UnitsError) as caught:
        read_units(path)
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in caught.value.problems] == ["3", "4", "5"]
    path.write_text("kode,nama\n", encoding="utf-8")
    with pytest.raises(UnitsError, match="missing column"):
        read_units(path)
    with pytest.raises(UnitsError, match="no such file"):
        load_units(tmp_path / "missing.csv")


@pytest.mark.parametrize(("kind", "key", "label"), [
    ("quarter", "2026-Q3", "Juli–September 2026"),
    ("month", "2026-08", "Agustus 2026"),
    ("semester", "2026-S2", "Juli–Desember 2026"),
    ("year", "2026", "2026"),
])
def test_periods(kind: str, key: str, label: str) -> None:
    """Each kind of period, with its stored key and its name."""
    period = period_of_date(date(2026, 8, 20), kind)
    assert (period.key, period.label("id")) == (key, label)


def test_period_follows_the_local_date() -> None:
    """1 October 00:30 WIB is the fourth quarter although it is still 30 September in UTC."""
    assert period_of(datetime(2026, 9, 30, 16, 30, tzinfo=UTC)).key == "2026-Q3"
    assert period_of(datetime(2026, 9, 30, 17, 30, tzinfo=UTC)).key == "2026-Q4"
    assert period_of(datetime(2026, 9, 30, 17, 30, tzinfo=UTC)).label("en") == "October–December 2026"
    with pytest.raises(ValueError):
        period_of(datetime(2026, 9, 30))
    with pytest.raises(ValueError, match="unknown survey period"):
        period_of_date(date(2026, 1, 1), "week")


def test_survey_config_from_env(tmp_path: Path) -> None:
    """Problems are listed together; good values are read."""
    config = SurveyConfig.from_env({"LAPORBOT_SKM_PERIOD": "Month"})
    assert config.period == "month" and len(config.units()) == 6
    with pytest.raises(SurveyConfigError) as caught:
        SurveyConfig.from_env({"LAPORBOT_SKM_PERIOD": "week", "LAPORBOT_SURVEYS_DIR": str(tmp_path / "none"),
                               "LAPORBOT_UNITS_CSV": str(tmp_path / "units.csv")})
    assert len(caught.value.problems) == 3
