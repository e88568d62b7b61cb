"""The WhatsApp channel in-process against the fake Graph API: webhook, ordering, window, templates, statuses, media."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import func, update
from sqlmodel import col, select

from bot.app import Core
from bot.conversation.guards import OpsSettings
from bot.core.clock import FixedClock
from bot.core.i18n import Catalog
from bot.core.messages import Option, Reply
from bot.core.tracking import SequentialIds
from bot.outbox.delivery import SendError
from bot.server import create_app, make_channels
from bot.settings import Settings
from bot.wiring import build_core
from handlers.whatsapp.channel import WEBHOOK_PATH, WhatsAppChannel
from handlers.whatsapp.client import TransientError
from handlers.whatsapp.config import TemplateSpec, WhatsAppConfig
from handlers.whatsapp.media import WhatsAppMediaFetcher
from handlers.whatsapp.render import render
from models.db import Database
from models.tables import Attachment, Citizen, InboundMessage, OutgoingMessage
from models.whatsapp import DeliveryReceipt, MediaFile
from tests.fakes.graph_api import (
    ACCESS_TOKEN,
    PHONE_NUMBER_ID,
    FakeGraphAPI,
    button_reply,
    encode,
    list_reply,
    make_webhook,
    message,
    sign,
    status_event,
    text_message,
)
from tests.harness import HOME, shipped_agencies, shipped_places

SECRET = "wa-app-secret"
VERIFY = "wa-verify-token"
WA = "6281234567890"
BSUID = "ID.1349120865"


def wa_env(graph: FakeGraphAPI, **extra: str) -> dict[str, str]:
    """The WHATSAPP_* variables pointing at the fake."""
    return {"WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
            "WHATSAPP_APP_SECRET": SECRET, "WHATSAPP_VERIFY_TOKEN": VERIFY, "WHATSAPP_API_BASE_URL": graph.base_url,
            "WHATSAPP_TEMPLATE_NOTIFICATION": "laporbot_update", **extra}


class Rig:
    """A laporbot core with only the WhatsApp channel, on a real aiohttp server, and a citizen's phone."""

    def __init__(self, core: Core, channel: WhatsAppChannel, graph: FakeGraphAPI, url: str,
                 http: aiohttp.ClientSession) -> None:
        self.core = core
        self.channel = channel
        self.graph = graph
        self.url = url
        self.http = http
        self.n = 0

    async def post(self, body: dict[str, Any], *, secret: str | None = SECRET, raw: bytes | None = None) -> int:
        """POST a webhook as Meta would (signed over the exact bytes)."""
        data = raw if raw is not None else encode(body)
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Hub-Signature-256"] = sign(data, secret)
        async with self.http.post(self.url, data=data, headers=headers) as resp:
            return resp.status

    async def send(self, *messages: dict[str, Any]) -> list[dict[str, Any]]:
        """Deliver messages in one webhook, wait for the turn(s), return what the bot sent meanwhile."""
        before = len(self.graph.messages)
        assert await self.post(make_webhook(list(messages))) == 200
        await self.settle()
        return self.graph.messages[before:]

    async def says(self, text: str, **kwargs: Any) -> list[dict[str, Any]]:
        """The citizen types."""
        return await self.send(text_message(text, wamid=self.wamid(), **kwargs))

    def wamid(self) -> str:
        """A fresh inbound message id."""
        self.n += 1
        return f"wamid.in.{self.n}"

    async def settle(self) -> None:
        """Until every reply went out and was recorded, and the background work (mark read, media) finished."""
        await self.channel.runtime.join()
        await self.core.deliverer.flush()
        await self.channel.sender.flush()
        await self.channel.runtime.drain()

    async def outbox(self) -> list[OutgoingMessage]:
        """Every outbox row, oldest first."""
        async with self.core.db.read() as session:
            return list((await session.exec(select(OutgoingMessage).order_by(col(OutgoingMessage.id)))).all())

    async def receipts(self) -> list[DeliveryReceipt]:
        """Every delivery receipt, oldest first (those still batched in memory written first)."""
        await self.channel.sender.flush()
        async with self.core.db.read() as session:
            return list((await session.exec(select(DeliveryReceipt).order_by(col(DeliveryReceipt.id)))).all())

    async def notify(self, text: str, user: str = WA, options: tuple[Option, ...] = ()) -> int:
        """Queue a notification to a citizen the way StatusChanger does; return its outbox id."""
        async with self.core.db.write() as session:
            citizen = (await session.exec(select(Citizen).where(Citizen.channel_user_id == user))).one()
            (row,) = await self.core.inbox.notify(session, citizen.id or 0, [Reply(text, options)])
            return row.id or 0


@pytest.fixture
async def graph() -> AsyncIterator[FakeGraphAPI]:
    """A fake Graph API on 127.0.0.1."""
    async with FakeGraphAPI() as fake:
        yield fake


async def make_rig(db: Database, clock: FixedClock, graph: FakeGraphAPI, ops: OpsSettings | None = None,
                   **extra: str) -> tuple[Rig, web.AppRunner]:
    """Build and start a rig; the caller cleans up."""
    settings = Settings(database_url=db.url, region=HOME, extra=wa_env(graph, **extra))
    core = await build_core(settings, clock=clock, new_tracking_no=SequentialIds(), agencies=shipped_agencies(),
                            places=shipped_places(), migrate=False, ops=ops)
    config = WhatsAppConfig.from_env(settings.extra)
    assert config is not None
    channel = WhatsAppChannel(core, config)
    app = create_app(core)
    channel.install(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    await channel.start()
    for task in channel.runtime.tasks:  # these tests run the outbox retries themselves, when they choose
        task.cancel()
    http = aiohttp.ClientSession()
    return Rig(core, channel, graph, f"http://{host}:{port}{WEBHOOK_PATH}", http), runner


@asynccontextmanager
async def running_rig(db: Database, clock: FixedClock, graph: FakeGraphAPI, ops: OpsSettings | None = None,
                      **extra: str) -> AsyncIterator[Rig]:
    """A started rig (with the guard stages when ops is given), torn down on exit."""
    rig, runner = await make_rig(db, clock, graph, ops, **extra)
    try:
        yield rig
    finally:
        await rig.http.close()
        await rig.channel.stop()
        await runner.cleanup()
        await rig.core.close()


@pytest.fixture
async def rig(db: Database, clock: FixedClock, graph: FakeGraphAPI) -> AsyncIterator[Rig]:
    """The channel with a notification template configured."""
    async with running_rig(db, clock, graph) as built:
        yield built


def body_text(sent: dict[str, Any]) -> str:
    """The visible text of one Graph API message body."""
    if sent["type"] == "text":
        return str(sent["text"]["body"])
    if sent["type"] == "interactive":
        return str(sent["interactive"]["body"]["text"])
    return f"template:{sent['template']['name']}"


def choices(sent: dict[str, Any]) -> list[str]:
    """The reply ids a button or list message offers."""
    inner = sent["interactive"]
    if inner["type"] == "button":
        return [b["reply"]["id"] for b in inner["action"]["buttons"]]
    return [r["id"] for s in inner["action"]["sections"] for r in s["rows"]]


# --------------------------------------------------------------------------- receiving


async def test_verification_answers_the_challenge_only_with_our_token(rig: Rig) -> None:
    """GET with hub.verify_token = ours echoes hub.challenge; any other token gets 403."""
    good = {"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"}
    async with rig.http.get(rig.url, params=good) as resp:
        assert resp.status == 200 and await resp.text() == "1158201444"
    async with rig.http.get(rig.url, params={**good, "hub.verify_token": "nope"}) as resp:
        assert resp.status == 403


async def test_bad_or_missing_signature_is_refused_and_nothing_recorded(rig: Rig) -> None:
    """401 for a forged, missing or re-serialised body signature; no row, no reply."""
    body = make_webhook([text_message("halo", wamid="wamid.forged")])
    assert await rig.post(body, secret="not-our-secret") == 401
    assert await rig.post(body, secret=None) == 401
    assert await rig.post(body, raw=encode(body) + b" ", secret=None) == 401
    await rig.settle()
    async with rig.core.db.read() as session:
        assert (await session.exec(select(func.count()).select_from(InboundMessage))).one() == 0
    assert rig.graph.messages == []


async def test_a_conversation_with_list_and_buttons_and_read_receipts(rig: Rig) -> None:
    """Welcome as a list (4 options); a row choice answers; 3 options come as buttons; each message marked read."""
    (welcome,) = await rig.says("halo")
    assert welcome["to"] == WA and welcome["interactive"]["type"] == "list"
    ids = choices(welcome)
    assert [i.split("|")[1] for i in ids] == ["complaint", "status", "survey", "help"]
    (story,) = await rig.send(list_reply(ids[0], "Buat pengaduan", wamid=rig.wamid()))
    assert body_text(story).startswith("Ceritakan apa yang terjadi.")  # the story comes first
    (kinds,) = await rig.says("Jalan di depan sekolah")  # it tells no kind of report: asked, as buttons
    assert kinds["interactive"]["type"] == "button"
    assert body_text(kinds).startswith("Laporan Anda termasuk jenis apa?")
    assert "*kembali*" in body_text(kinds)  # the nav hint: WhatsApp has no room for nav buttons
    pengaduan = next(i for i in choices(kinds) if i.endswith("|pengaduan"))
    (when,) = await rig.send(button_reply(pengaduan, "Pengaduan", wamid=rig.wamid()))
    assert body_text(when).startswith("Kapan kejadiannya")  # the title is made from the story, not asked
    assert [r["message_id"] for r in rig.graph.read_receipts] == [
        "wamid.in.1", "wamid.in.2", "wamid.in.3", "wamid.in.4"]


async def test_redelivered_message_is_recorded_and_answered_once(rig: Rig) -> None:
    """Meta redelivers for days: the same wamid three times at once gives one row and one reply."""
    body = make_webhook([text_message("halo", wamid="wamid.dup")])
    assert await asyncio.gather(*(rig.post(body) for _ in range(3))) == [200, 200, 200]
    await rig.settle()
    assert await rig.post(body) == 200
    await rig.settle()
    assert len(rig.graph.messages) == 1
    async with rig.core.db.read() as session:
        assert (await session.exec(select(func.count()).select_from(InboundMessage))).one() == 1


async def test_citizen_keyed_on_bsuid_and_phone_not_kept(rig: Rig) -> None:
    """With a business-scoped user id the citizen is that id; the phone number is in no table."""
    (reply,) = await rig.send(text_message("halo", wamid="wamid.b1", wa_id=WA, user_id=BSUID))
    assert reply["to"] == BSUID
    async with rig.core.db.read() as session:
        citizen = (await session.exec(select(Citizen))).one()
        inbound = (await session.exec(select(InboundMessage))).one()
    assert (citizen.channel, citizen.channel_user_id, citizen.phone) == ("whatsapp", BSUID, None)
    assert WA not in str(inbound.payload)


async def test_messages_for_another_business_number_are_left_alone(rig: Rig) -> None:
    """One app's webhook carries all its numbers: only ours is answered."""
    body = make_webhook([text_message("halo", wamid="wamid.other")], phone_number_id="999")
    assert await rig.post(body) == 200
    await rig.settle()
    assert rig.graph.messages == []


async def test_typed_slash_command_works_like_telegram(rig: Rig) -> None:
    """"/bantuan" is the help command here too."""
    replies = await rig.says("/bantuan")
    assert replies and body_text(replies[0]).startswith("Jawab dengan menekan tombol")


async def walk_to_anonymity_question(rig: Rig) -> None:
    """Type a complaint up to the first yes/no question."""
    # the story tells the kind, title and date: the place and the agency are asked
    for line in ("halo", "1", "Lampu jalan di gang kami mati sudah dua minggu lamanya", "Gang Melati, Selong"):
        await rig.says(line)
    (asked,) = await rig.says("tidak tahu")
    if body_text(asked).startswith("Masalahnya"):  # a directory without keywords cannot tell the category
        await rig.says("1")
    (question,) = await rig.says("lanjut")
    assert body_text(question).startswith("Rahasiakan identitas Anda")


async def test_thumbs_up_reaction_answers_a_yes_no_question(rig: Rig) -> None:
    """A 👍 reaction to the question counts as "ya"."""
    await walk_to_anonymity_question(rig)
    reaction = message("reaction", {"message_id": "wamid.out.x", "emoji": "👍"}, wamid=rig.wamid())
    (next_question,) = await rig.send(reaction)
    assert body_text(next_question).startswith("Boleh kami simpan")  # yes: the name is hidden


async def test_location_question_asks_with_a_send_location_button(rig: Rig) -> None:
    """Where a place is asked, WhatsApp shows its location-request button; a shared location answers."""
    for line in ("halo", "1", "1", "Jalan berlubang besar di depan pasar", "1"):
        await rig.says(line)
    (where,) = await rig.says("kemarin")
    assert where["interactive"]["type"] == "location_request_message"
    assert where["interactive"]["action"] == {"name": "send_location"}
    (agency,) = await rig.send(message("location", {"latitude": -8.65, "longitude": 116.53}, wamid=rig.wamid()))
    assert "Laporan ini untuk instansi mana?" in body_text(agency)


async def test_contact_cards_and_unknown_types_get_a_kind_explanation(rig: Rig) -> None:
    """Contacts are explained (and not kept); unsupported types get the general explanation and the question."""
    await rig.says("halo")
    card = message("contacts", [{"name": {"formatted_name": "Slamet"}, "phones": [{"phone": "+62 812 9876 5432"}]}],
                   wamid=rig.wamid())
    explained, again = await rig.send(card)
    assert "kartu kontak" in body_text(explained)
    assert body_text(again).startswith("Apa yang ingin Anda lakukan?")  # and the question again
    explained, _ = await rig.send(message("unsupported", {}, wamid=rig.wamid()))
    assert body_text(explained).startswith("Maaf, jenis pesan itu belum bisa kami baca")
    async with rig.core.db.read() as session:
        payloads = (await session.exec(select(InboundMessage.payload))).all()
    assert "9876" not in str(payloads) and "Slamet" not in str(payloads)


# --------------------------------------------------------------------------- media


async def test_media_is_checked_kept_and_handed_to_forwarding(rig: Rig) -> None:
    """A photo is accepted, its bytes kept (ids expire after 7 days), and the fetcher returns them."""
    for line in ("halo", "1", "1"):
        await rig.says(line)
    photo = b"\xff\xd8\xff" + b"x" * 2000
    rig.graph.add_media("710000000000003", photo, "image/jpeg")
    (got,) = await rig.send(message("image", {"id": "710000000000003", "mime_type": "image/jpeg", "sha256": "x"},
                                    wamid=rig.wamid()))
    assert body_text(got).startswith("File diterima (1 file)")
    async with rig.core.db.read() as session:
        kept = (await session.exec(select(MediaFile))).one()
        inbound = (await session.exec(select(InboundMessage).order_by(col(InboundMessage.id).desc()))).first()
    assert (kept.ref, kept.mime, kept.size, kept.data) == ("710000000000003", "image/jpeg", len(photo), photo)
    assert inbound is not None and inbound.payload["media"][0]["size"] == len(photo)  # the real size, from Meta
    fetcher = WhatsAppMediaFetcher(rig.core.db, rig.channel.client)
    downloads = sum(1 for m, p in rig.graph.requests if p == "/media/710000000000003")
    attachment = Attachment(id=7, complaint_id=1, channel="whatsapp", kind="photo", file_ref="710000000000003",
                            mime="image/jpeg")
    fetched = await fetcher(attachment)
    assert fetched is not None and fetched.content == photo and fetched.filename.startswith("photo-7")
    assert sum(1 for m, p in rig.graph.requests if p == "/media/710000000000003") == downloads  # from the table
    gone = Attachment(id=8, complaint_id=1, channel="whatsapp", kind="photo", file_ref="expired-id")
    assert await fetcher(gone) is None


async def test_too_large_or_wrong_type_files_are_explained(rig: Rig) -> None:
    """Meta's metadata says 50 MB, or a zip: the citizen is told, nothing is attached or kept."""
    for line in ("halo", "1", "1"):
        await rig.says(line)
    rig.graph.add_media("710000000000004", b"small really", "video/mp4", claimed_size=50 * 1024 * 1024)
    explained, again = await rig.send(message("video", {"id": "710000000000004", "mime_type": "video/mp4",
                                                        "caption": "ini videonya"}, wamid=rig.wamid()))
    assert body_text(explained).startswith("File itu terlalu besar")
    assert body_text(again).startswith("Ceritakan apa yang terjadi.")
    rig.graph.add_media("710000000000005", b"PK\x03\x04", "application/zip")
    explained, _ = await rig.send(message("document", {"id": "710000000000005", "mime_type": "application/zip",
                                                       "filename": "bukti.zip"}, wamid=rig.wamid()))
    assert body_text(explained).startswith("Jenis file itu tidak bisa kami terima")
    async with rig.core.db.read() as session:
        assert (await session.exec(select(func.count()).select_from(MediaFile))).one() == 0


# --------------------------------------------------------------------------- the 24-hour window


async def test_notification_inside_the_window_is_plain_text(rig: Rig) -> None:
    """Within 24 hours of the citizen's last message a notification is an ordinary message."""
    await rig.says("halo")
    await rig.notify("Laporan LPR-222223T sedang diproses.")
    await rig.core.deliverer.deliver_pending("whatsapp")
    assert rig.graph.texts()[-1] == "Laporan LPR-222223T sedang diproses."


async def test_notification_outside_the_window_goes_as_the_configured_template(rig: Rig, clock: FixedClock) -> None:
    """25 hours later the status notification is the approved template, in Indonesian, text as its parameter."""
    await rig.says("halo")
    clock.advance(timedelta(hours=25))
    text = "Status laporan LPR-222223T berubah:\nSedang Diproses"
    param = "Status laporan LPR-222223T berubah: Sedang Diproses"  # one line: Meta refuses line breaks there
    await rig.notify(text)
    await rig.core.deliverer.deliver_pending("whatsapp")
    sent = rig.graph.messages[-1]
    assert sent == {"messaging_product": "whatsapp", "recipient_type": "individual", "to": WA, "type": "template",
                    "template": {"name": "laporbot_update", "language": {"code": "id"}, "components": [
                                     {"type": "body", "parameters": [{"type": "text", "text": param}]}]}}
    (row,) = [r for r in await rig.outbox() if r.kind == "notification"]
    assert row.status == "sent"
    assert [(r.template, r.status) for r in await rig.receipts()][-1] == ("laporbot_update", "accepted")


async def test_template_options_and_tracking_parameter(db: Database, clock: FixedClock, graph: FakeGraphAPI) -> None:
    """A per-kind template with the tracking number as parameter; a survey question's options go inline."""
    async with running_rig(db, clock, graph, WHATSAPP_TEMPLATE_NOTIFICATION_PARAMS="tracking,text",
                                 WHATSAPP_TEMPLATE_REPLY="laporbot_reply") as rig:
        await rig.says("halo")
        clock.advance(timedelta(days=2))
        await rig.notify("Bagaimana penanganan LPR-222223T?", options=(Option("1", "Puas"), Option("2", "Kurang")))
        await rig.core.deliverer.deliver_pending("whatsapp")
        params = rig.graph.messages[-1]["template"]["components"][0]["parameters"]
        assert [p["text"] for p in params] == ["LPR-222223T", "Bagaimana penanganan LPR-222223T? 1. Puas · 2. Kurang"]
        spec = rig.channel.config.template_for("reply")
        assert spec == TemplateSpec("laporbot_reply", ("text",))


async def test_without_a_template_the_failure_is_recorded(db: Database, clock: FixedClock,
                                                         graph: FakeGraphAPI) -> None:
    """No template configured and the window closed: the row fails with the reason, nothing is sent."""
    async with running_rig(db, clock, graph, WHATSAPP_TEMPLATE_NOTIFICATION="") as rig:
        await rig.says("halo")
        clock.advance(timedelta(hours=30))
        outgoing_id = await rig.notify("Laporan Anda selesai.")
        await rig.core.deliverer.deliver_pending("whatsapp")
        row = next(r for r in await rig.outbox() if r.id == outgoing_id)
        assert row.status == "failed" and row.error is not None and "window_closed" in row.error
        assert len(rig.graph.messages) == 1


async def test_meta_refusing_with_131047_switches_to_the_template_at_once(rig: Rig) -> None:
    """Our clock thought the window open, Meta said 131047: the same delivery sends the template."""
    await rig.says("halo")
    rig.graph.fail_next("131047")
    await rig.notify("Laporan LPR-222223T sudah diverifikasi.")
    await rig.core.deliverer.deliver_pending("whatsapp")
    assert rig.graph.texts()[-1] == "template:laporbot_update"
    assert (await rig.outbox())[-1].status == "sent"


async def test_failed_status_131047_requeues_the_message_as_a_template(rig: Rig) -> None:
    """A failed status webhook (131047) for a sent notification puts it back; it goes again as the template."""
    await rig.says("halo")
    outgoing_id = await rig.notify("Laporan LPR-222223T sudah diverifikasi.")
    await rig.core.deliverer.deliver_pending("whatsapp")
    await rig.channel.sender.flush()  # Meta's report comes seconds later: our receipt is written by then
    assert rig.graph.messages[-1]["type"] == "text"
    wamid = f"wamid.{len(rig.graph.messages)}"
    failed = make_webhook(statuses=[status_event(wamid, "failed", error_code=131047)])
    assert await rig.post(failed) == 200
    row = next(r for r in await rig.outbox() if r.id == outgoing_id)
    assert (row.status, row.error) == ("pending", "whatsapp status failed code=131047")
    await rig.core.deliverer.deliver_pending("whatsapp")
    assert rig.graph.texts()[-1] == "template:laporbot_update"
    assert await rig.post(failed) == 200  # Meta repeats itself: the old send's failure changes nothing now
    row = next(r for r in await rig.outbox() if r.id == outgoing_id)
    assert row.status == "sent"
    receipts = [(r.channel_message_id, r.status, r.error_code, r.template) for r in await rig.receipts()
                if r.outgoing_id == outgoing_id]
    assert receipts == [(wamid, "failed", 131047, None), (f"wamid.{len(rig.graph.messages)}", "accepted", None,
                                                          "laporbot_update")]


async def test_failed_status_before_our_receipt_is_still_acted_on(rig: Rig) -> None:
    """Meta's failed status can beat our write of the message id: the failure is joined to the row when it lands."""
    await rig.says("halo")
    outgoing_id = await rig.notify("Laporan LPR-222223T sudah diverifikasi.")
    await rig.core.deliverer.deliver_pending("whatsapp")  # receipts are still batched in memory here
    wamid = f"wamid.{len(rig.graph.messages)}"
    assert await rig.post(make_webhook(statuses=[status_event(wamid, "failed", error_code=131047)])) == 200
    await rig.channel.sender.flush()
    row = next(r for r in await rig.outbox() if r.id == outgoing_id)
    assert (row.status, row.error) == ("pending", "whatsapp status failed code=131047")


async def test_statuses_only_move_forward_and_may_come_first(rig: Rig) -> None:
    """Read before delivered keeps "read"; a status for a wamid not yet written is kept and joined later."""
    await rig.says("halo")
    wamid = "wamid.1"
    statuses = [status_event(wamid, "read", timestamp="1755400030"), status_event(wamid, "sent"),
                status_event(wamid, "delivered", timestamp="1755400020")]
    assert await rig.post(make_webhook(statuses=statuses)) == 200
    assert await rig.post(make_webhook(statuses=[status_event("wamid.2", "delivered")])) == 200
    by_id = {r.channel_message_id: r for r in await rig.receipts()}
    assert by_id[wamid].status == "read" and by_id[wamid].outgoing_id is not None
    assert by_id["wamid.2"].outgoing_id is None  # not ours yet: the next send that gets this id joins it
    await rig.says("1")
    by_id = {r.channel_message_id: r for r in await rig.receipts()}
    assert by_id["wamid.2"].status == "delivered" and by_id["wamid.2"].outgoing_id is not None


async def test_permanent_failed_status_fails_the_row_with_its_code(rig: Rig) -> None:
    """131026 (undeliverable) is final: recorded on the outbox row, not retried."""
    await rig.says("halo")
    assert await rig.post(make_webhook(statuses=[status_event("wamid.1", "failed", error_code=131026)])) == 200
    (row,) = await rig.outbox()
    assert (row.status, row.error) == ("failed", "whatsapp status failed code=131026")


# --------------------------------------------------------------------------- throughput


async def test_pair_rate_limit_queues_instead_of_failing(rig: Rig, clock: FixedClock) -> None:
    """131056 twice: the message waits in the outbox about 6 s each time, then goes; nothing fails."""
    await rig.says("halo")
    rig.graph.fail_next("131056", times=2)
    outgoing_id = await rig.notify("Laporan LPR-222223T sedang diproses.")
    await rig.core.deliverer.deliver_pending("whatsapp")
    row = next(r for r in await rig.outbox() if r.id == outgoing_id)
    assert row.status == "pending" and row.not_before == clock.now() + timedelta(seconds=6)
    clock.advance(timedelta(seconds=7))
    await rig.core.deliverer.deliver_pending("whatsapp")
    assert len(rig.graph.messages) == 1
    clock.advance(timedelta(seconds=7))
    await rig.core.deliverer.deliver_pending("whatsapp")
    assert rig.graph.texts()[-1] == "Laporan LPR-222223T sedang diproses."
    assert next(r for r in await rig.outbox() if r.id == outgoing_id).status == "sent"


async def test_number_throughput_limit_waits_for_retry_after(rig: Rig, clock: FixedClock) -> None:
    """130429 with Retry-After: 3 -> retried after 3 s."""
    await rig.says("halo")
    rig.graph.fail_next("130429", retry_after=3)
    outgoing_id = await rig.notify("Kabar baru.")
    await rig.core.deliverer.deliver_pending("whatsapp")
    row = next(r for r in await rig.outbox() if r.id == outgoing_id)
    assert row.status == "pending" and row.not_before == clock.now() + timedelta(seconds=3)
    clock.advance(timedelta(seconds=3))
    await rig.core.deliverer.deliver_pending("whatsapp")
    assert next(r for r in await rig.outbox() if r.id == outgoing_id).status == "sent"


async def test_the_sender_paces_itself_to_the_number_rate(db: Database, clock: FixedClock,
                                                         graph: FakeGraphAPI) -> None:
    """WHATSAPP_RATE=20: 40 notifications all go out, none refused, never faster than the number's rate.

    The limiter lets a burst of 20 through, then 20 a second: between any two sends, at most 21 + 20 per second
    of time between them. A slow machine only spreads the sends further apart, so this cannot fail by slowness.
    """
    async with running_rig(db, clock, graph, WHATSAPP_RATE="20") as rig:
        for i in range(40):
            await rig.send(text_message("halo", wa_id=f"62812000{i:05d}", wamid=f"wamid.r{i}"))
        graph.messages.clear()
        graph.arrivals.clear()
        for i in range(40):
            await rig.notify(f"Kabar {i}", user=f"62812000{i:05d}")
        await rig.core.deliverer.deliver_pending("whatsapp")
        assert len(graph.messages) == 40
        times = graph.arrivals
        assert all(j - i + 1 <= 21 + 20 * (times[j] - times[i]) for i in range(40) for j in range(i, 40))


async def test_long_reply_failing_midway_resends_only_the_rest(rig: Rig) -> None:
    """A reply split in several messages: after a failure on part 2 the retry sends part 2 onwards only."""
    await rig.says("halo")
    long = ("Kalimat panjang untuk laporan. " * 200).strip()
    options = (Option("yes", "Ya"), Option("no", "Tidak"))
    expected = render(Reply(long, options), WA, Catalog.load(), "id")
    assert len(expected) == 3
    original = rig.channel.client.send
    calls = 0

    async def flaky(body: dict[str, Any]) -> str:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise TransientError("server error", code=131000)
        return await original(body)

    rig.channel.client.send = flaky  # type: ignore[method-assign]
    outgoing_id = await rig.notify(long, options=options)
    before = len(rig.graph.messages)
    await rig.core.deliverer.deliver_pending("whatsapp")
    async with rig.core.db.write() as session:  # skip the back-off wait
        await session.execute(update(OutgoingMessage).where(col(OutgoingMessage.id) == outgoing_id)
                              .values(not_before=None))
    await rig.core.deliverer.deliver_pending("whatsapp")
    sent = rig.graph.messages[before:]
    assert [body_text(m)[:20] for m in sent] == [body_text(m)[:20] for m in expected]
    assert [r.part for r in await rig.receipts() if r.outgoing_id == outgoing_id] == [0, 1, 2]


# --------------------------------------------------------------------------- wiring


def test_configuration_from_the_environment() -> None:
    """Templates per kind with parameter sources, languages, limits."""
    env = {"WHATSAPP_PHONE_NUMBER_ID": "1", "WHATSAPP_ACCESS_TOKEN": "t",
           "WHATSAPP_TEMPLATE_NOTIFICATION": "laporbot_update", "WHATSAPP_TEMPLATE_NOTIFICATION_PARAMS": "tracking",
           "WHATSAPP_TEMPLATE_SURVEY": "laporbot_survey", "WHATSAPP_TEMPLATE_LANGUAGES": "id,en_US",
           "WHATSAPP_RATE": "20", "WHATSAPP_MARK_READ": "0"}
    config = WhatsAppConfig.from_env(env)
    assert config is not None
    assert config.templates == {"notification": TemplateSpec("laporbot_update", ("tracking",)),
                                "survey": TemplateSpec("laporbot_survey", ("text",))}
    assert config.template_for("alert") == config.templates["notification"]
    assert (config.template_language("en"), config.template_language("id"), config.template_language(None)) == (
        "en_US", "id", "id")
    assert (config.rate, config.mark_read, config.api_base_url) == (20.0, False, "https://graph.facebook.com")
    assert WhatsAppConfig.from_env({"WHATSAPP_PHONE_NUMBER_ID": "1"}) is None


async def test_telegram_and_whatsapp_together(db: Database, graph: FakeGraphAPI) -> None:
    """Both configured: both channels are built for the one process, each with its sender."""
    settings = Settings(database_url=db.url, telegram_token="7000000001:TEST-token",
                        extra=wa_env(graph), group_commit_wait=timedelta(milliseconds=5))
    assert settings.channels == ("telegram", "whatsapp")
    core = await build_core(settings, agencies=shipped_agencies(), places=shipped_places(), migrate=False)
    try:
        channels = make_channels(core)
        assert [type(c).__name__ for c in channels] == ["TelegramChannel", "WhatsAppChannel"]
        assert set(core.deliverer.senders) == {"telegram", "whatsapp"}
        assert [c.runtime.group_commit_wait for c in channels] == [0.005, 0.005]  # LAPORBOT_GROUP_COMMIT_WAIT_MS
        await channels[1].client.close()
    finally:
        await core.close()


async def test_a_send_error_keeps_reason_free_of_personal_data(rig: Rig) -> None:
    """An unknown parameter error (100) fails the row permanently with codes only."""
    await rig.says("halo")
    rig.graph.fail_next("100")
    outgoing_id = await rig.notify("Laporan LPR-222223T ditutup.")
    await rig.core.deliverer.deliver_pending("whatsapp")
    row = next(r for r in await rig.outbox() if r.id == outgoing_id)
    assert row.status == "failed" and row.error == "refused code=100 http=400"
    assert WA not in (row.error or "")
    with pytest.raises(SendError):
        rig.graph.fail_next("100")
        await rig.channel.sender.send(WA, Reply("x"))
