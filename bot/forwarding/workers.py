"""Forwarding wired into a process: the complaint hook that writes each outbox entry in the transaction storing the
complaint (`install`), and the outbox workers and status poller run until stopped (`run_workers`)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress

from bot.forwarding.central import CentralAdapter
from bot.forwarding.forwarder import Forwarder, worker_name
from bot.forwarding.payload import AttachmentFetcher, idempotency_key
from bot.forwarding.poller import StatusPoller
from bot.forwarding.ports import Wiring
from bot.forwarding.settings import OFF_MESSAGE, ForwardingSettings, make_adapter
from models.db import Session
from models.forwarding import ForwardJob
from models.tables import Complaint

log = logging.getLogger("laporbot.forwarding")


def enqueue_hook(core: Wiring, *, enabled: bool) -> Callable[[Session, Complaint], Awaitable[None]]:
    """The complaint hook writing the outbox entry in the transaction that stores the complaint."""

    async def enqueue(session: Session, complaint: Complaint) -> None:
        """Queue the complaint for forwarding."""
        now = core.clock.now()
        session.add(ForwardJob(complaint_id=complaint.id or 0, idempotency_key=idempotency_key(complaint),
                               created_at=now, updated_at=now))
        if enabled:
            # the citizen's confirmation is this very turn's reply: record the state, do not message again
            await core.status.change(session, complaint, "sending", actor="forwarding", notify=False, at=now)

    enqueue.laporbot_forwarding = True  # type: ignore[attr-defined]
    return enqueue


def install(core: Wiring, config: ForwardingSettings | None = None) -> None:
    """Wire forwarding into a Core: every new complaint gets its outbox entry (once, however often called).

    config: the forwarding settings (default: the Core's, whose problems are reported when workers start).
    """
    if any(getattr(hook, "laporbot_forwarding", False) for hook in core.hooks):
        return
    config = config or core.section(ForwardingSettings)
    core.hooks.append(enqueue_hook(core, enabled=config.enabled))


async def _loop(step: Callable[[], Awaitable[int]], stop: asyncio.Event, idle: float, what: str) -> None:
    """Run a step until stopped: again at once while it finds work, after `idle` when it finds none."""
    failures = 0
    while not stop.is_set():
        try:
            busy = await step()
            failures = 0
        except Exception as error:  # the database may be briefly away; never log row contents
            failures += 1
            busy = 0
            log.error("%s step failed", what, extra={"error": type(error).__name__, "failures": failures})
        if busy:
            await asyncio.sleep(0)  # let the web server and channels breathe between batches
            continue
        pause = idle if not failures else min(60.0, idle * 2 ** min(failures, 10))
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), pause)


async def run_workers(core: Wiring, n: int | None = None, stop: asyncio.Event | None = None, *,
                      adapter: CentralAdapter | None = None, config: ForwardingSettings | None = None,
                      fetchers: Mapping[str, AttachmentFetcher] | None = None) -> None:
    """Run `n` outbox workers and the status poller until `stop` is set (inside `laporbot run`, or alone).

    `fetchers` get each attachment's file by channel (bot.forwarding.fetchers.attachment_fetchers builds
    them from the settings); if the mapping has a `close()`, it is called when the workers stop.
    """
    try:
        await _run_workers(core, n, stop, adapter=adapter, config=config, fetchers=fetchers)
    finally:
        closing = getattr(fetchers, "close", None)
        if closing is not None:
            await closing()


async def _run_workers(core: Wiring, n: int | None, stop: asyncio.Event | None, *, adapter: CentralAdapter | None,
                       config: ForwardingSettings | None, fetchers: Mapping[str, AttachmentFetcher] | None) -> None:
    """run_workers itself."""
    config = config or core.section(ForwardingSettings, checked=True)
    stop = stop or asyncio.Event()
    install(core)
    if adapter is None and not config.enabled:
        log.warning(OFF_MESSAGE)
        await stop.wait()
        return
    owned = adapter is None
    adapter = adapter or make_adapter(config, core.clock, core.settings.region)
    assert adapter is not None
    count = n or config.workers
    log.info("forwarding to %s is on", adapter.name,
             extra={"central": adapter.name, "workers": count,
                    "poll_interval_s": config.poll_interval.total_seconds(), "max_attempts": config.max_attempts})
    forwarders = [Forwarder(core, adapter, config, worker_id=worker_name(i), fetchers=fetchers)
                  for i in range(count)]
    poller = StatusPoller(core, adapter, config)
    poll_idle = min(60.0, config.poll_interval.total_seconds())
    tasks = [asyncio.create_task(_loop(f.run_once, stop, config.idle, "forwarding")) for f in forwarders]
    tasks.append(asyncio.create_task(_loop(poller.poll_once, stop, poll_idle, "status poll")))
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if owned:
            await adapter.close()
