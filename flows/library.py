"""Every flow the bot runs, and the engine built from them."""

from __future__ import annotations

from functools import cache

import flows.actions
import flows.custom_survey
import flows.providers
import flows.survey_steps
import flows.validators  # noqa: F401  (registers the named functions the flows refer to)
from bot.core.i18n import Catalog, default_catalog
from flows.complaint import COMPLAINT
from flows.engine import Engine
from flows.menu import HELP, MENU, STATUS
from flows.schema import Flow
from flows.survey_catalog import survey_catalog
from flows.surveys import SURVEY_FLOWS, survey_flows

CORE_FLOWS: tuple[Flow, ...] = (MENU, HELP, COMPLAINT, STATUS)
ALL_FLOWS: tuple[Flow, ...] = (*CORE_FLOWS, *SURVEY_FLOWS)


def build_engine(catalog: Catalog | None = None, flows: tuple[Flow, ...] = ALL_FLOWS) -> Engine:
    """The engine over every flow, with the shipped words (and the survey aliases) unless others are given."""
    return Engine(flows, catalog or survey_catalog(default_catalog()))


def engine_with(custom_flows: tuple[Flow, ...] = (), messages: tuple[dict[str, dict[str, str]], ...] = (),
                base: Catalog | None = None) -> Engine:
    """The engine over every flow plus finished agency-survey flows and their words (bot/wiring.py loads them)."""
    catalog = base or default_catalog()
    return build_engine(survey_catalog(catalog, messages), (*CORE_FLOWS, *survey_flows(custom_flows)))


@cache
def default_engine() -> Engine:
    """The engine over the shipped flows (no agency surveys); it holds no conversation state."""
    return engine_with()
