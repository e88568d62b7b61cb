"""Agency survey files (YAML or JSON) read from LAPORBOT_SURVEYS_DIR and checked by flows/custom_survey.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.core.i18n import Catalog
from bot.surveys.config import SurveyConfig
from flows.custom_survey import CustomSurvey, InvalidSurvey, LoadedSurveys, parse_survey, register

SUFFIXES = (".yaml", ".yml", ".json")


def read_file(path: Path) -> Any:
    """Parse a YAML or JSON file (InvalidSurvey when it cannot be parsed)."""
    import yaml  # here: a server with no agency survey files never loads the YAML parser (~0.8 MB resident)

    try:
        text = path.read_text(encoding="utf-8")
        return json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InvalidSurvey([f"{path.name}: cannot be read: {exc.__class__.__name__}"]) from exc


def load_surveys(directory: Path, catalog: Catalog) -> LoadedSurveys:
    """Read and check every survey file of a folder, all problems reported together."""
    problems: list[str] = []
    surveys: list[CustomSurvey] = []
    seen: dict[str, str] = {}
    for path in sorted(p for p in directory.iterdir() if p.suffix.lower() in SUFFIXES):
        try:
            survey = parse_survey(read_file(path), catalog, path.name)
        except InvalidSurvey as error:
            problems.extend(error.problems)
            continue
        if survey.flow.id in seen:
            problems.append(f"{path.name}: id: {survey.flow.id!r} is also used by {seen[survey.flow.id]}")
            continue
        seen[survey.flow.id] = path.name
        surveys.append(survey)
    if problems:
        raise InvalidSurvey(problems)
    return register(surveys)


def configured_surveys(config: SurveyConfig, catalog: Catalog) -> LoadedSurveys:
    """The agency surveys of LAPORBOT_SURVEYS_DIR (none when it is not set), checked now."""
    directory = config.surveys_dir
    return load_surveys(directory, catalog) if directory else LoadedSurveys()
