"""The real `laporbot run` process on WhatsApp: every conversation transcript through its webhook, and its guards.

Each tests/transcripts/*.chat is played as WhatsApp webhooks (typed lines as text messages, pressed
buttons as button_reply / list_reply carrying the reply id the bot sent, numbered-menu choices as the
typed number, nav buttons as the word the nav hint names). What the fake Graph API received is read back
into transcript lines (buttons, list rows and numbered menus become options again, the nav hint is
dropped) and must equal the transcript: the same conversation as on Telegram, modulo WhatsApp rendering.

The child process is the real command (`bot.cli main(["run"])`) with the transcripts' deterministic
parts swapped in before it starts: a clock read from a file (so "! advance 4d" moves it) and sequential
tracking numbers; like tests/harness.py it uses the shipped agency catalog and region index, with
LAPORBOT_REGION set to the harness's home region.
"""

from __future__ import annotations

import asyncio
import difflib
import hashlib
import itertools
import os
import re
import shutil
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from sqlalchemy import MetaData, func
from sqlmodel import col, select

from bot.conversation.inbox import Inbox
from bot.core.clock import FixedClock
from bot.core.i18n import Catalog
from bot.core.messages import Inbound, Reply
from bot.core.tracking import SequentialIds
from flows.library import default_engine
from flows.ports import FlowConfig
from handlers.whatsapp.payload import split_reply_id
from handlers.whatsapp.render import shorten
from models import store
from models.db import Database
from models.tables import Citizen, Complaint, InboundMessage, OutgoingMessage, StatusChange
from tests import transcripts
from tests.fakes.graph_api import (
    ACCESS_TOKEN,
    PHONE_NUMBER_ID,
    FakeGraphAPI,
    button_reply,
    encode,
    list_reply,
    location_message,
    make_webhook,
    message,
    sign,
    text_message,
)
from tests.harness import HOME, shipped_agencies, shipped_places
from tests.procs import ROOT, LaporbotProcess

pytestmark = pytest.mark.slow
SECRET = "e2e-app-secret"
VERIFY = "e2e-verify"
TRANSCRIPTS = Path(__file__).parents[1] / "transcripts"
# Every conversation: complaint_*, status_*, and the surveys (skm_*, feedback_*, channel and agency surveys).
FILES = sorted(TRANSCRIPTS.glob("*.chat")) + sorted((TRANSCRIPTS / "surveys").glob("*.chat"))
START = FixedClock().now()
CATALOG = Catalog.load()
MEDIA = {"photo": ("image", "image/jpeg"), "voice": ("audio", "audio/ogg"), "audio": ("audio", "audio/mpeg"),
         "document": ("document", "application/pdf"), "video": ("video", "video/mp4")}


# --------------------------------------------------------------------------- the child process


class FileClock:
    """The child's clock: the time written in a file, so the test can move it like FixedClock.advance."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def now(self) -> datetime:
        """The time in the file."""
        return datetime.fromisoformat(self.path.read_text(encoding="utf-8").strip())


class FileIds:
    """Sequential tracking numbers that start again at LPR-222223T whenever the test resets the clock file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stamp: int | None = None
        self.ids = SequentialIds()

    def __call__(self) -> str:
        stamp = self.path.stat().st_mtime_ns
        if stamp != self.stamp:
            self.stamp, self.ids = stamp, SequentialIds()
        return self.ids()


def child_main() -> int:
    """`laporbot run`'s server with the transcripts' clock and tracking numbers (run in the child)."""
    from bot.core import logs
    from bot.server import serve
    from bot.settings import Settings

    settings = Settings.from_env()
    logs.setup(settings.log_level, json_lines=settings.log_json)
    path = Path(os.environ["LAPORBOT_TEST_CLOCK_FILE"])
    return asyncio.run(serve(settings, clock=FileClock(path),
                             new_tracking_no=FileIds(Path(os.environ["LAPORBOT_TEST_IDS_FILE"]))))


class WhatsAppProcess(LaporbotProcess):
    """The real command, started through child_main."""

    async def start(self, timeout: float = 120.0) -> None:  # noqa: ASYNC109
        """Start and wait for "listening" on stdout (as long as tests/procs.py allows on a loaded machine)."""
        log = self.log_path.open("ab")
        code = "from tests.handlers.test_whatsapp_e2e import child_main; raise SystemExit(child_main())"
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", code, env=self.env, cwd=str(ROOT), stdout=asyncio.subprocess.PIPE, stderr=log)
        assert self.proc.stdout is not None
        line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        if b"listening" not in line:
            raise RuntimeError(f"laporbot did not start: {line!r}; see {self.log_path}")
        self.port = int(line.decode().strip().rsplit(":", 1)[1])


class Bot:
    """The running process, its fake Graph API, its clock file and its database."""

    def __init__(self, process: WhatsAppProcess, graph: FakeGraphAPI, clock_file: Path, db: Database) -> None:
        self.process = process
        self.graph = graph
        self.clock_file = clock_file
        self.db = db
        self.http = aiohttp.ClientSession()

    @property
    def url(self) -> str:
        """The webhook endpoint."""
        return f"{self.process.url}/webhooks/whatsapp"

    def now(self) -> datetime:
        """The child's current time."""
        return datetime.fromisoformat(self.clock_file.read_text(encoding="utf-8").strip())

    def advance(self, delta: timedelta) -> None:
        """Move the child's clock."""
        self.clock_file.write_text((self.now() + delta).isoformat(), encoding="utf-8")

    async def post(self, body: dict[str, Any], secret: str | None = SECRET) -> int:
        """POST a webhook as Meta does, signed over the exact bytes."""
        raw = encode(body)
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Hub-Signature-256"] = sign(raw, secret)
        async with self.http.post(self.url, data=raw, headers=headers) as resp:
            return resp.status

    async def settled(self, chat_id: str, wamid: str | None, timeout: float = 60.0) -> None:  # noqa: ASYNC109
        """Until the message (if any) is handled and nothing is left to send to this chat."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            async with self.db.read() as session:
                status = "handled" if wamid is None else (await session.exec(select(InboundMessage.status).where(
                    InboundMessage.channel == "whatsapp", InboundMessage.channel_message_id == wamid))).first()
                unsent = (await session.exec(select(func.count()).select_from(OutgoingMessage).where(
                    OutgoingMessage.channel == "whatsapp", OutgoingMessage.chat_id == chat_id,
                    col(OutgoingMessage.status).in_(("pending", "sending"))))).one()
            if status == "handled" and not unsent:
                return
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{wamid}: inbound {status}, {unsent} unsent")
            await asyncio.sleep(0.02)

    async def reset(self) -> None:
        """A fresh start for the next transcript: empty tables, the clock back, tracking numbers from 1 again."""
        async with self.db.engine.begin() as conn:
            schema = MetaData()
            await conn.run_sync(schema.reflect)
            for table in reversed(schema.sorted_tables):  # children before parents
                if table.name != "alembic_version":
                    await conn.execute(table.delete())
        self.clock_file.write_text(START.isoformat(), encoding="utf-8")
        ids = self.clock_file.with_suffix(".ids")
        ids.write_text(str(ids.stat().st_mtime_ns), encoding="utf-8")

    async def close(self) -> None:
        """Stop the process (cleanly) and the HTTP session."""
        await self.http.close()
        assert await self.process.stop() == 0


@pytest.fixture
async def graph() -> AsyncIterator[FakeGraphAPI]:
    """A fake Graph API on 127.0.0.1."""
    async with FakeGraphAPI() as fake:
        yield fake


def wa_env(graph: FakeGraphAPI, db: Database, clock_file: Path, **extra: str) -> dict[str, str]:
    """The environment of a WhatsApp-only laporbot."""
    return {"WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
            "WHATSAPP_APP_SECRET": SECRET, "WHATSAPP_VERIFY_TOKEN": VERIFY, "WHATSAPP_API_BASE_URL": graph.base_url,
            "WHATSAPP_TEMPLATE_NOTIFICATION": "laporbot_update", "DATABASE_URL": db.url, "LAPORBOT_PORT": "0",
            "LAPORBOT_TEST_CLOCK_FILE": str(clock_file), "LAPORBOT_TEST_IDS_FILE": str(clock_file.with_suffix(".ids")),
            "LAPORBOT_REGION": HOME,
            # The transcripts are conversations as tests/harness.py plays them, without the ops guard's
            # per-minute cap (their clock stands still) or its duplicate-complaint check.
            "LAPORBOT_RATE_LIMIT_PER_MINUTE": "0", "LAPORBOT_DUPLICATE_HOURS": "0", **extra}


async def start_bot(graph: FakeGraphAPI, db: Database, tmp_path: Path, **extra: str) -> Bot:
    """The real process on WhatsApp, its clock at the transcripts' start (Thursday 20 August 2026, 09:00 WIB)."""
    clock_file = tmp_path / "clock.txt"
    clock_file.write_text(START.isoformat(), encoding="utf-8")
    clock_file.with_suffix(".ids").write_text("", encoding="utf-8")
    process = WhatsAppProcess(wa_env(graph, db, clock_file, **extra), tmp_path / "bot.log")
    await process.start()
    return Bot(process, graph, clock_file, db)


# --------------------------------------------------------------------------- WhatsApp rendering, read back


def _hint_pattern(key: str) -> re.Pattern[str]:
    parts = [re.escape(CATALOG.text(key, locale).strip()).replace(re.escape("{words}"), ".+")
             for locale in CATALOG.locales]
    return re.compile("^(?:" + "|".join(parts) + ")$", re.S)


NAV_HINT = _hint_pattern("whatsapp.nav_hint")
MENU_HINTS = {CATALOG.text("whatsapp.menu_hint", locale) for locale in CATALOG.locales}
CHOOSE = {CATALOG.text("whatsapp.choose_prompt", locale) for locale in CATALOG.locales}
MENU_LINE = re.compile(r"^(\d+)\. (.*)$")


def _paragraphs(body: str) -> list[str]:
    paragraphs = body.split("\n\n")
    if paragraphs and NAV_HINT.match(paragraphs[-1]):
        paragraphs.pop()  # the nav hint: on Telegram those are buttons the transcripts do not show
    return paragraphs


def read_back(sent: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What the citizen saw as ("text", line) and ("option", id, title, description, kind) items."""
    items: list[tuple[Any, ...]] = []
    for m in sent:
        if m["type"] == "template":
            items.append(("text", f"template:{m['template']['name']}"))
            continue
        if m["type"] == "text":
            paragraphs = _paragraphs(m["text"]["body"])
            menu: list[tuple[Any, ...]] = []
            if len(paragraphs) >= 2 and paragraphs[-1] in MENU_HINTS:
                lines = [MENU_LINE.match(line) for line in paragraphs[-2].split("\n")]
                if all(lines):
                    menu = [("option", None, line.group(2), None, "menu") for line in lines if line]
                    paragraphs = paragraphs[:-2]
            items += [("text", line) for line in "\n\n".join(paragraphs).split("\n")]
            items += menu
            continue
        inner = m["interactive"]
        body = "\n\n".join(_paragraphs(inner["body"]["text"]))
        if body not in CHOOSE:
            items += [("text", line) for line in body.split("\n")]
        if inner["type"] == "button":
            items += [("option", split_reply_id(b["reply"]["id"])[1], b["reply"]["title"], None, "button")
                      for b in inner["action"]["buttons"]]
        elif inner["type"] == "list":
            items += [("option", split_reply_id(r["id"])[1], r["title"], r.get("description"), "row")
                      for s in inner["action"]["sections"] for r in s["rows"]]
    return items


def expected_items(lines: list[str]) -> list[tuple[Any, ...]]:
    """A transcript turn's bot lines as items ("<-" between replies is not visible on WhatsApp)."""
    items: list[tuple[Any, ...]] = []
    for line in lines:
        option = re.match(r"^<   \[([^\]]+)\] (.*)$", line)
        if option:
            items.append(("option", option.group(1), option.group(2)))
        elif line not in ("<-", "< (no reply)"):
            items.append(("text", line[2:] if line.startswith("< ") else ""))
    return items


def same_option(expected: tuple[Any, ...], actual: tuple[Any, ...]) -> bool:
    """The option WhatsApp showed is the transcript's, within WhatsApp's title limits."""
    _, eid, label = expected
    _, aid, title, description, kind = actual
    if kind == "menu":
        return bool(title == label)
    if aid != eid:
        return False
    if title == label:
        return True
    if kind == "button":  # 20 characters: a short label or the label cut with an ellipsis
        return len(label) > 20 and 0 < len(title) <= 20
    return description == shorten(label, 72)  # a list row: the full label is its description


def as_lines(items: list[tuple[Any, ...]], expected: list[tuple[Any, ...]]) -> list[str]:
    """Transcript lines for what WhatsApp showed; an option matching the transcript's reads as the transcript."""
    lines = []
    for index, item in enumerate(items):
        if item[0] == "text":
            lines.append(f"< {item[1]}".rstrip())
            continue
        want = expected[index] if index < len(expected) else None
        if want is not None and want[0] == "option" and same_option(want, item):
            lines.append(f"<   [{want[1]}] {want[2]}")
        else:
            lines.append(f"<   [{item[1]}] {item[2]}" + (f" ({item[3]})" if item[3] else ""))
    return lines


# --------------------------------------------------------------------------- a citizen on WhatsApp


class Phone:
    """One citizen's WhatsApp: sends what a transcript line says and reads what came back."""

    def __init__(self, bot: Bot, wa_id: str) -> None:
        self.bot = bot
        self.wa_id = wa_id
        self.seen = 0
        self.ids = itertools.count(1)
        self.last: dict[str, Any] | None = None
        self.options: list[tuple[Any, ...]] = []  # the transcript's latest offered options

    async def unseen(self) -> list[dict[str, Any]]:
        """What the bot sent this citizen since last looked, once nothing is left to send."""
        await self.bot.settled(self.wa_id, None)
        new = self.bot.graph.sent(self.wa_id)[self.seen:]
        self.seen += len(new)
        return new

    async def line(self, spec: str) -> list[dict[str, Any]]:
        """Play one citizen line of a transcript; return the messages the bot sent in answer."""
        if spec == "=":
            assert self.last is not None
            raw = self.last  # the same wamid again: Meta redelivering
        else:
            raw = self._message(spec)
            self.last = raw
        assert await self.bot.post(make_webhook([raw])) == 200
        await self.bot.settled(self.wa_id, raw["id"])
        new = self.bot.graph.sent(self.wa_id)[self.seen:]
        self.seen += len(new)
        return new

    def _message(self, spec: str) -> dict[str, Any]:
        wamid = f"wamid.{self.wa_id}.{next(self.ids)}"
        if spec.startswith("! stale ["):
            option = spec[len("! stale ["):spec.index("]")]
            return button_reply(f"0|{option}", option, wa_id=self.wa_id, wamid=wamid)
        if spec.startswith("["):
            return self._press(spec[1:spec.index("]")], wamid)
        if spec.startswith("@"):
            lat, lon = (float(x) for x in spec[1:].split(","))
            return location_message(lat, lon, wa_id=self.wa_id, wamid=wamid)
        if spec.startswith("+"):
            kind, name = spec[1:].split(maxsplit=1)
            ref = _graph_id(name)  # WhatsApp media ids are digits (the client refuses anything else)
            wa_kind, mime = MEDIA[kind]
            self.bot.graph.add_media(ref, f"{kind} bytes of {ref}".encode(), mime)
            content: dict[str, Any] = {"id": ref, "mime_type": mime}
            if kind == "voice":
                content["voice"] = True
            return message(wa_kind, content, wa_id=self.wa_id, wamid=wamid)
        text = spec[1:] if spec.startswith(" ") else spec
        return text_message(text, wa_id=self.wa_id, wamid=wamid)

    def _press(self, option: str, wamid: str) -> dict[str, Any]:
        """Tap the newest button or list row with this option id; else type what WhatsApp asks for."""
        for sent in reversed(self.bot.graph.sent(self.wa_id)):
            inner = sent.get("interactive") or {}
            if inner.get("type") == "button":
                for b in inner["action"]["buttons"]:
                    if split_reply_id(b["reply"]["id"])[1] == option:
                        return button_reply(b["reply"]["id"], b["reply"]["title"], wa_id=self.wa_id, wamid=wamid)
            elif inner.get("type") == "list":
                for s in inner["action"]["sections"]:
                    for r in s["rows"]:
                        if split_reply_id(r["id"])[1] == option:
                            return list_reply(r["id"], r["title"], wa_id=self.wa_id, wamid=wamid)
        ids = [o[1] for o in self.options]
        if option in ids:  # more than 10 options came as a numbered menu: reply with the number
            return text_message(str(ids.index(option) + 1), wa_id=self.wa_id, wamid=wamid)
        if option.startswith("nav."):  # nav is not a button on WhatsApp; the hint says which word to type
            return text_message(CATALOG.text(option).lower(), wa_id=self.wa_id, wamid=wamid)
        if not self.bot.graph.sent(self.wa_id):
            # A conversation that opens with a choice: on WhatsApp that is a template's quick-reply button
            # (or an ad's entry point), whose payload is the bare option id, as in the Telegram transcript.
            return button_reply(option, option, wa_id=self.wa_id, wamid=wamid)
        raise AssertionError(f"the bot offered no {option!r} on WhatsApp")


class Tables:
    """What the transcript checks read: the stored complaints and survey rows."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def complaints(self) -> list[Complaint]:
        """Every stored complaint, oldest first."""
        async with self.db.read() as session:
            return list((await session.exec(select(Complaint).order_by(col(Complaint.id)))).all())


async def resolve(bot: Bot, phone: Phone, title: str, tracking: SequentialIds) -> None:
    """The admin side resolves a complaint of this citizen and asks for feedback (as the survey transcripts do)."""
    from bot.surveys.feedback import request_feedback

    clock = FixedClock(bot.now())
    inbox = Inbox(bot.db, default_engine(), config=FlowConfig(region=HOME), clock=clock, agencies=shipped_agencies(),
                  new_tracking_no=tracking, places=shipped_places())
    now = clock.now()
    async with bot.db.write() as session:
        citizen_id = await store.citizen_for(session, Inbound("whatsapp", phone.wa_id, "setup"), now)
        complaint = await store.create_complaint(
            session, tracking_no=tracking(), citizen_id=citizen_id, inbound_id=None, channel="whatsapp",
            locale="id", answers={"title": title, "body": title}, now=now)
        complaint.status = "responded"
        session.add(complaint)
        session.add(StatusChange(complaint_id=complaint.id or 0, status="responded", actor="admin", at=now))
        await session.flush()
        await request_feedback(inbox, session, complaint.id or 0)  # queued; the process's outbox sends it


def survey_dir(path: Path, tmp_path: Path | None) -> dict[str, str]:
    """LAPORBOT_SURVEYS_DIR with the agency surveys a transcript's "! surveys <file>" lines name."""
    files = [line.split(maxsplit=2)[2] for line in path.read_text(encoding="utf-8").splitlines()
             if line.startswith("! surveys ")]
    if not files or tmp_path is None:
        return {"LAPORBOT_SURVEYS_DIR": ""} if files else {}
    folder = tmp_path / "surveys"
    folder.mkdir()
    for name in files:
        shutil.copy(ROOT / name, folder / Path(name).name)
    return {"LAPORBOT_SURVEYS_DIR": str(folder)}


def wa_number(user: str) -> str:
    """A phone number per transcript user."""
    return "62812" + str(sum(ord(c) * 31 ** i for i, c in enumerate(user)) % 10**8).zfill(8)


async def play(path: Path, bot: Bot, prefix: str = "") -> tuple[str, str]:
    """Play a transcript over WhatsApp; return (expected, actual) as transcript text (numbers differ by prefix)."""
    from tests.surveys.test_survey_transcripts import check

    expected_out: list[str] = []
    actual_out: list[str] = []
    phones: dict[str, Phone] = {}
    phone = phones.setdefault("warga", Phone(bot, wa_number(prefix + "warga")))
    tracking = SequentialIds()
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0

    def bot_lines() -> list[str]:
        nonlocal index
        found = []
        while index < len(lines) and lines[index].startswith("<"):
            found.append(lines[index].rstrip())
            index += 1
        return found

    def compare(expected: list[str], sent: list[dict[str, Any]]) -> None:
        want = expected_items(expected)
        expected_out.extend(ln for ln in expected if ln not in ("<-", "< (no reply)"))
        actual_out.extend(as_lines(read_back(sent), want))
        offered = [item for item in want if item[0] == "option"]
        if offered:
            phone.options = offered

    while index < len(lines):
        line = lines[index].rstrip()
        index += 1
        if line.startswith("<"):
            continue
        expected_out.append(line)
        actual_out.append(line)
        if line.startswith("@user "):
            user = line.split(maxsplit=1)[1]
            phone = phones.setdefault(user, Phone(bot, wa_number(prefix + user)))
        elif line.startswith("@locale "):
            pytest.skip("WhatsApp sends no language hint")
        elif line.startswith("! advance "):
            amount = line.split()[2]
            bot.advance(timedelta(**{transcripts.UNITS[amount[-1]]: float(amount[:-1])}))
        elif line.startswith("! resolved "):
            await resolve(bot, phone, line[len("! resolved "):], tracking)
            compare(bot_lines(), await phone.unseen())
        elif line.startswith("! surveys "):
            pass  # loaded when the process started (survey_dir)
        elif line.startswith("= "):
            await check(line[2:], Tables(bot.db))  # type: ignore[arg-type]
        elif line.startswith(">"):
            expected = bot_lines()
            compare(expected, await phone.line(line[1:]))
    return "\n".join(expected_out) + "\n", "\n".join(actual_out) + "\n"


# --------------------------------------------------------------------------- the tests


def _needs_own_process(path: Path) -> bool:
    return bool(survey_dir(path, None)) or transcripts.national(path)


SHARED = [p for p in FILES if not _needs_own_process(p)]
OWN = [p for p in FILES if _needs_own_process(p)]


@pytest_asyncio.fixture(loop_scope="class", scope="class")
async def shared(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Bot]:
    """One real process for the transcripts that need no start-up configuration, reset between them."""
    tmp_path = tmp_path_factory.mktemp("whatsapp-transcripts")
    url = database_url
    if not database_url.startswith("postgresql"):
        target = tmp_path / "laporbot.db"
        shutil.copy(database_url.removeprefix("sqlite+aiosqlite:///"), target)
        url = f"sqlite+aiosqlite:///{target}"
    db = Database(url)
    graph = FakeGraphAPI()
    await graph.start()
    running = await start_bot(graph, db, tmp_path)
    try:
        yield running
    finally:
        await running.close()
        await graph.stop()
        await db.close()


@pytest.mark.asyncio(loop_scope="class")
class TestSharedProcess:
    """Every transcript over WhatsApp through the real process's webhook, and its guards."""

    @pytest.mark.parametrize("path", SHARED, ids=[p.stem for p in SHARED])
    async def test_transcript_over_whatsapp(self, path: Path, shared: Bot) -> None:
        """The bot says on WhatsApp what the transcript says it says on Telegram, and stores the same."""
        await shared.reset()
        expected, actual = await play(path, shared, prefix=path.stem)
        _same_transcript(path, expected, actual)

    async def test_duplicated_deliveries_produce_one_reply(self, shared: Bot) -> None:
        """Meta's retries: the same wamid at once and later again, one inbound row, one answer."""
        bot = shared
        await bot.reset()
        body = make_webhook([text_message("halo", wa_id="6281300000001", wamid="wamid.dup.1")])
        assert await asyncio.gather(*(bot.post(body) for _ in range(4))) == [200] * 4
        await bot.settled("6281300000001", "wamid.dup.1")
        assert await bot.post(body) == 200  # answered after its turn committed: a doubled reply would be queued now
        await bot.settled("6281300000001", "wamid.dup.1")  # ... and sent once this returns
        assert len(bot.graph.sent("6281300000001")) == 1
        async with bot.db.read() as session:
            assert (await session.exec(select(func.count()).select_from(InboundMessage))).one() == 1

    async def test_bad_signature_is_rejected_and_nothing_recorded(self, shared: Bot) -> None:
        """A forged or missing X-Hub-Signature-256 gets 401 and leaves no trace; verification needs our token."""
        bot = shared
        await bot.reset()
        body = make_webhook([text_message("halo", wa_id="6281300000002", wamid="wamid.forged")])
        assert await bot.post(body, secret="guessed") == 401
        assert await bot.post(body, secret=None) == 401  # refused before anything is recorded or queued
        async with bot.db.read() as session:
            assert (await session.exec(select(func.count()).select_from(InboundMessage))).one() == 0
            assert (await session.exec(select(func.count()).select_from(Citizen))).one() == 0
        assert bot.graph.sent("6281300000002") == []
        params = {"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "8128"}
        async with bot.http.get(bot.url, params=params) as resp:
            assert (resp.status, await resp.text()) == (200, "8128")
        async with bot.http.get(bot.url, params={**params, "hub.verify_token": "x"}) as resp:
            assert resp.status == 403

    async def test_notification_outside_the_window_goes_as_a_template(self, shared: Bot) -> None:
        """A complaint's status changes 25 hours after the citizen last wrote: the approved template goes."""
        bot = shared
        await bot.reset()
        citizen = Phone(bot, "6281300000003")
        for line in ("halo", "1", "1", "Sampah menumpuk di depan SD Negeri 2 sejak seminggu", "1", "kemarin",
                     "Jalan Pahlawan, Selong", "tidak tahu", "1", "lanjut", "tidak", "tidak", "tidak"):
            await citizen.line(line)
        done = await citizen.line("kirim")
        number = re.search(r"LPR-[0-9A-Z]{7}", str(done))
        assert number is not None
        bot.advance(timedelta(hours=25))
        clock = FixedClock(bot.now())
        inbox = Inbox(bot.db, default_engine(), config=FlowConfig(region=HOME), clock=clock,
                      agencies=shipped_agencies(), new_tracking_no=SequentialIds(), places=shipped_places())
        from bot.conversation.status import StatusChanger

        async with bot.db.write() as session:
            complaint = (await session.exec(select(Complaint))).one()
            await StatusChanger(inbox).change(session, complaint, "verified", actor="admin")
        await bot.graph.wait_for(lambda: bot.graph.texts(citizen.wa_id)[-1] == "template:laporbot_update")
        template = bot.graph.sent(citizen.wa_id)[-1]["template"]
        assert template["language"] == {"code": "id"}
        (param,) = template["components"][0]["parameters"]
        assert number.group(0) in param["text"] and "\n" not in param["text"]
        await bot.settled(citizen.wa_id, citizen.last["id"] if citizen.last else "")  # marked sent after the send
        async with bot.db.read() as session:
            row = (await session.exec(select(OutgoingMessage).where(OutgoingMessage.kind == "notification"))).one()
        assert row.status == "sent"
        # The citizen answers the template: the window is open again and replies are ordinary messages.
        citizen.seen = len(bot.graph.sent(citizen.wa_id))
        reply = await citizen.line("menu")
        assert reply and all(m["type"] in ("text", "interactive") for m in reply)


@pytest.mark.parametrize("path", OWN, ids=[p.stem for p in OWN])
async def test_transcript_with_its_own_process(path: Path, graph: FakeGraphAPI, db: Database,
                                               tmp_path: Path) -> None:
    """Transcripts that configure the process (an agency survey at start-up) get one of their own."""
    national = {"LAPORBOT_REGION": ""} if transcripts.national(path) else {}
    running = await start_bot(graph, db, tmp_path, **survey_dir(path, tmp_path), **national)
    try:
        expected, actual = await play(path, running)
    finally:
        await running.close()
    _same_transcript(path, expected, actual)


def _same_transcript(path: Path, expected: str, actual: str) -> None:
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "transcript",
                                        "whatsapp"))
    assert actual == expected, f"{path.name} differs on WhatsApp:\n{diff}"


def test_the_skm_survey_transcripts_are_among_them() -> None:
    """The complaint transcripts and the SKM survey ones all run here."""
    names = {p.stem for p in FILES}
    assert any(n.startswith("complaint_") for n in names)
    assert any(n.startswith("skm_") for n in names)


def test_reply_round_trip_reads_back() -> None:
    """The read-back used above undoes rendering: text, nav hint, buttons, rows, numbered menus."""
    from bot.core.messages import Option
    from handlers.whatsapp.render import render

    nav = (Option("nav.back", "Kembali"), Option("nav.help", "Bantuan"))
    many = tuple(Option(f"o{i}", f"Pilihan nomor {i}") for i in range(12))
    cases = [Reply("Halo", nav=nav), Reply("Pilih", (Option("a", "A"), Option("b", "Sangat panjang sekali labelnya")),
                                           prompt_id="3", nav=nav),
             Reply("Daftar", many[:5], prompt_id="4"), Reply("Banyak", many, nav=nav)]
    for reply in cases:
        sent = render(reply, "628", CATALOG, "id")
        items = read_back(sent)
        lines = transcripts.render([reply])
        assert as_lines(items, expected_items(lines)) == lines


@pytest.mark.parametrize("optimize", ["", "2"], ids=["plain", "optimize2"])  # 2: as the image runs (Dockerfile)
async def test_both_channels_in_one_process(graph: FakeGraphAPI, db: Database, tmp_path: Path, optimize: str) -> None:
    """Telegram (long polling) and WhatsApp (webhook) on at once: each citizen is answered on their channel."""
    from tests.fakes.telegram_api import FakeTelegramAPI
    from tests.procs import TOKEN

    clock_file = tmp_path / "clock.txt"
    clock_file.write_text(START.isoformat(), encoding="utf-8")
    async with FakeTelegramAPI() as telegram:
        env = wa_env(graph, db, clock_file, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=telegram.base_url,
                     TELEGRAM_FILE_BASE_URL=telegram.base_file_url, PYTHONOPTIMIZE=optimize)
        process = WhatsAppProcess(env, tmp_path / "bot.log")
        await process.start()
        both = Bot(process, graph, clock_file, db)
        try:
            telegram.push_text(901, "halo")
            await Phone(both, "6281300000009").line("halo")
            await telegram.wait_for(lambda: bool(telegram.sent_messages(901)), 10)
            assert graph.sent("6281300000009")[0]["interactive"]["type"] == "list"
            assert telegram.sent_messages(901)[0]["text"].startswith("Halo!")
        finally:
            await both.close()
    async with db.read() as session:
        channels = (await session.exec(select(Citizen.channel).order_by(col(Citizen.channel)))).all()
    assert list(channels) == ["telegram", "whatsapp"]


def test_start_time_is_the_transcripts() -> None:
    """The child's clock starts where tests/conftest.py's FixedClock does."""
    assert START == datetime(2026, 8, 20, 2, 0, tzinfo=UTC)


def _graph_id(name: str) -> str:
    """A stable Graph-style (digits only) media id for a transcript's file name."""
    return name if name.isdigit() else str(int(hashlib.sha256(name.encode()).hexdigest()[:12], 16))
