"""Drive the real pipeline as a channel would: deterministic clock, ids and a small agency list."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from bot.abuse import GuardedEngine, OpsSettings
from bot.agencies import AgencyDirectory, CatalogAgencies
from bot.clock import FixedClock
from bot.inbox import Handled, Inbox
from bot.inclusive import install as install_inclusion
from bot.messages import Inbound, Location, Media, Reply
from bot.places import PlaceDirectory, default_places
from bot.tracking import SequentialIds
from bot.voice.settings import VoiceSettings
from bot.voice.stage import VoiceStage
from flows.library import default_engine
from flows.ports import FlowConfig
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
                 config: FlowConfig | None = None, channel: str = "telegram") -> None:
        self.db = db
        self.clock = clock
        self.channel = channel
        self.inbox = Inbox(db, default_engine(), config=config or FlowConfig(region=HOME), clock=clock,
                           agencies=agencies or shipped_agencies(), new_tracking_no=SequentialIds(),
                           places=shipped_places())
        # voice: the stage `laporbot run` has in front of the engine (no speech to text here: notes are files)
        self.inbox.engine = VoiceStage(self.inbox.engine, VoiceSettings(), transcribing=False, speaking=False)
        install_inclusion(self.inbox)  # as build_core does: simple mode, protection for women and children
        self._ids = itertools.count(1)
        self.last: dict[str, Inbound] = {}
        self.prompt: dict[str, str | None] = {}

    def add_ops_guards(self) -> None:
        """A transcript's `@ops`: the abuse checks in front (emergency numbers), without the rate limit."""
        self.inbox.engine = GuardedEngine(self.inbox.engine, OpsSettings(rate_limit=0))  # type: ignore[arg-type]

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
