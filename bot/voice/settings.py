"""The voice variables: speech to text (LAPORBOT_STT_*) and speech synthesis (LAPORBOT_TTS_*)."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.settings import ConfigError


@dataclass(frozen=True)
class VoiceSettings:
    """What hears voice notes and what speaks prompts; neither configured keeps today's behaviour."""

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

    @classmethod
    def parse(cls, env: Mapping[str, str]) -> tuple[VoiceSettings, list[str]]:
        """Read the variables; the settings (defaults where wrong) and one line per problem."""
        problems: list[str] = []

        def number(name: str, default: float, low: float, high: float) -> float:
            raw = env.get(name)
            if raw in (None, ""):
                return default
            try:
                value = float(str(raw))
            except ValueError:
                problems.append(f"{name}: expected a number, got {raw!r}")
                return default
            if not low <= value <= high:
                problems.append(f"{name}: must be between {low:g} and {high:g}, got {value:g}")
                return default
            return value

        url = (env.get("LAPORBOT_STT_URL") or "").rstrip("/") or None
        if url and not url.startswith(("http://", "https://")):
            problems.append(f"LAPORBOT_STT_URL: expected an http(s) URL, got {url!r}")
            url = None
        tts_url = (env.get("LAPORBOT_TTS_URL") or "").rstrip("/") or None
        if tts_url and not tts_url.startswith(("http://", "https://")):
            problems.append(f"LAPORBOT_TTS_URL: expected an http(s) URL, got {tts_url!r}")
            tts_url = None
        model_path = env.get("LAPORBOT_STT_MODEL_PATH") or None
        tts = (env.get("LAPORBOT_TTS") or "auto").lower()
        if tts not in ("auto", "espeak", "http", "off"):
            problems.append(f"LAPORBOT_TTS: expected auto, espeak, http or off, got {tts!r}")
            tts = "auto"
        settings = cls(
            stt_url=url, stt_model=env.get("LAPORBOT_STT_MODEL") or "whisper-1",
            stt_api_key=env.get("LAPORBOT_STT_API_KEY") or None,
            stt_model_path=Path(model_path) if model_path else None,
            stt_language=env.get("LAPORBOT_STT_LANGUAGE") or "id",
            stt_max_seconds=number("LAPORBOT_STT_MAX_SECONDS", 120.0, 1, 3600),
            stt_timeout=number("LAPORBOT_STT_TIMEOUT_SECONDS", 120.0, 1, 3600),
            stt_notice_seconds=number("LAPORBOT_STT_NOTICE_SECONDS", 3.0, 0, 600),
            stt_attempts=int(number("LAPORBOT_STT_ATTEMPTS", 3, 1, 20)),
            tts=tts, tts_url=tts_url, tts_model=env.get("LAPORBOT_TTS_MODEL") or "tts-1",
            tts_voice=env.get("LAPORBOT_TTS_VOICE") or "id", tts_api_key=env.get("LAPORBOT_TTS_API_KEY") or None,
            espeak=env.get("LAPORBOT_ESPEAK") or "espeak-ng",
        )
        return settings, problems

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> VoiceSettings:
        """Like parse(), but raise ConfigError listing every problem."""
        settings, problems = cls.parse(env)
        if problems:
            raise ConfigError(problems)
        return settings

    def espeak_path(self) -> str | None:
        """The espeak-ng program, if installed."""
        return shutil.which(self.espeak)
