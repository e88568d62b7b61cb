"""Time limits per classification: permintaan informasi on UU KIP clocks (10 working days from receipt,
extendable by 7), configurable with LAPORBOT_TIME_LIMITS, used by the admin SLA and told to citizens."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlmodel import select

from bot.admin.sla import AdminSettings
from bot.cli.ops import problems
from bot.core.clock import FixedClock
from bot.core.deadlines import SlaPolicy, parse_time_limits
from bot.settings import Settings
from models.admin import AdminCase
from models.db import Database
from tests.admin.test_admin_env import DINKES_A, DINKES_CHAT, AdminEnv, admin_env
from tests.admin.test_admin_sla import wib
from tests.conversation.test_inbox import FULL_COMPLAINT
from tests.harness import HOME, ChatHarness


def test_defaults_put_information_requests_on_kip_clocks() -> None:
    """Pengaduan and aspirasi keep the LAPOR! budgets; informasi: 10 working days from receipt, +7."""
    limits = parse_time_limits(None, SlaPolicy(3, 5, 10))
    assert limits["pengaduan"] == limits["aspirasi"] == SlaPolicy(3, 5, 10)
    kip = limits["informasi"]
    assert (kip.verify_days, kip.followup_days, kip.extension_days, kip.from_arrival) == (3, 10, 7, True)


def test_time_limits_are_configurable_and_validated() -> None:
    """Empty fields keep defaults; every mistake is named; config check reports them."""
    limits = parse_time_limits("pengaduan:2/4/10, informasi:/14/+0", SlaPolicy())
    assert (limits["pengaduan"].verify_days, limits["pengaduan"].followup_days) == (2, 4)
    assert (limits["informasi"].followup_days, limits["informasi"].extension_days) == (14, 0)
    assert limits["aspirasi"] == SlaPolicy()
    with pytest.raises(ValueError) as error:
        parse_time_limits("keluhan:1/2/3,informasi:1/2,aspirasi:0/x/3,aspirasi:1/1/1,pengaduan:1/1/500", SlaPolicy())
    text = str(error.value)
    for part in ("'keluhan:1/2/3'", "informasi: expected verify/answer/autoclose", "aspirasi: 0 working days",
                 "'x' is not a number", "aspirasi: given twice", "pengaduan: 500 working days"):
        assert part in text, part
    assert [p for p in problems({"LAPORBOT_TIME_LIMITS": "informasi:10"}) if p.startswith("LAPORBOT_TIME_LIMITS")]
    assert not [p for p in problems({"LAPORBOT_TIME_LIMITS": "informasi:3/10/10+7"})
                if p.startswith("LAPORBOT_TIME_LIMITS")]


@pytest.fixture
async def env(db: Database, tmp_path: Path) -> AsyncIterator[AdminEnv]:
    """The admin bench on Friday 14 August 2026, 10:00 WIB (Monday 17 August is Independence Day)."""
    async with admin_env(db, FixedClock(wib(2026, 8, 14, 10, 0)), tmp_path) as bench:
        yield bench


async def _case(env: AdminEnv, complaint_id: int) -> AdminCase:
    async with env.db.read() as session:
        return (await session.exec(select(AdminCase).where(AdminCase.complaint_id == complaint_id))).one()


async def test_admin_sla_counts_an_information_request_from_receipt_over_ten_working_days(env: AdminEnv) -> None:
    """Filed Friday 14 Aug, verified Thursday 20 Aug: the answer is due 10 HK after receipt (Tuesday 1 Sep,
    skipping 17 Aug and 25 Aug), not 5 HK after verification (28 Aug) as for a pengaduan."""
    settings = env.core.section(AdminSettings, checked=True)
    info = await env.complaint(classification="informasi", title="Minta data anggaran puskesmas")
    plain = await env.complaint(user=4242)
    env.clock.set(wib(2026, 8, 20, 11, 0))
    for complaint in (info, plain):
        await env.say(DINKES_CHAT, f"/verifikasi {complaint.tracking_no}", DINKES_A)
    info_case, plain_case = await _case(env, info.id or 0), await _case(env, plain.id or 0)
    assert (plain_case.clock, plain_case.due_at) == ("followup", wib(2026, 8, 28, 23, 59, 59, 999999))
    expected = settings.calendar.add_working_days(info.created_at, 10, settings.tz)
    assert expected == wib(2026, 9, 1, 23, 59, 59, 999999)
    assert (info_case.clock, info_case.due_at) == ("followup", expected)
    await env.settle()
    assert "(10 hari kerja)" in env.card(DINKES_CHAT, info.tracking_no)[1]["text"]


async def test_admin_sla_follows_configured_time_limits(db: Database, tmp_path: Path) -> None:
    """LAPORBOT_TIME_LIMITS=pengaduan:2/5/10: the verify clock of a pengaduan is 2 working days."""
    async with admin_env(db, FixedClock(wib(2026, 8, 14, 10, 0)), tmp_path,
                         LAPORBOT_TIME_LIMITS="pengaduan:2/5/10") as bench:
        complaint = await bench.complaint()
        case = await _case(bench, complaint.id or 0)
        assert (case.clock, case.due_at) == ("verify", wib(2026, 8, 19, 23, 59, 59, 999999))


async def _thanks(db: Database, clock: FixedClock, classification: str, **env: str) -> str:
    config = dataclasses.replace(Settings(database_url=db.url, extra=env).flow_config, region=HOME)
    harness = ChatHarness(db, clock, config=config)
    replies = []
    user = f"warga-{classification}-{len(env)}"
    # the story tells a pengaduan; another kind is chosen at the read-back ("Ubah" → "Jenis laporan")
    steps = [*FULL_COMPLAINT[:-1], *([{"choice": "edit"}, {"choice": "classification"}, {"choice": classification}]
                                     if classification != "pengaduan" else []), FULL_COMPLAINT[-1]]
    for index, step in enumerate(steps):
        # channel message ids must differ between harnesses sharing the database
        if "media" in step:
            replies = await harness.send(user, media=step["media"], message_id=f"{user}-{index}")  # type: ignore[arg-type]
        else:
            replies = await harness.send(user, step.get("text"), choice=step.get("choice"),  # type: ignore[arg-type]
                                         message_id=f"{user}-{index}")
    return "\n".join(r.text for r in replies)


async def test_citizens_are_told_their_classification_s_time_limit(db: Database, clock: FixedClock) -> None:
    """A pengaduan hears 3 + 5 working days; an information request hears the KIP 10 (+7) from receipt."""
    assert "memeriksa dalam 3 hari kerja, lalu instansi menindaklanjuti dalam 5 hari kerja" in await _thanks(
        db, clock, "pengaduan")
    text = await _thanks(db, clock, "informasi")
    assert "dijawab paling lambat 10 hari kerja sejak diterima" in text and "diperpanjang 7 hari kerja" in text
    assert "menindaklanjuti dalam 5" not in text
    text = await _thanks(db, clock, "informasi", LAPORBOT_TIME_LIMITS="informasi:/14/+0")
    assert "dijawab paling lambat 14 hari kerja sejak diterima." in text and "diperpanjang" not in text
