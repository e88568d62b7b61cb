"""`laporbot run --workers N`: N server processes on one listening socket, kept running by this parent process.

Python runs one turn at a time per process; on PostgreSQL several processes use the other cores. The parent binds
the public port once and every worker accepts on that same socket (the kernel hands each connection to one of
them), so webhooks need no load balancer and port 0 still works. Per-citizen order holds across workers because
a turn locks its conversation row (bot/conversation/inbox.py), as across replicas; the background work (sends due,
forwarding, SLA, retention) is claimed by leases, so running it in every worker does each job once.

The parent migrates the database before any worker starts (so the workers do not race to), restarts a worker that
dies (with backoff; the updates it held are redelivered by the channel, their replies sent by the others once their
lease ends), passes SIGTERM/SIGINT on to every worker and waits for their clean shutdown. Only worker 0 opens the
separate metrics listener; each worker counts its own traffic.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import sys
import time
from collections.abc import Sequence

log = logging.getLogger("laporbot.workers")

START_TIMEOUT = 120.0  # seconds a worker may take to say it listens (loading catalogs on a loaded machine)
STOP_TIMEOUT = 60.0  # seconds past a worker's own shutdown grace before it is killed
RESTART_BACKOFF = (1.0, 30.0)  # first and longest wait before a dead worker is started again
STEADY = 60.0  # a worker that ran this long before dying starts again after the shortest wait


def listening_socket(host: str, port: int) -> socket.socket:
    """The public port, bound once by the parent and inherited by every worker."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=1024)
    sock.set_inheritable(True)
    return sock


class Worker:
    """One `laporbot run` child process serving on the shared socket."""

    def __init__(self, index: int, fd: int, command: Sequence[str]) -> None:
        self.index = index
        self.fd = fd
        self.command = list(command)
        self.proc: asyncio.subprocess.Process | None = None
        self.started = 0.0
        self.backoff = RESTART_BACKOFF[0]
        self._pump: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start the process and wait until it listens; raise RuntimeError if it does not."""
        self.proc = await asyncio.create_subprocess_exec(
            *self.command, "--listen-fd", str(self.fd), "--worker", str(self.index),
            stdout=asyncio.subprocess.PIPE, pass_fds=(self.fd,))
        self.started = time.monotonic()
        assert self.proc.stdout is not None
        try:
            line = await asyncio.wait_for(self.proc.stdout.readline(), START_TIMEOUT)
        except TimeoutError:
            line = b""
        if b"listening" not in line:
            await self.kill()
            raise RuntimeError(f"worker {self.index} did not start (see its log lines above)")
        self._pump = asyncio.create_task(self._copy_output())

    async def _copy_output(self) -> None:
        """The worker's later output lines, passed on (they carry no message content: logs go to stderr)."""
        assert self.proc is not None and self.proc.stdout is not None
        while line := await self.proc.stdout.readline():
            sys.stdout.buffer.write(line)
            sys.stdout.flush()

    async def wait(self) -> int:
        """Until the process ends; its exit code."""
        assert self.proc is not None
        code = await self.proc.wait()
        if self._pump is not None:  # the rest of its output; asyncio.wait leaves the copy running if we are cancelled
            await asyncio.wait({self._pump}, timeout=5)
        return code

    def terminate(self) -> None:
        """SIGTERM: the worker finishes what it took and stops."""
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)

    async def kill(self) -> None:
        """SIGKILL, and wait for it."""
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()


async def run_workers(n: int, host: str, port: int, command: Sequence[str], *,
                      stop: asyncio.Event | None = None, grace: float = 20.0) -> int:
    """Serve with n worker processes until SIGTERM/SIGINT (or `stop`); 0 when every worker stopped cleanly."""
    sock = listening_socket(host, port)
    bound = sock.getsockname()[1]
    workers = [Worker(i, sock.fileno(), command) for i in range(n)]
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
    try:
        try:
            await asyncio.gather(*(w.start() for w in workers))
        except RuntimeError as error:
            log.error("workers did not start", extra={"error": str(error)})
            for w in workers:
                w.terminate()
            await asyncio.gather(*(w.wait() for w in workers if w.proc is not None), return_exceptions=True)
            return 1
        log.info("workers serving", extra={"workers": n, "port": bound})
        print(f"laporbot listening on {host}:{bound}", flush=True)  # as one process says it (tests/procs.py reads it)
        await _supervise(workers, stop)
        for w in workers:
            w.terminate()
        codes = []
        for w in workers:
            try:
                codes.append(await asyncio.wait_for(w.wait(), grace + STOP_TIMEOUT))
            except TimeoutError:
                log.error("worker did not stop in time: killed", extra={"worker": w.index})
                await w.kill()
                codes.append(1)
        return max(codes, default=0)
    finally:
        sock.close()


async def _supervise(workers: list[Worker], stop: asyncio.Event) -> None:
    """Until stop: a worker that ends is started again, after a wait that grows while it keeps dying."""
    ends = {asyncio.create_task(w.wait()): w for w in workers}
    stopping = asyncio.create_task(stop.wait())
    try:
        while True:
            done, _ = await asyncio.wait({*ends, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if stopping in done:
                return
            for task in done:
                w = ends.pop(task)
                ran = time.monotonic() - w.started
                w.backoff = RESTART_BACKOFF[0] if ran >= STEADY else min(w.backoff * 2, RESTART_BACKOFF[1])
                log.warning("worker ended: starting it again", extra={"worker": w.index, "exit_code": task.result(),
                                                                      "after_seconds": round(w.backoff, 1)})
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(stopping), w.backoff)
                if stop.is_set():
                    return
                try:
                    await w.start()
                except RuntimeError as error:
                    log.error("worker did not start again", extra={"worker": w.index, "error": str(error)})
                ends[asyncio.create_task(w.wait())] = w
    finally:
        stopping.cancel()
        for task in ends:
            task.cancel()


def worker_command() -> list[str]:
    """How a worker is started: this interpreter, `laporbot run`, the same environment."""
    return [sys.executable, "-m", "bot.cli", "run"]


__all__ = ["listening_socket", "run_workers", "worker_command"]
