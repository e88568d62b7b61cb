"""Where the forwarding workers get a complaint's files: one AttachmentFetcher per configured chat channel.

Only the LAPOR! adapter takes files (as uploads of their bytes). Open311 takes a public `media_url`, which
chat files do not have: a Telegram file URL carries the bot token and a WhatsApp media URL needs the access
token, so neither may ever leave this process. With Open311 (or forwarding off) no fetchers are built.

- **telegram**: `getFile` on the Bot API (TELEGRAM_API_BASE_URL), then the download from
  TELEGRAM_FILE_BASE_URL; bots may download files of up to 20 MB.
- **whatsapp**: the bytes kept when the message arrived (media ids expire after 7 days), else a fresh
  download from the Graph API (handlers/whatsapp/media.py: WhatsAppMediaFetcher).

A file the channel no longer has (or never will give us) is left out and the complaint goes without it; a
channel that is briefly away makes the worker retry the whole complaint later (nothing was sent yet).
"""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import aiohttp

from bot.forwarding.central import OutgoingAttachment
from bot.forwarding.ports import ChannelFiles, Fetching

if TYPE_CHECKING:
    from bot.forwarding.payload import AttachmentFetcher
    from bot.forwarding.settings import ForwardingSettings
    from models.tables import Attachment

log = logging.getLogger("laporbot.forwarding")

#: Adapters that upload file bytes (the others could only take public URLs, which chat files lack).
UPLOADING_CENTRALS = frozenset({"lapor"})
#: Our attachment kinds as the central APIs name them (photo|document|video|audio).
CENTRAL_KIND = {"voice": "audio", "sticker": "photo", "animation": "video", "video_note": "video"}
# --- doors: getFile's file_path is outside input; only plain segments (photos/file_0.jpg) may follow the file base
_FILE_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")


def safe_file_path(path: str) -> bool:
    """Whether a getFile file_path stays under the file base URL: plain segments, no `..`, `/x`, `?`, `%` or `\\`."""
    segments = path.split("/")
    return 0 < len(segments) <= 8 and all(_FILE_SEGMENT.fullmatch(seg) and ".." not in seg for seg in segments)
# --- end doors ---


class FetchError(Exception):
    """The channel could not hand over the file right now: the worker tries the complaint again later."""


class TelegramFileFetcher:
    """A complaint's Telegram file by its file_id: getFile, then the download (never logging the URLs)."""

    def __init__(self, token: str, api_base_url: str, file_base_url: str, *, timeout: float = 30.0,
                 session: aiohttp.ClientSession | None = None) -> None:
        # both URLs carry the bot token: they are built per request and never logged or raised
        self._api = f"{api_base_url}{token}"
        self._files = f"{file_base_url}{token}"
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session = session
        self._owns_session = session is None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        """Close the HTTP session if this fetcher opened it."""
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def __call__(self, attachment: Attachment) -> OutgoingAttachment | None:
        """The file's bytes; None when Telegram will not give it (unknown id, too big)."""
        path = await self._file_path(attachment.file_ref)
        if path is None:
            return None
        try:
            async with self._open().get(f"{self._files}/{path}") as resp:
                if resp.status in (400, 404):
                    log.warning("telegram file gone; the complaint goes without it",
                                extra={"attachment_id": attachment.id, "http_status": resp.status})
                    return None
                if resp.status != 200:
                    raise FetchError(f"telegram file download: HTTP {resp.status}")
                data = await resp.read()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise FetchError(f"telegram file download: {type(error).__name__}") from None
        return outgoing(attachment, data, attachment.mime or mimetypes.guess_type(path)[0])

    async def _file_path(self, file_id: str) -> str | None:
        """getFile: the path to download, None when Telegram refuses for good; raises when it is away."""
        try:
            async with self._open().post(f"{self._api}/getFile", json={"file_id": file_id}) as resp:
                status = resp.status
                try:
                    answer: Any = await resp.json(content_type=None)
                except ValueError:
                    answer = None
        except (aiohttp.ClientError, TimeoutError) as error:
            raise FetchError(f"telegram getFile: {type(error).__name__}") from None
        if status == 200 and isinstance(answer, dict) and answer.get("ok"):
            result = answer.get("result") or {}
            path = result.get("file_path") if isinstance(result, dict) else None
            if isinstance(path, str) and path:
                if not safe_file_path(path):  # --- doors: would leave the file base URL; never fetched ---
                    log.warning("telegram getFile answered an unsafe file path; the complaint goes without the file")
                    return None
                return path
            return None  # no file_path: Telegram will not serve it (too big for bots)
        if status == 400:  # invalid file_id, file is too big: asking again will not help
            log.warning("telegram getFile refused; the complaint goes without the file",
                        extra={"http_status": status})
            return None
        raise FetchError(f"telegram getFile: HTTP {status}")


def outgoing(attachment: Attachment, data: bytes, mime: str | None) -> OutgoingAttachment:
    """The central system's view of a fetched file (no channel ids or URLs in it)."""
    kind = CENTRAL_KIND.get(attachment.kind, attachment.kind)
    extension = (mimetypes.guess_extension(mime) or "") if mime else ""
    name = attachment.name or f"{attachment.kind}-{attachment.id}{extension}"
    return OutgoingAttachment(kind=kind, filename=name, mime=mime, content=data)


class ChannelFetchers(dict[str, "AttachmentFetcher"]):
    """The fetchers for run_workers(fetchers=...), by channel; `close()` releases their HTTP sessions."""

    def __init__(self, fetchers: dict[str, AttachmentFetcher] | None = None,
                 closers: list[Callable[[], Awaitable[None]]] | None = None) -> None:
        super().__init__(fetchers or {})
        self._closers = list(closers or [])

    async def close(self) -> None:
        """Close every fetcher's HTTP client (a failing close does not stop the others)."""
        closers, self._closers = self._closers, []
        for close in closers:
            try:
                await close()
            except Exception as error:  # shutting down: nothing more to do about it
                log.warning("closing an attachment fetcher failed", extra={"error": type(error).__name__})


def attachment_fetchers(core: Fetching, config: ForwardingSettings | None = None) -> ChannelFetchers:
    """A fetcher for each configured chat channel, when the configured central system takes uploads."""
    from bot.forwarding.settings import ForwardingSettings

    config = config or core.section(ForwardingSettings)
    if config.central not in UPLOADING_CENTRALS:
        return ChannelFetchers()
    fetchers = channel_fetchers(core, timeout=config.timeout)
    if fetchers:
        log.info("forwarding uploads chat files", extra={"channels": sorted(fetchers)})
    return fetchers


def channel_fetchers(core: ChannelFiles, *, timeout: float = 30.0) -> ChannelFetchers:
    """A file fetcher for each configured chat channel (forwarding's uploads, voice notes to transcribe)."""
    settings = core.settings
    fetchers: dict[str, AttachmentFetcher] = {}
    closers: list[Callable[[], Awaitable[None]]] = []
    if settings.telegram_token:
        telegram = TelegramFileFetcher(settings.telegram_token, settings.telegram_api_base_url,
                                       settings.telegram_file_base_url, timeout=timeout)
        fetchers["telegram"] = telegram
        closers.append(telegram.close)
    if "whatsapp" in settings.channels:
        from handlers.whatsapp.channel import whatsapp_fetcher

        whatsapp = whatsapp_fetcher(core)
        if whatsapp is not None:
            fetchers["whatsapp"] = whatsapp
            closers.append(whatsapp.client.close)
    return ChannelFetchers(fetchers, closers)


__all__ = [
    "UPLOADING_CENTRALS",
    "ChannelFetchers",
    "FetchError",
    "TelegramFileFetcher",
    "attachment_fetchers",
    "outgoing",
]
