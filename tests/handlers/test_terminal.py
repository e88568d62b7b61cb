"""The terminal channel end to end: `laporbot chat --jsonl` files a complaint, a second run finds it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from handlers.terminal import parse_json_line, parse_text_line

LINES = [
    # the story comes first; its kind of report, title and category are read from it, so they are not asked
    {"text": "halo"}, {"choice": "complaint"},
    {"text": "Puskesmas tutup lebih awal dari jadwal, pasien disuruh pulang"},
    {"text": "kemarin"}, {"location": [-8.65, 116.53]}, {"choice": "unknown"},
    {"media": "foto-puskesmas.jpg", "kind": "photo"},  # a photo answers "Ada foto?"
    {"text": "tidak"}, {"text": "tidak"}, {"choice": "submit"},
]


def _run(tmp_path: Path, lines: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    agencies = tmp_path / "agencies.csv"
    agencies.write_text("code,name\ndinkes,Dinas Kesehatan\n", encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
           "LAPORBOT_AGENCIES_CSV": str(agencies)}
    return subprocess.run([sys.executable, "-m", "bot.cli", "chat", *args], input="".join(lines), env=env,
                          capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.slow
def test_jsonl_files_a_complaint_and_status_finds_it(tmp_path: Path) -> None:
    """One JSON object per reply, flushed per turn; the tracking number works in a later session."""
    done = _run(tmp_path, [json.dumps(x) + "\n" for x in LINES], "--jsonl", "--user", "ani")
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert all(set(r) == {"text", "options", "nav", "expects"} for r in replies)
    assert replies[0]["options"][0] == {"id": "complaint", "label": "Buat pengaduan"}
    number = re.search(r"LPR-[0-9A-Z]{7}", replies[-2]["text"])
    assert number, replies[-2]["text"]
    status = _run(tmp_path, [json.dumps({"command": "status", "text": number.group(0)}) + "\n"], "--jsonl",
                  "--user", "ani")
    assert "Belum Terverifikasi" in status.stdout
    other = _run(tmp_path, [json.dumps({"command": "status", "text": number.group(0)}) + "\n"], "--jsonl",
                 "--user", "budi")
    assert "tidak ada di daftar laporan Anda" in other.stdout


@pytest.mark.slow
def test_people_see_numbered_options(tmp_path: Path) -> None:
    """The interactive terminal shows numbered options and accepts numbers."""
    done = _run(tmp_path, ["1\n", "Jalan di depan sekolah\n", "2\n"])
    assert "  1. Buat pengaduan" in done.stdout
    assert "Ceritakan apa yang terjadi" in done.stdout
    assert "  2. Aspirasi (usul/saran)" in done.stdout  # a story that tells no kind of report: asked, numbered
    assert "Kapan kejadiannya" in done.stdout  # no title question: the title is made from the story


def test_bad_json_lines_are_reported_not_fatal(tmp_path: Path) -> None:
    """A broken script line gets an error object; the next line still works."""
    done = _run(tmp_path, ["not json\n", '["list"]\n', '{"media": "x", "kind": "hologram"}\n',
                           '{"text": "halo"}\n'], "--jsonl")
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [("error" in o) for o in out] == [True, True, True, False]


@pytest.mark.parametrize(("line", "field", "value"), [
    ("/batal", "command", "cancel"), ("/lokasi -8.6, 116.5", "location", (-8.6, 116.5)),
    ("/foto a.jpg", "media", "photo"), ("halo", "text", "halo"),
])
def test_typed_lines(line: str, field: str, value: object) -> None:
    """Terminal shortcuts for commands, locations and files."""
    msg = parse_text_line(line, "u")
    got = getattr(msg, field)
    if field == "location":
        got = (got.lat, got.lon)
    if field == "media":
        got = got[0].kind
    assert got == value


def test_json_choice_and_location() -> None:
    """The documented JSON shapes parse."""
    assert parse_json_line('{"choice": "yes"}', "u").choice_id == "yes"
    loc = parse_json_line('{"location": [-6.2, 106.8]}', "u").location
    assert loc is not None and (loc.lat, loc.lon) == (-6.2, 106.8)
