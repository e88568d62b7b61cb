"""Operator commands: `laporbot config check`, `export`, `import`, `privacy cleanup|erase`."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.settings import ConfigError, Settings


def register(subparsers: Any) -> None:
    """Add the ops sub-commands (config is registered by bot/cli/__init__.py and answered by config_check)."""
    export = subparsers.add_parser("export", help="write the whole database to a backup file (JSON lines, .gz ok)")
    export.add_argument("path", type=Path)
    export.add_argument("--quiet", action="store_true", help="no progress bar")
    export.set_defaults(func=_export)
    load = subparsers.add_parser("import", help="load a backup file into this (new, migrated) database")
    load.add_argument("path", type=Path)
    load.add_argument("--replace", action="store_true", help="delete every row of this database first")
    load.add_argument("--quiet", action="store_true", help="no progress bar")
    load.set_defaults(func=_import)
    privacy = subparsers.add_parser("privacy", help="UU PDP: retention clean-up, erasing a citizen's data")
    actions = privacy.add_subparsers(dest="privacy_action", required=True)
    clean = actions.add_parser("cleanup", help="blank message text older than LAPORBOT_RETENTION_DAYS now")
    clean.add_argument("--days", type=int, default=None, help="override LAPORBOT_RETENTION_DAYS")
    erase = actions.add_parser("erase", help="erase one citizen's personal data (a written request)")
    erase.add_argument("identity", help="channel:user id, e.g. telegram:123456789 or whatsapp:6281234567890")
    privacy.set_defaults(func=_privacy)


def problems(env: Mapping[str, str]) -> list[str]:
    """Every problem of the settings, of every section (bot/sections.py), the core ones included."""
    from bot import sections
    return sections.problems(env)


def region_line(env: Mapping[str, str]) -> str:
    """Which code system LAPORBOT_REGION was read in, e.g. 'BPS 94 = Kemendagri 91 (Papua)'."""
    from bot.understanding.region_codes import RegionCodeError, parse_region_code

    typed = (env.get("LAPORBOT_REGION") or "").strip()
    if not typed:
        return "Region: LAPORBOT_REGION not set (no home region)"
    try:
        return f"Region: LAPORBOT_REGION={typed} read as {parse_region_code(typed).describe()}"
    except RegionCodeError as error:  # Settings.from_env reported it already
        return f"Region: {error}"


def report(lines: list[str]) -> int:
    """Print configuration problems, one per line; exit code 2."""
    print("Configuration problems:", file=sys.stderr)
    for line in lines:
        print(f"  - {line}", file=sys.stderr)
    return 2


def config_check(settings: Settings, env: Mapping[str, str] | None = None) -> int:
    """`laporbot config check`: every setting, then the database (reachable, migrations current)."""
    found = problems(env if env is not None else os.environ) + calendar_check(settings)
    found += _catalog_problems()  # --- packaging: an install without its words cannot answer anyone ---
    if found:
        return report(found)
    database = asyncio.run(_database_state(settings, _sqlite_missing(settings.database_url)))
    if database.startswith("problem: "):
        return report([database.removeprefix("problem: ")])
    print(f"OK: database {settings.database_url.split('://')[0]} ({database}), channels: "
          f"{', '.join(settings.channels) or 'none (terminal only)'}")
    print(region_line(env if env is not None else os.environ))
    return 0


def _catalog_problems() -> list[str]:
    """The gettext catalogs load, with the source locale (bot/core/i18n.py); one line if not."""
    from bot.core.i18n import Catalog, find_locales

    try:
        Catalog.load(find_locales())
    except Exception as error:
        return [f"locales: the message catalogs do not load ({type(error).__name__}: {str(error)[:160]})"]
    return []


def calendar_check(settings: Settings, today: date | None = None) -> list[str]:
    """Problems of the holiday variables; prints a warning when the coming 12 months are not fully known."""
    from bot.core.workdays import calendar_from_env, calendar_warnings, zone

    try:
        calendar = calendar_from_env(settings.extra)
    except ValueError as error:
        return [str(error)]
    # A warning, not a problem: the bot runs, but SLA deadlines may be a day off until it is fixed.
    for line in calendar_warnings(calendar, today or datetime.now(zone(settings.timezone)).date()):
        print(f"warning: {line}")
    return []


def _sqlite_missing(url: str) -> bool:
    from models.db import sqlite_file

    path = sqlite_file(url)
    return path is not None and not path.exists()


async def _database_state(settings: Settings, missing: bool) -> str:
    if missing:
        return "new file, created on start"  # checking would create it: say what will happen instead
    db = settings.open_database()
    try:
        current = await asyncio.wait_for(db.is_current(), timeout=10)
    except Exception as error:
        return f"problem: DATABASE_URL: cannot reach the database ({type(error).__name__}: {str(error)[:160]})"
    finally:
        await db.close()
    return "schema current" if current else "migrations pending: run `laporbot migrate` (done on start)"


def _export(args: argparse.Namespace) -> int:
    from bot.ops.backup import BackupError, export

    async def run() -> dict[str, int]:
        db = Settings.from_env().open_database()
        try:
            return await export(db, args.path, progress=not args.quiet)
        finally:
            await db.close()

    try:
        counts = asyncio.run(run())
    except BackupError as error:
        print(f"export failed: {error}", file=sys.stderr)
        return 1
    print(f"exported {sum(counts.values()):,} rows from {len(counts)} tables to {args.path}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from bot.ops.backup import BackupError, import_

    async def run() -> dict[str, int]:
        db = Settings.from_env().open_database()
        try:
            await db.migrate()
            return await import_(db, args.path, replace=args.replace, progress=not args.quiet)
        finally:
            await db.close()

    if not args.path.is_file():
        print(f"import failed: no such file {args.path}", file=sys.stderr)
        return 1
    try:
        counts = asyncio.run(run())
    except BackupError as error:
        print(f"import failed: {error}", file=sys.stderr)
        return 1
    print(f"imported {sum(counts.values()):,} rows into {len(counts)} tables")
    return 0


def _privacy(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from bot.conversation.guards import OpsSettings
    from bot.core.clock import SystemClock
    from bot.ops.privacy import erase_identity
    from bot.ops.retention import cleanup

    settings = Settings.from_env()
    try:
        ops = OpsSettings.from_env(settings.extra)
    except ConfigError as error:
        return report(error.problems)

    async def run() -> int:
        db = settings.open_database()
        try:
            await db.migrate()
            now = SystemClock().now()
            if args.privacy_action == "cleanup":
                days = timedelta(days=args.days) if args.days else ops.retention
                result = await cleanup(db, now, days)
                print(f"blanked {result.inbound:,} inbound and {result.outgoing:,} outgoing messages older than "
                      f"{days.days} days")
                return 0
            channel, _, user = str(args.identity).partition(":")
            if not user:
                print("give the identity as channel:user id, e.g. telegram:123456789", file=sys.stderr)
                return 2
            erased = await erase_identity(db, channel, user, now, actor="operator")
            if erased is None:
                print(f"no citizen {args.identity}", file=sys.stderr)
                return 1
            print(f"erased: {erased.messages} messages blanked, {erased.complaints} complaints de-identified")
            return 0
        finally:
            await db.close()

    return asyncio.run(run())
