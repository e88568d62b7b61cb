"""What the parts of the admin side in Telegram share: the bot, the admin outbox sender, the words for an
action's outcome, and the background work (exports, charts, pumps) they start beside the update stream."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from telegram import Bot
from telegram.error import TelegramError

from bot.admin.cards import Outcome
from bot.admin.cases import AdminCore
from handlers.telegram.admin_render import status_name
from handlers.telegram.admin_sender import AdminSender

if TYPE_CHECKING:
    from bot.config.reader import Section
    from bot.conversation.status import StatusChanger
    from bot.core.clock import Clock
    from bot.settings import Settings
    from bot.understanding.agency_directory import AgencyDirectory
    from bot.understanding.place_directory import PlaceDirectory
    from models.db import Database

S = TypeVar("S", bound="Section")


class Parts(Protocol):
    """What the admin chat's buttons, commands and views use of the process (bot.app.Core has them), the
    forwarding retry's (bot.forwarding.jobs: clock, status, section) included."""

    db: Database
    settings: Settings
    clock: Clock
    agencies: AgencyDirectory
    places: PlaceDirectory
    status: StatusChanger

    def section(self, kind: type[S], *, checked: bool = False) -> S: ...


log = logging.getLogger("laporbot.admin")


class AdminChat:
    """The admin side's shared parts (handlers/telegram/admin.py builds one and hands it to the others)."""

    def __init__(self, core: Parts, admin: AdminCore, bot: Bot, sender: AdminSender) -> None:
        self.core = core
        self.admin = admin
        self.bot = bot
        self.sender = sender
        self._tasks: set[asyncio.Task[Any]] = set()

    async def say(self, chat_id: int | str, text: str, markup: Any = None) -> None:
        """Send a text (and buttons) to a chat now, within the flood limits; a refusal is logged, not raised."""
        try:
            await self.sender.throttle.wait(str(chat_id))
            await self.bot.send_message(chat_id, text[:4096], reply_markup=markup)
        except TelegramError as error:
            log.warning("admin reply not sent", extra={"chat_id": chat_id, "error": type(error).__name__})

    def outcome_text(self, outcome: Outcome, code: str | None = None) -> str:
        """What an action's outcome is called in the admins' language."""
        t = self.admin.t
        number = outcome.tracking_no or ""
        if outcome.code == "done":
            if outcome.detail == "retry":
                return t("admin.done.retry", tracking_no=number)
            return t("admin.done", tracking_no=number, status=status_name(self.admin, outcome.status or ""))
        if outcome.code == "prompted":
            return t("admin.prompted")
        if outcome.code == "not_allowed":
            return t("admin.refused.not_allowed", status=status_name(self.admin, outcome.status or ""))
        if outcome.code == "invalid" and outcome.detail:
            return t(f"admin.invalid.{outcome.detail}") if self.admin.catalog.has(f"admin.invalid.{outcome.detail}") \
                else t("admin.refused.invalid")
        return t(f"admin.refused.{outcome.code}")

    def spawn(self, work: Coroutine[Any, Any, Any]) -> None:
        """Run work beside the update stream; settle() waits for it."""
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def pump_soon(self) -> None:
        """Send the admin outbox now (new cards, prompts, stale cards); a failure is left to the admin loop."""
        try:
            await self.sender.pump()
        except Exception as error:  # the loop tries again shortly
            log.warning("admin pump failed", extra={"error": type(error).__name__})

    async def settle(self) -> None:
        """Wait for background command work (exports, charts, card refreshes) to finish."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


__all__ = ["AdminChat"]
