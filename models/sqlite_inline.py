"""An aiosqlite-shaped SQLite driver that runs each statement on the event loop's own thread.

aiosqlite runs every call in a worker thread: a statement costs four thread round trips (cursor,
execute, fetch, close), each a queue hand-off, a wake-up of the event loop and a GIL hand-over.
With SQLite in WAL mode and synchronous=NORMAL a statement or a commit takes microseconds and
never waits for the disk, so running it where the coroutine already is costs far less. What can
take long stays off the loop: checkpoints (their fsyncs) run in a thread (models/db.py), and a
writer waiting for another process's lock gives the loop back between short tries (BUSY_SLICE_MS).

SQLAlchemy's aiosqlite dialect drives this module as it drives aiosqlite
(``create_async_engine(..., module=dbapi())``); only the connection class differs.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Generator, Iterable, Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_dbapi

# The DB-API names SQLAlchemy's adapter copies from the driver module.
DatabaseError = sqlite3.DatabaseError
Error = sqlite3.Error
IntegrityError = sqlite3.IntegrityError
NotSupportedError = sqlite3.NotSupportedError
OperationalError = sqlite3.OperationalError
ProgrammingError = sqlite3.ProgrammingError
sqlite_version = sqlite3.sqlite_version
sqlite_version_info = sqlite3.sqlite_version_info

BUSY_TIMEOUT_MS = 10_000  # how long a writer waits in all for another process's write lock (either driver)
BUSY_SLICE_MS = 5  # how long one try may block the loop waiting for it (the inline driver's busy_timeout)
BUSY_PAUSE = 0.005  # seconds the loop runs other work between tries


class Cursor:
    """A sqlite3 cursor with aiosqlite's coroutine methods."""

    def __init__(self, connection: Connection, cursor: sqlite3.Cursor) -> None:
        self._connection = connection
        self._cursor = cursor

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._cursor.close()

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> Cursor:
        """Run one statement; while another process holds the write lock, let the loop run between tries."""
        await self._connection._busy_retry(self._cursor.execute, sql, () if parameters is None else parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> Cursor:
        """Run one statement for each parameter set."""
        rows = list(parameters)
        await self._connection._busy_retry(self._cursor.executemany, sql, rows)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(self._cursor.arraysize if size is None else size)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    async def setinputsizes(self, *_sizes: Any) -> None:
        return None

    async def nextset(self) -> None:
        return None

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    def __aiter__(self) -> Cursor:
        return self

    async def __anext__(self) -> Any:
        row = self._cursor.fetchone()
        if row is None:
            raise StopAsyncIteration
        return row


class _Opened:
    """What ``connection.cursor()`` returns: enter it (SQLAlchemy does) or await it for the cursor."""

    def __init__(self, make: Callable[[], Cursor]) -> None:
        self._make = make

    async def __aenter__(self) -> Cursor:
        return self._make()

    async def __aexit__(self, *_exc: object) -> None:
        return None

    def __await__(self) -> Generator[Any, None, Cursor]:
        return self.__aenter__().__await__()


class _InlineQueue:
    """Stands in for aiosqlite's queue to its worker thread: SQLAlchemy's isolation-level setter uses it."""

    @staticmethod
    def put_nowait(item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as error:
            future.set_exception(error)


class Connection:
    """One sqlite3 connection used from the event loop's thread."""

    busy_seconds: float = BUSY_TIMEOUT_MS / 1000

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        self._connector = connector
        self._connection: sqlite3.Connection | None = None
        self._thread = SimpleNamespace(daemon=True)  # SQLAlchemy marks aiosqlite's thread a daemon
        self._tx = _InlineQueue()

    def __await__(self) -> Generator[Any, None, Connection]:
        return self._connect().__await__()

    async def _connect(self) -> Connection:
        if self._connection is None:
            self._connection = self._connector()  # busy_timeout=BUSY_SLICE_MS: models/db.py's pragmas
        return self

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._connection is None:
            raise ValueError("no active connection")
        return self._connection

    async def _busy_retry(self, call: Callable[..., Any], *args: Any) -> Any:
        # A short busy timeout, tried again and again with the loop free in between, instead of one
        # long timeout inside sqlite3 that would stop every other conversation of this process.
        waited = 0.0
        while True:
            try:
                return call(*args)
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or waited >= self.busy_seconds:
                    raise
            await asyncio.sleep(BUSY_PAUSE)
            waited += BUSY_PAUSE + BUSY_SLICE_MS / 1000

    def cursor(self) -> _Opened:
        return _Opened(lambda: Cursor(self, self._conn.cursor()))

    async def execute_fetchall(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        """One statement's rows in one await (aiosqlite's helper), not a cursor's four."""
        return await self._busy_retry(self._fetchall, sql, parameters)  # type: ignore[no-any-return]

    def _fetchall(self, sql: str, parameters: Sequence[Any]) -> list[Any]:
        cursor = self._conn.execute(sql, parameters)
        try:
            return cursor.fetchall()
        finally:
            cursor.close()

    async def commit(self) -> None:
        await self._busy_retry(self._conn.commit)

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: str | None) -> None:
        self._conn.isolation_level = value


def connect(database: str, **kwargs: Any) -> Connection:
    """A connection opened when awaited, as aiosqlite.connect()."""
    kwargs.pop("iter_chunk_size", None)
    return Connection(lambda: sqlite3.connect(str(database), **kwargs))


def dbapi() -> AsyncAdapt_aiosqlite_dbapi:
    """The module object to give create_async_engine(module=...) for the sqlite+aiosqlite URL."""
    import sys

    return AsyncAdapt_aiosqlite_dbapi(sys.modules[__name__], sqlite3)  # type: ignore[arg-type]
