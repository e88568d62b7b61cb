"""Bench 'never the wrong kabupaten', end to end: where a complaint is routed when the conversation is done.

Run from the project root:  .venv/bin/python bench/routed.py [--failures] [--only SET] [--root DIR]

bench/agency_region.py ranks agencies from a story alone (or a story and a typed place); bench/story_place.py
measures what the story reader fills without asking. This one follows the complaint flow (flows/complaint.py) step
by step with the real reader and resolver, and a citizen modelled as simply as the labels allow:

1. The first message is read (bot/understanding/story.read_story, a national deployment). A place it fills surely
   (confidence >= 0.7) is kept: "Di mana kejadiannya?" is skipped.
2. Otherwise the question is asked. The places the story named, offered as buttons (one kecamatan, or one place of
   each kabupaten/kota the story read), are tapped when one lies in the citizen's kabupaten (otherwise they type).
   What they type is the set's `location_text` when it has one, else the kecamatan and desa the story named, from the
   set's `.places.csv` ("desa X kec Y", the writer's own record of the places each story names); a story that named
   none answers nothing the bot can place.
3. The typed place is resolved as the location step does (looked for first in the kabupaten the story named); among
   same-named places — the one in the kabupaten/kota of the office the story reads listed first, looked for there
   when the list of five left it out — the citizen taps the one in their kabupaten, if listed. When that leaves the
   place unknown (a name the bot does not know, or the list refused), the area question is asked once
   (flows/validators.area): the citizen types the desa and kecamatan the story named unless that is what they typed
   already; its list, less the places refused, is tapped or refused the same way. (`--no-area`: the model before
   2026-12-08, which stopped before that question.) A province tapped in step 2 asks the area too (its desa and
   kecamatan, else the `location_text`); the province stays when the answer places nothing (`--province-kept`: the
   model before that, with the province the place).
4. The agency the story filled surely is kept; otherwise the one suggestion the agency question shows (the first,
   when its score reaches flows/validators.agency_suggestion's 60, and when the place is still unknown not an office
   of a kabupaten/kota whose offered or listed place the citizen passed over, nor the own office of its province)
   is taken; with a province the place, not an office of a kabupaten/kota offered beside it either.

Per set: the share of complaints routed to the labelled office, routed to an office in another kabupaten/kota (a
province office of the same province or a ministry is not counted), and left with no office (the citizen answers
"tidak tahu" and staff route it). Only sets with a `.places.csv` are benched (the older sets recorded their places
otherwise). The unseen sets (agency_region.UNSEEN) are reported as their own group, totals only; `--failures` prints
the seen sets' complaints routed to another kabupaten. The citizen model is
an assumption: people do not always tap their own place or type the places they wrote.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SURE = 0.7  # the confidence at which the flow skips a filled step (bot/understanding/story.py)
SHOWN = 60  # the score at which the agency question shows a suggestion (flows/validators.agency_suggestion)


def _answer(places: list[tuple[str, str]]) -> str:
    """What the citizen types at "Di mana kejadiannya?" when they type the places their story named."""
    desa = [name for level, name in places if level == "desa"]
    kec = [name for level, name in places if level == "kec"]
    parts = ([f"desa {desa[0]}"] if desa else []) + ([f"kec {kec[0]}"] if kec else [])
    return " ".join(parts)


def _passed_over(agency: str, offered: list[dict[str, str]]) -> bool:
    """Whether an office lies in a kabupaten/kota (or province) offered and not tapped, or is the own office of a
    province one of them lies in (validators.passed_over)."""
    region = agency.rpartition("-")[0]
    if region and "." not in region:  # a province's own office: in the province of any place passed over
        return any(o["code"].split(".")[0] == region for o in offered)
    areas = {".".join(o["code"].split(".")[:2]) for o in offered}
    return bool(region) and any(region == a or region.startswith(a + ".") for a in areas)


def _guess_first(places: Any, agencies: Any, story: str, typed: str, listed: list[str]) -> list[str]:
    """The same-named places as the location step lists them: the one in the kabupaten/kota of the office the
    story reads first, looked for there when a cut list left it out (validators.guess_listed_first)."""
    shown = agencies.suggest(story, None)
    if not shown or shown[0].score < SHOWN or not shown[0].region or "." not in shown[0].region:
        return listed
    area = ".".join(shown[0].region.split(".")[:2])
    inside = [c for c in listed if c == area or c.startswith(area + ".")]
    if not inside and len(listed) >= 5:
        again = places.resolve(typed, area)
        there = next((p.code for p in (again.best, *again.options) if p is not None and p.code.startswith(area + ".")),
                     None)
        if there is not None:
            inside, listed = [there], listed[:4]
    return [*inside, *(c for c in listed if c not in inside)]


def _area(places: Any, agencies: Any, story: str, typed: str, said: str, expected: str, story_region: str | None,
          refused: list[str], guess_first: bool) -> tuple[str | None, list[str]]:
    """The area question (flows/validators.area), asked once when the answer left the place unknown: the citizen
    types the desa and kecamatan their story named, unless that is what they typed already ("gak tau" then). Of the
    same-named places it lists, less those refused before, the citizen taps theirs when listed, else refuses them
    (returned, to be passed over)."""
    if not said or said.casefold() == typed.casefold():
        return None, []
    got = places.resolve(said, story_region)
    if got.best is not None:
        return got.best.code, []
    listed = [o.code for o in got.options]
    if not story_region and guess_first:
        listed = _guess_first(places, agencies, story, said, listed)
    listed = [code for code in listed if code not in refused]
    region = next((code for code in listed if code[:5] == expected), None)
    return region, [] if region else listed


def _named_places(path: Path) -> dict[int, list[tuple[str, str]]]:
    """The kecamatan and desa each row names, from a set's sidecar file."""
    named: dict[int, list[tuple[str, str]]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            named.setdefault(int(row["row"]), []).append((row["level"], row["name"]))
    return named


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="print the seen sets' complaints routed elsewhere")
    parser.add_argument("--only", help="bench one story set only")
    parser.add_argument("--root", default=str(HERE.parent), help="project checkout whose code is benched")
    parser.add_argument("--no-area", action="store_true",
                        help="the older model: no answer to the area question (step 3 of the model stops there)")
    parser.add_argument("--province-kept", action="store_true",
                        help="the older model: a province tapped stays the place, its area not asked, a kota "
                             "offered beside it not passed over")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from agency_region import DATA, SETS, UNSEEN, _wrong_kabupaten
    from story_place import story_reader

    read, agencies, places = story_reader(args.root)
    from flows import validators  # the checkout's own: older ones list the same-named places in the resolver's order

    guess_first = hasattr(validators, "guess_listed_first")
    asks_area = not args.no_area
    print(f"code: {args.root}")
    totals = {"seen": [0] * 6, "unseen": [0] * 6}  # complaints, right, elsewhere, none, asked where, answered
    area_placed = 0  # of them placed by the answer to the area question
    for name, filename in SETS:
        sidecar = DATA / filename.replace(".csv", ".places.csv")
        if (args.only and name != args.only) or not (DATA / filename).exists() or not sidecar.exists():
            continue
        named = _named_places(sidecar)
        with open(DATA / filename, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        n = right = elsewhere = none = asked = answered = 0
        for number, row in enumerate(rows, start=1):
            story, expected = row["story"], row["expected_regency_code"]
            found = read(story)
            n += 1
            where = found.answers.get("location") or {}
            region = where.get("region") if found.confidence.get("location", 0.0) >= SURE else None
            offered: list[dict[str, str]] = []
            if not region:
                asked += 1
                offer = found.answers.get("suggested_place")
                offered = [offer, *offer.get("others", ())] if offer else []
                tapped = next((o["code"] for o in offered
                               if o["code"].startswith(expected) or o["code"] == expected[:2]), None)
                if tapped:
                    region = tapped
                    if "." not in tapped and asks_area and not args.province_kept:
                        # a province tapped: its desa or kecamatan is asked once (flows/validators.location); the
                        # citizen types the places their story named, else their location_text
                        said = _answer(named.get(number, [])) or row["location_text"].strip()
                        placed, _ = _area(places, agencies, story, "", said, expected,
                                          found.answers.get("story_region"), [], guess_first)
                        region = placed or tapped
                        area_placed += placed is not None
                else:
                    typed = row["location_text"].strip() or _answer(named.get(number, []))
                    refused: list[str] = []  # the same-named places listed and refused
                    if typed:
                        story_region = found.answers.get("story_region")
                        got = places.resolve(typed, story_region)
                        if got.best is not None:
                            region = got.best.code
                        else:  # the bot lists the same-named places; the citizen taps the one where they are
                            listed = [o.code for o in got.options]
                            if not story_region and guess_first:
                                listed = _guess_first(places, agencies, story, typed, listed)
                            region = next((code for code in listed if code[:5] == expected), None)
                            if region is None:  # ...or refuses them all ("Tidak ada di daftar")
                                refused = listed
                                offered = [*offered, *({"code": code} for code in listed)]
                        if region is None and asks_area:
                            region, more = _area(places, agencies, story, typed, _answer(named.get(number, [])),
                                                 expected, story_region, refused, guess_first)
                            offered = [*offered, *({"code": code} for code in more)]
                            area_placed += region is not None
                answered += region is not None
            agency = found.answers.get("agency") if found.confidence.get("agency", 0.0) >= SURE else None
            if not agency:
                shown = agencies.suggest(story, region)
                agency = shown[0].code if shown and shown[0].score >= SHOWN else None
                province = region is not None and "." not in region and not args.province_kept
                if agency and (region is None or province) and _passed_over(
                        agency, [o for o in offered if o["code"] != region]):
                    agency = None  # (with a province tapped, not a kota's office offered beside it)
            if agency is None:
                none += 1
                continue
            right += agency == row["expected_agency_code"]
            office_region = agency.rpartition("-")[0]
            bad = bool(office_region) and office_region[0].isdigit() and _wrong_kabupaten(office_region, expected)
            elsewhere += bad
            if bad and args.failures and (name not in UNSEEN or args.only == name):
                print(f"  {name}: {story[:100]!r} loc={row['location_text']!r} region={region} got={agency} "
                      f"expected={row['expected_agency_code']}")
        group = totals["unseen" if name in UNSEEN else "seen"]
        group[:] = [a + b for a, b in zip(group, (n, right, elsewhere, none, asked, answered), strict=True)]
        print(f"{name:9s} complaints={n:3d}  routed right {100 * right / n:5.1f}%  to another kabupaten "
              f"{elsewhere:2d} ({100 * elsewhere / n:4.1f}%)  no office {100 * none / n:5.1f}%  "
              f"(asked where {asked}, placed by the answer {answered})")
    if asks_area:
        print(f"placed by the answer to the area question (all sets): {area_placed}")
    for label, (n, right, elsewhere, none, asked, answered) in totals.items():
        if n:
            print(f"{label:9s} complaints={n}  routed right {100 * right / n:5.2f}%  to another kabupaten {elsewhere} "
                  f"({100 * elsewhere / n:.2f}%)  no office {100 * none / n:5.2f}%  (asked where {asked}, placed by "
                  f"the answer {answered})")


if __name__ == "__main__":
    main()
