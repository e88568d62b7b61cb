"""The ops pieces one by one: database figures for /metrics, log scrubbing and ids, releasing claimed replies."""

from __future__ import annotations

import io
import json
import logging
from datetime import timedelta
from functools import partial
from types import SimpleNamespace

from sqlalchemy import update
from sqlmodel import col, select

from bot.app import section_of
from bot.conversation.batcher import CLAIM
from bot.core import logs
from bot.core.clock import FixedClock
from bot.core.messages import Inbound
from bot.ops.metrics import DatabaseStats
from bot.outbox.claims import ClaimLedger
from bot.settings import Settings
from bot.wiring import read_sections
from models.db import Database
from models.tables import Complaint, OutgoingMessage
from tests.conversation.test_abuse import file
from tests.harness import ChatHarness


async def test_sla_breaches_outbox_and_complaints_are_read_from_the_database(harness: ChatHarness,
                                                                             clock: FixedClock) -> None:
    """A complaint unverified for more than 3 working days is a breach; queued replies show as outbox depth."""
    await file(harness, "ani")
    await file(harness, "budi", story="Air PDAM di perumahan kami keruh dan berbau sejak seminggu lalu")
    async with harness.db.write() as session:
        old = (await session.exec(select(Complaint).order_by(col(Complaint.id)))).first()
        assert old is not None
        old.created_at = clock.now() - timedelta(days=8)  # Thursday a week before: past 3 working days
        session.add(old)
        await session.execute(update(OutgoingMessage).where(col(OutgoingMessage.id) <= 3).values(status="failed"))
    settings = Settings(database_url=harness.db.url)
    core = SimpleNamespace(db=harness.db, clock=clock, settings=settings,
                           section=partial(section_of, read_sections(settings)))
    stats = DatabaseStats(core)  # type: ignore[arg-type]
    await stats.refresh()
    values = {(m.name, tuple(sorted(s.labels.items()))): s.value for m in stats.collect() for s in m.samples}
    assert values[("laporbot_sla_breaches", (("clock", "verify"),))] == 1
    assert values[("laporbot_sla_breaches", (("clock", "followup"),))] == 0
    assert values[("laporbot_complaints", (("status", "submitted"),))] == 2
    assert values[("laporbot_outbox_failed", (("channel", "telegram"),))] == 3
    async with harness.db.read() as session:
        statuses = list((await session.exec(select(OutgoingMessage.status))).all())
    # every reply of the two conversations still queued (story first, the shorter path), less the 3 marked failed
    assert values[("laporbot_outbox_depth", (("channel", "telegram"), ("status", "pending")))] == (
        statuses.count("pending")) > 10
    assert values[("laporbot_database_up", ())] == 1


async def test_database_away_is_a_figure_not_a_failed_scrape(clock: FixedClock) -> None:
    """No database: laporbot_database_up 0, and the scrape still answers."""
    core = SimpleNamespace(db=Database("postgresql+asyncpg://nobody@127.0.0.1:1/none"), clock=clock,
                           settings=Settings())
    stats = DatabaseStats(core)  # type: ignore[arg-type]
    await stats.refresh()
    (up,) = list(stats.collect())
    assert up.name == "laporbot_database_up" and up.samples[0].value == 0
    await core.db.close()


def test_logs_scrub_personal_numbers_and_carry_bound_ids() -> None:
    """NIK, phone numbers, e-mail and SQL parameters never reach a log line; bound ids do."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.ContextFilter())
    logger = logging.getLogger("laporbot.test_ops_units")
    logger.addHandler(handler)
    logger.propagate = False
    token = logs.bind(update_id=123, request_id="abc")
    try:
        logger.warning("citizen wrote 3203012503770011 and +62 812-3456-7890 / ani@example.id")
        try:
            raise RuntimeError("(IntegrityError) duplicate\n[SQL: INSERT INTO x]\n[parameters: ('rahasia 0812345678',)]"
                               "\n(Background on this error at: https://sqlalche.me/e/21/gkpj)")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logs.reset(token)
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines[0]["msg"] == "citizen wrote [NIK] and [telepon] / [email]"
    assert lines[0]["update_id"] == 123 and lines[0]["request_id"] == "abc"
    assert "rahasia" not in lines[1]["exc"] and "[parameters hidden]" in lines[1]["exc"]
    assert "Background on this error" in lines[1]["exc"]


async def test_claimed_replies_left_unsent_are_released_at_shutdown(harness: ChatHarness) -> None:
    """Replies queued already claimed by this process but never sent go back to the queue for any replica."""
    ledger = ClaimLedger()
    inbox = ChatHarness(harness.db, harness.clock, ledger=ledger).inbox
    handled = await inbox.handle_batch([Inbound("telegram", "eko", "m1", text="halo")], claim_for=CLAIM)
    assert handled[0].outgoing_ids and ledger.ids == handled[0].outgoing_ids
    async with harness.db.read() as session:
        assert {r.status for r in (await session.exec(select(OutgoingMessage))).all()} == {"sending"}
    assert await ledger.release(harness.db) == len(handled[0].outgoing_ids)
    async with harness.db.read() as session:
        rows = (await session.exec(select(OutgoingMessage))).all()
    assert {(r.status, r.not_before) for r in rows} == {("pending", None)}
    assert await ledger.release(harness.db) == 0
