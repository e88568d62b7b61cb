"""Abuse and bad input, in front of the engine: the guard stages of the turn pipeline.

Each stage (`Counted`, `Emergency`, `RateLimit`, `Erasure`, `Duplicate`) takes one turn and the rest of the
pipeline (`next`); bot/wiring.py declares their order once, in `turn_pipeline`. The Inbox runs the
pipeline inside the turn's transaction, after the message was recorded: so nothing is lost (a message held
back by the rate limit is still in the inbound log and marked handled), and every check runs under the
conversation's row lock on any replica. `Erasure` hands `/hapusdata` to bot/ops/privacy.py. The engine itself
stays pure.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

from bot.config.reader import Bool, Duration, Float, Int, Reader, Section, Var
from bot.conversation.emergency import EmergencyWords  # moved: emergencies now, not past events; violence words
from bot.conversation.services import StoreServices
from bot.core.i18n import Catalog
from bot.core.messages import Inbound, Reply
from bot.ops import metrics, privacy
from flows.engine import Engine, Turn
from flows.matching import clean
from flows.state import ConversationState
from models import guard_store
from models.db import Session
from models.guard_store import messages_in_window
from models.ops import CitizenGuard
from models.tables import Complaint

log = logging.getLogger("laporbot.abuse")

WINDOW = timedelta(minutes=1)
BODY_STEP = ("complaint", "ask_body")  # where a citizen types the story a duplicate is recognised by
_SPLIT = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class OpsSettings(Section):
    """Operations settings: abuse limits, data retention, shutdown and readiness (LAPORBOT_* variables)."""

    TABLE: ClassVar[str] = "ops"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("LAPORBOT_RATE_LIMIT_PER_MINUTE", Int(0, 10_000), 20,
            "messages per citizen per minute; beyond it one friendly slow-down message, then recorded but not "
            "answered until the minute passes; `0` = off", field="rate_limit"),
        Var("LAPORBOT_DUPLICATE_HOURS", Duration("hours", 0, 24 * 30), timedelta(hours=24),
            "the same complaint text again from the same citizen within this → \"sudah dilaporkan\" with the "
            "existing number; `0` = off", field="duplicate_window"),
        Var("LAPORBOT_EMERGENCY_REPEAT_MINUTES", Duration("minutes", 0, 24 * 60), timedelta(minutes=30),
            "emergency words (kebakaran, kecelakaan, darurat, tolong…) happening now (not \"pasca gempa 2018\", "
            "not \"hampir tabrakan\") → the numbers 112/110/113/119 first, at most this often per citizen",
            field="emergency_repeat"),
        Var("LAPORBOT_RETENTION_DAYS", Duration("days", 1, 3650), timedelta(days=90),
            "raw message text (inbound log and replies) older than this is blanked (UU PDP)", field="retention"),
        Var("LAPORBOT_RETENTION_INTERVAL_MINUTES", Duration("minutes", 1, 24 * 60), timedelta(hours=1),
            "how often the clean-up runs (one replica at a time)", field="retention_interval"),
        Var("LAPORBOT_SHUTDOWN_GRACE_SECONDS", Int(1, 600), 20, "time in-flight work may take after SIGTERM",
            field="shutdown_grace"),
        Var("LAPORBOT_TASK_DOWN_SECONDS", Float(0.01, 86400), 60.0,
            "a background task (Telegram polling, send retries, forwarding, the admin scheduler, retention, "
            "checkpoints) failing or restarting for longer than this makes `/readyz` 503 (`task down: …`)",
            field="task_down"),
        Var("LAPORBOT_METRICS", Bool(), True, "`0` turns `/metrics` off", field="metrics"),
    )

    rate_limit: int = 20  # messages per citizen per minute before the bot slows them down; 0 = off
    duplicate_window: timedelta = timedelta(hours=24)  # same story again within this: "sudah dilaporkan"
    emergency_repeat: timedelta = timedelta(minutes=30)  # the emergency numbers at most this often per citizen
    retention: timedelta = timedelta(days=90)  # raw inbound/outgoing message text kept this long
    retention_interval: timedelta = timedelta(hours=1)  # how often one replica runs the clean-up
    shutdown_grace: float = 20.0  # seconds in-flight work may take after SIGTERM
    metrics: bool = True  # serve /metrics
    task_down: float = 60.0  # seconds a supervised task may be down before /readyz says 503

    @classmethod
    def build(cls, values: dict[str, Any], reader: Reader) -> OpsSettings:
        """The settings, the grace in seconds as a float."""
        return cls(**{**values, "shutdown_grace": float(values["shutdown_grace"])})


# --------------------------------------------------------------------------- the guarded engine


def normalise_story(text: str) -> str:
    """What two stories must share to be "the same complaint": words, case and punctuation aside."""
    return " ".join(t for t in _SPLIT.split(clean(text)) if t)


async def recent_same_story(session: Session, citizen_id: int, story: str,
                            since: datetime) -> Complaint | None:
    """The citizen's complaint with the same story filed since `since`, if any."""
    wanted = normalise_story(story)
    if not wanted:
        return None
    for complaint in await guard_store.recent_complaints(session, citizen_id, since, limit=50):
        if normalise_story(complaint.body) == wanted:
            return complaint
    return None


class _DuplicateAwareServices:
    """The turn's services, except that submitting a story filed in the window returns the existing number."""

    def __init__(self, inner: StoreServices, window: timedelta) -> None:
        self._inner = inner
        self._window = window
        self.duplicate: Complaint | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def submit_complaint(self, answers: Mapping[str, Any]) -> str:
        """Store the complaint unless the same story was filed in the window."""
        found = await recent_same_story(self._inner.session, self._inner.citizen_id, str(answers.get("body") or ""),
                                        self._inner.now() - self._window)
        if found is not None:
            self.duplicate = found
            return found.tracking_no
        return str(await self._inner.submit_complaint(answers))


Next = Callable[[ConversationState, Inbound, Any], Awaitable[Turn]]


class Guard:
    """One stage of the turn pipeline: look at the turn, answer it or pass it on to `next`."""

    name = "guard"

    async def prepare_batch(self, session: Session, turns: Sequence[tuple[int, int]], now: datetime) -> Any:
        """What this stage reads once for a whole batch of (citizen id, inbound id) turns; None for nothing."""
        return None

    async def __call__(self, state: ConversationState, msg: Inbound, services: StoreServices, next: Next) -> Turn:
        """The turn, with this stage's check done."""
        return await next(state, msg, services)


class Counted(Guard):
    """Counts every citizen message that reaches the pipeline (laporbot_inbound_messages)."""

    name = "count"

    async def __call__(self, state: ConversationState, msg: Inbound, services: StoreServices, next: Next) -> Turn:
        """Count, then pass on."""
        metrics.INBOUND.labels(msg.channel).inc()
        return await next(state, msg, services)


class Emergency(Guard):
    """The emergency numbers before any answer, when a message reads like danger (at most every `repeat`)."""

    name = "emergency"

    def __init__(self, catalog: Catalog, repeat: timedelta) -> None:
        self.catalog = catalog
        self.repeat = repeat
        self.words = EmergencyWords.from_catalog(catalog)

    async def __call__(self, state: ConversationState, msg: Inbound, services: StoreServices, next: Next) -> Turn:
        """The rest of the pipeline's turn, with the emergency numbers first when due."""
        notice = None
        if msg.text and not msg.command and self.words.match(msg.text):
            if await self._due(services.session, services.citizen_id, services.now()):
                metrics.EMERGENCIES.labels(msg.channel).inc()
                notice = Reply(self.catalog.text("ops.emergency", state.locale or self.catalog.locales[0]))
        turn = await next(state, msg, services)
        if notice is not None:
            turn.replies[:0] = [notice]
        return turn

    async def _due(self, session: Session, citizen_id: int, now: datetime) -> bool:
        guard = await session.get(CitizenGuard, citizen_id)
        repeat = self.repeat
        if guard is not None and guard.emergency_at is not None and repeat and now - guard.emergency_at < repeat:
            return False
        guard = guard or CitizenGuard(citizen_id=citizen_id)
        guard.emergency_at = now
        session.add(guard)
        return True


class RateLimit(Guard):
    """More than `limit` messages a minute: recorded and marked handled, not answered (one kind word once)."""

    name = "rate_limit"

    def __init__(self, catalog: Catalog, limit: int) -> None:
        self.catalog = catalog
        self.limit = limit

    async def prepare_batch(self, session: Session, turns: Sequence[tuple[int, int]],
                            now: datetime) -> dict[int, int] | None:
        """Each inbound message's position in its citizen's last minute, for a whole batch in one query."""
        if not self.limit:
            return None
        citizens = sorted({citizen_id for citizen_id, _ in turns})
        rows = await guard_store.inbound_since(session, citizens, now - WINDOW)
        seen: dict[int, list[int]] = {}
        for citizen_id, inbound_id in rows:
            seen.setdefault(citizen_id, []).append(inbound_id)
        for ids in seen.values():
            ids.sort()
        return {inbound_id: bisect.bisect_right(seen.get(citizen_id, []), inbound_id)
                for citizen_id, inbound_id in turns}

    async def __call__(self, state: ConversationState, msg: Inbound, services: StoreServices, next: Next) -> Turn:
        """Nothing (or the slow-down word) over the limit; else the rest of the pipeline."""
        if not self.limit:
            return await next(state, msg, services)
        session, citizen_id, inbound_id = services.session, services.citizen_id, services.inbound_id
        prepared = services.batch.get(self.name) if isinstance(services.batch, dict) else None
        if isinstance(prepared, dict) and inbound_id in prepared:
            position = prepared[inbound_id]
        else:
            position = await messages_in_window(session, citizen_id, inbound_id, services.now() - WINDOW)
        if position <= self.limit:
            return await next(state, msg, services)
        metrics.RATE_LIMITED.labels(msg.channel).inc()
        replies = []
        if not await self._was_limited(session, citizen_id, inbound_id):
            log.info("citizen slowed down", extra={"citizen_id": citizen_id, "channel": msg.channel})
            replies.append(Reply(self.catalog.text("ops.slow_down", state.locale or self.catalog.locales[0])))
        return Turn(state.copy(), replies)

    async def _was_limited(self, session: Session, citizen_id: int, inbound_id: int | None) -> bool:
        """Whether the citizen's previous message was over the limit too (then the slow-down was said already)."""
        previous = await guard_store.previous_inbound(session, citizen_id, inbound_id)
        if previous is None:
            return False
        before = await messages_in_window(session, citizen_id, previous[0], previous[1] - WINDOW)
        return before > self.limit


class Erasure(Guard):
    """/hapusdata and its yes/no question (bot/ops/privacy.py), before the flows see the message."""

    name = "erasure"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    async def __call__(self, state: ConversationState, msg: Inbound, services: StoreServices, next: Next) -> Turn:
        """The erasure turn, or the rest of the pipeline's."""
        erased = await privacy.erasure_turn(self.engine, state, msg, services)
        return erased if erased is not None else await next(state, msg, services)


class Duplicate(Guard):
    """The same story filed again within `window`: no second complaint; the citizen is told the first one's number."""

    name = "duplicate"

    def __init__(self, engine: Engine, window: timedelta) -> None:
        self.engine = engine
        self.window = window

    async def __call__(self, state: ConversationState, msg: Inbound, services: StoreServices, next: Next) -> Turn:
        """The duplicate notice and the menu, or the rest of the pipeline's turn with any resubmission caught."""
        if not self.window:
            return await next(state, msg, services)
        locale = state.locale or self.engine.catalog.locales[0]
        if (state.flow, state.step) == BODY_STEP and not state.overlay and msg.text and not msg.command \
                and not msg.choice_id:
            found = await recent_same_story(services.session, services.citizen_id, msg.text,
                                            services.now() - self.window)
            if found is not None:
                return await self._duplicate(state, msg, services, found)
        proxy = _DuplicateAwareServices(services, self.window)
        turn = await next(state, msg, proxy)
        if proxy.duplicate is not None:
            # The whole complaint was typed again: no second complaint, and the confirmation names the first.
            notice = self._notice(proxy.duplicate, turn.state.locale or locale, services.config.timezone)
            turn.replies = [notice if proxy.duplicate.tracking_no in r.text and not r.options else r
                            for r in turn.replies]
            metrics.DUPLICATES.labels(msg.channel).inc()
        return turn

    async def _duplicate(self, state: ConversationState, msg: Inbound, services: StoreServices,
                         found: Complaint) -> Turn:
        # The story just typed was filed already: say so with its number and go back to the menu.
        metrics.DUPLICATES.labels(msg.channel).inc()
        fresh = state.copy()
        fresh.flow, fresh.step, fresh.answers, fresh.history, fresh.invalid = None, None, {}, [], 0
        menu = await self.engine.handle(fresh, Inbound(msg.channel, msg.user_id, msg.message_id, command="menu"),
                                        services)
        notice = self._notice(found, fresh.locale or "id", services.config.timezone)
        menu.replies[:0] = [notice]
        return menu

    def _notice(self, found: Complaint, locale: str, tz: str) -> Reply:
        from zoneinfo import ZoneInfo

        from bot.core.i18n import long_date

        day = found.created_at.astimezone(ZoneInfo(tz)).date()
        return Reply(self.engine.catalog.text("ops.duplicate", locale, tracking_no=found.tracking_no,
                                              date=long_date(day, locale)))

