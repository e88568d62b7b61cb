"""Service units (unit layanan) an SKM is about: a puskesmas, a Dukcapil counter, a kecamatan office.

The list is a CSV file with the columns code,name,region_code (region_code may be empty):

    code,name,region_code
    puskesmas_selong,Puskesmas Selong,52.03.07

Two optional columns set a unit's SKM reporting: skm_weight (1/9 or 0.111, for a unit whose own
spreadsheets weigh each unsur 0.111) and skm_order (model or regulation, how its paper forms number
u8/u9). Empty cells fall back to LAPORBOT_SKM_WEIGHT / LAPORBOT_SKM_ORDER.

`code` is what deep links and QR codes carry (`/start skm_<code>`), so it is 1–60 characters of
A–Z a–z 0–9 _ -, unique ignoring case. The file is named by LAPORBOT_UNITS_CSV; without it the
shipped example bot/data/units.example.csv is used, so a fresh install can be tried at once.
Citizens who open the survey from the menu pick a unit by button or type its name, matched with
rapidfuzz (typos and the usual abbreviations such as "pkm" for puskesmas are fine).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, utils

from bot.surveys.ikm import WEIGHTINGS, parse_weighting
from bot.understanding.region_codes import RegionCodeError, typed_region
from flows.skm import ORDERS

EXAMPLE_CSV = Path(__file__).resolve().parent.parent / "data" / "units.example.csv"
UNIT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")  # Telegram's start payload: 64 minus "skm_"
START_PREFIX = "skm_"
# The wa.me poster's prefilled text "SKM <code>" (bot/surveys/qr.py), also when retyped: any case, extra
# spaces, "SKM: <code>", a full stop or "!" after it.
WHATSAPP_KEYWORD = re.compile(r"^\s*skm(?:\s*:\s*|\s+)([A-Za-z0-9_-]{1,60})[\s.!]*$", re.IGNORECASE)
MATCH_CUTOFF = 70
CLEAR_WIN = 8  # points the best match must lead the next by to be taken without asking
# Words people write for the kinds of unit; expanded before matching.
ABBREVIATIONS = {
    "pkm": "puskesmas", "capil": "dukcapil", "disdukcapil": "dukcapil", "kec": "kecamatan",
    "kel": "kelurahan", "rs": "rsud", "rsu": "rsud",
}


class UnitsError(ValueError):
    """A units file that cannot be used; one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Unit:
    """One service unit."""

    code: str
    name: str
    region_code: str | None = None  # Kemendagri
    weighting: str | None = None  # skm_weight: 1/9 or 0.111; None = the deployment's setting
    order: str | None = None  # skm_order: model or regulation; None = the deployment's setting
    region_read: str | None = None  # how a prefixed region code was read, e.g. "BPS 5203 = Kemendagri 52.03 (…)"


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit that what the citizen typed may name, and how well."""

    unit: Unit
    score: float


def _norm(text: str) -> str:
    words = utils.default_process(text.replace("_", " ").replace("-", " ")).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


class UnitDirectory:
    """The units of a deployment, looked up by code and matched by name."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units: tuple[Unit, ...] = tuple(units)
        self._by_code = {u.code.lower(): u for u in self.units}
        self._names = [(_norm(u.name), _norm(u.code)) for u in self.units]

    def __len__(self) -> int:
        return len(self.units)

    def get(self, code: str | None) -> Unit | None:
        """The unit with this code (case does not matter), or None."""
        return self._by_code.get(code.lower()) if code else None

    def from_start_payload(self, payload: str) -> Unit | None:
        """The unit a deep-link payload "skm_<code>" names, or None."""
        text = payload.strip()
        if not text.lower().startswith(START_PREFIX):
            return None
        return self.get(text[len(START_PREFIX):])

    def match(self, text: str, limit: int = 5) -> list[UnitMatch]:
        """Units the text may name, best first; an exact code counts as a perfect match."""
        found = WHATSAPP_KEYWORD.match(text)
        if found and self.get(found.group(1)):
            return [UnitMatch(self.get(found.group(1)), 100.0)]  # type: ignore[arg-type]
        exact = self.get(text.strip())
        if exact is not None:
            return [UnitMatch(exact, 100.0)]
        query = _norm(text)
        if query.startswith("skm "):
            query = query[4:]
        if not query:
            return []
        scored = []
        for unit, (name, code) in zip(self.units, self._names, strict=True):
            score = max(fuzz.WRatio(query, name), fuzz.WRatio(query, code))
            if score >= MATCH_CUTOFF:
                scored.append(UnitMatch(unit, score))
        scored.sort(key=lambda m: (-m.score, m.unit.name))
        return scored[:limit]

    def best(self, text: str) -> tuple[Unit | None, list[UnitMatch]]:
        """The one unit the text clearly names, else None and the candidates to offer."""
        found = self.match(text)
        if not found:
            return None, []
        if len(found) == 1 or found[0].score - found[1].score >= CLEAR_WIN:
            return found[0].unit, found
        return None, found


def read_units(path: str | Path) -> UnitDirectory:
    """Read and check a units CSV; UnitsError lists every bad line (header = line 1)."""
    source = Path(path)
    problems: list[str] = []
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnitsError([f"{source}: cannot read ({exc.__class__.__name__})"]) from exc
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise UnitsError([f"{source}: empty file"])
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in ("code", "name") if c not in header]
    if missing:
        raise UnitsError([f"{source}:1: missing column(s) {', '.join(missing)} (need code,name,region_code)"])
    index = {name: header.index(name) for name in ("code", "name", "region_code", "skm_weight", "skm_order")
             if name in header}
    units: list[Unit] = []
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = _cells(row, index)
        code, name = cells["code"], cells["name"]
        if not UNIT_CODE.match(code):
            problems.append(f"{source}:{line}: code must be 1–60 characters of A–Z, a–z, 0–9, _ or -")
            continue
        if code.lower() in seen:
            problems.append(f"{source}:{line}: duplicate code {code!r}")
            continue
        if not name:
            problems.append(f"{source}:{line}: the unit {code!r} has no name")
            continue
        weighting = parse_weighting(cells["skm_weight"]) if cells.get("skm_weight") else None
        if cells.get("skm_weight") and weighting is None:
            problems.append(f"{source}:{line}: skm_weight must be {' or '.join(WEIGHTINGS)}")
            continue
        order = (cells.get("skm_order") or "").lower() or None
        if order is not None and order not in ORDERS:
            problems.append(f"{source}:{line}: skm_order must be {' or '.join(ORDERS)}")
            continue
        try:  # bps:5203 / kemendagri:52.03 / plain (Kemendagri) codes; the unit keeps what was typed
            region, read = typed_region(cells.get("region_code"))
        except RegionCodeError as error:
            problems.append(f"{source}:{line}: region_code {error}")
            continue
        seen.add(code.lower())
        units.append(Unit(code, name, region, weighting, order, read.describe() if read else None))
    if not units and not problems:
        problems.append(f"{source}: no units")
    if problems:
        raise UnitsError(problems)
    return UnitDirectory(units)


def _cells(row: Sequence[str], index: dict[str, int]) -> dict[str, str]:
    return {name: (row[i].strip() if i < len(row) else "") for name, i in index.items()}


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> UnitDirectory:
    return read_units(path)


def load_units(path: str | Path | None = None) -> UnitDirectory:
    """The units file (the shipped example when none is given), re-read when it changes."""
    source = Path(path) if path else EXAMPLE_CSV
    try:
        mtime = source.stat().st_mtime
    except OSError as exc:
        raise UnitsError([f"{source}: no such file"]) from exc
    return _cached(str(source), mtime)


def whatsapp_start_payload(text: str) -> str | None:
    """For the WhatsApp adapter: "SKM <code>" (the wa.me prefilled text) as the deep-link payload."""
    found = WHATSAPP_KEYWORD.match(text or "")
    return f"{START_PREFIX}{found.group(1)}" if found else None
