"""What the engine may ask of the world: a small interface, so the engine itself does no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.core.i18n import Catalog

DEFAULT_CATEGORIES = (
    "infrastruktur", "transportasi", "kesehatan", "pendidikan", "kependudukan", "sosial",
    "lingkungan", "ketertiban", "bencana", "utilitas", "perizinan", "pertanahan", "lainnya",
)


@dataclass(frozen=True)
class FlowConfig:
    """Deployment choices the flows depend on."""

    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    verify_days: int = 3
    followup_days: int = 5
    #: classification → (verify, answer, extension working days, answer counted from arrival); bot/core/deadlines.py
    time_limits: Mapping[str, tuple[float, float, float, bool]] = field(default_factory=dict)
    resume_after: timedelta = timedelta(minutes=30)
    draft_ttl: timedelta = timedelta(days=3)
    timezone: str = "Asia/Jakarta"
    region: str | None = None


@dataclass(frozen=True)
class ComplaintBrief:
    """A citizen's own complaint, as listed in a menu."""

    tracking_no: str
    title: str


@dataclass(frozen=True)
class StatusEntry:
    """One line of a complaint's status history."""

    at: datetime
    status: str
    note: str | None = None


@dataclass(frozen=True)
class ComplaintStatus:
    """What a citizen may see of their complaint."""

    tracking_no: str
    title: str
    status: str
    created_at: datetime
    history: tuple[StatusEntry, ...]
    remote_id: str | None = None


@dataclass(frozen=True)
class AgencyChoice:
    """A candidate agency for what the citizen typed."""

    code: str
    name: str
    score: float
    region: str | None = None  # the region it serves; None for a national body (or not known)


@dataclass(frozen=True)
class PlaceCandidate:
    """A region a typed place may mean."""

    code: str
    label: str


@dataclass(frozen=True)
class PlaceResult:
    """What a typed place resolved to: one region, some to ask about, or none; plus the landmark words."""

    best: PlaceCandidate | None
    options: tuple[PlaceCandidate, ...]
    landmark: str


# Answers that qualify another and are taken or kept with it: the date's precision, hour and part of day.
QUALIFIES = {"incident_date_precision": "incident_date", "incident_time": "incident_date",
             "incident_part": "incident_date"}


@dataclass(frozen=True)
class StoryReading:
    """What one message says about a complaint: its kind, the slots it fills, and how sure each one is.

    kind is "story" (a complaint told in the message), "intent" (the wish to file one, without the
    story yet) or "none". answers uses the complaint flow's slot names; confidence is 0..1 per slot.
    """

    kind: str
    answers: Mapping[str, Any] = field(default_factory=dict)
    confidence: Mapping[str, float] = field(default_factory=dict)

    def fill(self, answers: Mapping[str, Any], skip: str | None = None) -> dict[str, Any]:
        """What this reading adds to `answers`: each slot it tells unless answered more surely already
        (an answer without a confidence was given by the citizen), with "_confidence" updated."""
        sure: dict[str, float] = dict(answers.get("_confidence") or {})
        keep: dict[str, bool] = {}
        for slot in self.answers:
            if slot not in QUALIFIES:
                conf = float(self.confidence.get(slot, 0.0))
                keep[slot] = slot == skip or (answers.get(slot) is not None and sure.get(slot, 1.0) > conf)
        out: dict[str, Any] = {}
        for slot, value in self.answers.items():
            owner = QUALIFIES.get(slot, slot)
            if keep.get(owner, True):
                continue
            out[slot] = value
            if slot in self.confidence:
                sure[slot] = float(self.confidence[slot])
        out["_confidence"] = sure
        return out


class FlowServices(Protocol):
    """Storage, clock and catalogs, bound to one citizen for one turn."""

    catalog: Catalog
    config: FlowConfig
    surveys: SurveyServices

    def now(self) -> datetime:
        """The current aware UTC time."""
        ...

    async def submit_complaint(self, answers: Mapping[str, Any]) -> str:
        """Store the complaint (and its forwarding entry); return its tracking number."""
        ...

    async def my_complaints(self, limit: int = 5) -> list[ComplaintBrief]:
        """The citizen's latest complaints."""
        ...

    async def complaint_status(self, tracking_no: str) -> ComplaintStatus | None:
        """A complaint of this citizen's by tracking number, or None."""
        ...

    def match_agency(self, text: str, region: str | None) -> list[AgencyChoice]:
        """Agencies that the text may name, best first."""
        ...

    def agency_name(self, code: str) -> str | None:
        """The display name of an agency."""
        ...

    def suggest_agency(self, description: str, region: str | None) -> list[AgencyChoice]:
        """Agencies responsible for the problem a story describes, best first."""
        ...

    def agency_category(self, code: str) -> str | None:
        """The complaint category an agency usually handles (a Dinas Kesehatan: kesehatan), if known."""
        ...

    def suggest_category(self, description: str) -> str | None:
        """The category a story most likely belongs to."""
        ...

    def resolve_place(self, text: str, home: str | None = None) -> PlaceResult:
        """The region a typed place names (`home`, e.g. the kabupaten the story named, else the deployment's own
        region, first)."""
        ...

    def locate_place(self, lat: float, lon: float) -> PlaceCandidate | None:
        """The kabupaten/kota (or kecamatan) a shared GPS point lies in, or None when it is not known."""
        ...

    def read_story(self, text: str) -> StoryReading:
        """Read one message as a complaint: kind, title, date, place, agency, category."""
        ...

    async def hand_to_staff(self, answers: Mapping[str, Any], step: str | None) -> str | None:
        """Open a case for an officer with the conversation so far; its number, or None when impossible."""
        ...


@dataclass(frozen=True)
class SurveyUnit:
    """A service unit an SKM questionnaire is about."""

    code: str
    name: str


class SurveyServices(Protocol):
    """What the survey steps (flows/survey_steps.py, flows/custom_survey.py) read and store, for one citizen."""

    def unit(self, code: str | None) -> SurveyUnit | None:
        """A service unit by its code."""
        ...

    def unit_from_link(self, payload: str) -> SurveyUnit | None:
        """The unit a deep-link payload (skm_<code>, "SKM <code>") names."""
        ...

    def units(self) -> list[SurveyUnit]:
        """Every service unit of the deployment."""
        ...

    def match_unit(self, text: str) -> tuple[SurveyUnit | None, list[SurveyUnit]]:
        """The unit a typed name clearly means, else the close candidates."""
        ...

    def period_key(self) -> str:
        """The current survey period's stored key (e.g. 2026-S2)."""
        ...

    def period_label(self, locale: str) -> str:
        """The current survey period in words."""
        ...

    async def skm_answered(self, unit_code: str) -> bool:
        """Whether the citizen sent this unit's questionnaire in the current period."""
        ...

    async def save_skm(self, unit_code: str, answers: Mapping[str, Any], locale: str) -> None:
        """Store the questionnaire; the current period's earlier one for the unit is replaced."""
        ...

    async def save_channel_survey(self, answers: Mapping[str, Any], locale: str) -> None:
        """Store the channel survey; the current period's earlier answer is replaced."""
        ...

    async def save_custom_survey(self, survey_id: str, answers: Mapping[str, Any], locale: str) -> None:
        """Store an answer to an agency's own survey."""
        ...

    async def complaint_title(self, tracking_no: str) -> str | None:
        """The title of one of the citizen's complaints, or None."""
        ...

    async def feedback_resolved(self, tracking_no: str, satisfied: bool) -> None:
        """Puas closes the complaint, belum reopens it (stored at once)."""
        ...

    async def feedback_details(self, tracking_no: str, **fields: Any) -> None:
        """Add a rating, comment or reason to the feedback on a complaint (stored at once)."""
        ...

    async def offer_channel_survey(self, complaint_id: int | None) -> bool:
        """Record the one-time offer of the channel survey; False when it is not due."""
        ...
