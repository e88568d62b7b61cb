"""Group commit's wait for company: a lone message waits for a second only while messages come that fast."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import timedelta

from bot.conversation.batcher import TurnBatcher
from bot.conversation.inbox import Handled
from bot.core.messages import Inbound
from bot.settings import Settings

FOREVER = 3600.0  # a wait no test sees the end of: a message still waiting then would hang, not pass


class Batches:
    """An inbox that records which messages each transaction held."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    async def handle_batch(self, messages: Sequence[Inbound], claim_for: timedelta | None = None) -> list[Handled]:
        self.batches.append([m.message_id for m in messages])
        return [Handled([], []) for _ in messages]


class Clock:
    """Monotonic seconds that move only when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _msg(n: int) -> Inbound:
    return Inbound("telegram", str(n), f"m{n}", text="halo")


async def _settle() -> None:
    """Let every ready task run (the fake inbox does no I/O, so a few loop turns finish any batch not waiting)."""
    for _ in range(10):
        await asyncio.sleep(0)


async def test_messages_coming_fast_share_a_transaction() -> None:
    inbox, clock = Batches(), Clock()
    batcher = TurnBatcher(inbox, wait=FOREVER, clock=clock)  # type: ignore[arg-type]
    first = batcher.submit_many([_msg(1)])[0]
    await _settle()
    assert first.done()  # the first message of all: nothing says another comes soon
    clock.now += 0.001
    second = batcher.submit_many([_msg(2)])[0]
    await _settle()
    assert not second.done()  # messages come 1 ms apart: it waits for company
    clock.now += 0.001
    third = batcher.submit_many([_msg(3)])[0]
    await asyncio.gather(second, third)
    assert inbox.batches == [["m1"], ["m2", "m3"]]


async def test_sparse_messages_never_wait() -> None:
    inbox, clock = Batches(), Clock()
    batcher = TurnBatcher(inbox, wait=0.02, clock=clock)  # type: ignore[arg-type]
    futures = []
    for n in range(5):
        futures.append(batcher.submit_many([_msg(n)])[0])
        await _settle()
        assert futures[-1].done()  # 8 ms apart is not less than a third of the 20 ms wait: nobody waits
        clock.now += 0.008
    assert inbox.batches == [[f"m{n}"] for n in range(5)]


async def test_a_lull_ends_the_waiting_at_once() -> None:
    inbox, clock = Batches(), Clock()
    batcher = TurnBatcher(inbox, wait=1.0, clock=clock)  # type: ignore[arg-type]
    for n in range(4):  # a busy stretch, 1 ms apart, in pairs
        batcher.submit_many([_msg(2 * n), _msg(2 * n + 1)])
        clock.now += 0.001
    await _settle()
    clock.now += 60.0  # a minute of quiet, then one citizen writes
    late = batcher.submit_many([_msg(99)])[0]
    await _settle()
    assert late.done() and inbox.batches[-1] == ["m99"]


async def test_a_lone_message_waits_no_longer_than_the_wait() -> None:
    inbox, clock = Batches(), Clock()
    batcher = TurnBatcher(inbox, wait=0.005, clock=clock)  # type: ignore[arg-type]
    batcher.submit_many([_msg(1)])
    await _settle()
    clock.now += 0.0001
    handled = await batcher.submit_many([_msg(2)])[0]  # nobody follows: handled when the wait ends
    assert handled.replies == [] and inbox.batches == [["m1"], ["m2"]]


async def test_no_wait_means_every_batch_goes_at_once() -> None:
    inbox, clock = Batches(), Clock()
    batcher = TurnBatcher(inbox, clock=clock)  # type: ignore[arg-type]
    for n in range(3):
        future = batcher.submit_many([_msg(n)])[0]
        await _settle()
        assert future.done()
        clock.now += 0.0001
    assert inbox.batches == [["m0"], ["m1"], ["m2"]]


def test_the_wait_is_a_setting_20_ms_by_default_at_most_100() -> None:
    assert Settings.from_env({}).group_commit_wait == timedelta(milliseconds=20)
    assert Settings.from_env({"LAPORBOT_GROUP_COMMIT_WAIT_MS": "0"}).group_commit_wait == timedelta(0)
    assert Settings.from_env({"LAPORBOT_GROUP_COMMIT_WAIT_MS": "7.5"}).group_commit_wait == timedelta(microseconds=7500)
    problems = Settings.parse({"LAPORBOT_GROUP_COMMIT_WAIT_MS": "500"})[1]
    assert any("LAPORBOT_GROUP_COMMIT_WAIT_MS" in p for p in problems)
