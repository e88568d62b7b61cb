"""Every flow the bot runs, and the engine built from them."""

from __future__ import annotations

from functools import cache

import flows.actions
import flows.providers
import flows.survey_steps
import flows.validators  # noqa: F401  (registers the named functions the flows refer to)
from bot.i18n import Catalog, default_catalog
from flows.complaint import COMPLAINT
from flows.custom_survey import configured_surveys
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


@cache
def default_engine() -> Engine:
    """One engine per process: it holds no conversation state. Agency surveys are checked here, at start-up."""
    base = default_catalog()
    custom = configured_surveys(base)
    return build_engine(survey_catalog(base, [custom.messages]), (*CORE_FLOWS, *survey_flows(custom.flows)))
