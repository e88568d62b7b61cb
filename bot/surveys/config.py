"""Survey settings from the environment, checked at start-up with one line per problem.

LAPORBOT_UNITS_CSV       the service units (code,name,region_code); default: the shipped example
LAPORBOT_SKM_PERIOD      quarter (default) | month | semester | year: one SKM per citizen, unit, period
LAPORBOT_SURVEYS_DIR     a folder of agency surveys as YAML/JSON files (read by bot/surveys/custom_loader.py)
LAPORBOT_TIMEZONE        the zone periods are counted in (Asia/Jakarta)
LAPORBOT_TELEGRAM_USERNAME, LAPORBOT_WHATSAPP_NUMBER   the links printed on unit QR posters
LAPORBOT_SKM_WEIGHT      1/9 (default, exact) | 0.111: the weight of each unsur in IKM reports
LAPORBOT_SKM_ORDER       model (default) | regulation: how u8/u9 columns are read and U8/U9 numbered
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from bot.config.reader import Enum, FilePath, Reader, Section, Text, Var
from bot.settings import ConfigError, Settings
from bot.surveys.ikm import WEIGHT_EXACT, WEIGHTINGS, parse_weighting
from bot.surveys.period import DEFAULT_PERIOD, DEFAULT_TZ, PERIODS
from bot.surveys.units import UnitDirectory, UnitsError, load_units
from flows import skm


class SurveyConfigError(ConfigError):
    """Survey configuration problems, one per line (caught where other configuration errors are)."""


@dataclass(frozen=True)
class SurveyConfig(Section):
    """Where the units and agency surveys are, and how long an SKM period is."""

    TABLE: ClassVar[str] = "surveys"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("LAPORBOT_UNITS_CSV", FilePath(), None, "the service units: `code,name,region_code`, optionally "
            "`skm_weight` and `skm_order` per unit (over the two settings below)", field="units_csv",
            shown="shipped example"),
        Var("LAPORBOT_SKM_PERIOD", Enum(PERIODS), DEFAULT_PERIOD, "`month`, `quarter`, `semester` or `year`: one SKM "
            "per citizen, unit and period", field="period"),
        Var("LAPORBOT_SURVEYS_DIR", FilePath("dir"), None, "a folder of agency surveys as YAML/JSON "
            "(`bot/data/survey.example.yaml`)", field="surveys_dir"),
        Var("LAPORBOT_TELEGRAM_USERNAME", Text(), None, "the Telegram link printed on QR posters",
            field="telegram_username"),
        Var("LAPORBOT_WHATSAPP_NUMBER", Text(), None, "the WhatsApp link printed on QR posters",
            field="whatsapp_number"),
        Var("LAPORBOT_SKM_WEIGHT", Text(), WEIGHT_EXACT, "weight of each unsur: exactly 1/9, or `0.111` for units "
            "whose spreadsheets use it (`--weight` per report)"),
        Var("LAPORBOT_SKM_ORDER", Enum(skm.ORDERS), skm.DEFAULT_ORDER, "how `u1..u9` columns are read and U8/U9 "
            "numbered: `model` or `regulation` (`--order` per command)", field="order"),
    )

    units_csv: Path | None = None
    period: str = DEFAULT_PERIOD
    surveys_dir: Path | None = None
    timezone: str = DEFAULT_TZ
    telegram_username: str | None = None
    whatsapp_number: str | None = None
    weighting: str = WEIGHT_EXACT
    order: str = skm.DEFAULT_ORDER

    def units(self) -> UnitDirectory:
        """The service units (re-read when the file changes)."""
        return load_units(self.units_csv)

    @classmethod
    def build(cls, values: dict[str, Any], reader: Reader) -> SurveyConfig:
        """The settings, the weighting and the units file checked (the zone is the core LAPORBOT_TIMEZONE)."""
        raw_weight = reader.read(cls.var("LAPORBOT_SKM_WEIGHT"))
        weighting = parse_weighting(raw_weight)
        if weighting is None:
            reader.problem("LAPORBOT_SKM_WEIGHT", f"use {' or '.join(WEIGHTINGS)}, got {raw_weight!r}")
        config = cls(**values, weighting=weighting or WEIGHT_EXACT,
                     timezone=reader.raw(Settings.var("LAPORBOT_TIMEZONE")) or DEFAULT_TZ)
        try:
            config.units()
        except UnitsError as error:
            reader.problems.extend(f"LAPORBOT_UNITS_CSV: {p}" for p in error.problems)
        return config

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SurveyConfig:
        """Read the LAPORBOT_* survey variables; SurveyConfigError lists every problem."""
        config, problems = cls.parse(env)
        if problems:
            raise SurveyConfigError(problems)
        return config
