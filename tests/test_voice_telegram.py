"""Issue 18 items 1–2 on Telegram, with real audio: espeak-ng speech encoded to OGG/Opus, sent as voice notes
through the fake Bot API, transcribed by a fake OpenAI-compatible STT server that checks it got 16 kHz mono WAV,
read back ("Kami dengar: … Benar?") and, once confirmed, used like typed text at every step; a job whose
process died mid-transcription is taken again after its lease."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from bot.agencies import ListAgencies
from bot.app import Core
from bot.clock import FixedClock
from bot.places import NoPlaces
from bot.settings import Settings
from bot.tracking import SequentialIds
from bot.voice import audio
from bot.voice.stage import LEASE, MAX_ACTIVE_JOBS, VoiceWorker
from bot.voice.stt import make_transcriber
from bot.voice.wiring import channel_fetch, run_worker
from bot.wiring import build_core
from handlers.telegram_channel import TelegramChannel, make_bot
from models.db import Database
from models.tables import Attachment, Complaint
from models.voice import VoiceJob
from tests.fakes.stt_api import FakeSpeechServer, espeak_wav
from tests.fakes.telegram_api import FakeTelegramAPI

pytestmark = pytest.mark.slow
TOKEN = "7000000002:TEST-voice"
CHAT = 6100
STORY = "Puskesmas Sakra tutup jam sepuluh pagi padahal jadwal buka sampai jam dua siang"


def spoken(text: str) -> bytes:
    """What a phone sends for these words: espeak-ng's Indonesian speech as an OGG/Opus voice note."""
    return audio.encode_opus(audio.read_wav(espeak_wav(text)))


@dataclass
class Phone:
    """A citizen on Telegram, in-process: the channel takes the fake's updates; replies are read from the fake."""

    fake: FakeTelegramAPI
    channel: TelegramChannel
    core: Core
    seen: int = 0
    sent: int = 0
    chat: int = CHAT
    stop: asyncio.Event | None = None  # stops the transcription worker
    worker: asyncio.Task[None] | None = None
    ids = itertools.count(1)

    async def take(self, update: dict[str, Any], expect: int) -> list[dict[str, Any]]:
        self.sent += 1
        await self.channel.take(update)
        return await self.replies(expect)

    async def says(self, text: str, expect: int = 1) -> list[dict[str, Any]]:
        return await self.take(self.fake.make_text(self.chat, text), expect)

    async def presses(self, option: str, expect: int = 1) -> list[dict[str, Any]]:
        for call in reversed(self.fake.calls_to("sendMessage")):
            if call.params.get("chat_id") != self.chat:
                continue
            markup = call.params.get("reply_markup") or {}
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    if button["callback_data"].rpartition("|")[2] == option:
                        update = self.fake.make_callback(self.chat, button["callback_data"],
                                                         message_id=call.result["message_id"])
                        return await self.take(update, expect)
        raise AssertionError(f"no button {option!r}")

    async def speaks(self, words: str, expect: int = 1) -> list[dict[str, Any]]:
        ogg = spoken(words)
        update = self.fake.make_voice(self.chat, f"voice-{next(self.ids)}", content=ogg,
                                      duration=round(audio.ogg_seconds(ogg)), file_size=len(ogg))
        return await self.take(update, expect)

    async def shares_location(self, lat: float, lon: float) -> list[dict[str, Any]]:
        return await self.take(self.fake.make_location(self.chat, lat, lon), 1)

    async def replies(self, expect: int) -> list[dict[str, Any]]:
        await self.fake.wait_for(lambda: len(self.fake.sent_messages(self.chat)) >= self.seen + expect, 20)
        new = self.fake.sent_messages(self.chat)[self.seen:]
        self.seen += len(new)
        return new


@pytest.fixture
async def stt() -> AsyncIterator[FakeSpeechServer]:
    """The fake transcription server."""
    async with FakeSpeechServer() as server:
        yield server


@pytest.fixture
async def phone(db: Database, clock: FixedClock, stt: FakeSpeechServer) -> AsyncIterator[Phone]:
    """A core with the Telegram channel, the voice stage and the transcription worker (`laporbot run`'s wiring)."""
    async with open_phone(db, clock, stt, LAPORBOT_TTS="off") as built:
        yield built


@asynccontextmanager
async def open_phone(db: Database, clock: FixedClock, stt: FakeSpeechServer, **extra: str) -> AsyncIterator[Phone]:
    """The Telegram rig with these extra variables."""
    async with FakeTelegramAPI() as fake:
        settings = Settings(database_url=db.url, telegram_token=TOKEN, telegram_api_base_url=fake.base_url,
                            telegram_file_base_url=fake.base_file_url,
                            extra={"LAPORBOT_STT_URL": stt.url, "LAPORBOT_STT_MODEL": "whisper-small",
                                   "LAPORBOT_STT_NOTICE_SECONDS": "600", **extra})
        core = await build_core(settings, clock=clock, new_tracking_no=SequentialIds(),
                                agencies=ListAgencies([("dinkes", "Dinas Kesehatan Kabupaten Lombok Timur")]),
                                places=NoPlaces(), migrate=False)
        bot = make_bot(TOKEN, fake.base_url, fake.base_file_url)
        channel = TelegramChannel(core, bot)
        await bot.initialize()
        stop = asyncio.Event()
        worker = run_worker(core, stop)
        assert worker is not None
        try:
            yield Phone(fake, channel, core, stop=stop, worker=worker)
        finally:
            stop.set()
            await worker
            await channel.sequencer.join()
            await core.deliverer.flush()
            await bot.shutdown()
            await core.close()


async def jobs(db: Database) -> list[VoiceJob]:
    """Every transcription job, oldest first."""
    async with db.read() as session:
        return list((await session.exec(select(VoiceJob).order_by(col(VoiceJob.id)))).all())


async def waiting_retry(db: Database, attempt: int) -> bool:
    """Whether the job failed `attempt` times and waits for its retry."""
    return any(j.attempts == attempt and j.status == "queued" for j in await jobs(db))


async def until(check: Any, tries: int = 1000) -> None:
    """Wait for an async condition (polled), failing after many tries."""
    for _ in range(tries):
        if await check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition never met")


async def test_spoken_answers_are_read_back_then_used_like_text(phone: Phone, stt: FakeSpeechServer,
                                                                db: Database) -> None:
    """Story, date ("kemarin"), a number ("yang pertama") and yes/no by voice: each read back, confirmed, routed;
    the story heard is read like a typed one (its kind and title not asked)."""
    stt.transcripts = [STORY, "kemarin", "yang pertama", "tidak"]
    await phone.says("/start")
    await phone.presses("complaint")  # the story is the first question
    (readback,) = await phone.speaks(STORY)
    assert readback["text"] == f'Kami dengar: "{STORY}"\nBenar?'
    assert [b["callback_data"].rpartition("|")[2] for row in readback["reply_markup"]["inline_keyboard"]
            for b in row] == ["voice.yes", "voice.no"]
    (when,) = await phone.presses("voice.yes")
    assert when["text"].startswith("Kapan")  # the kind of report and the title are read from the words heard
    (readback,) = await phone.speaks("kemarin")
    assert readback["text"].startswith('Kami dengar: "kemarin"')
    (where,) = await phone.says("ya")  # typed yes to the read-back
    assert "Di mana" in where["text"]
    await phone.shares_location(-8.65, 116.53)
    (categories,) = await phone.presses("unknown")
    first = categories["reply_markup"]["inline_keyboard"][0][0]["callback_data"].rpartition("|")[2]
    (readback,) = await phone.speaks("yang pertama")  # the first category shown
    (files,) = await phone.presses("voice.yes")
    assert "foto" in files["text"]
    await phone.presses("done")
    (readback,) = await phone.speaks("tidak")  # anonymous? no
    (consent,) = await phone.presses("voice.yes")
    assert "Boleh kami simpan" in consent["text"]  # anonim and rahasia were one question
    await phone.presses("no")
    done = await phone.presses("submit", expect=2)
    assert "LPR-" in done[0]["text"]
    async with db.read() as session:
        complaint = (await session.exec(select(Complaint))).one()
        files = (await session.exec(select(Attachment).order_by(col(Attachment.id)))).all()
    assert complaint.body == STORY and complaint.category == first and not complaint.is_anonymous
    assert complaint.title.startswith("Puskesmas Sakra tutup jam sepuluh")  # the title comes from the words heard
    assert complaint.incident_date is not None and complaint.incident_date.isoformat() == "2026-08-19"
    # every voice note stays attached as evidence, its transcript beside it
    assert [f.kind for f in files] == ["voice"] * 4
    found = await jobs(db)
    assert [(j.status, j.transcript) for j in found] == [
        ("used", STORY), ("used", "kemarin"), ("used", "yang pertama"), ("used", "tidak")]
    assert {j.file_ref for j in found} == {f.file_ref for f in files}
    # the STT server got real 16 kHz mono speech of plausible length, never silence
    assert not stt.refused and len(stt.heard) == 4
    assert all(h.rate == 16_000 and h.channels == 1 and h.rms > 100 for h in stt.heard)
    assert 3 < stt.heard[0].seconds < 15 and 0.3 < stt.heard[1].seconds < 3


async def test_no_asks_to_repeat_and_a_new_voice_note_is_heard_again(phone: Phone, stt: FakeSpeechServer,
                                                                     db: Database) -> None:
    """"Tidak" to the read-back: asked to repeat or type; the answer is not used; the next note is read back."""
    stt.transcripts = ["pus kes mas", STORY]
    await phone.says("/start")
    await phone.presses("complaint")  # the story is the first question
    await phone.speaks(STORY)
    (again,) = await phone.presses("voice.no")
    assert "ulangi" in again["text"] or "lagi" in again["text"]
    (readback,) = await phone.speaks(STORY)
    assert STORY in readback["text"]
    await phone.presses("voice.yes")
    assert [j.status for j in await jobs(db)] == ["rejected", "used"]


async def test_a_spoken_yes_answers_the_read_back(phone: Phone, stt: FakeSpeechServer, db: Database) -> None:
    """A blind citizen says "ya" in a voice note to the read-back: that confirms it (no read-back of the "ya")."""
    stt.transcripts = [STORY, "iya benar"]
    await phone.says("/start")
    await phone.presses("complaint")  # the story is the first question
    await phone.speaks(STORY)
    (when,) = await phone.speaks("iya benar")
    assert when["text"].startswith("Kapan")  # the story is used: its kind and title are not asked
    assert [(j.status, j.transcript) for j in await jobs(db)] == [("used", STORY), ("used", "iya benar")]


async def test_slow_transcription_says_listening_first(db: Database, clock: FixedClock,
                                                       stt: FakeSpeechServer) -> None:
    """While the STT server has not answered past the notice time, the citizen is told "sedang mendengarkan…"."""
    stt.gate = asyncio.Event()
    stt.transcripts = [STORY]
    async with open_phone(db, clock, stt, LAPORBOT_TTS="off", LAPORBOT_STT_NOTICE_SECONDS="0") as phone:
        await phone.says("/start")
        await phone.presses("complaint")
        (listening,) = await phone.speaks(STORY)
        assert listening["text"].startswith("Sedang mendengarkan")
        await until(lambda: _held(stt))  # the transcript is still being made (it reaches the server after the notice)
        assert not stt.heard
        stt.gate.set()
        (readback,) = await phone.replies(1)
        assert STORY in readback["text"]


async def test_a_failing_server_is_retried_then_the_note_goes_on_as_before(phone: Phone, stt: FakeSpeechServer,
                                                                          db: Database, clock: FixedClock) -> None:
    """503 three times: the durable job is retried with backoff, then given up: the note is kept as evidence, the
    citizen told honestly; the next note is heard."""
    stt.fail_next = 3
    stt.transcripts = [STORY]
    await phone.says("/start")
    await phone.presses("complaint")  # the story is the first question
    ogg = spoken(STORY)
    await phone.channel.take(phone.fake.make_voice(CHAT, "voice-failing", content=ogg, file_size=len(ogg)))
    for attempt in (1, 2):
        await until(lambda n=attempt: waiting_retry(db, n))
        clock.advance(timedelta(minutes=1))  # past the retry's backoff
    told, kept = await phone.replies(2)
    assert told["text"].startswith("Maaf, pesan suara Anda belum bisa kami dengarkan")
    assert kept["text"].startswith("File diterima (1 file)")
    (job,) = await jobs(db)
    assert (job.status, job.attempts, job.transcript) == ("failed", 3, None)
    (readback,) = await phone.speaks(STORY)
    assert STORY in readback["text"]


async def _held(server: FakeSpeechServer) -> bool:
    """Whether a transcription is waiting at the server's gate."""
    return server.waiting == 1


async def test_a_crash_mid_transcription_is_retried_after_the_lease(phone: Phone, stt: FakeSpeechServer,
                                                                    db: Database, clock: FixedClock) -> None:
    """Worker A dies while the STT server is busy; worker B takes the job after its lease and reads it back once."""
    stt.gate = asyncio.Event()
    stt.transcripts = [STORY]
    await phone.says("/start")
    await phone.presses("complaint")  # the story is the first question
    ogg = spoken(STORY)
    await phone.channel.take(phone.fake.make_voice(6100, "voice-crash", content=ogg, file_size=len(ogg)))
    await until(lambda: _held(stt))
    assert phone.stop is not None and phone.worker is not None
    phone.stop.set()  # worker A is gone (its in-flight transcription cancelled, nothing written)
    await phone.worker
    (job,) = await jobs(db)
    assert (job.status, job.attempts) == ("running", 1)
    stage = phone.core.inbox.engine
    settings = stage.settings
    transcriber = make_transcriber(settings)
    assert transcriber is not None
    fetch, closers = channel_fetch(phone.core)
    worker_b = VoiceWorker(phone.core, settings, transcriber, fetch, stage)
    assert await worker_b.claim() is None  # the lease still holds: nobody else may take it
    clock.advance(LEASE + timedelta(seconds=1))
    stt.gate.set()
    stop_b = asyncio.Event()
    task = asyncio.create_task(worker_b.run(stop_b))
    try:
        (readback,) = await phone.replies(1)
        assert STORY in readback["text"]
        (job,) = await jobs(db)
        assert (job.status, job.attempts, job.transcript) == ("heard", 2, STORY)
    finally:
        stop_b.set()
        await task
        for close in [*closers, transcriber.close]:
            await close()


async def test_a_flood_of_voice_notes_is_kept_but_not_all_heard(phone: Phone, stt: FakeSpeechServer,
                                                                db: Database) -> None:
    """At most MAX_ACTIVE_JOBS notes of one citizen wait to be heard; the next is kept as a file, as without STT."""
    stt.gate = asyncio.Event()
    await phone.says("/start")
    await phone.presses("complaint")  # the story is the first question
    ogg = spoken("halo")
    for n in range(MAX_ACTIVE_JOBS):
        await phone.channel.take(phone.fake.make_voice(CHAT, f"voice-flood-{n}", content=ogg, file_size=len(ogg)))
    (kept,) = await phone.take(phone.fake.make_voice(CHAT, "voice-flood-x", content=ogg, file_size=len(ogg)), 1)
    assert kept["text"].startswith("File diterima")
    assert len(await jobs(db)) == MAX_ACTIVE_JOBS
    stt.gate.set()
