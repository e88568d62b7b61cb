"""`laporbot admin …`: who may handle cases in chat, and which chats get an agency's cards.

    laporbot admin add <telegram user id> --role super|agency [--agency CODE ...] [--name NAME]
    laporbot admin remove <telegram user id>
    laporbot admin list
    laporbot admin chat <AGENCY|triage> <chat id> [--remove]
    laporbot admin check

The file is LAPORBOT_ADMINS_FILE (data/admins.yaml by default); a running bot picks changes up at the
next button press, without a restart. Exit codes: 0 fine, 1 refused (nothing written), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from bot.admin.config import (
    DEFAULT_FILE,
    ROLES,
    TRIAGE,
    AdminConfigError,
    read_config,
    with_admin,
    with_chat,
    without_admin,
    write_config,
)
from bot.core.i18n import default_catalog

OK, REFUSED, USAGE = 0, 1, 2


def register(sub: Any) -> None:
    """Add the `admin` command to the laporbot command line."""
    parser = sub.add_parser("admin", help="admins in chat: add, remove, list, chats per agency")
    parser.add_argument("--file", type=Path, help="the admin file (default: LAPORBOT_ADMINS_FILE or data/admins.yaml)")
    parser.add_argument("--locale", default="id", help="language of the output (id, en)")
    actions = parser.add_subparsers(dest="admin_command", required=True)
    add = actions.add_parser("add", help="add or change an admin")
    add.add_argument("user_id", type=int, help="the admin's Telegram user id")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--agency", action="append", default=[], help="an agency code (repeat for several)")
    add.add_argument("--name", help="a name to recognise the admin by in the list")
    remove = actions.add_parser("remove", help="remove an admin")
    remove.add_argument("user_id", type=int)
    actions.add_parser("list", help="list admins and admin chats")
    chat = actions.add_parser("chat", help="send an agency's (or triage) cards to a group chat")
    chat.add_argument("agency", help=f"an agency code, or {TRIAGE}")
    chat.add_argument("chat_id", type=int, help="the group's chat id, e.g. -1001234567890")
    chat.add_argument("--remove", action="store_true", help="stop sending cards to that chat")
    actions.add_parser("check", help="check the admin file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run one `laporbot admin` command."""
    catalog = default_catalog()

    def t(key: str, **values: Any) -> str:
        return catalog.text(key, args.locale, **values)

    path: Path = args.file or Path(os.environ.get("LAPORBOT_ADMINS_FILE") or DEFAULT_FILE)
    try:
        config = read_config(path)
    except AdminConfigError as error:
        print(t("admin.cli.broken", path=str(path)), file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return REFUSED
    command = args.admin_command
    if command == "check":
        print(t("admin.cli.ok", path=str(path), admins=len(config.admins), chats=sum(map(len, config.chats.values()))))
        return OK
    if command == "list":
        if not config.admins and not config.chats:
            print(t("admin.cli.empty", path=str(path)))
            return OK
        for admin in sorted(config.admins.values(), key=lambda a: a.user_id):
            agencies = ", ".join(sorted(admin.agencies)) or t("admin.cli.all_agencies")
            print(f"{admin.user_id}\t{admin.role}\t{agencies}\t{admin.name or ''}".rstrip())
        for code, chats in sorted(config.chats.items()):
            print(f"{t('admin.cli.chat')}\t{code}\t{', '.join(str(c) for c in chats)}")
        return OK
    if command == "add":
        if args.user_id <= 0:
            print(t("admin.cli.bad_id"), file=sys.stderr)
            return USAGE
        if args.role == "agency" and not args.agency:
            print(t("admin.cli.needs_agency"), file=sys.stderr)
            return USAGE
        if args.role == "super" and args.agency:
            print(t("admin.cli.super_all"), file=sys.stderr)
        unknown = _unknown_agencies(args.agency)
        if unknown:
            print(t("admin.cli.unknown_agency", codes=", ".join(unknown)), file=sys.stderr)
        config = with_admin(config, args.user_id, args.role, args.agency, args.name)
        write_config(path, config)
        print(t("admin.cli.added", user_id=args.user_id, role=args.role, path=str(path)))
        return OK
    if command == "remove":
        if args.user_id not in config.admins:
            print(t("admin.cli.no_such", user_id=args.user_id), file=sys.stderr)
            return REFUSED
        write_config(path, without_admin(config, args.user_id))
        print(t("admin.cli.removed", user_id=args.user_id, path=str(path)))
        return OK
    if command == "chat":
        if args.remove and args.chat_id not in config.chats.get(args.agency, ()):
            print(t("admin.cli.no_such_chat", chat_id=args.chat_id, agency=args.agency), file=sys.stderr)
            return REFUSED
        if args.agency != TRIAGE:
            unknown = _unknown_agencies([args.agency])
            if unknown:
                print(t("admin.cli.unknown_agency", codes=", ".join(unknown)), file=sys.stderr)
        write_config(path, with_chat(config, args.agency, args.chat_id, remove=args.remove))
        key = "admin.cli.chat_removed" if args.remove else "admin.cli.chat_added"
        print(t(key, chat_id=args.chat_id, agency=args.agency, path=str(path)))
        return OK
    return USAGE


def _unknown_agencies(codes: list[str]) -> list[str]:
    """Codes the agency directory does not know (a warning: the file may be written before the CSV)."""
    if not codes:
        return []
    try:
        from bot.app import load_agencies
        from bot.settings import Settings

        directory = load_agencies(Settings.from_env())
    except Exception:  # no directory to check against: say nothing
        return []
    return [code for code in codes if directory.name(code) is None]
