"""Forwarding complaints to the central complaint system (SP4N-LAPOR!) exactly once, and their status back.

The path of a complaint: the transaction that stores it also writes a ForwardJob (the outbox entry).
Workers claim due entries with a lease, send them through the configured adapter with an idempotency
key derived from our complaint, and record the remote id. A worker that dies between "sent" and
"recorded" leaves its lease to run out; the next claim asks the central system for the complaint by our
reference first (and re-sends with the same idempotency key), so no second remote complaint is made.
Once sent, a poller reads the remote status and follow-ups and tells the citizen about every change.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import aiohttp
from sqlalchemy import func, insert, or_, update
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config.reader import Bool, Duration, Enum, FilePath, Float, Int, Reader, Secret, Section, Text, Url, Var
from bot.core.clock import Clock
from bot.core.i18n import Catalog
from bot.core.image_meta import is_image, strip_metadata
from bot.core.messages import Reply
from bot.forwarding.central import (
    CentralAdapter,
    ComplaintPayload,
    LaporAdapter,
    MappingFileError,
    Open311Adapter,
    OutgoingAttachment,
    PermanentError,
    RemoteRef,
    RemoteStatus,
    Reporter,
    RetryableError,
    load_mapping,
    next_delay,
)
from bot.forwarding.central.base import (
    BELUM_TERVERIFIKASI,
    DALAM_PROSES,
    DIARSIPKAN,
    DIDISPOSISIKAN,
    DITINDAKLANJUTI,
    DITOLAK,
    DITUNDA,
    SELESAI,
    TERVERIFIKASI,
    prepare_for_send,
    supports_private,
)
from bot.forwarding.central.open311 import TOKEN_PREFIX
from bot.settings import ConfigError, Settings
from flows.dates import DATE_SLOTS, date_in_words
from models import store, workqueue
from models.forwarding import FORWARD_JOBS, JOB_STATUSES, STATUS_POLLS, ForwardJob
from models.tables import Attachment, Citizen, Complaint, Conversation, OutgoingMessage, StatusChange

if TYPE_CHECKING:
    from bot.app import Core

log = logging.getLogger("laporbot.forwarding")

CENTRALS = ("none", "lapor", "open311")
CENTRAL_LOCALE = "id"  # the language of what we write into a central system's report text (LAPOR!, Open311)

#: Our status for each central status (domain.md §1.4); "sending" and "failed" are ours alone.
STATUS_FROM_CENTRAL: dict[str, str] = {
    BELUM_TERVERIFIKASI: "forwarded",
    TERVERIFIKASI: "verified",
    DALAM_PROSES: "in_progress",
    SELESAI: "closed",
    DITOLAK: "rejected",
    DITUNDA: "on_hold",
    DIDISPOSISIKAN: "dispositioned",
    DITINDAKLANJUTI: "responded",
    DIARSIPKAN: "archived",
}
#: Central statuses after which only late follow-ups are expected.
SETTLED = frozenset({SELESAI, DITOLAK, DIARSIPKAN})
#: Our statuses a complaint has while it has not reached the central system yet.
BEFORE_FORWARDING = frozenset({"submitted", "sending", "failed"})

OFF_MESSAGE = ("forwarding to the central complaint system is OFF (LAPORBOT_CENTRAL=none): complaints stay in "
               "this database and wait in the forwarding outbox; set LAPORBOT_CENTRAL=lapor or open311 to send them")


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class ForwardingSettings(Section):
    """How (and whether) complaints are forwarded, from LAPORBOT_CENTRAL* and LAPORBOT_FORWARD_* variables."""

    TABLE: ClassVar[str] = "forwarding"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("LAPORBOT_CENTRAL", Enum(CENTRALS), "none", "`none` (complaints wait in the outbox; the start-up log says "
            "forwarding is OFF), `lapor` or `open311`", field="central"),
        Var("LAPORBOT_CENTRAL_URL", Url(strip=False), None, "the API base URL", field="url"),
        Var("LAPORBOT_CENTRAL_TOKEN", Secret(), None, "the LAPOR! token (or the Open311 `api_key`)", field="token"),
        Var("LAPORBOT_CENTRAL_AUTHORIZATION", Secret(), None, "LAPOR!'s `Authorization` header value",
            field="authorization"),
        Var("LAPORBOT_CENTRAL_JURISDICTION", Text(), None, "Open311 `jurisdiction_id` (required for `open311`)",
            field="jurisdiction"),
        Var("LAPORBOT_CENTRAL_MAPPING", FilePath("file"), None, "our categories/agencies/regions → remote ids (start "
            "from `bot/data/central_mapping.example.yaml`)", field="mapping"),
        Var("LAPORBOT_CENTRAL_POLL_INTERVAL", Duration("seconds", 1, 7 * 86400, whole=False), timedelta(minutes=30),
            "how often status is read, seconds", field="poll_interval"),
        Var("LAPORBOT_CENTRAL_POLL_SETTLED_DAYS", Duration("days", 0, 3650, whole=False), timedelta(days=30),
            "how long after Selesai/Ditolak follow-ups are still read", field="poll_settled"),
        Var("LAPORBOT_CENTRAL_TIMEOUT", Float(1, 600), 30.0, "per request, seconds", field="timeout"),
        Var("LAPORBOT_FORWARD_WORKERS", Int(1, 64), 2, "workers per process", field="workers"),
        Var("LAPORBOT_FORWARD_BATCH", Int(1, 1000), 100, "entries per claim", field="batch"),
        Var("LAPORBOT_FORWARD_CONCURRENCY", Int(1, 256), 16, "requests in flight per worker", field="concurrency"),
        Var("LAPORBOT_FORWARD_MAX_ATTEMPTS", Int(1, 1000), 20, "tries before an entry is failed",
            field="max_attempts"),
        Var("LAPORBOT_FORWARD_BACKOFF_BASE", Float(0.01, 3600), 2.0, "first retry delay, seconds",
            field="backoff_base"),
        Var("LAPORBOT_FORWARD_BACKOFF_CAP", Float(1, 7 * 86400), 1800.0, "longest retry delay, seconds",
            field="backoff_cap"),
        Var("LAPORBOT_FORWARD_LEASE", Duration("seconds", 10, 86400, whole=False), timedelta(minutes=10),
            "a claim's lease, seconds (more than twice the timeout)", field="lease"),
        Var("LAPORBOT_FORWARD_IDLE", Float(0.01, 600), 0.5, "pause when the outbox is empty, seconds", field="idle"),
        Var("LAPORBOT_OPEN311_ANONYMOUS_DESCRIPTIONS", Bool(), False,
            "our Open311 read API shows anonymous complaints' descriptions", field="open311_anonymous_descriptions",
            shown="off"),
        Var("LAPORBOT_OPEN311_PRIVATE", Bool(), False, "the Open311 server we forward to keeps requests from the "
            "public: rahasia complaints go in full", field="open311_private", shown="off"),
    )

    central: str = "none"
    url: str | None = None
    token: str | None = None
    authorization: str | None = None  # LAPOR! wants an Authorization header besides the token header
    jurisdiction: str | None = None
    mapping: Path | None = None
    workers: int = 2
    batch: int = 100  # entries one claim leases
    concurrency: int = 16  # requests in flight per worker: polite to the central API, still fast
    max_attempts: int = 20
    backoff_base: float = 2.0
    backoff_cap: float = 1800.0
    lease: timedelta = timedelta(minutes=10)  # outlasts a slow batch; a dead worker's entries wait this long
    idle: float = 0.5  # seconds between looks at an empty outbox
    timeout: float = 30.0
    poll_interval: timedelta = timedelta(minutes=30)
    poll_settled: timedelta = timedelta(days=30)  # keep reading follow-ups this long after Selesai/Ditolak
    open311_anonymous_descriptions: bool = False
    open311_private: bool = False  # the Open311 server keeps requests from the public: rahasia content may go

    @property
    def enabled(self) -> bool:
        """Whether complaints are sent anywhere."""
        return self.central != "none"

    @classmethod
    def build(cls, values: dict[str, Any], reader: Reader) -> ForwardingSettings:
        """The settings; with a central system, its URL, token, jurisdiction and mapping are required."""
        settings = cls(**values)
        central = settings.central
        if central != "none":
            if not reader.raw(cls.var("LAPORBOT_CENTRAL_URL")):
                reader.problem("LAPORBOT_CENTRAL_URL", f"the {central} API base URL (https://...) is required")
            if not settings.token:
                reader.problem("LAPORBOT_CENTRAL_TOKEN", f"the {central} "
                               f"{'API key' if central == 'open311' else 'token'} is required")
            if central == "open311" and not settings.jurisdiction:
                reader.problem("LAPORBOT_CENTRAL_JURISDICTION", "the Open311 jurisdiction_id is required")
            if not reader.raw(cls.var("LAPORBOT_CENTRAL_MAPPING")):
                reader.problem("LAPORBOT_CENTRAL_MAPPING", "the mapping file is required "
                               "(start from bot/data/central_mapping.example.yaml)")
        if settings.lease.total_seconds() <= settings.timeout * 2:
            # a lease shorter than a slow send would let a second worker take over a live send
            reader.problem("LAPORBOT_FORWARD_LEASE", "must be more than twice LAPORBOT_CENTRAL_TIMEOUT")
        return settings

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ForwardingSettings:
        """Settings from the environment; raise ConfigError listing every problem."""
        return super().from_env(os.environ if env is None else env)

    @classmethod
    def from_settings(cls, settings: Settings) -> ForwardingSettings:
        """Settings from the LAPORBOT_* variables the process was started with."""
        return cls.from_env(settings.extra)


class Open311ForwardAdapter(Open311Adapter):
    """Open311 with the LAPOR! privacy flags as attributes, since GeoReport v2 has no field for them."""

    def build_form(self, payload: ComplaintPayload) -> dict[str, str]:
        """The spec's form plus attribute[is_secret] / attribute[is_anonymous] when set."""
        form = super().build_form(payload)
        if payload.is_secret:
            form["attribute[is_secret]"] = "true"
        if payload.is_anonymous:
            form["attribute[is_anonymous]"] = "true"
        return form


def make_adapter(config: ForwardingSettings, clock: Clock | None = None,
                 home_region: str | None = None) -> CentralAdapter | None:
    """The adapter the configuration names; None when forwarding is off (home_region: LAPORBOT_REGION)."""
    if not config.enabled:
        return None
    assert config.url and config.token and config.mapping  # ForwardingSettings.from_env checked these
    try:
        mapping = load_mapping(config.mapping)
    except MappingFileError as error:
        raise ConfigError([f"LAPORBOT_CENTRAL_MAPPING: {error}"]) from error
    if config.central == "lapor":
        if mapping.lapor is None:
            raise ConfigError(["LAPORBOT_CENTRAL_MAPPING: the mapping file has no 'lapor' section"])
        return LaporAdapter(config.url, config.token, config.authorization or f"Bearer {config.token}", mapping,
                            timeout=config.timeout, clock=clock)
    return Open311ForwardAdapter(config.url, config.token, config.jurisdiction or "", mapping,
                                 timeout=config.timeout, clock=clock, home_region=home_region,
                                 supports_private=config.open311_private)


# --------------------------------------------------------------------------- the outbox entry


def idempotency_key(complaint: Complaint) -> str:
    """The key every request for this complaint carries: stable across retries, workers and restarts."""
    return f"laporbot-{complaint.id}-{complaint.tracking_no}"


def enqueue_hook(core: Core, *, enabled: bool) -> Callable[[AsyncSession, Complaint], Awaitable[None]]:
    """The complaint hook writing the outbox entry in the transaction that stores the complaint."""

    async def enqueue(session: AsyncSession, complaint: Complaint) -> None:
        """Queue the complaint for forwarding."""
        now = core.clock.now()
        session.add(ForwardJob(complaint_id=complaint.id or 0, idempotency_key=idempotency_key(complaint),
                               created_at=now, updated_at=now))
        if enabled:
            # the citizen's confirmation is this very turn's reply: record the state, do not message again
            await core.status.change(session, complaint, "sending", actor="forwarding", notify=False, at=now)

    enqueue.laporbot_forwarding = True  # type: ignore[attr-defined]
    return enqueue


def install(core: Core) -> None:
    """Wire forwarding into a Core: every new complaint gets its outbox entry (once, however often called)."""
    if any(getattr(hook, "laporbot_forwarding", False) for hook in core.hooks):
        return
    config, _problems = ForwardingSettings.parse(core.settings.extra)  # reported when workers start
    core.hooks.append(enqueue_hook(core, enabled=config.enabled))


# --------------------------------------------------------------------------- payloads


class AttachmentFetcher(Protocol):
    """A channel's way of getting a complaint's file: bytes for upload APIs and/or a URL; None if gone."""

    async def __call__(self, attachment: Attachment) -> OutgoingAttachment | None:
        """Fetch one attachment; raise to retry the whole complaint later."""
        ...


def incident_note(catalog: Catalog, complaint: Complaint) -> str | None:
    """What the central system's officers must read beside the incident date, in Indonesian (its one date field
    holds a day): "Tanggal kejadian: sekitar Mei 2024 (perkiraan pelapor, bukan tanggal pasti)", "Tanggal
    kejadian: tidak diketahui (pelapor tidak ingat)", "Waktu kejadian: 19 Agustus 2026, sore"; None for a bare day.
    """
    def text(key: str, **values: Any) -> str:
        return catalog.text(key, CENTRAL_LOCALE, **values)

    precision = complaint.incident_date_precision
    if precision == "unknown":
        return text("forwarding.incident.unknown")
    if complaint.incident_date is None:
        return None
    said = date_in_words(text, CENTRAL_LOCALE, {slot: getattr(complaint, slot) for slot in DATE_SLOTS})
    if precision in ("approximate", "month", "year"):
        return text("forwarding.incident.approximate", date=said)
    if complaint.incident_time or complaint.incident_part:
        return text("forwarding.incident.time", date=said)
    return None


def build_payload(complaint: Complaint, citizen: Citizen | None,
                  attachments: Sequence[OutgoingAttachment] = (), *,
                  incident_note: str | None = None) -> ComplaintPayload:
    """The adapter payload of a stored complaint; the reporter is disclosed only with consent, never if anonymous.

    incident_note: the sentence qualifying the date (incident_note()), which the adapters put in the text."""
    known = Reporter(name=complaint.reporter_name or (citizen.display_name if citizen else None),
                     phone=complaint.reporter_phone or (citizen.phone if citizen else None))
    if complaint.is_anonymous:
        # handed over only so adapters can blank it out of the text; ComplaintPayload.identity() withholds it.
        # Every name we know goes in (the contact name and the chat profile's), since either may be typed.
        names = dict.fromkeys(n.strip() for n in (complaint.reporter_name, citizen.display_name if citizen else None)
                              if n and n.strip())
        known = Reporter(name=" ".join(names) or None, phone=known.phone)
        reporter = known if (known.name or known.phone) else None
    elif complaint.contact_consent:
        reporter = known
    else:
        reporter = None
    return ComplaintPayload(
        reference=complaint.tracking_no, classification=complaint.classification, title=complaint.title,
        body=complaint.body, incident_date=complaint.incident_date, location_text=complaint.location_text,
        lat=complaint.lat, lon=complaint.lon, region_code=complaint.region_code, agency_code=complaint.agency_code,
        category=complaint.category, is_anonymous=complaint.is_anonymous, is_secret=complaint.is_secret,
        reporter=reporter, attachments=tuple(attachments), channel=complaint.channel,
        incident_precision=complaint.incident_date_precision, incident_time=complaint.incident_time,
        incident_part=complaint.incident_part, incident_note=incident_note,
    )


async def without_metadata(attachment: OutgoingAttachment) -> OutgoingAttachment:
    """An image attachment's bytes re-encoded without EXIF/XMP/IPTC (GPS, camera, names); others unchanged."""
    if attachment.content is None or not is_image(attachment.kind, attachment.mime, attachment.filename):
        return attachment
    cleaned = await asyncio.to_thread(strip_metadata, attachment.content)  # decoding takes a moment of CPU
    if cleaned is None:
        return attachment  # not an image after all (a mislabelled document): sent as it is
    content, mime = cleaned
    return replace(attachment, content=content, mime=mime)


def placeholder_attachment(attachment: Attachment) -> OutgoingAttachment:
    """An attachment without bytes or URL (no fetcher for its channel): adapters that need bytes skip it."""
    return OutgoingAttachment(kind=attachment.kind, filename=attachment.name or f"{attachment.kind}-{attachment.id}",
                              mime=attachment.mime)


def aware(moment: datetime) -> datetime:
    """A stored time as an aware UTC time (SQLite hands back naive UTC, PostgreSQL aware times)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def remote_number(ref_id: str | None, tracking: str | None) -> str:
    """The number the citizen can quote to the central system."""
    number = tracking or ref_id or ""
    return number.removeprefix(TOKEN_PREFIX)


# --------------------------------------------------------------------------- workers


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

    def __init__(self, core: Core, adapter: CentralAdapter, config: ForwardingSettings, *,
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
            rows = await workqueue.claim(
                session, FORWARD_JOBS, now=self.core.clock.now(), lease=self.config.lease, owner=self.worker_id,
                limit=limit or self.config.batch, returning=("complaint_id", "idempotency_key", "in_doubt"),
                values={"sends": col(ForwardJob.sends) + 1,
                        # taking over an expired lease: that worker may have filed it before it died
                        "in_doubt": or_(col(ForwardJob.in_doubt), col(ForwardJob.status) == "sending")})
        return [_Work(job_id=r[0], complaint_id=r[2], key=r[3], in_doubt=bool(r[4]), reference="") for r in rows]

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
            rows = (await session.exec(
                select(Complaint, Citizen).join(Citizen, col(Citizen.id) == col(Complaint.citizen_id))
                .where(col(Complaint.id).in_(ids)))).all()
            files = (await session.exec(select(Attachment).where(col(Attachment.complaint_id).in_(ids))
                                        .order_by(col(Attachment.id)))).all()
        by_id = {complaint.id: (complaint, citizen) for complaint, citizen in rows}
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
            complaints = {c.id: c for c in (await session.exec(
                select(Complaint).where(col(Complaint.id).in_([o.complaint_id for o, _ in ours]))
                .order_by(col(Complaint.id)).with_for_update())).all()}
            citizen_ids = list({c.citizen_id for c in complaints.values()})
            citizens = {c.id: c for c in (await session.exec(
                select(Citizen).where(col(Citizen.id).in_(citizen_ids)))).all()}
            locales = await _locales(session, citizen_ids)
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
            await insert_new_rows(session, (StatusChange, OutgoingMessage))
            for rows in updates.values():
                await workqueue.settle_many(session, FORWARD_JOBS, rows)  # one executemany per kind of outcome
            if recovered:
                await self._pull_forward(session, now)

    async def _pull_forward(self, session: AsyncSession, now: datetime) -> None:
        """An entry that had failed went through: the server is back, so waiting retries go now.

        Without this a backlog would sit out its backoff (up to the cap) after an outage ends. Retries the
        server itself deferred with Retry-After keep their time; the worker concurrency bounds the burst.
        """
        result = await session.execute(
            update(ForwardJob).where(
                col(ForwardJob.status) == "pending", col(ForwardJob.not_before) > now,
                or_(col(ForwardJob.retry_after_until).is_(None), col(ForwardJob.retry_after_until) <= now))
            .values(not_before=now).execution_options(synchronize_session=False))
        if result.rowcount:  # type: ignore[attr-defined]
            log.info("forwarding: central system answers again; retrying waiting entries now",
                     extra={"entries": result.rowcount})  # type: ignore[attr-defined]

    async def _sent(self, session: AsyncSession, outcome: _Outcome, ref: RemoteRef, complaint: Complaint,
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

    async def _failed(self, session: AsyncSession, outcome: _Outcome, attempts: int, in_doubt: bool,
                      complaint: Complaint | None, now: datetime) -> dict[str, Any]:
        """Give up until an operator retries; the citizen hears that staff are on it."""
        error = (outcome.error or "gave up")[:255]
        log.warning("forwarding: failed, needs an operator (laporbot outbox retry %s)", outcome.job_id,
                    extra={"job_id": outcome.job_id, "attempts": attempts, "error": error})
        if complaint is not None and complaint.status in ("submitted", "sending"):
            await self.core.status.change(session, complaint, "failed", actor="forwarding", at=now)
        return {"id": outcome.job_id, **workqueue.fail_values(FORWARD_JOBS, now, error), "failed_at": now,
                "in_doubt": in_doubt or outcome.in_doubt}


async def insert_new_rows(session: AsyncSession, tables: Sequence[type[SQLModel]]) -> None:
    """Write the session's new rows of these tables with one multi-row INSERT each.

    The ORM fetches each new row's id with its own INSERT ... RETURNING on SQLite, one round trip per
    history entry and message; nobody reads those ids here, so a batch goes in one statement instead.
    """
    batches: list[tuple[type[SQLModel], list[dict[str, Any]]]] = []
    for table in tables:
        rows = [row for row in session.new if isinstance(row, table)]
        columns = [c.name for c in table.__table__.columns if not c.primary_key]  # type: ignore[attr-defined]
        batches.append((table, [{name: getattr(row, name) for name in columns} for row in rows]))
        for row in rows:
            session.expunge(row)  # all of them before any execute: its autoflush would insert them one by one
    for table, values in batches:
        if values:
            await session.execute(insert(table), values)


async def _locales(session: AsyncSession, citizen_ids: Sequence[int]) -> dict[int, str]:
    """Each citizen's chat language, read without locking their conversation."""
    if not citizen_ids:
        return {}
    rows = (await session.exec(select(Conversation.citizen_id, Conversation.locale)
                               .where(col(Conversation.citizen_id).in_(set(citizen_ids))))).all()
    return {citizen_id: locale for citizen_id, locale in rows if locale}


def build_payload_with(payload: ComplaintPayload, attachments: Sequence[OutgoingAttachment]) -> ComplaintPayload:
    """The same payload carrying fetched attachments."""
    return replace(payload, attachments=tuple(attachments))


# --------------------------------------------------------------------------- status back


class StatusPoller:
    """Reads the central status and follow-ups of sent complaints and tells citizens about every change."""

    def __init__(self, core: Core, adapter: CentralAdapter, config: ForwardingSettings, *, batch: int = 50,
                 concurrency: int = 8) -> None:
        self.core = core
        self.adapter = adapter
        self.config = config
        self.batch = batch
        self._limit = asyncio.Semaphore(concurrency)

    async def claim(self) -> list[tuple[int, str]]:
        """Take due entries by moving their next poll time on (that move is the lease between pollers)."""
        async with self.core.db.write() as session:
            rows = await workqueue.claim(session, STATUS_POLLS, now=self.core.clock.now(),
                                         lease=self.config.poll_interval, limit=self.batch, returning=("remote_id",),
                                         where=[col(ForwardJob.remote_id).is_not(None)])
        return [(r[0], r[2]) for r in rows]

    async def poll_once(self) -> int:
        """Poll one batch of due complaints; return how many were polled."""
        due = await self.claim()
        if not due:
            return 0
        answers = await asyncio.gather(*(self._read(job_id, remote_id) for job_id, remote_id in due))
        found = {job_id: status for job_id, status in answers if status is not None}
        if found:
            await self._apply(found)
        return len(due)

    async def _read(self, job_id: int, remote_id: str) -> tuple[int, RemoteStatus | None]:
        """The central view of one complaint, or None when it could not be read this time."""
        async with self._limit:
            try:
                return job_id, await self.adapter.status(remote_id)
            except (RetryableError, PermanentError) as error:
                log.info("status poll failed", extra={"job_id": job_id, "error": str(error)[:200]})
            except Exception as error:  # keep polling the others
                log.warning("status poll failed", extra={"job_id": job_id, "error": type(error).__name__})
            return job_id, None

    async def _apply(self, found: Mapping[int, RemoteStatus]) -> None:
        """Record what changed, one transaction for the batch, rows locked in id order."""
        now = self.core.clock.now()
        async with self.core.db.write() as session:
            jobs = (await session.exec(select(ForwardJob).where(col(ForwardJob.id).in_(list(found)))
                                       .order_by(col(ForwardJob.id)).with_for_update())).all()
            complaints = {c.id: c for c in (await session.exec(
                select(Complaint).where(col(Complaint.id).in_([j.complaint_id for j in jobs]))
                .order_by(col(Complaint.id)).with_for_update())).all()}
            for job in jobs:
                complaint = complaints.get(job.complaint_id)
                if complaint is not None and job.status == "sent":
                    await self._apply_one(session, job, complaint, found[job.id or 0], now)

    async def _apply_one(self, session: AsyncSession, job: ForwardJob, complaint: Complaint,
                         remote: RemoteStatus, now: datetime) -> None:
        """Mirror one central status and its new follow-ups into our history, notifying the citizen once."""
        if job.remote_id and job.remote_id.startswith(TOKEN_PREFIX) and remote.remote_id != job.remote_id:
            job.remote_id = complaint.remote_id = remote.remote_id[:64]  # the Open311 token got its id
            session.add(complaint)
        seen = set(job.followups_seen or [])
        new = [f for f in remote.followups if f.id not in seen]
        changed = remote.status != job.remote_status
        job.raw_status = remote.raw_status[:64]
        if changed:
            job.remote_status, job.remote_changed_at = remote.status, now
        if new:
            job.followups_seen = [*(job.followups_seen or []), *(f.id for f in new)]
        settled_for = now - aware(job.remote_changed_at) if job.remote_changed_at else timedelta(0)
        if remote.status in SETTLED and settled_for >= self.config.poll_settled:
            job.next_poll_at = None  # settled long ago: stop asking
        job.updated_at = now
        session.add(job)
        if not changed and not new:
            return
        target = STATUS_FROM_CENTRAL.get(remote.status, complaint.status) if changed else complaint.status
        note = "\n\n".join(f.text.strip() for f in new if f.text.strip()) or None
        # the agency LAPOR! disposed it to travels with the change, so the citizen hears where it went
        agency = remote.disposition if changed and remote.status == DIDISPOSISIKAN else None
        await self.core.status.change(session, complaint, target, note=note, actor=f"central:{self.adapter.name}",
                                      at=now, agency=agency)


# --------------------------------------------------------------------------- running


async def _loop(step: Callable[[], Awaitable[int]], stop: asyncio.Event, idle: float, what: str) -> None:
    """Run a step until stopped: again at once while it finds work, after `idle` when it finds none."""
    failures = 0
    while not stop.is_set():
        try:
            busy = await step()
            failures = 0
        except Exception as error:  # the database may be briefly away; never log row contents
            failures += 1
            busy = 0
            log.error("%s step failed", what, extra={"error": type(error).__name__, "failures": failures})
        if busy:
            await asyncio.sleep(0)  # let the web server and channels breathe between batches
            continue
        pause = idle if not failures else min(60.0, idle * 2 ** min(failures, 10))
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), pause)


async def run_workers(core: Core, n: int | None = None, stop: asyncio.Event | None = None, *,
                      adapter: CentralAdapter | None = None, config: ForwardingSettings | None = None,
                      fetchers: Mapping[str, AttachmentFetcher] | None = None) -> None:
    """Run `n` outbox workers and the status poller until `stop` is set (inside `laporbot run`, or alone).

    `fetchers` get each attachment's file by channel (bot.forwarding.fetchers.attachment_fetchers builds
    them from the settings); if the mapping has a `close()`, it is called when the workers stop.
    """
    try:
        await _run_workers(core, n, stop, adapter=adapter, config=config, fetchers=fetchers)
    finally:
        closing = getattr(fetchers, "close", None)
        if closing is not None:
            await closing()


async def _run_workers(core: Core, n: int | None, stop: asyncio.Event | None, *, adapter: CentralAdapter | None,
                       config: ForwardingSettings | None, fetchers: Mapping[str, AttachmentFetcher] | None) -> None:
    """run_workers itself."""
    config = config or ForwardingSettings.from_settings(core.settings)
    stop = stop or asyncio.Event()
    install(core)
    if adapter is None and not config.enabled:
        log.warning(OFF_MESSAGE)
        await stop.wait()
        return
    owned = adapter is None
    adapter = adapter or make_adapter(config, core.clock, core.settings.region)
    assert adapter is not None
    count = n or config.workers
    log.info("forwarding to %s is on", adapter.name,
             extra={"central": adapter.name, "workers": count,
                    "poll_interval_s": config.poll_interval.total_seconds(), "max_attempts": config.max_attempts})
    forwarders = [Forwarder(core, adapter, config, worker_id=worker_name(i), fetchers=fetchers)
                  for i in range(count)]
    poller = StatusPoller(core, adapter, config)
    poll_idle = min(60.0, config.poll_interval.total_seconds())
    tasks = [asyncio.create_task(_loop(f.run_once, stop, config.idle, "forwarding")) for f in forwarders]
    tasks.append(asyncio.create_task(_loop(poller.poll_once, stop, poll_idle, "status poll")))
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if owned:
            await adapter.close()


# --------------------------------------------------------------------------- operators


@dataclass(frozen=True)
class JobView:
    """One outbox entry as operators see it (no complaint text, no personal data)."""

    id: int
    tracking_no: str
    status: str
    attempts: int
    sends: int
    not_before: datetime | None
    last_error: str | None
    remote_id: str | None
    updated_at: datetime


async def outbox_counts(core: Core) -> dict[str, int]:
    """How many entries are in each status."""
    async with core.db.read() as session:
        rows = (await session.exec(select(ForwardJob.status, func.count()).group_by(col(ForwardJob.status)))).all()
    counts = dict.fromkeys(JOB_STATUSES, 0)
    counts.update({status: int(n) for status, n in rows})
    return counts


async def list_jobs(core: Core, statuses: Sequence[str] = ("pending", "sending", "failed"),
                    limit: int = 50) -> list[JobView]:
    """Outbox entries in these statuses, oldest first (what an admin page or `laporbot outbox list` shows)."""
    async with core.db.read() as session:
        rows = (await session.exec(
            select(ForwardJob, Complaint.tracking_no).join(Complaint, col(Complaint.id) == col(ForwardJob.complaint_id))
            .where(col(ForwardJob.status).in_(list(statuses))).order_by(col(ForwardJob.id)).limit(limit))).all()
    return [JobView(j.id or 0, tracking_no, j.status, j.attempts, j.sends, j.not_before, j.last_error, j.remote_id,
                    j.updated_at) for j, tracking_no in rows]


async def retry(core: Core, ref: int | str | None = None, *, actor: str = "operator") -> list[int]:
    """Queue failed entries again with a fresh attempt budget: one (by id or tracking number) or all failed."""
    config, _ = ForwardingSettings.parse(core.settings.extra)
    now = core.clock.now()
    async with core.db.write() as session:
        query = select(ForwardJob).join(Complaint, col(Complaint.id) == col(ForwardJob.complaint_id))
        if ref is None:
            query = query.where(col(ForwardJob.status) == "failed")
        elif isinstance(ref, int) or str(ref).isdigit():
            query = query.where(col(ForwardJob.id) == int(ref), col(ForwardJob.status).in_(("failed", "pending")))
        else:
            query = query.where(col(Complaint.tracking_no) == str(ref).upper(),
                                col(ForwardJob.status).in_(("failed", "pending")))
        jobs = (await session.exec(query.order_by(col(ForwardJob.id)).with_for_update())).all()
        for job in jobs:
            job.status, job.attempts, job.not_before, job.failed_at, job.updated_at = "pending", 0, None, None, now
            session.add(job)
            complaint = await session.get(Complaint, job.complaint_id)
            if config.enabled and complaint is not None and complaint.status in ("failed", "submitted"):
                await core.status.change(session, complaint, "sending", actor=actor, notify=False, at=now)
        ids = [j.id or 0 for j in jobs]
    if ids:
        log.info("forwarding: requeued by operator", extra={"job_ids": ids[:50], "count": len(ids), "actor": actor})
    return ids
