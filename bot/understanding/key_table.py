"""Name keys -> region ids, packed into arrays: the region index's 66k keys in ~1.5 MB instead of a 9 MB dict.

Slots are sorted by a stable hash of the key (CRC-32: Python's str hash changes per process, and the table is
cached on disk); a lookup bisects the hashes in C and compares the key text of the (rare) slots sharing a hash.
A slot holds one region id, or -(j + 1) for the j-th of the few keys that name several regions.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from itertools import accumulate
from typing import Any, overload
from zlib import crc32

Ids = int | tuple[int, ...]


def _hash(key: str) -> int:
    return crc32(key.encode())


class KeyTable(Mapping[str, Ids]):
    """A read-only mapping of keys to an id or a tuple of ids, in a few flat arrays."""

    __slots__ = ("_ends", "_filter", "_hashes", "_mask", "_more", "_more_ends", "_text", "_values")

    def __init__(self, hashes: array, text: str, ends: array, values: array,  # type: ignore[type-arg]
                 more: array, more_ends: array, filter_bits: bytes | None = None) -> None:  # type: ignore[type-arg]
        if not len(hashes) == len(ends) == len(values):
            raise ValueError("key table arrays of different lengths")
        self._hashes, self._text, self._ends, self._values = hashes, text, ends, values
        self._more, self._more_ends = more, more_ends
        # one bit per hash value modulo ~16 bits per key: most words looked up are no key, and the bit says so
        # without the bisection (a false "maybe" in ~6% of them only costs the bisection)
        size = 1 << max(3, (16 * len(hashes)).bit_length())
        self._mask = size - 1
        if filter_bits is None:  # built once, then cached with the rest (computing it is most of a load's time)
            bits = bytearray(size // 8)
            for h in hashes:
                bits[(h & self._mask) >> 3] |= 1 << (h & 7)
            filter_bits = bytes(bits)
        elif len(filter_bits) != size // 8:
            raise ValueError("key table filter of another size")
        self._filter = filter_bits

    @classmethod
    def of(cls, mapping: Mapping[str, Ids]) -> KeyTable:
        """Pack a mapping (a KeyTable is returned as it is)."""
        if isinstance(mapping, KeyTable):
            return mapping
        items = sorted(mapping.items(), key=lambda kv: (_hash(kv[0]), kv[0]))
        values, more, more_ends = array("i"), array("i"), array("I")
        for _, ids in items:
            if isinstance(ids, int):
                values.append(ids)
            else:
                more.extend(ids)
                more_ends.append(len(more))
                values.append(-len(more_ends))
        return cls(array("I", (_hash(k) for k, _ in items)), "".join(k for k, _ in items),
                   array("I", accumulate(len(k) for k, _ in items)), values, more, more_ends)

    def state(self) -> tuple[Any, ...]:
        """Plain values for marshal (arrays as bytes)."""
        return (self._hashes.tobytes(), self._text, self._ends.tobytes(), self._values.tobytes(),
                self._more.tobytes(), self._more_ends.tobytes(), self._filter)

    @classmethod
    def from_state(cls, state: tuple[Any, ...]) -> KeyTable:
        """The table back from state()."""
        hashes, text, ends, values, more, more_ends, filter_bits = state
        arrays = [array(kind) for kind in ("I", "I", "i", "i", "I")]
        for target, data in zip(arrays, (hashes, ends, values, more, more_ends), strict=True):
            target.frombytes(data)
        return cls(arrays[0], text, arrays[1], arrays[2], arrays[3], arrays[4], filter_bits)

    def _slot(self, key: str) -> int:
        """The slot holding key, or -1."""
        h = _hash(key)
        if not self._filter[(h & self._mask) >> 3] & (1 << (h & 7)):
            return -1
        hashes, ends = self._hashes, self._ends
        i = bisect_left(hashes, h)
        while i < len(hashes) and hashes[i] == h:
            if self._text[ends[i - 1] if i else 0:ends[i]] == key:
                return i
            i += 1
        return -1

    def _ids(self, slot: int) -> Ids:
        value = self._values[slot]
        if value >= 0:
            return value
        j = -value - 1
        return tuple(self._more[self._more_ends[j - 1] if j else 0:self._more_ends[j]])

    def __getitem__(self, key: str) -> Ids:
        slot = self._slot(key) if isinstance(key, str) else -1
        if slot < 0:
            raise KeyError(key)
        return self._ids(slot)

    @overload
    def get(self, key: str, /) -> Ids | None: ...
    @overload
    def get(self, key: str, default: Any, /) -> Any: ...

    def get(self, key: str, default: Any = None, /) -> Any:
        """The id(s) of key, or default (faster than the Mapping mixin's try/except)."""
        slot = self._slot(key)
        return default if slot < 0 else self._ids(slot)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._slot(key) >= 0

    def __iter__(self) -> Iterator[str]:
        ends, text = self._ends, self._text
        return (text[ends[i - 1] if i else 0:ends[i]] for i in range(len(ends)))

    def __len__(self) -> int:
        return len(self._ends)
