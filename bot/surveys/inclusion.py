"""Are women and persons with disabilities reaching the channel? Complaints and satisfaction by gender,
disability and voice-vs-text, with small counts suppressed.

A citizen's gender and disability come from their latest channel survey answer (the only place the bot asks;
"unknown" when they never answered or skipped). Satisfaction is read twice: the channel survey's 1–5
satisfaction of the period's answers (by the answer's own profile), and the 1–5 rating citizens give when
their complaint is resolved (by the complaint's citizen, and by how its story came: a voice note or typed).
Privacy: a count from 1 to 4 is shown as "<5" and a mean of fewer than 5 answers is not shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.core.i18n import Catalog
from models import survey_store
from models.db import Session

SMALL = 5  # counts below this (but above 0) are shown as "<5"; means of fewer answers are not shown
UNKNOWN = "unknown"
GENDERS = ("p", "l", UNKNOWN)
DISABILITIES = ("ya", "tidak", "tidak_jawab", UNKNOWN)
INPUTS = ("voice", "text")
VOICE_KINDS = ("voice",)  # the story came as a voice note: an attachment of this kind


@dataclass
class Group:
    """One group's numbers: complaints, channel-survey satisfaction, resolution ratings."""

    complaints: int = 0
    satisfaction: list[int] = field(default_factory=list)  # channel survey, 1..5
    ratings: list[int] = field(default_factory=list)  # rating after resolution, 1..5


@dataclass
class InclusionReport:
    """The period's complaints and satisfaction by gender, disability and how the story came."""

    complaints: int
    survey_answers: int
    by_gender: dict[str, Group]
    by_disability: dict[str, Group]
    by_input: dict[str, Group]


def shown_count(count: int) -> str:
    """A count as published: 1–4 as "<5" (a person could be recognised), else the number."""
    return "<5" if 0 < count < SMALL else str(count)


def shown_mean(values: list[int]) -> float | None:
    """A mean as published: None for fewer than SMALL answers."""
    return round(sum(values) / len(values), 2) if len(values) >= SMALL else None


def _profile(value: str | None, options: Iterable[str]) -> str:
    return value if value in options else UNKNOWN


async def inclusion_report(session: Session, start: datetime, end: datetime,
                           agencies: frozenset[str] | None = None, *, channel_survey: bool = True) -> InclusionReport:
    """Complaints received and survey answers submitted in [start, end); `agencies` limits the complaints
    (an admin's scope), and `channel_survey=False` leaves the channel-wide survey out."""
    complaints = await survey_store.complaints_received(session, start, end, agencies)
    ids = [i for i, _ in complaints]
    voiced = await survey_store.complaints_with_attachment(session, ids, VOICE_KINDS)
    ratings = await survey_store.latest_ratings(session, ids)  # the latest rating of a complaint counts
    profiles = {citizen_id: (_profile(gender, GENDERS), _profile(disability, DISABILITIES))
                for citizen_id, (gender, disability)
                in (await survey_store.latest_profiles(session, sorted({c for _, c in complaints}))).items()}
    by_gender = {g: Group() for g in GENDERS}
    by_disability = {d: Group() for d in DISABILITIES}
    by_input = {k: Group() for k in INPUTS}
    for complaint_id, citizen_id in complaints:
        gender, disability = profiles.get(citizen_id, (UNKNOWN, UNKNOWN))
        for group in (by_gender[gender], by_disability[disability],
                      by_input["voice" if complaint_id in voiced else "text"]):
            group.complaints += 1
            if complaint_id in ratings:
                group.ratings.append(ratings[complaint_id])
    answers = 0
    if channel_survey:
        rows = await survey_store.channel_satisfaction(session, start, end)
        answers = len(rows)
        for satisfaction, gender, disability in rows:
            if satisfaction is not None:
                by_gender[_profile(gender, GENDERS)].satisfaction.append(int(satisfaction))
                by_disability[_profile(disability, DISABILITIES)].satisfaction.append(int(satisfaction))
    return InclusionReport(len(complaints), answers, by_gender, by_disability, by_input)


def _group_name(catalog: Catalog, locale: str, dimension: str, key: str) -> str:
    if key == UNKNOWN:
        return catalog.text("inclusion.group.unknown", locale)
    if dimension == "input":
        return catalog.text(f"inclusion.input.{key}", locale)
    return catalog.text(f"channel.ask_{dimension}.opt.{key}", locale)


def _mean_text(values: list[int], catalog: Catalog, locale: str) -> str:
    from babel.numbers import format_decimal

    mean = shown_mean(values)
    return catalog.text("inclusion.hidden", locale) if mean is None else format_decimal(mean, "0.0", locale=locale)


def report_lines(report: InclusionReport, catalog: Catalog, locale: str, *, channel_survey: bool = True) -> list[str]:
    """The report as text lines (for `laporbot survey report --inclusion` and the admin /rekap)."""
    lines = [catalog.text("inclusion.total", locale, complaints=shown_count(report.complaints),
                          answers=shown_count(report.survey_answers) if channel_survey else "–")]
    for dimension, groups in (("gender", report.by_gender), ("disability", report.by_disability),
                              ("input", report.by_input)):
        lines.append(catalog.text(f"inclusion.by.{dimension}", locale))
        for key, group in groups.items():
            values = {"name": _group_name(catalog, locale, dimension, key), "complaints": shown_count(group.complaints),
                      "rating": _mean_text(group.ratings, catalog, locale)}
            if dimension == "input" or not channel_survey:
                lines.append("  " + catalog.text("inclusion.line", locale, **values))
            else:
                lines.append("  " + catalog.text("inclusion.line_survey", locale, **values,
                                                 satisfaction=_mean_text(group.satisfaction, catalog, locale)))
    lines.append(catalog.text("inclusion.small", locale))
    return lines


def report_json(report: InclusionReport) -> dict[str, Any]:
    """The report as JSON-ready data, suppressed the same way ("<5", null means)."""
    def groups(items: Mapping[str, Group]) -> dict[str, Any]:
        return {key: {"complaints": shown_count(g.complaints), "satisfaction": shown_mean(g.satisfaction),
                      "rating": shown_mean(g.ratings)} for key, g in items.items()}

    return {"complaints": shown_count(report.complaints), "survey_answers": shown_count(report.survey_answers),
            "by_gender": groups(report.by_gender), "by_disability": groups(report.by_disability),
            "by_input": groups(report.by_input), "suppressed_below": SMALL}


async def inclusion_cli(catalog: Catalog, locale: str, db: Any, start: datetime, end: datetime, label: str,
                        as_json: bool) -> int:
    """`laporbot survey report --inclusion`: print the report for [start, end) as text or JSON; exit 0."""
    import json

    async with db.read() as session:
        report = await inclusion_report(session, start, end)
    if as_json:
        print(json.dumps({"period": label, **report_json(report)}, ensure_ascii=False, indent=2))
        return 0
    print(catalog.text("inclusion.cli.title", locale, period=label))
    print(catalog.text("inclusion.title", locale))
    for line in report_lines(report, catalog, locale):
        print(line)
    return 0
