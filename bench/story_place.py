"""Bench 'never the wrong kabupaten': what the bot fills from a story by itself, without asking.

Run from the project root:  .venv/bin/python bench/story_place.py [--failures] [--only SET] [--root DIR]

bench/agency_region.py measures AgencyCatalog.suggest; this measures the step before it in a conversation. The story
is read as the bot reads a first message (bot/understanding/story.read_story, a national deployment: no kabupaten of
its own), over the same labelled story sets. When read_story fills the location surely, the bot does not ask "Di
mana kejadiannya?" and routes by that place; when it fills the agency surely, the agency question is skipped too.
Per set: the share of stories whose place is filled without asking, how many of those lie outside the expected
kabupaten/kota (a province holding it counts as right), the agencies filled without asking — right, and in another
kabupaten — and the places offered as buttons at "Di mana kejadiannya?" (asked, one tap to take: one kecamatan, or
one place of each kabupaten/kota the story read) and for how many none of them lies in the expected kabupaten. For
the stories whose place is also typed apart (location_text): the typed place resolved straight to the expected
kabupaten, listed with its namesakes to pick from, or resolved elsewhere, looked for first in the kabupaten the story
named (as the location question does). The unseen sets (agency_region.UNSEEN)
are totals only; their misses are printed only when asked for by name (`--only NAME --failures`). `--root` runs
another checkout (a baseline worktree).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def story_reader(root: str) -> tuple[Callable[[str], Any], Any, Any]:
    """The bot's first-message reading of a checkout (a national deployment: no kabupaten of its own), with the
    agency catalog and the region index it reads with; `root` is put first on the path."""
    sys.path.insert(0, root)
    from bot.core.i18n import Catalog
    from bot.understanding.story import read_story, story_words
    from tests.harness import shipped_agencies, shipped_places

    words, agencies, places = story_words(Catalog.load()), shipped_agencies(), shipped_places()
    extra = {"story_places": agencies.story_places} if hasattr(agencies, "story_places") else {}  # older checkouts

    def read(story: str) -> Any:
        return read_story(story, date(2026, 12, 2), words, resolve_place=lambda t: places.resolve(t, None),
                          suggest_agency=agencies.suggest, suggest_category=agencies.category, home=None,
                          agency_category=agencies.usual_category, **extra)

    return read, agencies, places


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="print the tuning sets' places filled wrongly")
    parser.add_argument("--only", help="bench one story set only")
    parser.add_argument("--root", default=str(HERE.parent), help="project checkout whose code is benched")
    args = parser.parse_args()
    read, _, places = story_reader(args.root)
    sys.path.insert(0, str(HERE))
    from agency_region import DATA, SETS, UNSEEN, _wrong_kabupaten

    print(f"code: {args.root}")
    totals = {"seen": [0] * 10, "unseen": [0] * 10}
    for name, filename in SETS:
        if (args.only and name != args.only) or not (DATA / filename).exists():
            continue
        show = args.failures and (name not in UNSEEN or args.only == name)
        n = placed = wrong_place = filled = right = wrong_agency = offered = wrong_offer = 0
        typed_right = typed_listed = typed_wrong = 0
        with open(DATA / filename, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            story, expected = row["story"], row["expected_regency_code"]
            found = read(story)
            n += 1
            where = found.answers.get("location") or {}
            if where.get("region") and found.confidence.get("location", 0.0) >= 0.7:
                placed += 1
                code = where["region"]
                bad = not (code.startswith(expected) or code == expected[:2])
                wrong_place += bad
                if bad and show:
                    print(f"  {name}: {story[:90]!r} -> {code} {where.get('label')} expected={expected}")
            offer = found.answers.get("suggested_place")
            if offer:  # one place, or one of each kabupaten/kota read: wrong when none of them lies in it
                offered += 1
                wrong_offer += not any(o["code"].startswith(expected) or o["code"] == expected[:2]
                                       for o in (offer, *offer.get("others", ())))
            typed = row["location_text"].strip()
            if typed:
                got = places.resolve(typed, found.answers.get("story_region"))
                if got.best is not None:
                    if got.best.code.startswith(expected):
                        typed_right += 1
                    else:
                        typed_wrong += 1
                elif got.options:
                    typed_listed += 1
            agency = found.answers.get("agency")
            if agency and found.confidence.get("agency", 0.0) >= 0.7:
                filled += 1
                right += agency == row["expected_agency_code"]
                region = agency.rpartition("-")[0]
                wrong_agency += bool(region) and region[0].isdigit() and _wrong_kabupaten(region, expected)
        for i, v in enumerate((placed, wrong_place, filled, right, wrong_agency, offered, wrong_offer, typed_right,
                               typed_listed, typed_wrong)):
            totals["unseen" if name in UNSEEN else "seen"][i] += v
        print(f"{name:9s} stories={n:3d}  place filled {100 * placed / n:5.1f}% ({wrong_place} in another "
              f"kabupaten)  agency filled {100 * filled / n:5.1f}% ({right} right, {wrong_agency} in another "
              f"kabupaten)  offered {100 * offered / n:5.1f}% ({wrong_offer} in another kabupaten)")
    for label, (placed, wrong_place, filled, right, wrong_agency, offered, wrong_offer, typed_right, typed_listed,
                typed_wrong) in totals.items():
        if placed:
            print(f"{label:9s} places filled {placed}, {wrong_place} in another kabupaten "
                  f"({100 * wrong_place / placed:.1f}%); agencies filled {filled}, {right} right, "
                  f"{wrong_agency} in another kabupaten ({100 * wrong_agency / max(filled, 1):.1f}%); places offered "
                  f"{offered}, {wrong_offer} in another kabupaten ({100 * wrong_offer / max(offered, 1):.1f}%); typed "
                  f"places {typed_right} resolved right, {typed_listed} listed to pick from, {typed_wrong} elsewhere")


if __name__ == "__main__":
    main()
