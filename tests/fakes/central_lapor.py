"""A fake SP4N-LAPOR! V3 server on 127.0.0.1 that records requests and misbehaves on demand.

Shapes follow bot/forwarding/central/lapor.py (observed integration code plus our documented assumptions).
`FakeCentralServer` holds the recording and misbehaviour machinery shared with the Open311 fake.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl

from aiohttp import web

from bot.forwarding.central.base import ComplaintPayload, OutgoingAttachment, Reporter

MODES = ("ok", "down", "500", "429", "timeout", "slow", "malformed", "lose")

Handler = Any  # aiohttp's handler type; kept loose so subclasses can add routes freely


@dataclass
class RecordedFile:
    """One file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    content: bytes


@dataclass
class RecordedRequest:
    """Everything a fake saw of one request (for assertions that nothing leaked)."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any  # parsed JSON, form dict or multipart text fields; None when empty
    raw: bytes
    files: list[RecordedFile] = field(default_factory=list)
    mode: str = "ok"  # how the fake treated it

    def text(self) -> str:
        """Every byte and field of the request as one searchable string."""
        parts = [self.method, self.path, json.dumps(self.query, ensure_ascii=False)]
        parts += [f"{k}: {v}" for k, v in self.headers.items()]
        parts.append(self.raw.decode("utf-8", "replace"))
        parts.append(json.dumps(self.body, ensure_ascii=False, default=str))
        for part in self.files:
            parts += [part.field, part.filename or "", part.content_type or ""]
            parts.append(part.content.decode("utf-8", "replace"))
        return "\n".join(parts)


#: Where the middleware leaves the parsed request for handlers (the body stream is already read).
RECORDED = web.RequestKey("recorded", RecordedRequest)


def _parse_multipart(content_type: str, raw: bytes) -> tuple[dict[str, str], list[RecordedFile]]:
    """Split a multipart/form-data body into text fields and files (stdlib parser, stream already read)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    )
    fields: dict[str, str] = {}
    files: list[RecordedFile] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition") or ""
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename is not None:
            files.append(RecordedFile(str(name), filename, part.get_content_type(), payload))
        else:
            fields[str(name)] = payload.decode("utf-8", "replace")
    return fields, files


# Modes: "ok"; "down" (drop the connection without answering; refuse_connections() closes the port);
# "500"; "429" (with Retry-After: `retry_after`, seconds or an HTTP-date); "timeout" (sleep
# `timeout_delay`, longer than the client's timeout, then do the work anyway, as a real server would);
# "slow" (sleep `slow_delay`, then answer); "malformed" (200 with invalid JSON, nothing done);
# "lose" (do the work, e.g. create the complaint, then answer 500 or, with lose_style="drop",
# drop the connection, so the client thinks it failed).
class FakeCentralServer:
    """Base fake: aiohttp on 127.0.0.1, request recording and switchable misbehaviour."""

    def __init__(self, *, prefix: str = "") -> None:
        self.prefix = prefix.rstrip("/")
        self.requests: list[RecordedRequest] = []
        self.mode = "ok"
        self.mode_only: tuple[str, ...] | None = None
        self.mode_times: int | None = None
        self.retry_after = "7"
        self.timeout_delay = 30.0
        self.slow_delay = 0.2
        self.lose_style = "500"
        self.base_url = ""
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._port = 0
        self._stopping = asyncio.Event()

    # ------------------------------------------------------------------ control

    def set_mode(
        self, mode: str, *, times: int | None = None, only: str | tuple[str, ...] | None = None
    ) -> None:
        """Misbehave as `mode` for the next `times` requests whose path contains an `only` fragment."""
        # times=None: until changed; only=None: every path
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")
        self.mode = mode
        self.mode_times = times
        self.mode_only = (only,) if isinstance(only, str) else only

    def requests_to(self, fragment: str, method: str | None = None) -> list[RecordedRequest]:
        """Recorded requests whose path contains `fragment`."""
        return [r for r in self.requests if fragment in r.path and (method is None or r.method == method)]

    def _active_mode(self, path: str) -> str:
        """The mode for this request, counting down `times`."""
        if self.mode == "ok":
            return "ok"
        if self.mode_only is not None and not any(fragment in path for fragment in self.mode_only):
            return "ok"
        mode = self.mode
        if self.mode_times is not None:
            self.mode_times -= 1
            if self.mode_times <= 0:
                self.mode, self.mode_times, self.mode_only = "ok", None, None
        return mode

    # ------------------------------------------------------------------ lifecycle

    def _add_routes(self, app: web.Application) -> None:
        """Subclasses register their endpoints here."""
        raise NotImplementedError

    async def start(self) -> str:
        """Listen on a free 127.0.0.1 port; return the base URL (with prefix)."""
        self._stopping = asyncio.Event()
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        self._add_routes(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await self._listen(0)
        self._port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{self._port}{self.prefix}"
        return self.base_url

    async def _listen(self, port: int) -> None:
        """Open the listening socket."""
        assert self._runner is not None
        self._site = web.TCPSite(self._runner, "127.0.0.1", port, reuse_address=True)
        await self._site.start()

    async def refuse_connections(self) -> None:
        """Close the listening socket so connects are refused (state is kept)."""
        if self._site is not None:
            await self._site.stop()
            self._site = None

    async def accept_connections(self) -> None:
        """Listen again on the same port after refuse_connections()."""
        if self._site is None:
            await self._listen(self._port)

    async def stop(self) -> None:
        """Stop listening and wake any handler sleeping in timeout/slow mode."""
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            self._site = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # ------------------------------------------------------------------ plumbing

    async def _record(self, request: web.Request) -> RecordedRequest:
        """Read and parse the whole request (before any handler touches the stream)."""
        raw = await request.read()
        content_type = request.headers.get("Content-Type", "")
        body: Any = None
        files: list[RecordedFile] = []
        if raw:
            if content_type.startswith("multipart/"):
                body, files = _parse_multipart(content_type, raw)
            elif content_type.startswith("application/x-www-form-urlencoded"):
                body = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
            else:
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode("utf-8", "replace")
        recorded = RecordedRequest(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            headers=dict(request.headers),
            body=body,
            raw=raw,
            files=files,
        )
        self.requests.append(recorded)
        return recorded

    async def _nap(self, seconds: float) -> bool:
        """Sleep, returning False if the server is stopping instead."""
        try:
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)
        except TimeoutError:
            return True
        return False

    @staticmethod
    def _drop(request: web.Request) -> web.Response:
        """Reset the connection so the client gets no answer at all."""
        if request.transport is not None:
            request.transport.abort()
        return web.Response(status=500)

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Record the request, then answer according to the current mode."""
        recorded = await self._record(request)
        request[RECORDED] = recorded
        mode = self._active_mode(request.path)
        recorded.mode = mode
        if mode == "down":
            return self._drop(request)
        if mode == "500":
            return web.json_response({"success": False, "message": "Internal Server Error"}, status=500)
        if mode == "429":
            return web.json_response(
                {"success": False, "message": "Too Many Attempts."},
                status=429,
                headers={"Retry-After": self.retry_after},
            )
        if mode == "malformed":
            garbled = '{"success": true, "results": {"data": ['
            return web.Response(text=garbled, content_type="application/json")
        if mode in ("timeout", "slow"):
            delay = self.timeout_delay if mode == "timeout" else self.slow_delay
            if not await self._nap(delay):
                return web.Response(status=503)
        response = await handler(request)
        if mode == "lose":
            if self.lose_style == "drop":
                return self._drop(request)
            return web.json_response({"success": False, "message": "Internal Server Error"}, status=500)
        return response


# --------------------------------------------------------------------------- LAPOR!

LAPOR_STATUS_CODES = {
    "Belum Terverifikasi": 0,
    "Terverifikasi": 1,
    "Dalam Proses": 2,
    "Selesai": 3,
    "Ditolak": 4,
}
WIB = timezone(timedelta(hours=7))


@dataclass
class FakeComplaint:
    """A complaint stored by the fake LAPOR! server."""

    id: int
    tracking_id: str
    body: dict[str, Any]
    idempotency_key: str | None
    status_name: str = "Belum Terverifikasi"
    followups: list[dict[str, Any]] = field(default_factory=list)
    disposition_name: str = "Belum Terdisposisi"


class FakeLaporServer(FakeCentralServer):
    """Fake LAPOR! V3: file upload, complaint-lmw create, search, detail and follow-ups."""

    def __init__(
        self,
        *,
        token: str = "test-token",
        authorization: str = "Bearer test-authorization",
        prefix: str = "/api/v3",
        check_auth: bool = True,
    ) -> None:
        super().__init__(prefix=prefix)
        self.token = token
        self.authorization = authorization
        self.check_auth = check_auth
        self.complaints: dict[str, FakeComplaint] = {}
        self.docs: dict[int, RecordedFile] = {}
        self.create_calls = 0  # every create POST that reached the handler, duplicates included
        self.upload_calls = 0
        self.by_idempotency_key: dict[str, str] = {}
        self._ids = itertools.count(5_000_001)
        self._doc_ids = itertools.count(90_001)
        self._followup_ids = itertools.count(700_001)

    def _add_routes(self, app: web.Application) -> None:
        """LAPOR! V3 endpoints under the prefix."""
        p = self.prefix
        app.router.add_post(f"{p}/complaints/complaint/file", self._upload)
        app.router.add_post(f"{p}/complaints/complaint-lmw", self._create)
        app.router.add_get(f"{p}/complaints", self._search)
        app.router.add_get(f"{p}/complaints/{{id}}/complaint", self._detail)
        app.router.add_get(f"{p}/complaints/{{id}}/followups", self._followups)

    def set_status(self, remote_id: str, status_name: str, followup_text: str | None = None,
                   disposition: str | None = None) -> None:
        """Move a complaint to a LAPOR! status name ("Dalam Proses", ...), maybe disposed and with a follow-up."""
        complaint = self.complaints[str(remote_id)]
        complaint.status_name = status_name
        if disposition is not None:
            complaint.disposition_name = disposition
        if followup_text is not None:
            complaint.followups.append(
                {
                    "id": next(self._followup_ids),
                    "content": followup_text,
                    "created_at": datetime.now(WIB).strftime("%Y-%m-%d %H:%M:%S"),
                    "institution_from": {"id": 151345, "name": "Dinas Pekerjaan Umum"},
                }
            )

    def _unauthorized(self, request: web.Request) -> web.Response | None:
        """401 unless both auth headers match."""
        if not self.check_auth:
            return None
        headers = request.headers
        if headers.get("token") != self.token or headers.get("Authorization") != self.authorization:
            return web.json_response({"success": False, "message": "Unauthenticated."}, status=401)
        return None

    async def _upload(self, request: web.Request) -> web.Response:
        """POST complaints/complaint/file: store files, answer results.docs[].id."""
        if denied := self._unauthorized(request):
            return denied
        self.upload_calls += 1
        recorded: RecordedRequest = request[RECORDED]
        files = [f for f in recorded.files if f.field == "attachments[]"]
        if not files:
            return web.json_response({"success": False, "message": "attachments required"}, status=422)
        docs = []
        for upload in files:
            doc_id = next(self._doc_ids)
            self.docs[doc_id] = upload
            docs.append({"id": doc_id, "name": upload.filename, "mime": upload.content_type})
        return web.json_response({"success": True, "results": {"docs": docs}})

    async def _create(self, request: web.Request) -> web.Response:
        """POST complaints/complaint-lmw: validate, honour Idempotency-Key, answer complaint_id."""
        if denied := self._unauthorized(request):
            return denied
        self.create_calls += 1
        body = request[RECORDED].body
        if not isinstance(body, dict) or not body.get("title") or not body.get("content"):
            return web.json_response({"success": False, "message": "title and content required"}, status=422)
        if body.get("classification_id") is None:
            return web.json_response({"success": False, "message": "classification_id required"}, status=422)
        attachments = body.get("attachments") or "[]"
        ids = json.loads(attachments) if isinstance(attachments, str) else list(attachments)
        if any(i not in self.docs for i in ids):
            return web.json_response({"success": False, "message": "unknown attachment id"}, status=422)
        key = request.headers.get("Idempotency-Key")
        if key and key in self.by_idempotency_key:
            existing = self.complaints[self.by_idempotency_key[key]]
        else:
            number = next(self._ids)
            existing = FakeComplaint(number, str(1_900_000 + number % 100_000), body, key)
            self.complaints[str(number)] = existing
            if key:
                self.by_idempotency_key[key] = str(number)
        return web.json_response(
            {"success": True, "message": "Laporan berhasil dibuat", "complaint_id": existing.id,
             "tracking_id": existing.tracking_id}
        )

    def _summary(self, complaint: FakeComplaint) -> dict[str, Any]:
        """A complaint as list and detail answers show it."""
        return {
            "id": complaint.id,
            "tracking_id": complaint.tracking_id,
            "title": complaint.body.get("title"),
            "content": complaint.body.get("content"),
            "tags_raw": complaint.body.get("tags_raw"),
            "status_code": LAPOR_STATUS_CODES.get(complaint.status_name, 99),
            "status_name": complaint.status_name,
            "disposition_name": complaint.disposition_name,
            "created_at": datetime.now(UTC).isoformat(),
        }

    async def _search(self, request: web.Request) -> web.Response:
        """GET complaints?search=: substring search over title, content and tags."""
        if denied := self._unauthorized(request):
            return denied
        needle = request.query.get("search", "")
        hits = [
            self._summary(c)
            for c in self.complaints.values()
            if needle and any(needle in str(c.body.get(k) or "") for k in ("title", "content", "tags_raw"))
        ]
        return web.json_response({"success": True, "results": {"data": hits, "total": len(hits)}})

    def _find(self, request: web.Request) -> FakeComplaint | None:
        """The complaint named in the path."""
        return self.complaints.get(request.match_info["id"])

    async def _detail(self, request: web.Request) -> web.Response:
        """GET complaints/{id}/complaint: results.data with status_code/status_name."""
        if denied := self._unauthorized(request):
            return denied
        complaint = self._find(request)
        if complaint is None:
            return web.json_response({"success": False, "message": "Data tidak ditemukan"}, status=404)
        results = {"data": self._summary(complaint), "data_logs": []}
        return web.json_response({"success": True, "results": results})

    async def _followups(self, request: web.Request) -> web.Response:
        """GET complaints/{id}/followups: results.data list."""
        if denied := self._unauthorized(request):
            return denied
        complaint = self._find(request)
        if complaint is None:
            return web.json_response({"success": False, "message": "Data tidak ditemukan"}, status=404)
        return web.json_response({"success": True, "results": {"data": list(complaint.followups)}})


# --------------------------------------------------------------------------- test data

REPORTER_NAME = "Budi Santoso Wibowo"
REPORTER_PHONE = "+6281234567890"
REPORTER_EMAIL = "budi.santoso@example.com"


def sample_payload(**overrides: Any) -> ComplaintPayload:
    """A complete complaint with a reporter, two attachments and mapped codes; override any field."""
    values: dict[str, Any] = {
        "reference": "LPR-7K3M9QX",
        "classification": "pengaduan",
        "title": "Jalan berlubang di depan pasar",
        "body": "Lubang besar sudah dua minggu, motor sering jatuh.",
        "incident_date": date(2026, 8, 18),
        "location_text": "Jl. Pasar Baru, Bandung",
        "lat": -6.914744,
        "lon": 107.609810,
        "region_code": "32.73.01",
        "agency_code": "dinas_pu_bandung",
        "category": "infrastruktur",
        "is_anonymous": False,
        "is_secret": False,
        "reporter": Reporter(name=REPORTER_NAME, phone=REPORTER_PHONE, email=REPORTER_EMAIL),
        "attachments": (
            OutgoingAttachment("photo", "IMG_2026.jpg", "image/jpeg", b"\xff\xd8jpeg-bytes", None),
            OutgoingAttachment("document", "surat.pdf", "application/pdf", b"%PDF-1.4 fake", None),
        ),
        "channel": "telegram",
    }
    values.update(overrides)
    return ComplaintPayload(**values)
