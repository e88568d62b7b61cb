"""The laporbot command: run the bot, chat in the terminal, and operator tools."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from bot import logs
from bot.settings import ConfigError, Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="laporbot", description="Kanal pengaduan SP4N-LAPOR! lewat chat.")
    sub = parser.add_subparsers(dest="command")
    chat = sub.add_parser("chat", help="chat with the bot in this terminal (embedded database)")
    chat.add_argument("--jsonl", action="store_true", help="JSON lines in and out, for scripts")
    chat.add_argument("--user", default="local", help="the citizen identity to chat as")
    sub.add_parser("run", help="run the web server and every configured channel")
    sub.add_parser("migrate", help="bring the database schema up to date")
    config = sub.add_parser("config", help="configuration tools")
    config.add_argument("action", choices=["check"])
    try:
        from bot.understanding.cli import register
    except ImportError:  # pragma: no cover - the understanding package ships with the bot
        pass
    else:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the laporbot console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        print("Configuration problems:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
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
        print(f"OK: database {settings.database_url.split('://')[0]}, channels: "
              f"{', '.join(settings.channels) or 'none (terminal only)'}")
        return 0
    if command == "run":
        from bot.server import serve

        return asyncio.run(serve(settings))
    if hasattr(args, "func"):
        return int(args.func(args) or 0)
    parser.print_help()
    return 1


async def _chat(settings: Settings, *, user: str, jsonl: bool) -> int:
    from bot.app import build_core
    from handlers.terminal import chat

    core = await build_core(settings)
    try:
        await chat(core, user=user, jsonl=jsonl)
    finally:
        await core.close()
    return 0


async def _migrate(settings: Settings) -> int:
    from models.db import Database

    db = Database(settings.database_url)
    await db.migrate()
    await db.close()
    print("database is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
