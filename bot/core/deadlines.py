"""SLA clocks for complaints: which deadline applies in which status, and whether it is close or late.

Limits come from domain.md §2 (LAPOR! FAQ and app listing): verify and forward within 3 working
days, the agency's first follow-up within 5, and auto-close 10 working days after the follow-up if
the citizen does not reply. Admins are reminded when 80% of a budget has elapsed. Everything here is
pure: callers pass the status, the moment its clock started, a WorkCalendar and the office zone.

Permintaan informasi runs on UU 14/2008 (KIP) clocks instead: Pasal 22(7)-(8) give the agency 10 working
days from receiving the request to answer, extendable once by 7. LAPORBOT_TIME_LIMITS sets the budgets
per classification (parse_time_limits).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from bot.core.workdays import DEFAULT_TZ, WorkCalendar

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
    extension_days: float = 0  # how far the answer deadline may be extended (told to citizens; KIP: 7)
    from_arrival: bool = False  # the answer clock counts from arrival, not verification (KIP Pasal 22(7))

    def __post_init__(self) -> None:
        for name in ("verify_days", "followup_days", "autoclose_days"):
            if getattr(self, name) <= 0:
                raise ValueError(f"SlaPolicy.{name} must be positive, got {getattr(self, name)}")
        if self.extension_days < 0:
            raise ValueError(f"SlaPolicy.extension_days must not be negative, got {self.extension_days}")
        if not 0 < self.reminder_fraction <= 1:
            raise ValueError(f"SlaPolicy.reminder_fraction must be in (0, 1], got {self.reminder_fraction}")

    def budget(self, kind: DeadlineKind) -> float:
        """Return the working-day budget for one clock."""
        return {"verify": self.verify_days, "followup": self.followup_days, "autoclose": self.autoclose_days}[
            kind
        ]


CLASSIFICATIONS = ("pengaduan", "aspirasi", "informasi")
#: UU 14/2008 Pasal 22(7)-(8): answer an information request within 10 working days, extendable by 7.
KIP_ANSWER_DAYS, KIP_EXTENSION_DAYS = 10, 7
MAX_DAYS = 120  # a longer budget is a typo, not a policy


def default_time_limits(base: SlaPolicy) -> dict[str, SlaPolicy]:
    """Complaints and aspirations on the LAPOR! clocks of `base`; information requests on KIP clocks."""
    kip = replace(base, followup_days=KIP_ANSWER_DAYS, extension_days=KIP_EXTENSION_DAYS, from_arrival=True)
    return {"pengaduan": base, "aspirasi": base, "informasi": kip}


def parse_time_limits(raw: str | None, base: SlaPolicy) -> dict[str, SlaPolicy]:
    """LAPORBOT_TIME_LIMITS: `klasifikasi:verify/answer/autoclose[+extension]`, comma-separated.

    Empty fields keep the default ("informasi:/14/" changes only the answer budget); classifications not
    named keep theirs. ValueError lists every problem.
    """
    limits = default_time_limits(base)
    problems: list[str] = []
    seen: set[str] = set()
    for part in (raw or "").split(","):
        if not part.strip():
            continue
        name, colon, spec = part.partition(":")
        name = name.strip().lower()
        if not colon or name not in CLASSIFICATIONS:
            problems.append(f"{part.strip()!r}: start with pengaduan:, aspirasi: or informasi:")
            continue
        if name in seen:
            problems.append(f"{name}: given twice")
            continue
        seen.add(name)
        days, plus, extension = spec.partition("+")
        fields = days.split("/")
        if len(fields) != 3:
            problems.append(f"{name}: expected verify/answer/autoclose working days, e.g. {name}:3/5/10")
            continue
        current = limits[name]
        values: dict[str, float] = {}
        keys = ("verify_days", "followup_days", "autoclose_days")
        for key, text in zip(keys, fields, strict=True):
            if text.strip():
                values[key] = _days(name, text, 1, problems)
        if plus:
            values["extension_days"] = _days(name, extension, 0, problems)
        limits[name] = replace(current, **values)
    if problems:
        raise ValueError("; ".join(problems))
    return limits


def _days(name: str, text: str, low: float, problems: list[str]) -> float:
    """A working-day count from LAPORBOT_TIME_LIMITS, or 1 with a problem noted."""
    try:
        value = float(text.strip())
    except ValueError:
        problems.append(f"{name}: {text.strip()!r} is not a number of working days")
        return 1
    if not low <= value <= MAX_DAYS:  # NaN fails this too
        problems.append(f"{name}: {value:g} working days is outside {low:g}..{MAX_DAYS}")
        return 1
    return int(value) if value.is_integer() else value


def time_limits_from(env: Mapping[str, str], base: SlaPolicy) -> dict[str, SlaPolicy]:
    """The per-classification budgets of a deployment (LAPORBOT_TIME_LIMITS over `base`); ValueError if wrong."""
    return parse_time_limits(env.get("LAPORBOT_TIME_LIMITS"), base)


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
