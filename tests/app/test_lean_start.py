"""What `laporbot run` leaves unimported until a feature asks for it (the memory it saves is measured in bench/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.core.i18n import default_catalog

ROOT = Path(__file__).resolve().parents[2]
START = """
import asyncio, sys
from bot.cli import _parser
from bot.server import make_channels
from bot.settings import Settings
from bot.wiring import build_core

async def main():
    _parser()  # every sub-command registered, as each start does
    core = await build_core(Settings.from_env({"DATABASE_URL": "sqlite+aiosqlite:///" + sys.argv[1]}))
    try:
        make_channels(core)
    finally:
        await core.close()
    print(*[m for m in sys.argv[2:] if m in sys.modules] or ["none"])

asyncio.run(main())
"""
LATER = ("babel", "phonenumbers", "yaml", "xml.etree.ElementTree", "bot.surveys.qr", "bot.surveys.report",
         "bot.surveys.paper_import")


def test_a_start_with_no_admin_file_mapping_or_survey_files_imports_none_of_what_it_does_not_use(
        tmp_path: Path) -> None:
    """Babel (the catalogs come from their cache), phone numbers (the first typed), YAML (no file to read), XML
    (no Open311 reader asked for it), and the survey command's posters, reports and paper import."""
    default_catalog()  # the catalogs' cache written, as the Dockerfile does at build time
    out = subprocess.run([sys.executable, "-c", START, str(tmp_path / "bot.db"), *LATER], cwd=tmp_path,
                         capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.split() == ["none"]
