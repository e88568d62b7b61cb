"""Admins' commands in Telegram: who may use them, the action commands (/verifikasi, /disposisi, /tanya, ...)
done at once, and the reading ones (handlers/telegram/admin_views.py) run beside the update stream.

Every command is audited; one from someone who is not an admin is refused (and audited) rather than passed
to a citizen flow.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from typing import Any

from bot.admin.config import AdminConfig
from handlers.telegram.admin_chat import AdminChat
from handlers.telegram.admin_views import AdminViews

log = logging.getLogger("laporbot.admin")

#: Commands only admins may use (anyone else is refused and logged).
ADMIN_ONLY = frozenset({"kasus", "cari", "antrian", "rekap", "ikm", "ekspor", "gagal", "verifikasi", "disposisi",
                        "tanya", "tindaklanjut", "selesai", "tolak", "tunda"})
#: Also a citizen command: claimed only from admins and in admin chats.
SHARED = frozenset({"bantuan", "help"})
ACTION_COMMANDS = {"verifikasi": "verify", "disposisi": "dispose", "tanya": "ask", "tindaklanjut": "respond",
                   "selesai": "done", "tolak": "reject", "tunda": "hold"}


def parse_command(text: str, username: str | None) -> tuple[str | None, str]:
    """(the command's name, its arguments); (None, text) when the text is no command for this bot."""
    if not text.startswith("/"):
        return None, text
    head, _, rest = text[1:].partition(" ")
    name, _, target = head.partition("@")
    if target and username and target.lower() != username.lower():
        return None, text  # addressed to another bot in the group
    return name.lower(), rest.strip()


class AdminCommands:
    """Runs an admin command the interceptor has claimed."""

    def __init__(self, chat: AdminChat, views: AdminViews) -> None:
        self.chat = chat
        self.core = chat.core
        self.admin = chat.admin
        self.views = views

    async def run(self, command: str, args: str, user_id: int | None, chat_id: int | None,
                  private: bool, config: AdminConfig) -> None:
        """Refuse a non-admin; do an action command now; run a reading one (admin_views.py) in the background."""
        if chat_id is None:
            return
        admin = config.admin(user_id)
        if admin is None or user_id is None:
            await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action=f"/{command}", complaint_id=None,
                                         outcome="refused")
            await self.chat.say(chat_id, self.admin.t("admin.refused.not_admin"))
            return
        if command in ACTION_COMMANDS:
            await self._action_command(ACTION_COMMANDS[command], args, user_id, chat_id, config)
            return
        if command in ("bantuan", "help"):
            await self.chat.say(chat_id, self.admin.t("admin.help"))
            return
        scope = config.scope(user_id)
        if not private:
            here = config.chat_agencies(chat_id) - {"triage"}
            if here:  # in an agency's chat, lists are about that agency
                scope = frozenset(here) if scope is None else scope & here
        work = self.views.by_command[command]
        await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action=f"/{command}", complaint_id=None,
                                     outcome="done")
        # Reading and drawing take a moment: do it beside the update stream, not in it.
        self.chat.spawn(self._guarded(work(args, user_id, chat_id, private, scope, config), chat_id))

    async def _guarded(self, work: Coroutine[Any, Any, None], chat_id: int) -> None:
        try:
            await work
        except Exception as error:
            log.error("admin command failed", extra={"chat_id": chat_id, "error": type(error).__name__})
            await self.chat.say(chat_id, self.admin.t("admin.error"))

    async def _action_command(self, action: str, args: str, user_id: int, chat_id: int, config: AdminConfig) -> None:
        number, _, rest = args.partition(" ")
        rest = rest.strip()
        async with self.core.db.read() as session:
            complaint = await self.admin.by_tracking(session, number) if number else None
        if complaint is None:
            await self.chat.say(chat_id, self.admin.t("admin.not_found", tracking_no=number or "?"))
            return
        cid = complaint.id or 0
        if action in ("verify", "hold", "done"):
            outcome = await self.admin.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                           text=rest or None)
        elif action in ("ask", "respond"):
            if rest:
                outcome = await self.admin.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                               text=rest)
            else:
                outcome = await self.admin.begin(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                                 version=None)
        elif action == "reject":
            word, _, note = rest.partition(" ")
            reason = self._reason(config, word)
            if reason is None:
                outcome = await self.admin.begin(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                                 version=None)
            else:
                outcome = await self.admin.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                               reason=reason, text=note.strip() or None)
        else:  # dispose
            target = self._agency(config, rest)
            if target is not None:
                outcome = await self.admin.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                               agency=target)
            elif rest:
                async with self.core.db.read() as session:
                    case = await self.admin.case_of(session, cid)
                outcome = await self.admin.agency_menu(user_id=user_id, chat_id=chat_id, complaint_id=cid,
                                                       version=case.version if case else 0, text=rest)
            else:
                outcome = await self.admin.begin(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                                 version=None)
        if outcome.code != "prompted":
            await self.chat.say(chat_id, self.chat.outcome_text(outcome))
        self.chat.spawn(self.chat.pump_soon())

    @staticmethod
    def _reason(config: AdminConfig, word: str) -> str | None:
        if word.isdecimal() and 1 <= int(word) <= len(config.reasons):
            return config.reasons[int(word) - 1].code
        return word if word and config.reason(word) is not None else None

    def _agency(self, config: AdminConfig, text: str) -> str | None:
        code = text.strip()
        if code and (code in config.agencies() or self.core.agencies.name(code) is not None):
            return code
        return None


__all__ = ["ACTION_COMMANDS", "ADMIN_ONLY", "SHARED", "AdminCommands", "parse_command"]
