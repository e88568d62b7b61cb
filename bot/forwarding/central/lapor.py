"""SP4N-LAPOR! V3 adapter, shaped after the integration seen in public code (domain.md §1.2, §1.4).

The V3 API is documented only on the LAPOR! admin page for institutional developer accounts, so the
request and answer shapes here follow muhilman2012/admin_lmw_v2 (LaporForwardingService, CheckLaporStatus).
Parts that code does not show are our assumptions and are marked ASSUMPTION below.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from datetime import datetime, timedelta, timezone
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
    ComplaintPayload,
    HttpCaller,
    OutgoingAttachment,
    RemoteFollowup,
    RemoteRef,
    RemoteStatus,
    RetryableError,
    as_id,
    dig,
    redact_identity,
)
from bot.forwarding.central.mapping import CentralMapping

log = logging.getLogger(__name__)

#: LAPOR! timestamps carry no zone in observed code; the service runs on Jakarta time (WIB).
WIB = timezone(timedelta(hours=7), "WIB")

#: Every LAPOR! status name and spelling seen (domain.md §1.4) → its own meaning in our vocabulary.
_STATUS_NAMES: dict[str, str] = {
    "belum terverifikasi": BELUM_TERVERIFIKASI,
    "menunggu verifikasi": BELUM_TERVERIFIKASI,
    "baru": BELUM_TERVERIFIKASI,
    "terverifikasi": TERVERIFIKASI,
    "diverifikasi": TERVERIFIKASI,
    "bukan wewenang": TERVERIFIKASI,  # re-routed to the right agency, still alive (domain.md: rerouted → verified)
    "tunda": DITUNDA,  # admin postponed verification (A2 Tunda)
    "ditunda": DITUNDA,
    "disposisi": DIDISPOSISIKAN,  # handed to the authorised agency (A1 Verifikasi → dispose)
    "didisposisikan": DIDISPOSISIKAN,
    "terdisposisi": DIDISPOSISIKAN,
    "dalam proses": DALAM_PROSES,
    "diproses": DALAM_PROSES,
    "proses": DALAM_PROSES,
    "ditindaklanjuti": DITINDAKLANJUTI,  # the agency posted its follow-up; the citizen's reply window runs
    "tindak lanjut": DITINDAKLANJUTI,
    "selesai": SELESAI,
    "ditolak": DITOLAK,
    "diarsipkan": DIARSIPKAN,  # archived without handling (A4 Arsipkan), which is not a rejection
    "arsip": DIARSIPKAN,
    "arsipkan": DIARSIPKAN,
}
#: disposition_name values that say no agency has it yet.
_NO_DISPOSITION = frozenset({"belum terdisposisi", "belum didisposisikan", "-", ""})


def _status_key(name: str) -> str:
    """A status name folded for lookup: case, spaces, underscores and dashes do not matter."""
    return re.sub(r"[\s_\-]+", " ", name).strip().lower()


def normalize_lapor_status(name: str) -> str:
    """Our status for a LAPOR! status name; unknown names count as in progress (raw name is kept)."""
    key = _status_key(name)
    if key in _STATUS_NAMES:
        return _STATUS_NAMES[key]
    log.warning("unknown LAPOR! status name %r; treating it as dalam_proses", name)
    return DALAM_PROSES


def disposition_name(data: Any) -> str | None:
    """The agency a complaint was disposed to, from `disposition_name` (observed) or `disposition.name`."""
    if not isinstance(data, dict):
        return None
    for value in (data.get("disposition_name"), dig(data, "disposition", "name")):
        if isinstance(value, str) and _status_key(value) not in _NO_DISPOSITION:
            return value.strip()[:200]
    return None


def attachment_filename(index: int, attachment: OutgoingAttachment) -> str:
    """A neutral upload name: chat-app filenames often carry people's names ("KTP_Budi.jpg")."""
    ext = mimetypes.guess_extension(attachment.mime or "") or ""
    if not ext:
        match = re.search(r"\.[A-Za-z0-9]{1,5}$", attachment.filename or "")
        ext = match.group(0).lower() if match else ""
    return f"lampiran-{index}{ext}"


def parse_lapor_datetime(value: Any) -> datetime | None:
    """A LAPOR! timestamp ("2025-01-02 10:00:00" or ISO 8601) as an aware datetime, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=WIB)


class LaporAdapter:
    """Files complaints into SP4N-LAPOR! V3 and reads their status and follow-ups."""

    name = "lapor"
    supports_private = True  # LAPOR! keeps is_secret reports from the public itself (domain.md §1.1)

    def __init__(
        self,
        base_url: str,
        token: str,
        auth_header_value: str,
        mapping: CentralMapping,
        session: aiohttp.ClientSession | None = None,
        timeout: float = 30.0,
        *,
        clock: Clock | None = None,
    ) -> None:
        if mapping.lapor is None:
            raise ValueError("the central mapping has no 'lapor' section")
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": auth_header_value, "token": token, "Accept": "application/json"}
        self._mapping = mapping
        self._http = HttpCaller(session, timeout, clock)

    async def close(self) -> None:
        """Close the HTTP session if we own it."""
        await self._http.close()

    # ------------------------------------------------------------------ submit

    def build_body(self, payload: ComplaintPayload, attachment_ids: list[Any]) -> dict[str, Any]:
        """The JSON body of POST complaints/complaint-lmw (mapping errors surface before any upload)."""
        settings = self._mapping.lapor
        assert settings is not None  # checked in __init__
        ids = ",".join(str(i) for i in attachment_ids)
        tags = " ".join(t for t in (settings.tags_raw.strip(), f"#{payload.reference}") if t)
        return {
            "title": self._scrub(payload, payload.title),
            "content": self.build_content(payload),
            "channel": self._mapping.lapor_channel(payload.channel),
            "is_new_user_slider": False,
            "user_id": settings.user_id,
            "is_inbox": settings.is_inbox,
            "is_disposisi_slider": True,
            "classification_id": self._mapping.lapor_classification(payload.classification),
            "disposition_id": self._mapping.lapor_disposition(payload.agency_code),
            "category_id": self._mapping.lapor_category(payload.category),
            "priority_program_id": None,
            "location_id": self._mapping.lapor_location(payload.region_code),
            "community_id": None,
            "date_of_incident": payload.incident_date.isoformat() if payload.incident_date else None,
            "copy_externals": None,
            "info_disposition": "-",
            # observed code sends the document ids as the string "[12,13]", in both fields
            "info_attachments": f"[{ids}]",
            "tags_raw": tags,
            "is_approval": False,
            "is_anonymous": payload.is_anonymous,
            "is_secret": payload.is_secret,
            "is_priority": settings.is_priority,
            "attachments": f"[{ids}]",
        }

    def build_content(self, payload: ComplaintPayload) -> str:
        """The report text: body, what qualifies the date, location, our ticket number and, only if not anonymous,
        the reporter."""
        lines = [self._scrub(payload, payload.body).strip(), ""]
        if payload.incident_note:  # date_of_incident holds one day: an estimate or a time of day is said here
            lines.append(payload.incident_note.strip())
        if payload.location_text:
            lines.append(f"Lokasi: {self._scrub(payload, payload.location_text).strip()}")
        if payload.lat is not None and payload.lon is not None:
            lines.append(f"Koordinat: {payload.lat:.6f}, {payload.lon:.6f}")
        # the reference makes lookup() possible after a crash; it identifies the ticket, not the person
        lines.append(f"{REFERENCE_LABEL}: {payload.reference}")
        reporter = payload.identity()
        if reporter is not None:
            # the real integration embeds the identity in content for non-anonymous reports
            parts = [
                f"{label}: {value}"
                for label, value in (
                    ("Nama Lengkap", reporter.name),
                    ("Nomor Telepon", reporter.phone),
                    ("Email", reporter.email),
                )
                if value
            ]
            if parts:
                lines.append("Pelapor: " + ", ".join(parts))
        return "\n".join(lines).strip()

    @staticmethod
    def _scrub(payload: ComplaintPayload, text: str) -> str:
        """For anonymous reports, blank out the reporter's identity if the citizen typed it in."""
        return redact_identity(text, payload.reporter) if payload.is_anonymous else text

    async def submit(self, payload: ComplaintPayload, idempotency_key: str) -> RemoteRef:
        """Upload attachments, then create the complaint; return LAPOR!'s complaint id."""
        self.build_body(payload, [])  # fail on unmapped codes before uploading anything
        attachment_ids: list[Any] = []
        for index, attachment in enumerate(payload.attachments, start=1):
            if attachment.content is None:
                # LAPOR! takes uploads only; fetching URLs here could leak tokens embedded in them
                log.warning("complaint %s: attachment %d has no bytes; skipped", payload.reference, index)
                continue
            attachment_ids.extend(await self._upload(payload.reference, index, attachment, idempotency_key))
        body = self.build_body(payload, attachment_ids)
        _, answer = await self._http.call(
            "POST",
            f"{self._base}/complaints/complaint-lmw",
            "LAPOR create complaint",
            headers={**self._headers, "Idempotency-Key": idempotency_key},
            json_body=body,
        )
        complaint_id = as_id(
            dig(answer, "complaint_id")
            or dig(answer, "data", "complaint_id")
            or dig(answer, "data", "results", "complaint", "id")
            or dig(answer, "results", "complaint_id")
        )
        if complaint_id is None:
            # success without an id: maybe filed, maybe not; lookup() on the next try settles it
            raise RetryableError("LAPOR create complaint: answer has no complaint_id")
        tracking = as_id(
            dig(answer, "tracking_id")
            or dig(answer, "data", "tracking_id")
            or dig(answer, "data", "results", "complaint", "tracking_id")
        )
        log.info("complaint %s filed in LAPOR! as %s", payload.reference, complaint_id)
        return RemoteRef(remote_id=complaint_id, tracking_id=tracking)

    async def _upload(
        self, reference: str, index: int, attachment: OutgoingAttachment, idempotency_key: str
    ) -> list[Any]:
        """Upload one file; return the document ids LAPOR! gave it."""
        form = aiohttp.FormData()
        form.add_field(
            "attachments[]",
            attachment.content or b"",
            filename=attachment_filename(index, attachment),
            content_type=attachment.mime or "application/octet-stream",
        )
        _, answer = await self._http.call(
            "POST",
            f"{self._base}/complaints/complaint/file",
            "LAPOR upload attachment",
            headers={**self._headers, "Idempotency-Key": f"{idempotency_key}:file:{index}"},
            data=form,
        )
        docs = dig(answer, "results", "docs")
        ids = [
            doc["id"]
            for doc in (docs if isinstance(docs, list) else [])
            if isinstance(doc, dict) and doc.get("id") is not None
        ]
        if not ids:
            raise RetryableError("LAPOR upload attachment: answer has no results.docs[].id")
        log.info("complaint %s: attachment %d uploaded", reference, index)
        return ids

    # ------------------------------------------------------------------ lookup

    async def lookup(self, reference: str) -> RemoteRef | None:
        """Find a complaint we filed earlier by the reference embedded in its content and tags."""
        # ASSUMPTION: `GET {base}/complaints?search=<text>` lists complaints whose text matches, under
        # `results.data` with `id`, `content` and/or `tags_raw`; observed code never searches. Hits are
        # re-checked here so a fuzzy search cannot hand us somebody else's complaint.
        _, answer = await self._http.call(
            "GET",
            f"{self._base}/complaints",
            "LAPOR search complaints",
            headers=self._headers,
            params={"search": reference},
        )
        for item in _items(answer):
            texts = [item.get(k) for k in ("content", "tags_raw", "title", "tags")]
            flat = " ".join(" ".join(map(str, t)) if isinstance(t, list) else str(t) for t in texts if t)
            remote_id = as_id(item.get("id") or item.get("complaint_id"))
            if remote_id and reference in flat:
                return RemoteRef(remote_id=remote_id, tracking_id=as_id(item.get("tracking_id")))
        return None

    # ------------------------------------------------------------------ status

    async def status(self, remote_id: str) -> RemoteStatus:
        """Read the status name from the complaint detail and the follow-ups list."""
        _, answer = await self._http.call(
            "GET",
            f"{self._base}/complaints/{remote_id}/complaint",
            "LAPOR complaint detail",
            headers=self._headers,
        )
        data = dig(answer, "results", "data")
        raw = _status_name(data)
        if raw is None:
            raise RetryableError("LAPOR complaint detail: answer has no results.data status name")
        # ASSUMPTION: follow-ups come back as a list under results.data (or results.docs / data)
        # with id, content, created_at and the posting institution; observed code only stores them.
        status, answer = await self._http.call(
            "GET",
            f"{self._base}/complaints/{remote_id}/followups",
            "LAPOR followups",
            headers=self._headers,
            ok_statuses=(404,),  # a complaint without follow-ups may answer 404
        )
        items = [] if status == 404 else _items(answer)
        followups = tuple(_followup(i, item) for i, item in enumerate(items))
        return RemoteStatus(
            remote_id=remote_id,
            status=normalize_lapor_status(raw),
            raw_status=raw,
            followups=tuple(f for f in followups if f is not None),
            disposition=disposition_name(data),
        )


def _items(answer: Any) -> list[dict[str, Any]]:
    """The list of records in a LAPOR! list answer, wherever the API put it."""
    for path in (("results", "data"), ("results", "docs"), ("data",), ("results",)):
        found = dig(answer, *path)
        if isinstance(found, dict) and isinstance(found.get("data"), list):
            found = found["data"]  # paginated: {"data": [...], "total": n}
        if isinstance(found, list):
            return [item for item in found if isinstance(item, dict)]
    return [item for item in answer if isinstance(item, dict)] if isinstance(answer, list) else []


def _status_name(data: Any) -> str | None:
    """The status name: `status_name` in observed code, `status` (text or {name}) as fallbacks."""
    if not isinstance(data, dict):
        return None
    for value in (data.get("status_name"), data.get("status"), dig(data, "status", "name")):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _followup(index: int, item: dict[str, Any]) -> RemoteFollowup | None:
    """One follow-up record, or None if it carries no text."""
    text = next((item[k] for k in ("content", "message", "text") if isinstance(item.get(k), str)), None)
    if not text:
        return None
    author = next(
        (
            value
            for value in (
                dig(item, "institution_from", "name"),
                item.get("institution_from_name"),
                item.get("institution_name"),
                dig(item, "institution", "name"),
            )
            if isinstance(value, str) and value
        ),
        None,
    )
    at = parse_lapor_datetime(item.get("created_at") or item.get("date"))
    # without an id, derive a stable one so callers can tell new follow-ups from seen ones
    followup_id = as_id(item.get("id")) or f"{index}:{item.get('created_at') or ''}"
    return RemoteFollowup(id=followup_id, text=text, at=at, author=author)
