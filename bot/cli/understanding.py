"""`laporbot agencies ...` and `laporbot regions ...`: try the matchers from a terminal.

    python -m bot.cli.understanding agencies match "capil lotim" [--region 52.03] [--json]
    python -m bot.cli.understanding regions match "desa rumbuk kec. sakra" [--home 52.03] [--json]

`register(subparsers)` adds the same commands to the main argparse-based `laporbot` CLI. The home
region for `regions match` defaults to $LAPORBOT_REGION.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from bot.understanding.agencies import AgencyCatalog, AgencyMatch
from bot.understanding.keywords import suggest_category
from bot.understanding.region_codes import RegionCodeError, typed_region
from bot.understanding.regions import RegionIndex


def register(subparsers: Any) -> None:
    """Add the `agencies` and `regions` sub-commands to an argparse subparsers object."""
    agencies = subparsers.add_parser("agencies", help="agency catalog: match names, suggest from a problem")
    acts = agencies.add_subparsers(dest="agencies_command", required=True)
    for name, help_text in (("match", "agencies a text names, e.g. 'capil lotim'"),
                            ("suggest", "agencies responsible for a described problem")):
        p = acts.add_parser(name, help=help_text)
        p.add_argument("text")
        p.add_argument("--region", help="region code the citizen already gave, e.g. 52.03")
        p.add_argument("--limit", type=int, default=3)
        p.add_argument("--catalog", help="deployment catalog CSV instead of the built-in one")
        p.add_argument("--json", action="store_true", help="print JSON")
        p.set_defaults(func=_agencies_match if name == "match" else _agencies_suggest)
    export = acts.add_parser("export", help="write the catalog as CSV (a starting point to edit)")
    export.add_argument("--catalog", help="catalog CSV to read instead of the built-in one")
    export.add_argument("--output", "-o", default="-", help="file to write, '-' for stdout")
    export.set_defaults(func=_agencies_export)

    regions = subparsers.add_parser("regions", help="Kemendagri regions: resolve a typed place")
    racts = regions.add_subparsers(dest="regions_command", required=True)
    p = racts.add_parser("match", help="regions a typed place names, e.g. 'desa sukamulia lotim'")
    p.add_argument("text")
    p.add_argument("--home", default=os.environ.get("LAPORBOT_REGION") or None,
                   help="deployment region ranked first (default $LAPORBOT_REGION)")
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_regions_match)
    show = racts.add_parser("show", help="a region code's name, path and children count")
    show.add_argument("code")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=_regions_show)


def _catalog(path: str | None) -> AgencyCatalog:
    """The built-in catalog or a deployment CSV."""
    return AgencyCatalog.from_csv(path) if path else AgencyCatalog.default()


def _print_agencies(matches: list[AgencyMatch], catalog: AgencyCatalog, as_json: bool, out: TextIO,
                    category: str | None = None) -> None:
    """Render agency matches as a numbered list or JSON."""
    rows = [{"code": m.agency.code, "name": m.agency.name, "region_code": m.agency.region_code,
             "level": m.agency.level, "kind": m.agency.kind, "score": m.score} for m in matches]
    if as_json:
        payload: dict[str, Any] = {"matches": rows}
        if category is not None:
            payload["category"] = category
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if not rows:
        out.write("no agency found\n")
    for i, r in enumerate(rows, 1):
        region = r["region_code"] or "-"
        out.write(f"{i}. {r['name']}  [{r['code']}]  region {region}  score {r['score']:.1f}\n")
    if category is not None:
        out.write(f"category: {category}\n")


def _agencies_match(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`agencies match`."""
    out = out or sys.stdout
    catalog = _catalog(args.catalog)
    _print_agencies(catalog.match(args.text, region=args.region, limit=args.limit), catalog, args.json, out)
    return 0


def _agencies_suggest(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`agencies suggest` (also prints the complaint category)."""
    out = out or sys.stdout
    catalog = _catalog(args.catalog)
    matches = catalog.suggest(args.text, region=args.region, limit=args.limit)
    _print_agencies(matches, catalog, args.json, out, category=suggest_category(args.text) or "lainnya")
    return 0


def _agencies_export(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`agencies export`."""
    out = out or sys.stdout
    catalog = _catalog(args.catalog)
    if args.output == "-":
        catalog.write_csv(out)
    else:
        catalog.to_csv(args.output)
    return 0


def _regions_match(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`regions match`: the resolution (resolved / ask / unknown) and the ranked candidates."""
    out = out or sys.stdout
    index = RegionIndex.default()
    resolution = index.resolve(args.text, home=args.home)
    matches = index.match(args.text, home=args.home, limit=args.limit)
    status = "resolved" if resolution.best else ("ambiguous" if resolution.options else "unknown")
    rows = [{"code": m.region.code, "name": m.region.name, "level": m.region.level,
             "label": index.label(m.region.code), "score": m.score} for m in matches]
    if args.json:
        json.dump({"status": status, "best": resolution.best.region.code if resolution.best else None,
                   "options": [o.region.code for o in resolution.options], "more": resolution.more,
                   "landmark": resolution.landmark, "matches": rows}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    out.write(f"{status}")
    if resolution.options:
        more = f" (+{resolution.more} more)" if resolution.more else ""
        out.write(f": ask between {len(resolution.options)} options{more}")
    out.write("\n")
    for i, r in enumerate(rows, 1):
        out.write(f"{i}. {r['label']}  [{r['code']}]  score {r['score']:.1f}\n")
    if resolution.landmark:
        out.write(f"landmark: {resolution.landmark}\n")
    return 0


def _regions_show(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`regions show CODE`."""
    out = out or sys.stdout
    index = RegionIndex.default()
    try:
        code, read_as = typed_region(args.code)  # bps:9601 and kemendagri:94.04 as well as plain codes
    except RegionCodeError as err:
        out.write(f"{err}\n")
        return 1
    region = index.get(code) if code else None
    if region is None:
        out.write(f"unknown region code {args.code}\n")
        return 1
    info = {"code": region.code, "name": region.name, "level": region.level, "parent": region.parent,
            "label": index.label(region.code), "children": len(index.children(region.code)),
            "read_as": read_as.describe() if read_as else f"Kemendagri {region.code}"}
    if args.json:
        json.dump(info, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(f"{info['label']}  [{region.code}]  {region.level}, {info['children']} sub-regions\n"
                  f"read as: {info['read_as']}\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the understanding commands standalone."""
    parser = argparse.ArgumentParser(prog="laporbot", description="LaporBot understanding tools")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `... | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
