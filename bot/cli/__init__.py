"""The laporbot command: run the bot, chat in the terminal, and operator tools."""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Coroutine, Sequence
from typing import Any

from bot.core import logs
from bot.settings import ConfigError, Settings
from models.db import PendingMigration


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="laporbot", description="Kanal pengaduan SP4N-LAPOR! lewat chat.")
    sub = parser.add_subparsers(dest="command")
    chat = sub.add_parser("chat", help="chat with the bot in this terminal (embedded database)")
    chat.add_argument("--jsonl", action="store_true", help="JSON lines in and out, for scripts")
    chat.add_argument("--user", default="local", help="the citizen identity to chat as")
    run = sub.add_parser("run", help="run the web server and every configured channel")
    run.add_argument("--workers", type=int, default=None,
                     help="server processes on one port (default LAPORBOT_WORKERS, 1); PostgreSQL only")
    # how the parent of several workers starts each (bot/ops/workers.py): not for people to type
    run.add_argument("--listen-fd", type=int, default=None, help=argparse.SUPPRESS)
    run.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    sub.add_parser("migrate", help="bring the database schema up to date")
    config = sub.add_parser("config", help="configuration tools")
    config.add_argument("action", choices=["check"])
    from bot.cli.understanding import register

    register(sub)
    from bot.cli.outbox import register as register_forwarding  # outbox, worker

    register_forwarding(sub)
    from bot.cli.surveys import register as register_surveys  # QR posters, paper import, reports

    register_surveys(sub)
    from bot.cli.ops import register as register_ops  # --- ops: export, import, privacy ---

    register_ops(sub)
    from bot.cli.admin import register as register_admin  # --- admin: laporbot admin add|remove|list|chat ---

    register_admin(sub)
    return parser


def _run_server(coro: Coroutine[Any, Any, int]) -> int:
    """The server on uvloop where it is installed (its event loop costs less CPU per request), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coro)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the laporbot console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    from bot.cli import ops as ops_cli  # --- ops: every configuration problem at once, before anything starts ---

    try:
        settings = Settings.from_env()
    except ConfigError as error:
        return ops_cli.report(list(dict.fromkeys([*error.problems, *ops_cli.problems(os.environ)])))
    if args.command in (None, "run", "config") and (more := ops_cli.problems(os.environ)):
        return ops_cli.report(more)
    logs.setup("WARNING" if args.command in (None, "chat") else settings.log_level, json_lines=settings.log_json)
    command = args.command
    if command is None:
        command = "run" if settings.channels else "chat"
        args.jsonl, args.user = False, "local"
    if command == "chat":
        return asyncio.run(_chat(settings, user=args.user, jsonl=args.jsonl))
    if command == "migrate":
        return asyncio.run(_migrate(settings))
    if command == "config":
        return ops_cli.config_check(settings)  # --- ops: settings, then the database ---
    if command == "run":
        return _run(settings, getattr(args, "workers", None), getattr(args, "listen_fd", None),
                    getattr(args, "worker", None))
    if hasattr(args, "func"):
        return int(args.func(args) or 0)
    parser.print_help()
    return 1


def _run(settings: Settings, workers: int | None, listen_fd: int | None, worker: int | None) -> int:
    """`laporbot run`: one server process, or (--workers / LAPORBOT_WORKERS > 1) a parent of several."""
    from dataclasses import replace

    from bot.settings import workers_problems

    if listen_fd is not None:  # a worker of bot/ops/workers.py: the parent bound the port and migrated
        from bot.server import serve

        return _run_server(serve(settings, listen_fd=listen_fd, worker=worker, migrate=False))
    if workers is not None:
        settings = replace(settings, workers=workers)
        if workers < 1 or (problems := workers_problems(workers, settings.database_url, settings.telegram_token,
                                                        settings.telegram_webhook_url)):
            from bot.cli import ops as ops_cli

            return ops_cli.report(problems if workers >= 1 else ["--workers: at least 1"])
    if settings.workers <= 1:
        # A migration runs in a child process, so Alembic (~10 MB) never stays in the server; started before the
        # server's modules are imported, it runs on the other core meanwhile.
        migration = asyncio.run(_start_migration(settings))
        from bot.server import serve

        return _run_server(serve(settings, migration=migration))
    from bot.ops.workers import run_workers, worker_command

    # once, before the workers start: they must not race to migrate (apart: the parent lives as long as they do)
    asyncio.run(_migrate(settings, say=False, apart=True))
    return asyncio.run(run_workers(settings.workers, settings.host, settings.port, worker_command()))


async def _chat(settings: Settings, *, user: str, jsonl: bool) -> int:
    from dataclasses import replace

    from bot.app import section_of
    from bot.conversation.guards import OpsSettings
    from bot.wiring import build_core, read_sections
    from handlers.terminal import chat

    # The same pipeline as `laporbot run`: emergency numbers, duplicates, /hapusdata (one local user: no rate limit).
    sections = read_sections(settings)
    ops = replace(section_of(sections, OpsSettings, checked=True), rate_limit=0)
    core = await build_core(settings, ops=ops, sections=sections)
    try:
        await chat(core, user=user, jsonl=jsonl)
    finally:
        await core.close()
    return 0


async def _start_migration(settings: Settings) -> PendingMigration:
    db = settings.open_database()
    try:
        return await db.start_migration()
    finally:
        await db.close()


async def _migrate(settings: Settings, *, say: bool = True, apart: bool = False) -> int:
    db = settings.open_database()
    try:
        done = await db.migrate(apart=apart)
    finally:
        await db.close()
    if say:
        print(f"database: {done.describe()}")  # created schema at …, upgraded … → …, already at …
    return 0

