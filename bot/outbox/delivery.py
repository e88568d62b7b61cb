"""Sending what the outbox holds, through whichever channel each message belongs to."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from bot.core.clock import Clock
from bot.core.messages import Reply
from models import outbox_store, workqueue
from models.db import Database, Session
from models.tables import OUTGOING, OutgoingMessage

log = logging.getLogger("laporbot.delivery")

# The reasons channels give when they were told to wait (Telegram 429 RetryAfter, WhatsApp 131056 and 130429).
_RATE_LIMIT_REASONS = ("retry_after", "pair_rate_limit", "RateLimited")


class SendError(Exception):
    """A send that did not go through: permanent (e.g. the citizen blocked the bot) or retry later.

    rate_limited: the channel said "not now, wait" (Telegram RetryAfter, WhatsApp 131056/130429). Such a
    wait is not a failure and does not count towards MAX_ATTEMPTS. By default an error with a retry_after,
    or with one of the channels' rate-limit reasons, is one.
    """

    def __init__(self, reason: str, *, permanent: bool = False, retry_after: float | None = None,
                 rate_limited: bool | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after
        if rate_limited is None:
            rate_limited = not permanent and (retry_after is not None or reason.startswith(_RATE_LIMIT_REASONS))
        self.rate_limited = rate_limited


def as_send_error(error: BaseException) -> SendError:
    """Any exception from a send as a SendError: an unexpected one is a failed attempt, retried with backoff."""
    if isinstance(error, SendError):
        return error
    # Only the exception's type: its message may quote the reply or the chat id.
    return SendError(f"unexpected: {type(error).__name__}")


class Sender(Protocol):
    """A channel's way of sending one reply to one chat."""

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send; return the channel's message id, or raise SendError."""
        ...


MAX_ATTEMPTS = 8  # failed sends before a message is given up on; waits a channel asked for do not count

# A reply carrying this prompt_id is the last one to an erased citizen (/hapusdata): once it is sent (or given
# up), its row keeps neither the chat id (on WhatsApp, the phone number) nor the text.
FORGET_CHAT = "erased"
FORGOTTEN = {"chat_id": "erased", "payload": {"text": ""}}


MESSAGE_ID_MAX = 128  # OutgoingMessage.channel_message_id's length
LEASE = timedelta(seconds=60)  # a send still "sending" after this is presumed lost with its process
FLUSH_RETRY = (0.05, 1.0)  # first and longest pause between tries to record sends while the database is away
SHUTDOWN_FLUSH_SECONDS = 30.0
# how long a "sent" mark waits for a turn's transaction to ride with before it gets one of its own: under load the
# next turn comes sooner and the mark costs no commit; idle, a chat's second reply waits this much longer
FOLD_SECONDS = 0.01

# `attempts` counts every send tried (WhatsApp numbers its receipts by it); how many of those were waits a
# channel asked for is kept at the end of `error`, so that only real failures count towards MAX_ATTEMPTS.
_WAITED = re.compile(r" \[waited (\d+)\]$")


def waited(error: str | None) -> int:
    """How many of a row's attempts were rate-limit waits (see _WAITED)."""
    found = _WAITED.search(error or "")
    return int(found.group(1)) if found else 0


def _error_text(reason: str, waits: int) -> str:
    suffix = f" [waited {waits}]" if waits else ""
    return reason[:255 - len(suffix)] + suffix


class ChatLocks:
    """A lock per chat, made when asked for and dropped when nobody holds or waits for it.

    Replies to one chat come from several tasks: a batch's sends (in order through the channel's ChatSequencer),
    each voice job's (bot/voice/worker.py), the pending sweep. Held around a run of sends, it keeps them from
    overtaking each other: a short spoken question synthesised quickly must not reach a blind citizen before the
    long read-back queued before it. asyncio.Lock wakes its waiters first come, first served.
    """

    def __init__(self) -> None:
        self._locks: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, channel: str, chat_id: str) -> AsyncIterator[None]:
        """The chat's lock, for the block."""
        key = (channel, chat_id)
        lock, users = self._locks.get(key) or (asyncio.Lock(), 0)
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


class Deliverer:
    """Sends queued messages in order per chat and records the outcome of each, exactly one sender at a time."""

    def __init__(self, db: Database, senders: Mapping[str, Sender], clock: Clock,
                 wrap: Callable[[Sender, str], Sender] | None = None, fold: float = FOLD_SECONDS) -> None:
        """fold: how long a "sent" mark waits for another transaction to ride with (FOLD_SECONDS)."""
        self.db = db
        self.fold = fold
        self.clock = clock
        self._wrap = wrap  # applied to every sender as it is added (bot/wiring.py: counted for /metrics)
        self.senders: dict[str, Sender] = {}
        # set up once, not per sender: a channel added later must not drop the marks another channel's sends left
        self._ride: _Marks | None = None  # the marks of sends done, waiting for a transaction to carry them
        self._rides: set[_Marks] = set()  # every ride not committed yet
        self._settled = asyncio.Event()  # a ride's transaction ended (committed or failed)
        self._unrecorded: set[int] = set()  # ids of sends done whose "sent" is not committed yet
        self._carrier: asyncio.Task[None] | None = None
        self._failures = 0  # rides whose write failed, ever: the carrier backs off when its own did
        self.chats = ChatLocks()  # one chat's sends never overtake each other, whichever task makes them
        for channel, sender in senders.items():
            self.add_sender(channel, sender)

    def add_sender(self, channel: str, sender: Sender) -> None:
        """The channel's way of sending, from now on (a channel adds its own when it is made)."""
        self.senders[channel] = self._wrap(sender, channel) if self._wrap is not None else sender

    async def send_claimed(self, channel: str, chat_id: str, items: Sequence[tuple[int, Reply]], *,
                           claimed_until: datetime | None = None) -> None:
        """Send replies queued already claimed by this process (see Inbox.handle_batch), in order.

        claimed_until: the end of that claim (Handled.claimed_until), when the caller knows it. Unless more
        than half of it is left, the claims are checked and extended in one transaction before sending: a
        reply whose claim ran out (this process was slow; another replica may be sending it now) is not sent
        from here, and the ones after it go back to the queue behind it. On a failure the rest of the chat's
        replies go back to the queue behind it too, so order is kept.
        """
        async with self.chats.hold(channel, chat_id):
            await self._send_claimed(channel, chat_id, items, claimed_until)

    async def _send_claimed(self, channel: str, chat_id: str, items: Sequence[tuple[int, Reply]],
                            claimed_until: datetime | None) -> None:
        sender = self.senders.get(channel)
        # claimed_until: the lease Inbox.handle_batch set on these rows in the commit just made. While more
        # than half of it is left nobody else can have claimed them, so no database round trip is needed.
        held: dict[int, datetime] = dict.fromkeys((i for i, _ in items), claimed_until) if claimed_until else {}
        for index, (outgoing_id, reply) in enumerate(items):
            lease = held.get(outgoing_id)
            if lease is None or lease - self.clock.now() < LEASE / 2:
                held = await self._hold([i for i, _ in items[index:]], held)
            if outgoing_id not in held:
                log.warning("claim ran out before sending", extra={"outgoing_id": outgoing_id, "channel": channel})
                await self._requeue({i: held[i] for i, _ in items[index + 1:] if i in held})
                return
            try:
                if sender is None:
                    raise SendError("channel not running here")
                message_id = await sender.send(chat_id, reply)
            except Exception as raised:  # any failure is a failed attempt of this one message, never more
                error = as_send_error(raised)
                row = OutgoingMessage(id=outgoing_id, channel=channel, chat_id=chat_id, attempts=0)
                async with self.db.read() as session:
                    found = await session.get(OutgoingMessage, outgoing_id)
                    if found is not None:
                        row = found
                await self._failed(row, error, held[outgoing_id])
                await self._requeue({i: held[i] for i, _ in items[index + 1:] if i in held})
                return
            # Marked sent right after its own send, not with a batch: a crash (kill -9) can then resend at most
            # the one message in flight per chat, never the batch waiting to be recorded.
            await self._mark_sent({"oid": outgoing_id, "mid": message_id, "at": self.clock.now(),
                                   "forget": reply.prompt_id == FORGET_CHAT})

    async def _hold(self, ids: Sequence[int], held: Mapping[int, datetime]) -> dict[int, datetime]:
        """Of these claimed rows, the ones still claimed by us: extended by a LEASE from now, atomically.

        Ours: "sending" with a lease not yet over that is either the one we set last (held) or the first one,
        set by Inbox.handle_batch at most a LEASE after the row was created. A row whose claim ran out and was
        claimed again (deliver_pending, on any replica) has a lease ending more than a LEASE after its
        creation, so it is never mistaken for ours.
        """
        if not ids:
            return {}
        now = self.clock.now()
        until = now + LEASE
        async with self.db.write() as session:
            rows = await workqueue.locked(session, OUTGOING, ids, ["status", "not_before", "created_at"])
            ours = [oid for oid, status, lease, created in rows
                    if oid is not None and status == "sending" and lease is not None and lease > now
                    and (lease == held.get(oid) or lease - created <= LEASE)]
            await workqueue.extend(session, OUTGOING, ours, until=until)
        return dict.fromkeys(ours, until)

    async def _requeue(self, held: Mapping[int, datetime]) -> None:
        """Give rows we hold back to the queue, unsent; a row claimed by someone else meanwhile is left alone."""
        by_lease: dict[datetime, list[int]] = {}
        for outgoing_id, lease in held.items():
            by_lease.setdefault(lease, []).append(outgoing_id)
        for lease, ids in by_lease.items():
            async with self.db.write() as session:
                await workqueue.release(session, OUTGOING, keys=ids, until=lease)

    async def flush(self, timeout: float = SHUTDOWN_FLUSH_SECONDS) -> None:  # noqa: ASYNC109
        """Record every send that is done (at shutdown), retrying while the database is away, up to timeout."""
        for ride in self._rides:
            ride.due = True  # nothing more will come to carry them
        self._start_carrier()
        if self._carrier is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._carrier), timeout)
        except TimeoutError:
            log.error("sends not recorded at shutdown: they may go out again", extra={"count": len(self._unrecorded)})

    async def deliver(self, ids: Sequence[int], *, chat: tuple[str, str] | None = None) -> None:
        """Send these outgoing messages, in order; stop a chat's sequence at its first failure.

        chat: the (channel, chat id) they were queued for, when the caller knows it: its lock is taken before the
        rows are read, so sends queued later for that chat (a batch's, another voice job's) wait behind these.
        """
        if not ids:
            return
        if chat is None:
            await self._deliver(ids, None)
            return
        async with self.chats.hold(*chat):
            await self._deliver(ids, chat)

    async def _deliver(self, ids: Sequence[int], held: tuple[str, str] | None) -> None:
        async with self.db.read() as session:
            rows = await outbox_store.outgoing_in_order(session, ids)
        by_chat: dict[tuple[str, str], list[OutgoingMessage]] = {}
        for row in rows:
            by_chat.setdefault((row.channel, row.chat_id), []).append(row)
        for key, chat_rows in by_chat.items():
            async with contextlib.nullcontext() if key == held else self.chats.hold(*key):
                for row in chat_rows:
                    if not await self._send(row):
                        break  # the rest wait behind it, in order

    async def deliver_pending(self, channel: str | None = None, limit: int = 500) -> int:
        """Send what is still queued (after a restart or a failure), keeping each chat's order."""
        now = self.clock.now()
        async with self.db.write() as session:
            # Sends whose process died mid-way go back to the queue once their lease is over; not the ones this
            # process has sent and not recorded yet (the database was away): they are done.
            await workqueue.requeue_expired(session, OUTGOING, now=now, exclude=self._unrecorded)
        async with self.db.read() as session:
            rows = await outbox_store.queued_outgoing(session, limit=limit, channel=channel)
        blocked: set[tuple[str, str]] = set()
        tried = 0
        for row in rows:
            chat = (row.channel, row.chat_id)
            if chat in blocked or row.channel not in self.senders:
                continue
            if row.status == "sending" or (row.not_before is not None and row.not_before > now):
                blocked.add(chat)  # an earlier message of this chat is not done yet: keep the order
                continue
            tried += 1
            try:
                async with self.chats.hold(row.channel, row.chat_id):
                    sent = await self._send(row)
            except Exception:  # recording the outcome failed (database trouble): the row stays queued
                log.exception("send not recorded", extra={"outgoing_id": row.id, "channel": row.channel})
                sent = False
            if not sent:
                blocked.add(chat)
        return tried

    async def _claim(self, row: OutgoingMessage) -> datetime | None:
        """Claim a queued row for a LEASE; the lease's end, or None when it is not ours to send."""
        async with self.db.write() as session:
            # expired=False: lost sends were put back by deliver_pending, minding the ones not recorded yet
            claimed = await workqueue.claim(session, OUTGOING, now=self.clock.now(), lease=LEASE, keys=[row.id],
                                            expired=False)
            return claimed[0][1] if claimed else None

    async def _send(self, row: OutgoingMessage) -> bool:
        sender = self.senders.get(row.channel)
        if sender is None:
            return False  # that channel is not running in this process; it stays queued
        lease = await self._claim(row)
        if lease is None:
            return row.status == "sent"  # someone else has it (or it is waiting for its retry time)
        try:
            reply = Reply.from_json(row.payload)
            message_id = await sender.send(row.chat_id, reply)
        except Exception as raised:  # a bad row (unusable chat id, broken payload) fails alone, counted
            await self._failed(row, as_send_error(raised), lease)
            return False
        await self._mark_sent({"oid": row.id, "mid": message_id, "at": self.clock.now(),
                               "forget": reply.prompt_id == FORGET_CHAT})
        return True

    async def _mark_sent(self, mark: dict[str, object]) -> None:
        """Record one send as sent before the chat's next send; if the database is away, record it once it is back.

        The mark rides with the next write transaction, whoever opens it (the next turn's, usually: Database.ride);
        if none comes within FOLD_SECONDS, one is opened for the marks waiting. Each send still waits for its own
        mark, so a crash can resend at most the one message in flight per chat, as with a commit each.
        """
        ride = self._ride
        if ride is None or ride.taken:
            ride = self._ride = _Marks(self)
            self._rides.add(ride)
            self.db.ride(ride)
            # a timer, not a task sleeping: a turn that takes the ride cancels it, so under load nothing wakes
            ride.timer = asyncio.get_running_loop().call_later(self.fold, self._overdue, ride)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        ride.add(mark, done)
        self._unrecorded.add(int(mark["oid"]))  # type: ignore[call-overload]
        await done

    def _overdue(self, ride: _Marks) -> None:
        """No transaction took the ride in time: it gets one of its own."""
        ride.due = True
        self._start_carrier()

    def _start_carrier(self) -> None:
        if self._rides and (self._carrier is None or self._carrier.done()):
            self._carrier = asyncio.create_task(self._carry())

    async def _carry(self) -> None:
        # The rides due (overdue, failed once, or at shutdown) get a transaction of their own. A failed write (the
        # database restarting, no connection free, or the marks' own write undone by the riders' savepoint while
        # the transaction committed) is tried again after a pause that doubles, until it commits: a send whose mark
        # was dropped would go out a second time once its lease ran out. Meanwhile a failed ride rides with no turn
        # (each would pay its failing write and savepoint): it waits here, out of the database's riders.
        pause = FLUSH_RETRY[0]
        while self._rides:
            waiting = [ride for ride in self._rides if not ride.writing]
            if not waiting:  # a transaction has them: wait for how it ends
                self._settled.clear()
                await self._settled.wait()
                continue
            if not any(ride.due for ride in waiting):  # the next turn may still take them; their timers call again
                return
            for ride in waiting:
                if ride.resting:  # failed before: it rides again now that its pause is over
                    ride.resting = False
                    self.db.ride(ride)
            failures = self._failures
            try:
                carried = await self.db.carry()
            except Exception as error:  # any database trouble: the marks stay, riding with the next one
                failed = type(error).__name__
            else:
                if not carried:  # a transaction took them and has not written them yet: wait for how it ends
                    self._settled.clear()
                    await self._settled.wait()
                    continue
                if self._failures == failures:
                    pause = FLUSH_RETRY[0]
                    continue
                failed = "marks not written"
            log.warning("sends not recorded yet, retrying", extra={"count": len(self._unrecorded), "error": failed,
                                                                   "retry_in": pause})
            await asyncio.sleep(pause)
            pause = min(pause * 2, FLUSH_RETRY[1])

    async def _write_sent(self, session: Session, batch: Sequence[dict[str, object]]) -> None:
        # one executemany for the batch; the send is done whoever holds the row's lease by now
        sends = [{"id": m["oid"], "sent_at": m["at"], "channel_message_id": _kept_id(m["mid"])} for m in batch]
        await outbox_store.record_sent(session, sends, self.clock.now())
        forget = [m["oid"] for m in batch if m.get("forget")]
        if forget:
            await outbox_store.overwrite_outgoing(session, forget, FORGOTTEN)

    async def _failed(self, row: OutgoingMessage, error: SendError, lease: datetime) -> None:
        """Record a send that did not go through: wait as told, retry with backoff, or give up."""
        now = self.clock.now()
        attempts = row.attempts + 1
        waits = waited(row.error) + int(error.rate_limited)
        failures = attempts - waits  # rate-limit waits are not failures
        reason = _error_text(error.reason, waits)
        log.warning("send failed", extra={"outgoing_id": row.id, "channel": row.channel, "permanent": error.permanent,
                                          "rate_limited": error.rate_limited, "attempts": attempts})
        async with self.db.write() as session:
            # Only while the row is still ours (our lease): it may have been claimed and sent elsewhere meanwhile.
            if error.permanent or (not error.rate_limited and failures >= MAX_ATTEMPTS):
                # never sent: nothing more needs an erased citizen's chat id
                forget = FORGOTTEN if (row.payload or {}).get("prompt_id") == FORGET_CHAT else {}
                await workqueue.fail(session, OUTGOING, [row.id], now=now, reason=reason, until=lease,
                                     values={"attempts": attempts, **forget})
            else:
                delay = (timedelta(seconds=error.retry_after) if error.retry_after is not None
                         else workqueue.backoff(waits if error.rate_limited else failures, cap=300))
                await workqueue.retry(session, OUTGOING, [row.id], now=now, delay=delay, reason=reason, until=lease,
                                      values={"attempts": attempts})
            if error.permanent and error.reason == "forbidden" and row.citizen_id is not None:
                await outbox_store.mark_blocked(session, row.citizen_id, now)


class _Marks:
    """The "sent" marks riding with the next write transaction (models/db.py Database.ride), and who waits on them."""

    def __init__(self, deliverer: Deliverer) -> None:
        self.deliverer = deliverer
        self.marks: list[dict[str, object]] = []
        self.waiting: list[asyncio.Future[None]] = []
        self.taken = False  # a transaction took them once: later marks ride with the next one
        self.writing = False  # a transaction is writing them now
        self.due = False  # to be carried by a transaction of their own (Deliverer._carry)
        self.resting = False  # their write failed: off the database's riders until the carrier's pause is over
        self.timer: asyncio.TimerHandle | None = None  # makes them due unless a transaction takes them first

    def add(self, mark: dict[str, object], done: asyncio.Future[None]) -> None:
        """One more mark, and its sender waiting for it."""
        self.marks.append(mark)
        self.waiting.append(done)

    async def write(self, session: Session) -> None:
        """Write them in the transaction carrying them."""
        self.taken = self.writing = True
        if self.timer is not None:
            self.timer.cancel()
        await self.deliverer._write_sent(session, self.marks)

    def committed(self) -> None:
        """Recorded: their senders go on."""
        self.deliverer._unrecorded.difference_update(int(m["oid"]) for m in self.marks)  # type: ignore[call-overload]
        self.deliverer._rides.discard(self)
        self._settle()

    def failed(self) -> None:
        """Not recorded (the database is away, or their own write failed): the carrier tries them again after its
        pause, and no turn carries them meanwhile; their senders go on."""
        self.writing = False
        self.due = True  # not left to a turn that may never come
        self.resting = True
        self.deliverer.db.unride(self)
        self.deliverer._failures += 1
        self._settle()
        self.deliverer._start_carrier()

    def _settle(self) -> None:
        self.deliverer._settled.set()
        for done in self.waiting:
            if not done.done():
                done.set_result(None)
        self.waiting = []


def _kept_id(message_id: object) -> str | None:
    """The channel's id for a send, as the column holds it: one it could never hold is not kept, or the "sent" mark
    would fail for ever and the message go out again each time its lease ran out."""
    if message_id is None:
        return None
    text = str(message_id)
    return text if len(text) <= MESSAGE_ID_MAX else None
