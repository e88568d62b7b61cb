"""A WhatsApp citizen's answer to an admin's "Minta info" question goes to the case, not to the citizen flows.

In-process (real webhook server, fake Graph API, AdminCore asking directly) for the kinds of answer and the
edges; then the real `laporbot run` with both channels: the admin asks with /tanya in Telegram (fake Bot API),
the citizen answers on WhatsApp, the admin chat is told, a redelivered answer is recorded once.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func
from sqlmodel import col, select

from bot.admin.cases import AdminCore, install
from bot.core.clock import FixedClock
from bot.core.i18n import Catalog
from handlers.whatsapp.answers import answer_of, update_key
from models.admin import AdminOutbox, InfoReply, InfoRequest
from models.db import Database
from models.tables import Attachment, Citizen, Complaint, Conversation, InboundMessage
from models.whatsapp import MediaFile
from tests.fakes.graph_api import FakeGraphAPI, location_message, make_webhook, message, text_message
from tests.handlers.test_whatsapp_channel import Rig, body_text, running_rig
from tests.handlers.test_whatsapp_channel import graph as graph  # the fixture

SUPER, TRIAGE_CHAT = 9001, -1009
WA = "6281200000077"
# Long, as real wamids are (more than InfoReply.update_key's 64 characters).
WAMID = "wamid.HBgNNjI4MTIwMDAwMDA3NxUCABIYIDNFQjA1QTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAA"
COMPLAINT_LINES = ("halo", "1", "1", "Sampah menumpuk di depan SD Negeri 2 sejak seminggu", "1", "kemarin",
                   "Jalan Pahlawan, Selong", "tidak tahu", "1", "lanjut", "tidak", "tidak", "tidak", "kirim")
QUESTION = "Mohon kirim foto tumpukan sampahnya."
CATALOG = Catalog.load()


def admins_file(folder: Path) -> Path:
    """One super admin and the triage chat every new case's card goes to."""
    path = folder / "admins.yaml"
    path.write_text(yaml.safe_dump({"admins": [{"id": SUPER, "role": "super"}],
                                    "chats": {"triage": [TRIAGE_CHAT]}, "triage_private": False}), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- in-process


class Desk:
    """The rig with the admin side installed and a WhatsApp citizen's complaint on file."""

    def __init__(self, rig: Rig, admin: AdminCore, clock: FixedClock) -> None:
        self.rig = rig
        self.admin = admin
        self.clock = clock
        self.complaint_id = 0
        self.tracking_no = ""

    async def file(self) -> None:
        """The citizen files a complaint over the webhook."""
        for line in COMPLAINT_LINES:
            await self.rig.says(line, wa_id=WA)
        async with self.rig.core.db.read() as session:
            complaint = (await session.exec(select(Complaint))).one()
        self.complaint_id, self.tracking_no = complaint.id or 0, complaint.tracking_no

    async def ask(self, question: str = QUESTION) -> None:
        """The admin asks (as the Telegram admin path does), and the question reaches the citizen."""
        outcome = await self.admin.act(user_id=SUPER, chat_id=TRIAGE_CHAT, action="ask",
                                       complaint_id=self.complaint_id, text=question)
        assert outcome.ok, outcome
        await self.rig.core.deliverer.deliver_pending("whatsapp")
        await self.rig.settle()
        assert question in self.rig.graph.texts(WA)[-1]

    async def post(self, raw: dict[str, Any]) -> list[dict[str, Any]]:
        """Deliver one message; what the citizen was sent meanwhile."""
        before = len(self.rig.graph.sent(WA))
        assert await self.rig.post(make_webhook([raw])) == 200
        await self.rig.settle()
        return self.rig.graph.sent(WA)[before:]

    async def rows(self, table: Any) -> list[Any]:
        async with self.rig.core.db.read() as session:
            return list((await session.exec(select(table).order_by(col(table.id)))).all())

    async def to_admins(self) -> list[str]:
        """Texts queued for the admin chats after the cards."""
        return [r.payload.get("text", "") for r in await self.rows(AdminOutbox)
                if r.chat_id == str(TRIAGE_CHAT) and r.kind == "text"]

    async def conversation(self) -> tuple[str | None, str | None]:
        async with self.rig.core.db.read() as session:
            citizen = (await session.exec(select(Citizen).where(Citizen.channel_user_id == WA))).one()
            found = (await session.exec(select(Conversation).where(Conversation.citizen_id == citizen.id))).one()
        return found.flow, found.step


@pytest.fixture
async def desk(db: Database, clock: FixedClock, graph: FakeGraphAPI, tmp_path: Path) -> AsyncIterator[Desk]:
    """The WhatsApp channel in-process, the admin side installed, a complaint filed and a question asked."""
    async with running_rig(db, clock, graph, LAPORBOT_ADMINS_FILE=str(admins_file(tmp_path))) as rig:
        built = Desk(rig, install(rig.core), clock)
        await built.file()
        await built.ask()
        yield built


async def _admin_queue_empty(db: Database, timeout: float = 60.0) -> None:  # noqa: ASYNC109
    """Until nothing is left to send to the triage chat (a failure bound, not a speed figure)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        async with db.read() as session:
            unsent = (await session.exec(select(func.count()).select_from(AdminOutbox).where(
                AdminOutbox.chat_id == str(TRIAGE_CHAT), col(AdminOutbox.status).in_(("pending", "sending"))))).one()
        if not unsent:
            return
        if loop.time() > deadline:
            raise TimeoutError(f"{unsent} admin messages still unsent")
        await asyncio.sleep(0.02)


def _thanks(number: str) -> str:
    return CATALOG.text("admin.citizen.answer_received", "id", tracking_no=number)


async def test_a_text_answer_goes_to_the_case_and_the_admin_chat_once(desk: Desk) -> None:
    """Recorded with the case, relayed to the triage chat, acknowledged; redelivered (at once, and later) once."""
    state_before = await desk.conversation()
    inbound_before = len(await desk.rows(InboundMessage))
    raw = text_message("Sudah saya foto, tumpukannya setinggi pagar.", wa_id=WA, wamid=WAMID)
    sent = await desk.post(raw)
    assert [body_text(m) for m in sent] == [_thanks(desk.tracking_no)]
    (reply,) = await desk.rows(InfoReply)
    assert (reply.kind, reply.text, reply.complaint_id) == ("text", "Sudah saya foto, tumpukannya setinggi pagar.",
                                                           desk.complaint_id)
    assert reply.update_key == update_key(WAMID) and len(reply.update_key) <= 64
    (request,) = await desk.rows(InfoRequest)
    assert request.answered_at == desk.clock.now()
    header = CATALOG.text("admin.answer.header", "id", tracking_no=desk.tracking_no)
    assert (await desk.to_admins())[-1] == f"{header}\nSudah saya foto, tumpukannya setinggi pagar."
    assert await desk.conversation() == state_before  # the flows never saw it
    inbound = await desk.rows(InboundMessage)
    assert len(inbound) == inbound_before + 1
    assert (inbound[-1].channel_message_id, inbound[-1].status) == (WAMID, "handled")
    assert desk.rig.graph.read_receipts[-1]["message_id"] == WAMID  # blue ticks, as for any message

    # Meta delivers it again, twice at once: nothing new anywhere.
    assert await asyncio.gather(*(desk.rig.post(make_webhook([raw])) for _ in range(2))) == [200, 200]
    await desk.rig.settle()
    # ...and once more after the moment in which a citizen's further files still join the answer.
    desk.clock.advance(timedelta(minutes=10))
    assert await desk.post(raw) == []
    assert len(await desk.rows(InfoReply)) == 1
    assert len(await desk.rows(InboundMessage)) == inbound_before + 1
    assert len([t for t in await desk.to_admins() if t.startswith(header)]) == 1
    assert [body_text(m) for m in desk.rig.graph.sent(WA)].count(_thanks(desk.tracking_no)) == 1

    # The citizen's next message is theirs again: the flows answer it.
    after = await desk.post(text_message("menu", wa_id=WA, wamid="wamid.next"))
    assert after and _thanks(desk.tracking_no) not in [body_text(m) for m in after]
    assert len(await desk.rows(InfoReply)) == 1


MEDIA = {"image": ("photo", "image/jpeg", {}), "audio": ("voice", "audio/ogg", {"voice": True}),
         "document": ("document", "application/pdf", {"filename": "surat.pdf"})}


@pytest.mark.parametrize("wa_kind", sorted(MEDIA))
async def test_a_file_answer_is_kept_with_the_case(desk: Desk, wa_kind: str) -> None:
    """A photo, a voice note or a document: stored with the case (and its bytes kept), the admins told in text."""
    kind, mime, extra = MEDIA[wa_kind]
    desk.rig.graph.add_media("710000000000001", b"the file's bytes", mime)
    caption = {"caption": "Ini buktinya"} if wa_kind != "audio" else {}
    raw = message(wa_kind, {"id": "710000000000001", "mime_type": mime, **extra, **caption}, wa_id=WA,
                  wamid="wamid.answer.file")
    sent = await desk.post(raw)
    assert [body_text(m) for m in sent] == [_thanks(desk.tracking_no)]
    (reply,) = await desk.rows(InfoReply)
    assert (reply.kind, reply.file_ref, reply.text) == (kind, "710000000000001", caption.get("caption"))
    files = [(a.channel, a.kind, a.file_ref) for a in await desk.rows(Attachment)
             if a.complaint_id == desk.complaint_id]
    assert ("whatsapp", kind, "710000000000001") in files
    (kept,) = await desk.rows(MediaFile)
    assert (kept.ref, kept.data) == ("710000000000001", b"the file's bytes")
    label = CATALOG.text(f"admin.answer.kind.{kind}" if CATALOG.has(f"admin.answer.kind.{kind}")
                         else "admin.answer.kind.file", "id")
    assert label in (await desk.to_admins())[-1]


async def test_a_shared_location_answers_too(desk: Desk) -> None:
    """A location pin is an answer (as on Telegram), written as coordinates."""
    sent = await desk.post(location_message(-8.65, 116.53, wa_id=WA, wamid="wamid.answer.loc"))
    assert [body_text(m) for m in sent] == [_thanks(desk.tracking_no)]
    (reply,) = await desk.rows(InfoReply)
    assert (reply.kind, reply.text) == ("location", "-8.65, 116.53")


@pytest.mark.parametrize("raw", [
    text_message("/status", wa_id=WA, wamid="wamid.not.1"),
    message("sticker", {"id": "710000000000002", "mime_type": "image/webp"}, wa_id=WA, wamid="wamid.not.2"),
    message("contacts", [{"name": {"formatted_name": "Pak RT"}}], wa_id=WA, wamid="wamid.not.3"),
], ids=["command", "sticker", "contacts"])
async def test_what_cannot_be_an_answer_goes_to_the_flows(desk: Desk, raw: dict[str, Any]) -> None:
    """Commands, stickers, contact cards: the flows answer; the question stays open for the real answer."""
    desk.rig.graph.add_media("710000000000002", b"webp", "image/webp")
    sent = await desk.post(raw)
    assert sent and _thanks(desk.tracking_no) not in [body_text(m) for m in sent]
    assert await desk.rows(InfoReply) == []
    (request,) = await desk.rows(InfoRequest)
    assert request.answered_at is None


async def test_an_old_message_redelivered_is_no_answer(desk: Desk) -> None:
    """Meta redelivering a message from before the question (its wamid is on record): nothing, question open."""
    sent = await desk.post(text_message("halo", wa_id=WA, wamid="wamid.in.1"))  # the complaint's first line
    assert sent == []
    assert await desk.rows(InfoReply) == []
    (request,) = await desk.rows(InfoRequest)
    assert request.answered_at is None
    assert [body_text(m) for m in await desk.post(text_message("Ya, sudah", wa_id=WA, wamid="wamid.real"))] == [
        _thanks(desk.tracking_no)]


def test_what_counts_as_an_answer() -> None:
    """answer_of: text, files the case keeps, locations; not presses, commands, stickers or empty text."""
    from bot.core.messages import Inbound, Location, Media

    def msg(**fields: Any) -> Inbound:
        return Inbound("whatsapp", WA, "w", **fields)

    assert answer_of(msg(text="ya")) == ("text", "ya", None)
    assert answer_of(msg(media=(Media("voice", "m1"),))) == ("voice", None, "m1")
    assert answer_of(msg(location=Location(1.5, 2.0))) == ("location", "1.5, 2.0", None)
    for other in (msg(choice_id="yes"), msg(command="status"), msg(text="  "), msg(unsupported="contacts"),
                  msg(media=(Media("sticker", "s1"),))):
        assert answer_of(other) is None
    assert update_key("wamid.short") == "whatsapp:wamid.short"
    assert len(update_key(WAMID)) == 64 and update_key(WAMID) != update_key(WAMID + "x")


async def test_without_the_admin_side_every_message_goes_to_the_flows(db: Database, clock: FixedClock,
                                                                     graph: FakeGraphAPI) -> None:
    """A process without admins (no Telegram) passes everything on, open questions or not."""
    from bot.core.messages import Arrival, Inbound

    async with running_rig(db, clock, graph) as rig:
        assert await rig.says("halo", wa_id=WA)
        assert await rig.channel.runtime.interceptors[0](Arrival(Inbound("whatsapp", WA, "w", text="jawaban"))) is False


# --------------------------------------------------------------------------- the real process


@pytest.mark.slow
async def test_admin_asks_in_telegram_and_the_whatsapp_answer_reaches_the_case(graph: FakeGraphAPI, db: Database,
                                                                             tmp_path: Path) -> None:
    """laporbot run with both channels: /tanya in the triage chat, the answer by webhook, the chat told, once."""
    from tests.fakes.telegram_api import FakeTelegramAPI
    from tests.handlers.test_whatsapp_e2e import Phone, start_bot
    from tests.procs import TOKEN

    async with FakeTelegramAPI() as telegram:
        bot = await start_bot(graph, db, tmp_path, TELEGRAM_BOT_TOKEN=TOKEN,
                              TELEGRAM_API_BASE_URL=telegram.base_url, TELEGRAM_FILE_BASE_URL=telegram.base_file_url,
                              LAPORBOT_ADMINS_FILE=str(admins_file(tmp_path)), LAPORBOT_ADMIN_POLL_SECONDS="0.2")
        try:
            citizen = Phone(bot, WA)
            for line in COMPLAINT_LINES:
                done = await citizen.line(line)
            found = re.search(r"LPR-[0-9A-Z]{7}", str(done))
            assert found is not None
            number = found.group(0)

            def to_triage(text: str) -> list[str]:
                return [m["text"] for m in telegram.sent_messages(TRIAGE_CHAT) if text in m.get("text", "")]

            await telegram.wait_for(lambda: to_triage(number))  # the case's card
            telegram.push_text(TRIAGE_CHAT, f"/tanya {number} {QUESTION}", user_id=SUPER, chat_type="supergroup")
            await graph.wait_for(lambda: QUESTION in graph.texts(WA)[-1])
            asked = len(graph.sent(WA))

            raw = text_message("Tumpukannya setinggi pagar, fotonya menyusul.", wa_id=WA, wamid=WAMID)
            assert await bot.post(make_webhook([raw])) == 200
            assert await bot.post(make_webhook([raw])) == 200  # Meta delivering it again
            await graph.wait_for(lambda: len(graph.sent(WA)) > asked)
            header = CATALOG.text("admin.answer.header", "id", tracking_no=number)
            await telegram.wait_for(lambda: to_triage(header))
            # Both POSTs were answered 200 only after their turns committed, so anything doubled is queued
            # by now: once the citizen's and the triage chat's queues are empty, it would have been sent.
            await bot.settled(WA, WAMID)
            await _admin_queue_empty(db)
            assert to_triage(header) == [f"{header}\nTumpukannya setinggi pagar, fotonya menyusul."]
            assert [body_text(m) for m in graph.sent(WA)[asked:]] == [_thanks(number)]
            async with db.read() as session:
                replies = (await session.exec(select(InfoReply))).all()
                complaint = (await session.exec(select(Complaint))).one()
                handled = (await session.exec(select(func.count()).select_from(InboundMessage).where(
                    InboundMessage.channel_message_id == WAMID))).one()
            assert [(r.complaint_id, r.kind, r.text) for r in replies] == [
                (complaint.id, "text", "Tumpukannya setinggi pagar, fotonya menyusul.")]
            assert handled == 1
        finally:
            await bot.close()
