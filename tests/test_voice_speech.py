"""Issue 18 item 3, mode suara: prompts also sent as voice notes (espeak-ng → OGG/Opus with PyAV), options read
out with their numbers, fixed prompts synthesised once and the channel's copy reused; the blind persona."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from bot.clock import FixedClock
from bot.voice import audio
from bot.voice.settings import VoiceSettings
from bot.voice.stage import SPEAK
from bot.voice.tts import EspeakSynthesizer, HttpSynthesizer, Speech, make_synthesizer
from models.db import Database
from models.tables import Complaint, OutgoingMessage
from models.voice import VoiceClip, VoiceUpload
from tests.fakes.stt_api import FakeSpeechServer
from tests.fakes.telegram_api import Upload
from tests.test_voice_telegram import CHAT, STORY, Phone, open_phone

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


async def typing_persona(phone: Phone) -> int:
    """The typing citizen of tests/test_telegram_e2e.py: a whole complaint by typing; how many messages it took."""
    for line in ("/start", "1", STORY, "kemarin"):  # the story first: its kind and title are not asked
        await phone.says(line)
    await phone.says("Puskesmas Sakra")
    for line in ("tidak tahu", "kesehatan", "lanjut", "tidak", "tidak"):  # anonim/rahasia, contact
        await phone.says(line)
    done = await phone.says("kirim", expect=2)
    assert "LPR-" in done[0]["text"]
    return phone.sent


async def blind_persona(phone: Phone) -> int:
    """A blind citizen: voice for the story, buttons (read out) for choices, GPS for the place, mode suara on."""
    await phone.says("/start")
    await phone.presses("complaint")
    (readback,) = await phone.speaks(STORY)
    options = [b["callback_data"].rpartition("|")[2] for row in readback["reply_markup"]["inline_keyboard"]
               for b in row]
    assert options == ["voice.yes", "voice.yes_speak", "voice.no"]  # mode suara offered where they answer
    on, when = await phone.presses("voice.yes_speak", expect=2)
    assert on["text"].startswith("Mode suara aktif") and when["text"].startswith("Kapan")  # kind, title: heard
    await phone.presses("yesterday")
    await phone.shares_location(-8.65, 116.53)
    for option in ("unknown", "kesehatan", "done", "no", "no"):
        await phone.presses(option)
    done = await phone.presses("submit", expect=2)
    assert "LPR-" in done[0]["text"]
    return phone.sent


async def test_blind_persona_completes_a_complaint_with_spoken_prompts(db: Database, clock: FixedClock) -> None:
    """Voice answers and spoken prompts: the complaint is filed, every prompt after mode suara came as a valid
    voice note with its options numbered; measured against the typing persona's message count."""
    async with FakeSpeechServer([STORY]) as stt, open_phone(db, clock, stt) as phone:
        phone.chat = 6300
        typed = await typing_persona(phone)
        assert await voices(phone, 6300) == []  # nobody asked the typist's questions to be spoken
        phone.chat, phone.seen, phone.sent = CHAT, 0, 0
        blind = await blind_persona(phone)
        await phone.channel.sequencer.join()
        spoken = await spoken_texts(db)
        sent = await voices(phone)
        assert len(sent) == len(spoken) >= 9  # one voice note per turn once mode suara is on (story first)
        for call, text in zip(sent, spoken, strict=True):
            if isinstance(call.params["voice"], Upload):
                check_voice_note(call.params["voice"].data, len(text.split()))
        assert any("satu: Hari ini." in t and "dua: Kemarin." in t for t in spoken)
        async with db.read() as session:
            bodies = (await session.exec(select(Complaint.body))).all()
        assert bodies == [STORY, STORY]
    # The blind citizen needs one message more than the typing one: the "yes" to the story's read-back.
    assert blind == typed + 1, (blind, typed)
