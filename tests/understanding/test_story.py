"""Story first, ask only what is missing, no fillers stored, never a loop (issue 17 items 1, 2, 5, 6)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.conversation.inbox import Inbox
from bot.core.i18n import Catalog
from bot.core.messages import Inbound
from bot.understanding.story import _place_segments, clean_title, read_story, story_words
from flows.engine import Engine
from flows.library import default_engine
from flows.ports import AgencyChoice, FlowConfig, PlaceCandidate, PlaceResult, StoryReading
from flows.registry import Answer, Invalid, Ok, StepContext
from flows.schema import Flow, Step
from flows.state import ConversationState
from flows.validators import incident_date, location, title
from models.db import Database
from tests.harness import HOME, SequentialIds, shipped_agencies, shipped_places

TODAY = date(2026, 12, 2)
CATALOG = Catalog.load()
WORDS = story_words(CATALOG)


def places(text: str) -> PlaceResult:
    """A tiny region directory: only Paok Motong is known."""
    if "paok motong" in text.lower():
        return PlaceResult(PlaceCandidate("52.03.05.2002", "Desa Paokmotong, Kec. Masbagik"), (), text)
    return PlaceResult(None, (), text)


def agencies(text: str, region: str | None) -> list[AgencyChoice]:
    """Roads go to the public works office of the region named."""
    return [AgencyChoice(f"{region}-pupr", "Dinas PUPR", 90.0)] if "jalan" in text.lower() and region else []


def read(text: str) -> StoryReading:
    return read_story(text, TODAY, WORDS, resolve_place=places, suggest_agency=agencies,
                      suggest_category=lambda t: "infrastruktur" if "jalan" in t.lower() else None)


# ---- reading one message -----------------------------------------------------------------------


def test_a_greeting_with_a_story_is_read_whole() -> None:
    found = read("assalamualaikum pak, jalan di dusun Lendang Bajur desa Paok Motong rusak parah sudah 2 tahun")
    assert found.kind == "story"
    assert found.answers["title"].startswith("Jalan di dusun Lendang Bajur")
    assert found.answers["classification"] == "pengaduan"
    assert found.answers["location"]["region"] == "52.03.05.2002"
    assert "dusun Lendang Bajur" in found.answers["location"]["landmark"]
    assert found.answers["incident_date"] == "2024-12-02" and found.answers["incident_date_precision"] == "approximate"
    assert found.answers["agency"] == "52.03.05.2002-pupr"
    assert found.answers["category"] == "infrastruktur"
    assert all(found.confidence[k] >= 0.7 for k in ("title", "location", "agency", "category", "incident_date"))


def test_the_wish_to_report_is_an_intent_not_a_story() -> None:
    found = read("selamat siang, saya ingin menyampaikan laporan")
    assert found.kind == "intent"
    assert found.answers == {"classification": "pengaduan"}


@pytest.mark.parametrize("text", ["halo", "assalamualaikum", "p", "👍", "selamat pagi pak"])
def test_greetings_alone_are_nothing(text: str) -> None:
    assert read(text).kind == "none"


def test_the_agency_is_not_guessed_without_the_place() -> None:
    found = read("jalan di depan sekolah rusak parah banyak lubang sejak kemarin")
    assert found.kind == "story" and "agency" not in found.answers


def test_how_things_are_now_is_no_incident_date() -> None:
    """"sampai sekarang" tells the state of things: the date is asked, not taken as today."""
    found = read("Jalan desa Paok Motong rusak pasca gempa dan sampai sekarang belum diperbaiki")
    assert found.kind == "story" and "incident_date" not in found.answers
    found = read("Jalan desa Paok Motong rusak sudah 2 tahun dan sampai sekarang belum diperbaiki")
    assert found.answers["incident_date"] == "2024-12-02"


@pytest.mark.parametrize(("story", "date_answers"), [
    ("Lampu jalan desa Paok Motong mati sejak kemarin sore, gelap sekali",
     {"incident_date": "2026-12-01", "incident_date_precision": "day", "incident_time": None,
      "incident_part": "afternoon"}),
    ("Jalan desa Paok Motong rusak sejak 2019, banyak lubang",
     {"incident_date": "2019-01-01", "incident_date_precision": "year", "incident_time": None, "incident_part": None}),
    ("Jembatan desa Paok Motong ambles tgl 12/3/2026 jam 10 pagi",
     {"incident_date": "2026-03-12", "incident_date_precision": "day", "incident_time": "10:00",
      "incident_part": None}),
])
def test_a_story_date_is_read_by_the_date_questions_reader(story: str, date_answers: dict[str, Any]) -> None:
    """One reader (flows.dates) for the date question and the story: the same precision, hour and part of day."""
    found = read(story)
    assert {k: found.answers.get(k) for k in date_answers} == date_answers


@pytest.mark.parametrize("story", [
    "Puskesmas desa Paok Motong tutup jam 10 pagi padahal jadwal buka sampai jam 2 siang",
    "Lampu jalan desa Paok Motong mati semua, gelap sekali kalau malam",
    "Jalan desa Paok Motong rusak sudah lama, tidak ingat sejak kapan",
])
def test_an_hour_a_part_of_day_or_not_remembering_leaves_the_date_to_ask(story: str) -> None:
    """No day said: the story stores no date, so the date question asks (and stores "tidak ingat" as unknown)."""
    found = read(story)
    assert found.kind == "story" and "incident_date" not in found.answers


def test_a_place_word_inside_an_agency_name_is_no_place() -> None:
    """"Dinas Pemberdayaan Masyarakat dan Desa Lombok Timur": no village called Lombok Timur somewhere else."""
    asked: list[str] = []

    def remember(text: str) -> PlaceResult:
        asked.append(text)
        return places(text)

    found = read_story("Anak saya tidak dilayani di Dinas Pemberdayaan Masyarakat dan Desa Lombok Timur", TODAY,
                       WORDS, resolve_place=remember, suggest_agency=agencies, suggest_category=lambda t: None)
    assert found.kind == "story" and "location" not in found.answers and not asked
    assert read("Kantor desa Paok Motong tutup terus, warga tidak dilayani").answers["location"]["region"] == (
        "52.03.05.2002")


def test_whose_place_it_is_comes_between_the_place_word_and_its_name() -> None:
    """"di desa kami paok motong" is Desa Paok Motong (the name had been lost to "kami")."""
    found = read("pagi pak, di desa kami paok motong jalannya rusak parah udah setahun lebih")
    assert found.answers["location"]["region"] == "52.03.05.2002"
    assert read("di kampung saya, jalan ke sekolah rusak").answers.get("location") is None


def test_a_place_word_after_whose_it_is_begins_the_name() -> None:
    """"dusun kami dusun Lendang Bare" is Dusun Lendang Bare, not "dusun dusun lendang bare"."""
    admin = _place_segments("usul itu di dusun kami dusun lendang bare desa sukamulya kecamatan sakra", WORDS)[0]
    assert admin == ["dusun lendang bare", "desa sukamulya", "kecamatan sakra"]


def test_a_place_name_holding_a_problem_word_is_read_whole() -> None:
    """"kelurahan Kebon Kosong": 'kosong' (empty) ends a name ("desa Sakra tutup jam 10") unless the name is
    only known whole."""

    def kebon_kosong(text: str) -> PlaceResult:
        if "kebon kosong" in text.lower():
            return PlaceResult(PlaceCandidate("31.71.03.1002", "Kel. Kebon Kosong, Kec. Kemayoran"), (), text)
        return places(text)

    found = read_story("bansos pkh ibu sy gak cair2 udah 4 bulan, kami di kelurahan kebon kosong kemayoran", TODAY,
                       WORDS, resolve_place=kebon_kosong, suggest_agency=agencies, suggest_category=lambda t: None)
    assert found.answers["location"]["region"] == "31.71.03.1002"
    assert read("Kantor desa Paok Motong kosong terus, warga tidak dilayani").answers["location"]["region"] == (
        "52.03.05.2002")


def test_a_landmark_naming_a_place_of_home_places_the_story_but_a_street_does_not() -> None:
    """"di depan masjid Paok Motong" in a Lombok Timur deployment is in Paok Motong; "jalan Paok Motong" may run
    anywhere ("jalan raya Bogor" is in Jakarta): a street alone places nothing. A landmark naming a place outside
    the deployment's kabupaten ("ujung gang": Kec. Ujung, Parepare), or in a national deployment, places nothing."""

    def home_read(text: str, home: str | None) -> StoryReading:
        return read_story(text, TODAY, WORDS, resolve_place=places, suggest_agency=agencies,
                          suggest_category=lambda t: None, home=home)

    story = "atap masjid bocor parah di depan masjid paok motong, jamaah kehujanan"
    assert home_read(story, "52.03").answers["location"]["region"] == "52.03.05.2002"
    assert "region" not in home_read(story, "73.72").answers.get("location", {})
    assert "region" not in home_read(story, None).answers.get("location", {})
    assert "region" not in home_read("Jalan Paok Motong berlubang besar, sudah 2 motor jatuh", "52.03").answers.get(
        "location", {})


def test_next_week_is_no_landmark() -> None:
    """"datang minggu depan. mohon ditindak" had become the landmark "depan mohon ditindak"."""
    found = read("surat pindah di kantor desa paok motong dipersulit, disuruh datang minggu depan. mohon ditindak")
    assert found.answers["location"]["region"] == "52.03.05.2002"
    assert "mohon" not in found.answers["location"]["text"] and "depan" not in found.answers["location"]["landmark"]


def test_a_title_drops_greetings_caps_and_ellipsis_and_is_cut_at_a_word() -> None:
    text = ("ASSALAMUALAIKUM WR WB. SAYA WARGA DESA SUKAMAJU. LAMPU JALAN DI DEPAN MASJID MATI SEMUA SEJAK "
            "3 MINGGU YANG LALU DAN SAMPAI SEKARANG BELUM ADA PERBAIKAN SAMA SEKALI DARI DINAS…")
    made = clean_title(text, WORDS)
    assert made is not None
    assert made.startswith("Lampu jalan di depan masjid")
    assert len(made) <= 80 and "…" not in made and not made.endswith(" ")
    assert text.lower().replace("…", " ").split().count(made.lower().split()[-1]) >= 1  # ends on a whole word


def test_a_voice_notes_opening_is_no_title() -> None:
    """A transcribed voice note opens with "eh", greetings, "saya mau lapor" and "itu": none of it is the title."""
    made = clean_title("eh halo pak assalamualaikum saya mau lapor pak itu jalan di dusun krajan desa sumbersari "
                       "kecamatan maesan rusak parah", WORDS)
    assert made == "Jalan di dusun krajan desa sumbersari kecamatan maesan rusak parah"
    assert clean_title("eh apa namanya pak puskesmas tutup terus", WORDS) == "Puskesmas tutup terus"
    assert clean_title("itu", WORDS) == "Itu"  # nothing else said: the word stays


@pytest.mark.parametrize(("story", "title"), [
    ("jalan di dusun Lendang Bajur desa Paok Motong kec. Masbagik rusak parah sudah 2 tahun, banyak lubang dan motor",
     "Jalan di dusun Lendang Bajur desa Paok Motong kec Masbagik rusak parah"),
    ("lampu jalan di simpang empat pasar baru kecamatan selong mati semua sejak tanggal 12 bulan lalu dan belum",
     "Lampu jalan di simpang empat pasar baru kecamatan selong mati semua"),
    # not cut: its own words stay, numbers and all
    ("Puskesmas tutup jam 10", "Puskesmas tutup jam 10"),
])
def test_a_cut_title_leaves_nothing_hanging(story: str, title: str) -> None:
    """The cut at 80 characters leaves no number without its unit ("sudah 2" of "sudah 2 tahun") and no "sejak"."""
    assert clean_title(story, WORDS) == title


# ---- the engine rule: a step is skipped when its slot is filled and confident ---------------------


class FakeServices:
    """The port with nothing behind it but what a test puts there."""

    def __init__(self, catalog: Catalog, reading: StoryReading | None = None) -> None:
        self.catalog = catalog
        self.config = FlowConfig()
        self.reading = reading or StoryReading("none")
        self.staff: list[tuple[dict[str, Any], str | None]] = []

    def now(self) -> datetime:
        return datetime(2026, 12, 2, 3, 0, tzinfo=UTC)

    def read_story(self, text: str) -> StoryReading:
        return self.reading

    async def hand_to_staff(self, answers: Mapping[str, Any], step: str | None) -> str | None:
        self.staff.append((dict(answers), step))
        return "LPR-STAFF01"

    def resolve_place(self, text: str, home: str | None = None) -> PlaceResult:
        return PlaceResult(None, (), text)

    def suggest_agency(self, description: str, region: str | None) -> list[AgencyChoice]:
        return []

    def suggest_category(self, description: str) -> str | None:
        return None

    def match_agency(self, text: str, region: str | None) -> list[AgencyChoice]:
        return []

    def agency_name(self, code: str) -> str | None:
        return None


def toy_engine() -> tuple[Engine, Catalog]:
    """Any flow, not the complaint: three questions, the first two skippable."""
    words = {f"toy.{s}.{p}": f"{s} {p}" for s in "abc" for p in ("prompt", "invalid")}
    words.update({"menu.main.prompt": "menu", "menu.main.opt.toy": "toy", "nav.back": "back", "nav.cancel": "cancel",
                  "nav.help": "help"})
    catalog = Catalog({"id": words})
    toy = Flow("toy", "a", steps=(
        Step("a", "text", save_as="a", next="b", skip_when_filled=True),
        Step("b", "text", save_as="b", next="c", skip_when_filled=True),
        Step("c", "text", save_as="c", next="end"),
        Step("end", "none"),
    ))
    menu = Flow("menu", "main", steps=(Step("main", "choice", options=("toy",), next={"toy": "@toy"}),))
    return Engine([menu, toy], catalog), catalog


async def test_a_confidently_filled_slot_is_not_asked_in_any_flow() -> None:
    engine, catalog = toy_engine()
    services = FakeServices(catalog)
    turn = await engine.start(ConversationState(), "toy", services,  # type: ignore[arg-type]
                              preset={"a": "x", "b": "y", "_confidence": {"a": 0.9, "b": 0.9}})
    assert turn.state.step == "c" and turn.replies[-1].text == "c prompt"


async def test_a_doubtful_slot_is_asked() -> None:
    engine, catalog = toy_engine()
    services = FakeServices(catalog)
    turn = await engine.start(ConversationState(), "toy", services,  # type: ignore[arg-type]
                              preset={"a": "x", "b": "y", "_confidence": {"a": 0.9, "b": 0.4}})
    assert turn.state.step == "b"


async def test_a_slot_without_confidence_is_asked() -> None:
    engine, catalog = toy_engine()
    turn = await engine.start(ConversationState(), "toy", FakeServices(catalog),  # type: ignore[arg-type]
                              preset={"a": "typed"})
    assert turn.state.step == "a"


async def test_a_story_at_the_menu_starts_the_complaint_with_what_it_told() -> None:
    engine = default_engine()
    reading = StoryReading("story", {"body": "jalan rusak parah di desa", "classification": "pengaduan",
                                     "title": "Jalan rusak", "incident_date": "2026-12-01"},
                           {"body": 1.0, "classification": 0.9, "title": 0.8, "incident_date": 0.9})
    services = FakeServices(engine.catalog, reading)
    turn = await engine.handle(ConversationState(), Inbound("test", "u", "1", text="jalan rusak parah di desa"),
                               services)  # type: ignore[arg-type]
    assert (turn.state.flow, turn.state.step) == ("complaint", "ask_location")
    assert turn.state.answers["title"] == "Jalan rusak"


# ---- no fillers stored ---------------------------------------------------------------------------


def ctx_with(answers: dict[str, Any]) -> StepContext:
    engine = default_engine()
    return StepContext(services=FakeServices(engine.catalog), state=ConversationState(answers=answers),  # type: ignore[arg-type]
                       msg=Inbound("test", "u", "1"))


@pytest.mark.parametrize("said", ["iya", "gak tau", "ok", "tidak tahu", "lanjut", "Lewati", "sudah"])
async def test_fillers_are_no_place(said: str) -> None:
    assert isinstance(await location(ctx_with({}), Answer(text=said)), Invalid)


async def test_a_date_is_no_place() -> None:
    result = await location(ctx_with({}), Answer(text="kemarin"))
    assert isinstance(result, Invalid) and result.key == "complaint.ask_location.filler"


@pytest.mark.parametrize("said", ["gak tau", "tidak tahu", "entah"])
async def test_fillers_are_no_title(said: str) -> None:
    result = await title(ctx_with({"body": "jalan rusak parah"}), Answer(text=said))
    assert isinstance(result, Invalid) and result.key == "complaint.ask_title.filler"


async def test_asking_for_the_story_title_takes_the_suggestion_not_the_words() -> None:
    ctx = ctx_with({"body": "Jalan di depan SD rusak parah", "suggested_title": "Jalan di depan SD rusak parah"})
    for said in ("pakai judul dari cerita saya", "iya"):
        result = await title(ctx, Answer(text=said))
        assert isinstance(result, Ok) and result.value == "Jalan di depan SD rusak parah"


async def test_not_remembering_the_date_is_stored_as_unknown() -> None:
    """"tidak", "belum ada" (a proposal: "belum ada lampu jalan") had been refused as no date, three times."""
    for said in ("gak tau", "sudah lama", "ndeq taoq", "tidak", "Belum ada", "gak ada"):
        result = await incident_date(ctx_with({}), Answer(text=said))
        assert isinstance(result, Ok) and result.value is None
        assert result.extra["incident_date_precision"] == "unknown"


async def test_a_date_told_at_the_question_replaces_the_story_reading_whole() -> None:
    """An approximate date read from the story, answered exactly: nothing of the reading stays."""
    ctx = ctx_with({"incident_date": "2024-12-02", "incident_date_precision": "approximate",
                    "incident_part": "night", "_confidence": {"incident_date": 0.75}})
    result = await incident_date(ctx, Answer(choice="yesterday"))
    assert isinstance(result, Ok) and result.value == "2026-12-01"
    assert result.extra == {"incident_date_precision": "day", "incident_time": None, "incident_part": None}


def test_a_story_date_is_taken_or_kept_with_its_precision() -> None:
    """A surer answer keeps its date and what qualifies it; a less sure one gives way to the story whole."""
    reading = StoryReading("story", {"incident_date": "2024-12-02", "incident_date_precision": "approximate",
                                     "incident_time": None, "incident_part": None}, {"incident_date": 0.75})
    told = {"incident_date": "2026-12-01", "incident_date_precision": "day", "incident_time": "16:00",
            "incident_part": None}
    assert reading.fill(told) == {"_confidence": {}}
    guessed = {**told, "_confidence": {"incident_date": 0.7}}
    assert reading.fill(guessed) == {**reading.answers, "_confidence": {"incident_date": 0.75}}


# ---- never a loop --------------------------------------------------------------------------------


async def test_three_misses_offer_an_officer_and_the_officer_gets_the_conversation() -> None:
    engine = default_engine()
    services = FakeServices(engine.catalog)
    state = ConversationState(flow="complaint", step="ask_date", locale="id", answers={"body": "lampu mati"})
    for text in ("zzz", "qqq", "xxx"):
        turn = await engine.handle(state, Inbound("test", "u", text, text=text), services)  # type: ignore[arg-type]
        state = turn.state
    assert "nav.agent" in [o.id for o in turn.replies[-1].options]
    turn = await engine.handle(state, Inbound("test", "u", "4", choice_id="nav.agent",
                                              prompt_id=str(state.prompt_seq)), services)  # type: ignore[arg-type]
    assert services.staff == [({"body": "lampu mati"}, "complaint.ask_date")]
    assert "LPR-STAFF01" in turn.replies[0].text
    assert turn.state.flow == "menu" and turn.state.draft is not None  # the unfinished complaint is kept


async def test_help_asked_again_and_again_offers_the_way_out() -> None:
    engine = default_engine()
    services = FakeServices(engine.catalog)
    state = ConversationState(flow="complaint", step="ask_category", locale="id", answers={"body": "x y z"})
    for n in range(3):
        turn = await engine.handle(state, Inbound("test", "u", f"h{n}", command="help"), services)  # type: ignore[arg-type]
        state = turn.state
    assert "nav.agent" in [o.id for o in turn.replies[-1].options]


# ---- the services side: a call for an officer opens an admin case, never a LAPOR! complaint -------------


async def test_hand_to_staff_runs_the_case_hook_but_not_forwarding(db: Database, clock: Any) -> None:
    seen: list[str] = []

    async def case_hook(session: Any, complaint: Any) -> None:
        seen.append(f"case {complaint.title}")
        assert "> lampu jalan mati di depan rumah saya sudah lama" in complaint.body  # the conversation so far

    async def forwarding_hook(session: Any, complaint: Any) -> None:
        seen.append("forwarded")

    forwarding_hook.laporbot_forwarding = True  # type: ignore[attr-defined]
    inbox = Inbox(db, default_engine(), config=FlowConfig(region=HOME), clock=clock, agencies=shipped_agencies(),
                  new_tracking_no=SequentialIds(), places=shipped_places(), on_complaint=[case_hook, forwarding_hook])
    await inbox.handle(Inbound("telegram", "ani", "1", choice_id="complaint"))
    await inbox.handle(Inbound("telegram", "ani", "2", text="lampu jalan mati di depan rumah saya sudah lama"))
    handled = await inbox.handle(Inbound("telegram", "ani", "3", command="agent"))
    assert seen == ["case Warga minta disambungkan ke petugas"]
    assert any("petugas" in r.text for r in handled.replies)
