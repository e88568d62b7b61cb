"""Prometheus metrics: what this process did (counters, latency) and what the shared database holds (gauges).

Process counters are per replica (Prometheus sums them); the database figures (outbox depth, SLA
breaches, survey responses) are the same on every replica and are read when /metrics is scraped,
at most every few seconds.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from bot.config.reader import Section
    from bot.core.clock import Clock
    from bot.core.messages import Reply
    from bot.settings import Settings
    from models.db import Database


S = TypeVar("S", bound="Section")


class Core(Protocol):
    """What the database gauges read of the process (bot.app.Core has it): the calendar's section too."""

    db: Database
    clock: Clock
    settings: Settings

    def section(self, kind: type[S], *, checked: bool = False) -> S: ...

log = logging.getLogger("laporbot.metrics")

REGISTRY = CollectorRegistry()
INBOUND = Counter("laporbot_inbound_messages", "Citizen messages recorded and handled, by channel",
                  ["channel"], registry=REGISTRY)
HANDLING = Histogram("laporbot_handling_seconds",
                     "From a message's arrival to its turn committed with the replies queued, by channel",
                     ["channel"], registry=REGISTRY,
                     buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0))
REPLIES = Counter("laporbot_replies_sent", "Replies and notifications a channel accepted, by channel",
                  ["channel"], registry=REGISTRY)
SEND_FAILURES = Counter("laporbot_send_failures", "Sends that failed, by channel and kind (retry or permanent)",
                        ["channel", "kind"], registry=REGISTRY)
RATE_LIMITED = Counter("laporbot_rate_limited_messages", "Messages recorded but not answered (rate limit)",
                       ["channel"], registry=REGISTRY)
EMERGENCIES = Counter("laporbot_emergency_notices", "Emergency numbers shown", ["channel"], registry=REGISTRY)
DUPLICATES = Counter("laporbot_duplicate_complaints", "Complaints recognised as filed already", ["channel"],
                     registry=REGISTRY)
ERASURES = Counter("laporbot_erasures", "Citizens' personal data erased, by who asked", ["actor"], registry=REGISTRY)
RECEIPTS_DROPPED = Counter("laporbot_whatsapp_receipts_dropped", "WhatsApp delivery receipts given up on: they "
                           "failed alone, not for the database being away", registry=REGISTRY)

# Statuses whose SLA clock runs, and where the clock started (see bot/core/deadlines.py; before verification
# our own forwarding statuses still run the verify clock).
_CLOCKS = {"verify": ("submitted", "sending", "forwarded", "failed"),
           "followup": ("verified", "dispositioned", "in_progress"), "autoclose": ("responded",)}


def observe_handled(channel: str, seconds: float) -> None:
    """Record one message's handling latency."""
    HANDLING.labels(channel).observe(seconds)


class CountingSender:
    """A channel's sender that counts what went out and what failed."""

    def __init__(self, inner: Any, channel: str) -> None:
        self.inner = inner
        self.channel = channel

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send and count."""
        from bot.outbox.delivery import SendError

        try:
            result = await self.inner.send(chat_id, reply)
        except SendError as error:
            SEND_FAILURES.labels(self.channel, "permanent" if error.permanent else "retry").inc()
            raise
        REPLIES.labels(self.channel).inc()
        return result  # type: ignore[no-any-return]


class DatabaseStats(Collector):
    """Figures read from the database when scraped, cached for `max_age` seconds."""

    def __init__(self, core: Core, max_age: float = 5.0) -> None:
        self.core = core
        self.max_age = max_age
        self._families: list[Metric] = []
        self._at = 0.0
        self._lock = asyncio.Lock()
        self._thresholds: dict[str, tuple[float, datetime]] = {}
        self._calendar: Any = None

    def collect(self) -> Iterable[Metric]:
        """The families of the last refresh."""
        return list(self._families)

    async def refresh(self) -> None:
        """Read the database again unless the last reading is fresh."""
        async with self._lock:
            if time.monotonic() - self._at < self.max_age:
                return
            families: list[Metric] = []
            up = GaugeMetricFamily("laporbot_database_up",
                                   "1 when the database answered the last scrape and took a write (the heartbeat)")
            try:
                families += await asyncio.wait_for(self._read(), timeout=5)
                # --- doors: reads kept working on a SQLite file that could no longer be written ---
                from models.ops import write_probe

                await asyncio.wait_for(write_probe(self.core.db).check(), timeout=5)
                up.add_metric([], 1)
            except Exception as error:  # a scrape must not fail because the database is away
                log.warning("metrics: database figures unavailable", extra={"error": type(error).__name__})
                up.add_metric([], 0)
            self._families = [up, *families]
            self._at = time.monotonic()

    async def _read(self) -> list[Metric]:
        from models import metrics_store

        out = GaugeMetricFamily("laporbot_outbox_depth", "Outgoing messages not sent yet, by channel and status",
                                labels=["channel", "status"])
        failed = GaugeMetricFamily("laporbot_outbox_failed", "Outgoing messages given up on, by channel",
                                   labels=["channel"])
        forwarding = GaugeMetricFamily("laporbot_forwarding_outbox",
                                       "Complaints in the forwarding outbox, by status", labels=["status"])
        breaches = GaugeMetricFamily("laporbot_sla_breaches", "Open complaints past their SLA deadline, by clock",
                                     labels=["clock"])
        surveys = CounterMetricFamily("laporbot_survey_responses", "Survey responses stored, by survey",
                                      labels=["survey"])
        complaints = GaugeMetricFamily("laporbot_complaints", "Complaints stored, by status", labels=["status"])
        async with self.core.db.read() as session:
            for channel, status, count in await metrics_store.outbox_counts(session):
                if status == "failed":
                    failed.add_metric([channel], count)
                else:
                    out.add_metric([channel, status], count)
            for status, count in await metrics_store.forwarding_counts(session):
                forwarding.add_metric([status], count)
            for status, count in await metrics_store.complaint_counts(session):
                complaints.add_metric([status], count)
            now = self.core.clock.now()
            for clock, statuses in _CLOCKS.items():
                threshold = await asyncio.to_thread(self._threshold, clock, now)
                count = await metrics_store.complaints_started_before(session, statuses, threshold,
                                                                      by_creation=clock == "verify")
                breaches.add_metric([clock], count)
            for survey, count in await metrics_store.survey_counts(session):
                surveys.add_metric([survey], count)
        return [out, failed, forwarding, complaints, breaches, surveys]

    def _threshold(self, clock: str, now: datetime) -> datetime:
        """The latest start whose deadline has passed by `now` (working days, holidays): one search a minute."""
        cached = self._thresholds.get(clock)
        if cached is not None and time.monotonic() - cached[0] < 60:
            return cached[1]
        from bot.core.workdays import CalendarSettings

        settings = self.core.settings
        if self._calendar is None:
            # The configured calendar (LAPORBOT_CUTI_BERSAMA, …), as the admin SLA clocks use: a breach
            # counted here is a breach on the admins' cards.
            self._calendar = self.core.section(CalendarSettings, checked=True).calendar()
        days = {"verify": settings.verify_days, "followup": settings.followup_days,
                "autoclose": settings.autoclose_days}[clock]

        def due(since: datetime) -> datetime:
            return self._calendar.add_working_days(since, days, settings.timezone)  # type: ignore[no-any-return]

        # The deadline only moves later with a later start: bisect for the boundary to the second.
        low, high = now - timedelta(days=days * 3 + 60), now
        if due(low) >= now:
            result = low
        else:
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if due(middle) < now:
                    low = middle
                else:
                    high = middle
            result = high
        self._thresholds[clock] = (time.monotonic(), result)
        return result


_STATS: list[DatabaseStats] = []


def stats_for(core: Core) -> DatabaseStats:
    """The one database collector of this process, bound to the latest Core (tests build several)."""
    if not _STATS:
        _STATS.append(DatabaseStats(core))
        REGISTRY.register(_STATS[0])
    stats = _STATS[0]
    if stats.core is not core:
        stats.core, stats._at, stats._thresholds, stats._calendar = core, 0.0, {}, None  # its settings' calendar
    return stats


async def exposition(core: Core) -> tuple[bytes, str]:
    """GET /metrics's body in the Prometheus text format, and its content type (bot/server.py serves it)."""
    await stats_for(core).refresh()
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def sample(name: str, labels: dict[str, str] | None = None) -> float | None:
    """One current value from the registry (tests and the bench)."""
    value = REGISTRY.get_sample_value(name, labels or {})
    return value


def families(text: str) -> Sequence[Any]:
    """Parse an exposition (tests)."""
    from prometheus_client.parser import text_string_to_metric_families

    return list(text_string_to_metric_families(text))
