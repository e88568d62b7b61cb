"""SQLModel tables of the satisfaction surveys, complaint feedback and case events for admins.

- SkmResponse: one SKM questionnaire (PermenPANRB 14/2017) for one service unit and period, from chat
  (one per citizen, unit and period: a second attempt updates the first) or from paper (SkmImport).
- ChannelSurveyResponse: the channel's own satisfaction survey, one per citizen and period.
- SurveyInvitation: a survey offered to a citizen, so the channel survey is offered only once.
- FeedbackRequest: "is your problem solved?" asked after a complaint was resolved, and the answer.
- CaseEvent: something admins must be told about (a complaint reopened by its citizen); the admin
  side marks it handled.
- SurveyResponse: an answer to a survey an agency declared as a data file (flows/custom_survey.py).

Scores are stored as numbers and answers as option ids, never as labels: labels change with locale.
Times are stored in UTC; SQLite hands them back without a zone, so read them with `utc()`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _ts(nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


def utc(value: datetime | None) -> datetime | None:
    """An aware UTC datetime from a column (SQLite keeps no zone; we only ever store UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# The nine unsur columns of SkmResponse, as flows/skm.py names them (a test keeps the two equal).
UNSUR_COLUMNS = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")


def to_db(value: datetime) -> datetime:
    """The UTC moment to store or compare with, whatever zone it was given in."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: pass an aware one")
    return value.astimezone(UTC)


class SkmImport(SQLModel, table=True):
    """One paper file imported for a unit; the same file cannot be imported twice for a unit."""

    __table_args__ = (UniqueConstraint("unit_code", "sha256", name="uq_skm_import_file"),)
    id: int | None = Field(default=None, primary_key=True)
    unit_code: str = Field(max_length=64, index=True)
    filename: str = Field(max_length=255)
    sha256: str = Field(max_length=64)
    rows: int = 0
    imported_at: datetime = _ts()


class SkmResponse(SQLModel, table=True):
    """One filled SKM questionnaire: scores 1..4 per unsur (None when skipped) and the optional profile."""

    __table_args__ = (
        # PostgreSQL and SQLite both let rows with a NULL citizen (paper forms) repeat freely.
        UniqueConstraint("citizen_id", "unit_code", "period", name="uq_skm_respondent_period"),
        Index("ix_skm_unit_submitted", "unit_code", "submitted_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    unit_code: str = Field(max_length=64)
    period: str = Field(max_length=16)  # 2026-Q3, 2026-08, 2026-S2 or 2026
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id", index=True)
    source: str = Field(default="chat", max_length=8)  # chat | paper
    import_id: int | None = Field(default=None, foreign_key="skmimport.id", index=True)
    u1: int | None = None
    u2: int | None = None
    u3: int | None = None
    u4: int | None = None
    u5: int | None = None
    u6: int | None = None
    u7: int | None = None
    u8: int | None = None
    u9: int | None = None
    gender: str | None = Field(default=None, max_length=16)
    age_band: str | None = Field(default=None, max_length=16)
    education: str | None = Field(default=None, max_length=16)
    occupation: str | None = Field(default=None, max_length=16)
    disability: str | None = Field(default=None, max_length=16)
    service: str | None = Field(default=None, max_length=255)
    saran: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    locale: str = Field(default="id", max_length=8)
    submitted_at: datetime = _ts()
    updated_at: datetime = _ts()


class ChannelSurveyResponse(SQLModel, table=True):
    """One answer to the channel survey; every question may be skipped."""

    __table_args__ = (UniqueConstraint("citizen_id", "period", name="uq_channel_survey_period"),
                      Index("ix_channel_survey_submitted", "submitted_at"))
    id: int | None = Field(default=None, primary_key=True)
    citizen_id: int = Field(foreign_key="citizen.id")
    period: str = Field(max_length=16)
    satisfaction: int | None = None  # 1..5
    ease: int | None = None  # 1..5
    speed: int | None = None  # 1..5
    use_again: bool | None = None
    recommend: int | None = None  # 0..10
    gender: str | None = Field(default=None, max_length=16)
    disability: str | None = Field(default=None, max_length=16)
    locale: str = Field(default="id", max_length=8)
    submitted_at: datetime = _ts()
    updated_at: datetime = _ts()


class SurveyInvitation(SQLModel, table=True):
    """A survey the bot offered a citizen on its own initiative (offered once per citizen)."""

    __table_args__ = (UniqueConstraint("citizen_id", "survey", name="uq_survey_invitation"),)
    id: int | None = Field(default=None, primary_key=True)
    citizen_id: int = Field(foreign_key="citizen.id")
    survey: str = Field(max_length=32)
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id")
    created_at: datetime = _ts()


class FeedbackRequest(SQLModel, table=True):
    """The citizen was asked whether a resolved complaint's problem is solved, and what they said."""

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    citizen_id: int = Field(foreign_key="citizen.id", index=True)
    requested_at: datetime = _ts()
    answered_at: datetime | None = _ts(nullable=True)
    # None while waiting; puas | belum | no_answer (closed automatically) | superseded (asked again)
    outcome: str | None = Field(default=None, max_length=16, index=True)
    rating: int | None = None  # 1..5
    comment: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    status_change_id: int | None = Field(default=None, foreign_key="statuschange.id")
    case_event_id: int | None = Field(default=None, foreign_key="caseevent.id")


class CaseEvent(SQLModel, table=True):
    """Something about a complaint that admins must see; `handled_at` is set once they have."""

    __table_args__ = (Index("ix_caseevent_unhandled", "handled_at", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    kind: str = Field(max_length=32)  # reopened
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _ts()
    handled_at: datetime | None = _ts(nullable=True)


class SurveyResponse(SQLModel, table=True):
    """An answer to an agency's own survey declared as data; answers are option ids or text."""

    __table_args__ = (Index("ix_surveyresponse_survey", "survey_id", "submitted_at"),)
    id: int | None = Field(default=None, primary_key=True)
    survey_id: str = Field(max_length=64)
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id", index=True)
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    locale: str = Field(default="id", max_length=8)
    submitted_at: datetime = _ts()
