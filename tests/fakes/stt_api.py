"""A fake OpenAI-compatible speech server on 127.0.0.1: /v1/audio/transcriptions checks that it was sent valid
16 kHz mono 16-bit WAV (with model and language) and answers the transcripts it was given, in order;
/v1/audio/speech answers espeak-ng's WAV of the input (for the HTTP TTS backend)."""

from __future__ import annotations

import asyncio
import io
import subprocess
import wave
from dataclasses import dataclass
from typing import Any

from aiohttp import web


@dataclass
class Heard:
    """One transcription request that passed the checks."""

    seconds: float
    rate: int
    channels: int
    model: str
    language: str
    rms: float  # the loudness of the samples: silence is 0


class FakeSpeechServer:
    """Transcripts to answer with (one per request, the last one repeated), an optional gate, failures to inject."""

    def __init__(self, transcripts: list[str] | None = None) -> None:
        self.transcripts = list(transcripts or ["halo"])
        self.heard: list[Heard] = []
        self.refused: list[str] = []
        self.fail_next = 0  # answer this many requests with HTTP 503
        self.gate: asyncio.Event | None = None  # when set up, transcriptions wait for it
        self.waiting = 0  # requests held at the gate now
        self.speech_requests: list[dict[str, Any]] = []
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def __aenter__(self) -> FakeSpeechServer:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/v1/audio/transcriptions", self._transcribe)
        app.router.add_post("/v1/audio/speech", self._speech)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.gate is not None:
            self.gate.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _transcribe(self, request: web.Request) -> web.Response:
        form = await request.post()
        upload = form.get("file")
        if not hasattr(upload, "file"):
            return self._refuse("no file")
        try:
            with wave.open(io.BytesIO(upload.file.read()), "rb") as w:  # type: ignore[union-attr]
                rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
                frames = w.readframes(w.getnframes())
        except (wave.Error, EOFError):
            return self._refuse("not a wav file")
        if (rate, channels, width) != (16_000, 1, 2):
            return self._refuse(f"wanted 16 kHz mono 16-bit, got {rate} Hz {channels} ch {width * 8}-bit")
        model, language = str(form.get("model") or ""), str(form.get("language") or "")
        if not model or language != "id":
            return self._refuse("model and language=id are required")
        if self.fail_next:
            self.fail_next -= 1
            return web.json_response({"error": {"message": "busy"}}, status=503)
        if self.gate is not None:
            self.waiting += 1
            await self.gate.wait()
            self.waiting -= 1
        samples = memoryview(frames).cast("h")
        rms = (sum(s * s for s in samples[::16]) / max(1, len(samples[::16]))) ** 0.5
        self.heard.append(Heard(len(frames) / 2 / rate, rate, channels, model, language, rms))
        text = self.transcripts.pop(0) if len(self.transcripts) > 1 else self.transcripts[0]
        return web.json_response({"text": text})

    def _refuse(self, why: str) -> web.Response:
        self.refused.append(why)
        return web.json_response({"error": {"message": why}}, status=400)

    async def _speech(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.speech_requests.append(body)
        wav = await asyncio.to_thread(espeak_wav, str(body.get("input") or ""))
        return web.Response(body=wav, content_type="audio/wav")


def espeak_wav(text: str, voice: str = "id") -> bytes:
    """Real Indonesian speech from espeak-ng, as WAV bytes."""
    return subprocess.run(["espeak-ng", "-v", voice, "--stdout", text], check=True, capture_output=True).stdout
