"""The one environment reader: typed variables declared once, read into sections, every problem collected.

A section is a frozen dataclass that subclasses `Section` and lists its variables in `VARS`:

    @dataclass(frozen=True)
    class VoiceSettings(Section):
        TABLE: ClassVar[str] = "voice"
        VARS: ClassVar[tuple[Var, ...]] = (
            Var("LAPORBOT_STT_ATTEMPTS", Int(1, 20), 3, "runs of a job before the note goes on without text",
                field="stt_attempts"),
            ...)
        stt_attempts: int = 3

`Section.parse(env)` reads every variable with its kind (`Int`, `Float`, `Bool`, `Duration`, `Enum`, `List`,
`Url`, `FilePath`, `Secret`, `Text`, `Dates`, `ClockTime`), keeps the default where a value is wrong, and
returns the section with one line per problem, "NAME: what is wrong, what is allowed". `build` (override)
turns the read values into the section and adds cross-variable problems. The declarations are also what
scripts/gen_config_docs.py writes README.md's variable tables and .env.example from (bot/sections.py lists
the sections in README order).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar, Self


class ConfigError(ValueError):
    """One or more configuration problems, each on its own line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Problem(ValueError):
    """A value a kind cannot read: the message says what is wrong and what is allowed (without the name)."""


class Kind:
    """How one variable's text becomes a value."""

    doc: str = ""  # what the README says is allowed, when the meaning does not

    def read(self, raw: str) -> Any:
        """The value of a set (non-empty) variable; Problem when it is wrong."""
        return raw


class Text(Kind):
    """Any text, as written."""


class Secret(Kind):
    """A token or password: never printed back in a problem."""


def _number(raw: str, whole: bool) -> float:
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        raise Problem(f"expected a {'whole ' if whole else ''}number, got {raw!r}") from None
    if not whole and not math.isfinite(value):
        raise Problem(f"expected a number, got {raw!r}")
    return value


@dataclass(frozen=True)
class Int(Kind):
    """A whole number between low and high; `off` words (e.g. "off") read as None when given."""

    low: int = 0
    high: int = 10**9
    off: tuple[str, ...] = ()

    def read(self, raw: str) -> int | None:
        """The number, in range."""
        if raw.strip().lower() in self.off:
            return None
        value = int(_number(raw.strip(), whole=True))
        if not self.low <= value <= self.high:
            raise Problem(f"must be between {self.low} and {self.high}, got {value}")
        return value


@dataclass(frozen=True)
class Float(Kind):
    """A number between low and high."""

    low: float = 0.0
    high: float = 1e9
    positive: bool = False  # 0 and below: "must be more than 0"

    def read(self, raw: str) -> float:
        """The number, in range."""
        value = _number(raw.strip(), whole=False)
        if self.positive and value <= 0:
            raise Problem(f"must be more than 0, got {value:g}")
        if not self.low <= value <= self.high:
            raise Problem(f"must be between {self.low:g} and {self.high:g}, got {value:g}")
        return value


@dataclass(frozen=True)
class Duration(Kind):
    """A number of `unit`s (seconds, minutes, hours, days) between low and high, as a timedelta."""

    unit: str = "seconds"
    low: float = 0
    high: float = 1e9
    whole: bool = True

    def read(self, raw: str) -> timedelta:
        """The duration, in range."""
        value = _number(raw.strip(), whole=self.whole)
        if not self.low <= value <= self.high:
            raise Problem(f"must be between {self.low:g} and {self.high:g} {self.unit}, got {value:g}")
        return timedelta(**{self.unit: value})


TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


@dataclass(frozen=True)
class Bool(Kind):
    """On or off: 1/true/yes/on or 0/false/no/off."""

    def read(self, raw: str) -> bool:
        """True or False."""
        word = raw.strip().lower()
        if word in TRUE:
            return True
        if word in FALSE:
            return False
        raise Problem(f"expected 1 or 0 (also true/false, yes/no, on/off), got {raw!r}")


def choice_list(choices: tuple[str, ...]) -> str:
    """'a or b', or 'one of a, b, c'."""
    return " or ".join(choices) if len(choices) == 2 else f"one of {', '.join(choices)}"


@dataclass(frozen=True)
class Enum(Kind):
    """One of a few words (case does not matter)."""

    choices: tuple[str, ...] = ()
    upper: bool = False  # the choices are upper-case words (LOG_LEVEL)

    def read(self, raw: str) -> str:
        """The word, lower-cased (upper-cased when `upper`)."""
        word = raw.strip().upper() if self.upper else raw.strip().lower()
        if word not in self.choices:
            raise Problem(f"use {choice_list(self.choices)}, got {word!r}")
        return word


@dataclass(frozen=True)
class List(Kind):
    """Comma-separated items, blanks dropped; each item checked by `item` when given."""

    item: Callable[[str], str | None] | None = None  # returns a problem for a bad item

    def read(self, raw: str) -> tuple[str, ...]:
        """The items."""
        items = tuple(x.strip() for x in raw.split(",") if x.strip())
        for item in items:
            if self.item and (wrong := self.item(item)):
                raise Problem(wrong)
        return items


@dataclass(frozen=True)
class Url(Kind):
    """An http(s) URL (or other schemes), trailing slashes dropped."""

    schemes: tuple[str, ...] = ("https://", "http://")
    what: str = "an http(s) URL"
    strip: bool = True  # drop trailing slashes

    def read(self, raw: str) -> str:
        """The URL."""
        url = raw.strip().rstrip("/") if self.strip else raw.strip()
        if not url.startswith(self.schemes):
            raise Problem(f"expected {self.what}, got {raw!r}")
        return url


@dataclass(frozen=True)
class FilePath(Kind):
    """A path; `must` "file" or "dir" when it has to exist at start-up."""

    must: str | None = None

    def read(self, raw: str) -> Path:
        """The path."""
        path = Path(raw)
        if self.must == "file" and not path.is_file():
            raise Problem(f"no such file {raw!r}")
        if self.must == "dir" and not path.is_dir():
            raise Problem(f"no such folder {raw!r}")
        return path


@dataclass(frozen=True)
class Dates(Kind):
    """Dates as `parse` reads them (bot/core/workdays.py parse_dates: YYYY-MM-DD and YYYY-MM-DD..YYYY-MM-DD, commas)."""

    parse: Callable[[str], Iterable[date]] = tuple

    def read(self, raw: str) -> tuple[date, ...]:
        """The dates, ranges expanded."""
        try:
            return tuple(self.parse(raw))
        except ValueError as error:
            raise Problem(str(error)) from None


@dataclass(frozen=True)
class Zone(Kind):
    """An IANA time zone name (Asia/Jakarta WIB, Asia/Makassar WITA, Asia/Jayapura WIT)."""

    def read(self, raw: str) -> str:
        """The zone's name, checked."""
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(raw.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise Problem(f"unknown time zone {raw!r} (use Asia/Jakarta, Asia/Makassar or Asia/Jayapura)") from None
        return raw.strip()


_HHMM = re.compile(r"([0-9]{1,2}):([0-9]{1,2})")


@dataclass(frozen=True)
class ClockTime(Kind):
    """HH:MM as (hour, minute), or None for off."""

    def read(self, raw: str) -> tuple[int, int] | None:
        """(hour, minute) or None."""
        word = raw.strip().lower()
        if word in ("off", "none", "0", "false"):
            return None
        match = _HHMM.fullmatch(word)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise Problem(f"expected HH:MM (e.g. 07:30) or off, got {word!r}")
        return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class Var:
    """One environment variable, declared once: its name, kind, default and one-line meaning.

    `field` is the section's attribute it fills (None: read by `build` itself); `shown` is the default as the
    README and .env.example print it when the value's own text is not what an operator types.
    """

    name: str
    kind: Kind
    default: Any
    meaning: str
    field: str | None = None
    shown: str | None = None
    table: str | None = None  # the README table, when not the section's own

    def default_text(self) -> str:
        """The default as an operator would write it."""
        if self.shown is not None:
            return self.shown
        value = self.default
        if value is None or value == "" or value == ():
            return "none"
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, timedelta) and isinstance(self.kind, Duration):
            amount = value / timedelta(**{self.kind.unit: 1})
            return f"{amount:g}"
        if isinstance(value, float):
            return f"{value:g}"
        if isinstance(value, tuple):
            return ",".join(map(str, value))
        return str(value)


class Reader:
    """Reads declared variables out of one environment, collecting every problem."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env
        self.problems: list[str] = []

    def raw(self, var: Var) -> str | None:
        """The variable's text, None when unset or blank."""
        raw = self.env.get(var.name)
        return None if raw is None or not str(raw).strip() else str(raw)

    def read(self, var: Var) -> Any:
        """The variable's value; its default when unset, blank or wrong (then a problem is noted)."""
        raw = self.raw(var)
        if raw is None:
            return var.default
        try:
            return var.kind.read(raw)
        except Problem as problem:
            self.problem(var.name, str(problem))
            return var.default

    def problem(self, name: str, text: str) -> None:
        """Note one problem of a variable."""
        self.problems.append(f"{name}: {text}")


class Section:
    """Base of a settings section: a frozen dataclass whose variables are declared in VARS."""

    TABLE: ClassVar[str] = ""  # the README table (<!-- config:TABLE -->) its variables are listed in
    VARS: ClassVar[tuple[Var, ...]] = ()

    @classmethod
    def parse(cls, env: Mapping[str, str]) -> tuple[Self, list[str]]:
        """The section (defaults where values are wrong) and one line per problem."""
        reader = Reader(env)
        values = {var.field: reader.read(var) for var in cls.VARS if var.field}
        section = cls.build(values, reader)
        return section, reader.problems

    @classmethod
    def build(cls, values: dict[str, Any], reader: Reader) -> Self:
        """The section from the read values (override for conversions and cross-variable checks)."""
        return cls(**values)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Self:
        """Like parse(), but raise ConfigError listing every problem."""
        section, problems = cls.parse(env)
        if problems:
            raise ConfigError(problems)
        return section

    @classmethod
    def var(cls, name: str) -> Var:
        """The declaration of one of the section's variables."""
        return next(v for v in cls.VARS if v.name == name)
