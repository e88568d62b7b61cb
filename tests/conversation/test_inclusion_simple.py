"""Simple mode for screen readers and low literacy: chosen by a word, kept per citizen, on every reply."""

from __future__ import annotations

from sqlmodel import select

from bot.core.labels import simple_messages
from models.tables import Citizen
from tests.harness import ChatHarness


async def simple_flag(harness: ChatHarness, user: str) -> bool:
    """The citizen's stored preference."""
    async with harness.db.read() as session:
        citizen = (await session.exec(select(Citizen).where(Citizen.channel_user_id == user))).one()
        return citizen.simple_mode


async def test_mode_sederhana_is_kept_and_marks_every_reply(harness: ChatHarness) -> None:
    """"mode sederhana" at a question: said plainly, the question again, every later reply simple; off again."""
    await harness.send("sari", "halo")
    await harness.send("sari", choice="complaint")
    await harness.send("sari", "Jalan di depan sekolah")  # a story that tells no kind of report: the kind is asked
    replies = await harness.send("sari", "Mode Sederhana")
    assert await simple_flag(harness, "sari")
    assert "Mode sederhana aktif" in replies[0].text and all(r.simple for r in replies)
    assert {o.id for o in replies[-1].options} >= {"pengaduan", "aspirasi"}, "the same question again"
    *_, question = simple_messages(replies[-1])
    assert "1. Pengaduan" in question and "2. Aspirasi" in question
    after = await harness.send("sari", "1")  # a number answers it
    assert all(r.simple for r in after) and after[-1].expects == "date"  # the title is made from the story
    assert not (await harness.send("budi", "halo"))[0].simple, "others are not affected"
    off = await harness.send("sari", "mode biasa")
    assert not await simple_flag(harness, "sari") and not any(r.simple for r in off)


async def test_simple_at_the_menu_and_in_english(harness: ChatHarness) -> None:
    """Before any flow: the menu follows; English words work too."""
    replies = await harness.send("tom", "simple", locale="en")
    assert await simple_flag(harness, "tom")
    assert "Simple mode is on" in replies[0].text
    assert {o.id for o in replies[-1].options} >= {"complaint", "status"}


async def test_a_story_mentioning_simple_is_no_switch(harness: ChatHarness) -> None:
    """Only the whole message switches: a story with the word in it is a story."""
    await harness.send("eka", "halo")
    await harness.send("eka", choice="complaint")  # the story is the first question
    await harness.send("eka", "Prosedur di kantor desa tidak sederhana, harus bolak balik lima kali")
    assert not await simple_flag(harness, "eka")


async def test_help_offers_simple_mode(harness: ChatHarness) -> None:
    """The help text names the switch."""
    replies = await harness.send("fitri", "bantuan")
    assert any("mode sederhana" in r.text for r in replies)


async def test_notifications_to_a_simple_mode_citizen_are_simple(harness: ChatHarness) -> None:
    """A status change or an admin's question reaches a simple-mode citizen as plain text too."""
    from bot.core.messages import Option, Reply

    await harness.send("gita", "mode sederhana")
    async with harness.db.write() as session:
        citizen = (await session.exec(select(Citizen).where(Citizen.channel_user_id == "gita"))).one()
        rows = await harness.inbox.notify(session, citizen.id or 0,
                                          [Reply("✅ Laporan Anda selesai. Puas?", (Option("yes", "Ya"),), "yesno")])
    assert Reply.from_json(rows[0].payload).simple
