"""Putting voice into a laporbot process: the stage in front of the engine, spoken replies, the worker."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from bot import supervisor
from bot.voice.settings import VoiceSettings
from bot.voice.stage import VoiceStage, VoiceWorker
from bot.voice.stt import make_transcriber
from bot.voice.tts import Speech, VoiceSender, make_synthesizer
from models.voice import VoiceJob

if TYPE_CHECKING:
    from bot.app import Core

log = logging.getLogger("laporbot.voice")


def channel_fetch(core: Core) -> tuple[Any, list[Any]]:
    """An async fetch(job) -> audio bytes over each configured channel's file download, and the closers."""
    from bot.forwarding_fetchers import TelegramFileFetcher
    from models.tables import Attachment

    settings = core.settings
    fetchers: dict[str, Any] = {}
    closers: list[Any] = []
    if settings.telegram_token:
        telegram = TelegramFileFetcher(settings.telegram_token, settings.telegram_api_base_url,
                                       settings.telegram_file_base_url)
        fetchers["telegram"] = telegram
        closers.append(telegram.close)
    if "whatsapp" in settings.channels:
        from handlers.whatsapp_channel import whatsapp_fetcher

        whatsapp = whatsapp_fetcher(core)
        if whatsapp is not None:
            fetchers["whatsapp"] = whatsapp
            closers.append(whatsapp.client.close)

    async def fetch(job: VoiceJob) -> bytes | None:
        fetcher = fetchers.get(job.channel)
        if fetcher is None:
            return None
        found = await fetcher(Attachment(id=0, complaint_id=0, channel=job.channel, kind=job.kind,
                                         file_ref=job.file_ref, mime=job.mime, name=job.name))
        return found.content if found is not None else None

    return fetch, closers


def install(core: Core, stop: asyncio.Event) -> asyncio.Task[None] | None:
    """Voice for `laporbot run`: the stage (always: honest words without STT), spoken replies where a speech
    engine exists, and the supervised transcription worker where speech to text is configured (its task)."""
    settings = VoiceSettings.from_env(core.settings.extra)
    transcriber = make_transcriber(settings)
    synth, why = make_synthesizer(settings)
    log.info("speech to text: " + (transcriber.name if transcriber else
                                   "off (set LAPORBOT_STT_URL or LAPORBOT_STT_MODEL_PATH); voice notes kept as files"))
    log.info(why)
    stage = VoiceStage(core.inbox.engine, settings, transcribing=transcriber is not None, speaking=synth is not None)
    core.inbox.engine = stage
    if synth is not None:
        speech = Speech(synth, core.db, core.clock)
        for channel, sender in list(core.deliverer.senders.items()):
            if hasattr(sender, "send_voice"):
                core.deliverer.senders[channel] = VoiceSender(sender, channel, speech)
    if transcriber is None:
        return None

    async def work() -> None:
        fetch, closers = channel_fetch(core)
        worker = VoiceWorker(core, settings, transcriber, fetch, stage)
        stage.wake = worker.wake
        try:
            await worker.run(stop)
        finally:
            for close in [*closers, transcriber.close]:
                await close()

    return supervisor.supervise("voice", work, stop=stop)
