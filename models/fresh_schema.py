"""A new SQLite database's schema at the newest migration, written in one transaction from a shipped snapshot.

On a new file Alembic replays every migration (SQLite's batch table copies, ~0.6 s, after ~0.4 s of imports in
the migration child); the snapshot is the SQL SQLite keeps for that same schema, stamped with the head revision,
and is written in a few milliseconds. It is the approach of Alembic's cookbook ("Building an Up to Date Database
from Scratch") and of Rails' schema load. tests/models/test_fresh_schema.py compares it with a database Alembic
migrated (same tables, columns in order, constraints, indexes and rows: Alembic's batch copies order a table's
constraints differently from run to run, so the text is compared line by line, not as a whole); a snapshot that is
not at the head revision is never used (Alembic runs instead). PostgreSQL databases
are always migrated by Alembic. After adding a migration, write it again:

    .venv/bin/python -m models.fresh_schema        (--check: exit 1 when the shipped one is out of date)
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent / "migrations" / "fresh_sqlite.sql"
_STAMP = re.compile(r"""^INSERT INTO "alembic_version" VALUES\('([^']+)'\);$""", re.MULTILINE)
BUSY_SECONDS = 30.0  # another process holding the file's write lock (a backup, the CLI) is waited for this long


def statements(script: str) -> list[str]:
    """The script's statements, split where SQLite's own parser says one is complete (not at every ';')."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError("the schema snapshot ends inside a statement")
    return found


def snapshot_revision(script: str) -> str | None:
    """The migration revision the snapshot stamps, or None when it stamps none or several."""
    stamps = _STAMP.findall(script)
    return stamps[0] if len(stamps) == 1 else None


def dump(path: Path) -> str:
    """A database's schema and rows as SQL (sqlite3's iterdump), without its BEGIN/COMMIT."""
    conn = sqlite3.connect(path)
    try:
        lines = [line for line in conn.iterdump() if line not in ("BEGIN TRANSACTION;", "COMMIT;")]
    finally:
        conn.close()
    return "\n".join(lines) + "\n"


def fingerprint(script: str) -> list[tuple[str, ...]]:
    """What a schema script means, whatever the order of a table's column and constraint lines: each statement's
    first line, then its other lines (trailing commas dropped) sorted; and the order of the columns."""
    meaning: list[tuple[str, ...]] = []
    for statement in statements(script):
        first, *rest = statement.splitlines()
        lines = sorted(line.strip().rstrip(",").strip() for line in rest)
        columns = tuple(line.split()[0] for line in rest if line.startswith("\t") and not line.strip().startswith(
            ("PRIMARY KEY", "UNIQUE", "FOREIGN KEY", "CHECK", "CONSTRAINT")))
        meaning.append((first.strip(), *lines, "columns:", *columns))
    return sorted(meaning)


def create(path: Path, head: str | None, snapshot: Path = SNAPSHOT) -> str | None:
    """Write the snapshot into a database file without tables; the revision it stamped, or None when it does not
    apply (no snapshot shipped, not at `head`, or the file has tables already) and Alembic must migrate."""
    try:
        script = snapshot.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    revision = snapshot_revision(script)
    if head is None or revision != head:
        return None
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
    try:
        conn.execute("BEGIN IMMEDIATE")  # the write lock first: a second process waits, then finds the tables
        if conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None:
            conn.execute("ROLLBACK")
            return None
        for statement in statements(script):
            conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return revision


def migrated_by_alembic() -> str:
    """The dump of a new database Alembic brought to the head revision."""
    import tempfile

    from alembic import command

    from models.migrate import alembic_config

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fresh.db"
        command.upgrade(alembic_config(f"sqlite+aiosqlite:///{path}"), "head")
        return dump(path)


def main(argv: list[str] | None = None) -> int:
    """Write the snapshot from a database Alembic migrated (or, with --check, compare them)."""
    parser = argparse.ArgumentParser(description=__doc__ and __doc__.splitlines()[0])  # None at -OO
    parser.add_argument("--check", action="store_true", help="exit 1 when the shipped snapshot is out of date")
    args = parser.parse_args(argv)
    wanted = migrated_by_alembic()
    if args.check:
        current = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
        same = fingerprint(current) == fingerprint(wanted)
        print("up to date" if same else "out of date: run python -m models.fresh_schema")
        return 0 if same else 1
    SNAPSHOT.write_text(wanted, encoding="utf-8")
    print(f"wrote {SNAPSHOT} at {snapshot_revision(wanted)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
