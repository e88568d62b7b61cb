"""Storage operations of the surveys, written once for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import false, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models import workqueue
from models.store import is_postgres
from models.surveys import (
    UNSUR_COLUMNS,
    CaseEvent,
    ChannelSurveyResponse,
    FeedbackRequest,
    SkmImport,
    SkmResponse,
    SurveyInvitation,
    SurveyResponse,
    to_db,
)
from models.tables import Attachment, Complaint

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


# --------------------------------------------------------------------------- feedback on resolved complaints


async def open_feedback_requests(session: AsyncSession, complaint_id: int) -> list[FeedbackRequest]:
    """The complaint's feedback questions not answered (nor superseded) yet."""
    query = select(FeedbackRequest).where(FeedbackRequest.complaint_id == complaint_id,
                                          col(FeedbackRequest.outcome).is_(None))
    return list((await session.exec(query)).all())


async def current_feedback_request(session: AsyncSession, complaint_id: int | None) -> FeedbackRequest | None:
    """The complaint's newest feedback question not superseded, row-locked on PostgreSQL."""
    # the auto-close job may be looking at the same row
    query = select(FeedbackRequest).where(
        FeedbackRequest.complaint_id == complaint_id,
        col(FeedbackRequest.outcome).is_distinct_from("superseded"),
    ).order_by(col(FeedbackRequest.id).desc())
    if is_postgres(session):
        query = query.with_for_update()
    return (await session.exec(query)).first()


async def answered_channel_survey(session: AsyncSession, citizen_id: int) -> bool:
    """Whether the citizen ever answered the channel survey."""
    query = select(ChannelSurveyResponse.id).where(ChannelSurveyResponse.citizen_id == citizen_id)
    return (await session.exec(query)).first() is not None


async def lock_unanswered_resolved(session: AsyncSession, resolved: str) -> list[tuple[FeedbackRequest, Complaint]]:
    """Unanswered feedback questions of complaints still `resolved`, oldest first, with their complaint, locked."""
    # rows another transaction holds are skipped: a citizen answering right now wins
    query = select(FeedbackRequest, Complaint).join(
        Complaint, col(Complaint.id) == col(FeedbackRequest.complaint_id)
    ).where(col(FeedbackRequest.outcome).is_(None), Complaint.status == resolved).order_by(
        col(FeedbackRequest.id))
    query = workqueue.for_update(query, session, skip_locked=True)
    return [(request, complaint) for request, complaint in (await session.exec(query)).all()]


async def open_case_events(session: AsyncSession, kind: str | None = None) -> list[CaseEvent]:
    """Case events no admin has handled yet, oldest first."""
    query = select(CaseEvent).where(col(CaseEvent.handled_at).is_(None)).order_by(col(CaseEvent.id))
    if kind is not None:
        query = query.where(CaseEvent.kind == kind)
    return list((await session.exec(query)).all())


# --------------------------------------------------------------------------- the inclusion report


def _chunks(values: Sequence[int], size: int = 500) -> list[list[int]]:
    """IN lists of a bounded size (SQLite and PostgreSQL limit bound parameters)."""
    return [list(values[i:i + size]) for i in range(0, len(values), size)]


async def complaints_received(session: AsyncSession, start: datetime, end: datetime,
                              agencies: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """(complaint id, citizen id) of the complaints created in [start, end), of these agencies if given."""
    query = select(Complaint.id, Complaint.citizen_id).where(col(Complaint.created_at) >= start,
                                                             col(Complaint.created_at) < end)
    if agencies is not None:
        query = query.where(col(Complaint.agency_code).in_(sorted(agencies)) if agencies else false())
    return [(int(i), int(c)) for i, c in (await session.exec(query)).all()]


async def complaints_with_attachment(session: AsyncSession, complaint_ids: Sequence[int],
                                     kinds: Sequence[str]) -> set[int]:
    """Which of these complaints have an attachment of one of these kinds."""
    found: set[int] = set()
    for chunk in _chunks(complaint_ids):
        found |= {int(i) for i in (await session.exec(select(Attachment.complaint_id).where(
            col(Attachment.complaint_id).in_(chunk), col(Attachment.kind).in_(kinds)))).all()}
    return found


async def latest_ratings(session: AsyncSession, complaint_ids: Sequence[int]) -> dict[int, int]:
    """The latest 1–5 rating given on each of these complaints that has one."""
    ratings: dict[int, int] = {}
    for chunk in _chunks(complaint_ids):
        for complaint_id, rating in (await session.exec(select(FeedbackRequest.complaint_id, FeedbackRequest.rating)
                                                        .where(col(FeedbackRequest.complaint_id).in_(chunk),
                                                               col(FeedbackRequest.rating).is_not(None))
                                                        .order_by(col(FeedbackRequest.id)))).all():
            ratings[int(complaint_id)] = int(rating)
    return ratings


async def latest_profiles(session: AsyncSession,
                          citizen_ids: Sequence[int]) -> dict[int, tuple[str | None, str | None]]:
    """(gender, disability) of each of these citizens' latest channel survey answer."""
    profiles: dict[int, tuple[str | None, str | None]] = {}
    for chunk in _chunks(citizen_ids):
        for citizen_id, gender, disability in (await session.exec(
                select(ChannelSurveyResponse.citizen_id, ChannelSurveyResponse.gender, ChannelSurveyResponse.disability)
                .where(col(ChannelSurveyResponse.citizen_id).in_(chunk))
                .order_by(col(ChannelSurveyResponse.id)))).all():
            profiles[int(citizen_id)] = (gender, disability)
    return profiles


async def channel_satisfaction(session: AsyncSession, start: datetime,
                               end: datetime) -> list[tuple[int | None, str | None, str | None]]:
    """(satisfaction, gender, disability) of every channel survey answer submitted in [start, end)."""
    rows = (await session.exec(select(ChannelSurveyResponse.satisfaction, ChannelSurveyResponse.gender,
                                      ChannelSurveyResponse.disability).where(
        col(ChannelSurveyResponse.submitted_at) >= to_db(start),
        col(ChannelSurveyResponse.submitted_at) < to_db(end)))).all()
    return [(s, g, d) for s, g, d in rows]
