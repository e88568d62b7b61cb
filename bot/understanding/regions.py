"""Kemendagri administrative regions and resolving a typed place to the most specific one it names.

Data: provinces, regencies/cities, districts (kecamatan) and villages (desa/kelurahan) vendored from
idn-area-data 4.x (ODbL, see bot/data/regions/ATTRIBUTION.md), plus our own nickname table.

Matching works on word n-grams looked up in a dict keyed by a spelling-insensitive key, so a
lookup costs microseconds however many villages exist; typos are handled by rapidfuzz over a small
bucket of keys (same first letter, similar length) or over the villages of a regency already named.
A candidate's score adds up the evidence: its own name, level words (kec., desa, kab./kota), its
ancestors named elsewhere in the text, and the deployment's home region.

`RegionIndex` holds the tables (built from the CSVs, or loaded from the data cache), answers for them (its port:
codes, levels, names, ancestors, labels, GPS hand-off) and is where a place is read (`scan`, `match`, `resolve`).
The lookup steps it runs read its tables: finding the names in the words (n-grams, typos, a story's cues of whose
place a name is: region_hits) and adding the hits up into candidates, with the weights they add (region_weights).
Beside them: the words around a name (place_words), the cues read from them (place_cues), how official names are
keyed (region_names), the packed tables (packed), the landmark left over (landmark); codes, GPS points and
normalisation are modules of their own.
"""

from __future__ import annotations

import csv
import math
import re
import time
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rapidfuzz.distance import OSA

from bot.core import data_cache
from bot.understanding import normalize, packed, place_cues, place_words, region_hits, region_names, region_weights
from bot.understanding.key_table import KeyTable
from bot.understanding.landmark import cut_spans, tidy_landmark
from bot.understanding.normalize import (
    COMMON_WORDS,
    Token,
    fold_key,
    fold_word,
    tokenize,
)
from bot.understanding.packed import Packed, SortedCodes
from bot.understanding.place_cues import (
    here_said,
    passing_there,
)
from bot.understanding.place_words import (
    ADMIN_MARKERS,
    DIRECTION_WORDS,
    GOING_TO,
    HAMLETS,
    HEADS,
    HEADS_SPLIT,
    HERE,
    LEVELS,
    MARKET_DAYS,
    ORIGIN_WORDS,
    ROAD_KINDS,
    ROADS,
    ROUTE_ON,
    Level,
)
from bot.understanding.region_hits import SPEECH_AREAS, exact_hits, fuzzy_hits, town_at
from bot.understanding.region_names import (
    MALAY_O_PROVINCES,
    MINANG_PROVINCES,
    key_of,
    malay_o,
    minang,
    name_key,
    name_variants,
    read_region_rows,
    sided_names,
)
from bot.understanding.region_weights import MAX_CANDIDATES as MAX_CANDIDATES  # re-exported: the cap tests read
from bot.understanding.region_weights import Candidate, weigh

if TYPE_CHECKING:
    from bot.understanding.geo import PointIndex

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "regions"
# The CSVs an index is built from, and the code that turns them into its tables: any change to one of them
# makes a new cache key (RegionIndex.from_dir), so a cached index is never older than what it was built from.
REGION_FILES = ("provinces.csv", "regencies.csv", "districts.csv", "villages.csv", "nicknames.csv", "towns.csv",
                "islands.csv")
_BUILT_BY = (Path(__file__), *(Path(m.__file__) for m in (normalize, packed, place_cues, place_words, region_names,
                                                           region_hits, region_weights)),
             DATA_DIR / "common_words.csv")
# the words that put a desa/kelurahan's name after them ('kel. kejaksaan', 'desa pasar')
_VILLAGE_WORDS = frozenset({"kel", "kelurahan", "desa", "ds"})
_REPORTING = frozenset({"lapor", "melapor", "mengadu", "kepada", "kpd", "pada"})
_SEP = "\n"  # between the keys of a regency's scope (a key is letters and digits)
_CACHE_FORMAT = 9  # the shape of RegionIndex._state(); bump it when that changes

TOWN_WEIGHT = 0.95  # a town stands for its kecamatan almost as surely as the kecamatan's own name
SHORT_REPLY = 4  # a reply this short to "where?" is a place, whatever words it uses
_CODE_RE = re.compile(r"^\s*(\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)\s*$")

MAX_TOKENS = 48  # a place is named in a few words; a pasted essay is cut, not scanned whole
MIN_SCORE = 30.0
AMBIGUITY_MARGIN = 6.0
MAX_OPTIONS = 5


@dataclass(frozen=True, slots=True)
class Region:
    """One Kemendagri administrative region."""

    code: str
    name: str
    level: Level
    parent: str | None


@dataclass(frozen=True, slots=True)
class RegionMatch:
    """A region a text may name, how sure we are (0-100) and what is left of the text."""

    region: Region
    score: float
    landmark: str


@dataclass(frozen=True, slots=True)
class RegionResolution:
    """Outcome of resolving a typed place: one region, or options to ask about, or nothing."""

    best: RegionMatch | None
    options: tuple[RegionMatch, ...]
    landmark: str
    more: int = 0  # further equally good candidates not in options ('too many, add the kecamatan')

    @property
    def ambiguous(self) -> bool:
        """Whether the citizen should pick among options."""
        return self.best is None and bool(self.options)


class RegionIndex:
    """All regions with dict and fuzzy lookup; build once with `default()` and share."""

    _default: ClassVar[RegionIndex | None] = None
    load_seconds: float = 0.0
    _points: PointIndex | None = None  # village centroids for locate(), loaded on first use
    source: str = "rows"  # where the tables came from: rows given, "csv" files indexed, or their "cache"

    def __init__(self, regions: Iterable[Region | tuple[str, str, str, str | None]],
                 nicknames: Iterable[tuple[str, str, float]] = (), islands: Iterable[tuple[str, str, bool]] = ()
                 ) -> None:
        started = time.perf_counter()
        # Parallel arrays instead of 92k objects: Region values are built on demand (saves ~15 MB); levels, parents
        # and names packed (bytes, int arrays, one string) rather than lists of Python objects (saves ~12 MB more).
        codes: list[str] = []  # packed into self._codes once the index is built
        names: list[str] = []
        levels = bytearray()
        parents: list[str | None] = []
        level_of = {name: i for i, name in enumerate(LEVELS)}
        for row in regions:
            code, name, level, parent = (row.code, row.name, row.level, row.parent) if isinstance(
                row, Region) else row
            codes.append(code)
            names.append(name)
            levels.append(level_of[level])
            parents.append(parent)
        self._codes: Sequence[str] = codes
        idx: dict[str, int] = {c: i for i, c in enumerate(codes)}  # only while building: get() bisects
        self._level: bytes = bytes(levels)
        self._parent = array("i", [idx[p] if p else -1 for p in parents])
        self._kota: bytes = bytes(lv == 1 and n.startswith("Kota") for lv, n in zip(self._level, names, strict=True))
        # name i is _name_text[_name_ends[i - 1]:_name_ends[i]], decoded: UTF-8 bytes, not a str, since the three
        # names with a '’' would make a str of all 92k names take two bytes a character (~0.9 MB more)
        encoded = [n.encode() for n in names]
        self._name_text = b"".join(encoded)
        self._name_ends = array("I", accumulate(len(n) for n in encoded))
        del encoded
        # code -> index by bisection over the codes in sorted order, instead of a 92k dict
        self._sorted_idx = array("i", [idx[c] for c in sorted(idx)])
        keys: dict[str, list[int]] = {}
        # regency code -> name keys of its districts and villages, for typo search in a named regency
        scope: dict[str, list[str]] = {}
        for i, name in enumerate(names):
            variants = name_variants(name, self._level[i])
            if self._codes[i][:2] in MINANG_PROVINCES and self._level[i] >= 1:
                variants += [v for v in map(minang, variants) if v not in variants]
            for n, variant in enumerate(variants):
                key = name_key(variant)
                if key:
                    bucket = keys.setdefault(key, [])
                    if not bucket or bucket[-1] != i:
                        bucket.append(i)
                    if n == 0 and self._level[i] >= 2:
                        scope.setdefault(self._codes[i][:5], []).append(key)
        # each regency's keys as one string, split when a typo search needs them: 66k key strings cost ~4 MB
        self._scope: dict[str, str] = {regency: _SEP.join(found) for regency, found in scope.items()}
        del scope
        # 'muaro duo' for Muara Dua (Palembang and Jambi Malay): only where it makes no place share a key it did
        # not share before (no new namesakes for a name typed the standard way elsewhere)
        spoken: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            if self._codes[i][:2] in MALAY_O_PROVINCES and self._level[i] >= 2:
                said = malay_o(name)
                key = name_key(said)
                if said != name and key and key not in keys:
                    spoken.setdefault(key, []).append(i)
        for key, found_ids in spoken.items():
            keys[key] = found_ids
        del spoken
        # most keys name one place: store those as a bare int, the rest as a tuple
        self._keys: Mapping[str, int | tuple[int, ...]] = {
            k: (v[0] if len(v) == 1 else tuple(v)) for k, v in keys.items()}
        del keys
        # 'biak' for Biak Numfor, 'sidenreng' for Sidenreng Rappang: a regency's first word, when no
        # other regency starts with it and it is not an everyday word
        firsts: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            if self._level[i] == 1:
                base = name_variants(name, 1)[0].split()
                if len(base) >= 2 and len(base[0]) >= 4 and base[0].lower() not in COMMON_WORDS:
                    firsts.setdefault(name_key(base[0]), []).append(i)
        self._partial: dict[str, int] = {
            key: ids[0] for key, ids in firsts.items()
            if len(ids) == 1 and all(self._level[j] >= 2 for j in self._ids(key))}
        self._nick: dict[str, list[tuple[int, float]]] = {}
        for alias, code, weight in nicknames:
            if code in idx:
                self._nick.setdefault(name_key(alias), []).append((idx[code], weight))
        # the nicknames and towns said as several words ('tanah abang', 'jam gadang'): read across words, they are
        # said as their words, unlike a one-word nickname run together from everyday words (region_hits.exact_hits)
        self._spaced: frozenset[str] = frozenset(
            name_key(alias) for alias, code, _ in nicknames if code in idx and len(alias.split()) > 1)
        # ~16k island names ('pulau semau' -> Kupang; a shared one -> each kabupaten): looked up exactly, never
        # typo-matched (packed: ~0.5 MB); which are kept is decided once the names are indexed (_island_places)
        named: dict[str, list[tuple[int, bool]]] = {}
        for name, code, inhabited in islands:
            own = name.split()[1:]  # the words after 'pulau' ('gili', 'nusa')
            # 'barang di pulau jadi mahal' is no Pulau Jadi (Meranti): an island called by everyday words only is
            # left out
            if code in idx and not all(w in COMMON_WORDS or len(w) <= 3 for w in own):
                named.setdefault(name_key(name), []).append((idx[code], inhabited))
        # 'tlogosari' for the kecamatan of Tlogosari Kulon and Tlogosari Wetan: read as one of its names
        self._sided: dict[str, int] = {}
        for key, where in sided_names(names, self._level, self._parent, self._codes).items():
            same = self._ids(key)
            if key in self._nick or key in self._partial or any(self._level[j] <= 1 for j in same):
                continue
            # two kecamatan 'Telukjambe Timur/Barat' name their kabupaten only where nothing else is so called,
            # and not where a kecamatan of that very name is there to be named ('Sakra' beside Sakra Barat/Timur)
            home = self._codes[where]
            if self._level[where] == 1 and any(not self._codes[j].startswith(home + ".") or self._level[j] == 2
                                               for j in same):
                continue
            self._sided[key] = where
        # Nationwide typo search covers provinces, regencies, districts and nicknames (~8k keys);
        # villages (64k names) are typo-matched only inside a regency already named, which keeps a
        # lookup cheap and avoids 'correcting' ordinary words into one of 84k village names.
        # Buckets: (first letter, length) -> keys of that length +-1.
        by_len: dict[tuple[str, int], list[str]] = {}
        wide = [k for k in self._keys if any(self._level[i] <= 2 for i in self._ids(k))]
        for key in wide + list(self._nick) + list(self._partial):
            by_len.setdefault((key[0], len(key)), []).append(key)
        self._buckets: dict[tuple[str, int], list[str]] = {}
        for first, length in {(f, n + d) for f, n in by_len for d in (-1, 0, 1)}:
            self._buckets[(first, length)] = [k for d in (-1, 0, 1) for k in by_len.get((first, length + d), ())]
        self._islands: Mapping[str, int | tuple[int, ...]] = {}
        for key, places in named.items():
            kept = self._island_places(key, places)
            if kept:
                self._islands[key] = kept[0] if len(kept) == 1 else kept
        del named
        # after 'kab.' / 'kota' a regency or city is named: its ~500 names get a looser typo search
        self._regency_keys: list[str] = [k for k in self._keys if any(self._level[i] == 1 for i in self._ids(k))]
        # the word caches filled while indexing 92k names are not what chat lookups need
        fold_key.cache_clear()
        fold_word.cache_clear()
        self._pack()
        self.load_seconds = time.perf_counter() - started

    def _island_places(self, key: str, places: list[tuple[int, bool]]) -> tuple[int, ...]:
        """Where an island's name names a place the region names do not already (read once, at build time).

        Nothing where it is, or is one slip from, a kecamatan's, kabupaten's or province's name ('gili genting' typed
        is Sumenep's kecamatan Giliginting, whatever island of Lombok is so called), or where the words after
        'pulau' name a kabupaten/kota or province ('pulau selayar' is Kepulauan Selayar's, 'pulau siau' Sitaro's,
        and 'pulau ternate' Kota Ternate: the name itself is read). Where a desa/kelurahan has the name ('Pulau
        Tidung'), only inhabited islands of other kabupaten are more places of that name."""
        ids = self._ids(key)
        if any(self._level[i] <= 2 for i in ids) or any(
                OSA.distance(key, other) <= 1 and any(self._level[i] <= 2 for i in self._ids(other))
                for other in self._buckets.get((key[0], len(key)), ())):
            return ()
        bare = key[len("pulau"):] if key.startswith("pulau") else ""
        if bare and (bare in self._partial or any(self._level[i] <= 1 for i in self._ids(bare))):
            return ()
        if ids:
            places = [(i, inhabited) for i, inhabited in places
                      if inhabited and not any(v == i or self._within(v, i) for v in ids)]
        return tuple(i for i, _ in places)

    def _pack(self) -> None:
        """The codes as one string (92k str objects cost ~6 MB more), and their sorted view for bisection; the
        name keys in arrays (bot/understanding/key_table.py: ~1.5 MB, not a 9 MB dict)."""
        self._codes = Packed.of(self._codes)
        self._sorted_codes = SortedCodes(self._codes, self._sorted_idx)
        self._keys = KeyTable.of(self._keys)
        self._islands = KeyTable.of(self._islands)

    def _ids(self, key: str) -> tuple[int, ...]:
        """Regions whose name has this key."""
        ids = self._keys.get(key, ())
        return (ids,) if isinstance(ids, int) else ids

    def _region(self, i: int) -> Region:
        """The Region value at an index."""
        p = self._parent[i]
        name = self._name_text[self._name_ends[i - 1] if i else 0:self._name_ends[i]].decode()
        return Region(self._codes[i], name, LEVELS[self._level[i]], self._codes[p] if p >= 0 else None)

    def _index(self, code: str) -> int:
        """The index of a code, or -1 (for anything that is no code, too, as the dict it replaces answered)."""
        if not isinstance(code, str):
            return -1
        at = bisect_left(self._sorted_codes, code)
        if at < len(self._sorted_codes) and self._sorted_codes[at] == code:
            return self._sorted_idx[at]
        return -1

    def _state(self) -> tuple[Any, ...]:
        """Every table, as plain values marshal writes (arrays as bytes): what the cache file holds."""
        codes = Packed.of(self._codes)
        return (_CACHE_FORMAT, codes.text, self._name_text, self._name_ends.tobytes(), self._level, self._kota,
                self._parent.tobytes(), codes.ends.tobytes(), self._sorted_idx.tobytes(),
                KeyTable.of(self._keys).state(), self._scope, self._partial, self._nick, self._buckets,
                self._regency_keys, self._sided, KeyTable.of(self._islands).state(), self._spaced)

    @classmethod
    def _from_state(cls, state: tuple[Any, ...]) -> RegionIndex:
        """An index from _state()'s tables, nothing rebuilt."""
        if state[0] != _CACHE_FORMAT or len(state) != 18:
            raise ValueError("not a region index of this format")
        index = cls.__new__(cls)
        (_, code_text, index._name_text, name_ends, index._level, index._kota, parent, code_ends,
         sorted_idx, keys, index._scope, index._partial, index._nick, index._buckets,
         index._regency_keys, index._sided, islands, index._spaced) = state
        index._keys = KeyTable.from_state(keys)
        index._islands = KeyTable.from_state(islands)
        index._name_ends, index._parent, index._sorted_idx = array("I"), array("i"), array("i")
        index._name_ends.frombytes(name_ends)
        index._parent.frombytes(parent)
        index._sorted_idx.frombytes(sorted_idx)
        ends = array("I")
        ends.frombytes(code_ends)
        index._codes = Packed(code_text, ends)
        index._sorted_codes = SortedCodes(index._codes, index._sorted_idx)
        if not len(index._codes) == len(index._name_ends) == len(index._parent) == len(index._level):
            raise ValueError("region index tables of different lengths")
        return index

    # ---- loading -------------------------------------------------------------------------

    @classmethod
    def from_dir(cls, path: Path = DATA_DIR) -> RegionIndex:
        """The index of a directory's CSVs: from its cache when built before from the same files, else built.

        The cache (bot/core/data_cache.py: path/__pycache__/regions-<key>.marshal) is keyed by the
        SHA-256 of the CSVs, the code that indexes them and the Python version; it loads in a twentieth of the
        time and without the garbage a build leaves behind.
        """
        started = time.perf_counter()
        sources = (*(path / name for name in REGION_FILES), *_BUILT_BY)
        cache = data_cache.cache_file(path, "regions", sources, _CACHE_FORMAT)
        index, source = data_cache.load(cache, lambda: cls._build_from_dir(path), cls._state, cls._from_state)
        index.source = source
        index.load_seconds = time.perf_counter() - started
        return index

    @classmethod
    def _build_from_dir(cls, path: Path) -> RegionIndex:
        """Index the vendored idn-area-data CSVs and the nickname table of a directory."""
        nicknames: list[tuple[str, str, float]] = []
        nick_path = path / "nicknames.csv"
        if nick_path.exists():
            with open(nick_path, newline="", encoding="utf-8") as f:
                nicknames = [(r["alias"], r["code"], float(r["weight"])) for r in csv.DictReader(f)]
        towns_path = path / "towns.csv"
        if towns_path.exists():  # 'Sampit', 'Maumere': towns people name that are no kecamatan's name
            with open(towns_path, newline="", encoding="utf-8") as f:
                nicknames += [(r["town"], r["code"], TOWN_WEIGHT) for r in csv.DictReader(f)]
        islands: list[tuple[str, str, bool]] = []
        islands_path = path / "islands.csv"
        if islands_path.exists():  # scripts/build_islands.py, from idn-area-data's island list
            with open(islands_path, newline="", encoding="utf-8") as f:
                islands = [(r["island"], r["code"], r["inhabited"] == "1") for r in csv.DictReader(f)]
        return cls(read_region_rows(path), nicknames, islands)

    @classmethod
    def default(cls) -> RegionIndex:
        """The shared index over the vendored data (loaded on first use: ~0.1 s from the data cache, ~0.7 s built)."""
        if cls._default is None:
            cls._default = cls.from_dir()
        return cls._default

    # ---- lookup --------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[Region]:
        return (self._region(i) for i in range(len(self._codes)))

    def __contains__(self, item: object) -> bool:
        """Whether a Kemendagri code (or a Region, by its code) is in the index."""
        return self._index(item.code if isinstance(item, Region) else item) >= 0  # type: ignore[arg-type]

    def of_level(self, level: Level) -> list[Region]:
        """All regions of one level, in code order."""
        wanted = LEVELS.index(level)
        return [self._region(i) for i, lv in enumerate(self._level) if lv == wanted]

    # What the agency ranker reads of the index (its port): a scan's candidates by code and level, and what a word
    # names. Indexes stay the index's own business; these answer for one.
    def code_at(self, idx: int) -> str:
        """The Kemendagri code of a scan's candidate or hit (`.idx`)."""
        return self._codes[idx]

    def level_at(self, idx: int) -> int:
        """The level of a scan's candidate or hit: 0 province, 1 kabupaten/kota, 2 kecamatan, 3 desa/kelurahan."""
        return self._level[idx]

    def key_names(self, key: str, idx: int) -> bool:
        """Whether a folded key is a name of the region at a scan's index."""
        return idx in self._ids(key)

    def names_region(self, key: str) -> bool:
        """Whether a folded word names a kabupaten/kota or province, or is a nickname or part of one."""
        if key in self._nick or key in self._partial:
            return True
        return key in self._keys and any(self._level[i] <= 1 for i in self._ids(key))

    def names_place(self, key: str) -> bool:
        """Whether a folded key is a place's name or nickname, whole ('padanglawas', 'jogja')."""
        return key in self._keys or key in self._nick

    def is_place_word(self, key: str) -> bool:
        """Whether a folded word is a place name, a nickname, part of one ('lawas') or a name without its side."""
        return key in self._keys or key in self._nick or key in self._partial or key in self._sided

    def spelled_as_place(self, word: str) -> bool:
        """Whether a word is, letter for letter, the name of a kecamatan, kabupaten/kota or province (a short one,
        'kai', 'pln', is an office's acronym first)."""
        names = (word, f"kota {word}", f"kabupaten {word}")
        return len(word) >= 6 and any(self._level[i] <= 2 and self._region(i).name.lower() in names
                                      for i in self._ids(fold_key(word)))

    def addressed_as_village(self, words: Sequence[str], at: int) -> bool:
        """Whether the word at `at` is, letter for letter, a desa/kelurahan's name said as an address: after 'kel.',
        'kelurahan' or 'desa', or right before its own kecamatan's name ('drainase di kejaksaan taman sari' is
        Kelurahan Kejaksaan of Taman Sari, Pangkalpinang, not the prosecutor's office; 'lapor ke kejaksaan' is)."""
        word = words[at]
        # 'kel Pematang Gubernur' (Kota Bengkulu): an office's word ('gubernur') may end or sit inside a village's
        # name of two or three words; after the village's level word the whole name, letter for letter, is the
        # address (a level word and an exact multi-word name leave little room for 'the governor')
        for n in (2, 3):
            for s in range(max(1, at - n + 1), at + 1):
                if s + n > len(words) or words[s - 1] not in _VILLAGE_WORDS:
                    continue
                name = " ".join(words[s:s + n])
                if any(self._level[i] == 3 and self._region(i).name.lower() == name
                       for i in self._ids(key_of(words[s:s + n]))):
                    return True
        villages = [i for i in self._ids(fold_key(word))
                    if self._level[i] == 3 and self._region(i).name.lower() == word] if len(word) >= 6 else []
        if not villages:
            return False
        if at > 0 and words[at - 1] in _VILLAGE_WORDS:
            return True
        if at > 0 and words[at - 1] in GOING_TO | _REPORTING:
            return False  # 'lapor ke kejaksaan taman sari': the office the teller went to, wherever it stands
        return any(key_of(words[at + 1:at + 1 + n]) in {name_key(v) for v in name_variants(
            self._region(self._parent[i]).name, 2)} for i in villages for n in (1, 2, 3) if at + n < len(words))

    def get(self, code: str) -> Region | None:
        """The region with this Kemendagri code, or None."""
        i = self._index(code)
        return None if i < 0 else self._region(i)

    def ancestors(self, code: str) -> list[Region]:
        """Parent, grandparent... up to the province."""
        out: list[Region] = []
        i = self._index(code)
        while i >= 0 and (i := self._parent[i]) >= 0:
            out.append(self._region(i))
        return out

    def chain(self, code: str) -> list[str]:
        """This code and its ancestors' codes, most specific first."""
        region = self.get(code)
        return [] if region is None else [code] + [r.code for r in self.ancestors(code)]

    def children(self, code: str) -> list[Region]:
        """Direct sub-regions (codes are prefix-ordered, so this is a range scan)."""
        prefix = code + "."
        depth = code.count(".") + 1
        out = []
        for at in range(bisect_left(self._sorted_codes, prefix), len(self._sorted_codes)):
            c = self._sorted_codes[at]
            if not c.startswith(prefix):
                break
            if c.count(".") == depth:
                out.append(self._region(self._sorted_idx[at]))
        return out

    def short_name(self, region: Region) -> str:
        """Name with its level word abbreviated: 'Kab. Lombok Timur', 'Kec. Sakra', 'Desa Sakra'."""
        name = region.name
        if region.level == "province":
            return {"Daerah Khusus Ibukota Jakarta": "DKI Jakarta",
                    "Daerah Istimewa Yogyakarta": "DI Yogyakarta"}.get(name, name)
        if region.level == "regency":
            return (name.replace("Kabupaten Administrasi", "Kab. Adm.")
                    .replace("Kota Administrasi", "Kota Adm.").replace("Kabupaten", "Kab."))
        if region.level == "district":
            return ("Distrik " if region.code[:2] in ("91", "92", "93", "94", "95", "96") else "Kec. ") + name
        return ("Kel. " if region.code.rsplit(".", 1)[-1].startswith("1") else "Desa ") + name

    def label(self, code: str) -> str:
        """Readable path: 'Desa Sakra, Kec. Sakra, Kab. Lombok Timur, Nusa Tenggara Barat'."""
        region = self.get(code)
        if region is None:
            return code
        return ", ".join(self.short_name(r) for r in [region, *self.ancestors(code)])

    # ---- points ----------------------------------------------------------------------------

    def load_points(self) -> PointIndex:
        """The village centroids locate() reads (~2 MB; 5 ms from the data cache, 0.15 s read; call it in a thread)."""
        if self._points is None:
            from bot.understanding.geo import PointIndex

            self._points = PointIndex.from_file()
        return self._points

    def locate(self, lat: float, lon: float) -> RegionMatch | None:
        """The kabupaten/kota (or kecamatan, when clear) a GPS point lies in; None at sea or abroad.

        Read from the nearest desa/kelurahan centroids (bot.understanding.geo), loaded on first use."""
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return None
        found = self.load_points().place(lat, lon)
        if found is None:
            return None
        region = self.get(found.code) or self.get(found.code[:5])
        if region is None:
            return None
        # sure near villages, less so where the nearest centroid is far (open land, a small island)
        return RegionMatch(region, round(max(50.0, 100.0 - 2.0 * found.km), 1), "")

    # ---- matching ------------------------------------------------------------------------

    def match(self, text: str, home: str | None = None, limit: int = 5) -> list[RegionMatch]:
        """Regions the text may name, best first (home region's places ranked first)."""
        by_code = self._by_code(text)
        if by_code:
            return [by_code]
        tokens = tokenize(text, slang=True, limit=MAX_TOKENS)
        cands = self.scan(tokens, home)
        return [self._to_match(c, text, tokens) for c in cands[:limit] if c.score >= MIN_SCORE / 2]

    def resolve(self, text: str, home: str | None = None) -> RegionResolution:
        """Pick the region a typed place names, or the options to ask about when it is ambiguous."""
        by_code = self._by_code(text)
        if by_code:
            return RegionResolution(by_code, (), "")
        tokens = tokenize(text, slang=True, limit=MAX_TOKENS)
        cands = self.scan(tokens, home)
        if not cands or cands[0].score < MIN_SCORE:
            return RegionResolution(None, (), tidy_landmark(text))
        top = cands[0]
        rivals = [c for c in cands[1:] if top.score - c.score < AMBIGUITY_MARGIN
                  and not self._related(top.idx, c.idx)]
        if home and len(home) >= 5 and self._lone_village(top, home) and not any(
                self._codes[c.idx][:2] == home[:2] for c in (top, *rivals)):
            # "pasar baru" in a Lombok Timur deployment: a name alone that no place of its province has, only
            # same-named desa far away (a market's or a mosque's name here): a place of home we do not know, asked
            # about as such, not a list of desa in other provinces
            return RegionResolution(None, (), tidy_landmark(text))
        if home and len(home) >= 5 and self._market_day(top, tokens) and not self._codes[top.idx].startswith(home[:5]):
            # 'pasar rebo' where the story is told in Purwakarta: a market named for its market day stands in every
            # town, so it is a market of home we do not know, not Jakarta's Kecamatan Pasar Rebo
            return RegionResolution(None, (), tidy_landmark(text))
        best = self._to_match(top, text, tokens)
        if not rivals and not self._lone_village(top, home) and not self._everyday_name(top, tokens, home):
            return RegionResolution(best, (), best.landmark)
        shown = [best] + [self._to_match(c, text, tokens) for c in rivals[:MAX_OPTIONS - 1]]
        return RegionResolution(None, tuple(shown), best.landmark, max(0, len(rivals) - (MAX_OPTIONS - 1)))

    def _bare_guess(self, cand: Candidate, home: str | None) -> bool:
        """Read from one name alone, with no level word or nickname, outside the home kabupaten."""
        return (len(cand.used) == 1 and cand.used[0].marker is None and not cand.used[0].nick
                and not (home and self._codes[cand.idx].startswith(home[:5])))

    def _lone_village(self, cand: Candidate, home: str | None) -> bool:
        """A desa named by its name alone, nothing else said of where ("melati", "dekat masjid agung"): one of 84k
        names, often a street's, a complex's or a mosque's too, so it is asked about, never taken as sure."""
        return self._level[cand.idx] == 3 and self._bare_guess(cand, home)

    def _market_day(self, cand: Candidate, tokens: list[Token]) -> bool:
        """Read only from a market named for its market day ('pasar rebo', 'pasar kliwon'), no level word before it."""
        hit = cand.used[0]
        return (len(cand.used) == 1 and hit.marker is None and hit.end - hit.start == 2
                and tokens[hit.start].text == "pasar" and tokens[hit.start + 1].text in MARKET_DAYS)

    def _everyday_name(self, cand: Candidate, tokens: list[Token], home: str | None) -> bool:
        """A place read only from everyday words among others, no level word before it and no comma setting it
        apart ("sd dkt simpang pasar", "pinggir sungai cenrana", "kampung ujung"; "Kota Timur" names itself):
        Kecamatan Simpang or Pinggir of a far province is a guess, so it is offered to confirm, never taken as sure
        (unless it lies in the home kabupaten)."""
        if len(tokens) < 2 or not self._bare_guess(cand, home):
            return False
        hit = cand.used[0]
        alone = ((hit.start == 0 or tokens[hit.start].sep)
                 and (hit.end == len(tokens) or tokens[hit.end].sep))  # "simpang", "jl. merdeka 5, batu bara"
        return not alone and all(tokens[k].text in COMMON_WORDS and tokens[k].text not in ADMIN_MARKERS
                                 for k in range(hit.start, hit.end))

    def _by_code(self, text: str) -> RegionMatch | None:
        """A region code typed as is ('52.03')."""
        m = _CODE_RE.match(text or "")
        region = self.get(m.group(1)) if m else None
        return RegionMatch(region, 100.0, "") if region else None

    def _within(self, inner: int, outer: int) -> bool:
        """Whether region `inner` lies inside region `outer` (not itself)."""
        return self._codes[inner].startswith(self._codes[outer] + ".")

    def _related(self, a: int, b: int) -> bool:
        """Whether one region contains the other."""
        ca, cb = self._codes[a], self._codes[b]
        return ca.startswith(cb + ".") or cb.startswith(ca + ".")

    def _to_match(self, cand: Candidate, text: str, tokens: list[Token]) -> RegionMatch:
        """Public match with the landmark left after cutting out the administrative words."""
        cut: list[tuple[int, int]] = []
        for hit in cand.used:
            if hit.keep:
                continue  # a street/facility named after the place stays in the landmark
            first = hit.marker_at if hit.marker_at is not None else hit.start
            cut.append((tokens[first].start, tokens[hit.end - 1].end))
        return RegionMatch(self._region(cand.idx), round(min(100.0, max(0.0, cand.score)), 1),
                           tidy_landmark(cut_spans(text, cut)))

    # ---- the scanner (shared with agency matching) --------------------------------------

    def scan(self, tokens: list[Token], home: str | None = None, skip: frozenset[int] = frozenset(),
             exact_only: frozenset[int] = frozenset(), reply: bool = True, limit: int = MAX_TOKENS
             ) -> list[Candidate]:
        """Score every region the tokens may name; `skip` tokens are not place words at all and
        `exact_only` tokens (e.g. known problem words) are never typo-matched to a place. Only the
        first `limit` tokens are read (a story's run-on sentence may name its place late)."""
        words = [t.text for t in tokens[:limit]]
        seps = [t.sep for t in tokens[:limit]]
        folds = [fold_key(w) for w in words]
        # a few words sent in answer to "where?" are a place; inside a sentence they need a cue
        short = reply and len(words) <= SHORT_REPLY
        clitics = [t.clitic for t in tokens[:limit]]
        hits = exact_hits(self, words, folds, seps, short, skip, exact_only, reply, clitics,
                          [t.dash for t in tokens[:limit]], [t.stop for t in tokens[:limit]])
        slips = fuzzy_hits(self, words, folds, seps, short, skip, exact_only, hits, home, clitics,
                           [t.stop for t in tokens[:limit]])
        if slips and not reply:
            # ('sy dr kab. makang lewat situ': a slip said as where one came from is that too, for the story's rules)
            stops = [t.stop for t in tokens[:limit]]
            here_ends = here_said(words, seps, stops, {h.start for h in hits if not h.weak})
            for h in slips:
                first = h.marker_at if h.marker_at is not None else h.start
                h.origin = (first > 0 and not seps[first] and words[first - 1] in ORIGIN_WORDS
                            and not (h.end < len(words) and words[h.end] in ROUTE_ON))
                h.after_here = any(e <= first for e in here_ends)
                h.passing = passing_there(words, seps, h.end)
                h.here_after = any(w in HERE for w in words[h.end:])
        hits += slips
        if not hits:
            return []
        placed = {k for h in hits if not h.weak for k in range(h.start, h.end)}
        speech = frozenset(p for k, w in enumerate(words) if k not in placed for p in SPEECH_AREAS.get(w, ()))
        # ('warga banjar sekitar ... lapor ke kelian', told in Bali: the hamlet, not Kota or Kabupaten Banjar)
        here = speech | {self._codes[h.idx][:2] for h in hits if not h.weak and self._level[h.idx] <= 2}
        hits = [h for h in hits if not (h.end - h.start == 1 and h.marker is None and words[h.start] in HAMLETS
                                        and HAMLETS[words[h.start]] in here)]
        if not hits:
            return []
        heads = frozenset(HEADS[w] for w in words if w in HEADS)
        # ('kantor wali kota', 'pemerintah kota', 'pemerintah kabupaten'): the head or government said in two words
        heads |= {HEADS_SPLIT[(a, b)] for a, b in pairwise(words) if (a, b) in HEADS_SPLIT}
        return weigh(self, hits, home, speech, story=not reply, heads=heads)

    def roads_between(self, tokens: Sequence[Token]) -> list[tuple[int, int]]:
        """Spans of roads named by two ends in different kabupaten/kota ('jalan Padang - Bukittinggi', 'jln lintas
        medan-banda aceh', 'jalan Pacitan ke Ponorogo'): a road between two of them is no kabupaten's own."""
        words = [t.text for t in tokens]
        found: list[tuple[int, int]] = []
        for i, word in enumerate(words):
            if word not in ROADS:
                continue
            j = i + 1
            while j < len(words) and j - i <= 2 and words[j] in ROAD_KINDS | {"raya", "dari"}:
                j += 1
            first = town_at(self, words, j)
            if first is None:
                continue
            end, near = first
            # 'jalan lintas padang medan': with the road's kind said, its two ends may stand side by side
            kind = any(words[k] in ROAD_KINDS for k in range(i + 1, j))
            if end < len(words) and not tokens[end].dash and not (kind and not tokens[end].sep):
                if words[end] not in ROUTE_ON or tokens[end].sep:
                    continue
                end += 1 + (end + 1 < len(words) and words[end + 1] in DIRECTION_WORDS)
            second = town_at(self, words, end) if end < len(words) else None
            if second is not None and not near & second[1]:
                found.append((i, second[0]))
        return found

    def _scope_keys(self, regency: str) -> list[str]:
        """Name keys of the districts and villages under a regency."""
        return _split_scope(self._scope.get(regency, ""))

    def _nearby_keys(self, key: str) -> list[str]:
        """District-or-bigger keys with the same first letter and a length within one."""
        return self._buckets.get((key[0], len(key)), [])

    @cached_property
    def _kota_twins(self) -> frozenset[int]:
        """The kabupaten that share their name with a kota ('Kabupaten Bekasi' and 'Kota Bekasi')."""
        regencies = [i for i, level in enumerate(self._level) if level == 1]
        kota = {self._region(i).name.removeprefix("Kota ") for i in regencies if self._kota[i]}
        return frozenset(i for i in regencies if not self._kota[i]
                         and self._region(i).name.removeprefix("Kabupaten ") in kota)


@lru_cache(maxsize=64)
def _split_scope(keys: str) -> list[str]:
    """A regency's keys as the list the typo search takes (kept for the regencies of the last few messages)."""
    return keys.split(_SEP) if keys else []
