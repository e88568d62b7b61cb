"""A thin aiohttp client for the WhatsApp Cloud API: send, mark read, download media, typed errors."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import aiohttp
from yarl import URL

from .render import mark_read as mark_read_body

log = logging.getLogger(__name__)

# 16 MB is WhatsApp's own cap for audio and video; documents may be bigger than a complaint needs.
DEFAULT_MAX_MEDIA_BYTES = 16 * 1024 * 1024
# Evidence a complaint can use. Macro-capable and legacy Office formats are left out on purpose.
DEFAULT_MEDIA_TYPES = frozenset({
    "image/jpeg", "image/png", "image/webp",
    "audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/amr",
    "video/mp4", "video/3gpp",
    "application/pdf", "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
})
WINDOW_CLOSED = 131047  # outside the 24-hour customer service window: only templates get through
PAIR_RATE_LIMIT = 131056  # too many messages to one user in a short time
RATE_LIMIT_CODES = frozenset({130429, 4, 80007})  # number / app / account throughput
TRANSIENT_CODES = frozenset({1, 2, 131000, 131016})  # Meta: unknown error, service unavailable
PAIR_RETRY_AFTER = 6.0  # Meta allows about one message per 6 s to the same user
_DIGITS = re.compile(r"\+?\d[\d \-]{5,}\d")  # phone-like runs, in case Meta echoes a number back
# Graph ids (media, phone number) are decimal numbers; anything else must never become part of a URL path
# (`../1065403522/messages` had made the bot call another path with its token).
_GRAPH_ID = re.compile(r"[0-9]{1,32}")
_API_VERSION = re.compile(r"v[0-9]{1,3}(\.[0-9]{1,3})?")


class WhatsAppError(Exception):
    """A Graph API call failed; the message holds codes only, never personal data."""

    def __init__(
        self,
        reason: str,
        *,
        code: int | None = None,
        http_status: int | None = None,
        title: str | None = None,
        trace_id: str | None = None,
    ) -> None:
        self.code = code
        self.http_status = http_status
        self.title = _redact(title) if title else None
        self.trace_id = trace_id
        parts = [reason]
        if code is not None:
            parts.append(f"code={code}")
        if http_status is not None:
            parts.append(f"http={http_status}")
        if self.title:
            parts.append(f"title={self.title!r}")
        if trace_id:
            parts.append(f"fbtrace_id={trace_id}")
        super().__init__(" ".join(parts))


class WindowClosed(WhatsAppError):
    """The 24-hour window is closed (131047): send an approved template instead."""


class RetryLater(WhatsAppError):
    """A failure that a later retry of the same request can fix."""

    def __init__(self, reason: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(reason, **kwargs)


class PairRateLimited(RetryLater):
    """Too many messages to this one user (131056): wait a few seconds, then resend."""


class RateLimited(RetryLater):
    """The business number hit its throughput limit (130429 or HTTP 429)."""


class TransientError(RetryLater):
    """Meta had a 5xx, or the network or a timeout failed."""


class PermanentError(WhatsAppError):
    """The request was refused (other 4xx): resending it unchanged will fail again."""


class MediaRejected(WhatsAppError):
    """A media file we will not download: too large or of a type we do not accept."""


class MediaTooLarge(MediaRejected):
    """The file is bigger than we take."""


class MediaTypeRejected(MediaRejected):
    """The file's type is not one a complaint can use."""


class MediaIdRejected(MediaRejected):
    """The media id is not a Graph id (digits only): no request is made with it."""


def graph_id(value: str) -> str:
    """`value` when it is a Graph id (1-32 digits), else ValueError: only such ids are put into Graph URLs."""
    if not isinstance(value, str) or not _GRAPH_ID.fullmatch(value):
        raise ValueError("not a Graph id")
    return value


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """A media file's metadata from GET /{media-id}: the url is valid for 5 minutes only."""

    url: str
    mime: str
    size: int | None
    sha256: str | None


class WhatsAppClient:
    """Graph API calls for one business phone number, over one shared aiohttp session."""

    def __init__(
        self,
        base_url: str,
        api_version: str,
        phone_number_id: str,
        access_token: str,
        session: aiohttp.ClientSession | None = None,
        max_media_bytes: int = DEFAULT_MAX_MEDIA_BYTES,
        *,
        allowed_mime: frozenset[str] = DEFAULT_MEDIA_TYPES,
        timeout: float = 30.0,
    ) -> None:
        version = api_version if api_version.startswith("v") else f"v{api_version}"
        if not _API_VERSION.fullmatch(version):
            raise ValueError(f"WHATSAPP_API_VERSION: expected like v25.0, got {api_version!r}")
        # every Graph URL is this base joined with checked segments (yarl), never pasted text
        self._api = URL(base_url.rstrip("/")) / version
        self._messages_url = self._api / graph_id(phone_number_id) / "messages"
        self._headers = {"Authorization": f"Bearer {access_token}"}
        self._session = session
        self._owns_session = session is None
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self.max_media_bytes = max_media_bytes
        self.allowed_mime = allowed_mime

    async def __aenter__(self) -> WhatsAppClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the HTTP session if this client opened it."""
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def send(self, body: Mapping[str, Any]) -> str:
        """Send one message body (see handlers/whatsapp/render.py) and return its wamid."""
        data = await self._call("POST", self._messages_url, body)
        try:
            return str(data["messages"][0]["id"])
        except (KeyError, IndexError, TypeError):
            # Not retried: the message may have gone out, and a resend would duplicate it.
            raise PermanentError("send answered without a message id") from None

    async def upload_media(self, data: bytes, mime: str, filename: str = "voice.ogg") -> str:
        """Upload a file to Meta (POST /{phone-number-id}/media) for sending; its media id."""
        form = aiohttp.FormData()
        form.add_field("messaging_product", "whatsapp")
        form.add_field("type", mime)
        form.add_field("file", data, filename=filename, content_type=mime)
        session = self._open()
        try:
            async with session.post(self._messages_url.parent / "media", data=form, headers=self._headers,
                                    timeout=self._timeout) as resp:
                answer = _decode(await resp.read())
                if resp.status >= 400 or "error" in answer:
                    raise _error(resp.status, answer, resp.headers)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise TransientError(f"media upload failed: {type(exc).__name__}") from exc
        media_id = answer.get("id")
        if not isinstance(media_id, str) or not media_id:
            raise PermanentError("media upload answered without an id")
        return media_id

    async def mark_read(self, wamid: str, typing: bool = False) -> None:
        """Mark a citizen's message as read (and optionally show the typing indicator)."""
        await self._call("POST", self._messages_url, mark_read_body(wamid, typing))

    async def media_info(self, media_id: str) -> MediaInfo:
        """Look a citizen's media file up and check its type and declared size (nothing is downloaded)."""
        try:
            lookup = self._api / graph_id(media_id)
        except ValueError:
            log.warning("whatsapp media id refused: not a Graph id")
            raise MediaIdRejected("media id is not a Graph id") from None
        meta = await self._call("GET", lookup)
        url = meta.get("url")
        mime = str(meta.get("mime_type") or "").split(";")[0].strip().lower()
        if not url:
            raise PermanentError("media lookup answered without a url")
        if mime not in self.allowed_mime:
            raise MediaTypeRejected(f"media type not accepted: {mime or 'unknown'}")
        size = _int(meta.get("file_size"))
        if size is not None and size > self.max_media_bytes:
            raise MediaTooLarge(f"media too large: {size} > {self.max_media_bytes} bytes")
        sha = meta.get("sha256")
        return MediaInfo(str(url), mime, size, sha.lower() if isinstance(sha, str) and sha else None)

    async def download_media(self, media_id: str) -> tuple[bytes, str]:
        """Fetch a media file sent by a citizen: its bytes and mime type."""
        info = await self.media_info(media_id)
        # The url is only valid for 5 minutes and needs the same Bearer token as the API.
        data = await self._fetch(info.url)
        if info.sha256 and hashlib.sha256(data).hexdigest() != info.sha256:
            raise TransientError("media checksum mismatch")
        return data, info.mime

    async def _fetch(self, url: str) -> bytes:
        session = self._open()
        try:
            async with session.get(url, headers=self._headers, timeout=self._timeout) as resp:
                if resp.status >= 400:
                    raise _error(resp.status, _decode(await resp.read()), resp.headers)
                if (resp.content_length or 0) > self.max_media_bytes:
                    raise MediaTooLarge(f"media too large: {resp.content_length} bytes")
                chunks: list[bytes] = []
                total = 0
                # Metadata can lie or be absent: stop reading as soon as the cap is passed.
                async for chunk in resp.content.iter_chunked(64 * 1024):
                    total += len(chunk)
                    if total > self.max_media_bytes:
                        raise MediaTooLarge(f"media too large: over {self.max_media_bytes} bytes")
                    chunks.append(chunk)
                return b"".join(chunks)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise TransientError(f"media download failed: {type(exc).__name__}") from exc

    async def _call(self, method: str, url: URL, body: Mapping[str, Any] | None = None) -> dict[str, Any]:
        session = self._open()
        try:
            async with session.request(
                method, url, json=body, headers=self._headers, timeout=self._timeout
            ) as resp:
                data = _decode(await resp.read())
                if resp.status >= 400 or "error" in data:
                    error = _error(resp.status, data, resp.headers)
                    log.warning("whatsapp api %s failed: %s %s", method, type(error).__name__, error.code)
                    raise error
                return data
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise TransientError(f"request failed: {type(exc).__name__}") from exc

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
            self._owns_session = True
        return self._session


def _error(status: int, data: Mapping[str, Any], headers: Mapping[str, str]) -> WhatsAppError:
    """Map Meta's error JSON and the HTTP status to the exception the caller acts on."""
    raw = data.get("error")
    error: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    code = _int(error.get("code"))
    info: dict[str, Any] = {
        "code": code,
        "http_status": status,
        "title": error.get("error_user_title") or error.get("message"),
        "trace_id": error.get("fbtrace_id"),
    }
    if code == WINDOW_CLOSED:
        return WindowClosed("customer service window closed", **info)
    if code == PAIR_RATE_LIMIT:
        return PairRateLimited("too many messages to this user", retry_after=PAIR_RETRY_AFTER, **info)
    if code in RATE_LIMIT_CODES or status == 429:
        return RateLimited("rate limited", retry_after=_retry_after(headers), **info)
    if status >= 500 or code in TRANSIENT_CODES:
        return TransientError("server error", **info)
    return PermanentError("request refused", **info)


def _decode(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}  # an HTML error page from a proxy: the status code says enough
    return data if isinstance(data, dict) else {}


def _retry_after(headers: Mapping[str, str]) -> float | None:
    try:
        value = float(headers.get("Retry-After", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _redact(text: str) -> str:
    return _DIGITS.sub("[number]", str(text))[:200]


__all__ = [
    "DEFAULT_MAX_MEDIA_BYTES",
    "DEFAULT_MEDIA_TYPES",
    "MediaIdRejected",
    "MediaInfo",
    "MediaRejected",
    "MediaTooLarge",
    "MediaTypeRejected",
    "PairRateLimited",
    "PermanentError",
    "RateLimited",
    "RetryLater",
    "TransientError",
    "WhatsAppClient",
    "WhatsAppError",
    "WindowClosed",
    "graph_id",
]
