"""No open doors (issue 13 items 1-3, 12, 13), tried on the real `laporbot run` process as an attacker would.

Telegram's webhook exists only in webhook mode and always checks a secret (generated and shared through the
database when none is configured); WhatsApp without its app secret does not start; /metrics is off the public
port unless a token guards it; outside ids never shape a Graph or Bot API URL; readiness proves a write; a
PostgreSQL that stops answering fails a webhook within LAPORBOT_DB_TIMEOUT instead of holding it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import resource
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text
from sqlmodel import select

from bot.settings import Settings
from models.db import Database
from models.ops import OpsState
from tests.fakes.graph_api import ACCESS_TOKEN, API_VERSION, PHONE_NUMBER_ID, FakeGraphAPI, encode, make_webhook, sign
from tests.fakes.graph_api import message as wa_message
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.handlers.test_telegram_e2e import _env
from tests.procs import ROOT, TOKEN, LaporbotProcess, free_port

pytestmark = pytest.mark.slow

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
TELEGRAM_ALPHABET = re.compile(r"[A-Za-z0-9_-]{32,256}")
HANG_GUARD = 60.0  # seconds: only so a regression fails instead of hanging the suite; never an assertion


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramAPI]:
    """A fake Bot API on 127.0.0.1."""
    async with FakeTelegramAPI() as api:
        yield api


@pytest.fixture
async def graph() -> AsyncIterator[FakeGraphAPI]:
    """A fake Graph API on 127.0.0.1."""
    async with FakeGraphAPI() as api:
        yield api


async def _status(method: str, url: str, **kwargs: Any) -> int:
    async with aiohttp.ClientSession() as http, http.request(method, url, **kwargs) as resp:
        await resp.read()
        return resp.status


async def _until(check: Any, timeout: float = 30.0) -> Any:  # noqa: ASYNC109
    """Poll an async condition until it returns something truthy (an event, not a fixed sleep)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = await check()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not reached within {timeout} s (last: {value!r})")
        await asyncio.sleep(0.05)


async def _exit_of(env: dict[str, str], *args: str) -> tuple[int, str]:
    """Run `laporbot <args>` to its end; its exit code and stderr (a still-running `run` fails the test)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, cwd=str(ROOT), stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT), "LAPORBOT_HOST": "127.0.0.1",
                                              "LAPORBOT_METRICS_PORT": "off", **env})
    try:
        _, err = await asyncio.wait_for(proc.communicate(), HANG_GUARD)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise AssertionError(f"`laporbot {' '.join(args)}` kept running") from None
    return int(proc.returncode or 0), err.decode()


def _webhook_env(fake: FakeTelegramAPI, db: Database, tmp_path: Path, **extra: str) -> tuple[dict[str, str], str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/webhooks/telegram"
    return _env(fake, db, tmp_path, **{"LAPORBOT_PORT": str(port), "TELEGRAM_WEBHOOK_URL": url,
                                        "LAPORBOT_METRICS_PORT": "off", **extra}), url


# --------------------------------------------------------------------------- 1. the Telegram and WhatsApp doors


async def test_polling_mode_has_no_webhook_route(fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """In polling mode a forged update POSTed to /webhooks/telegram finds no door: 404, nothing handled."""
    bot = LaporbotProcess(_env(fake, db, tmp_path, LAPORBOT_METRICS_PORT="off"), tmp_path / "bot.log")
    await bot.start()
    try:
        forged = fake.make_text(4242, "/start")
        for headers in ({}, {SECRET_HEADER: ""}, {SECRET_HEADER: "anything"}):
            assert await _status("POST", f"{bot.url}/webhooks/telegram", json=forged, headers=headers) == 404
        fake.push_text(4243, "/start")  # the polling door still works, and proves the forged one was not queued
        await fake.wait_for(lambda: fake.sent_messages(4243), timeout=30)
        assert fake.sent_messages(4242) == []
    finally:
        assert await bot.stop() == 0


async def test_webhook_without_a_secret_generates_one_stores_it_and_enforces_it(
        fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """TELEGRAM_WEBHOOK_SECRET empty: two replicas agree on one strong stored secret, set it, and refuse others."""
    env, url = _webhook_env(fake, db, tmp_path, TELEGRAM_WEBHOOK_SECRET="")
    second_port = free_port()
    bots = [LaporbotProcess(env, tmp_path / "bot1.log"),
            LaporbotProcess({**env, "LAPORBOT_PORT": str(second_port)}, tmp_path / "bot2.log")]
    await asyncio.gather(*(bot.start() for bot in bots))  # both race to store a secret: the first write wins
    try:
        set_calls = fake.calls_to("setWebhook")
        assert len(set_calls) == 2
        secrets = {call.params.get("secret_token") for call in set_calls}
        assert len(secrets) == 1, "every replica gives Telegram the same secret"
        (secret,) = secrets
        assert isinstance(secret, str) and TELEGRAM_ALPHABET.fullmatch(secret)
        async with db.read() as session:
            stored = (await session.exec(select(OpsState.value).where(
                OpsState.name == "telegram_webhook_secret"))).one()
        assert stored == secret
        for bot in bots:
            hook = f"{bot.url}/webhooks/telegram"
            forged = fake.make_text(5151, "/start")
            assert await FakeTelegramAPI.post_webhook(hook, forged) == 403
            assert await FakeTelegramAPI.post_webhook(hook, forged, secret="") == 403
            assert await FakeTelegramAPI.post_webhook(hook, forged, secret=secret[:-1] + "x") == 403
        assert await FakeTelegramAPI.post_webhook(url, fake.make_text(5252, "/start"), secret=secret) == 200
        await fake.wait_for(lambda: fake.sent_messages(5252), timeout=30)
        assert fake.sent_messages(5151) == [], "no forged update was handled"
    finally:
        for bot in bots:
            assert await bot.stop() == 0


async def test_a_restart_keeps_the_stored_secret(fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """The generated secret is kept: a restarted replica sets the same one (Telegram's retries keep working)."""
    env, _ = _webhook_env(fake, db, tmp_path)
    for round_ in range(2):
        bot = LaporbotProcess(env, tmp_path / f"bot{round_}.log")
        await bot.start()
        assert await bot.stop() == 0
    first, again = (call.params["secret_token"] for call in fake.calls_to("setWebhook"))
    assert first == again and TELEGRAM_ALPHABET.fullmatch(first)


async def test_config_check_refuses_weak_webhook_secrets(fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """`laporbot config check` fails on a short or ill-formed configured secret; empty (generated) is fine."""
    env, _ = _webhook_env(fake, db, tmp_path)
    for weak in ("x" * 31, "with spaces and more than thirty-two characters", "a" * 257):
        code, err = await _exit_of({**env, "TELEGRAM_WEBHOOK_SECRET": weak}, "config", "check")
        assert code == 2 and "TELEGRAM_WEBHOOK_SECRET" in err, (weak, err)
        assert weak not in err, "the secret itself is never printed"
    for fine in ("", "Ab0_-" * 8):
        code, err = await _exit_of({**env, "TELEGRAM_WEBHOOK_SECRET": fine}, "config", "check")
        assert code == 0, (fine, err)


async def test_whatsapp_without_its_app_secret_refuses_to_start(graph: FakeGraphAPI, db: Database) -> None:
    """No WHATSAPP_APP_SECRET: `laporbot run` exits at once with one clear line; config check says the same."""
    env = {"WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
           "WHATSAPP_APP_SECRET": "", "WHATSAPP_API_BASE_URL": graph.base_url, "DATABASE_URL": db.url,
           "LAPORBOT_PORT": "0"}
    for command in (("run",), ("config", "check")):
        code, err = await _exit_of(env, *command)
        lines = [line for line in err.splitlines() if "WHATSAPP_APP_SECRET" in line]
        assert code != 0 and len(lines) == 1, (command, code, err)
        assert "listening" not in err
    assert graph.requests == []


# --------------------------------------------------------------------------- 2. metrics off the public port


async def test_metrics_are_not_served_on_the_public_port_by_default(
        fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """By default /metrics answers on the loopback metrics listener only; Open311 (public by design) stays."""
    metrics_port = free_port()
    env, _ = _webhook_env(fake, db, tmp_path, LAPORBOT_METRICS_PORT=str(metrics_port))
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    try:
        assert await _status("GET", f"{bot.url}/metrics") == 404
        async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{metrics_port}/metrics") as resp:
            assert resp.status == 200 and "laporbot_database_up 1.0" in await resp.text()
        assert await _status("GET", f"http://127.0.0.1:{metrics_port}/readyz") == 404, "metrics only"
        assert await _status("GET", f"{bot.url}/open311/v2/services.json") == 200
    finally:
        assert await bot.stop() == 0


async def test_metrics_on_the_public_port_need_the_bearer_token(
        fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """LAPORBOT_METRICS_TOKEN: /metrics on the public port answers only `Authorization: Bearer <token>`."""
    token = "scrape-token-0123456789"
    env, _ = _webhook_env(fake, db, tmp_path, LAPORBOT_METRICS_TOKEN=token)
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    try:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": token}):
            assert await _status("GET", f"{bot.url}/metrics", headers=headers) == 401
        assert await _status("GET", f"{bot.url}/metrics", headers={"Authorization": f"Bearer {token}"}) == 200
    finally:
        assert await bot.stop() == 0


def test_metrics_defaults_are_loopback_only() -> None:
    """Nothing configured: the metrics listener is 127.0.0.1:9108 and no token is assumed."""
    settings = Settings.from_env({})
    assert (settings.metrics_host, settings.metrics_port, settings.metrics_token) == ("127.0.0.1", 9108, None)
    assert Settings.from_env({"LAPORBOT_METRICS_PORT": "off"}).metrics_port is None


# --------------------------------------------------------------------------- 3. outside ids never shape a URL

MALICIOUS_IDS = ("../1065403522/messages", "1469/../../1065403522/messages", "..%2F1065403522%2Fmessages",
                 "1469?fields=x", "1469#x", "١٤٦٩", "1" * 33, "", " 1469")


async def test_a_malicious_media_id_makes_no_graph_request_outside_the_media_lookup(
        graph: FakeGraphAPI, db: Database, tmp_path: Path) -> None:
    """A webhook with media ids like `../1065403522/messages`: the bot answers, the Graph API sees only its paths."""
    env = {"WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
           "WHATSAPP_APP_SECRET": "doors-app-secret", "WHATSAPP_API_BASE_URL": graph.base_url,
           "DATABASE_URL": db.url, "LAPORBOT_PORT": "0", "LAPORBOT_METRICS_PORT": "off",
           "LAPORBOT_RATE_LIMIT_PER_MINUTE": "0"}
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    try:
        async with aiohttp.ClientSession() as http:
            for n, media_id in enumerate(MALICIOUS_IDS):
                wa_id = f"62812000{n:05d}"
                body = make_webhook([wa_message("image", {"id": media_id, "mime_type": "image/jpeg"},
                                                wa_id=wa_id, wamid=f"wamid.doors.{n}")])
                raw = encode(body)
                async with http.post(f"{bot.url}/webhooks/whatsapp", data=raw, headers={
                        "Content-Type": "application/json",
                        "X-Hub-Signature-256": sign(raw, "doors-app-secret")}) as resp:
                    assert resp.status == 200
                await graph.wait_for(lambda wa_id=wa_id: any(m.get("to") == wa_id for m in graph.messages), 30)
        allowed = re.compile(rf"/{API_VERSION}/{PHONE_NUMBER_ID}/messages|/{API_VERSION}/[0-9]{{1,32}}|/media/[0-9]+")
        strays = [(method, path) for method, path in graph.requests if not allowed.fullmatch(path)]
        assert strays == [], strays
        assert all(method == "POST" for method, path in graph.requests if path.endswith("/messages"))
    finally:
        assert await bot.stop() == 0


async def test_the_whatsapp_client_refuses_ids_that_are_not_graph_ids(graph: FakeGraphAPI) -> None:
    """Media lookups, downloads and the phone number id: digits only, checked before any request."""
    from handlers.whatsapp.client import MediaIdRejected, WhatsAppClient

    async with WhatsAppClient(graph.base_url, API_VERSION, PHONE_NUMBER_ID, ACCESS_TOKEN) as client:
        for media_id in MALICIOUS_IDS:
            with pytest.raises(MediaIdRejected):
                await client.media_info(media_id)
            with pytest.raises(MediaIdRejected):
                await client.download_media(media_id)
    assert graph.requests == []
    for phone_id in ("../1065403522", "1065403522/messages", "abc"):
        with pytest.raises(ValueError):
            WhatsAppClient(graph.base_url, API_VERSION, phone_id, ACCESS_TOKEN)
    with pytest.raises(ValueError):
        WhatsAppClient(graph.base_url, "v25.0/../..", PHONE_NUMBER_ID, ACCESS_TOKEN)


async def test_a_telegram_file_path_never_leaves_the_file_base_url(fake: FakeTelegramAPI) -> None:
    """getFile answering `../../bot<token>/sendMessage`: nothing is fetched, no Bot API method is called."""
    from handlers.telegram.files import TelegramFileFetcher
    from models.tables import Attachment

    fake.register_file("evil-file", b"x", file_path=f"../../bot{TOKEN}/sendMessage")
    fake.register_file("good-file", b"photo bytes", file_path="photos/file_7.jpg")
    fetcher = TelegramFileFetcher(TOKEN, fake.base_url, fake.base_file_url)
    try:
        evil = Attachment(id=1, complaint_id=1, channel="telegram", kind="photo", file_ref="evil-file")
        good = Attachment(id=2, complaint_id=1, channel="telegram", kind="photo", file_ref="good-file")
        assert await fetcher(evil) is None
        fetched = await fetcher(good)
        assert fetched is not None and fetched.content == b"photo bytes"
    finally:
        await fetcher.close()
    assert fake.calls_to("sendMessage") == []


# --------------------------------------------------------------------------- 12. readiness proves a write


async def _probe(bot: LaporbotProcess, metrics_port: int) -> tuple[int, float | None]:
    """/readyz's status and laporbot_database_up from the metrics listener."""
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{bot.url}/readyz") as resp:
            ready = resp.status
        async with http.get(f"http://127.0.0.1:{metrics_port}/metrics") as resp:
            found = re.search(r"^laporbot_database_up ([0-9.]+)$", await resp.text(), re.M)
    return ready, float(found.group(1)) if found else None


@contextlib.asynccontextmanager
async def _unwritable(db: Database, pid: int) -> AsyncIterator[None]:
    """The database stops taking this process's writes while reads still work.

    SQLite: the process may no longer write any file byte (RLIMIT_FSIZE 0, set from outside with prlimit: the
    kernel refuses with EFBIG even to root, as with a full disk or quota). PostgreSQL: another session holds
    an exclusive lock on the heartbeat's table (reads of the schema version still answer).
    """
    if db.url.startswith("postgresql"):
        async with db.engine.connect() as conn:
            await conn.execute(text("BEGIN"))
            await conn.execute(text("LOCK TABLE opsstate IN ACCESS EXCLUSIVE MODE"))
            try:
                yield
            finally:
                await conn.execute(text("ROLLBACK"))
        return
    soft, hard = resource.prlimit(pid, resource.RLIMIT_FSIZE)
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (0, hard))
    try:
        yield
    finally:
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (soft, hard))


async def test_readiness_and_database_up_prove_a_real_write(
        fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """With the database no longer writable /readyz turns 503 and laporbot_database_up 0; both recover after."""
    metrics_port = free_port()
    env, _ = _webhook_env(fake, db, tmp_path, LAPORBOT_METRICS_PORT=str(metrics_port))
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    assert bot.proc is not None
    try:
        assert await _probe(bot, metrics_port) == (200, 1.0)
        async with _unwritable(db, bot.proc.pid):
            assert await _until(lambda: _down(bot, metrics_port)) == (503, 0.0)
        assert await _until(lambda: _up(bot, metrics_port)) == (200, 1.0)
    finally:
        assert await bot.stop() == 0


async def _down(bot: LaporbotProcess, port: int) -> tuple[int, float | None] | None:
    found = await _probe(bot, port)
    return found if found == (503, 0.0) else None


async def _up(bot: LaporbotProcess, port: int) -> tuple[int, float | None] | None:
    found = await _probe(bot, port)
    return found if found == (200, 1.0) else None


# --------------------------------------------------------------------------- 13. bounded waits


class BlackHole:
    """A TCP proxy to PostgreSQL that can turn into a server which accepts and reads but never answers."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.silent = False
        self.server: asyncio.Server | None = None
        self.port = 0
        self._tasks: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> BlackHole:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            if self.silent:
                await self._swallow(reader)
                return
            up_reader, up_writer = await asyncio.open_connection(*self.target)
            await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(65536):
            if self.silent:  # from now on every byte is swallowed: the server "hangs"
                await self._swallow(reader)
                return
            writer.write(data)
            await writer.drain()
        writer.close()  # one side hung up: so does the other (asyncpg's close waits for it)

    @staticmethod
    async def _swallow(reader: asyncio.StreamReader) -> None:
        while await reader.read(65536):
            pass
        await asyncio.Event().wait()  # never answers, never closes


async def test_a_hung_postgres_fails_the_webhook_fast_so_telegram_redelivers(
        fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """PostgreSQL accepts but never answers: the webhook completes with a 5xx within LAPORBOT_DB_TIMEOUT."""
    if not db.url.startswith("postgresql"):
        pytest.skip("PostgreSQL connect/statement timeouts (SQLite keeps its own lock-wait budget)")
    from sqlalchemy.engine import make_url

    parsed = make_url(db.url)
    async with BlackHole((parsed.host or "127.0.0.1", parsed.port or 5432)) as hole:
        proxied = parsed.set(host="127.0.0.1", port=hole.port).render_as_string(hide_password=False)
        secret = "doors-webhook-secret-0123456789abcdef"
        env, url = _webhook_env(fake, db, tmp_path, DATABASE_URL=proxied, TELEGRAM_WEBHOOK_SECRET=secret,
                                LAPORBOT_DB_TIMEOUT="2")
        bot = LaporbotProcess(env, tmp_path / "bot.log")
        await bot.start()
        try:
            assert await FakeTelegramAPI.post_webhook(url, fake.make_text(6161, "/start"), secret=secret) == 200
            hole.silent = True
            status = await asyncio.wait_for(
                FakeTelegramAPI.post_webhook(url, fake.make_text(6262, "/start"), secret=secret), HANG_GUARD)
            assert 500 <= status < 600, status
            assert await asyncio.wait_for(_status("GET", f"{bot.url}/readyz"), HANG_GUARD) == 503
        finally:
            hole.silent = False
            await bot.kill()  # its database is gone: a clean stop would wait for it in vain
