"""Help for women and children: SAPA 129 first, rahasia by default, the Dinas P3A suggested."""

from __future__ import annotations

from bot.conversation.guards import OpsSettings
from bot.conversation.inclusive import p3a_for
from bot.core.clock import FixedClock
from bot.understanding.agency_directory import ListAgencies
from models.db import Database
from tests.harness import ChatHarness

STORY = "Suami saya sering memukul saya dan anak kalau pulang mabuk, saya takut"


async def to_story(harness: ChatHarness, user: str, story: str = STORY) -> list:
    """Start a complaint and tell the story (the first question)."""
    await harness.send(user, "halo")
    await harness.send(user, choice="complaint")
    return await harness.send(user, story)


# what the story does not tell, answered question by question
TO_AGENCY = {"Laporan Anda termasuk": {"choice": "pengaduan"}, "Beri judul": {"choice": "auto"},
             "Kapan": {"choice": "today"}, "Di mana": {"text": "Selong"}}


async def test_violence_story_gets_sapa_129_first_once(harness: ChatHarness) -> None:
    """The first reply names SAPA 129, its WhatsApp number and 112; the next question follows; not twice."""
    replies = await to_story(harness, "rina")
    assert "SAPA 129" in replies[0].text and "08111-129-129" in replies[0].text and "112" in replies[0].text
    assert len(replies) >= 2 and replies[-1].expects != "none"
    again = await harness.send("rina", "dia juga menampar anak saya")
    assert not any("SAPA 129" in r.text for r in again)


async def test_other_stories_get_no_notice(harness: ChatHarness) -> None:
    """A road complaint: no SAPA notice."""
    replies = await to_story(harness, "joko", "Jalan desa berlubang dan becek sudah setahun")
    assert not any("SAPA" in r.text for r in replies)


async def test_rahasia_by_default_stated_and_changeable(harness: ChatHarness) -> None:
    """The complaint is rahasia unless the citizen says otherwise at the anonim/rahasia question, which states it."""
    replies = await harness.answer("wati", await to_story(harness, "wati"), TO_AGENCY, until="Dari cerita Anda")
    assert replies[-1].options[0].id == "52.03-dp3a", "the kabupaten's Dinas P3A is suggested first"
    assert "Perempuan dan Perlindungan Anak" in replies[-1].text
    replies = await harness.send("wati", choice="52.03-dp3a")
    to_privacy = {"Masalahnya": {"choice": "sosial"}, "Ada foto": {"choice": "done"}}
    replies = await harness.answer("wati", replies, to_privacy, until="Rahasiakan identitas")
    assert "RAHASIA" in replies[-1].text and "Tidak" in replies[-1].text
    replies = await harness.send("wati", choice="yes")  # hide the name too; rahasia stays as stated
    replies = await harness.send("wati", choice="no")
    assert "Anonim: Ya · Rahasia: Ya" in replies[-1].text, "the summary shows it"
    await harness.send("wati", choice="submit")
    (complaint,) = await harness.complaints()
    assert complaint.is_secret and complaint.agency_code == "52.03-dp3a"


async def test_citizen_can_open_it(harness: ChatHarness) -> None:
    """Answering Tidak at the anonim/rahasia question makes it public after all."""
    await harness.answer("yani", await to_story(harness, "yani"), {
        **TO_AGENCY, "Dari cerita Anda": {"choice": "unknown"}, "Masalahnya": {"choice": "sosial"},
        "Ada foto": {"choice": "done"}, "Rahasiakan identitas": {"choice": "no"},
        "Boleh kami simpan": {"choice": "no"}, "Ini yang kami catat": {"choice": "submit"}})
    (complaint,) = await harness.complaints()
    assert not complaint.is_secret


async def test_a_violence_story_naming_its_place_gets_the_dinas_p3a(harness: ChatHarness) -> None:
    """Told whole at the menu with its desa, the story's agency is the kabupaten's Dinas P3A, not asked."""
    await harness.send("sri", "halo")
    replies = await harness.send("sri", "Suami saya sering memukul saya dan anak di rumah kami di Desa Pringgasela, "
                                        "kemarin anak saya ditendang sampai memar")
    assert "SAPA 129" in replies[0].text
    await harness.answer("sri", replies, {"Laporan Anda termasuk": {"choice": "pengaduan"},
                                          "Masalahnya": {"choice": "sosial"}, "Ada foto": {"choice": "done"},
                                          "Rahasiakan identitas": {"choice": "secret"},
                                          "Boleh kami simpan": {"choice": "no"},
                                          "Ini yang kami catat": {"choice": "submit"}})
    (complaint,) = await harness.complaints()
    assert complaint.agency_code == "52.03-dp3a" and complaint.is_secret


def test_no_p3a_in_a_catalog_without_one() -> None:
    """A deployment's catalog without a Dinas P3A: nothing is invented."""
    from flows.ports import AgencyChoice

    class Services:
        agencies = ListAgencies([("dinsos", "Dinas Sosial")])

        def agency_name(self, code: str) -> str | None:
            return self.agencies.name(code)

        def match_agency(self, text: str, region: str | None) -> list[AgencyChoice]:
            return self.agencies.match(text, region)

    assert p3a_for(Services(), "52.03.09.2005") is None


async def test_violence_now_gets_sapa_not_the_general_banner(db: Database, clock: FixedClock) -> None:
    """Under the abuse checks: a violence story is no generic emergency; a fire is."""
    harness = ChatHarness(db, clock, ops=OpsSettings(rate_limit=0))
    replies = await harness.send("dini", "tolong saya dipukuli suami sekarang")
    assert "SAPA 129" in replies[0].text and not any("119" in r.text for r in replies)
    fire = await harness.send("eko", "kebakaran di rumah sebelah")
    assert "113" in fire[0].text
    past = await harness.send("fani", "rumah kami rusak pasca gempa 2018 belum dapat bantuan")
    assert not any("112" in r.text for r in past)
