"""Shared fixtures: a migrated database (SQLite by default, PostgreSQL when asked), clocks, the chat harness."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.core.clock import FixedClock
from models.db import Database, alembic_config
from tests.harness import ChatHarness

PG_URL = os.environ.get("LAPORBOT_TEST_DATABASE_URL", "")
REQUIRE_PG = os.environ.get("LAPORBOT_TEST_REQUIRE_POSTGRES", "") not in ("", "0")
TABLES = ("voicejob", "voiceclip", "voiceupload", "voicemode",  # voice (bot/voice/)
          "forwardjob", "opslease", "opsstate", "citizenguard", "erasure",
          "adminoutbox", "adminprompt", "admincard", "inforeply", "inforequest", "adminaudit", "admincase", "adminjob",
          "feedbackrequest", "caseevent", "surveyinvitation", "skmresponse", "skmimport",
          "channelsurveyresponse", "surveyresponse",
          "statuschange", "attachment", "outgoingmessage", "complaint", "conversation", "inboundmessage",
          "citizen", "agency")


# In CI (the CI variable set) every run tries the same examples, and a failure prints the blob that replays it
# (@reproduce_failure); elsewhere examples stay random.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    """--update-transcripts rewrites the expected bot lines of tests/transcripts/*.chat."""
    parser.addoption("--update-transcripts", action="store_true", default=False)


def _pg_reachable(url: str) -> bool:
    import asyncio

    async def probe() -> bool:
        db = Database(url)
        try:
            async with db.engine.connect() as conn:
                await conn.execute(text("select 1"))
            return True
        except OSError:
            return False
        finally:
            await db.close()

    return asyncio.run(probe())


def refuse_non_test_database(url: str) -> str | None:
    """Why a database URL must not be used by the tests (its name lacks "test"), or None."""
    name = make_url(url).database or ""
    if "test" in name.lower():
        return None
    return (f"LAPORBOT_TEST_DATABASE_URL names database {name!r}: the tests only run against a database whose "
            "name contains 'test'")


def throwaway_name(base: str) -> str:
    """A database name for this run only: two runs at once never share (nor wipe) one."""
    return f"{base}_{os.getpid()}_{secrets.token_hex(3)}"[:63]  # PostgreSQL's identifier limit


def pg_admin(url: str, statement: str) -> None:
    """One statement on the named database's server, outside a transaction (CREATE/DROP DATABASE)."""
    import asyncio

    import asyncpg

    parsed = make_url(url)

    async def run() -> None:
        conn = await asyncpg.connect(host=parsed.host, port=parsed.port or 5432, user=parsed.username,
                                     password=parsed.password, database=parsed.database)
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(run())


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated template database: a SQLite file copied per test, or a throw-away PostgreSQL database.

    LAPORBOT_TEST_DATABASE_URL only names the server and a test database to connect through: this run
    creates `<name>_<pid>_<random>` beside it, migrates and uses that, and drops it at the end. The named
    database itself is never changed, and a name without "test" is refused.
    """
    from alembic import command

    if PG_URL:
        base = make_url(PG_URL)
        if (refused := refuse_non_test_database(PG_URL)) is not None:
            pytest.fail(refused)
        if not _pg_reachable(PG_URL):
            if REQUIRE_PG:
                pytest.fail(f"PostgreSQL unreachable at {base.render_as_string()} "
                            "(LAPORBOT_TEST_REQUIRE_POSTGRES is set)")
            pytest.skip("PostgreSQL unreachable")
        name = throwaway_name(str(base.database))
        pg_admin(PG_URL, f'CREATE DATABASE "{name}"')
        url = base.set(database=name).render_as_string(hide_password=False)
        try:
            command.upgrade(alembic_config(url), "head")
            yield url
        finally:
            pg_admin(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    template = tmp_path_factory.mktemp("db") / "template.db"
    url = f"sqlite+aiosqlite:///{template}"
    command.upgrade(alembic_config(url), "head")
    yield url


@pytest.fixture
async def db(database_url: str, tmp_path: Path) -> AsyncIterator[Database]:
    """A clean, migrated database for one test."""
    if database_url.startswith("postgresql"):
        database = Database(database_url)
        async with database.engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    else:
        source = Path(database_url.removeprefix("sqlite+aiosqlite:///"))
        target = tmp_path / "laporbot.db"
        shutil.copy(source, target)
        database = Database(f"sqlite+aiosqlite:///{target}")
    yield database
    await database.close()


@pytest.fixture
def clock() -> FixedClock:
    """A clock fixed at Thursday 20 August 2026, 09:00 WIB."""
    return FixedClock()


@pytest.fixture
def harness(db: Database, clock: FixedClock) -> ChatHarness:
    """The real engine, flows, catalogs and storage, driven like a channel."""
    return ChatHarness(db, clock)
