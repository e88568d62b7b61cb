"""Reading a whole complaint from one message: kind, a clean title, the date, the place, agency, category.

Pure and synchronous: the place and agency catalogs are reached through the callables passed in (the
services' `resolve_place`, `suggest_agency`, `suggest_category`, which wrap `RegionIndex.resolve` and
`AgencyCatalog.suggest`), `today` comes from the injected clock, and every word list comes from
`locales/*/LC_MESSAGES/story.po`, so nothing here reads a file or the time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import pairwise
from typing import Any

from bot.core.i18n import Catalog
from bot.understanding.crossings import BOATS
from bot.understanding.place_words import (
    COUNCILS,
    DENIALS,
    FACILITY_MARKERS,
    GOING_TO,
    HOSPITALS,
    KIN,
    NEAR,
    OFFICES,
    ORIGIN_WORDS,
    ROAD_KINDS,
    WAYS,
)
from flows.dates import DateWords, date_words, find_incident_date
from flows.ports import AgencyChoice, PlaceResult, StoryReading

TITLE_MAX = 80
MIN_STORY_WORDS = 5  # fewer content words than this is a greeting, an intent or an answer, not a story
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class StoryWords:
    """The vocabulary of story reading, merged over every locale."""

    greetings: tuple[str, ...]
    intents: tuple[str, ...]
    problems: frozenset[str]
    aspirations: tuple[str, ...]
    questions: tuple[str, ...]
    place_markers: frozenset[str]
    street_markers: frozenset[str]
    landmark_markers: frozenset[str]
    place_stops: frozenset[str]
    place_owners: frozenset[str] = frozenset()  # "kami": "desa kami Sukamulya" is Desa Sukamulya
    time_before_landmark: frozenset[str] = frozenset()  # "minggu": "minggu depan" is next week, not in front of
    present: tuple[str, ...] = ()  # "sampai sekarang", "saat ini": how things are now, not when they began
    agency_names: frozenset[str] = frozenset()  # "dinas", "badan": words an agency's name begins with
    name_and: frozenset[str] = frozenset()  # "dan": joins the parts of a name ("Masyarakat dan Desa")
    after_intent: tuple[str, ...] = ()  # "bahwa", "tentang": what leads from "saya mau lapor" into the story
    openers: tuple[str, ...] = ()  # "eh", "jadi gini", "itu": what a voice note says before the story begins
    teller: frozenset[str] = frozenset()  # "sy", "sa", "kula": who tells the story ("sa tinggal di Kota Jayapura")
    staying: frozenset[str] = frozenset()  # "tinggal", "kerja", "lagi": where the teller stays, works or is now
    borders: tuple[str, ...] = ()  # "perbatasan": the place after it is where a road ends ("ke perbatasan Banjar")
    province_markers: frozenset[str] = frozenset()  # "provinsi": "rumah sakit provinsi" names whose, not where
    addressees: frozenset[str] = frozenset()  # "min", "kak": who the chat is written to ("tolong min"), no day
    habitual: frozenset[str] = frozenset()  # "tiap", "setiap": "tiap malam minggu" is how often, not when
    ages: frozenset[str] = frozenset()  # "umur", "usia": "umur 15 tahun" is how old, not how long ago
    where_before: frozenset[str] = frozenset()  # "di", "ke": "di setu tangsel" is Kec. Setu, not a Saturday
    pleas: frozenset[str] = frozenset()  # "tolong", "mohon": "Pinrang tolong" calls on the kabupaten by its name
    # round 74: more words a date reader would misread (see _no_date_words)
    markets: frozenset[str] = frozenset()  # "pasar": "pasar kemis", "pasar minggu" are places named by a market day
    how_new: frozenset[str] = frozenset()  # "baru", "masih": "anak yg baru 17 thn", "baru 3 tahun ditempati"
    takes: frozenset[str] = frozenset()  # "jadi", "selesai": "calo nawarin kk jadi sehari" is how long it takes
    times: frozenset[str] = frozenset()  # "kali", "x", "sekali": "2x seminggu", "sehari bisa 3 kali" is how often
    per_unit: frozenset[str] = frozenset()  # "rb", "jam": "30rb sehari", "8 jam sehari" is how much a day
    kin: frozenset[str] = frozenset()  # "ibu", "bapak": "Ibu saya dirawat" is the teller's mother, no greeting
    # round 78 (c78): "kadang dua hari tak ada" — how long a trouble that comes and goes lasts each time, no date
    sometimes: frozenset[str] = frozenset()  # "kadang", "terkadang", "kdg"
    # round 76 (c76): a kabupaten/kota said as a place one goes to, or as what others think (see _elsewhere)
    errands: frozenset[str] = frozenset()  # "pi", "beli", "jual": "harus pi Kota Kupang urus BPJS"
    mistaken: frozenset[str] = frozenset()  # "kira", "dikira": "orang kira kami di Kota Kupang padahal …"
    # round 78 (c78): a boat or a crossing that runs between two places ("speedboat dari A ke B", see _across_route)
    vessels: frozenset[str] = frozenset()  # "kapal", "perahu", "speedboat", "penyeberangan"
    # round 78 (c78b): "untuk berobat ke RS di kota X": an errand said as an aim (see _elsewhere)
    purposes: frozenset[str] = frozenset()  # "untuk", "buat", "supaya"
    # round 80 (c80b): "air mati di Tanjung Batu Derawan" — the word that says where, before a name (see _said_at)
    at_words: frozenset[str] = frozenset()  # "di", "neng", "ning"
    # round 82 (c82): "saya warga mar tubung medan labuhan" — who lives at a place, before its name (see _name_starts)
    residents: frozenset[str] = frozenset()  # "warga", "penduduk"
    # round 83 (c83): "Tegal kota ya, dudu kabupaten" — the teller says which of two namesakes (see _declared)
    denials: frozenset[str] = frozenset()  # "bukan", "dudu", "sanes", Sundanese "lain"
    tags: frozenset[str] = frozenset()  # "ya", "yo", "lho", "nya": what a spoken clause ends on before "bukan"
    levels: frozenset[str] = frozenset()  # "kutho", "kuto": a level word as speech says it, beside place_markers
    # the date step's vocabulary (locales' date.words.*): a story's date is read as the date question reads it
    dates: DateWords | None = field(default=None, hash=False, compare=False)

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> StoryWords:
        """Gather story.words.* from every locale."""

        def words(key: str) -> list[str]:
            out: list[str] = []
            for locale in catalog.locales:
                text = catalog.maybe(key, locale)
                if text:
                    out.extend(w.strip().lower() for w in text.split("|") if w.strip())
            return out

        def longest_first(items: Iterable[str]) -> tuple[str, ...]:
            return tuple(sorted(set(items), key=len, reverse=True))

        return cls(
            greetings=longest_first(words("story.words.greeting")),
            intents=longest_first(words("story.words.intent")),
            problems=frozenset(words("story.words.problem")),
            aspirations=longest_first(words("story.words.aspiration")),
            questions=longest_first(words("story.words.question")),
            place_markers=frozenset(words("story.words.place_marker")),
            street_markers=frozenset(words("story.words.street_marker")),
            landmark_markers=frozenset(words("story.words.landmark_marker")),
            place_stops=frozenset(words("story.words.place_stop")),
            place_owners=frozenset(words("story.words.place_owner")),
            time_before_landmark=frozenset(words("story.words.time_before_landmark")),
            present=longest_first(words("story.words.present")),
            agency_names=frozenset(words("story.words.agency_name")),
            name_and=frozenset(words("story.words.name_and")),
            after_intent=longest_first(words("story.words.after_intent")),
            openers=longest_first(words("story.words.opener")),
            teller=frozenset(words("story.words.teller")),
            staying=frozenset(words("story.words.staying")),
            borders=longest_first(words("story.words.border")),
            province_markers=frozenset(words("story.words.province_marker")),
            addressees=frozenset(words("story.words.addressee")),
            habitual=frozenset(words("story.words.habitual")),
            ages=frozenset(words("story.words.age")),
            where_before=frozenset(words("story.words.where_before")),
            pleas=frozenset(words("story.words.plea")),
            markets=frozenset(words("story.words.market")),
            how_new=frozenset(words("story.words.how_new")),
            takes=frozenset(words("story.words.takes")),
            times=frozenset(words("story.words.times")),
            per_unit=frozenset(words("story.words.per_unit")),
            kin=frozenset(words("story.words.kin")),
            sometimes=frozenset(words("story.words.sometimes")),
            errands=frozenset(words("story.words.errand")),
            mistaken=frozenset(words("story.words.mistaken")),
            vessels=frozenset(words("story.words.vessel")),
            purposes=frozenset(words("story.words.purpose")),
            at_words=frozenset(words("story.words.at")),
            residents=frozenset(words("story.words.resident")),
            denials=frozenset(words("story.words.denial")),
            tags=frozenset(words("story.words.tag")),
            levels=frozenset(words("story.words.level")),
            dates=date_words(catalog),
        )


@cache
def story_words(catalog: Catalog) -> StoryWords:
    """StoryWords for a catalog, built once."""
    return StoryWords.from_catalog(catalog)


def _phrase_re(phrases: Sequence[str]) -> re.Pattern[str]:
    parts = [r"\s*".join(re.escape(w) for w in p.split()) for p in phrases]
    # a word goes on through an apostrophe ("ya'ahowu", Nias' greeting, is no "ya" opener)
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w]|['’][^\W_])", re.IGNORECASE)


@cache
def _patterns(words: StoryWords) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (_phrase_re(words.greetings), _phrase_re(words.intents), _phrase_re(words.aspirations),
            _phrase_re(words.questions))


@cache
def _opener_re(words: StoryWords) -> re.Pattern[str] | None:
    return _phrase_re(words.openers) if words.openers else None


# a word (with its apostrophe: "jum'at") or a mark that ends a clause, as the readers of names after a word find them
_WORD_OR_MARK = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[.,;:!?\n/()]")


def _tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _said_after(low: str, at: int, said: frozenset[str], back: int) -> bool:
    """Whether one of these words stands among the `back` words before position `at` of the lowered text."""
    return any(w in said for w in _tokens(low[:at])[-back:])


def strip_opening(text: str, words: StoryWords) -> str:
    """The message without its greetings, forms of address and "saya mau lapor" at the start."""
    greeting, intent, _, _ = _patterns(words)
    opener = _opener_re(words)
    rest = " ".join(text.split())
    while True:
        before = rest
        # (an apostrophe a greeting ends with goes with it: "tabe' pak")
        rest = re.sub(r"^[\s,.:;!?\-–—/'’]+", "", rest)
        opened = opener.match(rest) if opener else None
        if opened and len(_tokens(rest[opened.end():])) >= 3:  # "eh … jadi gini … itu jalan rusak"
            rest = re.sub(r"^[\s,.:;!?\-–—/]+", "", rest[opened.end():])
        greeted = greeting.match(rest)
        whose = re.match(r"\s+([^\W_]+)", rest[greeted.end():]) if greeted else None
        if greeted and whose and greeted.group(0).lower() in words.kin and (
                whose.group(1).lower() in words.teller | words.place_owners) and not intent.match(
                    rest[greeted.end():].lstrip()):
            # "Ibu saya dirawat …", "bapa sa sakit": whose mother or father, the story's subject ("Ibu saya mau
            # lapor" still speaks to her)
            return rest.strip()
        found = greeted or intent.match(rest)
        if found:
            rest = rest[found.end():]
        if found and not greeted and words.after_intent:
            lead = _phrase_re(words.after_intent).match(rest.lstrip(" ,:"))
            if lead:  # "saya ingin melaporkan bahwa jalan …": the story begins at "jalan"
                rest = rest.lstrip(" ,:")[lead.end():]
        # "Saya warga Desa X." opens many stories: it names who speaks, not the problem
        intro = re.match(r"(?i)^(?:saya|sy|kami)\s+(?:adalah\s+)?(?:salah\s+satu\s+)?warga\b[^.!?\n,]*[.!?,\n]", rest)
        if intro and len(_tokens(rest[intro.end():])) >= 3:
            rest = rest[intro.end():]
            # "Sy warga kota Blitar, tp kerja di Mojokerto. Trotoar …": a clause the intro's comma leads into with
            # "tapi"/"dan" still tells who speaks; the story begins with the next sentence
            more = re.match(r"(?i)^\s*(?:tapi|tp|tetapi|namun|dan|dn|sekarang|skrg|asli|tinggal)\b[^.!?\n]*[.!?\n]",
                            rest)
            if more and len(_tokens(rest[more.end():])) >= 3:
                rest = rest[more.end():]
        if rest == before:
            return rest.strip()


def _sentence_case(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        text = text.lower()
    return text[:1].upper() + text[1:]


# words that join a title to what follows; a cut title may also end on what the cut left hanging
_JOINING = "dan|yang|yg|di|ke|dari|dengan|dgn|untuk|utk|atau"
_HANGING = ("sudah|sdh|udah|telah|sejak|selama|sekitar|hampir|lebih|kurang|karena|krn|tapi|padahal|sampai|sampe|pada|"
            "pd|jam|tgl|tanggal|tidak|tdk|gak|ga|gk|nggak|belum|blm|dr|tp|sm|buat|bikin|kalo|kalau|klo|kayak|seperti")
# the problem words that only deny ("gak", "belum"): a clause cut short after one has told no trouble yet
_NOT = frozenset("tidak tdk gak ga gk nggak enggak ndak belum blm".split())
_DANGLING = re.compile(rf"(?i)[\s,;:\-–]+(?:{_JOINING}|and|the|of|to)?$")
_CUT_HANGING = re.compile(rf"(?i)[\s,;:\-–]+(?:{_JOINING}|{_HANGING}|\d+)$")


def clean_title(text: str, words: StoryWords, size: int = TITLE_MAX) -> str | None:
    """A title from a story: greetings and filler removed, at most `size` characters, cut at a word.

    >>> w = StoryWords(("assalamualaikum wr wb", "pak"), ("saya mau lapor",), frozenset(), (), (),
    ...                frozenset(), frozenset(), frozenset(), frozenset())
    >>> clean_title("ASSALAMUALAIKUM WR WB. SAYA WARGA DUSUN BARU. JALAN DI DEPAN SD RUSAK PARAH", w)
    'Jalan di depan sd rusak parah'
    """
    rest = strip_opening(text, words)
    # "kec. Sakra", "Jl. Merdeka": the dot of an abbreviated place word ends no sentence
    markers = words.place_markers | words.street_markers
    rest = re.sub(r"(?i)\b(" + "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True)) + r")\.\s*",
                  r"\1 ", rest) if markers else rest
    sentences = [s.strip() for s in _SENTENCE_END.split(rest) if s and s.strip()]
    chosen = next((s for s in sentences if len(_tokens(s)) >= 3), sentences[0] if sentences else "")
    # a title is shown widely: it stops before a NIK, a phone number or any other long number
    long_number = re.search(r"\+?\d[\d\s.\-]{6,}\d", chosen)
    if long_number:
        chosen = re.sub(r"(?i)[\s,;:]*(?:\b(?:nik|no|nomor|nmr|hp|wa|telp|tlp|hubungi|kontak|ktp)\b[\s.:]*)*$", "",
                        chosen[: long_number.start()])
    chosen = _sentence_case(chosen.strip(" ,.;:!?-"))
    if not _LETTERS.search(chosen):
        return None
    was_cut = len(chosen) > size
    if was_cut:
        cut = chosen[: size + 1]
        chosen = cut[: cut.rfind(" ")] if " " in cut else chosen[:size]
        # a title cut short ends where a clause ends, when one ends in its second half: "Lampu jalan di Kasuari mati
        # sejak bulan lalu, saya tiap malam pulang kerja dari" reads as "Lampu jalan di Kasuari mati sejak bulan lalu"
        # — unless only the clause cut off tells the trouble ("Sy pulang ke Petarukan dr Kudus, jalan pantura depan
        # pasar berlubang …" keeps its hole); "1,5 jt" is a number, no clause
        clause = max((m.start() for m in re.finditer(r"[,;](?!\d)", chosen)), default=-1)
        told = any(t in words.problems for t in _tokens(chosen[:clause]))
        if clause >= size // 2 and (told or not any(t in words.problems and t not in _NOT
                                                    for t in _tokens(chosen[clause:]))):
            chosen, was_cut = chosen[:clause], False
    # a comma, a dangling "dan"/"yang" or the ellipsis character never ends a title
    chosen = _DANGLING.sub("", chosen.replace("…", " ").strip())
    while was_cut:  # nor does what the cut left hanging: "rusak parah sudah 2" (tahun), "tutup sejak"
        shorter = _CUT_HANGING.sub("", chosen)
        if shorter == chosen or len(_tokens(shorter)) < 3:
            break
        chosen = shorter
    return chosen.strip(" ,.;:-") or None


def _in_agency_name(raw: Sequence[str], i: int, words: StoryWords) -> bool:
    """Whether the place word at raw[i] is joined ("dan") into a name an agency word began a few words before."""
    if i < 2 or raw[i - 1].lower() not in words.name_and:
        return False
    for k in range(i - 2, max(-1, i - 8), -1):
        if not re.match(r"[^\W_]", raw[k]):
            return False  # punctuation: another clause
        if raw[k].lower() in words.agency_names:
            return True
    return False


def _place_segments(text: str, words: StoryWords, through_problems: bool = False
                    ) -> tuple[list[str], list[str], list[str]]:
    """Administrative place phrases ("desa paok motong", "kec. sakra"), street/RT-RW bits and landmarks.

    A problem word ends a place's name ("desa Sakra tutup jam 10"); `through_problems` reads on through it, for
    names that hold one ("kelurahan Kebon Kosong")."""
    raw = re.findall(r"[^\W_]+(?:['’][^\W_]+)*|[.,;:!?\n/]", text)
    admin: list[str] = []
    street: list[str] = []
    landmark: list[str] = []
    i = 0
    while i < len(raw):
        word = raw[i].lower()
        if word in words.place_markers and _in_agency_name(raw, i, words):
            i += 1  # "Dinas Pemberdayaan Masyarakat dan Desa": a word of the agency's name, no village
            continue
        if word in words.landmark_markers and i and raw[i - 1].lower() in words.time_before_landmark:
            i += 1  # "datang minggu depan. mohon ditindak": next week, no place in front of anything
            continue
        if word in words.place_markers or word in words.street_markers or word in words.landmark_markers:
            kind = ("admin" if word in words.place_markers else
                    "street" if word in words.street_markers else "landmark")
            j = i + 1
            while j < len(raw) and raw[j] == "." and kind != "landmark":  # "kec. Sakra"; "depan." ends a sentence
                j += 1
            if kind == "landmark" and j + 1 < len(raw) and raw[j].lower() in words.place_markers:
                # round 87 (c87): "stockpile dekat desa Air Cekdam", "banjir di depan kelurahan Sungai Bambu": the place
                # word after a landmark's begins a place's name (the landmark read it as its own words before)
                i = j
                continue
            if j + 1 < len(raw) and raw[j].lower() in words.place_owners:
                j += 1  # "desa kami Sukamulya": the name comes after whose it is
                if raw[j].lower() in words.place_markers or raw[j].lower() in words.street_markers:
                    i = j  # "dusun kami dusun Lendang Bare": the second place word begins the name
                    continue
            name: list[str] = []
            limit = 2 if kind == "street" and word in ("rt", "rw") else 4
            while j < len(raw) and len(name) < limit:
                token = raw[j]
                low = token.lower()
                if not re.match(r"[^\W_]", token) or (low in words.place_stops and kind != "landmark") or (
                        name and (low in words.place_markers or low in words.street_markers)) or (
                        kind == "admin" and ((low in words.problems and not through_problems) or token.isdecimal())):
                    break  # "desa Sakra tutup jam 10": the name ends where the story goes on
                if kind == "landmark" and name and low in words.place_stops:
                    break
                name.append(token)
                j += 1
            if name:
                phrase = f"{raw[i]} {' '.join(name)}"
                if word in ("rt", "rw"):
                    phrase = f"{raw[i].upper()} {' '.join(name)}"
                {"admin": admin, "street": street, "landmark": landmark}[kind].append(phrase)
                i = j
                continue
        i += 1
    return admin, street, landmark


# the lengths of a province's, a kabupaten/kota's and a kecamatan's codes
_PROVINCE, _KABUPATEN, _KECAMATAN = len("52"), len("52.03"), len("52.03.05")


def _clause_before(low: str, at: int, back: int) -> list[str]:
    """The last `back` words before position `at` of the lowered text, within its clause (no comma or stop between)."""
    return _tokens(re.split(r"[.,;:!?\n()]", low[:at])[-1])[-back:]


def _aside(low: str, at: int, segment: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult]) -> bool:
    """Whether a place phrase at position `at` says where the trouble is not: where someone or something came from
    ("tengkulak dari kota Gorontalo", "pengunjung dari gampengrejo kab kediri"), the border a road runs to ("jalan
    ke perbatasan Banjar Cilacap"), the kabupaten/kota the teller lives or works in ("sy kerja di Kota Cirebon,
    jalan di Mertasinga kerendem rob"), or a province's level word that names whose a thing is ("rumah sakit
    provinsi kong bagini": no Desa Kong)."""
    before = _clause_before(low, at, 5)
    origin = next((k for k in range(len(before) - 1, max(-1, len(before) - 3), -1) if before[k] in ORIGIN_WORDS
                   and not (k and before[k - 1] in HOSPITALS)), None)  # ("RSUD dr Soekardjo": a doctor's title)
    said_by = before[:origin] if origin is not None else []
    if (origin is not None and any(w not in words.openers and w not in words.greetings for w in said_by)
            and not any(w in words.teller or w in words.place_owners for w in said_by)
            and not any(w in OFFICES or w in words.agency_names for w in before[origin + 1:])):
        # where someone else or something came from, a kabupaten/kota said right after "dari" ("tengkulak dari kota
        # Gorontalo"); not the teller's own ("sy dr Kab Blitar", "halo ini dari Kab X": the teller's home, often where
        # it happened), nor an office's ("fogging dari dinkes kota Tasik"), nor a desa or kecamatan ("pasien dari kec
        # Simpang Kiri" is most often where it happened)
        found = resolve_place(segment).best
        if found is not None and len(found.code) == _KABUPATEN:
            return True
    said = " ".join(before[-3:])
    if any(re.search(rf"(?<!\w){re.escape(b)}(?!\w)", said) for b in words.borders):
        return True
    first = segment.split(" ", 1)[0].lower()
    if first in words.province_markers:  # "provinsi sumut (turun)" is a province; "provinsi kong bagini" no place
        parts = segment.split()
        found = next((got.best for size in range(len(parts), 1, -1)
                      if (got := resolve_place(" ".join(parts[:size]))).best is not None), None)
        return found is not None and len(found.code) != _PROVINCE
    if any(w in words.teller and any(s in words.staying for s in before[k + 1:k + 3]) for k, w in enumerate(before)):
        # the teller's own town: only a kabupaten/kota, where one lives or works apart from the trouble (a desa or
        # kecamatan the teller names as home is, most often, where it happened: "sy tinggal di desa X, jalan rusak")
        found = resolve_place(segment).best
        return found is not None and len(found.code) == _KABUPATEN
    return _elsewhere(low, at, segment, words, resolve_place)


_OWNED = re.compile(r"(?:nya|ne|e|ku|mu)$")  # "bapaknya", "adikku", "mamake": whose relative, said on the word


def _elsewhere(low: str, at: int, segment: str, words: StoryWords,
               resolve_place: Callable[[str], PlaceResult]) -> bool:
    """Round 76 (c76): whether a kabupaten/kota is named in its clause as a place apart from the trouble, which a
    citizen telling what a problem does to them often adds after their home — a relative's home or workplace
    ("Adikku sing manggon Kabupaten Blitar ngguyu", "Bapaknya kerja di Kota Banjar"), a town one must go to for an
    errand, to buy, sell or move ("harus pi Kota Kupang urus BPJS", "beli sendiri di Kota Sorong", "jual pinang ke
    Kota Jayapura"), or what others wrongly think ("orang kira kami di Kota Kupang padahal kami kabupaten"). Only a
    kabupaten/kota: a desa or kecamatan so named is most often where it happened. Set aside, it is asked, not filled:
    a wrong fill routes the complaint to another kabupaten's office. An errand is no such aside where it is the
    trouble itself: said in the story's first clause ("urus KK di Taman kota Madiun, sistem offline"), or done at an
    office or facility named before the place ("urus KTP di dukcapil kota Jayapura", "berobat di klinik di kota
    Bengkulu statusnya menunggak")."""
    before = _clause_before(low, at, 5)
    kin = KIN | words.kin
    relative = any((w in kin or _OWNED.sub("", w) in kin) and any(s in words.staying for s in before[k + 1:k + 4])
                   for k, w in enumerate(before))
    first = re.search(r"[.,;:!?\n]", low)
    errand = next((k for k, w in enumerate(before) if w in words.errands), None)
    at_office = errand is not None and any(w in OFFICES or w in HOSPITALS or w in FACILITY_MARKERS
                                           or w in words.agency_names for w in before[errand + 1:])
    wide = _clause_before(low, at, 9)
    # round 78 (c78b): an errand said as the aim of something else ("surat keterangan dipungut 50 ribu, untuk berobat
    # anak ke rumah sakit di kota Bengkulu") is where the teller means to go, not where the trouble is, even at an
    # office or facility: the trouble is what they had to do for it
    aimed = any(w in words.errands and any(p in words.purposes for p in wide[max(k - 2, 0):k])  # ("biar bisa urus")
                for k, w in enumerate(wide))
    errand_aside = (errand is not None or aimed) and first is not None and at > first.start() and (
        not at_office or aimed)
    if not (relative or errand_aside or any(w in words.mistaken for w in before)):
        return False
    found = resolve_place(segment).best
    return found is not None and len(found.code) == _KABUPATEN


def _told_where(text: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult],
                segments: list[str]) -> list[str]:
    """The administrative place phrases less those that say where the trouble is not (_aside)."""
    low, start, kept = text.lower(), 0, []
    for segment in segments:
        at = low.find(segment.lower(), start)
        if at < 0:
            kept.append(segment)
            continue
        start = at + len(segment)
        if not _aside(low, at, segment, words, resolve_place):
            kept.append(segment)
    return kept


def _place(text: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult], home: str | None = None
           ) -> tuple[dict[str, Any] | None, float]:
    admin, street, landmark = _place_segments(text, words)
    told = _told_where(text, words, resolve_place, admin)
    if admin and not told:  # every place named is where the trouble is not: asked, with what was said as a hint
        return {"text": ", ".join([*landmark, *street, *admin])}, 0.4
    aside = [seg for seg in admin if seg not in told]
    admin = told
    described = ", ".join([*landmark, *street, *admin])
    if not admin:
        # "depan masjid Paok Motong": a landmark's own words may name its desa or kecamatan — taken only when sure
        # and in the deployment's own kabupaten ("ujung gang" is no Kec. Ujung of Parepare); never a street's
        # ("jalan raya Bogor" runs through Jakarta): a street alone names no region, so ask where
        names = [seg.split(" ", 1)[1] for seg in landmark]  # without "depan", "pinggir" (Kec. Pinggir, Bengkalis)
        near = resolve_place(", ".join(names)) if names and home else None
        if near is not None and near.best is not None and near.best.code.startswith(home[:5] if home else "-"):
            return ({"text": described, "region": near.best.code, "label": near.best.label,
                     "landmark": ", ".join([*landmark, *street])}, 0.9)
        return ({"text": described}, 0.4) if street else (None, 0.0)
    found = resolve_place(", ".join(admin))
    if found.best is None:  # "kelurahan Kebon Kosong": a name with a problem word in it, read whole
        longer = _told_where(text, words, resolve_place, _place_segments(text, words, through_problems=True)[0])
        again = resolve_place(", ".join(longer)) if longer != admin else found
        if again.best is not None:
            admin, found = longer, again
    mark = ", ".join([*landmark, *street])  # what is left to name when the region is not found
    if found.best is not None and len(found.best.code) == _KABUPATEN and any(
            (other := resolve_place(seg).best) is not None and other.code[:_PROVINCE] == found.best.code[:_PROVINCE]
            for seg in aside):
        # "sy kuliah di kota malang, rumah di kab malang bocor": a kabupaten named by its level word alone, beside the
        # teller's kota of the same province set aside, is one of two neighbours named no finer: asked
        return {"text": described}, 0.4
    if found.best is not None:
        # a dusun or RT the region data does not hold stays as the landmark; words of the story do not
        kept = [seg for seg in admin if seg.lower() in (found.landmark or "").lower()]
        landmark_text = ", ".join([*landmark, *street, *kept])
        return ({"text": described, "region": found.best.code, "label": found.best.label,
                 "landmark": landmark_text}, 0.9)
    if found.options:
        candidates = [{"code": o.code, "label": o.label} for o in found.options]
        return {"text": described, "landmark": mark, "candidates": candidates}, 0.3
    return {"text": described}, 0.4


def _neighbour_read(read: Sequence[str]) -> bool:
    """Whether the whole story's reading leads with a kabupaten/kota named as such and also reads a place of another
    kabupaten/kota of the same province: the Kota where the teller lives and a kecamatan of the Kabupaten around it."""
    first = read[0]
    return len(first) == _KABUPATEN and any(len(other) > _PROVINCE and other[:_PROVINCE] == first[:_PROVINCE]
                                            and other[:_KABUPATEN] != first for other in read[1:])


def _same_regency(code: str, other: str) -> bool:
    """Whether two region codes lie in one kabupaten/kota, or one is the province holding the other."""
    if len(code) == _PROVINCE or len(other) == _PROVINCE:
        return code[:_PROVINCE] == other[:_PROVINCE]
    return code[:_KABUPATEN] == other[:_KABUPATEN]


def _names_the_read(name: Sequence[str], code: str, resolve_place: Callable[[str], PlaceResult]) -> bool:
    """Whether these words are the whole name of the desa or kelurahan `code` (its words apart or joined)."""
    own = _region_name(resolve_place, code) if len(code) > _KECAMATAN else None
    return own is not None and bool(name) and _squashed(own) == _squashed("".join(name))


def _one_named(text: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult], read: Sequence[str]
               ) -> dict[str, Any] | None:
    """The one place word the whole story's reading confirms, where the place words read together name no place of
    its kabupaten: "sy tinggal di Kota Bekasi, rumah ortu di Cikarang Utara, Kabupaten Bekasi" reads as Kota Bekasi
    (or nothing, or three namesakes) when its level words are read together, but one of them, "Kabupaten Bekasi",
    is where the whole story says it happened (Cikarang Utara). Each place word is read alone, and without the words
    the story goes on with ("kota Serang panjang banget"); the first that lies in the reading's kabupaten is taken —
    only where the place is named at two levels that agree (the level word names a kecamatan or desa, or the
    reading one inside the kabupaten named): where both name no more than a kabupaten, the story named two of them
    and the reading picked one ("dari kabupaten Kupang ... numpang di rumah saudara di kota Kupang"), so asked."""
    if not read or _neighbour_read(read):
        return None
    low = text.lower()
    for segment in _place_segments(text, words)[0]:
        at = low.find(segment.lower())
        if at > 0 and ((_said_after(low, at, ORIGIN_WORDS, 3) and not _teller_from(low, at, words))
                       or _aside(low, at, segment, words, resolve_place)):
            # ("dirujuk dr puskesmas kepanjen (kab malang) ke rsud di kota malang": where he came from; round 85
            # (c85): the teller's own "kami dari nagari X" is their home, as _said_at reads it)
            continue
        parts = segment.split()
        for size in range(len(parts), 1, -1):  # "kab bima dibagi" → "kab bima"; the level word stays
            got = resolve_place(" ".join(parts[:size]))
            if got.best is None and got.options and len(read) == 1:
                # "kecamatan Sukadana": namesakes in three provinces, and the whole story reads one of them, no other
                # place: that one (a lone option is a desa name the region data doubts, not a namesake picked)
                same = [o for o in got.options if _same_regency(o.code, read[0])
                        and _squashed(_LABEL_LEVEL.sub("", o.label.split(",")[0])) in _squashed("".join(parts[:size]))
                        ] if len(got.options) > 1 else []
                # round 88 (c88): a namesake is one whose very name is said ("kecamatan Kota Besi", "kampung nelayan
                # Batukaras"): "di capil kota bilang server down" lists Kec. Bolaang, Bulang, Belang by their likeness
                # to an everyday word after 'kota' (town), no name
                holder = _region_name(resolve_place, read[0][:_KECAMATAN]) if len(got.options) > 1 else None
                if not same and _names_the_read(parts[1:size], read[0], resolve_place) and (
                        len(got.options) == 1 or (holder is not None and re.search(
                            rf"(?<!\w){_name_re(holder)}(?!\w)", low[:at] + " " + low[at + len(segment):]))):
                    # round 85 (c85): "polsek Senori … wong desa Jatisari …", "kampung Patipi Pasir,": the words after
                    # the level word are the very name of the one desa the whole story reads, though it is not among
                    # the few namesakes listed (a common name has dozens; then its kecamatan must be said too, not
                    # only a kabupaten the reading may have taken from the teller's home: "Sy tinggal di Ketapang …
                    # desa Padang") or is the lone one the region data doubts
                    same = [p for p in [resolve_place(read[0]).best] if p is not None and p.code == read[0]]
                found = same[0] if len(same) == 1 else None
            else:
                found = got.best
            if found is None:
                continue
            if _same_regency(found.code, read[0]) and max(len(found.code), len(read[0])) > _KABUPATEN:
                return {"text": segment, "region": found.code, "label": found.label, "landmark": ""}
            break
    return None


# the level word a region's label begins with ('Kec. Sape, Kab. Bima, Nusa Tenggara Barat'): what is left is its name
_LABEL_LEVEL = re.compile(r"^(?:Kab\. Adm\.|Kota Adm\.|Kab\.|Kota|Kec\.|Distrik|Kel\.|Desa)\s+")
# what may stand between a place's name and the name of the kecamatan or kabupaten holding it ('Sape, Bima',
# 'Cibeber (Cianjur)', 'Wajak kab. Malang', 'Dolopo di Madiun', 'Rembang yg di Pasuruan')
_NAME_LINK = (r"\s*[,(/-]?\s*(?:(?:yang|yg)\s+)?"
              r"(?:(?:kab|kabupaten|kota|kec|kecamatan|di|ds|desa|kel|kelurahan)\.?\s+)?")


def _squashed(name: str) -> str:
    """A name lower-cased with its spaces, hyphens and marks gone, to compare names however they are written."""
    return re.sub(r"[\W_]", "", name.lower())


def _name_re(name: str) -> str:
    """A region's name as a story may write it: its words apart, joined or hyphened ('Tanjung Pinang')."""
    return r"[\s-]*".join(re.escape(w) for w in re.split(r"[\s-]+", name.lower()) if w)


def _region_name(resolve_place: Callable[[str], PlaceResult], code: str) -> str | None:
    found = resolve_place(code).best
    if found is None or found.code != code:
        return None
    return _LABEL_LEVEL.sub("", found.label.split(",")[0]).strip() or None


def _teller_from(low: str, at: int, words: StoryWords | None) -> bool:
    """Whether the origin word ("dari", "saking") just before position `at` is the teller's of themselves, in its
    clause: "kami dari Landau Kantu Delang, jalan ke kota hancur", "kulo saking Tambi Kejajar, dalan tani rusak" —
    the teller says where they are from, their home, as _aside keeps "sy dr Kab Blitar"; not someone's or
    something's origin ("truk dari galian di Rumpin Bogor", "pasien dari Sape Bima")."""
    if words is None:
        return False
    before = _clause_before(low, at, 3)
    origin = next((k for k in range(len(before) - 1, -1, -1) if before[k] in ORIGIN_WORDS), None)
    return bool(origin) and before[origin - 1] in words.teller | words.place_owners


def _named_with_its_holder(text: str, resolve_place: Callable[[str], PlaceResult], read: Sequence[str],
                           words: StoryWords | None = None) -> dict[str, Any] | None:
    """The kecamatan or desa the whole story's reading names first, where the story names it together with the
    kecamatan or kabupaten holding it ("puskesmas di Sape, Bima tutup", "rumpin bogor", "Dolopo, Kabupaten Madiun"):
    a name alone may be a namesake, a street's or a shop's, but two names that agree with each other and with the
    reading are the place, filled without asking; so are the name and the kabupaten's office called on by the
    kabupaten's name ("PLN Jombang"), where the reading names the place alone. Not where the pair is where something
    or someone came from ("truk dari galian di Rumpin Bogor"), nor where the story also pairs the name with another
    kabupaten it does not deny ("petani di Losari Brebes ... sebelah Losari Cirebon": asked). Where the reading keeps
    rivals after it (often namesakes: "Gempol Pasuruan" and the Gempol of Cirebon), the pair must name the place by
    itself."""
    if not read or len(read[0]) <= _KABUPATEN:
        return None
    code = read[0]
    own = _region_name(resolve_place, code)
    holders = [_region_name(resolve_place, code[:n]) for n in (_KECAMATAN, _KABUPATEN) if n < len(code)]
    if own is None:
        return None
    low = text.lower()
    pair = None
    for holder in holders:
        if holder:
            pair = re.search(rf"(?<!\w){_name_re(own)}{_NAME_LINK}{_name_re(holder)}(?!\w)", low)
            if pair:
                break
    if pair is None and len(read) == 1 and holders[-1]:
        # "listrik di Diwek sering anjlok ... PLN Jombang mohon dicek": the office of the kabupaten holding it, called
        # on by the kabupaten's name, is a pair said apart
        offices = [m for m in re.finditer(rf"(?<!\w){_name_re(holders[-1])}(?!\w)", low)
                   if _said_after(low, m.start(), OFFICES, 2)]
        pair = next((m for m in re.finditer(rf"(?<!\w){_name_re(own)}(?!\w)", low) if offices and not any(
            m.start() < o.end() and o.start() < m.end() for o in offices)), None)
    if pair is None or (_said_after(low, pair.start(), ORIGIN_WORDS, 3) and not _teller_from(low, pair.start(), words)):
        return None
    if len(read) > 1:  # the reading keeps namesakes or other places: the pair must name the place by itself
        alone = resolve_place(pair.group(0))  # ("ds gandusari kec gandusari": a desa and kecamatan of two)
        meant = [alone.best] if alone.best is not None else list(alone.options)  # (or its options, all inside it)
        if not meant or not all(_same_regency(m.code, code) for m in meant):
            return None
    for again in re.finditer(rf"(?<!\w){_name_re(own)}(?!\w)", low):
        if again.start() == pair.start() or _said_after(low, again.start(), DENIALS, 2):
            continue
        said = " ".join(_tokens(low[again.start():])[:len(own.split()) + 3])
        other = resolve_place(said).best
        if other is not None and not _same_regency(other.code, code):
            return None  # the name said with another kabupaten too
    found = resolve_place(code).best
    if found is None:
        return None
    return {"text": text[pair.start():pair.end()], "region": code, "label": found.label, "landmark": ""}


def _called_on(text: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult], read: Sequence[str]
               ) -> dict[str, Any] | None:
    """The one place the whole story's reading names, finer than a kabupaten and with no rival, where the story also
    calls on the kabupaten/kota holding it by name, as its own: right after one of its offices ("irigasi di Taniran
    jebol … tolong distan HSS", "DLH Bandar Lampung tolong cek") or right before a plea ("jembatan di Mangunjaya
    putus … Pangandaran tolong", "Deiyai mohon perhatian"). A citizen names whose office should act: the place and
    that kabupaten agree, so the place is filled without asking. Not a kabupaten said as where someone or something
    came from or goes ("harus dibawa ke Banjar tolong"), and never by a name that resolves to namesakes."""
    if len(read) != 1 or len(read[0]) <= _KABUPATEN or not words.pleas:
        return None
    code = read[0]
    raw = list(_WORD_OR_MARK.finditer(text))
    low = [m.group(0).lower() for m in raw]

    def word(k: int) -> bool:
        return 0 <= k < len(low) and bool(re.match(r"[^\W_]", low[k]))

    spans: list[tuple[int, int]] = []
    for i, token in enumerate(low):
        if token in OFFICES:  # "distan hss", "dinas pendidikan peg bintang": the name within four words after it
            spans += [(j, j + k) for j in range(i + 1, i + 4) for k in (3, 2, 1)
                      if all(word(x) for x in range(j, j + k))]
        elif token in words.pleas:  # "pangandaran tolong": the name right before it, in its clause
            spans += [(i - k, i) for k in (3, 2, 1) if all(word(x) for x in range(i - k, i))]
    tried: set[str] = set()  # a name near two offices or pleas is resolved once
    for start, end in spans:
        if any(low[k] in ORIGIN_WORDS | GOING_TO for k in range(max(start - 1, 0), end)):
            continue  # ("dibawa ke Pangandaran tolong", "ke pangandaran" read whole: where the child is taken)
        said = text[raw[start].start():raw[end - 1].end()]
        if said in tried:
            continue
        tried.add(said)
        found = resolve_place(said).best
        if found is not None and found.code == code[:_KABUPATEN]:
            place = resolve_place(code).best
            if place is None:
                return None
            return {"text": said, "region": code, "label": place.label, "landmark": ""}
    return None


def _name_starts(text: str, raw: Sequence[re.Match[str]], low: Sequence[str], words: StoryWords
                 ) -> list[tuple[int, str]]:
    """Where a place's name said with its holder and no level word may begin (the index of its first word), and how
    it is said: right after "di" ("at"); right after the teller's own "dari" or "warga", the teller's home, which
    in a complaint is where the trouble is ("home"); or first in the story, set off by a mark ("header").

    Round 82 (c82): a voice note has no level words and no commas: "saya dari lowa bontosikuyu selayar bantuan
    mesin …", "kulo saking bode lor plumbon cirebon …", "halo pak eee ini dari tambakukir kotaanyar …", "saya
    nelayan dari …", "saya warga mar tubung medan labuhan …" — the teller opens by saying where they are from, as
    _teller_from reads "kami dari X". Only such an opening: nothing but greetings, fillers and the teller's word
    before "dari" (one word of what the teller does may stand between: "saya petani dari"), so "pupuk dari Gresik",
    "truk dari galian di Rumpin" or "saya mau ke pasar dari X" (something's origin, a trip) is not read so.
    A typed message often leads with its place as a header: "Labuan Kapelak Banggai Selatan, air bersih susah"."""
    starts: list[tuple[int, str]] = []
    # "saya dari Siatas tapi tinggal di Medan", "sy kerja di Tuban": where the teller comes from and where they live
    # or work apart, the home said after "dari" may not be where the trouble is, so it is not read as such (asked)
    elsewhere = any((w in words.teller and any(s in words.staying for s in low[k + 1:k + 3]))
                    or (w in words.staying and low[k + 1] in words.at_words) for k, w in enumerate(low[:-1]))
    tellers = words.teller | words.place_owners
    opening = {w for phrase in (*words.greetings, *words.openers) for w in phrase.split()} | tellers | words.addressees
    for i, token in enumerate(low[:-1]):
        if token in words.at_words:
            starts.append((i + 1, ""))
            continue
        if elsewhere or (token not in ORIGIN_WORDS and token not in words.residents):
            continue
        # round 83 (c83): the teller's home said as a sentence of its own later on ("… jauh sekali. Katong dari
        # Bereliku Malaka Tengah.", "…, kami dari Bonto Bulaeng Sinoa") is read as at the opening: its clause only
        clause = next((k + 1 for k in range(i - 1, -1, -1) if low[k] in {".", "!", "?", "\n", ",", ";"}), 0)
        before = [w for w in low[clause:i] if re.match(r"[^\W_]", w)]
        said = [k for k, w in enumerate(before) if w not in opening]
        if token in words.residents:
            home = not said and bool(before) and before[-1] in tellers  # ("saya warga …")
        else:  # ("halo pak eee ini dari …", "saya dari …", "saya nelayan dari …"; not "saya beli dari")
            home = not said or (said == [len(before) - 1] and len(before) > 1 and before[-2] in tellers
                                and before[-1] not in words.errands | GOING_TO | KIN)
        if home:
            starts.append((i + 1, "home"))
    content = strip_opening(text, words)
    first = [k for k, w in enumerate(low) if re.match(r"[^\W_]", w)]
    skipped = len(first) - sum(bool(re.match(r"[^\W_]", w)) for w in _WORD_OR_MARK.findall(content))
    if content and 0 <= skipped < len(first):
        starts.append((first[skipped], "header"))
    return sorted(set(starts))


def _said_at(text: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult], read: Sequence[str]
             ) -> dict[str, Any] | None:
    """Round 80 (c80b): a desa or kecamatan said right after "di" together with the kecamatan or kabupaten holding it,
    with no level word: "air mati terus di Tanjung Batu Derawan" is Desa Tanjung Batu of Kec. Pulau Derawan, though
    "Tanjung Batu" alone is a kecamatan of Ogan Ilir and five desa. The words after "di", read together, name one place
    (the resolver's sure answer, not a list), their last words name a region holding it (the holder said, not a longer
    name), and the whole story's reading agrees: it reads that kabupaten, and every other place it reads is a namesake
    of the name said (its own name is within the words). Not where the words say where someone or something came
    from, nor a kabupaten set aside (_aside). Round 82 (c82): the same is read after the teller's own opening "saya
    dari", "saya warga" and in a header that leads the story (_name_starts)."""
    if not read or not words.at_words:
        return None
    raw = list(_WORD_OR_MARK.finditer(text))
    low = [m.group(0).lower() for m in raw]
    markers = words.place_markers | words.street_markers | words.landmark_markers
    stops = words.place_stops | words.problems | ORIGIN_WORDS | GOING_TO | NEAR | words.at_words
    lowered = text.lower()
    for i, home in _name_starts(text, raw, low, words):
        if i >= len(low) or low[i] in markers:
            continue  # ("di desa X kec Y": the level words are read by _place)
        name: list[int] = []
        for k in range(i, min(i + 5, len(low))):
            if not re.match(r"[^\W_]", low[k]) or low[k] in stops or low[k].isdecimal():
                break
            name.append(k)
        for size in range(len(name), 1, -1):
            said = text[raw[name[0]].start():raw[name[size - 1]].end()]
            found = resolve_place(said).best
            if found is None or len(found.code) < _KABUPATEN:
                continue
            # the holder said last: a region holding the place, or the place itself where the name before it is not in
            # the region data as a place of it ("di Tanjung Balai Karimun": the town of Kab. Karimun, and a Kota
            # Tanjungbalai in Sumatera Utara): only a name the region data holds elsewhere, never surely ("rs
            # samarinda" is a hospital, "Banda Aceh" one name whose last word is a province's)
            holder = next((cut for cut in range(1, size)
                           if _holds_it(resolve_place, low[name[0]:name[cut - 1] + 1],
                                        low[name[cut]:name[size - 1] + 1], found.code)), None)
            if holder is None:
                break  # one name, however long: a namesake, a street's or a shop's
            squashed = _squashed(said)
            if not any(_same_regency(found.code, r) for r in read) or not all(
                    _same_regency(found.code, r) or ((own := _region_name(resolve_place, r)) is not None
                                                     and _squashed(own) in squashed)
                    for r in read):
                break  # the reading reads another place than the name's namesakes
            at = raw[name[0]].start()
            if (_said_after(lowered, at, ORIGIN_WORDS, 3) and not home) or _aside(lowered, at, said, words,
                                                                                 resolve_place):
                break
            if home == "header" and (name[size - 1] + 1 >= len(low) or re.match(r"[^\W_]", low[name[size - 1] + 1])):
                break  # a header is set off from the story by a mark: "Ganten Kerjo, jalan desa longsor"
            head = " ".join(low[name[0]:name[holder - 1] + 1])
            for again in re.finditer(rf"(?<!\w){_name_re(head)}(?!\w)", lowered):
                if again.start() == at or _said_after(lowered, again.start(), DENIALS, 2):
                    continue
                other = resolve_place(" ".join(_tokens(lowered[again.start():])[:len(head.split()) + 3])).best
                if other is not None and not _same_regency(other.code, found.code):
                    return None  # the name said with another kabupaten too ("… tapi belanja di Kalibaru Cilincing")
            while size > holder + 1 and (shorter := resolve_place(
                    text[raw[name[0]].start():raw[name[size - 2]].end()]).best) is not None and (
                    shorter.code == found.code):
                size -= 1  # ("di Tanjung Balai Karimun nyamuk DBD": the words after the place are the story's)
            said = text[raw[name[0]].start():raw[name[size - 1]].end()]
            return {"text": said, "region": found.code, "label": found.label, "landmark": ""}
    return None


def _holds_it(resolve_place: Callable[[str], PlaceResult], head: Sequence[str], tail: Sequence[str], code: str
              ) -> bool:
    """Whether the words `tail`, said last, name a region holding the place `code` the whole name reads, the words
    `head` before them naming a place by themselves. The holder is a region holding the place, or the place itself
    where the head is only a name the region data holds elsewhere, never surely. Round 87 (c87): a head that names no
    place at all is no desa said with its holder ("Bengawan Solo meluap" is the river, read as Kel. Punggawan of Kota
    Surakarta only with "Solo" beside it)."""
    said = resolve_place(" ".join(head))
    if said.best is None and not said.options:
        return False
    got = resolve_place(" ".join(tail))
    return any(len(h.code) >= _KABUPATEN and code.startswith(h.code)
               and (len(h.code) < len(code) or (said.best is None and bool(said.options)))
               for h in ([got.best] if got.best else list(got.options)))


def _headed(text: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult], read: Sequence[str]
            ) -> dict[str, Any] | None:
    """Round 82 (c282): a desa or kecamatan named alone as the header a message opens with, set off by a mark, where
    the whole story's reading reads that one place and no other: "Jantiharjo, galian C di tepi kali …", "Air Tawar
    Barat, lah tigo hari sampah indak diangkuik", "Rogojampi: pasar kumuh". A citizen who heads the message with a
    name says where it is, as an address line; _said_at fills such a header only with its holder said after it, but
    a name alone is as sure where the region data holds it once (its sure answer, or the one desa it doubts) and the
    reading, which weighs every word of the story, finds it and nothing else. Not a name the region data holds in
    several places (a namesake is asked, or offered), nor where the header says where someone came from or lives
    apart (_aside), nor a market's name; a level word ("kel Tual,") is read by _place."""
    if len(read) != 1 or len(read[0]) <= _KABUPATEN:
        return None
    raw = list(_WORD_OR_MARK.finditer(text))
    low = [m.group(0).lower() for m in raw]
    start = next((i for i, how in _name_starts(text, raw, low, words) if how == "header"), None)
    if start is None:
        return None
    end = start
    while end < len(low) and re.match(r"[^\W_]", low[end]):
        end += 1
    markers = words.place_markers | words.street_markers | words.landmark_markers
    if not 1 <= end - start <= 4 or end >= len(low) or low[end] not in {",", ".", ":", ";", "\n", "!"} or any(
            low[k] in markers or low[k] in ORIGIN_WORDS or low[k] in GOING_TO or low[k] in words.at_words
            or low[k] in words.markets or low[k].isdecimal() for k in range(start, end)):
        # a header is a name and nothing else, ended by a mark: "Jatiyoso, jalan menanjak rusak"; a market's name
        # ("pasar kliwon, …", "Pasar Baru, …") is named for a market day or is common to many towns, no address
        return None
    said = text[raw[start].start():raw[end - 1].end()]
    got = resolve_place(said)
    found = got.best if got.best is not None else got.options[0] if len(got.options) == 1 else None
    if found is None or len(found.code) <= _KABUPATEN or not (
            found.code.startswith(read[0]) or read[0].startswith(found.code)):
        return None
    if _aside(text.lower(), raw[start].start(), said, words, resolve_place):
        return None
    code = max(found.code, read[0], key=len)  # the finer of the two that agree
    place = resolve_place(code).best
    if place is None or place.code != code:
        return None
    return {"text": said, "region": code, "label": place.label, "landmark": ""}


def _shouting(text: str) -> bool:
    """Whether a message is typed in capitals, so a capital letter says nothing of a name."""
    return sum(c.isupper() for c in text) > sum(c.islower() for c in text)


# round 88 (c88): "di sekitar Sidorejo Lor", "seputaran Rawa Buaya": around a place, as near it (place_words.NEAR)
_AROUND = frozenset({"sekitar", "sekitaran", "seputar", "seputaran"})
_ROAD_WORDS = ROAD_KINDS | {"masuk", "penghubung", "utama"}  # "jalan poros ke X", "jalan masuk ke X"
# what "jalan" as a verb (to go, to walk) follows: "harus jalan ke X", "kapal tidak jalan ke X"
_WALKING = _NOT | {"harus", "mesti", "terpaksa", "mau", "bisa", "sudah", "sdh", "udah", "lagi", "pernah", "tetap"}


def _road_to(low: Sequence[str], i: int) -> bool:
    """Round 87 (c87): whether low[i] is the "ke" of a road or a bridge said to a place ("jalan poros ke Buntu
    Masakke amblas", "jalan masuk ke Rawa Mekar Jaya berlubang"): the road to a desa is that desa's road, as a road
    said at it is; not one walked ("jalan kaki ke X") nor "kapal tidak jalan ke X" (a word other than a road's kind
    between)."""
    if low[i] not in GOING_TO:
        return False
    k = i - 1
    while k >= 0 and i - k <= 2 and low[k] in _ROAD_WORDS:
        k -= 1
    return k >= 0 and low[k] in WAYS and (k == 0 or low[k - 1] not in _WALKING)


def _at_alone(text: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult], read: Sequence[str]
              ) -> dict[str, Any] | None:
    """Round 85 (c85): a desa or kelurahan said right after "di" by its very name alone, with no level word and no
    holder, where the region data holds that name once and the whole story's reading reads that one place and no
    other: "guru MI di Karang Umpu takut melapor", "babi di tondon sibata mati". As a header (_headed), a name the
    region data holds in one place only, which the reading, weighing every word, finds and nothing else, is where the
    teller says it is; _said_at fills such a name only with its holder said after it. Not a name the region data
    holds in several places (a namesake is asked, or offered), nor words the resolver reads leniently as one ("di rsud
    Sele …": a hospital's), nor one word it only doubts as a desa's ("di muko rumah": Minang "in front of"), nor after
    a level word, a landmark's or a market's (read by _place, or a market's name common to many towns), nor where it
    says where someone came from or where the teller lives apart (_aside)."""
    if len(read) != 1 or len(read[0]) <= _KABUPATEN or not words.at_words:
        return None
    raw = list(_WORD_OR_MARK.finditer(text))
    low = [m.group(0).lower() for m in raw]
    markers = words.place_markers | words.street_markers | words.landmark_markers | words.markets
    stops = words.place_stops | words.problems | ORIGIN_WORDS | GOING_TO | NEAR | words.at_words
    lowered = text.lower()
    first = re.search(r"[.,;:!?\n]", lowered)
    kin = KIN | words.kin
    # round 87 (c87): the teller's own opening "kami dari X", "kamek warga X" says X as the place of the story too
    homes = {start - 1 for start, how in _name_starts(text, raw, low, words) if how == "home"}
    # round 88 (c88): a name written as one ("di Karangbener", "deket Keparakan"), its first letter capital, in a
    # story not typed in capitals: the teller writes a name, not a word of speech ("di muko", "di lembur")
    shouting = _shouting(text)
    for i, token in enumerate(low[:-1]):
        before = _clause_before(lowered, raw[i].start(), 3)
        home = i in homes
        named = home or _road_to(low, i)  # (what follows is said as a name: the teller's home, a road's end)
        # round 88 (c88): "pabrik di dekat Mertan", "tikungan deket Muara Sari", "jalan di sekitar Sidorejo Lor": a
        # trouble said near a desa or kelurahan by its name is at it, as one said at it is
        near = token in NEAR or token in _AROUND
        if near and not named and (shouting or not raw[i + 1].group(0)[:1].isupper()):
            continue  # (only a name written as one: "dekat jembatan kecil" is a bridge, no Kel. Jembatan Kecil)
        if (token not in words.at_words and not named and not near) or low[i + 1] in markers or (
                first is not None and raw[i].start() > first.start() and any(w in words.errands for w in before)):
            # ("… dicuri di depan ruko. motor itu sa beli di Sentani": where it was bought, an errand told after the
            # trouble, not where it was stolen; in the story's first clause the errand is the trouble: "urus KK di X")
            continue
        if any(w in kin or _OWNED.sub("", w) in kin for w in before[-2:]):
            continue  # ("mertua di Aikmel", "ibu saya di X": where a relative is, asked as _elsewhere asks it)
        name: list[int] = []
        for k in range(i + 1, min(i + 5, len(low))):
            if not re.match(r"[^\W_]", low[k]) or low[k] in stops or low[k].isdecimal():
                break
            name.append(k)
        for size in range(len(name), 0, -1):
            said = text[raw[name[0]].start():raw[name[size - 1]].end()]
            got = resolve_place(said)  # its sure answer, or the one desa it doubts (a desa's name said alone)
            found = got.best if got.best is not None else got.options[0] if len(got.options) == 1 else None
            own = _region_name(resolve_place, found.code) if found is not None else None
            if own is None or _squashed(own) != _squashed(said):
                # only the place's very name: the resolver reads leniently ("di rsud Sele be Solu" is a hospital,
                # "di waduk Riam Kanan" a reservoir, "di Karang Umpu takut melapor" is read at its first two words)
                continue
            if got.best is None and size == 1 and not named and (shouting or not raw[name[0]].group(0)[:1].isupper()):
                # one word the region data doubts as a desa's name may be a word of speech ("di muko": in front); after
                # the teller's "warga", "dari" or a road's "ke" it is said as a name, and so it is written with a
                # capital (round 88, c88: "buruh di pabrik di Karangbener", "Pustu di Mahajandau tutup")
                break
            after = name[size - 1] + 1
            if after < len(low) and low[after] in words.teller | words.place_owners:
                break  # a word said with whose it is is a common noun: Sundanese "di lembur abdi" (in my village)
            rest = resolve_place(" ".join(low[name[size]:name[-1] + 1])).best if size < len(name) else None
            if rest is not None and not _same_regency(rest.code, found.code):
                break  # ("di pantai barat pangandaran": a beach of Pangandaran, no Distrik Pantai Barat of Sarmi)
            if _home_apart(low, words, resolve_place, found.code):
                break
            if len(found.code) <= _KECAMATAN or not (found.code.startswith(read[0]) or read[0].startswith(found.code)):
                # a kabupaten's name, or a place the reading does not read; a kecamatan said so is offered as a
                # button at "Di mana kejadiannya?", not filled (read_story: 1-2% of such readings lie elsewhere)
                break
            at = raw[name[0]].start()
            if (_said_after(lowered, at, ORIGIN_WORDS, 3) and not home) or _aside(lowered, at, said, words,
                                                                                 resolve_place):
                break
            # the place said, not a finer one the reading found elsewhere in the story ("truk dari desa X … lewat di
            # Y": the desa is where the trucks come from)
            place = resolve_place(found.code).best
            if place is None or place.code != found.code:
                break
            return {"text": said, "region": found.code, "label": place.label, "landmark": ""}
    return None


def _home_holds(text: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult], read: Sequence[str]
                ) -> dict[str, Any] | None:
    """Round 87 (c87): the one place the whole story's reading names, finer than a kabupaten, where the story names it
    and the teller also says where they are, by a region holding it: "gas di pangkalan di Bone-Bone kosong … Kami di
    Lutra", "jalan di Penjalang rusak nian … Kami di Dempo Selatan", "kami warga Sekadau, lampu di Seraras padam".
    The place and the teller's own region agree: a pair said apart, as _named_with_its_holder fills one said together.
    Not where the place's name is said as where someone or something came from (_aside), nor a teller's region that is
    the place itself or none of its holders."""
    if len(read) != 1 or len(read[0]) <= _KABUPATEN:
        return None
    code = read[0]
    own = _region_name(resolve_place, code)
    if own is None:
        return None
    raw = list(_WORD_OR_MARK.finditer(text))
    low = [m.group(0).lower() for m in raw]
    lowered = text.lower()
    tellers = words.teller | words.place_owners
    holds = False
    for k in range(len(low) - 2):
        if low[k] not in tellers:
            continue
        start = k + 1
        if low[start] in words.staying:
            start += 1  # ("kami tinggal di Lutra")
        if start >= len(low) or low[start] not in words.at_words | words.residents | ORIGIN_WORDS:
            continue
        for n in (3, 2, 1):
            said = low[start + 1:start + 1 + n]
            if len(said) < n or not all(re.match(r"[^\W_]", w) for w in said):
                continue
            found = resolve_place(" ".join(said)).best
            if found is not None:
                holds = holds or (len(found.code) >= _KABUPATEN and code.startswith(found.code) and found.code != code)
                break
    if not holds:
        return None
    for m in re.finditer(rf"(?<!\w){_name_re(own)}(?!\w)", lowered):
        if _said_after(lowered, m.start(), ORIGIN_WORDS, 3) or _aside(lowered, m.start(), m.group(0), words,
                                                                         resolve_place):
            continue
        place = resolve_place(code).best
        if place is None or place.code != code:
            return None
        return {"text": text[m.start():m.end()], "region": code, "label": place.label, "landmark": ""}
    return None


def _home_apart(low: Sequence[str], words: StoryWords, resolve_place: Callable[[str], PlaceResult], code: str) -> bool:
    """Whether the teller names their home ("saya warga Sambas", "kami dari Sambas", "saya tinggal di kota Mataram")
    as a place of another kabupaten/kota than `code`: then a place said after "di" is where they had to go ("saya
    warga Sambas mau buat paspor … kantor imigrasi yang dekat di Entikong") or a relative's ("ibu saya di X"), not
    surely where the trouble is."""
    tellers = words.teller | words.place_owners
    for k, token in enumerate(low[1:-1], start=1):
        if low[k - 1] not in tellers or (token not in words.residents and token not in ORIGIN_WORDS
                                         and token not in words.staying):
            continue
        start = k + 2 if token in words.staying and low[k + 1] in words.at_words else k + 1
        for n in (3, 2, 1):
            said = low[start:start + n]
            if len(said) == n and all(re.match(r"[^\W_]", w) for w in said):
                home = resolve_place(" ".join(said)).best
                if home is not None:
                    return not _same_regency(home.code, code)
    return False


def _declared(text: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult], read: Sequence[str]
              ) -> dict[str, Any] | None:
    """Round 83 (c83): the kabupaten/kota the teller says the story is of, denying its namesake or its neighbour:
    "Tegal kota ya, dudu kabupaten", "Ini Salatiga ya, bukan kab Semarang", "Bengkulu Utara ya pak, bukan kota
    Bengkulu", "Ieu KBB nya, lain kab Bandung". A citizen who has been sent to the wrong office before says which
    one is theirs; the name right before the denial (a tag such as "ya", "lho", an addressee or a comma between) is
    where the trouble is. Filled with the finest place of the whole story's reading inside it ("Sampah nang TPA
    Muarareja … Tegal kota ya, dudu kabupaten": Muarareja of Kota Tegal, though the reading leads with a namesake in
    the kabupaten), or with the kabupaten/kota itself where the reading reads no finer place of it; never where the
    reading reads nothing of it. Only where what is denied is a level word ("bukan kabupaten", "dudu kutho") or a
    kabupaten/kota or finer ("bukan Malra"), so "rusak bukan main" names nothing; not a name said as where someone
    came from or goes (_aside)."""
    if not read or not words.denials:
        return None
    raw = list(_WORD_OR_MARK.finditer(text))
    low = [m.group(0).lower() for m in raw]
    levels = words.place_markers | words.levels
    skip = words.tags | words.addressees | {w for w in words.greetings if " " not in w}
    away = ORIGIN_WORDS | GOING_TO | NEAR | words.at_words | words.errands
    lowered = text.lower()

    def word(k: int) -> bool:
        return 0 <= k < len(low) and bool(re.match(r"[^\W_]", low[k]))

    for d, token in enumerate(low):
        if token not in words.denials or not word(d + 1):
            continue
        if low[d + 1] not in levels and not any(
                (got := resolve_place(" ".join(low[d + 1:d + 1 + n])).best) is not None
                and len(got.code) >= _KABUPATEN for n in (3, 2, 1) if all(word(x) for x in range(d + 1, d + 1 + n))):
            continue  # ("jalan rusak bukan main": no place denied)
        end = d
        commas = 0
        while end > 0 and (low[end - 1] in skip or (low[end - 1] == "," and commas == 0)):
            commas += low[end - 1] == ","
            end -= 1
        for size in (3, 2, 1):
            start = end - size
            if start < 0 or not all(word(x) for x in range(start, end)) or low[start] in words.openers or any(
                    low[x] in words.denials or low[x] in skip or low[x] in away for x in range(start, end)):
                continue  # ("truk pasir dari Pasuruan kab, bukan kota": a name after "dari" is read, and set aside)
            said = text[raw[start].start():raw[end - 1].end()]
            got = resolve_place(said)
            meant = [m for m in ([got.best] if got.best is not None else got.options) if len(m.code) >= _KABUPATEN]
            chosen = {r if r.startswith(m.code) else m.code for m in meant for r in read
                      if r.startswith(m.code) or (m.code.startswith(r) and len(r) >= _KABUPATEN)}
            if not chosen:
                continue
            if len({c[:_KABUPATEN] for c in chosen}) > 1:
                break  # the name's namesakes and the reading agree in two kabupaten: asked
            code = next(r if r.startswith(c) else c for r in read for c in chosen if r.startswith(c) or c.startswith(r))
            at = raw[start].start()
            if _said_after(lowered, at, ORIGIN_WORDS | GOING_TO | NEAR, 2) or _aside(lowered, at, said, words,
                                                                                   resolve_place):
                break
            place = resolve_place(code).best
            if place is None or place.code != code:
                break
            return {"text": said, "region": code, "label": place.label, "landmark": ""}
    return None


def _calls_another(text: str, code: str, resolve_place: Callable[[str], PlaceResult]) -> bool:
    """Round 80 (c80): whether the story calls on an office by the name of a kabupaten/kota other than the one of the
    place filled, and on none of that place's: "Pustu di Datah Naha tidak ada obat, mantri sudah 3 bulan di Melak
    Kutai Barat … Mohon Dinkes Mahulu". A citizen names whose office should act; where that office is of another
    kabupaten, the place words read name where someone else is, and the story does not agree with itself: asked, not
    filled and routed to the wrong kabupaten's office. Only a name right after the office's word or its field
    ("dinas perikanan kab malang"), in its clause, that names a kabupaten/kota and nothing finer; any name there that
    may be the place's own (one of its namesakes: "disdukcapil depok") keeps it filled."""
    raw = list(_WORD_OR_MARK.finditer(text))
    low = [m.group(0).lower() for m in raw]
    called = agrees = False
    for i, token in enumerate(low):
        if token not in OFFICES or token in HOSPITALS:  # (a hospital is named for its town, often a referral's)
            continue
        for start in range(i + 1, min(i + 4, len(low))):
            for size in (1, 2, 3):
                if start + size > len(low) or not all(re.match(r"[^\W_]", w) for w in low[start:start + size]):
                    break
                got = resolve_place(text[raw[start].start():raw[start + size - 1].end()])
                # a name with namesakes, one of them the place's ("disdukcapil depok"), agrees with it
                if any(_same_regency(o.code, code) for o in ([got.best] if got.best else got.options)):
                    agrees = True
                elif got.best is not None and len(got.best.code) == _KABUPATEN:
                    called = True
    return called and not agrees


def _across_route(text: str, said: str, code: str, words: StoryWords,
                  resolve_place: Callable[[str], PlaceResult]) -> bool:
    """Round 78 (c78): whether the place filled is one end of a boat's route whose other end, named in the same clause,
    lies in another kabupaten/kota: "speedboat dari Long Hubung ke Melak Kutai Barat sering batal", "perahu
    penyeberangan ke Gili Ketapang dari pelabuhan Tanjung Tembaga kota Probolinggo". A crossing between two kabupaten
    is the trouble of either end (the island's side, the harbour's): the story alone does not say which office it is,
    so where it happened is asked, not filled and routed to one of them. Only a boat or a crossing named right before
    the route: a journey someone makes ("kami dari Makassar berwisata ke Bantimurung", "dirujuk dr puskesmas ke RS di
    Balige") goes where the trouble is; a route within one kabupaten and an end that names no place stay filled."""
    toks = _tokens(text)
    for k, t in enumerate(toks):
        # "… mohon dishub Inhil awasi": the office the story calls on is of the filled place's kabupaten: that end
        if t in OFFICES and any((got := resolve_place(" ".join(toks[k + 1:k + 1 + n])).best) is not None
                                and _same_regency(got.code, code) for n in (2, 1) if k + n < len(toks)):
            return False
    shouting = _shouting(text)
    capitals = set() if shouting else {w.lower() for w in _WORD.findall(text) if w[:1].isupper()}
    parts = [p for p in said.lower().split(", ") if p]  # "dermaga di situ, kota Probolinggo": landmark, then place
    own = _region_name(resolve_place, code)  # or the place's own name, where the reading filled it ("… ke Melak")
    parts += [own.lower()] if own else []
    for clause in re.split(r"[.,;:!?\n()]", text.lower()):
        if not any(p in clause for p in parts):
            continue
        toks = _tokens(clause)
        marks = [k for k, t in enumerate(toks) if t in ORIGIN_WORDS or t in GOING_TO]
        if not (marks and any(toks[k] in GOING_TO for k in marks)
                and any(t in words.vessels for t in toks[max(marks[0] - 3, 0):marks[0]])):
            continue
        spans = [(k + 1, marks[n + 1] if n + 1 < len(marks) else len(toks)) for n, k in enumerate(marks)]
        bare = not any(toks[k] in ORIGIN_WORDS for k in marks)
        if bare:
            # round 78 (c78b): "perahu penyebrangan Majingklak ke Kampung Laut Cilacap" — a crossing said with no
            # "dari": the name between the boat and "ke" is the end it leaves from
            vessel = max(k for k in range(max(marks[0] - 3, 0), marks[0]) if toks[k] in words.vessels)
            if vessel + 1 == marks[0]:
                continue  # "kapal ke Pulau X": one end named, no route
            spans.insert(0, (vessel + 1, marks[0]))
        for start, end in spans:
            if any(p in " ".join(toks[start:end]) for p in parts):
                continue  # the filled place's own end
            after = toks[start:min(end, start + 3)]
            confirmed = doubted = False
            for size in range(len(after), 0, -1):
                got = resolve_place(" ".join(after[:size]))
                doubted = doubted or bool(got.options)
                # a name of two words or more whose namesakes all lie elsewhere ("Gili Ketapang") is elsewhere too
                # round 88 (c88): or one word written as a name ("speedboat dari Wailabu ke Kota Sorong") that the
                # region data holds once, as a desa it doubts, elsewhere
                meant = [got.best] if got.best is not None else list(got.options) if size > 1 or (
                    after[0] in capitals and len(got.options) == 1) else []
                if meant:
                    if not any(_same_regency(m.code, code) for m in meant):
                        return True
                    confirmed = True
                    break
            if bare and doubted and not confirmed:
                # the end said without "dari" is a name the region data only doubts (a lone namesake desa: the harbour
                # of Majingklak is in Pangandaran, a Desa Majingklak in Cilacap's hills): the story does not say which
                # side of the crossing is meant, so asked; a word that names no place ("perahu nelayan ke kota
                # Ende": a fisher's boat) is no end
                return True
    return False


def _classification(text: str, tokens: list[str], words: StoryWords) -> tuple[str, float]:
    _, _, aspiration, question = _patterns(words)
    problems = sum(1 for t in tokens if t in words.problems)
    if aspiration.search(text) and problems <= 1:
        return "aspirasi", 0.8
    if question.search(text) and ("?" in text or problems == 0) and problems <= 1:
        return "informasi", 0.75
    if problems:
        return "pengaduan", 0.9
    return "pengaduan", 0.5


_DATE_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]", re.UNICODE)


def _no_date_words(text: str, words: StoryWords, dates: DateWords) -> str:
    """The story with the words a date reader would misread as a day taken out (each a blank), for its date only:

    - whom the chat is written to: "tolong min" is the admin, not Babel's "Min" (Minggu, Sunday);
    - how often, not when: "balapan liar tiap malam minggu", "kecelakaan tiap minggu", "tiap pulang sabtu" — the
      days, weeks and parts of day within three words after "tiap"/"setiap" recur, so none is the day it happened;
    - how old: "anak umur 15 tahun kerja di tambang" began no trouble 15 years ago;
    - a count: "sdh 2 motor ketabrak", "udah 3 kali nabrak" — a number of the month's days followed by a word no
      date uses counts things; "tgl 3", "jam 4" (a day-of-month or hour word before it) and "3 hari" stay;
    - a place: "ojol ngetem di setu tangsel" — a weekday right after "di"/"ke" or a place word is a place's name
      (Kec. Setu), since a day is said "hari sabtu", "sabtu lalu", never "di sabtu".
    """
    found = list(_DATE_TOKEN.finditer(text))
    low = [m.group(0).lower() for m in found]
    units = {w for group in (dates.days_ago, dates.weeks_ago, dates.months_ago, dates.years_ago) for w in group}
    recurring = units | set(dates.weekdays) | {w for _, group in dates.parts for w in group}
    places = words.where_before | words.place_markers
    drop: set[int] = set()
    for i, token in enumerate(low):
        before = low[i - 1] if i else ""
        after = low[i + 1] if i + 1 < len(low) else ""
        if token in words.addressees:
            drop.add(i)
        elif token in words.habitual:
            for k in range(i + 1, min(i + 4, len(low))):
                if not re.match(r"\w", low[k]):
                    break
                if low[k] in recurring:
                    drop.add(k)
        elif token in words.ages and after.isdecimal():
            drop.update(k for k in (i + 1, i + 2) if k < len(low) and (k == i + 1 or low[k] in units))
        elif (token.isdecimal() and len(token) <= 2 and re.match(r"[^\W\d_]", after)
              and after not in dates.vocabulary and before not in dates.day_of_month and before not in dates.hour
              and not (i and text[found[i - 1].end():found[i].start()] == "" and re.match(r"\W", before))):
            drop.add(i)  # ("1,8 jt", "12/3" are written as one: left to the reader)
        elif token in dates.weekdays and before in places:
            drop.add(i)
    drop |= _misread_spans(low, words, dates)
    if not drop:
        return text
    out, at = [], 0
    for i in sorted(drop):
        out.append(text[at:found[i].start()])
        out.append(" ")
        at = found[i].end()
    out.append(text[at:])
    return "".join(out)


def _misread_spans(low: Sequence[str], words: StoryWords, dates: DateWords) -> set[int]:
    """More of the story's tokens a date reader would misread as when the trouble began (round 74):

    - how new or how young: "anak yg baru 17 thn", "jalan cor baru setahun sudah retak", "masih 2 tahun" — a span
      after "baru"/"masih" measures the person's or the thing's age, not the trouble's (unless "lalu" ends it);
    - how long a service takes: "calo nawarin kk jadi sehari" — a span right after "jadi"/"selesai", not denied
      ("blm jadi 3 bln" still began three months ago);
    - how often or how much per unit: "cuci darah 2x seminggu", "kapal seminggu sekali", "sehari bisa 3 kali",
      "upah 30rb sehari", "antri 8 jam sehari" — a se- span ("sehari", "seminggu") with a count of times or an amount
      beside it; "udah seminggu" (a since-word leads it) and "seminggu lalu" stay;
    - "minggu" said as a week, not the day: "minggu ini", "minggu depan", "rong minggu", "berminggu-minggu",
      "500rb/minggu" — Sunday only as "hari minggu", with a part of day ("minggu pagi", "malam minggu"), and a week
      after a count or before "lalu"/"kemarin" (read as such);
    - a market named by its market day: "pasar kemis", "pasar minggu", "pasar rebo" (Kec. Pasar Kemis);
    - a month's short name said with no number beside it: Manado's "mar" is "but" ("so lapor mar nyanda datang"),
      never March said alone; "12 mar", "mar 2025" stay;
    - round 78 (c78), how long each time, in a trouble that comes and goes: "kapal sering batal, kadang dua hari tak
      ada", "listrik sering padam, kadang sehari semalam", "kadang sebulan cuma seminggu" — every span after
      "kadang"/"terkadang" in its clause tells how long one gap lasts, not since when the trouble has been;
    - round 78 (c78), every so many days: "cuma mengalir 2 hari seminggu", "singgah 2 minggu sekali", "dibayar tiga
      bulan sekali" — a counted span right before a "se-" span or a word of times is a rate, how often, as
      "seminggu sekali" is (not after a since-word: "sudah 2 minggu" stays).
    """
    units = {w for group in (dates.days_ago, dates.weeks_ago, dates.months_ago, dates.years_ago) for w in group}
    weeks = set(dates.weeks_ago)
    days = {w for w in dates.days_ago if " " not in w}
    parts = {w for _, group in dates.parts for w in group if " " not in w}
    since = {w for w in dates.noise if " " not in w}
    ago = [tuple(p.split()) for p in (*dates.ago, *dates.yesterday)]
    longest: dict[int, int] = {}
    for name, number in dates.months.items():
        longest[number] = max(longest.get(number, 0), len(name))

    def at(k: int) -> str:
        return low[k] if 0 <= k < len(low) else ""

    def count(token: str) -> bool:
        return token.isdecimal() or any(token in names for names in dates.number_words)

    def se_unit(token: str) -> bool:
        return token.startswith("se") and token[2:] in units

    def span(k: int) -> int | None:  # the end of "sehari" or "3 bulan" beginning at k
        if se_unit(at(k)):
            return k + 1
        return k + 2 if count(at(k)) and at(k + 1) in units else None

    def ago_at(k: int) -> bool:
        return any(tuple(low[k:k + len(p)]) == p for p in ago if p)

    drop: set[int] = set()
    for i, token in enumerate(low):
        before, after = at(i - 1), at(i + 1)
        end = span(i + 1)
        if token in words.how_new and end is not None and not ago_at(end):
            drop.update(range(i + 1, end))
        elif (token in words.takes and end is not None and not ago_at(end)
              and not ({at(i - 1), at(i - 2)} & _NOT)):
            drop.update(range(i + 1, end))
        elif se_unit(token) and before not in since and not ago_at(i + 1):
            nearby = []
            for k in range(i + 1, min(i + 4, len(low))):
                if not re.match(r"\w", low[k]):
                    break
                nearby.append(low[k])
            if before in words.times or before in words.per_unit or any(w in words.times for w in nearby):
                drop.add(i)
        elif token in dates.weekdays and before in words.markets:
            drop.add(i)
        elif token in dates.weekdays and token in weeks and not (
                before in days or count(before) or before in parts or after in parts or ago_at(i + 1)):
            drop.add(i)
        elif (token in dates.months and len(token) < longest[dates.months[token]]
              and not before.isdecimal() and not after.isdecimal()):
            drop.add(i)
        elif token in words.sometimes:
            k = i + 1
            while k < min(i + 8, len(low)) and re.match(r"\w", low[k]):
                end = span(k)
                if end is not None and not ago_at(end):
                    drop.update(range(k, end))
                    k = end
                    continue
                if low[k].startswith("se") and low[k][2:] in parts:  # "sehari semalam": a whole day and night
                    drop.add(k)
                k += 1
        elif (count(token) and at(i + 1) in units and before not in since
              and (at(i + 2) in words.times or se_unit(at(i + 2)))):
            drop.update((i, i + 1, i + 2) if se_unit(at(i + 2)) else (i, i + 1))
    return drop


def _incident(text: str, today: date, words: StoryWords) -> tuple[dict[str, Any], float]:
    """The incident date a story names, read by the date step's reader (flows.dates.find_incident_date) and
    stored as the date step stores it (IncidentDate.answers(): the day, its precision, the hour or part of day).

    "… rusak pasca gempa dan sampai sekarang belum dapat bantuan": "sekarang" there tells how things are,
    not that it happened today, so the present-state words are no date here. "rusak sudah 2 tahun": the
    trouble began about two years ago, an approximate date.
    """
    if words.dates is None:
        return {}, 0.0
    if words.present:
        text = _phrase_re(words.present).sub(" ", text)
    found = find_incident_date(_no_date_words(text, words, words.dates), today, words.dates)
    if found is None:
        return {}, 0.0
    return found.answers(), 0.75 if found.approximate or found.grain else 0.9


_OFFERED = 3  # places offered to tap at most: WhatsApp shows three reply buttons

# round 89 (c89): a referral's destination, said right after the referral word and the word for "to", with or
# without the level word ("dirujuk ke Wamena", "dirujuk ka Padang", "dirujuk nang Solo", "rujukan ke Pontianak",
# "dirujuk ke kota bengkulu"): where a patient is sent on to, mostly in another kabupaten/kota (the district's own
# hospital lacks the doctor), not where the trouble is. A hospital named after the word ("dirujuk ke RSUD
# Bulukumba", "ke rumah sakit di Sinabang") is often the trouble itself, so only a bare name is set aside
_REFERRED_TO = re.compile(r"(?<!\w)(?:di)?rujuk(?:an|kan|ke|ne|nya)?\s+"
                          r"(?:ke|ka|kek|nang|neng|ning|menyang|maring|pi|ko)\s+(?:(?:kota|kab|kabupaten)\.?\s+)?")
# round 89 (c89): a landfill ("TPA Piyungan", "TPA Galuga") named as the reason heard for rubbish not collected
# where the teller is ("katanya TPA Piyungan penuh", "sejak TPA Galuga ditutup", "TPA Ciniru katanya penuh"): a
# city's landfill often lies in the kabupaten next to it, and the rubbish is in the teller's street, not at the
# landfill. Only with a word of hearsay or cause and one of full, shut or queueing in the landfill's clause: "bau
# dari TPA Tlekung", "bau sampah dr tpst bantargebang makin parah sejak ada tumpukan baru" are its own trouble
_LANDFILL = re.compile(r"(?<!\w)(?:tpa|tpst)\s+")
_FULL_OR_SHUT = frozenset({"penuh", "kepenuhan", "tutup", "ditutup", "overload", "kebak", "antri", "antre", "ngantri",
                           "ngantre"})
_HEARSAY = frozenset({"katanya", "katane", "kata", "jarene", "jare", "cenah", "ceunah", "ceuk", "karena", "krn",
                      "karna", "sejak", "semenjak", "mergo", "merga", "gara", "gara2", "soale", "sebab", "akibat"})


# kin words of the east and north as the teller writes them before "sa", "beta" ("ade sa", "kaka beta", "opung
# kami"), beside place_words.KIN and story.words.kin
_KIN_SAID = frozenset({"ade", "kaka", "tanta", "om", "opung", "oma", "opa", "ipar", "mertua", "bini", "laki"})


def _teller_stays(low: str, words: StoryWords) -> list[int]:
    """Round 89 (c89): where a kabupaten/kota's name begins that the teller says they stay, work or are at, apart
    ("Sa tinggal di Sorong, sa pu keluarga di kampung bilang …", "beta kerja di Atambua, anak tinggal sama oma",
    "Kulo lagi neng Banyumas ora iso mulih"): the teller's word, at most two words (whose: "sa sendiri", "saya
    keponakannya"), a word of staying, the word for "at" and, if said, the level word."""
    toks = list(_WORD_OR_MARK.finditer(low))
    out = []
    kin = KIN | words.kin | _KIN_SAID
    for i, t in enumerate(toks):
        if t.group(0) not in words.teller or (i and toks[i - 1].group(0) in kin):
            continue  # ("ade sa tinggal di Boven Digoel": the teller's kin, whose home is often where it is)
        for k in range(i + 1, min(i + 4, len(toks) - 2)):
            w = toks[k].group(0)
            if not re.match(r"[^\W_]", w) or w in kin or w in ("pu", "punya", "pe", "pung"):
                break
            if w in words.staying and toks[k + 1].group(0) in words.at_words:
                j = k + 2
                if toks[j].group(0) in ("kota", "kab", "kabupaten") and j + 1 < len(toks):
                    j += 1
                out.append(toks[j].start())
                break
    return out


def _teller_home(text: str, read: Sequence[str], words: StoryWords,
                 resolve_place: Callable[[str], PlaceResult]) -> tuple[str, ...]:
    """Round 89 (c89): the places read that are named only as the kabupaten/kota the teller stays, works or is at
    (_teller_stays), with the namesakes its name reads elsewhere ("saya keponakannya tinggal di Ende": Kab. Ende and
    Kel. Ende of Makassar): none where that name reads no kabupaten/kota (a desa or kecamatan the teller stays in is
    most often where it happened: "sy tinggal di masbagik, lampu jalan mati")."""
    stays = [(a, a + 1) for a in _teller_stays(text.lower(), words)]
    if not stays:
        return ()
    home = tuple(code for code in read if _only_sent_on(text, code, stays, set(), resolve_place))
    return home if any(len(code) == _KABUPATEN for code in home) else ()


def _sent_on(text: str, resolve_place: Callable[[str], PlaceResult]) -> tuple[list[tuple[int, int]], set[str]]:
    """Round 89 (c89): the names the story says as where someone is referred on to (_REFERRED_TO) or as a landfill
    heard to be full or closed (_LANDFILL): where each begins in the text, and the places its words (up to three,
    within the clause) may name ("Solo" is Kota Surakarta)."""
    low = text.lower()
    starts = [m.end() for m in _REFERRED_TO.finditer(low)]
    for m in _LANDFILL.finditer(low):
        clause = _tokens(re.split(r"[.,;:!?\n()]", low[:m.start()])[-1] + " "
                         + re.split(r"[.,;:!?\n()]", low[m.end():])[0])
        if any(w in _HEARSAY for w in clause) and any(w in _FULL_OR_SHUT for w in clause):
            starts.append(m.end())
    spans: list[tuple[int, int]] = []
    codes: set[str] = set()
    for start in starts:
        said = []
        for w in _WORD_OR_MARK.finditer(low, start):
            if len(said) == 3 or not re.match(r"[^\W_]", w.group(0)):
                break
            said.append(w)
        if not said or said[0].group(0) in FACILITY_MARKERS or said[0].group(0) in {"rumah", "ruang"}:
            continue  # "dirujuk ke RSUD Wamena", "ke rumah sakit di Sinabang": the hospital may be the trouble
        spans.append((start, said[-1].end()))
        for size in range(1, len(said) + 1):
            got = resolve_place(text[start:said[size - 1].end()])
            codes.update(o.code for o in ([got.best] if got.best is not None else got.options))
    return spans, codes


# round 93 (c93): words of working or studying somewhere ("anak saya kerja di Kendari", "adik sy kuliah di kab
# banggai laut", "ambo marantau di Pekanbaru", "saye kerje kat Batam", "kaula alako e Surabaya"): where someone
# earns or studies away from home, said of the teller's kin or of the teller (see _workplaces_away)
_WORKING = frozenset({"kerja", "kerjo", "karajo", "kerje", "bekerja", "gawe", "damel", "alako", "kuliah", "merantau",
                      "marantau", "rantau", "ngantor"})
_AT_AWAY = frozenset({"di", "neng", "ning", "nang", "kat", "ke", "ka", "e", "ing", "teng"})
# the workplace itself said before ("pabrik tempat saya kerja di Klari", "kantor tempat sy kerja di Kebon Sirih"): the
# trouble is there
_WORKPLACE = frozenset({"tempat", "tmpt", "pabrik", "kantor", "perusahaan", "pt", "toko"})
# words of the teller's home said beside their work away ("kampuang di Sungai Limau", "pulang sabulan sakali", "asline
# wong kroya … kudu mulih", "jorong kami")
_HOME_SAID = frozenset({"kampung", "kampuang", "kampong", "gampong", "pulang", "plg", "pulkam", "mulih", "balik",
                        "uih", "mole", "kami", "kmi", "awak", "torang", "katong"})


# round 93 (c93): the teller's origin said before they say they come here, pass by or work here ("sa dari sentani tiap
# hari lewat", "kami pedagang dari Kerinci tiap hari turun kesiko", "sy org brebes lg main ke rumah sodara", "Aku soko
# Kudus kerja di Demak", "kami dari Makassar mau liburan"): where they come from, not where the trouble is
_FROM_SAID = ORIGIN_WORDS | {"asal", "asale", "asline", "org", "orang", "wong", "urang", "oreng"}
_COMING = frozenset({"tiap", "tiok", "saben", "saban", "lewat", "liwat", "kerja", "kerjo", "karajo", "bekerja",
                     "main", "dolan", "liburan", "berlibur", "wisata", "jualan", "dagang", "turun", "pindah", "kesini",
                     "kemari", "siko", "kene", "mampir", "sini"})
_LEVEL_OF_TOWN = frozenset({"kota", "kab", "kabupaten"})
_GONE_HOME = frozenset({"kampung", "kampuang", "kampong", "gampong", "pulkam", "mudik", "mulih"})


def _comes_here(toks: Sequence[re.Match[str]], i: int, words: StoryWords) -> bool:
    """Round 93 (c93): whether the origin word at `i` is the teller's ("sa dari", "kami pedagang dari", "sy org") and a
    word of coming here, passing by or working here follows the name within six words ("… tiap hari lewat"); the name
    no desa, kampung or kecamatan said by its level word ("kami dari desa X" is the teller's home)."""
    back = []
    for x in reversed(toks[max(i - 3, 0):i]):
        if not re.match(r"[^\W_]", x.group(0)):
            break
        back.append(x.group(0))
    tellers = words.teller | words.place_owners
    kin = KIN | words.kin | _KIN_SAID
    if not any(x in tellers for x in back) or any(x in kin or _OWNED.sub("", x) in kin for x in back):
        return False  # ("adik sy TKW dr Juntinyuat berangkat lewat sponsor": the kin's home, where it is)
    name = toks[i + 1].group(0)
    if name in words.place_markers and name not in _LEVEL_OF_TOWN:
        return False
    after = [x.group(0) for x in toks[i + 2:i + 8]]
    end = next((k for k, x in enumerate(after) if x in ".!?\n"), len(after))
    return any(x in _COMING for x in after[:end])


def _workplaces_away(toks: Sequence[re.Match[str]], words: StoryWords) -> list[tuple[int, bool]]:
    """Round 93 (c93): where each name said as where the teller's kin work or study away begins ("anak saya kerja di
    Kendari tapi gaji kecil", "suami ambo marantau ka Pekanbaru"), or the teller's own work (True): a workplace said
    as such first ("pabrik tempat saya kerja di Klari") is not one, the trouble is there."""
    kin = KIN | words.kin | _KIN_SAID
    found: list[tuple[int, bool]] = []
    for i, t in enumerate(toks[1:-1], start=1):
        if t.group(0) not in _AT_AWAY or toks[i - 1].group(0) not in _WORKING:
            continue
        who = [x.group(0) for x in toks[max(i - 4, 0):i - 1]]
        if any(x in _WORKPLACE for x in who):
            continue
        if any(x in kin or _OWNED.sub("", x) in kin for x in who):
            found.append((toks[i + 1].start(), False))
        elif any(x in words.teller for x in who):
            found.append((toks[i + 1].start(), True))
    return found


def _origins_said(toks: Sequence[re.Match[str]], words: StoryWords, gone_home: bool) -> list[tuple[int, bool]]:
    """Round 93 (c93): where each name of the town the teller comes from begins ("sa dari sentani tiap hari lewat"),
    unless they say they go home there ("sy orang kajang tapi kerja di makassar. tiap pulang kampung …")."""
    if gone_home:
        return []
    return [(toks[i + 1].start(), False) for i, t in enumerate(toks[1:-1], start=1)
            if t.group(0) in _FROM_SAID and _comes_here(toks, i, words)]


# round 94 (c94): the words that mark the end a boat goes to ("Speedboat reguler dari Wailabu ke Kota Sorong",
# "speedboat dari Tahuna ka Siau", "speedboat tujuan Batam")
_BOAT_TO = GOING_TO | {"ka", "menuju", "tujuan"}
_BOAT_FROM = ORIGIN_WORDS | {"dri"}
# words that say what boat it is, not where it leaves from ("kapal cepat ke Ambon", "perahu ojek ke Tidung")
_BOAT_KINDS = frozenset({"cepat", "motor", "kayu", "penumpang", "barang", "perintis", "besar", "kecil", "wisata",
                         "ikan", "nelayan", "tradisional", "reguler", "ojek", "yang", "yg", "ambulans", "sewa",
                         "carteran"})
_CLAUSE_END = frozenset(".,;:!?\n()")
# an end said as the harbour itself ("dari Pelabuhan Dumai ke Rupat", "kapal ke nias dari pelabuhan sibolga"): the
# trouble is often at that harbour, so it is not set aside
_HARBOUR = frozenset({"pelabuhan", "pelabuhannya", "dermaga", "pel", "pelb", "bandar", "terminal"})


def _boat_ends(text: str, toks: Sequence[re.Match[str]], words: StoryWords) -> list[tuple[int, bool]]:
    """Round 94 (c94): where each name said as the end a boat goes to begins, in a clause that names its route by two
    ends: after a word of "to" that follows a boat in a clause that also says where it leaves from ("perahu ke
    Manado dari pulau Nain"), or either side of a dash right after the boat ("Kapal Tahuna-Manado", "speedboat
    ternate - jailolo"); not a harbour said as such. The end it leaves from ("dr Bitung", "dr Tanjungbalai") is as
    often the kota's own harbour, where the trouble is; a boat's one end ("kapal ke Kota Pontianak sering telat")
    is no route (round 88)."""
    boats = BOATS | words.vessels
    found: list[tuple[int, bool]] = []
    ends: list[tuple[int, bool]] = []  # (the clause's, kept once its route has two ends)
    boat: int | None = None
    route = False
    for i, t in enumerate(toks):
        word = t.group(0)
        if word in _CLAUSE_END:
            found += ends if route else []
            ends, boat, route = [], None, False
            continue
        if word in boats or boat is None:  # (the last of "kapal ferry kupang - rote": the name follows it)
            boat = i if word in boats else None
            continue
        route = route or word in _BOAT_FROM  # ("kapal ke Kota Pontianak sering telat": one end, no route)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or nxt.group(0) in _CLAUSE_END or nxt.group(0) in _HARBOUR:
            continue
        dashed = text[t.end():nxt.start()].strip() in {"-", "–"}
        # ("Perahu penyeberangan Kadatua ke Baubau": the end it leaves from said bare, between the boat and "ke")
        route = route or dashed or (word in _BOAT_TO and any(x.group(0) not in _BOAT_KINDS for x in toks[boat + 1:i]))
        if word in _BOAT_TO or dashed:
            ends.append((nxt.start(), False))
        if dashed and i == boat + 1:
            ends.append((t.start(), False))  # ("kapal manado - siau": the first end right after the boat)
    return found + (ends if route else [])


def _boat_towns(text: str, toks: Sequence[re.Match[str]], words: StoryWords, read: Sequence[str],
                apart: Sequence[str], resolve_place: Callable[[str], PlaceResult]) -> tuple[str, ...]:
    """Round 94 (c94): the kota, or a kecamatan of one, read (`read`, less those already `apart`) whose name is said
    only as the end a boat goes to ("Speedboat reguler dari Wailabu ke Kota Sorong", "Perahu penumpang dari pulau Nain
    ke Manado", "Kapal Tahuna-Manado", "kapal ke Muara Angke dari pulau harapan"): the town the boat links the
    teller's island or village with, to sell, to see a doctor, to school, not where the trouble is. Not a kota read
    with a place inside it ("speedboat dari Moti ke Ternate": the island is the kota's own) or beside another kota's
    place ("Speedboat Ternate–Sofifi": two towns, either may be it), nor one said anywhere else ("mohon dishub kota
    Sorong")."""
    far, far_codes = _spans_named(text, _boat_ends(text.lower(), toks, words), False, read, resolve_place)
    return tuple(code for code in read if len(code) in (_KABUPATEN, _KECAMATAN) and code[3:4] == "7"
                 and code not in apart
                 and not any(other != code and (other.startswith(code) or other[3:4] == "7") for other in read)
                 and _only_within(text, code, far, far_codes, resolve_place))


def _spans_named(text: str, found: Sequence[tuple[int, bool]], homed: bool, read: Sequence[str],
                 resolve_place: Callable[[str], PlaceResult]) -> tuple[list[tuple[int, int]], set[str]]:
    """Round 93 (c93): the span of each name begun at `found` (the longest of up to three words that names any
    place) and the places the names say, as _sent_on gives them. The teller's own work away is kept only in a story
    that also speaks of their home ("ambo karajo di Pekanbaru, kampuang di Sungai Limau kanai galodo") or reads
    another place."""
    low = text.lower()
    spans: list[tuple[int, int]] = []
    codes: set[str] = set()
    for start, own in found:
        said = []
        for w in _WORD_OR_MARK.finditer(low, start):
            if len(said) == 3 or not re.match(r"[^\W_]", w.group(0)) or (said and w.group(0) in _COMING):
                break  # ("sy dari Meulaboh lewat Babah Rot": the name ends before the word of passing)
            said.append(w)
        if not said or said[0].group(0) in FACILITY_MARKERS:
            continue
        named: set[str] = set()
        for size in range(len(said), 0, -1):  # ("karajo di Padang Pariaman tiap hari": not Kota Padang too)
            got = resolve_place(text[start:said[size - 1].end()])
            named = {o.code for o in ([got.best] if got.best is not None else got.options)}
            if named:
                break
        span = (start, said[-1].end())
        if own and not homed and all(_only_within(text, c, [span], named, resolve_place) for c in read):
            continue  # the teller's work, and no home said nor other place read: maybe where the trouble is
        spans.append(span)
        codes |= named
    return spans, codes


def _said_only_where(text: str, code: str, codes: set[str], resolve_place: Callable[[str], PlaceResult],
                     where: Callable[[int], bool]) -> bool:
    """Whether the place read (`code`) is named in the story only at places `where` accepts, or, its own name not
    said, is one of `codes` (what the words there name)."""
    own = _region_name(resolve_place, code)
    said = list(re.finditer(rf"(?<!\w){_name_re(own)}(?!\w)", text.lower())) if own else []
    if not said:
        return code in codes
    return all(where(m.start()) for m in said)


def _only_within(text: str, code: str, spans: Sequence[tuple[int, int]], codes: set[str],
                 resolve_place: Callable[[str], PlaceResult]) -> bool:
    """Round 93 (c93): whether the place read (`code`) is named only within the spans given (anywhere inside one:
    "karajo di Padang Pariaman" holds Kota Pariaman's name too), or, its own name not said, is one the words there
    name."""
    return _said_only_where(text, code, codes, resolve_place, lambda at: any(a <= at < b for a, b in spans))


def _only_sent_on(text: str, code: str, spans: Sequence[tuple[int, int]], codes: set[str],
                  resolve_place: Callable[[str], PlaceResult]) -> bool:
    """Round 89 (c89): whether the place read (`code`) is named in the story only where _sent_on found a referral's
    destination or a landfill heard of: it is not offered as where it happened (it was offered alone for "Sa pu
    bapa sakit paru2 dirujuk ke Wamena … kampung kami jauh", and for "Depo sampah … ditutup katanya TPA Piyungan
    penuh … DLH kota": Kec. Piyungan of Bantul, for Kota Yogyakarta). A place whose own name is also said anywhere
    else stays; one whose name is not said is set aside when the words there name it ("dirujuk nang Solo")."""
    return _said_only_where(text, code, codes, resolve_place, lambda at: any(at == a for a, _ in spans))


# round 91 (c91): the words that hold a place up against the teller's, as better off ("Kakak sy di Bangkalan aja gak
# separah ini", "pdhl di Buton Utara katanya lancar2 aja", "waktu dirawat di RS di bandung kota gak gini", "ade di soe
# bilang di sana lebe bae"; see _compared)
_SO_BAD = frozenset({"separah", "segini", "sebegini", "sebegitu", "seburuk", "sejelek", "serumit"})
_EVEN = frozenset({"aja", "aj", "saja", "pun", "juga", "jg", "bahkan"})
_LIKE_THIS = frozenset({"gini", "begini", "bgini"})
_BACK_THEN = frozenset({"dulu", "dlu", "waktu", "wktu", "wkt", "dulunya"})
_WHEREAS = frozenset({"padahal", "pdhl", "pdhal", "sedangkan", "sdgkn", "sementara", "smntara"})
# (not "gratis": "padahal katanya gratis" is how it should be at the place itself)
_FINE = frozenset({"lancar", "lancar2", "bagus", "baik", "bae", "aman", "normal", "beres", "cepat", "cepet", "murah"})
_BETTER = frozenset({"lebih", "lbh", "lebe", "labiah", "luwih"})
_COMPARED_SPAN = 6  # words on either side of a place's name, within its clause, that may compare it


def _compared(before: Sequence[str], after: Sequence[str]) -> bool:
    """Round 91 (c91): whether the words around a place's name (`before` and `after` it, in its clause) hold it up
    against the teller's, as better off: "X aja gak separah ini" (a denial, an "even" and "this bad"), "dulu … di X
    gak begini" (back then, not like this), "padahal di X lancar2 aja" (whereas, fine), "di sana lebe bae" (better)."""
    near = set(before) | set(after)
    denied = bool(near & _NOT)
    if denied and near & _SO_BAD and near & _EVEN:
        return True
    if denied and set(after) & _LIKE_THIS and set(before) & _BACK_THEN:
        return True
    if set(before) & _WHEREAS and set(after) & _FINE:
        return True
    return any(w in _BETTER and nxt in _FINE for w, nxt in pairwise(after))


def _said_only_so(text: str, code: str, resolve_place: Callable[[str], PlaceResult],
                  test: Callable[[list[str], list[str]], bool]) -> bool:
    """Whether the place read (`code`) is named, by its own name, and everywhere so that `test` holds of the words
    before and after its name (`_COMPARED_SPAN` of them each side, within its clause)."""
    own = _region_name(resolve_place, code)
    if not own:
        return False
    low = text.lower()
    said = list(re.finditer(rf"(?<!\w){_name_re(own)}(?!\w)", low))

    def holds(m: re.Match[str]) -> bool:
        before = _clause_before(low, m.start(), _COMPARED_SPAN)
        # (from the name on: a name that is a word of the comparison itself, "separah", is read with it)
        after = _tokens(re.split(r"[.,;:!?\n()]", low[m.start():])[0])[:_COMPARED_SPAN + len(own.split())]
        return test(before, after)

    return bool(said) and all(holds(m) for m in said)


def _only_compared(text: str, code: str, resolve_place: Callable[[str], PlaceResult]) -> bool:
    """Round 91 (c91): whether the place read (`code`) is named, by its own name, only where the words around it hold
    it up against the teller's place (_compared): the place the teller's trouble is measured by, not where it is; it
    is neither filled nor offered ("Kakak sy di Bangkalan aja gak separah ini, KTP sy …": no Desa Separah)."""
    return _said_only_so(text, code, resolve_place, _compared)


# round 92 (c92): the teller's former place, said with "back then" before it ("Aku mbiyen buruh pabrik ning Surabaya
# … saiki manggon ning Ngreco", "kami dulu tinggal di sigi, pindah ke sini sesudah gempa", "dulu waktu masih di
# Sungai Penuh lebih dekat"), where the story also says how things are now or that the teller moved (see _only_former)
_FORMERLY = frozenset({"dulu", "dlu", "dulunya", "dahulu", "mbiyen", "biyen", "mbien", "baheula", "bareto", "mantan"})
_NOW_OR_MOVED = frozenset({"sekarang", "skrg", "skrng", "skg", "sekarng", "saiki", "siki", "ayeuna", "kiwari",
                           "kini", "pindah", "pindahan", "balik", "pulang", "mulih", "wangsul"})
_EVER = frozenset({"dari", "dr", "sejak", "sedari", "teko", "ti", "kawit"})  # "dari dulu": all along, not back then


def _formerly(before: Sequence[str], after: Sequence[str]) -> bool:
    """Round 92 (c92): whether the words before a place's name, in its clause, say the teller was there back then
    ("dulu tinggal di", "mbiyen buruh pabrik ning", "mantan karyawan di"), not "dari dulu" (all along)."""
    return any(w in _FORMERLY and not (k and before[k - 1] in _EVER) for k, w in enumerate(before))


def _only_former(text: str, code: str, resolve_place: Callable[[str], PlaceResult]) -> bool:
    """Round 92 (c92): whether the place read (`code`) is named only as where the teller was back then (_formerly),
    in a story that says how things are now or that the teller moved: the teller's former home or workplace, not
    where the trouble is ("kami dulu tinggal di sigi, pindah ke sini": the huntap is in Palu). Neither filled nor
    offered, nor the kabupaten a typed place is looked for in first."""
    return bool(set(_tokens(text)) & _NOW_OR_MOVED) and _said_only_so(text, code, resolve_place, _formerly)


# round 92 (c92): the level words of a kabupaten/kota, and the words an office is called by before them ("DLH kota",
# "dishub kabupaten"), beside place_words.OFFICES and story.words.agency_name (see _level_likeness)
_REGENCY_LEVELS = frozenset({"kota", "kab", "kabupaten", "kotamadya", "kodya"})
_OFFICE_CALLED = OFFICES | COUNCILS | frozenset({"pp", "pol"})


def _level_likeness(text: str, words: StoryWords, resolve_place: Callable[[str], PlaceResult]) -> set[str]:
    """Round 92 (c92): the places read from an office's level word and the words after it, only by likeness:
    "mohon DLH kota angkat" (the city's environment office, asked to collect) reads Kab. Langkat, "dishub kabupaten
    datang" Kab. Batang, "dinas kota segera angkut" Kec. Segeri — the level word names whose office, and what follows
    is what it is asked to do. The words after the level word (one to three, within the clause) read no place at all
    alone (no region, no namesakes: "angkat", "datang"), and the place's own name is not said in the story; a name
    the region data reads alone ("kota jogja", "kab lombok tmur") stays."""
    raw = [m.group(0).lower() for m in _WORD_OR_MARK.finditer(text)]
    low = text.lower()
    out: set[str] = set()
    for i in range(1, len(raw) - 1):
        if raw[i] not in _REGENCY_LEVELS or (raw[i - 1] not in _OFFICE_CALLED and raw[i - 1] not in words.agency_names):
            continue
        after: list[str] = []
        for w in raw[i + 1:i + 4]:
            if not re.match(r"[^\W_]", w):
                break
            after.append(w)
            got = resolve_place(f"{raw[i]} {' '.join(after)}").best
            alone = resolve_place(" ".join(after))
            if got is None or alone.best is not None or alone.options:
                continue
            own = _region_name(resolve_place, got.code)
            if own and not re.search(rf"(?<!\w){_name_re(own)}(?!\w)", low):
                out.add(got.code)
    return out


def _offered_places(read: Sequence[str], resolve_place: Callable[[str], PlaceResult]) -> list[dict[str, str]]:
    """The places a story read, one per kabupaten/kota and best first, as buttons to tap."""
    out: list[dict[str, str]] = []
    for code in read:
        found = resolve_place(code).best
        if found is not None and all(o["code"][:_KABUPATEN] != found.code[:_KABUPATEN] for o in out):
            out.append({"code": found.code, "label": found.label})
    return out[:_OFFERED]


def read_story(text: str, today: date, words: StoryWords, *,
               resolve_place: Callable[[str], PlaceResult],
               suggest_agency: Callable[[str, str | None], list[AgencyChoice]],
               suggest_category: Callable[[str], str | None],
               home: str | None = None,
               agency_category: Callable[[str], str | None] | None = None,
               story_places: Callable[[str], Sequence[str]] | None = None) -> StoryReading:
    """Read one message: a story (slots filled, each with a confidence), an intent to complain, or neither."""
    text = " ".join((text or "").split(" ")).strip()
    if not text or not _LETTERS.search(text):
        return StoryReading("none")
    when, when_conf = _incident(text, today, words)  # read even from a short answer ("sudah 2 tahun")
    dated: dict[str, Any] = {"answers": when, "confidence": {"incident_date": when_conf} if when else {}}
    greeting, intent, _, _ = _patterns(words)
    content = strip_opening(text, words)
    leftover = intent.sub(" ", greeting.sub(" ", content))
    content_words = [t for t in _tokens(leftover) if _LETTERS.search(t)]
    tokens = _tokens(text)
    wants = bool(intent.search(text))
    has_problem = any(t in words.problems for t in tokens)
    admin, street, _ = _place_segments(text, words)
    if len(content_words) < MIN_STORY_WORDS or not (has_problem or admin or street or len(content_words) >= 10):
        if wants and len(content_words) < MIN_STORY_WORDS:
            kind, conf = _classification(text, tokens, words)
            return StoryReading("intent", {"classification": kind}, {"classification": max(conf, 0.8)})
        # too short to read as a story at the menu, but at the story question it is the story: its title
        title = clean_title(text, words)
        extra: dict[str, Any] = {"suggested_title": title} if title else {}
        sure = dict(dated["confidence"])
        if has_problem and not wants:  # "lampu mati pak": a problem told, so a pengaduan
            extra["classification"], sure["classification"] = _classification(text, tokens, words)
        return StoryReading("none", {**dated["answers"], **extra}, sure)

    answers: dict[str, Any] = {"body": " ".join(text.split())}
    confidence: dict[str, float] = {"body": 1.0}
    kind, conf = _classification(text, tokens, words)
    answers["classification"], confidence["classification"] = kind, conf
    title = clean_title(text, words)
    if title:  # never asked on its own: shown in the read-back, where it can be changed
        answers["title"], confidence["title"] = title, 0.8 if len(_tokens(title)) >= 2 else 0.5
        answers["suggested_title"] = title
    if when:
        answers.update(when)
        confidence["incident_date"] = when_conf
    place, conf = _place(text, words, resolve_place, home)
    likeness = _level_likeness(text, words, resolve_place)
    if (place or {}).get("region") in likeness:  # round 92 (c92): "DLH kota angkat" names no Kab. Langkat
        place, conf = {"text": place["text"]}, 0.4
    read = tuple(story_places(text)) if story_places is not None else None
    if read:  # round 91 (c91): a place named only to compare the teller's with is not where it happened
        read = tuple(code for code in read if not _only_compared(text, code, resolve_place)
                     and not _only_former(text, code, resolve_place)  # round 92 (c92): nor the teller's former
                     and code not in likeness)
    if place is not None and place.get("region") and read is not None:
        # The place words read one by one ("tinggal di Kota Magelang, kebun di Mungkid": Kota Magelang) are checked
        # against the whole story's reading (where the teller lives or works, a relative's town, a denied place,
        # set aside): when that names another kabupaten, or no place at all ("desa kami atapnya bocor": no Desa
        # Atap), where it happened is asked, not filled and routed there
        # ("dirujuk teko Kota Malang ... RSUD Kanjuruhan Kepanjen": a reading that leads with a kabupaten/kota and
        # also reads a place of a neighbour in its province is a doubt, about as often wrong as right, so asked)
        if not read or not _same_regency(place["region"], read[0]) or _neighbour_read(read):
            place, conf = {"text": place["text"]}, 0.4
    if read and not (place or {}).get("region"):
        named = (_one_named(text, words, resolve_place, read)
                 or _named_with_its_holder(text, resolve_place, read, words)
                 or _called_on(text, words, resolve_place, read)
                 or _said_at(text, words, resolve_place, read)
                 or _headed(text, words, resolve_place, read)
                 or _at_alone(text, words, resolve_place, read)
                 or _home_holds(text, words, resolve_place, read)
                 or _declared(text, words, resolve_place, read))
        if named is not None:
            place, conf = {**named, "text": (place or {}).get("text") or named["text"]}, 0.9
    toks = list(_WORD_OR_MARK.finditer(text.lower()))  # (once: the boat's town, then the places set apart)
    if (place or {}).get("region") and (_across_route(text, place["text"], place["region"], words, resolve_place)
                                        or _calls_another(text, place["region"], resolve_place)
                                        # round 94 (c94): "Longboat dari kampung kami ke Kota Sorong": the boat's town
                                        or _boat_towns(text, toks, words, (place["region"],), (), resolve_place)):
        place, conf = {"text": place["text"]}, 0.4
    if place is not None:
        answers["location"], confidence["location"] = place, conf
    home: tuple[str, ...] = ()
    away: tuple[str, ...] = ()
    came: tuple[str, ...] = ()
    linked: tuple[str, ...] = ()
    if read and not (place or {}).get("region"):
        spans, codes = _sent_on(text, resolve_place)  # round 89 (c89): a referral's end, a landfill heard of
        read = tuple(code for code in read if not _only_sent_on(text, code, spans, codes, resolve_place))
        home = _teller_home(text, read, words, resolve_place)
        said = set(_tokens(text))
        # round 93 (c93): a workplace away, then the town one comes from
        far, far_codes = _spans_named(text, _workplaces_away(toks, words), bool(said & _HOME_SAID), read,
                                      resolve_place)
        away = tuple(code for code in read if code not in home and _only_within(text, code, far, far_codes,
                                                                                  resolve_place))
        far, far_codes = _spans_named(text, _origins_said(toks, words, bool(said & _GONE_HOME)), False, read,
                                      resolve_place)
        came = tuple(code for code in read if code not in home and code not in away
                     and _only_within(text, code, far, far_codes, resolve_place))
        linked = _boat_towns(text, toks, words, read, (*home, *away, *came), resolve_place)
        came = (*came, *linked)  # (kept as a button where no other would be left, like the town one comes from)
        home = (*home, *away, *came)
    kept = [code for code in read or () if code not in home]  # (not the teller's own town apart, round 89)
    # round 94 (c94): with a boat's town set aside, a lone desa left is a namesake of the island's as often as not
    # ("Perahu penyeberangan Kadatua ke Baubau": a Desa Kadatua of Sulawesi Selatan), so no kabupaten is kept
    if len(kept) == 1 and len(kept[0]) >= _KABUPATEN and not (linked and len(kept[0]) > _KECAMATAN):
        # one kabupaten read from the whole story: where a place typed at "Di mana kejadiannya?" is looked for first
        # ("Sy tinggal di Lubuk Linggau, ponakan sy sekolah SD di Belumai II": Rejang Lebong, the teller's town apart)
        answers["story_region"], confidence["story_region"] = kept[0][:_KABUPATEN], 0.5
    one_kecamatan = bool(read) and len(read) == 1 and len(read[0]) == _KECAMATAN and read[0] not in away
    if read and (one_kecamatan or 2 <= len(read) <= _OFFERED) and not (place or {}).get("region"):
        # Offered as buttons at "Di mana kejadiannya?" (one tap instead of typing), never filled unasked. "puskesmas
        # di Sape tutup": one kecamatan and no rival read from the whole story (1-2% of such readings lie in another
        # kabupaten, bench/story_place.py). "air pdam di Bima mati": Kota Bima and Kabupaten Bima both read, so which
        # one is asked, not chosen (the first also as `code` for one-place readers): choosing the best-scored one
        # sends about one in ten such complaints to another kabupaten (bench/routed.py). A name more places share
        # than there are buttons is typed: the one meant may be none of those shown
        places = _offered_places(read, resolve_place)
        trimmed = bool(home) and len(places) >= 2  # round 89 (c89): the teller's own town apart is no button
        if trimmed:
            # round 93 (c93): the town the teller comes from stays a button where no other would be left: passed over
            # ("Tidak ada"), it keeps that town's office from being suggested, which its name would rank first
            places = [p for p in places if p["code"] not in home] or [
                p for p in places if p["code"] not in home or p["code"] in came]
        if places and (one_kecamatan or len(places) >= 2 or (trimmed and len(places[0]["code"]) >= _KABUPATEN)):
            answers["suggested_place"] = {**places[0], **({"others": places[1:]} if len(places) > 1 else {})}
            confidence["suggested_place"] = 0.5  # a later story's reading replaces it
    region = (place or {}).get("region")
    # The agency is read only where the story names its place: a guess from the home region could name the
    # wrong kabupaten once the citizen says where it happened (the agency step then asks, with that place).
    agencies = suggest_agency(text, region) if region else []
    if agencies and agencies[0].score >= 60:
        top = agencies[0]
        clear = len(agencies) == 1 or top.score - agencies[1].score >= 5
        if top.score >= 75 and clear:  # a doubtful agency is asked, not stored
            answers["agency"], confidence["agency"] = top.code, 0.8
    category = suggest_category(text)
    if category:
        answers["category"], confidence["category"] = category, 0.8
    usual = agency_category(answers["agency"]) if agency_category and answers.get("agency") else None
    if usual:  # the agency read surely says more than the words: "SD" in a road story is no school complaint
        answers["category"], confidence["category"] = usual, 0.8
    return StoryReading("story", answers, confidence)
