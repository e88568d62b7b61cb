"""What every central-system adapter speaks: payload DTOs, the adapter Protocol, errors and HTTP plumbing."""

from __future__ import annotations

import json
import logging
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Protocol, runtime_checkable

import aiohttp

from bot.core.clock import Clock, SystemClock
from bot.core.scrub import scrub_text
from bot.forwarding.central.retry import parse_retry_after

log = logging.getLogger(__name__)

#: Our vocabulary for central statuses: the five LAPOR! names seen by integrators (domain.md §1.4), then the
#: admin actions' outcomes (Tunda, disposisi, tindak lanjut, Arsipkan), each kept apart so none is misreported.
STATUSES: tuple[str, ...] = ("belum_terverifikasi", "terverifikasi", "dalam_proses", "selesai", "ditolak",
                             "ditunda", "didisposisikan", "ditindaklanjuti", "diarsipkan")
(BELUM_TERVERIFIKASI, TERVERIFIKASI, DALAM_PROSES, SELESAI, DITOLAK,
 DITUNDA, DIDISPOSISIKAN, DITINDAKLANJUTI, DIARSIPKAN) = STATUSES

#: Line that carries our reference inside the free text we send, so a later search can find it.
REFERENCE_LABEL = "Nomor Tiket laporbot"


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class Reporter:
    """Who filed the complaint; only ever sent when the complaint is not anonymous."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class OutgoingAttachment:
    """A file to send along: bytes (for upload APIs) and/or a public URL (for media_url APIs)."""

    kind: str  # photo|document|video|audio
    filename: str
    mime: str | None = None
    content: bytes | None = None
    url: str | None = None


#: Our attachment kinds as the central APIs name them (photo|document|video|audio).
CENTRAL_KIND = {"voice": "audio", "sticker": "photo", "animation": "video", "video_note": "video"}


class FetchError(Exception):
    """The channel could not hand over the file right now: the worker tries the complaint again later."""


def outgoing(attachment: Any, data: bytes, mime: str | None) -> OutgoingAttachment:
    """The central system's view of a fetched file (no channel ids or URLs in it)."""
    kind = CENTRAL_KIND.get(attachment.kind, attachment.kind)
    extension = (mimetypes.guess_extension(mime) or "") if mime else ""
    name = attachment.name or f"{attachment.kind}-{attachment.id}{extension}"
    return OutgoingAttachment(kind=kind, filename=name, mime=mime, content=data)


@dataclass(frozen=True)
class ComplaintPayload:
    """One complaint as the outbox hands it to an adapter."""

    reference: str  # our tracking number, e.g. "LPR-7K3M9QX"; also the idempotency key source
    classification: str  # pengaduan|aspirasi|informasi
    title: str
    body: str
    incident_date: date | None = None
    location_text: str | None = None
    lat: float | None = None
    lon: float | None = None
    region_code: str | None = None
    agency_code: str | None = None
    category: str | None = None
    is_anonymous: bool = False
    is_secret: bool = False
    reporter: Reporter | None = None  # None when anonymous or no consent
    attachments: tuple[OutgoingAttachment, ...] = ()
    channel: str = "terminal"  # telegram|whatsapp|terminal
    # how honestly the incident date was said (flows.dates.IncidentDate.answers()); incident_date is then the
    # estimate (approximate: about then; month/year: its first day) or None (unknown: "tidak ingat")
    incident_precision: str | None = None  # day|approximate|month|year|unknown; None for complaints filed before
    incident_time: str | None = None  # "16:00"
    incident_part: str | None = None  # morning|noon|afternoon|night
    # the sentence officers read beside the date ("Tanggal kejadian: sekitar Mei 2024 (perkiraan …)"), in the
    # central system's language; adapters put it in the report text, so no estimate passes for an exact day
    incident_note: str | None = None

    def identity(self) -> Reporter | None:
        """The reporter identity we may disclose: never any when the complaint is anonymous."""
        return None if self.is_anonymous else self.reporter


@dataclass(frozen=True)
class RemoteRef:
    """Where the central system filed our complaint."""

    remote_id: str
    tracking_id: str | None = None


@dataclass(frozen=True)
class RemoteFollowup:
    """One follow-up (tindak lanjut) posted on the central system."""

    id: str
    text: str
    at: datetime | None = None
    author: str | None = None


@dataclass(frozen=True)
class RemoteStatus:
    """The central system's view of a complaint, in our status vocabulary."""

    remote_id: str
    status: str  # one of STATUSES
    raw_status: str
    followups: tuple[RemoteFollowup, ...] = field(default=())
    disposition: str | None = None  # the agency it was disposed to, when the central system names one


@runtime_checkable
class CentralAdapter(Protocol):
    """A central complaint system we forward to (LAPOR! V3, an Open311 server, ...)."""

    name: str

    async def submit(self, payload: ComplaintPayload, idempotency_key: str) -> RemoteRef:
        """File the complaint; raise RetryableError or PermanentError on failure."""
        ...

    async def lookup(self, reference: str) -> RemoteRef | None:
        """Find an earlier submission by our reference (crash between send and record), or None."""
        ...

    async def status(self, remote_id: str) -> RemoteStatus:
        """The current status and follow-ups of a filed complaint."""
        ...

    async def close(self) -> None:
        """Release network resources the adapter owns."""
        ...


# --------------------------------------------------------------------------- errors


class CentralError(Exception):
    """Base of adapter errors; messages never carry personal data or complaint text."""


class RetryableError(CentralError):
    """Try again later: 5xx, 408, 429, timeouts, refused/dropped connections, garbled answers."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentError(CentralError):
    """Retrying the same request will not help: 4xx (not 408/429), bad config, unmapped codes."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class MappingError(PermanentError):
    """A code in the complaint has no counterpart in the mapping file (an operator must fix it)."""


def error_for_status(status: int, what: str, retry_after: float | None = None) -> CentralError:
    """Classify an HTTP error status into the outbox's two kinds."""
    if status in (408, 429) or status >= 500:
        return RetryableError(f"{what}: HTTP {status}", retry_after)
    return PermanentError(f"{what}: HTTP {status}", status)


# --------------------------------------------------------------------------- HTTP plumbing


class HttpCaller:
    """Shared aiohttp plumbing: owns or borrows a session and turns failures into our two error kinds."""

    def __init__(
        self,
        session: aiohttp.ClientSession | None,
        timeout: float,
        clock: Clock | None = None,
    ) -> None:
        self._session = session
        self._owns_session = session is None
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._clock = clock or SystemClock()

    def _get_session(self) -> aiohttp.ClientSession:
        """The borrowed session, or one we create lazily (it must be made inside the running loop)."""
        if self._session is None or self._session.closed:
            if not self._owns_session:
                raise PermanentError("central: the borrowed HTTP session is closed")
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        """Close the session if we created it."""
        if self._owns_session and self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None if self._owns_session else self._session

    async def call(
        self,
        method: str,
        url: str,
        what: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        data: Any = None,
        ok_statuses: tuple[int, ...] = (),
    ) -> tuple[int, Any]:
        """Send one request and return (status, parsed JSON); `what` names the step in errors and logs."""
        session = self._get_session()
        try:
            async with session.request(
                method,
                url,
                headers=dict(headers or {}),
                params=dict(params) if params else None,
                json=json_body,
                data=data,
                timeout=self._timeout,
                # a redirect on these APIs means a wrong base URL; following it could re-POST elsewhere
                allow_redirects=False,
            ) as resp:
                status = resp.status
                if status >= 300 and status not in ok_statuses:
                    retry_after = parse_retry_after(resp.headers.get("Retry-After"), self._clock.now())
                    log.info("central %s answered HTTP %s", what, status)
                    raise error_for_status(status, what, retry_after)
                raw = await resp.read()
        except CentralError:
            raise
        except aiohttp.InvalidURL as exc:
            raise PermanentError(f"{what}: invalid URL configured") from exc
        except TimeoutError as exc:
            log.info("central %s timed out", what)
            raise RetryableError(f"{what}: timed out") from exc
        except (aiohttp.ClientError, OSError) as exc:
            # refused, reset, dropped mid-answer: the request may or may not have landed
            log.info("central %s connection failed: %s", what, type(exc).__name__)
            raise RetryableError(f"{what}: connection failed ({type(exc).__name__})") from exc
        if not raw.strip():
            return status, None
        try:
            return status, json.loads(raw)
        except ValueError as exc:
            log.info("central %s answered malformed JSON", what)
            raise RetryableError(f"{what}: malformed JSON answer") from exc


# --------------------------------------------------------------------------- small helpers


def dig(obj: Any, *path: str | int) -> Any:
    """Walk nested dicts/lists, returning None when any step is missing."""
    for step in path:
        if isinstance(step, int) and isinstance(obj, list) and -len(obj) <= step < len(obj):
            obj = obj[step]
        elif isinstance(step, str) and isinstance(obj, dict):
            obj = obj.get(step)
        else:
            return None
    return obj


def as_id(value: Any) -> str | None:
    """An opaque id as a string (ids may come back as numbers), or None when empty."""
    if value is None or isinstance(value, bool) or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def redact_identity(text: str, reporter: Reporter | None) -> str:
    """Blank out NIKs, phone numbers, e-mail addresses and the reporter's names (single words too)."""
    if not text:
        return text
    names = (reporter.name, reporter.email) if reporter is not None else ()
    return scrub_text(text, names) or ""


def supports_private(adapter: object) -> bool:
    """Whether the adapter's server keeps a rahasia (secret) complaint's content from the public."""
    return bool(getattr(adapter, "supports_private", False))


def prepare_for_send(payload: ComplaintPayload, *, private: bool, placeholder: str) -> ComplaintPayload:
    """The payload as it may leave: anonymous ones scrubbed everywhere; rahasia ones only as a placeholder
    where the server is public (a plain Open311 server publishes every request on GET requests)."""
    if payload.is_anonymous:
        names = (payload.reporter.name, payload.reporter.email) if payload.reporter is not None else ()
        payload = replace(
            payload, title=redact_identity(payload.title, payload.reporter),
            body=redact_identity(payload.body, payload.reporter),
            location_text=redact_identity(payload.location_text, payload.reporter) if payload.location_text else None,
            attachments=tuple(replace(a, filename=scrub_text(a.filename, names) or a.kind)
                              for a in payload.attachments))
    if payload.is_secret and not private:
        # The content stays with us, for admins; the server learns that a complaint exists and where it goes.
        payload = replace(payload, title=placeholder, body=placeholder, location_text=None, lat=None, lon=None,
                          reporter=None, attachments=())
    return payload
