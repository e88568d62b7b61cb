"""SKM reports: JSON, an XLSX that reads back with openpyxl, and a PNG chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.surveys import skm
from bot.surveys.ikm import ChannelResponse, Respondent, channel_survey, compute
from bot.surveys.report import to_json, to_png, to_xlsx


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
    assert data["unsur"][0] == {"id": "u1", "name": "Persyaratan", "answered": 2, "total": 8, "nrr": 4.0,
                                "weight": 0.1111, "weighted": 0.4444}
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
    assert u4[2:] == (2, 6, 3.0, 0.1111, 0.3333)  # answered, total, NRR, bobot, NRR × bobot
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
