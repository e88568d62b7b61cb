"""Telegram updates become our messages; our replies become keyboards Telegram accepts."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.core.messages import Option, Reply
from handlers.telegram.adapter import MAX_FILE, Throttle, _split, callback_data, keyboard, parse_update
from tests.fakes.telegram_api import FakeTelegramAPI

BOT_ID = 7000000001
fake = FakeTelegramAPI()


def test_text_command_and_deep_link() -> None:
    """/start with a payload reaches the engine as the start command with the payload."""
    parsed = parse_update(fake.make_text(5, "/start skm_PKM01"), BOT_ID, "laporbot_test_bot")
    assert parsed.inbound is not None
    assert (parsed.inbound.command, parsed.inbound.text) == ("start", "skm_PKM01")
    assert parse_update(fake.make_text(5, "/batal"), BOT_ID).inbound.command == "cancel"  # type: ignore[union-attr]
    assert parse_update(fake.make_text(5, "/status LPR-222223T"), BOT_ID).inbound.text == "LPR-222223T"  # type: ignore[union-attr]
    other_bot = parse_update(fake.make_text(5, "/start@another_bot"), BOT_ID, "laporbot_test_bot")
    assert other_bot.inbound is None


def test_language_code_is_only_a_hint_and_ids_are_per_bot() -> None:
    """The update id is prefixed with the bot id; language_code travels as a hint."""
    update = fake.make_text(5, "hello", language_code="en")
    parsed = parse_update(update, BOT_ID)
    assert parsed.inbound is not None
    assert parsed.inbound.locale_hint == "en"
    assert parsed.inbound.message_id == f"{BOT_ID}:{update['update_id']}"


def test_button_press_carries_prompt_and_option() -> None:
    """Callback data "prompt|option" is split; the pressed message is remembered for closing its keyboard."""
    parsed = parse_update(fake.make_callback(5, "12|pengaduan", message_id=44), BOT_ID)
    assert parsed.inbound is not None
    assert (parsed.inbound.prompt_id, parsed.inbound.choice_id) == ("12", "pengaduan")
    assert parsed.callback_id and parsed.callback_message_id == 44


@pytest.mark.parametrize(("update", "kind"), [
    (fake.make_photo(5, "ph1"), "photo"), (fake.make_document(5, "doc1"), "document"),
    (fake.make_voice(5, "v1"), "voice"), (fake.make_video(5, "vid1"), "video"),
])
def test_media_become_attachments_by_file_id(update: dict, kind: str) -> None:  # type: ignore[type-arg]
    """Photos (largest size), documents, voice notes and videos are kept by file id."""
    parsed = parse_update(update, BOT_ID)
    assert parsed.inbound is not None and parsed.inbound.media[0].kind == kind
    if kind == "photo":
        assert parsed.inbound.media[0].ref == update["message"]["photo"][-1]["file_id"]


def test_too_large_sticker_and_contact_are_explained_not_stored() -> None:
    """Files over 20 MB, stickers and contact cards (with someone's phone number) are not answers."""
    big = fake.make_document(5, "huge")
    big["message"]["document"]["file_size"] = MAX_FILE + 1
    assert parse_update(big, BOT_ID).inbound.unsupported == "too_large"  # type: ignore[union-attr]
    assert parse_update(fake.make_sticker(5, "st1"), BOT_ID).inbound.unsupported == "sticker"  # type: ignore[union-attr]
    contact = parse_update(fake.make_contact(5, "+6281234567890"), BOT_ID).inbound
    assert contact is not None and contact.unsupported == "contact" and "628" not in str(contact.to_json())


def test_location_and_groups() -> None:
    """A shared location is a point; a group message runs no citizen flow."""
    parsed = parse_update(fake.make_location(5, -8.6, 116.5), BOT_ID)
    assert parsed.inbound is not None and parsed.inbound.location is not None
    group = parse_update(fake.make_text(-100, "halo", chat_type="group"), BOT_ID)
    assert group.inbound is None and group.group


def test_keyboard_layout_and_callback_size() -> None:
    """Short labels two per row, long ones alone, navigation last; callback data within 64 bytes."""
    reply = Reply("Pilih", tuple(Option(f"o{i}", f"Pilihan {i}") for i in range(5)), "choice", "7",
                  (Option("nav.back", "Kembali"), Option("nav.cancel", "Batal")))
    rows = keyboard(reply).inline_keyboard  # type: ignore[union-attr]
    assert [len(r) for r in rows] == [2, 2, 1, 2]
    assert rows[0][0].callback_data == "7|o0"
    long = Option("x" * 80, "Label")
    assert len(callback_data(reply, long).encode()) <= 64


def test_long_text_is_split_at_line_breaks() -> None:
    """Above 4,096 characters the text goes in several messages."""
    parts = _split(("baris panjang " * 40 + "\n") * 20)
    assert len(parts) == 3 and all(len(p) <= 4096 for p in parts)


async def test_throttle_keeps_one_chat_near_one_message_per_second() -> None:
    """A burst of three, then about one per second for the same chat; other chats are not held up."""
    throttle = Throttle(per_second=1000, chat_burst=3)
    start = time.monotonic()
    for _ in range(5):
        await throttle.wait("a")
    assert time.monotonic() - start >= 1.0
    other = asyncio.create_task(throttle.wait("b"))
    await asyncio.sleep(0)
    assert other.done()  # went straight through: chat "a"'s wait is not chat "b"'s
