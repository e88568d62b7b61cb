"""UU PDP (Law 27/2022) retention: the raw text of inbound messages (and of the replies, which quote it) older than
LAPORBOT_RETENTION_DAYS (90) is blanked by a background job. One replica runs it at a time (a lease in
`opslease`), and its progress mark means no row is visited twice. At shutdown a process gives its leases back.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.clock import Clock
from models.db import Database
from models.ops import acquire_lease, blank_old_messages, release_lease, release_leases

log = logging.getLogger("laporbot.privacy")

RETENTION_LEASE = "retention"
REDACTED = {"redacted": "retention"}


@dataclass(frozen=True)
class CleanupResult:
    """How many rows one clean-up blanked."""

    inbound: int
    outgoing: int


async def cleanup(db: Database, now: datetime, retention: timedelta, *, batch: int = 2000,
                  progress: Callable[[int], None] | None = None) -> CleanupResult:
    """Blank the text of messages older than the retention period (inbound payloads, sent replies)."""
    cutoff = now - retention
    totals = [0, 0]
    for index, (direction, values) in enumerate((("inbound", {"payload": REDACTED}),
                                                 ("outgoing", {"payload": {"text": "", **REDACTED}}))):
        while True:
            async with db.write() as session:
                count = await blank_old_messages(session, direction, values, cutoff, now, batch)
            totals[index] += count
            if progress is not None and count:
                progress(count)
            if count == 0:
                break
    result = CleanupResult(*totals)
    log.info("retention clean-up", extra={"inbound": result.inbound, "outgoing": result.outgoing,
                                          "retention_days": retention.days})
    return result


def holder_name() -> str:
    """Who holds a lease: host and process, for operators reading the table."""
    return f"{socket.gethostname()}:{os.getpid()}"


async def retention_loop(db: Database, clock: Clock, retention: timedelta, interval: timedelta,
                         stop: asyncio.Event, holder: str | None = None) -> None:
    """Every `interval`, one replica (the lease holder) runs the clean-up; the others skip that round."""
    holder = holder or holder_name()
    while not stop.is_set():
        now = clock.now()
        try:
            async with db.write() as session:
                mine = await acquire_lease(session, RETENTION_LEASE, holder, now + timedelta(minutes=30), now)
            if mine:
                try:
                    await cleanup(db, now, retention)
                finally:
                    async with db.write() as session:  # the next round is due one interval from now, anywhere
                        await release_lease(session, RETENTION_LEASE, holder, clock.now(),
                                            free_at=clock.now() + interval)
        except Exception as error:  # the database may be away for a moment: try next round
            log.warning("retention clean-up failed", extra={"error": type(error).__name__})
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), min(interval.total_seconds(), 300))


async def release_all(db: Database, clock: Clock, holder: str | None = None) -> None:
    """At shutdown: give back every lease this process holds, so another replica takes over at once."""
    holder = holder or holder_name()
    now = clock.now()
    async with db.write() as session:
        await release_leases(session, holder, now)
