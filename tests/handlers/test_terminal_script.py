"""`laporbot chat`: an unknown scripted choice is refused in place; the interactive greeting says how to go further."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.i18n import default_catalog


def _chat(tmp_path: Path, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"}
    for name in ("TELEGRAM_BOT_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_ACCESS_TOKEN"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "bot.cli", "chat", *args], input=stdin, env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.slow
def test_an_unknown_choice_gets_an_error_and_the_conversation_stays(tmp_path: Path) -> None:
    """{"choice": "nope"} → {"error": "unknown option", "options": [what was offered]}; the same question goes on."""
    lines = [{"text": "halo"}, {"choice": "nope"}, {"choice": "complaint"}]
    done = _chat(tmp_path, "".join(json.dumps(x) + "\n" for x in lines), "--jsonl")
    out = [json.loads(line) for line in done.stdout.splitlines()]
    errors = [o for o in out if "error" in o]
    before = out[:out.index(errors[0])]
    offered = before[-1]["options"] + before[-1]["nav"]
    assert errors == [{"error": "unknown option", "options": offered}]
    assert {"id": "complaint", "label": "Buat pengaduan"} in offered
    after = out[out.index(errors[0]) + 1:]
    assert after and not any("sudah ditutup" in o["text"] for o in after)  # "complaint" still answered the menu
    assert after[-1]["expects"] == "text" and after[-1]["text"].startswith("Ceritakan")  # the story comes first


@pytest.mark.slow
def test_the_terminal_greets_with_how_to_connect_and_where_the_data_is(tmp_path: Path) -> None:
    """One line: the channel variables and the database file, before the bot's own welcome."""
    done = _chat(tmp_path, "")
    first = done.stdout.splitlines()[0]
    assert "TELEGRAM_BOT_TOKEN" in first and "WHATSAPP_ACCESS_TOKEN" in first
    assert str((tmp_path / "bot.db").resolve()) in first
    assert first.startswith("LaporBot di terminal")


def test_the_greeting_has_both_languages() -> None:
    """Indonesian source and English."""
    catalog = default_catalog()
    assert catalog.has("terminal.greeting", "id") and catalog.has("terminal.greeting", "en")
