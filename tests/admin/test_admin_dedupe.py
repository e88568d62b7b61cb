"""Issue 13 item 7: an admin update delivered twice (one update_id) is acted on once — through the real
`laporbot run` process and the fake Bot API. A card button press, /tanya and /tindaklanjut each arrive twice:
one status change each, one question to the citizen, one info request, one callback answer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func
from sqlmodel import col, select

from models.admin import InfoRequest
from models.db import Database
from models.tables import Complaint, InboundMessage, OutgoingMessage, StatusChange
from tests.admin.test_admin_e2e import _button, _cards
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.handlers.test_telegram_e2e import Citizen, file_complaint
from tests.procs import TOKEN, LaporbotProcess

pytestmark = pytest.mark.slow
SUPER = 9001
DINKES_CHAT, TRIAGE_CHAT = -1001, -1009
HELP_START = "Perintah admin:"


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramAPI]:
    """A fake Bot API on 127.0.0.1."""
    async with FakeTelegramAPI() as api:
        yield api


def twice(fake: FakeTelegramAPI, update: dict[str, Any]) -> None:
    """The same update (same update_id) delivered two times, as after a lost acknowledgement."""
    fake.push_update(update)
    fake.push_update(dict(update))


async def barrier(fake: FakeTelegramAPI) -> None:
    """Wait until everything the super admin sent before has been handled: their next /bantuan is answered."""
    before = len([m for m in fake.sent_messages(SUPER) if m.get("text", "").startswith(HELP_START)])
    fake.push_text(SUPER, "/bantuan")
    await fake.wait_for(lambda: len([m for m in fake.sent_messages(SUPER)
                                     if m.get("text", "").startswith(HELP_START)]) > before, timeout=15)


async def test_admin_updates_delivered_twice_act_once(fake: FakeTelegramAPI, db: Database, tmp_path: Path) -> None:
    """Button press, /tanya and /tindaklanjut, each delivered twice: every effect happens once."""
    agencies = tmp_path / "agencies.csv"
    agencies.write_text("code,name\ndinkes,Dinas Kesehatan Kabupaten Lombok Timur\n", encoding="utf-8")
    admins = tmp_path / "admins.yaml"
    admins.write_text(yaml.safe_dump({"admins": [{"id": SUPER, "role": "super"}],
                                      "chats": {"dinkes": [DINKES_CHAT], "triage": [TRIAGE_CHAT]},
                                      "triage_private": False}), encoding="utf-8")
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.base_url,
           "TELEGRAM_FILE_BASE_URL": fake.base_file_url, "DATABASE_URL": db.url,
           "LAPORBOT_AGENCIES_CSV": str(agencies), "LAPORBOT_PORT": "0", "LAPORBOT_ADMINS_FILE": str(admins),
           "LAPORBOT_ADMIN_POLL_SECONDS": "0.2", "LAPORBOT_SLA_INTERVAL_SECONDS": "1"}
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    try:
        citizen = Citizen(fake, 501)
        number = await file_complaint(citizen, buttons=True)
        async with db.read() as session:
            complaint = (await session.exec(select(Complaint))).one()
        chat = DINKES_CHAT if complaint.agency_code == "dinkes" else TRIAGE_CHAT
        await fake.wait_for(lambda: _cards(fake, chat, number))

        # 1. A card's button pressed once, the callback query delivered twice.
        message_id, card = _cards(fake, chat, number)[-1]
        press = fake.make_callback(chat, _button(card, "✅ Verifikasi"), message_id=message_id, user_id=SUPER,
                                   chat_type="supergroup")
        twice(fake, press)
        await fake.wait_for(lambda: any("Terverifikasi" in m["text"] for m in fake.sent_messages(501)))
        await barrier(fake)

        # 2. /tanya delivered twice: one question to the citizen, one info request.
        twice(fake, fake.make_text(SUPER, f"/tanya {number} Mohon kirim foto lokasi dari dekat."))
        await fake.wait_for(lambda: any("foto lokasi dari dekat" in m["text"] for m in fake.sent_messages(501)),
                            timeout=15)
        await barrier(fake)

        # 3. /tindaklanjut delivered twice: one status change, one message to the citizen.
        twice(fake, fake.make_text(SUPER, f"/tindaklanjut {number} Petugas sudah datang dan memperbaiki."))
        await fake.wait_for(lambda: any("memperbaiki" in m["text"] for m in fake.sent_messages(501)))
        await barrier(fake)
    finally:
        assert await bot.stop() == 0

    async with db.read() as session:
        history = (await session.exec(select(StatusChange).where(col(StatusChange.actor) == f"admin:{SUPER}")
                                      .order_by(col(StatusChange.id)))).all()
        requests = (await session.exec(select(func.count()).select_from(InfoRequest))).one()
        outgoing = (await session.exec(select(OutgoingMessage).where(col(OutgoingMessage.chat_id) == "501"))).all()
        admin_log = [m for m in (await session.exec(select(InboundMessage))).all() if m.payload.get("admin")]
    assert len([h for h in history if h.status == "verified" and not h.note]) == 1
    assert len([h for h in history if h.note and "foto lokasi dari dekat" in h.note]) == 1
    assert len([h for h in history if h.note and "memperbaiki" in h.note]) == 1
    assert requests == 1
    assert len([o for o in outgoing if "foto lokasi dari dekat" in o.payload.get("text", "")]) == 1
    assert len([o for o in outgoing if "memperbaiki" in o.payload.get("text", "")]) == 1
    assert len([m for m in fake.sent_messages(501) if "foto lokasi dari dekat" in m["text"]]) == 1
    assert len([m for m in fake.sent_messages(501) if "memperbaiki" in m["text"]]) == 1
    answers = [c for c in fake.calls_to("answerCallbackQuery") if c.params.get("callback_query_id")
               == press["callback_query"]["id"]]
    assert len(answers) == 1, "the duplicate press is not answered a second time"
    # Each admin update is in the inbound log once, without what the admin typed.
    assert len(admin_log) >= 3 and all(m.status == "handled" and m.payload == {"admin": True} for m in admin_log)
