"""Alembic's configuration for our migrations, and the child process that runs them for a server.

Run as a script (MigrationChild starts it), it brings the database whose URL comes on stdin to the newest migration
and exits, so Alembic, Mako and the migration scripts (~10 MB) never stay in a server's memory. The URL comes on
stdin, not in argv, where `ps` would show a password. On PostgreSQL it holds the advisory lock every migration
takes, so replicas starting together migrate once. This module imports nothing of ours: the child loads neither
our tables nor the rest of `models` (0.3 s), only what the migration scripts need.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_KEY = 0x4C50_524D  # "LPRM": the PostgreSQL advisory lock every migration takes


def alembic_config(url: str) -> Config:
    """Alembic configuration pointing at our migrations and the given database."""
    # Alembic (with Mako and Pygments: ~10 MB, 0.1 s) is imported only when a migration runs, not by a server
    # whose schema is current (models.db: head_revision, stamped_revision)
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class MigrationChild:
    """This file run as a script in a child process: started at once, waited for when the schema is needed."""

    def __init__(self, url: str) -> None:
        # by path (this checkout's, however the parent found it), without the models package; -P: nothing of the
        # working directory shadows a module, yet it stays the one a relative SQLite path is opened in
        self._child = subprocess.Popen([sys.executable, "-P", __file__], stdin=subprocess.PIPE)
        assert self._child.stdin is not None
        self._child.stdin.write(f"{url}\n".encode())
        self._child.stdin.close()

    async def wait(self) -> None:
        """Until the child is done; RuntimeError if it failed (its error is on our stderr, which it shares)."""
        status = await asyncio.to_thread(self._child.wait)
        if status != 0:
            raise RuntimeError(f"migration failed (models/migrate.py exited with {status}); see its error above")


async def _upgrade(url: str) -> None:
    """Alembic's upgrade to head, under the advisory lock on PostgreSQL."""
    from alembic import command
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    if url.startswith("sqlite"):  # one process per SQLite file; its own write lock serialises the DDL anyway
        await asyncio.to_thread(command.upgrade, alembic_config(url), "head")
        return
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            await conn.commit()  # a session lock outlives the transaction; no transaction stays open meanwhile
            try:  # a replica that migrated while we waited left Alembic nothing to do
                await asyncio.to_thread(command.upgrade, alembic_config(url), "head")
            finally:
                await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                await conn.commit()
    finally:
        await engine.dispose()


def main() -> int:
    """Upgrade to head; a failure is its traceback on stderr and exit status 1."""
    url = sys.stdin.readline().strip()
    if not url:
        print("models/migrate.py: no database URL on stdin", file=sys.stderr)
        return 2
    asyncio.run(_upgrade(url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
