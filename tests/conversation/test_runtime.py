"""The channel runtime alone, with a fake inbox and deliverer: order per chat, stop, failures, catch-up at start.

No sleeps and no clocks: every wait is for an event the code under test sets.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest

from bot.conversation.inbox import Handled
from bot.conversation.runtime import ChannelRuntime, Loop
from bot.core.clock import FixedClock
from bot.core.messages import Arrival, Inbound
from models import store
from models.db import Database

CHANNEL = "fakechan"


class FakeInbox:
    """Handles every batch at once, remembering how messages were grouped; catch-up remembers what it handled."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.resumed: list[tuple[int, bool]] = []  # (inbound id, whether the runtime was accepting then)
        self.runtime: ChannelRuntime[Any] | None = None

    async def handle_batch(self, messages: Sequence[Inbound], *, claim_for: timedelta | None = None) -> list[Handled]:
        """One transaction for the batch."""
        self.batches.append([m.message_id for m in messages])
        return [Handled([], [], m.channel, m.user_id) for m in messages]

    async def record_failed(self, msg: Inbound, error: BaseException, *,
                            claim_for: timedelta | None = None) -> Handled:
        """Not reached: handle_batch does not fail here."""
        raise AssertionError("no message fails in these tests")

    async def process_or_fail(self, inbound_id: int) -> Handled:
        """A message recorded before a restart, handled at start."""
        assert self.runtime is not None
        self.resumed.append((inbound_id, self.runtime.accepting))
        return Handled([], [inbound_id])


class FakeDeliverer:
    """Remembers what it was asked, in the log the jobs write too (to see what came before what)."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    async def deliver(self, ids: Sequence[int]) -> None:
        """Catch-up sends of one message."""
        self.log.append(f"deliver {list(ids)}")

    async def deliver_pending(self, channel: str | None = None, limit: int = 500) -> int:
        """Catch-up sends of a channel."""
        self.log.append(f"pending {channel}")
        return 0

    async def flush(self) -> None:
        """Stop's last step for sends."""
        self.log.append("flush")


class Parts:
    """What the runtime uses of the process: the (real) database, the fake inbox and deliverer."""

    def __init__(self, db: Database, log: list[str]) -> None:
        self.db = db
        self.inbox = FakeInbox()
        self.deliverer = FakeDeliverer(log)


class Jobs:
    """The channel's work: a job is (chat, name); a name with a gate waits for it; a name starting "bad" raises."""

    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.gates: dict[str, asyncio.Event] = {}
        self._began: dict[str, asyncio.Event] = {}
        self._ended: dict[str, asyncio.Event] = {}

    def began(self, name: str) -> asyncio.Event:
        """Set once the job of this name has started."""
        return self._began.setdefault(name, asyncio.Event())

    def ended(self, name: str) -> asyncio.Event:
        """Set once the job of this name has finished (or failed)."""
        return self._ended.setdefault(name, asyncio.Event())

    async def __call__(self, job: tuple[str, str]) -> None:
        _chat, name = job
        self.began(name).set()
        try:
            if name in self.gates:
                await self.gates[name].wait()
            if name.startswith("bad"):
                raise RuntimeError("a bug in one job")
            self.log.append(name)
        finally:
            self.ended(name).set()


Runtime = ChannelRuntime[tuple[str, str]]


def make(db: Database) -> tuple[Runtime, Parts, Jobs, list[str]]:
    log: list[str] = []
    parts = Parts(db, log)
    jobs = Jobs(log)
    runtime: Runtime = ChannelRuntime(parts, CHANNEL, jobs)  # type: ignore[arg-type]  # the fakes, not Inbox
    parts.inbox.runtime = runtime
    return runtime, parts, jobs, log


async def test_one_chats_jobs_run_in_order_while_other_chats_go_on(db: Database) -> None:
    runtime, _parts, jobs, log = make(db)
    jobs.gates["a1"] = asyncio.Event()
    for name in ("a1", "a2", "a3"):
        runtime.queue("ani", ("ani", name))
    runtime.queue("budi", ("budi", "b1"))
    await jobs.began("a1").wait()
    await jobs.ended("b1").wait()  # budi is not held up by ani's first job, which has not finished
    assert log == ["b1"]
    assert not jobs.began("a2").is_set()  # nor has ani's next one begun
    jobs.gates["a1"].set()
    await runtime.join()
    assert log == ["b1", "a1", "a2", "a3"]


async def test_a_failing_job_never_stops_the_others(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    runtime, _parts, _jobs, log = make(db)
    runtime.queue("ani", ("ani", "bad1"))
    runtime.queue("ani", ("ani", "a2"))
    runtime.queue("budi", ("budi", "bad2"))
    runtime.queue("budi", ("budi", "b2"))
    with caplog.at_level(logging.ERROR, logger="laporbot.sequencer"):
        await runtime.join()
    assert sorted(log) == ["a2", "b2"]
    assert sum("work failed" in r.getMessage() for r in caplog.records) == 2


async def test_stop_ends_the_tasks_then_finishes_queued_jobs_flushes_and_waits_for_background_work(
        db: Database) -> None:
    runtime, _parts, jobs, log = make(db)
    ended = asyncio.Event()

    async def loop() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            ended.set()

    await runtime.start(Loop("fakechan.loop", loop))
    gate = asyncio.Event()
    jobs.gates["a1"] = gate
    runtime.queue("ani", ("ani", "a1"))
    runtime.queue("ani", ("ani", "a2"))

    async def background() -> None:
        await gate.wait()
        log.append("background")

    runtime.spawn(background())
    await jobs.began("a1").wait()
    stopping = asyncio.create_task(runtime.stop())
    await ended.wait()  # stop() has begun: no more taking, the loops are ended
    assert not runtime.accepting
    assert runtime.stopping
    assert not stopping.done()  # the queued jobs are not finished yet
    gate.set()
    await stopping
    assert log.index("a1") < log.index("a2") < log.index("flush")
    assert "background" in log


async def test_a_failing_background_work_is_logged_and_the_rest_goes_on(db: Database,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    runtime, _parts, _jobs, log = make(db)

    async def broken() -> None:
        raise ValueError("a bug")

    async def fine() -> None:
        log.append("fine")

    with caplog.at_level(logging.ERROR, logger="laporbot.runtime"):
        runtime.spawn(broken())
        runtime.spawn(fine())
        await runtime.drain()
    assert log == ["fine"]
    assert [r.getMessage() for r in caplog.records] == ["background work failed"]


async def test_interceptors_first_true_wins_and_a_failing_one_never_stops_the_others(
        db: Database, caplog: pytest.LogCaptureFixture) -> None:
    runtime, _parts, _jobs, _log = make(db)
    asked: list[str] = []

    def said(arrival: Arrival) -> str:
        return arrival.inbound.text if arrival.inbound is not None else str(arrival.raw.get("data"))

    async def broken(arrival: Arrival) -> bool:
        asked.append(f"broken {said(arrival)}")
        raise RuntimeError("a bug in an interceptor")

    async def admin(arrival: Arrival) -> bool:
        asked.append(f"admin {said(arrival)}")
        return arrival.inbound is None and said(arrival).startswith("adm:")

    async def last(arrival: Arrival) -> bool:
        asked.append(f"last {said(arrival)}")
        return False

    runtime.interceptors += [broken, admin, last]
    with caplog.at_level(logging.ERROR, logger="laporbot.runtime"):
        # a button press is no citizen message (no Inbound); a text is both
        assert await runtime.intercepted(Arrival(None, {"data": "adm:press"})) is True
        assert await runtime.intercepted(Arrival(Inbound("fake", "7", "m1", text="halo"))) is False
    assert asked == ["broken adm:press", "admin adm:press",  # claimed: the last one is not asked
                     "broken halo", "admin halo", "last halo"]
    assert sum("interceptor failed" in r.getMessage() for r in caplog.records) == 2


async def test_messages_submitted_together_share_one_commit(db: Database) -> None:
    runtime, parts, _jobs, _log = make(db)
    futures = runtime.submit([Inbound(CHANNEL, "ani", "m1", text="a"), Inbound(CHANNEL, "budi", "m2", text="b")])
    handled = await asyncio.gather(*futures)
    assert [h.chat_id for h in handled] == ["ani", "budi"]
    assert parts.inbox.batches == [["m1", "m2"]]


async def test_start_catches_up_before_accepting_then_runs_the_retries_and_the_channels_loops(
        db: Database, clock: FixedClock) -> None:
    runtime, parts, _jobs, log = make(db)
    async with db.write() as session:  # recorded before a restart, never handled: one of ours, one of another
        ours = Inbound(CHANNEL, "ani", "m1", text="halo")
        other = Inbound("otherchan", "budi", "m2", text="halo")
        mine = await store.record_inbound(session, ours, await store.citizen_for(session, ours, clock.now()),
                                          clock.now())
        await store.record_inbound(session, other, await store.citizen_for(session, other, clock.now()), clock.now())
    polled = asyncio.Event()

    async def poll() -> None:
        polled.set()
        await asyncio.Event().wait()  # until cancelled by stop()

    assert not runtime.accepting
    await runtime.start(Loop("fakechan.poll", poll, up_on_start=False))
    assert parts.inbox.resumed == [(mine, False)]  # handled before anything new was taken
    assert log == [f"deliver [{mine}]", f"pending {CHANNEL}"]
    assert runtime.accepting
    await polled.wait()
    assert sorted(t.get_name() for t in runtime.tasks) == ["fakechan.poll", "fakechan.retry_sends"]
    await runtime.stop()
    assert all(t.done() for t in runtime.tasks)
    assert runtime.stopping
