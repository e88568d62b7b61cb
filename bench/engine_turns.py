"""CPU per turn of the conversation pipeline alone: the bench citizens' script through Inbox + guards + engine.

Run from the project root:  .venv/bin/python bench/engine_turns.py [--citizens 100] [--repeat 5]

No HTTP and no channel: each message is one Inbox.handle on a fresh SQLite file, as a webhook batch of one
(what a paced 200/s load sees). Prints the median CPU ms per turn of --repeat runs; run it under another
checkout's PYTHONPATH for a baseline in the same sitting.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.telegram_bot import SCRIPT  # noqa: E402
from bot.conversation.guards import OpsSettings  # noqa: E402
from bot.core.clock import FixedClock  # noqa: E402
from models.db import Database  # noqa: E402
from tests.harness import ChatHarness  # noqa: E402


async def one_run(citizens: int) -> float:
    """CPU ms per turn for `citizens` citizens each sending the whole script, interleaved turn by turn."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite+aiosqlite:///{tmp}/bench.db")
        await db.migrate()
        clock = FixedClock(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
        chat = ChatHarness(db, clock, ops=OpsSettings.from_env({}))
        await chat.send("warm-up", "/start")
        turns = 0
        started = time.process_time()
        for text, _ in SCRIPT:
            for i in range(citizens):
                await chat.send(f"c{i}", text)
                turns += 1
        cpu = time.process_time() - started
        await db.close()
    return 1000 * cpu / turns


def main() -> None:
    """Median CPU ms per turn over --repeat runs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    runs = [asyncio.run(one_run(args.citizens)) for _ in range(args.repeat)]
    print(f"{statistics.median(runs):.3f} ms CPU per turn (median of {args.repeat}; runs "
          f"{', '.join(f'{r:.3f}' for r in runs)})")


if __name__ == "__main__":
    main()
