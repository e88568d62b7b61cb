"""Citizens' files on WhatsApp: checked before their message is recorded, kept after, handed to forwarding.

Before a message with a file is recorded, its type and size are checked with the Graph API (a file we will not
take is explained to the citizen; only media messages pay this call before the 200). After the reply the bytes
are downloaded and kept in MediaFile (models/whatsapp.py), because media ids from webhooks expire after 7 days
while forwarding may run later; WhatsAppMediaFetcher hands them to the forwarding step (falling back to a fresh
download, and leaving out a file Meta no longer has).
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.core.clock import Clock
from bot.core.image_meta import is_image, strip_metadata
from bot.core.messages import Inbound, Media
from models import whatsapp as storage
from models.db import Database

from .client import MediaRejected, MediaTooLarge, PermanentError, WhatsAppClient, WhatsAppError
from .payload import CHANNEL

if TYPE_CHECKING:
    from bot.forwarding.central import OutgoingAttachment
    from models.tables import Attachment

log = logging.getLogger("laporbot.whatsapp")

CHECK_TIMEOUT = 5.0  # seconds for the media check made before a webhook is answered


class MediaKeeper:
    """Checks a citizen's file with the Graph API before it is handled; downloads and keeps it afterwards."""

    def __init__(self, client: WhatsAppClient, db: Database, clock: Clock) -> None:
        self.client = client
        self.db = db
        self.clock = clock
        self._downloads = asyncio.Semaphore(4)  # files can be 16 MB: a few at a time

    async def check(self, msg: Inbound) -> Inbound:
        """The message with files of a type or size we do not take left out, so the engine explains it."""
        kept: list[Media] = []
        refused: str | None = None
        for item in msg.media:
            try:
                info = await asyncio.wait_for(self.client.media_info(item.ref), CHECK_TIMEOUT)
            except MediaRejected as error:
                refused = "whatsapp_too_large" if isinstance(error, MediaTooLarge) else "whatsapp_media_type"
                continue
            except (WhatsAppError, TimeoutError) as error:  # Graph API slow or away: take it, the download checks
                log.warning("whatsapp media check failed", extra={"error": type(error).__name__})
                kept.append(item)
                continue
            kept.append(replace(item, mime=info.mime, size=info.size if info.size is not None else item.size))
        if kept:
            return replace(msg, media=tuple(kept))
        log.info("whatsapp media refused", extra={"reason": refused})
        # Nothing usable: the caption alone would pass for an answer, so the citizen is told instead.
        return replace(msg, media=(), text=None, unsupported=refused)

    async def keep(self, wamid: str, media: Sequence[Media]) -> None:
        """Download and store each file not stored yet (media ids from webhooks expire after 7 days)."""
        for item in media:
            async with self.db.read() as session:
                if await storage.media_kept(session, CHANNEL, item.ref):
                    continue
                inbound_id = await storage.inbound_id_of(session, CHANNEL, wamid)
            async with self._downloads:
                try:
                    data, mime = await self.client.download_media(item.ref)
                except WhatsAppError as error:
                    log.warning("whatsapp media not kept", extra={"error": type(error).__name__})
                    continue
            if is_image(None, mime):  # kept without EXIF/XMP (GPS, camera, names): admins and forwarding see this
                cleaned = await asyncio.to_thread(strip_metadata, data)
                if cleaned is not None:
                    data, mime = cleaned
            async with self.db.write() as session:
                await storage.keep_media(session, channel=CHANNEL, ref=item.ref, inbound_id=inbound_id, mime=mime,
                                         data=data, now=self.clock.now())


class WhatsAppMediaFetcher:
    """The forwarding step's AttachmentFetcher for WhatsApp files: the kept bytes, else a fresh download."""

    def __init__(self, db: Database, client: WhatsAppClient) -> None:
        self.db = db
        self.client = client

    async def __call__(self, attachment: Attachment) -> OutgoingAttachment | None:
        """The file's bytes; None when Meta no longer has it or it is not a file we take."""
        from bot.forwarding.central import OutgoingAttachment

        async with self.db.read() as session:
            kept = await storage.kept_media(session, CHANNEL, attachment.file_ref)
        if kept is not None:
            data, mime = kept.data, kept.mime
        else:
            try:
                data, mime = await self.client.download_media(attachment.file_ref)
            except (MediaRejected, PermanentError):  # refused, or expired at Meta: the complaint goes without
                return None
        kind = {"voice": "audio", "sticker": "photo"}.get(attachment.kind, attachment.kind)
        name = attachment.name or f"{attachment.kind}-{attachment.id}{mimetypes.guess_extension(mime) or ''}"
        return OutgoingAttachment(kind=kind, filename=name, mime=mime, content=data)


__all__ = ["CHECK_TIMEOUT", "MediaKeeper", "WhatsAppMediaFetcher"]
