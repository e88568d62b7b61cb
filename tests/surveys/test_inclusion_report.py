"""Measuring inclusion: complaints and satisfaction by gender, disability and voice-vs-text, small counts hidden."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.admin.reports import inclusion_recap_lines
from bot.cli import main
from bot.core.clock import FixedClock
from bot.core.i18n import default_catalog
from bot.surveys.inclusion import inclusion_report, report_lines, shown_count, shown_mean
from models.db import Database
from models.surveys import ChannelSurveyResponse, FeedbackRequest
from models.tables import Attachment, Citizen, Complaint
from tests.admin.test_admin_env import SUPER, AdminEnv, admin_env

NOW = datetime(2026, 8, 20, 5, 0, tzinfo=UTC)
START, END = datetime(2026, 8, 1, tzinfo=UTC), datetime(2026, 9, 1, tzinfo=UTC)

# (gender, disability, voice, satisfaction, rating) per citizen; None: never answered the channel survey
PEOPLE = [("p", "tidak", True, 5, 5), ("p", "tidak", True, 4, 4), ("p", "ya", True, 4, 5),
          ("p", "tidak", True, 3, 4), ("p", "tidak", False, 5, 3), ("p", "ya", True, 4, 4),
          ("l", "tidak", False, 2, 2), ("l", "tidak", False, 3, 3),
          (None, None, False, None, None), (None, None, False, None, None)]


async def populate(db: Database) -> None:
    """Ten citizens with one complaint each this month, one more last month (outside the period)."""
    async with db.write() as session:
        for number, (gender, disability, voice, satisfaction, rating) in enumerate(PEOPLE):
            citizen = Citizen(channel="telegram", channel_user_id=f"u{number}", created_at=NOW)
            session.add(citizen)
            await session.flush()
            complaint = Complaint(tracking_no=f"LPR-{number:07d}", citizen_id=citizen.id, channel="telegram",
                                  classification="pengaduan", title="Laporan warga", created_at=NOW, updated_at=NOW)
            session.add(complaint)
            await session.flush()
            if voice:
                session.add(Attachment(complaint_id=complaint.id, channel="telegram", kind="voice",
                                       file_ref=f"v{number}"))
            session.add(Attachment(complaint_id=complaint.id, channel="telegram", kind="photo", file_ref=f"p{number}"))
            if gender is not None:
                session.add(ChannelSurveyResponse(citizen_id=citizen.id, period="2026-Q3", satisfaction=satisfaction,
                                                  gender=gender, disability=disability, submitted_at=NOW,
                                                  updated_at=NOW))
            if rating is not None:
                session.add(FeedbackRequest(complaint_id=complaint.id, citizen_id=citizen.id, requested_at=NOW,
                                            answered_at=NOW, outcome="resolved", rating=rating))
        old = Complaint(tracking_no="LPR-OLD0001", citizen_id=1, channel="telegram", classification="pengaduan",
                        title="Lama", created_at=NOW - timedelta(days=40), updated_at=NOW)
        session.add(old)


def test_small_counts_and_means_are_hidden() -> None:
    """1–4 is "<5"; 0 stays 0; a mean needs 5 answers."""
    assert [shown_count(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]
    assert shown_mean([4, 4, 4, 4]) is None and shown_mean([5, 4, 4, 3, 4]) == 4.0


async def test_report_by_gender_disability_and_voice(db: Database) -> None:
    """Counts per group, the latest survey answer as the citizen's profile, voice = a voice-note attachment."""
    await populate(db)
    async with db.read() as session:
        report = await inclusion_report(session, START, END)
    assert report.complaints == 10 and report.survey_answers == 8
    assert report.by_gender["p"].complaints == 6 and report.by_gender["l"].complaints == 2
    assert report.by_gender["unknown"].complaints == 2
    assert report.by_disability["ya"].complaints == 2 and report.by_disability["tidak"].complaints == 6
    assert report.by_input["voice"].complaints == 5 and report.by_input["text"].complaints == 5
    assert shown_mean(report.by_gender["p"].satisfaction) == 4.17
    assert shown_mean(report.by_input["voice"].ratings) == 4.4
    lines = report_lines(report, default_catalog(), "id")
    text = "\n".join(lines)
    assert "Perempuan: 6 pengaduan · puas 4,2/5 · nilai penanganan 4,2/5" in text
    assert "Laki-laki: <5 pengaduan · puas –/5 · nilai penanganan –/5" in text, "2 men: count and means hidden"
    assert "Pesan suara: 5 pengaduan · nilai penanganan 4,4/5" in text
    assert "Ya: <5 pengaduan" in text


async def test_command_line_report(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """`laporbot survey report --inclusion` in text and JSON, with the same suppression."""
    await populate(db)
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.delenv("LAPORBOT_TIMEZONE", raising=False)
    monkeypatch.chdir(tmp_path)
    span = ["--from", "2026-08-01", "--to", "2026-08-31"]
    assert await _main(["survey", "report", "--inclusion", *span, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["by_gender"]["p"] == {"complaints": "6", "satisfaction": 4.17, "rating": 4.17}
    assert data["by_gender"]["l"] == {"complaints": "<5", "satisfaction": None, "rating": None}
    assert data["by_input"]["voice"]["complaints"] == "5" and data["suppressed_below"] == 5
    assert await _main(["survey", "report", "--inclusion", *span]) == 0
    out = capsys.readouterr().out
    assert "Laporan inklusi" in out and "Menurut cara bercerita:" in out


async def _main(argv: list[str]) -> int:
    """The synchronous CLI from inside a running test loop."""
    import asyncio

    return await asyncio.to_thread(main, argv)


@pytest.fixture
async def env(db: Database, clock: FixedClock, tmp_path: Path) -> AsyncIterator[AdminEnv]:
    """The admin bench."""
    async with admin_env(db, clock, tmp_path) as bench:
        yield bench


async def test_admin_rekap_shows_inclusion(env: AdminEnv) -> None:
    """/rekap ends with this month's inclusion lines; an agency-limited admin's lines leave the survey out."""
    for user in range(6):
        await env.complaint(user=7000 + user)
    await env.settle()
    await env.say(SUPER, "/rekap", SUPER)
    recap = env.texts(SUPER)[-1]
    assert "Inklusi bulan ini:" in recap and "Tidak diketahui: 6 pengaduan" in recap
    async with env.db.read() as session:
        scoped = await inclusion_recap_lines(session, frozenset({"dishub"}), env.clock.now(), "Asia/Jakarta",
                                             default_catalog(), "id")
    assert "Tidak diketahui: 0 pengaduan · nilai penanganan –/5" in "\n".join(scoped)
