"""Chat files reach LAPOR!: `laporbot run` and `laporbot worker` wire the Telegram and WhatsApp fetchers.

The citizens' photos and voice notes live at Telegram (getFile + download) and at Meta (media id, or the
bytes kept when the message arrived). These tests run the real commands against the fake Bot API, the
fake Graph API and the fake LAPOR! server, and check the uploaded bytes and which complaint lists them.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.app import Core, section_of
from bot.cli.outbox import worker_command
from bot.core.clock import FixedClock
from bot.forwarding.fetchers import ChannelFetchers, FetchError, attachment_fetchers
from bot.forwarding.payload import aware
from bot.forwarding.settings import ForwardingSettings
from bot.settings import Settings
from bot.wiring import read_sections
from handlers.telegram.files import TelegramFileFetcher
from models.db import Database
from models.tables import Attachment
from models.whatsapp import MediaFile
from tests.fakes.central_lapor import FakeLaporServer
from tests.fakes.graph_api import ACCESS_TOKEN, PHONE_NUMBER_ID, FakeGraphAPI
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.forwarding_helpers import file_complaints, forwarder, jobs, lapor_adapter, make_core
from tests.procs import TOKEN, LaporbotProcess

MAPPING_YAML = """\
lapor:
  user_id: 5218120
  channel_id: 13
  default_category_id: 436
classifications: {pengaduan: 1, aspirasi: 2, informasi: 3}
agencies: {"52.03.dlh": 151346}
"""
PHOTO = b"\xff\xd8\xff\xe0telegram-photo-of-the-rubbish" * 40
VOICE = b"OggS telegram-voice-note" * 30
WA_VOICE = b"OggS whatsapp-voice-note-downloaded" * 25
WA_KEPT = b"\xff\xd8\xff\xe0whatsapp-photo-kept-on-arrival" * 35


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegramAPI]:
    """A fake Bot API on 127.0.0.1 knowing the bot's token."""
    async with FakeTelegramAPI() as api:
        yield api


@pytest.fixture
async def graph() -> AsyncIterator[FakeGraphAPI]:
    """A fake Graph API (WhatsApp Cloud API) on 127.0.0.1."""
    async with FakeGraphAPI() as api:
        yield api


@pytest.fixture
async def lapor() -> AsyncIterator[FakeLaporServer]:
    """A fake LAPOR! V3 server on 127.0.0.1."""
    async with FakeLaporServer() as fake:
        yield fake


def channel_env(telegram: FakeTelegramAPI, graph: FakeGraphAPI, lapor: FakeLaporServer, db: Database,
                tmp_path: Path, *, central: str = "lapor") -> dict[str, str]:
    """The environment an operator sets: both channels, LAPOR! forwarding, fast idle loops."""
    mapping = tmp_path / "central_mapping.yaml"
    mapping.write_text(MAPPING_YAML, encoding="utf-8")
    agencies = tmp_path / "agencies.csv"
    agencies.write_text("code,name\n52.03.dlh,Dinas Lingkungan Hidup Kabupaten Lombok Timur\n", encoding="utf-8")
    return {
        "DATABASE_URL": db.url, "LAPORBOT_AGENCIES_CSV": str(agencies), "LAPORBOT_PORT": "0",
        "LAPORBOT_HOST": "127.0.0.1", "LAPORBOT_REGION": "52.03",
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": telegram.base_url,
        "TELEGRAM_FILE_BASE_URL": telegram.base_file_url,
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
        "WHATSAPP_APP_SECRET": "app-secret", "WHATSAPP_VERIFY_TOKEN": "verify", "WHATSAPP_API_BASE_URL": graph.base_url,
        "LAPORBOT_CENTRAL": central, "LAPORBOT_CENTRAL_URL": lapor.base_url, "LAPORBOT_CENTRAL_TOKEN": "test-token",
        "LAPORBOT_CENTRAL_AUTHORIZATION": "Bearer test-authorization", "LAPORBOT_CENTRAL_MAPPING": str(mapping),
        "LAPORBOT_CENTRAL_JURISDICTION": "lomboktimurkab.go.id", "LAPORBOT_FORWARD_IDLE": "0.05",
    }


@dataclass
class Filed:
    """The three complaints with files, by channel, and the bytes each should carry to LAPOR!."""

    telegram: str
    whatsapp: str
    kept: str

    def expected(self) -> dict[str, list[bytes]]:
        """Tracking number → the uploaded files, in the order the citizen sent them."""
        return {self.telegram: [PHOTO, VOICE], self.whatsapp: [WA_VOICE], self.kept: [WA_KEPT]}


async def file_with_files(core: Core, telegram: FakeTelegramAPI, graph: FakeGraphAPI) -> Filed:
    """A Telegram complaint with a photo and a voice note, two WhatsApp ones (downloaded / kept bytes)."""
    telegram.register_file("AgACAgTg-photo", PHOTO, file_path="photos/file_1.jpg")
    telegram.register_file("AwACAgTg-voice", VOICE, file_path="voice/file_2.oga")
    graph.add_media("710000000000010", WA_VOICE, "audio/ogg; codecs=opus")
    (tg,) = await file_complaints(core, 1, user="tg-ani", attachments=[
        {"kind": "photo", "ref": "AgACAgTg-photo", "mime": "image/jpeg"},
        {"kind": "voice", "ref": "AwACAgTg-voice", "mime": "audio/ogg"}])
    (wa,) = await file_complaints(core, 1, user="6281200000001", channel="whatsapp", attachments=[
        {"kind": "voice", "ref": "710000000000010", "mime": "audio/ogg"}])
    (kept,) = await file_complaints(core, 1, user="6281200000002", channel="whatsapp", attachments=[
        {"kind": "photo", "ref": "wamid-media-expired", "mime": "image/jpeg"}])
    async with core.db.write() as session:  # Meta no longer has it; the copy kept on arrival is used
        session.add(MediaFile(channel="whatsapp", ref="wamid-media-expired", mime="image/jpeg", size=len(WA_KEPT),
                              sha256=hashlib.sha256(WA_KEPT).hexdigest(), data=WA_KEPT, created_at=core.clock.now()))
    return Filed(tg.tracking_no, wa.tracking_no, kept.tracking_no)


def uploaded_by_complaint(lapor: FakeLaporServer, filed: Filed) -> dict[str, list[bytes]]:
    """Tracking number → the bytes of the files the created complaint references."""
    found: dict[str, list[bytes]] = {}
    for number in filed.expected():
        (body,) = [c.body for c in lapor.complaints.values() if number in c.body["content"]]
        found[number] = [lapor.docs[i].content for i in json.loads(body.get("attachments") or "[]")]
    return found


async def wait_all_sent(db: Database, n: int, timeout: float = 30.0) -> None:  # noqa: ASYNC109
    """Until n outbox entries are sent."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if [j.status for j in await jobs(db)] == ["sent"] * n:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not all sent: {[(j.status, j.last_error) for j in await jobs(db)]}")


def assert_no_channel_secret_reached_lapor(lapor: FakeLaporServer) -> None:
    """The bot token and the WhatsApp access token appear in no request LAPOR! received."""
    for request in lapor.requests:
        seen = request.text() + json.dumps(dict(request.headers)) + request.path
        assert TOKEN not in seen and TOKEN.split(":")[1] not in seen and ACCESS_TOKEN not in seen


@pytest.mark.slow
async def test_laporbot_run_uploads_the_files_citizens_sent_on_telegram_and_whatsapp(
        db: Database, clock: FixedClock, tmp_path: Path, telegram: FakeTelegramAPI, graph: FakeGraphAPI,
        lapor: FakeLaporServer) -> None:
    """The real `laporbot run` process: each complaint's photos and voice notes are uploaded, then listed."""
    env = channel_env(telegram, graph, lapor, db, tmp_path)
    core = await make_core(db, clock)
    try:
        filed = await file_with_files(core, telegram, graph)
    finally:
        await core.close()
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    try:
        await wait_all_sent(db, 3)
    finally:
        assert await bot.stop() == 0
    assert uploaded_by_complaint(lapor, filed) == filed.expected()
    assert lapor.upload_calls == 4 and lapor.create_calls == 3
    assert sorted(c.params["file_id"] for c in telegram.calls_to("getFile")) == ["AgACAgTg-photo", "AwACAgTg-voice"]
    assert ("GET", "/media/710000000000010") in graph.requests
    assert not any("wamid-media-expired" in path for _, path in graph.requests), "kept bytes are used"
    assert_no_channel_secret_reached_lapor(lapor)


async def test_laporbot_worker_uploads_them_too(db: Database, clock: FixedClock, tmp_path: Path,
                                               telegram: FakeTelegramAPI, graph: FakeGraphAPI,
                                               lapor: FakeLaporServer) -> None:
    """`laporbot worker` alone (no channels running in it) fetches from both channels the same way."""
    settings = Settings.from_env(channel_env(telegram, graph, lapor, db, tmp_path))
    core = await make_core(db, clock)
    try:
        filed = await file_with_files(core, telegram, graph)
    finally:
        await core.close()
    stop = asyncio.Event()
    task = asyncio.create_task(worker_command(settings, workers=2, stop=stop))
    try:
        await wait_all_sent(db, 3)
    finally:
        stop.set()
        assert await asyncio.wait_for(task, 120) == 0
    assert uploaded_by_complaint(lapor, filed) == filed.expected()
    uploads = {f.content: (f.filename, f.content_type) for f in lapor.docs.values()}
    assert uploads[PHOTO][1] == "image/jpeg" and uploads[VOICE][1] == "audio/ogg"
    assert all("ani" not in (name or "").lower() for name, _ in uploads.values())
    assert_no_channel_secret_reached_lapor(lapor)


async def test_fetchers_exist_only_for_configured_channels_and_an_uploading_central(
        db: Database, clock: FixedClock, tmp_path: Path, telegram: FakeTelegramAPI, graph: FakeGraphAPI,
        lapor: FakeLaporServer) -> None:
    """LAPOR! takes uploads: one fetcher per configured channel. Open311 would need public URLs: none."""
    env = channel_env(telegram, graph, lapor, db, tmp_path)
    cases = {
        "lapor, both channels": (env, ["telegram", "whatsapp"]),
        "lapor, telegram only": ({k: v for k, v in env.items() if not k.startswith("WHATSAPP_")}, ["telegram"]),
        "lapor, no channel": ({k: v for k, v in env.items() if not k.startswith(("WHATSAPP_", "TELEGRAM_"))}, []),
        "open311": ({**env, "LAPORBOT_CENTRAL": "open311"}, []),
        "off": ({**env, "LAPORBOT_CENTRAL": "none"}, []),
    }
    for name, (values, expected) in cases.items():
        settings = Settings.from_env(values)
        sections = read_sections(settings)
        core = SimpleNamespace(settings=settings, db=db, section=partial(section_of, sections),
                               problems=lambda kind, found=sections: found[kind][1])
        fetchers = attachment_fetchers(core, section_of(sections, ForwardingSettings))  # type: ignore[arg-type]
        assert isinstance(fetchers, ChannelFetchers)
        assert sorted(fetchers) == expected, name
        await fetchers.close()


def _attachment(ref: str, kind: str = "photo", mime: str | None = "image/jpeg") -> Attachment:
    return Attachment(id=7, complaint_id=1, channel="telegram", kind=kind, file_ref=ref, mime=mime)


async def test_the_telegram_fetcher_leaves_out_what_telegram_will_not_give_and_retries_when_it_is_away(
        telegram: FakeTelegramAPI, caplog: pytest.LogCaptureFixture) -> None:
    """Unknown id, too big, download gone → None (sent without it); 500 or 429 → FetchError (retry later)."""
    fetch = TelegramFileFetcher(TOKEN, telegram.base_url, telegram.base_file_url, timeout=5)
    telegram.register_file("ok", PHOTO, file_path="photos/file_9.jpg")
    telegram.register_file("huge", None, file_size=25 * 1024 * 1024)
    telegram.register_file("no-bytes", None, file_size=10)
    try:
        got = await fetch(_attachment("ok", kind="voice", mime=None))
        assert got is not None and got.content == PHOTO and got.kind == "audio" and got.mime == "image/jpeg"
        assert got.filename == "voice-7.jpg" and got.url is None
        assert await fetch(_attachment("never-seen")) is None
        assert await fetch(_attachment("huge")) is None
        assert await fetch(_attachment("no-bytes")) is None
        for kind in ("500", "429"):
            telegram.fail_next("getFile", kind)
            with pytest.raises(FetchError) as error:
                await fetch(_attachment("ok"))
            assert TOKEN not in str(error.value) and "getFile" in str(error.value)
    finally:
        await fetch.close()
    down = TelegramFileFetcher(TOKEN, "http://127.0.0.1:9/bot", "http://127.0.0.1:9/file/bot", timeout=2)
    try:
        with pytest.raises(FetchError) as error:
            await down(_attachment("ok"))
        assert TOKEN not in str(error.value)
    finally:
        await down.close()
    assert TOKEN not in caplog.text


async def test_a_telegram_outage_delays_the_complaint_and_then_its_photo_goes_along(
        db: Database, clock: FixedClock, telegram: FakeTelegramAPI, lapor: FakeLaporServer) -> None:
    """getFile answering 500: nothing is sent (no complaint without its photo), the next try uploads it."""
    core = await make_core(db, clock)
    fetch = TelegramFileFetcher(TOKEN, telegram.base_url, telegram.base_file_url, timeout=5)
    telegram.register_file("AgACAgTg-photo", PHOTO)
    try:
        await file_complaints(core, 1, attachments=[{"kind": "photo", "ref": "AgACAgTg-photo", "mime": "image/jpeg"}])
        worker = forwarder(core, lapor_adapter(lapor.base_url, clock))
        worker.fetchers = {"telegram": fetch}
        telegram.fail_next("getFile", "500")
        await worker.run_once()
        (job,) = await jobs(db)
        assert (job.status, job.last_error, job.in_doubt) == ("pending", "attachment fetch failed (FetchError)", False)
        assert lapor.upload_calls == 0 and lapor.create_calls == 0
        assert job.not_before is not None
        clock.advance(aware(job.not_before) - clock.now())
        await worker.run_once()
        await worker.adapter.close()
    finally:
        await fetch.close()
        await core.close()
    (job,) = await jobs(db)
    assert job.status == "sent" and [d.content for d in lapor.docs.values()] == [PHOTO]
