"""`laporbot export` / `laporbot import`: the whole database as one JSON-lines file, SQLite and PostgreSQL alike.

The file starts with a header (format, schema revision, row count per table), then one line per row,
table by table in foreign-key order, read in one transaction so the copy is consistent while the bot
runs. Import goes into a migrated, empty database of the same schema revision (or, with replace, one
whose rows are deleted first), in batches, then moves PostgreSQL's id sequences past the imported ids.
A name ending in .gz is compressed.
"""

from __future__ import annotations

import base64
import gzip
import importlib
import io
import json
import pkgutil
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Date, DateTime, Integer, LargeBinary, Table, delete, func, insert, inspect, select, text
from sqlmodel import SQLModel

from models.db import Database

FORMAT = "laporbot-backup"
VERSION = 1
BATCH = 1000


class BackupError(Exception):
    """A backup that cannot be written or read into this database, with the reason for the operator."""


def tables() -> list[Table]:
    """Every table the application defines, parents before children."""
    import models

    for module in pkgutil.iter_modules(models.__path__):
        if module.name not in ("migrations",):
            importlib.import_module(f"models.{module.name}")
    return list(SQLModel.metadata.sorted_tables)


class Progress:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, label: str, total: int, stream: IO[str] | None = None, width: int = 30) -> None:
        self.label = label
        self.total = max(total, 0)
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self._drawn = 0.0

    def advance(self, count: int, table: str = "") -> None:
        """Count rows done and redraw if it is time."""
        self.done += count
        if time.monotonic() - self._drawn >= 0.1 or self.done >= self.total:
            self._draw(table)

    def _draw(self, table: str) -> None:
        share = self.done / self.total if self.total else 1.0
        filled = int(self.width * min(share, 1.0))
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {share:4.0%} {self.done:,}/{self.total:,} rows {table:<24}")
        self.stream.flush()
        self._drawn = time.monotonic()

    def close(self) -> None:
        """Draw the final state and end the line."""
        self._draw("")
        self.stream.write("\n")
        self.stream.flush()


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _decoder(column: Any) -> Callable[[Any], Any] | None:
    kind = getattr(column.type, "impl", column.type)
    if isinstance(kind, DateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, LargeBinary):
        return base64.b64decode
    return None


def _open(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, mode + "b"), encoding="utf-8")  # type: ignore[arg-type]
    return path.open(mode, encoding="utf-8")


async def _revision(conn: Any) -> str | None:
    return await conn.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())  # type: ignore[no-any-return]


async def _present(conn: Any) -> set[str]:
    return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def export(db: Database, path: Path, *, progress: bool = True) -> dict[str, int]:
    """Write every row to `path`; returns the row count per table."""
    async with db.engine.connect() as conn:
        if db.engine.dialect.name == "postgresql":
            await conn.execution_options(isolation_level="REPEATABLE READ")  # one consistent snapshot
        async with conn.begin():
            revision = await _revision(conn)
            if revision is None:
                raise BackupError("the database has no schema yet (run `laporbot migrate`)")
            present = await _present(conn)
            chosen = [t for t in tables() if t.name in present]
            counts = {t.name: int((await conn.execute(select(func.count()).select_from(t))).scalar_one())
                      for t in chosen}
            bar = Progress("export", sum(counts.values())) if progress else None
            with _open(path, "w") as out:
                out.write(json.dumps({"format": FORMAT, "version": VERSION, "revision": revision,
                                      "dialect": db.engine.dialect.name, "created_at": datetime.now(UTC).isoformat(),
                                      "tables": counts}) + "\n")
                for table in chosen:
                    order = list(table.primary_key.columns) or list(table.columns)[:1]
                    result = await conn.stream(select(table).order_by(*order))
                    async for rows in result.partitions(BATCH):
                        for row in rows:
                            data = {k: _encode(v) for k, v in row._mapping.items()}
                            out.write(json.dumps({"t": table.name, "r": data}, ensure_ascii=False) + "\n")
                        if bar:
                            bar.advance(len(rows), table.name)
            if bar:
                bar.close()
    return counts


def _lines(path: Path) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    handle = _open(path, "r")
    try:
        header = json.loads(handle.readline() or "{}")
    except json.JSONDecodeError as error:
        handle.close()
        raise BackupError(f"{path}: not a laporbot backup ({error})") from error
    if header.get("format") != FORMAT:
        handle.close()
        raise BackupError(f"{path}: not a laporbot backup")
    if header.get("version") != VERSION:
        handle.close()
        raise BackupError(f"{path}: backup format version {header.get('version')}, this laporbot reads {VERSION}")

    def rows() -> Iterator[dict[str, Any]]:
        with handle:
            for number, line in enumerate(handle, start=2):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as error:
                        raise BackupError(f"{path}:{number}: damaged line ({error.msg})") from error

    return header, rows()


async def import_(db: Database, path: Path, *, replace: bool = False, progress: bool = True) -> dict[str, int]:
    """Load a backup into this (migrated) database; returns the rows inserted per table."""
    header, rows = _lines(path)
    known = {t.name: t for t in tables()}
    async with db.engine.connect() as conn, conn.begin():
        revision = await _revision(conn)
        if revision != header.get("revision"):
            raise BackupError(f"the backup is at schema revision {header.get('revision')}, this database at "
                              f"{revision}: bring both to the same version (`laporbot migrate`) first")
        present = await _present(conn)
        missing = sorted(set(header.get("tables", {})) - present - {"alembic_version"})
        if missing:
            raise BackupError(f"tables in the backup that this database lacks: {', '.join(missing)}")
        order = [t for t in known.values() if t.name in present]
        if replace:
            for table in reversed(order):
                await conn.execute(delete(table))
        else:
            filled = [t.name for t in order
                      if (await conn.execute(select(func.count()).select_from(t))).scalar_one()]
            if filled:
                raise BackupError(f"the database is not empty ({', '.join(filled[:5])}…): import into a new "
                                  "database, or pass --replace to delete what is there")
        counts: dict[str, int] = {}
        bar = Progress("import", sum(int(n) for n in header.get("tables", {}).values())) if progress else None
        batch: list[dict[str, Any]] = []
        current: str | None = None
        decoders: dict[str, Callable[[Any], Any]] = {}

        async def flush() -> None:
            if batch and current is not None:
                await conn.execute(insert(known[current]), batch)
                counts[current] = counts.get(current, 0) + len(batch)
                if bar:
                    bar.advance(len(batch), current)
                batch.clear()

        for item in rows:
            name = item.get("t")
            if name not in known:
                raise BackupError(f"unknown table {name!r} in the backup")
            if name != current:
                await flush()
                current = name
                columns = known[name].columns
                decoders = {c.name: d for c in columns if (d := _decoder(c)) is not None}
            row = item["r"]
            for key, decode in decoders.items():
                if row.get(key) is not None:
                    row[key] = decode(row[key])
            batch.append(row)
            if len(batch) >= BATCH:
                await flush()
        await flush()
        if db.engine.dialect.name == "postgresql":
            for table in order:
                key = list(table.primary_key.columns)
                if len(key) == 1 and isinstance(key[0].type, Integer) and key[0].autoincrement in (True, "auto"):
                    # Ids came from the backup: the sequence must continue after the largest one.
                    await conn.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{key[0].name}'), "
                        f"COALESCE(MAX(\"{key[0].name}\"), 1), MAX(\"{key[0].name}\") IS NOT NULL) "
                        f"FROM \"{table.name}\""))
        if bar:
            bar.close()
        expected = {k: int(v) for k, v in header.get("tables", {}).items() if int(v)}
        if {k: v for k, v in counts.items() if v} != expected:  # raised inside: nothing is committed
            raise BackupError(f"the backup is incomplete: header says {expected}, found {counts}")
    return counts
