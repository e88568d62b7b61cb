"""The Deliverer: every reply sent once, in order per chat, even when the database or a replica lets it down.

A fake channel stands in for Telegram/WhatsApp (it records what went out and fails as scripted), the clock
is fixed and moved by hand, and the database is the real test database (SQLite, or PostgreSQL in the
PostgreSQL pass). A database outage is made where the bot meets the database driver: while it lasts, the
chosen statements fail the way they do when PostgreSQL restarts or has no connection free.
"""

from __future__ import annotations

import asyncio
import contextlib
import faulthandler
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlmodel import col, select

from bot.conversation.batcher import CLAIM
from bot.core.clock import FixedClock
from bot.core.messages import Reply
from bot.outbox import delivery
from bot.outbox.delivery import LEASE, MAX_ATTEMPTS, Deliverer, SendError, waited
from models.db import Database
from models.tables import OutgoingMessage

CHANNEL = "fake"


class FakeChannel:
    """A chat API as a channel's Sender sees it: what it was asked to send, and failures as scripted."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.tries = 0
        self.failures: list[SendError] = []  # raised by the next sends, in order
        self.during: Callable[[str], Awaitable[None]] | None = None  # runs inside each send (time passing, …)
        self.ids: Callable[[int], str] = lambda n: f"m{n}"  # the id the channel answers the n-th send with

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send one reply: a message id, or the next scripted failure."""
        self.tries += 1
        if self.during is not None:
            await self.during(reply.text)
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((chat_id, reply.text))
        return self.ids(len(self.sent))


class Outage:
    """The database going away for the statements chosen: they fail as on a reset connection."""

    def __init__(self, db: Database, affects: Callable[[str], bool] = lambda _statement: True) -> None:
        self.down = False
        self.refused = 0
        self.affects = affects
        event.listen(db.engine.sync_engine, "before_cursor_execute", self._check)

    def _check(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.down and self.affects(statement):
            self.refused += 1
            raise ConnectionResetError("connection reset by peer: the database is restarting")


def marking_sent(statement: str) -> bool:
    """The statement that records sends as "sent"."""
    return statement.lstrip().upper().startswith("UPDATE OUTGOINGMESSAGE") and "sent_at" in statement


async def queue(db: Database, clock: FixedClock, texts: Sequence[str], *, chat: str = "42",
                claimed: bool = True) -> list[tuple[int, Reply]]:
    """Replies queued as a turn queues them: claimed by this process for CLAIM (Inbox.handle_batch), or pending."""
    now = clock.now()
    async with db.write() as session:
        rows = [OutgoingMessage(channel=CHANNEL, chat_id=chat, payload=Reply(text).to_json(),
                                status="sending" if claimed else "pending", attempts=0,
                                not_before=now + CLAIM if claimed else None, created_at=now) for text in texts]
        session.add_all(rows)
        await session.flush()
        return [(int(row.id or 0), Reply(text)) for row, text in zip(rows, texts, strict=True)]


async def outbox(db: Database) -> list[OutgoingMessage]:
    """Every outgoing row, oldest first."""
    async with db.read() as session:
        return list((await session.exec(select(OutgoingMessage).order_by(col(OutgoingMessage.id)))).all())


@pytest.fixture
def channel() -> FakeChannel:
    """The fake chat API this process sends through."""
    return FakeChannel()


@pytest.fixture
def deliverer(db: Database, channel: FakeChannel, clock: FixedClock) -> Deliverer:
    """This process's Deliverer."""
    return Deliverer(db, {CHANNEL: channel}, clock)


async def until(condition: Callable[[], bool], turns: int = 100_000) -> None:
    """Let the event loop run until the condition holds (other tasks' steps, not time)."""
    for _ in range(turns):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("the condition never held")


async def settle(deliverer: Deliverer) -> None:
    """Let the batched "sent" marks be written."""
    await deliverer.flush(timeout=10)


# --------------------------------------------------------------------------- (a) "sent" marks survive an outage


async def test_sent_marks_are_kept_through_an_outage_and_written_when_it_ends(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """The database goes away right after two sends: nothing is re-sent, ever, and both are recorded once it is back."""
    items = await queue(db, clock, ["satu", "dua"])
    outage = Outage(db, marking_sent)
    outage.down = True
    await deliverer.send_claimed(CHANNEL, "42", items)
    async with asyncio.timeout(60):  # a failure bound, not a speed figure
        while True:
            if outage.refused >= 2:  # the write of the marks is retried while the database is away
                break
            await asyncio.sleep(0.01)
    assert [r.status for r in await outbox(db)] == ["sending", "sending"]

    clock.advance(LEASE * 3)  # long after every lease: the retry loop must still not send them again
    assert await deliverer.deliver_pending(CHANNEL) == 0
    assert [r.status for r in await outbox(db)] == ["sending", "sending"], "not put back in the queue"

    outage.down = False
    await settle(deliverer)
    rows = await outbox(db)
    assert [(r.status, r.channel_message_id, r.attempts) for r in rows] == [("sent", "m1", 1), ("sent", "m2", 1)]
    clock.advance(LEASE * 3)
    assert await deliverer.deliver_pending(CHANNEL) == 0
    assert channel.sent == [("42", "satu"), ("42", "dua")], "each reply went out exactly once"


async def test_a_whole_database_outage_after_the_send_loses_no_mark(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """Every statement fails for a while (PostgreSQL restarting, no connection to be had): the marks wait for it."""
    items = await queue(db, clock, ["halo"])
    outage = Outage(db)

    async def database_goes(_text: str) -> None:
        outage.down = True  # it goes away while the message is on its way

    channel.during = database_goes
    await deliverer.send_claimed(CHANNEL, "42", items)
    await asyncio.sleep(0.2)
    with pytest.raises(ConnectionResetError):
        await deliverer.deliver_pending(CHANNEL)  # the retry loop fails too, and sends nothing
    outage.down = False
    await settle(deliverer)
    (row,) = await outbox(db)
    assert (row.status, row.channel_message_id) == ("sent", "m1")
    assert row.sent_at == clock.now()
    assert channel.sent == [("42", "halo")]


async def test_a_queued_send_whose_mark_fails_is_recorded_later_not_resent(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """deliver_pending's own "sent" write failing is kept for later too, not lost with the exception."""
    await queue(db, clock, ["kabar"], claimed=False)
    outage = Outage(db, marking_sent)
    outage.down = True
    assert await deliverer.deliver_pending(CHANNEL) == 1
    clock.advance(LEASE * 2)
    assert await deliverer.deliver_pending(CHANNEL) == 0
    outage.down = False
    await settle(deliverer)
    assert [r.status for r in await outbox(db)] == ["sent"]
    assert channel.sent == [("42", "kabar")]


async def test_shutdown_flush_waits_for_the_database_then_gives_up_without_hanging(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """At shutdown the marks are written if the database comes back in time; otherwise stop() still ends."""
    items = await queue(db, clock, ["a", "b"])
    outage = Outage(db, marking_sent)
    outage.down = True
    await deliverer.send_claimed(CHANNEL, "42", items)
    await deliverer.flush(timeout=0.2)  # still away: returns (the marks are kept, logged)
    assert [r.status for r in await outbox(db)] == ["sending", "sending"]

    async def back_soon() -> None:
        await asyncio.sleep(0.3)
        outage.down = False

    comeback = asyncio.create_task(back_soon())
    await deliverer.flush(timeout=10)
    await comeback
    assert [r.status for r in await outbox(db)] == ["sent", "sent"]


# --------------------------------------------------------------------------- (b) a claim that ran out is not used


async def test_a_claim_that_ran_out_and_was_taken_by_another_replica_is_not_sent_again(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """This process got to its turn's replies late; meanwhile another replica took them over and sent them."""
    items = await queue(db, clock, ["satu", "dua"])
    other_channel = FakeChannel()
    other = Deliverer(db, {CHANNEL: other_channel}, clock)
    clock.advance(CLAIM + timedelta(seconds=1))
    other_channel.during = None
    # The other replica re-claims the first reply and is still sending it when we get to ours.
    rows = await outbox(db)
    await other.deliver_pending(CHANNEL)  # sends both, in order
    await other.flush()
    assert other_channel.sent == [("42", "satu"), ("42", "dua")]
    await deliverer.send_claimed(CHANNEL, "42", items)
    assert channel.sent == [], "not sent a second time"
    assert [r.status for r in await outbox(db)] == ["sent", "sent"]
    assert [r.attempts for r in await outbox(db)] == [1, 1]
    assert rows  # (read before the take-over: both were still ours then)


async def test_a_reclaimed_row_still_being_sent_elsewhere_is_left_to_its_new_owner(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """Re-claimed ("sending" again, a fresh lease) but not sent yet: still not ours, and not put back either."""
    items = await queue(db, clock, ["satu"])
    clock.advance(CLAIM + timedelta(seconds=1))
    other_channel = FakeChannel()
    other = Deliverer(db, {CHANNEL: other_channel}, clock)
    checked: list[int] = []

    async def meanwhile(_text: str) -> None:  # the other replica is mid-send when we get there
        await deliverer.send_claimed(CHANNEL, "42", items)
        checked.append(len(channel.sent))

    other_channel.during = meanwhile
    await other.deliver_pending(CHANNEL)
    await other.flush()
    assert checked == [0]
    assert channel.sent == [] and other_channel.sent == [("42", "satu")]
    (row,) = await outbox(db)
    assert (row.status, row.attempts) == ("sent", 1)


async def test_an_expired_claim_is_left_to_the_queue_and_the_chat_order_is_kept(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """Late, nobody took them yet: they are not sent from the expired claim; the retry loop sends them in order."""
    items = await queue(db, clock, ["satu", "dua", "tiga"])
    clock.advance(CLAIM + timedelta(seconds=1))
    await deliverer.send_claimed(CHANNEL, "42", items)
    assert channel.sent == []
    await deliverer.deliver_pending(CHANNEL)
    await settle(deliverer)
    assert [text for _, text in channel.sent] == ["satu", "dua", "tiga"]
    assert [r.status for r in await outbox(db)] == ["sent"] * 3


async def test_the_claim_is_extended_before_each_send_so_a_slow_chat_keeps_it(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """Sends that take long (a throttled chat): each reply's lease is renewed from the moment it is sent."""
    items = await queue(db, clock, ["satu", "dua", "tiga"])
    other = Deliverer(db, {CHANNEL: FakeChannel()}, clock)
    taken: list[int] = []

    async def slow(_text: str) -> None:
        await deliverer.flush()  # the earlier reply's "sent" is written (milliseconds, in real life)
        clock.advance(timedelta(seconds=40))  # 3 × 40 s: twice the claim the turn made
        taken.append(await other.deliver_pending(CHANNEL))  # another replica's retry loop, mid-send

    channel.during = slow
    await deliverer.send_claimed(CHANNEL, "42", items)
    await settle(deliverer)
    assert taken == [0, 0, 0], "nothing for another replica to take while this one is sending"
    assert [text for _, text in channel.sent] == ["satu", "dua", "tiga"]
    assert [(r.status, r.attempts) for r in await outbox(db)] == [("sent", 1)] * 3


async def test_a_claim_running_out_mid_turn_stops_there_and_keeps_the_order(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """The first send hangs past the lease: the second reply is not sent from the lost claim, later it goes once."""
    items = await queue(db, clock, ["satu", "dua"])

    async def hangs(text: str) -> None:
        if text == "satu":
            clock.advance(LEASE + timedelta(seconds=5))

    channel.during = hangs
    await deliverer.send_claimed(CHANNEL, "42", items)
    assert [text for _, text in channel.sent] == ["satu"]
    channel.during = None
    await settle(deliverer)
    await deliverer.deliver_pending(CHANNEL)
    await settle(deliverer)
    assert [text for _, text in channel.sent] == ["satu", "dua"]
    assert [(r.status, r.attempts) for r in await outbox(db)] == [("sent", 1), ("sent", 1)]


async def test_with_the_turns_claim_known_a_fresh_claim_is_used_and_a_stale_one_checked(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """The channels pass Handled.claimed_until: fresh, the replies just go; run out and re-claimed, they do not."""
    first = await queue(db, clock, ["satu"])
    await deliverer.send_claimed(CHANNEL, "42", first, claimed_until=clock.now() + CLAIM)
    await settle(deliverer)
    assert channel.sent == [("42", "satu")]

    late = await queue(db, clock, ["dua", "tiga"])
    claimed_until = clock.now() + CLAIM
    clock.advance(CLAIM + timedelta(seconds=1))
    other_channel = FakeChannel()
    other = Deliverer(db, {CHANNEL: other_channel}, clock)
    sent_here: list[int] = []

    async def meanwhile(_text: str) -> None:  # we get there while the other replica is sending "dua"
        await deliverer.send_claimed(CHANNEL, "42", late, claimed_until=claimed_until)
        sent_here.append(len(channel.sent))

    other_channel.during = meanwhile
    await other.deliver_pending(CHANNEL)  # takes both over, in order
    await other.flush()
    await settle(deliverer)
    assert sent_here and set(sent_here) == {1}, "nothing of the stale claim sent here"
    assert other_channel.sent == [("42", "dua"), ("42", "tiga")]
    assert [(r.status, r.attempts) for r in await outbox(db)] == [("sent", 1)] * 3


async def test_with_the_turns_claim_known_but_half_gone_it_is_extended_first(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """Less than half of the claim left: it is checked and extended before the send, so nobody takes it mid-send."""
    items = await queue(db, clock, ["satu"])
    claimed_until = clock.now() + CLAIM
    clock.advance(CLAIM * 0.75)
    other = Deliverer(db, {CHANNEL: FakeChannel()}, clock)
    taken: list[int] = []

    async def slow(_text: str) -> None:
        clock.advance(CLAIM * 0.5)  # the turn's claim is over by now
        taken.append(await other.deliver_pending(CHANNEL))

    channel.during = slow
    await deliverer.send_claimed(CHANNEL, "42", items, claimed_until=claimed_until)
    await settle(deliverer)
    assert taken == [0] and channel.sent == [("42", "satu")]
    assert [(r.status, r.attempts) for r in await outbox(db)] == [("sent", 1)]


# --------------------------------------------------------------------------- (c) rate limits are waits, not failures


async def retry_until_done(deliverer: Deliverer, clock: FixedClock, rounds: int) -> None:
    """The retry loop, with time moving on as far as each row asked to wait."""
    for _ in range(rounds):
        clock.advance(timedelta(seconds=301))
        await deliverer.deliver_pending(CHANNEL)


@pytest.mark.parametrize("limit", [
    SendError("retry_after", retry_after=3.0),  # Telegram 429 RetryAfter
    SendError("pair_rate_limit code=131056", retry_after=6.0),  # WhatsApp: too many messages to this user
    SendError("RateLimited code=130429", retry_after=None),  # WhatsApp: the number's throughput, no Retry-After
], ids=["telegram-429", "whatsapp-131056", "whatsapp-130429"])
async def test_rate_limits_do_not_count_towards_the_attempt_cap(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock, limit: SendError) -> None:
    """Told to wait 3 × MAX_ATTEMPTS times in a row: the message waits each time as told, then goes; not failed."""
    assert limit.rate_limited
    items = await queue(db, clock, ["sabar ya"])
    channel.failures = [limit] * (3 * MAX_ATTEMPTS)
    await deliverer.send_claimed(CHANNEL, "42", items)
    (row,) = await outbox(db)
    wait = limit.retry_after if limit.retry_after is not None else 2
    assert (row.status, row.not_before) == ("pending", clock.now() + timedelta(seconds=wait))
    await retry_until_done(deliverer, clock, 3 * MAX_ATTEMPTS + 2)
    await settle(deliverer)
    (row,) = await outbox(db)
    assert row.status == "sent"
    assert channel.sent == [("42", "sabar ya")]
    assert row.attempts == 3 * MAX_ATTEMPTS + 1 and waited(row.error) == 3 * MAX_ATTEMPTS


async def test_real_failures_still_stop_at_the_cap_and_are_recorded(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """Rate limits in between do not change it: the MAX_ATTEMPTS-th real failure gives the message up."""
    await queue(db, clock, ["tidak sampai"], claimed=False)
    timeout, wait = SendError("TimedOut"), SendError("retry_after", retry_after=1.0)
    channel.failures = [wait, timeout, wait, wait] + [timeout] * (MAX_ATTEMPTS - 1) + [wait]
    await retry_until_done(deliverer, clock, MAX_ATTEMPTS + 10)
    (row,) = await outbox(db)
    assert row.status == "failed" and row.not_before is None
    assert row.error == "TimedOut [waited 3]"
    assert row.attempts == MAX_ATTEMPTS + 3, "8 failures and 3 waits were tried, nothing more"
    assert channel.tries == MAX_ATTEMPTS + 3 and channel.sent == []
    assert channel.failures == [wait], "given up: not tried again"


async def test_failure_backoff_counts_failures_only(db: Database, deliverer: Deliverer, channel: FakeChannel,
                                                   clock: FixedClock) -> None:
    """After waits, a real failure backs off as a first failure (2 s), not as the n-th try."""
    await queue(db, clock, ["x"], claimed=False)
    channel.failures = [SendError("retry_after", retry_after=1.0)] * 4 + [SendError("NetworkError")]
    for _ in range(4):
        await deliverer.deliver_pending(CHANNEL)
        clock.advance(timedelta(seconds=1))
    await deliverer.deliver_pending(CHANNEL)
    (row,) = await outbox(db)
    assert (row.status, row.attempts, row.error) == ("pending", 5, "NetworkError [waited 4]")
    assert row.not_before == clock.now() + timedelta(seconds=2)


async def test_a_permanent_failure_is_final_at_once(db: Database, deliverer: Deliverer, channel: FakeChannel,
                                                   clock: FixedClock) -> None:
    """Blocked by the citizen: failed on the first try, the chat's later replies go back to the queue behind it."""
    items = await queue(db, clock, ["satu", "dua"])
    channel.failures = [SendError("forbidden", permanent=True)]
    await deliverer.send_claimed(CHANNEL, "42", items)
    rows = await outbox(db)
    assert [(r.status, r.attempts) for r in rows] == [("failed", 1), ("pending", 0)]
    assert rows[0].error == "forbidden"
    assert not SendError("forbidden", permanent=True, retry_after=5).rate_limited


async def test_chats_sending_at_once_share_the_commit_of_their_sent_marks(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """Group commit: eight chats' replies recorded in fewer transactions than sends, each before its call returns."""
    writes = 0

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        nonlocal writes
        writes += marking_sent(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    chats = [await queue(db, clock, ["satu", "dua"], chat=str(n)) for n in range(8)]

    async def send(n: int) -> None:
        await deliverer.send_claimed(CHANNEL, str(n), chats[n], claimed_until=clock.now() + CLAIM)
        async with db.read() as session:  # recorded by the time the call returns
            rows = (await session.exec(select(OutgoingMessage).where(OutgoingMessage.chat_id == str(n)))).all()
        assert {row.status for row in rows} == {"sent"}

    await asyncio.gather(*(send(n) for n in range(8)))
    event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    assert len(channel.sent) == 16
    assert writes < 16


async def test_a_channel_added_later_keeps_the_marks_waiting_for_the_database(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """WhatsApp registering its sender while Telegram's marks wait out an outage must not drop them."""
    items = await queue(db, clock, ["halo"])
    outage = Outage(db, marking_sent)
    outage.down = True
    await deliverer.send_claimed(CHANNEL, "42", items, claimed_until=clock.now() + CLAIM)
    deliverer.add_sender("other", FakeChannel())
    outage.down = False
    await deliverer.flush()
    async with db.read() as session:
        row = await session.get(OutgoingMessage, items[0][0])
    assert row is not None and row.status == "sent"
    assert channel.sent == [("42", "halo")]


async def test_a_sent_mark_rides_with_the_next_turns_transaction_not_a_commit_of_its_own(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """Under load the next turn comes before FOLD_SECONDS are up: it carries the mark, and no commit is added."""
    items = await queue(db, clock, ["halo"])
    commits = 0

    def count(_conn: Any) -> None:
        nonlocal commits
        commits += 1

    event.listen(db.engine.sync_engine, "commit", count)
    sending = asyncio.create_task(deliverer.send_claimed(CHANNEL, "42", items, claimed_until=clock.now() + CLAIM))
    await until(lambda: db.riding == 1)  # the send is done and its mark waits for a transaction
    async with db.write() as session:  # the next citizen's turn
        await session.execute(text("SELECT 1"))
    await sending
    await settle(deliverer)
    event.remove(db.engine.sync_engine, "commit", count)
    assert commits == 1, "the turn's commit carried the mark"
    (row,) = await outbox(db)
    assert (row.status, row.channel_message_id) == ("sent", "m1")


async def test_with_no_turn_coming_the_mark_gets_a_transaction_of_its_own(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """Idle: the mark is written on its own a moment later, and the send returns once it is recorded."""
    items = await queue(db, clock, ["satu", "dua"])
    await deliverer.send_claimed(CHANNEL, "42", items, claimed_until=clock.now() + CLAIM)
    assert [(r.status, r.channel_message_id) for r in await outbox(db)] == [("sent", "m1"), ("sent", "m2")]
    assert db.riding == 0


async def test_a_mark_a_turn_carried_leaves_nothing_to_wake_the_process(
        db: Database, channel: FakeChannel, clock: FixedClock) -> None:
    """Under load every mark rides with a turn: the carrier used to sleep out each ride's FOLD_SECONDS anyway (a
    wake-up every ~10 ms); now the ride's timer is cancelled when a transaction takes it, and no carrier starts."""
    deliverer = Deliverer(db, {CHANNEL: channel}, clock, fold=3600.0)  # only a turn can carry it in this test
    items = await queue(db, clock, ["halo"])
    sending = asyncio.create_task(deliverer.send_claimed(CHANNEL, "42", items, claimed_until=clock.now() + CLAIM))
    await until(lambda: db.riding == 1)
    for _ in range(3):  # the loop's other tasks run (the old carrier started here and slept out the fold)
        await asyncio.sleep(0)
    async with db.write() as session:  # the next citizen's turn
        await session.execute(text("SELECT 1"))
    await sending
    assert deliverer._carrier is None, "a carrier was started"
    (row,) = await outbox(db)
    assert row.status == "sent"


async def test_marks_whose_own_write_fails_are_retried_after_a_pause_that_doubles(
        db: Database, channel: FakeChannel, clock: FixedClock, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """The riders' savepoint undoes a failed mark and the transaction still commits: the carrier took that commit
    for success and tried again at once, a write transaction after another for as long as the marks failed."""
    monkeypatch.setattr(delivery, "FLUSH_RETRY", (0.001, 0.004))
    caplog.set_level(logging.WARNING, logger="laporbot.delivery")
    deliverer = Deliverer(db, {CHANNEL: channel}, clock, fold=0.0)
    items = await queue(db, clock, ["halo"])
    outage = Outage(db, marking_sent)
    outage.down = True
    await deliverer.send_claimed(CHANNEL, "42", items, claimed_until=clock.now() + CLAIM)
    await until(lambda: outage.refused >= 5)
    outage.down = False
    await settle(deliverer)
    (row,) = await outbox(db)
    assert row.status == "sent"
    pauses = [r.retry_in for r in caplog.records  # type: ignore[attr-defined]
              if r.getMessage() == "sends not recorded yet, retrying"]
    assert pauses[:5] == [0.001, 0.002, 0.004, 0.004, 0.004]
    assert len(pauses) in (outage.refused, outage.refused - 1)  # one pause per failed write (the last may be cut)


async def test_marks_whose_write_keeps_failing_ride_with_no_turn_while_they_wait_for_the_next_try(
        db: Database, channel: FakeChannel, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mark whose own write fails waits for the carrier's next try, off the riders: the turns meanwhile neither
    carry it nor pay its failing write and the savepoint undoing it (each turn did, for as long as it failed)."""
    monkeypatch.setattr(delivery, "FLUSH_RETRY", (3600.0, 3600.0))  # the carrier's pause outlasts the test
    deliverer = Deliverer(db, {CHANNEL: channel}, clock, fold=0.0)
    items = await queue(db, clock, ["halo"])
    outage = Outage(db, marking_sent)
    outage.down = True
    await deliverer.send_claimed(CHANNEL, "42", items, claimed_until=clock.now() + CLAIM)
    await until(lambda: outage.refused == 1)  # the carrier's transaction: the mark's write failed, then its pause
    savepoints = 0

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        nonlocal savepoints
        savepoints += statement.startswith("SAVEPOINT")

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    for _ in range(5):  # other citizens' turns
        async with db.write() as session:
            await session.execute(text("SELECT 1"))
    event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    assert (outage.refused, savepoints, db.riding) == (1, 0, 0), "the failing mark rode with the turns"
    outage.down = False
    carrier = deliverer._carrier
    assert carrier is not None
    carrier.cancel()  # its pause over at once
    with contextlib.suppress(asyncio.CancelledError):
        await carrier
    await settle(deliverer)  # the next try writes it
    (row,) = await outbox(db)
    assert (row.status, row.channel_message_id, row.attempts) == ("sent", "m1", 1)
    assert channel.sent == [("42", "halo")]


class Gate:
    """A rider that holds the transaction carrying it until the test opens the gate."""

    def __init__(self) -> None:
        self.open = asyncio.Event()
        self.holding = asyncio.Event()

    async def write(self, _session: Any) -> None:
        self.holding.set()
        await self.open.wait()

    def committed(self) -> None:
        """Nothing to record."""

    def failed(self) -> None:
        """Nothing to undo."""


async def test_marks_taken_by_a_transaction_not_yet_written_are_waited_for_not_spun_on(
        db: Database, channel: FakeChannel, clock: FixedClock) -> None:
    """Between a transaction taking the riders and writing them (a PostgreSQL round trip), the carrier finds none
    left to carry: it must wait for that transaction, not loop without yielding (which froze the whole bot)."""
    faulthandler.dump_traceback_later(120, exit=True)  # a regression freezes the event loop: fail, do not hang
    try:
        deliverer = Deliverer(db, {CHANNEL: channel}, clock, fold=0.0)
        items = await queue(db, clock, ["halo"])
        gate = Gate()
        db.ride(gate)  # ahead of the mark: the turn below takes both and stops inside the first
        sent = asyncio.Event()

        async def on_the_wire(_text: str) -> None:
            sent.set()  # the turn ends its body now, before the mark's carrier first runs

        channel.during = on_the_wire

        async def turn() -> None:
            async with db.write() as session:
                await session.execute(text("SELECT 1"))
                await sent.wait()

        async with asyncio.timeout(60):  # a failure bound, not a speed figure
            turning = asyncio.create_task(turn())
            sending = asyncio.create_task(deliverer.send_claimed(CHANNEL, "42", items,
                                                                 claimed_until=clock.now() + CLAIM))
            await gate.holding.wait()  # the turn took the mark and has not written it; the carrier is due
            await until(lambda: deliverer._carrier is not None)
            for _ in range(20):
                await asyncio.sleep(0)  # the carrier runs (and, spinning, would never give the loop back)
            gate.open.set()
            await turning
            await sending
        (row,) = await outbox(db)
        assert row.status == "sent"
    finally:
        faulthandler.cancel_dump_traceback_later()


async def test_two_tasks_sending_to_one_chat_keep_the_order_they_were_queued_in(
        db: Database, clock: FixedClock, channel: FakeChannel, deliverer: Deliverer) -> None:
    """A voice job's long read-back still being spoken when the next job's short question is ready (the blind
    citizen answered the text): the question waits for it, whichever path sends; another chat does not wait."""
    spoken = asyncio.Event()

    async def slow_long_clip(text: str) -> None:
        if text == "long read-back":
            await spoken.wait()

    channel.during = slow_long_clip
    (first, _), = await queue(db, clock, ["long read-back"], claimed=False)
    (second, _), = await queue(db, clock, ["short question"], claimed=False)
    (elsewhere, _), = await queue(db, clock, ["other chat"], chat="7", claimed=False)
    one = asyncio.create_task(deliverer.deliver([first]))
    await until(lambda: channel.tries == 1)
    two = asyncio.create_task(deliverer.deliver([second], chat=(CHANNEL, "42")))  # as a voice job calls it
    claimed = await queue(db, clock, ["after both"])
    three = asyncio.create_task(deliverer.send_claimed(CHANNEL, "42", claimed))
    await deliverer.deliver([elsewhere])
    assert channel.sent == [("7", "other chat")]
    await until(lambda: len(deliverer.chats) == 1)  # chat 7's lock is gone; chat 42's is held and waited for
    spoken.set()
    await asyncio.gather(one, two, three)
    assert channel.sent == [("7", "other chat"), ("42", "long read-back"), ("42", "short question"),
                            ("42", "after both")]
    assert len(deliverer.chats) == 0


async def test_a_message_id_the_column_cannot_hold_is_not_kept_and_the_send_is_marked_once(
        db: Database, deliverer: Deliverer, channel: FakeChannel, clock: FixedClock) -> None:
    """A channel answering with an id longer than the column (PostgreSQL refuses it) still gets its send marked."""
    channel.ids = lambda _n: "w" * 300
    await queue(db, clock, ["kabar"], claimed=False)
    assert await deliverer.deliver_pending(CHANNEL) == 1
    await settle(deliverer)
    rows = await outbox(db)
    assert [(r.status, r.channel_message_id) for r in rows] == [("sent", None)]
    clock.advance(LEASE * 2)
    assert await deliverer.deliver_pending(CHANNEL) == 0
    assert channel.sent == [("42", "kabar")]
