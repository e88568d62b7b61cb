"""Forwarding configuration, adapters chosen by it, the worker loop, and the `outbox`/`worker` commands."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Core
from bot.cli.outbox import worker_command
from bot.core.clock import FixedClock
from bot.forwarding.central import LaporAdapter
from bot.forwarding.settings import OFF_MESSAGE, ForwardingSettings, Open311ForwardAdapter, make_adapter
from bot.forwarding.workers import run_workers
from bot.settings import ConfigError, Settings
from models.db import Database
from tests.fakes.central_lapor import FakeLaporServer
from tests.forwarding_helpers import file_complaints, jobs, make_core, notifications

MAPPING_YAML = """\
lapor:
  user_id: 5218120
  channel_id: 13
  default_category_id: 436
open311:
  default_service_code: lainnya
classifications: {pengaduan: 1, aspirasi: 2, informasi: 3}
agencies: {"52.03.dlh": 151346}
"""


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    """A mapping file on disk."""
    path = tmp_path / "central_mapping.yaml"
    path.write_text(MAPPING_YAML, encoding="utf-8")
    return path


def test_forwarding_is_off_by_default() -> None:
    """No LAPORBOT_CENTRAL: nothing is sent, nothing is missing."""
    settings, problems = ForwardingSettings.parse({})
    assert (settings.central, settings.enabled, problems) == ("none", False, [])
    assert make_adapter(settings) is None


def test_every_missing_or_bad_setting_is_named(mapping: Path) -> None:
    """One clear line per problem, naming the variable."""
    with pytest.raises(ConfigError) as error:
        ForwardingSettings.from_env({"LAPORBOT_CENTRAL": "open311", "LAPORBOT_FORWARD_WORKERS": "many",
                                     "LAPORBOT_FORWARD_MAX_ATTEMPTS": "0", "LAPORBOT_CENTRAL_URL": "ftp://x"})
    text = "\n".join(error.value.problems)
    for name in ("LAPORBOT_CENTRAL_URL", "LAPORBOT_CENTRAL_TOKEN", "LAPORBOT_CENTRAL_JURISDICTION",
                 "LAPORBOT_CENTRAL_MAPPING", "LAPORBOT_FORWARD_WORKERS", "LAPORBOT_FORWARD_MAX_ATTEMPTS"):
        assert name in text, name
    with pytest.raises(ConfigError, match="LAPORBOT_CENTRAL: use one of none, lapor, open311"):
        ForwardingSettings.from_env({"LAPORBOT_CENTRAL": "lapor!"})
    with pytest.raises(ConfigError, match="no such file"):
        ForwardingSettings.from_env({"LAPORBOT_CENTRAL": "lapor", "LAPORBOT_CENTRAL_URL": "https://x",
                                     "LAPORBOT_CENTRAL_TOKEN": "t", "LAPORBOT_CENTRAL_MAPPING": "/nope.yaml"})


def test_the_configuration_chooses_the_adapter(mapping: Path) -> None:
    """lapor → LaporAdapter, open311 → Open311 (with the privacy attributes), with the knobs read."""
    env = {"LAPORBOT_CENTRAL": "lapor", "LAPORBOT_CENTRAL_URL": "https://api.lapor.go.id/v3",
           "LAPORBOT_CENTRAL_TOKEN": "t", "LAPORBOT_CENTRAL_MAPPING": str(mapping),
           "LAPORBOT_FORWARD_WORKERS": "4", "LAPORBOT_FORWARD_MAX_ATTEMPTS": "5",
           "LAPORBOT_CENTRAL_POLL_INTERVAL": "600", "LAPORBOT_OPEN311_ANONYMOUS_DESCRIPTIONS": "true"}
    settings = ForwardingSettings.from_env(env)
    assert (settings.workers, settings.max_attempts, settings.poll_interval.total_seconds()) == (4, 5, 600)
    assert settings.open311_anonymous_descriptions
    assert isinstance(make_adapter(settings), LaporAdapter)
    settings = ForwardingSettings.from_env({**env, "LAPORBOT_CENTRAL": "open311",
                                            "LAPORBOT_CENTRAL_JURISDICTION": "lomboktimurkab.go.id"})
    assert isinstance(make_adapter(settings), Open311ForwardAdapter)
    bare = mapping.with_name("bare.yaml")
    bare.write_text("classifications: {pengaduan: 1}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no 'lapor' section"):
        make_adapter(ForwardingSettings.from_env({**env, "LAPORBOT_CENTRAL_MAPPING": str(bare)}))


@pytest.fixture
async def lapor() -> AsyncIterator[FakeLaporServer]:
    """A fake LAPOR! V3 server on 127.0.0.1."""
    async with FakeLaporServer() as fake:
        yield fake


async def test_workers_configured_from_the_environment_forward_until_stopped(
        db: Database, clock: FixedClock, lapor: FakeLaporServer, mapping: Path) -> None:
    """run_workers as `laporbot run` starts it: adapter from the settings, loop until stop."""
    core = await make_core(db, clock, extra={
        "LAPORBOT_CENTRAL_URL": lapor.base_url, "LAPORBOT_CENTRAL_TOKEN": "test-token",
        "LAPORBOT_CENTRAL_AUTHORIZATION": "Bearer test-authorization", "LAPORBOT_CENTRAL_MAPPING": str(mapping),
        "LAPORBOT_FORWARD_IDLE": "0.02", "LAPORBOT_FORWARD_BATCH": "7"})
    try:
        await file_complaints(core, 20)
        stop = asyncio.Event()
        task = asyncio.create_task(run_workers(core, 3, stop))
        for _ in range(500):
            if all(j.status == "sent" for j in await jobs(core.db)):
                break
            await asyncio.sleep(0.02)
        await file_complaints(core, 1, user="late")  # arrives while the workers idle
        for _ in range(500):
            if all(j.status == "sent" for j in await jobs(core.db)):
                break
            await asyncio.sleep(0.02)
        stop.set()
        await asyncio.wait_for(task, 10)
    finally:
        await core.close()
    assert [j.status for j in await jobs(db)] == ["sent"] * 21
    assert lapor.create_calls == 21 and len(await notifications(db)) == 21
    assert len({j.locked_by for j in await jobs(db)}) == 1, "leases are cleared once recorded"


async def test_with_forwarding_off_the_start_up_log_says_so_and_the_outbox_waits(
        db: Database, clock: FixedClock, caplog: pytest.LogCaptureFixture) -> None:
    """LAPORBOT_CENTRAL=none: a clear warning, and entries stay pending."""
    core = await make_core(db, clock, central="none")
    caplog.set_level(logging.INFO, logger="laporbot.forwarding")
    try:
        await file_complaints(core, 2)
        stop = asyncio.Event()
        task = asyncio.create_task(run_workers(core, 2, stop))
        async with asyncio.timeout(30):  # said OFF: no worker is started after that line (a failure bound only)
            while True:
                if OFF_MESSAGE in caplog.text:
                    break
                await asyncio.sleep(0.01)
        stop.set()
        await asyncio.wait_for(task, 5)
    finally:
        await core.close()
    assert OFF_MESSAGE in caplog.text and "forwarding to the central complaint system is OFF" in OFF_MESSAGE
    assert [j.status for j in await jobs(db)] == ["pending", "pending"]


def _agencies_csv(tmp_path: Path) -> Path:
    path = tmp_path / "agencies.csv"
    path.write_text("code,name\n52.03.dlh,Dinas Lingkungan Hidup\n", encoding="utf-8")
    return path


async def test_worker_command_refuses_a_broken_configuration(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`laporbot worker` with LAPORBOT_CENTRAL=lapor and nothing else: exit 2, every problem printed."""
    settings = Settings(database_url=db.url, agencies_csv=_agencies_csv(tmp_path),
                        extra={"LAPORBOT_CENTRAL": "lapor"})
    assert await worker_command(settings) == 2
    err = capsys.readouterr().err
    assert "LAPORBOT_CENTRAL_URL" in err and "LAPORBOT_CENTRAL_TOKEN" in err


async def test_worker_command_runs_until_stopped(db: Database, tmp_path: Path) -> None:
    """`laporbot worker` runs the loop standalone and returns 0 when stopped (SIGTERM sets the same event)."""
    settings = Settings(database_url=db.url, agencies_csv=_agencies_csv(tmp_path))
    stop = asyncio.Event()
    task = asyncio.create_task(worker_command(settings, stop=stop))
    await asyncio.sleep(0.3)
    stop.set()
    assert await asyncio.wait_for(task, 10) == 0


def test_the_cli_has_the_outbox_and_worker_commands() -> None:
    """Registered on the laporbot command."""
    from bot.cli import _parser

    parser = _parser()
    args = parser.parse_args(["outbox", "retry", "17"])
    assert (args.command, args.outbox_action, args.ref) == ("outbox", "retry", "17") and callable(args.func)
    assert parser.parse_args(["outbox", "retry-failed"]).outbox_action == "retry-failed"
    assert parser.parse_args(["outbox", "list", "--status", "failed"]).status == ["failed"]
    assert parser.parse_args(["worker", "--workers", "3"]).workers == 3


async def test_install_is_part_of_build_core(core_for_install: Core) -> None:
    """build_core wires the outbox hook (the one line in bot/app.py)."""
    assert any(getattr(h, "laporbot_forwarding", False) for h in core_for_install.hooks)


@pytest.fixture
async def core_for_install(db: Database, clock: FixedClock) -> AsyncIterator[Core]:
    """A plain Core."""
    made = await make_core(db, clock, central="none")
    yield made
    await made.close()
