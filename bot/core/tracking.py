"""Tracking numbers citizens can read aloud and type: no 0/O or 1/I/L, with a check character."""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # 31 symbols: a prime base makes the check stronger
PREFIX = "LPR"
BODY_LENGTH = 6
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}


def check_char(body: str) -> str:
    """The check symbol: position-weighted sum modulo the prime 31.

    Every single-symbol typo and every swap of two neighbours changes the sum, so both are caught.
    """
    n = len(ALPHABET)
    total = sum((i + 2) * _INDEX[ch] for i, ch in enumerate(body))
    return ALPHABET[(-total) % n]


def from_number(number: int) -> str:
    """Encode a number as a tracking number, e.g. LPR-22222A3."""
    digits = []
    for _ in range(BODY_LENGTH):
        number, rem = divmod(number, len(ALPHABET))
        digits.append(ALPHABET[rem])
    body = "".join(reversed(digits))
    return f"{PREFIX}-{body}{check_char(body)}"


def random_tracking_number() -> str:
    """A fresh random tracking number (31^6 ≈ 887 million possibilities)."""
    return from_number(secrets.randbelow(len(ALPHABET) ** BODY_LENGTH))


class SequentialIds:
    """Deterministic tracking numbers for tests and transcripts."""

    def __init__(self, start: int = 1) -> None:
        self._next = start

    def __call__(self) -> str:
        number, self._next = self._next, self._next + 1
        return from_number(number)


def normalize(text: str) -> str | None:
    """Return the canonical tracking number typed by a citizen, or None if it is not valid.

    >>> normalize("lpr 22222 3t")
    'LPR-222223T'
    >>> normalize("LPR-222223U") is None  # one symbol mistyped: the check catches it
    True
    """
    cleaned = re.sub(r"[\s\-_.#]", "", text.upper())
    if cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX):]
    if len(cleaned) != BODY_LENGTH + 1 or any(ch not in _INDEX for ch in cleaned):
        return None
    body, check = cleaned[:-1], cleaned[-1]
    if check_char(body) != check:
        return None  # the check symbol has weight 1, so a typo in it is caught too
    return f"{PREFIX}-{body}{check}"


def looks_like_tracking(text: str) -> bool:
    """Whether the text is shaped like a tracking number (valid or mistyped)."""
    cleaned = re.sub(r"[\s\-_.#]", "", text.upper())
    if cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX):]
    return len(cleaned) == BODY_LENGTH + 1 and cleaned.isalnum()
