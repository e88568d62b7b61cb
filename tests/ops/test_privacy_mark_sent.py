"""Issue 13 item 8: each reply is recorded "sent" right after its own send, so a kill -9 can resend at most
the one message in flight per chat — not a batch of sends waiting to be recorded together."""

from __future__ import annotations

from bot.core.clock import FixedClock
from bot.outbox.delivery import Deliverer
from models.db import Database
from tests.outbox.test_delivery import CHANNEL, FakeChannel, outbox, queue


async def test_each_send_is_recorded_before_the_next_one_starts(db: Database, clock: FixedClock) -> None:
    """While the second reply of a chat is being sent, the first is already "sent" in the database."""
    channel = FakeChannel()
    deliverer = Deliverer(db, {CHANNEL: channel}, clock)
    items = await queue(db, clock, ["satu", "dua", "tiga"])
    seen: list[list[str]] = []

    async def look(_text: str) -> None:
        seen.append([r.status for r in await outbox(db)])

    channel.during = look
    await deliverer.send_claimed(CHANNEL, "42", items)
    # What a kill -9 during each send would have left "sending" (to go out again): only the one in flight.
    assert seen == [["sending", "sending", "sending"], ["sent", "sending", "sending"], ["sent", "sent", "sending"]]
    assert [r.status for r in await outbox(db)] == ["sent", "sent", "sent"], "recorded without a later flush"


async def test_a_queued_reply_is_recorded_before_the_next_chat_is_sent(db: Database, clock: FixedClock) -> None:
    """deliver_pending (the retry loop, start-up catch-up) records each send before the next one too."""
    channel = FakeChannel()
    deliverer = Deliverer(db, {CHANNEL: channel}, clock)
    await queue(db, clock, ["a"], chat="1", claimed=False)
    await queue(db, clock, ["b"], chat="2", claimed=False)
    seen: list[list[str]] = []

    async def look(_text: str) -> None:
        seen.append([r.status for r in await outbox(db)])

    channel.during = look
    assert await deliverer.deliver_pending(CHANNEL) == 2
    assert seen == [["sending", "pending"], ["sent", "sending"]]
    assert channel.sent == [("1", "a"), ("2", "b")]

