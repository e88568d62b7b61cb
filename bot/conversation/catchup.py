"""What every channel does for its own messages besides taking new ones: catch up after a restart, retry sends.

Run by each channel's ChannelRuntime (bot/conversation/runtime.py): resume() in start(), before new messages are
taken; retry_sends() supervised until stop().
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Protocol

from models import store

if TYPE_CHECKING:
    from bot.conversation.inbox import Inbox
    from bot.outbox.delivery import Deliverer
    from models.db import Database


class Parts(Protocol):
    """What catching up (and the ChannelRuntime) uses of the process (bot.app.Core has them)."""

    db: Database
    inbox: Inbox
    deliverer: Deliverer

log = logging.getLogger("laporbot.catchup")

RETRY_EVERY = 2.0  # seconds between looks for replies that are due again (failed, or their lease ran out)


async def resume(core: Parts, channel: str) -> None:
    """Handle this channel's messages recorded but not handled before a restart, and send what was not sent."""
    async with core.db.read() as session:
        pending = await store.pending_inbound(session)
    for inbound_id, from_channel, _user_id in pending:
        if from_channel != channel:
            continue
        # One message that cannot be handled or sent must not keep the channel from starting: the inbox records
        # it failed (process_or_fail), a send's trouble is a failed attempt of that row (Deliverer._send).
        handled = await core.inbox.process_or_fail(inbound_id)
        try:
            await core.deliverer.deliver(handled.outgoing_ids)
        except Exception:  # the database went away mid-way: retry_sends picks the rows up
            log.exception("catch-up sends not finished", extra={"inbound_id": inbound_id})
    try:
        await core.deliverer.deliver_pending(channel)
    except Exception:  # as above; the start goes on and the retry loop tries again
        log.exception("catch-up of %s sends not finished", channel)


async def retry_sends(core: Parts, channel: str, stop: asyncio.Event) -> None:
    """Until stop is set, send this channel's replies that are due again."""
    while not stop.is_set():
        await asyncio.sleep(RETRY_EVERY)
        try:
            await core.deliverer.deliver_pending(channel)
        except Exception:  # the database may be restarting; try again next round
            log.exception("retrying %s sends failed", channel)
