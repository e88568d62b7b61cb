"""IKM arithmetic against hand-computed examples (PermenPANRB 14/2017, domain.md §4.2–4.4)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from bot.surveys.ikm import Respondent, compute, grade_for, krejcie_morgan, redact_numbers, round_half_up
from flows import skm


def full(*scores: int, **profile: str | None) -> Respondent:
    """A respondent who answered u1..u9 with these scores."""
    assert len(scores) == 9
    return Respondent(answers=dict(zip(skm.UNSUR_IDS, scores, strict=True)), **profile)


def people_with_total(n: int, total: int) -> list[Respondent]:
    """n respondents answering all nine unsur whose 9n scores add up to total, spread evenly.

    Every unsur then has the same answer count n, so IKM = total / (9n) and converted = 25·total / (9n).
    """
    base, extra = divmod(total, 9 * n)
    assert 1 <= base <= 4 and (extra == 0 or base < 4)
    respondents = []
    for i in range(n):
        scores = [base + (1 if i * 9 + j < extra else 0) for j in range(9)]
        respondents.append(full(*scores))
    return respondents


def test_one_respondent() -> None:
    # Scores 4,3,3,2,4,3,3,3,2: each NRR is the score itself (one answer each).
    # Σ NRR = 27; IKM = 27 × 1/9 = 3; converted = 3 × 25 = 75.00 → 65.00–76.60 → C, Kurang baik.
    result = compute([full(4, 3, 3, 2, 4, 3, 3, 3, 2)])
    assert result.respondents == 1
    assert [s.nrr for s in result.unsur] == [4, 3, 3, 2, 4, 3, 3, 3, 2]
    assert all(s.weight == Fraction(1, 9) for s in result.unsur)
    assert result.score("u1").weighted == Fraction(4, 9)
    assert result.ikm == 3
    assert result.ikm_converted == Decimal("75.00")
    assert result.grade == "C"
    assert result.grade_label_key == "skm.grade.C"
    assert result.complete and result.excluded_unsur == ()


def test_exact_weight_reaches_100() -> None:
    # All 4s: IKM = 9 × 4 × 1/9 = 4 exactly → 100.00 A. With a weight of 0,11 it would be 99.
    result = compute([full(4, 4, 4, 4, 4, 4, 4, 4, 4)] * 3)
    assert result.ikm == 4 and result.ikm_converted == Decimal("100.00") and result.grade == "A"


def test_nrr_divides_by_those_who_answered() -> None:
    # u1: 3 and 4 → NRR 3.5. u2 answered by one person with 2 → NRR 2 (not 2/2 respondents = 1).
    a = Respondent(answers={"u1": 3, "u2": 2, **{u: 3 for u in skm.UNSUR_IDS[2:]}})
    b = Respondent(answers={"u1": 4, **{u: 3 for u in skm.UNSUR_IDS[2:]}})
    result = compute([a, b])
    assert result.score("u1").nrr == Fraction(7, 2)
    assert result.score("u2").nrr == 2 and result.score("u2").answered == 1
    # IKM = (3.5 + 2 + 7 × 3) / 9 = 26.5 / 9 = 2.9444…; × 25 = 73.6111… → 73.61 → C
    assert result.ikm == Fraction(53, 18)
    assert result.ikm_converted == Decimal("73.61")
    assert result.grade == "C"


def test_unsur_without_answers_is_excluded_and_flagged() -> None:
    # Nobody answered u9. u1..u8: respondent A 4s, B 3s → each NRR 3.5.
    # u9 is left out; the weight becomes 1/8 over the 8 answered unsur: IKM = 8 × 3.5 / 8 = 3.5.
    # Converted 3.5 × 25 = 87.50 → B. (Keeping 1/9 would give 3.11, a nonsense 77.78.)
    a = Respondent(answers={u: 4 for u in skm.UNSUR_IDS[:8]})
    b = Respondent(answers={u: 3 for u in skm.UNSUR_IDS[:8]})
    result = compute([a, b])
    nine = result.score("u9")
    assert nine.nrr is None and nine.weight is None and nine.weighted is None and nine.answered == 0
    assert result.score("u1").weight == Fraction(1, 8)
    assert result.excluded_unsur == ("u9",)
    assert not result.complete
    assert result.ikm == Fraction(7, 2)
    assert result.ikm_converted == Decimal("87.50") and result.grade == "B"


def test_no_respondents() -> None:
    result = compute([], population=50)
    assert result.respondents == 0
    assert result.ikm is None and result.ikm_converted is None and result.grade is None
    assert result.excluded_unsur == skm.UNSUR_IDS and not result.complete
    assert result.required_sample == 44 and result.sample_warning


@pytest.mark.parametrize(
    ("n", "total", "converted", "grade"),
    [
        # converted = 25 × total / (9n)
        (2500, 58491, "64.99", "D"),  # 58491 / 22500 = 2.5996    → 64.99 D
        (5, 117, "65.00", "C"),  # 117 / 45 = 2.6                    → 65.00 C
        (125, 3447, "76.60", "C"),  # 3447 / 1125 = 3.064           → 76.60 C
        (2500, 68949, "76.61", "B"),  # 68949 / 22500 = 3.0644      → 76.61 B
        (250, 7947, "88.30", "B"),  # 7947 / 2250 = 3.532           → 88.30 B
        (2500, 79479, "88.31", "A"),  # 79479 / 22500 = 3.5324      → 88.31 A
        # 137889 / 45000 = 3.0642 → 76.605 exactly: half-up gives 76.61 → B (half-even would give C)
        (5000, 137889, "76.61", "B"),
    ],
)
def test_boundaries_through_compute(n: int, total: int, converted: str, grade: str) -> None:
    result = compute(people_with_total(n, total))
    assert result.ikm == Fraction(total, 9 * n)
    assert result.ikm_converted == Decimal(converted)
    assert result.grade == grade


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("25", "D"), ("64.99", "D"), ("64.9949", "D"), ("64.995", "C"), ("65.00", "C"),
        ("76.60", "C"), ("76.6049", "C"), ("76.605", "B"), ("76.61", "B"),
        ("88.30", "B"), ("88.3049", "B"), ("88.305", "A"), ("88.31", "A"), ("100", "A"),
    ],
)
def test_grade_rounds_half_up_then_bands(value: str, grade: str) -> None:
    assert grade_for(Decimal(value)).letter == grade
    assert grade_for(Fraction(value)).letter == grade


@pytest.mark.parametrize("value", ["24.99", "100.01", "0"])
def test_grade_out_of_range(value: str) -> None:
    with pytest.raises(ValueError):
        grade_for(Decimal(value))


def test_round_half_up() -> None:
    assert round_half_up(Fraction("76.605")) == Decimal("76.61")
    assert round_half_up(Fraction("76.6049")) == Decimal("76.60")
    assert round_half_up(Fraction(1, 3), 1) == Decimal("0.3")
    assert round_half_up(Fraction(-1, 4), 1) == Decimal("-0.3")
    assert str(round_half_up(75)) == "75.00"


# Krejcie & Morgan (1970), Table 1: population N -> sample S, all 90 rows as published.
KM_TABLE_1970 = [
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44), (55, 48),
    (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76), (100, 80), (110, 86),
    (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118), (180, 123), (190, 127), (200, 132),
    (210, 136), (220, 140), (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162),
    (290, 165), (300, 169), (320, 175), (340, 181), (360, 186), (380, 191), (400, 196), (420, 201),
    (440, 205), (460, 210), (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248),
    (750, 254), (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320), (2000, 322),
    (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346), (4000, 351), (4500, 354),
    (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368), (10000, 370), (15000, 375),
    (20000, 377), (30000, 379), (40000, 380), (50000, 381), (75000, 382), (1000000, 384),
]


def test_krejcie_morgan_published_table_has_90_rows() -> None:
    assert len(KM_TABLE_1970) == 90 and len({n for n, _ in KM_TABLE_1970}) == 90


@pytest.mark.parametrize(("population", "sample"), KM_TABLE_1970)
def test_krejcie_morgan_table(population: int, sample: int) -> None:
    # Round to nearest: N=50 gives 43.95 -> 44 (the table), N=100 gives 79.51 -> 80; rounding up
    # (the old rule) gave 45 for 50, 109 for 150 and 218 for 500.
    assert krejcie_morgan(population) == sample


def test_krejcie_morgan_limits() -> None:
    # N=100000: 96025 / (249.9975 + 0.96025) = 382.64 -> 383 (the table has no row for it)
    assert krejcie_morgan(100_000) == 383
    # The formula's limit is 3.841 x 0.25 / 0.0025 = 384.1, so no population needs more than 384.
    assert krejcie_morgan(10**12) == 384
    assert krejcie_morgan(0) == 0 and krejcie_morgan(1) == 1
    with pytest.raises(ValueError):
        krejcie_morgan(-1)


def test_sample_of_217_is_enough_for_500() -> None:
    # The false alarm: 217 respondents for N = 500 is exactly the published sample.
    assert not compute([full(3, 3, 3, 3, 3, 3, 3, 3, 3)] * 217, population=500).sample_warning
    assert compute([full(3, 3, 3, 3, 3, 3, 3, 3, 3)] * 216, population=500).sample_warning


def test_sample_warning() -> None:
    # N = 100 needs 80 respondents.
    assert compute([full(3, 3, 3, 3, 3, 3, 3, 3, 3)] * 79, population=100).sample_warning
    enough = compute([full(3, 3, 3, 3, 3, 3, 3, 3, 3)] * 80, population=100)
    assert enough.required_sample == 80 and not enough.sample_warning
    unknown = compute([full(3, 3, 3, 3, 3, 3, 3, 3, 3)])
    assert unknown.required_sample is None and not unknown.sample_warning


def test_breakdowns() -> None:
    # Women: all 4s and all 3s → IKM 3.5 → 87.50 B. Man: all 2s → 50.00 D. Skipped: all 3s → 75.00 C.
    result = compute([
        full(4, 4, 4, 4, 4, 4, 4, 4, 4, gender="p", disability="ya", age_band="26_35"),
        full(3, 3, 3, 3, 3, 3, 3, 3, 3, gender="p", disability="tidak_jawab"),
        full(2, 2, 2, 2, 2, 2, 2, 2, 2, gender="l", education="d4_s1", occupation="pns"),
        full(3, 3, 3, 3, 3, 3, 3, 3, 3),
    ])
    gender = result.breakdowns["gender"]
    assert list(gender) == ["l", "p", "skip"]
    assert (gender["p"].count, gender["p"].ikm_converted, gender["p"].grade) == (2, Decimal("87.50"), "B")
    assert (gender["l"].count, gender["l"].ikm_converted, gender["l"].grade) == (1, Decimal("50.00"), "D")
    assert (gender["skip"].count, gender["skip"].ikm_converted) == (1, Decimal("75.00"))
    disability = result.breakdowns["disability"]
    assert disability["ya"].count == 1 and disability["ya"].ikm_converted == Decimal("100.00")
    assert disability["tidak"].count == 0 and disability["tidak"].ikm_converted is None
    assert disability["tidak_jawab"].count == 1 and disability["skip"].count == 2
    assert set(result.breakdowns) == {"gender", "age_band", "education", "occupation", "disability"}
    assert result.breakdowns["education"]["d4_s1"].count == 1
    assert result.breakdowns["occupation"]["pns"].grade == "D"
    assert result.breakdowns["age_band"]["26_35"].count == 1


def test_saran_texts() -> None:
    result = compute([
        full(3, 3, 3, 3, 3, 3, 3, 3, 3, saran="  Antrean terlalu lama  "),
        full(3, 3, 3, 3, 3, 3, 3, 3, 3, saran="   "),
        full(3, 3, 3, 3, 3, 3, 3, 3, 3, saran="Hubungi saya di 0812-3456-7890"),
        full(3, 3, 3, 3, 3, 3, 3, 3, 3),
    ])
    assert result.saran == ("Antrean terlalu lama", "Hubungi saya di ***")


def test_redact_numbers_keeps_short_numbers() -> None:
    assert redact_numbers("NIK 3171012345678901 ya") == "NIK *** ya"
    text = "buka jam 08.00, loket 3, tanggal 31-03-2025"
    assert redact_numbers(text) == text


@pytest.mark.parametrize(
    "answers", [{"u1": 5}, {"u1": 0}, {"u1": True}, {"u10": 3}, {"u1": 3.0}, {"u1": "3"}]
)
def test_respondent_rejects_bad_answers(answers: dict) -> None:
    with pytest.raises(ValueError):
        Respondent(answers=answers)


def test_respondent_rejects_unknown_profile_option() -> None:
    with pytest.raises(ValueError):
        Respondent(answers={"u1": 3}, gender="x")
    with pytest.raises(ValueError):
        Respondent(answers={"u1": 3}, education="S1")  # ids, not labels


def test_respondent_answers_are_copied() -> None:
    answers = {"u1": 3}
    person = Respondent(answers=answers)
    answers["u1"] = 1
    assert person.answers == {"u1": 3}


@pytest.mark.parametrize(
    ("text", "band"),
    [("34", "26_35"), ("34 tahun", "26_35"), ("17", "17_25"), ("16", "lt17"), ("56", "56p"),
     ("55", "46_55"), ("56+", "56p"), (">55", "56p"), ("26-35", "26_35"), ("di bawah 17", "lt17"),
     ("2", None), ("130", None), ("tiga puluh", None), ("20-30", None)],
)
def test_parse_age(text: str, band: str | None) -> None:
    assert skm.parse_age(text) == band
