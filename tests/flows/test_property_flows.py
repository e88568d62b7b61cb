"""Property-based: random texts, button presses, media, places, commands and bot-started flows, through the real
pipeline (guard, engine, storage) — never an exception, the stored state always valid, every reply renderable
on Telegram and on WhatsApp."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import col, select

from bot.conversation.guards import OpsSettings
from bot.core.clock import FixedClock
from bot.core.messages import Inbound, Location, Media, Reply
from flows.engine import Engine
from flows.library import default_engine
from flows.state import ConversationState
from handlers.telegram.adapter import MAX_TEXT, _split, keyboard
from handlers.whatsapp import render as whatsapp_render
from models.db import Database
from models.store import citizen_by_identity
from models.tables import Complaint, Conversation
from tests.harness import ChatHarness

WORDS = ["halo", "1", "2", "3", "4", "9", "0", "dua", "ya", "tidak", "iya", "gak", "batal", "kembali", "menu",
         "bantuan", "bahasa", "english", "?", "lanjut", "kirim", "kemarin", "hari ini", "17 agustus", "besok",
         "Puskesmas Sakra", "ds. paok motong", "Selong", "tidak tahu", "dinkes", "capil lotim", "kesehatan",
         "0812 3456 7890", "LPR-222223T", "lpr 12", "Jalan rusak di depan SDN 2 Pancor sudah tiga bulan berlubang",
         "kebakaran!", "tolong", "/hapusdata", "hapus data", "2️⃣", "👍", "👎", "", " ", "a" * 300, "🙂🙂"]
COMPLAINT: list[tuple[str, Any]] = [
    ("text", "halo"), ("choice", "complaint"), ("choice", "pengaduan"), ("text", "Jalan rusak di depan SDN 2 Pancor "
    "sudah tiga bulan berlubang"), ("choice", "auto"), ("choice", "yesterday"), ("text", "Pasar Selong"),
    ("choice", "unknown"), ("choice", "infrastruktur"), ("media", "photo"), ("choice", "done"), ("choice", "no"),
    ("choice", "no"), ("choice", "yes"), ("text", "0812 3456 7890"), ("choice", "edit"), ("choice", "body")]
COMMANDS = ["start", "cancel", "back", "help", "menu", "language", "status"]
BOT_FLOWS = ["complaint", "status", "survey", "help", "channel", "skm_menu", "feedback"]
OVERLAYS = {None, "language", "resume", "hapusdata"}

STORIES = ["Jalan rusak di depan SDN 2 Pancor sudah tiga bulan berlubang dan membahayakan anak sekolah",
           "Pelayanan KTP elektronik di kantor camat sangat lambat, saya sudah menunggu dua bulan",
           "Lampu jalan", "x"]
actions = st.one_of(
    st.tuples(st.just("pick"), st.integers(0, 12)),
    st.tuples(st.just("pick"), st.integers(0, 12)),
    st.tuples(st.just("text"), st.sampled_from(WORDS)),
    st.tuples(st.just("text"), st.text(max_size=60)),
    st.tuples(st.just("choice"), st.sampled_from(["submit", "nav.back", "nav.retry", "erase.yes", "lang.en",
                                                  "resume.continue", "zzz", "done", "skip", "yes"])),
    st.tuples(st.just("stale"), st.integers(0, 12)),
    st.tuples(st.just("media"), st.sampled_from(["photo", "document", "voice", "video"])),
    st.tuples(st.just("location"), st.tuples(st.floats(-11, 6), st.floats(95, 141))),
    st.tuples(st.just("command"), st.tuples(st.sampled_from(COMMANDS), st.sampled_from([None, "LPR-222223T",
                                                                                      "skm_dukcapil", "x"]))),
    st.tuples(st.just("unsupported"), st.sampled_from(["sticker", "contact", "poll"])),
    st.tuples(st.just("trigger"), st.sampled_from(BOT_FLOWS)),
    st.tuples(st.just("wait"), st.sampled_from([1, 45, 60 * 24, 60 * 24 * 4])),
    st.tuples(st.just("burst"), st.integers(5, 25)),
)


class Run:
    """One citizen driving the pipeline; remembers the last replies to press their buttons."""

    ids = itertools.count(1)

    def __init__(self, harness: ChatHarness, clock: FixedClock) -> None:
        self.h = harness
        self.clock = clock
        self.user = f"p{next(self.ids)}"
        self.last: list[Reply] = []
        self.prompt: str | None = None

    async def do(self, action: tuple[str, Any]) -> list[Reply]:
        """Perform one action; the replies it produced."""
        kind, value = action
        self.clock.advance(timedelta(seconds=4))
        if kind == "burst":  # many messages at once: the rate limit's turn
            return [r for i in range(value) for r in await self.do(("text", f"halo {i}"))]
        if kind == "wait":
            self.clock.advance(timedelta(minutes=value))
            return []
        if kind == "trigger":
            return await self._trigger(value)
        mid = f"{self.user}-{next(self.ids)}"
        base: dict[str, Any] = {"channel": "telegram", "user_id": self.user, "message_id": mid}
        offered = [o for r in self.last for o in (*r.options, *r.nav)]
        if kind == "answer":
            kind, value = self._answer(value)
        if kind in ("pick", "stale"):
            if not offered:
                base["text"] = "halo"
            else:
                base["choice_id"] = offered[value % len(offered)].id
                base["prompt_id"] = "0" if kind == "stale" else self.prompt
        elif kind == "text":
            base["text"] = value
        elif kind == "choice":
            base.update(choice_id=value, prompt_id=self.prompt)
        elif kind == "location" and isinstance(value, str):
            base["text"] = value
        elif kind == "media":
            base["media"] = (Media(value, f"file-{mid}", "application/octet-stream", 1000),)
        elif kind == "location":
            base["location"] = Location(*value)
        elif kind == "command":
            base.update(command=value[0], text=value[1])
        elif kind == "unsupported":
            base["unsupported"] = value
        handled = await self.h.inbox.handle(Inbound(**base))
        return self._remember(handled.replies)

    def _answer(self, seed: int) -> tuple[str, Any]:
        """A fitting answer to the last question, so that runs get deep into every flow."""
        last = self.last[-1] if self.last else None
        if last is None:
            return "text", "halo"
        options = [o.id for o in last.options if not o.id.startswith("nav.")]
        if options and (last.expects in ("choice", "yesno", "none") or seed % 3 == 0):
            return "choice", options[seed % len(options)]
        fitting: dict[str, tuple[str, Any]] = {
            "text": ("text", STORIES[seed % len(STORIES)] if seed % 5 else "Puskesmas Sakra"),
            "date": ("text", ["kemarin", "hari ini", "17 agustus 2026", "besok"][seed % 4]),
            "location": ("location", (-8.65, 116.53)) if seed % 2 else ("text", "Pasar Selong"),
            "media": ("media", "photo"),
        }
        return fitting.get(last.expects, ("text", "menu"))

    async def _trigger(self, flow: str) -> list[Reply]:
        async with self.h.db.read() as session:
            citizen = await citizen_by_identity(session, "telegram", self.user)
            complaint = None
            if citizen is not None:
                complaint = (await session.exec(select(Complaint).where(col(Complaint.citizen_id) == citizen.id)
                                                )).first()
        if citizen is None or citizen.id is None or (flow == "feedback" and complaint is None):
            return []
        preset = {"tracking_no": complaint.tracking_no, "complaint_id": complaint.id} if flow == "feedback" \
            and complaint is not None else None
        rows = await self.h.inbox.trigger(citizen.id, flow, preset)
        return self._remember([Reply.from_json(r.payload) for r in rows])

    def _remember(self, replies: list[Reply]) -> list[Reply]:
        if replies:
            self.last = replies
            for reply in replies:
                if reply.prompt_id:
                    self.prompt = reply.prompt_id
        return replies


def check_renderable(reply: Reply, engine: Engine) -> None:
    """What Telegram and WhatsApp would refuse: empty text, oversized buttons, lists or bodies."""
    assert isinstance(reply.text, str) and reply.text.strip(), f"an empty message: {reply}"
    assert all(len(chunk) <= MAX_TEXT for chunk in _split(reply.text))
    markup = keyboard(reply)
    if markup is not None:
        for row in markup.inline_keyboard:
            for button in row:
                assert button.text and len(button.callback_data.encode()) <= 64  # type: ignore[union-attr]
    for locale in engine.catalog.locales:
        for message in whatsapp_render.render(reply, "6281234567890", engine.catalog, locale):
            if message["type"] == "text":
                assert 0 < len(message["text"]["body"]) <= whatsapp_render.TEXT_LIMIT
                continue
            body = message["interactive"]
            assert 0 < len(body["body"]["text"]) <= whatsapp_render.LIST_BODY_LIMIT
            action = body["action"]
            if body["type"] == "button":
                buttons = action["buttons"]
                assert 1 <= len(buttons) <= whatsapp_render.MAX_BUTTONS
                assert all(0 < len(b["reply"]["title"]) <= whatsapp_render.BUTTON_TITLE_LIMIT for b in buttons)
                assert len({b["reply"]["id"] for b in buttons}) == len(buttons)
                assert len(body["body"]["text"]) <= whatsapp_render.BUTTON_BODY_LIMIT
            elif body["type"] == "list":
                rows = [r for section in action["sections"] for r in section["rows"]]
                assert 1 <= len(rows) <= whatsapp_render.MAX_ROWS
                assert all(0 < len(r["title"]) <= whatsapp_render.ROW_TITLE_LIMIT for r in rows)
                assert all(len(r.get("description", "")) <= whatsapp_render.ROW_DESCRIPTION_LIMIT for r in rows)
                assert len({r["id"] for r in rows}) == len(rows)
                assert 0 < len(action["button"]) <= whatsapp_render.LIST_BUTTON_LIMIT


async def check_stored_state(db: Database, user: str, engine: Engine) -> None:
    """The conversation row holds a state the engine can continue from, on any replica."""
    async with db.read() as session:
        citizen = await citizen_by_identity(session, "telegram", user)
        if citizen is None:
            return
        row = (await session.exec(select(Conversation).where(col(Conversation.citizen_id) == citizen.id))).first()
    if row is None:
        return
    json.dumps(row.state)
    state = ConversationState.from_json(row.state)
    assert state.to_json() == {**ConversationState().to_json(), **row.state}, "no unknown fields"
    assert state.overlay in OVERLAYS
    assert state.invalid >= 0 and state.prompt_seq >= 0
    if state.flow is not None:
        flow = engine.flows[state.flow]
        assert state.step is not None and flow.has_step(state.step)
        assert all(flow.has_step(s) for s in state.history)
        assert (row.flow, row.step) == (state.flow, state.step)
    if state.draft:
        draft_flow = engine.flows[state.draft["flow"]]
        assert draft_flow.has_step(state.draft["step"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(prefix=st.integers(0, len(COMPLAINT)),
       steps=st.lists(st.tuples(st.integers(0, 1000), actions), min_size=5, max_size=40))
async def test_random_conversations_never_break(db: Database, clock: FixedClock, prefix: int,
                                                steps: list[tuple[int, tuple[str, Any]]]) -> None:
    """Whatever a citizen does, in any order, on every flow: first part of a complaint (so that runs start deep
    in it too), then steps of which three in four answer the question asked and the fourth is anything at all."""
    harness = ChatHarness(db, clock, ops=OpsSettings())
    engine = default_engine()
    run = Run(harness, clock)
    for action in COMPLAINT[:prefix]:
        for reply in await run.do(action):
            check_renderable(reply, engine)
    for seed, anything in steps:
        action = anything if seed % 4 == 0 else ("answer", seed)
        for reply in await run.do(action):
            check_renderable(reply, engine)
        await check_stored_state(db, run.user, engine)
