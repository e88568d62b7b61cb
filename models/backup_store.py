"""Export and import at the table level: a consistent read of every table, and batched loading into an empty one."""

from __future__ import annotations

import base64
import importlib
import pkgutil
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Date, DateTime, Integer, LargeBinary, Table, delete, func, insert, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from models.db import Database

BATCH = 1000


def tables() -> list[Table]:
    """Every table the application defines, parents before children."""
    import models

    for module in pkgutil.iter_modules(models.__path__):
        if module.name not in ("migrations",):
            importlib.import_module(f"models.{module.name}")
    return list(SQLModel.metadata.sorted_tables)


def _decoder(column: Any) -> Callable[[Any], Any] | None:
    kind = getattr(column.type, "impl", column.type)
    if isinstance(kind, DateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, LargeBinary):
        return base64.b64decode
    return None


async def _revision(conn: AsyncConnection) -> str | None:
    return await conn.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())


async def _present(conn: AsyncConnection) -> set[str]:
    return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def _count(conn: AsyncConnection, table: Table) -> int:
    return int((await conn.execute(select(func.count()).select_from(table))).scalar_one())


class Snapshot:
    """One read transaction over the whole database (REPEATABLE READ on PostgreSQL)."""

    def __init__(self, conn: AsyncConnection, revision: str | None, chosen: list[Table]) -> None:
        self._conn = conn
        self.revision = revision
        self._chosen = {t.name: t for t in chosen}

    @property
    def names(self) -> list[str]:
        """The tables present, parents before children."""
        return list(self._chosen)

    async def counts(self) -> dict[str, int]:
        """Rows per present table, in export order."""
        return {name: await _count(self._conn, table) for name, table in self._chosen.items()}

    async def rows(self, name: str) -> AsyncIterator[list[dict[str, Any]]]:
        """The table's rows as column→value dicts, in primary-key order, a batch at a time."""
        table = self._chosen[name]
        order = list(table.primary_key.columns) or list(table.columns)[:1]
        result = await self._conn.stream(select(table).order_by(*order))
        async for batch in result.partitions(BATCH):
            yield [dict(row._mapping) for row in batch]


@asynccontextmanager
async def snapshot(db: Database) -> AsyncIterator[Snapshot]:
    """A consistent read of every table while the bot runs."""
    async with db.engine.connect() as conn:
        if db.engine.dialect.name == "postgresql":
            await conn.execution_options(isolation_level="REPEATABLE READ")  # one consistent snapshot
        async with conn.begin():
            revision = await _revision(conn)
            present = await _present(conn) if revision is not None else set()
            yield Snapshot(conn, revision, [t for t in tables() if t.name in present])


class Loader:
    """One write transaction that fills the tables; an exception inside `loader()` commits nothing."""

    def __init__(self, conn: AsyncConnection, dialect: str, revision: str | None, present: set[str]) -> None:
        self._conn = conn
        self._dialect = dialect
        self.revision = revision
        self.present = present
        self._known = {t.name: t for t in tables()}
        self._order = [t for t in self._known.values() if t.name in present]

    def knows(self, name: object) -> bool:
        """Whether the application defines a table of this name."""
        return isinstance(name, str) and name in self._known

    async def clear(self) -> None:
        """Delete every row, children before parents."""
        for table in reversed(self._order):
            await self._conn.execute(delete(table))

    async def filled(self) -> list[str]:
        """The present tables that hold rows."""
        return [t.name for t in self._order if await _count(self._conn, t)]

    def decoders(self, name: str) -> dict[str, Callable[[Any], Any]]:
        """Per column of the table, how to turn its exported JSON value back into a value (dates, bytes)."""
        return {c.name: d for c in self._known[name].columns if (d := _decoder(c)) is not None}

    async def insert(self, name: str, batch: list[dict[str, Any]]) -> None:
        """Insert the rows into the table."""
        await self._conn.execute(insert(self._known[name]), batch)

    async def continue_sequences(self) -> None:
        """PostgreSQL: move each id sequence past the largest imported id (SQLite needs nothing)."""
        if self._dialect != "postgresql":
            return
        for table in self._order:
            key = list(table.primary_key.columns)
            if len(key) == 1 and isinstance(key[0].type, Integer) and key[0].autoincrement in (True, "auto"):
                # Ids came from the backup: the sequence must continue after the largest one.
                await self._conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{key[0].name}'), "
                    f"COALESCE(MAX(\"{key[0].name}\"), 1), MAX(\"{key[0].name}\") IS NOT NULL) "
                    f"FROM \"{table.name}\""))


@asynccontextmanager
async def loader(db: Database) -> AsyncIterator[Loader]:
    """One transaction to load a backup in; committed when the block ends without an exception."""
    async with db.engine.connect() as conn, conn.begin():
        yield Loader(conn, db.engine.dialect.name, await _revision(conn), await _present(conn))
