"""The database: engine and sessions for SQLite or PostgreSQL, migrations, and the write discipline."""

from __future__ import annotations

import ast
import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, closing, suppress
from contextvars import ContextVar
from functools import cache, partial
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Connection, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, InvalidatePoolError, OperationalError
from sqlalchemy.exc import IntegrityError as IntegrityError  # re-exported: a duplicate row, for the channels
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.util.concurrency import await_
from sqlmodel.ext.asyncio.session import AsyncSession

from models import fresh_schema, sqlite_inline
from models.lean_sql import WriteSession, lean
from models.migrate import MIGRATION_LOCK_KEY, MIGRATIONS, MigrationChild, alembic_config
from models.sqlite_inline import BUSY_TIMEOUT_MS

# What bot/ and handlers/ name of the database layer: they import no sqlalchemy or sqlmodel (pyproject.toml).
Session = AsyncSession

DEFAULT_URL = "sqlite+aiosqlite:///data/laporbot.db"
DEFAULT_POOL = 10  # PostgreSQL connections kept per process; as many again may be opened at peaks
DEFAULT_TIMEOUT = 5.0  # seconds: PostgreSQL connect, statement and pool waits (LAPORBOT_DB_TIMEOUT)
# Set while Database.write takes its PostgreSQL connection: the checkout sends the transaction's BEGIN as its ping.
_BEGIN_AT_CHECKOUT: ContextVar[bool] = ContextVar("laporbot_begin_at_checkout", default=False)
_FRESH = "laporbot_fresh"  # a pooled connection's info: opened, not yet checked out (no ping needed)


class PendingMigration(NamedTuple):
    """A migration in a child process (None: nothing left to run), the revision before it, and the revision a new
    SQLite file was given from the schema snapshot (models/fresh_schema.py) instead, if it was."""

    before: str | None
    child: MigrationChild | None
    created: str | None = None


class Migrated(NamedTuple):
    """What migrate() did: the revision before (None: a new database) and after."""

    before: str | None
    after: str | None

    def describe(self) -> str:
        """One line for operators: created, upgraded, or already current."""
        if self.before is None:
            return f"created schema at {self.after}"
        if self.before == self.after:
            return f"already at {self.after}"
        return f"upgraded {self.before} → {self.after}"


SQLITE_DRIVERS = ("inline", "thread")  # the first is the default


def postgres_bounds(timeout: float) -> dict[str, Any]:
    """Engine arguments so that a PostgreSQL that accepts but never answers fails a request within `timeout`.

    A hung server otherwise held webhooks ~85 s until the proxy's 504; failing fast lets the channel redeliver.
    """
    if timeout <= 0:
        return {}
    return {"pool_timeout": timeout,  # waiting for a free pooled connection
            "connect_args": {"timeout": timeout,  # TCP connect + start-up handshake
                             "command_timeout": timeout,  # client side: a statement that gets no answer
                             # server side: a statement (or lock wait) running too long is cancelled cleanly
                             "server_settings": {"statement_timeout": str(int(timeout * 1000))}}}


class Rider(Protocol):
    """A write that goes with whichever transaction commits next (Database.ride)."""

    async def write(self, session: AsyncSession) -> None:
        """Do the write in that transaction, just before its commit."""

    def committed(self) -> None:
        """The transaction committed: the write is durable."""

    def failed(self) -> None:
        """Not written (the transaction failed, or the savepoint undid the rider's own write): it rides with the next
        transaction, unless it takes itself off meanwhile (Database.unride)."""


class Database:
    """One database: an async engine, a session factory, and how writes are serialised."""

    def __init__(self, url: str = DEFAULT_URL, *, pool_size: int = DEFAULT_POOL,
                 sqlite_driver: str = SQLITE_DRIVERS[0], timeout: float = DEFAULT_TIMEOUT) -> None:
        """pool_size: PostgreSQL connections kept open (as many again at peaks; LAPORBOT_DB_POOL).
        sqlite_driver: "inline" or "thread" (LAPORBOT_SQLITE_DRIVER).
        timeout: PostgreSQL connect/statement/pool-wait seconds, 0 = none (LAPORBOT_DB_TIMEOUT).
        The process passes its Settings' values (Settings.open_database); the defaults are the settings'."""
        self.url = url
        self.pool_size = pool_size
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        else:
            # no pool_pre_ping: _ping_on_checkout pings as it did, but a write's BEGIN is its ping
            kwargs.update(pool_size=pool_size, max_overflow=pool_size)
            kwargs.update(postgres_bounds(timeout))
        self.inline = self.is_sqlite and sqlite_driver == "inline"
        if self.inline:
            kwargs["module"] = sqlite_inline.dbapi()
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            busy_ms = sqlite_inline.BUSY_SLICE_MS if self.inline else BUSY_TIMEOUT_MS
            event.listen(self.engine.sync_engine, "connect", partial(_sqlite_pragmas, busy_ms=busy_ms))
        else:
            event.listen(self.engine.sync_engine, "connect", _fresh)
            event.listen(self.engine.sync_engine, "checkout", partial(_ping_on_checkout, self.engine.dialect))
        self.sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        # SQLite has one writer at a time; queueing writers here avoids "database is locked" errors
        # from deferred transactions that read first and upgrade to a write lock later.
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        self._writes = 0  # write transactions committed through write(), for checkpoint_loop
        # small writes nobody waits on at once (the outbox's "sent" marks) go with the next transaction, not one
        # of their own each (bot/outbox/delivery.py)
        self._riders: list[Rider] = []
        self._writer: AsyncConnection | None = None  # SQLite: the connection write transactions take turns on
        self._idle: AsyncConnection | None = None  # PostgreSQL: the last write's connection, kept for the next one

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A transaction that will write: committed on success, rolled back on error; it carries the riders."""
        if self._write_lock is None:
            async with self._carrying() as session:
                yield session
            return
        async with self._write_lock, self._carrying() as session:
            yield session
        self._writes += 1  # committed: the background checkpoint has something to copy

    def ride(self, rider: Rider) -> None:
        """Have the next write transaction (whoever opens it) do this too, just before it commits."""
        self._riders.append(rider)

    def unride(self, rider: Rider) -> None:
        """Take a rider off the next transaction (one whose write keeps failing waits for its own retry instead)."""
        with suppress(ValueError):
            self._riders.remove(rider)

    @property
    def riding(self) -> int:
        """Riders waiting for a write transaction."""
        return len(self._riders)

    async def carry(self) -> bool:
        """Commit the waiting riders in a transaction of their own, unless another took them first; whether any."""
        if not self._riders:
            return False
        async with self.write():
            pass
        return True

    @asynccontextmanager
    async def _carrying(self) -> AsyncIterator[AsyncSession]:
        # The transaction is the connection's; the ORM's session is made only if the turn uses it (WriteSession).
        riders: list[Rider] = []
        try:
            async with self._connection() as conn, self._transaction(conn) as session:
                try:
                    yield session
                    riders, self._riders = self._riders, []
                    if riders and not await _write_riders(session, riders):
                        self._riders[:0] = riders
                        for rider in riders:
                            rider.failed()
                        riders = []
                    await session.commit_orm()  # else the transaction's own end commits
                except BaseException:
                    await session.close_orm()  # its transaction rolled back; else the transaction's own end does it
                    raise
        except BaseException:
            # not committed, whether the turn, the riders' savepoint or the commit itself failed: they wait for the
            # next transaction
            self._riders[:0] = riders
            for rider in riders:
                rider.failed()
            raise
        finally:
            # Every write transaction lets the loop's other tasks run once, as an AsyncSession's close did: on the
            # inline driver nothing else here waits, and a task retrying writes (Deliverer._carry while its marks
            # fail) would otherwise never let the others run.
            await asyncio.sleep(0)
        for rider in riders:
            rider.committed()

    @asynccontextmanager
    async def _transaction(self, conn: AsyncConnection) -> AsyncIterator[WriteSession]:
        """A write transaction on `conn` and its session: the driver's own (begun by SQLite's first write, by
        PostgreSQL's checkout), ended by the driver unless something ran through SQLAlchemy, which then ends it."""
        # SQLAlchemy's begin and commit send nothing more than the driver's would (on PostgreSQL the checkout already
        # sent the BEGIN), yet cost greenlet hops and ~100 µs of CPU a transaction: the driver ends it instead,
        # unless something ran through SQLAlchemy meanwhile (the ORM, a core statement), which then ends it.
        session = WriteSession(conn)
        try:
            yield session
        except BaseException:
            if conn.in_transaction():
                await conn.rollback()
            elif self.is_sqlite or session.lean_made:  # also after the ORM's rollback: a no-op if it ended it
                await self._end(conn, session, commit=False)
            # else PostgreSQL with no lean statement: the pool's reset at return rolls back what the checkout began
            raise
        if conn.in_transaction():
            await conn.commit()
        elif not session.orm_made:  # else the ORM's commit (WriteSession.commit_orm) was the driver's
            await self._end(conn, session, commit=True)

    async def _end(self, conn: AsyncConnection, session: WriteSession, *, commit: bool) -> None:
        """Commit or roll back the driver's transaction; on PostgreSQL a connection whose COMMIT or ROLLBACK failed
        is invalidated (its transaction's state is unknown: it never goes back to the pool)."""
        try:
            await (await session.lean()).end(commit=commit)
        except BaseException:
            if not self.is_sqlite:
                await asyncio.shield(conn.invalidate())  # finished even if this task is cancelled meanwhile
            raise

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[AsyncConnection]:
        """The connection of a write transaction, kept between transactions so that a turn costs no pool checkout and
        return: on SQLite the one writer's (write()'s lock makes them take turns); on PostgreSQL the idle one if no
        other write holds it (its BEGIN sent now, which is also its ping), else a pooled one (_pooled_write)."""
        if self._write_lock is None:
            conn = await self._idle_write()
            if conn is None:
                conn = await self._pooled_write()
            try:
                yield conn
            except BaseException:
                await asyncio.shield(conn.close())  # back to the pool (its reset rolls back what is left), or gone
                raise
            if self._idle is None and not conn.invalidated and not conn.closed:
                self._idle = conn  # the next write's, unless another write is under way by then
            else:
                await asyncio.shield(conn.close())
            return
        conn = self._writer
        if conn is None or conn.closed or conn.invalidated:
            conn = self._writer = await self.engine.connect()
        try:
            yield conn
        except BaseException:
            # a failed transaction's connection goes back to the pool (if still sound); the next write takes one
            self._writer = None
            await asyncio.shield(conn.close())  # finished even if this task is cancelled meanwhile
            raise

    async def _idle_write(self) -> AsyncConnection | None:
        """PostgreSQL: the connection the last write left idle, its transaction begun; None if there is none, or if
        it died while idle (the server restarted, a proxy dropped it): then it is invalidated, as a failed ping at
        checkout would have it, and the write takes a pooled one."""
        conn, self._idle = self._idle, None
        if conn is None:
            return None
        sync = None if conn.closed or conn.invalidated else conn.sync_connection
        adapter = None if sync is None else sync.connection.dbapi_connection  # a valid connection's: no I/O
        if adapter is None or conn.in_transaction() or adapter._transaction is not None:  # never after a clean write
            await asyncio.shield(conn.close())  # the pool's reset rolls back whatever is left
            return None
        dialect = self.engine.dialect
        try:
            await adapter._start_transaction()  # what the checkout's BEGIN sends (_ping_on_checkout), and its ping
        except BaseException as error:
            lost = isinstance(error, OSError) or (isinstance(error, Exception)
                                                  and dialect.is_disconnect(error, adapter, None))
            if lost or not isinstance(error, Exception):  # dead, or cancelled mid-BEGIN: its state is unknown
                await asyncio.shield(conn.invalidate())
            await asyncio.shield(conn.close())
            if lost:
                return None
            if isinstance(error, Exception):
                raise DBAPIError.instance("BEGIN", None, error, dialect.loaded_dbapi.Error, hide_parameters=True,
                                          dialect=dialect) from error
            raise
        return conn

    async def _pooled_write(self) -> AsyncConnection:
        """A write's connection from the pool, its checkout sending the transaction's BEGIN (_ping_on_checkout)."""
        begin = _BEGIN_AT_CHECKOUT.set(True)
        try:
            return await self.engine.connect()
        finally:
            _BEGIN_AT_CHECKOUT.reset(begin)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A session for reading."""
        async with self.sessions() as session:
            yield session

    async def checkpoint(self) -> None:
        """SQLite: copy the write-ahead log into the database file now, beside the writer, not inside it.

        Left to SQLite, the checkpoint (and its fsyncs) runs inside whichever commit pushes the log past
        1,000 pages, and every message in that batch waits for it. A PASSIVE checkpoint on a reading
        connection never blocks the writer; what it cannot copy yet is left for the next one.
        """
        if not self.is_sqlite:
            return
        path = make_url(self.url).database
        if self.inline and path and path != ":memory:":
            # its fsyncs would stop the event loop: the inline driver checkpoints from a thread
            await asyncio.to_thread(_checkpoint_file, path)
            return
        async with self.engine.connect() as conn:
            await conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

    async def checkpoint_loop(self, stop: asyncio.Event, every: float = 1.0) -> None:
        """checkpoint() every second until stop is set (SQLite only), when something was written since the last.

        Idle, a checkpoint per second is a thread and a connection for nothing. Writes that bypass write() (the
        CLI's, a migration) are copied by the first checkpoint after this process writes, or by SQLite's own.
        """
        done = -1
        while self.is_sqlite and not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), every)
            except TimeoutError:
                done = await self.checkpoint_if_written(done)

    async def checkpoint_if_written(self, done: int) -> int:
        """checkpoint() when write() committed since the count `done` (-1: at start); the count now."""
        if self._writes == done:
            return done
        done = self._writes
        try:
            await self.checkpoint()
        except Exception:  # SQLite's own checkpoint inside commits still runs: nothing is at risk
            logging.getLogger("laporbot.db").warning("background checkpoint failed", exc_info=True)
        return done

    async def migrate(self, *, apart: bool = False, started: PendingMigration | None = None) -> Migrated:
        """Bring the schema to the newest migration (run at start-up); what was done.

        On PostgreSQL a session advisory lock is held around it, so replicas starting together on a fresh
        database migrate once: the others wait, then find the schema current. apart: Alembic runs in a child
        process (models/migrate.py, which takes the lock), so a long-lived server never holds it in memory;
        started: that child was started earlier (start_migration), and is waited for here. A new SQLite file
        is given the schema snapshot instead (models/fresh_schema.py: the same schema, in milliseconds).
        """
        if apart or started is not None:
            pending = started or await self.start_migration()
            if pending.child is None:
                return Migrated(pending.before, pending.created or pending.before)
            await pending.child.wait()
            return Migrated(pending.before, await self.current_revision())
        async with self._migration_lock():
            before = await self.current_revision()
            if before is not None and before == head_revision():
                return Migrated(before, before)  # current: nothing for Alembic to do, so it is not even loaded
            if (created := await self._from_snapshot(before)) is not None:
                return Migrated(before, created)
            from alembic import command

            await asyncio.to_thread(command.upgrade, alembic_config(self.url), "head")
            after = await self.current_revision()
        return Migrated(before, after)

    async def start_migration(self) -> PendingMigration:
        """Start the child process that migrates, unless the schema is current or a new SQLite file takes the
        schema snapshot; migrate(started=...) waits for it."""
        before = await self.current_revision()
        if before is not None and before == head_revision():
            return PendingMigration(before, None)
        if (created := await self._from_snapshot(before)) is not None:
            return PendingMigration(before, None, created)
        return PendingMigration(before, MigrationChild(self.url))

    async def _from_snapshot(self, before: str | None) -> str | None:
        """A new SQLite file's schema written from the shipped snapshot; its revision, or None: Alembic's job."""
        path = sqlite_file(self.url)
        if before is not None or path is None:
            return None
        return await asyncio.to_thread(fresh_schema.create, path, head_revision())

    async def current_revision(self) -> str | None:
        """The schema's migration revision, or None for a database never migrated."""
        async with self.engine.connect() as conn:
            return await conn.run_sync(stamped_revision)

    @asynccontextmanager
    async def _migration_lock(self) -> AsyncIterator[None]:
        if self.is_sqlite:  # one process per SQLite file; its own write lock serialises the DDL anyway
            yield
            return
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            await conn.commit()  # a session lock outlives the transaction; no transaction stays open meanwhile
            try:
                yield
            finally:
                await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                await conn.commit()

    async def is_current(self) -> bool:
        """Whether the database is reachable and at the newest migration."""
        head = head_revision()
        if head is None:
            from alembic.script import ScriptDirectory

            head = ScriptDirectory.from_config(alembic_config(self.url)).get_current_head()
        return await self.current_revision() == head

    async def close(self) -> None:
        """Release every connection."""
        for kept in (self._writer, self._idle):
            if kept is not None:
                await kept.close()
        self._writer = self._idle = None
        await self.engine.dispose()


@cache
def head_revision() -> str | None:
    """The newest migration's revision, read from the version files without Alembic; None unless exactly one.

    A file's `revision` and `down_revision` are plain literals (Alembic's template); the head is the revision no
    other names as its down_revision. Branches and merges (never used here) are left to Alembic: None.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            else:
                continue
            if not isinstance(target, ast.Name) or target.id not in ("revision", "down_revision"):
                continue
            try:
                found = ast.literal_eval(value)
            except ValueError:
                return None  # not a plain literal: Alembic reads it
            if target.id == "revision":
                revisions.add(found)
            elif found is not None:
                parents.update([found] if isinstance(found, str) else found)
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def stamped_revision(conn: Connection) -> str | None:
    """The revision stamped in alembic_version (what Alembic reads), or None for a database never migrated."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:  # several heads stamped: Alembic's own error says what to do
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()
    return rows[0] if rows else None


def _checkpoint_file(path: str) -> None:
    with closing(sqlite3.connect(path, timeout=0)) as conn:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, busy_ms: int = BUSY_TIMEOUT_MS) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes in WAL mode
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def is_transient(error: BaseException) -> bool:
    """Whether an error is the database's trouble (away, busy, timed out), not the message's: worth a redelivery."""
    if isinstance(error, OSError | ConnectionError | PoolTimeout | InterfaceError | OperationalError):
        return True  # OSError covers TimeoutError and refused or reset connections
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for PostgreSQL or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(str(parsed.database))
    return None


def shown_url(url: str) -> str:
    """The URL as people may see it: the password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def postgres_url(*, user: str | None, password: str | None, host: str, port: int | None,
                 database: str | None) -> str:
    """The asyncpg URL of these connection parts, the password in it (quoted as a URL needs)."""
    url = URL.create("postgresql+asyncpg", username=user, password=password, host=host, port=port, database=database)
    return url.render_as_string(hide_password=False)


def _fresh(_dbapi_connection: Any, entry: ConnectionPoolEntry) -> None:
    entry.info[_FRESH] = True


def _ping_on_checkout(dialect: Any, dbapi_connection: Any, entry: ConnectionPoolEntry, _proxy: Any) -> None:
    """PostgreSQL's pool pre-ping, one statement fewer for a write transaction: a pooled connection that died while
    idle (the server restarted, a proxy dropped it) is replaced before anyone uses it.

    SQLAlchemy's own pre-ping sends BEGIN, an empty statement and ROLLBACK (3 round trips) at every checkout, and
    the write then sends its own BEGIN: 4 of the ~17 round trips of a paced turn, each a wait for the server's
    process to be scheduled, which on a loaded machine is what the tail of a turn's latency is made of. Here a
    write's checkout (Database._pooled_write) sends its transaction's BEGIN instead, which fails on a dead
    connection just as the ping does; any other checkout pings as SQLAlchemy does. A new connection is not pinged
    (as SQLAlchemy's pre-ping skips it). Raising InvalidatePoolError makes the pool replace this connection (and
    recycle the others opened before it), as a failed pre-ping does.
    """
    fresh = entry.info.pop(_FRESH, False)
    if _BEGIN_AT_CHECKOUT.get():
        try:
            await_(dbapi_connection._start_transaction())
        except (dialect.loaded_dbapi.Error, OSError) as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise InvalidatePoolError() from error
            raise
    elif not fresh and not dialect._do_ping_w_event(dbapi_connection):
        raise InvalidatePoolError()


async def _write_riders(session: AsyncSession, riders: Sequence[Rider]) -> bool:
    """The riders' writes in the session's transaction; if they fail, they alone are undone (a savepoint).

    They are its last statements (Database._carrying commits right after), so the commit releases the savepoint.
    """
    try:
        async with (await lean(session)).savepoint("riders", release=False):
            for rider in riders:
                await rider.write(session)
    except (DBAPIError, OSError) as error:  # theirs, not the transaction's: it goes on without them
        logging.getLogger("laporbot.db").warning("riders not written", extra={"error": type(error).__name__})
        return False
    return True


def after_commit(session: AsyncSession, callback: Callable[[], None]) -> None:
    """Call `callback` once, when the session's current transaction commits (not on a rollback)."""
    event.listen(session.sync_session, "after_commit", lambda _session: callback(), once=True)
