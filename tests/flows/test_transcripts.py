"""Every tests/transcripts/*.chat conversation, on the engine directly and through the real server on Telegram
and WhatsApp (tests/channel_harness.py): the same words, the same options, the same stored complaints."""

from __future__ import annotations

import difflib
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.conversation.guards import OpsSettings
from bot.core.clock import FixedClock
from bot.core.messages import Option, Reply
from flows.ports import FlowConfig
from models.db import Database
from tests import transcripts
from tests.channel_harness import (
    ChannelHarness,
    ChannelServer,
    TelegramHarness,
    WhatsAppHarness,
    telegram_reply,
    whatsapp_replies,
)
from tests.harness import HOME, ChatHarness
from tests.transcripts import Shown, shows

FILES = sorted((Path(__file__).parents[1] / "transcripts").glob("*.chat"))
# The survey transcripts (run on the engine by tests/surveys/test_survey_transcripts.py), on the channels here.
SURVEYS = sorted((Path(__file__).parents[1] / "transcripts" / "surveys").glob("*.chat"))
TERMINAL = [p for p in FILES if "terminal" in transcripts.channels(p)]
CHANNELS = [pytest.param(path, channel, id=f"{path.stem}-{channel}")
            for path in FILES + SURVEYS for channel in ("telegram", "whatsapp")
            if channel in transcripts.channels(path)]


@pytest.fixture
async def server(db: Database, clock: FixedClock) -> AsyncIterator[ChannelServer]:
    """The real server on both channels against the fakes, with this test's database and clock."""
    running = ChannelServer(db, clock)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


@pytest.mark.parametrize("path", TERMINAL, ids=[p.stem for p in TERMINAL])
async def test_transcript(path: Path, harness: ChatHarness, request: pytest.FixtureRequest) -> None:
    """The bot says exactly what the transcript says it says."""
    headers = path.read_text(encoding="utf-8").splitlines()
    if "@ops" in headers:  # the guard stages in front, as `laporbot run`
        harness = ChatHarness(harness.db, harness.clock, ops=OpsSettings(rate_limit=0))
    if transcripts.national(path):  # a deployment with no kabupaten of its own (LAPORBOT_REGION unset)
        harness = ChatHarness(harness.db, harness.clock, config=FlowConfig(region=None))
    actual = await transcripts.run(path, harness)
    expected = path.read_text(encoding="utf-8")
    if actual != expected and request.config.getoption("--update-transcripts"):
        path.write_text(actual, encoding="utf-8")
        return
    _same(path, expected, actual, "terminal")


@pytest.mark.slow
@pytest.mark.parametrize(("path", "channel"), CHANNELS)
async def test_transcript_on_channel(path: Path, channel: str, db: Database, clock: FixedClock) -> None:
    """The same conversation through the real server and adapter, as the channel shows it."""
    async with ChannelServer(db, clock, engine=transcripts.survey_engine(path),
                             region=None if transcripts.national(path) else HOME) as server:
        harness = (TelegramHarness if channel == "telegram" else WhatsAppHarness)(server, path.stem)
        if path.parent.name == "surveys":
            from tests.surveys.test_survey_transcripts import check

            actual = await transcripts.run(path, harness, checks=check, events=survey_event)
        else:
            actual = await transcripts.run(path, harness)
    _same(path, path.read_text(encoding="utf-8"), actual, channel)


async def survey_event(line: str, user: str, harness: ChannelHarness) -> list[Reply] | None:
    """A survey transcript's "! resolved <title>": the admin side resolves the citizen's complaint."""
    if line.startswith("! surveys "):
        return None  # loaded as the server started (engine_for)
    assert line.startswith("! resolved "), f"{line!r} means nothing on a channel"
    return await harness.resolved(user, line[len("! resolved "):])


def _same(path: Path, expected: str, actual: str, channel: str) -> None:
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "transcript",
                                        channel))
    assert actual == expected, f"{path.name} differs on {channel}:\n{diff}"


def test_every_transcript_runs_on_every_channel() -> None:
    """No transcript is left out of a channel (a @channels header would have to say why)."""
    assert {c.id for c in CHANNELS} == {f"{p.stem}-{ch}" for p in FILES + SURVEYS for ch in ("telegram", "whatsapp")}
    assert TERMINAL == FILES


# --------------------------------------------------------------------------- the label rule


@pytest.mark.parametrize(("label", "shown", "same"), [
    ("Buat pengaduan", Shown("x", "Buat pengaduan", kind="inline"), True),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Lombok Timur",
     Shown("x", "Dinas Pemberdayaan Perempuan dan Perlindungan…", kind="inline"), True),  # cut at a word, 48
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Lombok Timur",
     Shown("x", "Dinas Pemberdayaan Perempuan dan Perlindungan An", kind="inline"), False),  # mid-word
    ("Buat pengaduan", Shown("x", "Buat pengaduan ", kind="inline"), False),
    ("Kirim", Shown("x", "Kirim", kind="button"), True),
    ("Kirim", Shown("x", "Kirim…", kind="button"), False),
    ("Pakai: Guru honorer belum menerima gaji", Shown("x", "Pakai: Guru honorer…", kind="button"), True),
    ("Pakai: Guru honorer belum menerima gaji", Shown("x", "Pakai judul otomatis", kind="button"), True),
    ("Pakai: Guru honorer belum menerima gaji", Shown("x", "Pakai: Guru honorer b…", kind="button"), False),
    ("Pakai: Guru honorer belum menerima gaji", Shown("x", "Pakai: Guru honorar…", kind="button"), False),
    ("Transportasi dan lalu lintas", Shown("x", "Transportasi dan lalu…", kind="row"), False),  # no description
    ("Transportasi dan lalu lintas", Shown("x", "Transportasi dan lalu…", description="Transportasi dan lalu lintas",
                                           kind="row"), True),
    ("Transportasi dan lalu lintas", Shown("x", "Transportasi dan lalu…", description="Transportasi", kind="row"),
     False),
    ("Jalan, jembatan, bangunan", Shown("x", "Jalan, jembatan,…", description="Jalan, jembatan, bangunan", kind="row"),
     True),
    ("Kesehatan", Shown("x", "Kesehatan", description="Puskesmas dan rumah sakit", kind="row"), True),
    ("Kesehatan", Shown("x", "Kesehatan 2", kind="button"), True),  # the second "Kesehatan" of a message
    ("Kesehatan", Shown("x", "Kesehatan 1", kind="button"), False),
    ("Desa Kampung Baru, Kec. Badar, Kab. Aceh Tenggara, Aceh",
     Shown("x", "Desa Kampung Baru,… 2", description="Desa Kampung Baru, Kec. Badar, Kab. Aceh Tenggara, Aceh",
           kind="row"), True),
    ("Desa Kampung Baru, Kec. Badar, Kab. Aceh Tenggara, Aceh",
     Shown("x", "Desa Kampung Baru,… 2", description="Desa Kampung Baru, Kec. Badar", kind="row"), False),
    ("Kesehatan", Shown("3", "Kesehatan", kind="menu"), True),
    ("Kesehatan", Shown("3", "Kesehatan…", kind="menu"), False),
    ("Kesehatan", Option("x", "Kesehatan"), True),
    ("Kesehatan", Option("x", "kesehatan"), False),
])
def test_labels_shown_by_each_channel(label: str, shown: Option, same: bool) -> None:
    """One rule says what each channel may show for a transcript's label."""
    assert shows(label, shown) is same


def test_a_mismatch_reads_as_a_diff() -> None:
    """An option shown otherwise is written as the channel showed it, with the rendering it was shown in."""
    expected = ["< Pilih", "<   [a] Transportasi dan lalu lintas", "<   [b] Kesehatan"]
    replies = [Reply("Pilih", (Shown("a", "Transportasi dan lalu…", description="Transportasi", kind="row"),
                               Shown("c", "Kesehatan", kind="row")))]
    assert transcripts.render(replies, expected) == [
        "< Pilih", "<   [a] Transportasi dan lalu… | Transportasi   (WhatsApp list row)",
        "<   [c] Kesehatan   (WhatsApp list row)"]
    whole = "Transportasi dan lalu lintas"
    good = [Reply("Pilih", (Shown("a", "Transportasi dan lalu…", description=whole, kind="row"),
                            Shown("b", "Kesehatan", kind="row")))]
    assert transcripts.render(good, expected) == expected


def test_channel_read_back() -> None:
    """What the fakes recorded reads back as replies: Telegram's navigation row and WhatsApp's hint dropped."""
    from bot.core.i18n import default_catalog
    from handlers.telegram.adapter import keyboard_json
    from handlers.whatsapp.render import render as whatsapp_render

    catalog = default_catalog()
    nav = (Option("nav.back", "Kembali"), Option("nav.help", "Bantuan"))
    many = tuple(Option(f"o{i}", f"Pilihan nomor {i}") for i in range(12))
    cases = [Reply("Halo", nav=nav), Reply("Pilih", (Option("a", "A"), Option("b", "Sangat panjang sekali labelnya")),
                                           prompt_id="3", nav=nav),
             Reply("Daftar", many[:5], prompt_id="4"), Reply("Banyak", many, prompt_id="5", nav=nav),
             Reply("x" * 1100, many[:2], prompt_id="6", nav=nav)]
    for reply in cases:
        expected = transcripts.render([reply])
        telegram = telegram_reply({"text": reply.text, "reply_markup": keyboard_json(reply)})
        assert transcripts.render([telegram], expected) == expected
        whatsapp = whatsapp_replies(whatsapp_render(reply, "628", catalog, "id"), catalog)
        assert transcripts.render(whatsapp, expected) == expected


def test_terminal_only_header(tmp_path: Path) -> None:
    """A @channels header limits where a transcript runs; a misspelt channel is refused."""
    path = tmp_path / "x.chat"
    path.write_text("# terminal-only: a language hint WhatsApp never sends\n@channels terminal telegram\n> halo\n",
                    encoding="utf-8")
    assert transcripts.channels(path) == ("terminal", "telegram")
    path.write_text("@channels telegrma\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="telegrma"):
        transcripts.channels(path)


@pytest.mark.slow
async def test_the_server_in_a_test_leaves_signals_alone(server: ChannelServer) -> None:
    """serve() given a stop event installs no SIGINT/SIGTERM handler: Ctrl-C still stops the test run."""
    import signal

    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    # loop.add_signal_handler() would have put asyncio's no-op in front of the loop's own handling
    assert getattr(signal.getsignal(signal.SIGINT), "__name__", "") != "_sighandler_noop"


LINES = """# What no shipped transcript does yet: a stale button, a redelivery, a command, a document, a location.
> halo
>[complaint]
>! stale [complaint]
>=
>+document surat-1.pdf
>/bantuan
>[done]
>[pengaduan]
>[yesterday]
>@ -8.6523, 116.5310
"""
ENGLISH = """# An English-speaking phone (Telegram's language hint).
@locale en
> hello
>[complaint]
"""


@pytest.mark.slow
@pytest.mark.parametrize(("script", "channel"), [(LINES, "telegram"), (LINES, "whatsapp"), (ENGLISH, "telegram")],
                         ids=["lines-telegram", "lines-whatsapp", "locale-telegram"])
async def test_every_kind_of_line_plays_alike(script: str, channel: str, harness: ChatHarness, server: ChannelServer,
                                              tmp_path: Path) -> None:
    """Each kind of citizen line reads on a channel as it does on the engine directly."""
    path = tmp_path / "lines.chat"
    path.write_text(script, encoding="utf-8")
    path.write_text(await transcripts.run(path, harness), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    # what the lines do on the engine: the redelivery is answered once, the stale press told it is closed;
    # an English phone is answered in English
    wanted = ("< Hello! This is LaporBot",) if "@locale" in script else ("< (no reply)", "sudah ditutup")
    assert all(w in text for w in wanted), text
    server.clock.set(transcripts_start())
    on_channel = (TelegramHarness if channel == "telegram" else WhatsAppHarness)(server, "lines")
    _same(path, text, await transcripts.run(path, on_channel), channel)


def transcripts_start() -> datetime:
    """Where the transcripts' clock starts (tests/conftest.py's FixedClock)."""
    return FixedClock().now()
