"""What admin commands read: the open-case queue, search, today's and this week's recap, the XLSX
export of cases, failed forwards and the SKM chart. Every query is limited to the admin's scope
(None = every agency, for super admins). Exports carry no names, phone numbers or NIK. The queries themselves
are models/admin_store.py's; here they get what "open" and "late" mean (bot/admin/sla.py).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.admin.sla import ALERTED_CLOCKS, FINISHED
from bot.core.i18n import Catalog
from bot.core.workdays import zone
from models import admin_store
from models.admin import AdminCase
from models.admin_store import Scope
from models.db import Session
from models.tables import Complaint

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})|-([qQ])([1-4])|-([sS])([12]))?$")


async def open_queue(session: Session, scope: Scope, limit: int = 15) -> list[tuple[Complaint, AdminCase | None]]:
    """Open cases, the most urgent deadline first (cases without a running clock last)."""
    return await admin_store.open_queue(session, scope, finished=FINISHED, limit=limit)


async def search(session: Session, text: str, scope: Scope, limit: int = 10) -> list[Complaint]:
    """Cases whose number, title or story contains the text, newest first."""
    return await admin_store.search(session, text, scope, limit)


@dataclass(frozen=True)
class Recap:
    """Counts for one stretch of time."""

    new: int
    verified: int
    responded: int
    closed: int
    rejected: int


async def recap(session: Session, scope: Scope, start: datetime, end: datetime) -> Recap:
    """New complaints and status changes in [start, end)."""
    new = await admin_store.new_count(session, scope, start, end)
    counts = await admin_store.reached_counts(session, scope, start, end,
                                              ("verified", "responded", "closed", "rejected"))
    return Recap(new, counts.get("verified", 0), counts.get("responded", 0), counts.get("closed", 0),
                 counts.get("rejected", 0))


async def open_counts(session: Session, scope: Scope, now: datetime) -> tuple[int, int]:
    """(open cases, of which past their deadline)."""
    return await admin_store.open_counts(session, scope, now, finished=FINISHED, clocks=ALERTED_CLOCKS)


def day_bounds(now: datetime, tz: str) -> tuple[datetime, datetime]:
    """Local midnight today and the Monday of this week."""
    local = now.astimezone(zone(tz))
    today = datetime.combine(local.date(), time(), tzinfo=zone(tz))
    return today, today - timedelta(days=local.weekday())


@dataclass(frozen=True)
class Span:
    """A reporting period: a label and its local first and last days."""

    label: str
    first: date
    last: date

    def bounds(self, tz: str) -> tuple[datetime, datetime]:
        """Aware [start, end) of the span in the zone."""
        start = datetime.combine(self.first, time(), tzinfo=zone(tz))
        return start, datetime.combine(self.last + timedelta(days=1), time(), tzinfo=zone(tz))


def parse_span(text: str | None, today: date) -> Span | None:
    """2026, 2026-08, 2026-Q3, 2026-S2 (None when unreadable); the current month without text."""
    raw = (text or "").strip()
    if not raw:
        raw = f"{today.year}-{today.month:02d}"
    found = _PERIOD.match(raw)
    if not found:
        return None
    year = int(found.group(1))
    if found.group(2):
        month = int(found.group(2))
        if not 1 <= month <= 12:
            return None
        first, last_month = date(year, month, 1), month
    elif found.group(4):
        quarter = int(found.group(4))
        first, last_month = date(year, 3 * quarter - 2, 1), 3 * quarter
    elif found.group(6):
        half = int(found.group(6))
        first, last_month = date(year, 6 * half - 5, 1), 6 * half
    else:
        first, last_month = date(year, 1, 1), 12
    last = date(year + (last_month == 12), last_month % 12 + 1, 1) - timedelta(days=1)
    return Span(raw.upper(), first, last)


async def export_rows(session: Session, scope: Scope, start: datetime, end: datetime,
                      limit: int = 50_000) -> list[tuple[Complaint, AdminCase | None]]:
    """Cases received in [start, end), oldest first."""
    return await admin_store.cases_filed(session, scope, start, end, limit)


def _text(value: str | None) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl loads with a workbook, not with the server

    return ILLEGAL_CHARACTERS_RE.sub("", value or "")


def cases_xlsx(rows: list[tuple[Complaint, AdminCase | None]], *, catalog: Catalog, locale: str, tz: str,
               now: datetime, agency_name: Any, region_name: Any, title: str) -> bytes:
    """A workbook of cases: one row per case, plain text cells only (never formulas), no personal data."""
    # openpyxl (and the numpy it loads) only when an admin asks for a workbook: ~17 MB a server rarely needs
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = catalog.text("admin.export.sheet", locale)[:31]
    headers = ["tracking_no", "received", "classification", "category", "agency", "region", "title", "status",
               "due", "late", "anonymous", "secret", "updated"]
    sheet.append([catalog.text(f"admin.export.col.{h}", locale) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    local = zone(tz)
    yes, no = catalog.text("admin.export.yes", locale), catalog.text("admin.export.no", locale)
    for complaint, case in rows:
        due = case.due_at if case is not None and case.clock in ALERTED_CLOCKS else None
        values: list[Any] = [
            complaint.tracking_no,
            complaint.created_at.astimezone(local).replace(tzinfo=None),
            catalog.maybe(f"complaint.ask_classification.opt.{complaint.classification}", locale)
            or complaint.classification,
            catalog.maybe(f"category.{complaint.category}", locale) or (complaint.category or ""),
            agency_name(complaint.agency_code) if complaint.agency_code else "",
            region_name(complaint.region_code) if complaint.region_code else "",
            complaint.title,
            catalog.maybe(f"status.name.{complaint.status}", locale) or complaint.status,
            due.astimezone(local).replace(tzinfo=None) if due else None,
            (yes if due and due < now and complaint.status not in FINISHED else no),
            yes if complaint.is_anonymous else no,
            yes if complaint.is_secret else no,
            complaint.updated_at.astimezone(local).replace(tzinfo=None),
        ]
        row = sheet.max_row + 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            if isinstance(value, str):
                cell.value = _text(value)
                cell.data_type = "s"  # "=…" typed by a citizen stays text
            else:
                cell.value = value
                if isinstance(value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
    for column, width in zip("ABCDEFGHIJKLM", (14, 17, 18, 16, 32, 32, 40, 22, 17, 8, 8, 8, 17), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def failed_forwards(session: Session, scope: Scope, limit: int = 10) -> list[tuple[int, str, int, str]]:
    """Forwarding outbox entries that gave up: (job id, tracking number, attempts, last error)."""
    return await admin_store.failed_forwards(session, scope, limit)


async def forward_complaint(session: Session, job_id: int) -> Complaint | None:
    """The complaint of a forwarding entry."""
    return await admin_store.forward_complaint(session, job_id)


async def inclusion_recap_lines(session: Session, scope: Scope, now: datetime, tz: str, catalog: Catalog,
                                locale: str) -> list[str]:
    """This month's complaints and satisfaction by gender, disability and voice/text, small counts suppressed.

    An admin limited to some agencies sees their complaints only, and not the channel-wide survey.
    """
    from bot.surveys.inclusion import inclusion_report, report_lines

    span = parse_span(None, now.astimezone(zone(tz)).date())
    assert span is not None  # the current month always parses
    start, end = span.bounds(tz)
    report = await inclusion_report(session, start, end, scope, channel_survey=scope is None)
    return [catalog.text("inclusion.recap.title", locale),
            *report_lines(report, catalog, locale, channel_survey=scope is None)]
