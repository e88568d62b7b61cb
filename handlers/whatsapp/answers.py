"""A WhatsApp citizen's answer to an admin's question ("Minta info"): written to the case, not to the flows.

Admins work in Telegram (handlers/telegram/admin.py); their question reaches a WhatsApp citizen through the outbox
like any notification. The citizen's next message — text, photo, voice note or other audio, document,
video, or a shared location — is the answer: `AdminAnswers.intercept` (one of the WhatsApp channel's
runtime interceptors) hands it to `AdminCore.record_answer`, which stores it with the case, tells the case's
admin chats and queues the citizen's acknowledgement ("admin.citizen.answer_received") in one transaction; the
message never reaches the citizen flows. Commands, button presses, the SKM poster text, stickers and what WhatsApp
cannot show us go on to the flows as before, as does everything from citizens without an open question.

The hook needs no wiring of its own: it finds the process's AdminCore in the Core (bot/admin/cases.py: admin_of,
installed with the Telegram admin side by handlers/telegram/admin.py: attach_admin) whenever a message comes, so the
order in which the channels are built does not matter; a process without the admin side passes every
message on.

Afterwards the answer's wamid is written to the inbound log as handled and the citizen's last inbound time
is moved on (their 24-hour window is open again, so the acknowledgement goes as a normal message): a
redelivery by Meta days later is recognised and does nothing, like any other redelivered message.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from bot.admin.cards import MEDIA_KINDS
from bot.admin.cases import admin_of
from bot.core.messages import Arrival, Inbound
from models import whatsapp as storage
from models.db import IntegrityError

from .payload import CHANNEL

if TYPE_CHECKING:
    from bot.conversation.services import ComplaintHook
    from bot.core.clock import Clock
    from models.db import Database


class Parts(Protocol):
    """What the admin answers use of the process (bot.app.Core has them); hooks: where admin_of finds AdminCore."""

    db: Database
    clock: Clock
    hooks: list[ComplaintHook]

log = logging.getLogger("laporbot.whatsapp")

KEY_LIMIT = 64  # InfoReply.update_key; wamids are often longer


def update_key(wamid: str) -> str:
    """The answer's key for AdminCore.record_answer (dedup of redeliveries), within 64 characters."""
    key = f"{CHANNEL}:{wamid}"
    if len(key) <= KEY_LIMIT:
        return key
    return f"{CHANNEL}#" + hashlib.sha256(wamid.encode()).hexdigest()[:KEY_LIMIT - len(CHANNEL) - 1]


def answer_of(msg: Inbound) -> tuple[str, str | None, str | None] | None:
    """(kind, text, file ref) when the message can answer an admin's question, else None."""
    if msg.command or msg.choice_id or msg.unsupported:
        return None
    if msg.media:
        item = msg.media[0]
        if item.kind not in MEDIA_KINDS:  # a sticker: the flows explain it
            return None
        return item.kind, msg.text, item.ref
    if msg.location is not None:
        return "location", f"{msg.location.lat}, {msg.location.lon}", None
    if msg.text and msg.text.strip():
        return "text", msg.text, None
    return None


class AdminAnswers:
    """Claims a citizen's answer to an admin's question before the citizen flows see it."""

    def __init__(self, core: Parts, claimed: Callable[[Inbound], None]) -> None:
        """claimed: what the channel does with a message once it is recorded as an answer (blue ticks, media)."""
        self.core = core
        self.claimed = claimed

    async def intercept(self, arrival: Arrival) -> bool:
        """Record the message as the answer to the citizen's open question; False when it is not one."""
        msg = arrival.inbound
        if msg is None:
            return False
        answer = answer_of(msg)
        if answer is None:
            return False
        admin = admin_of(self.core)
        if admin is None or msg.user_id not in await admin.citizens_with_questions(channel=CHANNEL):
            return False
        if await self._recorded(msg.message_id):
            return False  # a message we had already (Meta redelivers for days): recorded once, nothing to do
        kind, text, file_ref = answer
        # Several files sent together arrive as separate messages: those within a moment of the first
        # answer join it (AdminCore keeps them with the same question), as a Telegram album does.
        group = f"{CHANNEL}:{msg.user_id}"[:KEY_LIMIT] if file_ref else None
        try:
            outcome = await admin.record_answer(user_id=msg.user_id, update_key=update_key(msg.message_id),
                                                kind=kind, text=text, file_ref=file_ref, media_group=group,
                                                channel=CHANNEL)
        except IntegrityError:  # the same delivery, recorded by a copy of this webhook a moment ago
            log.info("whatsapp answer recorded by a concurrent delivery")
        else:
            if outcome is None:
                return False  # answered or closed meanwhile: the citizen flows take it
        await self._seen(msg)
        self.claimed(msg)
        return True

    async def _recorded(self, wamid: str) -> bool:
        async with self.core.db.read() as session:
            return await storage.inbound_id_of(session, CHANNEL, wamid) is not None

    async def _seen(self, msg: Inbound) -> None:
        """The citizen wrote (their window is open) and this wamid is done with (redeliveries do nothing)."""
        async with self.core.db.write() as session:
            await storage.record_handled(session, msg, self.core.clock.now())


__all__ = ["AdminAnswers", "answer_of", "update_key"]
