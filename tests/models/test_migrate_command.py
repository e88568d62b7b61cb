"""`laporbot migrate` says what it did; replicas starting together on a fresh PostgreSQL database migrate once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from bot.cli import main
from models.db import Database, Migrated, alembic_config
from tests.conftest import PG_URL, pg_admin, throwaway_name

HEAD = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def test_migrate_says_created_upgraded_or_already(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A new file: created; again: already; a database at 0004: upgraded 0004 → head."""
    fresh = f"sqlite+aiosqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("DATABASE_URL", fresh)
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out.strip() == f"database: created schema at {HEAD}"
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out.strip() == f"database: already at {HEAD}"

    old = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(old), "0004_whatsapp")
    monkeypatch.setenv("DATABASE_URL", old)
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out.strip() == f"database: upgraded 0004_whatsapp → {HEAD}"


@pytest.mark.skipif(not PG_URL, reason="the advisory lock is PostgreSQL's (the PostgreSQL pass runs this)")
async def test_replicas_on_a_fresh_postgresql_database_migrate_once() -> None:
    """Three migrate() calls at once on a new database: one creates the schema, the others find it current."""
    name = throwaway_name("test_migrate")
    await asyncio.to_thread(pg_admin, PG_URL, f'CREATE DATABASE "{name}"')
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    databases = [Database(url) for _ in range(3)]
    try:
        done = await asyncio.gather(*(d.migrate() for d in databases))
        assert sorted(done, key=lambda m: m.before or "") == [
            Migrated(None, HEAD), Migrated(HEAD, HEAD), Migrated(HEAD, HEAD)]
        assert all([await d.is_current() for d in databases])
    finally:
        for d in databases:
            await d.close()
        await asyncio.to_thread(pg_admin, PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
