"""The settings tree: typed readers' messages, every section's problems at once, docs generated from it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config.reader import (
    Bool,
    ClockTime,
    Dates,
    Duration,
    Enum,
    FilePath,
    Float,
    Int,
    List,
    Reader,
    Secret,
    Url,
    Var,
    Zone,
)
from bot.core.workdays import parse_dates
from bot.sections import SECTIONS, TABLES, declared, problems

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import gen_config_docs  # noqa: E402


def _read(kind, raw: str, default=None) -> tuple[object, list[str]]:
    reader = Reader({"X_VAR": raw})
    value = reader.read(Var("X_VAR", kind, default, "test"))
    return value, reader.problems


@pytest.mark.parametrize(("kind", "raw", "message"), [
    (Int(1, 500), "many", "X_VAR: expected a whole number, got 'many'"),
    (Int(1, 500), "0", "X_VAR: must be between 1 and 500, got 0"),
    (Float(0, 10), "fast", "X_VAR: expected a number, got 'fast'"),
    (Float(0, 10), "nan", "X_VAR: expected a number, got 'nan'"),
    (Float(0, 10), "11", "X_VAR: must be between 0 and 10, got 11"),
    (Float(0, 10, positive=True), "0", "X_VAR: must be more than 0, got 0"),
    (Bool(), "maybe", "X_VAR: expected 1 or 0 (also true/false, yes/no, on/off), got 'maybe'"),
    (Duration("hours", 1, 48), "2d", "X_VAR: expected a whole number, got '2d'"),
    (Duration("hours", 1, 48), "49", "X_VAR: must be between 1 and 48 hours, got 49"),
    (Enum(("inline", "thread")), "fast", "X_VAR: use inline or thread, got 'fast'"),
    (Enum(("none", "lapor", "open311")), "x", "X_VAR: use one of none, lapor, open311, got 'x'"),
    (List(lambda item: None if item.isdigit() else f"{item!r} is not a number"), "1,a", "X_VAR: 'a' is not a number"),
    (Url(), "ftp://x", "X_VAR: expected an http(s) URL, got 'ftp://x'"),
    (FilePath("file"), "/no/such/file.csv", "X_VAR: no such file '/no/such/file.csv'"),
    (FilePath("dir"), "/no/such/dir", "X_VAR: no such folder '/no/such/dir'"),
    (Dates(parse_dates), "2027-02-30", "X_VAR: date item #1 '2027-02-30': not a real calendar date"),
    (ClockTime(), "25:00", "X_VAR: expected HH:MM (e.g. 07:30) or off, got '25:00'"),
    (Zone(), "Asia/Atlantis", "X_VAR: unknown time zone 'Asia/Atlantis'"),
])
def test_each_reader_names_the_variable_what_is_wrong_and_what_is_allowed(kind, raw: str, message: str) -> None:
    """A wrong value keeps the default and gives one line starting with the variable's name."""
    value, found = _read(kind, raw, default="the default")
    assert value == "the default"
    assert len(found) == 1 and found[0].startswith(message), found


def test_readers_read_good_values_and_blank_is_the_default() -> None:
    """Good values are typed; unset or blank is the default."""
    assert _read(Int(0, 10, off=("off",)), "off")[0] is None
    assert _read(Bool(), "Yes")[0] is True and _read(Bool(), "off")[0] is False
    assert _read(Duration("minutes", 0, 60), "30")[0].total_seconds() == 1800
    assert _read(List(), " a, ,b ")[0] == ("a", "b")
    assert _read(Url(), "https://x/")[0] == "https://x"
    assert _read(ClockTime(), "off")[0] is None and _read(ClockTime(), "6:45")[0] == (6, 45)
    assert _read(Secret(), "   ", default=None) == (None, [])


def test_a_secret_is_never_printed_back() -> None:
    """Sections check secrets without echoing them (the Telegram webhook secret, for one)."""
    found = problems({"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_URL": "https://bot.example",
                      "TELEGRAM_WEBHOOK_SECRET": "short-secret-value"})
    assert any(p.startswith("TELEGRAM_WEBHOOK_SECRET: too short") for p in found)
    assert not any("short-secret-value" in p for p in found)


def test_problems_of_every_section_at_once() -> None:
    """One wrong variable per feature: every one is listed, each once."""
    env = {"LAPORBOT_PORT": "http", "LAPORBOT_TELEGRAM_RATE": "fast", "WHATSAPP_PHONE_NUMBER_ID": "abc",
           "WHATSAPP_ACCESS_TOKEN": "t", "WHATSAPP_APP_SECRET": "s", "LAPORBOT_RETENTION_DAYS": "0",
           "LAPORBOT_DIGEST_TIME": "25:00", "LAPORBOT_FORWARD_WORKERS": "many", "LAPORBOT_SKM_PERIOD": "week",
           "LAPORBOT_NOT_HOLIDAYS": "someday", "LAPORBOT_STT_ATTEMPTS": "99"}
    found = problems(env)
    named = [p.split(":")[0] for p in found]
    assert named == ["LAPORBOT_PORT", "LAPORBOT_TELEGRAM_RATE", "WHATSAPP_PHONE_NUMBER_ID", "LAPORBOT_RETENTION_DAYS",
                     "LAPORBOT_DIGEST_TIME", "LAPORBOT_NOT_HOLIDAYS", "LAPORBOT_FORWARD_WORKERS",
                     "LAPORBOT_SKM_PERIOD", "LAPORBOT_STT_ATTEMPTS"], found
    assert problems({}) == []


def test_config_check_prints_three_features_mistakes_at_once(tmp_path: Path) -> None:
    """`laporbot config check` with a bad admin, survey and WhatsApp variable: exit 2, all three listed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LAPORBOT_", "WHATSAPP_", "TELEGRAM_"))}
    env.update({"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.db", "LAPORBOT_DIGEST_TIME": "7.30",
                "LAPORBOT_SKM_WEIGHT": "half", "WHATSAPP_PHONE_NUMBER_ID": "123", "WHATSAPP_ACCESS_TOKEN": "t",
                "WHATSAPP_APP_SECRET": "s", "WHATSAPP_RATE": "lots"})
    done = subprocess.run([sys.executable, "-m", "bot.cli", "config", "check"], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("  - ")]
    assert [line.split(":")[0] for line in lines] == ["  - WHATSAPP_RATE", "  - LAPORBOT_DIGEST_TIME",
                                                      "  - LAPORBOT_SKM_WEIGHT"], done.stderr


def test_every_variable_the_code_names_is_declared_once() -> None:
    """A scan of the code (as scripts/gen_config_docs.py does): each name is declared in a section, once."""
    names = [var.name for _, var in declared()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert gen_config_docs.read_by_code() - set(names) == set()
    tables = {name for name, _ in TABLES}
    assert {table for table, _ in declared()} <= tables
    assert all(var.meaning for section in SECTIONS for var in section.VARS)


def test_readme_tables_and_env_example_are_current() -> None:
    """README.md's variable tables and .env.example are what scripts/gen_config_docs.py writes."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_config_docs.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
