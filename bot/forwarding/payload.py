"""A stored complaint as the central system receives it: its idempotency key, the payload (the reporter only with
consent, never if anonymous), its files (images without metadata) and the remote number the citizen can quote."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Protocol

from bot.core.i18n import Catalog
from bot.core.image_meta import is_image, strip_metadata
from bot.forwarding.central import ComplaintPayload, OutgoingAttachment, Reporter
from bot.forwarding.central.open311 import TOKEN_PREFIX
from flows.dates import DATE_SLOTS, date_in_words
from models.tables import Attachment, Citizen, Complaint

CENTRAL_LOCALE = "id"  # the language of what we write into a central system's report text (LAPOR!, Open311)


def idempotency_key(complaint: Complaint) -> str:
    """The key every request for this complaint carries: stable across retries, workers and restarts."""
    return f"laporbot-{complaint.id}-{complaint.tracking_no}"


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


def build_payload_with(payload: ComplaintPayload, attachments: Sequence[OutgoingAttachment]) -> ComplaintPayload:
    """The same payload carrying fetched attachments."""
    return replace(payload, attachments=tuple(attachments))
