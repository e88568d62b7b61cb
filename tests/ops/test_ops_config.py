"""Configuration checked at start, one line per problem; `laporbot config check`; the Dockerfile and compose.yaml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from bot.settings import Settings
from models.db import Database
from tests.procs import ROOT


def laporbot(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the laporbot command with this environment (and no channel token)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LAPORBOT_", "TELEGRAM_", "WHATSAPP_"))}
    base.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], env={**base, "PYTHONPATH": str(ROOT), **env},
                          capture_output=True, text=True, timeout=120, cwd=str(ROOT), check=False)


def test_every_problem_is_listed_once_before_anything_starts(tmp_path: Path) -> None:
    """Core and ops variables wrong at once: exit 2, one line each, for `run` and for `config check`."""
    bad = {"LAPORBOT_TIMEZONE": "Asia/Atlantis", "LAPORBOT_PORT": "http", "LAPORBOT_RATE_LIMIT_PER_MINUTE": "-1",
           "LAPORBOT_RETENTION_DAYS": "tomorrow", "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.db"}
    for command in (("config", "check"), ("run",)):
        result = laporbot(*command, **bad)
        assert result.returncode == 2, result.stderr
        problems = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
        assert [p.split(":")[0] for p in problems] == ["  - LAPORBOT_TIMEZONE", "  - LAPORBOT_PORT",
                                                        "  - LAPORBOT_RATE_LIMIT_PER_MINUTE",
                                                        "  - LAPORBOT_RETENTION_DAYS"], result.stderr
        assert not (tmp_path / "x.db").exists(), "nothing was started or created"


def test_config_check_reports_the_database(tmp_path: Path) -> None:
    """A good configuration: OK with the database's state; an unreachable PostgreSQL is a problem."""
    fresh = laporbot("config", "check", DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/new.db")
    assert fresh.returncode == 0 and "created on start" in fresh.stdout
    assert laporbot("migrate", DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/new.db").returncode == 0
    current = laporbot("config", "check", DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/new.db")
    assert current.returncode == 0 and "schema current" in current.stdout
    away = laporbot("config", "check", DATABASE_URL="postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert away.returncode == 2 and "DATABASE_URL: cannot reach the database" in away.stderr


def test_privacy_commands_for_operators(tmp_path: Path) -> None:
    """`laporbot privacy cleanup` and `laporbot privacy erase channel:id`, with clear answers."""
    url = f"sqlite+aiosqlite:///{tmp_path}/p.db"
    cleaned = laporbot("privacy", "cleanup", "--days", "30", DATABASE_URL=url)
    assert cleaned.returncode == 0 and "older than 30 days" in cleaned.stdout, cleaned.stderr
    nobody = laporbot("privacy", "erase", "telegram:42", DATABASE_URL=url)
    assert nobody.returncode == 1 and "no citizen telegram:42" in nobody.stderr
    vague = laporbot("privacy", "erase", "42", DATABASE_URL=url)
    assert vague.returncode == 2 and "channel:user id" in vague.stderr


def test_database_pool_is_a_setting(tmp_path: Path) -> None:
    """LAPORBOT_DB_POOL: PostgreSQL connections per process, checked like every setting, used by the engine."""
    wrong = laporbot("config", "check", LAPORBOT_DB_POOL="0", DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/p.db")
    assert wrong.returncode == 2 and "LAPORBOT_DB_POOL: must be between 1 and 500, got 0" in wrong.stderr
    assert Settings.from_env({"LAPORBOT_DB_POOL": "4"}).db_pool == 4
    assert Settings.from_env({}).db_pool == 10
    db = Settings.from_env({"DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:1/none",
                            "LAPORBOT_DB_POOL": "4"}).open_database()  # nothing is connected to here
    assert db.engine.pool.size() == 4  # type: ignore[attr-defined]
    assert Database("postgresql+asyncpg://nobody@127.0.0.1:1/none", pool_size=7).engine.pool.size() == 7  # type: ignore[attr-defined]


def test_compose_runs_the_bot_beside_postgresql() -> None:
    """compose.yaml: PostgreSQL with a health check, the bot from the Dockerfile, ready-checked, stopped gently."""
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    db, bot = compose["services"]["db"], compose["services"]["bot"]
    assert db["image"].startswith("postgres:") and "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert bot["build"] == "." and bot["depends_on"]["db"]["condition"] == "service_healthy"
    env = bot["environment"]  # the database from parts, the password escaped by the bot (bot/settings.py)
    assert (env["POSTGRES_HOST"], env["POSTGRES_USER"], env["POSTGRES_DB"]) == ("db", "laporbot", "laporbot")
    assert "/readyz" in " ".join(bot["healthcheck"]["test"]) and bot["stop_grace_period"] == "30s"
    assert "pgdata" in compose["volumes"]
    # `--scale bot=N`: each replica publishes its port on a host port of its own, from a range.
    (ports,) = bot["ports"]
    assert ports.endswith(":8080") and "-" in ports.split(":-", 1)[-1].rsplit(":", 1)[0]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for needed in ("COPY bot", "COPY locales", "COPY models", "laporbot migrate", "laporbot run", "EXPOSE 8080"):
        assert needed in dockerfile
