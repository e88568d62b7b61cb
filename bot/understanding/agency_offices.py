"""The agencies themselves: a deployment's CSV read, and the standard regional offices made from the nomenclature."""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.understanding.keywords import Entry, KindInfo, PhraseIndex, split_alias
from bot.understanding.normalize import tokenize
from bot.understanding.region_codes import RegionCodeError, typed_region
from bot.understanding.regions import Region, RegionIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Agency:
    """A government body a complaint can be addressed to."""

    code: str
    name: str
    level: str  # pusat / provinsi / kabupaten / kota / vertikal
    region_code: str | None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    kind: str | None = None  # nomenclature type, e.g. "dinkes"
    category: str | None = None


def read_agencies_csv(path: str | Path, nomenclature: Sequence[KindInfo]) -> list[Agency]:
    """Read agencies from CSV, inferring the kind from the name when the column is missing or empty."""
    kind_index = PhraseIndex()
    for info in nomenclature:
        for alias in info.aliases:
            kind_index.add(split_alias(alias)[0], Entry(info.kind, "alias", 4.0, info.category))
    categories = {k.kind: k.category for k in nomenclature}
    agencies = []
    with open(path, newline="", encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            name = row["name"].strip()
            try:  # region_code may be written bps:5203 or kemendagri:52.03; plain codes are Kemendagri
                region, read = typed_region(row.get("region_code"))
            except RegionCodeError as error:
                raise ValueError(f"{path}:{line}: region_code {error}") from None
            if read is not None and read.system == "bps":
                log.info("%s:%d: region_code %s", path, line, read.describe())
            kind = (row.get("kind") or "").strip() or _infer_kind(kind_index, name)
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
            agencies.append(Agency(
                code=row["code"].strip(), name=name, level=(row.get("level") or "").strip(),
                region_code=region,
                aliases=(name, *aliases), parent=(row.get("parent") or "").strip() or None, kind=kind,
                category=(row.get("category") or "").strip() or categories.get(kind or "")))
    return agencies


def _infer_kind(index: PhraseIndex, name: str) -> str | None:
    """Kind of an agency from its name ('Dinas Kesehatan Kota X' -> 'dinkes'); longest alias wins."""
    hits = index.find(tokenize(name, slang=True), fuzzy=False)
    if not hits:
        return None
    best = max(hits, key=lambda h: (h.end - h.start, -h.start))
    return best.entry.target


def _region_title(region: Region) -> str:
    """How an agency name refers to its region: 'Kabupaten Lombok Timur', 'Provinsi Bali'."""
    return "Provinsi " + region.name if region.level == "province" else region.name


def build_regional_agencies(regions: RegionIndex, nomenclature: Sequence[KindInfo]) -> list[Agency]:
    """Generate the standard regional bodies of every province and regency/city from the nomenclature."""
    return list(RegionalOffices(regions, nomenclature))


class RegionalOffices:
    """The standard offices of every province and kabupaten/kota, made from the nomenclature when asked for.

    Code '<region code>-<kind>'; 'Dinas Kesehatan Kabupaten Lombok Timur'. Jakarta's administrative cities have the
    province's 'Suku Dinas' instead, and none where the province runs it (no BPBD/PDAM there).
    """

    def __init__(self, regions: RegionIndex, nomenclature: Sequence[KindInfo]) -> None:
        self.regions = regions
        self._nomenclature = list(nomenclature)
        self._info = {info.kind: info for info in self._nomenclature}
        # one alias tuple per kind, shared by its ~550 offices
        self._aliases = {info.kind: tuple(split_alias(a)[0] for a in info.aliases) for info in self._nomenclature}
        self.kinds = frozenset(info.kind for info in self._nomenclature
                               if {"prov", "kab", "kota"} & set(info.levels) and (info.name or info.dki_name))
        self._made: dict[str, Agency | None] = {}  # asked for already (a few hundred in a day's chats)

    def get(self, code: str) -> Agency | None:
        """The office with this code, or None."""
        if code in self._made:
            return self._made[code]
        region_code, _, kind = code.partition("-")
        region = self.regions.get(region_code)
        info = self._info.get(kind)
        made = self._make(region, info) if region is not None and info is not None else None
        if len(self._made) >= 4096:
            self._made.clear()  # the offices of the places being talked about come back soon enough
        self._made[code] = made
        return made

    def in_region(self, region_code: str) -> list[Agency]:
        """The offices of one province or kabupaten/kota, in the nomenclature's order."""
        region = self.regions.get(region_code)
        if region is None:
            return []
        return [a for info in self._nomenclature if (a := self._make(region, info)) is not None]

    def __iter__(self) -> Iterator[Agency]:
        for region in [*self.regions.of_level("province"), *self.regions.of_level("regency")]:
            for info in self._nomenclature:
                agency = self._make(region, info)
                if agency is not None:
                    yield agency

    def _make(self, region: Region, info: KindInfo) -> Agency | None:
        """The office of this kind in this region, or None where there is none."""
        if region.level not in ("province", "regency"):
            return None
        # Jakarta's cities are administrative: their offices are 'Suku Dinas' of the province's
        is_dki_city = region.level == "regency" and region.code.startswith("31.")
        if region.level == "province":
            tier, level = "prov", "provinsi"
        elif region.name.startswith("Kota"):
            tier, level = "kota", "kota"
        else:
            tier, level = "kab", "kabupaten"
        if tier not in info.levels:
            return None
        base = info.dki_name if is_dki_city else info.name
        if not base:
            return None  # e.g. no BPBD/PDAM in Jakarta's administrative cities: the province runs them
        if info.parent:
            parent, agency_level = info.parent, "vertikal"
        elif info.kind == "pemda":
            parent, agency_level = (None if region.level == "province" else f"{region.parent}-pemda"), level
        elif is_dki_city:
            parent, agency_level = f"31-{info.kind}", level
        else:
            parent, agency_level = f"{region.code}-pemda", level
        return Agency(f"{region.code}-{info.kind}", f"{base} {_region_title(region)}", agency_level, region.code,
                      self._aliases[info.kind], parent, info.kind, info.category)


class Offices:
    """Offices by code: the ones held (central bodies, a deployment's CSV) before the standard regional ones."""

    def __init__(self, regional: RegionalOffices | None) -> None:
        self.held: dict[str, Agency] = {}
        self._regional = regional

    def get(self, code: str, default: Agency | None = None) -> Agency | None:
        """The office with this code, or default."""
        found = self.held.get(code)
        if found is None and self._regional is not None:
            found = self._regional.get(code)
        return found if found is not None else default

    def __getitem__(self, code: str) -> Agency:
        found = self.get(code)
        if found is None:
            raise KeyError(code)
        return found

    def values(self) -> Iterator[Agency]:
        """Every office: the held ones, then the regional ones no held one replaces."""
        yield from self.held.values()
        if self._regional is not None:
            yield from (a for a in self._regional if a.code not in self.held)

    def __len__(self) -> int:
        return sum(1 for _ in self.values())  # counted when asked (tools, tests): nothing on a chat's path


class OfficesOfKind:
    """Offices by (kind, region code): the held ones, else the standard regional office of that kind there."""

    def __init__(self, regional: RegionalOffices | None) -> None:
        self.held: dict[tuple[str, str | None], list[Agency]] = {}
        self._regional = regional

    def get(self, key: tuple[str, str | None], default: list[Agency] | None = None) -> list[Agency] | None:
        """The offices of this kind in this region, or default."""
        held = self.held.get(key)
        if held is not None:
            return held
        kind, region = key
        if self._regional is not None and region is not None and kind in self._regional.kinds:
            made = self._regional.get(f"{region}-{kind}")
            if made is not None:
                return [made]
        return default

    def __contains__(self, key: tuple[str, str | None]) -> bool:
        return self.get(key) is not None
