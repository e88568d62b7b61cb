"""Reading paper SKM questionnaires typed into a CSV or XLSX sheet, all or nothing.

Columns (header names are case-insensitive; spaces, dashes and underscores are ignored):
tanggal, the nine unsur (1–4), jenis_kelamin, usia, pendidikan, pekerjaan, disabilitas, saran, and
the optional layanan (service received). tanggal and all nine unsur must be present as columns; a
blank score cell is a skipped question, but a row needs at least one score. A "no"/"nomor" column
is ignored.

An unsur column is named either by the unsur (persyaratan, prosedur, waktu, biaya, produk,
kompetensi, perilaku, sarana, pengaduan — or the full names, Indonesian or English) or by number
u1..u9. Numbers are read in a declared order, because forms differ in the last two: the model
questionnaire (default) asks sarana as u8 and penanganan pengaduan as u9; the regulation's list
(order="regulation") has penanganan pengaduan as u8 and sarana as u9. Named columns need no order.
Values may be option ids (l, d4_s1, tidak_jawab) or labels as on the form, in Indonesian or
English (L, Perempuan, S1, Ya, Tidak). usia is a number of years or a band (26-35, 56+).
tanggal is a date cell or text such as 2025-03-31 or 31/03/2025 (day first, as Indonesians write
it), read in the unit's time zone (Asia/Jakarta unless given).
pekerjaan follows the form's "LAINNYA (sebutkan)": any other written occupation counts as lainnya.
Every row is checked; if any is bad, ImportErrors lists each problem with its line number (the
header is line 1) and nothing is returned. Error messages never repeat cell contents.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.i18n import Catalog, default_catalog
from bot.surveys.ikm import Respondent
from flows import skm

DEFAULT_TZ = ZoneInfo("Asia/Jakarta")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
REQUIRED = ("tanggal", *skm.UNSUR_IDS)
IGNORED = frozenset({"no", "nomor", "nourut"})
NUMBERED = {f"u{n}": n for n in range(1, 10)}  # u1..u9: which unsur depends on the declared order
# Unsur named in a header, normalised, beyond each unsur's key and its full name in every locale.
UNSUR_HEADERS: dict[str, str] = {
    "syarat": "u1", "persyaratanpelayanan": "u1",
    "sistem": "u2", "mekanisme": "u2", "sistemmekanismeprosedur": "u2", "prosedurpelayanan": "u2",
    "waktupenyelesaian": "u3", "waktupelayanan": "u3", "kecepatan": "u3",
    "tarif": "u4", "biayatarif": "u4",
    "produklayanan": "u5", "produkpelayanan": "u5", "spesifikasi": "u5", "produkspesifikasi": "u5",
    "kompetensipelaksana": "u6", "kompetensipetugas": "u6",
    "perilakupelaksana": "u7", "perilakupetugas": "u7",
    "prasarana": "u8", "saranaprasarana": "u8", "saranadanprasarana": "u8",
    "penanganan": "u9", "penangananpengaduan": "u9", "pengaduansarandanmasukan": "u9",
}
# Normalised header -> field. Normalising drops case, spaces, dashes, underscores and dots.
HEADERS: dict[str, str] = {
    "tanggal": "tanggal", "tgl": "tanggal", "date": "tanggal", "tanggalsurvei": "tanggal",
    "jeniskelamin": "gender", "jk": "gender", "kelamin": "gender", "gender": "gender",
    "usia": "age_band", "umur": "age_band", "age": "age_band",
    "pendidikan": "education", "pendidikanterakhir": "education", "education": "education",
    "pekerjaan": "occupation", "occupation": "occupation",
    "disabilitas": "disability", "penyandangdisabilitas": "disability", "disability": "disability",
    "saran": "saran", "saranmasukan": "saran", "sarandanmasukan": "saran", "masukan": "saran",
    "layanan": "service", "jenislayanan": "service", "service": "service",
}
# The column name used in messages for each field (the documented Indonesian header).
COLUMN_NAMES = {
    "tanggal": "tanggal", "gender": "jenis_kelamin", "age_band": "usia", "education": "pendidikan",
    "occupation": "pekerjaan", "disability": "disabilitas", "saran": "saran", "service": "layanan",
    **{u: u for u in skm.UNSUR_IDS},
}
# Spellings seen on paper forms, beyond the ids and the catalog labels.
ALIASES: dict[str, dict[str, str]] = {
    "gender": {"l": "l", "lk": "l", "lakilaki": "l", "pria": "l", "m": "l", "male": "l",
               "p": "p", "pr": "p", "perempuan": "p", "wanita": "p", "f": "p", "female": "p"},
    "education": {"sd": "sd", "mi": "sd", "smp": "smp", "mts": "smp", "sltp": "smp",
                  "sma": "sma", "smk": "sma", "ma": "sma", "slta": "sma", "smasmk": "sma",
                  "d1": "d1_d3", "d2": "d1_d3", "d3": "d1_d3", "diploma": "d1_d3",
                  "d4": "d4_s1", "s1": "d4_s1", "d4s1": "d4_s1", "sarjana": "d4_s1",
                  "s2": "s2", "magister": "s2", "s3": "s3", "doktor": "s3"},
    "occupation": {"pns": "pns", "asn": "pns", "pppk": "pns", "tni": "tni", "polri": "polri",
                   "polisi": "polri", "swasta": "swasta", "pegawaiswasta": "swasta",
                   "karyawanswasta": "swasta", "wirausaha": "wirausaha", "wiraswasta": "wirausaha"},
    "disability": {"ya": "ya", "y": "ya", "yes": "ya", "tidak": "tidak", "t": "tidak", "no": "tidak",
                   "tdk": "tidak", "tidakmenjawab": "tidak_jawab", "tidakinginmenjawab": "tidak_jawab"},
}
BLANK = frozenset({"", "-", "–", "—"})
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y/%m/%d",
                 "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M")


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-–—./()]+", "", text.strip().lower())


def _norm_header(text: str) -> str:
    """A header without case, separators or commas ("Sistem, Mekanisme, dan Prosedur")."""
    return _norm(text).replace(",", "").replace("&", "dan")


def _unsur_headers(catalog: Catalog) -> dict[str, str]:
    """Every accepted unsur name: the keys, the aliases above, and the full names in each locale."""
    table = {item.key: item.id for item in skm.UNSUR}
    table.update(UNSUR_HEADERS)
    for locale in catalog.locales:
        for item in skm.UNSUR:
            name = catalog.maybe(item.name_key, locale)
            if name:
                table.setdefault(_norm_header(name), item.id)
    return table


@dataclass(frozen=True)
class PaperFile:
    """The questionnaires of one file, and how its unsur columns were read."""

    respondents: list[Respondent]
    order: str  # the declared order u1..u9 columns were read in
    numbered: bool  # some unsur column was named u8 or u9, so the order decided what it holds


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem: the line it is on, a message key, and the column it concerns."""

    line: int
    key: str
    column: str | None = None
    choices: tuple[str, ...] = ()


class ImportErrors(Exception):
    """Every problem in a paper file; nothing was imported."""

    def __init__(self, errors: Iterable[RowError | tuple[int, str]]) -> None:
        self.rows: list[RowError] = [e if isinstance(e, RowError) else RowError(*e) for e in errors]
        # The summary names lines only: cell contents may be personal data and end up in logs.
        super().__init__(f"{len(self.rows)} problem(s) on line(s) {sorted({r.line for r in self.rows})}")

    def __reduce__(self) -> tuple[type[ImportErrors], tuple[list[RowError]]]:
        return (ImportErrors, (self.rows,))  # survives pickling (job queues, worker processes)

    @property
    def errors(self) -> list[tuple[int, str]]:
        """(line number, message key) per problem, header = line 1."""
        return [(r.line, r.key) for r in self.rows]

    def messages(self, locale: str = "id", catalog: Catalog | None = None) -> list[str]:
        """Each problem as a sentence for the person who typed the sheet: "Baris 3: Kolom u4 ..."."""
        cat = catalog or default_catalog()
        out = []
        for row in self.rows:
            message = cat.text(row.key, locale, column=row.column or "", choices=", ".join(row.choices))
            out.append(cat.text("skm.import.line", locale, line=row.line, message=message))
        return out


@dataclass
class _Vocab:
    """Accepted spellings per field, from the aliases above and every locale's labels."""

    choices: dict[str, dict[str, str]]
    scores: dict[str, dict[str, int]]

    @classmethod
    def build(cls, catalog: Catalog) -> _Vocab:
        choices: dict[str, dict[str, str]] = {}
        for question in skm.PROFILE:
            if question.free_text:
                continue
            table = {_norm(o): o for o in question.options}
            for locale in catalog.locales:
                for option in question.options:
                    label = catalog.maybe(question.option_key(option), locale)
                    if label:
                        table.setdefault(_norm(label), option)
            table.update(ALIASES.get(question.id, {}))
            choices[question.id] = table
        scores: dict[str, dict[str, int]] = {}
        for item in skm.UNSUR:
            table = {str(s): s for s in skm.SCORES}
            for locale in catalog.locales:
                for score in skm.SCORES:
                    for key in (item.option_key(score), item.short_key(score)):
                        label = catalog.maybe(key, locale) if key else None
                        if label:
                            table.setdefault(_norm(label), score)
            scores[item.id] = table
        return cls(choices, scores)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # spreadsheets store 3 as 3.0
    return str(value).strip()


def _parse_date(value: Any, tz: tzinfo) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=tz)
    text = _cell_text(value)
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.replace(tzinfo=tz)
    return None


def _parse_row(
    line: int, columns: dict[int, str], cells: Sequence[Any], vocab: _Vocab, tz: tzinfo,
    errors: list[RowError], labels: dict[str, str] | None = None,
) -> Respondent | None:
    values: dict[str, Any] = {}
    for index, name in columns.items():
        values[name] = cells[index] if index < len(cells) else None
    before = len(errors)
    labels = labels or {}

    def bad(field_name: str, key: str, choices: tuple[str, ...] = ()) -> None:
        # The column as the sheet names it: in the regulation's order the stored u9 is the sheet's u8.
        errors.append(RowError(line, key, labels.get(field_name, COLUMN_NAMES[field_name]), choices))

    submitted = _parse_date(values.get("tanggal"), tz)
    if submitted is None:
        bad("tanggal", "skm.import.date")
    answers: dict[str, int] = {}
    for uid in skm.UNSUR_IDS:
        text = _cell_text(values.get(uid))
        if text in BLANK:
            continue
        score = vocab.scores[uid].get(_norm(text))
        if score is None:
            bad(uid, "skm.import.score")
        else:
            answers[uid] = score
    if not answers and len(errors) == before:
        errors.append(RowError(line, "skm.import.no_answers"))

    profile: dict[str, str | None] = {}
    for question in skm.PROFILE:
        if question.free_text:
            continue
        text = _cell_text(values.get(question.id))
        if text in BLANK:
            profile[question.id] = None
            continue
        if question.id == "age_band":
            band = skm.parse_age(text)
            if band is None:
                band = vocab.choices["age_band"].get(_norm(text))
            if band is None:
                bad("age_band", "skm.import.age")
            profile["age_band"] = band
            continue
        option = vocab.choices[question.id].get(_norm(text))
        if option is None and question.id == "occupation":
            option = "lainnya"  # the form says LAINNYA (sebutkan): a written-in job is "other"
        if option is None:
            bad(question.id, "skm.import.choice", question.options)
        profile[question.id] = option

    texts: dict[str, str | None] = {}
    for name in ("saran", "service"):
        text = _cell_text(values.get(name))
        if len(text) > skm.SARAN_MAX_CHARS:
            bad(name, "skm.import.too_long")
        texts[name] = None if text in BLANK else text

    if len(errors) > before:
        return None
    return Respondent(
        answers=answers,
        gender=profile["gender"],
        age_band=profile["age_band"],
        education=profile["education"],
        occupation=profile["occupation"],
        disability=profile["disability"],
        saran=texts["saran"],
        service=texts["service"],
        submitted_at=submitted,
        source="paper",
    )


def _map_header(header: Sequence[Any], errors: list[RowError], order: str = skm.DEFAULT_ORDER,
                catalog: Catalog | None = None) -> tuple[dict[int, str], dict[str, str], bool]:
    """Columns (index -> field), each field's header as written, and whether u8/u9 were numbered."""
    columns: dict[int, str] = {}
    labels: dict[str, str] = {}
    numbered = False
    unsur_names = _unsur_headers(catalog or default_catalog())
    by_number = skm.ORDERS[order]
    for index, raw in enumerate(header):
        name = _norm_header(_cell_text(raw))
        if not name or name in IGNORED:
            continue
        if name in NUMBERED:
            field_name: str | None = by_number[NUMBERED[name] - 1]
            numbered = numbered or NUMBERED[name] in (8, 9)
        else:
            field_name = HEADERS.get(name) or unsur_names.get(name)
        if field_name is None:
            errors.append(RowError(1, "skm.import.unknown_column", _cell_text(raw)[:40]))
            continue
        if field_name in labels:
            errors.append(RowError(1, "skm.import.duplicate_column", _cell_text(raw)[:40]))
            continue
        labels[field_name] = name if name in NUMBERED else _cell_text(raw)[:40]
        columns[index] = field_name
    missing = [f for f in REQUIRED if f not in labels]
    errors.extend(RowError(1, "skm.import.missing_column", _missing_name(f, order)) for f in missing)
    return columns, labels, numbered


def _missing_name(field_name: str, order: str) -> str:
    """How to name a missing column: an unsur by its number in the order and its key (u8/sarana)."""
    if field_name in skm.UNSUR_IDS:
        number = skm.ORDERS[order].index(field_name) + 1
        return f"u{number}/{skm.unsur(field_name).key}"
    return COLUMN_NAMES[field_name]


def _read_rows(path: Path) -> Iterable[tuple[int, Sequence[Any]]]:
    """(line number, cells) for every row, the header first as line 1."""
    suffix = path.suffix.lower()
    if suffix not in XLSX_SUFFIXES + CSV_SUFFIXES:
        raise ValueError("not a CSV or XLSX file")  # old .xls and .ods need converting first
    if suffix in XLSX_SUFFIXES:
        from openpyxl import load_workbook  # openpyxl (and numpy) only for a workbook: the server imports this module

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            rows = [(index, row) for index, row in enumerate(ws.iter_rows(values_only=True), start=1)]
        finally:
            wb.close()
        return rows
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # Excel on Windows saves "CSV" in the ANSI code page
    first = text.split("\n", 1)[0]
    # Indonesian Excel writes ";" because "," is the decimal separator
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Line numbers count records, as a spreadsheet shows them, even if a saran spans lines.
    return list(enumerate(reader, start=1))


def read_paper_file(
    path: str | Path, *, tz: tzinfo = DEFAULT_TZ, catalog: Catalog | None = None, order: str = skm.DEFAULT_ORDER,
) -> list[Respondent]:
    """Read every questionnaire in a CSV/XLSX file, or raise ImportErrors listing every bad row."""
    return read_paper(path, tz=tz, catalog=catalog, order=order).respondents


def read_paper(
    path: str | Path, *, tz: tzinfo = DEFAULT_TZ, catalog: Catalog | None = None, order: str = skm.DEFAULT_ORDER,
) -> PaperFile:
    """Read a CSV/XLSX file with how its unsur columns were read, or raise ImportErrors."""
    if order not in skm.ORDERS:
        raise ValueError(f"unknown unsur order {order!r}")
    from openpyxl.utils.exceptions import InvalidFileException  # only when a file is read (see _read_rows)

    source = Path(path)
    errors: list[RowError] = []
    try:
        rows = list(_read_rows(source))
    except (OSError, ValueError, KeyError, csv.Error, zipfile.BadZipFile, InvalidFileException) as exc:
        raise ImportErrors([RowError(1, "skm.import.unreadable")]) from exc
    rows = [(line, cells) for line, cells in rows if any(_cell_text(c) for c in cells)]
    if not rows:
        raise ImportErrors([RowError(1, "skm.import.empty")])
    columns, labels, numbered = _map_header(rows[0][1], errors, order, catalog)
    if errors:
        raise ImportErrors(errors)
    if len(rows) == 1:
        raise ImportErrors([RowError(1, "skm.import.empty")])
    vocab = _Vocab.build(catalog or default_catalog())
    respondents = []
    for line, cells in rows[1:]:
        person = _parse_row(line, columns, cells, vocab, tz, errors, labels)
        if person is not None:
            respondents.append(person)
    if errors:
        raise ImportErrors(errors)
    return PaperFile(respondents, order, numbered)
