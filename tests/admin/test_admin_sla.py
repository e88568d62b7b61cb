"""SLA clocks in Indonesian working days with a fake clock: due dates across a long weekend, national
holidays and configured cuti bersama; reminders at 80% and escalations on breach, once, even across a
restart or with two replicas; the daily digest at a local time; reopened and auto-closed complaints."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from bot.admin.cases import install
from bot.admin.scheduler import Scheduler
from bot.core.clock import FixedClock
from bot.understanding.agency_directory import ListAgencies
from bot.understanding.place_directory import NoPlaces
from bot.wiring import build_core
from models.admin import AdminCase, AdminJob, AdminOutbox
from models.db import Database
from tests.admin.test_admin_env import AGENCIES, DINKES_A, DINKES_CHAT, SUPER, AdminEnv, admin_env

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")


def wib(*args: int) -> datetime:
    """A WIB wall-clock time as aware UTC."""
    return datetime(*args, tzinfo=WIB).astimezone(UTC)  # type: ignore[misc]


@pytest.fixture
def friday() -> FixedClock:
    """Friday 14 August 2026, 10:00 WIB: Monday 17 August is Independence Day."""
    return FixedClock(wib(2026, 8, 14, 10, 0))


@pytest.fixture
async def env(db: Database, friday: FixedClock, tmp_path: Path) -> AsyncIterator[AdminEnv]:
    """The admin bench on the Friday before the long weekend."""
    async with admin_env(db, friday, tmp_path) as bench:
        yield bench


async def _case(env: AdminEnv, complaint_id: int) -> AdminCase:
    async with env.db.read() as session:
        found = (await session.exec(select(AdminCase).where(AdminCase.complaint_id == complaint_id))).one()
    return found


async def _queued(env: AdminEnv, marker: str) -> list[AdminOutbox]:
    async with env.db.read() as session:
        rows = (await session.exec(select(AdminOutbox).where(AdminOutbox.kind == "text")
                                   .order_by(col(AdminOutbox.id)))).all()
    return [r for r in rows if marker in (r.payload or {}).get("text", "")]


# ---------------------------------------------------------------------- due dates


async def test_due_dates_skip_the_long_weekend_and_national_holidays(env: AdminEnv) -> None:
    """Friday 14 Aug + 3 HK: Sat, Sun and Monday 17 Aug (Kemerdekaan) are not working days -> Thursday 20 Aug.
    Verified on the 20th, + 5 HK skips Tuesday 25 Aug (Maulid Nabi) -> Friday 28 Aug."""
    complaint = await env.complaint()
    case = await _case(env, complaint.id or 0)
    assert (case.clock, case.due_at) == ("verify", wib(2026, 8, 20, 23, 59, 59, 999999))
    assert case.remind_at == wib(2026, 8, 20, 9, 36)  # 80% of 3 days = 2.4 working days
    await env.settle()
    assert "Batas verifikasi: 20 Agustus 2026 (3 hari kerja)" in env.card(DINKES_CHAT, complaint.tracking_no)[1]["text"]
    env.clock.set(wib(2026, 8, 20, 11, 0))
    await env.say(DINKES_CHAT, f"/verifikasi {complaint.tracking_no}", DINKES_A)
    case = await _case(env, complaint.id or 0)
    assert (case.clock, case.due_at) == ("followup", wib(2026, 8, 28, 23, 59, 59, 999999))
    assert (case.reminded_at, case.escalated_at) == (None, None)


async def test_christmas_and_configured_cuti_bersama(db: Database, tmp_path: Path) -> None:
    """Wednesday 23 Dec: 24 Dec (cuti bersama, from `holidays`) and 25 Dec (Natal) are off -> Wednesday 30 Dec;
    a cuti bersama added in configuration (29 Dec) moves it to Thursday 31 Dec."""
    clock = FixedClock(wib(2026, 12, 23, 14, 0))
    async with admin_env(db, clock, tmp_path) as bench:
        first = await bench.complaint()
        assert (await _case(bench, first.id or 0)).due_at == wib(2026, 12, 30, 23, 59, 59, 999999)
    (tmp_path / "again").mkdir()
    async with admin_env(db, clock, tmp_path / "again", LAPORBOT_CUTI_BERSAMA="2026-12-29") as bench:
        second = await bench.complaint(user=7777)
        assert (await _case(bench, second.id or 0)).due_at == wib(2026, 12, 31, 23, 59, 59, 999999)


# ---------------------------------------------------------------------- reminders and escalations


async def test_reminder_at_80_percent_and_escalation_on_breach(env: AdminEnv) -> None:
    """Nothing before 80%; one reminder to the agency chat; one escalation to the super admin after the end
    of the due day; the card shows the breach."""
    complaint = await env.complaint()
    scheduler = env.handler.scheduler
    env.clock.set(wib(2026, 8, 20, 9, 35))
    assert (await scheduler.tick()).reminded == 0
    env.clock.set(wib(2026, 8, 20, 9, 37))
    assert (await scheduler.tick()).reminded == 1
    assert (await scheduler.tick()).reminded == 0
    await env.settle()
    reminder = [t for t in env.texts(DINKES_CHAT) if t.startswith("⏰")]
    assert reminder == [f"⏰ Pengingat: batas verifikasi laporan {complaint.tracking_no} jatuh pada 20 Agustus 2026 "
                        "(sisa 0,6 hari kerja)."]
    env.clock.set(wib(2026, 8, 20, 23, 59, 59))
    assert (await scheduler.tick()).escalated == 0
    env.clock.set(wib(2026, 8, 21, 0, 0, 1))
    assert (await scheduler.tick()).escalated == 1
    assert (await scheduler.tick()).escalated == 0
    await env.settle()
    assert [t for t in env.texts(SUPER) if t.startswith("🚨")] == [
        f"🚨 Lewat batas: verifikasi laporan {complaint.tracking_no} (Dinas Kesehatan Kabupaten Lombok Timur) "
        "seharusnya selesai 20 Agustus 2026 (3 hari kerja)."]
    assert "⚠️ LEWAT BATAS" in env.card(DINKES_CHAT, complaint.tracking_no)[1]["text"]
    assert len([t for t in env.texts(DINKES_CHAT) if t.startswith("⏰")]) == 1


async def test_a_new_clock_gets_its_own_reminder(env: AdminEnv) -> None:
    """After verification the follow-up clock starts with fresh markers: its 80% reminder comes too."""
    complaint = await env.complaint()
    env.clock.set(wib(2026, 8, 18, 9, 0))
    await env.say(DINKES_CHAT, f"/verifikasi {complaint.tracking_no}", DINKES_A)
    case = await _case(env, complaint.id or 0)
    # 80% of 5 HK from Tuesday 18 is 4 HK: 19, 20, 21 and 24 August -> the end of Monday 24.
    assert case.remind_at == wib(2026, 8, 24, 23, 59, 59, 999999)
    env.clock.set(case.remind_at + timedelta(minutes=1))
    assert (await env.handler.scheduler.tick()).reminded == 1


async def test_restart_between_scheduling_and_firing(db: Database, friday: FixedClock, tmp_path: Path) -> None:
    """Due times live in the database: a process that scheduled and died is replaced by one that fires; a
    reminder claimed but not yet sent when its process died is sent by the next."""
    async with admin_env(db, friday, tmp_path) as first:
        complaint = await first.complaint()
        await first.settle()
    friday.set(wib(2026, 8, 20, 10, 0))
    (tmp_path / "second").mkdir()
    async with admin_env(db, friday, tmp_path / "second") as second:
        assert (await second.handler.scheduler.tick()).reminded == 1  # claimed and queued, then the process dies
    friday.set(wib(2026, 8, 21, 8, 0))
    (tmp_path / "third").mkdir()
    async with admin_env(db, friday, tmp_path / "third") as third:
        await third.settle()  # the reminder the second process queued
        assert any(t.startswith("⏰") for t in third.texts(DINKES_CHAT))
        report = await third.handler.scheduler.tick()
        assert (report.reminded, report.escalated) == (0, 1)
        await third.settle()
        assert [t for t in third.texts(SUPER) if complaint.tracking_no in t and t.startswith("🚨")]


async def test_two_replicas_never_send_one_reminder_twice(env: AdminEnv) -> None:
    """Two processes tick at the same moment: each reminder and escalation is claimed by exactly one."""
    for n in range(5):
        await env.complaint(user=6000 + n)
    other_core = await build_core(env.core.settings, clock=env.clock, agencies=ListAgencies(AGENCIES),
                                  places=NoPlaces(), migrate=False)
    try:
        replicas = [env.handler.scheduler, Scheduler(install(other_core))]
        env.clock.set(wib(2026, 8, 20, 12, 0))
        reports = await asyncio.gather(*(r.tick() for r in replicas))
        assert sum(r.reminded for r in reports) == 5
        env.clock.set(wib(2026, 8, 21, 12, 0))
        reports = await asyncio.gather(*(r.tick() for r in replicas))
        assert sum(r.escalated for r in reports) == 5
    finally:
        await other_core.close()
    assert len(await _queued(env, "⏰")) == 5 and len(await _queued(env, "🚨")) == 5


# ---------------------------------------------------------------------- the daily digest


async def test_daily_digest_at_local_time_on_working_days(db: Database, friday: FixedClock, tmp_path: Path) -> None:
    """07:30 WITA on working days, once per day whatever the replicas, and the due time survives a restart."""
    async with admin_env(db, friday, tmp_path, LAPORBOT_DIGEST_TIME="07:30", LAPORBOT_DIGEST_TZ="WITA") as bench:
        await bench.complaint()
        await bench.complaint(user=6001, agency=None)
        scheduler = bench.handler.scheduler
        assert (await scheduler.tick()).digests == 0  # first look: the due time is stored
        async with bench.db.read() as session:
            job = await session.get(AdminJob, "digest")
        # Friday 10:00 WIB is 11:00 WITA: the next 07:30 WITA on a working day is Tuesday 18 (17 is a holiday).
        assert job is not None and job.due_at == datetime(2026, 8, 18, 7, 30, tzinfo=WITA).astimezone(UTC)
        friday.set(datetime(2026, 8, 18, 7, 29, tzinfo=WITA))
        assert (await scheduler.tick()).digests == 0
    friday.set(datetime(2026, 8, 18, 7, 31, tzinfo=WITA))
    (tmp_path / "after").mkdir()
    async with admin_env(db, friday, tmp_path / "after", LAPORBOT_DIGEST_TIME="07:30",
                         LAPORBOT_DIGEST_TZ="WITA") as bench:
        assert (await bench.handler.scheduler.tick()).digests == 2  # dinkes chat and the super admin
        assert (await bench.handler.scheduler.tick()).digests == 0
        await bench.settle()
        digest = [t for t in bench.texts(DINKES_CHAT) if t.startswith("🗓")]
        assert digest == ["🗓 Ringkasan 18 Agustus 2026 — Dinas Kesehatan Kabupaten Lombok Timur\nKasus terbuka: 1\n"
                          "Lewat batas: 0\nJatuh tempo hari ini: 0\nBaru (24 jam): 0\nLihat /antrian"]
        overall = [t for t in bench.texts(SUPER) if t.startswith("🗓")]
        assert len(overall) == 1 and "Kasus terbuka: 2 (triase: 1)" in overall[0]
        async with bench.db.read() as session:
            job = await session.get(AdminJob, "digest")
        assert job is not None and job.due_at == datetime(2026, 8, 19, 7, 30, tzinfo=WITA).astimezone(UTC)


# ---------------------------------------------------------------------- changes the citizen makes


async def test_reopened_by_the_citizen_and_auto_closed(db: Database, friday: FixedClock, tmp_path: Path) -> None:
    """"Belum selesai" reaches the agency chat and restarts the follow-up clock; an unanswered resolution
    closes after 10 working days; both show on the cards."""
    from bot.surveys.feedback import answer_details, answer_resolved

    async with admin_env(db, friday, tmp_path, LAPORBOT_AUTOCLOSE_INTERVAL_SECONDS="0.05") as env:
        reopened = await env.complaint()
        quiet = await env.complaint(user=6002, title="Obat habis")
        for complaint in (reopened, quiet):
            await env.say(DINKES_CHAT, f"/verifikasi {complaint.tracking_no}", DINKES_A)
            await env.say(DINKES_CHAT, f"/selesai {complaint.tracking_no}", DINKES_A)
        env.clock.advance(timedelta(hours=2))
        async with env.db.write() as session:
            await answer_resolved(session, citizen_id=reopened.citizen_id, tracking_no=reopened.tracking_no,
                                  satisfied=False, now=env.clock.now())
            await answer_details(session, citizen_id=reopened.citizen_id, tracking_no=reopened.tracking_no,
                                 now=env.clock.now(), reason="Masih tutup jam 10")
        report = await env.handler.scheduler.tick()
        assert (report.reconciled, report.reopened) == (1, 1)
        await env.settle()
        assert f"🔁 Pelapor menyatakan masalah {reopened.tracking_no} belum selesai. Alasan: Masih tutup jam 10" \
            in env.texts(DINKES_CHAT)
        assert "· Dibuka kembali" in env.card(DINKES_CHAT, reopened.tracking_no)[1]["text"]
        case = await _case(env, reopened.id or 0)
        assert case.clock == "followup" and case.clock_since == env.clock.now()

        env.clock.set(wib(2026, 9, 2, 9, 0))  # 10 HK after Friday 14 Aug end on Tuesday 1 Sep (25 Aug is off)
        await asyncio.sleep(0.06)
        assert (await env.handler.scheduler.tick()).closed == 1
        assert (await env.handler.scheduler.tick()).reconciled == 1
        await env.settle()
        assert (await env.reload(quiet.id or 0)).status == "closed"
        _, card = env.card(DINKES_CHAT, quiet.tracking_no)
        assert "· Selesai" in card["text"] and "reply_markup" not in card
