"""One bad message never stops the bot, shown on the real `laporbot run` process (issue 13, items 4-6).

A bad reply row at start-up, one poisoned update among 120 citizens' (group-committed together), text no
database takes, malformed updates and webhook bodies, and a polling loop whose Bot API answers garbage.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import text
from sqlmodel import select

from bot.core.messages import Reply
from models.db import Database
from models.tables import InboundMessage, OutgoingMessage
from tests.fakes.graph_api import ACCESS_TOKEN, PHONE_NUMBER_ID, FakeGraphAPI, make_webhook, sign, text_message
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.procs import TOKEN, LaporbotProcess, free_port

pytestmark = pytest.mark.slow
SECRET = "poison-webhook-secret-0123456789"
WA_SECRET = "poison-app-secret"
SORRY = "tidak bisa kami proses"  # common.message_failed
POISON = "RACUN-UJI"  # what the test's database trigger refuses (see poison_trigger)
METRICS_TOKEN = "poison-metrics-scraper-token"  # /metrics is on the public port only behind a token
SCRAPER = {"Authorization": f"Bearer {METRICS_TOKEN}"}


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramAPI]:
    """A fake Bot API on 127.0.0.1."""
    async with FakeTelegramAPI() as api:
        yield api


def _env(fake: FakeTelegramAPI | str, db: Database, tmp_path: Path, **extra: str) -> dict[str, str]:
    base = fake if isinstance(fake, str) else fake.base_url
    agencies = tmp_path / "agencies.csv"
    agencies.write_text("code,name\ndinkes,Dinas Kesehatan Kabupaten Lombok Timur\n", encoding="utf-8")
    return {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": base, "TELEGRAM_FILE_BASE_URL": base,
            "DATABASE_URL": db.url, "LAPORBOT_AGENCIES_CSV": str(agencies), "LAPORBOT_PORT": "0",
            "LAPORBOT_REGION": "52.03", "LAPORBOT_RATE_LIMIT_PER_MINUTE": "0", **extra}


def _webhook_env(fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> tuple[dict[str, str], str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/webhooks/telegram"
    return _env(fake, db, tmp_path, LAPORBOT_PORT=str(port), TELEGRAM_WEBHOOK_URL=url,
                TELEGRAM_WEBHOOK_SECRET=SECRET), url


async def _post(http: aiohttp.ClientSession, url: str, body: bytes | dict[str, Any]) -> int:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with http.post(url, data=raw, headers={"Content-Type": "application/json",
                                                 "X-Telegram-Bot-Api-Secret-Token": SECRET}) as resp:
        return resp.status


async def _until(check: Callable[[], Awaitable[bool]], timeout: float = 30.0) -> None:  # noqa: ASYNC109
    """Wait for a condition the test cannot be told about (database rows, another process's state)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.05)


# --------------------------------------------------------------------------- 4. a bad reply row at start-up


async def test_a_reply_to_a_non_integer_chat_id_never_stops_the_bot_starting(
        fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """The row a malformed update left (chat id "abc", `sending`, 0 attempts): start-up goes on, others are served.

    Before: int("abc") raised ValueError out of catchup.resume -> deliver_pending, and every start exited.
    """
    past = datetime.now(UTC) - timedelta(minutes=5)
    async with db.write() as session:
        session.add(OutgoingMessage(channel="telegram", chat_id="abc", payload=Reply("halo").to_json(),
                                    status="sending", attempts=0, not_before=past, created_at=past))
    bot = LaporbotProcess(_env(fake, db, tmp_path), tmp_path / "bot.log")
    await bot.start()
    try:
        fake.push_text(901, "/start")
        await fake.wait_for(lambda: len(fake.sent_messages(901)) >= 1, 30)

        async def given_up() -> bool:
            async with db.read() as session:
                row = (await session.exec(select(OutgoingMessage).where(OutgoingMessage.chat_id == "abc"))).one()
            return row.status == "failed" and row.attempts == 1 and row.error == "invalid chat id"

        await _until(given_up)
        fake.push_text(902, "/start")  # still serving
        await fake.wait_for(lambda: len(fake.sent_messages(902)) >= 1, 30)
    finally:
        assert await bot.stop() == 0


# --------------------------------------------------------------------------- 5. one poisoned update among 120


async def poison_trigger(db: Database, on: bool) -> None:
    """A trigger that refuses to record a message containing POISON, as the database refuses a NUL or a surrogate.

    It fails one update at commit without depending on the boundary's text cleaning, in the real process.
    """
    async with db.engine.begin() as conn:
        if db.is_sqlite:
            await conn.execute(text("DROP TRIGGER IF EXISTS poison_test"))
            if on:
                await conn.execute(text(
                    f"CREATE TRIGGER poison_test BEFORE INSERT ON inboundmessage WHEN NEW.payload LIKE '%{POISON}%' "
                    "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"))
            return
        await conn.execute(text("DROP TRIGGER IF EXISTS poison_test ON inboundmessage"))
        await conn.execute(text("DROP FUNCTION IF EXISTS poison_test()"))
        if on:
            await conn.execute(text(
                "CREATE FUNCTION poison_test() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.payload::text LIKE '%{POISON}%' THEN "
                "RAISE EXCEPTION 'refused for the test' USING ERRCODE = '22021'; END IF; RETURN NEW; END $$ "
                "LANGUAGE plpgsql"))
            await conn.execute(text("CREATE TRIGGER poison_test BEFORE INSERT ON inboundmessage "
                                    "FOR EACH ROW EXECUTE FUNCTION poison_test()"))


async def test_one_poisoned_update_among_120_citizens_fails_alone(fake: FakeTelegramAPI, db: Database,
                                                                  tmp_path: Path) -> None:
    """120 citizens at once by webhook, group-committed together: one update the database refuses, two carrying
    a NUL and a lone surrogate (cleaned at the boundary). Every webhook is answered 200; 119 citizens get their
    menu; the poisoned update is recorded failed with why and its sender hears "maaf, coba lagi"; a
    redelivery of it does nothing more. Before: the failed group commit answered 500 to everyone in it.
    """
    await poison_trigger(db, True)
    env, url = _webhook_env(fake, db, tmp_path)
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    try:
        chats = list(range(3001, 3121))
        says = {c: "/start" for c in chats}
        says[3060] = f"ini {POISON}"
        says[3030] = "Judul\x00 jalan\udfff rusak"  # json.dumps escapes the surrogate: valid JSON, as Telegram's
        says[3090] = "Desa\x00 Paok\u0000 Motong"
        updates = {c: fake.make_text(c, t) for c, t in says.items()}
        async with aiohttp.ClientSession() as http:
            statuses = await asyncio.gather(*(_post(http, url, u) for u in updates.values()))
            assert statuses == [200] * 120
            for chat in chats:
                await fake.wait_for(lambda chat=chat: len(fake.sent_messages(chat)) >= 1, 60)
            assert await _post(http, url, updates[3060]) == 200  # Telegram delivering it again
        for chat in chats:
            first = fake.sent_messages(chat)[0]["text"]
            assert (SORRY in first) == (chat == 3060), chat
        async with db.read() as session:
            rows = {r.channel_message_id: r for r in (await session.exec(select(InboundMessage))).all()}
        poisoned = rows.pop(f"{fake._bot_id}:{updates[3060]['update_id']}")
        assert poisoned.status == "failed" and poisoned.reason and POISON not in json.dumps(poisoned.payload)
        assert {r.status for r in rows.values()} == {"handled"} and len(rows) == 119
        cleaned = sorted(t for r in rows.values() if (t := r.payload.get("text")))  # the others are /start
        assert cleaned == ["Desa Paok Motong", "Judul jalan\ufffd rusak"]
        assert len(fake.sent_messages(3060)) == 1  # the redelivery was answered 200 and nothing more
    finally:
        assert await bot.stop() == 0
        await poison_trigger(db, False)


# --------------------------------------------------------------------------- 6. malformed bodies, real webhooks


async def test_malformed_telegram_webhooks_are_acknowledged_and_the_next_update_handled(
        fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """Each malformed kind (and not JSON, a list, JSON 100,000 deep) gets 200, never 5xx; the bot goes on."""
    from tests.conversation.test_poison import _tg

    env, url = _webhook_env(fake, db, tmp_path)
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    try:
        bodies: list[bytes | dict[str, Any]] = [u for _, u in _tg(fake)]
        bodies += [b"not json", b"[1, 2]", b"5", b"null", b'{"update_id": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000
                   + b"}", b'{"update_id": 2, "message": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001]
        async with aiohttp.ClientSession() as http:
            for body in bodies:
                assert await _post(http, url, body) == 200
            assert await _post(http, url, fake.make_text(4001, "/start")) == 200
        await fake.wait_for(lambda: len(fake.sent_messages(4001)) >= 1, 30)
        async with db.read() as session:
            recorded = (await session.exec(select(InboundMessage.status))).all()
        assert recorded == ["handled"]  # the malformed ones are not recorded: nothing to handle in them
    finally:
        assert await bot.stop() == 0


async def test_malformed_whatsapp_webhooks_are_acknowledged_after_the_signature(
        db: Database, tmp_path: Path) -> None:
    """Signed but malformed (entry: 5, messages as a string, 100,000 deep, a bad message beside a good one): 200,
    the good neighbour answered; an unsigned body is still refused 401."""
    async with FakeGraphAPI() as graph:
        env = {"WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
               "WHATSAPP_APP_SECRET": WA_SECRET, "WHATSAPP_VERIFY_TOKEN": "v", "WHATSAPP_API_BASE_URL": graph.base_url,
               "WHATSAPP_MARK_READ": "0", "DATABASE_URL": db.url, "LAPORBOT_PORT": "0",
               "LAPORBOT_RATE_LIMIT_PER_MINUTE": "0"}
        bot = LaporbotProcess(env, tmp_path / "bot.log")
        await bot.start()
        url = f"{bot.url}/webhooks/whatsapp"
        try:
            bad = {**text_message("x", wa_id="6281111", wamid="wamid.bad"), "text": {"body": 5}}
            good = text_message("halo", wa_id="6282222", wamid="wamid.good")
            bodies = [b'{"entry": 5}', b'{"entry": [{"changes": [{"value": {"messages": "halo"}}]}]}', b"[]",
                      b"not json", b'{"entry": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                      json.dumps(make_webhook([bad, good])).encode()]
            async with aiohttp.ClientSession() as http:
                for raw in bodies:
                    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": sign(raw, WA_SECRET)}
                    async with http.post(url, data=raw, headers=headers) as resp:
                        assert resp.status == 200, raw[:60]
                async with http.post(url, data=b'{"entry": 5}') as resp:
                    assert resp.status == 401
            await graph.wait_for(lambda: len(graph.sent("6282222")) >= 1, 30)
            assert graph.sent("6281111") == []
        finally:
            assert await bot.stop() == 0


# --------------------------------------------------------------------------- 5d. the polling loop, supervised


class GarbageProxy:
    """In front of the fake Bot API: getUpdates answered with garbage (not JSON) while `garbage` is set."""

    def __init__(self, upstream: FakeTelegramAPI) -> None:
        self.upstream = upstream
        self.garbage = False
        self.garbage_answers = 0
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def __aenter__(self) -> GarbageProxy:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        port = free_port()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()
        self.url = f"http://127.0.0.1:{port}/bot"
        self.http = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.http.close()
        if self.runner is not None:
            await self.runner.cleanup()

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        if self.garbage and request.path.lower().endswith("/getupdates"):
            self.garbage_answers += 1
            return web.Response(text="<html>502 garbage</html>", content_type="text/html")
        target = self.upstream.base_url.rstrip("/").removesuffix("/bot") + request.path
        try:
            async with self.http.request(request.method, target, data=await request.read(),
                                         headers={"Content-Type": request.headers.get("Content-Type", "")}) as resp:
                return web.Response(body=await resp.read(), status=resp.status, content_type=resp.content_type)
        except aiohttp.ClientError:  # the fake went away (a long poll cut at the end of the test)
            return web.Response(status=502)


async def test_polling_that_keeps_failing_is_restarted_and_shown_in_readyz(fake: FakeTelegramAPI, db: Database,
                                                                          tmp_path: Path) -> None:
    """getUpdates answering garbage: the poll loop fails, is restarted again and again, /readyz turns 503 (task
    down) and laporbot_task_up 0; once the Bot API answers again it polls, is ready, and citizens are answered.
    A malformed update among good ones is skipped and confirmed, never fetched forever.
    Before: the loop died silently (or hid the failure) and /readyz stayed 200.
    """
    async with GarbageProxy(fake) as proxy:
        env = _env(proxy.url, db, tmp_path, LAPORBOT_TASK_DOWN_SECONDS="1", LAPORBOT_METRICS_TOKEN=METRICS_TOKEN)
        bot = LaporbotProcess(env, tmp_path / "bot.log")
        await bot.start()
        try:
            async with aiohttp.ClientSession() as http:
                async def readiness() -> int:
                    async with http.get(f"{bot.url}/readyz") as resp:
                        return resp.status

                async def task_up() -> str:
                    async with http.get(f"{bot.url}/metrics", headers=SCRAPER) as resp:
                        found = re.search(r'laporbot_task_up\{task="telegram.poll"\} (\S+)', await resp.text())
                        return found.group(1) if found else ""

                fake.push_text(5001, "/start")
                await fake.wait_for(lambda: len(fake.sent_messages(5001)) >= 1, 30)
                assert await readiness() == 200
                proxy.garbage = True

                async def not_ready() -> bool:
                    return await readiness() == 503 and proxy.garbage_answers >= 2

                await _until(not_ready, 60)
                assert await task_up() == "0.0"
                proxy.garbage = False
                malformed = fake.make_text(5003, "halo")
                malformed["message"] = "halo"
                fake.push_update(malformed)
                fake.push_text(5002, "/start")

                async def ready() -> bool:
                    return await readiness() == 200

                await _until(ready, 90)  # the restart pause doubles (at most 30 s)
                await fake.wait_for(lambda: len(fake.sent_messages(5002)) >= 1, 60)
                assert await task_up() == "1.0"
                await fake.wait_for(lambda: malformed not in fake.pending_updates, 30)  # confirmed, not stuck
        finally:
            assert await bot.stop() == 0
