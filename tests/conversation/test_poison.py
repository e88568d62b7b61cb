"""One bad message never stops the bot: sends, group commits, recovery, text and shapes at the boundary, tasks.

Issue 13 items 4-6 below the process level (the real process is driven in tests/conversation/test_poison_e2e.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from bot.conversation.batcher import TurnBatcher
from bot.core.clock import FixedClock
from bot.core.messages import Inbound, Reply
from bot.core.text_safety import REPLACEMENT, safe_inbound, safe_text
from bot.ops.supervisor import Supervisor
from bot.outbox.delivery import MAX_ATTEMPTS, Deliverer, SendError
from handlers.telegram import schema as telegram_schema
from handlers.telegram.adapter import parse_update
from handlers.whatsapp import schema as whatsapp_schema
from handlers.whatsapp.payload import parse_webhook
from models.db import Database
from models.tables import Citizen, InboundMessage, OutgoingMessage
from tests.fakes.graph_api import make_webhook, text_message
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.harness import ChatHarness
from tests.outbox.test_delivery import Outage, outbox, queue

BOT_ID = 7000000001
SORRY = "tidak bisa kami proses"  # words of common.message_failed (locales/id/LC_MESSAGES/safety.po)


# --------------------------------------------------------------------------- 4. a send's exception is one attempt


class Picky:
    """A channel that cannot send to one chat: it raises what a bug or a bad row raises, not a SendError."""

    def __init__(self, bad: str, error: Exception) -> None:
        self.bad = bad
        self.error = error
        self.sent: list[str] = []

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send, or raise the unexpected error for the bad chat."""
        if chat_id == self.bad:
            raise self.error
        self.sent.append(chat_id)
        return f"m{len(self.sent)}"


async def test_an_unexpected_send_exception_is_a_counted_failed_attempt_of_that_row_only(
        db: Database, clock: FixedClock) -> None:
    """ValueError (int("abc")) from a send: counted, backed off, finally failed with a reason; others are sent."""
    channel = Picky("abc", ValueError("invalid literal for int()"))
    deliverer = Deliverer(db, {"fake": channel}, clock)
    await queue(db, clock, ["untuk abc"], chat="abc", claimed=False)
    await queue(db, clock, ["untuk 42"], chat="42", claimed=False)
    assert await deliverer.deliver_pending("fake") == 2  # no exception out of the send loop
    bad, good = await outbox(db)
    assert (good.status, channel.sent) == ("sent", ["42"])
    assert (bad.status, bad.attempts, bad.error) == ("pending", 1, "unexpected: ValueError")
    assert bad.not_before is not None and bad.not_before > clock.now()  # backed off
    for _ in range(MAX_ATTEMPTS):
        clock.advance(timedelta(minutes=10))
        await deliverer.deliver_pending("fake")
    bad, _ = await outbox(db)
    assert (bad.status, bad.attempts) == ("failed", MAX_ATTEMPTS)


async def test_an_unexpected_exception_in_a_claimed_send_requeues_the_rest(db: Database, clock: FixedClock) -> None:
    """send_claimed (the hot path) treats a KeyError like a SendError: that row retried, the chat's next one kept."""
    channel = Picky("7", KeyError("message_id"))
    deliverer = Deliverer(db, {"fake": channel}, clock)
    items = await queue(db, clock, ["satu", "dua"], chat="7")
    await deliverer.send_claimed("fake", "7", items)
    first, second = await outbox(db)
    assert (first.status, first.attempts, first.error) == ("pending", 1, "unexpected: KeyError")
    assert (second.status, second.attempts) == ("pending", 0)


async def test_a_non_integer_telegram_chat_id_is_a_permanent_failure() -> None:
    """The Telegram sender refuses a chat id that is no integer as a permanent SendError, not a ValueError."""
    from handlers.telegram.adapter import TelegramSender

    sender = TelegramSender(bot=None, catalog=None)  # type: ignore[arg-type]
    with pytest.raises(SendError) as raised:
        await sender.send("abc", Reply("halo"))
    assert raised.value.permanent and raised.value.reason == "invalid chat id"


# --------------------------------------------------------------------------- 5b/5c. a poisoned turn fails alone


def _citizens(n: int) -> list[Inbound]:
    return [Inbound("telegram", str(1000 + i), f"m-{i}", command="start") for i in range(n)]


@pytest.mark.parametrize("poison", ["Bud\udfffi", "Bud\x00i"], ids=["lone-surrogate", "nul"])
async def test_a_poisoned_message_in_a_group_commit_fails_alone(harness: ChatHarness, db: Database,
                                                                poison: str) -> None:
    """One unstorable value (not cleaned: the inbox is below the channel boundary) among 40 turns in one batch.

    The batch is retried one message per transaction: 40 citizens answered, the poisoned message recorded
    failed with why, and its sender told kindly to try again; a redelivery of it does nothing more.
    """
    if poison == "Bud\x00i" and db.is_sqlite:
        pytest.skip("SQLite stores NUL; PostgreSQL refuses it (the lone surrogate breaks both)")
    batcher = TurnBatcher(harness.inbox)
    poisoned = Inbound("telegram", "666", "m-poison", command="start", display_name=poison)
    messages = [*_citizens(20), poisoned, *_citizens(40)[20:]]
    results = await asyncio.gather(*batcher.submit_many(messages))
    for msg, handled in zip(messages, results, strict=True):
        assert handled.replies, msg.user_id
        if msg is poisoned:
            assert [SORRY in r.text for r in handled.replies] == [True]
            assert handled.claimed_until is not None  # sent by the caller right away, like any reply
        else:
            assert not any(SORRY in r.text for r in handled.replies)
    async with db.read() as session:
        rows = (await session.exec(select(InboundMessage).order_by(col(InboundMessage.id)))).all()
        citizen = (await session.exec(select(Citizen).where(Citizen.channel_user_id == "666"))).one()
    statuses = {r.channel_message_id: r.status for r in rows}
    assert statuses.pop("m-poison") == "failed"
    assert set(statuses.values()) == {"handled"} and len(statuses) == 40
    failed = next(r for r in rows if r.channel_message_id == "m-poison")
    assert failed.reason and poison not in failed.reason
    assert failed.payload == {"channel": "telegram", "user_id": "666", "message_id": "m-poison"}  # no content kept
    assert citizen.display_name is None
    again = await batcher.submit(poisoned)  # redelivered: answered once already
    assert again.replies == []


async def test_a_database_outage_is_not_mistaken_for_a_poisoned_message(harness: ChatHarness, db: Database) -> None:
    """When the database is away every caller learns it (webhooks answer 500, redelivered); nothing is failed."""
    batcher = TurnBatcher(harness.inbox)
    outage = Outage(db)
    outage.down = True
    futures = batcher.submit_many(_citizens(5))
    results = await asyncio.gather(*futures, return_exceptions=True)
    outage.down = False
    assert all(isinstance(r, ConnectionResetError) for r in results)
    assert await harness.count(InboundMessage) == 0
    assert all(h.replies for h in await asyncio.gather(*batcher.submit_many(_citizens(5))))


async def test_a_recorded_message_whose_turn_fails_is_recorded_failed_on_recovery(harness: ChatHarness,
                                                                                  db: Database) -> None:
    """Catch-up after a restart: a message that breaks its turn is failed with a kind reply, the next one handled."""
    inbox = harness.inbox
    bad = await inbox.record(Inbound("telegram", "77", "r-1", text="racun"))
    good = await inbox.record(Inbound("telegram", "78", "r-2", command="start"))
    assert bad is not None and good is not None
    real = inbox.engine.handle

    async def breaks_on_racun(state: Any, msg: Inbound, services: Any) -> Any:
        if msg.text == "racun":
            raise RuntimeError("a bug this message finds")
        return await real(state, msg, services)

    inbox.engine.handle = breaks_on_racun  # type: ignore[method-assign]
    failed = await inbox.process_or_fail(bad)
    handled = await inbox.process_or_fail(good)
    assert [SORRY in r.text for r in failed.replies] == [True] and failed.outgoing_ids
    assert handled.replies and not any(SORRY in r.text for r in handled.replies)
    async with db.read() as session:
        row = await session.get(InboundMessage, bad)
        reply = await session.get(OutgoingMessage, failed.outgoing_ids[0])
    assert row is not None and (row.status, row.reason) == ("failed", "RuntimeError")
    assert reply is not None and (reply.chat_id, reply.status) == ("77", "pending")
    assert (await inbox.process_or_fail(bad)).replies == []  # failed once, never again


async def test_a_long_chat_name_and_an_overlong_whatsapp_id_fail_nobody(harness: ChatHarness, db: Database) -> None:
    """A 300-character name is cut to its column (PostgreSQL refused it); a 200-character wamid, which no column
    holds, is malformed at the boundary (it could not even be recorded failed, so Meta would resend it for ever)."""
    long_name = Inbound("whatsapp", "628123", "wamid.long-name", command="start", display_name="N" * 300)
    assert (await harness.inbox.handle(long_name)).replies
    async with db.read() as session:
        citizen = (await session.exec(select(Citizen).where(Citizen.channel_user_id == "628123"))).one()
    assert citizen.display_name == "N" * 128
    batch = parse_webhook(make_webhook([text_message("x", wamid="w" * 200), text_message("ok", wamid="w2")]))
    assert [m.message_id for m in batch.inbound] == ["w2"] and batch.malformed


# --------------------------------------------------------------------------- 5a. text made storable


def test_safe_text_removes_what_databases_refuse_and_normalises() -> None:
    """NUL and other C0 controls go (tab, newline kept), lone surrogates become U+FFFD, NFC applies."""
    assert safe_text("Jalan\x00 rusak\x07\x1b") == "Jalan rusak"
    assert safe_text("baris\r\ndua\tkolom\n") == "baris\ndua\tkolom\n"
    assert safe_text("a\udfffb\ud800") == f"a{REPLACEMENT}b{REPLACEMENT}"
    assert safe_text("Cafe\u0301") == "Café"
    assert safe_text("biasa saja") == "biasa saja"
    assert safe_text("😀 emoji ok") == "😀 emoji ok"
    assert safe_text("x\x7f") == "x"
    cleaned = safe_text("\udfff\x00")
    cleaned.encode("utf-8")  # storable


def test_every_channel_cleans_text_at_the_boundary() -> None:
    """Telegram text/caption/venue/callback data, WhatsApp text/caption/location, terminal input: all cleaned."""
    fake = FakeTelegramAPI()
    update = fake.make_text(5, "Judul\x00 jalan \udfff")
    assert parse_update(update, BOT_ID).inbound.text == f"Judul jalan {REPLACEMENT}"  # type: ignore[union-attr]
    loc = fake.make_location(5, -8.6, 116.5)
    loc["message"]["venue"] = {"title": "Desa\x00 Paok", "address": "Jl.\udfff"}
    place = parse_update(loc, BOT_ID).inbound.location  # type: ignore[union-attr]
    assert place is not None and (place.name, place.address) == ("Desa Paok", f"Jl.{REPLACEMENT}")
    press = parse_update(fake.make_callback(5, "12|peng\x00aduan", message_id=3), BOT_ID).inbound
    assert press is not None and press.choice_id == "pengaduan"
    body = make_webhook([text_message("Lubang\x00 di\udfff jalan")])
    (msg,) = parse_webhook(body).inbound
    assert msg.text == f"Lubang di{REPLACEMENT} jalan"
    terminal = safe_inbound(Inbound("terminal", "u", "1", text="a\x00b", display_name="\udfff"))
    assert (terminal.text, terminal.display_name) == ("ab", REPLACEMENT)


def test_a_lone_surrogate_escape_in_json_is_repaired_not_refused() -> None:
    """JSON may escape a lone surrogate ("\\udfff"); msgspec refuses it, so such a citizen would go unanswered."""
    raw = (b'{"update_id": 1, "message": {"message_id": 1, "chat": {"id": 5, "type": "private"}, '
           b'"from": {"id": 5}, "text": "a\\udfffb\\u0000c"}}')
    assert telegram_schema.decode_update(raw).message.text == f"a{REPLACEMENT}bc"  # type: ignore[union-attr]
    body = json.dumps(make_webhook([text_message("a\udfffb\x00c")])).encode()
    assert b"\\udfff" in body
    assert [m.text for m in parse_webhook(body).inbound] == [f"a{REPLACEMENT}bc"]


# --------------------------------------------------------------------------- 6. shapes checked at the boundary


def _tg(fake: FakeTelegramAPI) -> list[tuple[str, dict[str, Any]]]:
    """Malformed Telegram updates of the kinds that got 500 (issue 13, item 6), each from a real-looking one."""
    def text(**change: Any) -> dict[str, Any]:
        update = fake.make_text(5, "halo")
        update["message"].update(change)
        return update

    def photo(**change: Any) -> dict[str, Any]:
        update = fake.make_photo(5, "p1")
        update["message"].update(change)
        return update

    press = fake.make_callback(5, "1|x", message_id=3)
    press["callback_query"]["data"] = 5
    chat = fake.make_text(5, "halo")
    chat["message"]["chat"]["id"] = "abc"
    sender = fake.make_text(5, "halo")
    sender["message"]["from"]["id"] = "nobody"
    loc = fake.make_location(5, 1.0, 2.0)
    del loc["message"]["location"]["latitude"]
    return [
        ("text as a number", text(text=5)),
        ("message as a string", {"update_id": 9, "message": "halo"}),
        ("location without latitude", loc),
        ("photo: [{}]", photo(photo=[{}])),
        ("caption as an object", photo(caption={"a": 1})),
        ("chat.id not an integer", chat),
        ("from.id not an integer", sender),
        ("callback data a number", press),
        ("document a list", text(document=[1])),
        ("venue a string", {**fake.make_location(5, 1, 2), "message": {
            **fake.make_location(5, 1, 2)["message"], "venue": "x"}}),
        ("chat missing", {"update_id": 10, "message": {"message_id": 1, "text": "hi"}}),
        ("update_id a string", {**fake.make_text(5, "x"), "update_id": "x"}),
        ("photo not a list", photo(photo={"file_id": "x"})),
        ("callback_query a list", {"update_id": 11, "callback_query": [1]}),
    ]


def test_malformed_telegram_updates_are_named_not_raised() -> None:
    """Each kind that got 500 is now Parsed(malformed=reason), the reason names no content."""
    fake = FakeTelegramAPI()
    for name, update in _tg(fake):
        parsed = parse_update(update, BOT_ID)
        assert parsed.malformed and parsed.inbound is None, name
        assert "halo" not in parsed.malformed, name
    assert parse_update(fake.make_text(5, "halo"), BOT_ID).inbound is not None  # a good one still parses


def test_deep_nesting_is_rejected_without_recursion_error() -> None:
    """JSON nested 100,000 deep (RecursionError before) is one malformed update / body."""
    deep = b'{"update_id": 1, "message": ' + b'[' * 100_000 + b']' * 100_000 + b'}'
    with pytest.raises(telegram_schema.Malformed):
        telegram_schema.decode_update(deep)
    assert telegram_schema.update_id_of(deep) == 1  # polling still confirms it and moves on
    batch = parse_webhook(b'{"entry": ' + b'[' * 100_000 + b']' * 100_000 + b'}')
    assert batch.inbound == [] and batch.malformed == ["nested too deep"]
    with pytest.raises(whatsapp_schema.Malformed):
        whatsapp_schema.decode_body(b'{"a": ' + b'{"a": ' * 100_000 + b'1' + b'}' * 100_001)


def test_malformed_whatsapp_parts_are_skipped_and_their_neighbours_kept() -> None:
    """entry: 5, messages as a string, text.body a number, location without latitude, ...: never an exception."""
    good = text_message("halo", wamid="wamid.good")
    bodies: list[Any] = [
        {"entry": 5}, {"entry": "x"}, [], 5, "x", None, {"entry": [{"changes": 5}]},
        {"entry": [{"changes": [{"value": {"messages": "halo"}}]}]},
        {"entry": [{"changes": [{"value": {"statuses": {"id": 1}}}]}]},
        {"entry": [{"changes": [{"value": {"contacts": 7, "messages": [good]}}]}]},
        {"entry": [{"changes": [{"value": {"metadata": "x", "messages": [good]}}]}]},
    ]
    for body in bodies:
        parse_webhook(json.dumps(body).encode())
    broken = [
        {**text_message("x", wamid="w1"), "text": {"body": 5}},
        {**text_message("x", wamid="w2"), "type": "location", "location": {"longitude": 1}},
        {**text_message("x", wamid="w3"), "type": "image", "image": [{}]},
        {**text_message("x", wamid="w4"), "from": 6281},
        {**text_message("x", wamid="w5"), "type": "interactive", "interactive": "x"},
        {**text_message("x", wamid="w6"), "type": "image", "image": {"id": "1", "caption": {"a": 1}}},
    ]
    batch = parse_webhook(json.dumps(make_webhook([*broken, good])).encode())
    assert [m.message_id for m in batch.inbound] == ["wamid.good"]
    assert len(batch.malformed) >= len(broken)  # (the bad "from" spoils its derived contact too)


# --------------------------------------------------------------------------- 5d. supervised background tasks


async def test_a_failing_task_is_restarted_with_backoff_and_shown_down(caplog: pytest.LogCaptureFixture) -> None:
    """A loop that raises is logged and started again, pauses doubling; down while failing, up after a beat."""
    caplog.set_level(logging.ERROR, "laporbot.supervisor")
    now = [100.0]
    sup = Supervisor(clock=lambda: now[0], settle=60)
    stop = asyncio.Event()
    starts: list[float] = []
    works = asyncio.Event()

    async def flaky() -> None:
        starts.append(asyncio.get_running_loop().time())
        if len(starts) < 4:
            raise RuntimeError("boom")
        sup.beat("flaky")
        works.set()
        await stop.wait()

    task = sup.supervise("flaky", flaky, stop=stop, backoff=(0.01, 0.04))
    await asyncio.wait_for(works.wait(), 10)
    pauses = [r.restart_in for r in caplog.records if r.getMessage().startswith("background task failed")]
    assert len(starts) == 4 and pauses == [0.01, 0.02, 0.04]  # logged each time, backed off, doubling
    assert sup.tasks["flaky"].up and sup.tasks["flaky"].failures == 3
    stop.set()
    await asyncio.wait_for(task, 5)
    assert "flaky" not in sup.tasks


async def test_a_task_that_keeps_failing_is_reported_down_after_the_limit() -> None:
    """down_longer_than (what /readyz consults) names a task failing past the limit, and not before."""
    now = [0.0]
    sup = Supervisor(clock=lambda: now[0], settle=60)
    stop = asyncio.Event()
    failed = asyncio.Event()

    calls = [0]

    async def broken() -> None:
        calls[0] += 1
        if calls[0] == 4:  # three failures recorded: restarted again and again, still down
            failed.set()
        raise OSError("away")

    task = sup.supervise("broken", broken, stop=stop, backoff=(0.01, 0.01))
    await asyncio.wait_for(failed.wait(), 5)
    assert sup.tasks["broken"].failures >= 3 and not sup.tasks["broken"].up
    assert sup.down_longer_than(5) == []
    now[0] = 6.0
    assert sup.down_longer_than(5) == ["broken"]
    stop.set()
    await asyncio.wait_for(task, 5)
    assert sup.down_longer_than(5) == []
