"""A real telegram.Bot over AiohttpRequest (and PTB's HTTPXRequest) against the fake Bot API."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, CommandHandler, ContextTypes
from telegram.request import BaseRequest, HTTPXRequest

from handlers.telegram.request import AiohttpRequest, JsonBody
from tests.fakes.telegram_api import SECRET_HEADER, FakeTelegramAPI, Upload

# BadRequest texts are PTB's rewrite of Telegram's: "Bad Request: " stripped, then capitalize()d
# (which lower-cases the rest: "BUTTON_DATA_INVALID" -> "Button_data_invalid").
TOKEN = "123456:TEST-TOKEN"
CHAT = 6281
RequestFactory = Callable[..., BaseRequest]

KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Jalan rusak", callback_data="cat:road")],
        [InlineKeyboardButton("Lampu mati", callback_data="cat:light")],
    ]
)
KEYBOARD_JSON = {
    "inline_keyboard": [
        [{"text": "Jalan rusak", "callback_data": "cat:road"}],
        [{"text": "Lampu mati", "callback_data": "cat:light"}],
    ]
}


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramAPI]:
    async with FakeTelegramAPI() as server:
        yield server


# Every behavioural test runs on both transports: AiohttpRequest must act like PTB's default,
# and the fake must satisfy PTB's own httpx client too.
@pytest.fixture(params=["aiohttp", "httpx"])
def make_request(request: pytest.FixtureRequest) -> RequestFactory:
    return AiohttpRequest if request.param == "aiohttp" else HTTPXRequest


def make_bot(fake: FakeTelegramAPI, make_request: RequestFactory, **timeouts: Any) -> Bot:
    return Bot(
        TOKEN,
        base_url=fake.base_url,
        base_file_url=fake.base_file_url,
        request=make_request(**timeouts),
        # Without this PTB silently builds an HTTPXRequest for getUpdates.
        get_updates_request=make_request(connection_pool_size=1, **timeouts),
    )


@pytest.fixture
async def bot(fake: FakeTelegramAPI, make_request: RequestFactory) -> AsyncIterator[Bot]:
    async with make_bot(fake, make_request) as client:
        yield client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_get_me_gives_username_and_token_id(bot: Bot, fake: FakeTelegramAPI) -> None:
    me = await bot.get_me()
    assert (me.username, me.id, me.is_bot) == ("laporbot_test_bot", 123456, True)
    assert [c.method for c in fake.calls] == ["getMe", "getMe"]  # initialize() + ours


async def test_send_message_with_inline_keyboard(bot: Bot, fake: FakeTelegramAPI) -> None:
    first = await bot.send_message(CHAT, "Pilih kategori", reply_markup=KEYBOARD)
    second = await bot.send_message(CHAT, "Terima kasih")

    assert fake.sent_messages(CHAT) == [
        {"chat_id": CHAT, "text": "Pilih kategori", "reply_markup": KEYBOARD_JSON},
        {"chat_id": CHAT, "text": "Terima kasih"},
    ]
    assert fake.sent_messages(999) == []
    assert second.message_id > first.message_id
    assert first.chat.id == CHAT and first.from_user is not None and first.from_user.is_bot
    assert first.reply_markup == KEYBOARD


async def test_json_body_sends_the_same_message_as_json_on_aiohttp_and_as_a_form_on_httpx(
        bot: Bot, fake: FakeTelegramAPI) -> None:
    body = JsonBody({"chat_id": CHAT, "text": "Pilih kategori — ✓", "reply_markup": KEYBOARD_JSON, "x": None})
    message = await bot.request.post(f"{bot.base_url}/sendMessage", request_data=body)

    assert fake.sent_messages(CHAT) == [{"chat_id": CHAT, "text": "Pilih kategori — ✓", "reply_markup": KEYBOARD_JSON}]
    assert isinstance(message, dict) and message["message_id"]
    sent = fake.calls_to("sendMessage")[-1]
    json_expected = isinstance(bot.request, AiohttpRequest)
    assert sent.content_type == ("application/json" if json_expected else "application/x-www-form-urlencoded")


async def test_edit_reply_markup_and_answer_callback(bot: Bot, fake: FakeTelegramAPI) -> None:
    sent = await bot.send_message(CHAT, "Pilih kategori", reply_markup=KEYBOARD)
    update = fake.push_callback(CHAT, "cat:road", message_id=sent.message_id)
    query_id = update["callback_query"]["id"]

    assert await bot.answer_callback_query(query_id, text="OK")
    edited = await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=None)
    assert not isinstance(edited, bool) and edited.reply_markup is None
    assert fake.calls_to("editMessageReplyMarkup")[0].params == {"chat_id": CHAT, "message_id": sent.message_id}
    # Telegram rejects no-op edits and second answers; bot code must cope, so the fake does too.
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=None)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)


async def test_edit_message_text_replaces_keyboard(bot: Bot, fake: FakeTelegramAPI) -> None:
    sent = await bot.send_message(CHAT, "Pilih kategori", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text("Kategori: Jalan rusak", CHAT, sent.message_id)
    assert not isinstance(edited, bool)
    assert edited.text == "Kategori: Jalan rusak" and edited.reply_markup is None


async def test_429_raises_retry_after(bot: Bot, fake: FakeTelegramAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # opt in to timedelta values, no deprecation warning
    fake.fail_next("sendMessage", "429", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "halo")
    assert caught.value.retry_after == timedelta(seconds=7)
    await bot.send_message(CHAT, "halo")
    assert [c.status for c in fake.calls_to("sendMessage")] == [429, 200]
    assert len(fake.sent_messages(CHAT)) == 1


async def test_403_and_blocked_chat_raise_forbidden(bot: Bot, fake: FakeTelegramAPI) -> None:
    fake.fail_next("sendMessage", "403")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "halo")

    fake.block_chat(CHAT)
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_message(CHAT, "halo")
    await bot.send_message(CHAT + 1, "halo")
    fake.unblock_chat(CHAT)
    await bot.send_message(CHAT, "halo")
    assert [m["chat_id"] for m in fake.sent_messages()] == [CHAT + 1, CHAT]


async def test_500_raises_plain_network_error(bot: Bot, fake: FakeTelegramAPI) -> None:
    fake.fail_next("*", "500")
    with pytest.raises(NetworkError) as caught:
        await bot.send_message(CHAT, "halo")
    assert type(caught.value) is NetworkError  # not BadRequest/TimedOut, which subclass it
    assert "Internal Server Error" in caught.value.message


async def test_unreachable_server_raises_network_error(make_request: RequestFactory) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    async with make_request() as request:
        bot = Bot(TOKEN, base_url=f"{url}/bot", request=request, get_updates_request=request)
        with pytest.raises(NetworkError) as caught:
            await bot.get_me()
    assert not isinstance(caught.value, TimedOut)


async def test_long_poll_returns_pushed_update_and_offsets_confirm(bot: Bot, fake: FakeTelegramAPI) -> None:
    # A 10-minute long-poll: getting the update back at all proves it returned early, on the push;
    # the guard below only stops a broken build from hanging the suite (a failure bound, not a speed figure).
    poll = asyncio.create_task(bot.get_updates(timeout=600))
    await fake.wait_for(lambda: fake.calls_to("getUpdates"))
    pushed = fake.push_text(CHAT, "/start")
    updates = await asyncio.wait_for(poll, 120)

    assert [u.update_id for u in updates] == [pushed["update_id"]]
    message = updates[0].message
    assert message is not None and message.text == "/start"
    assert message.from_user is not None and message.from_user.language_code == "id"
    assert message.entities[0].type == "bot_command"

    fake.push_location(CHAT, -6.9147, 107.6098)
    again = await bot.get_updates(timeout=0)  # unconfirmed: /start is delivered again
    assert [u.update_id for u in again] == [pushed["update_id"], pushed["update_id"] + 1]
    assert again[1].message is not None and again[1].message.location is not None

    rest = await bot.get_updates(offset=again[-1].update_id + 1, timeout=0)
    assert rest == () and fake.pending_updates == []
    assert fake.calls_to("getUpdates")[-1].params["offset"] == pushed["update_id"] + 2


async def test_long_poll_outlasts_short_read_timeout(fake: FakeTelegramAPI, make_request: RequestFactory) -> None:
    # PTB adds the long-poll `timeout` to the request's read_timeout, so a short default
    # must not cut an idle poll.
    async with make_bot(fake, make_request, read_timeout=0.3) as bot:
        # The fake answers an idle poll only once its 1 s has passed, so an empty answer (not TimedOut)
        # proves the 0.3 s read timeout did not cut it.
        assert await bot.get_updates(timeout=1) == ()
        assert fake.calls_to("getUpdates")[-1].status == 200


async def test_get_updates_limit(bot: Bot, fake: FakeTelegramAPI) -> None:
    for n in range(5):
        fake.push_text(CHAT, f"pesan {n}")
    assert len(await bot.get_updates(limit=2, timeout=0)) == 2
    assert len(await bot.get_updates(timeout=0)) == 5


async def test_get_file_and_download(bot: Bot, fake: FakeTelegramAPI) -> None:
    content = b"\xff\xd8\xff\xe0 fake jpeg"
    update = fake.push_photo(CHAT, "AgADfotoJalan", content=content, caption="jalan berlubang")
    sizes = update["message"]["photo"]
    assert [s["width"] for s in sizes] == sorted(s["width"] for s in sizes)

    tg_file = await bot.get_file(sizes[-1]["file_id"])
    assert tg_file.file_size == len(content)
    assert tg_file.file_path is not None and tg_file.file_path.startswith(fake.base_file_url)
    assert bytes(await tg_file.download_as_bytearray()) == content
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("no-such-file")


async def test_get_file_refuses_files_over_20_mb(bot: Bot, fake: FakeTelegramAPI) -> None:
    fake.push_document(CHAT, "BQADbig", file_size=25 * 1024 * 1024)
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file("BQADbig")


async def test_multipart_send_document(bot: Bot, fake: FakeTelegramAPI) -> None:
    data = b"%PDF-1.4\n" + bytes(range(256)) * 64
    message = await bot.send_document(
        CHAT, data, filename="laporan_Jalan_Ü.pdf", caption="Bukti", reply_markup=KEYBOARD
    )

    params = fake.calls_to("sendDocument")[0].params
    assert params["document"] == Upload("laporan_Jalan_Ü.pdf", "application/pdf", data)
    assert (params["chat_id"], params["caption"], params["reply_markup"]) == (CHAT, "Bukti", KEYBOARD_JSON)
    assert message.document is not None and message.document.file_name == "laporan_Jalan_Ü.pdf"
    downloaded = await (await bot.get_file(message.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == data


async def test_send_photo_and_voice_by_file_id(bot: Bot, fake: FakeTelegramAPI) -> None:
    photo = await bot.send_photo(CHAT, "AgADexisting", caption="Foto")
    voice = await bot.send_voice(CHAT, b"OggS voice", filename="v.ogg")
    await bot.send_chat_action(CHAT, "typing")
    assert photo.photo[-1].file_id == "AgADexisting" and photo.caption == "Foto"
    assert voice.voice is not None
    assert fake.calls_to("sendPhoto")[0].params["photo"] == "AgADexisting"
    assert fake.calls_to("sendChatAction")[0].params == {"chat_id": CHAT, "action": "typing"}


async def test_slow_answer_times_out(fake: FakeTelegramAPI, make_request: RequestFactory) -> None:
    async with make_bot(fake, make_request, read_timeout=0.2) as bot:
        fake.fail_next("sendMessage", "slow", times=2, delay=1.0)
        # TimedOut itself proves neither waited out the 1 s delay: had it, the answer would have arrived.
        with pytest.raises(TimedOut):
            await bot.send_message(CHAT, "halo")  # default read timeout
        with pytest.raises(TimedOut):
            await bot.send_message(CHAT, "halo", read_timeout=0.1)  # per-call override
        # A per-call timeout longer than the delay wins over the short default.
        fake.fail_next("sendMessage", "slow", delay=0.4)
        await bot.send_message(CHAT, "halo", read_timeout=2)


async def test_pool_timeout_when_pool_is_exhausted(fake: FakeTelegramAPI, make_request: RequestFactory) -> None:
    request = make_request(connection_pool_size=1, pool_timeout=0.1)
    async with Bot(TOKEN, base_url=fake.base_url, request=request, get_updates_request=make_request()) as bot:
        fake.fail_next("sendMessage", "slow", delay=0.6)
        slow = asyncio.create_task(bot.send_message(CHAT, "lambat"))
        await fake.wait_for(lambda: fake.calls_to("sendMessage"))
        with pytest.raises(TimedOut, match="Pool timeout"):
            await bot.send_chat_action(CHAT, "typing")
        await slow
        await bot.send_chat_action(CHAT, "typing")  # the slot is free again


async def test_webhook_methods_and_conflict(bot: Bot, fake: FakeTelegramAPI) -> None:
    assert await bot.set_webhook("https://lapor.example/tg", secret_token="s3cret", max_connections=5)
    assert fake.webhook is not None
    assert (fake.webhook.url, fake.webhook.secret_token) == ("https://lapor.example/tg", "s3cret")
    info = await bot.get_webhook_info()
    assert (info.url, info.max_connections) == ("https://lapor.example/tg", 5)
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates(timeout=0)
    assert await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""


async def test_second_poller_terminates_first(bot: Bot, fake: FakeTelegramAPI, make_request: RequestFactory) -> None:
    # Two bot processes on one token; one Bot cannot overlap polls (getUpdates pool size is 1).
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_for(lambda: fake.calls_to("getUpdates"))
    async with make_bot(fake, make_request) as other:
        assert await other.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates"):
        await first


async def test_application_polling_answers_start(fake: FakeTelegramAPI, make_request: RequestFactory) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Selamat datang")

    app = (
        Application.builder()
        .token(TOKEN)
        .base_url(fake.base_url)
        .base_file_url(fake.base_file_url)
        .request(make_request())
        .get_updates_request(make_request(connection_pool_size=1))
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=2)
        fake.push_text(CHAT, "/start")
        fake.push_text(CHAT, "/start@laporbot_test_bot")
        replies = await fake.wait_for(lambda: len(fake.sent_messages(CHAT)) == 2 and fake.sent_messages(CHAT))
        await app.updater.stop()
        await app.stop()
    assert [r["text"] for r in replies] == ["Selamat datang"] * 2
    assert fake.pending_updates == []  # the stop-time getUpdates confirmed both
    assert fake.calls_to("deleteWebhook")


async def test_post_webhook_sends_secret_header(fake: FakeTelegramAPI) -> None:
    received: list[Update] = []

    async def on_update(request: web.Request) -> web.Response:
        if request.headers.get(SECRET_HEADER) != "s3cret":
            return web.Response(status=403)
        received.append(Update.de_json(await request.json(), None))
        return web.Response()

    app = web.Application()
    app.router.add_post("/tg", on_update)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        update = fake.make_contact(CHAT, "+628123456789", first_name="Siti")
        url = f"http://{host}:{port}/tg"
        assert await fake.post_webhook(url, update, secret="s3cret") == 200
        assert await fake.post_webhook(url, update) == 403
        assert await fake.post_webhook(url, fake.make_callback(CHAT, "yes", message_id=3), "s3cret") == 200
        assert await fake.post_webhook(url, fake.make_update("text", CHAT, "/lapor"), "s3cret") == 200
    finally:
        await runner.cleanup()
    contact = received[0].message.contact if received[0].message else None
    assert contact is not None and contact.user_id == CHAT and contact.first_name == "Siti"
    assert received[1].callback_query is not None and received[1].callback_query.data == "yes"
    assert received[2].message is not None and received[2].message.text == "/lapor"
    assert [u.update_id for u in received] == sorted({u.update_id for u in received})
    assert fake.pending_updates == []  # made, not pushed


async def test_fake_accepts_json_bodies_and_any_case(fake: FakeTelegramAPI) -> None:
    async with aiohttp.ClientSession() as session:
        body = {"chat_id": CHAT, "text": "hai", "reply_markup": '{"inline_keyboard": []}'}
        async with session.post(f"{fake.base_url}{TOKEN}/SENDMESSAGE", json=body) as response:
            payload = await response.json()
            assert response.status == 200 and payload["ok"] is True
        async with session.post(f"{fake.base_url}{TOKEN}/noSuchMethod") as response:
            assert response.status == 404
            assert (await response.json()) == {"ok": False, "error_code": 404, "description": "Not Found"}
        async with session.get(f"{fake.base_url}{TOKEN}/sendMessage", params={"chat_id": "1"}) as response:
            assert response.status == 400
            assert (await response.json())["description"] == "Bad Request: message text is empty"
    assert fake.sent_messages() == [{"chat_id": CHAT, "text": "hai", "reply_markup": {"inline_keyboard": []}}]


async def test_fake_rejects_oversized_callback_data(bot: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(CHAT, "halo", reply_markup=markup)


def test_aiohttp_request_builds_no_session_outside_a_loop() -> None:
    request = AiohttpRequest(read_timeout=3)
    assert request.session is None and request.read_timeout == 3


async def test_shutdown_closes_session_and_initialize_reopens(fake: FakeTelegramAPI) -> None:
    request = AiohttpRequest()
    bot = Bot(TOKEN, base_url=fake.base_url, request=request, get_updates_request=AiohttpRequest())
    assert request.session is None
    await bot.initialize()
    session = request.session
    assert session is not None and not session.closed
    await bot.shutdown()
    assert session.closed
    # PTB wraps any non-Telegram exception of do_request into NetworkError.
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post(f"{fake.base_url}{TOKEN}/getMe")
    await bot.initialize()
    assert request.session is not session
    assert (await bot.get_me()).username == "laporbot_test_bot"
    await bot.shutdown()
    await bot.shutdown()  # idempotent


async def test_session_is_created_lazily_without_initialize(fake: FakeTelegramAPI) -> None:
    request = AiohttpRequest()
    bot = Bot(TOKEN, base_url=fake.base_url, request=request, get_updates_request=AiohttpRequest())
    assert (await bot.get_me()).id == 123456
    assert request.session is not None
    # Bot.shutdown() skips requests it never initialized, so close it directly.
    await request.shutdown()
    assert request.session.closed
