"""Drive the real pipeline as a channel would: deterministic clock, ids and a small agency list."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from bot.conversation.guards import OpsSettings
from bot.conversation.inbox import Handled, Inbox
from bot.core.clock import FixedClock
from bot.core.i18n import Catalog
from bot.core.messages import Inbound, Location, Media, Reply
from bot.core.tracking import SequentialIds
from bot.outbox.claims import ClaimLedger
from bot.understanding.agency_directory import AgencyDirectory, CatalogAgencies
from bot.understanding.place_directory import PlaceDirectory, default_places
from bot.understanding.story import read_story, story_words
from bot.wiring import turn_pipeline
from flows.engine import Engine
from flows.library import default_engine
from flows.ports import FlowConfig, StoryReading
from models.db import Database
from models.tables import Complaint

HOME = "52.03"  # transcripts play in Kabupaten Lombok Timur


@cache
def shipped_agencies() -> AgencyDirectory:
    """The national agency catalog, loaded once per test run."""
    from bot.understanding import AgencyCatalog

    return CatalogAgencies(AgencyCatalog.default())


@cache
def shipped_places() -> PlaceDirectory:
    """The Kemendagri region index, loaded once per test run."""
    return default_places()


def read_shipped_story(text: str, today: date) -> StoryReading:
    """A first message read as the bot reads it in a national deployment (no kabupaten of its own), shipped data."""
    agencies, places = shipped_agencies(), shipped_places()
    return read_story(text, today, story_words(Catalog.load()), resolve_place=lambda t: places.resolve(t, None),
                      suggest_agency=agencies.suggest, suggest_category=agencies.category, home=None,
                      agency_category=agencies.usual_category, story_places=agencies.story_places)


class StoredRows:
    """What the transcript checks read from the database: complaints and row counts."""

    db: Database

    async def complaints(self) -> list[Complaint]:
        """Every stored complaint, oldest first."""
        async with self.db.read() as session:
            return list((await session.exec(select(Complaint).order_by(Complaint.id))).all())

    async def count(self, table: Any) -> int:
        """Rows in a table."""
        async with self.db.read() as session:
            return int((await session.exec(select(func.count()).select_from(table))).one())


class ChatHarness(StoredRows):
    """Send messages as citizens and read what the bot answers."""

    def __init__(self, db: Database, clock: FixedClock, *, agencies: AgencyDirectory | None = None,
                 config: FlowConfig | None = None, channel: str = "telegram", ops: OpsSettings | None = None,
                 ledger: ClaimLedger | None = None, engine: Engine | None = None) -> None:
        """ops: the guard stages in front of the engine, as `laporbot run` builds them (None: the flows alone);
        engine: the flows (default: the shipped ones)."""
        self.db = db
        self.clock = clock
        self.channel = channel
        self.inbox = Inbox(db, turn_pipeline(engine or default_engine(), ops), config=config or FlowConfig(region=HOME),  # type: ignore[arg-type]
                           clock=clock, agencies=agencies or shipped_agencies(), new_tracking_no=SequentialIds(),
                           places=shipped_places(), on_claimed=ledger.add if ledger else None)
        self._ids = itertools.count(1)
        self.last: dict[str, Inbound] = {}
        self.prompt: dict[str, str | None] = {}

    async def send(self, user: str = "warga", text: str | None = None, *, choice: str | None = None,
                   location: tuple[float, float] | None = None, media: tuple[str, str] | None = None,
                   command: str | None = None, locale: str | None = None, stale: bool = False,
                   message_id: str | None = None) -> list[Reply]:
        """One citizen message through record -> engine -> outbox; returns the replies."""
        msg = Inbound(
            channel=self.channel, user_id=user, message_id=message_id or f"m{next(self._ids)}", text=text,
            choice_id=choice, prompt_id=("0" if stale else self.prompt.get(user)) if choice else None,
            command=command, location=Location(*location) if location else None,
            media=(Media(media[0], media[1]),) if media else (),  # type: ignore[arg-type]
            locale_hint=locale,
        )
        return self._remember(user, msg, await self.inbox.handle(msg))

    async def answer(self, user: str, replies: list[Reply], answers: Mapping[str, Mapping[str, Any]], *,
                     until: str | None = None) -> list[Reply]:
        """Answer each question by how it begins (a question the story already answered is not asked), until
        one beginning with `until` or one `answers` does not know; the last replies."""
        for _ in range(30):
            asked = replies[-1].text if replies else ""
            if until is not None and asked.startswith(until):
                return replies
            step = next((v for k, v in answers.items() if asked.startswith(k)), None)
            if step is None:
                return replies
            replies = await self.send(user, **step)
        raise AssertionError(f"{user}: still answering after 30 questions")

    async def resend(self, user: str = "warga") -> list[Reply]:
        """Deliver the citizen's previous message again, same channel message id (a webhook retry)."""
        msg = self.last[user]
        return self._remember(user, msg, await self.inbox.handle(msg))

    def _remember(self, user: str, msg: Inbound, handled: Handled) -> list[Reply]:
        self.last[user] = msg
        for reply in handled.replies:
            if reply.prompt_id:
                self.prompt[user] = reply.prompt_id
        return handled.replies
