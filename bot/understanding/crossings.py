"""A boat's crossing named by its two ends ('kapal cepat dari Tulehu ke Saparua'): which level of government runs it.

UU 23/2014 (Lampiran, urusan perhubungan): a crossing inside one kabupaten/kota is its own transport office's, one
between two kabupaten/kota of a province the province's, one between provinces the ministry's (Kemenhub). The ends
are read as a typed place is (RegionIndex.resolve); an end that names several places is the one in the other end's
province, when only one is; a crossing with an end unread says nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from bot.understanding.normalize import Token
from bot.understanding.regions import RegionIndex, RegionResolution

Level = Literal["kab", "prov", "pusat"]

# what crosses water ('spit': Maluku's speedboat; 'kmp' before a ferry's name — not 'km', which is mostly kilometres:
# 'jalan rusak 5 km dari A ke B' is no crossing)
BOATS = frozenset({"kapal", "kpl", "perahu", "speedboat", "spit", "spid", "feri", "ferry", "fery", "roro",
                   "penyeberangan", "penyebrangan", "pompong", "longboat", "klotok", "kelotok", "ketinting", "getek",
                   "jonson", "johnson", "kmp", "lct", "sampan", "jukung", "tambangan",
                   # 'speed dr dawang ke ambon', 'fast boat dari sanur': the speedboat said short; Jambi's and
                   # Palembang's river boat
                   "speed", "boat", "ketek"})
# (Javanese 'saka', 'soko', 'seko', 'teko', 'teka', Sundanese 'ti', Madurese 'dhari': 'perahu tambangan saka Jumok
# ... menyang Jawa Tengah', 'perahu ti Majingklak ka Kampung Laut')
_FROM = frozenset({"dari", "dr", "dri", "saka", "seka", "soko", "seko", "teko", "teka", "ti", "dhari"})
# ('ka': 'ke' in Manado Malay, Minang and Sundanese: 'speedboat dari Tahuna ka Siau'; Javanese 'menyang', 'nyang',
# 'maring', Banyumasan 'meng'; not 'nang', as often 'at' as 'to')
_TO = frozenset({"ke", "k", "ka", "menuju", "tujuan", "arah", "sampai", "sampe", "menyang", "nyang", "maring",
                 "mring", "meng"})
# the word of crossing a water said after the end a boat leaves from ('saka Jumok nyabrang Bengawan Solo menyang
# ...'): the end ends before it, the water named after it is no part of it ('Solo' is no Surakarta here)
_CROSSING_VERBS = frozenset({"nyabrang", "nyebrang", "nyeberang", "menyeberang", "menyebrang", "nyabrangi",
                             "nyebrangi", "menyeberangi", "nyeberangi", "lewat", "liwat", "melewati"})
# words that come before an end's own name and are no part of it ('dari pelabuhan Tulehu', 'ke pulau' is kept:
# an island's name begins with it)
_HARBOURS = frozenset({"pelabuhan", "pelabuhannya", "dermaga", "pel", "pelb", "bandar", "terminal", "kota", "kab"})
# the word that says an end is the kota ('dari kota Sorong'), not the kabupaten of the same name
_CITY_WORDS = frozenset({"kota"})
# words that describe the boat, not where it leaves from ('kapal cepat ke', 'kapal feri penumpang dari')
_MODIFIERS = frozenset({"cepat", "motor", "kayu", "penumpang", "barang", "perintis", "besar", "kecil", "nya", "yang",
                        "yg", "wisata", "ikan", "tradisional", "reguler"})
# who tells where they live before the boat's crossing ('kami di Pulau Kadatua, kapal ke Baubau'): the end the boat
# leaves from is their home
_TELLERS = frozenset({"kami", "kmi", "sy", "saya", "sya", "aku", "ak", "kita", "warga", "tinggal", "torang",
                      "kitorang", "beta", "ana", "awak", "ambo", "kulo", "nyong"})
_AT = frozenset({"di", "dari", "dr"})
# the word saying where a boat is or lies ('kelotok di Murung Raya', 'perahu dekat dermaga'), not where it goes
_WHERE = frozenset({"di", "dekat", "dkt", "depan", "sekitar"})
# the water a boat crosses, said after it ('penyeberangan sungai Kapuas', 'kapal selat Madura'): what follows names
# the water, not two ends
_WATERS = frozenset({"sungai", "sei", "kali", "selat", "teluk", "danau", "laut", "muara", "waduk"})
# the teller saying the crossing runs between provinces ('eta nyebrang ka Cilacap, beda provinsi', 'ini lintas
# provinsi', Javanese 'bedo', Sundanese 'sejen'): the word of apartness before 'provinsi', or both said as one word
_APART = frozenset({"beda", "bedo", "berbeda", "lain", "laen", "lintas", "antar", "sejen", "seje"})
_PROVINCE = frozenset({"provinsi", "prov", "provinsinya"})
_APART_WORDS = frozenset({"antarprovinsi", "lintasprovinsi"})
# ...not asked ('ini lintas provinsi punya?', 'beda provinsi bukan?'): a tag of asking right after it
_ASKED = frozenset({"punya", "kah", "bukan", "atau"})
_ASK_REACH = 2  # words after 'provinsi' a tag of asking is looked for in
# the transport office the teller writes to, said with its level ('tolong dinas perhubungan kabupaten', 'mohon dishub
# kab serang cek', 'Dishub kota Tual atur kapal', 'dishub provinsi'): the teller knows whose boat or pier it is, and
# that level is the crossing's (its ends may read otherwise: a harbour or an island named as another province's
# namesake, two kabupaten of one province whose own office runs the boat). A kabupaten's name alone after the office
# ('dishub muna', 'dishub tidore') is not enough: such stories are labelled the province's as often as the kabupaten's
_TRANSPORT_OFFICES = frozenset({"dishub", "perhubungan", "dinhub"})
_NAMED_LEVELS: dict[str, Level] = {"kabupaten": "kab", "kota": "kab", "kotamadya": "kab", "provinsi": "prov",
                                   "prov": "prov", "propinsi": "prov"}
# a heading's first word that says the place is a village ('ds lombang giliginting, perahu ...')
_VILLAGE_WORDS = frozenset({"ds", "desa", "kampung", "kp", "gampong", "dusun", "kelurahan", "kel", "pulau"})
# ...and an end so said is that village ('dari pelabuhan dekat kelurahan Jaya ke Ternate': Kelurahan Jaya of Tidore,
# not Kecamatan Jaya of Aceh Jaya read from the bare name)
_SAID_VILLAGE = _VILLAGE_WORDS - {"pulau"}
# an island said by what it is, not its name ('kapal ke pulau besar', 'ke pulau sebelah'): no end a place list holds
# (Pulau Besar is a kecamatan of Flores Timur's)
_NO_ISLAND = [["pulau", w] for w in ("besar", "sebelah", "seberang", "induk", "utama", "lain")]
_OPENING_WORDS = 6  # a heading is at most this many words, before the boat's clause
_HOME_REACH = 12  # the teller's home is said at most this many words before the boat word
_REACH = 8  # the boat word is at most this many words before the crossing's first end
_END_WORDS = 3  # an end is named in at most this many words
_EXACT = 60.0  # RegionIndex.resolve's score of a name read whole; a slip scores less


@dataclass(frozen=True, slots=True)
class Crossing:
    """Words [start, end) name a crossing between two places, run by `level`."""

    start: int
    end: int
    level: Level


def crossings(tokens: Sequence[Token], regions: RegionIndex) -> list[Crossing]:
    """Every crossing a story names by both its ends, with the level that runs it."""
    words = [t.text for t in tokens]
    boats = [i for i, w in enumerate(words) if w in BOATS]
    if not boats:
        return []
    found: list[Crossing] = []
    for k, word in enumerate(words):
        dashed = k > 0 and tokens[k].dash
        if word not in _TO and not dashed:
            continue
        boat = next((b for b in reversed(boats) if b < k and k - b <= _REACH), None)
        if boat is None or any(tokens[j].sep for j in range(boat + 1, k + 1)):
            continue
        first = _first_end(words, boat, k)
        second = _second_end(words, tokens, k if dashed else k + 1)
        if second is None or words[second[0]:second[0] + 2] in _NO_ISLAND:
            continue
        last, end = True, second[1]
        if first is None and not dashed and end < len(words) and words[end] in _FROM and not tokens[end].sep:
            # 'kapal ke Muara Angke dari Pulau Harapan': the end it leaves from said after the one it goes to
            first, last = _second_end(words, tokens, end + 1), False
            end = first[1] if first is not None else end
        if first is None:
            first, last = _home(words, tokens, boat), False
        opening = _opening(regions, words, tokens, boat) if first is None else None
        if opening is not None:
            first = (0, boat)
        elif first is None:
            continue
        ones, twos = _readings(regions, words, first, last=last), _readings(regions, words, second, last=False)
        if opening is not None:
            ones = [opening]
        if not dashed and words[k + 1:k + 2] == ["kota"] and _city_at(regions, words, k + 1) is None:
            # 'speedboat dari Salawati ke kota': the end said bare as 'kota' is the kota the story names
            twos = _story_city(regions, words, k + 1) or twos
        level = _level(ones, twos)
        if level is None:
            level = _bare_island(regions, words, (first, last, ones), (second, False, twos))
        if level is not None:
            found.append(Crossing(boat, end, level))
    if not found:
        found = [c for b in boats if (c := _side_by_side(regions, words, tokens, b)) is not None][:1]
    if found and _provinces_apart(words):
        # 'perahu ti Majingklak ka Kampung Laut ... beda provinsi': the teller knows the crossing; its ends read in
        # one province (an end read as a namesake there, a harbour no place list holds) do not overrule it
        found = [replace(c, level="pusat") for c in found]
    named = _named_level(words)
    if named is not None:
        # 'kapal dari pelabuhan Nabire ke pulau Moor ... tolong dinas perhubungan kabupaten': the office written to
        # says the level, over the ends' reading (Pulau Moor read as Halmahera Tengah's namesake)
        found = [replace(c, level=named) for c in found]
    return found


def _named_level(words: list[str]) -> Level | None:
    """The level of the transport office the story names with its level word ('dishub kabupaten', 'dinas
    perhubungan kota', 'dishub provinsi'), when every such naming gives the same one; else None."""
    levels = {_NAMED_LEVELS[words[k + 1]] for k in range(len(words) - 1)
              if words[k] in _TRANSPORT_OFFICES and words[k + 1] in _NAMED_LEVELS}
    return levels.pop() if len(levels) == 1 else None


def _provinces_apart(words: list[str]) -> bool:
    """Whether the story says, not asks, that something runs between provinces ('beda provinsi', 'lintas provinsi',
    'antarprovinsi'; not 'ini lintas provinsi punya?')."""
    for k, word in enumerate(words):
        said = word in _APART_WORDS or (word in _PROVINCE and k > 0 and words[k - 1] in _APART)
        if said and not _ASKED & set(words[k + 1:k + 1 + _ASK_REACH]):
            return True
    return False


def _home(words: list[str], tokens: Sequence[Token], boat: int) -> tuple[int, int] | None:
    """The words of the teller's home said before the boat word ('kami di Siompu, kapal ke Baubau'): the end a boat
    said only by where it goes leaves from."""
    for j in range(boat - 2, max(0, boat - _HOME_REACH) - 1, -1):
        if words[j] not in _AT:
            continue
        # only the place said last before the boat, and only as the teller's own ('tinggal di Ambon, kampung di Nusa
        # Laut. Kapal ke Nusa Laut': the village is said last, and the boat to it need not leave from Ambon)
        if j > 0 and words[j - 1] in _TELLERS and not tokens[j].sep:
            start = j + 1
            while start < boat and words[start] in _HARBOURS:
                start += 1
            end = start
            while end < boat and end - start < _END_WORDS and (end == start or not tokens[end].sep):
                end += 1
            return (start, end) if end > start else None
        return None
    return None


def _opening(regions: RegionIndex, words: list[str], tokens: Sequence[Token], boat: int) -> RegionResolution | None:
    """The place a story opens with, said as its heading in a clause or two of their own before the boat's ('Balohan,
    kapal cepat ke Banda Aceh', 'ds lombang giliginting, perahu penyeberangan ke kalianget', 'Pulau Mattiro Langi,
    Liukang Tupabbiring, kapal penyeberangan ke Pangkep'): the teller's home, the end a boat said only by where it
    goes leaves from. Only words that are wholly a place, read exactly (not 'selamat siang', not 'Pelabuhan Namlea
    penuh')."""
    clause = max((j for j in range(1, boat + 1) if tokens[j].sep), default=0)
    if not 0 < clause <= _OPENING_WORDS or clause < boat - 1:
        return None
    heading = [w for k, w in enumerate(words[:clause]) if k or w not in _VILLAGE_WORDS]
    found = _read(regions, " ".join(heading))
    places = [o for o in (found.best, *found.options) if o is not None]
    if not places or found.landmark or any(o.score < _EXACT or o.landmark for o in places):
        return None
    return found


def _city_at(regions: RegionIndex, words: list[str], at: int) -> RegionResolution | None:
    """The kota named by 'kota' at `at` and the one or two words after it ('kota Sorong'), read exactly; else None."""
    for n in (2, 1):
        city = _the_city(_read(regions, " ".join(words[at + 1:at + 1 + n])))
        if city.best is not None and city.best.score >= _EXACT and city.best.region.name.startswith("Kota "):
            return city
    return None


def _story_city(regions: RegionIndex, words: list[str], bare: int) -> list[RegionResolution]:
    """'Sa pu bapa rawat jalan ke rumah sakit di Kota Sorong ... speedboat dari Salawati ke kota': a crossing's end said
    bare as 'kota' (the town everyone goes to) is the one kota the story names elsewhere as 'kota X', when it names
    exactly one; none else."""
    found: dict[str, RegionResolution] = {}
    for j, word in enumerate(words):
        city = _city_at(regions, words, j) if word == "kota" and j != bare else None
        if city is not None and city.best is not None:
            found.setdefault(city.best.region.code, city)
    return list(found.values()) if len(found) == 1 else []


def _side_by_side(regions: RegionIndex, words: list[str], tokens: Sequence[Token], boat: int) -> Crossing | None:
    """A crossing named by its two ends right after the boat, nothing between ('kapal feri Kupang Rote batal'):
    both read whole as places, one word each or two, the shorter first."""
    start = boat + 1
    while start < len(words) and (words[start] in BOATS or words[start] in _MODIFIERS or words[start] in _HARBOURS) \
            and not tokens[start].sep:
        start += 1
    if start >= len(words) or tokens[start].sep or words[start] in _WATERS:
        return None
    if words[start] in _FROM or words[start] in _TO or words[start] in _WHERE:
        # 'speedboat penumpang dari Serui singgah', 'kapal dari Manado tiba': one end said with its 'dari' and no
        # 'ke' is no two ends side by side (the word after it, a verb, is no island: 'singgah' read Pulau Singgah);
        # nor is where the boat is ('kelotok penumpang di Murung Raya': 'di Murung' read Kabupaten Murung Raya by
        # likeness, 'Raya' a kecamatan of Simalungun, made a crossing between provinces of a kelurahan's pier)
        return None
    for one, two in ((1, 1), (1, 2), (2, 1), (2, 2)):
        end = start + one + two
        if end > len(words) or any(tokens[k].sep or words[k] in _TO or words[k] in _FROM
                                   for k in range(start + 1, end)):
            continue
        first, second = _whole(regions, words, start, start + one), _whole(regions, words, start + one, end)
        if first and second:
            level = _level(first, second)
            if level is not None:
                return Crossing(boat, end, level)
    return None


def _whole(regions: RegionIndex, words: list[str], start: int, end: int) -> list[RegionResolution]:
    """An end read whole and exactly as a kabupaten/kota or kecamatan (or an island), else nothing."""
    found = _read(regions, " ".join(words[start:end]))
    if found.best is None and not found.options:
        found = _read(regions, "pulau " + " ".join(words[start:end]))
    places = [o for o in (found.best, *found.options) if o is not None]
    if not places or any(o.score < _EXACT or len(o.region.code) > 8 for o in places):
        return []
    return [found]


def _first_end(words: list[str], boat: int, at: int) -> tuple[int, int] | None:
    """The words of the end the crossing leaves from: after 'dari' (and a harbour word), else the words right
    before 'ke' that are no boat words ('speedboat Ternate–Sofifi')."""
    start = next((j + 1 for j in range(at - 1, boat, -1) if words[j] in _FROM), None)
    if start is None:
        start = max(boat + 1, at - 2)
        while start < at and (words[start] in BOATS or words[start] in _MODIFIERS):
            start += 1
    while start < at and (words[start] in _HARBOURS or words[start] in _WHERE):
        start += 1
    end = next((j for j in range(start + 1, at) if words[j] in _CROSSING_VERBS), at)
    return (start, end) if start < end else None


def _second_end(words: list[str], tokens: Sequence[Token], start: int) -> tuple[int, int] | None:
    """The words of the end a crossing goes to, from `start`: up to three, within the clause."""
    while start < len(words) and words[start] in _HARBOURS:
        start += 1
    end = start
    while end < len(words) and end - start < _END_WORDS and (end == start or not tokens[end].sep) \
            and words[end] not in _TO and words[end] not in _FROM:
        end += 1
    return (start, end) if end > start else None


def _readings(regions: RegionIndex, words: list[str], span: tuple[int, int], last: bool) -> list[RegionResolution]:
    """An end read as a typed place is, in one to three of its words, longest first ('labuhan haji batal': the
    first two name the place; 'kali adem muara angke': the last two): the words next to 'ke' stay in. An end that
    names no place is read as an island ('ke Kangean', 'manado - siau': a boat goes to an island named bare)."""
    start, end = span
    texts = [" ".join(words[end - n:end] if last else words[start:start + n])
             for n in range(min(_END_WORDS, end - start), 0, -1)]
    said = next((i for i, text in enumerate(texts) if text.split()[0] in _SAID_VILLAGE and len(text.split()) > 1),
                None)
    if said is not None:
        texts = texts[:said + 1]  # ('kelurahan jaya' read, not 'jaya' alone)
    out = [_read(regions, text) for text in texts]
    if start > 0 and words[start - 1] in _CITY_WORDS:
        # 'dari kota Sorong ke pulau Doom': the end said as the kota is the kota, not the kabupaten of its name
        out = [_the_city(r) for r in out]
    if all(r.best is None and not r.options for r in out):
        islands = [_read(regions, f"pulau {text}") for text in texts if not text.startswith("pulau")]
        # only an island's name read exactly ('ke daratan', the mainland, is no slip for Pulau Derawan)
        out += [r for r in islands if all(o.score >= _EXACT for o in (r.best, *r.options) if o is not None)]
    return out


def _bare_island(regions: RegionIndex, words: list[str], *ends: tuple[tuple[int, int], bool, list[RegionResolution]]
                 ) -> Level | None:
    """'kapal ojek dari Muara Angke ke Tidung': of two ends one read surely, an island said bare whose bare name is only
    a place of another province (Tidung: a kelurahan of Makassar) is the island of the sure end's province, when one
    is so named exactly (Pulau Tidung, Kepulauan Seribu)."""
    for (_, _, sure), (span, last, other) in (ends, ends[::-1]):
        code = _sure(sure)
        if code is None or _sure(other) is not None or _in(other, code[:2]):
            continue
        islands = [r for r in _islands(regions, words, span, last)
                   if any(o.region.code[:2] == code[:2] for o in (r.best, *r.options) if o is not None)]
        if islands:
            return _level(sure, islands)
    return None


def _islands(regions: RegionIndex, words: list[str], span: tuple[int, int], last: bool) -> list[RegionResolution]:
    """An end read as an island's name, in one to three of its words ('Tidung': Pulau Tidung), read exactly."""
    start, end = span
    texts = [" ".join(words[end - n:end] if last else words[start:start + n])
             for n in range(min(_END_WORDS, end - start), 0, -1)]
    islands = [_read(regions, f"pulau {text}") for text in texts if not text.startswith("pulau")]
    return [r for r in islands if (r.best is not None or r.options)
            and all(o.score >= _EXACT for o in (r.best, *r.options) if o is not None)]


def _the_city(found: RegionResolution) -> RegionResolution:
    """Of the places a reading names, the kota among them only, when it names one."""
    cities = [o for o in (found.best, *found.options) if o is not None and o.region.name.startswith("Kota ")]
    if not cities or (found.best is not None and found.best in cities):
        return found
    return RegionResolution(cities[0], (), found.landmark) if len(cities) == 1 else found


def _read(regions: RegionIndex, text: str) -> RegionResolution:
    """A place read as typed; 'pulau angso duo' read as a kelurahan Angso Duo with 'pulau' left over names the
    island's namesake, not the island: nothing."""
    found = regions.resolve(text)
    if text.startswith("pulau ") and found.landmark.split()[:1] == ["pulau"]:
        return RegionResolution(None, (), found.landmark)
    return found


def _level(a: list[RegionResolution], b: list[RegionResolution]) -> Level | None:
    """Who runs a crossing between two ends, if every reading of them left gives the same level."""
    for end, other in ((a, b), (b, a)):
        province = _province_named(end)
        places = {o.region.code for r in other for o in (r.best, *r.options) if o is not None}
        if province is not None and places and all(c[:2] != province for c in places):
            # 'saka Jumok ... menyang Jawa Tengah': an end said as a province the other end lies outside of
            return "pusat"
    one, two = _sure(a), _sure(b)
    if one is not None and two is not None:
        return _span(one, two)
    if one is not None:
        return _from_sure(one, b)
    if two is not None:
        return _from_sure(two, a)
    # 'dari luwuk ke salakan': each names places in several provinces, both only in Central Sulawesi
    shared = {p for p in _provinces(a) if p in _provinces(b)}
    if len(shared) != 1:
        return None
    (province,) = shared
    return _agreed(_kept(_in(a, province)), _kept(_in(b, province)))


def _province_named(readings: list[RegionResolution]) -> str | None:
    """The province an end is said as, read exactly ('menyang Jawa Tengah', 'ke Bali'), in the most of its words that
    name any place; else None."""
    for found in readings:
        places = [o for o in (found.best, *found.options) if o is not None]
        if places:
            return next((o.region.code for o in places if len(o.region.code) == 2 and o.score >= _EXACT), None)
    return None


def _from_sure(sure: str, other: list[RegionResolution]) -> Level | None:
    """The level of a crossing one of whose ends is read surely, the other among several places."""
    places = _kept(_in(other, sure[:2]))
    if places:
        return _agreed({sure}, places)
    # 'dari Kupang ke Kisar': every place the other end may be is a kabupaten/kota of one other province (Kota and
    # Kabupaten Kupang), so the crossing is between provinces
    elsewhere = {o.region.code for r in other for o in r.options}
    provinces = {c[:2] for c in elsewhere}
    if elsewhere and all(len(c) == 5 for c in elsewhere) and len(provinces) == 1 and sure[:2] not in provinces:
        return "pusat"
    return None


def _span(one: str, two: str) -> Level | None:
    """The level that spans two places."""
    if len(one) < 5 or len(two) < 5:
        return None
    if one[:5] == two[:5]:
        return "kab"
    return "prov" if one[:2] == two[:2] else "pusat"


def _agreed(ones: set[str], twos: set[str]) -> Level | None:
    """The level of a crossing whose ends may each be one of several places, when every pairing of them gives it
    ('dari Bira ke Pamatata': Bira is a desa of Bulukumba and of Makassar, either way another kabupaten than
    Selayar's Pamatata). A pairing of a kabupaten/kota with a place inside it is no crossing: a boat leaves one
    place for another, so 'dari Banggai ke Luwuk' is Kec. Banggai (Banggai Laut) to Luwuk, not Kabupaten Banggai to
    its own town, and 'dari Kupang ke Semau' is Kota Kupang to Kabupaten Kupang's island (kept when no other
    pairing is left: 'dari Selayar ke Jampea' names the kabupaten as its main island)."""
    pairs = [(x, y) for x in ones for y in twos]
    apart = [(x, y) for x, y in pairs if not (x.startswith(y) or y.startswith(x))]
    levels = {_span(x, y) for x, y in apart or pairs}
    return levels.pop() if len(levels) == 1 else None


def _kept(codes: set[str]) -> set[str]:
    """Of the places an end may be, a kabupaten/kota or kecamatan before a desa of the same name ('Kalianget': the
    kecamatan of Sumenep, not a desa of that name elsewhere)."""
    above = {c for c in codes if len(c) <= 8}
    return above or codes


def _sure(readings: list[RegionResolution]) -> str | None:
    """The code an end names surely, read in the most of its words that name one place."""
    return next((r.best.region.code for r in readings if r.best is not None), None)


def _provinces(readings: list[RegionResolution]) -> set[str]:
    """The provinces the places an end may name lie in."""
    return {o.region.code[:2] for r in readings for o in r.options}


def _in(readings: list[RegionResolution], province: str) -> set[str]:
    """The places in a province an end may name, in the most of its words that name any there; none when that
    reading has more places than it lists ('sungai guntung': the one in Indragiri Hilir may be among those unlisted)."""
    for found in readings:
        here = {o.region.code for o in found.options if o.region.code[:2] == province}
        if here:
            return here if not found.more else set()
    return set()
