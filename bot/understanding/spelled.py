"""Acronyms spelled out letter by letter, as a phone transcribes a voice note: 'pe ka ha' is PKH, 'be pe je es' BPJS."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data" / "agencies"
_LONGEST = 6  # letters in the longest acronym looked for ('ktpel')


@cache
def _tables() -> tuple[dict[str, str], frozenset[str]]:
    """Indonesian letter names ('pe' -> 'p') and the acronyms they are joined into, both kept as data."""
    with open(_DATA / "letter_names.csv", encoding="utf-8", newline="") as f:
        letters = {row["name"]: row["letter"] for row in csv.DictReader(f)}
    with open(_DATA / "spelled_acronyms.csv", encoding="utf-8", newline="") as f:
        acronyms = frozenset(row["acronym"] for row in csv.DictReader(f))
    return letters, acronyms


def spelled_runs(words: Sequence[str], apart: Sequence[bool] = ()) -> list[tuple[int, int, str]]:
    """Runs of letter names that spell a known acronym, as (first word, past the last, acronym), left to right.

    Only an acronym in the list is joined: 'es teh' stays tea. In a longer run of letter names it must begin or end
    the run: in 'bawa ka i ge de' (Manado 'ka', to) 'i ge de' is IGD, but 'es de' inside 'be ka es de a' (BKSDA,
    unlisted) is no school. A word set apart by a comma (`apart[k]`) ends a run."""
    letters, acronyms = _tables()
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(words):
        end = k
        while end < len(words) and words[end] in letters and (end == k or not (end < len(apart) and apart[end])):
            end += 1
        if end - k < 2:
            k = max(end, k + 1)
            continue
        out += _acronyms_in([letters[w] for w in words[k:end]], k, acronyms)
        k = end
    return out


def _acronyms_in(run: list[str], offset: int, acronyms: frozenset[str]) -> list[tuple[int, int, str]]:
    """The known acronyms one run of letters spells: the whole run, else the longest that begins it and the
    longest that ends it."""
    whole = "".join(run)
    if whole in acronyms:
        return [(offset, offset + len(run), whole)]
    head = next((n for n in range(min(len(run) - 1, _LONGEST), 1, -1) if "".join(run[:n]) in acronyms), 0)
    tail = next((n for n in range(min(len(run) - head, _LONGEST), 1, -1) if "".join(run[-n:]) in acronyms), 0)
    out = [(offset, offset + head, "".join(run[:head]))] if head else []
    if tail:
        out.append((offset + len(run) - tail, offset + len(run), "".join(run[-tail:])))
    return out
