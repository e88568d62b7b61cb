"""Per-chat ordering inside one process: one chat's messages run one after another, chats run side by side."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

log = logging.getLogger("laporbot.sequencer")
T = TypeVar("T")


class ChatSequencer(Generic[T]):
    """Queues work per chat key and runs each queue in order, with a cap on chats handled at once."""

    def __init__(self, work: Callable[[T], Awaitable[None]], concurrency: int = 32) -> None:
        self._work = work
        self._queues: dict[str, deque[T]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(concurrency)
        self._idle = asyncio.Event()
        self._idle.set()

    def submit(self, key: str, item: T) -> None:
        """Queue an item for a chat; it runs after everything queued before it for that chat."""
        queue = self._queues.get(key)
        if queue is not None:
            queue.append(item)
            return
        self._queues[key] = deque([item])
        self._idle.clear()
        task = asyncio.create_task(self._drain(key))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _drain(self, key: str) -> None:
        queue = self._queues[key]
        try:
            while queue:
                item = queue[0]
                async with self._slots:
                    try:
                        await self._work(item)
                    except Exception:  # the item stays recorded as pending; recovery or a retry handles it
                        log.exception("work failed", extra={"chat_key": key})
                queue.popleft()
        finally:
            del self._queues[key]
            if not self._queues:
                self._idle.set()

    @property
    def busy(self) -> int:
        """How many chats have work queued."""
        return len(self._queues)

    async def join(self) -> None:
        """Wait until every queued item has run."""
        await self._idle.wait()
