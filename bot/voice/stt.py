"""Speech to text: the transcription port and its backends.

- `HttpTranscriber`: any OpenAI-compatible `POST /v1/audio/transcriptions` server (faster-whisper servers,
  whisper.cpp's server, LocalAI, vLLM), multipart `file`, `model`, `language`.
- `WhisperTranscriber`: faster-whisper in this process, in a worker thread (never on the event loop); only where
  the package is installed (`pip install laporbot[whisper]`) and LAPORBOT_STT_MODEL_PATH names a local model.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
from pathlib import Path
from typing import Any, Protocol

import aiohttp

from bot.voice.audio import Pcm
from bot.voice.settings import VoiceSettings

log = logging.getLogger("laporbot.voice")


class SttError(Exception):
    """The transcriber could not answer now (server away, refused, timed out): the job is tried again later."""


class Transcriber(Protocol):
    """Speech in, text out."""

    name: str

    async def transcribe(self, pcm: Pcm, language: str) -> str:
        """The words spoken in 16 kHz mono PCM; raise SttError when it cannot be done now."""
        ...

    async def close(self) -> None:
        """Release connections or the model."""
        ...


class HttpTranscriber:
    """An OpenAI-compatible transcription server."""

    name = "http"

    def __init__(self, url: str, model: str, api_key: str | None = None, timeout: float = 120.0) -> None:
        self.url = f"{url}/v1/audio/transcriptions"
        self.model = model
        self.api_key = api_key
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    async def transcribe(self, pcm: Pcm, language: str) -> str:
        """POST the audio as a WAV file; the answer's `text`."""
        form = aiohttp.FormData()
        form.add_field("file", pcm.wav(), filename="voice.wav", content_type="audio/wav")
        form.add_field("model", self.model)
        form.add_field("language", language)
        form.add_field("response_format", "json")
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        try:
            async with self._session.post(self.url, data=form, headers=headers) as resp:
                if resp.status != 200:
                    raise SttError(f"HTTP {resp.status}")
                answer: Any = await resp.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise SttError(type(error).__name__) from None
        text = answer.get("text") if isinstance(answer, dict) else None
        if not isinstance(text, str):
            raise SttError("answer without text")
        return " ".join(text.split())

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None


class WhisperTranscriber:
    """faster-whisper with a local model, run in a worker thread one note at a time."""

    name = "faster-whisper"

    def __init__(self, model_path: Path, *, device: str = "cpu", compute_type: str = "int8") -> None:
        self.model_path = model_path
        self.device = device
        self.compute_type = compute_type
        self._model: Any = None
        self._lock = asyncio.Lock()  # the model is not shared between threads at once

    def _load(self) -> Any:
        from faster_whisper import WhisperModel  # type: ignore[import-not-found]

        if self._model is None:
            self._model = WhisperModel(str(self.model_path), device=self.device, compute_type=self.compute_type)
        return self._model

    def _run(self, pcm: Pcm, language: str) -> str:
        import numpy as np

        samples = np.frombuffer(pcm.data, dtype=np.int16).astype(np.float32) / 32768.0
        segments, _ = self._load().transcribe(samples, language=language, beam_size=1, vad_filter=True)
        return " ".join(" ".join(s.text for s in segments).split())

    async def transcribe(self, pcm: Pcm, language: str) -> str:
        """Transcribe in a thread; the event loop keeps serving meanwhile."""
        async with self._lock:
            try:
                return await asyncio.to_thread(self._run, pcm, language)
            except Exception as error:  # a model that fails to load or run: tried again later, then given up
                raise SttError(type(error).__name__) from None

    async def close(self) -> None:
        """Drop the model."""
        self._model = None


def faster_whisper_installed() -> bool:
    """Whether the optional faster-whisper package is importable."""
    return importlib.util.find_spec("faster_whisper") is not None


def make_transcriber(settings: VoiceSettings) -> Transcriber | None:
    """The configured transcriber: a local model first (when usable), else the HTTP server; None for neither."""
    if settings.stt_model_path is not None:
        if not faster_whisper_installed():
            log.warning("LAPORBOT_STT_MODEL_PATH is set but faster-whisper is not installed "
                        "(pip install 'laporbot[whisper]'); not using it")
        elif not settings.stt_model_path.exists():
            log.warning("LAPORBOT_STT_MODEL_PATH does not exist; not using it")
        else:
            return WhisperTranscriber(settings.stt_model_path)
    if settings.stt_url:
        return HttpTranscriber(settings.stt_url, settings.stt_model, settings.stt_api_key, settings.stt_timeout)
    return None
