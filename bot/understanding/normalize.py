"""Indonesian chat-text normalisation shared by every matcher.

Citizens type 'ktp blm jdi udh 3 bln', 'jalan rusakkk', 'e-KTP', 'anak2'. This module turns such text
into plain lower-case tokens: accents and punctuation dropped, letters repeated for emphasis
collapsed, slang and short forms expanded, and (optionally) number words turned into digits.
Every token keeps the character span it came from, so callers can cut pieces out of the original
text (e.g. to keep a landmark verbatim).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.understanding.spelled import spelled_runs

# Upper bound on characters looked at; a 5,000-character paste must not cost more than a sentence.
MAX_CHARS = 2000

_WORD_RE = re.compile(r"[^\W_]+(?:['’`\"][^\W_]+)*")
_PART_RE = re.compile(r"\d+|[^\d]+")
_REPEAT_RE = re.compile(r"(.)\1{2,}")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8",
          "ix": "9", "x": "10"}

# Short forms and slang seen in complaint chats -> standard word(s). Only unambiguous forms: 'dr'
# (dari / dokter) and 'smp' (sampai / the school) are left alone on purpose.
SLANG: dict[str, str] = {
    # negation
    "gk": "tidak", "ga": "tidak", "gak": "tidak", "nggak": "tidak", "ngga": "tidak", "nggk": "tidak",
    "enggak": "tidak", "engga": "tidak", "kagak": "tidak", "ndak": "tidak", "nda": "tidak",
    "tdk": "tidak", "tak": "tidak", "kaga": "tidak", "gaada": "tidak ada",
    "gada": "tidak ada", "blm": "belum", "blum": "belum", "belom": "belum", "lom": "belum",
    # aspect / time
    "sdh": "sudah", "udh": "sudah", "udah": "sudah", "dah": "sudah", "sudh": "sudah", "uda": "sudah",
    "sdg": "sedang", "lg": "lagi", "lgi": "lagi", "msh": "masih", "masi": "masih", "skrg": "sekarang",
    "skrng": "sekarang", "skg": "sekarang", "sekarng": "sekarang", "kmrn": "kemarin",
    "kemaren": "kemarin", "kmaren": "kemarin", "kmarin": "kemarin", "kmrin": "kemarin",
    "td": "tadi", "tdi": "tadi", "bsk": "besok", "besuk": "besok", "mlm": "malam", "sblm": "sebelum",
    "stlh": "setelah", "sblmnya": "sebelumnya", "trs": "terus", "trus": "terus", "hr": "hari",
    "bln": "bulan", "thn": "tahun", "th": "tahun", "mgg": "minggu", "mnggu": "minggu",
    "tgl": "tanggal", "jm": "jam",
    # function words
    "yg": "yang", "yng": "yang", "dgn": "dengan", "dg": "dengan", "dng": "dengan", "krn": "karena",
    "krna": "karena", "karna": "karena", "utk": "untuk", "untk": "untuk", "dri": "dari",
    "jg": "juga", "jga": "juga", "sm": "sama", "ama": "sama", "tp": "tapi", "tpi": "tapi",
    "dlm": "dalam", "pd": "pada", "tsb": "tersebut", "spt": "seperti", "kyk": "kayak",
    "klo": "kalau", "kl": "kalau", "kalo": "kalau", "klau": "kalau", "gmn": "bagaimana",
    "gimana": "bagaimana", "bgmn": "bagaimana", "knp": "kenapa", "knapa": "kenapa", "aja": "saja",
    "sj": "saja", "dpt": "dapat", "bs": "bisa", "bsa": "bisa", "byk": "banyak", "bnyk": "banyak",
    "lbh": "lebih", "sampe": "sampai", "smpe": "sampai", "pdhl": "padahal", "bener": "benar",
    "bgt": "banget", "tlg": "tolong", "tlong": "tolong", "mhn": "mohon", "mksh": "terima kasih",
    "makasih": "terima kasih", "trims": "terima kasih", "thx": "terima kasih", "org": "orang",
    # people
    "sy": "saya", "sya": "saya", "aku": "saya", "gw": "saya", "gue": "saya", "gua": "saya",
    "ane": "saya", "bpk": "bapak", "pak": "bapak", "bp": "bapak", "bu": "ibu", "ortu": "orang tua",
    "warga2": "warga",
    # places and addresses
    "jl": "jalan", "jln": "jalan", "jaln": "jalan", "jal": "jalan", "gg": "gang", "rmh": "rumah",
    "dkt": "dekat", "dket": "dekat", "dpn": "depan", "blkg": "belakang", "sblh": "sebelah",
    "kab": "kabupaten", "kabupatn": "kabupaten", "kec": "kecamatan", "kcm": "kecamatan",
    "kel": "kelurahan", "kelrhn": "kelurahan", "ds": "desa", "dsn": "dusun", "prov": "provinsi",
    "prop": "provinsi", "propinsi": "provinsi", "perum": "perumahan", "komp": "komplek",
    "kompleks": "komplek", "sklh": "sekolah", "sekolahan": "sekolah",
    # West Kalimantan's short 'Sui' for 'Sungai' ('Sui Raya', 'Sui Kakap'; no official name has it)
    "sui": "sungai",
    # documents
    "ektp": "ktp", "ktpel": "ktp",
    # money
    "rb": "ribu", "rbu": "ribu", "jt": "juta", "jta": "juta",
}

_UNITS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
          "delapan": 8, "sembilan": 9}
_SE = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000}
# 'sehari', 'seminggu'... -> '1 hari' so dates and durations see a number.
_SE_UNIT = {"sehari": "hari", "seminggu": "minggu", "sebulan": "bulan", "setahun": "tahun",
            "sejam": "jam"}
_SCALE = {"belas": None, "puluh": 10, "ratus": 100, "ribu": 1000, "juta": 1_000_000}
# every word that spells part of a number ('seratus lima puluh ribu')
NUMBER_WORDS: frozenset[str] = frozenset(_UNITS) | frozenset(_SE) | frozenset(_SCALE)


# Words that end in -nya without it being the clitic ('punya', 'hanya').
# ('ditanya', 'menanya': 'tanya' asked, no '-nya'; 'desa. ditanya ke kantor' is no desa Dita)
_NYA_WORDS = frozenset({"hanya", "punya", "tanya", "bertanya", "ditanya", "menanya", "tertanya", "bunya", "sanya",
                        "nyanya", "penyanya",
                        "bernyanyi", "karunia", "lainnya", "sebenarnya", "biasanya", "akhirnya", "rupanya",
                        "sepertinya", "tampaknya", "mestinya", "seharusnya", "setidaknya"})


def strip_clitic(word: str) -> str:
    """Drop the possessive/definite '-nya': 'jalannya' -> 'jalan', 'airnya' -> 'air'."""
    if len(word) >= 6 and word.endswith("nya") and word.isalpha() and word not in _NYA_WORDS:
        return word[:-3]
    return word


@dataclass(frozen=True, slots=True)
class Token:
    """A normalised word and the span of the original text it came from."""

    text: str
    start: int
    end: int
    sep: bool = False  # a comma, colon, bracket or line break comes between this and the previous word
    clitic: bool = False  # the word ended in '-nya', dropped ('airnya' -> 'air'): no name runs on past it
    dash: bool = False  # a dash comes between this and the previous word ('Medan–Banda Aceh', 'Barru-Soppeng')
    # a full stop and a space come between this and the previous word: a sentence may end there ('... ke parit. saya
    # di Singkawang'), or an abbreviation ('kab. Bogor'), so it is no separator; or the teller's 'Saya' is capitalised
    # after a word ending in a small letter, the stop left out ('... belajar sendiri Saya di Kota Bau-Bau')
    stop: bool = False


_SEPARATORS = frozenset(",;:()[]|!?\n")
_DASHES = frozenset("-–—")
_STOP_RE = re.compile(r"\.\s")


@lru_cache(maxsize=16384)
def fold_word(word: str) -> str:
    """Lower-case, strip accents and apostrophes, and collapse letters repeated three times or more."""
    if word.isascii():
        w = word.lower()
    else:
        w = unicodedata.normalize("NFKD", word)
        w = "".join(c for c in w if not unicodedata.combining(c)).lower()
    w = w.replace("'", "").replace("’", "").replace("`", "").replace('"', "")
    if w in _ROMAN:  # 'III' is a numeral, not shouting
        return w
    return _REPEAT_RE.sub(r"\1", w)


def _split_word(word: str, start: int) -> list[Token]:
    """Split 'jalan2' / 'rt02' / '3bulan' into parts, expanding the '2' of reduplication."""
    if word.isalpha() or word.isdecimal():
        return [Token(word, start, start + len(word))]
    out: list[Token] = []
    parts = [(m.group(), m.start()) for m in _PART_RE.finditer(word)]
    for i, (part, off) in enumerate(parts):
        tok = Token(part, start + off, start + off + len(part))
        prev = parts[i - 1][0] if i else ""
        # 'anak2' / 'rusak2' means 'anak-anak': repeat the word instead of keeping the digit.
        if part == "2" and prev.isalpha() and len(prev) >= 3:
            out.append(Token(prev, tok.start, tok.end))
        else:
            out.append(tok)
    return out


# the teller's words that open a sentence; a capital elsewhere may be any name's ('di Kota Malang')
_OPENERS = frozenset({"saya", "sy", "aku", "aq", "gue", "gw"})


def _capital_after_small(text: str, prev: Token, tok: Token) -> bool:
    """Whether the teller's word is capitalised ('Saya', not 'SAYA') straight after one ending in a small letter: a
    sentence whose full stop was left out ('... sendiri Saya di Kota Bau-Bau')."""
    word, before = text[tok.start:tok.end], text[prev.end - 1:prev.end]
    return tok.text in _OPENERS and word[0].isupper() and word[1:].islower() and before.islower()


def raw_tokens(text: str, limit: int | None = None) -> list[Token]:
    """Split text into folded word tokens with their original spans (no slang expansion)."""
    text = text[:MAX_CHARS]
    out: list[Token] = []
    for m in _WORD_RE.finditer(text):
        for tok in _split_word(fold_word(m.group()), m.start()):
            if tok.text:
                out.append(tok)
        if limit is not None and len(out) > limit:
            break
    prev_end = 0
    for k, tok in enumerate(out):
        gap = text[prev_end:tok.start]
        if any(c in _SEPARATORS for c in gap):
            out[k] = Token(tok.text, tok.start, tok.end, True)
        elif k and any(c in _DASHES for c in gap):
            out[k] = Token(tok.text, tok.start, tok.end, dash=True)
        elif k and (_STOP_RE.search(gap) or _capital_after_small(text, out[k - 1], tok)):
            out[k] = Token(tok.text, tok.start, tok.end, stop=True)
        prev_end = tok.end
    # a voice note's 'pe ka ha' -> 'pkh': one token over the letters' spans
    for first, past, acronym in reversed(spelled_runs([t.text for t in out], [t.sep for t in out])):
        head = out[first]
        out[first:past] = [Token(acronym, head.start, out[past - 1].end, head.sep, dash=head.dash, stop=head.stop)]
    # 'e-KTP' / 'e KTP' -> 'ktp'
    merged: list[Token] = []
    for tok in out:
        if merged and merged[-1].text == "e" and tok.text in ("ktp", "ktpel"):
            merged[-1] = Token(tok.text, merged[-1].start, tok.end, merged[-1].sep, stop=merged[-1].stop)
        else:
            merged.append(tok)
    return merged


def _parse_number(words: list[str], i: int) -> tuple[int, int] | None:
    """Parse an Indonesian number starting at words[i]; return (value, words used)."""
    total, cur, unit = 0, 0, None
    j = i
    while j < len(words):
        w = words[j]
        if w.isdecimal():
            if j != i or len(w) > 9:
                break
            cur = int(w)
        elif w in _UNITS:
            if unit is not None:
                break  # 'dua tiga' is two numbers
            unit = _UNITS[w]
        elif w in _SE:
            if unit is not None:
                break
            if _SE[w] == 1000:
                total += 1000
            else:
                cur += _SE[w]
        elif w in _SCALE and j > i:
            scale = _SCALE[w]
            if scale is None or scale < 1000:
                if unit is None:
                    break
                cur += unit + 10 if scale is None else unit * scale
            else:
                amount = cur + (unit or 0)
                if not amount:
                    break
                total, cur = total + amount * scale, 0
            unit = None
        else:
            break
        j += 1
    used = j - i
    if used == 0 or (used == 1 and words[i].isdecimal()):
        return None
    return total + cur + (unit or 0), used


def _numbers(tokens: list[Token]) -> list[Token]:
    """Turn number words ('tiga bulan', 'dua puluh lima', '500 ribu') into digits."""
    words = [t.text for t in tokens]
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        w = words[i]
        if w in _SE_UNIT:
            t = tokens[i]
            out += [Token("1", t.start, t.end), Token(_SE_UNIT[w], t.start, t.end)]
            i += 1
            continue
        if w in _UNITS or w in _SE or w.isdecimal():
            parsed = _parse_number(words, i)
            if parsed:
                value, used = parsed
                out.append(Token(str(value), tokens[i].start, tokens[i + used - 1].end))
                i += used
                continue
        out.append(tokens[i])
        i += 1
    return out


def tokenize(text: str, *, slang: bool = True, numbers: bool = False, limit: int | None = None
             ) -> list[Token]:
    """Tokenise chat text: folded words, slang expanded, optionally number words as digits.

    With `limit`, at most that many tokens come back (a long paste is not tokenised in full)."""
    if not text:
        return []
    tokens = raw_tokens(text, limit)
    if slang:
        expanded: list[Token] = []
        for tok in tokens:
            bare = strip_clitic(tok.text)
            tok = Token(bare, tok.start, tok.end, tok.sep, bare != tok.text, tok.dash, tok.stop)
            repl = _slang(tok.text, text[tok.start:tok.end])
            if repl is None:
                expanded.append(tok)
            else:
                expanded += [Token(part, tok.start, tok.end, tok.sep and k == 0, dash=tok.dash and k == 0,
                                   stop=tok.stop and k == 0)
                             for k, part in enumerate(repl.split())]
        tokens = expanded
    if numbers:
        tokens = _numbers(tokens)
    return tokens if limit is None else tokens[:limit]


# shortenings that are also an office's or a facility's acronym: typed in capitals they are the acronym ('TPI' is
# Tempat Pelelangan Ikan, the fish auction; 'tpi' is 'tapi')
CAPITAL_ACRONYMS = frozenset({"tpi"})


def _slang(word: str, typed: str) -> str | None:
    """What a folded word stands for in everyday writing, if anything: 'TPI Juwana kotor' is the fish auction as
    typed, 'tpi' typed small is 'tapi'."""
    if word in CAPITAL_ACRONYMS and typed.isupper():
        return None
    return SLANG.get(word)

_ASCII_PART_RE = re.compile(r"[a-z]+|[0-9]+")


def words(text: str) -> list[str]:
    """Fast equivalent of `[t.text for t in tokenize(text)]` for clean names (bulk index building)."""
    out: list[str] = []
    for m in _WORD_RE.finditer(text[:MAX_CHARS]):
        w = fold_word(m.group())
        if not w.isalnum() or not w.isascii():
            out += [t.text for t in tokenize(m.group())]
            continue
        parts = [w] if w.isalpha() or w.isdecimal() else _ASCII_PART_RE.findall(w)
        for i, part in enumerate(parts):
            if part == "2" and i and parts[i - 1].isalpha() and len(parts[i - 1]) >= 3:
                part = parts[i - 1]
            part = strip_clitic(part)
            repl = _slang(part, m.group())
            if repl is None:
                out.append(part)
            else:
                out += repl.split()
    # 'e-KTP' merging only matters for chat text, never for place names
    return out


def normalize(text: str) -> str:
    """Normalise Indonesian chat text: 'KTP blm jadi udh tiga bln!!' -> 'ktp belum jadi sudah 3 bulan'."""
    return " ".join(t.text for t in tokenize(text, slang=True, numbers=True))


@lru_cache(maxsize=16384)
def fold_key(word: str) -> str:
    """Spelling-insensitive key for place names: old spelling, y/i and doubled letters merged."""
    w = _ROMAN.get(word, word)
    if w.isdecimal() or len(w) <= 3:
        return w  # short words stay exact: folding 'diy' would make it the preposition 'di'
    w = (w.replace("dj", "j").replace("tj", "c").replace("oe", "u").replace("sj", "sy")
         .replace("ch", "kh").replace("y", "i").replace("ph", "f"))
    # doubled letters are a common typo ('lombokk', 'mattaram') and rare in names
    out = []
    for c in w:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


_DATA = Path(__file__).resolve().parent.parent / "data"


def _load_words(path: Path) -> frozenset[str]:
    """A one-column word list (header 'word'), kept as data so it is reviewed like the other tables."""
    with open(path, encoding="utf-8") as f:
        return frozenset(w for w in (line.strip().lower() for line in f.readlines()[1:]) if w)


# Everyday words that also happen to be the whole name of some village ('Baru', 'Pasar', 'Jaya').
# On their own they are weak evidence of a place, and they are never typo-corrected into one.
COMMON_WORDS: frozenset[str] = _load_words(_DATA / "regions" / "common_words.csv")
