"""A process whose schema is current starts without Alembic: the head and the stamp are read without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from models.db import Database, alembic_config, head_revision

ROOT = Path(__file__).resolve().parents[2]
MIGRATE_AND_REPORT = """
import asyncio, sys
from models.db import Database
async def main():
    db = Database(sys.argv[1])
    done = await db.migrate()
    print(done.before, done.after, await db.is_current(), "alembic" in sys.modules)
    await db.close()
asyncio.run(main())
"""


def test_the_head_read_from_the_files_is_alembics() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def _migrate_in_a_new_process(url: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", MIGRATE_AND_REPORT, url], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    return out.stdout.split()


def test_alembic_runs_only_when_there_is_something_to_migrate(tmp_path: Path) -> None:
    """A new database and one behind are migrated by Alembic; a current one is left alone without loading it."""
    head = head_revision()
    url = f"sqlite+aiosqlite:///{tmp_path / 'new.db'}"
    assert _migrate_in_a_new_process(url) == ["None", head, "True", "True"]
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
