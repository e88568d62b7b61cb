"""Retry policy: full-jitter exponential backoff that never undercuts Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from bot.forwarding.central.retry import backoff_ceiling, next_delay, parse_retry_after

NOW = datetime(2026, 8, 20, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize("attempt", [1, 2, 3, 5, 8, 11, 12, 13, 20, 100, 10_000])
def test_delay_stays_within_the_jitter_window(attempt: int) -> None:
    """0 ≤ delay ≤ min(cap, base·2^(attempt−1)) for many random draws."""
    rng = random.Random(attempt)
    ceiling = min(3600.0, 2.0 * 2 ** min(attempt - 1, 100))
    delays = [next_delay(attempt, None, rng=rng) for _ in range(500)]
    assert all(0.0 <= d <= ceiling for d in delays)
    # full jitter really spreads the delays over the window
    assert min(delays) < ceiling * 0.1 and max(delays) > ceiling * 0.9


def test_ceiling_grows_then_caps() -> None:
    """The window doubles each attempt until the cap."""
    assert [backoff_ceiling(n) for n in range(1, 6)] == [2.0, 4.0, 8.0, 16.0, 32.0]
    assert backoff_ceiling(12) == 3600.0
    assert backoff_ceiling(10**9) == 3600.0  # no overflow
    assert backoff_ceiling(3, base=0.5, cap=1.0) == 1.0


def test_retry_after_is_a_floor() -> None:
    """The delay is never shorter than Retry-After, even when it exceeds the cap."""
    rng = random.Random(1)
    assert all(next_delay(1, 30.0, rng=rng) == 30.0 for _ in range(100))  # window is only 2 s
    assert all(next_delay(20, 30.0, rng=rng) >= 30.0 for _ in range(100))
    assert next_delay(20, 7200.0, rng=rng) == 7200.0


@pytest.mark.parametrize("retry_after", [None, 0.0, -5.0, float("nan"), float("inf")])
def test_unusable_retry_after_is_ignored(retry_after: float | None) -> None:
    """Zero, negative and non-finite Retry-After values do not change the backoff."""
    rng_a, rng_b = random.Random(7), random.Random(7)
    assert next_delay(4, retry_after, rng=rng_a) == next_delay(4, None, rng=rng_b)


def test_same_seed_same_delays() -> None:
    """The function is pure given the rng."""
    first = [next_delay(n, None, rng=random.Random(42)) for n in range(1, 10)]
    second = [next_delay(n, None, rng=random.Random(42)) for n in range(1, 10)]
    assert first == second


@pytest.mark.parametrize("attempt", [0, -1])
def test_attempt_counts_from_one(attempt: int) -> None:
    """Attempt 0 is a caller bug."""
    with pytest.raises(ValueError):
        next_delay(attempt, None, rng=random.Random(1))


def test_invalid_base_or_cap() -> None:
    """Non-positive base or cap is rejected."""
    with pytest.raises(ValueError):
        next_delay(1, None, base=0, rng=random.Random(1))
    with pytest.raises(ValueError):
        next_delay(1, None, cap=-1, rng=random.Random(1))


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        ("120", 120.0),
        (" 7 ", 7.0),
        ("1.5", 1.5),
        ("-3", 0.0),
        ("soon", None),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
        (format_datetime(NOW - timedelta(hours=1), usegmt=True), 0.0),
        ("Thu, 20 Aug 2026 02:05:00 GMT", 300.0),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    """Delta-seconds and HTTP-dates both become seconds from now; junk becomes None."""
    assert parse_retry_after(header, NOW) == expected
