"""The erasure's reach into every table: rows about a citizen, their free-text columns, and other features' rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import JSON, String, Table, Text, delete, or_, update
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import Attachment, Complaint, InboundMessage, OutgoingMessage

# Short string columns that hold what people wrote or who they are (ids, codes and statuses are left alone:
# scrubbing a channel message id or a file id would break deduplication or the file).
FREE_STRINGS = frozenset({"title", "location_text", "name", "display_name", "reporter_name", "reporter_phone",
                          "phone", "note", "comment", "reason", "question", "caption", "saran"})


def text_columns(table: Table) -> list[Any]:
    """A table's free-text columns: every Text and JSON column, and the short strings named in FREE_STRINGS."""
    found = []
    for column in table.columns:
        kind = getattr(column.type, "impl_instance", column.type)
        if column.primary_key or not isinstance(kind, String | JSON):
            continue
        if isinstance(kind, Text | JSON) or column.name in FREE_STRINGS:
            found.append(column)
    return found


async def reporters_of(session: AsyncSession, citizen_id: int) -> list[tuple[str | None, str | None]]:
    """The reporter name and phone of each of the citizen's complaints."""
    rows = (await session.exec(select(Complaint.reporter_name, Complaint.reporter_phone).where(
        col(Complaint.citizen_id) == citizen_id))).all()
    return [(name, phone) for name, phone in rows]


async def scrub_rows_about(session: AsyncSession, citizen_id: int, complaint_ids: list[int],
                           clean: Callable[[Any], Any]) -> int:
    """Pass every text/JSON value of every row about the citizen through `clean`; write back what changed.

    A row is about the citizen when it names them (citizen_id), one of their complaints (complaint_id), one
    of their messages (inbound_id) or one of their outgoing messages (outgoing_id); new tables with such a
    column are covered without changes here. Strings are cut to the column's length. Returns the rows changed.
    """
    inbound_ids = select(InboundMessage.id).where(col(InboundMessage.citizen_id) == citizen_id)
    outgoing_ids = select(OutgoingMessage.id).where(col(OutgoingMessage.citizen_id) == citizen_id)
    changed = 0
    for table in SQLModel.metadata.sorted_tables:
        columns = text_columns(table)
        if not columns:
            continue
        links = []
        if table.name == "citizen":
            links.append(table.c.id == citizen_id)
        if table.name == "complaint" and complaint_ids:
            links.append(table.c.id.in_(complaint_ids))
        if "citizen_id" in table.c:
            links.append(table.c.citizen_id == citizen_id)
        if "complaint_id" in table.c and complaint_ids:
            links.append(table.c.complaint_id.in_(complaint_ids))
        if "inbound_id" in table.c:
            links.append(table.c.inbound_id.in_(inbound_ids))
        if "outgoing_id" in table.c:
            links.append(table.c.outgoing_id.in_(outgoing_ids))
        if not links:
            continue
        key = list(table.primary_key.columns)
        rows = (await session.execute(select(*key, *columns).where(or_(*links)))).all()
        for row in rows:
            ids, values = row[:len(key)], row[len(key):]
            new = {}
            for column, value in zip(columns, values, strict=True):
                if value is None:
                    continue
                cleaned = clean(value)
                length = getattr(getattr(column.type, "impl_instance", column.type), "length", None)
                if isinstance(cleaned, str) and length:
                    cleaned = cleaned[:length]
                if cleaned != value:
                    new[column.name] = cleaned
            if new:
                await session.execute(update(table).where(*[k == i for k, i in zip(key, ids, strict=True)])
                                      .values(**new))
                changed += 1
    return changed


async def erase_other_tables(session: AsyncSession, citizen_id: int, complaint_ids: list[int],
                             scrub: Callable[[str], str]) -> None:
    """Tables other features own: survey answers lose their link; free text (feedback comments, answers to
    admins' questions) goes through `scrub`; the voice chat id is forgotten; chat-only files are deleted."""
    tables = SQLModel.metadata.tables
    for name in ("skmresponse", "surveyresponse"):
        table = tables.get(name)
        if table is not None and "citizen_id" in table.c and table.c.citizen_id.nullable:
            await session.execute(update(table).where(table.c.citizen_id == citizen_id).values(citizen_id=None))
    table = tables.get("feedbackrequest")
    if table is not None and {"citizen_id", "comment", "reason"} <= set(table.c.keys()):
        rows = (await session.execute(select(table.c.id, table.c.comment, table.c.reason)
                                      .where(table.c.citizen_id == citizen_id))).all()
        for row_id, comment, reason in rows:
            await session.execute(update(table).where(table.c.id == row_id).values(
                comment=scrub(comment) if comment else comment,
                reason=scrub(reason) if reason else reason))
    table = tables.get("inforeply")
    if table is not None and {"complaint_id", "text"} <= set(table.c.keys()) and complaint_ids:
        # Answers to an admin's "Minta info" belong to the case file: kept, like the complaint, without numbers.
        rows = (await session.execute(select(table.c.id, table.c.text).where(
            table.c.complaint_id.in_(complaint_ids), table.c.text.is_not(None)))).all()
        for row_id, text in rows:
            await session.execute(update(table).where(table.c.id == row_id).values(text=scrub(text)))
    table = tables.get("voicejob")  # --- voice: the chat id a read-back was to go to is the citizen's identity ---
    if table is not None and {"citizen_id", "chat_id"} <= set(table.c.keys()):
        await session.execute(update(table).where(table.c.citizen_id == citizen_id).values(chat_id="erased"))
    table = tables.get("mediafile")
    if table is not None and "inbound_id" in table.c:
        # Files sent in chat but never attached to a complaint are the citizen's alone: deleted.
        kept = select(Attachment.file_ref).where(col(Attachment.complaint_id).in_(complaint_ids or [-1]))
        mine = select(InboundMessage.id).where(col(InboundMessage.citizen_id) == citizen_id)
        await session.execute(delete(table).where(table.c.inbound_id.in_(mine), table.c.ref.not_in(kept)))
