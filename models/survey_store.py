"""Storage operations of the surveys, written once for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models import workqueue
from models.surveys import (
    UNSUR_COLUMNS,
    CaseEvent,
    ChannelSurveyResponse,
    SkmImport,
    SkmResponse,
    SurveyInvitation,
    SurveyResponse,
    to_db,
)

PROFILE_FIELDS = ("gender", "age_band", "education", "occupation", "disability", "service")
CHANNEL_FIELDS = ("satisfaction", "ease", "speed", "use_again", "recommend", "gender", "disability")


class DuplicateImport(ValueError):
    """This file was imported for this unit before."""


async def skm_response(session: AsyncSession, citizen_id: int, unit_code: str, period: str) -> SkmResponse | None:
    """The citizen's response for a unit and period, if any."""
    query = select(SkmResponse).where(SkmResponse.citizen_id == citizen_id, SkmResponse.unit_code == unit_code,
                                      SkmResponse.period == period)
    return (await session.exec(query)).first()


async def save_skm(session: AsyncSession, *, citizen_id: int, unit_code: str, period: str,
                   answers: Mapping[str, Any], locale: str, now: datetime) -> SkmResponse:
    """Store a chat questionnaire; an earlier one of the same citizen, unit and period is replaced."""
    row = await skm_response(session, citizen_id, unit_code, period)
    if row is None:
        row = SkmResponse(citizen_id=citizen_id, unit_code=unit_code, period=period, source="chat",
                          submitted_at=to_db(now))
    for uid in UNSUR_COLUMNS:
        setattr(row, uid, answers.get(uid))
    for name in PROFILE_FIELDS:
        setattr(row, name, answers.get(name))
    row.saran = answers.get("saran")
    row.locale = locale
    row.submitted_at = to_db(now)  # the answers are as of now: a replaced response moves periods' dates too
    row.updated_at = to_db(now)
    session.add(row)
    await session.flush()
    return row


async def import_paper(session: AsyncSession, *, unit_code: str, filename: str, sha256: str,
                       respondents: Sequence[Any], period_key: Callable[[datetime], str], now: datetime) -> SkmImport:
    """Store every paper questionnaire of one file in the caller's transaction (all or nothing).

    respondents are bot.surveys.ikm.Respondent-shaped; period_key names the survey period of a moment.
    """
    query = select(SkmImport).where(SkmImport.unit_code == unit_code, SkmImport.sha256 == sha256)
    if (await session.exec(query)).first() is not None:
        raise DuplicateImport(filename)
    batch = SkmImport(unit_code=unit_code, filename=filename[:255], sha256=sha256, rows=len(respondents),
                      imported_at=to_db(now))
    session.add(batch)
    await session.flush()
    for person in respondents:
        when = person.submitted_at or now
        row = SkmResponse(unit_code=unit_code, period=period_key(when), source="paper",
                          import_id=batch.id, saran=person.saran, service=person.service, locale="id",
                          submitted_at=to_db(when), updated_at=to_db(now))
        for uid, score in person.answers.items():
            setattr(row, uid, score)
        for name in ("gender", "age_band", "education", "occupation", "disability"):
            setattr(row, name, getattr(person, name))
        session.add(row)
    await session.flush()
    return batch


async def skm_rows(session: AsyncSession, unit_code: str, start: datetime, end: datetime) -> list[SkmResponse]:
    """The questionnaires of a unit submitted in [start, end), oldest first."""
    query = select(SkmResponse).where(
        SkmResponse.unit_code == unit_code, col(SkmResponse.submitted_at) >= to_db(start),
        col(SkmResponse.submitted_at) < to_db(end)).order_by(col(SkmResponse.submitted_at), col(SkmResponse.id))
    return list((await session.exec(query)).all())


async def skm_count(session: AsyncSession, unit_code: str | None = None) -> int:
    """How many SKM responses are stored (for one unit, or all)."""
    query = select(func.count()).select_from(SkmResponse)
    if unit_code is not None:
        query = query.where(SkmResponse.unit_code == unit_code)
    return int((await session.exec(query)).one())


async def save_channel(session: AsyncSession, *, citizen_id: int, period: str, answers: Mapping[str, Any],
                       locale: str, now: datetime) -> ChannelSurveyResponse:
    """Store a channel survey answer; an earlier one of the same citizen and period is replaced."""
    query = select(ChannelSurveyResponse).where(ChannelSurveyResponse.citizen_id == citizen_id,
                                                ChannelSurveyResponse.period == period)
    row = (await session.exec(query)).first()
    if row is None:
        row = ChannelSurveyResponse(citizen_id=citizen_id, period=period, submitted_at=to_db(now))
    for name in CHANNEL_FIELDS:
        setattr(row, name, answers.get(name))
    row.locale = locale
    row.submitted_at = to_db(now)
    row.updated_at = to_db(now)
    session.add(row)
    await session.flush()
    return row


async def channel_rows(session: AsyncSession, start: datetime, end: datetime) -> list[ChannelSurveyResponse]:
    """Channel survey answers submitted in [start, end)."""
    query = select(ChannelSurveyResponse).where(
        col(ChannelSurveyResponse.submitted_at) >= to_db(start), col(ChannelSurveyResponse.submitted_at) < to_db(end)
    ).order_by(col(ChannelSurveyResponse.id))
    return list((await session.exec(query)).all())


async def invited(session: AsyncSession, citizen_id: int, survey: str) -> bool:
    """Whether the bot has offered this survey to the citizen before."""
    query = select(SurveyInvitation.id).where(SurveyInvitation.citizen_id == citizen_id,
                                              SurveyInvitation.survey == survey)
    return (await session.exec(query)).first() is not None


async def invite(session: AsyncSession, citizen_id: int, survey: str, complaint_id: int | None,
                 now: datetime) -> bool:
    """Record an offer; False when the survey was offered before (nothing is recorded then)."""
    if await invited(session, citizen_id, survey):
        return False
    session.add(SurveyInvitation(citizen_id=citizen_id, survey=survey, complaint_id=complaint_id,
                                 created_at=to_db(now)))
    await session.flush()
    return True


async def save_custom(session: AsyncSession, *, survey_id: str, citizen_id: int | None,
                      answers: Mapping[str, Any], locale: str, now: datetime) -> SurveyResponse:
    """Store an answer to an agency's own survey."""
    row = SurveyResponse(survey_id=survey_id, citizen_id=citizen_id, answers=dict(answers), locale=locale,
                         submitted_at=to_db(now))
    session.add(row)
    await session.flush()
    return row


async def custom_responses(session: AsyncSession, survey_id: str, start: datetime,
                           end: datetime) -> list[SurveyResponse]:
    """An agency survey's answers submitted in [start, end)."""
    query = select(SurveyResponse).where(
        SurveyResponse.survey_id == survey_id, col(SurveyResponse.submitted_at) >= to_db(start),
        col(SurveyResponse.submitted_at) < to_db(end)).order_by(col(SurveyResponse.id))
    return list((await session.exec(query)).all())


async def lock_unhandled_events(session: AsyncSession, kind: str, limit: int) -> list[CaseEvent]:
    """Case events of a kind no admin was told of yet, oldest first, locked (rows another replica holds skipped)."""
    query = (select(CaseEvent).where(col(CaseEvent.handled_at).is_(None), CaseEvent.kind == kind)
             .order_by(col(CaseEvent.id)).limit(limit))
    return list((await session.exec(workqueue.for_update(query, session, skip_locked=True))).all())
