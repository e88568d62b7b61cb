"""Phrase lookup for agency names/acronyms and problem keywords, and the category of a complaint.

Phrases are matched on word n-grams through a spelling-insensitive key (so 'satpol pp' = 'satpolpp',
'dukcapill' = 'dukcapil'); longer phrases win over the shorter ones inside them ('bpjs tk' over
'bpjs', 'lampu jalan' over 'jalan'). Long words with typos get a rapidfuzz pass over the phrase
vocabulary, which is a few hundred keys.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.understanding.normalize import COMMON_WORDS, Token, fold_key, tokenize, words

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "agencies"

CATEGORIES: tuple[str, ...] = ("infrastruktur", "transportasi", "kesehatan", "pendidikan", "kependudukan",
                               "sosial", "lingkungan", "ketertiban", "bencana", "utilitas", "perizinan",
                               "pertanahan", "lainnya")
MAX_PHRASE_WORDS = 8
MAX_DESCRIPTION_TOKENS = 120
_FUZZY_MIN_LEN = 5


def _load_generic(path: Path) -> frozenset[str]:
    """Words every agency name shares ('dinas', 'kantor'): never typo-corrected into an alias on their own."""
    with open(path, newline="", encoding="utf-8") as f:
        return frozenset(fold_key(r["word"].strip().lower()) for r in csv.DictReader(f) if r["word"].strip())


# 'dinas' is one edit from the alias 'diknas': a generic word alone says nothing about which agency
GENERIC_WORDS: frozenset[str] = _load_generic(DATA_DIR / "generic_words.csv")


def _load_ordinary(path: Path) -> frozenset[str]:
    """Everyday words one letter from a keyword or alias ('hujan' / 'hutan'): never typo-corrected."""
    with open(path, newline="", encoding="utf-8") as f:
        return frozenset(r["word"].strip().lower() for r in csv.DictReader(f) if r["word"].strip())


# 'banjir tiap hujan' is rain, not a forest ('hutan'); 'pencairan dana' is a payout, not a search
ORDINARY_WORDS: frozenset[str] = _load_ordinary(DATA_DIR / "ordinary_words.csv")


def _load_field_words(path: Path) -> frozenset[str]:
    """Aliases that name a field or a programme ('peternakan', 'kis'), not the body itself."""
    with open(path, newline="", encoding="utf-8") as f:
        return frozenset(phrase_key(r["phrase"]) for r in csv.DictReader(f) if r["phrase"].strip())


def _load_regional_words(path: Path) -> dict[str, str]:
    """Regional words for the things complaints are about -> the Indonesian word the keywords use."""
    with open(path, newline="", encoding="utf-8") as f:
        # a two-word row ('sa pu') replaces its second word only after the first: Papuan 'sa pu anak' is 'saya
        # punya anak', while 'dinas PU' stays Public Works
        return {" ".join(fold_key(w) for w in r["word"].strip().lower().split()): r["standard"].strip().lower()
                for r in csv.DictReader(f) if r["word"].strip() and r["standard"].strip()}


@dataclass(frozen=True, slots=True)
class AliasSense:
    """What an office's short name means in a story that has one of `words`: the kind named, or none ("")."""

    kind: str
    words: frozenset[str]  # folded


def _load_alias_senses(path: Path) -> dict[str, tuple[AliasSense, ...]]:
    """Office names that mean something else, or one of two offices, in stories of a field (alias_senses.csv)."""
    out: dict[str, list[AliasSense]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["alias"].strip():
                out.setdefault(phrase_key(r["alias"]), []).append(AliasSense(
                    r["kind"].strip(), frozenset(fold_key(w.strip().lower()) for w in r["words"].split(";")
                                                 if w.strip())))
    return {key: tuple(senses) for key, senses in out.items()}


@dataclass(frozen=True, slots=True)
class Entry:
    """What a phrase points to: an agency kind ('dinkes') or one agency ('agency:pln')."""

    target: str
    source: str  # "alias" | "keyword"
    weight: float = 4.0
    category: str | None = None
    level: str | None = None  # "pusat" / "prov" / "kab" / "kota" when the phrase implies a government level
    field: bool = False  # an alias that names a field or programme ('peternakan', 'kis'), not the body


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A phrase found in tokens [start, end)."""

    start: int
    end: int
    entry: Entry
    q: float  # 1.0 exact, lower for a typo


def phrase_key(phrase: str) -> str:
    """Lookup key of a phrase."""
    return "".join(fold_key(w) for w in words(phrase))


# 'limbah peternakan ayam' is about waste, not addressed to the livestock office: such words are
# problem words (a keyword's weight), and only 'dinas peternakan' etc. name the body
FIELD_WORDS: frozenset[str] = _load_field_words(DATA_DIR / "field_words.csv")
# 'dalane bolong', 'runtah numpuk', 'aik pdam ndeq mili': Javanese, Sundanese, Sasak, Betawi, Malay,
# Minang, Madurese... words read as the Indonesian ones the keyword table knows (agency ranking only)
REGIONAL_WORDS: dict[str, str] = _load_regional_words(DATA_DIR / "regional_words.csv")
# 'P3A udh lapor ke UPT pengairan' is the farmers' water users' association, not the women and children protection
# office; 'DKP provinsi' among fishers is the fisheries office, not the food security one ('DKPP' folds to it)
ALIAS_SENSES: dict[str, tuple[AliasSense, ...]] = _load_alias_senses(DATA_DIR / "alias_senses.csv")
PAIR_DESTINATIONS = frozenset({"ke", "menuju", "arah", "nuju", "menyang", "maring"})
PAIR_WINDOW = 5  # a state word ('mampet') counts for a thing ('got') at most this many words after it
PAIR_PAST_A_CUT = 2  # ...and fewer than this many once a comma, colon or line break is passed (one word)
# ...not counting place names and these small words: 'jalan ke desa kami di kec. raya hancur' is one road
PAIR_FILLERS = frozenset({"di", "ke", "dari", "yang", "ini", "itu", "kami", "kita", "saya", "kamu", "kalian",
                          "sudah", "telah", "sangat", "sekali", "banget", "juga", "dan", "mau", "akan", "lagi",
                          "masih", "pada", "para", "untuk", "nya", "pun", "lah", "kok", "sih", "dong", "ya",
                          # an address between the thing and its state ('jalan di dusun krajan rt 03 rw 02
                          # desa x sudah rusak') is still where that one thing is; its numbers count neither
                          "rt", "rw", "dusun", "desa", "kelurahan", "kel", "kecamatan", "kec", "kampung",
                          "gg", "no", "blok"})
# a thing word followed by one of these is another thing: 'air laut keruh' is the sea, not piped water
PAIR_OTHER_THING: dict[str, frozenset[str]] = {
    "air": frozenset({"laut", "sungai", "kali", "danau", "hujan", "rob", "sumur", "tanah", "got", "selokan",
                      "limbah", "pasang", "terjun", "mata", "banjir", "sawah", "irigasi"}),
    "jalan": frozenset({"tol"}),  # the toll road's operator, not Public Works
    # a pump of clean or drinking water ('pompa air bersih gak jalan', 'pompa air PDAM mati') is the water supply's,
    # not the flood pump the pump pair means; a whole noun is a key here so 'air bersih mati' keeps its own pair
    "pompa air": frozenset({"bersih", "minum", "pdam", "pam", "baku"}),
    # 'elpiji 12 kg naik' is Pertamina's own unsubsidised gas, not the 3 kg one the LPG pair offers it after the
    # trade office for
    "elpiji": frozenset({"12"}),
    "lpg": frozenset({"12"}),
    # 'hutan mangrove ditebang' is the mangrove pair's (the environment office's), not a forest the forestry office's
    "hutan": frozenset({"mangrove", "bakau"}),
    # a crashed price of what fishers and salt farmers sell is the fisheries office's ('harga garam anjlok'), not
    # the agriculture office's the price rule names for what is grown
    "harga": frozenset({"ikan", "garam", "udang", "bandeng", "rumput", "kepiting", "rajungan", "cumi", "lobster",
                        "kerapu", "tongkol", "cakalang", "tuna", "teri", "kerang"}),
}


# ...also said with 'at' between ('air di sungai keruh', Javanese 'air nang kali butek', Sundanese 'cai di walungan'):
# the water of the river, not the piped water the pair means
_AT = frozenset({"di", "nang", "neng", "ning", "ing", "teng", "ten", "dari", "dr"})


def _other_thing(folds: Sequence[str], start: int, noun_end: int) -> bool:
    """Whether the noun at start:noun_end is followed, straight or after 'at', by a word making it another thing."""
    if noun_end >= len(folds):
        return False
    whole = PAIR_OTHER_THING.get(" ".join(folds[start:noun_end]), frozenset())
    if folds[noun_end] in PAIR_OTHER_THING.get(folds[noun_end - 1], frozenset()) | whole:
        return True
    # past 'at' only the whole noun's ('pintu air di sawah jebol' is the sluice, the water of no other thing)
    return folds[noun_end] in _AT and noun_end + 1 < len(folds) and folds[noun_end + 1] in whole


def alias_entry(phrase: str, target: str, category: str | None, level: str | None = None) -> Entry:
    """The entry of an agency alias, marked when it is a field or programme word."""
    return Entry(target, "alias", 4.0, category, level, phrase_key(phrase) in FIELD_WORDS)


def as_problem_word(hit: PhraseHit) -> PhraseHit:
    """In a story a field or programme word is a problem word, not the body's name: 'limbah
    peternakan ayam' is about waste; typed at the agency question, 'peternakan' still names it."""
    if hit.entry.source != "alias" or not hit.entry.field:
        return hit
    e = hit.entry
    return PhraseHit(hit.start, hit.end, Entry(e.target, "keyword", 4.0, e.category, e.level), hit.q)


# 'klotok ke desa gak jalan lagi', 'angkot tidak jalan sejak corona': 'jalan' right after a negation is a vehicle or
# a service that does not run (or someone who does not walk), never a road; the slang forms are read 'tidak' already
_NOT_RUNNING = frozenset({"tidak", "tida", "ndak", "nda", "indak", "dak", "tra", "seng", "ora", "hana", "ndeq"})
_RUN = frozenset({"jalan"})


def _does_not_run(h: PhraseHit, words: Sequence[Token]) -> bool:
    """Whether the hit is the bare word 'jalan' said right after a negation ('gak jalan lagi')."""
    return (h.entry.source == "keyword" and h.end - h.start == 1 and h.start > 0 and not words[h.start].sep
            and fold_key(words[h.start].text) in _RUN and fold_key(words[h.start - 1].text) in _NOT_RUNNING)


def in_its_sense(hits: Sequence[PhraseHit], words: Sequence[Token]) -> list[PhraseHit]:
    """The hits without the office names a story's field words say mean something else ('P3A' among farmers) or
    the other office of a shared name ('DKP' among fishers); a name is kept whole when no field, or two, are said.
    A road word said as 'does not run' ('gak jalan') is dropped too."""
    folds = frozenset(fold_key(t.text) for t in words)
    out = []
    for h in hits:
        if _does_not_run(h, words):
            continue
        senses = ALIAS_SENSES.get("".join(fold_key(t.text) for t in words[h.start:h.end])) \
            if h.entry.source == "alias" else None
        kinds = {s.kind for s in senses or () if s.words & folds}
        if len(kinds) == 1 and h.entry.target != next(iter(kinds)):
            continue
        out.append(h)
    return out


def regional_tokens(tokens: Sequence[Token]) -> list[Token]:
    """The tokens with regional words replaced by their Indonesian equivalent (same positions)."""
    out = []
    before = ""
    for i, t in enumerate(tokens):
        key = fold_key(t.text)
        std = REGIONAL_WORDS.get(f"{before} {key}") if before else None
        std = std or REGIONAL_WORDS.get(key) or ("pasar" if _market_pajak(tokens, i) else None)
        out.append(t if std is None else Token(std, t.start, t.end, t.sep))
        before = key
    return out


# Medan and North Sumatra call a market 'pajak' ('pajak sore', 'pedagang di pajak', 'sampah dekat pajak Sambu'):
# said by the market's people, goods or hours, or where something is, it is the market, not a tax
_PAJAK_MARKET_BEFORE = frozenset({"pedagang", "berdagang", "dagang", "jualan", "berjualan", "belanja", "inang", "los",
                                  "kios", "lapak", "dekat", "dkt", "depan", "dpn", "belakang", "samping", "sebelah",
                                  "seberang", "simpang"})
_PAJAK_MARKET_AFTER = frozenset({"ikan", "sayur", "buah", "daging", "sore", "pagi", "malam", "inpres", "induk",
                                 "tradisional", "rakyat", "pasar"})


def _market_pajak(tokens: Sequence[Token], i: int) -> bool:
    """Whether token i is 'pajak' said for a market: before a market's goods or hours ('pajak ikan', 'pajak sore'),
    or after its people or a word of where ('pedagang di pajak', 'dekat pajak'); 'bayar pajak', 'kantor pajak',
    'pajak motor' stay the tax."""
    if tokens[i].text != "pajak":
        return False
    if i + 1 < len(tokens) and (tokens[i + 1].text == "pasar"  # 'pajak (pasar)'
                                or (tokens[i + 1].text in _PAJAK_MARKET_AFTER and not tokens[i + 1].sep)):
        return True
    k = i - 1
    if k >= 1 and tokens[k].text in {"di", "ke", "dari"} and not tokens[k].sep:
        k -= 1
    return k >= 0 and not tokens[k + 1].sep and not tokens[i].sep and tokens[k].text in _PAJAK_MARKET_BEFORE


@dataclass(frozen=True, slots=True)
class PairRule:
    """A thing and a state said of it a few words later ('got di gang kami mampet'): one problem."""

    nouns: frozenset[tuple[str, ...]]  # each a word or several ('anak jalanan', 'tempat wisata'), folded
    states: frozenset[tuple[str, ...]]
    entry: Entry
    longer: frozenset[str] = frozenset()  # the first words of the nouns of more than one word

    def noun_at(self, folds: Sequence[str], i: int) -> int | None:
        """The end of the longest noun of this rule starting at word i, or None."""
        f = folds[i]
        if f in self.longer:
            end = max((i + len(n) for n in self.nouns if n[0] == f and tuple(folds[i:i + len(n)]) == n), default=None)
            if end is not None:
                return end
        return i + 1 if (f,) in self.nouns else None


def load_pairs(path: Path = DATA_DIR / "keyword_pairs.csv") -> list[PairRule]:
    """Read the thing/state table (nouns; states; kind, category, level, weight)."""
    with open(path, newline="", encoding="utf-8") as f:
        rules = []
        for r in csv.DictReader(f):
            # read as the story's words are (regional_tokens: 'anak jalanan' is read 'anak jalan')
            nouns = frozenset(tuple(fold_key(REGIONAL_WORDS.get(fold_key(w), w)) for w in words(n))
                              for n in r["nouns"].split(";") if n.strip())
            rules.append(PairRule(nouns, frozenset(tuple(fold_key(w) for w in words(st))
                                                   for st in r["states"].split(";") if st.strip()),
                                  Entry(r["kind"], "keyword", float(r["weight"]), r["category"] or None,
                                        r["level"] or None),
                                  frozenset(n[0] for n in nouns if len(n) > 1)))
        return rules


def find_pairs(tokens: Sequence[Token], rules: Sequence[PairRule], skip: Iterable[int] = (),
               window: int = PAIR_WINDOW, uncounted: Iterable[int] = ()) -> list[PhraseHit]:
    """Thing-then-state hits: a noun of a rule followed within `window` words by one of its states.

    The hit spans from the noun to the end of the state; words in `skip` (place names, agency
    names) are neither noun nor state; neither they, nor the small PAIR_FILLERS words, nor the
    `uncounted` ones (words that may be place names: 'jalan trans papua merauke-boven digoel rusak')
    count towards the window; past a comma, colon or line break fewer than PAIR_PAST_A_CUT may."""
    skip = set(skip)
    uncounted = set(uncounted)
    folds = [fold_key(t.text) for t in tokens]
    out: list[PhraseHit] = []
    for rule in rules:
        for i in range(len(folds)):
            # a noun of two words ('anak jalanan', 'tempat wisata') as well as of one
            noun_end = None if i in skip else rule.noun_at(folds, i)
            if noun_end is None or any(k in skip for k in range(i, noun_end)):
                continue
            if _other_thing(folds, i, noun_end):
                continue
            if i > 0 and folds[i - 1] in PAIR_DESTINATIONS:
                continue  # 'kalau mau ke stasiun ... telat', 'akses ke sekolah rusak': where one goes, not what failed
            counted = 0
            after_cut = None  # words counted since a comma or the like ('jln X, kulkas warung saya rusak')
            for j in range(noun_end, len(folds)):
                if tokens[j].sep and after_cut is None:
                    after_cut = 0
                if j in skip:
                    continue
                if rule.noun_at(folds, j) is not None:
                    break  # the next thing of the same sort starts its own pair
                end = next((j + len(st) for st in rule.states
                            if tuple(folds[j:j + len(st)]) == st), None)
                if end is not None:
                    out.append(PhraseHit(i, end, rule.entry, 1.0))
                    break
                counts = folds[j] not in PAIR_FILLERS and j not in uncounted and not folds[j].isdigit()
                counted += counts
                if after_cut is not None:
                    after_cut += counts
                # past a comma a state still belongs to the thing one word on ('jalan depan rumah, sudah 3 bulan
                # rusak'), not after two ('jln Gajah Mada, kulkas warung saya rusak' is the fridge)
                if counted >= window or (after_cut is not None and after_cut >= PAIR_PAST_A_CUT):
                    break
    return out


def with_pairs(hits: list[PhraseHit], pairs: list[PhraseHit]) -> list[PhraseHit]:
    """Add thing-then-state hits; a pair replaces the single words of its kind it spans
    ('got ... mampet' counts once, as a blocked drain, not as 'got' plus 'got mampet'); a word
    naming the level ('jalan provinsi') is kept, so the pair's weight goes to that level."""
    if not pairs:
        return hits
    out = [h for h in hits if h.entry.source == "alias" or h.entry.level is not None or not any(
        p.entry.target == h.entry.target and p.start <= h.start and h.end <= p.end for p in pairs)]
    return out + pairs


class PhraseIndex:
    """Exact and typo-tolerant lookup of many short phrases in tokenised text."""

    def __init__(self) -> None:
        self._map: dict[str, list[Entry]] = {}
        self._max_words = 1
        self._fuzzy_keys: list[str] = []
        self._fuzzy_set: set[str] = set()

    def add(self, phrase: str, entry: Entry, fuzzy: bool = True) -> None:
        """Register a phrase (duplicate entries are ignored); `fuzzy=False`: matched only as spelt."""
        key = phrase_key(phrase)
        if not key:
            return
        bucket = self._map.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        n_words = len(words(phrase))
        self._max_words = min(MAX_PHRASE_WORDS, max(self._max_words, n_words))
        # typos are looked for in one or two words, so only short phrases are worth comparing
        if fuzzy and len(key) >= _FUZZY_MIN_LEN and n_words <= 3 and key not in self._fuzzy_set:
            self._fuzzy_set.add(key)
            self._fuzzy_keys.append(key)

    def __contains__(self, key: str) -> bool:
        return key in self._map

    def find(self, tokens: Sequence[Token], skip: Iterable[int] = (), fuzzy: bool = True,
             not_fuzzy: frozenset[str] = frozenset()) -> list[PhraseHit]:
        """Non-overlapping phrase hits, longest first; `not_fuzzy` keys are never typo-corrected."""
        skip = set(skip)
        folds = [fold_key(t.text) for t in tokens]
        found: list[PhraseHit] = []
        n = len(tokens)
        for i in range(n):
            if i in skip:
                continue
            key = ""
            for j in range(i, min(n, i + self._max_words)):
                if j in skip:
                    break
                key += folds[j]
                for entry in self._map.get(key, ()):
                    found.append(PhraseHit(i, j + 1, entry, 1.0))
        if fuzzy:
            covered = {k for h in found for k in range(h.start, h.end)}
            found += self._fuzzy(tokens, folds, covered | skip, not_fuzzy)
        return _non_overlapping(found)

    def _fuzzy(self, tokens: Sequence[Token], folds: list[str], covered: set[int],
               not_fuzzy: frozenset[str]) -> list[PhraseHit]:
        """Typo-tolerant hits for long unknown words (alone or with their neighbour)."""
        out: list[PhraseHit] = []
        calls = 0
        for i, tok in enumerate(tokens):
            if (i in covered or len(folds[i]) < _FUZZY_MIN_LEN or tok.text in COMMON_WORDS
                    or tok.text in ORDINARY_WORDS
                    or folds[i] in not_fuzzy or not tok.text.isalpha() or calls >= 8):
                continue
            best: tuple[float, str, int, int] | None = None
            for a, b in ((i, i + 1), (i - 1, i + 1), (i, i + 2)):
                if a < 0 or b > len(tokens) or any(k in covered and k != i for k in range(a, b)):
                    continue
                if any(folds[k] in GENERIC_WORDS for k in range(a, b)):
                    # 'dinas' is no typo of 'diknas', and in 'dinas peternakan' the shared word
                    # would carry a near miss to 'dinas pertanian': typos are read in the other word
                    continue
                key = "".join(folds[a:b])
                calls += 1
                # one edit in five letters, but 'perusahaan' must not become 'perumahan' (two in ten)
                cutoff = 0.85 if len(key) >= 6 else 0.79
                found = next((k for k in process.extract(key, self._fuzzy_keys, scorer=OSA.normalized_similarity,
                                                         score_cutoff=cutoff, limit=4) if _a_slip(key, k[0])), None)
                if found and (best is None or found[1] > best[0]):
                    best = (found[1], found[0], a, b)
            if best:
                sim, key, a, b = best
                out += [PhraseHit(a, b, e, sim - 0.05) for e in self._map[key]]
        return out


_VOWELS = frozenset("aiueo")
# letters beside each other on a phone's QWERTY keyboard: a thumb that lands one key off types a slip (each row
# starts this many keys further right than the top one: 'i' touches 'j' and 'k', not 'l')
_KEY_ROWS = (("qwertyuiop", 0.0), ("asdfghjkl", 0.5), ("zxcvbnm", 1.5))
_NEIGHBOURS: dict[str, frozenset[str]] = {
    ch: frozenset(c for r2, (row2, at2) in enumerate(_KEY_ROWS) if abs(r2 - r) <= 1
                  for k2, c in enumerate(row2) if c != ch and abs(k2 + at2 - k - at) <= 1)
    for r, (row, at) in enumerate(_KEY_ROWS) for k, ch in enumerate(row)}


def _one_key_off(word: str, key: str) -> bool:
    """Whether two words of one length differ in one letter, typed a key beside the right one ('pasae', 'camst')."""
    diff = [(a, b) for a, b in zip(word, key, strict=True) if a != b]
    return len(diff) == 1 and diff[0][0] in _NEIGHBOURS.get(diff[0][1], frozenset())


def _a_slip(word: str, key: str) -> bool:
    """Whether a five-letter word one edit from `key` may be a slip for it: its letters swapped ('begla' for
    'begal'), a key beside the right one pressed ('pasae' for 'pasar', 'camst' for 'camat'), a vowel left out
    ('smpah' for 'sampah') or the key's last letter ('pemko', 'limba'). Another letter changed, or a consonant left
    out inside, is mostly another everyday word ('tamat' / 'camat', 'pacak' / 'pajak', 'lapis' / 'lapas', 'tawan' /
    'tawon', 'tamak' / 'tambak', 'kesan' / 'keswan'): most five-letter words are one letter from some other.
    Seven letters with one changed is the cutoff's next such case: a vowel said the regional way is a slip
    ('listrek', 'sakolah'), and so is a key beside, but another consonant changed is another word ('sayuran' /
    'saluran', 'kelokan' / 'selokan', 'terawat' / 'perawat', 'coretan' / 'coretax'). Other lengths keep every slip
    the cutoff lets through (a change in six letters is already below it)."""
    if word == key:
        return True
    if len(word) == 7 and len(key) == 7:
        return all(a == b or (a in _VOWELS and b in _VOWELS) for a, b in zip(word, key, strict=True)) or (
            sorted(key) == sorted(word)) or _one_key_off(word, key)
    if len(word) != 5:
        return True
    if len(key) == len(word):
        return sorted(key) == sorted(word) or _one_key_off(word, key)
    return key[:-1] == word or any(key[k] in _VOWELS and key[:k] + key[k + 1:] == word for k in range(len(key)))


def _non_overlapping(hits: list[PhraseHit]) -> list[PhraseHit]:
    """Keep the longest, surest hits; drop hits overlapping an already kept span."""
    hits.sort(key=lambda h: (-(h.end - h.start), -h.q, h.start))
    taken: set[int] = set()
    kept: list[PhraseHit] = []
    spans: set[tuple[int, int]] = set()
    for h in hits:
        span = set(range(h.start, h.end))
        if (h.start, h.end) in spans or not span & taken:
            kept.append(h)
            spans.add((h.start, h.end))
            taken |= span
    kept.sort(key=lambda h: (h.start, -h.q))
    return kept


@dataclass(frozen=True, slots=True)
class KindInfo:
    """One row of the nomenclature table: a standard type of regional government body."""

    kind: str
    levels: tuple[str, ...]
    name: str
    dki_name: str
    category: str
    central: str | None
    parent: str | None
    aliases: tuple[str, ...]
    # the kind that does this job where there is no office of this one (Jakarta's Sudin SDA keeps the
    # drains that are Public Works' everywhere else)
    instead: str | None = None


def load_nomenclature(path: Path = DATA_DIR / "nomenclature.csv") -> list[KindInfo]:
    """Read the nomenclature table (kind, levels, name, DKI name, category, central, parent, aliases,
    and optionally the kind that stands in where there is no office of this one)."""
    with open(path, newline="", encoding="utf-8") as f:
        return [KindInfo(r["kind"], tuple(r["levels"].split(";")), r["name"], r["dki_name"], r["category"],
                         r["central"] or None, r["parent"] or None,
                         tuple(a.strip() for a in r["aliases"].split(";") if a.strip()),
                         (r.get("instead") or "").strip() or None)
                for r in csv.DictReader(f)]


def load_keywords(path: Path = DATA_DIR / "keywords.csv") -> list[tuple[str, Entry]]:
    """Read the problem keyword table (phrase, kind, category, level, weight)."""
    with open(path, newline="", encoding="utf-8") as f:
        return [(r["phrase"], Entry(r["kind"], "keyword", float(r["weight"]), r["category"] or None,
                                    r["level"] or None)) for r in csv.DictReader(f)]


# how a public hospital is called before its own name ('RSUD dr. Soetomo', 'RS Moewardi', 'rumah sakit Ulin') and the
# titles its namesake's name may carry
_HOSPITAL_WORDS = ("rsud", "rsu", "rsd", "rs", "rumah sakit", "rumah sakit umum", "rumah sakit umum daerah")
_HOSPITAL_TITLES = ("", "dr", "dr h", "prof dr", "prof dr h", "h", "dokter")


def load_hospitals(path: Path = DATA_DIR / "hospitals.csv") -> list[tuple[str, str]]:
    """Public hospitals by their own names (hospitals.csv: name, the region whose RSUD it is): each way it is
    written ('rsud dr soetomo', 'rs soetomo', 'rumah sakit soetomo') with the code of the office that runs it."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [(r["name"].strip().lower(), r["region"].strip()) for r in csv.DictReader(f) if r["name"].strip()]
    return [(f"{word} {title} {name}".replace("  ", " "), f"{region}-rsud")
            for name, region in rows for word in _HOSPITAL_WORDS for title in _HOSPITAL_TITLES]


def split_alias(alias: str) -> tuple[str, str | None]:
    """'samsat@prov' -> ('samsat', 'prov')."""
    phrase, _, level = alias.partition("@")
    return phrase.strip(), (level.strip() or None)


@lru_cache(maxsize=1)
def category_index() -> PhraseIndex:
    """Keywords plus kind and central-body aliases, each tagged with its category."""
    index = PhraseIndex()
    for phrase, entry in load_keywords():
        index.add(phrase, entry)
    for info in load_nomenclature():
        for alias in info.aliases:
            phrase, level = split_alias(alias)
            index.add(phrase, alias_entry(phrase, info.kind, info.category, level))
    with open(DATA_DIR / "central.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for alias in row["aliases"].split(";"):
                if alias.strip():
                    index.add(alias, alias_entry(alias, "agency:" + row["code"], row["category"] or None))
    return index


@lru_cache(maxsize=1)
def pair_rules() -> tuple[PairRule, ...]:
    """The thing/state rules (bot/data/agencies/keyword_pairs.csv)."""
    return tuple(load_pairs())


def suggest_category(description: str) -> str | None:
    """Complaint category id from the words used ('air PAM mati' -> 'utilitas'); None when unclear."""
    tokens = regional_tokens(tokenize(description, slang=True, limit=MAX_DESCRIPTION_TOKENS))
    totals: dict[str, float] = {}
    first: dict[str, int] = {}
    for hit in with_pairs(category_index().find(tokens), find_pairs(tokens, pair_rules())):
        cat = hit.entry.category
        if cat in CATEGORIES:
            totals[cat] = totals.get(cat, 0.0) + hit.entry.weight * hit.q
            first.setdefault(cat, hit.start)
    if not totals:
        return None
    return max(totals, key=lambda c: (totals[c], -first[c]))
