"""The engine's port onto storage (flows.ports.FlowServices) for one citizen and one turn, inside the turn's
transaction: complaints stored with whatever must commit with them (the complaint hooks), the citizen's
complaints and their history, the agency and place directories, the story reader."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.core.clock import Clock
from bot.core.i18n import Catalog
from bot.surveys.config import SurveyConfig
from bot.surveys.services import StoreSurveys
from bot.understanding.agency_directory import AgencyDirectory
from bot.understanding.place_directory import PlaceDirectory
from flows.dates import DATE_SLOTS
from flows.ports import (
    AgencyChoice,
    ComplaintBrief,
    ComplaintStatus,
    FlowConfig,
    PlaceCandidate,
    PlaceResult,
    StatusEntry,
    StoryReading,
)
from models import store
from models.db import Session
from models.tables import Complaint

log = logging.getLogger("laporbot.inbox")

#: What runs in the transaction that stores a complaint (forwarding's outbox entry, the admin case).
ComplaintHook = Callable[[Session, Complaint], Any]


@dataclass
class StoreServices:
    """The engine's port onto storage for one citizen and one turn, inside the turn's transaction."""

    session: Session
    catalog: Catalog
    config: FlowConfig
    clock: Clock
    agencies: AgencyDirectory
    places: PlaceDirectory
    citizen_id: int
    inbound_id: int | None
    channel: str
    new_tracking_no: Callable[[], str]
    locale: str
    on_complaint: tuple[ComplaintHook, ...] = ()
    batch: Any = None  # what the engine read once for the whole batch of turns (see Inbox._prepare)
    surveys_config: SurveyConfig = field(default_factory=SurveyConfig)  # units and SKM period (bot/wiring.py's)
    # the last story read this turn: the menu asks "is it a story?" and then takes it, the story step reads it
    # for its slots and then for its title — one reading (~1 ms for a long story) serves them all
    _last_reading: tuple[str, StoryReading] | None = field(default=None, init=False, repr=False)

    def now(self) -> datetime:
        """The current time."""
        return self.clock.now()

    @property
    def surveys(self) -> StoreSurveys:
        """The survey port, on this turn's session."""
        return StoreSurveys(self.session, self.citizen_id, self.now, self.config.timezone, self.surveys_config)

    async def submit_complaint(self, answers: Mapping[str, Any]) -> str:
        """Store the complaint once per inbound message, with whatever must commit with it."""
        if self.inbound_id is not None:
            existing = await store.complaint_by_source(self.session, self.inbound_id)
            if existing is not None:
                return existing.tracking_no
        tracking_no = self.new_tracking_no()
        while await store.tracking_taken(self.session, tracking_no):
            tracking_no = self.new_tracking_no()
        complaint = await store.create_complaint(
            self.session, tracking_no=tracking_no, citizen_id=self.citizen_id, inbound_id=self.inbound_id,
            channel=self.channel, locale=self.locale, answers=answers, now=self.now())
        for hook in self.on_complaint:
            result = hook(self.session, complaint)
            if hasattr(result, "__await__"):
                await result
        log.info("complaint stored", extra={"tracking_no": tracking_no, "inbound_id": self.inbound_id})
        return tracking_no

    async def my_complaints(self, limit: int = 5) -> list[ComplaintBrief]:
        """The citizen's latest complaints."""
        rows = await store.citizen_complaints(self.session, self.citizen_id, limit)
        return [ComplaintBrief(c.tracking_no, c.title) for c in rows]

    async def complaint_status(self, tracking_no: str) -> ComplaintStatus | None:
        """One of the citizen's complaints with its history."""
        found = await store.citizen_complaint(self.session, self.citizen_id, tracking_no)
        if found is None or found.id is None:
            return None
        history = await store.status_history(self.session, found.id)
        return ComplaintStatus(
            tracking_no=found.tracking_no, title=found.title, status=found.status, created_at=found.created_at,
            history=tuple(StatusEntry(h.at, h.status, h.note) for h in history), remote_id=found.remote_id)

    def match_agency(self, text: str, region: str | None) -> list[AgencyChoice]:
        """Agencies the text may name."""
        return self.agencies.match(text, region)

    def agency_name(self, code: str) -> str | None:
        """An agency's display name."""
        return self.agencies.name(code)

    def suggest_agency(self, description: str, region: str | None) -> list[AgencyChoice]:
        """Agencies responsible for what the story describes."""
        return self.agencies.suggest(description, region)

    def agency_category(self, code: str) -> str | None:
        """The complaint category an agency usually handles."""
        return self.agencies.usual_category(code)

    def suggest_category(self, description: str) -> str | None:
        """The category the story most likely belongs to."""
        return self.agencies.category(description)

    def resolve_place(self, text: str, home: str | None = None) -> PlaceResult:
        """The region a typed place names: the deployment's own region first, or `home` (the kabupaten the story
        named) where the deployment has none or `home` lies inside it."""
        own = self.config.region
        # a kabupaten's own channel keeps its kabupaten first: a story's reading may come from a word alone
        # ("berbau" read as Berau), and its citizens' places are its own
        nearer = home if home and (not own or home.startswith(own + ".")) else own
        return self.places.resolve(text, nearer)

    def locate_place(self, lat: float, lon: float) -> PlaceCandidate | None:
        """The region a shared GPS point lies in."""
        return self.places.locate(lat, lon)

    def read_story(self, text: str) -> StoryReading:
        """One message read as a complaint (bot/understanding/story.py) with this deployment's catalogs."""
        from zoneinfo import ZoneInfo

        from bot.understanding.story import read_story, story_words

        if self._last_reading is not None and self._last_reading[0] == text:
            return self._last_reading[1]
        today = self.now().astimezone(ZoneInfo(self.config.timezone)).date()
        reading = read_story(text, today, story_words(self.catalog), resolve_place=self.resolve_place,
                             suggest_agency=self.suggest_agency, suggest_category=self.suggest_category,
                             home=self.config.region, agency_category=self.agency_category,
                             story_places=self.agencies.story_places)
        self._last_reading = (text, reading)
        return reading

    async def hand_to_staff(self, answers: Mapping[str, Any], step: str | None) -> str | None:
        """A case for the admins holding the conversation so far; never forwarded to the central system."""
        payloads = await store.recent_payloads(self.session, self.citizen_id, 30)
        said = [str(p.get("text") or p.get("choice_id") or "") for p in payloads if isinstance(p, dict)]
        said = [line for line in said if line]
        body = "\n".join(f"> {line}" for line in said) or "-"
        title = self.catalog.text("common.agent_case_title", self.locale)
        tracking_no = self.new_tracking_no()
        while await store.tracking_taken(self.session, tracking_no):
            tracking_no = self.new_tracking_no()
        filed = {k: v for k, v in answers.items() if k in ("classification", "location", "agency", "category",
                                                         *DATE_SLOTS, "attachments")}
        complaint = await store.create_complaint(
            self.session, tracking_no=tracking_no, citizen_id=self.citizen_id, inbound_id=None,
            channel=self.channel, locale=self.locale, now=self.now(),
            # rahasia: the conversation is for our officers, never shown by the public Open311 API
            answers={**filed, "title": title, "body": body, "contact_consent": True, "is_secret": True})
        # the admin case hook only: a call for help is for our officers, not a complaint for LAPOR!
        for hook in self.on_complaint:
            if getattr(hook, "laporbot_forwarding", False):
                continue
            result = hook(self.session, complaint)
            if hasattr(result, "__await__"):
                await result
        log.info("citizen handed to staff", extra={"tracking_no": tracking_no, "step": step})
        return tracking_no
