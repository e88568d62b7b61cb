"""The fixed statements of a turn as plain SQL, one class per dialect, on the driver of the session's transaction.

SQLAlchemy spends ~100-300 µs of CPU around each statement (cache keys, compiling, parameter and result
processing) that SQLite runs in a few: for the ~8 tiny statements every batch of messages makes, that was
most of a turn's cost. Here they are written out once per dialect and sent straight to the driver
connection the session's current transaction holds (sqlite3 under the inline or aiosqlite driver, asyncpg),
so they commit or roll back with everything the turn does through the ORM. Values are stored exactly as
SQLAlchemy stores them (models/types.py: naive UTC text on SQLite, aware on PostgreSQL; JSON as json.dumps
text), so the ORM, admin and reports read these rows as if it had written them. Errors come out as
SQLAlchemy's (models.db.is_transient and the inbox's failure reasons read them), and the engine's
before_cursor_execute listeners still see every statement (the tests' database outages are made there).

These statements do not autoflush: a caller flushes the ORM changes they must see first.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import Session
from sqlmodel.ext.asyncio.session import AsyncSession

_KEY = "lean_sql"  # session.info: (the transaction, its Lean), made once per transaction; SQLite: Connection.info
_ROWS = 500  # rows per SQLite statement: far below its limit of 32,766 parameters
# the outbox columns insert_outgoing takes, in this order
OUTGOING = ("channel", "chat_id", "citizen_id", "inbound_id", "kind", "payload", "status", "attempts", "not_before",
            "created_at")
# the conversation columns a turn saves (save_and_queue), in this order, then the row's id
CONVERSATION = ("flow", "step", "locale", "state", "updated_at")


@dataclass(slots=True)
class ConversationRow:
    """A conversation row as a turn reads and writes it (state parsed); no ORM instance."""

    id: int
    citizen_id: int
    flow: str | None
    step: str | None
    locale: str | None
    state: dict[str, Any]
    updated_at: datetime


def dumps(value: Any) -> str:
    """JSON text as SQLAlchemy's JSON type writes it (json.dumps, its defaults)."""
    return json.dumps(value)


async def lean(session: AsyncSession) -> SqliteLean | PostgresLean:
    """The lean statements on the driver connection of the session's current transaction (begun if need be)."""
    if isinstance(session, WriteSession):
        return await session.lean()
    info = session.sync_session.info
    cached = info.get(_KEY)
    transaction = session.sync_session.get_transaction()
    if cached is not None and transaction is not None and cached[0] is transaction:
        return cached[1]  # type: ignore[no-any-return]
    made = await _on(await session.connection())
    info[_KEY] = (session.sync_session.get_transaction(), made)
    return made


async def _on(conn: AsyncConnection) -> SqliteLean | PostgresLean:
    """The lean statements on the driver connection under `conn`, inside its transaction."""
    sync = conn.sync_connection
    kept = sync.info.get(_KEY) if sync is not None and conn.dialect.name != "postgresql" else None
    if kept is not None and kept.connection is sync:
        return kept  # type: ignore[no-any-return]  # SQLite's writer connection, kept between transactions
    # The pooled connection, read without I/O while this one is valid; get_raw_connection would take a greenlet hop
    # (~40 µs of CPU, once a transaction) for the revalidation only an invalidated connection needs.
    valid = sync is not None and not conn.closed and not conn.invalidated
    raw = sync.connection if valid else await conn.get_raw_connection()  # type: ignore[union-attr]
    if conn.dialect.name == "postgresql":
        adapter = raw.dbapi_connection
        # SQLAlchemy's asyncpg adapter sends BEGIN lazily, before its own first statement; ours may come
        # first, and would otherwise run (and commit) outside the transaction the session commits.
        if getattr(adapter, "_transaction", None) is None:
            await adapter._start_transaction()  # type: ignore[union-attr]
        return PostgresLean(raw.driver_connection, conn.sync_connection, adapter)
    made = SqliteLean(raw.driver_connection, conn.sync_connection)
    conn.sync_connection.info[_KEY] = made  # the DB-API connection's notes: this Connection's use of it, again
    return made


class WriteSession(AsyncSession):
    """The session of a write transaction (models.db.Database.write): the transaction is its connection's own, and
    the ORM's part of the session is made only when something of the ORM is asked for.

    Most turns write only through the lean statements; building an ORM session for each, beginning it, checking a
    connection out through it and committing through it cost more CPU than the turn's SQL (greenlet hops, mostly).
    Here the transaction is begun on the connection (by Database.write) and the lean statements run in it at once.
    The first use of anything else of the AsyncSession (get, add, execute, exec, sync_session, ...) runs
    AsyncSession.__init__ on this object, bound to that same connection and joining its transaction
    ("control_fully": the session's commit is the transaction's, so its after_commit events follow the real
    commit); Database.write commits through the session then, else through the transaction. Reading `info` (this
    object's own dict, for every transaction's notes) or `bind` (the connection), or a flush with nothing of the
    ORM made, makes nothing.
    """

    def __init__(self, connection: AsyncConnection) -> None:
        # AsyncSession.__init__ runs later, on first use of the ORM (__getattr__)
        self._write_connection = connection
        self._write_info: dict[Any, Any] = {}
        self._write_lean: SqliteLean | PostgresLean | None = None
        self._orm_made = False

    def __getattr__(self, name: str) -> Any:
        # Only reached for an attribute not set yet: those AsyncSession.__init__ sets (sync_session, _proxied, ...).
        if self.__dict__.get("_orm_made") is not False:
            raise AttributeError(name)
        self._orm_made = True
        AsyncSession.__init__(self, self._write_connection, expire_on_commit=False,
                              join_transaction_mode="control_fully")
        return getattr(self, name)

    @property
    def orm_made(self) -> bool:
        """Whether the ORM's part of the session was made (something of the ORM was used)."""
        return self._orm_made

    @property
    def lean_made(self) -> bool:
        """Whether the lean statements of this transaction were asked for."""
        return self._write_lean is not None

    @property
    def info(self) -> dict[Any, Any]:
        """This transaction's notes (as AsyncSession.info), kept whether or not the ORM is used."""
        return self._write_info

    @property
    def bind(self) -> AsyncConnection:
        """The connection the transaction is on."""
        return self._write_connection

    async def flush(self, objects: Sequence[Any] | None = None) -> None:
        """The ORM's pending changes written; nothing to do while it was not used."""
        if self._orm_made:
            await super().flush(objects)

    async def lean(self) -> SqliteLean | PostgresLean:
        """The lean statements of this transaction."""
        if self._write_lean is None:
            self._write_lean = await _on(self._write_connection)
        return self._write_lean

    async def commit_orm(self) -> None:
        """Commit through the ORM's session, if it was made (its flush, the transaction's commit, its events),
        and close it; without it, the transaction's own end commits."""
        if self._orm_made:
            await self.run_sync(_commit_and_close)

    async def close_orm(self) -> None:
        """Close the ORM's session, if it was made: its uncommitted transaction is rolled back."""
        if self._orm_made:
            await self.close()


def _commit_and_close(session: Session) -> None:
    # one greenlet hop: join the transaction (if no statement did yet, so its commit is the real one), commit, close
    session.connection()
    session.commit()
    session.close()


def _chunks(rows: Sequence[Any], size: int = _ROWS) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


@lru_cache(maxsize=64)  # a batch writes the same few moments many times
def _sqlite_time(value: datetime | None) -> str | None:
    # models/types.py: naive UTC; SQLAlchemy's SQLite DATETIME text, microseconds always written
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(" ", "microseconds")


def _sqlite_value(value: Any) -> Any:
    # a datetime as models/types.py stores it, a date as SQLAlchemy's SQLite DATE ("2026-08-20")
    if isinstance(value, datetime):
        return _sqlite_time(value)
    return value.isoformat() if isinstance(value, date) else value


def _sqlite_read_time(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _pg_time(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _error(error: Exception, sql: str, dialect: Dialect) -> BaseException:
    # the DB-API error as SQLAlchemy would have raised it (OperationalError, IntegrityError, ...); no parameters
    return DBAPIError.instance(sql, None, error, dialect.loaded_dbapi.Error, hide_parameters=True, dialect=dialect)


@cache
def _values(rows: int, width: int) -> str:
    one = "(" + ",".join("?" * width) + ")"
    return ",".join([one] * rows)


@cache
def _sqlite_insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))}) RETURNING id"


@cache
def _pg_insert(table: str, columns: tuple[str, ...]) -> str:
    marks = ",".join(f"${i}" for i in range(1, len(columns) + 1))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) RETURNING id"


@cache
def _sqlite_update(table: str, key: str, columns: tuple[str, ...], increment: tuple[str, ...]) -> str:
    sets = [f"{c} = ?" for c in columns] + [f"{c} = {c} + 1" for c in increment]
    return f"UPDATE {table} SET {', '.join(sets)} WHERE {key} = ?"


@cache
def _pg_update(table: str, key: str, columns: tuple[str, ...], increment: tuple[str, ...]) -> str:
    sets = [f"{c} = ${i}" for i, c in enumerate(columns, 1)] + [f"{c} = {c} + 1" for c in increment]
    return f"UPDATE {table} SET {', '.join(sets)} WHERE {key} = ${len(columns) + 1}"


class _Lean:
    """What both dialects share: the driver connection and the session's Connection, whose events we keep."""

    def __init__(self, driver: Any, connection: Connection) -> None:
        self.driver = driver
        self.connection = connection
        self.dialect: Dialect = connection.dialect

    def _before(self, sql: str, params: Any, many: bool) -> None:
        # SQLAlchemy's before_cursor_execute, for listeners on the engine or connection (none in production)
        conn = self.connection
        if conn._has_events or conn.engine._has_events:
            conn.dispatch.before_cursor_execute(conn, None, sql, params, None, many)


    async def arrivals(self, senders: Sequence[tuple[str, str, str | None]],
                       messages: Sequence[tuple[str, str, str, Any]], *, status: str, handled_at: datetime | None,
                       now: datetime, conversations: bool = False,
                       ) -> tuple[list[tuple[int, str, str, bool]], list[tuple[int, str, str]]]:
        """upsert_citizens(senders) and insert_inbound of the (channel, user id, message id, payload) messages, each
        with its sender's id: (what the one returns, what the other returns). Every message's sender is in senders.
        conversations: the caller locks the conversations of the recorded messages' senders next (PostgreSQL may
        create the missing ones here, so that conversations() need not)."""
        citizens = await self.upsert_citizens(senders, now)  # type: ignore[attr-defined]  # each dialect's own
        ids = {(c, u): i for i, c, u, _ in citizens}
        inbound = await self.insert_inbound(  # type: ignore[attr-defined]
            [(c, mid, ids[(c, u)], payload) for c, u, mid, payload in messages], status=status,
            handled_at=handled_at, received_at=now)
        return citizens, inbound

    async def save_and_queue(self, conversations: Sequence[Sequence[Any]],
                             outgoing: Sequence[Sequence[Any]]) -> list[int]:
        """update_many of the (flow, step, locale, state text, updated at, id) conversations, then insert_outgoing of
        the rows (columns as OUTGOING): their ids in the rows' order."""
        if conversations:
            await self.update_many("conversation", "id", CONVERSATION, conversations)  # type: ignore[attr-defined]
        return await self.insert_outgoing(outgoing) if outgoing else []  # type: ignore[attr-defined]

    async def _statement(self, sql: str) -> None:
        await self._rows(sql)  # type: ignore[attr-defined]  # each dialect's own

    @asynccontextmanager
    async def savepoint(self, name: str, *, release: bool = True) -> AsyncIterator[None]:
        """Statements whose failure rolls back to here and is raised, leaving the transaction usable.

        release=False: when they succeed the savepoint is left for the transaction's commit to release (for the
        last statements before it, where a RELEASE would be one more round trip to PostgreSQL and nothing else).
        """
        await self._statement(f"SAVEPOINT {name}")
        try:
            yield
        except Exception:
            await self._statement(f"ROLLBACK TO SAVEPOINT {name}")
            await self._statement(f"RELEASE SAVEPOINT {name}")
            raise
        if release:
            await self._statement(f"RELEASE SAVEPOINT {name}")


class SqliteLean(_Lean):
    """The statements on sqlite3 (the inline driver's connection or aiosqlite's): `?` parameters."""

    async def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        self._before(sql, params, False)
        try:
            # one await for the statement and its rows: on aiosqlite one trip to its thread, not four
            return list(await self.driver.execute_fetchall(sql, params))
        except self.dialect.loaded_dbapi.Error as error:
            raise _error(error, sql, self.dialect) from error

    async def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._before(sql, rows, True)
        try:
            cursor = await self.driver.cursor()
            try:
                await cursor.executemany(sql, rows)
            finally:
                await cursor.close()
        except self.dialect.loaded_dbapi.Error as error:
            raise _error(error, sql, self.dialect) from error

    async def end(self, *, commit: bool) -> None:
        """Commit or roll back the driver's transaction (its first write began it); listeners told as by SQLAlchemy."""
        conn = self.connection
        if conn._has_events or conn.engine._has_events:
            (conn.dispatch.commit if commit else conn.dispatch.rollback)(conn)
        try:
            await (self.driver.commit() if commit else self.driver.rollback())
        except self.dialect.loaded_dbapi.Error as error:
            raise _error(error, "COMMIT" if commit else "ROLLBACK", self.dialect) from error

    async def upsert_citizens(self, rows: Sequence[tuple[str, str, str | None]],
                              now: datetime) -> list[tuple[int, str, str, bool]]:
        """(id, channel, user id, simple mode) of these (channel, user id, name) senders, created on first contact."""
        at = _sqlite_time(now)
        found: list[tuple[int, str, str, bool]] = []
        for part in _chunks(rows):
            sql = ("INSERT INTO citizen (channel, channel_user_id, display_name, created_at, last_inbound_at) "
                   f"VALUES {_values(len(part), 5)} ON CONFLICT (channel, channel_user_id) DO UPDATE SET "
                   "last_inbound_at = excluded.last_inbound_at, blocked_at = NULL "
                   "RETURNING id, channel, channel_user_id, simple_mode")
            params = [v for c, u, name in part for v in (c, u, name, at, at)]
            found += [(i, c, u, bool(simple)) for i, c, u, simple in await self._rows(sql, params)]
        return found

    async def insert_inbound(self, rows: Sequence[tuple[str, str, int, Any]], *, status: str,
                             handled_at: datetime | None, received_at: datetime) -> list[tuple[int, str, str]]:
        """(id, channel, message id) of the (channel, message id, citizen id, payload) messages not recorded before."""
        handled, received = _sqlite_time(handled_at), _sqlite_time(received_at)
        found: list[tuple[int, str, str]] = []
        for part in _chunks(rows):
            sql = ("INSERT INTO inboundmessage (channel, channel_message_id, citizen_id, payload, status, handled_at, "
                   f"received_at) VALUES {_values(len(part), 7)} ON CONFLICT (channel, channel_message_id) DO NOTHING "
                   "RETURNING id, channel, channel_message_id")
            params = [v for c, mid, cid, payload in part
                      for v in (c, mid, cid, dumps(payload), status, handled, received)]
            found += [tuple(r) for r in await self._rows(sql, params)]  # type: ignore[misc]
        return found

    async def conversations(self, citizen_ids: Sequence[int], now: datetime) -> list[ConversationRow]:
        """These citizens' conversations, created where missing (SQLite's write lock serialises writers)."""
        found: list[ConversationRow] = []
        for part in _chunks(citizen_ids):
            marks = ",".join("?" * len(part))
            found += [ConversationRow(i, c, f, s, loc, json.loads(state), _sqlite_read_time(at))
                      for i, c, f, s, loc, state, at in await self._rows(
                          "SELECT id, citizen_id, flow, step, locale, state, updated_at FROM conversation "
                          f"WHERE citizen_id IN ({marks})", part)]
        have = {row.citizen_id for row in found}
        missing = [i for i in citizen_ids if i not in have]
        at = _sqlite_time(now)
        for part in _chunks(missing):  # rarely any: a citizen's first message
            made = await self._rows(f"INSERT INTO conversation (citizen_id, state, updated_at) VALUES "
                                    f"{_values(len(part), 3)} RETURNING id, citizen_id",
                                    [v for i in part for v in (i, "{}", at)])
            found += [ConversationRow(i, c, None, None, None, {}, now) for i, c in made]
        return found

    async def insert_outgoing(self, rows: Sequence[Sequence[Any]]) -> list[int]:
        """Insert outbox rows (columns as OUTGOING); their ids in the rows' order."""
        ids: list[int] = []
        for part in _chunks(rows):
            sql = (f"INSERT INTO outgoingmessage ({', '.join(OUTGOING)}) VALUES {_values(len(part), len(OUTGOING))} "
                   "RETURNING id")
            params = [v for ch, chat, cit, inb, kind, payload, status, attempts, nb, created in part
                      for v in (ch, chat, cit, inb, kind, dumps(payload), status, attempts, _sqlite_time(nb),
                                _sqlite_time(created))]
            # Under the write lock one multi-row INSERT takes rowids max+1, max+2, ... in VALUES order.
            ids += sorted(i for (i,) in await self._rows(sql, params))
        return ids

    async def update_many(self, table: str, key: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                          increment: Sequence[str] = ()) -> None:
        """One UPDATE per row, in one executemany: each row the values of `columns`, then its key."""
        sql = _sqlite_update(table, key, tuple(columns), tuple(increment))
        await self._many(sql, [[_sqlite_time(v) if isinstance(v, datetime) else v for v in row] for row in rows])

    async def inbound_since(self, citizen_ids: Sequence[int], since: datetime) -> list[tuple[int, int]]:
        """(citizen id, inbound id) of these citizens' messages received since `since`."""
        found: list[tuple[int, int]] = []
        for part in _chunks(citizen_ids):
            marks = ",".join("?" * len(part))
            found += [(c, i) for c, i in await self._rows(
                f"SELECT citizen_id, id FROM inboundmessage WHERE citizen_id IN ({marks}) AND received_at >= ?",
                [*part, _sqlite_time(since)])]
        return found

    async def present(self, table: str, column: str, values: Sequence[Any]) -> list[Any]:
        """Which of these values the column holds (a look before the ORM loads the few rows there are)."""
        found: list[Any] = []
        for part in _chunks(values):
            marks = ",".join("?" * len(part))
            found += [v for (v,) in await self._rows(f"SELECT {column} FROM {table} WHERE {column} IN ({marks})",
                                                     part)]
        return found

    async def insert_row(self, table: str, values: Mapping[str, Any]) -> int:
        """Insert one row (plain values, dates and times as models/types.py stores them); its id."""
        sql = _sqlite_insert(table, tuple(values))
        params = [_sqlite_value(v) for v in values.values()]
        return int((await self._rows(sql, params))[0][0])

    async def recent_complaint_ids(self, citizen_id: int, since: datetime, limit: int) -> list[int]:
        """The ids of the citizen's complaints filed since `since`, newest first, at most `limit`."""
        return [i for (i,) in await self._rows(
            "SELECT id FROM complaint WHERE citizen_id = ? AND created_at >= ? ORDER BY id DESC LIMIT ?",
            [citizen_id, _sqlite_time(since), limit])]


# arrivals()'s conversations: conversations()'s INSERT for the senders of the messages recorded (`i`), by citizen id
_MAKE_CONVERSATIONS = (", v AS (INSERT INTO conversation (citizen_id, state, updated_at) SELECT f.citizen_id, "
                       "'{}'::json, $4 FROM (SELECT DISTINCT citizen_id FROM i) AS f ORDER BY f.citizen_id "
                       "ON CONFLICT (citizen_id) DO NOTHING)")


class PostgresLean(_Lean):
    """The statements on asyncpg: `$n` parameters, arrays through unnest for many rows in one statement.

    JSON goes in as text (the codec SQLAlchemy's dialect installs on each connection encodes `json` from str
    and decodes it to Python values), so it is serialised once, by json.dumps as SQLAlchemy would.
    """

    def __init__(self, driver: Any, connection: Connection, adapter: Any) -> None:
        super().__init__(driver, connection)
        self.adapter = adapter
        # citizens whose conversation rows this transaction's arrivals() made sure of (created where missing)
        self._conversations_made: set[int] = set()

    def _error(self, error: Exception, sql: str) -> BaseException:
        try:
            self.adapter._handle_exception(error)  # asyncpg's error as the DB-API error SQLAlchemy maps from
        except Exception as mapped:
            return _error(mapped, sql, self.dialect)
        return error  # pragma: no cover - _handle_exception always raises

    async def end(self, *, commit: bool) -> None:
        """Commit or roll back the adapter's transaction (begun at checkout or by _on) without SQLAlchemy's: listeners
        told as by SQLAlchemy; nothing begun (the ORM's commit or rollback ended it), nothing sent."""
        conn = self.connection
        if conn._has_events or conn.engine._has_events:
            (conn.dispatch.commit if commit else conn.dispatch.rollback)(conn)
        adapter = self.adapter
        transaction = adapter._transaction
        if transaction is None:
            return
        try:
            # as the adapter's commit() and rollback() do, without their greenlet hop: discarded either way
            await adapter._call_and_discard(transaction.commit if commit else transaction.rollback)
        except Exception as error:
            raise self._error(error, "COMMIT" if commit else "ROLLBACK") from error

    async def _rows(self, sql: str, *params: Any) -> list[Any]:
        self._before(sql, params, False)
        try:
            return list(await self.driver.fetch(sql, *params))
        except Exception as error:
            raise self._error(error, sql) from error

    async def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._before(sql, rows, True)
        try:
            await self.driver.executemany(sql, rows)
        except Exception as error:
            raise self._error(error, sql) from error

    async def upsert_citizens(self, rows: Sequence[tuple[str, str, str | None]],
                              now: datetime) -> list[tuple[int, str, str, bool]]:
        """(id, channel, user id, simple mode) of these (channel, user id, name) senders, created on first contact."""
        sql = ("INSERT INTO citizen (channel, channel_user_id, display_name, created_at, last_inbound_at) "
               "SELECT c, u, n, $4, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(c, u, n) "
               "ON CONFLICT (channel, channel_user_id) DO UPDATE SET last_inbound_at = excluded.last_inbound_at, "
               "blocked_at = NULL RETURNING id, channel, channel_user_id, simple_mode")
        found = await self._rows(sql, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                                 _pg_time(now))
        return [(i, c, u, bool(simple)) for i, c, u, simple in found]

    async def insert_inbound(self, rows: Sequence[tuple[str, str, int, Any]], *, status: str,
                             handled_at: datetime | None, received_at: datetime) -> list[tuple[int, str, str]]:
        """(id, channel, message id) of the (channel, message id, citizen id, payload) messages not recorded before."""
        sql = ("INSERT INTO inboundmessage (channel, channel_message_id, citizen_id, payload, status, handled_at, "
               "received_at) SELECT c, m, i, p::json, $5, $6, $7 "
               "FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS t(c, m, i, p) "
               "ON CONFLICT (channel, channel_message_id) DO NOTHING RETURNING id, channel, channel_message_id")
        found = await self._rows(sql, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                                 [dumps(r[3]) for r in rows], status, _pg_time(handled_at), _pg_time(received_at))
        return [(i, c, m) for i, c, m in found]

    async def arrivals(self, senders: Sequence[tuple[str, str, str | None]],
                       messages: Sequence[tuple[str, str, str, Any]], *, status: str, handled_at: datetime | None,
                       now: datetime, conversations: bool = False,
                       ) -> tuple[list[tuple[int, str, str, bool]], list[tuple[int, str, str]]]:
        """upsert_citizens and insert_inbound in one statement: one round trip to the server, not two.

        The citizens are upserted in the senders' order (sorted by the caller, as upsert_citizens's are), each
        message inserted after its sender (it joins the sender's returned row) and in the messages' order (ids drawn
        in the ORDER BY's order, as insert_inbound's follow its rows). conversations: the recorded messages' senders'
        conversation rows are created where missing too, by citizen id (the INSERT conversations() would send next,
        after the same citizens' and messages' writes), so that conversations() only locks them.
        """
        sql = ("WITH c AS (INSERT INTO citizen (channel, channel_user_id, display_name, created_at, last_inbound_at) "
               "SELECT c, u, n, $4, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(c, u, n) "
               "ON CONFLICT (channel, channel_user_id) DO UPDATE SET last_inbound_at = excluded.last_inbound_at, "
               "blocked_at = NULL RETURNING id, channel, channel_user_id, simple_mode), "
               "i AS (INSERT INTO inboundmessage (channel, channel_message_id, citizen_id, payload, status, "
               "handled_at, received_at) SELECT m.ch, m.mid, c.id, m.p::json, $9, $10, $4 "
               "FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS m(ch, u, mid, p, n) "
               "JOIN c ON c.channel = m.ch AND c.channel_user_id = m.u ORDER BY m.n "
               "ON CONFLICT (channel, channel_message_id) DO NOTHING RETURNING id, channel, channel_message_id, "
               "citizen_id)" + (_MAKE_CONVERSATIONS if conversations else "") + " "
               "SELECT true, id, channel, channel_user_id, simple_mode FROM c "
               "UNION ALL SELECT false, id, channel, channel_message_id, NULL FROM i")
        found = await self._rows(sql, [r[0] for r in senders], [r[1] for r in senders], [r[2] for r in senders],
                                 _pg_time(now), [m[0] for m in messages], [m[1] for m in messages],
                                 [m[2] for m in messages], [dumps(m[3]) for m in messages], status,
                                 _pg_time(handled_at))
        citizens = [(i, c, u, bool(simple)) for sender, i, c, u, simple in found if sender]
        recorded = [(i, c, m) for sender, i, c, m, _ in found if not sender]
        if conversations:
            ids, fresh = {(c, u): i for i, c, u, _ in citizens}, {(c, m) for _, c, m in recorded}
            self._conversations_made.update(ids[(c, u)] for c, u, m, _ in messages if (c, m) in fresh)
        return citizens, recorded

    async def conversations(self, citizen_ids: Sequence[int], now: datetime) -> list[ConversationRow]:
        """These citizens' conversations, created where missing, then all locked in one ordered statement.

        Two replicas meeting the same new citizens can never hold their locks in opposite orders.
        """
        ids = list(citizen_ids)
        if not self._conversations_made.issuperset(ids):  # else arrivals() created the missing ones, as here
            await self._rows("INSERT INTO conversation (citizen_id, state, updated_at) SELECT i, '{}'::json, $2 "
                             "FROM unnest($1::bigint[]) AS i ON CONFLICT (citizen_id) DO NOTHING", ids, _pg_time(now))
        rows = await self._rows("SELECT id, citizen_id, flow, step, locale, state, updated_at FROM conversation "
                                "WHERE citizen_id = ANY($1::bigint[]) ORDER BY citizen_id FOR UPDATE", ids)
        return [ConversationRow(*r) for r in rows]

    @staticmethod
    def _outgoing_params(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
        """Outbox rows (columns as OUTGOING) as the ten arrays the unnest of their INSERT takes."""
        columns = list(zip(*rows, strict=True))
        return [list(columns[i]) for i in range(5)] + [[dumps(p) for p in columns[5]], list(columns[6]),
                                                      list(columns[7]), [_pg_time(v) for v in columns[8]],
                                                      [_pg_time(v) for v in columns[9]]]

    async def insert_outgoing(self, rows: Sequence[Sequence[Any]]) -> list[int]:
        """Insert outbox rows (columns as OUTGOING); their ids in the rows' order."""
        sql = (f"INSERT INTO outgoingmessage ({', '.join(OUTGOING)}) "
               "SELECT ch, chat, cit, inb, k, p::json, s, a, nb, ca FROM unnest($1::text[], $2::text[], $3::bigint[], "
               "$4::bigint[], $5::text[], $6::text[], $7::text[], $8::int[], $9::timestamptz[], $10::timestamptz[]) "
               "WITH ORDINALITY AS t(ch, chat, cit, inb, k, p, s, a, nb, ca, n) ORDER BY n RETURNING id")
        params = self._outgoing_params(rows)
        # ids are drawn in the ORDER BY's order, so sorted ids are the rows' order (as SQLAlchemy assumes too)
        return sorted(i for (i,) in await self._rows(sql, *params))

    async def save_and_queue(self, conversations: Sequence[Sequence[Any]],
                             outgoing: Sequence[Sequence[Any]]) -> list[int]:
        """The conversations' UPDATE and the outbox INSERT in one statement: one round trip to the server, not two.

        The conversations are the batch's, each locked by this transaction (conversations()): the UPDATE takes no
        lock it does not hold. Ids are unique (one row each), so UPDATE ... FROM sets each row once, as the
        executemany's one UPDATE per row did; the outbox rows are inserted as insert_outgoing inserts them.
        """
        if not conversations or not outgoing:
            return await super().save_and_queue(conversations, outgoing)
        sql = ("WITH u AS (UPDATE conversation AS c SET flow = t.f, step = t.s, locale = t.l, state = t.st::json, "
               "updated_at = t.at FROM unnest($11::text[], $12::text[], $13::text[], $14::text[], "
               "$15::timestamptz[], $16::bigint[]) AS t(f, s, l, st, at, id) WHERE c.id = t.id) "
               f"INSERT INTO outgoingmessage ({', '.join(OUTGOING)}) "
               "SELECT ch, chat, cit, inb, k, p::json, s, a, nb, ca FROM unnest($1::text[], $2::text[], $3::bigint[], "
               "$4::bigint[], $5::text[], $6::text[], $7::text[], $8::int[], $9::timestamptz[], $10::timestamptz[]) "
               "WITH ORDINALITY AS t(ch, chat, cit, inb, k, p, s, a, nb, ca, n) ORDER BY n RETURNING id")
        saved = list(zip(*conversations, strict=True))
        params = [*self._outgoing_params(outgoing), list(saved[0]), list(saved[1]), list(saved[2]), list(saved[3]),
                  [_pg_time(v) for v in saved[4]], list(saved[5])]
        # ids are drawn in the ORDER BY's order, so sorted ids are the rows' order (as insert_outgoing's)
        return sorted(i for (i,) in await self._rows(sql, *params))

    async def update_many(self, table: str, key: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                          increment: Sequence[str] = ()) -> None:
        """One UPDATE per row, in one executemany: each row the values of `columns`, then its key."""
        sql = _pg_update(table, key, tuple(columns), tuple(increment))
        await self._many(sql, [[_pg_time(v) if isinstance(v, datetime) else v for v in row] for row in rows])

    async def inbound_since(self, citizen_ids: Sequence[int], since: datetime) -> list[tuple[int, int]]:
        """(citizen id, inbound id) of these citizens' messages received since `since`."""
        rows = await self._rows("SELECT citizen_id, id FROM inboundmessage WHERE citizen_id = ANY($1::bigint[]) "
                                "AND received_at >= $2", list(citizen_ids), _pg_time(since))
        return [(c, i) for c, i in rows]

    async def present(self, table: str, column: str, values: Sequence[Any]) -> list[Any]:
        """Which of these values the column holds (a look before the ORM loads the few rows there are)."""
        return [v for (v,) in await self._rows(f"SELECT {column} FROM {table} WHERE {column} = ANY($1)",
                                               list(values))]

    async def insert_row(self, table: str, values: Mapping[str, Any]) -> int:
        """Insert one row (plain values; times made aware UTC as models/types.py does); its id."""
        sql = _pg_insert(table, tuple(values))
        params = [_pg_time(v) if isinstance(v, datetime) else v for v in values.values()]
        return int((await self._rows(sql, *params))[0][0])

    async def recent_complaint_ids(self, citizen_id: int, since: datetime, limit: int) -> list[int]:
        """The ids of the citizen's complaints filed since `since`, newest first, at most `limit`."""
        rows = await self._rows("SELECT id FROM complaint WHERE citizen_id = $1 AND created_at >= $2 "
                                "ORDER BY id DESC LIMIT $3", citizen_id, _pg_time(since), limit)
        return [i for (i,) in rows]


__all__ = ["CONVERSATION", "ConversationRow", "PostgresLean", "SqliteLean", "WriteSession", "dumps", "lean"]
