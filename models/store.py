"""Storage operations the pipeline needs, written once for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models import workqueue
from models.lean_sql import CONVERSATION as CONVERSATION_COLUMNS
from models.lean_sql import OUTGOING as OUTGOING_COLUMNS
from models.lean_sql import ConversationRow, dumps, lean
from models.tables import (
    INBOUND_PENDING,
    OUTGOING,
    Attachment,
    Citizen,
    Complaint,
    Conversation,
    InboundMessage,
    OutgoingMessage,
    StatusChange,
)


class Inbound(Protocol):
    """What storage reads of an inbound message (bot.core.messages.Inbound has it; models/ imports nothing of bot/)."""

    @property
    def channel(self) -> str:
        """The channel it came on."""
        ...

    @property
    def user_id(self) -> str:
        """The sender's id on that channel."""
        ...

    @property
    def message_id(self) -> str:
        """The channel's id of the message."""
        ...

    @property
    def display_name(self) -> str | None:
        """The sender's chat name, if the channel gives one."""
        ...

    def to_json(self) -> dict[str, Any]:
        """Its form in the inbound log."""
        ...


class Reply(Protocol):
    """What storage reads of an outgoing message (bot.core.messages.Reply has it)."""

    def to_json(self) -> dict[str, Any]:
        """Its form in the outbox."""
        ...


def _insert(session: AsyncSession, model: Any) -> Any:
    # A Core INSERT on the model's table: the ORM's bulk-insert layer costs more CPU than the statement itself.
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model.__table__)


SIMPLE_MODE = "simple_mode"  # session.info key: citizen id -> simple mode, read with the upsert at no extra cost


def _name(display_name: str | None) -> str | None:
    # The column holds 128 characters; a longer chat name (PostgreSQL refuses it) must not fail the turn.
    return display_name[:128] if display_name else display_name


def is_postgres(session: AsyncSession) -> bool:
    """Whether the session talks to PostgreSQL (row locks exist there)."""
    return bool(session.bind and session.bind.dialect.name == "postgresql")


async def citizen_for(session: AsyncSession, msg: Inbound, now: datetime) -> int:
    """The citizen's id, creating the row on first contact (never the phone number: that needs consent)."""
    stmt = _insert(session, Citizen).values(
        channel=msg.channel, channel_user_id=msg.user_id, display_name=_name(msg.display_name), created_at=now,
        last_inbound_at=now,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["channel", "channel_user_id"], set_={"last_inbound_at": now, "blocked_at": None},
    ).returning(Citizen.__table__.c.id)
    return (await session.execute(stmt)).scalar_one()


def _senders(messages: Sequence[Inbound]) -> list[tuple[str, str, str | None]]:
    """(channel, user id, name) of the messages' senders, once each, sorted: no lock-order deadlocks."""
    identities = sorted({(m.channel, m.user_id): m for m in messages}.items())
    return [(c, u, _name(m.display_name)) for (c, u), m in identities]


def _citizen_ids(session: AsyncSession, rows: Sequence[tuple[int, str, str, bool]]) -> dict[tuple[str, str], int]:
    """Citizen ids keyed by (channel, user id) from upserted rows, their simple-mode flags noted on the session."""
    # read by bot/conversation/inclusive.py
    session.info.setdefault(SIMPLE_MODE, {}).update({i: simple for i, _, _, simple in rows})
    return {(c, u): i for i, c, u, _ in rows}


def _arrival_status(handled: bool, now: datetime) -> tuple[str, datetime | None]:
    """Status and handled time of messages recorded now: "handled" when handled in this same transaction."""
    return ("handled", now) if handled else ("pending", None)


async def citizens_for(session: AsyncSession, messages: Sequence[Inbound], now: datetime) -> dict[tuple[str, str], int]:
    """Citizen ids for many senders at once (created on first contact), keyed by (channel, user id)."""
    return _citizen_ids(session, await (await lean(session)).upsert_citizens(_senders(messages), now))


async def record_many(session: AsyncSession, messages: Sequence[Inbound], citizens: Mapping[tuple[str, str], int],
                      now: datetime, *, handled: bool = False) -> dict[tuple[str, str], int]:
    """Insert inbound messages; returns the ids of those not recorded before, keyed by (channel, message id).

    handled=True when the caller handles them in this same transaction: then "pending" could never be
    seen by anyone, and recording them handled saves an UPDATE.
    """
    status, handled_at = _arrival_status(handled, now)
    rows = [(m.channel, m.message_id, citizens[(m.channel, m.user_id)], m.to_json()) for m in messages]
    found = await (await lean(session)).insert_inbound(rows, status=status, handled_at=handled_at, received_at=now)
    return {(c, mid): i for i, c, mid in found}


async def record_arrivals(session: AsyncSession, messages: Sequence[Inbound], now: datetime, *,
                          handled: bool = False,
                          conversations: bool = False) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
    """citizens_for(messages) and record_many of them, together: on PostgreSQL one statement (one round trip).

    Returns (citizen ids keyed by (channel, user id), ids of the messages not recorded before keyed by (channel,
    message id)), as those two do. conversations: the caller then calls lock_conversations(now) with the senders of
    the messages recorded; on PostgreSQL this statement creates their missing conversations, so that it only locks.
    """
    status, handled_at = _arrival_status(handled, now)
    rows, found = await (await lean(session)).arrivals(
        _senders(messages), [(m.channel, m.user_id, m.message_id, m.to_json()) for m in messages], status=status,
        handled_at=handled_at, now=now, conversations=conversations)
    return _citizen_ids(session, rows), {(c, mid): i for i, c, mid in found}


async def lock_conversations(session: AsyncSession, citizen_ids: Sequence[int],
                             now: datetime) -> dict[int, ConversationRow]:
    """Conversation rows (plain, not ORM) for many citizens, created where missing, locked in id order on PostgreSQL.

    Write them back with stage_conversation() and save_conversations().
    """
    ids = sorted(set(citizen_ids))
    if not ids:
        return {}
    return {row.citizen_id: row for row in await (await lean(session)).conversations(ids, now)}


def stage_conversation(conversation: Conversation | ConversationRow, *, flow: str | None, step: str | None,
                       locale: str | None, state: dict[str, Any], now: datetime) -> None:
    """Give a loaded conversation its new values; save_conversations() writes them all at once.

    An ORM row is not marked for the ORM's one-UPDATE-per-row flush; later reads in the session see the new values.
    """
    values = (("flow", flow), ("step", step), ("locale", locale), ("state", state), ("updated_at", now))
    for name, value in values:
        if isinstance(conversation, ConversationRow):
            setattr(conversation, name, value)
        else:
            set_committed_value(conversation, name, value)


def _saved(conversations: Sequence[Conversation | ConversationRow]) -> list[tuple[Any, ...]]:
    """Staged conversations as the rows their save writes (columns as lean_sql.CONVERSATION, then the id)."""
    return [(c.flow, c.step, c.locale, dumps(c.state), c.updated_at, c.id) for c in conversations]


async def save_conversations(session: AsyncSession, conversations: Sequence[Conversation | ConversationRow]) -> None:
    """Write staged conversations in one executemany."""
    if conversations:
        await (await lean(session)).update_many("conversation", "id", CONVERSATION_COLUMNS, _saved(conversations))


async def save_turns(session: AsyncSession, conversations: Sequence[Conversation | ConversationRow],
                     outgoing: Sequence[Mapping[str, Any]]) -> list[int]:
    """save_conversations(conversations), then insert_outgoing(outgoing): its ids in the rows' order. On PostgreSQL
    one statement when there are both (a turn's writes after its reads: one round trip, not two)."""
    return await (await lean(session)).save_and_queue(
        _saved(conversations), [[row[name] for name in OUTGOING_COLUMNS] for row in outgoing])


async def record_inbound(session: AsyncSession, msg: Inbound, citizen_id: int, now: datetime) -> int | None:
    """Insert the inbound message; None when this channel message id was recorded before."""
    stmt = _insert(session, InboundMessage).values(
        channel=msg.channel, channel_message_id=msg.message_id, citizen_id=citizen_id,
        payload=msg.to_json(), status="pending", received_at=now,
    ).on_conflict_do_nothing(index_elements=["channel", "channel_message_id"]).returning(InboundMessage.__table__.c.id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def lock_inbound(session: AsyncSession, inbound_id: int) -> InboundMessage | None:
    """Load an inbound message, locked against other workers on PostgreSQL."""
    query = select(InboundMessage).where(InboundMessage.id == inbound_id)
    if is_postgres(session):
        query = query.with_for_update()
    return (await session.exec(query)).first()


async def lock_conversation(session: AsyncSession, citizen_id: int, now: datetime) -> Conversation:
    """The citizen's conversation row, created if needed, locked so one turn runs at a time per citizen."""
    query = select(Conversation).where(Conversation.citizen_id == citizen_id)
    if is_postgres(session):
        await session.execute(
            _insert(session, Conversation).values(citizen_id=citizen_id, state={}, updated_at=now)
            .on_conflict_do_nothing(index_elements=["citizen_id"])
        )
        query = query.with_for_update()
    found = (await session.exec(query)).first()
    if found is None:
        found = Conversation(citizen_id=citizen_id, state={}, updated_at=now)
        session.add(found)
        await session.flush()
    return found


async def pending_inbound_ids(session: AsyncSession, limit: int = 1000) -> list[int]:
    """Inbound messages recorded but not yet handled (after a crash), oldest first."""
    query = select(InboundMessage.id).where(INBOUND_PENDING).order_by(
        col(InboundMessage.id)).limit(limit)
    return list((await session.exec(query)).all())


async def pending_inbound(session: AsyncSession, limit: int = 10000) -> list[tuple[int, str, str]]:
    """Recorded but unhandled messages as (id, channel, user id), oldest first."""
    query = select(InboundMessage.id, InboundMessage.channel, InboundMessage.payload).where(
        INBOUND_PENDING).order_by(col(InboundMessage.id)).limit(limit)
    return [(i, c, str(p.get("user_id"))) for i, c, p in (await session.exec(query)).all()]


def queue_replies(session: AsyncSession, *, channel: str, chat_id: str, citizen_id: int | None,
                  inbound_id: int | None, replies: Sequence[Reply], now: datetime,
                  kind: str = "reply", claimed_until: datetime | None = None) -> list[OutgoingMessage]:
    """Put replies in the channel outbox (sent after the transaction commits).

    claimed_until queues them already claimed by the caller, who sends them right after the commit.
    """
    status = "sending" if claimed_until else "pending"
    rows = [OutgoingMessage(channel=channel, chat_id=chat_id, citizen_id=citizen_id, inbound_id=inbound_id,
                            kind=kind, payload=r.to_json(), created_at=now, status=status,
                            not_before=claimed_until) for r in replies]
    session.add_all(rows)
    return rows


async def insert_outgoing(session: AsyncSession, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert many outgoing messages in one statement; ids come back in the rows' order."""
    if not rows:
        return []
    return await (await lean(session)).insert_outgoing([[row[name] for name in OUTGOING_COLUMNS] for row in rows])


_COMPLAINT_COLUMNS = tuple(c.name for c in Complaint.__table__.columns if not c.primary_key)  # type: ignore[attr-defined]


def _precision(answers: Mapping[str, Any], incident: str | None) -> str | None:
    """How the date was said (day | approximate | month | year | unknown); a date stored without it is a day."""
    said = answers.get("incident_date_precision")
    if said:
        return str(said)
    return "day" if incident else None


async def create_complaint(session: AsyncSession, *, tracking_no: str, citizen_id: int, inbound_id: int | None,
                           channel: str, locale: str, answers: Mapping[str, Any], now: datetime) -> Complaint:
    """Store a complaint with its attachments and first status entry."""
    loc = answers.get("location") or {}
    incident = answers.get("incident_date")
    consent = bool(answers.get("contact_consent"))
    complaint = Complaint(
        tracking_no=tracking_no, citizen_id=citizen_id, source_inbound_id=inbound_id, channel=channel,
        classification=answers.get("classification") or "pengaduan",
        title=(answers.get("title") or "")[:200], body=answers.get("body") or "",
        incident_date=date.fromisoformat(incident) if incident else None,
        incident_date_precision=_precision(answers, incident), incident_time=answers.get("incident_time") or None,
        incident_part=answers.get("incident_part") or None,
        location_text=loc.get("text"), lat=loc.get("lat"), lon=loc.get("lon"), region_code=loc.get("region"),
        agency_code=answers.get("agency"), category=answers.get("category"),
        is_anonymous=bool(answers.get("is_anonymous")), is_secret=bool(answers.get("is_secret")),
        contact_consent=consent, reporter_phone=answers.get("phone") if consent else None,
        locale=locale, status="submitted", created_at=now, updated_at=now,
    )
    # Lean INSERTs instead of the ORM's; the complaint then joins the session as a loaded, persistent row (the
    # hooks, status changes and admin cases of this turn change it through the ORM as before). What the session
    # holds unwritten goes first, as it did: the rows may refer to it (a citizen just added, ...).
    await session.flush()
    rows = await lean(session)
    complaint.id = await rows.insert_row("complaint", {c: getattr(complaint, c) for c in _COMPLAINT_COLUMNS})
    make_transient_to_detached(complaint)
    session.add(complaint)
    for item in answers.get("attachments", []):
        await rows.insert_row("attachment", {"complaint_id": complaint.id, "channel": channel, "kind": item["kind"],
                                             "file_ref": item["ref"], "mime": item.get("mime"),
                                             "size": item.get("size"), "name": item.get("name")})
    await rows.insert_row("statuschange", {"complaint_id": complaint.id, "status": "submitted", "note": None,
                                           "actor": "citizen", "at": now})
    return complaint


async def complaint_by_source(session: AsyncSession, inbound_id: int) -> Complaint | None:
    """The complaint an inbound message already created, if any."""
    if not await (await lean(session)).present("complaint", "source_inbound_id", [inbound_id]):
        return None  # the usual answer, without the ORM
    query = select(Complaint).where(Complaint.source_inbound_id == inbound_id)
    return (await session.exec(query)).first()


async def tracking_taken(session: AsyncSession, tracking_no: str) -> bool:
    """Whether a tracking number is in use."""
    return bool(await (await lean(session)).present("complaint", "tracking_no", [tracking_no]))


async def citizen_complaints(session: AsyncSession, citizen_id: int, limit: int) -> list[Complaint]:
    """A citizen's latest complaints."""
    query = select(Complaint).where(Complaint.citizen_id == citizen_id).order_by(
        col(Complaint.created_at).desc(), col(Complaint.id).desc()).limit(limit)
    return list((await session.exec(query)).all())


async def citizen_complaint(session: AsyncSession, citizen_id: int, tracking_no: str) -> Complaint | None:
    """One of the citizen's own complaints by tracking number."""
    query = select(Complaint).where(Complaint.citizen_id == citizen_id, Complaint.tracking_no == tracking_no)
    return (await session.exec(query)).first()


async def status_history(session: AsyncSession, complaint_id: int) -> list[StatusChange]:
    """A complaint's status history, oldest first."""
    query = select(StatusChange).where(StatusChange.complaint_id == complaint_id).order_by(col(StatusChange.id))
    return list((await session.exec(query)).all())


async def mark_handled(session: AsyncSession, inbound_id: int, now: datetime) -> None:
    """Mark an inbound message handled."""
    await session.execute(update(InboundMessage).where(col(InboundMessage.id) == inbound_id)
                          .values(status="handled", handled_at=now))


async def record_failed_inbound(session: AsyncSession, msg: Inbound, citizen_id: int, reason: str,
                                now: datetime) -> int | None:
    """Record a message that could not be handled as failed, with why; None when it was recorded before.

    Only its identity is kept: its content is what could not be stored or handled.
    """
    stmt = _insert(session, InboundMessage).values(
        channel=msg.channel, channel_message_id=msg.message_id, citizen_id=citizen_id,
        payload={"channel": msg.channel, "user_id": msg.user_id, "message_id": msg.message_id},
        status="failed", reason=reason[:255], received_at=now, handled_at=now,
    ).on_conflict_do_nothing(index_elements=["channel", "channel_message_id"]).returning(InboundMessage.__table__.c.id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def mark_failed(session: AsyncSession, inbound_id: int, reason: str, now: datetime) -> None:
    """Mark a recorded inbound message failed, with why (it is not tried again)."""
    await session.execute(update(InboundMessage).where(col(InboundMessage.id) == inbound_id)
                          .values(status="failed", reason=reason[:255], handled_at=now))


async def conversation_locale(session: AsyncSession, citizen_id: int) -> str | None:
    """The language a citizen's conversation is in, if it has one yet."""
    query = select(Conversation.locale).where(Conversation.citizen_id == citizen_id)
    return (await session.exec(query)).first()


async def conversation_locales(session: AsyncSession, citizen_ids: Sequence[int]) -> dict[int, str]:
    """Each citizen's chat language, read without locking their conversation (citizens without one left out)."""
    if not citizen_ids:
        return {}
    rows = (await session.exec(select(Conversation.citizen_id, Conversation.locale)
                               .where(col(Conversation.citizen_id).in_(set(citizen_ids))))).all()
    return {citizen_id: locale for citizen_id, locale in rows if locale}


async def lock_complaints(session: AsyncSession, complaint_ids: Sequence[int]) -> dict[int, Complaint]:
    """Complaints by id, locked in id order (FOR UPDATE on PostgreSQL: no deadlocks between batches)."""
    query = select(Complaint).where(col(Complaint.id).in_(complaint_ids)).order_by(col(Complaint.id)).with_for_update()
    return {c.id: c for c in (await session.exec(query)).all() if c.id is not None}


async def citizens_by_id(session: AsyncSession, citizen_ids: Sequence[int]) -> dict[int, Citizen]:
    """Citizen rows by id."""
    query = select(Citizen).where(col(Citizen.id).in_(citizen_ids))
    return {c.id: c for c in (await session.exec(query)).all() if c.id is not None}


async def complaints_with_citizens(session: AsyncSession,
                                   complaint_ids: Sequence[int]) -> dict[int, tuple[Complaint, Citizen]]:
    """Complaints by id, each with its citizen."""
    query = (select(Complaint, Citizen).join(Citizen, col(Citizen.id) == col(Complaint.citizen_id))
             .where(col(Complaint.id).in_(complaint_ids)))
    return {c.id: (c, citizen) for c, citizen in (await session.exec(query)).all() if c.id is not None}


async def attachments_of(session: AsyncSession, complaint_ids: Sequence[int]) -> list[Attachment]:
    """The attachments of these complaints, in the order they came."""
    with_files = await (await lean(session)).present("attachment", "complaint_id", list(complaint_ids))
    if not with_files:
        return []  # most complaints come without: no ORM query
    query = select(Attachment).where(col(Attachment.complaint_id).in_(with_files)).order_by(col(Attachment.id))
    return list((await session.exec(query)).all())


async def insert_new_rows(session: AsyncSession, tables: Sequence[type[SQLModel]]) -> None:
    """Write the session's new rows of these tables with one multi-row INSERT each.

    The ORM fetches each new row's id with its own INSERT ... RETURNING on SQLite, one round trip per
    history entry and message; nobody reads those ids here, so a batch goes in one statement instead.
    """
    batches: list[tuple[type[SQLModel], list[dict[str, Any]]]] = []
    for table in tables:
        rows = [row for row in session.new if isinstance(row, table)]
        columns = [c.name for c in table.__table__.columns if not c.primary_key]  # type: ignore[attr-defined]
        batches.append((table, [{name: getattr(row, name) for name in columns} for row in rows]))
        for row in rows:
            session.expunge(row)  # all of them before any execute: its autoflush would insert them one by one
    for table, values in batches:
        if values:
            await session.execute(insert(table), values)


async def inbound_seen(session: AsyncSession, channel: str, message_id: str) -> bool:
    """Whether this channel message id is in the inbound log already."""
    found = await session.exec(select(InboundMessage.id).where(
        InboundMessage.channel == channel, InboundMessage.channel_message_id == message_id))
    return found.first() is not None


async def citizen_by_identity(session: AsyncSession, channel: str, user_id: str) -> Citizen | None:
    """A citizen by channel identity."""
    query = select(Citizen).where(Citizen.channel == channel, Citizen.channel_user_id == user_id)
    return (await session.exec(query)).first()


async def complaint_by_tracking(session: AsyncSession, tracking_no: str) -> Complaint | None:
    """A complaint by its tracking number (exactly as stored)."""
    return (await session.exec(select(Complaint).where(Complaint.tracking_no == tracking_no))).first()


async def lock_complaint(session: AsyncSession, complaint_id: int) -> Complaint | None:
    """A complaint by id, its row locked on PostgreSQL (in the order the forwarding status poller locks them)."""
    query = select(Complaint).where(Complaint.id == complaint_id)
    if is_postgres(session):
        query = query.with_for_update()
    return (await session.exec(query)).first()


async def last_status_change(session: AsyncSession, complaint_id: int) -> StatusChange | None:
    """A complaint's latest status history entry."""
    return (await session.exec(select(StatusChange).where(StatusChange.complaint_id == complaint_id)
                               .order_by(col(StatusChange.id).desc()))).first()


async def recent_payloads(session: AsyncSession, citizen_id: int, limit: int) -> list[Any]:
    """The payloads of a citizen's last inbound messages, oldest first."""
    query = select(InboundMessage.payload).where(col(InboundMessage.citizen_id) == citizen_id).order_by(
        col(InboundMessage.id).desc()).limit(limit)
    return list((await session.exec(query)).all())[::-1]


# --------------------------------------------------------------------------- a citizen's erasure (bot/ops/privacy.py)


async def citizen_complaint_ids(session: AsyncSession, citizen_id: int) -> list[int]:
    """The ids of all of a citizen's complaints."""
    rows = (await session.exec(select(Complaint.id).where(col(Complaint.citizen_id) == citizen_id))).all()
    return [c for c in rows if c is not None]


async def blank_messages(session: AsyncSession, citizen_id: int, *, inbound_payload: Mapping[str, Any], chat_id: str,
                         now: datetime) -> int:
    """A citizen's messages without their content: every inbound payload replaced, queued messages to them
    dropped, sent ones kept (counts, receipts) without their text and addressed to `chat_id`; how many inbound."""
    messages = (await session.execute(update(InboundMessage).where(col(InboundMessage.citizen_id) == citizen_id)
                                      .values(payload=dict(inbound_payload)))).rowcount or 0
    await workqueue.fail(session, OUTGOING, None, now=now, reason="erased", where=[
        col(OutgoingMessage.citizen_id) == citizen_id, col(OutgoingMessage.status) == OUTGOING.pending])
    await session.execute(update(OutgoingMessage).where(col(OutgoingMessage.citizen_id) == citizen_id)
                          .values(payload={"text": ""}, chat_id=chat_id))
    return int(messages)


async def complaints_of_citizen(session: AsyncSession, citizen_id: int) -> list[Complaint]:
    """All of a citizen's complaints, read afresh (rows changed underneath copies the session holds are reloaded)."""
    return list((await session.exec(select(Complaint).where(col(Complaint.citizen_id) == citizen_id)
                                    .execution_options(populate_existing=True))).all())


async def reset_conversation(session: AsyncSession, citizen_id: int, now: datetime) -> None:
    """A citizen's conversation back to nothing: no state, flow, step or language."""
    await session.execute(update(Conversation).where(col(Conversation.citizen_id) == citizen_id)
                          .values(state={}, flow=None, step=None, locale=None, updated_at=now))
