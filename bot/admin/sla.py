"""Admin settings and the SLA clock of each case, in Indonesian working days.

Which clock runs in which status (domain.md §1.4, §2):

* not verified yet (submitted, sending, forwarded, failed): **verify**, from the complaint's arrival;
* verified or dispositioned, or in progress before the first written follow-up: **followup**, from verification
  (from arrival for permintaan informasi, whose UU KIP answer clock starts when the request is received);
* reopened by the citizen: **followup** again, from the reopening;
* responded (Selesai pressed, the citizen is asked): **autoclose**, shown on the card; closing is
  bot/surveys/feedback.py's auto_close_unanswered, run by the scheduler;
* on hold, in progress after a follow-up, closed, rejected, archived: no clock.

Reminders go out at the policy's fraction (80%) of the verify and followup budgets, escalations when
they are breached. Budgets, the reminder fraction, cuti bersama and the daily digest time are settings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import ClassVar

from bot.admin.config import DEFAULT_FILE
from bot.config.reader import Bool, ClockTime, FilePath, Float, Reader, Secret, Section, Text, Var
from bot.core.deadlines import SlaPolicy, default_time_limits, time_limits_from
from bot.core.workdays import CalendarSettings, WorkCalendar, build_calendar, zone
from bot.settings import ConfigError, Settings
from models.admin import AdminCase
from models.tables import Complaint

PRE_VERIFY = frozenset({"submitted", "sending", "forwarded", "failed"})
FINISHED = frozenset({"closed", "rejected", "archived"})
ALERTED_CLOCKS = ("verify", "followup")  # autoclose is the bot's own job: nobody is reminded of it


@dataclass(frozen=True)
class AdminSettings(Section):
    """How the admin side runs: its file, SLA budgets and calendar, digest time, loop intervals."""

    TABLE: ClassVar[str] = "admin"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("LAPORBOT_ADMINS_FILE", FilePath(), Path(DEFAULT_FILE), "who administers which agencies (YAML, "
            "`laporbot admin` edits it; re-read when it changes)", field="admins_file"),
        Var("LAPORBOT_ADMIN_SECRET", Secret(), None, "signs the admin cards' buttons", field="secret",
            shown="from TELEGRAM_BOT_TOKEN"),
        Var("LAPORBOT_SLA_REMINDER_FRACTION", Float(0.05, 1.0), 0.8, "admins are reminded at this fraction of the "
            "verify and follow-up budgets; escalated when breached", field="fraction"),
        Var("LAPORBOT_DIGEST_TIME", ClockTime(), (7, 30), "the daily digest to admins, `HH:MM`, or `off`",
            field="digest_time", shown="07:30"),
        Var("LAPORBOT_DIGEST_TZ", Text(), None, "the digest's zone: `WIB`, `WITA`, `WIT` or an IANA zone",
            field="digest_tz", shown="LAPORBOT_TIMEZONE"),
        Var("LAPORBOT_DIGEST_WORKDAYS_ONLY", Bool(), True, "no digest on weekends and holidays",
            field="digest_workdays_only"),
        Var("LAPORBOT_ADMIN_POLL_SECONDS", Float(0.05, 60), 5.0, "how often admin messages queued by another "
            "process, or due again after a failed send, are looked for (this process's go at once)", field="poll"),
        Var("LAPORBOT_SLA_INTERVAL_SECONDS", Float(0.05, 3600), 30.0, "how often SLA reminders and escalations "
            "are looked for", field="sla_interval"),
        Var("LAPORBOT_AUTOCLOSE_INTERVAL_SECONDS", Float(0.05, 86400), 600.0, "how often unanswered responded "
            "complaints are closed", field="autoclose_interval"),
    )

    admins_file: Path = Path(DEFAULT_FILE)
    secret: bytes = b"laporbot-admin"
    policy: SlaPolicy = field(default_factory=SlaPolicy)
    limits: Mapping[str, SlaPolicy] = field(default_factory=lambda: default_time_limits(SlaPolicy()))
    tz: str = "Asia/Jakarta"
    cuti_bersama: tuple[date, ...] = ()
    extra_holidays: tuple[date, ...] = ()
    not_holidays: tuple[date, ...] = ()
    digest_time: tuple[int, int] | None = (7, 30)
    digest_tz: str = "Asia/Jakarta"
    digest_workdays_only: bool = True
    poll: float = 5.0  # a fallback: a commit that queues admin messages wakes the sender (AdminCards.wake)
    sla_interval: float = 30.0
    autoclose_interval: float = 600.0

    @cached_property
    def calendar(self) -> WorkCalendar:
        """Working days: weekends, national holidays and cuti bersama from `holidays`, plus configured dates."""
        return build_calendar(self.cuti_bersama, self.extra_holidays, self.not_holidays)  # as metrics and autoclose

    def policy_for(self, classification: str | None) -> SlaPolicy:
        """The budgets of one classification (pengaduan's for an unknown one)."""
        return self.limits.get(classification or "pengaduan") or self.policy

    @classmethod
    def from_settings(cls, settings: Settings, env: Mapping[str, str]) -> AdminSettings:
        """Like read(), but raise ConfigError listing every problem."""
        result, problems = cls.read(settings, env)
        if problems:
            raise ConfigError(problems)
        return result

    @classmethod
    def parse(cls, env: Mapping[str, str]) -> tuple[AdminSettings, list[str]]:
        """The admin settings of an environment and their problems (the core ones are Settings.parse's)."""
        settings, _ = Settings.parse(env)
        return cls.read(settings, env)

    @classmethod
    def read(cls, settings: Settings, env: Mapping[str, str]) -> tuple[AdminSettings, list[str]]:
        """The admin settings of `env` over the core ones (zone, budgets, bot token), and one line per problem."""
        reader = Reader(env)
        values = {var.field: reader.read(var) for var in cls.VARS if var.field}
        calendar, calendar_problems = CalendarSettings.parse(env)
        reader.problems += calendar_problems
        digest_tz = values.pop("digest_tz") or settings.timezone
        try:
            zone(digest_tz)
        except ValueError:
            reader.problem("LAPORBOT_DIGEST_TZ", f"use WIB, WITA, WIT or an IANA zone, got {digest_tz!r}")
            digest_tz = settings.timezone
        fraction = values.pop("fraction")
        secret = values.pop("secret") or settings.telegram_token or "laporbot-admin"
        policy = SlaPolicy(settings.verify_days, settings.followup_days, settings.autoclose_days, fraction)
        try:
            limits = time_limits_from(env, policy)
        except ValueError as error:
            reader.problem("LAPORBOT_TIME_LIMITS", str(error))
            limits = default_time_limits(policy)
        result = cls(
            **values,
            secret=hashlib.sha256(b"laporbot-admin-callbacks:" + secret.encode()).digest(),
            policy=policy,
            limits={name: replace(limit, reminder_fraction=fraction) for name, limit in limits.items()},
            tz=settings.timezone,
            cuti_bersama=calendar.cuti_bersama,
            extra_holidays=calendar.extra_holidays,
            not_holidays=calendar.not_holidays,
            digest_tz=digest_tz,
        )
        return result, reader.problems


def clock_for(status: str, case: AdminCase, complaint: Complaint, changed_at: datetime) -> tuple[str | None,
                                                                                                  datetime | None]:
    """The clock that runs in a status, and since when."""
    if status in PRE_VERIFY:
        return "verify", complaint.created_at
    if status in ("verified", "dispositioned") or (status == "in_progress" and case.responded_at is None):
        return "followup", case.verified_at or changed_at
    if status == "reopened":
        return "followup", changed_at
    if status == "responded":
        return "autoclose", changed_at
    return None, None


def set_clock(case: AdminCase, kind: str | None, since: datetime | None, settings: AdminSettings,
              complaint: Complaint | None = None) -> bool:
    """Start (or stop) the case's clock; markers reset when a new clock starts. True when anything changed.

    `complaint` picks its classification's budgets; without it pengaduan's apply.
    """
    policy = settings.policy_for(complaint.classification if complaint is not None else None)
    if kind == "followup" and policy.from_arrival and complaint is not None and case.responded_at is None:
        since = complaint.created_at  # UU KIP: the answer is due counted from receipt, not from verification
    if kind == case.clock and since == case.clock_since:
        return False
    case.clock, case.clock_since = kind, since
    case.reminded_at = case.escalated_at = None
    if kind is None or since is None:
        case.due_at = case.remind_at = None
        return True
    budget = policy.budget(kind)  # type: ignore[arg-type]
    case.due_at = settings.calendar.add_working_days(since, budget, settings.tz)
    case.remind_at = (settings.calendar.at_fraction(since, budget, policy.reminder_fraction, settings.tz)
                      if kind in ALERTED_CLOCKS else None)
    return True


def sync_case(case: AdminCase, complaint: Complaint, settings: AdminSettings, changed_at: datetime) -> bool:
    """Follow the complaint's status: the clock it implies, and a new card version. True when it changed."""
    if case.status_seen == complaint.status:
        return False
    if complaint.status in ("verified", "dispositioned") and case.verified_at is None:
        case.verified_at = changed_at
    kind, since = clock_for(complaint.status, case, complaint, changed_at)
    set_clock(case, kind, since, settings, complaint)
    case.status_seen = complaint.status
    case.version += 1
    case.updated_at = changed_at
    return True
