"""Benchmark sendMessage through PTB's HTTPXRequest vs our AiohttpRequest against the fake Bot API.

The fake runs in a subprocess so server work doesn't share the client's event loop or core.
Run: ``.venv/bin/python bench/telegram_transport.py [--n 3000] [--reps 3] [--concurrency 16]``.

If ``sniffio`` is not installed (anyio>=4.11 stopped pulling it in), httpcore 1.0.9 retries a failed
``import sniffio`` on every lock operation, several per request (encode/httpcore#1103). The extra
row "httpx+sniffio" then reruns httpx with a stand-in module so both situations are measured.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from telegram import Bot
from telegram.request import BaseRequest, HTTPXRequest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handlers.telegram.request import AiohttpRequest  # noqa: E402

TOKEN = "123456:BENCH"
CHAT = 6281
WARMUP = 200
HAS_SNIFFIO = importlib.util.find_spec("sniffio") is not None
TRANSPORTS: dict[str, Callable[[], BaseRequest]] = {
    "httpx": HTTPXRequest,
    **({} if HAS_SNIFFIO else {"httpx+sniffio": HTTPXRequest}),
    "aiohttp": AiohttpRequest,
}


@dataclass(frozen=True)
class Run:
    """One measured batch."""

    transport: str
    concurrency: int
    rate: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float


@contextmanager
def fake_server() -> Iterator[str]:
    """Start the fake Bot API in a subprocess and yield its base_url."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.telegram_api", "--port", "0", "--no-record"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        if not line.startswith("READY "):
            raise RuntimeError(f"fake server did not start: {line!r}")
        yield line.removeprefix("READY ")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _current_async_library() -> str:
    """Answer like sniffio does under asyncio (it too looks up the current task)."""
    asyncio.current_task()
    return "asyncio"


@contextmanager
def sniffio_stand_in(enabled: bool) -> Iterator[None]:
    """Temporarily provide a minimal `sniffio` module so httpcore's per-call import succeeds."""
    if not enabled:
        yield
        return
    module = types.ModuleType("sniffio")
    module.current_async_library = _current_async_library  # type: ignore[attr-defined]
    sys.modules["sniffio"] = module
    try:
        yield
    finally:
        del sys.modules["sniffio"]


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of already sorted values."""
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


async def measure(base_url: str, transport: str, n: int, concurrency: int) -> Run:
    """Send n messages with `concurrency` workers on one Bot and time every call."""
    bot = Bot(TOKEN, base_url=base_url, request=TRANSPORTS[transport](), get_updates_request=TRANSPORTS[transport]())
    latencies: list[float] = []
    async with bot:
        for _ in range(WARMUP):
            await bot.send_message(CHAT, "pemanasan")
        remaining = n

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                await bot.send_message(CHAT, "Laporan Anda sudah kami terima.")
                latencies.append(time.perf_counter() - started)

        started, cpu_started = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    latencies.sort()
    return Run(
        transport,
        concurrency,
        n / elapsed,
        percentile(latencies, 0.50) * 1000,
        percentile(latencies, 0.99) * 1000,
        cpu / n * 1000,
    )


def report(runs: list[Run], concurrencies: list[int]) -> None:
    """Print medians per transport and mode, and the aiohttp/httpx ratios."""
    # Client CPU per call is the figure least disturbed by other load on the machine.
    print(
        f"\n{'transport':<13} {'mode':<14} {'calls/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'cpu ms/call':>11}   (median of reps)"
    )
    medians: dict[tuple[str, int], tuple[float, float, float, float]] = {}
    for concurrency in concurrencies:
        mode = "sequential" if concurrency == 1 else f"{concurrency} concurrent"
        for transport in TRANSPORTS:
            batch = [r for r in runs if r.transport == transport and r.concurrency == concurrency]
            medians[transport, concurrency] = (
                statistics.median(r.rate for r in batch),
                statistics.median(r.p50_ms for r in batch),
                statistics.median(r.p99_ms for r in batch),
                statistics.median(r.cpu_ms for r in batch),
            )
            rate, p50, p99, cpu = medians[transport, concurrency]
            print(f"{transport:<13} {mode:<14} {rate:>9.0f} {p50:>8.2f} {p99:>8.2f} {cpu:>11.2f}")
        fast = medians["aiohttp", concurrency]
        for baseline in (t for t in TRANSPORTS if t != "aiohttp"):
            slow = medians[baseline, concurrency]
            print(
                f"{'ratio':<13} {mode:<14} {fast[0] / slow[0]:>8.2f}x {fast[1] / slow[1]:>7.2f}x "
                f"{fast[2] / slow[2]:>7.2f}x {fast[3] / slow[3]:>10.2f}x   (aiohttp / {baseline})"
            )


def main() -> None:
    """Parse arguments, run every combination `reps` times (interleaved) and print the table."""
    parser = argparse.ArgumentParser(description="sendMessage throughput: HTTPXRequest vs AiohttpRequest")
    parser.add_argument("--n", type=int, default=3000, help="calls per measured batch")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    concurrencies = [1, args.concurrency]
    runs: list[Run] = []
    with fake_server() as base_url:
        print(f"fake Bot API at {base_url}; n={args.n}, reps={args.reps}, python {sys.version.split()[0]}")
        # Interleave transports inside each repetition so drift (thermal, neighbours) hits both.
        for rep in range(1, args.reps + 1):
            for concurrency in concurrencies:
                for transport in TRANSPORTS:
                    with sniffio_stand_in(transport == "httpx+sniffio"):
                        run = asyncio.run(measure(base_url, transport, args.n, concurrency))
                    runs.append(run)
                    print(
                        f"rep {rep} {transport:<13} c={concurrency:<3} {run.rate:7.0f}/s "
                        f"p50 {run.p50_ms:6.2f} ms  p99 {run.p99_ms:6.2f} ms  "
                        f"cpu {run.cpu_ms:5.2f} ms/call",
                        flush=True,
                    )
    report(runs, concurrencies)


if __name__ == "__main__":
    main()
