"""Bench 'place words': places typed and places inside stories, made from the gazetteer itself.

Run from the project root:  .venv/bin/python bench/place_words.py [--seed N] [--show K]

No story set is read. For every one of the 514 kabupaten/kota a kecamatan and a desa/kelurahan are
drawn (fixed seed) and put into templates: location texts in the ways people type them ("kec. X, Y",
"ds. V kec. X", "Jl. Merdeka No. 5, Y", a one-letter slip after "kab."), and short complaint stories
with the place inside ("sekolah SD di X atapnya bocor, anak2 belajar di teras", run-on messages that
name the place last). A typed place is wrong when RegionIndex.resolve is sure of another kabupaten, or
lists places without the right one; a story is wrong when AgencyCatalog.suggest's first office
belongs to another kabupaten (a province office or ministry is not counted). Stories name a bare
kecamatan/desa only when no other kabupaten has a kecamatan or kabupaten of that name (else nobody
could tell), and a bare kabupaten name only when no kota shares it ("Bogor").

This is what the third tuning round looked at instead of the unseen story set: the misses it prints
are of made-up sentences, never of citizens' stories.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "bot" / "data" / "regions"

TYPED = (
    ("kab./kota Y", "{kk} {y}"),
    ("Y", "{y}"),
    ("KAB. Y", "{KK} {Y}"),
    ("kec. X, Y", "kec. {x}, {y}"),
    ("X Y", "{x} {y}"),
    ("ds. V kec. X", "ds. {v} kec. {x}"),
    ("desa V, X, Y", "desa {v}, {x}, {y}"),
    ("V, Y", "{v}, {y}"),
    ("Jl. .., Y", "Jl. Merdeka No. 5, {y}"),
    ("RT RW ds V X", "RT 02 RW 03 ds {v} {x}"),
    ("kab. Y + slip", "{kk} {slip}"),
)
STORIES = (
    ("kec. X start", "jalan di kec. {x} rusak parah sudah lama tidak diperbaiki"),
    ("kec X mid", "assalamualaikum pak mau lapor, sampah di pasar kec {x} numpuk tidak diangkut seminggu"),
    ("desa V kec. X", "air pdam di desa {v} kec. {x} mati sudah 3 hari"),
    ("CAPS", "ASSALAMUALAIKUM PAK, JALAN DI DESA {V} KEC. {X} RUSAK PARAH SUDAH 5 TAHUN"),
    ("bare X", "sekolah SD di {x} atapnya bocor, anak2 belajar di teras"),
    ("bare X after", "air pdam mati sudah 3 hari di {x}, kami beli air galon"),
    ("X Y", "puskesmas di {x} {y} tidak ada dokter"),
    ("bare Y", "KTP saya belum jadi sudah 3 bulan di dukcapil {y}"),
    ("kab. Y", "mohon bantuan pak, di {kk} {y} banyak jalan berlubang tidak ada perbaikan"),
    ("bare V", "warga {v} belum dapat bansos padahal sudah didata"),
    ("run-on, place last", "tolong pak jembatan putus anak sekolah tidak bisa lewat harus memutar jauh sekali sudah "
                           "lapor kepala desa tapi tidak ada tindakan sampai sekarang padahal warga sudah gotong "
                           "royong menimbun lubang dengan batu dan tanah tapi kalau hujan hancur lagi, lokasi di "
                           "{x} {y}"),
)


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _bare(name: str) -> str:
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _slip(name: str, rnd: random.Random) -> str:
    """One letter dropped, as a thumb does."""
    if len(name) < 6:
        return name
    i = rnd.randrange(2, len(name) - 1)
    return name[:i] + name[i + 1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=0, help="print up to this many misses per template")
    parser.add_argument("--root", default=str(ROOT), help="project checkout whose code is benched")
    args = parser.parse_args()
    sys.path.insert(0, args.root)
    from bot.understanding.agencies import AgencyCatalog
    from bot.understanding.regions import RegionIndex

    with open(REGIONS / "regencies.csv", newline="", encoding="utf-8") as f:
        regencies = {r["code"]: r["name"] for r in csv.DictReader(f)}
    districts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(REGIONS / "districts.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            districts[r["regency_code"]].append((r["code"], r["name"]))
    villages: dict[str, list[str]] = defaultdict(list)
    with open(REGIONS / "villages.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            villages[r["district_code"]].append(r["name"])
    # which kabupaten have a kabupaten/kecamatan (big) or any place (all) of a name
    big: dict[str, set[str]] = defaultdict(set)
    for code, name in regencies.items():
        big[_key(_bare(name))].add(code)
    for code, ds in districts.items():
        for _, name in ds:
            big[_key(name)].add(code)
    every: dict[str, set[str]] = defaultdict(set, {k: set(v) for k, v in big.items()})
    for dcode, names in villages.items():
        for name in names:
            every[_key(name)].add(dcode[:5])

    regions = RegionIndex.default()
    catalog = AgencyCatalog.default()
    rnd = random.Random(args.seed)
    typed_n: Counter[str] = Counter()
    typed_bad: Counter[str] = Counter()
    story_n: Counter[str] = Counter()
    story_bad: Counter[str] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    for code, name in regencies.items():
        dcode, x = rnd.choice(districts[code])
        v = rnd.choice(villages[dcode]) if villages[dcode] else x
        y = _bare(name)
        kota = name.startswith("Kota")
        words = {"x": x, "v": v, "y": y, "X": x.upper(), "V": v.upper(), "Y": y.upper(),
                 "kk": "kota" if kota else "kab.", "KK": "KOTA" if kota else "KAB.", "slip": _slip(y, rnd)}
        for label, template in TYPED:
            text = template.format(**words)
            typed_n[label] += 1
            found = regions.resolve(text)
            if found.best is not None:
                got = found.best.region.code
                ok = got[:5] == code or got == code[:2]
            else:
                ok = any(o.region.code[:5] == code for o in found.options)
            if not ok:
                typed_bad[label] += 1
                if len(shown[label]) < args.show:
                    got = found.best.region.code if found.best else [o.region.code for o in found.options]
                    shown[label].append(f"{text!r} expected={code} got={got}")
        for label, template in STORIES:
            if "{x}" in template.lower() and "{y}" not in template and "{v}" not in template.lower() \
                    and big[_key(x)] != {code}:
                continue
            if "{v}" in template and "{x}" not in template and every[_key(v)] != {code}:
                continue
            if label == "bare Y" and len(big[_key(y)]) > 1:
                continue
            text = template.format(**words)
            story_n[label] += 1
            first = catalog.suggest(text)[:1]
            region = first[0].agency.region_code if first else None
            if region and not (region == code or region == code[:2] or region.startswith(code + ".")):
                story_bad[label] += 1
                if len(shown[label]) < args.show:
                    shown[label].append(f"{text[:80]!r} expected={code} got={first[0].agency.code}")
    print(f"code: {args.root}  seed {args.seed}")
    print("typed places (RegionIndex.resolve): wrong or without the right kabupaten")
    for label, _ in TYPED:
        print(f"  {label:20s} {typed_bad[label]:3d} / {typed_n[label]}")
    print("stories with the place inside (AgencyCatalog.suggest): first office in another kabupaten")
    for label, _ in STORIES:
        print(f"  {label:20s} {story_bad[label]:3d} / {story_n[label]}")
    total_t, total_s = sum(typed_n.values()), sum(story_n.values())
    print(f"typed {100 * sum(typed_bad.values()) / total_t:4.1f}% of {total_t} wrong; "
          f"stories {100 * sum(story_bad.values()) / total_s:4.1f}% of {total_s} in the wrong kabupaten")
    for label, lines in shown.items():
        if not lines:
            continue
        print(f"-- {label}")
        for line in lines:
            print("  " + line)


if __name__ == "__main__":
    main()
