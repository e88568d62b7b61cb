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
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.forwarding.central.base import FetchError
from bot.forwarding.ports import ChannelFiles, Fetching

if TYPE_CHECKING:
    from bot.forwarding.payload import AttachmentFetcher
    from bot.forwarding.settings import ForwardingSettings

log = logging.getLogger("laporbot.forwarding")

#: Adapters that upload file bytes (the others could only take public URLs, which chat files lack).
UPLOADING_CENTRALS = frozenset({"lapor"})
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
        from handlers.telegram.files import TelegramFileFetcher  # the Telegram adapter's own Bot API file client

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


__all__ = ["UPLOADING_CENTRALS", "ChannelFetchers", "FetchError", "attachment_fetchers", "channel_fetchers"]
