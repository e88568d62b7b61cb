"""Shared fixtures: a migrated database (SQLite by default, PostgreSQL when asked), clocks, the chat harness."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.clock import FixedClock
from models.db import Database, alembic_config
from tests.harness import ChatHarness

PG_URL = os.environ.get("LAPORBOT_TEST_DATABASE_URL", "")
REQUIRE_PG = os.environ.get("LAPORBOT_TEST_REQUIRE_POSTGRES", "") not in ("", "0")
TABLES = ("forwardjob", "opslease", "opsstate", "citizenguard", "erasure",
          "adminoutbox", "adminprompt", "admincard", "inforeply", "inforequest", "adminaudit", "admincase", "adminjob",
          "feedbackrequest", "caseevent", "surveyinvitation", "skmresponse", "skmimport",
          "channelsurveyresponse", "surveyresponse",
          "statuschange", "attachment", "outgoingmessage", "complaint", "conversation", "inboundmessage",
          "citizen", "agency")


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


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated template database: a SQLite file copied per test, or the PostgreSQL test database."""
    from alembic import command

    if PG_URL:
        if not _pg_reachable(PG_URL):
            if REQUIRE_PG:
                pytest.fail(f"PostgreSQL unreachable at {PG_URL} (LAPORBOT_TEST_REQUIRE_POSTGRES is set)")
            pytest.skip("PostgreSQL unreachable")
        import asyncio

        async def reset() -> None:
            db = Database(PG_URL)
            async with db.engine.begin() as conn:
                await conn.execute(text("DROP SCHEMA public CASCADE"))
                await conn.execute(text("CREATE SCHEMA public"))
            await db.close()

        asyncio.run(reset())
        command.upgrade(alembic_config(PG_URL), "head")
        return PG_URL
    template = tmp_path_factory.mktemp("db") / "template.db"
    url = f"sqlite+aiosqlite:///{template}"
    command.upgrade(alembic_config(url), "head")
    return url


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
