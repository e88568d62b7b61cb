"""Every `laporbot` command, run as the installed console script in a fresh process on a fresh database.

In-process tests import modules a real command never imports (tests/surveys/test_survey_cli.py imported
models.tables itself, which hid `survey import` failing with NoReferencedTableError in every new
process). Here each command starts from nothing, as an operator's shell runs it: the `.venv/bin/laporbot`
entry point, a clean environment, a database that only the migrations (and the seed a case asks for)
have touched. Assertions are on exit codes and output, never on timings.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from models.db import Database

pytestmark = pytest.mark.slow

LAPORBOT = Path(sys.executable).with_name("laporbot")
ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120  # seconds a one-shot command may take on a loaded 2-core machine before the test gives up
PAPER_CSV = "tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2026-11-02,3,3,3,4,3,3,4,3,2\n"
UNIT = "puskesmas_selong"
TRACKING = "LPR-CLI00001"


def _env(database_url: str, tmp: Path, extra: dict[str, str]) -> dict[str, str]:
    """The parent's environment without any laporbot, channel or database setting, plus this case's."""
    drop = ("LAPORBOT_", "TELEGRAM_", "WHATSAPP_", "DATABASE_URL", "LOG_LEVEL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.update(DATABASE_URL=database_url, LAPORBOT_ADMINS_FILE=str(tmp / "admins.yaml"), **extra)
    return env


def run_cli(argv: list[str], database_url: str, tmp: Path, *, stdin: str | None = None,
            extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `laporbot argv…` to completion in tmp as its working directory."""
    return subprocess.run([str(LAPORBOT), *argv], input=stdin, capture_output=True, text=True, cwd=tmp,
                          env=_env(database_url, tmp, extra or {}), timeout=TIMEOUT, check=False)


async def run_until(argv: list[str], database_url: str, tmp: Path, ready: str,
                    extra: dict[str, str] | None = None) -> tuple[int, str]:
    """Start a long-running command, wait for `ready` in its output, SIGTERM it; (exit code, output)."""
    proc = await asyncio.create_subprocess_exec(
        str(LAPORBOT), *argv, cwd=tmp, env=_env(database_url, tmp, extra or {}),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    assert proc.stdout is not None
    seen: list[str] = []
    try:
        async with asyncio.timeout(TIMEOUT):
            while not any(ready in line for line in seen):
                line = await proc.stdout.readline()
                if not line:
                    break
                seen.append(line.decode())
        proc.send_signal(signal.SIGTERM)
        async with asyncio.timeout(TIMEOUT):
            rest = await proc.stdout.read()
            code = await proc.wait()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    return code, "".join(seen) + rest.decode()


# --- seeds: what some commands need to find in the database (written by this process, read by the child) ---


async def seed_complaint(db: Database) -> None:
    """A Telegram citizen with one complaint whose forwarding entry failed."""
    from models.forwarding import ForwardJob
    from models.tables import Citizen, Complaint

    now = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    async with db.write() as session:
        citizen = Citizen(channel="telegram", channel_user_id="1001", display_name="Ani", created_at=now)
        session.add(citizen)
        await session.flush()
        complaint = Complaint(tracking_no=TRACKING, citizen_id=citizen.id, channel="telegram",
                              classification="pengaduan", title="Jalan rusak", body="Jalan berlubang.",
                              status="failed", created_at=now, updated_at=now)
        session.add(complaint)
        await session.flush()
        session.add(ForwardJob(complaint_id=complaint.id, idempotency_key="cli-test-1", status="failed",
                               attempts=20, sends=20, last_error="HTTP 503", created_at=now, updated_at=now,
                               failed_at=now))


async def seed_paper(db: Database) -> None:
    """One paper questionnaire for the unit, in November 2026."""
    from bot.surveys.paper_import import read_paper_file
    from bot.surveys.period import period_of
    from models.survey_store import import_paper

    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"laporbot-cli-seed-{os.getpid()}.csv"
    path.write_text(PAPER_CSV, encoding="utf-8")
    try:
        respondents = read_paper_file(path)
    finally:
        path.unlink()
    async with db.write() as session:
        await import_paper(session, unit_code=UNIT, filename="seed.csv", sha256="seed", respondents=respondents,
                           period_key=lambda when: period_of(when, "quarter", "Asia/Jakarta").key,
                           now=datetime(2026, 11, 3, tzinfo=UTC))


Seed = Callable[[Database], Coroutine[Any, Any, None]]


@dataclass(frozen=True)
class Case:
    """One command line, what it needs beforehand, and a fragment of what it must print."""

    name: str
    argv: list[str]
    expect: str
    seed: Seed | None = None
    stdin: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # written into the working directory first
    written: str | None = None  # a file the command must have created


REPORT = ["survey", "report", "--unit", UNIT, "--from", "2026-10-01", "--to", "2026-12-31"]
CASES = [
    Case("config check", ["config", "check"], "OK: database"),
    Case("chat --jsonl", ["chat", "--jsonl", "--user", "ani"], '"expects"', stdin='{"text": "halo"}\n'),
    Case("agencies match", ["agencies", "match", "capil lotim"], "52.03-dukcapil"),
    Case("agencies suggest", ["agencies", "suggest", "jalan rusak"], "infrastruktur"),
    Case("agencies export", ["agencies", "export", "--output", "agencies.csv"], "", written="agencies.csv"),
    Case("regions match", ["regions", "match", "ds. paok motong"], "Paokmotong"),
    Case("regions show", ["regions", "show", "52.03"], "Lombok Timur"),
    Case("outbox list", ["outbox", "list"], TRACKING, seed=seed_complaint),
    Case("outbox retry", ["outbox", "retry", TRACKING], "requeued 1 entry", seed=seed_complaint),
    Case("outbox retry-failed", ["outbox", "retry-failed"], "requeued 1 entry", seed=seed_complaint),
    Case("survey units", ["survey", "units"], UNIT),
    Case("survey check", ["survey", "check"], "6 unit"),
    Case("survey qr", ["survey", "qr", UNIT, "--telegram-bot", "laporbot_test_bot", "--out", "qr.png"],
         "qr.png", written="qr.png"),
    Case("survey import", ["survey", "import", "x.csv", "--unit", UNIT], "1 kuesioner diimpor",
         files={"x.csv": PAPER_CSV}),
    Case("survey report", [*REPORT, "--population", "10"], "IKM 3,1111", seed=seed_paper),
    Case("survey report --json", [*REPORT, "--json"], '"ikm_converted": 77.78', seed=seed_paper),
    Case("survey report --xlsx", [*REPORT, "--xlsx", "skm.xlsx"], "skm.xlsx", seed=seed_paper,
         written="skm.xlsx"),
    Case("survey report --png", [*REPORT, "--png", "skm.png"], "skm.png", seed=seed_paper, written="skm.png"),
    Case("survey report --channel", ["survey", "report", "--channel", "--from", "2026-10-01", "--to",
                                      "2026-12-31"], "Survei kepuasan LaporBot"),
    Case("survey report --survey", ["survey", "report", "--survey", "posyandu", "--from", "2026-10-01",
                                     "--to", "2026-12-31"], "posyandu",
         extra={"LAPORBOT_SURVEYS_DIR": "<the survey_dir fixture>"}),
    Case("survey autoclose", ["survey", "autoclose"], "ditutup otomatis"),
    Case("export", ["export", "backup.jsonl.gz", "--quiet"], "exported", seed=seed_complaint,
         written="backup.jsonl.gz"),
    Case("privacy cleanup", ["privacy", "cleanup"], "blanked 0 inbound"),
    Case("privacy erase", ["privacy", "erase", "telegram:1001"], "1 complaints de-identified", seed=seed_complaint),
    Case("admin add", ["admin", "add", "12345", "--role", "super"], "12345"),
    Case("admin list", ["admin", "list"], "admin"),
    Case("admin check", ["admin", "check"], "OK"),
    Case("admin chat", ["admin", "chat", "triage", "-1001234567890"], "-1001234567890"),
]


@pytest.fixture
def survey_dir(tmp_path: Path) -> Path:
    """A folder holding the shipped example agency survey."""
    folder = tmp_path / "surveys"
    folder.mkdir()
    (folder / "posyandu.yaml").write_text((ROOT / "bot" / "data" / "survey.example.yaml").read_text("utf-8"),
                                          encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_command_in_a_fresh_process(case: Case, db: Database, tmp_path: Path, survey_dir: Path) -> None:
    if case.seed is not None:
        await case.seed(db)
    await db.engine.dispose()  # the child gets the database to itself
    for name, content in case.files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    extra = dict(case.extra)
    if "LAPORBOT_SURVEYS_DIR" in extra:
        extra["LAPORBOT_SURVEYS_DIR"] = str(survey_dir)
    done = await asyncio.to_thread(run_cli, case.argv, db.url, tmp_path, stdin=case.stdin, extra=extra)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
    assert case.expect in done.stdout, done.stdout
    if case.written:
        assert (tmp_path / case.written).stat().st_size > 0


async def test_migrate_an_empty_database(db: Database, tmp_path: Path) -> None:
    if db.is_sqlite:
        url = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    else:
        async with db.engine.begin() as conn:  # the test database, emptied: the migrations rebuild it
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        url = db.url
    await db.engine.dispose()
    done = await asyncio.to_thread(run_cli, ["migrate"], url, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "database: created schema at" in done.stdout
    checked = await asyncio.to_thread(run_cli, ["config", "check"], url, tmp_path)
    assert checked.returncode == 0 and "schema current" in checked.stdout, checked.stdout + checked.stderr


async def test_survey_import_then_report(db: Database, tmp_path: Path) -> None:
    # The reproduction: import a one-row CSV in one process, report it from another.
    await db.engine.dispose()
    (tmp_path / "x.csv").write_text(PAPER_CSV, encoding="utf-8")
    imported = await asyncio.to_thread(run_cli, ["survey", "import", "x.csv", "--unit", UNIT], db.url, tmp_path)
    assert imported.returncode == 0, imported.stderr
    report = await asyncio.to_thread(run_cli, [*REPORT, "--json"], db.url, tmp_path)
    assert report.returncode == 0, report.stderr
    assert '"respondents": 1' in report.stdout


async def test_import_a_backup(db: Database, tmp_path: Path) -> None:
    await seed_complaint(db)
    await db.engine.dispose()
    exported = await asyncio.to_thread(run_cli, ["export", "backup.jsonl.gz", "--quiet"], db.url, tmp_path)
    assert exported.returncode == 0, exported.stderr
    if db.is_sqlite:
        target = f"sqlite+aiosqlite:///{tmp_path / 'restored.db'}"  # import migrates a new database itself
    else:
        from tests.conftest import TABLES

        async with db.engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        await db.engine.dispose()
        target = db.url
    done = await asyncio.to_thread(run_cli, ["import", "backup.jsonl.gz", "--quiet"], target, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "imported" in done.stdout


async def test_admin_remove(db: Database, tmp_path: Path) -> None:
    await db.engine.dispose()
    added = await asyncio.to_thread(run_cli, ["admin", "add", "12345", "--role", "super"], db.url, tmp_path)
    assert added.returncode == 0, added.stderr
    removed = await asyncio.to_thread(run_cli, ["admin", "remove", "12345"], db.url, tmp_path)
    assert removed.returncode == 0, removed.stderr
    assert "12345" in removed.stdout


async def test_worker_runs_until_sigterm(db: Database, tmp_path: Path) -> None:
    await db.engine.dispose()
    code, output = await run_until(["worker"], db.url, tmp_path, "forwarding to the central complaint system is OFF")
    assert code == 0, output
    assert "is OFF" in output


async def test_run_serves_until_sigterm(db: Database, tmp_path: Path) -> None:
    await db.engine.dispose()
    code, output = await run_until(["run"], db.url, tmp_path, "listening on",
                                   extra={"LAPORBOT_PORT": "0", "LAPORBOT_HOST": "127.0.0.1"})
    assert code == 0, output
    assert "laporbot listening on 127.0.0.1:" in output
