"""Clocks: the real one, and a fixed one that tests move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Where the current time comes from."""

    def now(self) -> datetime:
        """The current aware UTC time."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        """The current aware UTC time."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to (tests, transcripts)."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 8, 20, 2, 0, tzinfo=UTC)

    def now(self) -> datetime:
        """The fixed time."""
        return self._now

    def advance(self, delta: timedelta) -> None:
        """Move time forward."""
        self._now += delta

    def set(self, moment: datetime) -> None:
        """Jump to a moment."""
        self._now = moment
