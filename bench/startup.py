"""Benchmark: how fast `laporbot run` is ready, how much memory it holds, and what it burns when idle.

The real process (`python -m bot.cli run`, Telegram webhook mode, SQLite) against the fake Bot API, measured from
spawn: ready = /readyz answers 200 and a webhook POST (a citizen's /start) is taken with 200. Then RSS (VmRSS of the
whole process tree, from /proc) at ready and after N scripted complaints (bench/telegram_bot.py's citizens, 32 at
once), and the tree's CPU over 10 s of idling after them. Each run is a fresh process on a fresh database
("fresh"); --restart also times a second start on the database the run left ("restart": schema current).
The checkout under test and a baseline checkout (same venv, each its own code via PYTHONPATH and cwd) run
interleaved, the order alternating, and the medians and new/base ratios are printed. Both are byte-compiled first,
as an installed wheel is (this machine sets PYTHONDONTWRITEBYTECODE, which would otherwise compile ~150 of our
modules from source at every start), and each does one unmeasured start first (its data caches, if any, written).
Both run at the image's PYTHONOPTIMIZE (Dockerfile: 2, docstrings dropped; --optimize 0 for a plain run), their
code and the interpreter's packages compiled for that level as the image's builder does:

    git worktree add /tmp/lighter-base <commit>
    .venv/bin/python bench/startup.py --base /tmp/lighter-base [--repeat 5] [--complaints 200] [--restart] \
        [--python /tmp/prod/bin/python]

--python runs the bots with another interpreter: a venv of requirements.lock alone, as the image installs, is
what ships (the dev venv adds click, rich and pygments, which httpx imports when they are there, ~3 MB):

    python3 -m venv /tmp/prod && /tmp/prod/bin/pip install --no-deps -r requirements.lock
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import telegram_bot as tb  # noqa: E402

from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402
from tests.procs import free_port  # noqa: E402

IDLE_SECONDS = 10.0
PACKAGES = ("bot", "handlers", "flows", "models")
CONCURRENT = 32


def tree(pid: int) -> list[int]:
    """A process and all its descendants now alive."""
    found = [pid]
    for p in found:
        for task in Path(f"/proc/{p}/task").iterdir():
            try:
                found += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def tree_rss_mb(pid: int) -> float:
    """Resident memory of the process tree (VmRSS summed), MB."""
    total = 0
    for p in tree(pid):
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of the process tree."""
    total = 0.0
    for p in tree(pid):
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


async def until_ready(http: aiohttp.ClientSession, proc: asyncio.subprocess.Process, port: int,
                      fake: FakeTelegramAPI, replies: tb.Replies, chat: int) -> None:
    """Poll /readyz until 200, then until a webhook POST is taken with 200 and answered."""
    base = f"http://127.0.0.1:{port}"
    while True:
        if proc.returncode is not None:
            raise RuntimeError(f"laporbot exited with {proc.returncode}")
        try:
            async with http.get(f"{base}/readyz") as resp:
                if resp.status == 200:
                    break
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.01)
    update = fake.make_text(chat, "/start")
    while True:
        try:
            async with http.post(f"{base}/webhooks/telegram", json=update,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": tb.SECRET}) as resp:
                if resp.status == 200:
                    break
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.01)
    await replies.wait(chat, 1)


async def start(python: str, root: Path, env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    """`python -m bot.cli run` of the checkout at root (its code first on the path), with this interpreter."""
    full = {**os.environ, "PYTHONPATH": str(root), "LAPORBOT_HOST": "127.0.0.1", **env}
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(python, "-m", "bot.cli", "run", env=full, cwd=str(root),
                                                    stdout=asyncio.subprocess.DEVNULL, stderr=out)


async def stop(proc: asyncio.subprocess.Process) -> None:
    """SIGTERM and wait."""
    if proc.returncode is None:
        proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), 60)
        except TimeoutError:
            proc.kill()
            await proc.wait()


def compile_interpreter(python: str, level: int) -> None:
    """Byte-compile the interpreter's packages at this optimisation level, as the image's builder does its venv."""
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", "-o", str(level), purelib], check=True,
                   stdout=subprocess.DEVNULL)


async def one(python: str, root: Path, complaints: int, chat_base: int, restart: bool,
              optimize: int) -> dict[str, float]:
    """One fresh process on a fresh database: ready time, RSS at ready and after the complaints, idle CPU."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegramAPI(record=False) as fake, aiohttp.ClientSession() as http:
            replies = tb.Replies(fake)
            port = free_port()
            url = f"http://127.0.0.1:{port}/webhooks/telegram"
            env = {**tb.webhook_env(fake, port, url, f"sqlite+aiosqlite:///{tmp}/bench.db"),
                   "PYTHONOPTIMIZE": str(optimize) if optimize else ""}
            log = Path(tmp) / "bot.log"

            async def started() -> tuple[asyncio.subprocess.Process, float]:
                """A new bot process on this database, and the seconds until it answered."""
                began = time.monotonic()
                proc = await start(python, root, env, log)
                try:
                    await until_ready(http, proc, port, fake, replies, chat_base)
                except BaseException:
                    await stop(proc)
                    raise
                return proc, time.monotonic() - began

            proc, out["ready_s"] = await started()
            try:
                out["rss_ready_mb"] = tree_rss_mb(proc.pid)
                gate = asyncio.Semaphore(CONCURRENT)
                never = asyncio.Event()

                async def complaint(chat: int) -> None:
                    async with gate:
                        await tb.citizen(chat, fake, replies, http, url, [], None, never)

                await asyncio.gather(*(complaint(chat_base + 1 + i) for i in range(complaints)))
                out["rss_load_mb"] = tree_rss_mb(proc.pid)
                await asyncio.sleep(1)  # the last sends and their commits settle
                cpu = tree_cpu(proc.pid)
                await asyncio.sleep(IDLE_SECONDS)
                out["idle_cpu_pct"] = 100 * (tree_cpu(proc.pid) - cpu) / IDLE_SECONDS
                out["rss_idle_mb"] = tree_rss_mb(proc.pid)
            finally:
                await stop(proc)
            if restart:  # the same database again, its schema current
                replies.count.clear()
                proc, out["restart_ready_s"] = await started()
                try:
                    out["restart_rss_mb"] = tree_rss_mb(proc.pid)
                finally:
                    await stop(proc)
    return out


async def main() -> None:
    """Interleaved runs of this checkout and the baseline; medians and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path, required=True, help="baseline checkout (same venv)")
    parser.add_argument("--new", type=Path, default=ROOT, help="checkout under test (default: this one)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--complaints", type=int, default=200)
    parser.add_argument("--restart", action="store_true", help="also time a restart on the run's database")
    parser.add_argument("--python", type=Path, default=Path(sys.executable), help="the bots' interpreter")
    parser.add_argument("--optimize", type=int, choices=(0, 1, 2), default=2,
                        help="the bots' PYTHONOPTIMIZE (default 2, as the image runs)")
    args = parser.parse_args()
    python = str(args.python)
    if args.optimize:
        await asyncio.to_thread(compile_interpreter, python, args.optimize)
    trees = {"base": args.base.resolve(), "new": args.new.resolve()}
    results: dict[str, list[dict[str, float]]] = {k: [] for k in trees}
    chat = 5_000_000
    for root in trees.values():
        compiling = await asyncio.create_subprocess_exec(
            python, "-m", "compileall", "-q", "-o", str(args.optimize), *(str(root / p) for p in PACKAGES),
            stdout=subprocess.DEVNULL)
        assert await compiling.wait() == 0
        await one(python, root, 1, chat, restart=False, optimize=args.optimize)  # warm-up, not measured
    for i in range(args.repeat):
        order = list(trees.items()) if i % 2 == 0 else list(trees.items())[::-1]
        for name, root in order:
            chat += 100_000
            r = await one(python, root, args.complaints, chat, args.restart, args.optimize)
            results[name].append(r)
            print(f"run {i} {name}: " + "  ".join(f"{k} {v:.2f}" for k, v in r.items()), flush=True)
    keys = list(results["new"][0])
    print(f"medians of {args.repeat} (PYTHONOPTIMIZE={args.optimize}; load: {args.complaints} complaints, "
          f"{CONCURRENT} at once; "
          f"idle {IDLE_SECONDS:g} s; load average now {os.getloadavg()[0]:.2f}):")
    for key in keys:
        base = statistics.median(r[key] for r in results["base"])
        new = statistics.median(r[key] for r in results["new"])
        ratio: Any = f"{new / base:.2f}x" if base else "-"
        print(f"  {key:16s} base {base:8.2f}  new {new:8.2f}  new/base {ratio}")


if __name__ == "__main__":
    asyncio.run(main())
