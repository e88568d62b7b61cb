"""Random JSON at every channel boundary of the real process: never a 5xx, never a crash, good updates handled.

Hypothesis mutates real-looking Telegram updates and WhatsApp webhooks (types swapped, fields removed, values
replaced by random JSON, extra nesting) and also sends arbitrary JSON; each is posted to the running
`laporbot run` (WhatsApp bodies signed correctly, so they pass the signature check) or queued for its
getUpdates loop. Beside every random body a well-formed update from a fresh citizen goes in; all of them
must be answered, and the process must stay up and ready. Issue 13, item 6.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.db import Database
from tests.conversation.test_poison_e2e import SECRET, _env, _webhook_env
from tests.fakes.graph_api import ACCESS_TOKEN, PHONE_NUMBER_ID, FakeGraphAPI, make_webhook, sign, text_message
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.procs import LaporbotProcess

pytestmark = pytest.mark.slow
T = TypeVar("T")
EXAMPLES = 80
WA_SECRET = "fuzz-app-secret"
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
                suppress_health_check=list(HealthCheck))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, bases: list[dict[str, Any]], keep: tuple[str, ...] = ()) -> Any:
    """A real-looking document with a few values swapped for random JSON, removed, or nested deeper."""
    if draw(st.integers(0, 9)) == 0:
        return draw(json_values)  # now and then, anything at all
    doc = copy.deepcopy(draw(st.sampled_from(bases)))
    huge = False
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p[0] not in keep]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        how = draw(st.sampled_from(["replace", "delete", "wrap", "huge"]))
        if how == "replace":
            parent[path[-1]] = draw(json_values)
        elif how == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif how == "wrap":
            parent[path[-1]] = [parent[path[-1]]] if draw(st.booleans()) else {"x": parent[path[-1]]}
        elif how == "huge" and not huge and len(json.dumps(parent[path[-1]])) <= 200:
            # a long array of one small value, once per document: copies of copies would grow without bound
            huge = True
            parent[path[-1]] = [parent[path[-1]]] * 2000
    return doc


class LoopBridge:
    """Runs coroutines on the test's event loop from hypothesis's (synchronous) examples in a worker thread."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()

    def run(self, make: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """Run one coroutine on the loop and wait for it."""
        return asyncio.run_coroutine_threadsafe(make(), self.loop).result(timeout=120)


async def _status(http: aiohttp.ClientSession, url: str, raw: bytes, headers: dict[str, str]) -> int:
    async with http.post(url, data=raw, headers={"Content-Type": "application/json", **headers}) as resp:
        return resp.status


def _encode(doc: Any) -> bytes:
    return json.dumps(doc).encode()


async def _ready(http: aiohttp.ClientSession, bot: LaporbotProcess) -> int:
    async with http.get(f"{bot.url}/readyz") as resp:
        return resp.status


async def test_telegram_webhook_takes_random_json_without_a_5xx(fake: FakeTelegramAPI, db: Database,
                                                                tmp_path: Path) -> None:
    """Mutated updates and arbitrary JSON to /webhooks/telegram: always 2xx; every well-formed update answered."""
    env, url = _webhook_env(fake, db, tmp_path)
    bot = LaporbotProcess(env, tmp_path / "bot.log")
    await bot.start()
    bridge = LoopBridge()
    bases = [fake.make_text(11, "halo"), fake.make_text(11, "/start"), fake.make_location(11, -8.6, 116.5),
             fake.make_photo(11, "p1"), fake.make_document(11, "d1"), fake.make_callback(11, "1|x", message_id=2),
             fake.make_contact(11, "+6281234567890"), fake.make_text(-100, "halo", chat_type="group")]
    good: list[int] = []
    try:
        async with aiohttp.ClientSession() as http:
            @FUZZ
            @given(doc=mutated(bases))
            def one(doc: Any) -> None:
                header = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
                status = bridge.run(lambda: _status(http, url, _encode(doc), header))
                assert status < 500, doc
                chat = 10**12 + len(good)
                update = fake.make_text(chat, "/start")
                update["update_id"] = 2**50 + len(good)  # never a random update's id (those are deduplicated)
                good.append(chat)
                assert bridge.run(lambda: _status(http, url, _encode(update),
                                                  {"X-Telegram-Bot-Api-Secret-Token": SECRET})) == 200

            await asyncio.to_thread(one)
            deep = b'{"update_id": 3, "message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
            assert await _status(http, url, deep, {"X-Telegram-Bot-Api-Secret-Token": SECRET}) == 200
            for chat in good:
                await fake.wait_for(lambda chat=chat: len(fake.sent_messages(chat)) >= 1, 60)
            assert await _ready(http, bot) == 200
    finally:
        assert await bot.stop() == 0


async def test_whatsapp_webhook_takes_random_signed_json_without_a_5xx(db: Database, tmp_path: Path) -> None:
    """Mutated webhooks and arbitrary JSON, correctly signed: always 2xx; every well-formed message answered."""
    async with FakeGraphAPI() as graph:
        env = {"WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
               "WHATSAPP_APP_SECRET": WA_SECRET, "WHATSAPP_VERIFY_TOKEN": "v", "WHATSAPP_API_BASE_URL": graph.base_url,
               "WHATSAPP_MARK_READ": "0", "DATABASE_URL": db.url, "LAPORBOT_PORT": "0",
               "LAPORBOT_RATE_LIMIT_PER_MINUTE": "0"}
        bot = LaporbotProcess(env, tmp_path / "bot.log")
        await bot.start()
        url = f"{bot.url}/webhooks/whatsapp"
        bridge = LoopBridge()
        bases = [make_webhook([text_message("halo")]), load_fixture("location"), load_fixture("image"),
                 load_fixture("button_reply"), load_fixture("statuses"), load_fixture("contacts")]
        good: list[str] = []
        try:
            async with aiohttp.ClientSession() as http:
                @FUZZ
                @given(doc=mutated(bases))
                def one(doc: Any) -> None:
                    raw = _encode(doc)
                    status = bridge.run(lambda: _status(http, url, raw, {"X-Hub-Signature-256": sign(raw, WA_SECRET)}))
                    assert status < 500, doc
                    wa_id = f"62899{len(good):07d}"
                    body = _encode(make_webhook([text_message("menu", wa_id=wa_id, wamid=f"wamid.good.{len(good)}")]))
                    good.append(wa_id)
                    assert bridge.run(lambda: _status(http, url, body,
                                                      {"X-Hub-Signature-256": sign(body, WA_SECRET)})) == 200

                await asyncio.to_thread(one)
                for wa_id in good:
                    await graph.wait_for(lambda wa_id=wa_id: len(graph.sent(wa_id)) >= 1, 60)
                assert await _ready(http, bot) == 200
        finally:
            assert await bot.stop() == 0


async def test_polling_takes_random_updates_without_stalling(fake: FakeTelegramAPI, db: Database,
                                                             tmp_path: Path) -> None:
    """Mutated updates in getUpdates answers: each confirmed (never fetched forever), the loop alive, good ones
    answered. Before: PTB's Update.de_json raised on them and the poll task died (or fetched them forever)."""
    bot = LaporbotProcess(_env(fake, db, tmp_path, LAPORBOT_TASK_DOWN_SECONDS="5"), tmp_path / "bot.log")
    await bot.start()
    bridge = LoopBridge()
    bases = [fake.make_text(11, "halo"), fake.make_location(11, -8.6, 116.5), fake.make_photo(11, "p1"),
             fake.make_callback(11, "1|x", message_id=2)]
    good: list[int] = []
    try:
        @settings(FUZZ, max_examples=EXAMPLES // 2)
        @given(doc=mutated(bases, keep=("update_id",)))
        def one(doc: Any) -> None:
            async def push() -> None:
                update = fake.make_text(11, "x")  # the fake's next update_id, as Telegram numbers them
                update = {**(doc if isinstance(doc, dict) else {"message": doc}), "update_id": update["update_id"]}
                fake.push_update(update)
                chat = 10**12 + len(good)
                good.append(chat)
                fake.push_text(chat, "/start")

            bridge.run(push)

        await asyncio.to_thread(one)
        for chat in good:
            await fake.wait_for(lambda chat=chat: len(fake.sent_messages(chat)) >= 1, 60)
        await fake.wait_for(lambda: not fake.pending_updates, 60)  # every update confirmed
        async with aiohttp.ClientSession() as http:
            assert await _ready(http, bot) == 200
    finally:
        assert await bot.stop() == 0


def load_fixture(name: str) -> dict[str, Any]:
    """A recorded WhatsApp webhook (tests/fixtures/whatsapp)."""
    path = Path(__file__).parents[1] / "fixtures" / "whatsapp" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
async def fake() -> Any:
    """A fake Bot API on 127.0.0.1."""
    async with FakeTelegramAPI() as api:
        yield api
