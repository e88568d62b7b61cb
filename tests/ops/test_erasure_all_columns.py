"""Issue 13 item 11: after /hapusdata + ya, no text or JSON column of any table (listed from the SQLModel
metadata, so new tables are covered without touching this test) still holds the citizen's name, phone
number, NIK or chat id — seeded widely first through the chat flows and admin actions."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, LargeBinary, String, select
from sqlmodel import SQLModel

from bot.conversation.guards import OpsSettings
from bot.core.clock import FixedClock
from models.db import Database
from tests.admin.test_admin_env import DINKES_A, DINKES_CHAT, AdminEnv, admin_env

CHAT = 77123456  # the citizen's Telegram chat id
FIRST, LAST = "Sukmawati", "Wulandari"
NAME = f"{FIRST} {LAST}"
PHONE = "081298765432"
NIK = "5203014101900077"


@pytest.fixture
async def env(db: Database, clock: FixedClock, tmp_path: Path) -> AsyncIterator[AdminEnv]:
    """The admin bench with the standard admin file, and the ops checks (/hapusdata) as `laporbot run` has them."""
    async with admin_env(db, clock, tmp_path, ops=OpsSettings(rate_limit=0)) as bench:
        yield bench


def text_columns() -> list[tuple[Any, Any]]:
    """(table, column) for every string, text, JSON or binary column of every table."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            kind = getattr(column.type, "impl_instance", column.type)
            if isinstance(kind, String | JSON | LargeBinary):
                found.append((table, column))
    return found


def leaks(value: Any) -> list[str]:
    """Which of the citizen's identifiers a stored value still contains."""
    if isinstance(value, bytes):
        text = value.decode("utf-8", "replace")
    elif isinstance(value, str):
        text = value
    else:
        text = json.dumps(value, ensure_ascii=False)
    digits = re.sub(r"\D", "", text)
    found = [name for name in (FIRST, LAST) if name.lower() in text.lower()]
    found += [number for number, bare in ((PHONE, PHONE[1:]), (NIK, NIK)) if bare in digits]
    if re.search(rf"(?<!\d){CHAT}(?!\d)", text):
        found.append("chat id")
    return found


async def everything(env: AdminEnv) -> list[tuple[str, str, Any]]:
    """Every value of every text column, as (table, column, value)."""
    rows: list[tuple[str, str, Any]] = []
    async with env.db.read() as session:
        for table, column in text_columns():
            for (value,) in (await session.execute(select(column))).all():
                if value is not None:
                    rows.append((table.name, column.name, value))
    return rows


async def test_hapusdata_leaves_no_identifier_in_any_text_column(env: AdminEnv) -> None:
    """Name, phone, NIK and chat id written by the citizen and by admins everywhere; none left after erasure."""
    fake = env.fake
    who: dict[str, Any] = {"first_name": FIRST, "last_name": LAST, "username": "sukma_w"}

    async def citizen_says(text: str) -> None:
        await env.channel.take(fake.make_text(CHAT, text, **who))
        await env.settle()

    # The citizen chats (inbound log, replies, conversation state) and files a complaint naming herself.
    await citizen_says(f"Halo, saya {NAME}, NIK {NIK}, HP {PHONE}, chat {CHAT}")
    complaint = await env.complaint(user=CHAT, name=NAME, agency="dinkes",
                                    title=f"Pungli oleh petugas; pelapor {NAME} HP {PHONE} NIK {NIK}")
    await env.settle()
    # An admin asks her something (info request, status note, the question sent to her), naming her.
    message_id, ask = env.button(DINKES_CHAT, complaint.tracking_no, "ask")
    await env.press(DINKES_CHAT, message_id, ask, DINKES_A)
    await env.say(DINKES_CHAT, f"Bu {FIRST}, mohon konfirmasi nomor {PHONE} dan NIK {NIK} (chat {CHAT}).",
                  DINKES_A, reply_to=env.last_prompt(DINKES_CHAT))
    # Her answer is written to the case and relayed to the agency chat (info reply, admin outbox).
    await citizen_says(f"Benar, NIK saya {NIK}, HP {PHONE}. Salam, {NAME}.")
    # The follow-up names her and her number (status note, the notification to her).
    message_id, verify = env.button(DINKES_CHAT, complaint.tracking_no, "verify")
    await env.press(DINKES_CHAT, message_id, verify, DINKES_A)
    message_id, respond = env.button(DINKES_CHAT, complaint.tracking_no, "respond")
    await env.press(DINKES_CHAT, message_id, respond, DINKES_A)
    await env.say(DINKES_CHAT, f"Ibu {NAME} ({PHONE}) sudah kami hubungi; NIK {NIK} dicatat.", DINKES_A,
                  reply_to=env.last_prompt(DINKES_CHAT))

    before = [(t, c) for t, c, v in await everything(env) if leaks(v)]
    assert {t for t, _ in before} >= {"citizen", "complaint", "inboundmessage", "outgoingmessage", "inforequest",
                                      "inforeply", "statuschange", "adminoutbox"}, sorted(set(before))

    await citizen_says("/hapusdata")
    await citizen_says("ya")
    confirmations = [m for m in fake.sent_messages(CHAT) if "dihapus" in m.get("text", "").lower()]
    assert confirmations, "\n".join(m.get("text", "")[:70] for m in fake.sent_messages(CHAT))

    left = [(t, c, leaks(v)) for t, c, v in await everything(env) if leaks(v)]
    assert left == [], left


async def test_whatsapp_erasure_forgets_the_phone_number_that_is_the_chat_id(db: Database, clock: FixedClock) -> None:
    """On WhatsApp the chat id is the phone number: after /hapusdata + ya no column holds it, not even the
    confirmation's outbox row (sent, then its chat id forgotten)."""
    from tests.fakes.graph_api import FakeGraphAPI, make_webhook, text_message
    from tests.forwarding_helpers import file_complaints
    from tests.handlers.test_whatsapp_channel import running_rig

    wa, name, nik = "6281377712345", "Ratna Kusuma", "5203014101900088"

    def leaked(value: Any) -> list[str]:
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else \
            value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        digits = re.sub(r"\D", "", text)
        found = [part for part in name.split() if part.lower() in text.lower()]
        return found + [bit for bit in (wa[2:], nik) if bit in digits]

    async with FakeGraphAPI() as graph, running_rig(db, clock, graph, OpsSettings(rate_limit=0)) as rig:
        await file_complaints(rig.core, 1, user=wa, channel="whatsapp", display_name=name,
                              body=f"Saya {name}, NIK {nik}, WA {wa}: jalan desa rusak.")
        for n, text in enumerate((f"halo, saya {name} ({wa})", "/hapusdata", "ya"), start=1):
            assert await rig.post(make_webhook([text_message(text, wa_id=wa, wamid=f"wamid.erase.{n}")],
                                               name=name)) == 200
            await rig.settle()
        assert any("dihapus" in json.dumps(m, ensure_ascii=False) for m in graph.messages)
        left = []
        async with rig.core.db.read() as session:
            for table, column in text_columns():
                for (value,) in (await session.execute(select(column))).all():
                    if value is not None and leaked(value):
                        left.append((table.name, column.name, leaked(value)))
    assert left == [], left
