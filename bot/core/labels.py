"""Labels and prompts made to fit: cut at a word (never mid-word), and plain text for simple mode.

One cutting function for every channel (Telegram buttons, WhatsApp titles and rows, JSON lines, the flows'
own short forms), so "Kabupaten Lombok Ti…" cannot happen anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.messages import Option, Reply

ELLIPSIS = "…"
_TRIM = " \t,.;:-–—/("  # left dangling at a cut, these read as a typo
# Pictographs, dingbats, flags, keycap and variation marks: read aloud as "police car light" by screen readers.
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0E\uFE0F\u200D\u20E3\U000E0020-\U000E007F]")


def shorten(text: str, limit: int) -> str:
    """Fit text in `limit` characters, cut at a word boundary and marked with an ellipsis.

    >>> shorten("Desa Paokmotong, Kec. Masbagik, Kab. Lombok Timur", 40)
    'Desa Paokmotong, Kec. Masbagik, Kab…'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    # Always at a word boundary when there is one: a label cut mid-word misleads ("Lombok Ti…" is not a place).
    if text[limit - 1] != " " and space > 0:
        head = head[:space]
    return head.rstrip(_TRIM) + ELLIPSIS


def fitted(options: Sequence[Option], limit: int) -> list[tuple[Option, str]]:
    """Each option with its label cut to `limit` at a word."""
    return [(option, shorten(option.label, limit)) for option in options]


def cut_labels_note(options: Sequence[Option], limit: int) -> str | None:
    """The whole labels, numbered, when some button label had to be cut (a button cannot show a second line)."""
    pairs = fitted(options, limit)
    if all(label == " ".join(option.label.split()) for option, label in pairs):
        return None
    return "\n".join(f"{n}. {' '.join(option.label.split())}" for n, (option, _) in enumerate(pairs, start=1))


def plain(text: str) -> str:
    """Text without emoji, for screen readers and simple mode (spaces they leave behind tidied)."""
    stripped = _EMOJI.sub("", text)
    return "\n".join(" ".join(line.split()) for line in stripped.split("\n")).strip()


def numbered(options: Sequence[Option]) -> str:
    """Options as numbered text, "1. Pengaduan", one per line; the numbers are read back by the engine."""
    return "\n".join(f"{n}. {plain(option.label)}" for n, option in enumerate(options, start=1))


def simple_messages(reply: Reply) -> list[str]:
    """A reply in simple mode: plain text, what is said before the question apart, then the question and its
    options as numbered text (the navigation words last); one question per message."""
    text = plain(reply.text)
    head, question = _split_question(text) if reply.expects != "none" else ("", text)
    last = [question]
    if reply.options:
        last.append(numbered(reply.options))
    if reply.nav:
        last.append(" · ".join(plain(o.label).lower() for o in reply.nav))
    body = "\n\n".join(part for part in last if part)
    return [part for part in (head, body) if part]


def _split_question(text: str) -> tuple[str, str]:
    """(what comes before the question, the question): at the last blank line, else the last line if it asks."""
    if "\n\n" in text:
        head, _, tail = text.rpartition("\n\n")
        return head.strip(), tail.strip()
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1].rstrip().endswith("?"):
        return "\n".join(lines[:-1]).strip(), lines[-1].strip()
    return "", text
