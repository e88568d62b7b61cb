"""Issue 18 item 3, mode suara: prompts also sent as voice notes (espeak-ng → OGG/Opus with PyAV), options read
out with their numbers, fixed prompts synthesised once and the channel's copy reused; the blind persona."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from bot.core.clock import FixedClock
from bot.voice import audio
from bot.voice.settings import VoiceSettings
from bot.voice.stage import SPEAK
from bot.voice.tts import EspeakSynthesizer, HttpSynthesizer, Speech, make_synthesizer
from models.db import Database
from models.tables import Attachment, Complaint, OutgoingMessage
from models.voice import VoiceClip, VoiceUpload
from tests.fakes.stt_api import FakeSpeechServer
from tests.fakes.telegram_api import Upload
from tests.voice.test_voice_telegram import CHAT, STORY, Phone, open_phone

pytestmark = pytest.mark.slow


class CountingSynth(EspeakSynthesizer):
    """espeak-ng, counting how often it is asked to speak."""

    calls = 0

    async def synthesize(self, text: str) -> audio.Pcm:
        """Speak, counted."""
        type(self).calls += 1
        return await super().synthesize(text)


def check_voice_note(data: bytes, words: int) -> float:
    """A valid OGG/Opus file of a plausible length for this many words; its seconds."""
    assert data[:4] == b"OggS" and b"OpusHead" in data[:128]
    seconds = audio.ogg_seconds(data)
    assert 0.15 * words < seconds < 1.2 * words + 1, (seconds, words)
    return seconds


async def spoken_texts(db: Database) -> list[str]:
    """The texts queued to be spoken, oldest first."""
    async with db.read() as session:
        rows = (await session.exec(select(OutgoingMessage).order_by(col(OutgoingMessage.id)))).all()
    return [r.payload["text"] for r in rows if r.payload.get("prompt_id") == SPEAK]


async def test_espeak_clip_is_ogg_opus_and_synthesised_once(db: Database, clock: FixedClock) -> None:
    """A prompt becomes a valid voice note; asked again (also by a fresh process), it is not synthesised again."""
    program = VoiceSettings().espeak_path()
    assert program is not None, "espeak-ng is installed by .ci/run and the Dockerfile"
    CountingSynth.calls = 0
    text = "Kapan kejadiannya? satu: Hari ini. dua: Kemarin."
    _, data, seconds = await Speech(CountingSynth(program), db, clock).clip(text)
    assert check_voice_note(data, len(text.split())) == pytest.approx(seconds, abs=0.1)
    assert (await Speech(CountingSynth(program), db, clock).clip(text))[1] == data  # from the database
    assert CountingSynth.calls == 1
    async with db.read() as session:
        assert (await session.exec(select(func.count()).select_from(VoiceClip))).one() == 1


async def test_http_speech_server_backend(db: Database, clock: FixedClock) -> None:
    """LAPORBOT_TTS_URL: the OpenAI-compatible /v1/audio/speech server speaks instead of the local program."""
    async with FakeSpeechServer() as server:
        synth, why = make_synthesizer(VoiceSettings.from_env({"LAPORBOT_TTS_URL": server.url}))
        assert isinstance(synth, HttpSynthesizer) and "LAPORBOT_TTS_URL" in why
        _, data, _ = await Speech(synth, db, clock).clip("Di mana kejadiannya?")
        await synth.close()
    check_voice_note(data, 3)
    assert server.speech_requests == [{"model": "tts-1", "input": "Di mana kejadiannya?", "voice": "id",
                                       "response_format": "wav"}]


def test_without_a_speech_engine_mode_suara_is_not_offered_and_the_log_says_why() -> None:
    """No espeak-ng and no URL: no synthesiser, and the start-up line names what to install."""
    synth, why = make_synthesizer(VoiceSettings(espeak="espeak-ng-not-installed"))
    assert synth is None and "espeak-ng" in why and "LAPORBOT_TTS_URL" in why
    assert make_synthesizer(VoiceSettings(tts="off"))[0] is None


async def voices(phone: Phone, chat: int = CHAT) -> list[Any]:
    """Successful sendVoice calls to a chat."""
    return [c for c in phone.fake.calls_to("sendVoice") if c.status == 200 and c.params.get("chat_id") == chat]


async def test_mode_suara_typed_speaks_every_prompt_and_reuses_the_file_id(db: Database, clock: FixedClock) -> None:
    """"mode suara" at the menu: the menu is spoken with its numbered options; a second citizen hearing the same
    prompt gets Telegram's copy by file_id (no new upload, no new synthesis)."""
    async with FakeSpeechServer() as stt, open_phone(db, clock, stt) as phone:
        (on, _) = await phone.says("mode suara", expect=2)
        assert on["text"].startswith("Mode suara aktif")
        await phone.fake.wait_for(lambda: len([c for c in phone.fake.calls_to("sendVoice") if c.status == 200]) >= 1)
        (first,) = [c for c in phone.fake.calls_to("sendVoice") if c.status == 200]
        assert isinstance(first.params["voice"], Upload)
        (text,) = await spoken_texts(db)
        assert "satu: Buat pengaduan." in text and "dua: Cek status laporan." in text
        check_voice_note(first.params["voice"].data, len(text.split()))
        other = 6200
        await phone.channel.take(phone.fake.make_text(other, "mode suara"))
        await phone.fake.wait_for(lambda: len([c for c in phone.fake.calls_to("sendVoice") if c.status == 200]) >= 2)
        second = [c for c in phone.fake.calls_to("sendVoice") if c.status == 200][1]
        assert second.params["chat_id"] == other
        assert second.params["voice"] == first.result["voice"]["file_id"]  # reused, not uploaded again
        async with db.read() as session:
            assert (await session.exec(select(func.count()).select_from(VoiceClip))).one() == 1
            assert (await session.exec(select(VoiceUpload.channel))).all() == ["telegram"]
        (off, _) = await phone.says("mode teks", expect=2)
        assert off["text"].startswith("Mode suara dimatikan")


RECORD = Path(__file__).parents[1] / "transcripts" / "voice" / "blind_vs_typing.txt"


async def typing_persona(phone: Phone) -> int:
    """The typing citizen of tests/handlers/test_telegram_e2e.py: a whole complaint typed; how many messages it took."""
    for line in ("/start", "1", STORY, "kemarin"):  # the story first: its kind and title are not asked
        await phone.says(line)
    await phone.says("Puskesmas Sakra")
    for line in ("tidak tahu", "kesehatan", "lanjut", "tidak", "tidak"):  # anonim/rahasia, contact
        await phone.says(line)
    done = await phone.says("kirim", expect=2)
    assert "LPR-" in done[0]["text"]
    return phone.sent


async def blind_persona(phone: Phone) -> int:
    """The same complaint by a blind citizen: every answer spoken, every question heard (mode suara), no button (at
    the evidence question a short "lanjut" is the answer, not a file); how many messages it took."""
    await phone.says("/start")  # Telegram's Start button
    on, body = await phone.speaks("buat pengaduan", expect=2)
    assert on["text"].startswith("Anda menjawab dengan suara, jadi pertanyaan kami bacakan juga")
    assert body["text"].startswith('Anda memilih: Buat pengaduan. Kalau salah, katakan "salah".')
    (when,) = await phone.speaks(STORY)  # free text: read back on top of the next question, one message
    assert when["text"].startswith(f'Kami dengar: "{STORY}".') and "Kapan" in when["text"]
    (where,) = await phone.speaks("kemarin")
    assert where["text"].startswith("Anda memilih: Kemarin.") and "Di mana" in where["text"]
    (agency,) = await phone.speaks("Puskesmas Sakra")
    assert agency["text"].startswith('Kami dengar: "Puskesmas Sakra".')
    (category,) = await phone.speaks("tidak tahu")
    assert category["text"].startswith("Anda memilih: Tidak tahu.")
    (files,) = await phone.speaks("kesehatan")
    assert files["text"].startswith("Anda memilih: Kesehatan.")
    (anonymous,) = await phone.speaks("lanjut")  # heard "satu: Lanjut"; said, not pressed
    assert anonymous["text"].startswith('Anda memilih: Lanjut. Kalau salah, katakan "salah".\nRahasiakan identitas')
    for _ in range(2):  # anonim or rahasia (one question)? keep the phone number? no, no
        (answer,) = await phone.speaks("tidak")
        assert answer["text"].startswith("Anda memilih: Tidak.")
    assert "Cerita: " + STORY in answer["text"]  # the summary reads the story back once more before it is sent
    assert "Lampiran: 2 file" in answer["text"]  # the story and the place as told; no short option answer
    done = await phone.speaks("kirim", expect=2)
    assert "LPR-" in done[0]["text"]
    return phone.sent


async def test_blind_persona_files_in_no_more_messages_than_the_typing_one(db: Database, clock: FixedClock) -> None:
    """Issue 18: the same complaint typed, and spoken by a blind citizen hearing every question, through the real
    server on Telegram with the fake STT server: the blind citizen sends no more messages than the typist; every
    prompt after the first voice answer came as a valid voice note with its options numbered. The conversation is
    kept readable in tests/transcripts/voice/blind_vs_typing.txt (LAPORBOT_UPDATE_RECORDS=1 rewrites it)."""
    heard = ["buat pengaduan", STORY, "kemarin", "Puskesmas Sakra", "tidak tahu", "kesehatan", "lanjut",
             "tidak", "tidak", "kirim"]
    async with FakeSpeechServer(heard) as stt, open_phone(db, clock, stt) as phone:
        phone.chat = 6300
        typed = await typing_persona(phone)
        assert await voices(phone, 6300) == []  # nobody asked the typist's questions to be spoken
        typing_record, phone.record = phone.record, []
        phone.chat, phone.seen, phone.sent = CHAT, 0, 0
        blind = await blind_persona(phone)
        await phone.channel.runtime.join()
        spoken = await spoken_texts(db)
        assert len(spoken) == blind - 1  # one voice note for every turn after the first
        await phone.fake.wait_for(lambda: sum(c.status == 200 and c.params.get("chat_id") == CHAT
                                              for c in phone.fake.calls_to("sendVoice")) >= len(spoken), 60)
        sent = await voices(phone)
        assert len(sent) == len(spoken)
        for call, text in zip(sent, spoken, strict=True):
            if isinstance(call.params["voice"], Upload):
                check_voice_note(call.params["voice"].data, len(text.split()))
        assert any("Anda memilih: Kemarin." in t and "Di mana" in t for t in spoken)  # said back, aloud
        assert any("satu: Ya" in t and "dua: Tidak." in t for t in spoken)
        async with db.read() as session:
            complaints = (await session.exec(select(Complaint).order_by(col(Complaint.id)))).all()
        assert [c.body for c in complaints] == [STORY, STORY]
        same = {(c.category, c.is_anonymous, c.is_secret, c.incident_date, c.title) for c in complaints}
        assert len(same) == 1  # the same complaint both ways
        async with db.read() as session:
            files = (await session.exec(select(Attachment.complaint_id, Attachment.kind)
                                        .order_by(col(Attachment.id)))).all()
        assert files == [(complaints[1].id, "voice")] * 2  # the blind one's story and place, spoken
    assert blind <= typed, (blind, typed)
    record = "\n".join([
        "# The same complaint typed and spoken (tests/voice/test_voice_speech.py, Telegram, fake STT).",
        "# > the citizen's message (🎤 a voice note, with what the recogniser heard; [a button]); < the bot's.",
        "# In mode suara every bot turn is also sent as one voice note of its text, options read with numbers.",
        f"# typing persona: {typed} messages; blind persona: {blind} messages.", "",
        "## Typing persona", *typing_record, "", "## Blind persona (voice answers, spoken questions)",
        *phone.record, ""])
    if os.environ.get("LAPORBOT_UPDATE_RECORDS"):
        RECORD.parent.mkdir(exist_ok=True)
        RECORD.write_text(record, encoding="utf-8")
    assert RECORD.read_text(encoding="utf-8") == record
