"""Open311 GeoReport v2 client adapter (wiki.open311.org/GeoReport_v2; domain.md §3.1).

Uses the JSON format. Our reference travels as `attribute[<reference_attribute>]` and inside
`description`, because plain GeoReport v2 has no idempotency or search-by-attribute of its own.
Klasifikasi, tanggal kejadian and instansi travel as `attribute[classification]`, `attribute[incident_date]`
and `attribute[agency]`, the codes our own service definition declares (bot/forwarding/open311_api.py). The spec
requires a location: without text or GPS the kabupaten/kota's name is sent as `address_string`.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import aiohttp

from bot.core.clock import Clock
from bot.forwarding.central.base import (
    BELUM_TERVERIFIKASI,
    DALAM_PROSES,
    DIARSIPKAN,
    DIDISPOSISIKAN,
    DITINDAKLANJUTI,
    DITOLAK,
    DITUNDA,
    REFERENCE_LABEL,
    SELESAI,
    TERVERIFIKASI,
    CentralError,
    ComplaintPayload,
    HttpCaller,
    PermanentError,
    RemoteFollowup,
    RemoteRef,
    RemoteStatus,
    RetryableError,
    as_id,
    dig,
    redact_identity,
)
from bot.forwarding.central.mapping import CentralMapping
from bot.understanding.region_codes import region_name

log = logging.getLogger(__name__)

#: GeoReport v2 limits description to 4,000 characters.
DESCRIPTION_LIMIT = 4000
#: Prefix of a remote id that is still an unresolved Open311 token (see submit()).
TOKEN_PREFIX = "token:"

_DETAIL_STATUS: dict[str, str] = {
    # our gateway's status_detail (domain.md §3.2)
    "submitted": BELUM_TERVERIFIKASI,
    "on hold": DITUNDA,
    "verified": TERVERIFIKASI,
    "rerouted": TERVERIFIKASI,
    "dispositioned": DIDISPOSISIKAN,
    "in progress": DALAM_PROSES,
    "responded": DITINDAKLANJUTI,  # a follow-up was posted; the feedback window is still open
    "closed": SELESAI,
    "rejected": DITOLAK,
    "archived": DIARSIPKAN,
    # mySociety/FixMyStreet extended statuses
    "for triage": BELUM_TERVERIFIKASI,
    "confirmed": TERVERIFIKASI,
    "action scheduled": DALAM_PROSES,
    "investigating": DALAM_PROSES,
    "planned": DALAM_PROSES,
    "fixed": SELESAI,
    "duplicate": DITOLAK,
    "not councils responsibility": DITOLAK,
    "no further action": DITOLAK,
    "unable to fix": DITOLAK,
    "internal referral": TERVERIFIKASI,
    # the LAPOR! names themselves, for gateways that pass them through
    "belum terverifikasi": BELUM_TERVERIFIKASI,
    "terverifikasi": TERVERIFIKASI,
    "dalam proses": DALAM_PROSES,
    "selesai": SELESAI,
    "ditolak": DITOLAK,
    "ditunda": DITUNDA,
    "didisposisikan": DIDISPOSISIKAN,
    "terdisposisi": DIDISPOSISIKAN,
    "disposisi": DIDISPOSISIKAN,
    "ditindaklanjuti": DITINDAKLANJUTI,
    "diarsipkan": DIARSIPKAN,
}


def normalize_open311_status(status: str | None, status_detail: str | None = None) -> str:
    """Our status from Open311 `status` (open|closed) refined by an extended `status_detail`."""
    for raw in (status_detail, status):
        if not raw:
            continue
        key = re.sub(r"[\s_\-]+", " ", raw.replace("'", "")).strip().lower()
        if key in _DETAIL_STATUS:
            return _DETAIL_STATUS[key]
        if key == "open":
            # plain "open" only says the server accepted it, not that anyone verified it
            return BELUM_TERVERIFIKASI
    log.warning("unknown Open311 status %r/%r; treating it as dalam_proses", status, status_detail)
    return DALAM_PROSES


def parse_open311_datetime(value: Any) -> datetime | None:
    """An ISO 8601 timestamp as an aware datetime (naive ones are read as UTC), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Open311Adapter:
    """Files complaints on an Open311 GeoReport v2 server and reads their status."""

    name = "open311"

    def __init__(
        self,
        base_url: str,
        api_key: str,
        jurisdiction_id: str,
        mapping: CentralMapping,
        session: aiohttp.ClientSession | None = None,
        timeout: float = 30.0,
        *,
        clock: Clock | None = None,
        token_poll_attempts: int = 5,
        token_poll_interval: float = 1.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        home_region: str | None = None,
        supports_private: bool = False,
    ) -> None:
        # GeoReport v2 publishes every request on GET requests: rahasia content only where an operator says
        # this server keeps it private (LAPORBOT_OPEN311_PRIVATE=1).
        self.supports_private = supports_private
        self._base = base_url.rstrip("/")
        self._home_region = home_region  # LAPORBOT_REGION: the place named when a complaint names none
        self._api_key = api_key
        self._jurisdiction = jurisdiction_id
        self._mapping = mapping
        self._settings = mapping.open311
        self._http = HttpCaller(session, timeout, clock)
        self._token_attempts = max(1, token_poll_attempts)
        self._token_interval = token_poll_interval
        self._sleep = sleep

    async def close(self) -> None:
        """Close the HTTP session if we own it."""
        await self._http.close()

    # ------------------------------------------------------------------ submit

    def build_form(self, payload: ComplaintPayload) -> dict[str, str]:
        """The form fields of POST requests.json."""
        form: dict[str, str] = {
            "api_key": self._api_key,
            "jurisdiction_id": self._jurisdiction,
            "service_code": self._mapping.open311_service_code(payload.category),
            "description": self.build_description(payload),
            f"attribute[{self._settings.reference_attribute}]": payload.reference,
        }
        form["attribute[classification]"] = payload.classification
        if payload.incident_date is not None:
            form["attribute[incident_date]"] = payload.incident_date.isoformat()
        if payload.agency_code:
            form["attribute[agency]"] = payload.agency_code
        point = payload.lat is not None and payload.lon is not None
        if point:
            form["lat"] = repr(float(payload.lat))  # type: ignore[arg-type]
            form["long"] = repr(float(payload.lon))  # type: ignore[arg-type]
        address = (payload.location_text or "").strip() or None
        if address is None and not point:
            # the spec requires a location: the complaint's kabupaten/kota, else the deployment's own
            address = region_name(payload.region_code) or region_name(self._home_region)
        address = address or self._settings.default_address_string
        if address:
            form["address_string"] = self._scrub(payload, address)
        media = next((a.url for a in payload.attachments if a.url), None)
        if media:
            form["media_url"] = media
        reporter = payload.identity()
        if reporter is not None:
            if reporter.name and reporter.name.strip():
                first, _, last = reporter.name.strip().partition(" ")
                form["first_name"] = first
                if last.strip():
                    form["last_name"] = last.strip()
            if reporter.phone:
                form["phone"] = reporter.phone
            if reporter.email:
                form["email"] = reporter.email
        return form

    def build_description(self, payload: ComplaintPayload) -> str:
        """Title and body, cut to the spec's 4,000 characters without losing what qualifies the incident date
        (attribute[incident_date] holds one day: an estimate or a time of day is said here) or our reference."""
        note = f"{payload.incident_note.strip()}\n" if payload.incident_note else ""
        tail = f"\n\n{note}{REFERENCE_LABEL}: {payload.reference}"
        title = self._scrub(payload, payload.title).strip()
        head = f"{title}\n\n{self._scrub(payload, payload.body).strip()}"
        room = DESCRIPTION_LIMIT - len(tail)
        if len(head) > room:
            head = head[: room - 1].rstrip() + "…"
        return head + tail

    @staticmethod
    def _scrub(payload: ComplaintPayload, text: str) -> str:
        """For anonymous reports, blank out the reporter's identity if the citizen typed it in."""
        return redact_identity(text, payload.reporter) if payload.is_anonymous else text

    async def submit(self, payload: ComplaintPayload, idempotency_key: str) -> RemoteRef:
        """POST the request; resolve a returned token to an id within a bounded number of polls."""
        # an unresolved token still means the request is filed, so we return `token:<token>` rather
        # than fail (a retry would file it twice); status() resolves it and reports the real id
        form = self.build_form(payload)
        _, answer = await self._http.call(
            "POST",
            f"{self._base}/requests.json",
            "Open311 create request",
            # not part of GeoReport v2; servers that know it dedupe, others ignore it
            headers={"Idempotency-Key": idempotency_key, "Accept": "application/json"},
            data=form,
        )
        first = _first(answer)
        request_id = as_id(dig(first, "service_request_id"))
        if request_id:
            log.info("complaint %s filed on Open311 as %s", payload.reference, request_id)
            return RemoteRef(remote_id=request_id)
        token = as_id(dig(first, "token"))
        if token is None:
            raise RetryableError("Open311 create request: answer has neither service_request_id nor token")
        for attempt in range(self._token_attempts):
            if attempt:
                await self._sleep(self._token_interval)
            try:
                request_id = await self._resolve_token(token)
            except CentralError:
                request_id = None  # the request exists; a later status() call resolves it
            if request_id:
                log.info("complaint %s filed on Open311 as %s (via token)", payload.reference, request_id)
                return RemoteRef(remote_id=request_id)
        log.info("complaint %s filed on Open311; token not resolved yet", payload.reference)
        return RemoteRef(remote_id=f"{TOKEN_PREFIX}{token}")

    async def _resolve_token(self, token: str) -> str | None:
        """The service_request_id behind a token, or None while the server has not assigned one."""
        status, answer = await self._http.call(
            "GET",
            f"{self._base}/tokens/{token}.json",
            "Open311 token",
            params={"jurisdiction_id": self._jurisdiction},
            ok_statuses=(404,),  # some servers answer 404 until the request exists
        )
        return None if status == 404 else as_id(dig(_first(answer), "service_request_id"))

    # ------------------------------------------------------------------ lookup

    async def lookup(self, reference: str) -> RemoteRef | None:
        """Find an earlier request by our reference attribute, if the server can filter on it."""
        # GeoReport v2 only filters GET requests.json by id, service_code, dates and status, so this is
        # off unless the mapping sets `supports_reference_lookup`; then we send
        # `attribute[<reference_attribute>]=<reference>` and still check each hit ourselves, because a
        # server that ignores the unknown filter returns everybody's requests.
        if not self._settings.supports_reference_lookup:
            return None
        attribute = self._settings.reference_attribute
        _, answer = await self._http.call(
            "GET",
            f"{self._base}/requests.json",
            "Open311 search requests",
            params={"jurisdiction_id": self._jurisdiction, f"attribute[{attribute}]": reference},
        )
        for item in answer if isinstance(answer, list) else []:
            if not isinstance(item, dict):
                continue
            attributes = item.get("attributes")
            tagged = isinstance(attributes, dict) and attributes.get(attribute) == reference
            described = f"{REFERENCE_LABEL}: {reference}" in str(item.get("description") or "")
            request_id = as_id(item.get("service_request_id"))
            if request_id and (tagged or described):
                return RemoteRef(remote_id=request_id)
        return None

    # ------------------------------------------------------------------ status

    async def status(self, remote_id: str) -> RemoteStatus:
        """GET requests/{id}.json and map open/closed (+ status_detail) and notes to our vocabulary."""
        request_id: str | None = remote_id
        if remote_id.startswith(TOKEN_PREFIX):
            request_id = await self._resolve_token(remote_id[len(TOKEN_PREFIX):])
            if request_id is None:
                return RemoteStatus(
                    remote_id=remote_id, status=BELUM_TERVERIFIKASI, raw_status="token_pending"
                )
        _, answer = await self._http.call(
            "GET",
            f"{self._base}/requests/{request_id}.json",
            "Open311 request detail",
            params={"jurisdiction_id": self._jurisdiction},
        )
        item = _first(answer)
        if not isinstance(item, dict):
            raise PermanentError("Open311 request detail: request not found", 404)
        status = item.get("status") if isinstance(item.get("status"), str) else None
        detail = item.get("status_detail") if isinstance(item.get("status_detail"), str) else None
        raw = detail or status
        if not raw:
            raise RetryableError("Open311 request detail: answer has no status")
        ours = normalize_open311_status(status, detail)
        agency = item.get("agency_responsible")
        return RemoteStatus(
            remote_id=as_id(item.get("service_request_id")) or str(request_id),
            status=ours,
            raw_status=raw,
            followups=_followups(item),
            # a disposition names its agency in the spec's agency_responsible
            disposition=agency.strip()[:200] if ours == DIDISPOSISIKAN and isinstance(agency, str)
            and agency.strip() else None,
        )


def _first(answer: Any) -> Any:
    """GeoReport JSON answers are one-element lists; accept a bare object too."""
    if isinstance(answer, list):
        return answer[0] if answer else None
    return answer


def _followups(item: dict[str, Any]) -> tuple[RemoteFollowup, ...]:
    """Follow-ups from an extended `followups[]` list, else from `status_notes`."""
    found: list[RemoteFollowup] = []
    extended = item.get("followups")
    for index, entry in enumerate(extended if isinstance(extended, list) else []):
        if not isinstance(entry, dict):
            continue
        text = next(
            (entry[k] for k in ("text", "content", "description") if isinstance(entry.get(k), str)), None
        )
        if text:
            found.append(
                RemoteFollowup(
                    id=as_id(entry.get("id")) or f"followup:{index}",
                    text=text,
                    at=parse_open311_datetime(entry.get("at") or entry.get("datetime")),
                    author=entry.get("author") if isinstance(entry.get("author"), str) else None,
                )
            )
    notes = item.get("status_notes")
    if not found and isinstance(notes, str) and notes.strip():
        # status_notes has no id; derive one from the text so a changed note reads as a new follow-up
        digest = hashlib.sha256(notes.encode()).hexdigest()[:16]
        agency = item.get("agency_responsible")
        found.append(
            RemoteFollowup(
                id=f"status_notes:{digest}",
                text=notes.strip(),
                at=parse_open311_datetime(item.get("updated_datetime")),
                author=agency if isinstance(agency, str) and agency else None,
            )
        )
    return tuple(found)
