"""PTB request class on one pooled aiohttp session (drop-in for PTB's HTTPXRequest).

Why: httpx's AsyncClient is markedly slower than aiohttp under concurrency (encode/httpx#3215),
and the bot already runs on aiohttp. Behaviour mirrors ``telegram.request.HTTPXRequest``:
form-urlencoded bodies whose non-string values are JSON strings, multipart only when files are
uploaded, the same default timeouts and the same ``TimedOut``/``NetworkError`` mapping.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import urlencode

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
_JSON_HEADERS = {"Content-Type": "application/json"}
_POOL_TIMEOUT_MESSAGE = (
    "Pool timeout: All connections in the connection pool are occupied. "
    "Request was *not* sent to Telegram. Consider adjusting the connection "
    "pool size or the pool timeout."
)


class JsonBody(RequestData):
    """A Bot API call's parameters (no files) that AiohttpRequest posts as one JSON body.

    Why: a reply is the hot path's one outbound call, and PTB's form body costs a RequestParameter per field,
    a JSON string per non-string value and an urlencode. Any other request class (HTTPXRequest) still reads
    the usual form fields from it.
    """

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__()
        self._values = {k: v for k, v in values.items() if v is not None}

    @property
    def parameters(self) -> dict[str, Any]:
        return dict(self._values)

    @property
    def json_parameters(self) -> dict[str, str]:
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in self._values.items()}

    @property
    def json_payload(self) -> bytes:
        return json.dumps(self._values, ensure_ascii=False).encode()


class AiohttpRequest(BaseRequest):
    """Send Bot API requests through one lazily created, pooled ``aiohttp.ClientSession``.

    Timeouts map onto aiohttp as follows. ``pool_timeout`` bounds the wait for a free slot of the
    pool (enforced here with a semaphore, because aiohttp folds pool waiting into its connect
    timeout). ``connect_timeout`` bounds opening a connection. ``read_timeout`` is aiohttp's
    ``sock_read``: the gap between received chunks, started once the body is sent. aiohttp has
    no write timeout, so for uploads ``write_timeout`` (default ``media_write_timeout``) is added to
    an overall cap of connect + write + read; small form bodies fit the socket buffer at once.
    """

    __slots__ = (
        "_connect_timeout",
        "_media_write_timeout",
        "_pool_size",
        "_pool_slots",
        "_pool_timeout",
        "_read_timeout",
        "_session",
        "_session_kwargs",
        "_write_timeout",
    )

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
        session_kwargs: dict[str, Any] | None = None,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be at least 1")
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session_kwargs = dict(session_kwargs or {})
        # Both are bound to the running loop, so they are only built inside it (initialize or the
        # first request), never here: PTB builders often construct requests before a loop exists.
        self._session: aiohttp.ClientSession | None = None
        self._pool_slots: asyncio.Semaphore | None = None

    @property
    def read_timeout(self) -> float | None:
        """Return the default read timeout (PTB adds the long-poll time to it for getUpdates)."""
        return self._read_timeout

    @property
    def session(self) -> aiohttp.ClientSession | None:
        """Return the current session, or None before the first initialize/request."""
        return self._session

    def _build_session(self) -> aiohttp.ClientSession:
        """Create the pooled session and its pool semaphore in the running loop."""
        connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0)
        self._pool_slots = asyncio.Semaphore(self._pool_size)
        kwargs: dict[str, Any] = {
            "connector": connector,
            # Per-request timeouts are always passed; no session-wide total cap (aiohttp's default
            # 5 min total would silently cut long file downloads).
            "timeout": aiohttp.ClientTimeout(total=None),
            "headers": {"User-Agent": self.USER_AGENT},
            **self._session_kwargs,
        }
        return aiohttp.ClientSession(**kwargs)

    async def initialize(self) -> None:
        """Create the session (again, after a shutdown)."""
        if self._session is None or self._session.closed:
            self._session = self._build_session()

    async def shutdown(self) -> None:
        """Close the session and its pooled connections."""
        if self._session is None or self._session.closed:
            return
        await self._session.close()

    def _timeout(
        self,
        request_data: RequestData | None,
        read_timeout: ODVInput[float],
        write_timeout: ODVInput[float],
        connect_timeout: ODVInput[float],
    ) -> aiohttp.ClientTimeout:
        """Resolve PTB's per-call timeouts against the defaults into an aiohttp timeout."""
        uploads = bool(request_data and request_data.contains_files)
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        if isinstance(write_timeout, DefaultValue):
            write = self._media_write_timeout if uploads else self._write_timeout
        else:
            write = write_timeout
        total = None
        if uploads and read is not None and connect is not None and write is not None:
            total = read + connect + write
        return aiohttp.ClientTimeout(total=total, connect=connect, sock_connect=connect, sock_read=read)

    @staticmethod
    def _body(request_data: RequestData | None) -> tuple[Any, dict[str, str]]:
        """Build the request body like HTTPXRequest: urlencoded fields, multipart with files."""
        if request_data is None:
            return None, {}
        if isinstance(request_data, JsonBody):
            return request_data.json_payload, _JSON_HEADERS
        if not request_data.contains_files:
            fields = request_data.json_parameters
            if not fields:
                return None, {}
            return urlencode(fields).encode(), {"Content-Type": _FORM_CONTENT_TYPE}
        # quote_fields=False sends UTF-8 filenames raw like httpx/browsers; aiohttp's default
        # percent-encodes them and Telegram would show "%C3%9C" in the document name.
        form = aiohttp.FormData(quote_fields=False)
        for name, value in request_data.json_parameters.items():
            form.add_field(name, value)
        # field_tuple is (filename, bytes | file handle, mimetype); handles are read by aiohttp.
        for name, (filename, content, mimetype) in request_data.multipart_data.items():
            form.add_field(name, content, filename=filename, content_type=mimetype)
        return form, {}

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Perform one HTTP request and return (status, body) for PTB to interpret."""
        if self._session is None:
            # Lazy start so a Bot used without initialize() still works, as with HTTPXRequest.
            self._session = self._build_session()
        elif self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        # Keep a local reference: a re-initialize mid-flight must not receive our release.
        slots = self._pool_slots
        assert slots is not None
        pool_wait = self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout
        timeout = self._timeout(request_data, read_timeout, write_timeout, connect_timeout)
        data, headers = self._body(request_data)

        if slots.locked():
            try:
                async with asyncio.timeout(pool_wait):
                    await slots.acquire()
            except TimeoutError as err:
                raise TimedOut(message=_POOL_TIMEOUT_MESSAGE) from err
        else:
            await slots.acquire()  # free slot: skip the cost of a timeout context
        try:
            async with self._session.request(method, url, data=data, headers=headers, timeout=timeout) as response:
                # Read inside the try: a stalled body must also surface as TimedOut.
                return response.status, await response.read()
        except TimeoutError as err:
            # aiohttp's timeout errors are also ClientErrors, so this clause must come first.
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err
        finally:
            slots.release()
