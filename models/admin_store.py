"""Storage operations of the admin side (bot/admin/), written once for SQLite and PostgreSQL.

The claims that keep replicas from doing anything twice live here as single statements: an admin's update
recorded once in the inbound log, a case's version moved on by compare-and-set, a prompt used once, reminders
and escalations marked by `UPDATE … WHERE … IS NULL RETURNING`, the digest's due time advanced atomically.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, false, func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models import store
from models.admin import AdminCard, AdminCase, AdminJob, AdminPrompt, InfoReply, InfoRequest
from models.forwarding import ForwardJob
from models.tables import Citizen, Complaint, InboundMessage, StatusChange

#: The agencies an admin sees (None: every agency, for super admins).
Scope = frozenset[str] | None

# --------------------------------------------------------------------------- an admin's update, once


async def record_admin_update(session: AsyncSession, channel: str, message_id: str, user_id: int,
                              now: datetime) -> bool:
    """Record an admin's update as handled in the inbound log; False when it was recorded before.

    The admin gets a citizen row of their own, like a citizen's (no name kept: an id is all the log needs);
    no message text goes in the payload: what the admin typed lives in the case (notes, questions) or nowhere.
    """
    citizen_id = (await session.execute(store._insert(session, Citizen).values(
        channel=channel, channel_user_id=str(user_id), created_at=now, last_inbound_at=now,
    ).on_conflict_do_update(index_elements=["channel", "channel_user_id"], set_={"last_inbound_at": now})
        .returning(Citizen.__table__.c.id))).scalar_one()  # type: ignore[attr-defined]
    recorded = (await session.execute(store._insert(session, InboundMessage).values(
        channel=channel, channel_message_id=message_id, citizen_id=citizen_id, payload={"admin": True},
        status="handled", received_at=now, handled_at=now,
    ).on_conflict_do_nothing(index_elements=["channel", "channel_message_id"])
        .returning(InboundMessage.__table__.c.id))).scalar_one_or_none()  # type: ignore[attr-defined]
    return recorded is not None


# --------------------------------------------------------------------------- cases and cards


async def case_of(session: AsyncSession, complaint_id: int) -> AdminCase | None:
    """A complaint's case row, if it has one."""
    return (await session.exec(select(AdminCase).where(AdminCase.complaint_id == complaint_id))).first()


async def cases_of(session: AsyncSession, complaint_ids: Sequence[int]) -> list[AdminCase]:
    """The case rows of these complaints (those that have one)."""
    return list((await session.exec(select(AdminCase).where(col(AdminCase.complaint_id).in_(complaint_ids)))).all())


async def active_cards(session: AsyncSession, complaint_id: int) -> list[AdminCard]:
    """A case's cards that still carry buttons (not retired, not a /kasus view)."""
    return list((await session.exec(select(AdminCard).where(
        AdminCard.complaint_id == complaint_id, col(AdminCard.active).is_(True),
        AdminCard.audience != "view"))).all())


async def case_chats(session: AsyncSession, complaint_id: int) -> list[str]:
    """The chats holding an active card of the case, in the order they got it."""
    rows = (await session.exec(select(AdminCard.chat_id).where(
        AdminCard.complaint_id == complaint_id, col(AdminCard.active).is_(True),
        AdminCard.audience != "view").order_by(col(AdminCard.id)))).all()
    return list(dict.fromkeys(rows))


async def claim_case_version(session: AsyncSession, case_id: int | None, version: int, now: datetime) -> bool:
    """Move a case from `version` to the next (compare-and-set); False when someone else moved it first."""
    claimed = await session.execute(update(AdminCase).where(
        col(AdminCase.id) == case_id, col(AdminCase.version) == version).values(version=version + 1, updated_at=now))
    return claimed.rowcount == 1  # type: ignore[attr-defined]


async def last_question(session: AsyncSession, complaint_id: int) -> InfoRequest | None:
    """The latest question an admin asked about a complaint."""
    return (await session.exec(select(InfoRequest).where(
        InfoRequest.complaint_id == complaint_id).order_by(col(InfoRequest.id).desc()))).first()


async def reply_count(session: AsyncSession, complaint_id: int) -> int:
    """How many messages the citizen sent in answer to admins' questions about a complaint."""
    return int((await session.exec(select(func.count()).select_from(InfoReply).where(
        InfoReply.complaint_id == complaint_id))).one())


# --------------------------------------------------------------------------- prompts


async def use_prompt(session: AsyncSession, prompt_id: int | None, now: datetime, *, once: bool = True) -> bool:
    """Mark a prompt used; with `once`, only if it was not (False then: the second press on a menu loses)."""
    query = update(AdminPrompt).where(col(AdminPrompt.id) == prompt_id)
    if once:
        query = query.where(col(AdminPrompt.used_at).is_(None))
    used = await session.execute(query.values(used_at=now))
    return used.rowcount == 1  # type: ignore[attr-defined]


async def open_prompt(session: AsyncSession, chat_id: str, message_id: str) -> AdminPrompt | None:
    """The unused prompt posted as this message in this chat, if any."""
    return (await session.exec(select(AdminPrompt).where(
        AdminPrompt.chat_id == chat_id, AdminPrompt.message_id == message_id,
        col(AdminPrompt.used_at).is_(None)))).first()


# --------------------------------------------------------------------------- questions to citizens


async def citizens_with_open_questions(session: AsyncSession, channel: str, *, finished: Collection[str],
                                       asked_since: datetime, answered_since: datetime) -> set[str]:
    """Channel user ids of citizens with a question asked since `asked_since` on a complaint not finished, not
    answered yet or answered since `answered_since` (an album's other photos, a redelivered answer)."""
    rows = (await session.exec(
        select(Citizen.channel_user_id).join(InfoRequest, col(InfoRequest.citizen_id) == col(Citizen.id))
        .join(Complaint, col(Complaint.id) == col(InfoRequest.complaint_id))
        .where(Citizen.channel == channel, col(Complaint.status).not_in(finished),
               col(InfoRequest.asked_at) >= asked_since,
               or_(col(InfoRequest.answered_at).is_(None), col(InfoRequest.answered_at) >= answered_since)))).all()
    return set(rows)


async def answered_complaint(session: AsyncSession, update_key: str) -> int | None:
    """The complaint an answer with this update key was recorded for (a redelivery), if any."""
    return (await session.exec(select(InfoReply.complaint_id).where(InfoReply.update_key == update_key))).first()


async def open_request(session: AsyncSession, citizen_id: int, *, finished: Collection[str], asked_since: datetime,
                       media_group: str | None, answered_since: datetime) -> InfoRequest | None:
    """The question a citizen's message answers: the latest unanswered one asked since `asked_since` on a complaint
    not finished, else (an album's later photo) the one the same media group answered since `answered_since`."""
    query = (select(InfoRequest).join(Complaint, col(Complaint.id) == col(InfoRequest.complaint_id))
             .where(InfoRequest.citizen_id == citizen_id, col(Complaint.status).not_in(finished),
                    col(InfoRequest.asked_at) >= asked_since))
    pending = (await session.exec(query.where(col(InfoRequest.answered_at).is_(None))
                                  .order_by(col(InfoRequest.id).desc()))).first()
    if pending is not None:
        return pending
    if media_group:
        return (await session.exec(query.where(InfoRequest.media_group == media_group,
                                               col(InfoRequest.answered_at) >= answered_since)
                                   .order_by(col(InfoRequest.id).desc()))).first()
    return None


# --------------------------------------------------------------------------- the scheduler's claims


async def cases_out_of_step(session: AsyncSession, limit: int) -> list[tuple[AdminCase, Complaint]]:
    """Cases whose complaint's status changed since their clock was set, with the complaint."""
    return [(c, complaint) for c, complaint in (await session.exec(
        select(AdminCase, Complaint).join(Complaint, col(Complaint.id) == col(AdminCase.complaint_id))
        .where(col(AdminCase.status_seen) != col(Complaint.status)).order_by(col(AdminCase.id))
        .limit(limit))).all()]


async def complaints_without_case(session: AsyncSession, finished: Collection[str], limit: int) -> list[Complaint]:
    """Complaints not finished that have no case yet (filed before the admin side existed)."""
    return list((await session.exec(
        select(Complaint).outerjoin(AdminCase, col(AdminCase.complaint_id) == col(Complaint.id))
        .where(col(AdminCase.id).is_(None), col(Complaint.status).not_in(finished))
        .order_by(col(Complaint.id)).limit(limit))).all())


async def claim_escalations(session: AsyncSession, now: datetime,
                            clocks: Collection[str]) -> list[tuple[int, str, datetime]]:
    """Mark every breached deadline of these clocks escalated (and reminded), once, with a new card version:
    (complaint id, clock, due time) of each marked now."""
    stmt = (update(AdminCase).where(
        col(AdminCase.escalated_at).is_(None), col(AdminCase.due_at) < now, col(AdminCase.clock).in_(clocks))
        .values(escalated_at=now, reminded_at=func.coalesce(col(AdminCase.reminded_at), now),
                version=col(AdminCase.version) + 1)
        .returning(col(AdminCase.complaint_id), col(AdminCase.clock), col(AdminCase.due_at)))
    return [(complaint_id, clock, due) for complaint_id, clock, due in (await session.execute(stmt)).all()]


async def claim_reminders(session: AsyncSession, now: datetime,
                          clocks: Collection[str]) -> list[tuple[int, str, datetime]]:
    """Mark every due reminder of these clocks sent, once: (complaint id, clock, due time) of each marked now."""
    stmt = (update(AdminCase).where(
        col(AdminCase.reminded_at).is_(None), col(AdminCase.remind_at) <= now, col(AdminCase.clock).in_(clocks))
        .values(reminded_at=now)
        .returning(col(AdminCase.complaint_id), col(AdminCase.clock), col(AdminCase.due_at)))
    return [(complaint_id, clock, due) for complaint_id, clock, due in (await session.execute(stmt)).all()]


async def add_job(session: AsyncSession, name: str, due_at: datetime) -> None:
    """A recurring job's row with its first due time (nothing when another replica wrote it first)."""
    await session.execute(store._insert(session, AdminJob).values(name=name, due_at=due_at)
                          .on_conflict_do_nothing(index_elements=["name"]))


async def move_job(session: AsyncSession, name: str, due_at: datetime, upcoming: datetime) -> bool:
    """Advance a job from `due_at` to `upcoming` (compare-and-set); False when another replica runs this one."""
    moved = await session.execute(update(AdminJob).where(
        col(AdminJob.name) == name, col(AdminJob.due_at) == due_at).values(due_at=upcoming))
    return moved.rowcount == 1  # type: ignore[attr-defined]


def _flag(condition: Any) -> Any:
    """1 where the condition holds, for SUM (the same SQL on SQLite and PostgreSQL)."""
    return case((condition, 1), else_=0)


async def open_case_counts(session: AsyncSession, *, now: datetime, end_of_today: datetime, since: datetime,
                           finished: Collection[str],
                           clocks: Collection[str]) -> dict[str | None, tuple[int, int, int, int]]:
    """Per agency (None: not yet assigned), the open cases: (all, past their deadline, due before the end of
    today, filed since `since`), deadlines counted for these clocks only."""
    rows = (await session.exec(
        select(Complaint.agency_code, func.count(),
               func.sum(_flag(and_(col(AdminCase.due_at) < now, col(AdminCase.clock).in_(clocks)))),
               func.sum(_flag(and_(col(AdminCase.due_at) >= now, col(AdminCase.due_at) < end_of_today,
                                   col(AdminCase.clock).in_(clocks)))),
               func.sum(_flag(col(Complaint.created_at) >= since)))
        .join(AdminCase, col(AdminCase.complaint_id) == col(Complaint.id))
        .where(col(Complaint.status).not_in(finished)).group_by(col(Complaint.agency_code)))).all()
    return {agency: (int(total), int(late or 0), int(due or 0), int(new or 0))
            for agency, total, late, due, new in rows}


# --------------------------------------------------------------------------- what admin commands read


def scoped(query: Any, scope: Scope) -> Any:
    """Limit a query on Complaint to the agencies an admin sees."""
    if scope is None:
        return query
    if not scope:
        return query.where(false())
    return query.where(col(Complaint.agency_code).in_(sorted(scope)))


async def open_queue(session: AsyncSession, scope: Scope, *, finished: Collection[str],
                     limit: int) -> list[tuple[Complaint, AdminCase | None]]:
    """Cases not finished, the most urgent deadline first (cases without a running clock last)."""
    query = (select(Complaint, AdminCase).outerjoin(AdminCase, col(AdminCase.complaint_id) == col(Complaint.id))
             .where(col(Complaint.status).not_in(finished))
             .order_by(col(AdminCase.due_at).is_(None), col(AdminCase.due_at), col(Complaint.id)).limit(limit))
    return [(c, a) for c, a in (await session.exec(scoped(query, scope))).all()]


async def search(session: AsyncSession, text: str, scope: Scope, limit: int) -> list[Complaint]:
    """Cases whose number, title, story or place contains the text, newest first."""
    needle = text.strip()
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    query = (select(Complaint).where(or_(
        Complaint.tracking_no == needle.lstrip("#").upper(),
        col(Complaint.title).ilike(pattern, escape="\\"),
        col(Complaint.body).ilike(pattern, escape="\\"),
        col(Complaint.location_text).ilike(pattern, escape="\\")))
        .order_by(col(Complaint.created_at).desc(), col(Complaint.id).desc()).limit(limit))
    return list((await session.exec(scoped(query, scope))).all())


async def new_count(session: AsyncSession, scope: Scope, start: datetime, end: datetime) -> int:
    """Complaints filed in [start, end)."""
    return int((await session.exec(scoped(select(func.count()).select_from(Complaint).where(
        col(Complaint.created_at) >= start, col(Complaint.created_at) < end), scope))).one())


async def reached_counts(session: AsyncSession, scope: Scope, start: datetime, end: datetime,
                         statuses: Collection[str]) -> dict[str, int]:
    """For each of these statuses, how many complaints reached it in [start, end)."""
    query = (select(StatusChange.status, func.count(func.distinct(StatusChange.complaint_id)))
             .join(Complaint, col(Complaint.id) == col(StatusChange.complaint_id))
             .where(col(StatusChange.at) >= start, col(StatusChange.at) < end, col(StatusChange.status).in_(statuses))
             .group_by(col(StatusChange.status)))
    return {status: int(n) for status, n in (await session.exec(scoped(query, scope))).all()}


async def open_counts(session: AsyncSession, scope: Scope, now: datetime, *, finished: Collection[str],
                      clocks: Collection[str]) -> tuple[int, int]:
    """(cases not finished, of which past a deadline of these clocks)."""
    query = (select(func.count(), func.count(AdminCase.id).filter(
        col(AdminCase.due_at) < now, col(AdminCase.clock).in_(clocks)))
        .select_from(Complaint).outerjoin(AdminCase, col(AdminCase.complaint_id) == col(Complaint.id))
        .where(col(Complaint.status).not_in(finished)))
    total, late = (await session.exec(scoped(query, scope))).one()
    return int(total), int(late)


async def cases_filed(session: AsyncSession, scope: Scope, start: datetime, end: datetime,
                      limit: int) -> list[tuple[Complaint, AdminCase | None]]:
    """Cases received in [start, end), oldest first."""
    query = (select(Complaint, AdminCase).outerjoin(AdminCase, col(AdminCase.complaint_id) == col(Complaint.id))
             .where(col(Complaint.created_at) >= start, col(Complaint.created_at) < end)
             .order_by(col(Complaint.created_at), col(Complaint.id)).limit(limit))
    return [(c, a) for c, a in (await session.exec(scoped(query, scope))).all()]


async def failed_forwards(session: AsyncSession, scope: Scope, limit: int) -> list[tuple[int, str, int, str]]:
    """Forwarding outbox entries that gave up: (job id, tracking number, attempts, last error)."""
    query = (select(ForwardJob.id, Complaint.tracking_no, ForwardJob.attempts, ForwardJob.last_error)
             .join(Complaint, col(Complaint.id) == col(ForwardJob.complaint_id))
             .where(ForwardJob.status == "failed").order_by(col(ForwardJob.id)).limit(limit))
    return [(int(i), str(t), int(a), str(e or "")) for i, t, a, e in (await session.exec(scoped(query, scope))).all()]


async def forward_complaint(session: AsyncSession, job_id: int) -> Complaint | None:
    """The complaint of a forwarding entry."""
    job = await session.get(ForwardJob, job_id)
    return await session.get(Complaint, job.complaint_id) if job is not None else None


# --------------------------------------------------------------------------- the cards as a chat shows them


async def card_in_chat(session: AsyncSession, chat_id: str, complaint_id: int, message_id: str) -> AdminCard | None:
    """The complaint's card in this chat shown as this message, else one whose message id is not recorded yet."""
    # a card is pressable the moment Telegram shows it, which may be just before its message id is recorded
    return (await session.exec(select(AdminCard).where(
        AdminCard.chat_id == chat_id, AdminCard.complaint_id == complaint_id,
        or_(col(AdminCard.message_id) == message_id, col(AdminCard.message_id).is_(None)))
        .order_by(col(AdminCard.message_id).is_(None)))).first()


async def card_sent(session: AsyncSession, card_id: int, message_id: str, version: int) -> None:
    """A card went out as this message, showing this case version."""
    await session.execute(update(AdminCard).where(col(AdminCard.id) == card_id).values(
        message_id=message_id, shown_version=version))


async def prompt_sent(session: AsyncSession, prompt_id: int, message_id: str) -> None:
    """A prompt went out as this message (its reply or button press is matched by it)."""
    await session.execute(update(AdminPrompt).where(col(AdminPrompt.id) == prompt_id)
                          .values(message_id=message_id))


async def cards_behind(session: AsyncSession, limit: int) -> list[AdminCard]:
    """Shown cards whose case moved on since, or retired and not yet shown so, oldest first."""
    rows = (await session.exec(
        select(AdminCard).join(AdminCase, col(AdminCase.complaint_id) == col(AdminCard.complaint_id))
        .where(col(AdminCard.message_id).is_not(None), col(AdminCard.final).is_(False),
               (col(AdminCard.shown_version) < col(AdminCase.version)) | col(AdminCard.active).is_(False))
        .order_by(col(AdminCard.id)).limit(limit))).all()
    return list(rows)


async def card_shown(session: AsyncSession, card_id: int | None, version: int, *, final: bool) -> None:
    """A card now shows this case version (unless a newer one was shown meanwhile); `final`: retired for good."""
    await session.execute(update(AdminCard).where(
        col(AdminCard.id) == card_id, col(AdminCard.shown_version) <= version).values(
        shown_version=version, final=final))
