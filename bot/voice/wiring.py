"""Voice in a laporbot process: what bot/wiring.py builds (the stage, spoken replies) and the worker `run` starts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from bot.core.clock import Clock
from bot.ops import supervisor
from bot.voice.settings import VoiceSettings
from bot.voice.stage import VoiceStage
from bot.voice.stt import Transcriber, make_transcriber
from bot.voice.tts import Speech, Synthesizer, VoiceSender, make_synthesizer
from bot.voice.worker import VoiceWorker
from models.db import Database
from models.voice import VoiceJob

if TYPE_CHECKING:
    from bot.conversation.inbox import Inbox
    from bot.forwarding.ports import ChannelFiles
    from bot.outbox.delivery import Deliverer
    from bot.settings import Settings

log = logging.getLogger("laporbot.voice")


def channel_fetch(core: ChannelFiles) -> tuple[Any, list[Any]]:
    """An async fetch(job) -> audio bytes over each configured channel's file download, and the closers."""
    from bot.forwarding.fetchers import channel_fetchers
    from models.tables import Attachment

    fetchers = channel_fetchers(core)
    closers = [fetchers.close]

    async def fetch(job: VoiceJob) -> bytes | None:
        fetcher = fetchers.get(job.channel)
        if fetcher is None:
            return None
        found = await fetcher(Attachment(id=0, complaint_id=0, channel=job.channel, kind=job.kind,
                                         file_ref=job.file_ref, mime=job.mime, name=job.name))
        return found.content if found is not None else None

    return fetch, closers


@dataclass
class Voice:
    """What a process hears and speaks with (LAPORBOT_STT_* / LAPORBOT_TTS_*), built once by bot/wiring.py."""

    settings: VoiceSettings = field(default_factory=VoiceSettings)
    transcriber: Transcriber | None = None
    synth: Synthesizer | None = None
    bell: asyncio.Event = field(default_factory=asyncio.Event)  # rung when a note is queued: the worker looks

    @classmethod
    def configured(cls, settings: VoiceSettings) -> Voice:
        """The voice of the settings bot/wiring.py read, said once in the log."""
        transcriber = make_transcriber(settings)
        synth, why = make_synthesizer(settings)
        off = "off (set LAPORBOT_STT_URL or LAPORBOT_STT_MODEL_PATH); voice notes kept as files"
        log.info("speech to text: " + (transcriber.name if transcriber else off))
        log.info(why)
        return cls(settings, transcriber, synth)

    def stage(self, inner: Any) -> VoiceStage:
        """The voice stage in front of `inner`: always (honest words on voice notes without speech to text)."""
        return VoiceStage(inner, self.settings, transcribing=self.transcriber is not None,
                          speaking=self.synth is not None, wake=self.bell.set)

    def spoken_senders(self, db: Database, clock: Clock) -> Callable[[Any, str], Any] | None:
        """A sender wrap that sends SPEAK replies as voice notes where the channel can; None without speech."""
        if self.synth is None:
            return None
        speech = Speech(self.synth, db, clock)
        return lambda sender, channel: VoiceSender(sender, channel, speech) if hasattr(sender, "send_voice") else sender


class Parts(Protocol):
    """What the transcription worker uses of the process (bot.app.Core has them): the voice parts and the turn
    pipeline, the channels' file fetchers' (bot.forwarding.ports.ChannelFiles: settings, db), and the worker's
    (bot/voice/worker.py: db, clock, inbox, deliverer)."""

    voice: Voice
    pipeline: VoiceStage
    settings: Settings
    db: Database
    clock: Clock
    inbox: Inbox
    deliverer: Deliverer


def run_worker(core: Parts, stop: asyncio.Event) -> asyncio.Task[None] | None:
    """The supervised transcription worker of `laporbot run`, where speech to text is configured (its task).

    It answers through the whole turn pipeline (core.pipeline, whose outermost stage is the voice stage).
    """
    voice: Voice = core.voice
    stage: VoiceStage = core.pipeline
    transcriber = voice.transcriber
    if transcriber is None:
        return None

    async def work() -> None:
        fetch, closers = channel_fetch(core)
        worker = VoiceWorker(core, voice.settings, transcriber, fetch, stage, woken=voice.bell)
        try:
            await worker.run(stop)
        finally:
            for close in [*closers, transcriber.close]:
                await close()

    return supervisor.supervise("voice", work, stop=stop)
