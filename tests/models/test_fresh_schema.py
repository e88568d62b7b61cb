"""A new SQLite file gets the newest schema from the shipped snapshot: the schema Alembic's migrations make."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from models import fresh_schema
from models.db import Database, Migrated, PendingMigration, head_revision
from models.fresh_schema import SNAPSHOT, fingerprint, migrated_by_alembic, snapshot_revision, statements


def test_the_shipped_snapshot_is_the_schema_the_migrations_make() -> None:
    """Fails when a migration was added (or changed) without `python -m models.fresh_schema` writing it again."""
    shipped = SNAPSHOT.read_text(encoding="utf-8")
    assert snapshot_revision(shipped) == head_revision()
    assert fingerprint(shipped) == fingerprint(migrated_by_alembic()), "run: python -m models.fresh_schema"


def test_the_fingerprint_ignores_the_order_of_constraints_but_not_a_column() -> None:
    table = "CREATE TABLE t (\n\tid INTEGER NOT NULL, \n\tname TEXT, \n\tPRIMARY KEY (id), \n\tUNIQUE (name)\n);\n"
    swapped = table.replace("PRIMARY KEY (id), \n\tUNIQUE (name)", "UNIQUE (name), \n\tPRIMARY KEY (id)")
    assert fingerprint(swapped) == fingerprint(table)
    assert fingerprint(table.replace("name TEXT", "name TEXT NOT NULL")) != fingerprint(table)
    assert fingerprint(table.replace("\tid INTEGER NOT NULL, \n\tname TEXT",
                                     "\tname TEXT, \n\tid INTEGER NOT NULL")) != fingerprint(table)


def test_statements_split_where_sqlite_says_a_statement_ends() -> None:
    script = "CREATE TABLE t (a TEXT DEFAULT 'x;\ny');\nINSERT INTO t VALUES('a;b');\n"
    assert statements(script) == ["CREATE TABLE t (a TEXT DEFAULT 'x;\ny');", "INSERT INTO t VALUES('a;b');"]
    with pytest.raises(ValueError):
        statements("CREATE TABLE t (a TEXT")


async def test_a_new_file_takes_the_snapshot_without_a_child_and_ends_as_alembic_would_leave_it(
        tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'new.db'}")
    try:
        pending = await db.start_migration()
        assert pending == PendingMigration(None, None, head_revision())
        assert await db.migrate(started=pending) == Migrated(None, head_revision())
        assert await db.is_current()
    finally:
        await db.close()
    assert fingerprint(fresh_schema.dump(tmp_path / "new.db")) == fingerprint(migrated_by_alembic())


def test_a_snapshot_not_at_the_head_or_a_file_with_tables_is_left_to_alembic(tmp_path: Path) -> None:
    old = tmp_path / "old.sql"
    old.write_text(SNAPSHOT.read_text(encoding="utf-8").replace(head_revision() or "?", "0012_voice_evidence"))
    assert fresh_schema.create(tmp_path / "a.db", head_revision(), snapshot=old) is None
    assert fresh_schema.create(tmp_path / "a.db", head_revision(), snapshot=tmp_path / "none.sql") is None
    with sqlite3.connect(tmp_path / "b.db") as conn:
        conn.execute("CREATE TABLE mine (id INTEGER)")
    assert fresh_schema.create(tmp_path / "b.db", head_revision()) is None
    with sqlite3.connect(tmp_path / "b.db") as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("mine",)]


def test_a_failing_statement_leaves_the_file_empty(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sql"
    broken.write_text(SNAPSHOT.read_text(encoding="utf-8") + "CREATE INDEX ix_nothing ON no_such_table (x);\n")
    with pytest.raises(sqlite3.OperationalError):
        fresh_schema.create(tmp_path / "c.db", head_revision(), snapshot=broken)
    with sqlite3.connect(tmp_path / "c.db") as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)


def test_two_processes_on_one_new_file_write_the_schema_once(tmp_path: Path) -> None:
    """The write lock is taken before looking: the second waits, then finds the tables and leaves them."""
    path = tmp_path / "twice.db"
    results: list[str | None] = []
    start = threading.Barrier(2)

    def create() -> None:
        start.wait()
        results.append(fresh_schema.create(path, head_revision()))

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results, key=str) == [head_revision(), None]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
