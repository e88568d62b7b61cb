"""Finding the places a text names: exact and typo-tolerant hits of region names, and the words read around them.

They read the region index's tables (`RegionTables`: bot/understanding/regions.py's `RegionIndex`, which imports this
module, so it is not imported here) and give `RegionIndex.scan` the `PlaceHit`s bot/understanding/region_weights.py
adds up.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.understanding.normalize import COMMON_WORDS, NUMBER_WORDS, fold_key
from bot.understanding.place_cues import (
    after_road,
    coming_here,
    compared_with,
    disowned_after,
    here_said,
    instituted,
    machines_at_work,
    passing_there,
    referred_to,
    road_heading_to,
    sent_elsewhere,
    struck_houses,
    whose_place,
    written_from,
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
    DAY_WORDS,
    DIRECTION_WORDS,
    DISTANCE,
    ENTERING,
    ERRANDS,
    EVENTS,
    EVERYDAY_ALONE,
    FACILITY_ADJECTIVES,
    FACILITY_MARKERS,
    FACILITY_TAILS,
    FEATURES,
    FIELD_KINDS,
    FIELDS,
    FILLERS,
    GOING_TO,
    HAMLET_WORDS,
    HERE,
    HOSPITALS,
    HOURS,
    INTO_WOODS,
    KECAMATAN_OFFICES,
    LINES,
    LINKS,
    LOCAL_MARKERS,
    LOCATIVES,
    MARKET_DAYS,
    MILESTONES,
    NAMED_BY_DESA,
    NEAR,
    NEGATION_STARTS,
    NEIGHBOURHOODS,
    NO_NAME_START,
    NOW,
    OFFICES,
    ORIGIN_WORDS,
    PEOPLE,
    PRONOUNS,
    REACHES,
    ROAD_KINDS,
    ROUTE_ON,
    ROUTE_THINGS,
    SCHOOL_FILLERS,
    SETTING_OUT,
    SHARED_LAKES,
    SOURCES,
    SPOKEN_AS_WORDS,
    SPOKEN_NUMBERS,
    STREET_FEATURES,
    STREET_MARKERS,
    TELLER_GAP,
    TELLER_PRONOUNS,
    TELLER_WORDS,
    TITLES,
    TOURISM,
    TOWN_FACILITIES,
    TRIPS,
    UNITS,
    VILLAGE_HEADS,
    WOODS,
)
from bot.understanding.region_names import spelling_key

ISLAND_WEIGHT = 1.0  # 'pulau semau', 'gili trawangan': an island's name is as sure as a desa's
_SHARED_ISLAND = 3  # 'pulau parang' (Karimun, Jepara, Seram Bagian Timur) is a shared name; 'pulau panjang' (29) none
MAX_NGRAM = 6
STREET = 0.35  # a name after 'jalan': mostly a street's name, not where it is
_AFTER_MARK = 0.95  # a name after a comma: a cue, a little less sure than 'di'
RESPELLED = 0.97  # same key, other spelling ('Palangga' typed as 'Pallangga'): only breaks a tie
_AFTER_LEVEL = 0.74  # typo similarity enough for a regency/city name right after 'kab.' / 'kota'


class _Named(Protocol):
    """A region as the hits read it: its name (a `Region` of bot/understanding/regions.py)."""

    @property
    def name(self) -> str: ...


class RegionTables(Protocol):
    """What finding and weighing hits read of the region index: `RegionIndex` imports them, so it is not imported."""

    _codes: Sequence[str]
    _level: bytes
    _kota: bytes
    _parent: Sequence[int]
    _keys: Mapping[str, int | tuple[int, ...]]
    _islands: Mapping[str, int | tuple[int, ...]]
    _nick: dict[str, list[tuple[int, float]]]
    _partial: dict[str, int]
    _spaced: frozenset[str]
    _sided: dict[str, int]
    _regency_keys: list[str]

    @property
    def _kota_twins(self) -> frozenset[int]: ...

    def _ids(self, key: str) -> tuple[int, ...]: ...

    def _region(self, i: int) -> _Named: ...

    def _within(self, inner: int, outer: int) -> bool: ...

    def _related(self, a: int, b: int) -> bool: ...

    def _scope_keys(self, regency: str) -> list[str]: ...

    def _nearby_keys(self, key: str) -> list[str]: ...


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
    near: bool = False  # a kabupaten/kota said after 'dekat' ('deket kota Madiun'): how far, not where, yet nearby


# the suffix of a transitive verb ('jalankan', 'perhatikan', 'tertibkan')
_VERB_SUFFIX = "kan"
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
SPEECH_AREAS: dict[str, tuple[str, ...]] = _load_speech_areas(
    Path(__file__).resolve().parent.parent / "data" / "regions" / "speech_areas.csv")
# everyday words, whatever village shares their name: the common ones and the words of regional speech
# ('meunasah', the Acehnese prayer house; Papuan 'pace', father), everyday where they are spoken
# (and the crops and goods everyday alone though many places' names hold them: 'jualan pinang', 'Sungai Pinang')
_EVERYDAY = COMMON_WORDS | frozenset(SPEECH_AREAS) | EVERYDAY_ALONE


def town_at(index: RegionTables, words: list[str], at: int) -> tuple[int, frozenset[str]] | None:
    """The longest name from `at` of a kabupaten/kota or a known town: where it ends and the regencies it names."""
    best: tuple[int, frozenset[str]] | None = None
    key = ""
    for k in range(at, min(len(words), at + 4)):
        key += fold_key(words[k])
        regencies = {index._codes[i][:5] for i in index._ids(key) if index._level[i] == 1}
        regencies |= {index._codes[i][:5] for i, _ in index._nick.get(key, ()) if index._level[i] >= 1}
        if regencies:
            best = (k + 1, frozenset(regencies))
    return best


def _context(index: RegionTables, words: list[str], start: int, skip: frozenset[int], seps: list[bool],
             short: bool) -> tuple[float, bool, tuple[int, str] | None, int | None, bool]:
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
               words[j] in ADMIN_MARKERS and _marks_level(index, words, j))))):
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
    if w in ADMIN_MARKERS and _marks_level(index, words, j):
        return 1.0, False, ADMIN_MARKERS[w], j, True
    if w in STREET_MARKERS or (w in FEATURES | STREET_FEATURES and j > 0 and not seps[j]
                               and words[j - 1] in STREET_MARKERS):
        # ('Jl. Sei Batang Hari', 'jalan gunung sari': a street named after a river or mountain is a street)
        return STREET, True, None, None, True
    if w in DIRECTION_WORDS:
        return 1.0, True, None, None, True
    if w in FACILITY_MARKERS or w in NAMED_BY_DESA:
        return 1.0, True, None, None, True
    # 'RSUD Waluyo Jati Kraksaan', 'RSUD MM Dunda Limboto': a hospital's own name, then the town it stands in
    # (said as a place, and no word of the landmark's)
    if _hospital_named(index, words, j, seps):
        return 1.0, False, None, None, True
    # an agency name ('capil sakra', 'KUA cigugur') or a locative ('di sakra') before a name points at a place
    # ('angkot jurusan X': and so does a carrier's line)
    line = w in LINES and j > 0 and not seps[j] and words[j - 1] in CARRIERS | ROUTE_THINGS
    return 1.0, False, None, None, (w in LOCATIVES or w in KECAMATAN_OFFICES or w in VILLAGE_HEADS or j in skip or short
                                     or line)


def _on_island(index: RegionTables, idx: int, places: tuple[int, ...]) -> bool:
    """Whether a region is one of an island name's places, or lies in or around one."""
    return any(idx == p or index._related(idx, p) for p in places)


def _held_names_said(index: RegionTables, hits: list[PlaceHit], words: list[str], seps: list[bool]) -> None:
    """Mark an everyday word said straight before the name of the region holding a place so called as that place."""
    # 'SDN 1 Ayah Kebumen', 'di teras boyolali': no chance word lands right before the one kabupaten that has a
    # kecamatan of its name, so 'ayah' there is Kecamatan Ayah; alone ('dipukuli ayah tirinya') it stays a word
    holders: dict[int, list[PlaceHit]] = {}
    kecamatan: dict[int, list[PlaceHit]] = {}
    for h in hits:
        if not h.weak and index._level[h.idx] <= 1:
            holders.setdefault(h.start, []).append(h)
        elif not h.weak and index._level[h.idx] == 2:
            kecamatan.setdefault(h.start, []).append(h)
    for h in hits:
        if h.end >= len(seps):
            continue
        # (a kecamatan's only: 'pasar baru bekasi' is a market, whichever village of Bekasi is called Baru)
        if (h.weak and not seps[h.end] and h.end - h.start == 1 and words[h.start] in _EVERYDAY
                and index._level[h.idx] == 2 and any(index._within(h.idx, o.idx) for o in holders.get(h.end, ()))):
            h.weak = False
        # 'di Karang Tengah Gunung Puyuh': a desa named in everyday words straight before the kecamatan that holds a
        # desa so called is that desa, its address said as 'Plosorejo Kerjo' says one (no chance words land there);
        # and so with a comma between, as an address is most often typed ('Pagar Jati, Pasemah Air Keruh')
        elif (h.weak and h.end - h.start > 1 and h.marker is None and index._level[h.idx] == 3
              and all(words[k] in _EVERYDAY for k in range(h.start, h.end))
              and any(index._within(h.idx, o.idx) for o in kecamatan.get(h.end, ()))):
            h.weak = False


def _islands_explained(index: RegionTables, hits: list[PlaceHit]) -> list[PlaceHit]:
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
                  and any(o.idx == h.idx or index._within(o.idx, h.idx) for h in group)]
        if inside:
            group[0].idx = max(inside, key=lambda o: len(index._codes[o.idx])).idx
            dropped.update(id(h) for h in group[1:])
    return [h for h in hits if id(h) not in dropped]


def _hospital_named(index: RegionTables, words: list[str], at: int, seps: list[bool]) -> bool:
    """Whether the words ending at `at` are a hospital's word and one to three words of its own name, in one
    clause ('rsud kanjuruhan', 'rs m yunus'): what follows them is the town the hospital stands in (not after
    the town named right after the hospital's word: 'RSUD Pare. Ayah saya ...')."""
    k = at
    while k >= 1 and at - k < 3 and not seps[k] and words[k] not in LOCATIVES and words[k] not in LINKS:
        k -= 1
        if words[k] in HOSPITALS or (words[k] == "sakit" and k >= 1 and words[k - 1] == "rumah"):
            return not any(index._level[i] <= 2 for i in index._ids(fold_key(words[k + 1])))
    return False


def _reach_of(index: RegionTables, words: list[str], seps: list[bool], folds: list[str], key: str, at: int) -> bool:
    """Whether a reach and a river's word ('hulu sungai') said at `at` - 2 are a river's reach named by the words
    after them: a name follows in the same clause that is no place holding the one the two words name ('hulu
    sungai Sangkub'; 'hulu sungai ketapang' is Ketapang's kecamatan)."""
    if at >= len(words) or seps[at] or words[at] in LINKS or words[at] in ADMIN_MARKERS:
        return False
    named = index._ids(key)
    return not any(index._within(x, o) for x in named for o in index._ids(folds[at]))


def _titled(words: list[str], seps: list[bool], at: int) -> bool:
    """Whether the word at `at` is a person's title opening a hospital's own name ('RSUD Panembahan Senopati')."""
    if at < 1 or seps[at] or words[at] not in TITLES:
        return False
    before = words[at - 1]
    return before in HOSPITALS or (before == "sakit" and at > 1 and not seps[at - 1] and words[at - 2] == "rumah")


def _marks_level(index: RegionTables, words: list[str], at: int) -> bool:
    """Whether a level word is one here: Toraja's 'lembang' only before a Toraja desa's name ('lembang
    bandung barat' is Kec. Lembang of Bandung Barat, not a desa called Bandung)."""
    areas = LOCAL_MARKERS.get(words[at])
    if areas is None:
        return True
    key = ""
    for k in range(at + 1, min(len(words), at + 1 + MAX_NGRAM)):
        key += fold_key(words[k])
        ids = index._keys.get(key)
        if any(index._level[i] == 3 and index._codes[i].startswith(areas)
               for i in ((ids,) if isinstance(ids, int) else ids or ())):
            return True
    return False


def exact_hits(index: RegionTables, words: list[str], folds: list[str], seps: list[bool], short: bool,
               skip: frozenset[int], exact_only: frozenset[int] = frozenset(), reply: bool = True,
               clitics: Sequence[bool] = (), dashes: Sequence[bool] = (), stops: Sequence[bool] = ()
               ) -> list[PlaceHit]:
    """Every n-gram whose key is a region name or nickname ('airnya hitam' is black water, no Air Hitam: a name
    does not run on past a word that had '-nya')."""
    hits: list[PlaceHit] = []
    n = len(words)
    inner: dict[int, tuple[int, tuple[int, ...]]] = {}  # a word inside an island's name -> its end, its places
    for i in range(n):
        if i in skip or (words[i] in NEGATION_STARTS and not short) or _titled(words, seps, i):
            continue
        if words[i] in SHARED_LAKES and i > 0 and words[i - 1] == "danau" and not seps[i]:
            continue
        ctx, keep, marker, marker_at, cue = _context(index, words, i, skip, seps, short)
        if marker is not None and (words[i] in LINKS or words[i] in PRONOUNS) and not short:
            # 'jalan desa dari Dau': a village road, not the desa called Dari; 'desa kulo', 'gampong lon': my
            # village (Javanese, Acehnese), not the desa called Kulo or Loon
            continue
        in_field = i > 0 and not seps[i] and words[i - 1] in FIELDS
        after_neighbourhood = (i > 1 and not seps[i] and not seps[i - 1] and words[i - 1].isdecimal()
                               and words[i - 2] in NEIGHBOURHOODS)
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
        # 'di dukcapil Batang', 'PDAM Batang', 'Dinkes Karimun': a regional office is named by its kabupaten/kota, so
        # the name straight after the office's word is that regency's, though it is an everyday word ('batang')
        office_cue = i > 0 and not seps[i] and words[i - 1] in OFFICES
        # 'kab.' before a name is the level word, not the village called Kabupaten (Klaten)
        is_marker = (words[i] in ADMIN_MARKERS and i + 1 < n and not seps[i + 1] and _marks_level(index, words, i)
                     and marker is None)  # but 'kec. Kota' (Kediri) is a name after a level word
        key = ""
        on_island = inner.get(i)
        for j in range(i, min(n, i + MAX_NGRAM)):
            if j in skip or (j > i and j - 1 < len(clitics) and clitics[j - 1]):
                break
            if j > i and seps[j]:
                break  # nor across a comma ('kel babakan, bogor tengah' is no desa Babakan Bogor)
            if j > i and words[i] in NO_NAME_START:
                break  # 'ka siau' is 'to Siau', no desa Kasiau
            key += folds[j]
            if is_marker and j == i:
                continue
            if words[i] in _NUMBER_WORDS and _counted(words, i, j + 1):
                continue  # 'seratus lima puluh ribu' is a price, not Kecamatan Lima Puluh
            if (j == i and i > 0 and (words[i - 1].isdecimal() or words[i - 1] in NUMBER_WORDS) and words[i] in UNITS
                    and not short):
                continue  # 'lewat desa 2 bulan': a span of time, not Desa Bulan ('gas tiga kilo': no Kec. Kilo)
            if j == i and i > 0 and not seps[i] and words[i - 1] in HOURS and words[i] in SPOKEN_NUMBERS:
                continue  # 'saking jam pitu': seven o'clock, not Kecamatan Pitu
            if j == i and in_field and words[i] in FIELD_KINDS and marker is None and not short:
                continue  # 'sawah lebak kerendem': a flood-plain field, not Kabupaten Lebak
            if (j == i and i > 0 and not seps[i] and words[i - 1] in INTO_WOODS and words[i] in WOODS
                    and marker is None and not short):
                continue  # 'lewat alas': through the forest (Javanese), not Kecamatan Alas
            if (j == i and i > 0 and not seps[i] and words[i - 1] in DAY_WORDS and words[i] in MARKET_DAYS
                    and marker is None):
                continue  # 'dari hari senen': since Monday, not Kecamatan Senen
            if (j == i + 1 and marker is None and not short and words[i] in REACHES and words[j] in FEATURES
                    and _reach_of(index, words, seps, folds, key, j + 1)):
                continue  # 'di hulu sungai Sangkub': the river's upper reach, not Kecamatan Hulu Sungai
            if (j == i and marker is None and words[i] in MILESTONES and i + 1 < n and not seps[i + 1]
                    and words[i + 1].isdecimal() and not (i + 2 < n and words[i + 2] in UNITS)):
                continue  # 'di batu 9': the ninth milestone ('di batu 2 hari' is two days in Batu)
            ids = index._keys.get(key)
            if isinstance(ids, int):
                ids = (ids,)
            nick = index._nick.get(key)
            partial = index._partial.get(key) if j == i else None
            sided = index._sided.get(key)
            if on_island is not None and j < on_island[0]:
                # 'pulau kelapa' (twelve islands) is no desa Kelapa of Bantul: a word of an island's name
                # names no place off the islands so called
                on = on_island[1]
                ids = tuple(x for x in ids or () if _on_island(index, x, on))
                nick = [(x, w) for x, w in nick or () if _on_island(index, x, on)]
                partial = partial if partial is not None and _on_island(index, partial, on) else None
                sided = sided if sided is not None and _on_island(index, sided, on) else None
            island = index._islands.get(key) if j > i else None
            islands: tuple[int, ...] = ()
            if island is not None and ctx != STREET:  # 'Jl. Pulau Kawe' in Denpasar is a street
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
            # ('RW 08 Sungai Bambu', 'rt 3 rw 2 Kebon Kelapa': after an RT/RW's number the address goes on to the
            # kelurahan it lies in, whose name may be everyday words)
            everyday = (not short and marker is None and j > i and not after_neighbourhood
                        and all(words[k] in COMMON_WORDS or len(folds[k]) <= 3 for k in range(i, j + 1)))
            # 'Pallangga' (Gowa) and 'Palangga' (Konawe Selatan) share a folded key: where one of the
            # same-keyed places is spelled exactly as typed, the others are a little less likely
            spelled = _spelled_as(index, ids or (), words[i:j + 1])
            # 'pasar martapura': Desa Pasar Martapura (OKU Timur) is named for its own kecamatan's market, and
            # every Martapura has a market; the words name the town, whichever one, not that desa
            owners = index._ids(key[len(folds[i]):]) if j > i and words[i] in FACILITY_MARKERS else ()
            market_day = j == i + 1 and words[i] == "pasar" and words[j] in MARKET_DAYS
            spoken = (j == i and words[i] in SPOKEN_AS_WORDS and marker is None
                      and not (short or cue or town_cue))  # ('dikon bali sesuk': come back, no Bali)
            kampung = (i > 0 and not seps[i] and words[i - 1] in HAMLET_WORDS and marker is None
                       and len({index._codes[x][:5] for x in ids or ()}) == 1)  # ('di kampung Bulusonik')
            for idx in ids or ():
                if owners and index._level[idx] == 3 and (
                        index._parent[idx] in owners or index._parent[index._parent[idx]] in owners):
                    continue
                # 'sampah pasar legi bau': a market named for its market day stands in every other town; the desa
                # of that name (Pasarlegi, Lamongan) needs its level word ('desa pasarlegi')
                village_words = (everyday or (market_day and marker is None)) and index._level[idx] == 3
                # an everyday word ('teras', 'batu') is weak evidence of a place inside a sentence; typed
                # in answer to "where?" alone or after a comma it still names its kecamatan or kota
                # ('kec. Tambang' names its kecamatan whatever else 'tambang' means)
                # (the longest name said there: 'dishub batu bara' is Kabupaten Batu Bara's, not Kota Batu's)
                named = short or (reply and cue) or town_cue or (
                    office_cue and index._level[idx] <= 1 and (town_at(index, words, i) or (0,))[0] == j + 1)
                ordinary = common and not (named and index._level[idx] <= 2) and not (
                    marker is not None and marker[0] == index._level[idx])
                respelled = bool(spelled) and index._level[idx] >= 2 and idx not in spelled
                # 'nang sawah sambungmacan': a field is named by the kecamatan it lies in (a village's name
                # after it is as often the crop's or the field's own: 'sawah subak', 'tambak lorok')
                # ('banjir Dayeuhkolot deui', 'macet Lembang tiap weekend': what happened, then the kecamatan
                # or kabupaten it happened in; a village's name there is as often the event's kind: 'banjir pulo')
                cued = cue or ((in_field or after_event) and index._level[idx] <= 2) or (kampung and not common)
                # 'mobil desa buat pribadi', 'jalan desa tinggal 2 meter', 'kelurahan tutup jam 12': in a story a
                # level word before an everyday word is the village's (or its office's) and the word goes on
                # with the sentence; a village so named needs its kecamatan or kabupaten named too
                # ('Kelurahan Tampan, Payung Sekaki')
                if common and not reply and marker is not None and index._level[idx] == 3:
                    cued = False
                # 'sekitar masjid agung', 'depan terminal lama': in a story the word after a facility's is
                # what kind of facility it is, no village of that name (Kelurahan Agung of Tabalong)
                if (not reply and j == i and in_facility and words[i] in FACILITY_ADJECTIVES
                        and index._level[idx] == 3):
                    cued = False
                idle = doubled and index._level[idx] >= 2
                hits.append(PlaceHit(idx, i, j + 1, RESPELLED if respelled else 1.0, ctx,
                                 keep, marker, marker_at,
                                 weak or ordinary or village_words or idle or spoken,
                                 (cued or (several and not idle)) and not village_words,
                                 town=town_cue, said=cued and not village_words))
            for idx, weight in nick or ():
                # a town's name that is an everyday word ('di mana' is no Manna) needs what a kecamatan's does
                ordinary = common and not (short or (reply and cue) or town_cue)
                # 'lampu ra ana' runs together as 'lampura' (Lampung Utara's nickname): a one-word nickname read
                # across everyday or short words is those words; one of several words ('tanah abang') is said so
                ordinary = ordinary or (everyday and not short and key not in index._spaced)
                hits.append(PlaceHit(idx, i, j + 1, weight, ctx, keep, marker, marker_at, ordinary, nick=True,
                                 town=town_cue))
            for idx in islands:
                hits.append(PlaceHit(idx, i, j + 1, ISLAND_WEIGHT, ctx, keep, marker, marker_at, False, nick=True,
                                 island=True))
            if sided is not None:  # as sure as the place's own name, and as much in need of a cue
                hits.append(PlaceHit(sided, i, j + 1, 1.0, ctx, keep, marker, marker_at, weak, cue or several,
                                 sided=True))
    hits = _islands_explained(index, hits)
    _held_names_said(index, hits, words, seps)
    if not short:
        _heading_said(index, hits, seps, n)
    # 'Depok, Sawangan': a name right after another place's name and a comma continues an address
    place_ends = {h.end for h in hits if not h.weak}
    # ('guru2nya ada yg dr kediri', 'kapal dari Surabaya telat': 'yang' and 'kapal', some villages' names, end no
    # name before 'dari'; nor do 'nelayan' and 'petani', who people are: 'nelayan dari Rembang juga lelang disini')
    # ('anak dari jakarta numpang kk': people, some villages' names too, end no name before 'dari' either)
    # ('truk batubara dr kubar lewat sini', 'pakan jagung dr kediri mahal': nor does an everyday word with nothing
    # saying a place is meant, what a truck carries or a farm buys; but 'berkas dari kelurahan X' still ends one: the
    # papers are the office's, whose level word follows)
    name_ends = {h.end for h in hits if not (h.end - h.start == 1 and (
        words[h.start] in PRONOUNS or (h.weak and (words[h.start] in LINKS or words[h.start] in CARRIERS
                                                      or words[h.start] in LOCATIVES
                                                      or words[h.start] in PEOPLE
                                                      or (not h.cue and not (h.end + 1 < n and ADMIN_MARKERS.get(
                                                          words[h.end + 1], (0, ""))[0] >= 2))))))}
    starts = {h.start for h in hits if not h.weak}
    name_tails = {h.end - 1 for h in hits if not h.weak and h.end - h.start > 1}
    toward_ends: set[int] = set()  # where the names a trip came from or went to end (hits come by first word)
    here_ends = here_said(words, seps, stops, starts)
    # spans naming a kecamatan and no kabupaten/kota ('jalan ke arah Wonosobo' may be the kabupaten's name)
    bigger_spans = {(h.start, h.end) for h in hits if index._level[h.idx] <= 1}
    kecamatan_spans = {(h.start, h.end) for h in hits if index._level[h.idx] == 2 and not h.weak} - bigger_spans
    # ...and villages whose name only one kabupaten's villages have, and no kecamatan's ('jalan kabupaten ke Despot
    # Linge longsor': the road to a village is the village's road; a name many villages share may be any of them)
    village_regencies: dict[tuple[int, int], set[str]] = {}
    for h in hits:
        if index._level[h.idx] == 3 and not h.weak and h.q >= 1.0:
            village_regencies.setdefault((h.start, h.end), set()).add(index._codes[h.idx][:5])
    road_spans = kecamatan_spans | ({span for span, where in village_regencies.items() if len(where) == 1}
                                    - bigger_spans - {(h.start, h.end) for h in hits if index._level[h.idx] == 2})
    for h in hits:
        if h.ctx == _AFTER_MARK and h.start in place_ends:
            h.ctx = 1.0
        elif (h.ctx == _AFTER_MARK and not reply and h.end - h.start == 1 and h.marker is None
              and index._level[h.idx] == 3 and not (h.nick or h.island or h.sided)):
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
        # ('antar sayur ke pasar kota Bandung', 'bawa hasil ke pasar Padang Panjang'): a town's market one goes to is
        # where one goes, as the town is ('ke Padang Panjang'); 'belanja ke pasar X' is still an errand's place
        if before == "pasar" and first >= 2 and not seps[first - 1] and words[first - 2] in GOING_TO:
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
        trip = going and ((first >= 2 and not seps[first - 1] and words[first - 2] in TRIPS | ERRANDS | ENTERING)
                          or (h.end < n and not seps[h.end] and words[h.end] in ERRANDS))
        # ('puskesmas X tutup, warga harus berobat ke Kota Y', 'terpaksa ke rs di Y', 'biasa belanja ke Y'): where
        # one must, or usually does, go instead is elsewhere, not where the errand went wrong
        sent = sent_elsewhere(words, seps, first) or referred_to(words, seps, first)
        # ('kula nulis saking Bekasi kanggo simbok', 'sing ngetik iki putu kulo neng surabaya'): where the message is
        # written from is the writer's, elsewhere than the trouble
        sent = sent or written_from(words, seps, stops, first)
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
        road_to = (h.start, h.end) in road_spans and road_heading_to(words, seps, first)
        # ('sampah numpuk di pasar Kutoarjo, coba kaya di Magelang bersih': the town compared with)
        # ('jalan desa rusak padahal deket kota Madiun', 'kampung kami dekat kabupaten X'): a kabupaten or kota
        # named with its level word after 'dekat' is how far the place is from it, a landmark of distance
        near = (before in NEAR and h.marker is not None and h.marker[0] == 1 and h.marker_at is not None
                and words[h.marker_at] not in COUNCILS)
        h.near = near
        compared = compared_with(words, seps, first) or near
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
        # ('Tanah Abang di Muba': a kin word that ends a place's name of several words is the name's, no brother's)
        if k >= 0 and not seps[k + 1] and k not in name_tails:
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
                    and not machines_at_work(words, seps, k) and not struck_houses(words, seps, k)
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
    codes = index._codes
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
        side_by_side = (not h.weak and not seps[h.start] and (index._level[h.idx] <= 1 or h.nick)
                        and not any(o.start < h.start < o.end for o in hits if not o.weak)
                        and any((index._level[r.idx] <= 1 or r.nick) and r.start > 0 and words[r.start - 1]
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


_HEADING_WORDS = 4  # words, at most, of a place heading a message ('Ganten Kerjo, ...', 'Bukit Kayu Kapur Bukit Kapur')


def _heading_said(index: RegionTables, hits: list[PlaceHit], seps: list[bool], n: int) -> None:
    """Names that make up the whole of a message's opening clause are said as where it is.

    'Jantiharjo, galian C ... jalan rusak', 'Ganten Kerjo, jalan desa longsor': people at home head a message with
    their desa (and kecamatan) as one heads a letter with an address; with nothing but place names before the first
    comma, no sentence is under way there, so the names are as sure as after 'di' (a name opening a sentence that
    goes on, 'Banyak jalan rusak', is still only a word). An everyday word ('Kerjo', 'Licin') counts in the heading
    only as the kecamatan or kabupaten holding the name before it, and then is that place's name, no longer weak:
    a desa followed by the very kecamatan that holds it is an address ('Plosorejo Kerjo' picks Kerjo's Plosorejo of
    the many)."""
    end = next((k for k in range(1, n) if seps[k]), None)
    if end is None or end > _HEADING_WORDS:
        return
    inside = [h for h in hits if h.end <= end and h.marker is None]
    if any(index._level[h.idx] <= 1 or h.nick for h in inside if not h.weak):
        # ('kotabaru: kapal ferry ...'): a kabupaten/kota or a town heading the message is read as it always was;
        # the rule is for desa and kecamatan, and would raise a kecamatan sharing the regency's name beside it
        return
    reach: dict[int, list[PlaceHit]] = {0: []}  # where names read one after another from the start end, and which
    for at in range(end):
        if at not in reach:
            continue
        for h in inside:
            code = index._codes[h.idx]
            if h.start == at and (not h.weak or any(index._codes[p.idx].startswith(code + ".") for p in reach[at])):
                reach.setdefault(h.end, []).append(h)
    if end not in reach or all(h.weak for at in reach for h in reach[at]):
        return
    for at in reach:
        for h in reach[at]:
            h.weak = False
            h.cue = h.said = True


def _spelled_as(index: RegionTables, ids: Iterable[int], typed: list[str]) -> frozenset[int]:
    """Of several same-keyed kecamatan/villages, those whose name has the typed words' doubled letters
    (case, spaces, punctuation and old spellings aside: 'Sukamulya' is 'Sukamulia'); empty when there is
    one, or when none is spelled so. Kabupaten, kota and provinces are never told apart this way."""
    ids = tuple(i for i in ids if index._level[i] >= 2)
    if len(ids) < 2:
        return frozenset()
    want = spelling_key(" ".join(typed))
    spelled = frozenset(i for i in ids if spelling_key(index._region(i).name) == want)
    return spelled if len(spelled) < len(ids) else frozenset()


def fuzzy_hits(index: RegionTables, words: list[str], folds: list[str], seps: list[bool], short: bool,
               skip: frozenset[int], exact_only: frozenset[int], exact: list[PlaceHit], home: str | None,
               clitics: Sequence[bool] = (), stops: Sequence[bool] = ()) -> list[PlaceHit]:
    """Typo-tolerant hits for words no exact name explains."""
    covered = set()
    named = set()  # words a kecamatan, kabupaten/kota or province is named by exactly
    for h in exact:
        # with a home region, a word that only names places far away may be a typo of a local one
        if not h.weak and (not home or h.end - h.start > 1 or index._level[h.idx] < 2
                           or index._codes[h.idx][:2] == home[:2]):
            covered.update(range(h.start, h.end))
        if not h.weak and index._level[h.idx] <= 2:
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
            and not words[i].isdecimal() and not _titled(words, seps, i)]
    if not todo:
        return []
    scopes = _scopes(index, exact, home)
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
                    key, index._scope_keys(scope), scorer=OSA.normalized_similarity, score_cutoff=0.75,
                    limit=3) if k != key]
            if calls < 8:
                calls += 1
                cutoff = 0.83 if len(key) <= 8 else 0.8
                if b - a == 1 and len(key) <= 6 and not announced[a]:
                    # one slip in a short word is another word as often as a place far away: 'pantai samas'
                    # is no Sambas, 'rawa pening' no Pining (typos are still read in the scope of the story)
                    cutoff = 0.84
                found += [(k, sim, False) for k, sim, _ in process.extract(
                    key, index._nearby_keys(key), scorer=OSA.normalized_similarity, score_cutoff=cutoff,
                    limit=4) if k != key]
                if a == i and a > 0 and not seps[a] and ADMIN_MARKERS.get(words[a - 1], (-1,))[0] == 1:
                    # 'kab. tulungangung', 'kota guungsitoli': two slips in a name the level word announces
                    # ('dishub kabupaten jalankan lagi': a verb's '-kan' after a level word used as an adjective is
                    # the sentence going on, no two slips in Balangan; a name's own 'kan' is kept: 'kota tarkan')
                    found += [(k, sim, False) for k, sim, _ in process.extract(
                        key, index._regency_keys, scorer=OSA.normalized_similarity, score_cutoff=_AFTER_LEVEL,
                        limit=2) if k != key and not (key.endswith(_VERB_SUFFIX) and not k.endswith(_VERB_SUFFIX))]
            if b - a > 1 and (a in named or b - 1 in named):
                # ('warga lau dawe': where one word names a kecamatan as it is spelled, the slip is in the other
                # word, and that one must still look like it: 'lau' is no slip for the 'lan' of Landawe, 'dolok
                # masehul' is one for Dolok Masihul)
                found = [f for f in found if _rest_slips(f[0], folds[a], folds[b - 1], a in named, b - 1 in named)]
            elif b - a > 1:
                # ('pangkalan jua ka pengecer': where one typed word is a name's own word as it is spelled, the slip is
                # in the other, which must still look like the rest: 'jua' is no slip for the 'bun' of Pangkalan Bun)
                found = [f for f in found if not (f[0].startswith(folds[a]) or f[0].endswith(folds[b - 1]))
                         or _rest_slips(f[0], folds[a], folds[b - 1], f[0].startswith(folds[a]),
                                        f[0].endswith(folds[b - 1]))]
            if found:
                top = max(sim for _, sim, _ in found)
                if best is None or top > best[0] + 0.02:
                    best = (top, a, b, found)
        if best is None:
            continue
        top, a, b, found = best
        ctx, keep, marker, marker_at, cue = _context(index, words, a, skip, seps, short)
        seen: set[int] = set()
        for key, sim, scoped in sorted(found, key=lambda f: (-f[1], not f[2])):
            if sim < top - 0.1:
                break
            ids = [(idx, 1.0) for idx in index._ids(key)] + index._nick.get(key, [])
            for idx, weight in ids:
                if idx in seen:
                    continue
                seen.add(idx)
                in_scope = scoped and any(index._codes[idx].startswith(sc) for sc in scopes)
                q = (sim - (0.03 if in_scope else 0.05)) * weight
                hits.append(PlaceHit(idx, a, b, q, ctx, keep, marker, marker_at, False, cue or b - a > 1))
    return hits


def _scopes(index: RegionTables, exact: list[PlaceHit], home: str | None) -> list[str]:
    """Regency codes the text (or the home setting) already places us in, for scoped typo search."""
    scopes: list[str] = []
    for h in exact:
        if h.weak or index._level[h.idx] not in (1, 2):
            continue
        code = index._codes[h.idx][:5]
        if code not in scopes:
            scopes.append(code)
    if home and len(home) >= 5 and home[:5] not in scopes:
        scopes.append(home[:5])
    return scopes[:3]


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
