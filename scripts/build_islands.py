#!/usr/bin/env python3
"""Write bot/data/regions/islands.csv — the inhabited islands people name, and where each lies — from idn-area-data.

    npm pack idn-area-data@4.0.1 && tar xzf idn-area-data-4.0.1.tgz
    .venv/bin/python scripts/build_islands.py package/data/islands.csv

Kept: every island Kemendagri lists, under each name a citizen would type ('pulau semau'; 'gili ketapang' and
'pulau gili ketapang'; 'pulau tidung' for Pulau Tidung Besar) — inhabited or not, as the list's `is_populated` is
no guide to what people name (Gili Trawangan and the 647 km² Pulau Selayar are listed as uninhabited). Each
island's place is its kabupaten/kota, or for an inhabited one the kecamatan its nearest villages agree on
(RegionIndex.locate on its coordinate: the villages are on it); an island of several kabupaten (Madura, Lombok,
Nias) stands for its province. A name islands of several kabupaten share ('pulau parang': Karimun, Jepara,
Seram Bagian Timur) gets one row per kabupaten/kota, no kecamatan: the index reads it as a shared name.
`inhabited` is kept for the index to weigh an island against a desa of the same name.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bot" / "data" / "regions" / "islands.csv"
_DMS = re.compile(r"""(\d+)°(\d+)'([\d.]+)"\s*([NS])\s+(\d+)°(\d+)'([\d.]+)"\s*([EW])""")
# names people say with or without 'pulau' in front (Lombok's gili, Bali's nusa)
_OWN_WORDS = ("gili ", "nusa ")
# 'Pulau Tidung Besar' is what people call 'pulau tidung'
_SIDES = (" besar",)


def coordinate(text: str) -> tuple[float, float] | None:
    """Degrees-minutes-seconds as idn-area-data writes them ('03°19\\'03.44" N 097°07\\'41.73" E') in decimal."""
    m = _DMS.search(text)
    if m is None:
        return None
    lat = int(m[1]) + int(m[2]) / 60 + float(m[3]) / 3600
    lon = int(m[5]) + int(m[6]) / 60 + float(m[7]) / 3600
    return (-lat if m[4] == "S" else lat), (-lon if m[8] == "W" else lon)


def names_of(name: str) -> list[str]:
    """The names a citizen would type for one island, folded to lower case."""
    low = " ".join(name.lower().split())
    out = [low]
    bare = low[len("pulau "):] if low.startswith("pulau ") else low
    if bare.startswith(_OWN_WORDS):
        out += [bare, "pulau " + bare]
    for side in _SIDES:
        if low.endswith(side):
            out.append(low[: -len(side)])
    return list(dict.fromkeys(n for n in out if n.startswith(("pulau ", *_OWN_WORDS)) and len(n.split()) >= 2))


def build(source: Path) -> list[tuple[str, str, int, str]]:
    """(name, region code, inhabited 0/1, idn-area-data island code) of every island name, a row per kabupaten/kota
    a shared name names."""
    from bot.understanding.regions import RegionIndex

    regions = RegionIndex.default()
    with open(source, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    # name -> kabupaten/kota (or province) -> [its place, inhabited, an island code]
    places: dict[str, dict[str, list]] = {}
    for row in rows:
        regency = row["regency_code"] or row["code"][:2]
        code = regency
        inhabited = row["is_populated"] == "1"
        point = coordinate(row["coordinate"])
        if row["regency_code"] and inhabited and point is not None:
            near = regions.locate(*point)
            # the kecamatan only where the nearest villages agree on one inside the island's own kabupaten/kota
            if near is not None and near.region.code.startswith(regency + ".") and near.region.level == "district":
                code = near.region.code
        for name in names_of(row["name"]):
            place = places.setdefault(name, {}).setdefault(regency, [code, inhabited, row["code"]])
            # one island listed twice (two coordinates), or two of one kabupaten: the kabupaten/kota
            if place[0] != code:
                place[0] = regency
            place[1] = place[1] or inhabited
    return sorted((name, code if len(where) == 1 else regency, int(inhabited), island)
                  for name, where in places.items() for regency, (code, inhabited, island) in where.items())


def main(argv: list[str]) -> int:
    """Build the table from the idn-area-data islands.csv given."""
    if len(argv) != 1:
        print(__doc__)
        return 2
    rows = build(Path(argv[0]))
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["island", "code", "inhabited", "island_code"])
        out.writerows(rows)
    print(f"{len(rows)} island names -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
