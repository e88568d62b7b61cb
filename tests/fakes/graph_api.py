"""A fake Meta Graph API on 127.0.0.1 for WhatsApp tests, plus helpers to build signed webhooks."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiohttp import web

API_VERSION = "v25.0"
PHONE_NUMBER_ID = "1065403522"
DISPLAY_PHONE = "6281100000"
WABA_ID = "102290129340398"
ACCESS_TOKEN = "test-access-token"

# kind -> (HTTP status, Meta error code, message, details)
FAILURES: dict[str, tuple[int, int, str, str]] = {
    "131047": (400, 131047, "Re-engagement message",
               "Message failed to send because more than 24 hours have passed since the customer "
               "last replied to this number."),
    "131056": (400, 131056, "(Business Account, Consumer Account) pair rate limit hit",
               "Too many messages sent from this phone number to the same phone number in a short "
               "period of time."),
    "130429": (429, 130429, "Rate limit hit",
               "Cloud API message throughput has been reached."),
    "500": (500, 1, "An unknown error occurred", "Please retry your request later."),
    "100": (400, 100, "(#100) Invalid parameter", "Parameter value is not valid."),
}
_OAUTH_ERROR = (401, 190, "Invalid OAuth access token - Cannot parse access token", "")


@dataclass
class _Failure:
    kind: str
    retry_after: float | None = None
    delay: float = 0.0


@dataclass
class _MediaFile:
    data: bytes
    mime: str
    size: int | None  # what the metadata claims (None: omitted)


class FakeGraphAPI:
    """Records what the bot sends to WhatsApp and serves media, with injectable failures."""

    def __init__(
        self,
        *,
        api_version: str = API_VERSION,
        phone_number_id: str = PHONE_NUMBER_ID,
        access_token: str = ACCESS_TOKEN,
    ) -> None:
        self.api_version = api_version
        self.phone_number_id = phone_number_id
        self.access_token = access_token
        self.messages: list[dict[str, Any]] = []  # message bodies accepted, in order
        self.arrivals: list[float] = []  # the event loop's time each of them was accepted (pacing tests)
        self.read_receipts: list[dict[str, Any]] = []  # mark-read bodies, apart from messages
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request
        self.base_url = ""
        self._media: dict[str, _MediaFile] = {}
        self._failures: dict[str, list[_Failure]] = {"messages": [], "media": []}
        self._next_id = 0
        self._runner: web.AppRunner | None = None
        self._changed: asyncio.Condition | None = None

    async def start(self) -> str:
        """Serve on a free 127.0.0.1 port and return the base url to give the client."""
        app = web.Application()
        # /media/{id} first: /{version}/{media_id} would otherwise swallow it.
        app.router.add_get("/media/{media_id}", self._download)
        app.router.add_post("/{version}/{phone_id}/messages", self._post_message)
        app.router.add_post("/{version}/{phone_id}/media", self._upload_media)  # voice: spoken prompts
        app.router.add_get("/{version}/{media_id}", self._media_lookup)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        self._changed = asyncio.Condition()
        return self.base_url

    async def stop(self) -> None:
        """Shut the server down."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeGraphAPI:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    def add_media(
        self,
        media_id: str,
        data: bytes,
        mime: str,
        *,
        claimed_size: int | None = None,
        omit_size: bool = False,
    ) -> None:
        """Register a file for GET /{media_id}; claimed_size makes the metadata lie about its size."""
        size = None if omit_size else (len(data) if claimed_size is None else claimed_size)
        self._media[media_id] = _MediaFile(data, mime, size)

    def fail_next(
        self,
        kind: str,
        times: int = 1,
        *,
        route: str = "messages",
        retry_after: float | None = None,
        delay: float = 0.0,
    ) -> None:
        """Make the next `times` requests on a route ("messages" or "media") fail with `kind`.

        Kinds: "131047", "131056", "130429", "500", "100" (Meta error JSON), and "timeout"
        (answer 200 only after `delay` seconds, so a client with a shorter timeout gives up).
        """
        if kind not in FAILURES and kind != "timeout":
            raise ValueError(f"unknown failure kind {kind!r}")
        self._failures[route].extend(_Failure(kind, retry_after, delay) for _ in range(times))

    def sent(self, to: str | None = None) -> list[dict[str, Any]]:
        """Message bodies accepted so far, optionally only those to one recipient."""
        return [m for m in self.messages if to is None or m.get("to") == to]

    def texts(self, to: str | None = None) -> list[str]:
        """The visible text of each message sent: text body, interactive body or template name."""
        out = []
        for message in self.sent(to):
            kind = message.get("type")
            if kind == "text":
                out.append(message["text"]["body"])
            elif kind == "interactive":
                out.append(message["interactive"]["body"]["text"])
            elif kind == "template":
                out.append(f"template:{message['template']['name']}")
        return out

    # The timeout is a liveness bound, not a speed check: it returns as soon as pred() holds, so it is generous
    # enough for a machine running two test suites at once.
    async def wait_for(self, pred: Callable[[], bool], timeout: float = 30.0) -> None:  # noqa: ASYNC109
        """Wait until pred() holds, re-checked after each request; TimeoutError if it never does."""
        assert self._changed is not None, "start() the fake first"
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(pred), timeout)
            except TimeoutError:
                raise TimeoutError(
                    f"condition not met within {timeout}s; {len(self.messages)} messages sent"
                ) from None

    async def _notify(self) -> None:
        if self._changed is not None:
            async with self._changed:
                self._changed.notify_all()

    def _authorised(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {self.access_token}"

    async def _take_failure(self, route: str) -> web.Response | None:
        queue = self._failures[route]
        if not queue:
            return None
        failure = queue.pop(0)
        if failure.kind == "timeout":
            await asyncio.sleep(failure.delay or 1.0)
            return None
        status, code, message, details = FAILURES[failure.kind]
        headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else None
        return _error(status, code, message, details, headers)

    async def _post_message(self, request: web.Request) -> web.Response:
        self.requests.append((request.method, request.path))
        if not self._authorised(request):
            return _error(*_OAUTH_ERROR)
        if request.match_info["version"] != self.api_version:
            return _error(400, 2635, f"Unknown API version {request.match_info['version']}", "")
        if request.match_info["phone_id"] != self.phone_number_id:
            return _error(400, 100, "Unsupported post request. Object does not exist", "")
        try:
            body = await request.json()
        except ValueError:
            return _error(400, 100, "(#100) Invalid JSON", "")
        failure = await self._take_failure("messages")
        if failure is not None:
            return failure
        if body.get("messaging_product") != "whatsapp":
            return _error(400, 100, "(#100) The parameter messaging_product is required.", "")
        if body.get("status") == "read":
            self.read_receipts.append(body)
            await self._notify()
            return web.json_response({"success": True})
        to = body.get("to")
        if not to or body.get("type") not in body:
            return _error(400, 100, "(#100) Invalid parameter", "Missing 'to' or message content.")
        self.messages.append(body)
        self.arrivals.append(asyncio.get_running_loop().time())
        self._next_id += 1
        wamid = f"wamid.{self._next_id}"  # taken before awaiting: a send arriving meanwhile must not share it
        await self._notify()
        # A BSUID recipient ("ID.123...") comes back as user_id; a phone number as wa_id.
        contact = {"input": to, "user_id": to} if "." in to else {"input": to, "wa_id": to}
        return web.json_response({
            "messaging_product": "whatsapp",
            "contacts": [contact],
            "messages": [{"id": wamid}],
        })

    async def _media_lookup(self, request: web.Request) -> web.Response:
        self.requests.append((request.method, request.path))
        if not self._authorised(request):
            return _error(*_OAUTH_ERROR)
        failure = await self._take_failure("media")
        if failure is not None:
            return failure
        media_id = request.match_info["media_id"]
        media = self._media.get(media_id)
        if media is None:
            return _error(400, 100, f"Unsupported get request. Object with ID '{media_id}' does not exist",
                          "")
        info: dict[str, Any] = {
            "messaging_product": "whatsapp",
            "url": f"{self.base_url}/media/{media_id}",
            "mime_type": media.mime,
            "sha256": hashlib.sha256(media.data).hexdigest(),
            "id": media_id,
        }
        if media.size is not None:
            info["file_size"] = media.size
        return web.json_response(info)

    async def _download(self, request: web.Request) -> web.StreamResponse:
        self.requests.append((request.method, request.path))
        if not self._authorised(request):
            return _error(*_OAUTH_ERROR)
        media = self._media.get(request.match_info["media_id"])
        if media is None:
            return web.Response(status=404)
        return web.Response(body=media.data, content_type=media.mime.split(";")[0])


def _error(
    status: int, code: int, message: str, details: str, headers: Mapping[str, str] | None = None
) -> web.Response:
    """Meta's error JSON, as the Graph API returns it."""
    error: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code}
    if details:
        error["error_data"] = {"messaging_product": "whatsapp", "details": details}
    error["fbtrace_id"] = "AbCdEfGhIjKlMnOp"
    return web.json_response({"error": error}, status=status, headers=headers)


def make_webhook(
    messages: Iterable[Mapping[str, Any]] = (),
    statuses: Iterable[Mapping[str, Any]] = (),
    *,
    contacts: Iterable[Mapping[str, Any]] | None = None,
    name: str = "Warga",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """A messages webhook envelope; contacts are derived from the senders unless given."""
    messages, statuses = list(messages), list(statuses)
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": DISPLAY_PHONE, "phone_number_id": phone_number_id},
    }
    if contacts is None:
        contacts = _contacts_for(messages, name)
    contacts = list(contacts)
    if contacts:
        value["contacts"] = contacts
    if messages:
        value["messages"] = messages
    if statuses:
        value["statuses"] = statuses
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": WABA_ID, "changes": [{"value": value, "field": "messages"}]}],
    }


def _contacts_for(messages: list[Mapping[str, Any]], name: str) -> list[dict[str, Any]]:
    contacts: dict[tuple[Any, Any], dict[str, Any]] = {}
    for message in messages:
        key = (message.get("from"), message.get("from_user_id"))
        if key in contacts:
            continue
        contact: dict[str, Any] = {"profile": {"name": name}}
        if key[0]:
            contact["wa_id"] = key[0]
        if key[1]:
            contact["user_id"] = key[1]
        contacts[key] = contact
    return list(contacts.values())


def message(
    kind: str,
    content: Any,
    *,
    wa_id: str | None = "6281234567890",
    user_id: str | None = None,
    wamid: str = "wamid.in.1",
    timestamp: str = "1755400000",
) -> dict[str, Any]:
    """One inbound message of any type: message("text", {"body": "halo"})."""
    raw: dict[str, Any] = {"id": wamid, "timestamp": timestamp, "type": kind, kind: content}
    if wa_id:
        raw["from"] = wa_id
    if user_id:
        raw["from_user_id"] = user_id
    return raw


def text_message(body: str, **kwargs: Any) -> dict[str, Any]:
    """An inbound text message."""
    return message("text", {"body": body}, **kwargs)


def button_reply(reply_id: str, title: str, **kwargs: Any) -> dict[str, Any]:
    """An inbound reply-button press; reply_id is what we sent ("prompt|option")."""
    return message("interactive", {"type": "button_reply", "button_reply": {"id": reply_id, "title": title}},
                   **kwargs)


def list_reply(reply_id: str, title: str, **kwargs: Any) -> dict[str, Any]:
    """An inbound list-row choice."""
    return message("interactive", {"type": "list_reply", "list_reply": {"id": reply_id, "title": title}},
                   **kwargs)


def location_message(lat: float, lon: float, **kwargs: Any) -> dict[str, Any]:
    """An inbound shared location."""
    return message("location", {"latitude": lat, "longitude": lon}, **kwargs)


def status_event(
    wamid: str,
    status: str,
    *,
    recipient: str = "6281234567890",
    timestamp: str = "1755400100",
    error_code: int | None = None,
) -> dict[str, Any]:
    """A delivery status; failed ones carry Meta's error (131047 when the window is closed)."""
    raw: dict[str, Any] = {"id": wamid, "status": status, "timestamp": timestamp, "recipient_id": recipient}
    if error_code is not None:
        title = FAILURES.get(str(error_code), (0, 0, "Error", ""))[2]
        raw["errors"] = [{"code": error_code, "title": title, "message": title,
                          "error_data": {"details": FAILURES.get(str(error_code), (0, 0, "", ""))[3]}}]
    return raw


def encode(body: Mapping[str, Any]) -> bytes:
    """The raw bytes to POST (sign exactly these bytes)."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def sign(body: bytes, secret: str) -> str:
    """The X-Hub-Signature-256 header value Meta would send for these raw bytes."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


# --------------------------------------------------------------------------- voice (appended): media upload


async def _upload_media(self: FakeGraphAPI, request: web.Request) -> web.Response:
    """POST /{version}/{phone-number-id}/media (multipart: messaging_product, type, file): a new media id."""
    self.requests.append((request.method, request.path))
    if not self._authorised(request):
        return _error(*_OAUTH_ERROR)
    form = await request.post()
    upload = form.get("file")
    if form.get("messaging_product") != "whatsapp" or not hasattr(upload, "file"):
        return _error(400, 100, "(#100) Invalid parameter", "messaging_product and file are required.")
    data = upload.file.read()  # type: ignore[union-attr]
    mime = str(form.get("type") or upload.content_type)  # type: ignore[union-attr]
    self._next_id += 1
    media_id = str(9_100_000_000 + self._next_id)
    self._media[media_id] = _MediaFile(data, mime, len(data))
    self.uploads = [*getattr(self, "uploads", []), media_id]
    return web.json_response({"id": media_id})


def media_bytes(graph: FakeGraphAPI, media_id: str) -> bytes:
    """The bytes of a media file the fake holds (uploaded by the bot or added by a test)."""
    return graph._media[media_id].data


FakeGraphAPI._upload_media = _upload_media  # type: ignore[attr-defined]

