"""IKM arithmetic of PermenPANRB 14/2017, Krejcie–Morgan sample sizes, and the channel survey indices.

Exact arithmetic: NRR and IKM are Fractions, and the weight is exactly 1/9 by default. Units whose
own spreadsheets weigh each unsur 0,111 can ask for that weight (`weighting="0.111"`) so their
figures agree; the result says which weight it used and reports print it. With 0.111 the nine weights
add up to 0,999, so every IKM is 0.1% lower and all-4 answers give 99,90, not 100.

Rules decided here (domain.md §4.2–4.4):
- NRR_u = sum of scores for u / number of respondents who answered u (a skipped unsur does not
  count as zero).
- An unsur nobody answered has NRR None and is left out of the IKM: the weight becomes 1/k over
  the k unsur that have answers (1/9 when all nine do), so the IKM stays on the 1..4 scale.
  Such a result lists the unsur in `excluded_unsur` and has `complete == False`; it is not
  comparable with a nine-unsur IKM and reports say so.
- Converted IKM = IKM × 25. It is rounded half-up to 2 decimals first, and that rounded value is
  banded: 25.00–64.99 D, 65.00–76.60 C, 76.61–88.30 B, 88.31–100.00 A. So 76.605 → 76.61 → B and
  76.6049 → 76.60 → C. Rounding first leaves no gaps between the published bands.
- Krejcie–Morgan: S = λ²NPQ / (d²(N−1) + λ²PQ) with λ² = 3.841, P = Q = 0.5, d = 0.05, computed
  exactly and rounded to the nearest whole respondent (halves up), which reproduces every one of
  the 90 rows of Krejcie & Morgan (1970) Table 1 that units look up (50 → 44, 150 → 108,
  500 → 217); rounding up differs from the table in 45 of them. The formula tends to 384.1, so the
  sample never exceeds 384.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from flows import skm

CONVERSION = 25
KM_LAMBDA_SQUARED = Fraction("3.841")  # chi-square, 1 degree of freedom, alpha 5%
KM_P = Fraction(1, 2)
KM_D = Fraction(5, 100)
NOT_FILLED = skm.SKIP  # breakdown group of respondents who skipped the profile question
WEIGHT_EXACT = "1/9"  # the regulation's 1/9, exactly (the default)
WEIGHT_ROUNDED = "0.111"  # 1/9 written to three decimals, as many units' spreadsheets do
WEIGHTINGS = (WEIGHT_EXACT, WEIGHT_ROUNDED)


@dataclass(frozen=True, slots=True)
class Grade:
    """A band of the converted IKM: mutu (A..D) and the message key of its kinerja label."""

    letter: str
    low: Decimal  # inclusive, on the converted 25..100 scale
    high: Decimal  # inclusive

    @property
    def label_key(self) -> str:
        """Key of the kinerja label (Sangat baik, Baik, Kurang baik, Tidak baik)."""
        return f"skm.grade.{self.letter}"


GRADES: tuple[Grade, ...] = (
    Grade("A", Decimal("88.31"), Decimal("100.00")),
    Grade("B", Decimal("76.61"), Decimal("88.30")),
    Grade("C", Decimal("65.00"), Decimal("76.60")),
    Grade("D", Decimal("25.00"), Decimal("64.99")),
)


def round_half_up(value: Fraction | Decimal | int, places: int = 2) -> Decimal:
    """Round to a number of decimals, halves away from zero (76.605 → 76.61), exactly."""
    exact = Fraction(value)
    scale = 10**places
    scaled = abs(exact) * scale
    rounded = math.floor(scaled + Fraction(1, 2))
    sign = -1 if exact < 0 else 1
    return (Decimal(sign * rounded) / Decimal(scale)).quantize(Decimal(1).scaleb(-places))


def grade_for(converted: Fraction | Decimal | int) -> Grade:
    """The band of a converted IKM (25..100), after rounding it half-up to 2 decimals."""
    value = round_half_up(converted, 2)
    if not GRADES[-1].low <= value <= GRADES[0].high:
        raise ValueError(f"converted IKM out of range 25..100: {value}")
    return next(grade for grade in GRADES if value >= grade.low)


def unsur_weight(answered_unsur: int, weighting: str = WEIGHT_EXACT) -> Fraction:
    """The weight of each of k answered unsur: exactly 1/k, or 1/k rounded to 3 decimals (0.111)."""
    if weighting not in WEIGHTINGS:
        raise ValueError(f"unknown weighting {weighting!r}; use {' or '.join(WEIGHTINGS)}")
    exact = Fraction(1, answered_unsur)
    return exact if weighting == WEIGHT_EXACT else Fraction(round_half_up(exact, 3))


def parse_weighting(text: str) -> str | None:
    """1/9 or 0.111 as typed (0,111 with a decimal comma too), or None."""
    cleaned = text.strip().replace(",", ".")
    return cleaned if cleaned in WEIGHTINGS else None


def _grade_of(converted: Decimal, weighting: str) -> Grade:
    """The band; with 0.111 all-1 answers convert to 24.98, which is still the lowest band."""
    if weighting == WEIGHT_ROUNDED:
        converted = max(converted, GRADES[-1].low)
    return grade_for(converted)


def krejcie_morgan(population: int) -> int:
    """Minimum respondents for a population of N service users, as in Krejcie & Morgan's table."""
    if population < 0:
        raise ValueError("population must not be negative")
    if population == 0:
        return 0
    pq = KM_P * (1 - KM_P)
    sample = (KM_LAMBDA_SQUARED * population * pq) / (KM_D**2 * (population - 1) + KM_LAMBDA_SQUARED * pq)
    # Nearest, not up: the published table (which units and auditors check against) was rounded so.
    return math.floor(sample + Fraction(1, 2))


@dataclass(frozen=True)
class Respondent:
    """One filled questionnaire: scores 1..4 per unsur (skipped ones absent) and the optional profile."""

    answers: Mapping[str, int] = field(default_factory=dict)
    gender: str | None = None  # l, p
    age_band: str | None = None  # lt17, 17_25, 26_35, 36_45, 46_55, 56p
    education: str | None = None  # sd, smp, sma, d1_d3, d4_s1, s2, s3, lainnya
    occupation: str | None = None  # pns, tni, polri, swasta, wirausaha, lainnya
    disability: str | None = None  # ya, tidak, tidak_jawab
    saran: str | None = None
    submitted_at: datetime | None = None
    service: str | None = None  # the service received, free text
    source: str = "chat"  # chat or paper

    def __post_init__(self) -> None:
        object.__setattr__(self, "answers", dict(self.answers))  # a private copy: frozen means frozen
        for key, score in self.answers.items():
            if key not in skm.UNSUR_IDS:
                raise ValueError(f"unknown unsur {key!r}")
            # bool is an int subclass; True must not pass as a score of 1
            if isinstance(score, bool) or not isinstance(score, int) or score not in skm.SCORES:
                raise ValueError(f"{key}: score must be an int 1..4")
        for question in skm.PROFILE:
            if question.free_text:
                continue
            value = getattr(self, question.id)
            if value is not None and value not in question.options:
                raise ValueError(f"{question.id}: unknown option {value!r}")


@dataclass(frozen=True, slots=True)
class UnsurScore:
    """The result of one unsur: how many answered, their total, NRR and its weighted share."""

    unsur_id: str
    answered: int
    total: int
    nrr: Fraction | None  # None when nobody answered
    weight: Fraction | None  # 1/9, or 1/k when some unsur are excluded; None for an excluded unsur
    weighted: Fraction | None


@dataclass(frozen=True, slots=True)
class GroupResult:
    """The IKM of one group of a profile breakdown (e.g. gender = p)."""

    count: int
    ikm_converted: Decimal | None  # rounded half-up to 2 decimals; None without answers
    grade: str | None
    excluded_unsur: tuple[str, ...] = ()


@dataclass(frozen=True)
class IkmResult:
    """Everything a unit's SKM report needs."""

    respondents: int
    unsur: tuple[UnsurScore, ...]
    ikm: Fraction | None  # 1..4 scale, exact
    ikm_converted_exact: Fraction | None  # ikm × 25, exact
    ikm_converted: Decimal | None  # the value reported and banded (half-up, 2 decimals)
    grade: str | None  # mutu pelayanan A..D
    grade_label_key: str | None  # kinerja unit pelayanan, a catalog key
    excluded_unsur: tuple[str, ...]
    population: int | None
    required_sample: int | None
    sample_warning: bool  # True when a population was given and respondents < required sample
    breakdowns: dict[str, dict[str, GroupResult]]  # profile field -> group id -> result
    saran: tuple[str, ...]
    weighting: str = WEIGHT_EXACT  # "1/9" or "0.111": reports must say which

    @property
    def complete(self) -> bool:
        """Whether all nine unsur have answers, so the IKM is the regulation's nine-unsur index."""
        return self.ikm is not None and not self.excluded_unsur

    def score(self, unsur_id: str) -> UnsurScore:
        """The result of one unsur."""
        for item in self.unsur:
            if item.unsur_id == unsur_id:
                return item
        raise KeyError(unsur_id)


@dataclass(frozen=True)
class _Core:
    unsur: tuple[UnsurScore, ...]
    ikm: Fraction | None
    excluded: tuple[str, ...]


def _core(respondents: Sequence[Respondent], weighting: str = WEIGHT_EXACT) -> _Core:
    counts = {u: 0 for u in skm.UNSUR_IDS}
    totals = {u: 0 for u in skm.UNSUR_IDS}
    for person in respondents:
        for key, score in person.answers.items():
            counts[key] += 1
            totals[key] += score
    nrrs = {u: Fraction(totals[u], counts[u]) for u in skm.UNSUR_IDS if counts[u]}
    excluded = tuple(u for u in skm.UNSUR_IDS if u not in nrrs)
    weight = unsur_weight(len(nrrs), weighting) if nrrs else None
    scores = tuple(
        UnsurScore(
            unsur_id=u,
            answered=counts[u],
            total=totals[u],
            nrr=nrrs.get(u),
            weight=weight if u in nrrs else None,
            weighted=nrrs[u] * weight if u in nrrs and weight is not None else None,
        )
        for u in skm.UNSUR_IDS
    )
    ikm = sum((s.weighted for s in scores if s.weighted is not None), Fraction(0)) if nrrs else None
    return _Core(scores, ikm, excluded)


_LONG_NUMBER = re.compile(r"\+?\d[\d\s.\-]{7,}\d")


def redact_numbers(text: str) -> str:
    """Mask runs of 9+ digits (phone numbers, NIK) a citizen may have typed into a suggestion."""
    return _LONG_NUMBER.sub(lambda m: "***" if sum(c.isdecimal() for c in m.group()) >= 9 else m.group(), text)


def _group_value(person: Respondent, field_name: str) -> str:
    value = getattr(person, field_name)
    return NOT_FILLED if value is None else value


def compute(respondents: Iterable[Respondent], population: int | None = None,
            weighting: str = WEIGHT_EXACT) -> IkmResult:
    """The IKM of a set of questionnaires, with sample check, profile breakdowns and suggestions."""
    people = list(respondents)
    core = _core(people, weighting)
    converted_exact = core.ikm * CONVERSION if core.ikm is not None else None
    converted = round_half_up(converted_exact) if converted_exact is not None else None
    grade = _grade_of(converted, weighting) if converted is not None else None
    required = krejcie_morgan(population) if population is not None else None
    breakdowns: dict[str, dict[str, GroupResult]] = {}
    for field_name in skm.BREAKDOWN_FIELDS:
        question = skm.profile_question(field_name)
        groups: dict[str, GroupResult] = {}
        for group in (*question.options, NOT_FILLED):
            members = [p for p in people if _group_value(p, field_name) == group]
            sub = _core(members, weighting)
            sub_converted = round_half_up(sub.ikm * CONVERSION) if sub.ikm is not None else None
            groups[group] = GroupResult(
                count=len(members),
                ikm_converted=sub_converted,
                grade=_grade_of(sub_converted, weighting).letter if sub_converted is not None else None,
                excluded_unsur=sub.excluded if sub.ikm is not None else (),
            )
        breakdowns[field_name] = groups
    saran = tuple(redact_numbers(p.saran.strip()) for p in people if p.saran and p.saran.strip())
    return IkmResult(
        respondents=len(people),
        unsur=core.unsur,
        ikm=core.ikm,
        ikm_converted_exact=converted_exact,
        ikm_converted=converted,
        grade=grade.letter if grade else None,
        grade_label_key=grade.label_key if grade else None,
        excluded_unsur=core.excluded if core.ikm is not None else skm.UNSUR_IDS,
        population=population,
        required_sample=required,
        sample_warning=required is not None and len(people) < required,
        breakdowns=breakdowns,
        saran=saran,
        weighting=weighting,
    )


# --- The SP4N-LAPOR! channel survey (domain.md §5): satisfaction, NPS, loyalty, ease, speed ---


@dataclass(frozen=True)
class ChannelResponse:
    """One answer to the channel survey; every question is optional."""

    satisfaction: int | None = None  # overall satisfaction 1..5
    recommend: int | None = None  # likelihood to recommend 0..10 (NPS)
    use_again: bool | None = None  # would use the channel again (loyalty)
    ease: int | None = None  # ease of use 1..5
    speed: int | None = None  # speed of the response 1..5
    gender: str | None = None  # l, p
    disability: str | None = None  # ya, tidak, tidak_jawab
    submitted_at: datetime | None = None

    def __post_init__(self) -> None:
        limits = (("satisfaction", 1, 5), ("recommend", 0, 10), ("ease", 1, 5), ("speed", 1, 5))
        for name, low, high in limits:
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or not low <= value <= high):
                raise ValueError(f"{name} must be an int {low}..{high}")
        if self.gender is not None and self.gender not in skm.GENDER.options:
            raise ValueError(f"gender: unknown option {self.gender!r}")
        if self.disability is not None and self.disability not in skm.DISABILITY.options:
            raise ValueError(f"disability: unknown option {self.disability!r}")


@dataclass(frozen=True)
class ChannelStats:
    """Channel survey indices; percentages rounded half-up to 1 decimal, means to 2 decimals."""

    respondents: int
    satisfaction_index: Decimal | None  # % of satisfaction answers that are 4 or 5
    nps: Decimal | None  # % promoters (9–10) minus % detractors (0–6), in percentage points
    promoters: int
    passives: int
    detractors: int
    loyalty: Decimal | None  # % of use-again answers that are yes
    ease_mean: Decimal | None
    speed_mean: Decimal | None


@dataclass(frozen=True)
class ChannelResult(ChannelStats):
    """Channel survey indices overall, and by gender and disability (groups include "skip")."""

    by_gender: dict[str, ChannelStats] = field(default_factory=dict)
    by_disability: dict[str, ChannelStats] = field(default_factory=dict)


def _percent(part: int, whole: int) -> Decimal | None:
    return round_half_up(Fraction(100 * part, whole), 1) if whole else None


def _mean(values: Sequence[int]) -> Decimal | None:
    return round_half_up(Fraction(sum(values), len(values)), 2) if values else None


def _channel_stats(responses: Sequence[ChannelResponse]) -> ChannelStats:
    satisfaction = [r.satisfaction for r in responses if r.satisfaction is not None]
    recommend = [r.recommend for r in responses if r.recommend is not None]
    use_again = [r.use_again for r in responses if r.use_again is not None]
    promoters = sum(1 for v in recommend if v >= 9)
    detractors = sum(1 for v in recommend if v <= 6)
    nps = round_half_up(Fraction(100 * (promoters - detractors), len(recommend)), 1) if recommend else None
    return ChannelStats(
        respondents=len(responses),
        satisfaction_index=_percent(sum(1 for v in satisfaction if v >= 4), len(satisfaction)),
        nps=nps,
        promoters=promoters,
        passives=len(recommend) - promoters - detractors,
        detractors=detractors,
        loyalty=_percent(sum(1 for v in use_again if v), len(use_again)),
        ease_mean=_mean([r.ease for r in responses if r.ease is not None]),
        speed_mean=_mean([r.speed for r in responses if r.speed is not None]),
    )


def channel_survey(responses: Iterable[ChannelResponse]) -> ChannelResult:
    """Satisfaction index, NPS, loyalty, ease and speed of the complaint channel, with breakdowns."""
    items = list(responses)
    overall = _channel_stats(items)

    def by(field_name: str, options: tuple[str, ...]) -> dict[str, ChannelStats]:
        return {
            group: _channel_stats([r for r in items if (getattr(r, field_name) or NOT_FILLED) == group])
            for group in (*options, NOT_FILLED)
        }

    return ChannelResult(
        **{name: getattr(overall, name) for name in ChannelStats.__dataclass_fields__},
        by_gender=by("gender", skm.GENDER.options),
        by_disability=by("disability", skm.DISABILITY.options),
    )
