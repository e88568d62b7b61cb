"""`laporbot export` / `laporbot import`: a whole database through one file, SQLite and PostgreSQL both ways."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select, text, update

from bot.core.clock import FixedClock
from bot.ops.backup import BackupError, export, import_, tables
from models.db import Database, alembic_config
from models.tables import OutgoingMessage
from tests.conftest import PG_URL
from tests.harness import ChatHarness
from tests.procs import ROOT

STEPS: list[dict[str, Any]] = [
    # the story first: the kind, title and category it tells are not asked
    {"text": "halo"}, {"choice": "complaint"},
    {"text": "Jembatan gantung di Dusun Lendang rusak, anak sekolah terpaksa menyeberang sungai"},
    {"choice": "yesterday"}, {"location": (-8.65, 116.53)}, {"choice": "unknown"},
    {"choice": "infrastruktur"}, {"media": ("photo", "photo-jembatan")}, {"choice": "no"},
    {"choice": "no"}, {"choice": "submit"},
]


async def fill(h: ChatHarness, citizens: int = 3) -> None:
    """Complaints with attachments, locations, dates, history, sent and queued replies."""
    for n in range(citizens):
        for step in STEPS:
            await h.send(f"warga{n}", step.get("text"), choice=step.get("choice"), location=step.get("location"),
                         media=step.get("media"))
    async with h.db.write() as session:
        await session.execute(update(OutgoingMessage).where(OutgoingMessage.id % 2 == 0)  # type: ignore[operator]
                              .values(status="sent", channel_message_id="m"))
        if "mediafile" in {t.name for t in tables()}:
            media = next(t for t in tables() if t.name == "mediafile")
            await session.execute(media.insert().values(channel="whatsapp", ref="photo-jembatan", mime="image/jpeg",
                                                        size=4, sha256="0" * 64, data=b"\x00\xffok",
                                                        created_at=h.clock.now()))


async def snapshot(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in key order."""
    found: dict[str, list[dict[str, Any]]] = {}
    async with db.engine.connect() as conn:
        present = set(await conn.run_sync(lambda c: __import__("sqlalchemy").inspect(c).get_table_names()))
        for table in tables():
            if table.name in present:
                rows = (await conn.execute(select(table).order_by(*table.primary_key.columns))).all()
                found[table.name] = [dict(r._mapping) for r in rows]
    return found


async def fresh_sqlite(path: Path) -> Database:
    """A new, migrated SQLite database."""
    url = f"sqlite+aiosqlite:///{path}"
    await asyncio.to_thread(command.upgrade, alembic_config(url), "head")
    return Database(url)


async def test_export_import_round_trip_keeps_every_row(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    """This database (SQLite or PostgreSQL) -> .jsonl.gz -> a new SQLite database: the same rows, types and all."""
    await fill(ChatHarness(db, clock))
    before = await snapshot(db)
    counts = await export(db, tmp_path / "backup.jsonl.gz", progress=False)
    assert counts["complaint"] == 3 and counts["attachment"] == 3 and counts["outgoingmessage"] > 30
    with gzip.open(tmp_path / "backup.jsonl.gz", "rt", encoding="utf-8") as fh:
        header = json.loads(fh.readline())
    assert header["format"] == "laporbot-backup" and header["tables"] == counts
    target = await fresh_sqlite(tmp_path / "copy.db")
    try:
        assert await import_(target, tmp_path / "backup.jsonl.gz", progress=False) == {
            k: v for k, v in counts.items() if v}
        assert await snapshot(target) == before
        with pytest.raises(BackupError, match="not empty"):
            await import_(target, tmp_path / "backup.jsonl.gz", progress=False)
        await import_(target, tmp_path / "backup.jsonl.gz", replace=True, progress=False)
        assert await snapshot(target) == before
        harness = ChatHarness(target, clock)  # the imported database works: ids continue after the imported ones
        assert await harness.send("baru", "halo", message_id="fresh-1")
    finally:
        await target.close()


@pytest.mark.skipif(not PG_URL, reason="SQLite -> PostgreSQL needs LAPORBOT_TEST_DATABASE_URL (the PostgreSQL pass)")
async def test_sqlite_backup_into_postgresql_continues_ids(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    """A SQLite deployment moves to PostgreSQL: every row arrives and the id sequences continue after them."""
    source = await fresh_sqlite(tmp_path / "source.db")
    try:
        await fill(ChatHarness(source, clock), citizens=2)
        before = await snapshot(source)
        await export(source, tmp_path / "backup.jsonl", progress=False)
    finally:
        await source.close()
    await import_(db, tmp_path / "backup.jsonl", replace=True, progress=False)
    assert await snapshot(db) == before
    harness = ChatHarness(db, clock)
    replies = await harness.send("baru", "halo", message_id="fresh-1")  # new rows everywhere: no id clash
    assert replies
    async with db.read() as session:
        biggest = (await session.execute(text("select max(id) from outgoingmessage"))).scalar_one()
    assert biggest > max(r["id"] for r in before["outgoingmessage"])


async def test_damaged_or_foreign_files_are_refused(db: Database, tmp_path: Path) -> None:
    """Wrong format, other schema revision, a cut-off file: a clear error and nothing written."""
    (tmp_path / "other.jsonl").write_text('{"hello": 1}\n', encoding="utf-8")
    with pytest.raises(BackupError, match="not a laporbot backup"):
        await import_(db, tmp_path / "other.jsonl", progress=False)
    await fill(ChatHarness(db, FixedClock()), citizens=1)
    await export(db, tmp_path / "good.jsonl", progress=False)
    lines = (tmp_path / "good.jsonl").read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    (tmp_path / "old.jsonl").write_text(json.dumps({**header, "revision": "0001"}) + "\n", encoding="utf-8")
    target = await fresh_sqlite(tmp_path / "target.db")
    try:
        with pytest.raises(BackupError, match="schema revision 0001"):
            await import_(target, tmp_path / "old.jsonl", progress=False)
        (tmp_path / "cut.jsonl").write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")
        with pytest.raises(BackupError, match="incomplete"):
            await import_(target, tmp_path / "cut.jsonl", progress=False)
        assert all(not rows for rows in (await snapshot(target)).values()), "nothing committed"
    finally:
        await target.close()


def test_cli_export_import_with_progress_bar(tmp_path: Path) -> None:
    """The commands operators type: a progress bar on stderr, a summary on stdout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/a.db"}
    env.pop("TELEGRAM_BOT_TOKEN", None)

    def laporbot(*args: str, url: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.cli", *args], env={**env, **({"DATABASE_URL": url} if url
                              else {})}, capture_output=True, text=True, timeout=120, cwd=str(ROOT), check=False)

    assert laporbot("migrate").returncode == 0
    out = laporbot("export", str(tmp_path / "a.jsonl"))
    assert out.returncode == 0, out.stderr
    assert "export [" in out.stderr and "100%" in out.stderr and "exported" in out.stdout
    loaded = laporbot("import", str(tmp_path / "a.jsonl"), url=f"sqlite+aiosqlite:///{tmp_path}/b.db")
    assert loaded.returncode == 0, loaded.stderr
    assert "import [" in loaded.stderr and "imported" in loaded.stdout
    missing = laporbot("import", str(tmp_path / "nothing.jsonl"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
