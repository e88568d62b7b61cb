"""One channel's runtime: what every channel does between taking a message and sending its replies.

A channel (handlers/telegram/channel.py, handlers/whatsapp/channel.py) composes one ChannelRuntime and keeps only
what is its own: reading and checking its payloads, rendering and sending replies, marking read, media, webhook
checks, polling. The runtime owns the rest, once:

* `interceptors` — run before a message becomes a turn, so that what is not for the citizen flows (an admin's
  button or command, a citizen's answer to an admin's question) is claimed first. One type and one calling
  signature on every channel, `Interceptor = Callable[[Arrival], Awaitable[bool]]`: an `Arrival`
  (bot/core/messages.py) holds the parsed `Inbound` (None for an admin's button press, which is no citizen turn)
  and the channel's checked raw payload. `intercepted(arrival)` calls them in order and the first True wins (claimed:
  no turn); one that raises is logged and counts as False, so the others still run and the message still
  reaches the flows rather than failing its whole delivery again and again.
* `submit(messages)` — group commit (bot/conversation/batcher.py): the futures resolve once each message is
  recorded and handled, in one transaction with the messages that arrived with it.
* `queue(user_id, job)` — per-chat order (bot/conversation/sequencer.py, keyed "channel:user"): a chat's jobs run
  one after another, chats side by side; a job that fails is logged and never stops the next one.
* `spawn(coro)` — background work (blue ticks, media kept, a button press answered) the stop waits for.
* `supervise(name, fn)` — a task run by bot/ops/supervisor.py (restarted when it fails, shown in /readyz) until stop.
* `start(*extra_tasks)` — catch up first (bot/conversation/catchup.py: what was recorded but not handled before a
  restart is handled, what was not sent is sent), then accept, then retry this channel's due sends and run the
  channel's own loops (`Loop`, e.g. Telegram's getUpdates).
* `stop()` — stop accepting, end the tasks, finish every queued job, flush the deliverer, wait for background work.

It receives the narrow parts it uses (`catchup.Parts`: db, inbox, deliverer), not the process's Core, and is
channel-free: it imports neither handlers, telegram nor aiohttp (a lint-imports contract in pyproject.toml).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from bot.conversation import catchup
from bot.conversation.batcher import TurnBatcher
from bot.conversation.inbox import Handled
from bot.conversation.sequencer import ChatSequencer
from bot.core.messages import Arrival, Inbound
from bot.ops import supervisor

log = logging.getLogger("laporbot.runtime")

J = TypeVar("J")  # a job queued for one chat

#: Claims an item before it becomes a turn: True when it was the interceptor's (see the module docstring).
Interceptor = Callable[[Arrival], Awaitable[bool]]

STOP_WAIT = 10.0  # seconds stop() waits for background work


@dataclass(frozen=True)
class Loop:
    """A channel's own long-running task, supervised from start to stop (e.g. Telegram's getUpdates loop)."""

    name: str
    run: supervisor.Factory
    up_on_start: bool = True  # False: shown up only once it reports a beat (bot/ops/supervisor.py)
    backoff: tuple[float, float] = supervisor.BACKOFF


class ChannelRuntime(Generic[J]):
    """Group commit, per-chat order, interceptors, background and supervised tasks, start and stop of one channel."""

    def __init__(self, parts: catchup.Parts, channel: str, work: Callable[[J], Awaitable[None]], *,
                 concurrency: int = 32, group_commit_wait: float = 0.0) -> None:
        """work: what a queued job does (the channel's send); concurrency: chats worked on at once;
        group_commit_wait: seconds a lone message may wait for another to share its transaction (TurnBatcher)."""
        self.parts = parts
        self.channel = channel
        self.interceptors: list[Interceptor] = []
        self._batcher = TurnBatcher(parts.inbox, wait=group_commit_wait)
        self._sequencer: ChatSequencer[J] = ChatSequencer(work, concurrency)
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._background: set[asyncio.Task[Any]] = set()
        self._accepting = False

    @property
    def group_commit_wait(self) -> float:
        """Seconds a lone message may wait for another to share its transaction (0: never)."""
        return self._batcher.wait

    @property
    def accepting(self) -> bool:
        """Whether new messages are taken (from the end of start() until stop() begins)."""
        return self._accepting

    @property
    def stopping(self) -> bool:
        """Whether stop() has begun: loops end their round."""
        return self._stop.is_set()

    @property
    def tasks(self) -> tuple[asyncio.Task[None], ...]:
        """The supervised tasks running (the retry of due sends, the channel's loops)."""
        return tuple(self._tasks)

    async def start(self, *extra_tasks: Loop) -> None:
        """Catch up, then accept messages; retry this channel's due sends and run extra_tasks until stop()."""
        await self.resume()
        self._accepting = True
        # --- poison: supervised ---
        self.supervise(f"{self.channel}.retry_sends", lambda: catchup.retry_sends(self.parts, self.channel,
                                                                                  self._stop))
        for loop in extra_tasks:
            self.supervise(loop.name, loop.run, up_on_start=loop.up_on_start, backoff=loop.backoff)

    async def resume(self) -> None:
        """Handle what was recorded but not handled before a restart, and send what was not sent."""
        await catchup.resume(self.parts, self.channel)

    async def stop(self) -> None:
        """Stop accepting, end the tasks, finish the queued jobs and their sends, wait for background work."""
        self._accepting = False
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._sequencer.join()
        await self.parts.deliverer.flush()
        await self.drain(STOP_WAIT)

    async def intercepted(self, arrival: Arrival) -> bool:
        """Whether an interceptor claimed what arrived (the first True wins; one that raises counts as False)."""
        for intercept in self.interceptors:
            try:
                if await intercept(arrival):
                    return True
            except Exception as error:
                log.exception("interceptor failed", extra={"channel": self.channel, "error": type(error).__name__})
        return False

    def submit(self, messages: Sequence[Inbound]) -> list[asyncio.Future[Handled]]:
        """Record and handle messages in this order (group commit); each future resolves once its turn is committed."""
        return self._batcher.submit_many(messages)

    def queue(self, user_id: str, job: J) -> None:
        """Run a job after every job queued before it for this chat."""
        self._sequencer.submit(f"{self.channel}:{user_id}", job)

    async def join(self) -> None:
        """Wait until every queued job has run."""
        await self._sequencer.join()

    def spawn(self, work: Coroutine[Any, Any, Any]) -> None:
        """Run background work that stop() waits for; its failure is logged."""
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._finished)

    async def drain(self, timeout: float | None = None) -> None:  # noqa: ASYNC109
        """Wait for the background work to finish, also work spawned meanwhile (at most timeout seconds, if given)."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while self._background:
            left = None if deadline is None else deadline - loop.time()
            if left is not None and left <= 0:
                return
            await asyncio.wait(set(self._background), timeout=left)

    def supervise(self, name: str, fn: supervisor.Factory, *, up_on_start: bool = True,
                  backoff: tuple[float, float] = supervisor.BACKOFF) -> asyncio.Task[None]:
        """Run fn as a supervised task (restarted with backoff when it fails) until stop()."""
        task = supervisor.supervise(name, fn, stop=self._stop, up_on_start=up_on_start, backoff=backoff)
        self._tasks.append(task)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._background.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("background work failed", exc_info=error, extra={"channel": self.channel,
                                                                      "error": type(error).__name__})


__all__ = ["ChannelRuntime", "Interceptor", "Loop"]
