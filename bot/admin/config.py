"""Who is an admin: Telegram user ids with roles, admin chats per agency, and rejection reasons.

The configuration is a YAML file (LAPORBOT_ADMINS_FILE, default data/admins.yaml) edited with
`laporbot admin …` or by hand::

    locale: id                  # the admins' language (id, en)
    triage_private: true        # super admins also get triage cards in their private chat
    admins:
      - {id: 123456789, role: super, name: Koordinator}
      - {id: 987654321, role: agency, agencies: [dinkes]}
    chats:                      # agency code (or "triage") -> group chat ids receiving its cards
      dinkes: [-1001234567890]
      triage: [-1009876543210]
    reject_reasons:             # optional; the default four are shown when absent
      - {code: bukan_wewenang}
      - {code: duplikat, label: "Laporan ganda"}

Roles: a super admin acts on every case of every agency; an agency admin on cases disposed to one of
their agencies. Every action is authorised when it is taken, from the file as it is then: the file is
re-read whenever it changed (mtime), and a file that cannot be read authorises nobody.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("laporbot.admin")

ROLES = ("super", "agency")
TRIAGE = "triage"
DEFAULT_FILE = "data/admins.yaml"
DEFAULT_REASONS = ("bukan_wewenang", "tidak_lengkap", "spam", "di_luar_cakupan")
LOCALES = ("id", "en")


class AdminConfigError(ValueError):
    """Problems in the admin file, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Admin:
    """One admin: a Telegram user id, a role and (for agency admins) the agencies they handle."""

    user_id: int
    role: str
    agencies: frozenset[str] = frozenset()
    name: str | None = None

    @property
    def is_super(self) -> bool:
        """Whether this admin sees every case."""
        return self.role == "super"


@dataclass(frozen=True)
class Reason:
    """A rejection reason: a stable code and, for configured ones, an Indonesian label."""

    code: str
    label: str | None = None


@dataclass(frozen=True)
class AdminConfig:
    """The admin configuration as it is now."""

    admins: Mapping[int, Admin] = field(default_factory=dict)
    chats: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    reasons: tuple[Reason, ...] = tuple(Reason(code) for code in DEFAULT_REASONS)
    locale: str = "id"
    triage_private: bool = True

    def admin(self, user_id: int | None) -> Admin | None:
        """The admin with this Telegram user id, if any."""
        return self.admins.get(user_id) if user_id is not None else None

    def can_act(self, user_id: int | None, agency: str | None) -> bool:
        """Whether this user may act on a case of this agency (None: not disposed yet, super admins only)."""
        admin = self.admin(user_id)
        if admin is None:
            return False
        return admin.is_super or (agency is not None and agency in admin.agencies)

    def scope(self, user_id: int | None) -> frozenset[str] | None:
        """The agencies whose cases a user sees: None for all (super), an empty set for nobody."""
        admin = self.admin(user_id)
        if admin is None:
            return frozenset()
        return None if admin.is_super else admin.agencies

    def supers(self) -> list[int]:
        """Super admins' user ids."""
        return sorted(a.user_id for a in self.admins.values() if a.is_super)

    def agency_admins(self, agency: str) -> list[int]:
        """The admins of one agency (super admins not included)."""
        return sorted(a.user_id for a in self.admins.values() if not a.is_super and agency in a.agencies)

    def chat_agencies(self, chat_id: int) -> frozenset[str]:
        """The agencies (or "triage") a group chat is configured for."""
        return frozenset(code for code, chats in self.chats.items() if chat_id in chats)

    def is_admin_chat(self, chat_id: int) -> bool:
        """Whether a group chat is one of the configured admin chats."""
        return any(chat_id in chats for chats in self.chats.values())

    def agencies(self) -> list[str]:
        """Agencies that can receive cases: with a chat or with an admin."""
        found = {code for code in self.chats if code != TRIAGE}
        for admin in self.admins.values():
            found.update(admin.agencies)
        return sorted(found)

    def targets(self, agency: str | None) -> list[tuple[int, str]]:
        """Where a case's cards and alerts go, as (chat id, audience)."""
        if agency:
            chats = self.chats.get(agency)
            if chats:
                return [(chat, "agency") for chat in chats]
            admins = self.agency_admins(agency)
            if admins:
                return [(user, "agency") for user in admins]
        # No agency (or nobody configured for it): triage, where super admins decide.
        found = [(chat, "triage") for chat in self.chats.get(TRIAGE, ())]
        if self.triage_private or not found:
            found += [(user, "super") for user in self.supers()]
        return found

    def escalation_targets(self) -> list[tuple[int, str]]:
        """Where breaches go: super admins privately, or the triage chats when there is no super admin."""
        supers = self.supers()
        if supers:
            return [(user, "super") for user in supers]
        return [(chat, "triage") for chat in self.chats.get(TRIAGE, ())]

    def reason(self, code: str) -> Reason | None:
        """A configured rejection reason by code."""
        return next((r for r in self.reasons if r.code == code), None)

    def to_data(self) -> dict[str, Any]:
        """The YAML document of this configuration."""
        data: dict[str, Any] = {"locale": self.locale, "triage_private": self.triage_private}
        admins = []
        for admin in sorted(self.admins.values(), key=lambda a: a.user_id):
            entry: dict[str, Any] = {"id": admin.user_id, "role": admin.role}
            if admin.agencies:
                entry["agencies"] = sorted(admin.agencies)
            if admin.name:
                entry["name"] = admin.name
            admins.append(entry)
        data["admins"] = admins
        data["chats"] = {code: list(chats) for code, chats in sorted(self.chats.items())}
        if tuple(r.code for r in self.reasons) != DEFAULT_REASONS or any(r.label for r in self.reasons):
            data["reject_reasons"] = [{"code": r.code, **({"label": r.label} if r.label else {})}
                                      for r in self.reasons]
        return data


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdecimal():
        return int(value.strip())
    return None


def parse_config(data: Any) -> AdminConfig:
    """Check a parsed YAML document; AdminConfigError lists every problem."""
    if data is None:
        return AdminConfig()
    if not isinstance(data, Mapping):
        raise AdminConfigError(["the file must be a mapping with admins:, chats: …"])
    problems: list[str] = []
    admins: dict[int, Admin] = {}
    for number, entry in enumerate(data.get("admins") or [], start=1):
        if not isinstance(entry, Mapping):
            problems.append(f"admins #{number}: expected a mapping with id and role")
            continue
        user_id = _int(entry.get("id"))
        role = str(entry.get("role") or "")
        agencies = entry.get("agencies") or []
        if isinstance(agencies, str):
            agencies = [agencies]
        if user_id is None or user_id <= 0:
            problems.append(f"admins #{number}: id must be a Telegram user id (a positive number)")
            continue
        if role not in ROLES:
            problems.append(f"admins #{number} ({user_id}): role must be super or agency, got {role!r}")
            continue
        if role == "agency" and not agencies:
            problems.append(f"admins #{number} ({user_id}): an agency admin needs agencies: [CODE]")
            continue
        if user_id in admins:
            problems.append(f"admins #{number}: {user_id} is listed twice")
            continue
        admins[user_id] = Admin(user_id, role, frozenset(str(a) for a in agencies) if role == "agency" else frozenset(),
                                str(entry["name"]) if entry.get("name") else None)
    chats: dict[str, tuple[int, ...]] = {}
    raw_chats = data.get("chats") or {}
    if not isinstance(raw_chats, Mapping):
        problems.append("chats: expected a mapping of agency code to chat ids")
        raw_chats = {}
    for code, value in raw_chats.items():
        values = value if isinstance(value, list) else [value]
        ids = [_int(v) for v in values]
        if any(i is None for i in ids):
            problems.append(f"chats.{code}: chat ids are numbers, e.g. -1001234567890")
            continue
        chats[str(code)] = tuple(i for i in ids if i is not None)
    reasons: list[Reason] = []
    for number, entry in enumerate(data.get("reject_reasons") or [], start=1):
        code = entry.get("code") if isinstance(entry, Mapping) else entry
        if not code or not str(code).replace("_", "").isalnum() or len(str(code)) > 32:
            problems.append(f"reject_reasons #{number}: code must be a short word like bukan_wewenang")
            continue
        label = entry.get("label") if isinstance(entry, Mapping) else None
        if str(code) not in DEFAULT_REASONS and not label:
            problems.append(f"reject_reasons #{number} ({code}): a new reason needs a label")
            continue
        reasons.append(Reason(str(code), str(label) if label else None))
    locale = str(data.get("locale") or "id")
    if locale not in LOCALES:
        problems.append(f"locale: use one of {', '.join(LOCALES)}, got {locale!r}")
        locale = "id"
    if problems:
        raise AdminConfigError(problems)
    return AdminConfig(admins, chats, tuple(reasons) or AdminConfig().reasons, locale,
                       bool(data.get("triage_private", True)))


def read_config(path: Path) -> AdminConfig:
    """Read the admin file; a missing file means no admins."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return AdminConfig()
    import yaml  # here: a server with no admin file never loads the YAML parser (~0.8 MB resident)

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise AdminConfigError([f"not valid YAML: {error}"]) from error
    return parse_config(data)


HEADER = ("# laporbot admins: edited by `laporbot admin add|remove|chat` (comments are not kept).\n"
          "# Roles: super = all cases; agency = cases disposed to the listed agencies.\n")


def write_config(path: Path, config: AdminConfig) -> None:
    """Replace the admin file atomically, so a running bot never reads half a file."""
    import yaml  # see read_config

    path.parent.mkdir(parents=True, exist_ok=True)
    text = HEADER + yaml.safe_dump(config.to_data(), allow_unicode=True, sort_keys=False)
    fd, tmp = tempfile.mkstemp(prefix=".admins-", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class AdminDirectory:
    """The admin file as it is now: re-read when it changes, fail-closed when it is broken."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int, int] | None = None
        self._config = AdminConfig()

    def current(self) -> AdminConfig:
        """The configuration at this moment (a stat per call; parsed only after a change)."""
        try:
            st = self.path.stat()
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        except FileNotFoundError:
            stamp = (0, 0, 0)
        if stamp != self._stamp:
            self._stamp = stamp
            try:
                self._config = read_config(self.path)
            except (AdminConfigError, OSError) as error:
                # Fail closed: a broken file authorises nobody until it is fixed.
                # The problems themselves may quote the file (names): `laporbot admin check` shows them.
                log.error("admin file unreadable; no admin is authorised until it is fixed (laporbot admin check)",
                          extra={"path": str(self.path), "error": type(error).__name__})
                self._config = AdminConfig()
        return self._config


def with_admin(config: AdminConfig, user_id: int, role: str, agencies: Iterable[str], name: str | None) -> AdminConfig:
    """The configuration with one admin added or replaced."""
    admins = dict(config.admins)
    admins[user_id] = Admin(user_id, role, frozenset(agencies) if role == "agency" else frozenset(), name)
    return AdminConfig(admins, config.chats, config.reasons, config.locale, config.triage_private)


def without_admin(config: AdminConfig, user_id: int) -> AdminConfig:
    """The configuration with one admin removed."""
    admins = {k: v for k, v in config.admins.items() if k != user_id}
    return AdminConfig(admins, config.chats, config.reasons, config.locale, config.triage_private)


def with_chat(config: AdminConfig, code: str, chat_id: int, *, remove: bool = False) -> AdminConfig:
    """The configuration with a chat added to (or removed from) an agency or triage."""
    chats = dict(config.chats)
    current = [c for c in chats.get(code, ()) if c != chat_id]
    if not remove:
        current.append(chat_id)
    if current:
        chats[code] = tuple(current)
    else:
        chats.pop(code, None)
    return AdminConfig(config.admins, chats, config.reasons, config.locale, config.triage_private)
