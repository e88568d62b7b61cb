"""Nothing lost, nothing doubled, and bad input handled kindly — through the real pipeline and storage."""

from __future__ import annotations

from sqlmodel import select

from bot.core.messages import Inbound, Reply
from models.tables import Attachment, Complaint, Conversation, InboundMessage, OutgoingMessage, StatusChange
from tests.harness import ChatHarness

FULL_COMPLAINT: list[dict[str, object]] = [
    # the story tells the kind, title, date (about a week ago) and category: only the rest is asked
    {"text": "halo"}, {"choice": "complaint"},
    {"text": "Sampah di pasar Selong menumpuk sudah seminggu tidak diangkut"},
    {"text": "Pasar Selong"}, {"choice": "unknown"},
    {"media": ("photo", "photo-1")}, {"choice": "no"}, {"choice": "no"},  # a photo answers "Ada foto?"
    {"choice": "submit"},
]


async def _send(h: ChatHarness, step: dict[str, object], user: str = "warga") -> list[Reply]:
    if "media" in step:
        return await h.send(user, media=step["media"])  # type: ignore[arg-type]
    return await h.send(user, step.get("text"), choice=step.get("choice"))  # type: ignore[arg-type]


async def test_every_message_twice_gives_one_complaint_and_one_reply_each(harness: ChatHarness) -> None:
    """A webhook that redelivers everything: each message is answered once, one complaint is stored."""
    replies_per_message = []
    for step in FULL_COMPLAINT:
        first = await _send(harness, step)
        again = await harness.resend()
        assert again == [], f"a redelivered message was answered again: {step}"
        replies_per_message.append(first)
    assert all(replies_per_message), "every message got a reply"
    complaints = await harness.complaints()
    assert len(complaints) == 1
    assert await harness.count(InboundMessage) == len(FULL_COMPLAINT)
    assert await harness.count(OutgoingMessage) == sum(len(r) for r in replies_per_message)
    assert await harness.count(Attachment) == 1
    assert await harness.count(StatusChange) == 1


async def test_complaint_is_stored_with_every_field(harness: ChatHarness) -> None:
    """What the citizen said is what is stored, with history and attachment."""
    for step in FULL_COMPLAINT:
        await _send(harness, step)
    (complaint,) = await harness.complaints()
    assert complaint.classification == "pengaduan"
    assert complaint.title.startswith("Sampah di pasar Selong")
    assert complaint.location_text == "Pasar Selong"
    assert str(complaint.incident_date) == "2026-08-13"
    assert complaint.category == "lingkungan"
    assert complaint.status == "submitted"
    assert complaint.tracking_no == "LPR-222223T"
    async with harness.db.read() as session:
        (attachment,) = (await session.exec(select(Attachment))).all()
        assert (attachment.kind, attachment.file_ref) == ("photo", "photo-1")
        conversation = (await session.exec(select(Conversation))).one()
        assert conversation.flow == "menu" and conversation.state["answers"] == {}


async def test_recorded_but_unhandled_messages_are_handled_on_recovery(harness: ChatHarness) -> None:
    """A crash after recording and before handling loses nothing: recovery handles the message once."""
    inbox = harness.inbox
    inbound_id = await inbox.record(Inbound("telegram", "warga", "crash-1", text="halo"))
    assert inbound_id is not None
    assert await inbox.recover() == 1
    assert await inbox.recover() == 0
    assert await harness.count(OutgoingMessage) == 1
    assert (await inbox.process(inbound_id)).replies == []


async def test_two_citizens_do_not_see_each_others_state(harness: ChatHarness) -> None:
    """Conversations are per citizen."""
    await harness.send("ani", choice="complaint")
    replies = await harness.send("budi", "halo")
    assert replies[0].options[0].id == "complaint"
    replies = await harness.send("ani", "Lampu jalan di depan rumah mati sudah tiga hari")
    assert replies[0].expects == "location"


async def _at_story(h: ChatHarness) -> None:
    await h.send("warga", choice="complaint")  # the story is the first question


async def test_empty_text_gets_a_kind_reask(harness: ChatHarness) -> None:
    """An empty message is not an answer; the question is asked again with an example."""
    await _at_story(harness)
    (reply,) = await harness.send("warga", "   ")
    assert "terlalu pendek" in reply.text
    assert await harness.count(Complaint) == 0


async def test_very_long_text_is_refused_kindly(harness: ChatHarness) -> None:
    """20,000 characters: a clear message with the limit, no crash, nothing stored."""
    await _at_story(harness)
    (reply,) = await harness.send("warga", "jalan rusak " * 1700)
    assert "terlalu panjang" in reply.text and "5000" in reply.text
    (reply,) = await harness.send("warga", "x" * 20000)
    assert reply.text
    assert await harness.count(Complaint) == 0


async def test_only_emoji_is_not_an_answer(harness: ChatHarness) -> None:
    """Emoji alone are not a story, nor a label; the bot asks again and then offers a way out."""
    await _at_story(harness)
    first = await harness.send("warga", "😡😡😡")
    second = await harness.send("warga", "🙏")
    third = await harness.send("warga", "👍👍")
    assert "terlalu pendek" in first[0].text
    assert "tiga kata" in second[0].text
    assert {o.id for o in third[0].options} >= {"nav.retry", "nav.help", "nav.menu"}
    replies = await harness.send("warga", choice="nav.menu")
    assert replies[-1].options[0].id == "complaint"


async def test_unsupported_content_is_explained(harness: ChatHarness) -> None:
    """A sticker, poll or contact card: a kind explanation, then the same question again."""
    await _at_story(harness)
    msg = Inbound("telegram", "warga", "sticker-1", unsupported="poll")
    handled = await harness.inbox.handle(msg)
    assert "belum bisa kami baca" in handled.replies[0].text
    assert handled.replies[1].expects == "text"
    assert (await harness.inbox.handle(msg)).replies == []


async def test_media_at_a_question_that_wants_words_is_kept(harness: ChatHarness) -> None:
    """A photo sent while the bot asks for a date is stored with the complaint, and the date is asked again."""
    await _at_story(harness)
    replies = await harness.send("warga", "Jembatan di desa kami putus karena banjir")
    assert replies[-1].expects == "date"  # the title is read from the story
    replies = await harness.send("warga", media=("photo", "p-77"))
    assert "lampiran" in replies[0].text
    assert replies[1].expects == "date"


async def test_stale_button_is_refused_without_changing_anything(harness: ChatHarness) -> None:
    """A button from an old question: told it is closed, shown the current one."""
    await _at_story(harness)
    replies = await harness.send("warga", choice="aspirasi", stale=True)
    assert "sudah ditutup" in replies[0].text
    assert replies[1].expects == "text"


async def test_language_switch_and_english_flow(harness: ChatHarness) -> None:
    """"bahasa" offers languages; English stays for the rest of the conversation."""
    replies = await harness.send("warga", "bahasa")
    assert [o.id for o in replies[0].options] == ["lang.id", "lang.en"]
    replies = await harness.send("warga", "english")
    assert replies[0].text.startswith("All right")
    replies = await harness.send("warga", choice="complaint")
    assert replies[0].text.startswith("Tell us what happened")


async def test_telegram_language_hint_is_the_first_guess(harness: ChatHarness) -> None:
    """A Telegram user with an English phone starts in English."""
    replies = await harness.send("tourist", "hello", locale="en-GB")
    assert replies[0].text.startswith("Hello! This is LaporBot")


async def test_outgoing_rows_are_queued_in_order(harness: ChatHarness) -> None:
    """Replies are in the outbox in the order they were said."""
    await harness.send("warga", "halo")
    await harness.send("warga", "menu")
    async with harness.db.read() as session:
        rows = (await session.exec(select(OutgoingMessage).order_by(OutgoingMessage.id))).all()
    assert [r.status for r in rows] == ["pending"] * len(rows)
    assert rows[0].payload["text"].startswith("Halo!")


async def test_command_typos_count_only_where_they_are_no_answer(harness: ChatHarness) -> None:
    """"btal" (a typo of batal) cancels at a question it cannot answer; exact words always work."""
    await _at_story(harness)
    replies = await harness.send("warga", "btal")
    assert "dibatalkan" in replies[0].text
    await harness.send("warga", choice="complaint")
    replies = await harness.send("warga", "kembali")
    assert replies[-1].options[0].id == "complaint"
