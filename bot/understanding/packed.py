"""Compact sequences of strings for the region index: short strings packed in one, and codes read in sorted
order."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from itertools import accumulate


class Packed(Sequence[str]):
    """Short strings kept as one string and their end offsets: item i is text[ends[i - 1]:ends[i]]."""

    __slots__ = ("ends", "text")

    def __init__(self, text: str, ends: array) -> None:  # type: ignore[type-arg]
        self.text = text
        self.ends = ends

    @classmethod
    def of(cls, items: Iterable[str]) -> Packed:
        """Pack these strings (a Packed is returned as it is)."""
        if isinstance(items, Packed):
            return items
        items = list(items)
        return cls("".join(items), array("I", accumulate(len(x) for x in items)))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        ends = self.ends
        if i < 0:
            i += len(ends)
        return self.text[ends[i - 1] if i else 0:ends[i]]


class SortedCodes(Sequence[str]):
    """The codes in sorted order (for bisect), read through the sorted index: no second list of strings."""

    __slots__ = ("codes", "order")

    def __init__(self, codes: Sequence[str], order: array) -> None:  # type: ignore[type-arg]
        self.codes = codes
        self.order = order

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, at: int) -> str:  # type: ignore[override]
        return self.codes[self.order[at]]
