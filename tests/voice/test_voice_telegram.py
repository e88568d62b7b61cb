"""Issue 18 items 1–2 on Telegram, with real audio: espeak-ng speech encoded to OGG/Opus, sent as voice notes
through the fake Bot API, transcribed by a fake OpenAI-compatible STT server that checks it got 16 kHz mono WAV,
read back ("Kami dengar: … Benar?") and, once confirmed, used like typed text at every step; a job whose
process died mid-transcription is taken again after its lease."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from bot.app import Core
from bot.core.clock import FixedClock
from bot.core.tracking import SequentialIds
from bot.settings import Settings
from bot.understanding.agency_directory import ListAgencies
from bot.understanding.place_directory import NoPlaces
from bot.voice import audio
from bot.voice.stage import EVIDENCE_ANSWER_SECONDS, LEASE, MAX_ACTIVE_JOBS
from bot.voice.stt import make_transcriber
from bot.voice.wiring import channel_fetch, run_worker
from bot.voice.worker import VoiceWorker
from bot.wiring import build_core
from handlers.telegram.channel import TelegramChannel, make_bot
from models.db import Database
from models.tables import Attachment, Complaint, Conversation
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
    record: list[str] = field(default_factory=list)  # the conversation, transcript-style ("> " citizen, "< " bot)

    async def take(self, update: dict[str, Any], expect: int, said: str = "") -> list[dict[str, Any]]:
        self.sent += 1
        self.record.append(f"> {said}")
        await self.channel.take(update)
        return await self.replies(expect)

    async def says(self, text: str, expect: int = 1) -> list[dict[str, Any]]:
        return await self.take(self.fake.make_text(self.chat, text), expect, text)

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
                        return await self.take(update, expect, f"[{button['text']}]")
        raise AssertionError(f"no button {option!r}")

    async def speaks(self, words: str, expect: int = 1) -> list[dict[str, Any]]:
        ogg = spoken(words)
        update = self.fake.make_voice(self.chat, f"voice-{next(self.ids)}", content=ogg,
                                      duration=round(audio.ogg_seconds(ogg)), file_size=len(ogg))
        return await self.take(update, expect, f'🎤 "{words}"')

    async def shares_location(self, lat: float, lon: float) -> list[dict[str, Any]]:
        return await self.take(self.fake.make_location(self.chat, lat, lon), 1, f"📍 {lat}, {lon}")

    async def replies(self, expect: int) -> list[dict[str, Any]]:
        await self.fake.wait_for(lambda: len(self.fake.sent_messages(self.chat)) >= self.seen + expect)
        new = self.fake.sent_messages(self.chat)[self.seen:]
        self.seen += len(new)
        for message in new:
            self.record.extend(f"< {line}" for line in message["text"].splitlines())
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                self.record.append("<   " + " ".join(f"[{b['text']}]" for b in row))
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
        # a Lombok Timur deployment, as its one agency says: with no place data (NoPlaces), a national one would ask
        # for the desa of every place typed (flows/complaint.py ask_area)
        settings = Settings(database_url=db.url, telegram_token=TOKEN, telegram_api_base_url=fake.base_url,
                            telegram_file_base_url=fake.base_file_url, region="52.03",
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
            await channel.runtime.join()
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


async def test_spoken_answers_are_used_at_once_and_said_back(phone: Phone, stt: FakeSpeechServer,
                                                             db: Database) -> None:
    """Story, date ("kemarin"), a number ("yang pertama") and yes/no by voice, no read-back turn of their own: the
    story is read back at the top of the next question, an option named is said back ("Anda memilih: …"); the
    story heard is read like a typed one (its kind and title not asked)."""
    stt.transcripts = [STORY, "kemarin", "yang pertama", "tidak"]
    await phone.says("/start")
    await phone.presses("complaint")  # the story is the first question
    (when,) = await phone.speaks(STORY)
    heard, question = when["text"].split("\n", 1)
    assert heard == f'Kami dengar: "{STORY}". Kalau salah, katakan "salah".'
    assert question.startswith("Kapan")  # the kind of report and the title are read from the words heard
    assert "yesterday" in [b["callback_data"].rpartition("|")[2] for row in when["reply_markup"]["inline_keyboard"]
                           for b in row]
    (where,) = await phone.speaks("kemarin")
    assert where["text"].startswith('Anda memilih: Kemarin. Kalau salah, katakan "salah".\nDi mana')
    await phone.shares_location(-8.65, 116.53)
    (categories,) = await phone.presses("unknown")
    first = categories["reply_markup"]["inline_keyboard"][0][0]
    (files,) = await phone.speaks("yang pertama")  # the first category shown
    assert files["text"].startswith(f"Anda memilih: {first['text']}.") and "foto" in files["text"]
    await phone.presses("done")
    (consent,) = await phone.speaks("tidak")  # anonim or rahasia (one question)? no
    assert consent["text"].startswith("Anda memilih: Tidak.") and "Boleh kami simpan" in consent["text"]
    await phone.presses("no")
    done = await phone.presses("submit", expect=2)
    assert "LPR-" in done[0]["text"]
    async with db.read() as session:
        complaint = (await session.exec(select(Complaint))).one()
        files = (await session.exec(select(Attachment).order_by(col(Attachment.id)))).all()
    assert complaint.body == STORY and complaint.category == first["callback_data"].rpartition("|")[2]
    assert not complaint.is_anonymous
    assert complaint.title.startswith("Puskesmas Sakra tutup jam sepuluh")  # the title comes from the words heard
    assert complaint.incident_date is not None and complaint.incident_date.isoformat() == "2026-08-19"
    # the story stays attached as evidence, its transcript beside it; the short option answers are not
    assert [f.kind for f in files] == ["voice"]
    found = await jobs(db)
    assert [(j.status, j.transcript) for j in found] == [
        ("used", STORY), ("used", "kemarin"), ("used", "yang pertama"), ("used", "tidak")]
    assert [f.file_ref for f in files] == [found[0].file_ref]
    # the STT server got real 16 kHz mono speech of plausible length, never silence
    assert not stt.refused and len(stt.heard) == 4
    assert all(h.rate == 16_000 and h.channels == 1 and h.rms > 100 for h in stt.heard)
    assert 3 < stt.heard[0].seconds < 15 and 0.3 < stt.heard[1].seconds < 3


async def test_a_misheard_story_is_caught_by_salah(phone: Phone, stt: FakeSpeechServer, db: Database) -> None:
    """The recogniser mishears the story: it is read back with the next question; "salah" said aloud puts the
    conversation back at the story (nothing it filled is kept, the recording is), and the story told again counts."""
    misheard = "Puskesmas Sakra tutup jam sepuluh malam padahal jadwal buka sampai jam dua belas malam"
    stt.transcripts = [misheard, "salah", STORY]
    await phone.says("/start")
    await phone.presses("complaint")
    (when,) = await phone.speaks(misheard)
    assert misheard in when["text"] and "Kapan" in when["text"]
    (again,) = await phone.speaks("salah")
    assert again["text"].startswith(f'Baik, jawaban "{misheard}" tidak kami pakai.')
    assert "Ceritakan" in again["text"] or "cerita" in again["text"].lower()
    async with phone.core.db.read() as session:
        state = (await session.exec(select(Conversation))).one().state
    assert state["step"] == "ask_body" and "body" not in state["answers"] and "title" not in state["answers"]
    assert len(state["answers"]["attachments"]) == 1  # the misheard recording stays evidence ("salah" is not)
    (when,) = await phone.speaks(STORY)
    assert STORY in when["text"] and "Kapan" in when["text"]
    assert [j.status for j in await jobs(db)] == ["undone", "used", "used"]


async def test_kembali_typed_takes_back_an_option_said(phone: Phone, stt: FakeSpeechServer) -> None:
    """An option chosen by voice ("kemarin") is put back by typing "kembali": the date question again."""
    stt.transcripts = [STORY, "kemarin"]
    await phone.says("/start")
    await phone.presses("complaint")
    await phone.speaks(STORY)
    (where,) = await phone.speaks("kemarin")
    assert where["text"].startswith("Anda memilih: Kemarin.")
    (again,) = await phone.says("kembali")
    assert again["text"].startswith('Baik, jawaban "kemarin" tidak kami pakai.') and "Kapan" in again["text"]
    (where,) = await phone.presses("today")
    assert "Di mana" in where["text"]


async def to_evidence(phone: Phone) -> None:
    """Through the complaint to the evidence question: story and date by voice, the rest pressed."""
    await phone.says("/start")
    await phone.presses("complaint")
    await phone.speaks(STORY)
    await phone.speaks("kemarin")
    await phone.shares_location(-8.65, 116.53)
    await phone.presses("unknown")
    (files,) = await phone.presses("kesehatan")
    assert "foto" in files["text"] and "Lanjut" in [b["text"] for row in files["reply_markup"]["inline_keyboard"]
                                                   for b in row]


async def draft_files(phone: Phone) -> list[str]:
    """The file references the conversation's draft complaint holds."""
    async with phone.core.db.read() as session:
        state = (await session.exec(select(Conversation))).one().state
    return [a["ref"] for a in state["answers"].get("attachments", [])]


@pytest.mark.parametrize("said", ["satu", "lanjut", "tidak ada", "sudah", "tidak"])
async def test_a_short_spoken_answer_at_the_evidence_question_moves_on(phone: Phone, stt: FakeSpeechServer,
                                                                       db: Database, said: str) -> None:
    """A blind citizen hears "satu: Lanjut" at the evidence question and answers by voice: the short note is that
    answer ("Anda memilih: Lanjut."), not a file; only the story's recording is attached."""
    stt.transcripts = [STORY, "kemarin", said]
    await to_evidence(phone)
    (answer,) = await phone.speaks(said)
    assert answer["text"].startswith('Anda memilih: Lanjut. Kalau salah, katakan "salah".\nRahasiakan identitas')
    found = await jobs(db)
    assert [(j.status, j.evidence) for j in found] == [("used", False), ("used", False), ("used", True)]
    assert await draft_files(phone) == [found[0].file_ref]


async def test_salah_said_at_the_evidence_question_takes_back_the_category(phone: Phone, stt: FakeSpeechServer,
                                                                          db: Database) -> None:
    """"salah" right after a category chosen by voice takes it back (it is not a "no" to the evidence question,
    nor a file): the category question again."""
    stt.transcripts = [STORY, "kemarin", "kesehatan", "salah"]
    await phone.says("/start")
    await phone.presses("complaint")
    await phone.speaks(STORY)
    await phone.speaks("kemarin")
    await phone.shares_location(-8.65, 116.53)
    await phone.presses("unknown")
    (files,) = await phone.speaks("kesehatan")
    assert files["text"].startswith("Anda memilih: Kesehatan.") and "foto" in files["text"]
    (again,) = await phone.speaks("salah")
    assert again["text"].startswith('Baik, jawaban "kesehatan" tidak kami pakai.') and "tentang apa" in again["text"]
    found = await jobs(db)
    assert [(j.status, j.evidence) for j in found][2:] == [("undone", False), ("used", True)]
    assert await draft_files(phone) == [found[0].file_ref]


async def test_a_real_evidence_voice_note_at_the_evidence_question_stays_attached(
        phone: Phone, stt: FakeSpeechServer, db: Database) -> None:
    """At the evidence question a recording that is not a short option answer is evidence, as before: kept as a
    file with its transcript beside it, even a long one the recogniser hears as "lanjut" (noise heard as words);
    like any file sent there it answers "Ada foto?", and the next question follows."""
    stt.transcripts = [STORY, "kemarin", "lanjut"]
    await to_evidence(phone)
    noise = spoken("suara ramai di ruang tunggu puskesmas orang mengantri sejak pagi sampai siang hari ini")
    replies = await phone.take(phone.fake.make_voice(CHAT, "voice-noise", content=noise, file_size=len(noise)), 2,
                               '🎤 "lanjut" (a long recording)')
    assert replies[0]["text"].startswith("File diterima (2 file)")  # the story's recording and this one
    assert "Rahasiakan identitas" in replies[-1]["text"]
    found = await jobs(db)
    assert [(j.status, j.evidence, j.transcript) for j in found][2:] == [("kept", True, "lanjut")]
    assert found[2].seconds is not None and found[2].seconds > EVIDENCE_ANSWER_SECONDS
    assert await draft_files(phone) == [found[0].file_ref, found[2].file_ref]


async def test_an_evidence_note_the_recogniser_fails_on_is_kept(phone: Phone, stt: FakeSpeechServer, db: Database,
                                                               clock: FixedClock) -> None:
    """The recogniser is away for good while a note waits at the evidence question: the recording is still kept
    as a file (never lost because it might have been an answer), and the citizen told."""
    stt.transcripts = [STORY, "kemarin"]
    await to_evidence(phone)
    stt.fail_next = 3
    ogg = spoken("ini rekaman petugasnya")
    await phone.channel.take(phone.fake.make_voice(CHAT, "voice-evidence", content=ogg, file_size=len(ogg)))
    for attempt in (1, 2):
        await until(lambda n=attempt: waiting_retry(db, n))
        clock.advance(timedelta(minutes=1))
    told, kept = await phone.replies(2)
    assert told["text"].startswith("Maaf, pesan suara Anda belum bisa kami dengarkan")
    assert kept["text"].startswith("File diterima (2 file)")
    found = await jobs(db)
    assert (found[-1].status, found[-1].evidence) == ("failed", True)
    assert await draft_files(phone) == [found[0].file_ref, found[-1].file_ref]


async def to_anonymity(phone: Phone) -> None:
    """Through the complaint to the anonymity question: story and date by voice, the rest pressed."""
    await phone.says("/start")
    await phone.presses("complaint")
    await phone.speaks(STORY)
    await phone.speaks("kemarin")
    await phone.shares_location(-8.65, 116.53)
    await phone.presses("unknown")
    await phone.presses("kesehatan")
    await phone.presses("done")


async def test_an_unclear_answer_is_read_back_and_no_asks_to_repeat(phone: Phone, stt: FakeSpeechServer,
                                                                    db: Database) -> None:
    """At a yes/no question, words that name no option are read back ("Kami dengar: … Benar?") before they count;
    "Tidak" to the read-back asks to repeat or type; the next note is heard again."""
    stt.transcripts = [STORY, "kemarin", "mungkin nanti saja deh", "tidak"]
    await to_anonymity(phone)
    (readback,) = await phone.speaks("mungkin nanti saja deh")
    assert readback["text"] == 'Kami dengar: "mungkin nanti saja deh"\nBenar?'
    assert [b["callback_data"].rpartition("|")[2] for row in readback["reply_markup"]["inline_keyboard"]
            for b in row] == ["voice.yes", "voice.no"]
    (again,) = await phone.presses("voice.no")
    assert "ulangi" in again["text"] or "lagi" in again["text"]
    (secret,) = await phone.speaks("tidak")
    assert secret["text"].startswith("Anda memilih: Tidak.") and "Boleh kami simpan" in secret["text"]
    assert [j.status for j in await jobs(db)] == ["used", "used", "rejected", "used"]


async def test_a_spoken_yes_answers_the_read_back(phone: Phone, stt: FakeSpeechServer, db: Database) -> None:
    """A blind citizen says "iya benar" in a voice note to a read-back: that confirms it (no read-back of the
    "iya benar"), and the words read back are the answer."""
    stt.transcripts = [STORY, "kemarin", "anonim saja", "iya benar"]
    await to_anonymity(phone)
    (readback,) = await phone.speaks("anonim saja")
    assert readback["text"].startswith('Kami dengar: "anonim saja"')
    (answer,) = await phone.speaks("iya benar")
    assert not answer["text"].startswith("Kami dengar")
    assert [(j.status, j.transcript) for j in await jobs(db)][2:] == [("used", "anonim saja"), ("used", "iya benar")]


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
        assert (job.status, job.attempts, job.transcript) == ("used", 2, STORY)  # read back with the next question
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
