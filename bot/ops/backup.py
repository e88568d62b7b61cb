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
import io
import json
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from models.backup_store import BATCH, loader, snapshot, tables
from models.db import Database

__all__ = ["BackupError", "export", "import_", "tables"]

FORMAT = "laporbot-backup"
VERSION = 1


class BackupError(Exception):
    """A backup that cannot be written or read into this database, with the reason for the operator."""


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


def _open(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, mode + "b"), encoding="utf-8")  # type: ignore[arg-type]
    return path.open(mode, encoding="utf-8")


async def export(db: Database, path: Path, *, progress: bool = True) -> dict[str, int]:
    """Write every row to `path`; returns the row count per table."""
    async with snapshot(db) as snap:
        if snap.revision is None:
            raise BackupError("the database has no schema yet (run `laporbot migrate`)")
        counts = await snap.counts()
        bar = Progress("export", sum(counts.values())) if progress else None
        with _open(path, "w") as out:
            out.write(json.dumps({"format": FORMAT, "version": VERSION, "revision": snap.revision,
                                  "dialect": db.engine.dialect.name, "created_at": datetime.now(UTC).isoformat(),
                                  "tables": counts}) + "\n")
            for name in snap.names:
                async for rows in snap.rows(name):
                    for row in rows:
                        data = {k: _encode(v) for k, v in row.items()}
                        out.write(json.dumps({"t": name, "r": data}, ensure_ascii=False) + "\n")
                    if bar:
                        bar.advance(len(rows), name)
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
    async with loader(db) as load:
        if load.revision != header.get("revision"):
            raise BackupError(f"the backup is at schema revision {header.get('revision')}, this database at "
                              f"{load.revision}: bring both to the same version (`laporbot migrate`) first")
        missing = sorted(set(header.get("tables", {})) - load.present - {"alembic_version"})
        if missing:
            raise BackupError(f"tables in the backup that this database lacks: {', '.join(missing)}")
        if replace:
            await load.clear()
        else:
            filled = await load.filled()
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
                await load.insert(current, batch)
                counts[current] = counts.get(current, 0) + len(batch)
                if bar:
                    bar.advance(len(batch), current)
                batch.clear()

        for item in rows:
            name = item.get("t")
            if not load.knows(name):
                raise BackupError(f"unknown table {name!r} in the backup")
            if name != current:
                await flush()
                current = name
                decoders = load.decoders(name)
            row = item["r"]
            for key, decode in decoders.items():
                if row.get(key) is not None:
                    row[key] = decode(row[key])
            batch.append(row)
            if len(batch) >= BATCH:
                await flush()
        await flush()
        await load.continue_sequences()
        if bar:
            bar.close()
        expected = {k: int(v) for k, v in header.get("tables", {}).items() if int(v)}
        if {k: v for k, v in counts.items() if v} != expected:  # raised inside: nothing is committed
            raise BackupError(f"the backup is incomplete: header says {expected}, found {counts}")
    return counts
