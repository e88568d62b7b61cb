"""Cutting identifying data out of free text before it leaves us (UU PDP): NIK, phone numbers, e-mail, names.

Used on everything an anonymous complaint sends to a central system and on everything the public Open311
read API shows. People write numbers every which way, so the scrubber looks at digits, not spellings:
invisible characters (zero-width spaces, joiners, soft hyphens, BOM) are dropped first, any Unicode
digit counts as a digit, and runs of digits with spaces, dots, dashes, slashes or brackets between them
are judged by the digits they hold: 16 or more (a NIK, a KK number) are always cut; an Indonesian
mobile (+62 8…, 62 8…, 08…, 8…) or landline (0…/62… with an area code) number is cut; amounts written
like money (1.500.000) are kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

REDACTED = "[disamarkan]"

# Zero-width and other invisible characters people (or copy-paste) put between digits.
_INVISIBLE = dict.fromkeys([0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E,
                            *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0xFEFF])
# A run: digits with at most five separators between any two (e.g. "0812 - 3456", "(0812)  - 3456").
_RUN = re.compile(r"\+?\(?\d(?:[ \t\u00a0\u2007\u202f.\-/()]{0,5}\d)*\)?")
_GAP = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_MONEY = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")
_EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:(?:\.|\s*(?:\(dot\)|\[dot\])\s*)[\w-]+)+",
                    re.IGNORECASE)
_MIN_NAME_PART = 3  # shorter words ("Al", "Da") would hit ordinary words too often


def _ascii_digits(text: str) -> str:
    """Every Unicode decimal digit as its ASCII digit (full-width, Arabic-Indic…), other characters as they are."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def visible(text: str) -> str:
    """The text without invisible characters and with plain digits, which the patterns can then see."""
    return _ascii_digits(text.translate(_INVISIBLE))


def _is_phone(digits: str, token: str) -> bool:
    if digits.startswith("62"):
        national, prefixed = digits[2:], True
    elif digits.startswith("0"):
        national, prefixed = digits[1:], True
    else:
        national, prefixed = digits, False
    if national.startswith("8") and 8 <= len(national) <= 12:  # mobile: 8xx, then 5 to 9 more digits
        return prefixed or (len(national) >= 9 and not _MONEY.fullmatch(token.strip("()+")))
    # landline with its area code: (0376) 21234, 021-5551234, +62 21 5551234
    return prefixed and national[:1] in "234567" and 7 <= len(national) <= 11 \
        and not _MONEY.fullmatch(token.strip("()+"))


def _sensitive(piece: str) -> bool:
    """Whether a stretch of digits and separators is a NIK (or longer id) or a phone number."""
    digits = re.sub(r"\D", "", piece)
    return len(digits) >= 16 or (len(digits) >= 8 and _is_phone(digits, piece))


def _numbers(run: str) -> str:
    """A run of digits with the phone numbers and NIKs in it replaced (the longest stretch of words first)."""
    if _sensitive(run):
        return REDACTED
    tokens = [t for t in _GAP.split(run) if t]
    if len(tokens) < 2:
        return run
    # "tgl 12 0812 3456 7891": the number may be only part of the run, spread over several words.
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            if _sensitive(" ".join(tokens[i:j])):
                out.append(REDACTED)
                i = j
                break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def _name_pattern(names: Iterable[str | None], *, single_words: bool) -> re.Pattern[str] | None:
    """One pattern for the reporter's names: each full name, and each word of it when single_words."""
    parts: set[str] = set()
    for raw in names:
        name = " ".join(visible(raw or "").split()).strip().lstrip("@")
        if len(name) < _MIN_NAME_PART:
            continue
        parts.add(name)
        if single_words or " " not in name:
            parts.update(w for w in re.split(r"[\s_.\-]+", name) if len(w) >= _MIN_NAME_PART and not w.isdecimal())
    if not parts:
        return None
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)@?(?:{alternatives})(?!\w)", re.IGNORECASE)


def scrub_text(text: str | None, names: Iterable[str | None] = (), *, single_words: bool = True) -> str | None:
    """Text with NIKs, phone numbers, e-mail addresses and these names replaced by REDACTED; None stays None."""
    if text is None:
        return None
    if not text:
        return text
    clean = visible(text)
    clean = _EMAIL.sub(REDACTED, clean)
    pattern = _name_pattern(names, single_words=single_words)
    if pattern is not None:
        clean = pattern.sub(REDACTED, clean)
    return _RUN.sub(lambda m: _numbers(m.group(0)), clean)


def scrub_value(value: object, names: Iterable[str | None] = ()) -> object:
    """scrub_text applied to every string inside a JSON-like value (dicts, lists), keys kept."""
    names = tuple(names)
    if isinstance(value, str):
        return scrub_text(value, names)
    if isinstance(value, dict):
        return {k: scrub_value(v, names) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_value(v, names) for v in value]
    return value


def has_identifier(text: str) -> bool:
    """Whether scrubbing would change this text's numbers or e-mail addresses (for tests and checks)."""
    return scrub_text(text) != visible(text)
