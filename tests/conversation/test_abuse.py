"""Abuse and bad input in front of the engine: rate limit, duplicate complaints, emergency numbers."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.conversation.guards import EmergencyWords, OpsSettings
from bot.core.clock import FixedClock
from bot.core.i18n import default_catalog
from bot.core.messages import Reply
from models.tables import Complaint, InboundMessage
from tests.harness import ChatHarness

STORY = "Sampah di pasar Selong menumpuk sudah seminggu tidak diangkut"
# Every question of a complaint, by how it begins; the story first, so what it tells is not asked.
ANSWERS: dict[str, dict[str, str]] = {
    "Laporan Anda termasuk": {"choice": "pengaduan"}, "Kapan": {"choice": "yesterday"},
    "Di mana": {"text": "Pasar Selong"}, "Dari cerita Anda": {"choice": "unknown"},
    "Laporan ini untuk instansi": {"choice": "unknown"}, "Masalahnya": {"choice": "lingkungan"},
    "Ada foto": {"choice": "done"}, "Rahasiakan identitas": {"choice": "no"}, "Boleh kami simpan": {"choice": "no"},
    "Ini yang kami catat": {"choice": "submit"}}


def guard(h: ChatHarness, **settings: object) -> ChatHarness:
    """A harness on the same database and clock with the guard stages in front of the engine."""
    return ChatHarness(h.db, h.clock, ops=OpsSettings(**settings))  # type: ignore[arg-type]


async def file(h: ChatHarness, user: str, story: str = STORY, *, until: str | None = None) -> list[Reply]:
    """One whole complaint (or up to the question beginning with `until`); the replies to the last message."""
    await h.send(user, "halo")
    await h.send(user, choice="complaint")
    return await h.answer(user, await h.send(user, story), ANSWERS, until=until)


async def test_flooding_citizen_is_slowed_once_recorded_always_others_unaffected(harness: ChatHarness,
                                                                                 clock: FixedClock) -> None:
    """>20 messages a minute: one friendly slow-down, then silence until the minute passes; all recorded."""
    harness = guard(harness)
    answered = [await harness.send("banjir", f"halo {i}") for i in range(25)]
    assert all(answered[i] for i in range(20))
    (slow,) = answered[20]
    assert "tunggu sebentar" in slow.text
    assert answered[21:] == [[], [], [], []]
    assert await harness.send("tetangga", "halo"), "another citizen is answered as usual"
    async with harness.db.read() as session:
        rows = (await session.exec(select(InboundMessage.status))).all()
    assert len(rows) == 26 and set(rows) == {"handled"}, "every message is kept, none is pending"
    clock.advance(timedelta(seconds=61))
    back = await harness.send("banjir", "menu")
    assert back and "tunggu" not in back[0].text


async def test_rate_limit_can_be_turned_off(harness: ChatHarness) -> None:
    """LAPORBOT_RATE_LIMIT_PER_MINUTE=0: no limit."""
    harness = guard(harness, rate_limit=0)
    assert all([await harness.send("cepat", f"halo {i}") for i in range(25)])


async def test_same_story_within_a_day_is_already_reported(harness: ChatHarness, clock: FixedClock) -> None:
    """Typing the same story again: "sudah dilaporkan" with the first number, back at the menu; after 24 h, new."""
    harness = guard(harness, rate_limit=0)
    await file(harness, "ani")
    (first,) = await harness.complaints()
    clock.advance(timedelta(hours=3))
    await harness.send("ani", choice="complaint")  # the story is the first question
    replies = await harness.send("ani", "sampah di Pasar Selong menumpuk, sudah seminggu tidak diangkut!")
    assert "sudah dilaporkan" in replies[0].text and first.tracking_no in replies[0].text
    assert {o.id for o in replies[-1].options} >= {"complaint", "status"}, "the menu follows"
    assert len(await harness.complaints()) == 1
    assert "sudah dilaporkan" not in (await file(harness, "budi"))[0].text, "another citizen's same story is new"
    clock.advance(timedelta(hours=22))
    done = await file(harness, "ani")
    assert "Nomor laporan" in done[0].text
    assert len(await harness.complaints()) == 3


async def test_duplicate_found_at_submission_names_the_existing_number(harness: ChatHarness) -> None:
    """A complaint whose story matches one filed meanwhile is not stored twice; the confirmation says so."""
    harness = guard(harness, rate_limit=0)
    await file(harness, "citra")
    lampu = "Lampu jalan di gang kami mati sudah dua minggu"
    summary = await file(harness, "citra", lampu, until="Ini yang kami catat")
    assert summary[-1].text.startswith("Ini yang kami catat")
    async with harness.db.write() as session:  # the first complaint's story is now the same as the draft's
        (first,) = (await session.exec(select(Complaint))).all()
        first.body = lampu
        session.add(first)
    replies = await harness.send("citra", choice="submit")
    assert "sudah dilaporkan" in replies[0].text and first.tracking_no in replies[0].text
    assert len(await harness.complaints()) == 1


async def test_emergency_numbers_come_first_and_not_on_every_message(harness: ChatHarness,
                                                                     clock: FixedClock) -> None:
    """Emergency words: 112/110/113/119 before anything else, not again within 30 minutes; "tolong …" is no cry."""
    harness = guard(harness)
    replies = await harness.send("dewi", "Tolong! Ada kebakaran di pasar Selong")
    for number in ("112", "110", "113", "119"):
        assert number in replies[0].text
    assert len(replies) >= 2, "the conversation goes on after the numbers"
    again = await harness.send("dewi", "kebakaran lagi")
    assert "112" not in again[0].text
    clock.advance(timedelta(minutes=31))
    assert "112" in (await harness.send("dewi", "darurat"))[0].text
    assert "112" not in (await harness.send("eko", "tolong diperbaiki jalan rusak di desa kami"))[0].text


async def test_emergency_numbers_even_when_rate_limited(harness: ChatHarness) -> None:
    """Someone panicking sends many messages: the limit never hides the emergency numbers."""
    harness = guard(harness, rate_limit=3)
    for i in range(3):
        await harness.send("fajar", f"pesan {i}")
    replies = await harness.send("fajar", "TOLONG KECELAKAAN")
    assert "112" in replies[0].text and "tunggu" in replies[1].text


def test_emergency_words_and_settings() -> None:
    """Strong words, phrases, typos; weak words only as a cry; settings checked with one line per problem."""
    words = EmergencyWords.from_catalog(default_catalog())
    assert words.match("ada KECELAKAAN di jalan raya")
    assert words.match("kebakran rumah warga")
    assert words.match("minta tolong pak")
    assert words.match("help!")
    assert not words.match("tolong diperbaiki lampu jalan di gang kami")
    assert not words.match("jalan berlubang")
    settings, problems = OpsSettings.parse({"LAPORBOT_RATE_LIMIT_PER_MINUTE": "lots",
                                            "LAPORBOT_RETENTION_DAYS": "0", "LAPORBOT_DUPLICATE_HOURS": "12"})
    assert settings.duplicate_window == timedelta(hours=12) and settings.rate_limit == 20
    assert len(problems) == 2 and problems[0].startswith("LAPORBOT_RATE_LIMIT_PER_MINUTE")


async def test_limited_messages_count_only_the_citizens_own(harness: ChatHarness) -> None:
    """The window counts one citizen's messages; a crowd of others in the same minute does not limit anybody."""
    harness = guard(harness, rate_limit=5)
    for i in range(30):
        assert await harness.send(f"warga{i}", "halo")
    async with harness.db.read() as session:
        handled = (await session.exec(select(InboundMessage).where(col(InboundMessage.status) == "handled"))).all()
    assert len(handled) == 30


async def test_a_message_of_no_words_answers_no_question(harness: ChatHarness) -> None:
    """An invisible character or a lone dot at the photo question is no "Lanjut": asked again, kindly, and after
    three such, the way out; the question is not skipped behind the citizen's back."""
    replies = await file(harness, "kosong", until="Ada foto")
    asked = replies[-1].text
    for invisible in ("\u200b", ".", "\u200b\u200d"):
        replies = await harness.send("kosong", invisible)
        assert not replies[-1].text.startswith("Rahasiakan identitas")
        assert replies[-1].options[0].id == "done"
    assert any(o.id == "nav.agent" for o in replies[-1].options)  # stuck: the way out is offered
    replies = await harness.send("kosong", "lanjut")
    assert replies[-1].text.startswith("Rahasiakan identitas") and asked.startswith("Ada foto")
