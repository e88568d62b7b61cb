"""Retry policy for the outbox: exponential backoff with full jitter, never sooner than Retry-After."""

from __future__ import annotations

import math
import random
from datetime import datetime
from email.utils import parsedate_to_datetime

#: Exponents above this already exceed any sane cap; stopping here avoids float overflow.
_MAX_EXPONENT = 62


def backoff_ceiling(attempt: int, base: float = 2.0, cap: float = 3600.0) -> float:
    """The upper bound of the jitter window after `attempt` failures: min(cap, base * 2**(attempt-1))."""
    if attempt < 1:
        raise ValueError("attempt counts failures so far and starts at 1")
    if base <= 0 or cap <= 0:
        raise ValueError("base and cap must be positive")
    return min(cap, base * math.pow(2, min(attempt - 1, _MAX_EXPONENT)))


def next_delay(
    attempt: int,
    retry_after: float | None = None,
    *,
    base: float = 2.0,
    cap: float = 3600.0,
    rng: random.Random,
) -> float:
    """Seconds to wait before the next try after `attempt` failures (1 = first failure)."""
    # full jitter (uniform in [0, ceiling]) spreads a burst of failed sends so they do not all hit a
    # recovering server at once; a server's Retry-After is a floor we never undercut, even above cap
    delay = rng.uniform(0.0, backoff_ceiling(attempt, base, cap))
    if retry_after is not None and math.isfinite(retry_after) and retry_after > 0:
        delay = max(delay, retry_after)
    return delay


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds from `now` that a Retry-After header asks for (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdecimal():
        return float(value)
    try:
        seconds = float(value)  # lenient: some servers send "1.5"
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None or now.tzinfo is None:
        # HTTP-dates are GMT by definition; a naive side means we cannot compare safely
        return None
    return max(0.0, (when - now).total_seconds())
