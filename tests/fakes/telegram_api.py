"""Fake Telegram Bot API server on aiohttp, for end-to-end tests and the transport benchmark.

Speaks the wire format PTB uses (``POST /bot<token>/<method>`` with form, multipart or JSON
bodies; ``{"ok": ..., "result": ...}`` envelopes; errors with the matching HTTP status, because PTB
picks the exception class from the status). Tests push updates (``push_text`` ...), drive a real
``telegram.Bot``/``Application`` against ``base_url``, then assert on ``calls``/``sent_messages``.

Run standalone with ``python -m tests.fakes.telegram_api --port 0``: it prints
``READY <base_url>`` and serves until killed.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import re
import signal
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from types import TracebackType
from typing import Any, Final, TypedDict, TypeVar, Unpack

import aiohttp
from aiohttp import web

JSONDict = dict[str, Any]
T = TypeVar("T")

DEFAULT_BOT_ID: Final = 7_000_000_001
DEFAULT_USERNAME: Final = "laporbot_test_bot"
# Telegram's hard limits that the fake enforces, so bot code that breaks them fails in tests too.
MAX_TEXT: Final = 4096
MAX_CAPTION: Final = 1024
MAX_CALLBACK_DATA: Final = 64
MAX_DOWNLOAD: Final = 20 * 1024 * 1024
FAILURE_KINDS: Final = frozenset({"429", "403", "500", "slow"})
SECRET_HEADER: Final = "X-Telegram-Bot-Api-Secret-Token"

_CANONICAL: Final = {
    name.lower(): name
    for name in (
        "getMe",
        "getUpdates",
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
        "sendPhoto",
        "sendDocument",
        "sendVoice",
        "sendLocation",
        "sendChatAction",
        "getFile",
        "setWebhook",
        "deleteWebhook",
        "getWebhookInfo",
        "deleteMessage",
        "setMyCommands",
        "deleteMyCommands",
        "getMyCommands",
    )
}
# PTB sends every non-string value as a JSON string, so "123" may be an int or a text: these
# fields are always text and stay raw; anything else that looks like JSON is decoded.
_TEXT_FIELDS: Final = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "file_id",
        "action",
        "inline_message_id",
        "business_connection_id",
        "message_effect_id",
        "ip_address",
        "photo",
        "document",
        "voice",
        "video",
        "audio",
        "animation",
        "sticker",
        "video_note",
        "thumbnail",
        "title",
        "description",
        "emoji",
        "language_code",
        "name",
        "short_description",
        "address",
        "foursquare_id",
        "google_place_id",
        "phone_number",
        "first_name",
        "last_name",
    }
)
# In JSON bodies Telegram still accepts these objects as JSON-encoded strings.
_OBJECT_FIELDS: Final = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "reply_parameters",
        "link_preview_options",
        "allowed_updates",
        "media",
        "commands",
        "scope",
    }
)
_JSONISH: Final = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null")


@dataclass
class Call:
    """One request the fake received; status/result are filled in when it is answered."""

    method: str
    params: JSONDict
    at: float
    status: int | None = None
    result: Any = None
    content_type: str = ""  # how the body came: form, multipart or JSON


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str | None
    content_type: str
    data: bytes


class Sender(TypedDict, total=False):
    """Who sends a pushed update (defaults: the chat's own user, "Budi", Indonesian)."""

    user_id: int
    first_name: str
    last_name: str
    username: str
    language_code: str
    chat_type: str


@dataclass
class _Failure:
    kind: str
    remaining: int
    retry_after: int
    delay: float


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    size: int
    data: bytes | None


@dataclass
class _Webhook:
    url: str
    secret_token: str | None
    params: JSONDict = field(default_factory=dict)


class _ApiError(Exception):
    """An error answer: HTTP status = error_code, as Telegram does."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def _bad_request(what: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: {what}")


def _decode_field(key: str, value: str) -> Any:
    """Undo PTB's JSON-string encoding of non-string form values."""
    if key in _TEXT_FIELDS or not value:
        return value
    if value[0] in "{[" or _JSONISH.fullmatch(value):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _same_markup(old: Any, new: Any) -> bool:
    return (old or None) == (new or None)


class FakeTelegramAPI:
    """In-process fake of the Telegram Bot API (one bot, any token unless one is pinned)."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str | None = None,
        bot_username: str = DEFAULT_USERNAME,
        bot_first_name: str = "LaporBot Test",
        record: bool = True,
    ) -> None:
        self._host = host
        self._port = port
        self._token = token
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        # record=False keeps memory flat for benchmarks: no call log, no message store.
        self._record = record
        self.calls: list[Call] = []
        self.updates: list[JSONDict] = []
        self.webhook: _Webhook | None = None
        self._pending: list[JSONDict] = []
        self._update_ids = itertools.count(10_001)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._file_numbers = itertools.count(0)
        self._messages: dict[tuple[int | str, int], JSONDict] = {}
        self._chats: dict[int | str, JSONDict] = {}
        self._files: dict[str, _StoredFile] = {}
        self._files_by_path: dict[str, _StoredFile] = {}
        self._open_callbacks: set[str] = set()
        self._failures: dict[str, deque[_Failure]] = {}
        self._blocked: set[int | str] = set()
        self._poll_generation = 0
        self._update_event = asyncio.Event()
        self._changed = asyncio.Event()
        self._stopping = False
        self._runner: web.AppRunner | None = None
        self._root = ""
        self._seen_token = ""
        self._handlers: dict[str, Callable[[JSONDict], Awaitable[Any]]] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "answercallbackquery": self._answer_callback_query,
            "sendphoto": self._send_photo,
            "senddocument": self._send_document,
            "sendvoice": self._send_voice,
            "sendlocation": self._send_location,
            "sendchataction": self._true_with_chat,
            "getfile": self._get_file,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "deletemessage": self._true_with_chat,
            "setmycommands": self._true,
            "deletemycommands": self._true,
            "getmycommands": self._empty_list,
        }

    # ----- lifecycle -------------------------------------------------------------------------

    async def start(self) -> str:
        """Start serving on 127.0.0.1 (a free port by default) and return the PTB base_url."""
        # Telegram accepts 50 MB uploads; aiohttp's default body limit is 1 MB.
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("GET", "/file/bot{token}/{file_path:.+}", self._on_download)
        app.router.add_route("POST", "/bot{token}/{method}", self._on_api)
        app.router.add_route("GET", "/bot{token}/{method}", self._on_api)
        self._stopping = False
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self._root = f"http://{host}:{port}"
        return self.base_url

    async def stop(self) -> None:
        """Wake pending long-polls and stop the server."""
        self._stopping = True
        self._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegramAPI:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """Return the server root, e.g. http://127.0.0.1:PORT."""
        if not self._root:
            raise RuntimeError("FakeTelegramAPI is not started")
        return self._root

    @property
    def base_url(self) -> str:
        """Return the value for Bot(base_url=...); PTB appends the token."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """Return the value for Bot(base_file_url=...)."""
        return f"{self.url}/file/bot"

    @property
    def bot_user(self) -> JSONDict:
        """Return the bot's User object (as getMe answers it)."""
        return {
            "id": self._bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    @property
    def _bot_id(self) -> int:
        # Real bot ids equal the token's numeric prefix.
        prefix = (self._token or self._seen_token).split(":", 1)[0]
        return int(prefix) if prefix.isdigit() else DEFAULT_BOT_ID

    # ----- test controls ---------------------------------------------------------------------

    def fail_next(self, method: str, kind: str, times: int = 1, retry_after: int = 1, delay: float = 1.0) -> None:
        """Make the next `times` calls of `method` ("*" = any) fail: 429, 403, 500 or slow."""
        if kind not in FAILURE_KINDS:
            raise ValueError(f"kind must be one of {sorted(FAILURE_KINDS)}")
        key = method.lower()
        self._failures.setdefault(key, deque()).append(_Failure(kind, times, retry_after, delay))

    def block_chat(self, chat_id: int | str) -> None:
        """Answer every send/edit to this chat with 403 (user blocked the bot)."""
        self._blocked.add(chat_id)

    def unblock_chat(self, chat_id: int | str) -> None:
        """Undo block_chat."""
        self._blocked.discard(chat_id)

    def register_file(
        self,
        file_id: str,
        content: bytes | None = None,
        *,
        file_size: int | None = None,
        file_path: str | None = None,
    ) -> str:
        """Make getFile know `file_id` (and serve `content` for download); return its file_path."""
        number = next(self._file_numbers)
        stored = _StoredFile(
            file_id=file_id,
            file_unique_id=f"u{file_id}"[:32],
            file_path=file_path or f"documents/file_{number}",
            size=len(content) if content is not None else (file_size or 0),
            data=content,
        )
        self._files[file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored.file_path

    def clear_calls(self) -> None:
        """Forget recorded calls (server state stays)."""
        self.calls.clear()

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Return updates not yet confirmed by a getUpdates offset."""
        return list(self._pending)

    def calls_to(self, method: str) -> list[Call]:
        """Return the recorded calls of one method (case-insensitive)."""
        key = method.lower()
        return [c for c in self.calls if c.method.lower() == key]

    def sent_messages(self, chat_id: int | str | None = None) -> list[JSONDict]:
        """Return params of successful sendMessage calls (reply_markup decoded), optionally per chat."""
        return [
            c.params
            for c in self.calls
            if c.method == "sendMessage" and c.status == 200 and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    # A timeout argument reads better in tests than wrapping every call in asyncio.timeout.
    async def wait_for(self, predicate: Callable[[], T], timeout: float = 30.0) -> T:  # noqa: ASYNC109
        """Wait until predicate() is truthy and return its value; TimeoutError otherwise.

        The timeout is a liveness bound (it returns as soon as the predicate holds), generous for a loaded machine.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = [f"{c.method}:{c.status}" for c in self.calls[-20:]]
                raise TimeoutError(f"condition not met within {timeout}s; last calls: {seen}")
            # Woken by every call/update; the cap re-checks predicates on state outside the fake.
            try:
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.05))
            except TimeoutError:
                pass

    # ----- update builders -------------------------------------------------------------------

    def _sender_objects(self, chat_id: int | str, sender: Sender) -> tuple[JSONDict, JSONDict]:
        chat_type = sender.get("chat_type", "private")
        first_name = sender.get("first_name", "Budi")
        default_user = chat_id if chat_type == "private" and isinstance(chat_id, int) else 424_242
        user: JSONDict = {
            "id": sender.get("user_id", default_user),
            "is_bot": False,
            "first_name": first_name,
            "language_code": sender.get("language_code", "id"),
        }
        for key in ("last_name", "username"):
            if key in sender:
                user[key] = sender[key]  # type: ignore[literal-required]
        chat: JSONDict = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = first_name
            for key in ("last_name", "username"):
                if key in sender:
                    chat[key] = sender[key]  # type: ignore[literal-required]
        else:
            chat["title"] = "Grup Uji"
        self._chats[chat_id] = chat
        return user, chat

    def make_message(self, chat_id: int | str, fields: JSONDict, **sender: Unpack[Sender]) -> JSONDict:
        """Build a message update with arbitrary content fields (not queued)."""
        user, chat = self._sender_objects(chat_id, sender)
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user,
            **fields,
        }
        return {"update_id": next(self._update_ids), "message": message}

    def make_update(self, kind: str, chat_id: int | str, *args: Any, **kwargs: Any) -> JSONDict:
        """Build an update of `kind` ("text", "callback", "photo", ...) without queueing it."""
        builder = getattr(self, f"make_{kind}", None)
        if builder is None or kind in {"update"}:
            raise ValueError(f"unknown update kind {kind!r}")
        update: JSONDict = builder(chat_id, *args, **kwargs)
        return update

    def make_text(self, chat_id: int | str, text: str, **sender: Unpack[Sender]) -> JSONDict:
        """Build a text update; a leading /command gets its bot_command entity."""
        fields: JSONDict = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            fields["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.make_message(chat_id, fields, **sender)

    def make_callback(self, chat_id: int | str, data: str, *, message_id: int, **sender: Unpack[Sender]) -> JSONDict:
        """Build a callback_query update for a button under bot message `message_id`."""
        user, chat = self._sender_objects(chat_id, sender)
        message = self._messages.get((chat_id, message_id))
        if message is None:
            # Unknown to the fake (e.g. a test skipped the send): invent it so edits still work.
            message = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": chat,
                "from": self.bot_user,
                "text": "...",
            }
            self._messages[(chat_id, message_id)] = message
        # A snapshot: later edits must not rewrite an update that is already queued.
        message = dict(message)
        query_id = str(4_382_000_000_000_000 + next(self._callback_ids))
        self._open_callbacks.add(query_id)
        query = {
            "id": query_id,
            "from": user,
            "chat_instance": f"ci{chat_id}",
            "data": data,
            "message": message,
        }
        return {"update_id": next(self._update_ids), "callback_query": query}

    def make_location(self, chat_id: int | str, lat: float, lon: float, **sender: Unpack[Sender]) -> JSONDict:
        """Build a location update."""
        return self.make_message(chat_id, {"location": {"latitude": lat, "longitude": lon}}, **sender)

    def _media_file(self, file_id: str, path: str, content: bytes | None, file_size: int) -> tuple[str, int]:
        """Register a pushed file under e.g. photos/file_7.jpg; return (file_unique_id, size)."""
        size = len(content) if content is not None else file_size
        folder, _, suffix = path.partition(".")
        file_path = f"{folder}/file_{next(self._file_numbers)}{'.' + suffix if suffix else ''}"
        self.register_file(file_id, content, file_size=size, file_path=file_path)
        return self._files[file_id].file_unique_id, size

    def make_photo(
        self,
        chat_id: int | str,
        file_id: str,
        *,
        file_size: int = 65_536,
        caption: str | None = None,
        content: bytes | None = None,
        **sender: Unpack[Sender],
    ) -> JSONDict:
        """Build a photo update: three PhotoSize, largest last (only that one is downloadable)."""
        unique, size = self._media_file(file_id, "photos.jpg", content, file_size)
        sizes = [
            {
                "file_id": f"{file_id}-s",
                "file_unique_id": f"{unique}s",
                "width": 90,
                "height": 68,
                "file_size": max(1, size // 40),
            },
            {
                "file_id": f"{file_id}-m",
                "file_unique_id": f"{unique}m",
                "width": 320,
                "height": 240,
                "file_size": max(1, size // 8),
            },
            {"file_id": file_id, "file_unique_id": unique, "width": 1280, "height": 960, "file_size": size},
        ]
        fields: JSONDict = {"photo": sizes}
        if caption is not None:
            fields["caption"] = caption
        return self.make_message(chat_id, fields, **sender)

    def make_document(
        self,
        chat_id: int | str,
        file_id: str,
        *,
        file_name: str = "laporan.pdf",
        mime_type: str = "application/pdf",
        file_size: int = 120_000,
        caption: str | None = None,
        content: bytes | None = None,
        **sender: Unpack[Sender],
    ) -> JSONDict:
        """Build a document update."""
        unique, size = self._media_file(file_id, f"documents{PurePosixPath(file_name).suffix}", content, file_size)
        document = {
            "file_id": file_id,
            "file_unique_id": unique,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": size,
        }
        fields: JSONDict = {"document": document}
        if caption is not None:
            fields["caption"] = caption
        return self.make_message(chat_id, fields, **sender)

    def make_voice(
        self,
        chat_id: int | str,
        file_id: str,
        *,
        duration: int = 3,
        file_size: int = 8_000,
        content: bytes | None = None,
        **sender: Unpack[Sender],
    ) -> JSONDict:
        """Build a voice-note update."""
        unique, size = self._media_file(file_id, "voice.oga", content, file_size)
        voice = {
            "file_id": file_id,
            "file_unique_id": unique,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": size,
        }
        return self.make_message(chat_id, {"voice": voice}, **sender)

    def make_video(
        self,
        chat_id: int | str,
        file_id: str,
        *,
        duration: int = 5,
        file_size: int = 900_000,
        caption: str | None = None,
        content: bytes | None = None,
        **sender: Unpack[Sender],
    ) -> JSONDict:
        """Build a video update."""
        unique, size = self._media_file(file_id, "videos.mp4", content, file_size)
        video = {
            "file_id": file_id,
            "file_unique_id": unique,
            "width": 640,
            "height": 360,
            "duration": duration,
            "mime_type": "video/mp4",
            "file_size": size,
        }
        fields: JSONDict = {"video": video}
        if caption is not None:
            fields["caption"] = caption
        return self.make_message(chat_id, fields, **sender)

    def make_sticker(
        self, chat_id: int | str, file_id: str, *, emoji: str = "👍", **sender: Unpack[Sender]
    ) -> JSONDict:
        """Build a sticker update."""
        unique, size = self._media_file(file_id, "stickers.webp", None, 20_000)
        sticker = {
            "file_id": file_id,
            "file_unique_id": unique,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": size,
        }
        return self.make_message(chat_id, {"sticker": sticker}, **sender)

    def make_contact(
        self,
        chat_id: int | str,
        phone_number: str,
        *,
        contact_first_name: str | None = None,
        contact_user_id: int | None = None,
        **sender: Unpack[Sender],
    ) -> JSONDict:
        """Build a contact update; by default the sender shares their own number."""
        update = self.make_message(chat_id, {}, **sender)
        message = update["message"]
        message["contact"] = {
            "phone_number": phone_number,
            "first_name": contact_first_name or message["from"]["first_name"],
            "user_id": contact_user_id if contact_user_id is not None else message["from"]["id"],
        }
        return update

    # ----- pushing updates (polling mode) ----------------------------------------------------

    def push_update(self, update: JSONDict) -> JSONDict:
        """Queue an update for getUpdates and wake a waiting long-poll."""
        self._pending.append(update)
        self.updates.append(update)
        self._wake_pollers()
        self._notify()
        return update

    def push_text(self, chat_id: int | str, text: str, **sender: Unpack[Sender]) -> JSONDict:
        """Queue a text message (a /command gets its entity)."""
        return self.push_update(self.make_text(chat_id, text, **sender))

    def push_callback(self, chat_id: int | str, data: str, *, message_id: int, **sender: Unpack[Sender]) -> JSONDict:
        """Queue an inline-button press on bot message `message_id`."""
        return self.push_update(self.make_callback(chat_id, data, message_id=message_id, **sender))

    def push_location(self, chat_id: int | str, lat: float, lon: float, **sender: Unpack[Sender]) -> JSONDict:
        """Queue a shared location."""
        return self.push_update(self.make_location(chat_id, lat, lon, **sender))

    def push_photo(self, chat_id: int | str, file_id: str, **kwargs: Any) -> JSONDict:
        """Queue a photo (see make_photo for keywords)."""
        return self.push_update(self.make_photo(chat_id, file_id, **kwargs))

    def push_document(self, chat_id: int | str, file_id: str, **kwargs: Any) -> JSONDict:
        """Queue a document (see make_document for keywords)."""
        return self.push_update(self.make_document(chat_id, file_id, **kwargs))

    def push_voice(self, chat_id: int | str, file_id: str, **kwargs: Any) -> JSONDict:
        """Queue a voice note (see make_voice for keywords)."""
        return self.push_update(self.make_voice(chat_id, file_id, **kwargs))

    def push_video(self, chat_id: int | str, file_id: str, **kwargs: Any) -> JSONDict:
        """Queue a video (see make_video for keywords)."""
        return self.push_update(self.make_video(chat_id, file_id, **kwargs))

    def push_sticker(self, chat_id: int | str, file_id: str, **kwargs: Any) -> JSONDict:
        """Queue a sticker (see make_sticker for keywords)."""
        return self.push_update(self.make_sticker(chat_id, file_id, **kwargs))

    def push_contact(self, chat_id: int | str, phone_number: str, **kwargs: Any) -> JSONDict:
        """Queue a shared contact (see make_contact for keywords)."""
        return self.push_update(self.make_contact(chat_id, phone_number, **kwargs))

    # ----- webhook mode ----------------------------------------------------------------------

    @staticmethod
    async def post_webhook(url: str, update: JSONDict, secret: str | None = None) -> int:
        """POST an update to a bot's webhook as Telegram does and return the HTTP status."""
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        async with (
            aiohttp.ClientSession() as session,
            session.post(url, json=update, headers=headers) as response,
        ):
            await response.read()
            return response.status

    # ----- HTTP layer ------------------------------------------------------------------------

    def _notify(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    def _wake_pollers(self) -> None:
        event, self._update_event = self._update_event, asyncio.Event()
        event.set()

    @staticmethod
    def _envelope(status: int, body: JSONDict) -> web.Response:
        return web.Response(status=status, body=json.dumps(body), content_type="application/json")

    @staticmethod
    def _error_body(error: _ApiError) -> JSONDict:
        body: JSONDict = {"ok": False, "error_code": error.status, "description": error.description}
        if error.parameters:
            body["parameters"] = error.parameters
        return body

    async def _read_params(self, request: web.Request) -> JSONDict:
        params: JSONDict = {k: _decode_field(k, v) for k, v in request.query.items()}
        if not request.body_exists:
            return params
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError as err:
                raise _bad_request("can't parse JSON object") from err
            if not isinstance(body, dict):
                raise _bad_request("request body must be a JSON object")
            for key, value in body.items():
                if key in _OBJECT_FIELDS and isinstance(value, str):
                    value = _decode_field(key, value)
                params[key] = value
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    params[key] = Upload(value.filename, value.content_type, value.file.read())
                else:
                    params[key] = _decode_field(key, str(value))
        # Files referenced as attach://<part> live in another part; fold them in.
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                part = params.pop(value.removeprefix("attach://"), None)
                if isinstance(part, Upload):
                    params[key] = part
        return params

    def _take_failure(self, method_key: str) -> _Failure | None:
        for key in (method_key, "*"):
            queue = self._failures.get(key)
            if queue:
                failure = queue[0]
                failure.remaining -= 1
                if failure.remaining <= 0:
                    queue.popleft()
                return failure
        return None

    async def _on_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        key = method.lower()
        name = _CANONICAL.get(key, method)
        call = Call(method=name, params={}, at=time.monotonic(), content_type=request.content_type)
        if self._record:
            self.calls.append(call)
        status, body = await self._answer(request, key, call)
        call.status = status
        call.result = body.get("result")
        self._notify()
        return self._envelope(status, body)

    async def _answer(self, request: web.Request, key: str, call: Call) -> tuple[int, JSONDict]:
        try:
            call.params = await self._read_params(request)
            if self._token is not None and request.match_info["token"] != self._token:
                raise _ApiError(401, "Unauthorized")
            self._seen_token = request.match_info["token"]
            handler = self._handlers.get(key)
            if handler is None:
                raise _ApiError(404, "Not Found")
            failure = self._take_failure(key)
            if failure is not None:
                await self._apply_failure(failure)
            chat_id = call.params.get("chat_id")
            if chat_id in self._blocked and key.startswith(("send", "edit", "copy", "forward")):
                raise _ApiError(403, "Forbidden: bot was blocked by the user")
            result = await handler(call.params)
        except _ApiError as error:
            return error.status, self._error_body(error)
        return 200, {"ok": True, "result": result}

    async def _apply_failure(self, failure: _Failure) -> None:
        if failure.kind == "slow":
            await asyncio.sleep(failure.delay)
        elif failure.kind == "429":
            raise _ApiError(
                429,
                f"Too Many Requests: retry after {failure.retry_after}",
                {"retry_after": failure.retry_after},
            )
        elif failure.kind == "403":
            raise _ApiError(403, "Forbidden: bot was blocked by the user")
        else:
            raise _ApiError(500, "Internal Server Error")

    async def _on_download(self, request: web.Request) -> web.Response:
        if self._token is not None and request.match_info["token"] != self._token:
            return self._envelope(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        stored = self._files_by_path.get(request.match_info["file_path"])
        if stored is None or stored.data is None:
            return self._envelope(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        return web.Response(body=stored.data, content_type="application/octet-stream")

    # ----- Bot API methods -------------------------------------------------------------------

    def _chat_object(self, chat_id: int | str) -> JSONDict:
        known = self._chats.get(chat_id)
        if known is not None:
            return known
        if isinstance(chat_id, str):
            return {"id": -1_001_000_000_000, "type": "channel", "username": chat_id.lstrip("@")}
        if chat_id > 0:
            return {"id": chat_id, "type": "private"}
        return {"id": chat_id, "type": "supergroup" if chat_id < -1_000_000_000_000 else "group", "title": "Grup Uji"}

    @staticmethod
    def _require(params: JSONDict, name: str, what: str | None = None) -> Any:
        value = params.get(name)
        if value is None or value == "":
            raise _bad_request(what or f"{name} is empty")
        return value

    def _new_message(self, chat_id: int | str, fields: JSONDict) -> JSONDict:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chat_object(chat_id),
            "from": self.bot_user,
            **fields,
        }
        if self._record:
            self._messages[(chat_id, message["message_id"])] = message
        return message

    @staticmethod
    def _inline_markup(params: JSONDict) -> JSONDict | None:
        """Validate reply_markup; return it if it is an inline keyboard (the only kind echoed)."""
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad_request("can't parse reply keyboard markup JSON object")
        rows = markup.get("inline_keyboard")
        if rows is None:
            return None
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request("can't parse inline keyboard button: inline_keyboard must be an Array")
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not button.get("text"):
                    raise _bad_request("can't parse inline keyboard button: Text buttons are unallowed")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                    raise _bad_request("BUTTON_DATA_INVALID")
        return markup

    def _caption_fields(self, params: JSONDict) -> JSONDict:
        caption = params.get("caption")
        if caption is None:
            return {}
        if len(caption) > MAX_CAPTION:
            raise _bad_request("message caption is too long")
        return {"caption": caption}

    def _file_from_param(self, value: Any, folder: str) -> tuple[str, str, int, Upload | None]:
        """Return (file_id, file_unique_id, size, upload) for an upload or a file_id/URL string."""
        if isinstance(value, Upload):
            file_id = f"F{folder[:3]}{next(self._file_numbers):06d}"
            number = next(self._file_numbers)
            suffix = PurePosixPath(value.filename or "").suffix
            self.register_file(file_id, value.data, file_path=f"{folder}/file_{number}{suffix}")
            return file_id, self._files[file_id].file_unique_id, len(value.data), value
        stored = self._files.get(str(value))
        if stored is not None:
            return stored.file_id, stored.file_unique_id, stored.size, None
        return str(value), f"u{value}"[:32], 0, None

    async def _get_me(self, params: JSONDict) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        if self.webhook is not None:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = float(params.get("timeout") or 0)
        self._confirm(offset)
        # A newer getUpdates terminates an older waiting one, as Telegram does (409 below).
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_pollers()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._pending and not self._stopping:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            try:
                await asyncio.wait_for(self._update_event.wait(), remaining)
            except TimeoutError:
                break
            if generation != self._poll_generation:
                raise _ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                )
        return self._pending[:limit]

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]

    async def _send_message(self, params: JSONDict) -> JSONDict:
        chat_id = self._require(params, "chat_id")
        text = self._require(params, "text", "message text is empty")
        if len(text) > MAX_TEXT:
            raise _bad_request("message is too long")
        fields: JSONDict = {"text": text}
        markup = self._inline_markup(params)
        if markup is not None:
            fields["reply_markup"] = markup
        return self._new_message(chat_id, fields)

    def _message_to_edit(self, params: JSONDict) -> JSONDict | None:
        """Return the stored message, or None for inline messages (whose edit answers true)."""
        if params.get("inline_message_id"):
            return None
        chat_id = self._require(params, "chat_id")
        message_id = self._require(params, "message_id", "message identifier is not specified")
        message = self._messages.get((chat_id, message_id))
        if message is None:
            raise _bad_request("message to edit not found")
        return message

    async def _edit_message_text(self, params: JSONDict) -> JSONDict | bool:
        text = self._require(params, "text", "message text is empty")
        if len(text) > MAX_TEXT:
            raise _bad_request("MESSAGE_TOO_LONG")
        markup = self._inline_markup(params)
        message = self._message_to_edit(params)
        if message is None:
            return True
        if message.get("text") == text and _same_markup(message.get("reply_markup"), markup):
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        # Omitting reply_markup in an edit removes the inline keyboard, as on Telegram.
        message.pop("reply_markup", None)
        message.update(text=text, edit_date=int(time.time()))
        if markup is not None:
            message["reply_markup"] = markup
        return message

    async def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict | bool:
        markup = self._inline_markup(params)
        message = self._message_to_edit(params)
        if message is None:
            return True
        if _same_markup(message.get("reply_markup"), markup):
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        message.pop("reply_markup", None)
        message["edit_date"] = int(time.time())
        if markup is not None:
            message["reply_markup"] = markup
        return message

    async def _answer_callback_query(self, params: JSONDict) -> bool:
        query_id = str(self._require(params, "callback_query_id", "QUERY_ID_INVALID"))
        if query_id not in self._open_callbacks:
            # Each query can be answered once, and only if it exists.
            raise _bad_request("query is too old and response timeout expired or query ID is invalid")
        self._open_callbacks.discard(query_id)
        return True

    async def _send_photo(self, params: JSONDict) -> JSONDict:
        chat_id = self._require(params, "chat_id")
        photo = self._require(params, "photo", "there is no photo in the request")
        file_id, unique, size, _ = self._file_from_param(photo, "photos")
        sizes = [
            {
                "file_id": f"{file_id}-s",
                "file_unique_id": f"{unique}s",
                "width": 90,
                "height": 68,
                "file_size": max(1, size // 40),
            },
            {"file_id": file_id, "file_unique_id": unique, "width": 1280, "height": 960, "file_size": size},
        ]
        fields: JSONDict = {"photo": sizes, **self._caption_fields(params)}
        markup = self._inline_markup(params)
        if markup is not None:
            fields["reply_markup"] = markup
        return self._new_message(chat_id, fields)

    async def _send_document(self, params: JSONDict) -> JSONDict:
        chat_id = self._require(params, "chat_id")
        value = self._require(params, "document", "there is no document in the request")
        file_id, unique, size, upload = self._file_from_param(value, "documents")
        document: JSONDict = {"file_id": file_id, "file_unique_id": unique, "file_size": size}
        if upload is not None:
            document["file_name"] = upload.filename
            document["mime_type"] = upload.content_type
        fields: JSONDict = {"document": document, **self._caption_fields(params)}
        markup = self._inline_markup(params)
        if markup is not None:
            fields["reply_markup"] = markup
        return self._new_message(chat_id, fields)

    async def _send_voice(self, params: JSONDict) -> JSONDict:
        chat_id = self._require(params, "chat_id")
        value = self._require(params, "voice", "there is no voice in the request")
        file_id, unique, size, _ = self._file_from_param(value, "voice")
        voice = {
            "file_id": file_id,
            "file_unique_id": unique,
            "file_size": size,
            "duration": int(params.get("duration") or 1),
            "mime_type": "audio/ogg",
        }
        return self._new_message(chat_id, {"voice": voice, **self._caption_fields(params)})

    async def _send_location(self, params: JSONDict) -> JSONDict:
        chat_id = self._require(params, "chat_id")
        latitude = self._require(params, "latitude")
        longitude = self._require(params, "longitude")
        return self._new_message(chat_id, {"location": {"latitude": latitude, "longitude": longitude}})

    async def _true_with_chat(self, params: JSONDict) -> bool:
        self._require(params, "chat_id")
        return True

    async def _true(self, params: JSONDict) -> bool:
        return True

    async def _empty_list(self, params: JSONDict) -> list[Any]:
        return []

    async def _get_file(self, params: JSONDict) -> JSONDict:
        file_id = str(self._require(params, "file_id", "invalid file_id"))
        stored = self._files.get(file_id)
        if stored is None:
            raise _bad_request("invalid file_id")
        if stored.size > MAX_DOWNLOAD:
            raise _bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            "file_path": stored.file_path,
        }

    async def _set_webhook(self, params: JSONDict) -> bool:
        url = params.get("url") or ""
        if params.get("drop_pending_updates"):
            self._pending.clear()
        # setWebhook with an empty url removes the webhook, as on Telegram.
        self.webhook = _Webhook(url, params.get("secret_token"), dict(params)) if url else None
        self._wake_pollers()
        return True

    async def _delete_webhook(self, params: JSONDict) -> bool:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self.webhook = None
        return True

    async def _get_webhook_info(self, params: JSONDict) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook.url if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self.webhook is not None:
            for key in ("max_connections", "allowed_updates", "ip_address"):
                if key in self.webhook.params:
                    info[key] = self.webhook.params[key]
        return info


async def _serve(host: str, port: int, record: bool) -> None:
    fake = FakeTelegramAPI(host=host, port=port, record=record)
    base_url = await fake.start()
    print(f"READY {base_url}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await fake.stop()


def main(argv: list[str] | None = None) -> None:
    """Serve a fake Bot API until SIGINT/SIGTERM (prints "READY <base_url>" when listening)."""
    parser = argparse.ArgumentParser(description="Serve a fake Telegram Bot API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--no-record", action="store_true", help="keep no call log (benchmarks)")
    args = parser.parse_args(argv)
    asyncio.run(_serve(args.host, args.port, record=not args.no_record))


if __name__ == "__main__":
    main()
