"""Our codes → the central systems' ids, loaded from a YAML file an operator maintains."""

from __future__ import annotations

import logging
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.forwarding.central.base import MappingError

log = logging.getLogger(__name__)

RemoteId = int | str  # LAPOR! ids are numbers in observed code; keep strings possible for other systems


class MappingFileError(ValueError):
    """The mapping file is missing, unreadable or wrongly shaped; the message says where."""


@dataclass(frozen=True)
class CategoryTarget:
    """Where one of our categories lands on each central system."""

    lapor_id: RemoteId | None = None
    open311_code: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class LaporSettings:
    """Fixed fields of the LAPOR! V3 complaint body (see domain.md §1.2)."""

    user_id: RemoteId
    channel_id: RemoteId
    channels: Mapping[str, RemoteId] = field(default_factory=dict)  # per chat channel override
    is_inbox: bool = True
    is_priority: bool = False
    tags_raw: str = "#laporbot"
    default_category_id: RemoteId | None = None
    default_disposition_id: RemoteId | None = None


@dataclass(frozen=True)
class Open311Settings:
    """Open311 choices the spec leaves to each server."""

    default_service_code: str | None = None
    default_address_string: str | None = None
    reference_attribute: str = "reference"
    supports_reference_lookup: bool = False


@dataclass(frozen=True)
class CentralMapping:
    """The whole mapping file, with lookups that fail loudly on unmapped codes."""

    classifications: Mapping[str, RemoteId]
    categories: Mapping[str, CategoryTarget]
    agencies: Mapping[str, RemoteId]
    regions: Mapping[str, RemoteId]
    lapor: LaporSettings | None = None
    open311: Open311Settings = field(default_factory=Open311Settings)

    def lapor_classification(self, code: str) -> RemoteId:
        """LAPOR! classification_id for pengaduan/aspirasi/informasi."""
        try:
            return self.classifications[code]
        except KeyError:
            raise MappingError(f"classification {code!r} has no LAPOR! classification_id") from None

    def lapor_category(self, code: str | None) -> RemoteId | None:
        """LAPOR! category_id; the configured default for no/unknown category (admins re-categorise)."""
        target = self.categories.get(code) if code else None
        if target is not None and target.lapor_id is not None:
            return target.lapor_id
        default = self.lapor.default_category_id if self.lapor else None
        if code and default is None:
            raise MappingError(f"category {code!r} has no LAPOR! category_id and no default is set")
        if code:
            log.warning("category %r has no LAPOR! id; using the default category", code)
        return default

    def lapor_disposition(self, agency: str | None) -> RemoteId | None:
        """LAPOR! disposition_id for the target agency, else the default (None lets LAPOR! admins route)."""
        if agency:
            if agency in self.agencies:
                return self.agencies[agency]
            raise MappingError(f"agency {agency!r} has no LAPOR! disposition_id")
        return self.lapor.default_disposition_id if self.lapor else None

    def lapor_location(self, region: str | None) -> RemoteId | None:
        """LAPOR! location_id for a Kemendagri region code, trying parents (31.71.01 → 31.71 → 31)."""
        code = (region or "").strip()
        while code:
            if code in self.regions:
                return self.regions[code]
            code = code.rpartition(".")[0]
        return None  # optional in LAPOR!: an unmapped region is simply left out

    def lapor_channel(self, channel: str) -> RemoteId:
        """LAPOR! channel id for our chat channel."""
        if self.lapor is None:
            raise MappingError("the mapping file has no 'lapor' section")
        return self.lapor.channels.get(channel, self.lapor.channel_id)

    def open311_service_code(self, code: str | None) -> str:
        """Open311 service_code for our category, else the configured default."""
        target = self.categories.get(code) if code else None
        if target is not None and target.open311_code:
            return target.open311_code
        if self.open311.default_service_code:
            return self.open311.default_service_code
        raise MappingError(f"category {code!r} has no Open311 service_code and no default is set")


# --------------------------------------------------------------------------- checking


CLASSIFICATIONS = ("pengaduan", "aspirasi", "informasi")


def unmatched_keys(mapping: CentralMapping, categories: Iterable[str], region_codes: Container[str]) -> list[str]:
    """Mapping keys that name no category, classification or Kemendagri region of ours: dead entries that
    silently send complaints to the default (e.g. `jalan_rusak` when our category is `infrastruktur`)."""
    known = set(categories)
    found = [f"categories.{code}: no such category (ours: {', '.join(sorted(known))})"
             for code in mapping.categories if code not in known]
    found += [f"classifications.{code}: no such classification (ours: {', '.join(CLASSIFICATIONS)})"
              for code in mapping.classifications if code not in CLASSIFICATIONS]
    found += [f"regions.{code}: no such Kemendagri region code" for code in mapping.regions
              if code not in region_codes]
    return found


# --------------------------------------------------------------------------- loading


def load_mapping(path: str | Path) -> CentralMapping:
    """Read and validate a mapping YAML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MappingFileError(f"{path}: cannot read mapping file ({exc.strerror or exc})") from exc
    import yaml  # here: a server with no mapping file never loads the YAML parser (~0.8 MB resident)

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise MappingFileError(f"{path}:{where} invalid YAML") from exc
    return parse_mapping(data, source=str(path))


_TOP_KEYS = {"lapor", "open311", "classifications", "categories", "agencies", "regions"}
_LAPOR_KEYS = {
    "user_id", "channel_id", "channels", "is_inbox", "is_priority", "tags_raw",
    "default_category_id", "default_disposition_id",
}
_OPEN311_KEYS = {"default_service_code", "default_address_string", "reference_attribute",
                 "supports_reference_lookup"}
_CATEGORY_KEYS = {"lapor", "open311", "name"}


def parse_mapping(data: Any, source: str = "<mapping>") -> CentralMapping:
    """Validate already-parsed YAML/JSON data into a CentralMapping."""
    if data is None:
        data = {}
    top = _section(data, source, "", _TOP_KEYS)
    lapor_raw = top.get("lapor")
    lapor = _parse_lapor(lapor_raw, source) if lapor_raw is not None else None
    open311 = _parse_open311(top.get("open311"), source)
    categories: dict[str, CategoryTarget] = {}
    for code, value in _table(top.get("categories"), source, "categories").items():
        where = f"categories.{code}"
        if isinstance(value, dict):
            entry = _section(value, source, where, _CATEGORY_KEYS)
            categories[code] = CategoryTarget(
                lapor_id=_remote_id(entry.get("lapor"), source, f"{where}.lapor", optional=True),
                open311_code=_text(entry.get("open311"), source, f"{where}.open311"),
                name=_text(entry.get("name"), source, f"{where}.name"),
            )
        else:
            # shorthand `code: 436` means a LAPOR! id only
            categories[code] = CategoryTarget(lapor_id=_remote_id(value, source, where))
    return CentralMapping(
        classifications=_ids(top.get("classifications"), source, "classifications"),
        categories=categories,
        agencies=_ids(top.get("agencies"), source, "agencies"),
        regions=_ids(top.get("regions"), source, "regions"),
        lapor=lapor,
        open311=open311,
    )


def _fail(source: str, where: str, problem: str) -> MappingFileError:
    """An error naming the file and the dotted key path."""
    return MappingFileError(f"{source}: {where or '(top level)'}: {problem}")


def _section(value: Any, source: str, where: str, allowed: set[str]) -> dict[str, Any]:
    """A mapping whose keys must all be known (catches typos such as 'catgories')."""
    if not isinstance(value, dict):
        raise _fail(source, where, f"expected a mapping, got {type(value).__name__}")
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        expected = ", ".join(sorted(allowed))
        raise _fail(source, where, f"unknown key(s) {', '.join(unknown)}; expected {expected}")
    return value


def _table(value: Any, source: str, where: str) -> dict[str, Any]:
    """A code → value table with string keys (int keys are converted; float keys are ambiguous)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(source, where, f"expected a mapping, got {type(value).__name__}")
    table: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(key, bool) or isinstance(key, float):
            # YAML reads 31.10 as the float 31.1: the code would silently change
            raise _fail(source, f"{where}.{key}", "quote this code so YAML keeps it as text")
        if not isinstance(key, str | int):
            raise _fail(source, f"{where}.{key}", "codes must be text")
        table[str(key).strip()] = item
    return table


def _ids(value: Any, source: str, where: str) -> dict[str, RemoteId]:
    """A code → remote id table."""
    table = _table(value, source, where)
    return {code: _remote_id(item, source, f"{where}.{code}") for code, item in table.items()}


def _remote_id(value: Any, source: str, where: str, optional: bool = False) -> Any:
    """A remote id: a whole number or non-empty text."""
    if value is None and optional:
        return None
    blank = isinstance(value, str) and not value.strip()
    if isinstance(value, bool) or not isinstance(value, int | str) or blank:
        raise _fail(source, where, f"expected a numeric id or text id, got {value!r}")
    return value.strip() if isinstance(value, str) else value


def _text(value: Any, source: str, where: str) -> str | None:
    """Optional text (numbers are accepted and turned into text, e.g. service_code 001 quoted or not)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _fail(source, where, f"expected text, got {value!r}")
    return str(value).strip() or None


def _flag(value: Any, source: str, where: str, default: bool) -> bool:
    """An optional yes/no."""
    if value is None:
        return default
    if not isinstance(value, bool):
        raise _fail(source, where, f"expected true or false, got {value!r}")
    return value


def _parse_lapor(value: Any, source: str) -> LaporSettings:
    """The 'lapor' section."""
    section = _section(value, source, "lapor", _LAPOR_KEYS)
    for required in ("user_id", "channel_id"):
        if section.get(required) is None:
            raise _fail(source, f"lapor.{required}", "is required")
    return LaporSettings(
        user_id=_remote_id(section["user_id"], source, "lapor.user_id"),
        channel_id=_remote_id(section["channel_id"], source, "lapor.channel_id"),
        channels=_ids(section.get("channels"), source, "lapor.channels"),
        is_inbox=_flag(section.get("is_inbox"), source, "lapor.is_inbox", True),
        is_priority=_flag(section.get("is_priority"), source, "lapor.is_priority", False),
        tags_raw=_text(section.get("tags_raw"), source, "lapor.tags_raw") or "",
        default_category_id=_remote_id(
            section.get("default_category_id"), source, "lapor.default_category_id", optional=True
        ),
        default_disposition_id=_remote_id(
            section.get("default_disposition_id"), source, "lapor.default_disposition_id", optional=True
        ),
    )


def _parse_open311(value: Any, source: str) -> Open311Settings:
    """The optional 'open311' section."""
    if value is None:
        return Open311Settings()
    section = _section(value, source, "open311", _OPEN311_KEYS)
    return Open311Settings(
        default_service_code=_text(
            section.get("default_service_code"), source, "open311.default_service_code"
        ),
        default_address_string=_text(
            section.get("default_address_string"), source, "open311.default_address_string"
        ),
        reference_attribute=_text(section.get("reference_attribute"), source, "open311.reference_attribute")
        or "reference",
        supports_reference_lookup=_flag(
            section.get("supports_reference_lookup"), source, "open311.supports_reference_lookup", False
        ),
    )
