"""The admin side's timed work, all of it driven by due times stored in the database.

One `tick()` (every LAPORBOT_SLA_INTERVAL_SECONDS, in every replica):

1. reconcile: cases whose complaint changed status around StatusChanger (the citizen's feedback,
   auto-close) get their clock and card version; complaints filed before the admin side get a case;
2. escalations, then reminders: each claimed by one `UPDATE … SET escalated_at/reminded_at = now
   WHERE … IS NULL AND due_at/remind_at <= now RETURNING`, so a restart loses none and two replicas
   never send one twice; the messages are queued in the same transaction;
3. reopened complaints (bot/surveys/feedback.py CaseEvent rows) are told to the case's chats;
4. the daily digest, when its stored due time has come (advanced with a compare-and-set);
5. feedback auto-close (bot/surveys/feedback.py), at most every LAPORBOT_AUTOCLOSE_INTERVAL_SECONDS.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.admin.cases import AdminCore
from bot.admin.sla import ALERTED_CLOCKS, FINISHED, clock_for, set_clock, sync_case
from bot.core.i18n import long_date
from bot.core.workdays import zone
from models import admin_store
from models.admin import AdminCase, AdminJob
from models.db import Session
from models.tables import Complaint

log = logging.getLogger("laporbot.admin.scheduler")

DIGEST = "digest"
REOPEN_GRACE = timedelta(minutes=10)  # the citizen's reason usually follows "belum" within minutes
BATCH = 500


@dataclass
class TickReport:
    """What one tick did (for tests and logs)."""

    reconciled: int = 0
    reminded: int = 0
    escalated: int = 0
    reopened: int = 0
    digests: int = 0
    closed: int = 0


class Scheduler:
    """Reminders, escalations, reopen alerts, the digest and auto-close, from due times in the database."""

    def __init__(self, admin: AdminCore) -> None:
        self.admin = admin
        self._autoclose_at = float("-inf")

    async def tick(self) -> TickReport:
        """Do whatever is due now."""
        report = TickReport()
        report.reconciled = await self.reconcile()
        report.escalated = await self.escalate()
        report.reminded = await self.remind()
        report.reopened = await self.reopened()
        report.digests = await self.digest()
        report.closed = await self.autoclose()
        if any(vars(report).values()):
            log.info("admin tick", extra=vars(report))
        return report

    # ------------------------------------------------------------------ reconcile

    async def reconcile(self) -> int:
        """Follow status changes made without StatusChanger; give older complaints a case."""
        admin = self.admin
        count = 0
        async with admin.core.db.write() as session:
            for case, complaint in await admin_store.cases_out_of_step(session, BATCH):
                if sync_case(case, complaint, admin.settings, complaint.updated_at or admin.now()):
                    session.add(case)
                    count += 1
            missing = await admin_store.complaints_without_case(session, FINISHED, BATCH)
            now = admin.now()
            for complaint in missing:
                case = AdminCase(complaint_id=complaint.id or 0, status_seen=complaint.status, created_at=now,
                                 updated_at=now)
                kind, since = clock_for(complaint.status, case, complaint, complaint.updated_at or now)
                set_clock(case, kind, since, admin.settings, complaint)
                session.add(case)
                count += 1
            if count:
                admin.kick_after_commit(session)
        return count

    # ------------------------------------------------------------------ deadlines

    async def escalate(self) -> int:
        """Tell super admins about every breached deadline, once."""
        admin = self.admin
        now = admin.now()
        async with admin.core.db.write() as session:
            # a new version each: the cards are edited to show the breach
            claimed = await admin_store.claim_escalations(session, now, ALERTED_CLOCKS)
            config = admin.config()
            for complaint_id, kind, due in claimed:
                complaint = await session.get(Complaint, complaint_id)
                if complaint is None:
                    continue
                text = admin.t("admin.sla.escalation", tracking_no=complaint.tracking_no,
                               clock=admin.t(f"admin.clock.{kind}"), agency=admin.agency_name(complaint.agency_code),
                               due=self._date(due), days=self._days(kind, complaint.classification))
                for chat, _audience in config.escalation_targets():
                    admin.queue_text(session, chat, text, complaint_id=complaint_id)
            if claimed:
                admin.kick_after_commit(session)
        return len(claimed)

    async def remind(self) -> int:
        """Remind the case's agency at 80% of a deadline, once."""
        admin = self.admin
        now = admin.now()
        async with admin.core.db.write() as session:
            claimed = await admin_store.claim_reminders(session, now, ALERTED_CLOCKS)
            config = admin.config()
            for complaint_id, kind, due in claimed:
                complaint = await session.get(Complaint, complaint_id)
                if complaint is None:
                    continue
                left = admin.settings.calendar.working_days_between(now, due, admin.settings.tz)
                text = admin.t("admin.sla.reminder", tracking_no=complaint.tracking_no,
                               clock=admin.t(f"admin.clock.{kind}"), due=self._date(due),
                               left=_one_decimal(max(left, 0.0)))
                for chat, _audience in config.targets(complaint.agency_code):
                    admin.queue_text(session, chat, text, complaint_id=complaint_id)
            if claimed:
                admin.kick_after_commit(session)
        return len(claimed)

    def _date(self, moment: datetime) -> str:
        local = moment.astimezone(zone(self.admin.settings.tz)).date()
        return long_date(local, self.admin.config().locale)

    def _days(self, kind: str, classification: str | None = None) -> str:
        return _one_decimal(self.admin.settings.policy_for(classification).budget(kind))  # type: ignore[arg-type]

    # ------------------------------------------------------------------ reopened by the citizen

    async def reopened(self) -> int:
        """Complaints the citizen said are not solved (bot/surveys/feedback.py CaseEvent): told to the case's chats."""
        from models.survey_store import lock_unhandled_events

        admin = self.admin
        now = admin.now()
        async with admin.core.db.write() as session:
            # another replica may be telling the same: its rows are skipped
            events = await lock_unhandled_events(session, "reopened", BATCH)
            told = 0
            for item in events:
                created = item.created_at if item.created_at.tzinfo else item.created_at.replace(tzinfo=now.tzinfo)
                reason = (item.payload or {}).get("reason")
                if not reason and now - created < REOPEN_GRACE:
                    continue  # wait a little for the reason that follows "belum selesai"
                complaint = await session.get(Complaint, item.complaint_id)
                item.handled_at = now
                session.add(item)
                if complaint is None:
                    continue
                text = admin.t("admin.reopened", tracking_no=complaint.tracking_no,
                               reason=reason or admin.t("admin.reopened.no_reason"))
                chats = await admin.case_chats(session, complaint.id or 0) or [
                    str(c) for c, _ in admin.config().targets(complaint.agency_code)]
                for chat in chats:
                    admin.queue_text(session, chat, text, complaint_id=complaint.id)
                told += 1
            if told:
                admin.kick_after_commit(session)
        return told

    # ------------------------------------------------------------------ daily digest

    async def digest(self) -> int:
        """The daily summary per agency and for super admins, at the configured local time."""
        admin = self.admin
        settings = admin.settings
        if settings.digest_time is None:
            return 0
        now = admin.now()
        hh, mm = settings.digest_time
        upcoming = settings.calendar.next_local_time(now, hh, mm, settings.digest_tz,
                                                     working_days_only=settings.digest_workdays_only)
        async with admin.core.db.write() as session:
            job = await session.get(AdminJob, DIGEST)
            if job is None:
                await admin_store.add_job(session, DIGEST, upcoming)
                return 0
            due = job.due_at
            local = due.astimezone(zone(settings.digest_tz))
            if due > now:
                if (local.hour, local.minute) != (hh, mm):  # the configured time changed
                    job.due_at = upcoming
                    session.add(job)
                return 0
            if not await admin_store.move_job(session, DIGEST, due, upcoming):
                return 0  # another replica sends this one
            sent = await self._queue_digests(session, now)
            if sent:
                admin.kick_after_commit(session)
            return sent

    async def _queue_digests(self, session: Session, now: datetime) -> int:
        admin = self.admin
        config = admin.config()
        tz = zone(admin.settings.tz)
        today = now.astimezone(tz).date()
        end_of_today = datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=tz)
        since = now - timedelta(days=1)
        stats = await admin_store.open_case_counts(session, now=now, end_of_today=end_of_today, since=since,
                                                   finished=FINISHED, clocks=ALERTED_CLOCKS)
        label = long_date(today, config.locale)
        sent = 0
        for agency in config.agencies():
            total, late, due, new = stats.get(agency, (0, 0, 0, 0))
            if not total:
                continue
            text = admin.t("admin.digest.agency", date=label, agency=admin.agency_name(agency), open=total,
                           late=late, due=due, new=new)
            for chat, _audience in config.targets(agency):
                admin.queue_text(session, chat, text)
                sent += 1
        totals = [sum(v[i] for v in stats.values()) for i in range(4)]
        if totals[0]:
            triage = stats.get(None, (0, 0, 0, 0))[0]
            text = admin.t("admin.digest.super", date=label, open=totals[0], late=totals[1], due=totals[2],
                           new=totals[3], triage=triage)
            for chat, _audience in config.escalation_targets():
                admin.queue_text(session, chat, text)
                sent += 1
        return sent

    # ------------------------------------------------------------------ auto-close

    async def autoclose(self) -> int:
        """Close resolved complaints the citizen never answered (bot/surveys/feedback.py), now and then."""
        if time.monotonic() - self._autoclose_at < self.admin.settings.autoclose_interval:
            return 0
        self._autoclose_at = time.monotonic()
        from bot.surveys.feedback import auto_close_unanswered

        settings = self.admin.settings
        core = self.admin.core
        return await auto_close_unanswered(core.db, core.clock, settings.calendar, settings.policy.autoclose_days,
                                           tz=settings.tz, catalog=self.admin.catalog)


def _one_decimal(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")
