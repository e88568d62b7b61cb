"""Run the real `laporbot` command as a child process, as an operator would."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

TOKEN = "7000000001:TEST-token"
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LaporbotProcess:
    """`python -m bot.cli run` with the given environment; start, wait until listening, kill or stop."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "LAPORBOT_HOST": "127.0.0.1", **env}
        self.log_path = log_path
        self.proc: asyncio.subprocess.Process | None = None
        self.port = int(self.env.get("LAPORBOT_PORT") or 0)

    async def start(self, timeout: float = 120.0) -> None:  # noqa: ASYNC109
        """Start and wait for "listening" on stdout."""
        log = self.log_path.open("ab")
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=self.env, cwd=str(ROOT),
            stdout=asyncio.subprocess.PIPE, stderr=log)
        assert self.proc.stdout is not None
        line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        if b"listening" not in line:
            raise RuntimeError(f"laporbot did not start: {line!r}; see {self.log_path}")
        self.port = int(line.decode().strip().rsplit(":", 1)[1])

    async def kill(self) -> None:
        """SIGKILL: no clean-up at all, like a crash."""
        if self.proc and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGKILL)
            await self.proc.wait()

    async def stop(self, timeout: float = 120.0) -> int:  # noqa: ASYNC109
        """SIGTERM and wait for a clean exit.

        The timeout only keeps a hung process from hanging the suite: well above the process's own shutdown grace
        (LAPORBOT_SHUTDOWN_GRACE_SECONDS, 20 s) so a slow but clean shutdown on a loaded machine is not read as a kill.
        """
        if self.proc is None or self.proc.returncode is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            await self.kill()
            return -9

    @property
    def url(self) -> str:
        """The process's own HTTP root."""
        return f"http://127.0.0.1:{self.port}"
