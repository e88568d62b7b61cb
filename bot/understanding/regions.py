"""Kemendagri administrative regions and resolving a typed place to the most specific one it names.

Data: provinces, regencies/cities, districts (kecamatan) and villages (desa/kelurahan) vendored from
idn-area-data 4.x (ODbL, see bot/data/regions/ATTRIBUTION.md), plus our own nickname table.

Matching works on word n-grams looked up in a dict keyed by a spelling-insensitive key, so a
lookup costs microseconds however many villages exist; typos are handled by rapidfuzz over a small
bucket of keys (same first letter, similar length) or over the villages of a regency already named.
A candidate's score adds up the evidence: its own name, level words (kec., desa, kab./kota), its
ancestors named elsewhere in the text, and the deployment's home region.

`RegionIndex` is one index whose lookup steps (n-grams, typos, ancestors, a story's cues of whose place a name is,
GPS hand-off) share its tables, so they live here with the weights they add up. Beside it: the words around a
name (place_words), the cues read from them (place_cues), how official names are keyed (region_names), the packed
tables (packed), the landmark left over (landmark); codes, GPS points and normalisation are modules of their own.
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
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core import data_cache
from bot.understanding import normalize, packed, place_cues, place_words, region_names
from bot.understanding.key_table import KeyTable
from bot.understanding.landmark import cut_spans, tidy_landmark
from bot.understanding.normalize import (
    COMMON_WORDS,
    NUMBER_WORDS,
    Token,
    fold_key,
    fold_word,
    tokenize,
)
from bot.understanding.packed import Packed, SortedCodes
from bot.understanding.place_cues import (
    after_road,
    coming_here,
    compared_with,
    disowned_after,
    here_said,
    instituted,
    machines_at_work,
    passing_there,
    road_heading_to,
    sent_elsewhere,
    whose_place,
)
from bot.understanding.place_words import (
    ADDRESSED,
    ADMIN_MARKERS,
    ALONG,
    AND_WORDS,
    AREA_WORDS,
    AS_FAR,
    AS_FAR_KA,
    BORN,
    CARRIERS,
    CLAUSE_OPENERS,
    CLOSING,
    CONNECTORS,
    COUNCILS,
    DIRECTION_WORDS,
    DISTANCE,
    ERRANDS,
    EVENTS,
    FACILITY_ADJECTIVES,
    FACILITY_MARKERS,
    FACILITY_TAILS,
    FEATURES,
    FIELDS,
    FILLERS,
    GOING_TO,
    HAMLETS,
    HERE,
    HOSPITALS,
    HOURS,
    KIN_ASIDE,
    LEVELS,
    LINKS,
    LOCAL_MARKERS,
    LOCATIVES,
    MARKET_DAYS,
    NEGATION_STARTS,
    NEIGHBOURHOODS,
    NOW,
    ORIGIN_WORDS,
    PEOPLE,
    PRONOUNS,
    ROAD_KINDS,
    ROADS,
    ROUTE_ON,
    ROUTE_THINGS,
    SCHOOL_FILLERS,
    SETTING_OUT,
    SHARED_LAKES,
    SOURCES,
    SPOKEN_NUMBERS,
    STREET_FEATURES,
    STREET_MARKERS,
    TELLER_GAP,
    TELLER_PRONOUNS,
    TELLER_WORDS,
    TOURISM,
    TOWN_FACILITIES,
    TRIPS,
    UNITS,
    Level,
)
from bot.understanding.region_names import (
    MINANG_PROVINCES,
    minang,
    name_key,
    name_variants,
    read_region_rows,
    sided_names,
    spelling_key,
)

if TYPE_CHECKING:
    from bot.understanding.geo import PointIndex

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "regions"
# The CSVs an index is built from, and the code that turns them into its tables: any change to one of them
# makes a new cache key (RegionIndex.from_dir), so a cached index is never older than what it was built from.
REGION_FILES = ("provinces.csv", "regencies.csv", "districts.csv", "villages.csv", "nicknames.csv", "towns.csv",
                "islands.csv")
_BUILT_BY = (Path(__file__), *(Path(m.__file__) for m in (normalize, packed, place_cues, place_words, region_names)),
             DATA_DIR / "common_words.csv")
_SEP = "\n"  # between the keys of a regency's scope (a key is letters and digits)
_CACHE_FORMAT = 7  # the shape of RegionIndex._state(); bump it when that changes

TOWN_WEIGHT = 0.95  # a town stands for its kecamatan almost as surely as the kecamatan's own name
ISLAND_WEIGHT = 1.0  # 'pulau semau', 'gili trawangan': an island's name is as sure as a desa's
_SHARED_ISLAND = 3  # 'pulau parang' (Karimun, Jepara, Seram Bagian Timur) is a shared name; 'pulau panjang' (29) none
SHORT_REPLY = 4  # a reply this short to "where?" is a place, whatever words it uses
_CODE_RE = re.compile(r"^\s*(\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)\s*$")

MAX_NGRAM = 6
MAX_TOKENS = 48  # a place is named in a few words; a pasted essay is cut, not scanned whole
MAX_CANDIDATES = 150
_OWN = 60.0
_MARKER_OK = 12.0
_MARKER_BAD = -30.0
_KOTA_BAD = -10.0
_VILLAGE_KIND_BAD = -4.0  # 'kelurahan X' for a desa, 'desa X' for a kelurahan
_SUPPORT = (10.0, 18.0, 18.0)  # ancestor named elsewhere: province, regency, district
_CONTRA = (-10.0, -20.0, -15.0)  # a province / regency / kec. named that is not ours
_UNEXPLAINED = -15.0  # a 'desa X' / 'kec. X' named that is not inside us
_SHADOWED = -10.0
_COUSIN = 8.0  # another place named in the same regency
_HOLDS = 6.0  # a kabupaten/kota holding a kecamatan named apart ('ciawi tasik': Kab., not Kota Tasikmalaya)
_LEVEL_AFTER = 6.0  # 'kab'/'kota' said after a name both share ('malang kabupaten')
_BARE = 0.5
_STREET = 0.35  # a name after 'jalan': mostly a street's name, not where it is
_STREET_ALONE = 0.6  # ...but the only place a story names: the road there ('jalan batulicin rusak')
_LATER_KECAMATAN = 0.95  # a kecamatan of another kabupaten named after the one a story opens on
_AFTER_MARK = 0.95  # a name after a comma: a cue, a little less sure than 'di'
_BARE_VILLAGE = 0.6  # a lone village name ('musyawarah') falls below MIN_SCORE: one of 84k names, no cue
_RESPELLED = 0.97  # same key, other spelling ('Palangga' typed as 'Pallangga'): only breaks a tie
# a village elsewhere that only shares a well-known town's name ('Canggu', 'Ungaran'): in a story the town's
# offices come first; less than AMBIGUITY_MARGIN, so typed alone both are still offered, the town first
_TOWN_SHADOW = -5.0
# 'tani di Subang, tapi bumi di Kuningan': a kabupaten's or kota's own name is that one, not the same-named kecamatan
# or desa of another named apart from it (Kec. Subang lies in Kuningan), unless the address puts it there ('Depok'
# alone still offers Kota Depok and the kecamatan Depok of Sleman and of Cirebon)
_REGENCY_SHADOW = -10.0
_PRIOR = (5.0, 6.0, 3.0, 0.0)  # bare names prefer the bigger place ('mataram' = the city)
_HOME = 10.0
_HOME_PROVINCE = 4.0
# a regional word in the story ('beta', 'sonde': Kupang) leans, like a home province, toward the places where it is
# spoken: enough to choose between same-named places, never against a place the story names
_SPEECH = 4.0
# ...and so does another place named, even as where someone came from or went ('lembang macet dari arah bandung')
_NEIGHBOUR = 4.0
MIN_SCORE = 30.0
_AFTER_LEVEL = 0.74  # typo similarity enough for a regency/city name right after 'kab.' / 'kota'
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


@dataclass(slots=True)
class PlaceHit:
    """Evidence that tokens [start, end) name region idx."""

    idx: int
    start: int
    end: int
    q: float  # name similarity 0-1
    ctx: float  # 1.0 plain, lower after street words
    keep: bool  # after a street/facility word: stays in the landmark
    marker: tuple[int, str] | None
    marker_at: int | None
    weak: bool  # everyday word on its own, e.g. 'baru'
    cue: bool = True  # something says a place is meant here (a 'di'/'kec.'/'puskesmas' before it, ...)
    nick: bool = False  # read from the nickname/town table ('canggu', 'jogja'), not an official name
    toward: bool = False  # after 'arah'/'menuju'/'dari': where a road leads or someone came from
    teller: bool = False  # after 'warga'/'tinggal di'/'kerja di': where the teller lives or works
    kin: bool = False  # after 'anak saya yang sekolah di': where a relative is
    others: bool = False  # after 'pekerjanya tinggal di': where the people of something named before live
    born: bool = False  # after 'asal'/'orang'/'ktp': where the teller comes from or is registered, not where they live
    said: bool = False  # a locative or level word before it says a place is meant ('di Kayu Bawang'), not its length
    sided: bool = False  # a name without its side, for the kecamatan of 'X Timur' and 'X Barat'
    level_after: str = ""  # 'kab'/'kota' said right after the name ('Mojokerto, kabupaten', 'madiun kota')
    town: bool = False  # after a town's own facility ('alun-alun Tasikmalaya'): the town, though kept in the landmark
    feature: bool = False  # a river's or mountain's name ('sungai Kapuas'): a place it runs through, not where
    route: bool = False  # an end of a trip ('dari X ke Y') or of a road named by its ends ('X-Y di Z'): not where
    island: bool = False  # an island's name ('pulau semau'), from Kemendagri's island list
    closing: bool = False  # among the last words read ('... mahal skali beta pung mama di masohi')
    origin: bool = False  # after 'dari': where someone or something came from
    after_here: bool = False  # said after the story put the trouble 'di sini' or 'di kampung kami', unnamed
    passing: bool = False  # followed by 'lewat situ': where one passes the place of the trouble from
    hither: bool = False  # followed by 'ke sini': where someone comes here from ('keluarga di Sidrap datang ke sini')
    here_after: bool = False  # 'di sini' said after it ('sy asli jember kerja di sini')
    disowned: bool = False  # its office said not to cover the place ('katanya bukan wilayah mereka')


@dataclass(slots=True)
class Candidate:
    """A scored candidate region."""

    idx: int
    score: float
    used: list[PlaceHit]


# 'rb'/'jt' are read as 'ribu'/'juta' before places are
_NUMBER_WORDS = NUMBER_WORDS | {"sejuta", "rupiah", "rp"}


def _all_short(folds: list[str], start: int, end: int) -> bool:
    """Whether every word of a span has three letters or fewer."""
    return all(len(folds[k]) <= 3 for k in range(start, end))


def _counted(words: list[str], start: int, end: int) -> bool:
    """Whether words[start:end] are number words standing in a number ('seratus lima puluh ribu', '2 ribu')."""
    if not all(w in _NUMBER_WORDS for w in words[start:end]):
        return False
    around = [words[k] for k in (start - 1, end) if 0 <= k < len(words)]
    return any(w in _NUMBER_WORDS or w.isdecimal() for w in around)


def _load_speech_areas(path: Path) -> dict[str, tuple[str, ...]]:
    """Regional words and the provinces or kabupaten/kota (codes) where they are spoken, from `word,provinces,speech`
    rows."""
    with open(path, newline="", encoding="utf-8") as f:
        return {row["word"].strip().lower(): tuple(row["provinces"].split()) for row in csv.DictReader(f)}


# words of a regional speech that tell where a story is told from (kept as data: bot/data/regions/speech_areas.csv)
SPEECH_AREAS: dict[str, tuple[str, ...]] = _load_speech_areas(DATA_DIR / "speech_areas.csv")
# everyday words, whatever village shares their name: the common ones and the words of regional speech
# ('meunasah', the Acehnese prayer house; Papuan 'pace', father), everyday where they are spoken
_EVERYDAY = COMMON_WORDS | frozenset(SPEECH_AREAS)


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
                self._regency_keys, self._sided, KeyTable.of(self._islands).state())

    @classmethod
    def _from_state(cls, state: tuple[Any, ...]) -> RegionIndex:
        """An index from _state()'s tables, nothing rebuilt."""
        if state[0] != _CACHE_FORMAT or len(state) != 17:
            raise ValueError("not a region index of this format")
        index = cls.__new__(cls)
        (_, code_text, index._name_text, name_ends, index._level, index._kota, parent, code_ends,
         sorted_idx, keys, index._scope, index._partial, index._nick, index._buckets,
         index._regency_keys, index._sided, islands) = state
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
        hits = self._exact_hits(words, folds, seps, short, skip, exact_only, reply, clitics,
                                [t.dash for t in tokens[:limit]], [t.stop for t in tokens[:limit]])
        slips = self._fuzzy_hits(words, folds, seps, short, skip, exact_only, hits, home, clitics,
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
        return self._score(hits, home, speech, story=not reply)

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
            first = self._town_at(words, j)
            if first is None:
                continue
            end, near = first
            # 'jalan lintas padang medan': with the road's kind said, its two ends may stand side by side
            kind = any(words[k] in ROAD_KINDS for k in range(i + 1, j))
            if end < len(words) and not tokens[end].dash and not (kind and not tokens[end].sep):
                if words[end] not in ROUTE_ON or tokens[end].sep:
                    continue
                end += 1 + (end + 1 < len(words) and words[end + 1] in DIRECTION_WORDS)
            second = self._town_at(words, end) if end < len(words) else None
            if second is not None and not near & second[1]:
                found.append((i, second[0]))
        return found

    def _town_at(self, words: list[str], at: int) -> tuple[int, frozenset[str]] | None:
        """The longest name from `at` of a kabupaten/kota or a known town: where it ends and the regencies it names."""
        best: tuple[int, frozenset[str]] | None = None
        key = ""
        for k in range(at, min(len(words), at + 4)):
            key += fold_key(words[k])
            regencies = {self._codes[i][:5] for i in self._ids(key) if self._level[i] == 1}
            regencies |= {self._codes[i][:5] for i, _ in self._nick.get(key, ()) if self._level[i] >= 1}
            if regencies:
                best = (k + 1, frozenset(regencies))
        return best

    def _context(self, words: list[str], start: int, skip: frozenset[int], seps: list[bool], short: bool
                 ) -> tuple[float, bool, tuple[int, str] | None, int | None, bool]:
        """What precedes a span: admin level word, street word, facility word, locative or nothing.

        Returns (weight, keep in landmark, admin marker, marker position, place cue). A comma in
        between ('dekat SDN 2, Lotim') cuts the span off from what came before."""
        j = start - 1
        if j >= 0 and not seps[j + 1] and words[j] in FILLERS:
            j -= 1
        # 'SMA Negeri 1 Selong', 'SDN 2 Sakra': look past the school number to the facility word
        # (Maluku's 'negeri Kaitetu' is the level word, though 'negeri' is a school's word elsewhere)
        while (j >= 0 and not seps[j + 1] and start - j <= 3
               and (words[j].isdecimal() or (words[j] in SCHOOL_FILLERS and not (
                   words[j] in ADMIN_MARKERS and self._marks_level(words, j))))):
            j -= 1
        if j >= 0 and j < start - 1 and words[j] in NEIGHBOURHOODS and words[j + 1].isdecimal():
            # 'rt 4 rw 9 Ciledug': the address goes on to the place the RT/RW lies in, no street of that name
            return 1.0, False, None, None, True
        if j < 0 or seps[j + 1]:
            # after a comma a name may start a clause ('..., Sakra banjir') or be an ordinary word that starts
            # one ('..., dagangan basah'): a cue, but less sure than 'di' ('di Kajen')
            return (1.0 if short or j < 0 else _AFTER_MARK), False, None, None, short or j >= 0
        if words[j] in ROAD_KINDS and j > 0 and not seps[j] and words[j - 1] in STREET_MARKERS:
            j -= 1  # 'jalan nasional Padang–Painan' names a road, as 'jalan Padang' does
        w = words[j]
        if w in FACILITY_TAILS and j > 0 and not seps[j] and words[j - 1] in FACILITY_TAILS[w]:
            return 1.0, True, None, None, True  # 'pelabuhan ikan Puger', 'rumah sakit Sumedang'
        if w in ADMIN_MARKERS and self._marks_level(words, j):
            return 1.0, False, ADMIN_MARKERS[w], j, True
        if w in STREET_MARKERS or (w in FEATURES | STREET_FEATURES and j > 0 and not seps[j]
                                   and words[j - 1] in STREET_MARKERS):
            # ('Jl. Sei Batang Hari', 'jalan gunung sari': a street named after a river or mountain is a street)
            return _STREET, True, None, None, True
        if w in DIRECTION_WORDS:
            return 1.0, True, None, None, True
        if w in FACILITY_MARKERS:
            return 1.0, True, None, None, True
        # 'RSUD Waluyo Jati Kraksaan', 'RSUD MM Dunda Limboto': a hospital's own name, then the town it stands in
        # (said as a place, and no word of the landmark's)
        if self._hospital_named(words, j, seps):
            return 1.0, False, None, None, True
        # an agency name ('capil sakra') or a locative ('di sakra') before a name points at a place
        return 1.0, False, None, None, w in LOCATIVES or j in skip or short

    def _on_island(self, idx: int, places: tuple[int, ...]) -> bool:
        """Whether a region is one of an island name's places, or lies in or around one."""
        return any(idx == p or self._related(idx, p) for p in places)

    def _held_names_said(self, hits: list[PlaceHit], words: list[str], seps: list[bool]) -> None:
        """Mark an everyday word said straight before the name of the region holding a place so called as that place."""
        # 'SDN 1 Ayah Kebumen', 'di teras boyolali': no chance word lands right before the one kabupaten that has a
        # kecamatan of its name, so 'ayah' there is Kecamatan Ayah; alone ('dipukuli ayah tirinya') it stays a word
        holders: dict[int, list[PlaceHit]] = {}
        for h in hits:
            if not h.weak and self._level[h.idx] <= 1:
                holders.setdefault(h.start, []).append(h)
        for h in hits:
            # (a kecamatan's only: 'pasar baru bekasi' is a market, whichever village of Bekasi is called Baru)
            if (h.weak and h.end - h.start == 1 and words[h.start] in _EVERYDAY and self._level[h.idx] == 2
                    and h.end < len(seps) and not seps[h.end]
                    and any(self._within(h.idx, o.idx) for o in holders.get(h.end, ()))):
                h.weak = False

    def _islands_explained(self, hits: list[PlaceHit]) -> list[PlaceHit]:
        """Hits with an island's name read as the more specific place its own words name there: 'pulau semau' is
        the kecamatan Semau of Kupang, 'pulau pramuka' the kecamatan the town table names, 'pulau penyengat' the
        kelurahan Penyengat of Tanjungpinang — said as surely as the island — and 'pulau parang' beside a desa
        Parang of Karimunjawa is Jepara's island, not the other two so called."""
        spans = {(h.start, h.end) for h in hits if h.island}
        if not spans:
            return hits
        dropped: set[int] = set()
        for start, end in spans:
            group = [h for h in hits if h.island and (h.start, h.end) == (start, end)]
            inside = [o for o in hits if not o.island and start <= o.start and o.end <= end
                      and any(o.idx == h.idx or self._within(o.idx, h.idx) for h in group)]
            if inside:
                group[0].idx = max(inside, key=lambda o: len(self._codes[o.idx])).idx
                dropped.update(id(h) for h in group[1:])
        return [h for h in hits if id(h) not in dropped]

    def _hospital_named(self, words: list[str], at: int, seps: list[bool]) -> bool:
        """Whether the words ending at `at` are a hospital's word and one to three words of its own name, in one
        clause ('rsud kanjuruhan', 'rs m yunus'): what follows them is the town the hospital stands in (not after
        the town named right after the hospital's word: 'RSUD Pare. Ayah saya ...')."""
        k = at
        while k >= 1 and at - k < 3 and not seps[k] and words[k] not in LOCATIVES and words[k] not in LINKS:
            k -= 1
            if words[k] in HOSPITALS or (words[k] == "sakit" and k >= 1 and words[k - 1] == "rumah"):
                return not any(self._level[i] <= 2 for i in self._ids(fold_key(words[k + 1])))
        return False

    def _marks_level(self, words: list[str], at: int) -> bool:
        """Whether a level word is one here: Toraja's 'lembang' only before a Toraja desa's name ('lembang
        bandung barat' is Kec. Lembang of Bandung Barat, not a desa called Bandung)."""
        areas = LOCAL_MARKERS.get(words[at])
        if areas is None:
            return True
        key = ""
        for k in range(at + 1, min(len(words), at + 1 + MAX_NGRAM)):
            key += fold_key(words[k])
            ids = self._keys.get(key)
            if any(self._level[i] == 3 and self._codes[i].startswith(areas)
                   for i in ((ids,) if isinstance(ids, int) else ids or ())):
                return True
        return False

    def _exact_hits(self, words: list[str], folds: list[str], seps: list[bool], short: bool, skip: frozenset[int],
                    exact_only: frozenset[int] = frozenset(), reply: bool = True,
                    clitics: Sequence[bool] = (), dashes: Sequence[bool] = (), stops: Sequence[bool] = ()
                    ) -> list[PlaceHit]:
        """Every n-gram whose key is a region name or nickname ('airnya hitam' is black water, no Air Hitam: a name
        does not run on past a word that had '-nya')."""
        hits: list[PlaceHit] = []
        n = len(words)
        inner: dict[int, tuple[int, tuple[int, ...]]] = {}  # a word inside an island's name -> its end, its places
        for i in range(n):
            if i in skip or (words[i] in NEGATION_STARTS and not short):
                continue
            if words[i] in SHARED_LAKES and i > 0 and words[i - 1] == "danau" and not seps[i]:
                continue
            ctx, keep, marker, marker_at, cue = self._context(words, i, skip, seps, short)
            if marker is not None and (words[i] in LINKS or words[i] in PRONOUNS) and not short:
                # 'jalan desa dari Dau': a village road, not the desa called Dari; 'desa kulo', 'gampong lon': my
                # village (Javanese, Acehnese), not the desa called Kulo or Loon
                continue
            in_field = i > 0 and not seps[i] and words[i - 1] in FIELDS
            after_event = i > 0 and not seps[i] and words[i - 1] in EVENTS
            in_facility = i > 0 and not seps[i] and words[i - 1] in FACILITY_MARKERS
            town_cue = (i > 0 and not seps[i] and words[i - 1] in TOWN_FACILITIES
                        and words[i] not in FACILITY_ADJECTIVES)  # 'bandara baru' is a new airport, no Barru
            # 'tempat wisata Batu', 'wisata di batu', 'liburan ke batu': where one goes on a trip is a town, though its
            # name is an everyday word ('di batu' alone may be on a stone)
            # ('SMP negeri di Pandan', 'puskesmas di Batu': where a school, clinic or market stands is its town)
            town_cue = town_cue or (i > 1 and not seps[i] and words[i - 1] == "di" and not seps[i - 1]
                                    and instituted(words, seps, i - 2))
            town_cue = town_cue or (i > 0 and not seps[i] and (words[i - 1] in TOURISM or (
                i > 1 and words[i - 1] in GOING_TO | {"di"} and not seps[i - 1] and words[i - 2] in TRIPS)))
            # 'kab.' before a name is the level word, not the village called Kabupaten (Klaten)
            is_marker = (words[i] in ADMIN_MARKERS and i + 1 < n and not seps[i + 1] and self._marks_level(words, i)
                         and marker is None)  # but 'kec. Kota' (Kediri) is a name after a level word
            key = ""
            on_island = inner.get(i)
            for j in range(i, min(n, i + MAX_NGRAM)):
                if j in skip or (j > i and j - 1 < len(clitics) and clitics[j - 1]):
                    break
                if j > i and seps[j]:
                    break  # nor across a comma ('kel babakan, bogor tengah' is no desa Babakan Bogor)
                key += folds[j]
                if is_marker and j == i:
                    continue
                if words[i] in _NUMBER_WORDS and _counted(words, i, j + 1):
                    continue  # 'seratus lima puluh ribu' is a price, not Kecamatan Lima Puluh
                if j == i and i > 0 and words[i - 1].isdecimal() and words[i] in UNITS and not short:
                    continue  # 'lewat desa 2 bulan': a span of time, not Desa Bulan
                if j == i and i > 0 and not seps[i] and words[i - 1] in HOURS and words[i] in SPOKEN_NUMBERS:
                    continue  # 'saking jam pitu': seven o'clock, not Kecamatan Pitu
                ids = self._keys.get(key)
                if isinstance(ids, int):
                    ids = (ids,)
                nick = self._nick.get(key)
                partial = self._partial.get(key) if j == i else None
                sided = self._sided.get(key)
                if on_island is not None and j < on_island[0]:
                    # 'pulau kelapa' (twelve islands) is no desa Kelapa of Bantul: a word of an island's name
                    # names no place off the islands so called
                    on = on_island[1]
                    ids = tuple(x for x in ids or () if self._on_island(x, on))
                    nick = [(x, w) for x, w in nick or () if self._on_island(x, on)]
                    partial = partial if partial is not None and self._on_island(partial, on) else None
                    sided = sided if sided is not None and self._on_island(sided, on) else None
                island = self._islands.get(key) if j > i else None
                islands: tuple[int, ...] = ()
                if island is not None and ctx != _STREET:  # 'Jl. Pulau Kawe' in Denpasar is a street
                    islands = (island,) if isinstance(island, int) else island
                    for k in range(i + 1, j + 1):
                        inner[k] = (j + 1, islands)
                    # a name islands of a few kabupaten share is read as a shared village name is; of many, as none
                    if len(islands) > _SHARED_ISLAND:
                        islands = ()
                if not ids and not nick and partial is None and sided is None and not islands:
                    continue
                if partial is not None:
                    # 'biak' alone may be Biak Numfor, but only where a place is expected
                    # ('pasar intan' is a diamond market, not Intan Jaya: an everyday word is no part of a name)
                    hits.append(PlaceHit(partial, i, j + 1, 0.95, ctx, keep, marker, marker_at,
                                     not cue or words[i] in COMMON_WORDS, cue))
                common = j == i and words[i] in _EVERYDAY
                weak = (j == i and len(key) <= 3) or (
                    # 'air keruh' is a complaint before it is a village in Muara Enim
                    marker is None and all(k in exact_only for k in range(i, j + 1))) or (
                    # 'truk batu bara' carries coal, it is not Kabupaten Batu Bara
                    j > i and marker is None and key in COMMON_WORDS and not (short or (reply and cue))) or (
                    # 'medannya berat' is the terrain: a word with '-nya' is a place only where one is said to be
                    j < len(clitics) and clitics[j] and marker is None and not cue and not short)
                # a name of several words says a place is meant, unless they are only short words run together
                # ('so ba tumpuk' is no Soba)
                several = j > i and not _all_short(folds, i, j + 1)
                # 'badannya biru2', 'batu2 berserakan': an everyday word said twice is its plural or its stress, no
                # Kecamatan Biru-Biru or desa Batu-Batu, unless a place is said to be meant ('di Batu-Batu') (a
                # kota's name is one: 'rsud bau bau')
                doubled = (j == i + 1 and words[i] == words[j] and words[i] in _EVERYDAY and marker is None
                           and not (short or cue or town_cue))
                # 'balik terus' (Balikterus, Gresik) and 'tidak ada' inside a sentence are ordinary words
                everyday = (not short and marker is None and j > i
                            and all(words[k] in COMMON_WORDS or len(folds[k]) <= 3 for k in range(i, j + 1)))
                # 'Pallangga' (Gowa) and 'Palangga' (Konawe Selatan) share a folded key: where one of the
                # same-keyed places is spelled exactly as typed, the others are a little less likely
                spelled = self._spelled_as(ids or (), words[i:j + 1])
                # 'pasar martapura': Desa Pasar Martapura (OKU Timur) is named for its own kecamatan's market, and
                # every Martapura has a market; the words name the town, whichever one, not that desa
                owners = self._ids(key[len(folds[i]):]) if j > i and words[i] in FACILITY_MARKERS else ()
                market_day = j == i + 1 and words[i] == "pasar" and words[j] in MARKET_DAYS
                for idx in ids or ():
                    if owners and self._level[idx] == 3 and (
                            self._parent[idx] in owners or self._parent[self._parent[idx]] in owners):
                        continue
                    # 'sampah pasar legi bau': a market named for its market day stands in every other town; the desa
                    # of that name (Pasarlegi, Lamongan) needs its level word ('desa pasarlegi')
                    village_words = (everyday or (market_day and marker is None)) and self._level[idx] == 3
                    # an everyday word ('teras', 'batu') is weak evidence of a place inside a sentence; typed
                    # in answer to "where?" alone or after a comma it still names its kecamatan or kota
                    # ('kec. Tambang' names its kecamatan whatever else 'tambang' means)
                    named = short or (reply and cue) or town_cue
                    ordinary = common and not (named and self._level[idx] <= 2) and not (
                        marker is not None and marker[0] == self._level[idx])
                    respelled = bool(spelled) and self._level[idx] >= 2 and idx not in spelled
                    # 'nang sawah sambungmacan': a field is named by the kecamatan it lies in (a village's name
                    # after it is as often the crop's or the field's own: 'sawah subak', 'tambak lorok')
                    # ('banjir Dayeuhkolot deui', 'macet Lembang tiap weekend': what happened, then the kecamatan
                    # or kabupaten it happened in; a village's name there is as often the event's kind: 'banjir pulo')
                    cued = cue or ((in_field or after_event) and self._level[idx] <= 2)
                    # 'mobil desa buat pribadi', 'jalan desa tinggal 2 meter', 'kelurahan tutup jam 12': in a story a
                    # level word before an everyday word is the village's (or its office's) and the word goes on
                    # with the sentence; a village so named needs its kecamatan or kabupaten named too
                    # ('Kelurahan Tampan, Payung Sekaki')
                    if common and not reply and marker is not None and self._level[idx] == 3:
                        cued = False
                    # 'sekitar masjid agung', 'depan terminal lama': in a story the word after a facility's is
                    # what kind of facility it is, no village of that name (Kelurahan Agung of Tabalong)
                    if (not reply and j == i and in_facility and words[i] in FACILITY_ADJECTIVES
                            and self._level[idx] == 3):
                        cued = False
                    idle = doubled and self._level[idx] >= 2
                    hits.append(PlaceHit(idx, i, j + 1, _RESPELLED if respelled else 1.0, ctx,
                                     keep, marker, marker_at,
                                     weak or ordinary or village_words or idle,
                                     (cued or (several and not idle)) and not village_words,
                                     town=town_cue, said=cued and not village_words))
                for idx, weight in nick or ():
                    # a town's name that is an everyday word ('di mana' is no Manna) needs what a kecamatan's does
                    ordinary = common and not (short or (reply and cue) or town_cue)
                    hits.append(PlaceHit(idx, i, j + 1, weight, ctx, keep, marker, marker_at, ordinary, nick=True,
                                     town=town_cue))
                for idx in islands:
                    hits.append(PlaceHit(idx, i, j + 1, ISLAND_WEIGHT, ctx, keep, marker, marker_at, False, nick=True,
                                     island=True))
                if sided is not None:  # as sure as the place's own name, and as much in need of a cue
                    hits.append(PlaceHit(sided, i, j + 1, 1.0, ctx, keep, marker, marker_at, weak, cue or several,
                                     sided=True))
        hits = self._islands_explained(hits)
        self._held_names_said(hits, words, seps)
        # 'Depok, Sawangan': a name right after another place's name and a comma continues an address
        place_ends = {h.end for h in hits if not h.weak}
        # ('guru2nya ada yg dr kediri', 'kapal dari Surabaya telat': 'yang' and 'kapal', some villages' names, end no
        # name before 'dari'; nor do 'nelayan' and 'petani', who people are: 'nelayan dari Rembang juga lelang disini')
        # ('anak dari jakarta numpang kk': people, some villages' names too, end no name before 'dari' either)
        name_ends = {h.end for h in hits if not (h.end - h.start == 1 and (
            words[h.start] in PRONOUNS or (h.weak and (words[h.start] in LINKS or words[h.start] in CARRIERS
                                                          or words[h.start] in LOCATIVES
                                                          or words[h.start] in PEOPLE))))}
        starts = {h.start for h in hits if not h.weak}
        toward_ends: set[int] = set()  # where the names a trip came from or went to end (hits come by first word)
        here_ends = here_said(words, seps, stops, starts)
        # spans naming a kecamatan and no kabupaten/kota ('jalan ke arah Wonosobo' may be the kabupaten's name)
        kecamatan_spans = ({(h.start, h.end) for h in hits if self._level[h.idx] == 2 and not h.weak}
                           - {(h.start, h.end) for h in hits if self._level[h.idx] <= 1})
        for h in hits:
            if h.ctx == _AFTER_MARK and h.start in place_ends:
                h.ctx = 1.0
            elif (h.ctx == _AFTER_MARK and not reply and h.end - h.start == 1 and h.marker is None
                  and self._level[h.idx] == 3 and not (h.nick or h.island or h.sided)):
                # '..., jari anak saya kesetrum', '(polio)': in a story a word after a mark opens a clause; one
                # word that is some village's whole name says no place is meant there (a kecamatan's still does:
                # '..., Sakra banjir')
                h.cue = h.said = False
            # 'dari Kota Kediri': what stands before the level word ('dari pemkot Surabaya' is help from its council)
            first = h.marker_at if h.marker_at is not None and words[h.marker_at] not in COUNCILS else h.start
            before = words[first - 1] if first > 0 and not seps[first] else ""
            # ('sampe ke daerah bekasi', 'dari wilayah X'): an area word between says nothing of the direction
            if before in AREA_WORDS and first >= 2 and not seps[first - 1]:
                first -= 1
                before = words[first - 1]
            # 'angkutan dari Wawotobi ke Kendari': a route's start is where the service is, not elsewhere
            # ('tmn sy dr jakarta sampe kaget': 'sampai' before no place is how far, not where a route goes)
            route = h.end < n and words[h.end] in ROUTE_ON and (words[h.end] not in AS_FAR or h.end + 1 in starts)
            # 'study tour ke Bali' is where they went, but 'jalan Sagaranten ke Tegalbuleud' is the road's other end
            # (Sundanese 'nepi ka', Minang 'sampai ka': as far as, 'bau nepi ka Kota X' is where the smell reaches)
            as_far = (before == "ka" and first >= 2 and not seps[first - 1] and words[first - 2] in AS_FAR_KA)
            going = (before in GOING_TO or as_far) and first - 1 not in place_ends
            # 'liburan ke parapat', 'ziarah ke pamijahan': a trip's end is where the teller was when it happened
            # ('berobat ke masamba', 'ke bangkinang ngurus izin': an errand's place is where it happened)
            trip = going and ((first >= 2 and not seps[first - 1] and words[first - 2] in TRIPS | ERRANDS)
                              or (h.end < n and not seps[h.end] and words[h.end] in ERRANDS))
            # ('puskesmas X tutup, warga harus berobat ke Kota Y', 'terpaksa ke rs di Y', 'biasa belanja ke Y'): where
            # one must, or usually does, go instead is elsewhere, not where the errand went wrong
            sent = sent_elsewhere(words, seps, first)
            trip = trip and not sent
            # 'jalan ka sumur ti cigeulis': a road's other end, named right after the first, is the road's too
            # ('ini dari kasiman pak': where the caller is calling from is where it is)
            calling = before in ORIGIN_WORDS and first >= 2 and words[first - 2] == "ini" and not seps[first - 1]
            # ('aya nu ti Garut, ti Ciamis': after a comma, 'ti' starts a second origin, not a name's other end)
            measured = before in ORIGIN_WORDS and first >= 2 and not seps[first - 1] and words[first - 2] in DISTANCE
            origin = (before in ORIGIN_WORDS and not route and (first - 1 not in name_ends or seps[first - 1])
                      and not calling and not measured)
            origin = origin or (before in ORIGIN_WORDS and first >= 2 and not seps[first - 1]
                                and words[first - 2] in SETTING_OUT and h.end + 1 not in starts)
            # 'dirujuk dari puskesmas di Purbalingga', 'pindahan dari sekolah di X': the facility came from there too
            origin = origin or (before == "di" and first >= 3 and not seps[first - 1] and not seps[first - 2]
                                and words[first - 2] in FACILITY_MARKERS and words[first - 3] in ORIGIN_WORDS
                                and not (first >= 4 and words[first - 4] in DISTANCE))
            # ('truk tanah dr galian majalengka', 'limbah dari pabrik cikarang': the quarry or works came from there)
            origin = origin or (before in SOURCES and first >= 2 and not seps[first - 1]
                                and words[first - 2] in ORIGIN_WORDS)
            # ('kapal dari Ranai dan Pontianak': both are where it came from)
            also = before in AND_WORDS and first - 1 in toward_ends
            # ('jalan ke Kumpeh': the road to a kecamatan is the road there; to a town or a village it may be far)
            road_to = (h.start, h.end) in kecamatan_spans and road_heading_to(words, seps, first)
            # ('sampah numpuk di pasar Kutoarjo, coba kaya di Magelang bersih': the town compared with)
            compared = compared_with(words, seps, first)
            h.disowned = disowned_after(words, seps, h.end)
            h.toward = (before in DIRECTION_WORDS or (going and not trip) or origin or also or compared or sent
                        or h.disowned) and not road_to
            h.origin = origin and not road_to
            h.after_here = any(e <= first for e in here_ends)
            h.passing = passing_there(words, seps, h.end)
            h.hither = h.passing and coming_here(words, seps, h.end)
            h.here_after = any(words[k] in HERE for k in range(h.end, n))
            if h.toward and not h.weak:
                toward_ends.add(h.end)
            h.feature = before in FEATURES and h.marker is None
            h.closing = h.end + CLOSING >= n
            # 'torang dari manado ke bitung lewat situ': both ends of a trip the teller makes, should a place
            # apart from them be named plainly ('jalan di airmadidi')
            # ('jalan dari masamba ke seko', 'bus dari X ke Y': the road or the service, which is where it is)
            h.route = (before in ORIGIN_WORDS and route and h.end + 1 in starts
                       and not (first >= 2 and words[first - 2] in ROUTE_THINGS))
            k = h.start - 1
            now = False
            while k >= 0 and h.start - k <= 3 and not seps[k + 1] and words[k] in TELLER_GAP:
                now = now or words[k] in NOW
                k -= 1
            # 'anak saya yang sekolah di pekanbaru', 'anakku sing neng kota jogja': where a relative is
            if k >= 0 and not seps[k + 1]:
                h.kin, h.others = whose_place(words, seps, clitics, k)
            # ('developernya kantornya di Jakarta', 'kakak saya ... bilang rumahnya di Mestong': a home or office said
            # with '-nya' is someone else's, not the teller's)
            theirs = k >= 0 and not seps[k + 1] and words[k] in TELLER_WORDS and k < len(clitics) and clitics[k]
            h.others = h.others or theirs
            # 'sy di solo' is the teller, 'kebun kentang saya di Kayu Aro' is theirs, 'rumah saya di bekasi' theirs;
            # 'sy skrg di Bandung' is where the teller is now, wherever the clause begins
            h.born = k >= 0 and not seps[k + 1] and words[k] in BORN
            # ('ktp ibu sy yg tinggal di bumiayu': where a relative lives is the relative's place, not the teller's;
            # but 'gini pak saya tinggal di takengon' may be the official addressed, 'pak' read as 'bapak')
            addressed = k >= 2 and words[k - 1] in TELLER_PRONOUNS and words[k - 2] in ADDRESSED
            h.teller = (k >= 0 and not seps[k + 1] and words[k] in TELLER_WORDS and not theirs
                        and not machines_at_work(words, seps, k)
                        and (not h.kin or addressed) and (
                # ('... hampir jatuh ke parit. saya di Singkawang': a sentence of its own)
                words[k] not in TELLER_PRONOUNS or k == 0 or seps[k] or (k < len(stops) and stops[k])
                or words[k - 1] in CLAUSE_OPENERS
                or words[k - 1] in TELLER_WORDS or now))
            # 'Mojokerto, kabupaten', 'bekasi kab': the level word after the name, when it starts no other name
            after = ADMIN_MARKERS.get(words[h.end]) if h.end < n else None
            if after is not None and after[0] == 1 and h.marker is None and (
                    h.end + 1 >= n or seps[h.end + 1] or h.end + 1 not in starts):
                h.level_after = after[1]
        # 'tinggal di Natar, Lampung Selatan', 'tinggal di takengon aceh tengah': the address goes on after the
        # place (after a comma, or straight on into the kabupaten holding it), and so does whose it is
        # (hits come in the order of their first word, so what a name ending here passed on is known when a name
        # starting here is read: a map by end, kept as it grows, not a search of every hit for every hit)
        codes = self._codes
        tellers_ending: dict[int, list[PlaceHit]] = {}
        route_next: set[int] = set()
        for h in hits:
            if h.ctx == 1.0 and h.start > 0 and not h.teller:
                h.teller = any(seps[h.start] or codes[t.idx].startswith(codes[h.idx] + ".")
                               for t in tellers_ending.get(h.start, ()))
            if h.teller and not h.weak:
                tellers_ending.setdefault(h.end, []).append(h)
            h.route = h.route or h.start in route_next
            # ('dari Kota Serang ke Anyer lewat Cinangka': the trip's next leg starts after 'ke', not after 'lewat')
            if h.route and h.end < n and words[h.end] in ROUTE_ON:
                route_next.add(h.end + 1)
        # 'dari arah Puncak Bogor': a name inside a longer one said as where someone came from or went is that too
        towards = [h for h in hits if h.toward and not h.weak and h.end - h.start > 1]
        for h in hits:
            if not h.toward and any(t.start < h.start and h.end <= t.end for t in towards):
                h.toward = True
        # 'Jl. Tanjung Raya': a word inside a street's name is that name too, not Kecamatan Raya
        streets = [h for h in hits if h.keep and h.ctx < 1.0 and h.end - h.start > 1]
        for h in hits:
            if any(s.start < h.start and h.end <= s.end for s in streets):
                h.keep, h.ctx = True, min(h.ctx, max(s.ctx for s in streets if s.start < h.start and h.end <= s.end))
            # ...and so is an everyday word right after it ('jl. Air Hitam Ujung' is no Kecamatan Ujung)
            elif (h.end - h.start == 1 and words[h.start] in COMMON_WORDS and not seps[h.start]
                  and any(s.end == h.start for s in streets)):
                h.keep, h.ctx = True, min(h.ctx, max(s.ctx for s in streets if s.end == h.start))
        # 'jln lintas medan-banda aceh di lhoksukon': a road named by its two ends, then where along it the trouble
        # is; the ends are the road's name, the place after 'di' is where it happened
        ending: dict[int, list[PlaceHit]] = {}
        for h in hits:
            if not h.weak:
                ending.setdefault(h.end, []).append(h)
        for h in hits:
            # ('jalan lintas padang medan di Rao': with the road's kind said, the two ends may stand side by side,
            # each a kabupaten/kota or a town, no longer name running across them)
            side_by_side = (not h.weak and not seps[h.start] and (self._level[h.idx] <= 1 or h.nick)
                            and not any(o.start < h.start < o.end for o in hits if not o.weak)
                            and any((self._level[r.idx] <= 1 or r.nick) and r.start > 0 and words[r.start - 1]
                                    in ROAD_KINDS and after_road(words, seps, r.start)
                                    for r in ending.get(h.start, ())))
            if not (((h.start < len(dashes) and dashes[h.start]) or side_by_side) and h.start in place_ends):
                continue
            after = h.end
            # ('pkl dpn pasar mranggen ... ke badan jalan raya semarang-purwodadi': with a road word before its first
            # end, the road is named by its ends wherever the trouble along it is said to be, before or after)
            firsts = [r for r in ending.get(h.start, ()) if after_road(words, seps, r.start)]
            if (after + 1 < n and words[after] in ALONG and after + 1 in starts and not seps[after]) or firsts:
                h.route = True
                for r in ending.get(h.start, ()):
                    r.route = True
        return hits

    def _spelled_as(self, ids: Iterable[int], typed: list[str]) -> frozenset[int]:
        """Of several same-keyed kecamatan/villages, those whose name has the typed words' doubled letters
        (case, spaces, punctuation and old spellings aside: 'Sukamulya' is 'Sukamulia'); empty when there is
        one, or when none is spelled so. Kabupaten, kota and provinces are never told apart this way."""
        ids = tuple(i for i in ids if self._level[i] >= 2)
        if len(ids) < 2:
            return frozenset()
        want = spelling_key(" ".join(typed))
        spelled = frozenset(i for i in ids if spelling_key(self._region(i).name) == want)
        return spelled if len(spelled) < len(ids) else frozenset()

    def _fuzzy_hits(self, words: list[str], folds: list[str], seps: list[bool], short: bool, skip: frozenset[int],
                    exact_only: frozenset[int], exact: list[PlaceHit], home: str | None,
                    clitics: Sequence[bool] = (), stops: Sequence[bool] = ()) -> list[PlaceHit]:
        """Typo-tolerant hits for words no exact name explains."""
        covered = set()
        named = set()  # words a kecamatan, kabupaten/kota or province is named by exactly
        for h in exact:
            # with a home region, a word that only names places far away may be a typo of a local one
            if not h.weak and (not home or h.end - h.start > 1 or self._level[h.idx] < 2
                               or self._codes[h.idx][:2] == home[:2]):
                covered.update(range(h.start, h.end))
            if not h.weak and self._level[h.idx] <= 2:
                named.update(range(h.start, h.end))
        n = len(words)
        # the words that announce a place ('jalan', 'kawasan', 'kec.') are never a slip for one, nor part of one:
        # 'kawasan' is no typo of Kalasan, 'jalan daan' none of Dalangan
        # ...nor is a pronoun ('tiang ktp karangasem', Balinese 'I': no slip for Desa Tangkup)
        cues = [w in ADMIN_MARKERS or w in STREET_MARKERS or w in FACILITY_MARKERS or w in LOCATIVES
                or w in DIRECTION_WORDS or w in CONNECTORS or w in PRONOUNS for w in words]
        # an everyday word is no slip for a place, unless the level word announces one ('kab. bantu'), nor is a word
        # of regional speech ('dekat meunasah' is no Meunara)
        # ('dukcapil kabupaten blm beres': a word that goes on with the sentence after a level word used as an
        # adjective, LINKS, is announced as no place, as in _exact_hits: no slip for Kabupaten Belu)
        announced = [i > 0 and not seps[i] and ADMIN_MARKERS.get(words[i - 1], (-1,))[0] == 1
                     and words[i] not in LINKS for i in range(n)]
        todo = [i for i in range(n) if i not in covered and i not in skip and i not in exact_only
                and len(folds[i]) >= 3 and (words[i] not in _EVERYDAY or announced[i]) and not cues[i]
                and not words[i].isdecimal()]
        if not todo:
            return []
        scopes = self._scopes(exact, home)
        hits: list[PlaceHit] = []
        calls = 0
        # a word right after 'di'/'kec.'/'desa' is tried first: in a long story the place may come late
        todo.sort(key=lambda i: not (i > 0 and cues[i - 1] and not seps[i]))
        for i in todo[:6]:
            # (similarity, span, [(key, similarity, in scope)]) of the n-gram around word i that fits best
            best: tuple[float, int, int, list[tuple[str, float, bool]]] | None = None
            for a, b in ((i, i + 1), (i - 1, i + 1), (i, i + 2)):
                if a < 0 or b > n or any(k in skip or cues[k] for k in range(a, b)) or any(
                        seps[k] for k in range(a + 1, b)) or any(
                        k < len(clitics) and clitics[k] for k in range(a, b - 1)) or any(
                        k < len(stops) and stops[k] and len(folds[k - 1]) > 3 for k in range(a + 1, b)):
                    # nor does one name run across a comma ('grogol, pejalan'), a '-nya' ('medannya berat') or the end
                    # of a sentence ('buang ke sungai. pas air surut' is no Sungai Mas; 'jl. a. yani' is a name)
                    continue
                key = "".join(folds[a:b])
                if len(key) < 5 or (b - a > 1 and not short and all(words[k] in COMMON_WORDS for k in range(a, b))):
                    continue  # 'malu karo' (ashamed with) is two everyday words, not a slip for Maukaro
                if b - a > 1 and _all_short(folds, a, b):
                    continue  # nor are short words run together ('per sak' is no slip for Perak)
                found: list[tuple[str, float, bool]] = []
                for scope in scopes:
                    found += [(k, sim, True) for k, sim, _ in process.extract(
                        key, self._scope_keys(scope), scorer=OSA.normalized_similarity, score_cutoff=0.75,
                        limit=3) if k != key]
                if calls < 8:
                    calls += 1
                    cutoff = 0.83 if len(key) <= 8 else 0.8
                    if b - a == 1 and len(key) <= 6 and not announced[a]:
                        # one slip in a short word is another word as often as a place far away: 'pantai samas'
                        # is no Sambas, 'rawa pening' no Pining (typos are still read in the scope of the story)
                        cutoff = 0.84
                    found += [(k, sim, False) for k, sim, _ in process.extract(
                        key, self._nearby_keys(key), scorer=OSA.normalized_similarity, score_cutoff=cutoff,
                        limit=4) if k != key]
                    if a == i and a > 0 and not seps[a] and ADMIN_MARKERS.get(words[a - 1], (-1,))[0] == 1:
                        # 'kab. tulungangung', 'kota guungsitoli': two slips in a name the level word announces
                        found += [(k, sim, False) for k, sim, _ in process.extract(
                            key, self._regency_keys, scorer=OSA.normalized_similarity, score_cutoff=_AFTER_LEVEL,
                            limit=2) if k != key]
                if b - a > 1 and (a in named or b - 1 in named):
                    # ('warga lau dawe': where one word names a kecamatan as it is spelled, the slip is in the other
                    # word, and that one must still look like it: 'lau' is no slip for the 'lan' of Landawe, 'dolok
                    # masehul' is one for Dolok Masihul)
                    found = [f for f in found if _rest_slips(f[0], folds[a], folds[b - 1], a in named, b - 1 in named)]
                if found:
                    top = max(sim for _, sim, _ in found)
                    if best is None or top > best[0] + 0.02:
                        best = (top, a, b, found)
            if best is None:
                continue
            top, a, b, found = best
            ctx, keep, marker, marker_at, cue = self._context(words, a, skip, seps, short)
            seen: set[int] = set()
            for key, sim, scoped in sorted(found, key=lambda f: (-f[1], not f[2])):
                if sim < top - 0.1:
                    break
                ids = [(idx, 1.0) for idx in self._ids(key)] + self._nick.get(key, [])
                for idx, weight in ids:
                    if idx in seen:
                        continue
                    seen.add(idx)
                    in_scope = scoped and any(self._codes[idx].startswith(sc) for sc in scopes)
                    q = (sim - (0.03 if in_scope else 0.05)) * weight
                    hits.append(PlaceHit(idx, a, b, q, ctx, keep, marker, marker_at, False, cue or b - a > 1))
        return hits

    def _scopes(self, exact: list[PlaceHit], home: str | None) -> list[str]:
        """Regency codes the text (or the home setting) already places us in, for scoped typo search."""
        scopes: list[str] = []
        for h in exact:
            if h.weak or self._level[h.idx] not in (1, 2):
                continue
            code = self._codes[h.idx][:5]
            if code not in scopes:
                scopes.append(code)
        if home and len(home) >= 5 and home[:5] not in scopes:
            scopes.append(home[:5])
        return scopes[:3]

    def _scope_keys(self, regency: str) -> list[str]:
        """Name keys of the districts and villages under a regency."""
        return _split_scope(self._scope.get(regency, ""))

    def _nearby_keys(self, key: str) -> list[str]:
        """District-or-bigger keys with the same first letter and a length within one."""
        return self._buckets.get((key[0], len(key)), [])

    def _own(self, h: PlaceHit) -> float:
        """Evidence a hit gives for its own region."""
        score = _OWN * h.q * h.ctx
        if h.weak and h.marker is None:
            score *= 0.3
        if h.marker is not None:
            score += self._marker_fit(h)
        return score

    @cached_property
    def _kota_twins(self) -> frozenset[int]:
        """The kabupaten that share their name with a kota ('Kabupaten Bekasi' and 'Kota Bekasi')."""
        regencies = [i for i, level in enumerate(self._level) if level == 1]
        kota = {self._region(i).name.removeprefix("Kota ") for i in regencies if self._kota[i]}
        return frozenset(i for i in regencies if not self._kota[i]
                         and self._region(i).name.removeprefix("Kabupaten ") in kota)

    def _marker_fit(self, h: PlaceHit) -> float:
        """Bonus when the level word agrees with the region's level, penalty when not."""
        assert h.marker is not None
        level, flavour = h.marker
        own = self._level[h.idx]
        if h.sided and level == 3 and own == 2:
            # 'kelurahan Cempaka Putih': Cempaka Putih Timur or Barat, in kecamatan Cempaka Putih (the halves are
            # kelurahan: 'desa Kandangan' is a desa so called before the town's Kandangan Kota and Kandangan Utara)
            return _MARKER_OK + (_VILLAGE_KIND_BAD if flavour == "desa" else 0.0)
        if level == own:
            if level == 1 and flavour and (flavour == "kota") != self._kota[h.idx]:
                if flavour == "kota" and h.idx not in self._kota_twins:
                    return 0.0  # 'di kota Pati': there is no Kota Pati, the town of Kabupaten Pati is meant
                return _KOTA_BAD if flavour == "kota" else _MARKER_BAD
            # 'kelurahan Kalideres' is Jakarta's kelurahan before Cirebon's desa (BPS: 1xxx kelurahan, 2xxx desa);
            # people mix the two words, so it only breaks a tie
            if level == 3 and flavour and (flavour == "kel") != (self._codes[h.idx][-4:-3] == "1"):
                return _MARKER_OK + _VILLAGE_KIND_BAD
            return _MARKER_OK
        return _KOTA_BAD if flavour == "kota" else _MARKER_BAD

    def _cued(self, h: PlaceHit, own: float) -> float:
        """A hit's own evidence, discounted as a lone word where nothing says a place is meant."""
        return own * (1.0 - _BARE) if self._level[h.idx] >= 2 and not h.cue else own

    def _strong(self, h: PlaceHit) -> bool:
        """Whether a hit is clear enough to count against other readings."""
        return not h.weak and h.ctx >= 0.9 and h.q >= 0.85

    def _hinted_provinces(self, hits: list[PlaceHit]) -> dict[tuple[int, int], dict[str, frozenset[str]]]:
        """For words naming places in several provinces ('lembang', 'tanjung raya'), the provinces among them that
        another place named apart lies in ('dari arah bandung', 'saudara di bukittinggi'): where the story is; with
        the kabupaten/kota of those places (their own places are supported by them already: 'desa sukamulya kec.
        sakra lotim' needs no other lean to Lombok Timur)."""
        levels: dict[tuple[int, int], int] = {}
        for h in hits:
            if not h.weak and h.q >= 0.85:
                span = (h.start, h.end)
                levels[span] = min(levels.get(span, 3), self._level[h.idx])
        provinces: dict[tuple[int, int], set[str]] = {}
        regencies: dict[tuple[int, int], set[str]] = {}
        for h in hits:
            span = (h.start, h.end)
            if not h.weak and h.q >= 0.85 and self._level[h.idx] == levels[span]:
                provinces.setdefault(span, set()).add(self._codes[h.idx][:2])
                regencies.setdefault(span, set()).add(self._codes[h.idx][:5])
        # (only a kabupaten/kota or a place set aside hints: a kecamatan named plainly competes with the shared name)
        aside = {(h.start, h.end) for h in hits if h.toward or h.teller or h.kin or h.born or h.route or h.feature}
        pointed = {span: next(iter(p)) for span, p in provinces.items()
                   if len(p) == 1 and (levels[span] <= 1 or span in aside)}
        out: dict[tuple[int, int], dict[str, frozenset[str]]] = {}
        for span, p in provinces.items():
            if len(p) < 2 or levels[span] < 2:
                continue
            apart = [(prov, hint) for hint, prov in pointed.items() if hint[1] <= span[0] or hint[0] >= span[1]]
            near = {prov for prov, _ in apart} & p
            if near and near != p:
                out[span] = {prov: frozenset(r for q, hint in apart if q == prov for r in regencies[hint])
                             for prov in near}
        return out

    def _score(self, hits: list[PlaceHit], home: str | None, speech: frozenset[str] = frozenset(), story: bool = False
               ) -> list[Candidate]:
        """Add up the evidence for every region with a hit of its own (`speech`: the provinces and kabupaten/kota
        whose regional words the text uses; `story`: a sentence, not a few words sent in answer to "where?")."""
        # An everyday word ('baru', 'jaya') only counts as a village where the text or the home
        # setting already points; elsewhere it names hundreds of villages and means none of them.
        areas = {self._codes[h.idx][:5] for h in hits if not h.weak}
        areas |= {c[:2] for c in areas}
        if home:
            areas |= {home[:5], home[:2]}
        hits = [h for h in hits if not h.weak or h.marker is not None
                or self._codes[h.idx][:5] in areas or self._codes[h.idx][:2] in areas]
        # 'sampah di kampung kami numpuk ... kmrn sy dr kab X lewat situ', 'puskesmas di sini tutup ... sodara sy di
        # kab Y jg ngalamin': once the story has put the trouble where the teller is without naming it, a place said
        # after that only as where someone came from, a relative's or where the teller was born names no place of the
        # trouble (asked rather than guessed)
        # ('saya tinggal di Kab Bima tapi tiap hari lewat situ', 'kmrn sy dr kab X lewat situ': where the teller lives,
        # works or comes from, passing the place of the trouble on the way, is not that place)
        if story:
            # ('sy asli jember kerja di sini 5 thn', 'kami orang aceh besar tp usaha di sini': where the teller comes
            # from or is registered, set against a 'di sini' said after it, is not where they are)
            # ('lapor ke dinsos kota X katanya bukan wilayah mereka': the office said the place is not theirs)
            hits = [h for h in hits if not (h.after_here and (h.origin or (h.kin and not h.teller) or h.born))
                    and not (h.passing and (h.origin or h.teller) and not h.kin) and not (h.born and h.here_after)
                    # ('keluarga sy di Sidrap bilang tiap datang ke sini': a relative's place they come here from)
                    and not (h.kin and h.hither)
                    and not h.disowned]
        if not hits:
            return []
        # 'jalan jatinangor ke arah cileunyi', 'turis dari jakarta': with another place named, the road's end is only
        # its direction and the visitors' home only where they came from
        toward = [h for h in hits if h.toward]
        # (a slip with nothing saying a place is meant, 'harus mundur' for Mundu, names no other place)
        if toward and any(not h.weak and not h.toward and (h.cue or h.q >= _RESPELLED)
                          and all(h.end <= t.start or h.start >= t.end for t in toward) for h in hits):
            for h in toward:
                h.ctx = min(h.ctx, 0.35)
        for flag in ("feature", "route"):
            flagged = [h for h in hits if getattr(h, flag)]
            if flagged and any(not h.weak and h.cue and not h.toward and not h.feature and not h.route
                               and not h.teller and all(h.end <= f.start or h.start >= f.end for f in flagged)
                               for h in hits):
                for h in flagged:
                    h.ctx = min(h.ctx, 0.35)

        # 'saya warga Lhokseumawe, ... puskesmas di Lhoksukon': where the teller lives or works says who they are;
        # with a place apart from it named plainly, the complaint is about that one (a street's name is no such
        # place, the town whose square or terminal it is is: 'tinggal di Ciamis ... dekat alun-alun Tasikmalaya')
        # 'rumah sy di Natar tp kerja di Bandar Lampung ... jalan depan pasar natar': the home named again where the
        # problem is, even as a landmark's name, is that place
        # 'beta tinggal di Sirimau, aer PDAM seng kaluar ... beta pung mama di masohi': a relative's place that closes
        # the story, long after the teller's own, the trouble told between, is said in passing (named right after it,
        # 'tinggal di Palu, keluarga di Dolo', it is the contrast that says where the trouble is; and so it is where
        # the story goes on: 'waktu nginep di rumah neneknya di salatiga itu tetangga juga kena')
        aside = {id(h) for h in hits if h.kin and not h.teller and not h.weak and h.closing and any(
            t.teller and not t.weak and t.q >= 0.85 and t.end + KIN_ASIDE <= h.start
            and self._codes[t.idx][:5] != self._codes[h.idx][:5] and not self._related(t.idx, h.idx) for t in hits)}
        again = {h.idx for h in hits if not h.teller and not h.toward and not h.weak and h.marker is None
                 and h.q >= 0.85 and any(t.teller and t.idx == h.idx for t in hits)
                 and not any(o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start
                             for o in hits)}  # ('bpn bengkulu utara' names no Kota Bengkulu again)
        bigger = {(h.start, h.end) for h in hits if self._level[h.idx] <= 2}
        villages: dict[tuple[int, int], set[str]] = {}  # span -> the kabupaten its villages lie in
        for h in hits:
            if self._level[h.idx] == 3:
                villages.setdefault((h.start, h.end), set()).add(self._codes[h.idx][:5])
        for t in (h for h in hits if h.teller and h.idx not in again):
            if any(not h.weak and h.cue and not h.teller and not h.toward and id(h) not in aside
                   and (not h.keep or h.ctx >= 1.0 or h.town or h.nick or h.idx in again)
                   and h.q >= 0.85
                   # (a desa named in words of its own after 'di', 'tanggul di Kayu Bawang', as plainly as a kecamatan;
                   # not 'warga sudah gotong royong', words that happen to be some village's name)
                   and (self._level[h.idx] <= 2 or h.marker is not None or h.town or (h.end - h.start > 1 and h.said)
                        # ('sawah orang tua di Mariorilau': a village's own name after 'di', of villages in one
                        # kabupaten only (an everyday word names many: 'ngungsi di mesjid'), and no bigger place's:
                        # 'PDAM Sleman' is the kabupaten, not a desa Sleman elsewhere)
                        or (h.said and not h.keep and h.q >= 1.0 and (h.start, h.end) not in bigger
                            and len(villages.get((h.start, h.end), ())) == 1))
                   and (h.end <= t.start or h.start >= t.end)
                   and self._codes[h.idx][:5] != self._codes[t.idx][:5]
                   and not self._related(h.idx, t.idx) for h in hits):
                t.ctx = min(t.ctx, 0.5)
        # 'mahasiswa asal Kupang ngekos di Sewon': where the teller lives or works now says more of where the trouble is
        # than where they come from or are registered (unless that place is named again apart)
        for born in (h for h in hits if h.born and h.teller and h.idx not in again):
            if any(h.teller and not h.born and not h.weak and h.q >= 0.85
                   and self._codes[h.idx][:5] != self._codes[born.idx][:5] and not self._related(h.idx, born.idx)
                   for h in hits):
                born.ctx = min(born.ctx, 0.5)
        # 'kami warga Ciwandan ... sebagian pekerjanya tinggal di Kabupaten Serang': where the people of what the
        # story is about live, named after another place (the teller's own too), is only who else it touches
        for h in hits:
            if h.others and any(o.start < h.start and not o.weak and o.cue and o.q >= 0.85
                                and not (o.toward or o.route or o.kin or o.others)
                                and self._codes[o.idx][:5] != self._codes[h.idx][:5]
                                and not self._related(o.idx, h.idx) for o in hits):
                h.ctx = min(h.ctx, 0.5)
        for h in hits:
            if id(h) in aside:
                h.ctx = min(h.ctx, 0.5)
        # 'kebakaran lahan di tapung ... anak saya yang sekolah di pekanbaru juga sesak': so is a relative's place
        # named after the place of the problem ('akta anak di cipondoh belum jadi, temen sy di tangsel sudah': and a
        # second relative's or a friend's, named after the first)
        for kin in (h for h in hits if h.kin and not h.teller):
            # (a kabupaten's or kota's own name needs no cue: 'air pdam sintang keruh ... sodare di pontianak')
            if any(h.start < kin.start and not h.weak and (h.cue or self._level[h.idx] <= 1)
                   and not (h.teller or h.toward or h.route)
                   and h.q >= 0.85 and self._codes[h.idx][:5] != self._codes[kin.idx][:5]
                   and not self._related(h.idx, kin.idx) for h in hits):
                kin.ctx = min(kin.ctx, 0.5)
        # 'jalan batulicin rusak', 'longsor di jalan kalipucang': with no other place named (but where it leads or
        # something came from), the road named after a kecamatan or town is the road there (alone it falls below
        # MIN_SCORE, as a street's name should in an address)
        if story and all(h.keep and h.ctx == _STREET for h in hits if not h.weak and not h.toward):
            for h in hits:
                if not h.weak and not h.toward and self._level[h.idx] <= 2:
                    h.ctx = _STREET_ALONE
        # 'ini dari juwana banjir rob ... yang di kudus sana aman', 'jalan di Bontomarannu ... ke pasar di Makassar':
        # the kecamatan the story opens on is where it is; a kabupaten/kota named after it, apart, is a side remark
        plain = [h for h in hits if not h.weak and h.q >= 0.85 and (h.said or h.marker is not None)
                 and not (h.toward or h.teller or h.kin or h.born or h.route or h.feature or h.keep)]
        opener = next((h for h in plain if self._level[h.idx] == 2), None) if story else None
        # (a name kecamatan of two kabupaten share opens on either, unless its kabupaten is named right after it: 'di
        # ds gandusari kec gandusari' is Blitar's or Trenggalek's, the one listed first in the code table no likelier;
        # 'di Wanayasa, Purwakarta' is Purwakarta's)
        opened = {self._codes[h.idx][:5] for h in plain if opener is not None and self._level[h.idx] == 2
                  and (h.start, h.end) == (opener.start, opener.end)}
        addressed = {self._codes[h.idx][:5] for h in hits if opener is not None and not h.weak
                     and self._level[h.idx] == 1 and h.start == opener.end} & opened
        opened = addressed or opened
        # (not where the opener's own words also name a kabupaten: 'di mesuji ... bpn mesuji')
        if opener is not None and not any((h.end <= opener.start or (h.start, h.end) == (opener.start, opener.end))
                                          and self._level[h.idx] <= 1 for h in hits if not h.weak):
            for h in hits:
                if (h.start >= opener.end and self._level[h.idx] <= 2 and not h.weak
                        and self._codes[h.idx][:5] not in opened
                        and self._codes[opener.idx][:2] != self._codes[h.idx]):
                    # (a kecamatan of another kabupaten named later only loses a tie: 'depo sampah di umbulharjo
                    # penuh karena tpa piyungan tutup')
                    h.ctx = min(h.ctx, 0.5 if self._level[h.idx] <= 1 else _LATER_KECAMATAN)
        own = {id(h): self._own(h) for h in hits}
        best_hit: dict[int, PlaceHit] = {}
        by_region: dict[int, list[PlaceHit]] = {}
        for h in hits:
            mentions = by_region.setdefault(h.idx, [])
            if len(mentions) >= 3:
                continue  # the same place named again and again adds nothing
            mentions.append(h)
            cur = best_hit.get(h.idx)
            # the mention that says a place is meant ('di Duri', a town's name) stands for the region before
            # a bare one ('Mandau' after it) that would be discounted as a lone word
            if cur is None or self._cued(h, own[id(h)]) > self._cued(cur, own[id(cur)]):
                best_hit[h.idx] = h
        if len(best_hit) > MAX_CANDIDATES:
            # a pasted list of place names must not cost more than a sentence: keep the likeliest
            def rough(idx: int) -> float:
                code = self._codes[idx]
                at_home = bool(home) and (code == home or code.startswith(f"{home}."))
                return own[id(best_hit[idx])] + _PRIOR[self._level[idx]] + (_HOME if at_home else 0.0)

            keep = sorted(best_hit, key=rough, reverse=True)[:MAX_CANDIDATES]
            best_hit = {idx: best_hit[idx] for idx in keep}
        strong = [h for h in hits if self._strong(h)]
        if len(strong) > MAX_CANDIDATES:
            strong = sorted(strong, key=lambda h: own[id(h)], reverse=True)[:MAX_CANDIDATES]
        longest_from: dict[int, int] = {}  # start -> furthest end of a clear hit starting there
        clear_at: dict[tuple[int, int], list[int]] = {}  # span -> regions a clear hit there names
        for h in hits:
            if not h.weak and h.q >= 0.8:
                clear_at.setdefault((h.start, h.end), []).append(h.idx)
                if h.end > longest_from.get(h.start, -1):
                    longest_from[h.start] = h.end
        # Evidence a candidate must agree with, grouped by span: regencies/provinces named plainly,
        # districts and villages only when introduced by 'kec.'/'desa'.
        firm_spans: dict[int, set[tuple[int, int]]] = {}  # level -> spans of firm hits
        firm_at: dict[int, dict[int, set[tuple[int, int]]]] = {}  # level -> region -> spans
        # 'di Duri Mandau': a kecamatan named right after a village's name is where that village lies, as if
        # 'kec.' stood before it
        village_ends = {h.end for h in strong if self._level[h.idx] == 3}
        for h in strong:
            hl = self._level[h.idx]
            if hl < 2 or (h.marker is not None and h.marker[0] == hl) or (hl == 2 and h.start in village_ends):
                firm_spans.setdefault(hl, set()).add((h.start, h.end))
                firm_at.setdefault(hl, {}).setdefault(h.idx, set()).add((h.start, h.end))
        # regencies that places named at kecamatan/village level lie in, per span (for cousin support)
        lower: dict[str, set[tuple[int, int]]] = {}
        # (a kecamatan named as where something reached still says which kabupaten a same-named place lies in:
        # 'pabrik di beji buang limbah ... sampe gempol')
        # (not a kecamatan named like its kabupaten: 'saking Tabanan' is the kabupaten the teller came from)
        named_regencies = {(h.start, h.end) for h in hits if self._level[h.idx] == 1 and not h.weak}
        for h in strong + [t for t in hits if t.toward and not t.weak and t.q >= 0.85 and not self._strong(t)
                           and (t.start, t.end) not in named_regencies]:
            if self._level[h.idx] >= 2:
                lower.setdefault(self._codes[h.idx][:5], set()).add((h.start, h.end))
        regency_spans = {(h.start, h.end) for h in hits
                         if self._level[h.idx] == 1 and not h.weak and h.q >= _RESPELLED}
        # names of towns, and of kabupaten/kota ('lamongan' is also a desa of Purbalingga)
        town_spans = {(h.start, h.end) for h in hits if h.nick and self._level[h.idx] <= 2} | regency_spans
        # 'pkl tanah abang', 'terminal rajabasa': a kecamatan people know by a name another kecamatan shares (or by a
        # landmark in it) is the one they mean
        known_kec = [(h.start, h.end, h.idx) for h in hits if h.nick and self._level[h.idx] == 2]
        regency_starts = {h.start for h in hits if self._level[h.idx] == 1 and not h.weak}
        # kecamatan named anywhere, even as a road's name ('jln ciawi'), but not as where a road leads
        held: dict[str, set[tuple[int, int]]] = {}
        for h in hits:
            # ('di sumber cirebon': an everyday word is the kecamatan's name right before its kabupaten's)
            if self._level[h.idx] == 2 and (not h.weak or (h.cue and h.end in regency_starts)) and not h.toward \
                    and h.q >= 0.85:
                held.setdefault(self._codes[h.idx][:5], set()).add((h.start, h.end))
        # words naming two kabupaten/kota at once ('tasik': the Kota and the Kabupaten Tasikmalaya)
        regencies_at: dict[tuple[int, int], set[int]] = {}
        for h in hits:
            if self._level[h.idx] == 1:
                regencies_at.setdefault((h.start, h.end), set()).add(h.idx)
        hinted = self._hinted_provinces(hits)
        cands: list[Candidate] = []
        for idx, own_hit in best_hit.items():
            level = self._level[idx]
            code = self._codes[idx]
            score = own[id(own_hit)] + _PRIOR[level] + (1.0 if self._kota[idx] else 0.0)
            o_start, o_end = own_hit.start, own_hit.end
            # the words other mentions must stand apart from: our own, or the longer name ours lies in
            c_start, c_end = _span_around(o_start, o_end, longest_from)
            if (c_start, c_end) != (o_start, o_end):
                # 'aceh' inside 'Banda Aceh', 'jakarta' inside 'Jakarta Selatan': a province whose every mention is part
                # of the name of a place within it is no candidate of its own (that place's chain holds it)
                if level == 0 and all(any(self._within(inner, idx) for inner in clear_at.get(
                        _span_around(m.start, m.end, longest_from), ())) for m in by_region[idx]):
                    continue
                score += _SHADOWED  # 'lombok' inside 'lombok timur': the longer name explains more
            used = [own_hit]
            regency_named = level >= 2 and own_hit.marker is None and (o_start, o_end) in regency_spans
            shadow_provinces = ({self._codes[r][:2] for r in regencies_at.get((o_start, o_end), ())}
                                if regency_named else set())
            apart = False  # our kabupaten named, but not as our address
            anc: list[int] = []
            a = self._parent[idx]
            while a >= 0:
                anc.append(a)
                a = self._parent[a]
            drop = False
            firm_support = False  # an ancestor named clearly; a weak word ('truk batubara') is no such support
            for a in anc:
                support = by_region.get(a)
                if not support:
                    continue
                if level >= 2 and (own_hit.marker is None or own_hit.marker[0] != level) and any(
                        (h.start, h.end) == (o_start, o_end) for h in support):
                    drop = True  # 'sumbawa' is the regency, not its same-named kecamatan
                    break
                # 'palas' inside 'Tanjung Palas Tengah' is no Padang Lawas supporting a village 'Tanjung'
                # 'kota Cirebon' is no support for a kecamatan of Kabupaten Cirebon; 'bogor' inside 'Bogor Tengah'
                # is that kecamatan's word, no support for a Kemang of Kabupaten Bogor
                disjoint = [h for h in support if (h.end <= c_start or h.start >= c_end)
                            and (h.marker is None or self._marker_fit(h) >= 0)
                            and _span_around(h.start, h.end, longest_from) == (h.start, h.end)]
                if regency_named:
                    # a kabupaten's own name ('ten Temanggung, nanging griya ten Magelang') is that kabupaten, not
                    # a village of the same name in another one named further on: only an address says so
                    # ('Temanggung, Magelang', 'Temanggung kab. Magelang')
                    # (unless the kabupaten so named lies in another province than the place named apart: 'PDAM Tirta
                    # Mayang di Kotabaru' is Kota Jambi's kecamatan, not Kabupaten Kotabaru of South Kalimantan)
                    address = [h for h in disjoint if h.end == c_start
                               or (h.marker_at if h.marker_at is not None else h.start) == c_end
                               or self._codes[h.idx][:2] not in shadow_provinces]
                    apart = apart or len(address) < len(disjoint)
                    disjoint = address
                if disjoint:
                    h = max(disjoint, key=lambda x: own[id(x)])
                    weight = h.q * h.ctx * (0.3 if h.weak and h.marker is None else 1.0)
                    score += _SUPPORT[self._level[a]] * min(1.0, weight)
                    used.append(h)
                    firm_support = firm_support or weight >= 0.5
            if drop:
                continue
            if level == 3 and len(used) == 1 and not own_hit.nick and (o_start, o_end) in town_spans:
                score += _TOWN_SHADOW  # the town people know by that name is meant, unless our kabupaten is named
            elif (level == 2 and len(used) == 1 and not own_hit.nick
                  and any(a <= o_start and o_end <= b and k != idx for a, b, k in known_kec)):
                score += _TOWN_SHADOW
            if apart and len(used) == 1:
                score += _REGENCY_SHADOW
            if (level >= 2 and not own_hit.cue and not firm_support
                    and not (home and (code == home or code.startswith(home + ".")))):
                # a lone word that happens to be some village's name, in a sentence about something else
                score -= (_BARE_VILLAGE if level == 3 else _BARE) * own[id(own_hit)]
            # One mention names one place, so only spans apart from our own count for or against us.
            for hl, spans in firm_spans.items():
                if hl < level and any(b <= o_start or a >= o_end for a, b in spans):
                    mine = firm_at[hl].get(anc[level - 1 - hl], ())
                    if not any(b <= o_start or a >= o_end for a, b in mine):
                        score += _CONTRA[hl]  # a province/regency/kec. is named that is not ours
                elif hl > level:
                    prefix = code + "."
                    if any(not self._codes[other].startswith(prefix)
                           and any(b <= o_start or a >= o_end for a, b in other_spans)
                           for other, other_spans in firm_at[hl].items()):
                        score += _UNEXPLAINED  # a 'desa X' is named that is not inside us
            if level >= 2 and any(b <= c_start or a >= c_end for a, b in lower.get(code[:5], ())):
                score += _COUSIN  # another place named in the same regency
            if level == 1 and len(regencies_at.get((o_start, o_end), ())) > 1:  # a name a kab and a kota share
                if own_hit.marker is None and any(b <= c_start or a >= c_end for a, b in held.get(code, ())):
                    score += _HOLDS
                if own_hit.level_after:  # 'Mojokerto, kabupaten': the Kabupaten, not the Kota of the same name
                    score += _LEVEL_AFTER if (own_hit.level_after == "kota") == bool(self._kota[idx]) else -_LEVEL_AFTER
            if home:
                if code == home or code.startswith(home + "."):
                    score += _HOME
                elif code[:2] == home[:2]:
                    score += _HOME_PROVINCE
            if code[:2] in speech or code[:5] in speech:
                score += _SPEECH
            near = hinted.get((o_start, o_end), {}).get(code[:2])
            if level >= 2 and near is not None and code[:5] not in near:
                score += _NEIGHBOUR
            cands.append(Candidate(idx, score, used))
        # equal evidence: the bigger place, then the one named first ('sekolah di Kalikotes ... belajar di
        # teras'), never the alphabet
        cands.sort(key=lambda c: (-c.score, self._level[c.idx], c.used[0].start, self._codes[c.idx]))
        return cands


def _rest_slips(key: str, first: str, last: str, first_named: bool, last_named: bool) -> bool:
    """Whether a name's key found for two typed words keeps the word that names a place as it is typed, and the other
    word is close enough to the rest of the name to be a slip for it (the first kept when both name one)."""
    if first_named and key.startswith(first):
        rest, typed = key[len(first):], last
    elif last_named and key.endswith(last):
        rest, typed = key[:len(key) - len(last)], first
    else:
        return False
    return bool(rest) and OSA.normalized_similarity(typed, rest) >= 0.75


@lru_cache(maxsize=64)
def _split_scope(keys: str) -> list[str]:
    """A regency's keys as the list the typo search takes (kept for the regencies of the last few messages)."""
    return keys.split(_SEP) if keys else []


def _span_around(start: int, end: int, longest_from: dict[int, int]) -> tuple[int, int]:
    """The longest clear name that holds tokens [start, end) ('bogor tengah' around 'bogor'), else that span."""
    best = (start, end)
    for a in range(max(0, end - MAX_NGRAM), start + 1):
        if longest_from.get(a, -1) >= end and longest_from[a] - a > best[1] - best[0]:
            best = (a, longest_from[a])
    return best


