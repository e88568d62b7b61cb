"""SKM reports: JSON, an XLSX that reads back with openpyxl, and a PNG chart."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.surveys.ikm import ChannelResponse, Respondent, channel_survey, compute
from bot.surveys.report import to_json, to_png, to_xlsx
from flows import skm


@pytest.fixture
def result():
    # u1..u9 scores (4,3,3,2,4,3,3,3,2) and all 4s: Σ = 27 + 36 = 63 over 18 answers → IKM 3.5 → 87.50 B
    first = dict(zip(skm.UNSUR_IDS, (4, 3, 3, 2, 4, 3, 3, 3, 2), strict=True))
    return compute(
        [
            Respondent(answers=first, gender="p", saran="=HYPERLINK(\"http://x\")"),
            Respondent(answers={u: 4 for u in skm.UNSUR_IDS}, gender="l", disability="ya",
                       saran="Ruang tunggu panas"),
        ],
        population=100,
    )


def _find(ws, label: str):
    for row in ws.iter_rows(values_only=True):
        if row and row[0] == label:
            return row[1]
    raise AssertionError(f"no row labelled {label!r}")


def test_json(result) -> None:
    data = to_json(result)
    json.dumps(data)  # serialisable as is
    assert data["ikm_converted"] == 87.5 and data["grade"] == "B" and data["kinerja"] == "Baik"
    assert data["ikm"] == 3.5 and data["required_sample"] == 80 and data["sample_warning"] is True
    assert data["unsur"][0] == {"number": "U1", "key": "persyaratan", "id": "u1", "name": "Persyaratan",
                                "answered": 2, "total": 8, "nrr": 4.0, "weight": 1 / 9, "weighted": 4 / 9}
    assert data["breakdowns"]["gender"]["p"]["count"] == 1
    assert to_json(result, "en")["kinerja"] == "Good"


def test_channel_json() -> None:
    data = to_json(channel_survey([ChannelResponse(satisfaction=5, recommend=10, gender="p")]))
    json.dumps(data)
    assert data["satisfaction_index"] == 100.0 and data["nps"] == 100.0
    assert data["by_gender"]["p"]["respondents"] == 1


def test_xlsx_reads_back(result, tmp_path: Path) -> None:
    path = to_xlsx(result, tmp_path / "skm.xlsx", "Kecamatan Sukamaju", "Semester I 2025")
    wb = load_workbook(path)
    assert wb.sheetnames == ["IKM", "Profil responden", "Saran"]
    ws = wb["IKM"]
    assert ws["A1"].value == "Laporan Survei Kepuasan Masyarakat (SKM)"
    assert _find(ws, "Unit pelayanan") == "Kecamatan Sukamaju"
    assert _find(ws, "Periode") == "Semester I 2025"
    assert _find(ws, "Jumlah responden") == 2
    assert _find(ws, "Sampel minimum (Krejcie–Morgan)") == 80
    assert _find(ws, "IKM (skala 1–4)") == 3.5
    assert _find(ws, "IKM unit pelayanan (× 25)") == 87.5
    assert _find(ws, "Mutu pelayanan") == "B"
    assert _find(ws, "Kinerja unit pelayanan") == "Baik"
    assert _find(ws, "U4") == "Biaya/Tarif"
    rows = list(ws.iter_rows(values_only=True))
    u4 = next(r for r in rows if r[0] == "U4")
    assert u4[2:] == (2, 6, 3.0, 1 / 9, 1 / 3)  # answered, total, NRR, bobot, NRR × bobot (full precision)
    assert any(r[0] and "kurang dari sampel minimum (80)" in r[0] for r in rows)
    breakdown = list(wb["Profil responden"].iter_rows(values_only=True))
    assert ("Jenis kelamin", "Perempuan", 1, 75.0, "C") in breakdown
    assert ("Disabilitas", "Ya", 1, 100.0, "A") in breakdown
    assert ("Disabilitas", "Tidak diisi", 1, 75.0, "C") in breakdown
    saran = wb["Saran"]
    # A citizen's "=..." stays text, never a formula
    assert saran["B2"].value == '=HYPERLINK("http://x")' and saran["B2"].data_type == "s"
    assert saran["B3"].value == "Ruang tunggu panas"


def test_xlsx_in_english_with_excluded_unsur(tmp_path: Path) -> None:
    result = compute([Respondent(answers={u: 3 for u in skm.UNSUR_IDS[:8]})])
    path = to_xlsx(result, tmp_path / "skm_en.xlsx", "Health centre", "2025", locale="en")
    ws = load_workbook(path)["IKM"]
    assert _find(ws, "Unit IKM (× 25)") == 75.0
    assert _find(ws, "U9") == "Handling of Complaints, Suggestions and Feedback"
    notes = [r[0] for r in ws.iter_rows(values_only=True) if r[0] and "left out" in str(r[0])]
    assert notes == ["Elements without answers are left out: U9. The IKM uses 8 elements."]


def test_xlsx_without_answers(tmp_path: Path) -> None:
    path = to_xlsx(compute([]), tmp_path / "empty.xlsx", "Unit", "2025")
    ws = load_workbook(path)["IKM"]
    assert _find(ws, "IKM unit pelayanan (× 25)") == "-"
    assert load_workbook(path)["Saran"]["B2"].value == "Tidak ada saran."


@pytest.mark.parametrize("locale", ["id", "en"])
def test_png_is_a_valid_image(result, tmp_path: Path, locale: str) -> None:
    path = to_png(result, tmp_path / "skm.png", "Loket $1 Kecamatan", "2025", locale=locale)
    assert path.stat().st_size > 10_000
    with Image.open(path) as img:
        img.verify()
    with Image.open(path) as img:
        assert img.format == "PNG" and img.width >= 800 and img.height >= 500


def test_png_without_answers(tmp_path: Path) -> None:
    path = to_png(compute([]), tmp_path / "empty.png", "Unit", "2025")
    with Image.open(path) as img:
        assert img.format == "PNG"


def _set_with(totals: tuple[int, ...], n: int) -> list[Respondent]:
    """n respondents whose scores for u1..u9 add up to the given totals (each answer 1..4)."""
    people: list[dict[str, int]] = [{} for _ in range(n)]
    for uid, total in zip(skm.UNSUR_IDS, totals, strict=True):
        base, extra = divmod(total, n)
        for index, person in enumerate(people):
            person[uid] = base + (1 if index < extra else 0)
    return [Respondent(answers=a) for a in people]


# 7 respondents with totals 25, 21, 18, 25, 26, 17, 23, 15, 28 per unsur → IKM 198/63 = 3.142857…
ROUNDING_SET = (25, 21, 18, 25, 26, 17, 23, 15, 28)


def test_weighted_shares_add_up_to_the_ikm_shown() -> None:
    result = compute(_set_with(ROUNDING_SET, 7))
    data = to_json(result)
    shares = [u["weighted"] for u in data["unsur"]]
    # Rounded to 4 decimals each (the old report) they added up to 3.1427, not the IKM 3.1429.
    assert round(sum(round(x, 4) for x in shares), 4) == 3.1427
    assert round(sum(shares), 4) == data["ikm"] == 3.1429
    assert data["weighted_sum"] == pytest.approx(sum(shares), abs=1e-12)


def test_xlsx_sum_row_and_note(tmp_path: Path) -> None:
    ws = load_workbook(to_xlsx(compute(_set_with(ROUNDING_SET, 7)), tmp_path / "s.xlsx", "Unit", "2025"))["IKM"]
    rows = list(ws.iter_rows(values_only=True))
    shares = [r[6] for r in rows if r[0] and str(r[0]).startswith("U") and len(str(r[0])) == 2]
    total = next(r for r in rows if r[1] == "Jumlah NRR × bobot (= IKM)")
    assert len(shares) == 9 and total[6] == pytest.approx(sum(shares), abs=1e-12)
    assert round(total[6], 4) == _find(ws, "IKM (skala 1–4)") == 3.1429
    assert any(r[0] and "presisi penuh" in str(r[0]) for r in rows)


# 29 respondents, 800 points over 261 answers: 76.63 (B) with exactly 1/9, 76.55 (C) with 0.111.
GRADE_EDGE = (89, 89, 89, 89, 89, 89, 89, 89, 88)


@pytest.mark.parametrize(("totals", "n", "exact", "rounded"), [
    # 22 respondents, 700 points: 88.38 A with 1/9, 88.30 B with 0.111
    ((78, 78, 78, 78, 78, 78, 78, 77, 77), 22, ("88.38", "A"), ("88.30", "B")),
    # 47 respondents, 1100 points: 65.01 C with 1/9, 64.95 D with 0.111
    ((123, 123, 122, 122, 122, 122, 122, 122, 122), 47, ("65.01", "C"), ("64.95", "D")),
])
def test_other_band_edges_change_with_the_weight(totals: tuple[int, ...], n: int, exact: tuple[str, str],
                                                 rounded: tuple[str, str]) -> None:
    people = _set_with(totals, n)
    assert sum(totals) == sum(sum(p.answers.values()) for p in people)
    by_exact, by_rounded = compute(people), compute(people, weighting="0.111")
    assert (str(by_exact.ikm_converted), by_exact.grade) == exact
    assert (str(by_rounded.ikm_converted), by_rounded.grade) == rounded


def test_weight_0111_is_an_option_and_can_change_the_grade() -> None:
    people = _set_with(GRADE_EDGE, 29)
    exact = compute(people)
    rounded = compute(people, weighting="0.111")
    assert (exact.weighting, exact.ikm_converted, exact.grade) == ("1/9", Decimal("76.63"), "B")
    assert (rounded.weighting, rounded.ikm_converted, rounded.grade) == ("0.111", Decimal("76.55"), "C")
    assert to_json(rounded)["weighting"] == "0.111" and "0,111" in to_json(rounded)["weighting_label"]
    assert to_json(exact)["weighting_label"] == "1/9 eksak"
    # all-1 answers with 0.111 convert to 24.98: still the lowest band, not an error
    assert compute([Respondent(answers={u: 1 for u in skm.UNSUR_IDS})], weighting="0.111").grade == "D"


def test_reports_say_the_order_and_number_u8_u9_by_it(tmp_path: Path) -> None:
    result = compute([Respondent(answers={**{u: 3 for u in skm.UNSUR_IDS}, "u8": 4, "u9": 1})])
    model = to_json(result)
    regulation = to_json(result, order="regulation")
    assert [(u["number"], u["key"], u["nrr"]) for u in model["unsur"][7:]] == [
        ("U8", "sarana", 4.0), ("U9", "pengaduan", 1.0)]
    assert [(u["number"], u["key"], u["nrr"]) for u in regulation["unsur"][7:]] == [
        ("U8", "pengaduan", 1.0), ("U9", "sarana", 4.0)]
    assert model["order"] == "model" and regulation["order"] == "regulation"
    assert "PermenPANRB" in regulation["order_label"] and "kuesioner model" in model["order_label"]
    assert model["ikm"] == regulation["ikm"]  # the order is labelling only
    ws = load_workbook(to_xlsx(result, tmp_path / "r.xlsx", "Unit", "2025", order="regulation"))["IKM"]
    assert _find(ws, "U8") == "Penanganan Pengaduan, Saran dan Masukan"
    assert _find(ws, "U9") == "Sarana dan Prasarana"
    assert "PermenPANRB" in _find(ws, "Urutan unsur") and _find(ws, "Bobot tiap unsur") == "1/9 eksak"
