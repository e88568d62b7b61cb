"""Wiring: build the database, engine, inbox and outbox from settings (the one composition root)."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.agencies import AgencyDirectory, CatalogAgencies, ListAgencies
from bot.clock import Clock, SystemClock
from bot.delivery import Deliverer, Sender
from bot.inbox import ComplaintHook, Inbox
from bot.inclusive import install as install_inclusion
from bot.places import PlaceDirectory, default_places
from bot.settings import Settings
from bot.status import StatusChanger
from bot.tracking import random_tracking_number
from flows.engine import Engine
from flows.library import default_engine
from models.db import Database


@dataclass
class Core:
    """The channel-independent heart of a laporbot process."""

    settings: Settings
    db: Database
    engine: Engine
    inbox: Inbox
    deliverer: Deliverer
    clock: Clock
    agencies: AgencyDirectory
    places: PlaceDirectory
    status: StatusChanger
    hooks: list[ComplaintHook] = field(default_factory=list)

    async def close(self) -> None:
        """Release the database."""
        await self.db.close()


def load_agencies(settings: Settings) -> AgencyDirectory:
    """The deployment's agency CSV if given, else the shipped national catalog."""
    if settings.agencies_csv is not None:
        return agencies_from_csv(settings.agencies_csv)
    from bot.understanding.agencies import AgencyCatalog

    return CatalogAgencies(AgencyCatalog.default())


def agencies_from_csv(path: Path) -> AgencyDirectory:
    """An agency directory from a CSV with at least code and name columns."""
    try:
        from bot.understanding.agencies import AgencyCatalog

        return CatalogAgencies(AgencyCatalog.from_csv(path))
    except ImportError:
        with path.open(newline="", encoding="utf-8") as fh:
            return ListAgencies((row["code"], row["name"]) for row in csv.DictReader(fh))


async def build_core(settings: Settings, *, clock: Clock | None = None,
                     new_tracking_no: Callable[[], str] | None = None,
                     agencies: AgencyDirectory | None = None, places: PlaceDirectory | None = None,
                     senders: dict[str, Sender] | None = None, migrate: bool = True,
                     engine: Engine | None = None) -> Core:
    """Open the database (migrating it), and assemble the pipeline (the default engine unless one is given)."""
    db = Database(settings.database_url, pool_size=settings.db_pool, sqlite_driver=settings.sqlite_driver,
                  timeout=settings.db_timeout)
    if migrate:
        await db.migrate()
    clock = clock or SystemClock()
    engine = engine or default_engine()
    # Region and agency data take about a second to index: load them off the event loop, once, at start.
    agencies = agencies or await asyncio.to_thread(load_agencies, settings)
    places = places or await asyncio.to_thread(default_places)
    hooks: list[ComplaintHook] = []
    inbox = Inbox(db, engine, config=settings.flow_config, clock=clock, agencies=agencies,
                  new_tracking_no=new_tracking_no or random_tracking_number, on_complaint=hooks, places=places)
    install_inclusion(inbox)  # simple mode, SAPA 129 and the Dinas P3A for violence stories (bot/inclusive.py)
    deliverer = Deliverer(db, senders or {}, clock)
    core = Core(settings, db, engine, inbox, deliverer, clock, agencies, places, StatusChanger(inbox), hooks)
    # --- forwarding to the central complaint system (bot/forwarding.py): outbox entry per new complaint ---
    from bot.forwarding import install

    install(core)
    # --- end forwarding ---
    # --- admin in chat (bot/admin_cases.py): each new complaint gets its case, SLA clock and admin cards ---
    from bot.admin_cases import install as install_admin

    install_admin(core)
    # --- end admin ---
    return core
