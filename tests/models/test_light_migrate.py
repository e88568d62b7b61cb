"""A process whose schema is current starts without Alembic: the head and the stamp are read without it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from models.db import Database, Migrated, PendingMigration, alembic_config, head_revision

ROOT = Path(__file__).resolve().parents[2]
MIGRATE_AND_REPORT = """
import asyncio, sys
from models.db import Database
async def main():
    db = Database(sys.argv[1])
    done = await db.migrate(apart=sys.argv[2] == "apart")
    print(done.before, done.after, await db.is_current(), "alembic" in sys.modules)
    await db.close()
asyncio.run(main())
"""


def test_the_head_read_from_the_files_is_alembics() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def _migrate_in_a_new_process(url: str, how: str = "here", cwd: Path = ROOT) -> list[str]:
    out = subprocess.run([sys.executable, "-c", MIGRATE_AND_REPORT, url, how], cwd=cwd, capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return out.stdout.split()


def test_alembic_runs_only_when_there_is_something_to_migrate(tmp_path: Path) -> None:
    """One behind is migrated by Alembic; a current one, and a new SQLite file (the schema snapshot), without it."""
    head = head_revision()
    url = f"sqlite+aiosqlite:///{tmp_path / 'new.db'}"
    assert _migrate_in_a_new_process(url) == ["None", head, "True", "False"]
    assert _migrate_in_a_new_process(url) == [head, head, "True", "False"]
    old = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(old), "0004_whatsapp")
    assert _migrate_in_a_new_process(old) == ["0004_whatsapp", head, "True", "True"]


async def test_a_database_behind_is_not_current(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0012_voice_evidence")
    db, empty = Database(url), Database(f"sqlite+aiosqlite:///{tmp_path / 'none.db'}")
    try:
        assert await db.current_revision() == "0012_voice_evidence"
        assert not await db.is_current()
        assert await empty.current_revision() is None
    finally:
        await db.close()
        await empty.close()


def test_migrated_apart_the_process_never_loads_alembic(tmp_path: Path) -> None:
    """`laporbot run` migrates in a child process: a new database and one behind end current, Alembic stays out."""
    head = head_revision()
    url = f"sqlite+aiosqlite:///{tmp_path / 'new.db'}"
    assert _migrate_in_a_new_process(url, "apart") == ["None", head, "True", "False"]
    assert _migrate_in_a_new_process(url, "apart") == [head, head, "True", "False"]
    old = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(old), "0004_whatsapp")
    assert _migrate_in_a_new_process(old, "apart") == ["0004_whatsapp", head, "True", "False"]


def test_the_child_migrates_the_file_a_relative_path_names_from_our_working_directory(tmp_path: Path) -> None:
    command.upgrade(alembic_config(f"sqlite+aiosqlite:///{tmp_path / 'relative.db'}"), "0004_whatsapp")
    assert _migrate_in_a_new_process("sqlite+aiosqlite:///relative.db", "apart", cwd=tmp_path) == [
        "0004_whatsapp", head_revision(), "True", "False"]
    assert _migrate_in_a_new_process("sqlite+aiosqlite:///new.db", "apart", cwd=tmp_path) == [
        "None", head_revision(), "True", "False"]  # the snapshot, written to the same file
    with sqlite3.connect(tmp_path / "new.db") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]


async def test_a_failed_migration_apart_stops_the_start(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """A stamp Alembic cannot place: the child fails, and so does migrate(), pointing at the child's error."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'odd.db'}"
    command.upgrade(alembic_config(url), "0004_whatsapp")
    with sqlite3.connect(tmp_path / "odd.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'no_such_revision'")
    db = Database(url)
    try:
        with pytest.raises(RuntimeError, match="migration failed"):
            await db.migrate(apart=True)
        assert await db.current_revision() == "no_such_revision"
    finally:
        await db.close()
    assert "no_such_revision" in capfd.readouterr().err



async def test_a_migration_started_early_is_waited_for_and_none_is_started_on_a_current_schema(
        tmp_path: Path) -> None:
    """`laporbot run` starts the child before importing the server, and build_core waits for it."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'early.db'}"
    command.upgrade(alembic_config(url), "0004_whatsapp")
    db = Database(url)
    try:
        pending = await db.start_migration()
        assert pending.before == "0004_whatsapp" and pending.child is not None
        assert await db.migrate(started=pending) == Migrated("0004_whatsapp", head_revision())
        current = await db.start_migration()
        assert current == PendingMigration(head_revision(), None)
        assert await db.migrate(started=current) == Migrated(head_revision(), head_revision())
    finally:
        await db.close()
