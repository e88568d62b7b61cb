"""Admins' button presses in Telegram: the signed actions of case cards, menus, and the retry of a failed forward.

Every button's data is signed with its case version (bot/admin/cases.py: the signer), so forged data and
buttons of a card that is not ours are refused and audited; a press on a card whose case moved on is refused
by the version. What the press did is answered on the button (callback answer), and the cards are pumped.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import TelegramError

from bot.admin.actions import BY_CODE
from bot.admin.cards import Outcome, actor_of
from bot.admin.reports import forward_complaint
from handlers.telegram.admin_chat import AdminChat
from models import admin_store

log = logging.getLogger("laporbot.admin")


class AdminButtons:
    """Handles a callback query whose data starts with "adm:" (the interceptor has claimed it)."""

    def __init__(self, chat: AdminChat) -> None:
        self.chat = chat
        self.core = chat.core
        self.admin = chat.admin
        self.bot = chat.bot

    async def press(self, query: dict[str, Any]) -> None:
        """Check the press (signed, on one of our cards or menus), do what it asks, answer it, pump the cards."""
        callback_id = str(query.get("id") or "")
        user_id = (query.get("from") or {}).get("id")
        message = query.get("message") or {}
        chat_id = (message.get("chat") or {}).get("id")
        message_id = message.get("message_id")
        parsed = self.admin.signer.parse(str(query.get("data") or ""))
        if parsed is None or chat_id is None or message_id is None:
            await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action="callback", complaint_id=None,
                                         outcome="invalid", reason="forged")
            await self._answer(callback_id, self.admin.t("admin.refused.forged"), alert=True)
            return
        code, a, b = parsed
        if code == "m":
            outcome = await self._menu(user_id, chat_id, message_id, a, b)
        elif code == "f":
            outcome = await self._retry_forward(user_id, chat_id, a)
        elif code in BY_CODE:
            action = BY_CODE[code]
            if not await self._is_card(chat_id, message_id, a):
                await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action=action, complaint_id=a,
                                             outcome="invalid", reason="not_a_card")
                await self._answer(callback_id, self.admin.t("admin.refused.forged"), alert=True)
                return
            if action in ("verify", "hold", "done"):
                outcome = await self.admin.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=a,
                                               version=b)
            else:
                outcome = await self.admin.begin(user_id=user_id, chat_id=chat_id, action=action, complaint_id=a,
                                                 version=b)
        else:
            outcome = Outcome("invalid")
        await self._answer(callback_id, self.chat.outcome_text(outcome, code), alert=not outcome.ok
                           and outcome.code != "prompted")
        self.chat.spawn(self.chat.pump_soon())  # new cards, prompts, and the stale card shown as it is now

    async def _is_card(self, chat_id: int, message_id: int, complaint_id: int) -> bool:
        # A card is pressable the moment Telegram shows it, which may be just before its message id is recorded.
        async with self.core.db.read() as session:
            card = await admin_store.card_in_chat(session, str(chat_id), complaint_id, str(message_id))
        return card is not None and card.active

    async def _menu(self, user_id: int | None, chat_id: int, message_id: int, prompt_id: int, index: int) -> Outcome:
        from models.admin import AdminPrompt

        async with self.core.db.read() as session:
            found = await session.get(AdminPrompt, prompt_id)
        if found is None or found.message_id not in (None, str(message_id)) or user_id is None:
            await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action="menu", complaint_id=None,
                                         outcome="invalid", reason="not_a_menu")
            return Outcome("invalid")
        return await self.admin.choose(user_id=user_id, chat_id=chat_id, prompt_id=prompt_id, index=index)

    async def _retry_forward(self, user_id: int | None, chat_id: int, job_id: int) -> Outcome:
        config = self.admin.config()
        async with self.core.db.read() as session:
            complaint = await forward_complaint(session, job_id)
        if complaint is None or not config.can_act(user_id, complaint.agency_code):
            await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action="retry_forward",
                                         complaint_id=complaint.id if complaint else None, outcome="refused")
            return Outcome("refused")
        from bot.forwarding.jobs import retry  # the forwarding outbox's own requeue (bot/forwarding/jobs.py)

        ids = await retry(self.core, job_id, actor=actor_of(user_id or 0))
        await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action="retry_forward",
                                     complaint_id=complaint.id, outcome="done" if ids else "lost")
        return Outcome("done" if ids else "lost", complaint.id, complaint.tracking_no, detail="retry")

    async def _answer(self, callback_id: str, text: str, *, alert: bool = False) -> None:
        try:
            await self.bot.answer_callback_query(callback_id, text=text[:200], show_alert=alert)
        except TelegramError as error:  # too old, or answered already
            log.debug("callback not answered: %s", type(error).__name__)


__all__ = ["AdminButtons"]
