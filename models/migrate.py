"""Alembic's configuration for our migrations, and the child process that runs them for a server.

Run as a script (Database.migrate(apart=True) does), it brings the database whose URL comes on stdin to the
newest migration and exits, so Alembic, Mako and the migration scripts (~10 MB) never stay in a server's memory.
The URL comes on stdin, not in argv, where `ps` would show a password. This module imports nothing of ours: the
child loads neither our tables nor the rest of `models` (0.3 s), only what the migration scripts need.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """Alembic configuration pointing at our migrations and the given database."""
    # Alembic (with Mako and Pygments: ~10 MB, 0.1 s) is imported only when a migration runs, not by a server
    # whose schema is current (models.db: head_revision, stamped_revision)
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def main() -> int:
    """Upgrade to head; a failure is Alembic's traceback on stderr and exit status 1."""
    from alembic import command

    url = sys.stdin.readline().strip()
    if not url:
        print("models/migrate.py: no database URL on stdin", file=sys.stderr)
        return 2
    command.upgrade(alembic_config(url), "head")
    return 0


if __name__ == "__main__":
    sys.exit(main())
