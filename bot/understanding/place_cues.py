"""A story's cues, read from the words around a place's name, of whose place it is: compared with, disowned,
a relative's, passed through, sent on to, put 'di sini'."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.understanding.place_words import (
    ADMIN_MARKERS,
    AREA_WORDS,
    AT_WORK_GAP,
    DISOWNING_GAP,
    ERRANDS,
    FACILITY_MARKERS,
    GOING_TO,
    HEADING,
    HERE,
    HERE_NAMED,
    HOSPITALS,
    HOUSES,
    INSTITUTIONS,
    KIN,
    KIN_GAP,
    MACHINES,
    OBLIGED,
    OTHERS,
    OURS,
    OWN_PLACES,
    REFERRED,
    ROAD_KINDS,
    ROAD_WORDS,
    ROADS,
    SCHOOL_FILLERS,
    STRIKING,
    TELLER_GAP,
    TRADING,
    WAYS,
    WHO,
)


def instituted(words: list[str], seps: list[bool], at: int) -> bool:
    """Whether the words ending at `at` are a school's, clinic's, market's or office's word, with its number or
    'negeri' after it ('SMP negeri', 'SDN 2', 'puskesmas')."""
    k = at
    while k > 0 and at - k < 2 and not seps[k] and (words[k].isdecimal() or words[k] in SCHOOL_FILLERS):
        k -= 1
    return words[k] in INSTITUTIONS


def after_road(words: list[str], seps: list[bool], at: int) -> bool:
    """Whether a road word stands right before `at`, or with the road's kind between ('jalan Pati', 'jalan raya
    Semarang', 'jln lintas Medan')."""
    k = at - 1
    if k >= 1 and not seps[k + 1] and words[k] in ROAD_KINDS | {"raya"}:
        k -= 1
    return k >= 0 and not seps[k + 1] and words[k] in ROADS


# 'kenapa ga kayak di kota Mataram', 'padahal di Sleman mulus', 'beda sama di Sidoarjo': a place the trouble is
# compared with, not where it is
_LIKE = frozenset({"kayak", "kaya", "kyk", "kek", "seperti", "spt", "sprti", "macam", "mcm", "padahal", "pdhl",
                   "dibanding", "dibandingkan", "daripada", "drpd", "ketimbang", "beda", "berbeda", "kalah"})
_LIKE_GAP = frozenset({"di", "yang", "yg", "sama", "dengan", "dgn", "ama"})  # ('beda sama yang di X')
_NOT_LIKE = frozenset({"orang", "org", "yang", "yg", "paling", "lebih", "si", "makin"})  # ('orang kaya di X': rich)


def compared_with(words: list[str], seps: list[bool], at: int) -> bool:
    """Whether the place at `at` is named to compare the trouble with ('coba kaya di Magelang bersih', 'padahal di
    Sleman mulus', 'beda sama di Sidoarjo'): a word of likeness or contrast before it, at most three words back."""
    k = at - 1
    while k >= 0 and at - k <= 3 and words[k] in _LIKE_GAP and not seps[k + 1]:
        k -= 1
    # ('kenapa ga kaya rsud di kota tasik', 'dibanding pasar di Kubu Raya', 'padahal SD di Kota Bekasi sudah
    # direnov'): the same kind of place there, a hospital, school, market or office, is what is compared with; the
    # kind's word stands between the likeness and the 'di' (without the 'di', 'kayak pasar hantu' is no place)
    if (k >= 1 and at - k >= 2 and words[at - 1] == "di" and words[k] in INSTITUTIONS | HOSPITALS
            and not seps[k + 1] and not seps[k]):
        k -= 1
        while k >= 0 and words[k] in _LIKE_GAP - {"di"} and not seps[k + 1]:
            k -= 1
    return (k >= 0 and not seps[k + 1] and words[k] in _LIKE
            and not (words[k] == "kaya" and k > 0 and words[k - 1] in _NOT_LIKE))


def disowned_after(words: list[str], seps: list[bool], end: int) -> bool:
    """Whether the office of the place ending at `end` is said, next in its clause, not to cover where it is
    ('lapor ke dinas X kota Kediri tapi katanya bukan wilayah mereka')."""
    k = end
    while k < len(words) and k - end <= 4 and not seps[k] and words[k] in DISOWNING_GAP:
        k += 1
    return (k + 1 < len(words) and k - end <= 4 and not seps[k] and not seps[k + 1] and words[k] == "bukan"
            and words[k + 1] in AREA_WORDS)


def sent_elsewhere(words: list[str], seps: list[bool], at: int) -> bool:
    """Whether the words before `at` say one must or usually goes there instead ('harus berobat ke', 'terpaksa ke rs
    di', 'biasa belanja ke'), in one clause."""
    k, went, goods = at - 1, False, 0
    while k >= 0 and at - k <= 5 and not seps[k + 1]:
        if words[k] in OBLIGED:
            return went and not goods
        went = went or words[k] in GOING_TO
        if words[k] in TRADING or (goods and words[k] in ERRANDS):
            goods = 0  # the goods said after the verb ('jual pinang ke'): TRADING in place_words
        elif not (words[k] in ERRANDS or words[k] in GOING_TO or words[k] == "di" or words[k] in FACILITY_MARKERS
                  or words[k] in HOSPITALS):
            if not went or goods >= 2:
                return False
            goods += 1
        k -= 1
    return False


# writing or typing the message ('kula nulis saking Bekasi', 'sing ngetik iki putu kulo neng surabaya', 'sy tulis dr
# Waingapu'), and the words naming whom it is written for ('nulis untuk nenek saya di Seputuk': the relative's place,
# where it happened)
_WRITING = frozenset({"nulis", "menulis", "tulis", "nyerat", "ngetik", "mengetik", "ketik", "ngetikke", "ngetikin"})
_WRITTEN_FOR = frozenset({"untuk", "utk", "buat", "bwt", "for", "kanggo", "kagem", "kangge", "ngge", "gawe", "pikeun",
                          "atas", "mewakili"})
_WRITER_GAP = 5  # words between the writing verb and the place, at most ('sing ngetik iki putu kulo neng surabaya')


def written_from(words: list[str], seps: list[bool], stops: Sequence[bool], at: int) -> bool:
    """Whether the place at `at` is where the message is written or typed from, in one clause: a writing verb a few
    words before it with no word of whom it is written for between ('kula nulis saking Bekasi kanggo simbok', 'sing
    ngetik iki putu kulo neng surabaya'). The one writing for a relative or a neighbour is often away from where it
    happened; where they write from is theirs, not the trouble's (a sentence's end ends the clause: 'cucunya yg
    ketik. opung saya tinggal di X' is the grandparent's place)."""
    k = at - 1
    while k >= 0 and at - k <= _WRITER_GAP and not seps[k + 1] and not (k + 1 < len(stops) and stops[k + 1]):
        if words[k] in _WRITTEN_FOR:
            return False
        if words[k] in _WRITING:
            return True
        k -= 1
    return False


def referred_to(words: list[str], seps: list[bool], at: int) -> bool:
    """Whether the words before `at` say a patient is referred there ('dirujuk ke', 'dirujuak ka RSUD', 'rujukan ke rs
    di'), in one clause: the hospital one is sent on to, not where the care fell short."""
    k = at - 1
    while k >= 0 and at - k <= 4 and not seps[k + 1]:
        if words[k] in REFERRED:
            return k < at - 1
        if not (words[k] in GOING_TO or words[k] in {"ka", "di"} or words[k] in HOSPITALS
                or words[k] in FACILITY_MARKERS):
            return False
        k -= 1
    return False


def road_heading_to(words: list[str], seps: list[bool], at: int) -> bool:
    """Whether the words before `at` are 'jalan (desa|yang…) ke/arah/menuju': 'jalan ke Kumpeh', 'jalan yang ke arah
    Karangreja' is the road there, 'jembatan gantung ke X' the bridge there, where the trouble is (not 'jalan
    Jatinangor ke arah Cileunyi': a place between)."""
    k = at - 1
    if k < 0 or words[k] not in HEADING:
        return False
    while k >= 0 and words[k] in HEADING and not seps[k + 1]:
        k -= 1
    while k >= 0 and words[k] in ROAD_WORDS and not seps[k + 1]:
        k -= 1
    return k >= 0 and words[k] in WAYS and not seps[k + 1]


def whose_place(words: list[str], seps: list[bool], clitics: Sequence[bool], at: int) -> tuple[bool, bool]:
    """Whether the words ending at `at` say whose place follows is a relative's ('anak saya yang sekolah',
    'ibuku sing', 'adik sy kerja'), and whether the people of something named before, said with '-nya'
    ('pekerjanya tinggal')."""
    k, most = at, 4
    # ('kakak saya yang jualan di Kota Jambi': what a relative does, one word after 'yang', is theirs too)
    if at >= 2 and words[at] not in KIN_GAP and words[at - 1] in WHO and not seps[at] and not seps[at - 1]:
        k, most = at - 1, 5
    while k >= 0 and at - k < most and words[k] in KIN_GAP and (k == at or not seps[k + 1]):
        k -= 1
    if k < 0 or (k != at and seps[k + 1]):
        return False, False
    # ('ortu sy tinggal di X' arrives as 'orang tua saya': parents, not 'orang' of where one comes from)
    parents = words[k] == "tua" and k > 0 and words[k - 1] == "orang" and not seps[k]
    return _kin_word(words[k]) or parents, words[k] in OTHERS and k < len(clitics) and clitics[k]


_DOUBLED = re.compile(r"(.)\1+")


def _kin_word(word: str) -> bool:
    """Whether a word names a relative, typed in a hurry with a letter held down ('sodaara', 'kakaak', 'adeek')."""
    # (no kin word has a letter twice in a row but those ending '-kku', listed whole)
    return word in KIN or _DOUBLED.sub(r"\1", word) in KIN


# 'lewat situ', 'liwat sana': passing the place of the trouble ('tiap hari lewat situ')
_PASS = frozenset({"lewat", "lwt", "liwat", "lewati", "ngelewatin", "melewati"})
_THERE = frozenset({"situ", "sini", "sana", "disitu", "disana", "disini"})
_HITHER = frozenset({"kesini", "kemari"})  # ...or coming here ('ke sini')
_PASSING_GAP = 4  # words between a place and its 'lewat situ', at most ('di Kab Bima tapi tiap hari lewat situ')


def passing_there(words: list[str], seps: list[bool], end: int) -> bool:
    """Whether 'lewat situ' (or 'lewat sini', 'liwat sana', 'ke sini') follows the words ending at `end` in one clause,
    a few words on at most: the place named there is where one passes or comes to the place of the trouble from."""
    for k in range(end, min(len(words), end + _PASSING_GAP + 1)):
        if seps[k]:
            return False
        if words[k] in _HITHER:  # ('org kota jogja pd buang kesini': coming here from there)
            return True
        if k + 1 < len(words) and not seps[k + 1] and (
                (words[k] in _PASS and words[k + 1] in _THERE) or (words[k] == "ke" and words[k + 1] in HERE)):
            return True
    return False


def machines_at_work(words: list[str], seps: list[bool], at: int) -> bool:
    """Whether the working word at `at` is said of machines or a firm ('alat berat masih kerja di', 'perusahaan tetap
    beroperasi di'): where they work is where the trouble is, not where the teller works."""
    k = at - 1
    while k >= 0 and at - k <= 3 and not seps[k + 1] and words[k] in AT_WORK_GAP:
        k -= 1
    return k >= 0 and not seps[k + 1] and words[k] in MACHINES


def struck_houses(words: list[str], seps: list[bool], at: int) -> bool:
    """Whether the home word at `at` (or the 'warga' after it) is houses a flood or fire strikes ('air masuk rumah
    di X', 'banjir merendam rumah warga di X'): where they stand is where it happened, not the teller's home."""
    k = at - 1 if words[at] == "warga" and at >= 1 and not seps[at] else at
    return (words[k] in HOUSES and k >= 1 and not seps[k] and words[k - 1] in STRIKING)


def coming_here(words: list[str], seps: list[bool], end: int) -> bool:
    """Whether 'ke sini' (or 'kesini', 'kemari') follows the words ending at `end` in one clause, a few words on at
    most: 'keluarga sy di Sidrap tiap datang ke sini' names where someone comes here from, not here."""
    for k in range(end, min(len(words), end + _PASSING_GAP + 1)):
        if seps[k]:
            return False
        if words[k] in _HITHER or (
                k + 1 < len(words) and not seps[k + 1] and words[k] == "ke" and words[k + 1] in HERE):
            return True
    return False


def here_said(words: list[str], seps: list[bool], stops: Sequence[bool], starts: set[int]) -> list[int]:
    """Where the phrases end that put the trouble where the teller is without naming it: 'di sini', 'di kampung kami',
    'daerah sy' ('desa kami Sukamaju', 'kampung kami di Sumba Timur', 'tempat saya kerja' name or say more)."""
    ends: list[int] = []
    for i, word in enumerate(words):
        if word in HERE:
            ends.append(i + 1)
        elif word in OWN_PLACES and i + 1 < len(words) and words[i + 1] in OURS and not seps[i + 1]:
            k = i + 2  # what follows in the same sentence may go on to name it
            if not (k < len(words) and not seps[k] and not (k < len(stops) and stops[k]) and (
                    words[k] in TELLER_GAP or words[k] in HERE_NAMED or words[k] in ADMIN_MARKERS or k in starts)):
                ends.append(k)
    return ends
