"""Questions spoken back: speech synthesis, the spoken-prompt cache, and the sender that sends voice notes.

- `EspeakSynthesizer`: the `espeak-ng` program (Debian package; voice `id`), run as a subprocess (never blocking
  the event loop), WAV on stdout.
- `HttpSynthesizer`: an OpenAI-compatible `POST /v1/audio/speech` server (self-hosted Piper, Kokoro, …), WAV.
- `Speech`: text → OGG/Opus (PyAV), synthesised once per (engine, voice, text) and kept in `voiceclip`.
- `VoiceSender`: wraps a channel's sender; a reply marked SPEAK goes out as a voice note (Telegram `sendVoice`,
  WhatsApp audio message), reusing the channel's copy of the clip (`voiceupload`: Telegram's file_id, WhatsApp's
  media id until it expires); every other reply is the channel's as before.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Any, Protocol

import aiohttp

from bot.core.messages import Reply
from bot.outbox.delivery import SendError
from bot.voice.audio import Pcm, encode_opus, read_wav
from bot.voice.settings import VoiceSettings
from bot.voice.stage import SPEAK
from models import voice_store
from models.voice import VoiceClip, VoiceUpload

log = logging.getLogger("laporbot.voice")

MAX_SPOKEN_CHARS = 1500  # a spoken prompt longer than this is cut (a minute and more of speech)
WHATSAPP_MEDIA_TTL = timedelta(days=25)  # Meta keeps uploaded media 30 days; reuse it a little less


class TtsError(Exception):
    """The synthesiser could not speak now."""


class Synthesizer(Protocol):
    """Text in, speech out."""

    name: str
    voice: str

    async def synthesize(self, text: str) -> Pcm:
        """Mono 16-bit PCM of the text spoken; raise TtsError when it cannot be done now."""
        ...


class EspeakSynthesizer:
    """espeak-ng as a subprocess: `espeak-ng -v id --stdout`, the text on stdin."""

    name = "espeak-ng"

    def __init__(self, program: str, voice: str = "id", speed: int = 150) -> None:
        self.program = program
        self.voice = voice
        self.speed = speed

    async def synthesize(self, text: str) -> Pcm:
        """Run espeak-ng; its WAV output as PCM."""
        process = await asyncio.create_subprocess_exec(
            self.program, "-v", self.voice, "-s", str(self.speed), "--stdout",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
        out, _ = await process.communicate(text.encode("utf-8"))
        if process.returncode != 0 or not out:
            raise TtsError(f"espeak-ng exited {process.returncode}")
        return read_wav(out)


class HttpSynthesizer:
    """An OpenAI-compatible speech server."""

    name = "http"

    def __init__(self, url: str, model: str, voice: str, api_key: str | None = None, timeout: float = 60.0) -> None:
        self.url = f"{url}/v1/audio/speech"
        self.model = model
        self.voice = voice
        self.api_key = api_key
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    async def synthesize(self, text: str) -> Pcm:
        """POST the text, ask for WAV; the samples."""
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {"model": self.model, "input": text, "voice": self.voice, "response_format": "wav"}
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        try:
            async with self._session.post(self.url, json=body, headers=headers) as resp:
                if resp.status != 200:
                    raise TtsError(f"HTTP {resp.status}")
                data = await resp.read()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise TtsError(type(error).__name__) from None
        return read_wav(data)

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None


def make_synthesizer(settings: VoiceSettings) -> tuple[Synthesizer | None, str]:
    """The configured synthesiser and a line saying which, or why there is none (logged at start-up)."""
    if settings.tts == "off":
        return None, "mode suara off: LAPORBOT_TTS=off"
    if settings.tts_url and settings.tts in ("auto", "http"):
        return (HttpSynthesizer(settings.tts_url, settings.tts_model, settings.tts_voice, settings.tts_api_key),
                "mode suara on: speech from LAPORBOT_TTS_URL")
    if settings.tts == "http":
        return None, "mode suara off: LAPORBOT_TTS=http but LAPORBOT_TTS_URL is not set"
    program = settings.espeak_path()
    if program:
        return EspeakSynthesizer(program, settings.tts_voice), f"mode suara on: speech from {program}"
    return None, ("mode suara not offered: no speech engine (install espeak-ng, e.g. apt-get install espeak-ng, "
                  "or set LAPORBOT_TTS_URL)")


def clip_key(synth: Synthesizer, text: str) -> str:
    """The cache key of a spoken text: engine, voice and words."""
    return hashlib.sha256(f"{synth.name}\0{synth.voice}\0{text}".encode()).hexdigest()


class Speech:
    """Text → OGG/Opus voice note, synthesised once per key (kept in the database and a small memory cache)."""

    def __init__(self, synth: Synthesizer, db: Any, clock: Any, memory: int = 256) -> None:
        self.synth = synth
        self.db = db
        self.clock = clock
        self._memory: OrderedDict[str, tuple[bytes, float]] = OrderedDict()
        self._size = memory
        self._locks: dict[str, asyncio.Lock] = {}

    async def clip(self, text: str) -> tuple[str, bytes, float]:
        """(key, OGG/Opus bytes, seconds) for the text; synthesised only when no replica has it yet."""
        text = text[:MAX_SPOKEN_CHARS]
        key = clip_key(self.synth, text)
        cached = self._memory.get(key)
        if cached is not None:
            self._memory.move_to_end(key)
            return key, *cached
        async with self._locks.setdefault(key, asyncio.Lock()):
            async with self.db.read() as session:
                stored = await session.get(VoiceClip, key)
            if stored is not None:
                found = (bytes(stored.data), stored.seconds)
            else:
                pcm = await self.synth.synthesize(text)
                data = await asyncio.to_thread(encode_opus, pcm)
                found = (data, pcm.seconds)
                try:
                    async with self.db.write() as session:
                        if await session.get(VoiceClip, key) is None:
                            session.add(VoiceClip(key=key, seconds=pcm.seconds, data=data,
                                                  created_at=self.clock.now()))
                except Exception as error:  # another replica wrote it meanwhile, or the database is busy
                    log.debug("voice clip not stored: %s", type(error).__name__)
            self._locks.pop(key, None)
        self._memory[key] = found
        if len(self._memory) > self._size:
            self._memory.popitem(last=False)
        return key, *found

    async def upload_ref(self, key: str, channel: str) -> str | None:
        """The channel's id for this clip, if it holds one that is still valid."""
        async with self.db.read() as session:
            row = await voice_store.upload_of(session, key, channel)
        if row is None or (row.expires_at is not None and row.expires_at <= self.clock.now()):
            return None
        return row.file_ref

    async def remember(self, key: str, channel: str, file_ref: str, expires_at: datetime | None) -> None:
        """Keep the channel's id for this clip (replacing an expired one)."""
        try:
            async with self.db.write() as session:
                row = await voice_store.upload_of(session, key, channel)
                row = row or VoiceUpload(key=key, channel=channel, file_ref=file_ref)
                row.file_ref, row.expires_at = file_ref, expires_at
                session.add(row)
        except Exception as error:  # only a cache: the next send uploads again
            log.debug("voice upload not remembered: %s", type(error).__name__)


class VoiceSender:
    """A channel's sender with spoken replies: SPEAK replies become voice notes, the rest is the channel's."""

    def __init__(self, inner: Any, channel: str, speech: Speech) -> None:
        self.inner = inner
        self.channel = channel
        self.speech = speech

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send; a SPEAK reply as a voice note (synthesised or reused)."""
        if reply.prompt_id != SPEAK:
            result: str | None = await self.inner.send(chat_id, reply)
            return result
        try:
            key, data, seconds = await self.speech.clip(reply.text)
        except Exception as error:  # TtsError, a broken encoder: a failed attempt, retried with backoff
            raise SendError(f"tts: {type(error).__name__}") from None
        known = await self.speech.upload_ref(key, self.channel)
        send_voice = getattr(self.inner, "send_voice", None)
        if send_voice is None:
            raise SendError("channel cannot send voice notes", permanent=True)
        message_id, file_ref, expires = await send_voice(chat_id, data, seconds, known)
        if file_ref and file_ref != known:
            await self.speech.remember(key, self.channel, file_ref, expires)
        return str(message_id) if message_id is not None else None
