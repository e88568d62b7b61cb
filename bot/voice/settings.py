"""The voice variables: speech to text (LAPORBOT_STT_*) and speech synthesis (LAPORBOT_TTS_*)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from bot.config.reader import Enum, FilePath, Float, Int, Secret, Section, Text, Url, Var


@dataclass(frozen=True)
class VoiceSettings(Section):
    """What hears voice notes and what speaks prompts; neither configured keeps today's behaviour."""

    TABLE: ClassVar[str] = "voice"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("LAPORBOT_STT_URL", Url(), None, "an OpenAI-compatible transcription server "
            "(`…/v1/audio/transcriptions` is appended); turns voice notes heard on", field="stt_url"),
        Var("LAPORBOT_STT_MODEL", Text(), "whisper-1", "the transcription server's model name", field="stt_model"),
        Var("LAPORBOT_STT_API_KEY", Secret(), None, "the transcription server's bearer token", field="stt_api_key"),
        Var("LAPORBOT_STT_MODEL_PATH", FilePath(), None, "a local faster-whisper model directory: in-process "
            "transcription where faster-whisper is installed (used before the URL)", field="stt_model_path"),
        Var("LAPORBOT_STT_LANGUAGE", Text(), "id", "the language asked for", field="stt_language"),
        Var("LAPORBOT_STT_MAX_SECONDS", Float(1, 3600), 120.0, "audio beyond this is not transcribed",
            field="stt_max_seconds"),
        Var("LAPORBOT_STT_TIMEOUT_SECONDS", Float(1, 3600), 120.0, "one transcription request", field="stt_timeout"),
        Var("LAPORBOT_STT_NOTICE_SECONDS", Float(0, 600), 3.0, "\"sedang mendengarkan…\" after this",
            field="stt_notice_seconds"),
        Var("LAPORBOT_STT_ATTEMPTS", Int(1, 20), 3, "runs of a job before the note goes on without text",
            field="stt_attempts"),
        Var("LAPORBOT_TTS", Enum(("auto", "espeak", "http", "off")), "auto", "`auto` (the URL if set, else espeak-ng "
            "if installed), `espeak`, `http`, `off`", field="tts"),
        Var("LAPORBOT_TTS_URL", Url(), None, "an OpenAI-compatible speech server (`…/v1/audio/speech`)",
            field="tts_url"),
        Var("LAPORBOT_TTS_MODEL", Text(), "tts-1", "the speech server's model", field="tts_model"),
        Var("LAPORBOT_TTS_VOICE", Text(), "id", "its voice (also espeak-ng's voice)", field="tts_voice"),
        Var("LAPORBOT_TTS_API_KEY", Secret(), None, "the speech server's bearer token", field="tts_api_key"),
        Var("LAPORBOT_ESPEAK", Text(), "espeak-ng", "the espeak-ng program", field="espeak"),
    )

    stt_url: str | None = None  # an OpenAI-compatible server: POST {url}/v1/audio/transcriptions
    stt_model: str = "whisper-1"
    stt_api_key: str | None = None
    stt_model_path: Path | None = None  # a local faster-whisper model (used when faster-whisper is installed)
    stt_language: str = "id"
    stt_max_seconds: float = 120.0  # longer voice notes are cut here (the file itself is kept whole)
    stt_timeout: float = 120.0
    stt_notice_seconds: float = 3.0  # "sedang mendengarkan…" when the transcript takes longer than this
    stt_attempts: int = 3  # runs of a job (crashes and server failures) before the note goes on without text
    tts: str = "auto"  # auto | espeak | http | off
    tts_url: str | None = None  # an OpenAI-compatible server: POST {url}/v1/audio/speech
    tts_model: str = "tts-1"
    tts_voice: str = "id"
    tts_api_key: str | None = None
    espeak: str = "espeak-ng"

    def espeak_path(self) -> str | None:
        """The espeak-ng program, if installed."""
        return shutil.which(self.espeak)
