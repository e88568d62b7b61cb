"""The Telegram channel's file client: a chat file's bytes by its file_id (getFile, then the download).

Used wherever a Telegram file is needed after it arrived: forwarding's uploads to the central system and the voice
notes to transcribe (bot/forwarding/fetchers.py builds one per process). Both URLs carry the bot token, so they
are built per request and never logged or raised.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from typing import TYPE_CHECKING, Any

import aiohttp

from bot.forwarding.central.base import FetchError, OutgoingAttachment, outgoing

if TYPE_CHECKING:
    from models.tables import Attachment

log = logging.getLogger("laporbot.forwarding")

# --- doors: getFile's file_path is outside input; only plain segments (photos/file_0.jpg) may follow the file base
_FILE_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")


def safe_file_path(path: str) -> bool:
    """Whether a getFile file_path stays under the file base URL: plain segments, no `..`, `/x`, `?`, `%` or `\\`."""
    segments = path.split("/")
    return 0 < len(segments) <= 8 and all(_FILE_SEGMENT.fullmatch(seg) and ".." not in seg for seg in segments)
# --- end doors ---


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


__all__ = ["TelegramFileFetcher", "safe_file_path"]
