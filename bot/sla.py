"""SLA clocks for complaints: which deadline applies in which status, and whether it is close or late.

Limits come from domain.md §2 (LAPOR! FAQ and app listing): verify and forward within 3 working
days, the agency's first follow-up within 5, and auto-close 10 working days after the follow-up if
the citizen does not reply. Admins are reminded when 80% of a budget has elapsed. Everything here is
pure: callers pass the status, the moment its clock started, a WorkCalendar and the office zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.workdays import DEFAULT_TZ, WorkCalendar

DeadlineKind = Literal["verify", "followup", "autoclose"]
SlaState = Literal["ok", "remind", "breached"]

# Internal status -> the clock running in it. "in_progress" keeps the follow-up clock that started
# at verification, so callers pass the verification time as `since` for both statuses.
STATUS_CLOCKS: dict[str, DeadlineKind] = {
    "submitted": "verify",  # Belum Terverifikasi
    "verified": "followup",  # Terverifikasi
    "dispositioned": "followup",  # Didisposisikan: the agency's follow-up clock keeps running
    "in_progress": "followup",  # Dalam Proses
    "responded": "autoclose",  # tindak lanjut given; waiting for the citizen
}


@dataclass(frozen=True)
class SlaPolicy:
    """Working-day budgets per clock and the fraction at which admins are reminded."""

    verify_days: float = 3
    followup_days: float = 5
    autoclose_days: float = 10
    reminder_fraction: float = 0.8

    def __post_init__(self) -> None:
        for name in ("verify_days", "followup_days", "autoclose_days"):
            if getattr(self, name) <= 0:
                raise ValueError(f"SlaPolicy.{name} must be positive, got {getattr(self, name)}")
        if not 0 < self.reminder_fraction <= 1:
            raise ValueError(f"SlaPolicy.reminder_fraction must be in (0, 1], got {self.reminder_fraction}")

    def budget(self, kind: DeadlineKind) -> float:
        """Return the working-day budget for one clock."""
        return {"verify": self.verify_days, "followup": self.followup_days, "autoclose": self.autoclose_days}[
            kind
        ]


@dataclass(frozen=True)
class Deadline:
    """One running SLA clock: when to remind and when it is breached (aware UTC)."""

    kind: DeadlineKind
    due_at: datetime
    remind_at: datetime


def deadlines(
    status: str,
    since: datetime,
    calendar: WorkCalendar,
    policy: SlaPolicy | None = None,
    tz: str = DEFAULT_TZ,
) -> Deadline | None:
    """Return the deadline running in `status` since `since`, or None if no clock runs."""
    kind = STATUS_CLOCKS.get(status)
    if kind is None:
        return None
    policy = policy or SlaPolicy()
    days = policy.budget(kind)
    return Deadline(
        kind=kind,
        due_at=calendar.add_working_days(since, days, tz),
        remind_at=calendar.at_fraction(since, days, policy.reminder_fraction, tz),
    )


def classify(now: datetime, deadline: Deadline) -> SlaState:
    """Say whether a clock is ok, due for a reminder, or breached at `now`."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be a timezone-aware datetime, got naive {now.isoformat()}")
    if now > deadline.due_at:
        return "breached"
    if now >= deadline.remind_at:
        return "remind"
    return "ok"
