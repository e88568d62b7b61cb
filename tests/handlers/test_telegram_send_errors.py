"""How the Telegram sender reads the Bot API's refusals: a 400 is given up at once, a network fault is retried."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.core.i18n import default_catalog
from bot.core.messages import Reply
from bot.outbox.delivery import SendError
from handlers.telegram.adapter import TelegramSender
from handlers.telegram.channel import make_bot
from tests.fakes.telegram_api import FakeTelegramAPI

TOKEN = "123456:SEND-ERRORS"


@pytest.fixture
async def sender() -> AsyncIterator[tuple[FakeTelegramAPI, TelegramSender]]:
    fake = FakeTelegramAPI()
    await fake.start()
    bot = make_bot(TOKEN, fake.base_url, fake.base_file_url)
    await bot.initialize()
    try:
        yield fake, TelegramSender(bot, default_catalog())
    finally:
        await bot.shutdown()
        await fake.stop()


async def test_a_bad_request_is_permanent(sender: tuple[FakeTelegramAPI, TelegramSender]) -> None:
    """PTB's BadRequest is a NetworkError too: read as one, a 400 would be retried until the attempts ran out."""
    _, send = sender
    with pytest.raises(SendError) as info:
        await send.send("6281", Reply(text=""))  # the Bot API answers 400 "text is empty"
    assert info.value.permanent and str(info.value).startswith("bad_request")


async def test_a_server_error_is_retried(sender: tuple[FakeTelegramAPI, TelegramSender]) -> None:
    fake, send = sender
    fake.fail_next("sendMessage", "500")
    with pytest.raises(SendError) as info:
        await send.send("6281", Reply(text="halo"))
    assert not info.value.permanent
    assert await send.send("6281", Reply(text="halo")) is not None  # the retry goes through
