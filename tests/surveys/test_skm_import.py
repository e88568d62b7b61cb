"""Paper questionnaires from CSV and XLSX: good files import, any bad row rejects the whole file."""

from __future__ import annotations

import pickle
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from bot.surveys.ikm import compute
from bot.surveys.paper_import import ImportErrors, read_paper, read_paper_file

WIB = ZoneInfo("Asia/Jakarta")
GOOD_CSV = """\
Tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9,Jenis Kelamin,Usia,Pendidikan,Pekerjaan,Disabilitas,Saran
2025-03-01,4,3,3,2,4,3,3,3,2,L,34,SMA,PNS,Tidak,Antrean terlalu lama
02/03/2025,4,4,4,4,4,4,4,4,4,Perempuan,56+,S1,Petani,Ya,
03-03-2025,3,3,3,3,3,3,3,3,,p,,d4_s1,wirausaha,tidak_jawab,"Ruang tunggu
kurang kursi"
"""


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_good_csv(tmp_path: Path) -> None:
    people = read_paper_file(_write(tmp_path, "skm.csv", GOOD_CSV))
    assert len(people) == 3
    first, second, third = people
    assert first.answers == {"u1": 4, "u2": 3, "u3": 3, "u4": 2, "u5": 4, "u6": 3, "u7": 3, "u8": 3, "u9": 2}
    assert (first.gender, first.age_band, first.education, first.occupation, first.disability) == (
        "l", "26_35", "sma", "pns", "tidak")
    assert first.saran == "Antrean terlalu lama" and first.source == "paper"
    assert first.submitted_at == datetime(2025, 3, 1, tzinfo=WIB)
    assert second.submitted_at == datetime(2025, 3, 2, tzinfo=WIB)  # day first, as written in Indonesia
    assert (second.gender, second.age_band, second.education) == ("p", "56p", "d4_s1")
    assert second.disability == "ya"
    assert second.occupation == "lainnya"  # "LAINNYA (sebutkan)": a written-in job
    assert second.saran is None
    assert "u9" not in third.answers and third.age_band is None  # a blank cell is a skipped question
    assert third.saran == "Ruang tunggu\nkurang kursi"
    # The imported rows feed compute(): u9 is answered by two people, (2 + 4) / 2 = 3
    assert compute(people).score("u9").nrr == 3


def test_semicolon_csv_with_bom(tmp_path: Path) -> None:
    text = "\ufefftanggal;u1;u2;u3;u4;u5;u6;u7;u8;u9\n01/03/2025;1;2;3;4;1;2;3;4;1\n"
    people = read_paper_file(_write(tmp_path, "excel.csv", text))
    assert people[0].answers["u4"] == 4 and people[0].gender is None


def test_good_xlsx(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "TANGGAL", *[f"U{i}" for i in range(1, 10)], "jenis_kelamin", "usia", "pendidikan",
               "pekerjaan", "disabilitas", "saran", "Jenis Layanan"])
    ws.append([1, date(2025, 4, 7), 4, 3, 3, 2, 4, 3, 3, 3, 2, "P", 19, "D3", "Swasta", "Tidak", "Bagus",
               "KTP"])
    ws.append([2, datetime(2025, 4, 8, 10, 30), 3.0, 3, 3, 3, 3, 3, "Sopan dan ramah", "Baik",
               "Dikelola dengan baik", "L", "46-55", "SMP", "TNI", "ya", None, None])
    ws.append([None] * 18)  # a blank row typed by accident is skipped
    path = tmp_path / "skm.xlsx"
    wb.save(path)
    people = read_paper_file(path)
    assert len(people) == 2
    assert people[0].submitted_at == datetime(2025, 4, 7, tzinfo=WIB)
    assert (people[0].gender, people[0].age_band, people[0].education) == ("p", "17_25", "d1_d3")
    assert people[0].service == "KTP"
    # Labels from the form count as their scores: Sopan dan ramah = 3, Baik (u8) = 3, Dikelola… = 4
    assert people[1].answers["u7"] == 3 and people[1].answers["u8"] == 3 and people[1].answers["u9"] == 4
    assert people[1].submitted_at == datetime(2025, 4, 8, 10, 30, tzinfo=WIB)
    assert (people[1].gender, people[1].age_band, people[1].occupation, people[1].disability) == (
        "l", "46_55", "tni", "ya")


def test_bad_row_reports_its_line_and_returns_nothing(tmp_path: Path) -> None:
    bad = GOOD_CSV.replace("02/03/2025,4,4,4,4,4,4,4,4,4", "02/03/2025,4,4,5,4,4,4,4,4,4")
    with pytest.raises(ImportErrors) as caught:
        read_paper_file(_write(tmp_path, "bad.csv", bad))
    # line 1 is the header, so the second respondent is line 3
    assert caught.value.errors == [(3, "skm.import.score")]
    assert caught.value.rows[0].column == "u3"
    assert caught.value.messages() == ["Baris 3: Kolom u3 harus berisi angka 1 sampai 4."]
    assert caught.value.messages("en") == ["Line 3: Column u3 must be a number from 1 to 4."]


def test_every_bad_row_is_listed(tmp_path: Path) -> None:
    text = (
        "tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9,jenis_kelamin,usia,pendidikan,disabilitas,saran\n"
        "2025-03-01,4,3,3,2,4,3,3,3,2,L,34,SMA,Tidak,ok\n"
        "kemarin,4,3,3,2,4,3,3,3,2,X,34,SMA,Tidak,Nomor saya 081234567890\n"
        "2025-03-01,,,,,,,,,,L,34,SMA,Tidak,\n"
        "2025-03-01,4,3,3,2,4,3,3,3,2,L,lima,SMU2,mungkin,\n"
    )
    with pytest.raises(ImportErrors) as caught:
        read_paper_file(_write(tmp_path, "bad.csv", text))
    assert caught.value.errors == [
        (3, "skm.import.date"), (3, "skm.import.choice"),
        (4, "skm.import.no_answers"),
        (5, "skm.import.age"), (5, "skm.import.choice"), (5, "skm.import.choice"),
    ]
    messages = caught.value.messages()
    assert messages[1] == "Baris 3: Isi kolom jenis_kelamin tidak dikenal. Pilihan: l, p."
    # What a citizen wrote never reaches the exception text (it may be logged)
    assert "0812" not in str(caught.value) and "0812" not in " ".join(messages)
    assert str(caught.value) == "6 problem(s) on line(s) [3, 4, 5]"


def test_header_problems(tmp_path: Path) -> None:
    text = "tanggal,u1,u2,u3,u4,u5,u6,u7,u8,nama_petugas,u1\n2025-03-01,4,3,3,2,4,3,3,3,x,4\n"
    with pytest.raises(ImportErrors) as caught:
        read_paper_file(_write(tmp_path, "hdr.csv", text))
    assert caught.value.errors == [
        (1, "skm.import.unknown_column"),
        (1, "skm.import.duplicate_column"),
        (1, "skm.import.missing_column"),
    ]
    # u9 is pengaduan in the default (model questionnaire) order: the message names both
    assert caught.value.messages()[2] == "Baris 1: Kolom u9/pengaduan tidak ada."


@pytest.mark.parametrize(
    ("name", "content"), [("empty.csv", ""), ("header.csv", "tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\n")]
)
def test_empty_files(tmp_path: Path, name: str, content: str) -> None:
    with pytest.raises(ImportErrors) as caught:
        read_paper_file(_write(tmp_path, name, content))
    assert caught.value.errors == [(1, "skm.import.empty")]


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(ImportErrors) as caught:
        read_paper_file(path)
    assert caught.value.errors == [(1, "skm.import.unreadable")]


def test_errors_accept_plain_tuples() -> None:
    errors = ImportErrors([(7, "skm.import.date")])
    assert errors.errors == [(7, "skm.import.date")]


def test_unsupported_extension(tmp_path: Path) -> None:
    with pytest.raises(ImportErrors) as caught:
        read_paper_file(_write(tmp_path, "old.xls", "tanggal,u1\n"))
    assert caught.value.errors == [(1, "skm.import.unreadable")]


def test_windows_csv(tmp_path: Path) -> None:
    text = "tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9,saran\n01/03/2025,4,3,3,2,4,3,3,3,2,Pelayanan café\n"
    people = read_paper_file(_write(tmp_path, "win.csv", text, encoding="cp1252"))
    assert people[0].saran == "Pelayanan café"


def test_errors_survive_pickling() -> None:
    errors = pickle.loads(pickle.dumps(ImportErrors([(3, "skm.import.score")])))
    assert errors.errors == [(3, "skm.import.score")]


NAMED_CSV = """\
tanggal,persyaratan,prosedur,waktu,biaya,produk,kompetensi,perilaku,pengaduan,sarana
2025-03-01,4,3,3,2,4,3,3,1,4
"""


def test_named_unsur_columns_need_no_order(tmp_path: Path) -> None:
    # The sheet puts pengaduan eighth and sarana ninth; names say which is which.
    paper = read_paper(_write(tmp_path, "named.csv", NAMED_CSV))
    person = paper.respondents[0]
    assert person.answers["u9"] == 1 and person.answers["u8"] == 4  # u9 = pengaduan, u8 = sarana (stored)
    assert not paper.numbered


@pytest.mark.parametrize("header", [
    "Tanggal,Persyaratan,\"Sistem, Mekanisme, dan Prosedur\",Waktu Penyelesaian,Biaya/Tarif,"
    "Produk Spesifikasi Jenis Pelayanan,Kompetensi Pelaksana,Perilaku Pelaksana,"
    "\"Penanganan Pengaduan, Saran dan Masukan\",Sarana dan Prasarana",
    "date,Requirements,\"Systems, Mechanisms and Procedures\",Completion Time,Cost/Fees,"
    "Service Product Specification,Staff Competence,Staff Conduct,"
    "\"Handling of Complaints, Suggestions and Feedback\",Facilities and Infrastructure",
    "tgl,syarat,prosedur,waktu,tarif,produk,kompetensi_petugas,perilaku_petugas,penanganan_pengaduan,prasarana",
])
def test_full_and_english_unsur_names(tmp_path: Path, header: str) -> None:
    person = read_paper_file(_write(tmp_path, "names.csv", header + "\n2025-03-01,4,3,3,2,4,3,3,1,4\n"))[0]
    assert person.answers == {"u1": 4, "u2": 3, "u3": 3, "u4": 2, "u5": 4, "u6": 3, "u7": 3, "u8": 4, "u9": 1}


NUMBERED_CSV = "tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\n2025-03-01,4,3,3,2,4,3,3,1,4\n"


def test_numbered_columns_follow_the_declared_order(tmp_path: Path) -> None:
    path = _write(tmp_path, "numbered.csv", NUMBERED_CSV)
    model = read_paper(path)  # default: the model questionnaire, u8 = sarana, u9 = pengaduan
    assert model.order == "model" and model.numbered
    assert model.respondents[0].answers["u8"] == 1 and model.respondents[0].answers["u9"] == 4
    regulation = read_paper(path, order="regulation")  # the regulation's list: u8 = pengaduan, u9 = sarana
    assert regulation.order == "regulation" and regulation.numbered
    assert regulation.respondents[0].answers["u9"] == 1 and regulation.respondents[0].answers["u8"] == 4


def test_a_bad_cell_is_named_as_the_sheet_names_it(tmp_path: Path) -> None:
    text = NUMBERED_CSV.replace("3,1,4\n", "3,7,4\n")
    with pytest.raises(ImportErrors) as caught:
        read_paper_file(_write(tmp_path, "bad.csv", text), order="regulation")
    assert caught.value.messages() == ["Baris 2: Kolom u8 harus berisi angka 1 sampai 4."]
    # "pengaduan" and "u9" are the same unsur in the model order, and sarana is then missing
    mixed = _write(tmp_path, "mixed.csv", NAMED_CSV.replace("sarana", "u9"))
    with pytest.raises(ImportErrors) as caught:
        read_paper_file(mixed)
    assert caught.value.errors == [(1, "skm.import.duplicate_column"), (1, "skm.import.missing_column")]
    assert caught.value.messages()[1] == "Baris 1: Kolom u8/sarana tidak ada."
    # in the regulation's order u9 is sarana, so the same sheet is complete
    assert read_paper_file(mixed, order="regulation")[0].answers["u8"] == 4
