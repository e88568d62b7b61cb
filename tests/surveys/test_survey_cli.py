"""`laporbot survey …` in-process against the test database: import, reports, QR posters, checks."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import func
from sqlmodel import select

from bot.cli import main
from bot.surveys.qr import telegram_link, whatsapp_link
from models.db import Database
from models.survey_store import save_channel
from models.surveys import SkmImport, SkmResponse
from models.tables import Citizen

GOOD_CSV = """\
tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9,jenis_kelamin,usia,pendidikan,pekerjaan,disabilitas,saran
2025-03-01,4,3,3,2,4,3,3,3,2,L,34,SMA,PNS,Tidak,Antrean terlalu lama
02/03/2025,4,4,4,4,4,4,4,4,4,Perempuan,56+,S1,Petani,Ya,
03-03-2025,3,3,3,3,3,3,3,3,3,p,,d4_s1,wirausaha,tidak_jawab,Nomor saya 081234567890
"""


@pytest.fixture
def cli_env(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    """The laporbot command pointed at the test database, with the shipped example units."""
    monkeypatch.setenv("DATABASE_URL", db.url)
    for name in ("LAPORBOT_UNITS_CSV", "LAPORBOT_SKM_PERIOD", "LAPORBOT_SURVEYS_DIR", "LAPORBOT_TELEGRAM_USERNAME",
                 "LAPORBOT_WHATSAPP_NUMBER", "LAPORBOT_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    yield db.url


def _count(url: str, table: type) -> int:
    async def count() -> int:
        database = Database(url)
        try:
            async with database.read() as session:
                return int((await session.exec(select(func.count()).select_from(table))).one())
        finally:
            await database.close()

    return asyncio.run(count())


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_good_file_then_report(cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A good file is imported whole; the report computes NRR, IKM, grade, sample and breakdowns from it."""
    path = _write(tmp_path, "skm.csv", GOOD_CSV)
    assert main(["survey", "import", str(path), "--unit", "puskesmas_selong"]) == 0
    assert "3 kuesioner diimpor untuk Puskesmas Selong." in capsys.readouterr().out
    assert _count(cli_env, SkmResponse) == 3
    assert _count(cli_env, SkmImport) == 1

    code = main(["survey", "report", "--unit", "puskesmas_selong", "--from", "2025-03-01", "--to", "2025-03-31",
                 "--population", "100", "--json"])
    captured = capsys.readouterr()
    assert code == 0
    data = json.loads(captured.out)
    assert data["unit"] == {"code": "puskesmas_selong", "name": "Puskesmas Selong"}
    assert data["respondents"] == 3
    # U1: (4 + 4 + 3) / 3 = 3.667; IKM = (sum of NRR) / 9 = 31/9 ... converted × 25
    assert data["unsur"][0]["nrr"] == 3.667
    nrrs = [(4 + 4 + 3) / 3, (3 + 4 + 3) / 3, (3 + 4 + 3) / 3, (2 + 4 + 3) / 3, (4 + 4 + 3) / 3,
            (3 + 4 + 3) / 3, (3 + 4 + 3) / 3, (3 + 4 + 3) / 3, (2 + 4 + 3) / 3]
    assert data["ikm_converted"] == round(sum(nrrs) / 9 * 25, 2)
    assert data["grade"] == "B" and data["kinerja"] == "Baik"
    assert data["required_sample"] == 80 and data["sample_warning"] is True
    assert "PERINGATAN: responden (3) kurang dari sampel minimum (80)" in captured.err
    assert data["breakdowns"]["gender"]["p"]["count"] == 2
    assert data["saran"] == ["Antrean terlalu lama", "Nomor saya ***"]  # phone numbers are masked

    # Outside the range: nothing.
    assert main(["survey", "report", "--unit", "puskesmas_selong", "--from", "2025-04-01", "--to", "2025-06-30"]) == 0
    out = capsys.readouterr().out
    assert "Jumlah responden: 0" in out and "Belum ada jawaban" in out and "Periode: April–Juni 2025" in out


def test_bad_row_imports_nothing(cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One bad row: its line number is reported and not a single row of the file is stored."""
    bad = GOOD_CSV.replace("02/03/2025,4,4,4,4,4,4,4,4,4", "02/03/2025,4,4,5,4,4,4,4,4,4")
    path = _write(tmp_path, "bad.csv", bad)
    assert main(["survey", "import", str(path), "--unit", "puskesmas_selong"]) == 1
    err = capsys.readouterr().err
    assert "Tidak ada yang diimpor" in err
    assert "Baris 3: Kolom u3 harus berisi angka 1 sampai 4." in err
    assert "0812" not in err
    assert _count(cli_env, SkmResponse) == 0
    assert _count(cli_env, SkmImport) == 0


def test_same_file_twice_and_unknown_unit(cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Importing a file twice for a unit would double its answers: refused. An unknown unit is named."""
    path = _write(tmp_path, "skm.csv", GOOD_CSV)
    assert main(["survey", "import", str(path), "--unit", "kec_selong"]) == 0
    assert main(["survey", "import", str(path), "--unit", "kec_selong"]) == 1
    assert "sudah pernah diimpor" in capsys.readouterr().err
    assert _count(cli_env, SkmResponse) == 3
    assert main(["survey", "import", str(path), "--unit", "puskesmas_mars"]) == 2
    assert "Unit puskesmas_mars tidak ada di daftar unit" in capsys.readouterr().err


def test_report_files_and_text(cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The XLSX workbook and PNG chart are written; the text report names the unit, IKM and breakdowns."""
    assert main(["survey", "import", str(_write(tmp_path, "skm.csv", GOOD_CSV)), "--unit", "rsud_selong"]) == 0
    span = ["--from", "2025-01-01", "--to", "2025-03-31"]
    assert main(["survey", "report", "--unit", "rsud_selong", *span, "--xlsx", "skm.xlsx"]) == 0
    workbook = load_workbook(tmp_path / "skm.xlsx")
    assert workbook.sheetnames == ["IKM", "Profil responden", "Saran"]
    assert workbook["IKM"]["B4"].value == "Januari–Maret 2025"
    assert main(["survey", "report", "--unit", "rsud_selong", *span, "--png", "skm.png"]) == 0
    with Image.open(tmp_path / "skm.png") as image:
        assert image.format == "PNG"
    capsys.readouterr()
    assert main(["survey", "report", "--unit", "rsud_selong", *span]) == 0
    out = capsys.readouterr().out
    assert "Unit layanan: RSUD dr. R. Soedjono Selong (rsud_selong)" in out
    assert "U9 Penanganan Pengaduan, Saran dan Masukan: NRR 3,000 (3 jawaban)" in out
    assert "mutu B (Baik)" in out
    assert "Menurut Jenis kelamin:" in out and "  Perempuan: 2 responden" in out
    assert main(["survey", "--locale", "en", "report", "--unit", "rsud_selong", *span]) == 0
    assert "Respondents: 3" in capsys.readouterr().out


def test_report_rejects_bad_dates(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Dates are checked before anything is read."""
    assert main(["survey", "report", "--unit", "rsud_selong", "--from", "2025-03-31", "--to", "2025-03-01"]) == 2
    assert main(["survey", "report", "--unit", "rsud_selong", "--from", "31/03/2025"]) == 2
    assert "2026-07-01" in capsys.readouterr().err


def test_channel_report(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Satisfaction index, NPS and loyalty overall and by gender and disability."""
    async def seed() -> None:
        database = Database(cli_env)
        now = datetime(2026, 8, 20, 2, 0, tzinfo=UTC)
        try:
            async with database.write() as session:
                answers = [
                    {"satisfaction": 5, "recommend": 10, "use_again": True, "ease": 5, "speed": 2, "gender": "p"},
                    {"satisfaction": 4, "recommend": 9, "use_again": True, "ease": 4, "speed": 3, "gender": "p",
                     "disability": "ya"},
                    {"satisfaction": 2, "recommend": 3, "use_again": False, "gender": "l"},
                ]
                for number, item in enumerate(answers):
                    citizen = Citizen(channel="telegram", channel_user_id=f"c{number}", created_at=now)
                    session.add(citizen)
                    await session.flush()
                    await save_channel(session, citizen_id=citizen.id or 0, period="2026-Q3", answers=item,
                                       locale="id", now=now)
        finally:
            await database.close()

    asyncio.run(seed())
    span = ["--from", "2026-07-01", "--to", "2026-09-30"]
    assert main(["survey", "report", "--channel", *span, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["respondents"] == 3
    assert data["satisfaction_index"] == 66.7  # 2 of 3 answered 4 or 5
    assert data["nps"] == 33.3  # 2 promoters, 1 detractor of 3
    assert data["loyalty"] == 66.7
    assert data["by_gender"]["p"]["satisfaction_index"] == 100.0
    assert data["by_disability"]["ya"]["respondents"] == 1
    assert main(["survey", "report", "--channel", *span]) == 0
    out = capsys.readouterr().out
    assert "Semua: 3 responden · indeks kepuasan 66,7% · NPS 33,3 · loyalitas 66,7%" in out
    assert "Menurut jenis kelamin:" in out and "Menurut disabilitas:" in out
    assert main(["survey", "report", "--channel", *span, "--xlsx", "x.xlsx"]) == 2


def _decode(path: Path) -> set[str]:
    with Image.open(path) as img:
        return {barcode.text for barcode in zxingcpp.read_barcodes(img.convert("RGB"))}


def test_qr_poster_decodes_to_the_links(cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The printed poster carries the unit's Telegram deep link and WhatsApp link."""
    code = main(["survey", "qr", "dukcapil_lotim", "--telegram-bot", "LaporBotDemo", "--whatsapp", "081234567890",
                 "--out", "poster.png"])
    assert code == 0
    assert "Loket Dukcapil Kabupaten Lombok Timur" in capsys.readouterr().out
    assert _decode(tmp_path / "poster.png") == {
        telegram_link("LaporBotDemo", "dukcapil_lotim"), whatsapp_link("081234567890", "dukcapil_lotim")}
    assert telegram_link("LaporBotDemo", "dukcapil_lotim") == "https://t.me/LaporBotDemo?start=skm_dukcapil_lotim"


def test_qr_needs_a_bot_name(cli_env: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    """Without a Telegram username there is no link to print; the environment can give it."""
    assert main(["survey", "qr", "kec_selong"]) == 2
    assert "--telegram-bot" in capsys.readouterr().err
    monkeypatch.setenv("LAPORBOT_TELEGRAM_USERNAME", "LaporBotDemo")
    assert main(["survey", "qr", "kec_selong"]) == 0
    assert _decode(tmp_path / "skm_kec_selong.png") == {telegram_link("LaporBotDemo", "kec_selong")}


def test_units_file_and_check(cli_env: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    """A deployment's own units file is used; a broken one, or a broken survey file, is explained."""
    units = _write(tmp_path, "units.csv", "code,name,region_code\nloket_a,Loket A,\nloket_b,Loket B,52.03\n")
    monkeypatch.setenv("LAPORBOT_UNITS_CSV", str(units))
    assert main(["survey", "units"]) == 0
    assert capsys.readouterr().out.splitlines() == ["loket_a\tLoket A\t", "loket_b\tLoket B\t52.03"]
    _write(tmp_path, "units.csv", "code,name\nloket a,Loket A\nloket_b,\n")
    assert main(["survey", "check"]) == 2
    err = capsys.readouterr().err
    assert "units.csv:2: code must be" in err and "units.csv:3: the unit 'loket_b' has no name" in err
    monkeypatch.delenv("LAPORBOT_UNITS_CSV")
    surveys = tmp_path / "surveys"
    surveys.mkdir()
    _write(surveys, "bad.yaml", "id: menu\ntitle: {id: Survei}\nquestions: []\n")
    monkeypatch.setenv("LAPORBOT_SURVEYS_DIR", str(surveys))
    assert main(["survey", "check"]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml: id: 'menu' is taken by the bot itself" in err
    assert "bad.yaml: title: missing text for en" in err
    assert "bad.yaml: questions: expected a non-empty list of questions" in err
    monkeypatch.setenv("LAPORBOT_SKM_PERIOD", "weekly")
    assert main(["survey", "check"]) == 2
    assert "LAPORBOT_SKM_PERIOD: use one of quarter, month, semester, year" in capsys.readouterr().err


REPORT_MARCH = ["survey", "report", "--unit", "puskesmas_selong", "--from", "2025-03-01", "--to", "2025-03-31"]


def test_text_report_warns_once_and_names_order_and_weight(cli_env: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["survey", "import", str(_write(tmp_path, "skm.csv", GOOD_CSV)), "--unit", "puskesmas_selong"]) == 0
    assert "Kolom u1..u9 dibaca menurut urutan kuesioner model" in capsys.readouterr().out
    assert main([*REPORT_MARCH, "--population", "100"]) == 0
    captured = capsys.readouterr()
    assert (captured.out + captured.err).count("PERINGATAN") == 1
    assert "Urutan unsur: urutan kuesioner model (U8 Sarana dan Prasarana" in captured.out
    assert "Bobot tiap unsur: 1/9 eksak" in captured.out
    assert "U9 Penanganan Pengaduan, Saran dan Masukan: NRR" in captured.out


def test_regulation_order_import_and_report(cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A unit whose form follows the regulation's list: its u8 column is penanganan pengaduan.
    text = "tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2025-03-01,3,3,3,3,3,3,3,1,4\n"
    path = _write(tmp_path, "reg.csv", text)
    assert main(["survey", "import", str(path), "--unit", "puskesmas_selong", "--order", "regulation"]) == 0
    assert "urutan unsur PermenPANRB 14/2017" in capsys.readouterr().out
    assert main([*REPORT_MARCH, "--json"]) == 0
    by_key = {u["key"]: u for u in json.loads(capsys.readouterr().out)["unsur"]}
    assert by_key["pengaduan"]["nrr"] == 1.0 and by_key["pengaduan"]["number"] == "U9"  # model numbering
    assert by_key["sarana"]["nrr"] == 4.0
    assert main([*REPORT_MARCH, "--order", "regulation"]) == 0
    out = capsys.readouterr().out
    assert "U8 Penanganan Pengaduan, Saran dan Masukan: NRR 1,000" in out
    assert "U9 Sarana dan Prasarana: NRR 4,000" in out
    assert "Urutan unsur: urutan unsur PermenPANRB 14/2017" in out


def test_named_columns_import(cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "tanggal,persyaratan,prosedur,waktu,biaya,produk,kompetensi,perilaku,pengaduan,sarana\n" \
           "2025-03-01,3,3,3,3,3,3,3,1,4\n"
    assert main(["survey", "import", str(_write(tmp_path, "n.csv", text)), "--unit", "puskesmas_selong"]) == 0
    assert "Kolom unsur dibaca menurut namanya." in capsys.readouterr().out
    assert main([*REPORT_MARCH, "--json"]) == 0
    by_key = {u["key"]: u["nrr"] for u in json.loads(capsys.readouterr().out)["unsur"]}
    assert by_key["pengaduan"] == 1.0 and by_key["sarana"] == 4.0


def test_weight_option_and_setting(cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["survey", "import", str(_write(tmp_path, "skm.csv", GOOD_CSV)), "--unit", "puskesmas_selong"]) == 0
    capsys.readouterr()
    assert main([*REPORT_MARCH, "--json"]) == 0
    exact = json.loads(capsys.readouterr().out)
    assert main([*REPORT_MARCH, "--json", "--weight", "0,111"]) == 0
    rounded = json.loads(capsys.readouterr().out)
    assert (exact["weighting"], rounded["weighting"]) == ("1/9", "0.111")
    assert rounded["ikm"] == round(exact["weighted_sum"] * 0.999, 4)
    monkeypatch.setenv("LAPORBOT_SKM_WEIGHT", "0.111")
    assert main(REPORT_MARCH) == 0
    assert "Bobot tiap unsur: 0,111 (dibulatkan" in capsys.readouterr().out
    monkeypatch.setenv("LAPORBOT_SKM_WEIGHT", "0.11")
    assert main(REPORT_MARCH) == 2
    assert "LAPORBOT_SKM_WEIGHT" in capsys.readouterr().err


def test_readme_example_report_is_current(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The README's example report is what the fixture file gives today (regenerate it when this fails)."""
    root = Path(__file__).resolve().parents[2]
    fixture = root / "tests" / "fixtures" / "skm_puskesmas_selong_q4.csv"
    assert main(["survey", "import", str(fixture), "--unit", "puskesmas_selong"]) == 0
    capsys.readouterr()
    assert main(["survey", "report", "--unit", "puskesmas_selong", "--from", "2026-10-01", "--to", "2026-12-31",
                 "--population", "50"]) == 0
    printed = capsys.readouterr().out.rstrip("\n")
    readme = (root / "README.md").read_text(encoding="utf-8")
    after = readme.split("<!-- skm-example-report:start -->\n```\n", 1)[1]
    block = after.split("\n```\n<!-- skm-example-report:end", 1)[0]
    assert block == printed


def test_a_units_own_weight_and_order(cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """skm_weight / skm_order in the units file: that unit's default, below the command line's options."""
    units = _write(tmp_path, "units.csv", "code,name,region_code,skm_weight,skm_order\n"
                                          "pkm_a,Puskesmas A,52.03,0.111,regulation\npkm_b,Puskesmas B,52.03,,\n")
    monkeypatch.setenv("LAPORBOT_UNITS_CSV", str(units))
    text = "tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2025-03-01,3,3,3,3,3,3,3,1,4\n"
    assert main(["survey", "import", str(_write(tmp_path, "a.csv", text)), "--unit", "pkm_a"]) == 0
    assert "urutan unsur PermenPANRB" in capsys.readouterr().out  # read in the unit's order
    report = ["survey", "report", "--unit", "pkm_a", "--from", "2025-03-01", "--to", "2025-03-31", "--json"]
    assert main(report) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["weighting"], data["order"]) == ("0.111", "regulation")
    assert {u["key"]: u["nrr"] for u in data["unsur"]}["pengaduan"] == 1.0
    assert main([*report, "--weight", "1/9", "--order", "model"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["weighting"], data["order"]) == ("1/9", "model")
    bad = _write(tmp_path, "bad.csv", "code,name,skm_weight,skm_order\npkm_c,C,0.11,\npkm_d,D,,regulasi\n")
    monkeypatch.setenv("LAPORBOT_UNITS_CSV", str(bad))
    assert main(["survey", "units"]) == 2
    err = capsys.readouterr().err
    assert "bad.csv:2: skm_weight must be 1/9 or 0.111" in err
    assert "bad.csv:3: skm_order must be model or regulation" in err
