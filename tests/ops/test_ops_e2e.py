"""The real `laporbot run` process, operated: JSON logs without personal data, /metrics, readiness, SIGTERM."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import func
from sqlmodel import col, select

from bot.ops.metrics import families
from models.db import Database
from models.tables import InboundMessage, OutgoingMessage
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.handlers.test_telegram_e2e import SECRET, Citizen, _env
from tests.procs import LaporbotProcess, free_port

pytestmark = pytest.mark.slow

NIK = "3203012503770011"
PHONE = "081234567890"
METRICS_TOKEN = "metrics-scraper-token"  # /metrics on the public port only behind it (README, operations)
STORY = f"Pungutan liar di kantor desa Sakra, saya diminta bayar untuk surat pindah. NIK saya {NIK}, WA {PHONE}"


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramAPI]:
    """A fake Bot API on 127.0.0.1."""
    async with FakeTelegramAPI() as api:
        yield api


def webhook_env(fake: FakeTelegramAPI, db: Database, tmp_path: Path, **extra: str) -> tuple[dict[str, str], str]:
    """A webhook-mode bot on a port of its own."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/webhooks/telegram"
    return _env(fake, db, tmp_path, LAPORBOT_PORT=str(port), TELEGRAM_WEBHOOK_URL=url,
                TELEGRAM_WEBHOOK_SECRET=SECRET, LAPORBOT_METRICS_TOKEN=METRICS_TOKEN, **extra), url


async def file_with_phone(c: Citizen) -> str:
    """A complaint typed in words, with contact consent and a phone number; returns the confirmation."""
    for line in ("/start", "1", "pengaduan", STORY, "kemarin", "Puskesmas Sakra", "tidak tahu", "kesehatan",
                 "lanjut", "tidak", "ya", PHONE):  # no title question; anonim and rahasia are one
        await c.says(line)
    return str((await c.says("kirim", expect=2))[0]["text"])


async def scrape(url: str) -> dict[str, float]:
    """GET /metrics as {name{labels}: value}."""
    headers = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    async with aiohttp.ClientSession() as http, http.get(f"{url}/metrics", headers=headers) as resp:
        assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/plain")
        text = await resp.text()
    values: dict[str, float] = {}
    for family in families(text):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            values[f"{sample.name}{{{labels}}}"] = sample.value
    return values


async def test_full_run_logs_carry_ids_but_no_personal_data_and_metrics_add_up(
        fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """A complaint with a NIK and a phone number, an emergency, a 429, /hapusdata: none of it in the JSON logs."""
    env, url = webhook_env(fake, db, tmp_path, LAPORBOT_LOG_JSON="1", LOG_LEVEL="DEBUG")
    log_path = tmp_path / "bot.log"
    bot = LaporbotProcess(env, log_path)
    await bot.start()
    try:
        ani = Citizen(fake, 901, webhook=url)
        done = await file_with_phone(ani)
        assert "LPR-" in done
        fake.fail_next("sendMessage", "429", times=1, retry_after=1)
        emergency = await Citizen(fake, 902, webhook=url).says("Tolong! kecelakaan di jalan raya Selong", expect=2)
        assert "112" in emergency[0]["text"]
        await ani.says("/hapusdata")
        assert "sudah dihapus" in (await ani.presses("erase.yes"))[0]["text"]
        for _ in range(100):  # sends are recorded as sent a moment after the channel took them
            async with db.read() as session:
                messages = (await session.exec(select(func.count()).select_from(InboundMessage))).one()
                sent = (await session.exec(select(func.count()).select_from(OutgoingMessage).where(
                    col(OutgoingMessage.status) == "sent"))).one()
                total = (await session.exec(select(func.count()).select_from(OutgoingMessage))).one()
            metrics = await scrape(bot.url)
            if metrics.get("laporbot_replies_sent_total{channel=telegram}") == sent == total:
                break
            await asyncio.sleep(0.1)
        assert metrics["laporbot_inbound_messages_total{channel=telegram}"] == messages
        assert metrics["laporbot_handling_seconds_count{channel=telegram}"] == messages
        assert metrics["laporbot_replies_sent_total{channel=telegram}"] == sent == total
        assert metrics["laporbot_send_failures_total{channel=telegram,kind=retry}"] >= 1
        assert metrics["laporbot_emergency_notices_total{channel=telegram}"] == 1
        assert metrics["laporbot_erasures_total{actor=citizen}"] == 1
        assert metrics["laporbot_database_up{}"] == 1
        assert metrics["laporbot_complaints{status=submitted}"] == 1
        assert metrics["laporbot_sla_breaches{clock=verify}"] == 0
        assert metrics.get("laporbot_outbox_depth{channel=telegram,status=pending}", 0) == 0
        assert "laporbot_survey_responses_total{survey=skm}" in metrics
    finally:
        assert await bot.stop() == 0
    logged = log_path.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in logged.splitlines() if line.strip()]
    assert lines and all({"ts", "level", "logger", "msg"} <= set(line) for line in lines)
    assert any("update_id" in line and "request_id" in line for line in lines), "webhook lines carry their ids"
    assert any(line["msg"] == "complaint stored" for line in lines)
    for secret in (NIK, PHONE, PHONE[1:], "Pungutan liar", "surat pindah", "kecelakaan di jalan"):
        assert secret not in logged, secret


async def test_sigterm_finishes_in_flight_updates_and_leaves_nothing_leased(
        fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """Updates posted as SIGTERM arrives: each is either refused (redelivered later) or handled and answered."""
    env, url = webhook_env(fake, db, tmp_path)
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    results: list[int] = []
    running = True

    async def post(chat: int) -> None:
        while running:  # a steady stream of citizens, before, during and after SIGTERM
            chat += 100
            try:
                status = await FakeTelegramAPI.post_webhook(url, fake.make_text(chat, "/start"), secret=SECRET)
            except aiohttp.ClientError:
                status = 0  # the server had stopped listening: Telegram retries later
            results.append(status)
            if status != 200:
                await asyncio.sleep(0.01)

    posts = [asyncio.create_task(post(2000 + i)) for i in range(20)]
    await fake.wait_for(lambda: len(fake.sent_messages()) >= 20)
    assert await bot.stop() == 0, "a clean exit"
    running = False
    await asyncio.gather(*posts)
    accepted = results.count(200)
    assert accepted >= 1 and all(status in (200, 503, 0) for status in results)
    async with db.read() as session:
        inbound = (await session.exec(select(InboundMessage.status))).all()
        outgoing = (await session.exec(select(OutgoingMessage.status))).all()
    assert len(inbound) >= accepted and set(inbound) <= {"handled"}
    assert set(outgoing) == {"sent"}, "every reply of a taken update was sent before the exit; no lease left"
    assert len(fake.sent_messages()) == len(outgoing)


async def test_readiness_reports_draining_and_database_trouble(db: Database) -> None:
    """/readyz is 200 when the database answers, 503 while draining or when it does not; /healthz stays 200."""
    from aiohttp import web

    from bot.server import DRAINING, create_app
    from bot.settings import Settings
    from bot.wiring import build_core

    core = await build_core(Settings(database_url=db.url), migrate=False)
    app = create_app(core)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/readyz") as resp:
                assert resp.status == 200
            app[DRAINING].set()
            async with http.get(f"{base}/readyz") as resp:
                assert resp.status == 503 and (await resp.json())["reason"] == "shutting down"
            async with http.post(f"{base}/webhooks/telegram", json={}) as resp:
                assert resp.status == 503
            app[DRAINING].clear()
            await core.db.close()
            core.db = Database("postgresql+asyncpg://nobody@127.0.0.1:1/none")  # nothing listens there
            async with http.get(f"{base}/readyz") as resp:
                assert resp.status == 503 and (await resp.json())["status"] == "unavailable"
            async with http.get(f"{base}/healthz") as resp:
                assert resp.status == 200
    finally:
        await runner.cleanup()
        await core.close()
