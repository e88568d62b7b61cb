"""How an official region name is keyed and typed: its variants, Minang spellings, halves, and the rows it is
read from."""

from __future__ import annotations

import csv
import re
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.understanding.normalize import COMMON_WORDS, SLANG, fold_key, strip_clitic, words

_ROMAN_NUMERALS = frozenset({"iii", "vii", "viii"})
_NUMBER_NAMES = {"satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5"}


# the long first words of regency and province names and how they are abbreviated ('Kep. Riau', 'Peg. Arfak')
_SHORT_FIRST = {"Kepulauan": "Kep", "Pegunungan": "Peg"}

_COMPASS = frozenset({"Utara", "Selatan", "Barat", "Timur", "Tengah"})


def name_variants(name: str, level: int) -> list[str]:
    """Ways a region's official name is typed, without the level word."""
    variants = [name]
    if level == 0:
        for prefix in ("Daerah Khusus Ibukota ", "Daerah Istimewa ", "Kepulauan "):
            if name.startswith(prefix):
                variants.append(name[len(prefix):])
    elif level == 1:
        for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
            if name.startswith(prefix):
                base = name[len(prefix):]
                variants = [base]
                if base.startswith("Kepulauan ") and len(base.split()) == 2:
                    variants.append(base[len("Kepulauan "):])
                break
    elif level == 2 and name.startswith("Kota ") and len(name.split()) >= 3 and name.split()[-1] in _COMPASS:
        # 'Kota Ternate Selatan', 'Kota Kisaran Barat': a kecamatan named for the town's side is said without 'Kota'
        # ('sampah di ternate selatan'); a lone name after it ('Kota Baru', 'Kota Kudus') stays whole
        variants.append(name[len("Kota "):])
    # an official name's first word written short as offices and signboards write it: 'Kep. Aru', 'Kab. Peg.
    # Bintang' ('dinas pendidikan peg bintang' is Pegunungan Bintang, not Pegasing's first letters in Aceh)
    if level <= 1:
        variants += [_SHORT_FIRST[v.split()[0]] + v[len(v.split()[0]):] for v in variants
                     if len(v.split()) >= 2 and v.split()[0] in _SHORT_FIRST]
    # 'Kramatjati' typed as 'Kramat Jati': a 't'+'j' across the words is not the old spelling's tj (c) that the
    # one word's key folds it to, so the name is also keyed as the two words people write
    variants += [re.sub(r"(?<=[a-z])([td])(j)", r"\1 \2", v, flags=re.IGNORECASE) for v in variants
                 if re.search(r"[a-z][td]j", v, flags=re.IGNORECASE)]
    # 'Seberang Ulu Satu' typed as 'seberang ulu 1' or 'seberang ulu I' (a Roman numeral folds to the digit)
    head, _, last = name.rpartition(" ")
    if head and last.lower() in _NUMBER_NAMES:
        variants.append(f"{head} {_NUMBER_NAMES[last.lower()]}")
    # 'Perk. Padang Halaban', 'Perkebunan Sei Rumbia': a plantation's village (North Sumatra, Aceh) is called by the
    # estate's name alone ('tanah di sekitar Padang Halaban'); only a name of two words or more, as one word left
    # ('Perkebunan Dolok', 'Perkebunan Bilah') is an everyday word or a river's
    if level == 3:
        # ('warga transmigrasi Tambak Sari dekat Poto Tano': a transmigration settlement still listed as its unit, 'UPT
        # Tambak Sari', is called by the settlement's name alone, as a plantation's village is)
        for prefix in ("Perkebunan ", "Perk. ", "UPT "):
            if name.startswith(prefix) and len(name[len(prefix):].split()) >= 2:
                variants.append(name[len(prefix):])
    if any(c in name for c in "/(),"):
        # 'Mekarwangi/Sukatani', 'Cemaga Selatan (Setengar)'; bare numerals ('II') are not names
        variants += [p for p in re.split(r"[/(),]", name) if sum(c.isalpha() for c in p) >= 3
                     and p.strip().lower() not in _ROMAN_NUMERALS]
    return variants


# West Sumatra's places as Minang speakers say and type them: 'Lubuk Basung' is 'Lubuak Basuang', 'Bukit' 'Bukik'
MINANG_PROVINCES = frozenset({"13"})
_MINANG_ENDS = (("ung", "uang"), ("uk", "uak"), ("ut", "uik"), ("it", "ik"), ("ih", "iah"), ("uh", "uah"), ("ir", "ia"),
                ("ur", "ua"), ("as", "eh"))


def minang(name: str) -> str:
    """A name with each word's last syllable said the Minang way ('Lubuk Basung' -> 'Lubuak Basuang')."""
    out = []
    for word in name.split(" "):
        low = word.lower()
        for end, said in _MINANG_ENDS:
            if len(low) >= 4 and low.endswith(end) and not low.endswith(said):
                word = word[: -len(end)] + said
                break
        out.append(word)
    return " ".join(out)


# South Sumatra's and Jambi's places as Palembang and Jambi Malay say and type them: a word's last 'a' is 'o' ('Muara
# Dua' is 'Muaro Duo', 'Sukajaya' 'Sukajayo'); keyed only where no other place already has the key (regions.py)
MALAY_O_PROVINCES = frozenset({"15", "16"})
_FINAL_A = re.compile(r"(?<=[a-z]{2})a\b", re.IGNORECASE)


def malay_o(name: str) -> str:
    """A name with each word's last 'a' said 'o' the Palembang and Jambi Malay way ('Muara Dua' -> 'Muaro Duo')."""
    return _FINAL_A.sub("o", name)


def key_of(words: Iterable[str]) -> str:
    """Join folded words into a lookup key ('paok motong' and 'paokmotong' share one)."""
    return "".join(fold_key(w) for w in words)


_SIMPLE_NAME = re.compile(r"[A-Za-z ]+\Z")
_TRIPLE = re.compile(r"(.)\1\1")


def name_key(name: str) -> str:
    """Lookup key of a name, built exactly like the key of the same words typed in chat."""
    if _SIMPLE_NAME.match(name) and not _TRIPLE.search(name.lower()):
        # fast path for the ~99% of official names that are plain words (keeps load time low)
        parts = []
        for w in name.lower().split():
            w = strip_clitic(w)
            repl = SLANG.get(w)
            parts += (fold_key(w),) if repl is None else [fold_key(r) for r in repl.split()]
        return "".join(parts)
    return key_of(words(name))


# the halves of a place split in two ('Tlogosari Kulon' and 'Tlogosari Wetan', 'Telukjambe Timur' and '... Barat')
_SIDES = frozenset({"utara", "selatan", "timur", "barat", "tengah", "kulon", "wetan", "lor", "kidul",
                    "ilir", "ulu", "hilir", "hulu"})


def sided_names(names: list[str], levels: bytes, parents: array, codes: list[str]) -> dict[str, int]:
    """'tlogosari' -> the kecamatan holding Tlogosari Kulon and Tlogosari Wetan: people name a town's
    neighbourhood without its side. Only kelurahan (urban: a desa pair 'Kerjo Lor/Kidul' is known by its
    sides, and 'kerjo' is a word) or kecamatan, where every half lies in one kecamatan or kabupaten, and the
    bare name is no everyday word."""
    halves: dict[str, set[int]] = {}
    for i, name in enumerate(names):
        parts = name.split()
        urban = levels[i] == 2 or (levels[i] == 3 and codes[i][-4:-3] == "1")
        if urban and len(parts) >= 2 and parts[-1].lower() in _SIDES and parts[0].lower() not in SLANG:
            base = " ".join(parts[:-1])
            if len(name_key(base)) >= 5 and base.lower() not in COMMON_WORDS:
                halves.setdefault(name_key(base), set()).add(i)
    out: dict[str, int] = {}
    for key, ids in halves.items():
        if len(ids) < 2:
            continue
        homes = {parents[i] for i in ids}
        if len(homes) == 1:
            out[key] = homes.pop()
    return out


def spelling_key(text: str) -> str:
    """A name as spelled, old spellings and y/i merged like fold_key but doubled letters kept ('Pallangga')."""
    w = "".join(c for c in text.lower() if c.isalnum())
    return (w.replace("dj", "j").replace("tj", "c").replace("oe", "u").replace("sj", "sy")
            .replace("ch", "kh").replace("y", "i").replace("ph", "f"))


def read_region_rows(path: Path) -> Iterator[tuple[str, str, str, str | None]]:
    """Stream (code, name, level, parent) from the four CSVs (streamed: no 92k-row list in memory)."""
    files = (("provinces.csv", "province"), ("regencies.csv", "regency"),
             ("districts.csv", "district"), ("villages.csv", "village"))
    for filename, level in files:
        with open(path / filename, newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            next(rows)
            if level == "province":
                for code, name in rows:
                    yield code, name, level, None
            else:
                for code, parent, name in rows:
                    yield code, name, level, parent
