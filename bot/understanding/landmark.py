"""What is left of a typed place once its names are cut out: the landmark."""

from __future__ import annotations

import re

from bot.understanding.place_words import CONNECTORS


def cut_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Remove character spans (and a trailing dot, as in 'kec.') from text."""
    if not spans:
        return text
    out = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        out.append(text[pos:start])
        pos = max(pos, end)
        if pos < len(text) and text[pos] == ".":
            pos += 1
    out.append(text[pos:])
    return " ".join(out)


def tidy_landmark(text: str) -> str:
    """Collapse whitespace and stray punctuation/connectors left at the ends of a landmark."""
    text = re.sub(r"\s+", " ", text[:500]).strip()
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:.])+", r"\1", text)
    words = text.split(" ")
    while words and not words[0].strip(",.;:-/"):
        words.pop(0)
    # 'sampah di' (after cutting 'Mataram') loses its dangling 'di'; 'di depan masjid' keeps it
    while words and (words[-1].strip(",.;:-").lower() in CONNECTORS or not words[-1].strip(",.;:-/")):
        words.pop()
    return " ".join(words).strip(" ,;:-")
