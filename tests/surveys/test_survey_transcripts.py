"""Survey conversations as transcripts (tests/transcripts/surveys/*.chat), run through the real pipeline.

The format is tests/transcripts.py's, plus lines for what happens outside the chat and for the
survey tables:

    ! resolved <title>          the citizen's complaint <title> is resolved: the bot asks for feedback
    ! surveys <file>            agency surveys from a YAML/JSON file join the engine
    = skm_responses N           a count (also channel_responses, feedback_requests, case_events,
                                survey_responses)
    = skm_response N f=v …      fields of the Nth row, oldest first (also channel_response,
                                feedback_request, case_event, survey_response); None for NULL
"""

from __future__ import annotations

import difflib
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from bot.core.messages import Inbound, Reply
from bot.surveys.feedback import request_feedback
from models import store
from models.surveys import CaseEvent, ChannelSurveyResponse, FeedbackRequest, SkmResponse, SurveyResponse
from models.tables import StatusChange
from tests import transcripts
from tests.harness import ChatHarness

FILES = sorted((Path(__file__).parents[1] / "transcripts" / "surveys").glob("*.chat"))
TABLES: dict[str, Any] = {
    "skm_response": SkmResponse, "channel_response": ChannelSurveyResponse, "feedback_request": FeedbackRequest,
    "case_event": CaseEvent, "survey_response": SurveyResponse,
}


async def run(path: Path, harness: ChatHarness) -> str:
    """Play a survey transcript; return it as it should read, with the bot's actual lines."""
    out: list[str] = []
    user, locale = "warga", None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if line.startswith("<"):
            continue
        out.append(line)
        if line.startswith("@user "):
            user = line.split(maxsplit=1)[1]
        elif line.startswith("@locale "):
            locale = line.split(maxsplit=1)[1]
        elif line.startswith("! advance "):
            amount = line.split()[2]
            harness.clock.advance(timedelta(**{transcripts.UNITS[amount[-1]]: float(amount[:-1])}))
        elif line.startswith("! resolved "):
            out += transcripts.render(await resolve(harness, user, line[len("! resolved "):]))
        elif line.startswith("! surveys "):
            pass  # the harness was built with them (test_survey_transcript: transcripts.survey_engine)
        elif line.startswith("= "):
            await check(line[2:], harness)
        elif line.startswith(">"):
            out += transcripts.render(await transcripts.send(line[1:], harness, user, locale))
    return "\n".join(out) + "\n"


async def resolve(harness: ChatHarness, user: str, title: str) -> list[Reply]:
    """Store a complaint of the citizen, mark it resolved, and ask for feedback as the admin side would."""
    now = harness.clock.now()
    async with harness.db.write() as session:
        citizen_id = await store.citizen_for(session, Inbound(harness.channel, user, "setup"), now)
        complaint = await store.create_complaint(
            session, tracking_no=harness.inbox.new_tracking_no(), citizen_id=citizen_id, inbound_id=None,
            channel=harness.channel, locale="id", answers={"title": title, "body": title}, now=now)
        complaint.status = "responded"
        session.add(complaint)
        session.add(StatusChange(complaint_id=complaint.id or 0, status="responded", actor="admin", at=now))
        await session.flush()
        rows = await request_feedback(harness.inbox, session, complaint.id or 0)
    replies = [Reply.from_json(r.payload) for r in rows]
    for reply in replies:
        if reply.prompt_id:
            harness.prompt[user] = reply.prompt_id
    return replies


async def check(spec: str, harness: ChatHarness) -> None:
    """Assert on a survey table, or on complaints (tests/transcripts.py)."""
    words = spec.split()
    table = TABLES.get(words[0].removesuffix("s"))
    if table is None:
        await transcripts.check(spec, harness)
        return
    async with harness.db.read() as session:
        rows = list((await session.exec(select(table).order_by(col(table.id)))).all())
    if words[0].endswith("s"):
        assert len(rows) == int(words[1]), f"expected {words[1]} {words[0]}, found {len(rows)}"
        return
    row = rows[int(words[1]) - 1]
    for name, expected in re.findall(r'(\w+)=("[^"]*"|\S+)', " ".join(words[2:])):
        actual = getattr(row, name)
        assert str(actual) == expected.strip('"'), f"{words[0]} {words[1]}.{name}: expected {expected}, got {actual!r}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
async def test_survey_transcript(path: Path, harness: ChatHarness, request: pytest.FixtureRequest) -> None:
    """The bot says exactly what the transcript says, and stores what it says it stores."""
    engine = transcripts.survey_engine(path)
    if engine is not None:  # "! surveys <file>": the engine knows those agency surveys, as the server would
        harness = ChatHarness(harness.db, harness.clock, engine=engine)
    actual = await run(path, harness)
    expected = path.read_text(encoding="utf-8")
    if actual != expected and request.config.getoption("--update-transcripts"):
        path.write_text(actual, encoding="utf-8")
        return
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected", "actual"))
    assert actual == expected, f"{path.name} differs:\n{diff}"


async def test_chat_answers_feed_the_report(harness: ChatHarness) -> None:
    """What a citizen answered in chat is what the unit's IKM is computed from, in its quarter."""
    from bot.surveys.ikm import compute
    from bot.surveys.period import period_of
    from bot.surveys.services import skm_respondents

    await run(Path(__file__).parents[1] / "transcripts" / "surveys" / "skm_buttons.chat", harness)
    quarter = period_of(harness.clock.now())
    async with harness.db.read() as session:
        people = await skm_respondents(session, "puskesmas_selong", *quarter.bounds())
        later = await skm_respondents(session, "puskesmas_selong", *period_of(
            harness.clock.now() + timedelta(days=92)).bounds())
    result = compute(people)
    assert result.respondents == 1 and later == []
    assert result.score("u8").nrr == 2 and result.score("u1").nrr == 4
    assert people[0].gender == "p" and people[0].source == "chat"
    assert result.saran == ("Antrean pagi terlalu lama, mohon tambah loket.",)
