"""Issue 18 item 2: admins see the voice note and what was heard in it; /hapusdata erases the transcripts'
identifiers; an anonymous complaint told by voice is forwarded with its (transcribed) story scrubbed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlmodel import select

from bot.core.clock import FixedClock
from bot.core.messages import Inbound
from bot.forwarding.central.base import prepare_for_send
from bot.forwarding.payload import build_payload
from models import store
from models.db import Database
from models.tables import Citizen, Complaint
from models.voice import VoiceJob
from tests.admin.test_admin_env import CITIZEN, DINKES_CHAT, AdminEnv, admin_env

HEARD = "Puskesmas Sakra tutup jam sepuluh, hubungi saya di 081234567890"


@pytest.fixture
async def env(db: Database, clock: FixedClock, tmp_path: Path) -> AsyncIterator[AdminEnv]:
    """The admin bench with the standard admin file."""
    async with admin_env(db, clock, tmp_path) as bench:
        yield bench


async def voiced_complaint(env: AdminEnv, *, anonymous: bool = False) -> Complaint:
    """A complaint whose story was told in a voice note (stored as the flow stores it) and its transcription job."""
    now = env.clock.now()
    async with env.db.write() as session:
        note = Inbound("telegram", str(CITIZEN), "voice-msg-1")
        citizen_id = await store.citizen_for(session, note, now)
        inbound_id = await store.record_inbound(session, note, citizen_id, now)
        assert inbound_id is not None
        session.add(VoiceJob(citizen_id=citizen_id, inbound_id=inbound_id, channel="telegram", chat_id=str(CITIZEN),
                             file_ref="voice-story-1", locale="id", status="used", transcript=HEARD, created_at=now,
                             updated_at=now))
        answers = {"classification": "pengaduan", "title": "Puskesmas Sakra tutup", "body": HEARD,
                   "location": {"text": "Puskesmas Sakra", "region": None}, "category": "kesehatan",
                   "agency": "dinkes", "is_anonymous": anonymous, "is_secret": False,
                   "attachments": [{"kind": "voice", "ref": "voice-story-1", "mime": "audio/ogg"}]}
        complaint = await store.create_complaint(session, tracking_no=env.core.inbox.new_tracking_no(),
                                                 citizen_id=citizen_id, inbound_id=None, channel="telegram",
                                                 locale="id", answers=answers, now=now)
        for hook in env.core.hooks:
            result = hook(session, complaint)
            if hasattr(result, "__await__"):
                await result
    return complaint


async def test_admins_get_the_voice_note_with_its_transcript(env: AdminEnv) -> None:
    """After the card, the voice note itself, captioned with what was heard."""
    complaint = await voiced_complaint(env)
    await env.settle()
    (voice,) = [c.params for c in env.fake.calls_to("sendVoice") if c.params.get("chat_id") == DINKES_CHAT]
    assert voice["voice"] == "voice-story-1"
    assert voice["caption"] == (f"Lampiran {complaint.tracking_no} (1/1)\n🗣 Terdengar: \"{HEARD}\"")


async def test_an_anonymous_spoken_story_is_forwarded_scrubbed_like_any_text(env: AdminEnv) -> None:
    """The transcript became the story: anonymous forwarding scrubs it with the one scrubber (phone number out)."""
    complaint = await voiced_complaint(env, anonymous=True)
    async with env.db.read() as session:
        citizen = await session.get(Citizen, complaint.citizen_id)
    payload = prepare_for_send(build_payload(complaint, citizen, []), private=True, placeholder="-")
    assert "081234567890" not in payload.body and "Puskesmas Sakra tutup jam sepuluh" in payload.body


async def test_erasure_reaches_the_transcripts(env: AdminEnv) -> None:
    """/hapusdata: the generic sweep covers voicejob (it has citizen_id): no phone number, no chat id left."""
    from bot.ops.privacy import erase_citizen

    complaint = await voiced_complaint(env)
    async with env.db.write() as session:
        await erase_citizen(session, complaint.citizen_id, actor="citizen", now=env.clock.now())
    async with env.db.read() as session:
        (job,) = (await session.exec(select(VoiceJob))).all()
    assert "081234567890" not in (job.transcript or "") and str(CITIZEN) not in job.chat_id
