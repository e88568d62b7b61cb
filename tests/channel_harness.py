"""Play transcripts through the real server and channel adapters, against the fake Telegram and WhatsApp APIs.

`ChannelServer` runs `bot.server.serve` in the test's event loop with both channels on: Telegram in webhook
mode against tests/fakes/telegram_api.py, WhatsApp against tests/fakes/graph_api.py. The test's FixedClock,
sequential tracking numbers and the shipped catalogs are passed in through serve's composition, so `! advance`
moves the server's time as it moves tests/harness.py's.

`TelegramHarness` and `WhatsAppHarness` have ChatHarness's interface (send, resend, complaints, count, clock):
a citizen line becomes what the phone would send (an update to our webhook, a signed Cloud API webhook), and
the replies are read back from what the fake API recorded, options as the channel showed them
(tests/transcripts.Shown) for tests/transcripts.render to compare by the channel's rendering rule.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import re
import zlib
from abc import ABC, abstractmethod
from typing import Any

import aiohttp
from sqlalchemy import func
from sqlmodel import col, select

from bot.core.clock import FixedClock
from bot.core.i18n import Catalog, default_catalog
from bot.core.labels import shorten
from bot.core.messages import Reply
from bot.core.tracking import SequentialIds
from bot.settings import Settings
from flows.engine import Engine
from handlers.telegram.adapter import BUTTON_LABEL
from models.db import Database
from models.tables import OutgoingMessage
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
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.harness import HOME, StoredRows, shipped_agencies, shipped_places
from tests.procs import TOKEN, free_port
from tests.transcripts import COMMANDS, Shown

TELEGRAM_SECRET = "transcripts-webhook-secret-0123456789abcdef"
WHATSAPP_SECRET = "transcripts-app-secret"
SETTLE_TIMEOUT = 60.0  # a failure bound on a loaded machine, not a speed figure
COMMAND_WORDS = {command: word for word, command in COMMANDS.items()}  # "cancel" -> "batal"
WHATSAPP_MEDIA = {"photo": ("image", "image/jpeg"), "voice": ("audio", "audio/ogg"),
                  "audio": ("audio", "audio/mpeg"), "document": ("document", "application/pdf"),
                  "video": ("video", "video/mp4")}


class ChannelServer:
    """`laporbot run`'s server in this process, on both channels, with the test's database, clock and ids."""

    def __init__(self, db: Database, clock: FixedClock, engine: Engine | None = None,
                 region: str | None = HOME) -> None:
        self.db = db
        self.clock = clock
        self.engine = engine  # the flows (default: the shipped ones and LAPORBOT_SURVEYS_DIR's)
        self.region = region  # LAPORBOT_REGION: the deployment's kabupaten (None: a national one)
        self.telegram = FakeTelegramAPI()
        self.graph = FakeGraphAPI()
        self.port = 0
        self._stop = asyncio.Event()
        self._task: asyncio.Task[int] | None = None
        self.ids = SequentialIds()  # the server's tracking numbers (the admin side's complaints take them too)
        self.http: aiohttp.ClientSession | None = None

    def settings(self, port: int) -> Settings:
        """The environment an operator would set, pointed at the fakes."""
        # The ops guard's per-minute cap and duplicate-story check are off: tests/harness.py runs the engine
        # without them, and the transcripts' clock stands still between messages.
        return Settings.from_env({
            "DATABASE_URL": self.db.url, "LAPORBOT_HOST": "127.0.0.1", "LAPORBOT_PORT": str(port),
            "LAPORBOT_METRICS_PORT": "off", "LAPORBOT_REGION": self.region or "",
            "LAPORBOT_RATE_LIMIT_PER_MINUTE": "0", "LAPORBOT_DUPLICATE_HOURS": "0",
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": self.telegram.base_url,
            "TELEGRAM_FILE_BASE_URL": self.telegram.base_file_url,
            "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/webhooks/telegram",
            "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
            # Telegram's per-chat flood limit (~1 message/s after a burst) would only make the test wait.
            "LAPORBOT_TELEGRAM_CHAT_BURST": "1000", "LAPORBOT_TELEGRAM_RATE": "1000",
            "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
            "WHATSAPP_APP_SECRET": WHATSAPP_SECRET, "WHATSAPP_VERIFY_TOKEN": "transcripts-verify",
            "WHATSAPP_API_BASE_URL": self.graph.base_url, "WHATSAPP_TEMPLATE_NOTIFICATION": "laporbot_update",
        })

    async def start(self) -> None:
        """Start the fakes, then the server; return once it listens."""
        from bot.server import serve

        await self.telegram.start()
        await self.graph.start()
        listening: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._task = asyncio.create_task(serve(
            self.settings(free_port()), stop=self._stop, ready=listening.set_result, clock=self.clock,
            new_tracking_no=self.ids, agencies=shipped_agencies(), places=shipped_places(), engine=self.engine))
        done, _ = await asyncio.wait({self._task, listening}, timeout=SETTLE_TIMEOUT,
                                     return_when=asyncio.FIRST_COMPLETED)
        if listening not in done:
            await self.stop()
            raise RuntimeError("the server did not start")
        self.port = listening.result()
        self.http = aiohttp.ClientSession()

    async def stop(self) -> None:
        """Stop the server as SIGTERM would, then the fakes."""
        self._stop.set()
        try:
            if self._task is not None:
                assert await self._task == 0
        finally:
            if self.http is not None:
                await self.http.close()
            await self.graph.stop()
            await self.telegram.stop()

    async def __aenter__(self) -> ChannelServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def post(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        """POST to one of the server's webhooks; the HTTP status."""
        assert self.http is not None
        async with self.http.post(f"http://127.0.0.1:{self.port}{path}", data=body, headers=headers) as resp:
            await resp.read()
            return resp.status

    async def settled(self, channel: str, chat_id: str) -> None:
        """Until every reply queued for this chat has been sent (or has failed for good)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_TIMEOUT
        while True:
            async with self.db.read() as session:
                unsent = (await session.exec(select(func.count()).select_from(OutgoingMessage).where(
                    OutgoingMessage.channel == channel, OutgoingMessage.chat_id == chat_id,
                    col(OutgoingMessage.status).in_(("pending", "sending"))))).one()
            if not unsent:
                return
            if loop.time() > deadline:
                raise TimeoutError(f"{channel} chat: {unsent} replies still unsent")
            await asyncio.sleep(0.01)


def _number(prefix: str, user: str) -> int:
    """A stable number per transcript and citizen, so no two tests share a chat."""
    return zlib.crc32(f"{prefix}/{user}".encode())


class ChannelHarness(StoredRows, ABC):
    """A transcript's citizens on one channel of a ChannelServer."""

    channel = ""

    def __init__(self, server: ChannelServer, prefix: str = "") -> None:
        self.server = server
        self.db = server.db
        self.clock = server.clock
        self.prefix = prefix
        self._by_id: dict[str, Any] = {}  # message_id -> what was delivered, for a redelivery
        self.last: dict[str, Any] = {}

    async def send(self, user: str = "warga", text: str | None = None, *, choice: str | None = None,
                   location: tuple[float, float] | None = None, media: tuple[str, str] | None = None,
                   command: str | None = None, locale: str | None = None, stale: bool = False,
                   message_id: str | None = None) -> list[Reply]:
        """One citizen message as the phone sends it; returns the replies as the citizen sees them."""
        if message_id is not None and message_id in self._by_id:
            raw = self._by_id[message_id]
        else:
            raw = self.message(user, text, choice=choice, location=location, media=media, command=command,
                               locale=locale, stale=stale)
            if message_id is not None:
                self._by_id[message_id] = raw
        self.last[user] = raw
        return await self.deliver(user, raw)

    async def resend(self, user: str = "warga") -> list[Reply]:
        """The citizen's previous message delivered again with its id (a webhook retry)."""
        return await self.deliver(user, self.last[user])

    async def resolved(self, user: str, title: str) -> list[Reply]:
        """The admin side resolves a complaint of this citizen and asks for feedback; what the citizen gets."""
        # As tests/surveys/test_survey_transcripts.resolve does on the engine: the question is queued in the same
        # transaction, and the server's outbox (its retry round, every few seconds) sends it.
        from bot.conversation.inbox import Inbox
        from bot.core.messages import Inbound
        from bot.surveys.feedback import request_feedback
        from flows.library import default_engine
        from flows.ports import FlowConfig
        from models import store
        from models.tables import StatusChange

        inbox = Inbox(self.db, default_engine(), config=FlowConfig(region=HOME), clock=self.clock,
                      agencies=shipped_agencies(), new_tracking_no=self.server.ids, places=shipped_places())
        now = self.clock.now()
        async with self.db.write() as session:
            citizen_id = await store.citizen_for(session, Inbound(self.channel, self.user_id(user), "setup"), now)
            complaint = await store.create_complaint(
                session, tracking_no=self.server.ids(), citizen_id=citizen_id, inbound_id=None,
                channel=self.channel, locale="id", answers={"title": title, "body": title}, now=now)
            complaint.status = "responded"
            session.add(complaint)
            session.add(StatusChange(complaint_id=complaint.id or 0, status="responded", actor="admin", at=now))
            await session.flush()
            await request_feedback(inbox, session, complaint.id or 0)
        return await self.read_back(user)

    @abstractmethod
    def user_id(self, user: str) -> str:
        """The citizen's id on this channel."""

    @abstractmethod
    async def read_back(self, user: str) -> list[Reply]:
        """Once nothing is left to send the citizen, what was sent since last read."""

    @abstractmethod
    def message(self, user: str, text: str | None, *, choice: str | None, location: tuple[float, float] | None,
                media: tuple[str, str] | None, command: str | None, locale: str | None, stale: bool) -> Any:
        """The channel's message for one citizen line."""

    @abstractmethod
    async def deliver(self, user: str, raw: Any) -> list[Reply]:
        """Deliver it, wait until its replies are sent, read them back."""


# --------------------------------------------------------------------------- Telegram


class TelegramHarness(ChannelHarness):
    """Citizens in private Telegram chats: updates to our webhook; replies from the fake's sendMessage calls."""

    channel = "telegram"

    def __init__(self, server: ChannelServer, prefix: str = "") -> None:
        super().__init__(server, prefix)
        self.fake = server.telegram
        self.seen: dict[int, int] = {}  # chat -> reply calls already read

    def chat(self, user: str) -> int:
        """The citizen's chat id (a private chat's id is the user's)."""
        return 10**9 + _number(self.prefix, user)

    def message(self, user: str, text: str | None, *, choice: str | None, location: tuple[float, float] | None,
                media: tuple[str, str] | None, command: str | None, locale: str | None, stale: bool) -> Any:
        """The update Telegram would deliver."""
        chat = self.chat(user)
        lang = locale or "id"  # an Indonesian phone's language, as Telegram reports it
        if choice is not None:
            return self.press(chat, choice, stale, lang)
        if location is not None:
            return self.fake.make_location(chat, *location, language_code=lang)
        if media is not None:
            kind, ref = media
            if kind == "audio":
                return self.fake.make_message(chat, {"audio": {"file_id": ref, "file_unique_id": f"u-{ref}",
                                                               "duration": 3, "mime_type": "audio/mpeg"}},
                                              language_code=lang)
            return self.fake.make_update(kind, chat, ref, language_code=lang)
        if command is not None:
            word = "/" + COMMAND_WORDS.get(command, command)
            return self.fake.make_text(chat, f"{word} {text}" if text else word, language_code=lang)
        return self.fake.make_text(chat, text or "", language_code=lang)

    def press(self, chat: int, option: str, stale: bool, lang: str) -> dict[str, Any]:
        """The callback_query of the newest button our bot put on a message with this option id."""
        for call in reversed(self.fake.calls_to("sendMessage")):
            if call.params.get("chat_id") != chat or call.status != 200:
                continue
            for row in (call.params.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if button["callback_data"].rpartition("|")[2] == option:
                        data = f"0|{option}" if stale else button["callback_data"]
                        return self.fake.make_callback(chat, data, message_id=call.result["message_id"],
                                                       language_code=lang)
        if not self.fake.sent_messages(chat):
            # A conversation that opens with a press: a button on a message from before the transcript (a
            # notification), which carries the bare option id as our adapter writes it without a prompt.
            return self.fake.make_callback(chat, option, message_id=1, language_code=lang)
        raise AssertionError(f"the bot offered no [{option}] button on Telegram")

    async def deliver(self, user: str, raw: Any) -> list[Reply]:
        """POST the update to our webhook with the secret; read what the bot sent since."""
        status = await self.server.post("/webhooks/telegram", encode(raw), {
            "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
        assert status == 200, f"Telegram webhook answered {status}"
        return await self.read_back(user)

    def user_id(self, user: str) -> str:
        """The private chat's id."""
        return str(self.chat(user))

    async def read_back(self, user: str) -> list[Reply]:
        """The fake's sendMessage (and editMessageText) calls to the chat since last read, once all are sent."""
        chat = self.chat(user)
        await self.server.settled(self.channel, str(chat))
        calls = [c for c in self.fake.calls if c.status == 200 and c.params.get("chat_id") == chat
                 and (c.method == "sendMessage" or (c.method == "editMessageText" and "text" in c.params))]
        new = calls[self.seen.get(chat, 0):]
        self.seen[chat] = len(calls)
        return [telegram_reply(c.params) for c in new]


def telegram_reply(params: dict[str, Any]) -> Reply:
    """A sendMessage (or editMessageText) as a Reply: its text, and its inline buttons as options.

    The last row is the navigation row (back, cancel, help) when every button in it is one: tests/harness.py
    does not show navigation either. A reply keyboard (the "send location" button) is no option.
    """
    rows = [list(row) for row in (params.get("reply_markup") or {}).get("inline_keyboard", [])]
    if rows and all(b["callback_data"].rpartition("|")[2].startswith("nav.") for b in rows[-1]):
        rows.pop()
    options = tuple(Shown(b["callback_data"].rpartition("|")[2], b["text"], kind="inline")
                    for row in rows for b in row)
    prompts = {b["callback_data"].rpartition("|")[0] for row in rows for b in row} - {""}
    text, whole = _listed_labels(params["text"], options)
    numbered = {line.partition(". ")[0]: line.partition(". ")[2] for line in params["text"].split("\n")}
    if whole is not None:  # a button cut a label, so the message lists the whole ones: compare those
        options = tuple(Shown(o.id, label, kind="label") for o, label in zip(options, whole, strict=True))
    elif options and all(shorten(numbered.get(str(n), ""), BUTTON_LABEL) == o.label
                         for n, o in enumerate(options, start=1)):
        options = ()  # simple mode: the numbered text (above its footer) is the question's options; buttons repeat it
    return Reply(text, options, prompt_id=next(iter(prompts), None))


def _listed_labels(text: str, options: tuple[Shown, ...]) -> tuple[str, list[str] | None]:
    """The message without the numbered whole labels handlers/telegram/adapter.py adds when a button cuts one."""
    head, sep, tail = text.rpartition("\n\n")
    lines = tail.split("\n")
    if not sep or not options or len(lines) != len(options):
        return text, None
    whole = [line.partition(". ")[2] for line in lines]
    numbered = all(line.startswith(f"{n}. ") for n, line in enumerate(lines, start=1))
    if not numbered or any(shorten(label, BUTTON_LABEL) != o.label for o, label in zip(options, whole, strict=True)):
        return text, None
    return head, whole


# --------------------------------------------------------------------------- WhatsApp


class WhatsAppHarness(ChannelHarness):
    """Citizens on WhatsApp: signed Cloud API webhooks; replies from the fake Graph API's messages."""

    channel = "whatsapp"

    def __init__(self, server: ChannelServer, prefix: str = "") -> None:
        super().__init__(server, prefix)
        self.graph = server.graph
        self.seen: dict[str, int] = {}
        self.ids = itertools.count(1)
        self.catalog = default_catalog()
        self.menus: dict[str, dict[str, str]] = {}  # citizen -> option id -> the number to type
        self.latest: dict[str, list[Reply]] = {}  # citizen -> the replies of the last turn

    def number(self, user: str) -> str:
        """The citizen's WhatsApp number."""
        return f"62812{_number(self.prefix, user) % 10**8:08d}"

    def offered(self, user: str, options: list[tuple[str, str]]) -> None:
        """What the transcript says is on screen: on a numbered menu the citizen types the number of a label."""
        numbers = {o.label: o.id for reply in self.latest.get(user, []) for o in reply.options
                   if getattr(o, "kind", "") == "menu"}
        self.menus[user] = {option_id: numbers[label] for option_id, label in options if label in numbers}

    def message(self, user: str, text: str | None, *, choice: str | None, location: tuple[float, float] | None,
                media: tuple[str, str] | None, command: str | None, locale: str | None, stale: bool) -> Any:
        """The message object a Cloud API webhook would carry."""
        if locale is not None:
            raise AssertionError("WhatsApp sends no language hint: give this transcript a @channels header")
        wa = self.number(user)
        wamid = f"wamid.{wa}.{next(self.ids)}"
        if choice is not None:
            return self.press(user, choice, stale, wamid)
        if location is not None:
            return location_message(*location, wa_id=wa, wamid=wamid)
        if media is not None:
            kind, name = media
            # Graph media ids are digits (our client refuses anything else): a stable one per file name.
            ref = name if name.isdigit() else str(int(hashlib.sha256(name.encode()).hexdigest()[:12], 16))
            wa_kind, mime = WHATSAPP_MEDIA[kind]
            self.graph.add_media(ref, f"{kind} bytes of {name}".encode(), mime)
            content: dict[str, Any] = {"id": ref, "mime_type": mime}
            if kind == "voice":
                content["voice"] = True
            return message(wa_kind, content, wa_id=wa, wamid=wamid)
        if command is not None:  # people used to Telegram type the slash command; WhatsApp passes it as text
            word = "/" + COMMAND_WORDS.get(command, command)
            return text_message(f"{word} {text}" if text else word, wa_id=wa, wamid=wamid)
        return text_message(text or "", wa_id=wa, wamid=wamid)

    def press(self, user: str, option: str, stale: bool, wamid: str) -> dict[str, Any]:
        """Tap the newest reply button or list row with this option id; else type what WhatsApp asks for."""
        wa = self.number(user)
        if stale:
            return button_reply(f"0|{option}", option, wa_id=wa, wamid=wamid)
        if option in self.menus.get(user, {}):  # more than ten options came as a numbered menu
            return text_message(self.menus[user][option], wa_id=wa, wamid=wamid)
        for sent in reversed(self.graph.sent(wa)):
            inner = sent.get("interactive") or {}
            rows = ([b["reply"] for b in inner["action"]["buttons"]] if inner.get("type") == "button" else
                    [r for s in inner["action"]["sections"] for r in s["rows"]] if inner.get("type") == "list"
                    else [])
            for row in rows:
                if row["id"].rpartition("|")[2] == option:
                    make = button_reply if inner["type"] == "button" else list_reply
                    return make(row["id"], row["title"], wa_id=wa, wamid=wamid)
        if option.startswith("nav."):  # navigation is no button on WhatsApp: the hint names the word to type
            return text_message(self.nav_word(user, option), wa_id=wa, wamid=wamid)
        if not self.graph.sent(wa):
            # A conversation that opens with a choice: a template's quick-reply button, whose payload is the
            # bare option id.
            return button_reply(option, option, wa_id=wa, wamid=wamid)
        raise AssertionError(f"the bot offered no [{option}] on WhatsApp")

    def nav_word(self, user: str, option: str) -> str:
        """The word the newest navigation hint names for this navigation option."""
        sent = self.graph.sent(self.number(user))
        hint = _body(sent[-1]) if sent else ""
        for locale in self.catalog.locales:
            word = self.catalog.text(option, locale).strip().lower()
            if f"*{word}*" in hint:
                return word
        raise AssertionError(f"no navigation hint on WhatsApp names [{option}]")

    async def deliver(self, user: str, raw: Any) -> list[Reply]:
        """POST the signed webhook; read what the Graph API was asked to send since."""
        body = encode(make_webhook([raw]))
        status = await self.server.post("/webhooks/whatsapp", body, {
            "Content-Type": "application/json", "X-Hub-Signature-256": sign(body, WHATSAPP_SECRET)})
        assert status == 200, f"WhatsApp webhook answered {status}"
        return await self.read_back(user)

    def user_id(self, user: str) -> str:
        """The sender's WhatsApp id (its phone number)."""
        return self.number(user)

    async def read_back(self, user: str) -> list[Reply]:
        """The Graph API messages to the citizen since last read, once all are sent."""
        wa = self.number(user)
        await self.server.settled(self.channel, wa)
        sent = self.graph.sent(wa)
        new = sent[self.seen.get(wa, 0):]
        self.seen[wa] = len(sent)
        self.latest[user] = whatsapp_replies(new, self.catalog)
        self.menus.pop(user, None)
        return self.latest[user]


def _body(sent: dict[str, Any]) -> str:
    if sent["type"] == "text":
        return str(sent["text"]["body"])
    if sent["type"] == "interactive":
        return str(sent["interactive"]["body"]["text"])
    return ""


def _hint(catalog: Catalog, key: str) -> re.Pattern[str]:
    parts = [re.escape(catalog.text(key, locale).strip()).replace(re.escape("{words}"), ".+")
             for locale in catalog.locales]
    return re.compile("^(?:" + "|".join(parts) + ")$", re.S)


def whatsapp_text(body: str, catalog: Catalog) -> tuple[str, tuple[Shown, ...]]:
    """A message body without the navigation hint, and the numbered menu it ends with (if any)."""
    paragraphs = body.split("\n\n")
    if paragraphs and _hint(catalog, "whatsapp.nav_hint").match(paragraphs[-1]):
        paragraphs.pop()  # on Telegram those are buttons; transcripts show no navigation
    menu: tuple[Shown, ...] = ()
    menu_hints = {catalog.text("whatsapp.menu_hint", locale) for locale in catalog.locales}
    if len(paragraphs) >= 2 and paragraphs[-1] in menu_hints:
        lines = [re.match(r"^(\d+)\. (.*)$", line) for line in paragraphs[-2].split("\n")]
        if all(lines):
            menu = tuple(Shown(m.group(1), m.group(2), kind="menu") for m in lines if m)
            paragraphs = paragraphs[:-2]
    return "\n\n".join(paragraphs), menu


def whatsapp_replies(sent: list[dict[str, Any]], catalog: Catalog) -> list[Reply]:
    """Graph API message bodies as the replies they render: a text followed by buttons under "choose" is one."""
    choose = {catalog.text("whatsapp.choose_prompt", locale) for locale in catalog.locales}
    replies: list[Reply] = []
    pending: str | None = None  # a text sent ahead of its buttons (too long for an interactive body)
    for item in sent:
        if item["type"] == "template":
            replies.append(Reply(f"template:{item['template']['name']}"))
            continue
        text, menu = whatsapp_text(_body(item), catalog)
        if item["type"] == "text":
            if pending is not None:
                replies.append(Reply(pending))
            if menu:
                replies.append(Reply(text, menu))
                pending = None
            else:
                pending = text
            continue
        inner = item["interactive"]
        if text in choose and pending is not None:
            text, pending = pending, None
        elif pending is not None:
            replies.append(Reply(pending))
            pending = None
        options: tuple[Shown, ...] = ()
        if inner["type"] == "button":
            options = tuple(Shown(b["reply"]["id"].rpartition("|")[2], b["reply"]["title"], kind="button")
                            for b in inner["action"]["buttons"])
        elif inner["type"] == "list":
            options = tuple(Shown(r["id"].rpartition("|")[2], r["title"], description=r.get("description"),
                                  kind="row") for s in inner["action"]["sections"] for r in s["rows"])
        replies.append(Reply(text, options))
    if pending is not None:
        replies.append(Reply(pending))
    return replies
