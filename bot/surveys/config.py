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

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.settings import ConfigError
from bot.surveys.ikm import WEIGHT_EXACT, WEIGHTINGS, parse_weighting
from bot.surveys.period import DEFAULT_PERIOD, DEFAULT_TZ, PERIODS
from bot.surveys.units import UnitDirectory, UnitsError, load_units
from flows import skm


class SurveyConfigError(ConfigError):
    """Survey configuration problems, one per line (caught where other configuration errors are)."""


@dataclass(frozen=True)
class SurveyConfig:
    """Where the units and agency surveys are, and how long an SKM period is."""

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
    def from_env(cls, env: Mapping[str, str] | None = None) -> SurveyConfig:
        """Read the LAPORBOT_* survey variables; SurveyConfigError lists every problem."""
        env = os.environ if env is None else env
        problems: list[str] = []
        units = env.get("LAPORBOT_UNITS_CSV") or None
        period = (env.get("LAPORBOT_SKM_PERIOD") or DEFAULT_PERIOD).strip().lower()
        if period not in PERIODS:
            problems.append(f"LAPORBOT_SKM_PERIOD: use one of {', '.join(PERIODS)}, got {period!r}")
            period = DEFAULT_PERIOD
        surveys = env.get("LAPORBOT_SURVEYS_DIR") or None
        if surveys and not Path(surveys).is_dir():
            problems.append(f"LAPORBOT_SURVEYS_DIR: no such folder {surveys!r}")
        weighting = parse_weighting(env.get("LAPORBOT_SKM_WEIGHT") or WEIGHT_EXACT)
        if weighting is None:
            problems.append(f"LAPORBOT_SKM_WEIGHT: use {' or '.join(WEIGHTINGS)}, got {env['LAPORBOT_SKM_WEIGHT']!r}")
        order = (env.get("LAPORBOT_SKM_ORDER") or skm.DEFAULT_ORDER).strip().lower()
        if order not in skm.ORDERS:
            problems.append(f"LAPORBOT_SKM_ORDER: use {' or '.join(skm.ORDERS)}, got {order!r}")
            order = skm.DEFAULT_ORDER
        config = cls(units_csv=Path(units) if units else None, period=period,
                     weighting=weighting or WEIGHT_EXACT, order=order,
                     surveys_dir=Path(surveys) if surveys else None,
                     timezone=env.get("LAPORBOT_TIMEZONE") or DEFAULT_TZ,
                     telegram_username=env.get("LAPORBOT_TELEGRAM_USERNAME") or None,
                     whatsapp_number=env.get("LAPORBOT_WHATSAPP_NUMBER") or None)
        try:
            config.units()
        except UnitsError as error:
            problems.extend(f"LAPORBOT_UNITS_CSV: {p}" for p in error.problems)
        if problems:
            raise SurveyConfigError(problems)
        return config


@cache
def survey_config() -> SurveyConfig:
    """The process's survey settings, read once (tests call survey_config.cache_clear())."""
    return SurveyConfig.from_env()
