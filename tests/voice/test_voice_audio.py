"""Voice units: what phones send (OGG/Opus, AMR, M4A/AAC, MP3) decoded to 16 kHz mono and capped; Opus encoding;
the settings; the in-process faster-whisper backend (skipped only where faster-whisper is not installed)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from bot.settings import ConfigError
from bot.voice import audio
from bot.voice.settings import VoiceSettings
from bot.voice.stt import HttpTranscriber, WhisperTranscriber, faster_whisper_installed, make_transcriber
from tests.fakes.stt_api import espeak_wav

WORDS = "Jalan di desa kami rusak parah sejak bulan lalu"


def speech() -> audio.Pcm:
    """Real speech from espeak-ng (22.05 kHz mono)."""
    return audio.read_wav(espeak_wav(WORDS))


def encoded(pcm: audio.Pcm, fmt: str, codec: str, rate: int) -> bytes:
    """The speech in another container/codec, as phones send it (PyAV's encoders)."""
    import av

    out = io.BytesIO()
    with av.open(out, mode="w", format=fmt) as container:
        stream = container.add_stream(codec, rate=rate)
        stream.layout = "mono"
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(pcm.data) // 2)
        frame.sample_rate = pcm.rate
        frame.planes[0].update(pcm.data)
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="mono", rate=rate)
        for part in (*resampler.resample(frame), *resampler.resample(None)):
            for packet in stream.encode(part):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "codec", "rate"), [
    ("ogg", "libopus", 48_000),  # Telegram and WhatsApp voice notes
    ("amr", "libopencore_amrnb", 8_000),  # older phones' recorders
    ("ipod", "aac", 44_100),  # .m4a from iPhones and voice-recorder apps
    ("mp3", "libmp3lame", 44_100),  # forwarded audio files
])
def test_phone_audio_decodes_to_16_khz_mono_of_the_same_length(fmt: str, codec: str, rate: int) -> None:
    """Each container/codec decodes to 16 kHz mono 16-bit PCM about as long as the speech, loud, not silence."""
    source = speech()
    pcm = audio.decode(encoded(source, fmt, codec, rate), max_seconds=60)
    assert pcm.rate == 16_000
    assert abs(pcm.seconds - source.seconds) < 0.35, (pcm.seconds, source.seconds)
    samples = memoryview(pcm.data).cast("h")
    assert max(abs(s) for s in samples) > 3000
    wav = pcm.wav()
    assert wav[:4] == b"RIFF" and audio.read_wav(wav) == pcm


def test_length_cap_and_not_audio() -> None:
    """A note longer than LAPORBOT_STT_MAX_SECONDS is cut there; a file that is not audio is a clear error."""
    note = audio.encode_opus(speech())
    assert audio.decode(note, max_seconds=1.5).seconds == pytest.approx(1.5, abs=0.01)
    with pytest.raises(audio.AudioError):
        audio.decode(b"%PDF-1.7 not audio at all", max_seconds=10)
    with pytest.raises(audio.AudioError):
        audio.ogg_seconds(b"OggS but nothing else")


def test_opus_voice_note_is_valid_and_as_long_as_the_speech() -> None:
    """PyAV's Opus: `OggS` + `OpusHead`, the length read from the last page's granule position."""
    source = speech()
    note = audio.encode_opus(source)
    assert audio.is_ogg_opus(note)
    assert audio.ogg_seconds(note) == pytest.approx(source.seconds, abs=0.05)
    assert len(note) < len(source.data) / 5  # compressed: a voice note, not a WAV


def test_settings_are_checked_and_choose_the_backend(tmp_path: Path) -> None:
    """Wrong values are named; no URL and no model: no transcriber (today's behaviour)."""
    with pytest.raises(ConfigError) as raised:
        VoiceSettings.from_env({"LAPORBOT_STT_URL": "ftp://x", "LAPORBOT_STT_MAX_SECONDS": "abc",
                                "LAPORBOT_TTS": "loud"})
    assert len(raised.value.problems) == 3
    assert make_transcriber(VoiceSettings()) is None
    http = make_transcriber(VoiceSettings.from_env({"LAPORBOT_STT_URL": "http://127.0.0.1:9/"}))
    assert isinstance(http, HttpTranscriber) and http.url == "http://127.0.0.1:9/v1/audio/transcriptions"
    # a model path without faster-whisper installed falls back to the URL (and says so in the log)
    with_model = VoiceSettings.from_env({"LAPORBOT_STT_URL": "http://127.0.0.1:9",
                                         "LAPORBOT_STT_MODEL_PATH": str(tmp_path)})
    chosen = make_transcriber(with_model)
    assert isinstance(chosen, WhisperTranscriber if faster_whisper_installed() else HttpTranscriber)


@pytest.mark.skipif(not faster_whisper_installed(), reason="faster-whisper is not installed (optional extra)")
async def test_faster_whisper_transcribes_in_a_worker_thread() -> None:
    """With faster-whisper and a local model (LAPORBOT_TEST_WHISPER_MODEL), espeak-ng's Indonesian is heard."""
    model = os.environ.get("LAPORBOT_TEST_WHISPER_MODEL")
    assert model, "faster-whisper is installed: set LAPORBOT_TEST_WHISPER_MODEL to a local model directory"
    pcm = audio.decode(audio.encode_opus(speech()), max_seconds=60)
    transcriber = WhisperTranscriber(Path(model))
    text = await transcriber.transcribe(pcm, "id")
    assert "jalan" in text.lower()


def test_config_check_names_wrong_voice_settings() -> None:
    """`laporbot config check` reports the voice variables' mistakes with the others."""
    from bot.cli.ops import problems

    found = problems({"LAPORBOT_STT_MAX_SECONDS": "0", "LAPORBOT_TTS_URL": "speech.local"})
    assert any(p.startswith("LAPORBOT_STT_MAX_SECONDS") for p in found)
    assert any(p.startswith("LAPORBOT_TTS_URL") for p in found)
