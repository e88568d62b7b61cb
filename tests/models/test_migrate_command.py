"""`laporbot migrate` says what it did; replicas starting together on a fresh PostgreSQL database migrate once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

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
@pytest.mark.parametrize("apart", [False, True], ids=["here", "apart"])
async def test_replicas_on_a_fresh_postgresql_database_migrate_once(apart: bool) -> None:
    """Three migrate() calls at once on a new database: one creates the schema, the others find it current.

    Apart, each starts a child process; the children take the lock in turn, and the later ones find nothing to do
    (two running the migrations at once would fail on tables that already exist)."""
    name = throwaway_name("test_migrate")
    await asyncio.to_thread(pg_admin, PG_URL, f'CREATE DATABASE "{name}"')
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    databases = [Database(url) for _ in range(3)]
    try:
        done = await asyncio.gather(*(d.migrate(apart=apart) for d in databases))
        if apart:  # each looked before any child had migrated
            assert done == [Migrated(None, HEAD)] * 3
        else:
            assert sorted(done, key=lambda m: m.before or "") == [
                Migrated(None, HEAD), Migrated(HEAD, HEAD), Migrated(HEAD, HEAD)]
        assert all([await d.is_current() for d in databases])
    finally:
        for d in databases:
            await d.close()
        await asyncio.to_thread(pg_admin, PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ---- 0013_incident_precision: the complaint keeps how honestly its date was said ----------------------------

BEFORE_PRECISION = "0013_incident_precision"
DATE_COLUMNS = ("incident_date_precision", "incident_time", "incident_part")


async def _complaint_columns(url: str) -> tuple[set[str], list[tuple[Any, ...]]]:
    """The complaint table's column names and its rows (tracking number, date and, when present, the new columns)."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            names = set(await conn.run_sync(lambda c: {col["name"] for col in inspect(c).get_columns("complaint")}))
            wanted = ["tracking_no", "incident_date", *[c for c in DATE_COLUMNS if c in names]]
            rows = (await conn.execute(text(f"SELECT {', '.join(wanted)} FROM complaint ORDER BY id"))).all()
        return names, [(r[0], str(r[1]), *r[2:]) for r in rows]  # SQLite hands the date back as text
    finally:
        await engine.dispose()


async def _insert(url: str, tracking_no: str, extra: dict[str, Any]) -> None:
    """A citizen (once) and a complaint dated 2024-05-01, with the given extra columns."""
    engine = create_async_engine(url)
    now = datetime(2026, 12, 4, tzinfo=UTC)
    try:
        async with engine.begin() as conn:
            if not (await conn.execute(text("SELECT count(*) FROM citizen"))).scalar():
                await conn.execute(text("INSERT INTO citizen (id, channel, channel_user_id, created_at, simple_mode) "
                                        "VALUES (1, 'terminal', 'ani', :now, false)"), {"now": now})
            values = {"tracking_no": tracking_no, "citizen_id": 1, "channel": "terminal",
                      "classification": "pengaduan", "title": "Jalan rusak", "body": "Jalan rusak",
                      "incident_date": date(2024, 5, 1), "is_anonymous": False, "is_secret": False,
                      "contact_consent": False, "locale": "id", "status": "submitted", "created_at": now,
                      "updated_at": now, **extra}
            await conn.execute(text(f"INSERT INTO complaint ({', '.join(values)}) "
                                    f"VALUES ({', '.join(':' + k for k in values)})"), values)
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each dialect (PostgreSQL only when LAPORBOT_TEST_DATABASE_URL names one)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'precision.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL: set LAPORBOT_TEST_DATABASE_URL (the PostgreSQL pass runs this)")
    name = throwaway_name("test_precision")
    pg_admin(PG_URL, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        pg_admin(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_incident_precision_migrates_up_and_down(fresh_url: str) -> None:
    """0013 adds three nullable columns (old complaints keep NULL: never qualified), and goes back down cleanly."""
    config = alembic_config(fresh_url)
    before = ScriptDirectory.from_config(config).get_revision(BEFORE_PRECISION).down_revision
    assert before == "0012_voice_evidence"
    command.upgrade(config, str(before))
    asyncio.run(_insert(fresh_url, "LPR-OLD", {}))
    names, _ = asyncio.run(_complaint_columns(fresh_url))
    assert not names & set(DATE_COLUMNS)

    command.upgrade(config, "head")
    asyncio.run(_insert(fresh_url, "LPR-NEW", {"incident_date_precision": "month", "incident_time": None,
                                               "incident_part": "afternoon"}))
    names, rows = asyncio.run(_complaint_columns(fresh_url))
    assert set(DATE_COLUMNS) <= names
    assert rows == [("LPR-OLD", "2024-05-01", None, None, None), ("LPR-NEW", "2024-05-01", "month", None, "afternoon")]

    command.downgrade(config, str(before))
    names, rows = asyncio.run(_complaint_columns(fresh_url))
    assert not names & set(DATE_COLUMNS)
    assert rows == [("LPR-OLD", "2024-05-01"), ("LPR-NEW", "2024-05-01")]
    command.upgrade(config, "head")
    assert set(DATE_COLUMNS) <= asyncio.run(_complaint_columns(fresh_url))[0]


# ---- 0014_lean_indexes: partial pending indexes, no citizen_id index of its own on the inbound log -------------

LEAN_INDEXES = "0014_lean_indexes"


async def _indexes(url: str) -> dict[str, tuple[list[str], bool]]:
    """The inbound and outgoing logs' indexes: their columns, and whether they are partial (a WHERE)."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            found = {}
            for table in ("inboundmessage", "outgoingmessage"):
                for ix in await conn.run_sync(lambda c, t=table: inspect(c).get_indexes(t)):
                    where = ix.get("dialect_options", {})
                    found[ix["name"]] = (list(ix["column_names"]),
                                         bool(where.get("sqlite_where") is not None
                                              or where.get("postgresql_where") is not None))
        return found
    finally:
        await engine.dispose()


def test_lean_indexes_migrate_up_and_down(fresh_url: str) -> None:
    """0014 makes the pending indexes partial and drops the citizen_id index; down puts them back as they were."""
    config = alembic_config(fresh_url)
    before = ScriptDirectory.from_config(config).get_revision(LEAN_INDEXES).down_revision
    assert before == "0013_incident_precision"
    command.upgrade(config, str(before))
    old = asyncio.run(_indexes(fresh_url))
    assert old["ix_inbound_pending"] == (["status", "id"], False)
    assert old["ix_outgoing_pending"] == (["status", "channel", "id"], False)
    assert old["ix_inboundmessage_citizen_id"] == (["citizen_id"], False)

    command.upgrade(config, LEAN_INDEXES)
    new = asyncio.run(_indexes(fresh_url))
    assert new["ix_inbound_pending"] == (["status", "id"], True)
    assert new["ix_outgoing_pending"] == (["status", "channel", "id"], True)
    assert "ix_inboundmessage_citizen_id" not in new
    assert new["ix_inbound_citizen_received"] == (["citizen_id", "received_at"], False)  # serves citizen_id alone
    assert set(new) == set(old) - {"ix_inboundmessage_citizen_id"}

    command.downgrade(config, str(before))
    assert asyncio.run(_indexes(fresh_url)) == old
    command.upgrade(config, LEAN_INDEXES)
    assert asyncio.run(_indexes(fresh_url)) == new


# ---- 0015_outgoing_inbound_index: the outbox's inbound_id index goes ----------------------------------------

OUTGOING_INBOUND = "0015_outgoing_inbound_index"


def test_the_outbox_inbound_id_index_goes_and_comes_back_down(fresh_url: str) -> None:
    """0015 drops ix_outgoingmessage_inbound_id (a page of every commit that queued a reply) and nothing else; down
    puts it back."""
    config = alembic_config(fresh_url)
    assert ScriptDirectory.from_config(config).get_revision(OUTGOING_INBOUND).down_revision == LEAN_INDEXES
    command.upgrade(config, LEAN_INDEXES)
    old = asyncio.run(_indexes(fresh_url))
    assert old["ix_outgoingmessage_inbound_id"] == (["inbound_id"], False)

    command.upgrade(config, OUTGOING_INBOUND)
    new = asyncio.run(_indexes(fresh_url))
    assert set(new) == set(old) - {"ix_outgoingmessage_inbound_id"}
    assert new["ix_outgoingmessage_citizen_id"] == (["citizen_id"], False)

    command.downgrade(config, LEAN_INDEXES)
    assert asyncio.run(_indexes(fresh_url)) == old
    command.upgrade(config, "head")
    assert asyncio.run(_indexes(fresh_url)) == new
