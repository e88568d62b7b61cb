"""Delivery statuses: what Meta reports of the messages we sent, kept per message, and applied to their outbox row.

Status webhooks land in DeliveryReceipt (models/whatsapp.py), each message at its furthest status. A failed
one re-queues or fails its outbox row according to the error code, so nothing is dropped unseen: 131047 (the
24-hour window had closed) sends the row again as a template, rate limits and Meta-side errors retry it later,
anything else fails it. A failure reported while its row is still being sent is applied again once the
Deliverer has marked it sent (reapply_failures).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.clock import Clock
from bot.outbox.delivery import MAX_ATTEMPTS
from models import whatsapp as storage
from models import workqueue
from models.db import Database, Session

from .client import PAIR_RETRY_AFTER
from .payload import CHANNEL, StatusEvent

log = logging.getLogger("laporbot.whatsapp")

# What a failed status means for the outbox row it belongs to.
REQUEUE_AS_TEMPLATE = frozenset({131047})  # the window had closed: the template goes instead
RETRY_CODES = frozenset({1, 2, 4, 80007, 130429, 131000, 131016, 131056, 133004})  # Meta-side or throughput


@dataclass(frozen=True)
class Failure:
    """Meta reported that a message of this outbox row's attempt failed with this code."""

    outgoing_id: int
    attempt: int
    code: int | None


async def record_statuses(db: Database, clock: Clock, events: Sequence[StatusEvent]) -> list[Failure]:
    """Keep each message's furthest status; a failed one re-queues or fails its outbox row by error code.

    Returns the failures whose outbox row was still being sent (to be applied again once it is marked sent).
    """
    if not events:
        return []
    now = clock.now()
    in_flight: list[Failure] = []
    async with db.write() as session:
        for event in sorted(events, key=lambda e: (e.timestamp, storage.STATUS_RANK.get(e.status, 0))):
            if event.status not in storage.STATUS_RANK:
                continue  # e.g. "deleted", "warning": nothing we act on
            outgoing_id, attempt = await storage.record_status(
                session, channel=CHANNEL, message_id=event.message_id, status=event.status,
                error_code=event.error_code, now=now)
            if event.status == "failed":
                log.warning("whatsapp message failed", extra={"outgoing_id": outgoing_id, "code": event.error_code})
                if outgoing_id is not None:
                    failure = Failure(outgoing_id, attempt, event.error_code)
                    if await apply_failure(session, failure, now) == "in_flight":
                        in_flight.append(failure)
    return in_flight


async def apply_failure(session: Session, failure: Failure, now: datetime) -> str:
    """Re-queue (131047: as a template; rate limits and Meta errors: later) or fail the row; say what happened."""
    code = failure.code
    reason = f"whatsapp status failed code={code}"
    if code in REQUEUE_AS_TEMPLATE and failure.attempt < MAX_ATTEMPTS:
        status = "pending"
        changed = await storage.requeue_sent(session, failure.outgoing_id, failure.attempt, now=now,
                                             delay=timedelta(0), reason=reason, values={"not_before": None})
    elif code in RETRY_CODES and failure.attempt < MAX_ATTEMPTS:
        status = "pending"
        delay = (timedelta(seconds=PAIR_RETRY_AFTER) if code == 131056
                 else workqueue.backoff(failure.attempt, cap=300))
        changed = await storage.requeue_sent(session, failure.outgoing_id, failure.attempt, now=now, delay=delay,
                                             reason=reason)
    else:  # e.g. 131026 undeliverable, 131051 unsupported type, 132xxx template problems; or out of attempts
        status = "failed"
        changed = await storage.fail_sent(session, failure.outgoing_id, failure.attempt, now=now, reason=reason)
    if changed:
        log.warning("whatsapp send re-queued" if status == "pending" else "whatsapp send failed",
                    extra={"outgoing_id": failure.outgoing_id, "code": code})
        return status
    if await storage.still_sending(session, failure.outgoing_id, failure.attempt):
        return "in_flight"  # the Deliverer marks it sent in a moment; apply this again then
    return "stale"


async def reapply_failures(db: Database, clock: Clock, failures: Sequence[Failure], rounds: int = 10) -> None:
    """Apply failures that arrived while their row was still being sent, once the Deliverer marks it sent."""
    for _ in range(rounds):
        await asyncio.sleep(1)
        left: list[Failure] = []
        async with db.write() as session:
            for failure in failures:
                if await apply_failure(session, failure, clock.now()) == "in_flight":
                    left.append(failure)
        if not left:
            return
        failures = left
    log.warning("whatsapp failure not applied: row still sending", extra={"count": len(failures)})


__all__ = ["REQUEUE_AS_TEMPLATE", "RETRY_CODES", "Failure", "apply_failure", "reapply_failures", "record_statuses"]
