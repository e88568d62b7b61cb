"""Region codes as people type them: Kemendagri (ours) or BPS, told apart by a prefix, and their names.

BPS and Kemendagri number provinces and kabupaten/kota differently (Papua most visibly: BPS 94 is Papua,
Kemendagri 94 is Papua Tengah), so a code copied from BPS data must be converted, never taken as is.
The crosswalk files and their sources are in bot/data/regions/ (ATTRIBUTION.md).
"""

from __future__ import annotations

import csv
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "regions"
SYSTEMS = ("kemendagri", "bps")


class RegionCodeError(ValueError):
    """A typed region code that cannot be read or is not in the data; the message says why."""


@dataclass(frozen=True)
class RegionCode:
    """A typed code, the system it was read in, and the Kemendagri code we use inside."""

    typed: str
    system: str  # kemendagri | bps
    kemendagri: str
    bps: str | None
    name: str

    def describe(self) -> str:
        """One line saying which code system was used, e.g. 'BPS 94 = Kemendagri 91 (Papua)'."""
        if self.system == "bps":
            return f"BPS {self.bps} = Kemendagri {self.kemendagri} ({self.name})"
        tail = f", BPS {self.bps}" if self.bps else ""
        return f"Kemendagri {self.kemendagri} ({self.name}{tail})"


@cache
def _names() -> dict[str, str]:
    """Kemendagri province and kabupaten/kota names by code (idn-area-data)."""
    names: dict[str, str] = {}
    for file in ("provinces.csv", "regencies.csv"):
        with (DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                names[row["code"].strip()] = row["name"].strip()
    return names


@cache
def _crosswalk() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(BPS → Kemendagri, Kemendagri → BPS, retired BPS code → its BPS code since 2023), from the crosswalk files.

    BPS re-coded Papua's kabupaten/kota in 2023 (after the 2022 split); the codes it retired are kept only to
    point a user holding older BPS data at the current code, never to read them silently.
    """
    to_kemendagri: dict[str, str] = {}
    to_bps: dict[str, str] = {}
    retired: dict[str, str] = {}
    for file in ("bps_kemendagri_provinces.csv", "bps_kemendagri_regencies.csv"):
        with (DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                bps, kemendagri = row["bps_code"].strip(), row["kemendagri_code"].strip()
                if bps and kemendagri:
                    to_kemendagri[bps] = kemendagri
                    to_bps[kemendagri] = bps
                before = (row.get("bps_code_before_2023") or "").strip()
                if before:
                    retired[before] = bps
    return to_kemendagri, to_bps, retired


def all_codes() -> Container[str]:
    """Every Kemendagri code in the shipped data, province to village (the shared region index answers `in`).

    Not a set of its own: 92k more code strings (~10 MB) held for one start-up check of the central mapping.
    """
    from bot.understanding.regions import RegionIndex

    return RegionIndex.default()


def region_name(code: str | None) -> str | None:
    """The Kemendagri name of a code's kabupaten/kota (or province, for a two-digit code), or None."""
    parts = (code or "").strip().split(".")
    if not parts[0]:
        return None
    names = _names()
    return names.get(".".join(parts[:2])) or names.get(parts[0])


def _kemendagri_form(text: str) -> str:
    """'9471' / '94.71' → '94.71' (Kemendagri codes are dotted: 2 + 2 digits)."""
    digits = text.replace(".", "")
    if text.count(".") == 0 and len(digits) == 4 and digits.isdecimal():
        return f"{digits[:2]}.{digits[2:]}"
    return text


def _bps_form(text: str) -> str:
    """'94.71' / '9471' → '9471' (BPS codes are plain digits: 2 + 2)."""
    return text.replace(".", "")


def parse_region_code(typed: str) -> RegionCode:
    """Read `bps:94`, `kemendagri:94` or a plain code (Kemendagri) into our Kemendagri code.

    Only provinces and kabupaten/kota are accepted with `bps:`, the levels the crosswalk covers.
    """
    text = (typed or "").strip()
    system, colon, rest = text.partition(":")
    system = system.strip().lower()
    if not colon:
        system, rest = "kemendagri", text
    elif system not in SYSTEMS:
        raise RegionCodeError(f"{typed!r}: the prefix must be bps: or kemendagri:")
    code = rest.strip()
    if not code or not code.replace(".", "").isdecimal():
        raise RegionCodeError(f"{typed!r}: a region code is digits, e.g. 52.03 or bps:5203")
    to_kemendagri, to_bps, retired = _crosswalk()
    if system == "bps":
        bps = _bps_form(code)
        if len(bps) not in (2, 4):
            raise RegionCodeError(f"{typed!r}: BPS codes are accepted for provinces (2 digits) and "
                                  "kabupaten/kota (4 digits)")
        kemendagri = to_kemendagri.get(bps)
        if kemendagri is None and bps in retired:
            now = retired[bps]
            raise RegionCodeError(f"{typed!r}: BPS re-coded Papua in 2023; {bps} was the code of "
                                  f"{_names()[to_kemendagri[now]]} before, write bps:{now} "
                                  f"(Kemendagri {to_kemendagri[now]})")
        if kemendagri is None:
            raise RegionCodeError(f"{typed!r}: BPS code {bps} is not in the BPS–Kemendagri crosswalk")
        return RegionCode(typed=text, system="bps", kemendagri=kemendagri, bps=bps,
                          name=_names().get(kemendagri, kemendagri))
    kemendagri = _kemendagri_form(code)
    level = ".".join(kemendagri.split(".")[:2])
    if level not in _names():
        raise RegionCodeError(f"{typed!r}: Kemendagri code {kemendagri} is not a known province or "
                              "kabupaten/kota (for a BPS code write bps:{code})".replace("{code}", code))
    return RegionCode(typed=text, system="kemendagri", kemendagri=kemendagri,
                      bps=to_bps.get(kemendagri), name=region_name(kemendagri) or kemendagri)


def typed_region(cell: str | None) -> tuple[str | None, RegionCode | None]:
    """A region code cell of an imported CSV: (Kemendagri code, how it was read).

    Plain codes are Kemendagri and pass unchanged (deeper levels included, as before); `kemendagri:` and
    `bps:` prefixed codes are read with parse_region_code, which raises RegionCodeError when they are wrong.
    """
    text = (cell or "").strip()
    if not text:
        return None, None
    if ":" not in text:
        return text, None
    read = parse_region_code(text)
    return read.kemendagri, read
