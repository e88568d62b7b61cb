"""What admins read in Telegram: a case and its history (/kasus), search (/cari), the open queue (/antrian), the
recap (/rekap), the IKM chart (/ikm), the cases spreadsheet (/ekspor) and the failed forwards (/gagal).

Each is run beside the update stream (handlers/telegram/admin_commands.py spawns it) and limited to the
admin's scope: their agencies, and in an agency's chat that agency.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.admin.config import AdminConfig
from bot.admin.reports import (
    cases_xlsx,
    day_bounds,
    export_rows,
    failed_forwards,
    inclusion_recap_lines,
    open_counts,
    open_queue,
    parse_span,
    recap,
    search,
)
from bot.core.workdays import zone
from handlers.telegram.admin_chat import AdminChat
from handlers.telegram.admin_render import local_time, status_name
from models import store

log = logging.getLogger("laporbot.admin")


class AdminViews:
    """The admin commands that read: each answers in the chat it was asked in."""

    def __init__(self, chat: AdminChat) -> None:
        self.chat = chat
        self.core = chat.core
        self.admin = chat.admin
        self.bot = chat.bot
        self.sender = chat.sender
        self.by_command = {"kasus": self.kasus, "cari": self.cari, "antrian": self.antrian, "rekap": self.rekap,
                           "ikm": self.ikm, "ekspor": self.ekspor, "gagal": self.gagal}

    async def kasus(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                    config: AdminConfig) -> None:
        """/kasus <number>: the case's card here and its last status changes."""
        number = args.split(" ")[0] if args else ""
        async with self.core.db.read() as session:
            complaint = await self.admin.by_tracking(session, number) if number else None
        if complaint is None:
            await self.chat.say(chat_id, self.admin.t("admin.not_found", tracking_no=number or "?"))
            return
        if not config.can_act(user_id, complaint.agency_code):
            await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action="/kasus",
                                         complaint_id=complaint.id, outcome="refused")
            await self.chat.say(chat_id, self.admin.t("admin.refused.refused"))
            return
        me = config.admin(user_id)
        # The reporter of an anonymous complaint is shown only to a super admin, in their private chat.
        audience = "super" if private and chat_id == user_id and me is not None and me.is_super else "view"
        async with self.core.db.write() as session:
            await self.admin.ensure_case(session, complaint)
            await self.admin.queue_cards(session, complaint, [(chat_id, audience)], attachments=False)
            history = await store.status_history(session, complaint.id or 0)
        lines = [self.admin.t("admin.history.title", tracking_no=complaint.tracking_no)]
        for entry in history[-8:]:
            line = self.admin.t("admin.history.line", at=local_time(self.admin, entry.at),
                                status=status_name(self.admin, entry.status), actor=entry.actor)
            lines.append(f"{line}: {entry.note}" if entry.note else line)
        await self.sender.pump()
        await self.chat.say(chat_id, "\n".join(lines))

    async def cari(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                   config: AdminConfig) -> None:
        """/cari <words>: the cases whose number, title or story contain them, newest first, in the admin's scope."""
        if len(args.strip()) < 3:
            await self.chat.say(chat_id, self.admin.t("admin.search.short"))
            return
        async with self.core.db.read() as session:
            found = await search(session, args, scope)
        if not found:
            await self.chat.say(chat_id, self.admin.t("admin.search.none"))
            return
        lines = [self.admin.t("admin.search.title", count=len(found))]
        lines += [self.admin.t("admin.list.line", tracking_no=c.tracking_no, status=status_name(self.admin, c.status),
                               title=c.title[:60]) for c in found]
        lines.append(self.admin.t("admin.list.hint"))
        await self.chat.say(chat_id, "\n".join(lines))

    async def antrian(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                      config: AdminConfig) -> None:
        """/antrian: the open cases, the most urgent deadline first, the late ones marked."""
        now = self.admin.now()
        async with self.core.db.read() as session:
            rows = await open_queue(session, scope)
        if not rows:
            await self.chat.say(chat_id, self.admin.t("admin.queue.empty"))
            return
        lines = [self.admin.t("admin.queue.title")]
        for number, (complaint, case) in enumerate(rows, start=1):
            due = "–"
            if case is not None and case.due_at is not None:
                local = case.due_at.astimezone(zone(self.admin.settings.tz)).date()
                due = f"{local:%d/%m}" + (" " + self.admin.t("admin.card.late") if case.due_at < now
                                          and case.clock in ("verify", "followup") else "")
            lines.append(self.admin.t("admin.queue.line", n=number, tracking_no=complaint.tracking_no,
                                      status=status_name(self.admin, complaint.status), due=due))
        lines.append(self.admin.t("admin.list.hint"))
        await self.chat.say(chat_id, "\n".join(lines))

    async def rekap(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                    config: AdminConfig) -> None:
        """/rekap: today's and this week's new and moved cases, the open and late ones, the inclusion figures."""
        now = self.admin.now()
        today, week = day_bounds(now, self.admin.settings.tz)
        async with self.core.db.read() as session:
            day = await recap(session, scope, today, now + timedelta(seconds=1))
            weekly = await recap(session, scope, week, now + timedelta(seconds=1))
            total, late = await open_counts(session, scope, now)
            inclusion = await inclusion_recap_lines(session, scope, now, self.admin.settings.tz, self.admin.catalog,
                                                    self.admin.config().locale)
        t = self.admin.t
        lines = [t("admin.recap.title")]
        for label, r in ((t("admin.recap.today"), day), (t("admin.recap.week"), weekly)):
            lines.append(t("admin.recap.line", period=label, new=r.new, verified=r.verified, responded=r.responded,
                           closed=r.closed, rejected=r.rejected))
        lines.append(t("admin.recap.open", open=total, late=late))
        lines += inclusion  # bot/surveys/inclusion.py, through admin_reports
        await self.chat.say(chat_id, "\n".join(lines))

    async def ikm(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                  config: AdminConfig) -> None:
        """/ikm <unit> [period]: the unit's IKM (SKM) chart for the period, as a picture."""
        from bot.settings import ConfigError
        from bot.surveys import services as survey_services
        from bot.surveys.config import SurveyConfig
        from bot.surveys.ikm import compute
        from bot.surveys.period import Period, period_of
        from bot.surveys.report import to_png
        from bot.surveys.units import UnitsError

        unit_code, _, period_text = args.partition(" ")
        try:
            surveys = self.core.section(SurveyConfig, checked=True)
            unit = surveys.units().get(unit_code.strip()) if unit_code.strip() else None
        except (ConfigError, UnitsError):  # wrong since start-up, or the units file broken since
            await self.chat.say(chat_id, self.admin.t("admin.ikm.config"))
            return
        if unit is None:
            await self.chat.say(chat_id, self.admin.t("admin.ikm.usage"))
            return
        now = self.admin.now()
        if period_text.strip():
            span = parse_span(period_text, now.astimezone(zone(surveys.timezone)).date())
            if span is None:
                await self.chat.say(chat_id, self.admin.t("admin.period.bad"))
                return
            period = Period(span.label, span.first, span.last)
        else:
            period = period_of(now, surveys.period, surveys.timezone)
        begin, end = period.bounds(surveys.timezone)
        async with self.core.db.read() as session:
            respondents = await survey_services.skm_respondents(session, unit.code, begin, end)
        result = compute(respondents)
        label = period.label(config.locale) if period.first.day == 1 else period.key
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "ikm.png"
            await asyncio.to_thread(to_png, result, path, unit.name, label, config.locale, self.admin.catalog)
            data = path.read_bytes()
        caption = self.admin.t("admin.ikm.caption", unit=unit.name, period=label, count=result.respondents)
        try:
            await self.bot.send_photo(chat_id, data, caption=caption[:1000])
        except TelegramError as error:
            log.warning("IKM chart not sent", extra={"chat_id": chat_id, "error": type(error).__name__})

    async def ekspor(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                     config: AdminConfig) -> None:
        """/ekspor [period]: the cases of the period as a spreadsheet (XLSX)."""
        now = self.admin.now()
        tz = self.admin.settings.tz
        span = parse_span(args, now.astimezone(zone(tz)).date())
        if span is None:
            await self.chat.say(chat_id, self.admin.t("admin.period.bad"))
            return
        start, end = span.bounds(tz)
        async with self.core.db.read() as session:
            rows = await export_rows(session, scope, start, end)
        places = self.core.places
        data = await asyncio.to_thread(
            cases_xlsx, rows, catalog=self.admin.catalog, locale=config.locale, tz=tz, now=now,
            agency_name=self.admin.agency_name, region_name=places.label,
            title=self.admin.t("admin.export.title", period=span.label))
        caption = self.admin.t("admin.export.caption", period=span.label, count=len(rows))
        try:
            await self.bot.send_document(chat_id, data, filename=f"kasus-{span.label}.xlsx", caption=caption)
        except TelegramError as error:
            log.warning("export not sent", extra={"chat_id": chat_id, "error": type(error).__name__})

    async def gagal(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                    config: AdminConfig) -> None:
        """/gagal: the forwards that failed, each with a button to try again."""
        async with self.core.db.read() as session:
            jobs = await failed_forwards(session, scope)
        if not jobs:
            await self.chat.say(chat_id, self.admin.t("admin.failed.none"))
            return
        lines = [self.admin.t("admin.failed.title", count=len(jobs))]
        buttons = []
        for job_id, number, attempts, error in jobs:
            lines.append(self.admin.t("admin.failed.line", tracking_no=number, attempts=attempts,
                                      error=error[:80] or "–"))
            buttons.append([InlineKeyboardButton(self.admin.t("admin.button.retry", tracking_no=number),
                                                 callback_data=self.admin.signer.make("f", job_id, 0))])
        await self.chat.say(chat_id, "\n".join(lines), InlineKeyboardMarkup(buttons))


__all__ = ["AdminViews"]
