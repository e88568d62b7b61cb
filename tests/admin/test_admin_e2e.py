"""The real `laporbot run` process with admins: a complaint filed by buttons produces a card (with its photo)
in the triage chat; the super admin disposes it to the agency; the agency admin resolves it from the new
card (a stranger's press is refused); the citizen is told each time. Through the fake Bot API, polling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlmodel import select

from models.db import Database
from models.tables import Complaint, StatusChange
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.handlers.test_telegram_e2e import Citizen, file_complaint
from tests.procs import TOKEN, LaporbotProcess

pytestmark = pytest.mark.slow
SUPER, AGENCY_ADMIN = 9001, 9101
DINKES_CHAT, TRIAGE_CHAT = -1001, -1009


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramAPI]:
    """A fake Bot API on 127.0.0.1."""
    async with FakeTelegramAPI() as api:
        yield api


def _cards(fake: FakeTelegramAPI, chat: int, number: str) -> list[tuple[int, dict[str, Any]]]:
    return [(key[1], m) for key, m in fake._messages.items()
            if key[0] == chat and m.get("text", "").startswith("📋") and number in m["text"]]


def _button(message: dict[str, Any], label: str) -> str:
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            if button["text"] == label:
                return str(button["callback_data"])
    raise AssertionError(f"no {label!r} button in {message.get('text', '')[:60]!r}")


@pytest.mark.parametrize("optimize", ["", "2"], ids=["plain", "optimize2"])  # 2: as the image runs (Dockerfile)
async def test_card_dispose_and_verify_through_the_real_process(fake: FakeTelegramAPI, db: Database,
                                                               tmp_path: Path, optimize: str) -> None:
    """Triage card with the photo, disposed by the super admin, resolved by the agency admin, citizen told."""
    agencies = tmp_path / "agencies.csv"
    agencies.write_text("code,name\ndinkes,Dinas Kesehatan Kabupaten Lombok Timur\n", encoding="utf-8")
    admins = tmp_path / "admins.yaml"
    admins.write_text(yaml.safe_dump({
        "admins": [{"id": SUPER, "role": "super"}, {"id": AGENCY_ADMIN, "role": "agency", "agencies": ["dinkes"]}],
        "chats": {"dinkes": [DINKES_CHAT], "triage": [TRIAGE_CHAT]}, "triage_private": False}), encoding="utf-8")
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.base_url,
           "TELEGRAM_FILE_BASE_URL": fake.base_file_url, "DATABASE_URL": db.url,
           "LAPORBOT_AGENCIES_CSV": str(agencies), "LAPORBOT_PORT": "0", "LAPORBOT_ADMINS_FILE": str(admins),
           "LAPORBOT_ADMIN_POLL_SECONDS": "0.2", "LAPORBOT_SLA_INTERVAL_SECONDS": "1", "PYTHONOPTIMIZE": optimize}
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    try:
        citizen = Citizen(fake, 501)
        number = await file_complaint(citizen, buttons=True)
        async with db.read() as session:
            complaint = (await session.exec(select(Complaint))).one()
        first = DINKES_CHAT if complaint.agency_code == "dinkes" else TRIAGE_CHAT
        await fake.wait_for(lambda: _cards(fake, first, number))
        await fake.wait_for(lambda: [c for c in fake.calls_to("sendPhoto")
                                     if c.params.get("chat_id") == first and c.params.get("photo") == "photo-abc"])
        if first == TRIAGE_CHAT:
            message_id, card = _cards(fake, TRIAGE_CHAT, number)[-1]
            fake.push_callback(TRIAGE_CHAT, _button(card, "↪️ Disposisi"), message_id=message_id, user_id=SUPER,
                               chat_type="supergroup")

            def menu() -> tuple[int, str] | None:
                for key, m in reversed(list(fake._messages.items())):
                    if key[0] == TRIAGE_CHAT and "Disposisikan" in m.get("text", "") and m.get("reply_markup"):
                        return key[1], _button(m, "Dinas Kesehatan Kabupaten Lombok Timur")
                return None

            menu_id, choice = await fake.wait_for(menu)
            fake.push_callback(TRIAGE_CHAT, choice, message_id=menu_id, user_id=SUPER, chat_type="supergroup")
            await fake.wait_for(lambda: _cards(fake, DINKES_CHAT, number))
            await fake.wait_for(lambda: "didisposisikan" in fake._messages[(TRIAGE_CHAT, message_id)]["text"])
            await fake.wait_for(lambda: any("Diteruskan ke Dinas Kesehatan" in m["text"]
                                            for m in fake.sent_messages(501)), timeout=15)
        message_id, card = _cards(fake, DINKES_CHAT, number)[-1]
        # Disposed by the coordinator it is verified already: the agency resolves it; else it verifies first.
        label, status, told = (("🏁 Selesai", "Sudah ditindaklanjuti", "Apakah masalah Anda sudah selesai?")
                               if "· Terverifikasi" in card["text"] else ("✅ Verifikasi", "Terverifikasi",
                                                                          "Terverifikasi"))
        # A stranger in the group presses first: refused, nothing changes.
        fake.push_callback(DINKES_CHAT, _button(card, label), message_id=message_id, user_id=4242,
                           chat_type="supergroup")
        fake.push_callback(DINKES_CHAT, _button(card, label), message_id=message_id, user_id=AGENCY_ADMIN,
                           chat_type="supergroup")
        await fake.wait_for(lambda: any(told in m["text"] for m in fake.sent_messages(501)[-2:]))
        await fake.wait_for(lambda: f"· {status}" in fake._messages[(DINKES_CHAT, message_id)]["text"])
        answers = [c.params.get("text") for c in fake.calls_to("answerCallbackQuery")]
        assert "Anda tidak berwenang atas laporan ini." in answers
        assert f"{number}: {status}. Tercatat." in answers
    finally:
        assert await bot.stop() == 0
    async with db.read() as session:
        history = (await session.exec(select(StatusChange).order_by(StatusChange.id))).all()
    assert history[-1].actor == f"admin:{AGENCY_ADMIN}"
    assert len([h for h in history if h.actor.startswith("admin:")]) == (2 if first == TRIAGE_CHAT else 1)
