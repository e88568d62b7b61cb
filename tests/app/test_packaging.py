"""`pip install .` gives a working laporbot anywhere; the supply chain is pinned; the container runs as a user."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from bot.cli import ops as ops_cli
from bot.settings import Settings
from tests.procs import ROOT

COMPLAINT = [
    # the story first; the kind of report, title and category it tells are not asked
    {"text": "halo"}, {"choice": "complaint"},
    {"text": "Puskesmas tutup lebih awal dari jadwal, pasien disuruh pulang"},
    {"text": "kemarin"}, {"location": [-8.65, 116.53]}, {"choice": "unknown"},
    {"media": "foto-puskesmas.jpg", "kind": "photo"},  # a photo answers "Ada foto?"
    {"text": "tidak"}, {"text": "tidak"}, {"choice": "submit"},
]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, installed into a fresh venv; its bin/ directory.

    Only laporbot comes from the wheel: its third-party dependencies are those of the venv running the tests,
    reached through a .pth line (a directory added that way is on sys.path after the venv's own site-packages,
    and its .pth files, such as this checkout's editable install, are not run). Installing them from the index
    each run would take minutes and test pip rather than us.
    """
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools writes build/ in the source tree, and two test runs at once must not share it.
    source = work / "src"
    skip = {".git", ".venv", "data", "build", "laporbot.egg-info", ".pytest_cache", ".ruff_cache", ".hypothesis",
            "tests", "bench"}  # at the top only: bot/data is wanted
    shutil.copytree(ROOT, source, ignore=lambda folder, names: [
        n for n in names if n == "__pycache__" or (Path(folder) == ROOT and n in skip)])
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(work / "dist"), str(source)], check=True, cwd=work, timeout=300)
    (wheel,) = (work / "dist").glob("laporbot-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, cwd=work, timeout=300)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "zz_laporbot_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv / "bin"


def _env(tmp: Path, optimize: str = "") -> dict[str, str]:
    """The environment of an installed laporbot; `optimize` "2" is the image's PYTHONOPTIMIZE (Dockerfile)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "TELEGRAM_BOT_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_ACCESS_TOKEN",
                        "PYTHONOPTIMIZE") and not k.startswith("LAPORBOT_")}
    return {**env, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp / 'bot.db'}", **({"PYTHONOPTIMIZE": optimize}
                                                                             if optimize else {})}


# The image runs at PYTHONOPTIMIZE=2 (no docstrings, no asserts): the installed bot must work so as well as plain.
AS_THE_IMAGE_RUNS = pytest.mark.parametrize("optimize", ["", "2"], ids=["plain", "optimize2"])


def test_the_wheel_carries_its_catalogs_and_the_data_licence(installed: Path) -> None:
    """bot/locales (.po, read at start) and the ODbL attribution and licence travel in the wheel."""
    (wheel,) = (installed.parent.parent / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"bot/locales/id/LC_MESSAGES/bot.po", "bot/locales/en/LC_MESSAGES/bot.po",
            "bot/data/regions/ATTRIBUTION.md", "bot/data/regions/LICENSE-ODbL.md"} <= names
    tracked = subprocess.run(["git", "ls-files", "bot", "handlers", "flows", "models", "locales"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    wanted = {f"bot/{p}" if p.startswith("locales/") else p for p in tracked if not p.endswith(".gitignore")}
    assert wanted - names == set()


@pytest.mark.slow
@AS_THE_IMAGE_RUNS
def test_the_installed_laporbot_files_a_whole_complaint_from_another_directory(installed: Path, tmp_path: Path,
                                                                               optimize: str) -> None:
    """From a directory that is not the checkout: config check passes (catalogs included), chat --jsonl works."""
    env = _env(tmp_path, optimize)
    where = subprocess.run([str(installed / "python"), "-c", "import bot, bot.core.i18n; print(bot.__file__); "
                            "print(bot.core.i18n.LOCALES_DIR)"], cwd=tmp_path, env=env, capture_output=True, text=True,
                           check=True).stdout.split()
    assert all(line.startswith(str(installed.parent)) for line in where), where  # not this checkout
    check = subprocess.run([str(installed / "laporbot"), "config", "check"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    done = subprocess.run([str(installed / "laporbot"), "chat", "--jsonl", "--user", "ani"], cwd=tmp_path, env=env,
                          input="".join(json.dumps(x) + "\n" for x in COMPLAINT), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert not [r for r in replies if "error" in r]
    assert re.search(r"LPR-[0-9A-Z]{7}", replies[-2]["text"]), replies[-2:]


@pytest.mark.slow
@AS_THE_IMAGE_RUNS
def test_the_installed_package_migrates_apart_and_counts_working_days_from_its_own_data(installed: Path,
                                                                                       tmp_path: Path,
                                                                                       optimize: str) -> None:
    """As `laporbot run` does from the image: models/migrate.py runs as a script from site-packages in a child
    process for a database behind (the server never imports Alembic), a new file takes the installed schema
    snapshot, and the holiday table is read from the installed package's data."""
    old = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    behind = ("import sys\nfrom alembic import command\nfrom models.migrate import alembic_config\n"
              "command.upgrade(alembic_config(sys.argv[1]), '0004_whatsapp')\n")
    subprocess.run([str(installed / "python"), "-c", behind, old], cwd=tmp_path, env=_env(tmp_path, optimize),
                   check=True, timeout=300)
    script = (
        "import asyncio, sys\n"
        "from datetime import UTC, datetime\n"
        "from models.db import Database\n"
        "from bot.core.workdays import build_calendar\n"
        "async def main():\n"
        "    for url in sys.argv[1:]:\n"
        "        db = Database(url)\n"
        "        pending = await db.start_migration()\n"
        "        done = await db.migrate(started=pending)\n"
        "        print(done.before, pending.child is not None, await db.is_current(), 'alembic' in sys.modules)\n"
        "        await db.close()\n"
        "asyncio.run(main())\n"
        "print(build_calendar().add_working_days(datetime(2026, 3, 17, 9, tzinfo=UTC), 5).date())\n"
    )
    out = subprocess.run([str(installed / "python"), "-c", script, f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", old],
                         cwd=tmp_path, env=_env(tmp_path, optimize), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["None", "False", "True", "False",  # the snapshot: no child
                                  "0004_whatsapp", "True", "True", "False",  # the child, from site-packages
                                  "2026-03-31"]


def test_config_check_fails_without_the_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """An install that lost locales/ is a configuration problem, not an "OK"."""
    monkeypatch.setattr("bot.core.i18n.find_locales", lambda: tmp_path / "nowhere")
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    assert ops_cli.config_check(settings, env={}) == 2
    assert "locales: the message catalogs do not load" in capsys.readouterr().err


def test_openpyxl_parses_with_defusedxml() -> None:
    """Uploaded XLSX files (paper survey import) are parsed with XML entity expansion defused."""
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


def test_the_lock_files_pin_every_package_with_hashes() -> None:
    """requirements*.lock: name==version with at least one sha256 each; setup, run.sh and test.sh use them."""
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / lock).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[a-z0-9])", text.split("\n", 2)[2].strip(), flags=re.IGNORECASE)
        assert len(entries) > 40
        for entry in entries:
            assert re.match(r"[A-Za-z0-9_.\-\[\]]+==\S+", entry) and "--hash=sha256:" in entry, entry[:80]
        assert re.search(r"^setuptools==", text, re.MULTILINE) and re.search(r"^defusedxml==", text, re.MULTILINE)
    setup = (ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    assert "--require-hashes" in setup and "--no-build-isolation" in setup
    assert "scripts/setup --dev" in (ROOT / "test.sh").read_text(encoding="utf-8")
    assert "--dev" not in (ROOT / "run.sh").read_text(encoding="utf-8")


def test_env_example_is_generated_from_the_current_settings() -> None:
    """.env.example lists every variable the code reads; regenerate with scripts/gen_env_example.py."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_env_example.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in ("TELEGRAM_BOT_TOKEN", "LAPORBOT_CENTRAL", "LAPORBOT_CENTRAL_TOKEN", "LAPORBOT_TIMEZONE",
                 "LAPORBOT_ADMINS_FILE", "WHATSAPP_TEMPLATE_NOTIFICATION", "POSTGRES_PASSWORD"):
        assert f"\n#{name}=\n" in text, name


def test_compose_reads_env_file_and_builds_the_database_url_from_parts() -> None:
    """Every setting reaches the bot via .env (optional); the password never sits unescaped inside a URL."""
    import yaml

    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    bot = compose["services"]["bot"]
    assert bot["env_file"] == [{"path": ".env", "required": False}]
    env = bot["environment"]
    assert "POSTGRES_PASSWORD" not in env["DATABASE_URL"] and env["POSTGRES_HOST"] == "db"
    assert env["LAPORBOT_ADMINS_FILE"].endswith("/data/admins.yaml}") and "botdata:/data" in bot["volumes"]


def test_a_password_with_any_characters_is_escaped_into_the_url() -> None:
    """POSTGRES_* parts → an escaped URL that parses back to the same password; DATABASE_URL still wins."""
    from sqlalchemy.engine import make_url

    password = "p@ss:w/rd%?#é"
    url = Settings.from_env({"POSTGRES_HOST": "db", "POSTGRES_PASSWORD": password}).database_url
    parsed = make_url(url)
    assert (parsed.password, parsed.host, parsed.port, parsed.username, parsed.database) == (
        password, "db", 5432, "laporbot", "laporbot")
    assert Settings.from_env({"POSTGRES_HOST": "db", "DATABASE_URL": "sqlite+aiosqlite:///x.db"}).database_url \
        == "sqlite+aiosqlite:///x.db"


async def test_parts_url_reaches_postgresql(database_url: str) -> None:
    """On the PostgreSQL pass: the URL built from parts connects and finds the migrated schema."""
    from sqlalchemy.engine import make_url

    from models.db import Database

    if not database_url.startswith("postgresql"):
        pytest.skip("the PostgreSQL pass runs this")
    base = make_url(database_url)
    url = Settings.from_env({"POSTGRES_HOST": str(base.host), "POSTGRES_PORT": str(base.port or 5432),
                             "POSTGRES_USER": str(base.username), "POSTGRES_PASSWORD": "p@ss:w/rd%",
                             "POSTGRES_DB": str(base.database)}).database_url
    db = Database(url)
    try:
        assert await db.is_current()  # trust authentication here: the escaped password parses, then is ignored
    finally:
        await db.close()


def test_the_image_installs_the_locked_wheel_and_runs_as_a_user() -> None:
    """No Docker engine here: the Dockerfile's shape — pinned base, hash-checked lock, wheel, non-root user."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11\.\d+-slim-bookworm$", text, re.MULTILINE)
    assert "--require-hashes -r requirements.lock" in text and "pip install -e" not in text
    assert re.search(r"pip install --no-deps /dist/laporbot-\*\.whl", text)
    runtime = text.split("AS builder", 1)[1]
    assert re.search(r"^USER laporbot$", runtime, re.MULTILINE)
    copy = runtime.index("COPY --from=builder /opt/laporbot /opt/laporbot")
    assert copy < runtime.index("USER laporbot") and "--chown" not in runtime  # root-owned code
    assert re.search(r"apt-get install -y --no-install-recommends espeak-ng", runtime)  # voice: mode suara
    # run at PYTHONOPTIMIZE=2, from bytecode compiled at that level in the builder (the user cannot write it)
    assert re.search(r"^ENV .*\bPYTHONOPTIMIZE=2\b", runtime, re.MULTILINE)
    assert "/opt/laporbot/bin/python -OO -m compileall -q /opt/laporbot/lib" in runtime.split("\nFROM ", 1)[0]
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "data", ".git", ".env", "*.db"} <= set(ignored)
