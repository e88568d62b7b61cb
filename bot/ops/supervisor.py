"""Background tasks that cannot die silently: each failure logged, the task restarted with backoff, its health shown.

Every long-running loop of the process (Telegram polling, send retries, forwarding workers, schedulers, the
retention clean-up, SQLite checkpoints) runs under supervise(). An exception out of it is logged and the
loop is started again after a pause that doubles up to a cap; a task that has been down (failing, or not yet
working again) for longer than LAPORBOT_TASK_DOWN_SECONDS makes /readyz answer 503, and
`laporbot_task_up{task}` shows each task's state.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import Gauge

from bot.ops.metrics import REGISTRY

log = logging.getLogger("laporbot.supervisor")

TASK_UP = Gauge("laporbot_task_up", "Background task working (1) or down and being restarted (0)", ["task"],
                registry=REGISTRY)
DOWN_SECONDS = 60.0  # default for LAPORBOT_TASK_DOWN_SECONDS: longer than this down and the process is not ready
BACKOFF = (1.0, 60.0)  # first and longest pause before a failed task is started again
SETTLE = 10.0  # a task started again after a failure counts as up once it has run this long (or reported a beat)

Factory = Callable[[], Coroutine[Any, Any, Any]]


@dataclass
class TaskState:
    """What is known about one supervised task."""

    name: str
    up: bool = True
    down_since: float | None = None  # monotonic time of the failure that took it down
    failures: int = 0
    last_error: str | None = None
    beats: int = 0  # successful rounds it reported (see Supervisor.beat)
    generation: int = 0  # how many times it was started
    task: asyncio.Task[None] | None = field(default=None, repr=False)


class Supervisor:
    """The registry of supervised tasks, consulted by /readyz."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, settle: float = SETTLE) -> None:
        self.clock = clock
        self.settle = settle
        self.tasks: dict[str, TaskState] = {}

    def supervise(self, name: str, factory: Factory, *, stop: asyncio.Event | None = None,
                  backoff: tuple[float, float] = BACKOFF, up_on_start: bool = True) -> asyncio.Task[None]:
        """Run factory() as a task until stop is set; restart it with backoff whenever it raises (or returns early).

        A task is up from its first start; after a failure it is down until it reports a beat() or has run for
        `settle` seconds again, so a task that fails again and again stays down. up_on_start=False: up only
        through beat() (e.g. after a getUpdates that worked), also at the first start.
        """
        state = TaskState(name)
        self.tasks[name] = state
        state.task = asyncio.create_task(self._run(state, factory, stop, backoff, up_on_start), name=name)
        return state.task

    def beat(self, name: str) -> None:
        """A supervised task reports a round that worked: it is up."""
        state = self.tasks.get(name)
        if state is not None:
            state.beats += 1
            self._up(state)

    def down(self, name: str, error: BaseException | str) -> None:
        """A supervised task reports trouble it handles itself (it keeps running): shown down until a beat."""
        state = self.tasks.get(name)
        if state is not None:
            self._down(state, error)

    def down_longer_than(self, seconds: float) -> list[str]:
        """Names of the tasks down for longer than this."""
        now = self.clock()
        return sorted(s.name for s in self.tasks.values()
                      if not s.up and s.down_since is not None and now - s.down_since > seconds)

    def _up(self, state: TaskState) -> None:
        state.up, state.down_since = True, None
        TASK_UP.labels(state.name).set(1)

    def _down(self, state: TaskState, error: BaseException | str) -> None:
        state.failures += 1
        state.last_error = error if isinstance(error, str) else type(error).__name__
        if state.up or state.down_since is None:
            state.down_since = self.clock()
        state.up = False
        TASK_UP.labels(state.name).set(0)

    async def _run(self, state: TaskState, factory: Factory, stop: asyncio.Event | None,
                   backoff: tuple[float, float], up_on_start: bool) -> None:
        pause = backoff[0]
        loop = asyncio.get_running_loop()
        try:
            while True:
                state.generation += 1
                settled: asyncio.TimerHandle | None = None
                if up_on_start and state.failures == 0:
                    self._up(state)
                elif up_on_start:  # started again after a failure: up once it has kept running a while
                    settled = loop.call_later(self.settle, self._settled, state, state.generation)
                beats = state.beats
                try:
                    await factory()
                except asyncio.CancelledError:
                    raise
                except Exception as error:
                    self._down(state, error)
                    # The type and the traceback, not str(error) in the message: the logging filters scrub it.
                    log.error("background task failed, restarting", exc_info=error,
                              extra={"task": state.name, "error": type(error).__name__, "restart_in": pause})
                else:
                    if stop is None or stop.is_set():
                        return  # finished as asked
                    self._down(state, "returned")
                    log.error("background task returned before it was asked to stop, restarting",
                              extra={"task": state.name, "restart_in": pause})
                finally:
                    if settled is not None:
                        settled.cancel()
                if state.beats > beats:
                    pause = backoff[0]  # it worked for a while before failing: start again soon
                if stop is None:
                    await asyncio.sleep(pause)
                else:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), pause)
                    if stop.is_set():
                        return
                pause = min(pause * 2, backoff[1])
        finally:
            if self.tasks.get(state.name) is state:
                del self.tasks[state.name]
                with contextlib.suppress(KeyError):  # a task that never reported has no sample
                    TASK_UP.remove(state.name)

    def _settled(self, state: TaskState, generation: int) -> None:
        if state.generation == generation:  # the run started then is still going: it works again
            self._up(state)


SUPERVISOR = Supervisor()  # one per process: the tasks every part of it starts, as /readyz sees them


def supervise(name: str, factory: Factory, *, stop: asyncio.Event | None = None,
              backoff: tuple[float, float] = BACKOFF, up_on_start: bool = True) -> asyncio.Task[None]:
    """Supervise a background task in this process's registry (see Supervisor.supervise)."""
    return SUPERVISOR.supervise(name, factory, stop=stop, backoff=backoff, up_on_start=up_on_start)


def beat(name: str) -> None:
    """Report a round of a supervised task that worked."""
    SUPERVISOR.beat(name)


def down_longer_than(seconds: float) -> list[str]:
    """Tasks of this process down for longer than this."""
    return SUPERVISOR.down_longer_than(seconds)
