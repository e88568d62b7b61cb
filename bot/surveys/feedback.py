"""Feedback on a resolved complaint, the LAPOR! way: "Apakah masalah Anda sudah selesai?"

Trigger: the admin or forwarding code calls `request_feedback(inbox, session, complaint_id)` when a
complaint reaches its resolved status ("responded", Sudah ditindaklanjuti), in the transaction that
sets the status. The citizen is asked in chat (the "feedback" flow, flows/surveys.py):
- "puas" closes the complaint, then asks a 1–5 rating and an optional comment; after a citizen's
  first closed complaint the channel survey is offered once;
- "belum" reopens the complaint (status "reopened", a StatusChange carrying the citizen's reason)
  and records a CaseEvent(kind="reopened") for admins: the admin side lists CaseEvent rows with
  handled_at NULL, tells an admin, and sets handled_at.
Each answer is stored as it is given, so a citizen who says "belum" and then goes quiet still has the
complaint reopened. No answer within N working days (LAPORBOT_AUTOCLOSE_DAYS, 10 by default) closes
the complaint: the SLA scheduler calls `auto_close_unanswered(db, clock, calendar, days)`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from bot.core.clock import Clock
from bot.core.i18n import Catalog, default_catalog
from bot.core.workdays import DEFAULT_TZ, WorkCalendar
from models import store, survey_store
from models.db import Database, Session
from models.survey_store import invite, invited
from models.surveys import CaseEvent, FeedbackRequest, to_db, utc
from models.tables import Complaint, OutgoingMessage, StatusChange

log = logging.getLogger("laporbot.feedback")

FEEDBACK_FLOW = "feedback"
CHANNEL_FLOW = "channel"
RESOLVED = "responded"  # Sudah ditindaklanjuti: the agency answered; the citizen is asked
CLOSED = "closed"
REOPENED = "reopened"
AUTOCLOSE_DAYS = 10


class Triggers(Protocol):
    """What feedback needs of the inbox (bot/conversation/inbox.py): its clock, and starting a flow for a citizen."""

    clock: Clock

    async def trigger(self, citizen_id: int, flow_id: str, preset: Mapping[str, Any] | None = None,
                      *, session: Session | None = None) -> list[OutgoingMessage]:
        """Start a flow for a citizen in the caller's transaction."""
        ...


async def request_feedback(inbox: Triggers, session: Session, complaint_id: int) -> list[OutgoingMessage]:
    """Ask the citizen whether a resolved complaint's problem is solved, in the caller's transaction."""
    complaint = await session.get(Complaint, complaint_id)
    if complaint is None or complaint.id is None:
        raise LookupError(f"no complaint {complaint_id}")
    now = inbox.clock.now()
    # Asked again (resolved, reopened, resolved again): only the newest question counts.
    for old in await survey_store.open_feedback_requests(session, complaint.id):
        old.outcome = "superseded"
        session.add(old)
    session.add(FeedbackRequest(complaint_id=complaint.id, citizen_id=complaint.citizen_id, requested_at=to_db(now)))
    await session.flush()
    log.info("feedback requested", extra={"complaint_id": complaint.id})
    preset = {"tracking_no": complaint.tracking_no, "complaint_id": complaint.id}
    return await inbox.trigger(complaint.citizen_id, FEEDBACK_FLOW, preset, session=session)


async def _request(session: Session, complaint: Complaint, now: datetime) -> FeedbackRequest:
    """The question being answered: the newest one, or a new one if the flow was started otherwise."""
    found = await survey_store.current_feedback_request(session, complaint.id)  # locked on PostgreSQL
    if found is None:
        found = FeedbackRequest(complaint_id=complaint.id or 0, citizen_id=complaint.citizen_id,
                                requested_at=to_db(now))
        session.add(found)
        await session.flush()
    return found


async def _complaint(session: Session, citizen_id: int, tracking_no: str) -> Complaint:
    found = await store.citizen_complaint(session, citizen_id, tracking_no)
    if found is None or found.id is None:
        raise LookupError("the complaint asked about is not the citizen's")
    return found


def _set_status(session: Session, complaint: Complaint, status: str, now: datetime,
                actor: str, note: str | None = None) -> StatusChange:
    complaint.status = status
    complaint.updated_at = now
    session.add(complaint)
    change = StatusChange(complaint_id=complaint.id or 0, status=status, note=note, actor=actor, at=now)
    session.add(change)
    return change


async def answer_resolved(session: Session, *, citizen_id: int, tracking_no: str, satisfied: bool,
                          now: datetime) -> FeedbackRequest:
    """Record "puas" (close the complaint) or "belum" (reopen it and tell admins)."""
    complaint = await _complaint(session, citizen_id, tracking_no)
    request = await _request(session, complaint, now)
    request.outcome = "puas" if satisfied else "belum"
    request.answered_at = to_db(now)
    if satisfied:
        if complaint.status != CLOSED:
            _set_status(session, complaint, CLOSED, now, actor="citizen")
        if request.case_event_id is not None:
            # The citizen went back and changed "belum" to "puas": the reopening is withdrawn.
            event = await session.get(CaseEvent, request.case_event_id)
            if event is not None and event.handled_at is None:
                event.payload = {**event.payload, "withdrawn": True}
                event.handled_at = to_db(now)
                session.add(event)
    else:
        if complaint.status != REOPENED:
            change = _set_status(session, complaint, REOPENED, now, actor="citizen", note=request.reason)
            await session.flush()
            request.status_change_id = change.id
        event = await session.get(CaseEvent, request.case_event_id) if request.case_event_id else None
        if event is None or event.handled_at is not None:
            event = CaseEvent(complaint_id=complaint.id or 0, kind=REOPENED, created_at=to_db(now),
                              payload={"tracking_no": complaint.tracking_no, "feedback_request_id": request.id,
                                       "reason": request.reason})
            session.add(event)
            await session.flush()
            request.case_event_id = event.id
    session.add(request)
    await session.flush()
    log.info("feedback answered", extra={"complaint_id": complaint.id, "outcome": request.outcome})
    return request


async def answer_details(session: Session, *, citizen_id: int, tracking_no: str, now: datetime,
                         **fields: Any) -> FeedbackRequest:
    """Add the rating, comment or reason to the feedback; a reason also goes on the reopening."""
    complaint = await _complaint(session, citizen_id, tracking_no)
    request = await _request(session, complaint, now)
    for name, value in fields.items():
        if name not in ("rating", "comment", "reason"):
            raise ValueError(f"unknown feedback field {name!r}")
        setattr(request, name, value)
    if "reason" in fields:
        if request.status_change_id is not None:
            change = await session.get(StatusChange, request.status_change_id)
            if change is not None:
                change.note = fields["reason"]
                session.add(change)
        if request.case_event_id is not None:
            event = await session.get(CaseEvent, request.case_event_id)
            if event is not None:
                event.payload = {**event.payload, "reason": fields["reason"]}  # a new dict: JSON is compared whole
                session.add(event)
    session.add(request)
    await session.flush()
    return request


async def channel_survey_due(session: Session, citizen_id: int) -> bool:
    """Whether the channel survey should be offered: never offered and never answered."""
    if await invited(session, citizen_id, CHANNEL_FLOW):
        return False
    return not await survey_store.answered_channel_survey(session, citizen_id)


async def offer_channel_survey(inbox: Triggers, session: Session, citizen_id: int,
                               complaint_id: int | None = None) -> bool:
    """Offer the channel survey once (e.g. when an admin closes the citizen's first complaint)."""
    if not await channel_survey_due(session, citizen_id):
        return False
    await invite(session, citizen_id, CHANNEL_FLOW, complaint_id, inbox.clock.now())
    await inbox.trigger(citizen_id, CHANNEL_FLOW, {"complaint_id": complaint_id} if complaint_id else None,
                        session=session)
    return True


async def auto_close_unanswered(db: Database, clock: Clock, calendar: WorkCalendar, days: float = AUTOCLOSE_DAYS,
                                *, tz: str = DEFAULT_TZ, catalog: Catalog | None = None) -> int:
    """Close resolved complaints whose citizen has not answered within `days` working days; return how many."""
    now = clock.now()
    cat = catalog or default_catalog()
    closed = 0
    async with db.write() as session:
        # rows being answered right now are skipped: the citizen wins
        for request, complaint in await survey_store.lock_unanswered_resolved(session, RESOLVED):
            asked = utc(request.requested_at)
            if asked is None or now <= calendar.add_working_days(asked, days, tz):
                continue
            note = cat.text("feedback.auto_closed.note", complaint.locale or "id", days=_days(days))
            _set_status(session, complaint, CLOSED, now, actor="system", note=note)
            request.outcome = "no_answer"
            session.add(request)
            closed += 1
    if closed:
        log.info("complaints closed without an answer", extra={"count": closed})
    return closed


def _days(days: float) -> str:
    return str(int(days)) if float(days).is_integer() else str(days)


async def open_case_events(session: Session, kind: str | None = None) -> list[CaseEvent]:
    """Case events no admin has handled yet, oldest first (for the admin side)."""
    return await survey_store.open_case_events(session, kind)

