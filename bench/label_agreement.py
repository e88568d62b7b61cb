"""How far two people labelling the same stories agree, and how the bot's first suggestion fares against each.

A second person labelled seen story sets without seeing the first labels (bench/data/agency_stories_<set>.second.csv:
row, agency_code, regency_code, unsure; how in agency_label_agreement.NOTES.md). Their agreement is the most a bot can
be expected to reach against either labeller's set; the stories where the second labeller was sure and both agree are
the clear ones, where every miss is the bot's.

    .venv/bin/python bench/label_agreement.py [--sets blind30,blind34,blind38,blind40]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
SETS = ("blind30", "blind34", "blind38", "blind40")  # this prints totals only, no story


def _rows(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _first(catalog, regions, row: dict[str, str]) -> str | None:
    """The bot's first suggestion for a story, its location answer resolved as bench/agency_region.py does."""
    region = None
    if row["location_text"].strip():
        read = catalog.story_places(row["story"])
        home = read[0][:5] if len(read) == 1 and len(read[0]) >= 5 else None
        found = regions.resolve(row["location_text"], home)
        if found.best is not None:
            region = found.best.region.code
        else:  # the citizen taps their own among the same-named places
            region = next((o.region.code for o in found.options
                           if o.region.code[:5] == row["expected_regency_code"]), None)
    got = catalog.suggest(row["story"], region=region)
    return got[0].agency.code if got else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bot.understanding.agencies import AgencyCatalog
    from bot.understanding.regions import RegionIndex

    catalog, regions = AgencyCatalog.default(), RegionIndex.default()

    def kind(code: str) -> str:
        agency = catalog.get(code)
        return agency.kind if agency is not None and agency.kind else code

    total: dict[str, int] = {}
    for name in args.sets.split(","):
        first = _rows(DATA / f"agency_stories_{name}.csv")
        second = _rows(DATA / f"agency_stories_{name}.second.csv")
        assert [int(r["row"]) for r in second] == list(range(1, len(first) + 1)), name
        c = dict.fromkeys(("n", "agency", "kind", "regency", "bot_first", "bot_second", "bot_either",
                           "sure", "sure_agree", "clear_bot"), 0)
        for a, b in zip(first, second, strict=True):
            bot = _first(catalog, regions, a)
            c["n"] += 1
            c["agency"] += a["expected_agency_code"] == b["agency_code"]
            c["kind"] += kind(a["expected_agency_code"]) == kind(b["agency_code"])
            c["regency"] += a["expected_regency_code"] == b["regency_code"]
            c["bot_first"] += bot == a["expected_agency_code"]
            c["bot_second"] += bot == b["agency_code"]
            c["bot_either"] += bot in (a["expected_agency_code"], b["agency_code"])
            if not b["unsure"].strip():
                c["sure"] += 1
                if a["expected_agency_code"] == b["agency_code"]:
                    c["sure_agree"] += 1
                    c["clear_bot"] += bot == a["expected_agency_code"]
        for k, v in c.items():
            total[k] = total.get(k, 0) + v
        _print(name, c)
    if len(args.sets.split(",")) > 1:
        _print("all", total)


def _print(name: str, c: dict[str, int]) -> None:
    """One set's line of percentages."""
    def pct(k: str, of: str = "n") -> str:
        return f"{100 * c[k] / c[of]:5.1f}%" if c[of] else "  —  "
    print(f"{name:8s} stories={c['n']:3d}  labellers agree: agency {pct('agency')} kind {pct('kind')} "
          f"kabupaten {pct('regency')} | bot's first = first labels {pct('bot_first')}, = second {pct('bot_second')}, "
          f"= either {pct('bot_either')} | second sure {c['sure']}, of them agreeing {pct('sure_agree', 'sure')}; "
          f"clear stories {c['sure_agree']}: bot right {pct('clear_bot', 'sure_agree')}")


if __name__ == "__main__":
    main()
