"""Every flow the bot runs, and the engine built from them."""

from __future__ import annotations

from functools import cache

import flows.actions
import flows.providers
import flows.validators  # noqa: F401  (registers the named functions the flows refer to)
from bot.i18n import Catalog, default_catalog
from flows.complaint import COMPLAINT
from flows.engine import Engine
from flows.menu import HELP, MENU, STATUS
from flows.schema import Flow

ALL_FLOWS: tuple[Flow, ...] = (MENU, HELP, COMPLAINT, STATUS)


def build_engine(catalog: Catalog | None = None, flows: tuple[Flow, ...] = ALL_FLOWS) -> Engine:
    """The engine over every flow, with the shipped words unless others are given."""
    return Engine(flows, catalog or default_catalog())


@cache
def default_engine() -> Engine:
    """One engine per process: it holds no conversation state."""
    return build_engine()
