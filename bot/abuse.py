"""Abuse and bad input, in front of the engine: per-citizen rate limit, emergency numbers, duplicate complaints.

`GuardedEngine` wraps the one engine and is what the Inbox calls inside the turn's transaction, after the
message was recorded: so nothing is lost (a message held back by the rate limit is still in the inbound log
and marked handled), and every check runs under the conversation's row lock on any replica. It also hands
`/hapusdata` to bot/privacy.py. The engine itself stays pure.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import metrics, privacy
from bot.emergency import EmergencyWords  # moved: emergencies now, not past events; violence words
from bot.messages import Inbound, Reply
from bot.settings import ConfigError
from flows.engine import Engine, Turn
from flows.matching import clean
from flows.ports import FlowServices
from flows.state import ConversationState
from models.ops import CitizenGuard
from models.tables import Complaint, InboundMessage

log = logging.getLogger("laporbot.abuse")

WINDOW = timedelta(minutes=1)
BODY_STEP = ("complaint", "ask_body")  # where a citizen types the story a duplicate is recognised by
_SPLIT = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class OpsSettings:
    """Operations settings: abuse limits, data retention and shutdown (LAPORBOT_* variables)."""

    rate_limit: int = 20  # messages per citizen per minute before the bot slows them down; 0 = off
    duplicate_window: timedelta = timedelta(hours=24)  # same story again within this: "sudah dilaporkan"
    emergency_repeat: timedelta = timedelta(minutes=30)  # the emergency numbers at most this often per citizen
    retention: timedelta = timedelta(days=90)  # raw inbound/outgoing message text kept this long
    retention_interval: timedelta = timedelta(hours=1)  # how often one replica runs the clean-up
    shutdown_grace: float = 20.0  # seconds in-flight work may take after SIGTERM
    metrics: bool = True  # serve /metrics

    @classmethod
    def parse(cls, env: Mapping[str, str]) -> tuple[OpsSettings, list[str]]:
        """Read the variables; return the settings (defaults where wrong) and one line per problem."""
        problems: list[str] = []

        def number(name: str, default: int, low: int, high: int) -> int:
            raw = env.get(name)
            if raw in (None, ""):
                return default
            try:
                value = int(str(raw))
            except ValueError:
                problems.append(f"{name}: expected a whole number, got {raw!r}")
                return default
            if not low <= value <= high:
                problems.append(f"{name}: must be between {low} and {high}, got {value}")
                return default
            return value

        metrics_flag = str(env.get("LAPORBOT_METRICS", "1")).lower()
        if metrics_flag not in ("1", "0", "true", "false", "yes", "no", "on", "off", ""):
            problems.append(f"LAPORBOT_METRICS: expected 1 or 0, got {metrics_flag!r}")
        settings = cls(
            rate_limit=number("LAPORBOT_RATE_LIMIT_PER_MINUTE", 20, 0, 10_000),
            duplicate_window=timedelta(hours=number("LAPORBOT_DUPLICATE_HOURS", 24, 0, 24 * 30)),
            emergency_repeat=timedelta(minutes=number("LAPORBOT_EMERGENCY_REPEAT_MINUTES", 30, 0, 24 * 60)),
            retention=timedelta(days=number("LAPORBOT_RETENTION_DAYS", 90, 1, 3650)),
            retention_interval=timedelta(minutes=number("LAPORBOT_RETENTION_INTERVAL_MINUTES", 60, 1, 24 * 60)),
            shutdown_grace=float(number("LAPORBOT_SHUTDOWN_GRACE_SECONDS", 20, 1, 600)),
            metrics=metrics_flag not in ("0", "false", "no", "off"),
        )
        return settings, problems

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> OpsSettings:
        """Like parse(), but raise ConfigError listing every problem."""
        settings, problems = cls.parse(env)
        if problems:
            raise ConfigError(problems)
        return settings


# --------------------------------------------------------------------------- the guarded engine


def normalise_story(text: str) -> str:
    """What two stories must share to be "the same complaint": words, case and punctuation aside."""
    return " ".join(t for t in _SPLIT.split(clean(text)) if t)


async def messages_in_window(session: AsyncSession, citizen_id: int, inbound_id: int | None,
                             since: datetime) -> int:
    """How many of the citizen's messages, up to and including this one, arrived since `since`."""
    query = select(func.count()).select_from(InboundMessage).where(
        col(InboundMessage.citizen_id) == citizen_id, col(InboundMessage.received_at) >= since)
    if inbound_id is not None:
        query = query.where(col(InboundMessage.id) <= inbound_id)
    return int((await session.exec(query)).one())


async def recent_same_story(session: AsyncSession, citizen_id: int, story: str,
                            since: datetime) -> Complaint | None:
    """The citizen's complaint with the same story filed since `since`, if any."""
    wanted = normalise_story(story)
    if not wanted:
        return None
    query = select(Complaint).where(col(Complaint.citizen_id) == citizen_id, col(Complaint.created_at) >= since
                                    ).order_by(col(Complaint.id).desc()).limit(50)
    for complaint in (await session.exec(query)).all():
        if normalise_story(complaint.body) == wanted:
            return complaint
    return None


class _DuplicateAwareServices:
    """The turn's services, except that submitting a story filed in the window returns the existing number."""

    def __init__(self, inner: Any, window: timedelta) -> None:
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


class GuardedEngine:
    """The engine with the abuse and privacy checks in front; everything else is the engine's own."""

    def __init__(self, inner: Engine, settings: OpsSettings | None = None) -> None:
        self.inner = inner
        self.settings = settings or OpsSettings()
        self.emergency = EmergencyWords.from_catalog(inner.catalog)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def prepare_batch(self, session: AsyncSession, turns: Sequence[tuple[int, int]],
                            now: datetime) -> dict[int, int] | None:
        """Each inbound message's position in its citizen's last minute, for a whole batch in one query."""
        if not self.settings.rate_limit:
            return None
        citizens = sorted({citizen_id for citizen_id, _ in turns})
        rows = (await session.exec(select(InboundMessage.citizen_id, InboundMessage.id).where(
            col(InboundMessage.citizen_id).in_(citizens), col(InboundMessage.received_at) >= now - WINDOW))).all()
        seen: dict[int, list[int]] = {}
        for citizen_id, inbound_id in rows:
            seen.setdefault(citizen_id, []).append(inbound_id)
        for ids in seen.values():
            ids.sort()
        return {inbound_id: bisect.bisect_right(seen.get(citizen_id, []), inbound_id)
                for citizen_id, inbound_id in turns}

    async def handle(self, state: ConversationState, msg: Inbound, services: FlowServices) -> Turn:
        """One turn: emergency numbers first, then the rate limit, erasure, duplicates, and the engine."""
        metrics.INBOUND.labels(msg.channel).inc()
        session: AsyncSession | None = getattr(services, "session", None)
        citizen_id: int | None = getattr(services, "citizen_id", None)
        if session is None or citizen_id is None:  # the pure engine (tests, tools): nothing to check against
            return await self.inner.handle(state, msg, services)
        now = services.now()
        locale = state.locale or self.inner.catalog.locales[0]
        first: list[Reply] = []
        if msg.text and not msg.command and self.emergency.match(msg.text):
            if await self._emergency_due(session, citizen_id, now):
                metrics.EMERGENCIES.labels(msg.channel).inc()
                first.append(Reply(self.inner.catalog.text("ops.emergency", locale)))
        if self.settings.rate_limit:
            inbound_id = getattr(services, "inbound_id", None)
            prepared = getattr(services, "batch", None)
            if isinstance(prepared, dict) and inbound_id in prepared:
                position = prepared[inbound_id]
            else:
                position = await messages_in_window(session, citizen_id, inbound_id, now - WINDOW)
            if position > self.settings.rate_limit:
                # Recorded and marked handled, not answered: one kind word when the limit is first passed.
                metrics.RATE_LIMITED.labels(msg.channel).inc()
                if not await self._was_limited(session, citizen_id, getattr(services, "inbound_id", None)):
                    log.info("citizen slowed down", extra={"citizen_id": citizen_id, "channel": msg.channel})
                    first.append(Reply(self.inner.catalog.text("ops.slow_down", locale)))
                return Turn(state.copy(), first)
        erased = await privacy.erasure_turn(self.inner, state, msg, services)
        if erased is not None:
            erased.replies[:0] = first
            return erased
        if self.settings.duplicate_window and (state.flow, state.step) == BODY_STEP and not state.overlay \
                and msg.text and not msg.command and not msg.choice_id:
            found = await recent_same_story(session, citizen_id, msg.text, now - self.settings.duplicate_window)
            if found is not None:
                return await self._duplicate(state, msg, services, found, first)
        proxy = _DuplicateAwareServices(services, self.settings.duplicate_window)
        turn = await self.inner.handle(state, msg, proxy if self.settings.duplicate_window else services)
        if proxy.duplicate is not None:
            # The whole complaint was typed again: no second complaint, and the confirmation names the first.
            notice = self._duplicate_notice(proxy.duplicate, turn.state.locale or locale, services.config.timezone)
            turn.replies = [notice if proxy.duplicate.tracking_no in r.text and not r.options else r
                            for r in turn.replies]
            metrics.DUPLICATES.labels(msg.channel).inc()
        turn.replies[:0] = first
        return turn

    async def start(self, state: ConversationState, flow_id: str, services: FlowServices,
                    preset: Mapping[str, Any] | None = None) -> Turn:
        """A flow the bot starts (no checks: nobody sent anything)."""
        return await self.inner.start(state, flow_id, services, preset)

    async def _was_limited(self, session: AsyncSession, citizen_id: int, inbound_id: int | None) -> bool:
        """Whether the citizen's previous message was over the limit too (then the slow-down was said already)."""
        query = select(InboundMessage.id, InboundMessage.received_at).where(
            col(InboundMessage.citizen_id) == citizen_id).order_by(col(InboundMessage.id).desc()).limit(1)
        if inbound_id is not None:
            query = query.where(col(InboundMessage.id) < inbound_id)
        previous = (await session.exec(query)).first()
        if previous is None:
            return False
        before = await messages_in_window(session, citizen_id, previous[0], previous[1] - WINDOW)
        return before > self.settings.rate_limit

    async def _emergency_due(self, session: AsyncSession, citizen_id: int, now: datetime) -> bool:
        guard = await session.get(CitizenGuard, citizen_id)
        repeat = self.settings.emergency_repeat
        if guard is not None and guard.emergency_at is not None and repeat and now - guard.emergency_at < repeat:
            return False
        guard = guard or CitizenGuard(citizen_id=citizen_id)
        guard.emergency_at = now
        session.add(guard)
        return True

    async def _duplicate(self, state: ConversationState, msg: Inbound, services: FlowServices, found: Complaint,
                         first: list[Reply]) -> Turn:
        # The story just typed was filed already: say so with its number and go back to the menu.
        metrics.DUPLICATES.labels(msg.channel).inc()
        fresh = state.copy()
        fresh.flow, fresh.step, fresh.answers, fresh.history, fresh.invalid = None, None, {}, [], 0
        menu = await self.inner.handle(fresh, Inbound(msg.channel, msg.user_id, msg.message_id, command="menu"),
                                       services)
        notice = self._duplicate_notice(found, fresh.locale or "id", services.config.timezone)
        menu.replies[:0] = [*first, notice]
        return menu

    def _duplicate_notice(self, found: Complaint, locale: str, tz: str) -> Reply:
        from zoneinfo import ZoneInfo

        from bot.i18n import long_date

        day = found.created_at.astimezone(ZoneInfo(tz)).date()
        return Reply(self.inner.catalog.text("ops.duplicate", locale, tracking_no=found.tracking_no,
                                             date=long_date(day, locale)))


def install(core: Any, settings: OpsSettings | None = None) -> GuardedEngine:
    """Put the checks in front of a Core's engine (once); the Core's own `engine` stays the pure one."""
    current = core.inbox.engine
    if isinstance(current, GuardedEngine):
        return current
    guarded = GuardedEngine(current, settings or OpsSettings.from_env(core.settings.extra))
    core.inbox.engine = guarded
    return guarded
