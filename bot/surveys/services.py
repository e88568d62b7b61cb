"""The survey side of the engine's port (flows.ports.SurveyServices), inside one turn's transaction.

Also the readers that turn stored rows into the IKM arithmetic's inputs (models/ knows no arithmetic).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.surveys import feedback
from bot.surveys.config import SurveyConfig
from bot.surveys.ikm import ChannelResponse, Respondent
from bot.surveys.period import Period, period_of
from bot.surveys.units import Unit
from flows import skm
from flows.ports import SurveyUnit
from models import survey_store
from models.db import Session
from models.store import citizen_complaint
from models.surveys import SkmResponse, utc


def _unit(found: Unit | None) -> SurveyUnit | None:
    return SurveyUnit(found.code, found.name) if found is not None else None


@dataclass
class StoreSurveys:
    """SurveyServices for one citizen, on the turn's session (writes commit with the turn)."""

    session: Session
    citizen_id: int
    now: Callable[[], datetime]
    timezone: str
    config: SurveyConfig  # the process's survey settings (bot/wiring.py reads them once)

    def _period(self) -> Period:
        return period_of(self.now(), self.config.period, self.timezone)

    def unit(self, code: str | None) -> SurveyUnit | None:
        """A service unit by its code."""
        return _unit(self.config.units().get(code))

    def unit_from_link(self, payload: str) -> SurveyUnit | None:
        """The unit a deep-link payload names."""
        return _unit(self.config.units().from_start_payload(payload))

    def units(self) -> list[SurveyUnit]:
        """Every service unit of the deployment."""
        return [SurveyUnit(u.code, u.name) for u in self.config.units().units]

    def match_unit(self, text: str) -> tuple[SurveyUnit | None, list[SurveyUnit]]:
        """The unit a typed name clearly means, else the close candidates."""
        best, candidates = self.config.units().best(text)
        return _unit(best), [SurveyUnit(m.unit.code, m.unit.name) for m in candidates]

    def period_key(self) -> str:
        """The current survey period's key."""
        return self._period().key

    def period_label(self, locale: str) -> str:
        """The current survey period in words."""
        return self._period().label(locale)

    async def skm_answered(self, unit_code: str) -> bool:
        """Whether the citizen sent this unit's questionnaire in the current period."""
        found = await survey_store.skm_response(self.session, self.citizen_id, unit_code, self.period_key())
        return found is not None

    async def save_skm(self, unit_code: str, answers: Mapping[str, Any], locale: str) -> None:
        """Store the questionnaire, replacing the period's earlier one."""
        await survey_store.save_skm(self.session, citizen_id=self.citizen_id, unit_code=unit_code,
                                    period=self.period_key(), answers=answers, locale=locale, now=self.now())

    async def save_channel_survey(self, answers: Mapping[str, Any], locale: str) -> None:
        """Store the channel survey, replacing the period's earlier answer."""
        await survey_store.save_channel(self.session, citizen_id=self.citizen_id, period=self.period_key(),
                                        answers=answers, locale=locale, now=self.now())

    async def save_custom_survey(self, survey_id: str, answers: Mapping[str, Any], locale: str) -> None:
        """Store an answer to an agency's own survey."""
        await survey_store.save_custom(self.session, survey_id=survey_id, citizen_id=self.citizen_id,
                                       answers=answers, locale=locale, now=self.now())

    async def complaint_title(self, tracking_no: str) -> str | None:
        """The title of one of the citizen's complaints."""
        found = await citizen_complaint(self.session, self.citizen_id, tracking_no)
        return found.title if found is not None else None

    async def feedback_resolved(self, tracking_no: str, satisfied: bool) -> None:
        """Close or reopen the complaint as the citizen says."""
        await feedback.answer_resolved(self.session, citizen_id=self.citizen_id, tracking_no=tracking_no,
                                       satisfied=satisfied, now=self.now())

    async def feedback_details(self, tracking_no: str, **fields: Any) -> None:
        """Add a rating, comment or reason to the feedback."""
        await feedback.answer_details(self.session, citizen_id=self.citizen_id, tracking_no=tracking_no,
                                      now=self.now(), **fields)

    async def offer_channel_survey(self, complaint_id: int | None) -> bool:
        """Record the channel survey's one-time offer when it is due."""
        if not await feedback.channel_survey_due(self.session, self.citizen_id):
            return False
        await survey_store.invite(self.session, self.citizen_id, feedback.CHANNEL_FLOW, complaint_id, self.now())
        return True


def respondent(row: SkmResponse) -> Respondent:
    """A stored questionnaire as the IKM arithmetic reads it."""
    answers = {uid: getattr(row, uid) for uid in skm.UNSUR_IDS if getattr(row, uid) is not None}
    return Respondent(answers=answers, gender=row.gender, age_band=row.age_band, education=row.education,
                      occupation=row.occupation, disability=row.disability, saran=row.saran,
                      submitted_at=utc(row.submitted_at), service=row.service, source=row.source)


async def skm_respondents(session: Session, unit_code: str, start: datetime, end: datetime) -> list[Respondent]:
    """The questionnaires of a unit submitted in [start, end), oldest first."""
    return [respondent(row) for row in await survey_store.skm_rows(session, unit_code, start, end)]


async def channel_responses(session: Session, start: datetime, end: datetime) -> list[ChannelResponse]:
    """Channel survey answers submitted in [start, end)."""
    return [ChannelResponse(satisfaction=r.satisfaction, recommend=r.recommend, use_again=r.use_again,
                            ease=r.ease, speed=r.speed, gender=r.gender, disability=r.disability,
                            submitted_at=utc(r.submitted_at))
            for r in await survey_store.channel_rows(session, start, end)]
