"""The forwarding outbox's workers: each claims due entries with a lease, sends them through the adapter with the
complaint's idempotency key, and records every outcome of a batch in one transaction.

A worker that dies between "sent" and "recorded" leaves its lease to run out; the next claim asks the central
system for the complaint by our reference first (and re-sends with the same idempotency key), so no second
remote complaint is made.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiohttp

from bot.core.messages import Reply
from bot.forwarding.central import (
    CentralAdapter,
    ComplaintPayload,
    OutgoingAttachment,
    PermanentError,
    RemoteRef,
    RetryableError,
    next_delay,
)
from bot.forwarding.central.base import BELUM_TERVERIFIKASI, prepare_for_send, supports_private
from bot.forwarding.payload import (
    AttachmentFetcher,
    build_payload,
    build_payload_with,
    incident_note,
    placeholder_attachment,
    remote_number,
    without_metadata,
)
from bot.forwarding.ports import Forwarding
from bot.forwarding.settings import ForwardingSettings
from models import store, workqueue
from models.db import Session
from models.forwarding import FORWARD_JOBS, claim_sends, pull_forward
from models.tables import Attachment, Citizen, Complaint, OutgoingMessage, StatusChange

log = logging.getLogger("laporbot.forwarding")

#: Our statuses a complaint has while it has not reached the central system yet.
BEFORE_FORWARDING = frozenset({"submitted", "sending", "failed"})


@dataclass
class _Work:
    """One claimed entry with what is needed to send it."""

    job_id: int
    complaint_id: int
    reference: str
    key: str
    in_doubt: bool
    payload: ComplaintPayload | None = None
    files: list[Attachment] = field(default_factory=list)


@dataclass
class _Outcome:
    """What one send attempt came to."""

    job_id: int
    complaint_id: int
    ref: RemoteRef | None = None
    error: str | None = None
    retry_after: float | None = None
    permanent: bool = False
    in_doubt: bool = False  # the failed try may still have filed the complaint remotely


def may_have_landed(error: RetryableError) -> bool:
    """Whether a failed try could still have filed the complaint (then the next try looks it up first)."""
    if isinstance(error.__cause__, aiohttp.ClientConnectorError):
        return False  # no connection, so no request: the usual failure during an outage
    # a 429 is answered before any work is done; our adapters end such messages with "HTTP <status>"
    return not str(error).endswith("HTTP 429")


def worker_name(index: int = 0) -> str:
    """A worker id that tells operators which host and process hold a lease."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{index}"


class Forwarder:
    """One outbox worker: claims due entries with a lease, sends them, records each outcome."""

    def __init__(self, core: Forwarding, adapter: CentralAdapter, config: ForwardingSettings, *,
                 worker_id: str | None = None, fetchers: Mapping[str, AttachmentFetcher] | None = None,
                 rng: random.Random | None = None) -> None:
        self.core = core
        self.adapter = adapter
        self.config = config
        self.worker_id = worker_id or worker_name()
        self.fetchers = dict(fetchers or {})
        self.rng = rng or random.Random()
        self._slots = asyncio.Semaphore(config.concurrency)

    async def claim(self, limit: int | None = None) -> list[_Work]:
        """Lease due entries: pending ones whose time has come, and sends whose lease ran out (dead worker)."""
        async with self.core.db.write() as session:
            rows = await claim_sends(session, now=self.core.clock.now(), lease=self.config.lease,
                                     owner=self.worker_id, limit=limit or self.config.batch)
        return [_Work(job_id=job_id, complaint_id=complaint_id, key=key, in_doubt=in_doubt, reference="")
                for job_id, complaint_id, key, in_doubt in rows]

    async def run_once(self) -> int:
        """Claim one batch, send it, record the outcomes; return how many entries were claimed."""
        work = await self.claim()
        if not work:
            return 0
        await self._load(work)
        results = await asyncio.gather(*(self._send(w) for w in work), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                # not a send failure (those come back as outcomes) but cancellation or a dying process:
                # record nothing, leases run out, the next claim finds the remote complaints by reference
                raise result
        await self._record([r for r in results if isinstance(r, _Outcome)])
        return len(work)

    async def drain(self, max_rounds: int = 1_000_000) -> int:
        """Run batches until nothing is due; return how many entries were handled (tests, benchmarks)."""
        total = 0
        for _ in range(max_rounds):
            claimed = await self.run_once()
            if not claimed:
                break
            total += claimed
        return total

    async def _load(self, work: list[_Work]) -> None:
        """Read the complaints, their citizens and attachments for a claimed batch."""
        ids = [w.complaint_id for w in work]
        async with self.core.db.read() as session:
            by_id = await store.complaints_with_citizens(session, ids)
            files = await store.attachments_of(session, ids)
        for item in work:
            found = by_id.get(item.complaint_id)
            if found is None:
                continue
            complaint, citizen = found
            item.reference = complaint.tracking_no
            item.files = [f for f in files if f.complaint_id == item.complaint_id]
            item.payload = build_payload(complaint, citizen,
                                         incident_note=incident_note(self.core.engine.catalog, complaint))

    async def _send(self, work: _Work) -> _Outcome:
        """One attempt: find an earlier landing by reference, else fetch files and submit."""
        async with self._slots:
            return await self._attempt(work)

    async def _attempt(self, work: _Work) -> _Outcome:
        """The attempt itself; every failure comes back as an outcome."""
        outcome = _Outcome(work.job_id, work.complaint_id)
        if work.payload is None:
            outcome.error, outcome.permanent = "complaint row missing", True
            return outcome
        try:
            if work.in_doubt:
                # an earlier try may have reached the central system before its worker died or its answer
                # was lost: ask by our reference before filing again (the idempotency key covers the rest)
                found = await self.adapter.lookup(work.reference)
                if found is not None:
                    log.info("forwarding: found earlier submission", extra={"job_id": work.job_id,
                                                                             "tracking_no": work.reference})
                    outcome.ref = found
                    return outcome
            payload = work.payload
            if work.files:
                try:
                    payload = build_payload_with(payload, await self._fetch(work.files))
                except Exception as error:  # the channel's file store is away: nothing was sent, try later
                    outcome.error = f"attachment fetch failed ({type(error).__name__})"
                    return outcome
            placeholder = self.core.engine.catalog.text("forwarding.secret.placeholder", "id")
            payload = prepare_for_send(payload, private=supports_private(self.adapter), placeholder=placeholder)
            outcome.ref = await self.adapter.submit(payload, work.key)
        except RetryableError as error:
            outcome.error, outcome.retry_after = str(error), error.retry_after
            outcome.in_doubt = may_have_landed(error)
        except PermanentError as error:
            outcome.error, outcome.permanent = str(error), True
        except Exception as error:  # a bug or a fetcher failure must not kill the worker: retry later
            outcome.error, outcome.in_doubt = f"unexpected {type(error).__name__}", True
        return outcome

    async def _fetch(self, files: Iterable[Attachment]) -> list[OutgoingAttachment]:
        """Each attachment's bytes/URL from its channel's fetcher (a placeholder without one)."""
        fetched: list[OutgoingAttachment] = []
        for item in files:
            fetcher = self.fetchers.get(item.channel)
            got = await fetcher(item) if fetcher is not None else placeholder_attachment(item)
            if got is not None:
                fetched.append(await without_metadata(got))
        return fetched

    async def _record(self, outcomes: list[_Outcome]) -> None:
        """Write every outcome of a batch in one transaction (rows locked in id order: no deadlocks)."""
        if not outcomes:
            return
        now = self.core.clock.now()
        async with self.core.db.write() as session:
            held = {row[0]: row for row in await workqueue.locked(
                session, FORWARD_JOBS, [o.job_id for o in outcomes], ["status", "locked_by", "attempts", "in_doubt"])}
            ours: list[tuple[_Outcome, int]] = []
            for outcome in sorted(outcomes, key=lambda o: o.job_id):
                row = held.get(outcome.job_id)
                if row is None or row[1] != "sending" or row[2] != self.worker_id:
                    # our lease ran out and another worker took the entry: it settles it (by lookup)
                    log.warning("forwarding: lease lost before recording", extra={"job_id": outcome.job_id})
                    continue
                ours.append((outcome, row[3]))
            if not ours:
                return
            in_doubts = {o.job_id: bool(held[o.job_id][4]) for o, _ in ours}
            complaints = await store.lock_complaints(session, [o.complaint_id for o, _ in ours])
            citizen_ids = list({c.citizen_id for c in complaints.values()})
            citizens = await store.citizens_by_id(session, citizen_ids)
            locales = await store.conversation_locales(session, citizen_ids)
            updates: dict[str, list[dict[str, Any]]] = {"sent": [], "pending": [], "failed": []}
            recovered = False
            # status listeners may query per change; without this each query would first flush the batch's
            # new rows one INSERT at a time, undoing the single multi-row INSERT below
            with session.no_autoflush:
                for outcome, attempts in ours:
                    complaint = complaints.get(outcome.complaint_id)
                    in_doubt = in_doubts[outcome.job_id]
                    if outcome.ref is not None and complaint is not None:
                        recovered = recovered or attempts > 1
                        values = await self._sent(session, outcome, outcome.ref, complaint, now,
                                                  citizens.get(complaint.citizen_id),
                                                  locales.get(complaint.citizen_id) or complaint.locale)
                    elif outcome.permanent or attempts >= self.config.max_attempts or complaint is None:
                        values = await self._failed(session, outcome, attempts, in_doubt, complaint, now)
                    else:
                        values = self._retry(outcome, attempts, in_doubt, now)
                    updates[values["status"]].append(values)
            await store.insert_new_rows(session, (StatusChange, OutgoingMessage))
            for rows in updates.values():
                await workqueue.settle_many(session, FORWARD_JOBS, rows)  # one executemany per kind of outcome
            if recovered:
                await self._pull_forward(session, now)

    async def _pull_forward(self, session: Session, now: datetime) -> None:
        """An entry that had failed went through: the server is back, so waiting retries go now.

        Without this a backlog would sit out its backoff (up to the cap) after an outage ends. Retries the
        server itself deferred with Retry-After keep their time; the worker concurrency bounds the burst.
        """
        moved = await pull_forward(session, now)
        if moved:
            log.info("forwarding: central system answers again; retrying waiting entries now",
                     extra={"entries": moved})

    async def _sent(self, session: Session, outcome: _Outcome, ref: RemoteRef, complaint: Complaint,
                    now: datetime, citizen: Citizen | None, locale: str) -> dict[str, Any]:
        """The central system acknowledged it: store its ids and tell the citizen the number."""
        remote_id, tracking = ref.remote_id[:64], (ref.tracking_id or None)
        complaint.remote_id, complaint.remote_tracking = remote_id, tracking
        number = remote_number(remote_id, tracking)
        log.info("forwarding: acknowledged", extra={"job_id": outcome.job_id, "tracking_no": complaint.tracking_no,
                                                    "remote_id": remote_id})
        if complaint.status in BEFORE_FORWARDING:
            core = self.core
            await core.status.change(session, complaint, "forwarded", note=f"LAPOR! {number}",
                                     actor=f"central:{self.adapter.name}", notify=False, at=now)
            text = core.engine.catalog.text("forwarding.sent", locale, tracking_no=complaint.tracking_no,
                                            title=complaint.title, remote_no=number)
            if citizen is not None:
                # the citizens' outbox, filled as Inbox.notify fills it but without its flush per message,
                # so that the whole batch is written in one go (the drain rate depends on it)
                store.queue_replies(session, channel=citizen.channel, chat_id=citizen.channel_user_id,
                                    citizen_id=citizen.id, inbound_id=None, replies=[Reply(text)], now=now,
                                    kind="notification")
        else:
            session.add(complaint)  # an operator moved it on meanwhile: keep their status
        return {"id": outcome.job_id, **workqueue.done_values(FORWARD_JOBS, now), "target": self.adapter.name,
                "remote_id": remote_id, "retry_after_until": None, "remote_tracking": tracking, "sent_at": now,
                "remote_changed_at": now, "last_error": None, "remote_status": BELUM_TERVERIFIKASI,
                "next_poll_at": now + self.config.poll_interval}

    def _retry(self, outcome: _Outcome, attempts: int, in_doubt: bool, now: datetime) -> dict[str, Any]:
        """Back off (full jitter, never sooner than Retry-After) and put the entry back in the queue."""
        delay = next_delay(attempts, outcome.retry_after, base=self.config.backoff_base,
                           cap=self.config.backoff_cap, rng=self.rng)
        error = (outcome.error or "")[:255]
        log.info("forwarding: will retry", extra={"job_id": outcome.job_id, "attempts": attempts,
                                                  "delay_s": round(delay, 1), "error": error})
        floor = now + timedelta(seconds=outcome.retry_after) if outcome.retry_after else None
        return {"id": outcome.job_id, **workqueue.retry_values(FORWARD_JOBS, now, timedelta(seconds=delay), error),
                "retry_after_until": floor, "in_doubt": in_doubt or outcome.in_doubt}

    async def _failed(self, session: Session, outcome: _Outcome, attempts: int, in_doubt: bool,
                      complaint: Complaint | None, now: datetime) -> dict[str, Any]:
        """Give up until an operator retries; the citizen hears that staff are on it."""
        error = (outcome.error or "gave up")[:255]
        log.warning("forwarding: failed, needs an operator (laporbot outbox retry %s)", outcome.job_id,
                    extra={"job_id": outcome.job_id, "attempts": attempts, "error": error})
        if complaint is not None and complaint.status in ("submitted", "sending"):
            await self.core.status.change(session, complaint, "failed", actor="forwarding", at=now)
        return {"id": outcome.job_id, **workqueue.fail_values(FORWARD_JOBS, now, error), "failed_at": now,
                "in_doubt": in_doubt or outcome.in_doubt}
