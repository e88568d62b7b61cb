"""Issue 18 on WhatsApp, with real audio: an espeak-ng voice note sent as a WhatsApp audio message (media id, then
the download from the fake Graph API), transcribed by the fake STT server, read back with buttons, used as the
answer; in mode suara the prompts go out as audio messages (uploaded once to POST /{phone-number-id}/media)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.core.clock import FixedClock
from bot.voice import audio
from bot.voice.wiring import run_worker
from models.db import Database
from tests.fakes.graph_api import FakeGraphAPI, button_reply, media_bytes, message, text_message
from tests.fakes.stt_api import FakeSpeechServer
from tests.handlers.test_whatsapp_channel import WA, Rig, body_text, choices, running_rig
from tests.voice.test_voice_telegram import STORY, spoken

pytestmark = pytest.mark.slow


@pytest.fixture
async def graph() -> AsyncIterator[FakeGraphAPI]:
    """A fake Graph API on 127.0.0.1."""
    async with FakeGraphAPI() as fake:
        yield fake


def press(rig: Rig, option: str) -> dict[str, object]:
    """The citizen taps the newest button with this option id."""
    for sent in reversed(rig.graph.sent(WA)):
        if sent.get("type") == "interactive":
            for reply_id in choices(sent):
                if reply_id.rpartition("|")[2] == option:
                    return button_reply(reply_id, option, wamid=rig.wamid())
    raise AssertionError(f"no button {option!r}")


async def test_voice_note_heard_read_back_used_and_prompts_spoken_back(db: Database, clock: FixedClock,
                                                                       graph: FakeGraphAPI) -> None:
    """Audio in (OGG/Opus media id) → transcript → used, read back with the next question → that prompt also as an
    audio message (mode suara is on for a citizen who answers by voice)."""
    async with FakeSpeechServer([STORY]) as stt, running_rig(db, clock, graph, LAPORBOT_STT_URL=stt.url) as rig:
        stop = asyncio.Event()
        worker = run_worker(rig.core, stop)
        assert worker is not None
        try:
            await rig.says("halo")
            await rig.send(press(rig, "complaint"))  # the story is the first question
            ogg = spoken(STORY)
            graph.add_media("710000000000777", ogg, "audio/ogg; codecs=opus")
            before = len(graph.messages)
            await rig.send(message("audio", {"id": "710000000000777", "mime_type": "audio/ogg; codecs=opus",
                                             "voice": True}, wamid=rig.wamid()))
            await graph.wait_for(lambda: any(m["type"] == "audio" for m in graph.messages[before:]))
            texts = [body_text(m) for m in graph.messages[before:] if m["type"] != "audio"]
            assert texts[0].startswith("Anda menjawab dengan suara")  # mode suara: on for those who speak
            # the story used at once, read back on top of the next question
            assert texts[1].startswith(f'Kami dengar: "{STORY}". Kalau salah, katakan "salah".\nKapan')
            assert len(stt.heard) == 1 and stt.heard[0].rate == 16_000 and stt.heard[0].rms > 100
            (note,) = [m for m in graph.messages[before:] if m["type"] == "audio"]
            data = media_bytes(graph, note["audio"]["id"])
            assert audio.is_ogg_opus(data) and 2 < audio.ogg_seconds(data) < 60
            # the same prompt to two citizens: Meta's copy is reused, nothing uploaded again
            uploads = list(graph.uploads)
            before = len(graph.messages)
            for other in ("6281299990000", "6281299990001"):  # two citizens opening with "mode suara": same prompt
                await rig.send(text_message("mode suara", wa_id=other, wamid=rig.wamid()))
            await graph.wait_for(lambda: sum(m["type"] == "audio" for m in graph.messages[before:]) >= 2)
            first, second = [m for m in graph.messages[before:] if m["type"] == "audio"]
            assert first["audio"]["id"] == second["audio"]["id"]
            assert len(graph.uploads) == len(uploads) + 1
        finally:
            stop.set()
            await worker
