"""`laporbot outbox list|retry <id>|retry-failed` and `laporbot worker`: the forwarding outbox for operators."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from typing import TYPE_CHECKING, Any

from bot.settings import ConfigError, Settings
from models.forwarding import JOB_STATUSES

if TYPE_CHECKING:
    from bot.app import Core


def register(subparsers: Any) -> None:
    """Add the `outbox` and `worker` sub-commands."""
    outbox = subparsers.add_parser("outbox", help="the forwarding outbox to the central complaint system")
    actions = outbox.add_subparsers(dest="outbox_action", required=True)
    show = actions.add_parser("list", help="entries waiting, being sent or failed (with --status: any)")
    show.add_argument("--status", choices=(*JOB_STATUSES, "all"), action="append",
                      help="only entries in this status (repeatable; default: pending, sending, failed)")
    show.add_argument("--limit", type=int, default=50)
    show.add_argument("--json", action="store_true", help="one JSON object per line")
    again = actions.add_parser("retry", help="send one failed (or waiting) entry again, now")
    again.add_argument("ref", help="outbox entry id or the complaint's tracking number (LPR-...)")
    actions.add_parser("retry-failed", help="send every failed entry again")
    outbox.set_defaults(func=_outbox)
    worker = subparsers.add_parser("worker", help="run the forwarding workers and status poller until SIGTERM")
    worker.add_argument("--workers", type=int, default=None, help="concurrent workers (LAPORBOT_FORWARD_WORKERS)")
    worker.set_defaults(func=_worker)


def _outbox(args: argparse.Namespace) -> int:
    """Entry point of `laporbot outbox ...`."""
    return asyncio.run(outbox_command(Settings.from_env(), args))


def _worker(args: argparse.Namespace) -> int:
    """Entry point of `laporbot worker`."""
    return asyncio.run(worker_command(Settings.from_env(), workers=args.workers))


async def outbox_command(settings: Settings, args: argparse.Namespace, *, core: Core | None = None) -> int:
    """List or requeue outbox entries; print to stdout, return the exit code."""
    from bot.forwarding.jobs import list_jobs, outbox_counts, retry
    from bot.wiring import build_core

    own = core is None
    core = core or await build_core(settings)
    try:
        if args.outbox_action == "list":
            statuses = args.status or ["pending", "sending", "failed"]
            if "all" in statuses:
                statuses = list(JOB_STATUSES)
            counts = await outbox_counts(core)
            jobs = await list_jobs(core, statuses, limit=args.limit)
            if args.json:
                for job in jobs:
                    print(json.dumps({**vars(job), "not_before": _iso(job.not_before),
                                      "updated_at": _iso(job.updated_at)}, ensure_ascii=False))
                return 0
            print("outbox: " + ", ".join(f"{status} {n}" for status, n in counts.items()))
            if not jobs:
                print("no entries in " + ", ".join(statuses))
                return 0
            print(f"{'id':>6}  {'complaint':<12} {'status':<8} {'tries':>5}  {'next try':<20} {'remote':<12} error")
            for job in jobs:
                print(f"{job.id:>6}  {job.tracking_no:<12} {job.status:<8} {job.attempts:>5}  "
                      f"{_iso(job.not_before) or '-':<20} {job.remote_id or '-':<12} {job.last_error or ''}")
            return 0
        ref = None if args.outbox_action == "retry-failed" else args.ref
        ids = await retry(core, ref, actor="operator:cli")
        if not ids:
            print("nothing to retry" if ref is None else f"no failed or waiting entry {ref}", file=sys.stderr)
            return 0 if ref is None else 1
        print(f"requeued {len(ids)} entr{'y' if len(ids) == 1 else 'ies'}: {', '.join(map(str, ids[:20]))}"
              + (" ..." if len(ids) > 20 else ""))
        return 0
    finally:
        if own:
            await core.close()


async def worker_command(settings: Settings, *, workers: int | None = None,
                         stop: asyncio.Event | None = None) -> int:
    """Run the workers alone until SIGTERM/SIGINT (or `stop`)."""
    from bot.forwarding.fetchers import attachment_fetchers
    from bot.forwarding.settings import ForwardingSettings
    from bot.forwarding.workers import run_workers
    from bot.wiring import build_core

    try:
        config = ForwardingSettings.from_env(settings.extra)
    except ConfigError as error:
        print("Forwarding configuration problems:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    handled: list[signal.Signals] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
            handled.append(sig)
        except (NotImplementedError, RuntimeError):  # not the main thread
            pass
    core = await build_core(settings)
    try:
        # the files citizens sent on Telegram/WhatsApp go along, as under `laporbot run`
        await run_workers(core, workers, stop, config=config, fetchers=attachment_fetchers(core, config))
    except ConfigError as error:
        print("Forwarding configuration problems:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    finally:
        for sig in handled:
            loop.remove_signal_handler(sig)
        await core.close()
    return 0


def _iso(moment: Any) -> str | None:
    """A time for operators, to the second."""
    return moment.isoformat(timespec="seconds") if moment is not None else None
