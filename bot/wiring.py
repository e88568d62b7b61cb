"""The composition root: every part of a laporbot process is built here, once, from settings.

`laporbot run` (bot/server.py), `laporbot chat` (bot/cli.py), the operator commands and the tests call
`build_core`; nothing is wrapped or replaced after it returns. The turn pipeline is declared in one place,
`turn_pipeline`: voice, the guard stages of bot/conversation/guards.py and simple mode in front of the one engine.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import cache, partial
from pathlib import Path
from typing import Any

from bot.admin import cases as admin_cases
from bot.admin.sla import AdminSettings
from bot.app import Core, Sections, load_agencies, section_of
from bot.conversation import guards as abuse
from bot.conversation.guards import Guard, OpsSettings
from bot.conversation.inbox import Inbox
from bot.conversation.inclusive import InclusiveEngine
from bot.conversation.services import ComplaintHook, StoreServices
from bot.conversation.status import StatusChanger
from bot.core.clock import Clock, SystemClock
from bot.core.i18n import default_catalog
from bot.core.messages import Inbound
from bot.core.tracking import random_tracking_number
from bot.forwarding import workers as forwarding
from bot.forwarding.settings import ForwardingSettings
from bot.ops.metrics import CountingSender
from bot.outbox.claims import ClaimLedger
from bot.outbox.delivery import Deliverer, Sender
from bot.sections import SECTIONS
from bot.settings import Settings
from bot.surveys.config import SurveyConfig
from bot.surveys.custom_loader import load_surveys
from bot.understanding.agency_directory import AgencyDirectory
from bot.understanding.place_directory import PlaceDirectory, default_places
from bot.voice.settings import VoiceSettings
from bot.voice.stage import VoiceStage
from bot.voice.wiring import Voice
from flows.engine import Engine, Turn
from flows.library import default_engine, engine_with
from flows.ports import FlowServices
from flows.state import ConversationState
from models.db import PendingMigration, Session


class Pipeline:
    """The engine behind an ordered list of guard stages: what the Inbox runs for every turn."""

    def __init__(self, stages: Sequence[Guard], engine: Engine) -> None:
        self.stages = tuple(stages)
        self.engine = engine
        self.catalog = engine.catalog
        self.flows = engine.flows  # the voice stage reads a flow's keeps_draft

    async def prepare_batch(self, session: Session, turns: Sequence[tuple[int, int]],
                            now: datetime) -> dict[str, Any] | None:
        """What the stages read once for a whole batch of turns, by stage name (None when none reads anything)."""
        found = {}
        for stage in self.stages:
            prepared = await stage.prepare_batch(session, turns, now)
            if prepared is not None:
                found[stage.name] = prepared
        return found or None

    async def handle(self, state: ConversationState, msg: Inbound, services: FlowServices) -> Turn:
        """One turn through every stage and the engine; services without storage (tools) go to the engine alone."""
        if not self.stages or not isinstance(services, StoreServices):
            return await self.engine.handle(state, msg, services)
        run: Any = self.engine.handle
        for stage in reversed(self.stages):
            run = partial(stage, next=run)
        return await run(state, msg, services)  # type: ignore[no-any-return]

    async def start(self, state: ConversationState, flow_id: str, services: FlowServices,
                    preset: Mapping[str, Any] | None = None) -> Turn:
        """A flow the bot starts (no checks: nobody sent anything)."""
        return await self.engine.start(state, flow_id, services, preset)


def turn_pipeline(engine: Engine, ops: OpsSettings | None, voice: Voice | None = None) -> VoiceStage:
    """The turn pipeline, outermost first: voice (notes heard and read back, prompts spoken); the guard stages
    (counted, emergency numbers, rate limit, erasure, duplicates; none when ops is None: tools and tests that want
    the flows alone); simple mode and protection for women and children (bot/conversation/inclusive.py); the engine.

    A transcribed voice note goes through the whole pipeline again as text, so the guards see what was said.
    """
    stages: list[Guard] = [] if ops is None else [
        abuse.Counted(),
        abuse.Emergency(engine.catalog, ops.emergency_repeat),
        abuse.RateLimit(engine.catalog, ops.rate_limit),
        abuse.Erasure(engine),
        abuse.Duplicate(engine, ops.duplicate_window),
    ]
    return (voice or Voice()).stage(Pipeline(stages, InclusiveEngine(engine)))


@cache
def _engine_for_surveys(directory: Path | None) -> Engine:
    if directory is None:
        return default_engine()
    base = default_catalog()
    custom = load_surveys(directory, base)  # every agency survey checked now, at start-up
    return engine_with(custom.flows, (custom.messages,), base)


def engine_for(surveys: SurveyConfig) -> Engine:
    """One engine per process (it holds no conversation state), with the agency surveys of LAPORBOT_SURVEYS_DIR."""
    return _engine_for_surveys(surveys.surveys_dir)


def read_sections(settings: Settings) -> Sections:
    """Every settings section of bot/sections.py, each read once from the environment with its problems.

    The one place features' settings are read (tests/app/test_settings_tree.py): features get theirs from
    `Core.section` or as an argument. `laporbot config check` and `laporbot run` report every problem first;
    forwarding's are reported again when its workers start, the admin side and voice refuse to start with any,
    the WhatsApp channel logs its own when it is built.
    """
    env = settings.extra
    found: Sections = {}
    for kind in SECTIONS:
        if kind is Settings:
            found[kind] = (settings, [])  # read (and checked) by Settings.from_env
        elif kind is AdminSettings:
            found[kind] = AdminSettings.read(settings, env)  # over the core settings' zone, budgets and token
        else:
            found[kind] = kind.parse(env)
    return found


def _catalogs(settings: Settings, agencies: AgencyDirectory | None, places: PlaceDirectory | None
              ) -> tuple[AgencyDirectory, PlaceDirectory]:
    """The agency and place catalogs the caller did not give, loaded (in a thread: they take about a second)."""
    return (load_agencies(settings) if agencies is None else agencies,
            default_places() if places is None else places)


async def build_core(settings: Settings, *, clock: Clock | None = None,
                     new_tracking_no: Callable[[], str] | None = None,
                     agencies: AgencyDirectory | None = None, places: PlaceDirectory | None = None,
                     senders: dict[str, Sender] | None = None, migrate: bool = True,
                     migration: PendingMigration | None = None,
                     ops: OpsSettings | None = None, engine: Engine | None = None,
                     sections: Sections | None = None) -> Core:
    """Open the database (migrating it) and assemble the process: engine, pipeline, inbox, outbox, hooks.

    ops: the guard stages' settings (`laporbot run` and `laporbot chat` pass them); None runs the flows alone.
    engine: the flows (default: the shipped ones with LAPORBOT_SURVEYS_DIR's; tests pass their own).
    sections: the settings sections, when the caller read them already (read_sections; read here otherwise).
    migration: the migration a child process runs (Database.start_migration: `laporbot run`), waited for here.
    Sends are counted for /metrics, and spoken where mode suara needs it, whichever channel registers a sender.
    """
    sections = sections if sections is not None else read_sections(settings)
    surveys = section_of(sections, SurveyConfig, checked=True)  # a broken units file or surveys folder stops start-up
    db = settings.open_database()
    # Region and agency data take about a second to index: loaded off the event loop, once, at start, while the
    # database is migrated (in a child process, given a migration, on the other core).
    # One thread, one after the other: two at once cost ~5 MB more (another malloc arena), for no time saved.
    loading = asyncio.create_task(asyncio.to_thread(_catalogs, settings, agencies, places))
    try:
        if migrate:
            await db.migrate(started=migration)
    finally:
        agencies, places = await loading
    clock = clock or SystemClock()
    engine = engine or engine_for(surveys)
    voice = Voice.configured(section_of(sections, VoiceSettings, checked=True))
    hooks: list[ComplaintHook] = []
    ledger = ClaimLedger()
    pipeline = turn_pipeline(engine, ops, voice)
    inbox = Inbox(db, pipeline, config=settings.flow_config, clock=clock,  # type: ignore[arg-type]
                  agencies=agencies, new_tracking_no=new_tracking_no or random_tracking_number, on_complaint=hooks,
                  places=places, on_claimed=ledger.add, surveys=surveys)
    spoken = voice.spoken_senders(db, clock)

    def wrap(sender: Sender, channel: str) -> Sender:
        return CountingSender(spoken(sender, channel) if spoken else sender, channel)

    deliverer = Deliverer(db, senders or {}, clock, wrap=wrap)
    core = Core(settings, db, engine, inbox, deliverer, clock, agencies, places, StatusChanger(inbox), hooks, ledger,
                voice, pipeline, sections)
    # every new complaint gets its forwarding outbox entry (bot/forwarding/workers.py) ...
    forwarding.install(core, core.section(ForwardingSettings))
    # ... and its case, SLA clock and admin cards (bot/admin/cases.py)
    admin_cases.install(core, core.section(AdminSettings, checked=True))
    return core
