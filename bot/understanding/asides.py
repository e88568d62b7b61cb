"""What a story sets aside: what the citizen denies, and the places they work in or came from.

'bukan kota pariaman', 'imigrasi? bukan.', 'kerja di surabaya tp tinggal di pandaan': these words name a place or an
office the complaint is not about; the agency ranker (agencies.py) reads them before it reads where and who.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from bot.understanding.normalize import Token

# 'kantor imigrasi? bukan.', 'ini soal KK, bukan KTP': a name or problem word the citizen denies (Javanese 'dudu',
# Sundanese 'sanes' and 'lain': 'jalan desa, lain jalan pantura')
NEGATIONS = frozenset({"bukan", "bukanlah", "bkn", "bukang", "dudu", "sanes", "lain"})
# negations that are also everyday words ('dan lain-lain', 'tempat lain'): only where a clause begins with them
_CLAUSE_NEGATIONS = frozenset({"lain"})
_ANSWERING_NEGATIONS = NEGATIONS - _CLAUSE_NEGATIONS  # may answer what came before: 'imigrasi? bukan.'
# 'saya takut lapor polisi', 'aku wedi arep lapor polisi': the body the citizen fears to go to is not the one they
# ask for (they ask who else helps); Javanese wedi/ajrih, Sundanese sieun
# 'takut longsor' fears the problem, so only a body named after a fear and a word of reporting counts
FEARS = frozenset({"takut", "wedi", "ajrih", "sieun", "enggan", "segan", "ragu"})
REPORTING = frozenset({"lapor", "melapor", "ngelapor", "laporan", "melaporkan", "laporkan", "ngadu", "mengadu",
                       "wadul"})
_FEAR_REACH = 4  # words between the fear and the body ('takut mau lapor ke polisi')
# words that may stand between the negation and what it denies ('bukan soal paspor', 'bukan ke dinsos')
_NEGATED_FILLERS = frozenset({"soal", "masalah", "urusan", "perkara", "tentang", "ke", "dari", "di", "untuk",
                              "sama", "dengan", "kantor", "dinas", "pihak"})
_CLAUSE_MARKS = frozenset(",;:()[]|!?.\n")
# 'kalau bukan dinas PU siapa lagi': the negation asks, it does not deny
_NEGATION_UNDONE = frozenset({"kalau", "jika", "kalo", "klo", "apa", "apakah"})
# 'bukan di X tapi di Y': what follows the contrast is affirmed again
_NEGATION_ENDS = frozenset({"tapi", "tetapi", "tp", "tpi", "melainkan", "namun", "nanging", "tapine", "hanya", "cuma"})
# 'bukan cuma di X': not only, so X is still meant
_NOT_ONLY = frozenset({"cuma", "cuman", "hanya", "saja", "sekadar", "sekedar", "hny", "cm", "mung", "hanyalah"})
# 'sy kerja di surabaya tp tinggal di pandaan', 'pindah dari bekasi ke duren sawit': where the citizen works, studies
# or came from is not where the problem is, when the story names another place (Javanese nyambut gawe, krama and
# Sundanese damel, Sundanese digawe; 'dari X ke Y' only after a move: 'jalan dari desa A ke desa B' is the road itself)
ELSEWHERE_CUES = (("kerja", "di"), ("bekerja", "di"), ("kerjanya", "di"), ("kerja", "ke"), ("ngantor", "di"),
                  ("kuliah", "di"), ("merantau", "di"), ("merantau", "ke"), ("rantau", "di"),
                  ("perantau", "di"), ("nyambut", "gawe", "di"),
                  ("digawe", "di"), ("damel", "di"), ("damel", "ten"), ("damel", "wonten"),
                  ("pindah", "dari"), ("pindahan", "dari"), ("datang", "dari"), ("asal", "dari"),
                  ("asalnya", "dari"), ("berasal", "dari"), ("pindah", "dr"), ("datang", "dr"), ("asal", "dr"),
                  ("ngajar", "di"), ("mengajar", "di"), ("pegawai", "di"), ("karyawan", "di"),
                  # ...as Malay and Banjar, Manado and Sasak say it
                  ("kerje", "di"), ("bagawi", "di"), ("begawi", "di"), ("karja", "di"), ("bakarja", "di"),
                  ("begawe", "di"),
                  # ...and Javanese ('kulo kerja ing kota Jogja', 'kerjo teng Solo')
                  ("kerja", "ing"), ("kerja", "neng"), ("kerja", "nang"), ("kerja", "teng"),
                  ("kerjo", "teng"), ("kerjo", "neng"), ("kerjo", "ning"), ("kerjo", "ing"), ("kerjo", "di"),
                  # ...with every Javanese word for 'di' the verb takes ('kula kerja ning kota Cirebon', Cirebon's
                  # 'ning'; 'kulo kerja ten Jogja', krama 'ten' and 'wonten'), as 'kerjo' takes them
                  ("kerja", "ning"), ("kerja", "ten"), ("kerja", "wonten"), ("kerjo", "ten"), ("kerjo", "nang"),
                  ("nyambut", "gawe", "ing"), ("nyambut", "gawe", "neng"), ("nyambut", "gawe", "ning"),
                  ("nyambut", "gawe", "teng"), ("nyambut", "gawe", "ten"),
                  # 'Talang Kelapa yang berbatasan dengan Palembang': the neighbour is not where it is
                  ("berbatasan", "dengan"), ("berbatasan", "sama"), ("bersebelahan", "dengan"),
                  # ...nor is the one a place is said to be on the border with ('mangkang wetan, perbatasan sama
                  # kendal': Semarang's kelurahan by Kendal; 'perbatasan X Y' without 'sama' names a border, not this)
                  ("perbatasan", "dengan"), ("perbatasan", "sama"), ("perbatasan", "dgn"), ("berbatasan", "dgn"),
                  ("bersebelahan", "sama"), ("sebelahan", "sama"), ("sebelahan", "dengan"),
                  # 'ditolak SD negeri, disuruh ke SLB di Palopo': the special school a child is sent on to
                  ("ke", "slb", "di"))
# where the citizen works (of ELSEWHERE_CUES): it may still hold the place of the problem, a former home may not
WORK_CUES = tuple(c for c in ELSEWHERE_CUES if c[0] in {"kerja", "bekerja", "kerjanya", "ngantor", "nyambut", "digawe",
                                                        "damel", "kerjo", "ngajar",
                                                        "mengajar", "pegawai", "karyawan", "kerje",
                                                        "bagawi", "begawi", "karja", "bakarja", "begawe"})
# where the teller lives or is registered, said of themselves ('saya warga Konawe Selatan yang bekerja di Kota Kendari',
# 'tiang ktp karangasem tapi kerja di denpasar', 'saya dari bekasi kerja di jakarta selatan', 'tinggal di Depok dan
# bekerja di sini'): beside a workplace it is one of two places the problem may be, so neither is sure
HOME_CUES = (("warga",), ("ktp",), ("tinggal", "di"), ("tinggalnya", "di"), ("rumah", "di"), ("rumahnya", "di"),
             ("saya", "dari"), ("saya", "dr"), ("sy", "dari"), ("sy", "dr"), ("aku", "dari"), ("aq", "dari"),
             ("beta", "dari"), ("tiang", "dari"), ("kulo", "dari"))
# the verbs of working that may take a word or two before their 'di' ('kerja shift malam di', 'bagawi jadi satpam di')
_WORK_VERBS = frozenset({"kerja", "bekerja", "kerjo", "kerje", "bagawi", "begawi", "karja", "bakarja", "begawe"})
# ...but not 'kerja bakti' (the neighbours' clean-up) nor a word that is a place's or an office's own
# or a word of living there too ('kerja sambil ngekos di Jakarta')
_NOT_WORK = frozenset({"bakti", "sama", "dengan", "dinas", "kantor", "di", "ke", "dari", "ngekos", "kos", "ngontrak",
                       "kontrak", "menetap", "mukim", "tinggal", "sambil", "sekaligus", "n"})
_ELSEWHERE_REACH = 3  # words of the place after the cue ('kerja di kota tangerang selatan')
# ('perantau di Surabaya asal Omben': where the teller comes from is said next, no part of the workplace's name)
_ELSEWHERE_ENDS = frozenset({*_NEGATION_ENDS, "ke", "tinggal", "rumah", "dan", "sedangkan", "sdgkn", "tapi", "trus",
                             "terus", "lalu", "karena", "krn", "asal", "asli"})


def clause_cut(text: str, tokens: Sequence[Token], a: int) -> bool:
    """Whether a clause mark stands between token a and the next ('bukan. ini soal KK')."""
    return any(c in _CLAUSE_MARKS for c in text[tokens[a].end:tokens[a + 1].start])


def denied(text: str, tokens: Sequence[Token], hit: Any) -> bool:
    """Whether the citizen says a phrase is not what the complaint is about: 'imigrasi? bukan.'
    (the negation answering it after a mark), 'bukan soal paspor' (the negation before it), or 'takut lapor
    polisi' (the body they fear to go to)."""
    def cut(a: int) -> bool:
        return clause_cut(text, tokens, a)

    after = hit.end
    if after < len(tokens) and tokens[after].text in _ANSWERING_NEGATIONS and cut(after - 1):
        return True
    reported = False
    for j in range(hit.start - 1, max(-1, hit.start - 1 - _FEAR_REACH), -1):
        if cut(j):
            break
        reported = reported or tokens[j].text in REPORTING
        if tokens[j].text in FEARS and reported and hit.entry.source == "alias":
            return True
    j = hit.start - 1
    while j >= 0 and tokens[j].text in _NEGATED_FILLERS and hit.start - j <= 2:
        if cut(j):
            return False
        j -= 1
    if j < 0 or tokens[j].text not in NEGATIONS or cut(j):
        return False
    if tokens[j].text in _CLAUSE_NEGATIONS and j > 0 and not cut(j - 1):
        return False  # 'dan lain-lain', 'jalan lain': no denial
    return not (j > 0 and tokens[j - 1].text in _NEGATION_UNDONE)


def denied_places(text: str, tokens: Sequence[Token]) -> frozenset[int]:
    """Token positions of what a negation denies ('bukan kota pariaman', 'dudu ning Sleman'): up to the clause's
    end, a 'tapi', or four words; 'kalau bukan', 'bukan cuma' (not only) deny nothing."""
    out: set[int] = set()
    for j, tok in enumerate(tokens):
        if tok.text not in NEGATIONS or (j > 0 and tokens[j - 1].text in _NEGATION_UNDONE):
            continue
        if tok.text in _CLAUSE_NEGATIONS and j > 0 and not clause_cut(text, tokens, j - 1):
            continue
        k = j + 1
        while k < len(tokens) and k - j <= 4 and tokens[k].text not in _NEGATION_ENDS:
            if clause_cut(text, tokens, k - 1):
                break
            if k == j + 1 and tokens[k].text in _NOT_ONLY:
                break
            out.add(k)
            k += 1
    return frozenset(out)


# 'orang suka kira Jakarta', 'sering dikira masuk Kota Pekalongan': the place the citizen's place is mistaken for is
# not where it is. The passive ('dikira', 'disangka') always tells a mistake; the active 'kira' (also 'I think') only
# after a word of habit or the past ('dulu kira', 'orang suka kira') or before 'ternyata'/'padahal' (it turned out)
_MISTAKEN_PASSIVE = frozenset({"dikira", "disangka", "dikirain", "dikiranya", "disangkain"})
_MISTAKEN = frozenset({"kira", "mengira", "ngira", "kirain", "sangka", "menyangka", "nyangka", "ngiro", "kiro"})
_MISTAKEN_HABIT = frozenset({"suka", "sering", "dulu", "dulunya", "salah", "kadang", "banyak", "pada", "sempat",
                             "selalu", "orang", "org", "wong"})
_MISTAKEN_TURN = frozenset({"ternyata", "padahal", "rupanya", "taunya", "tahunya", "jebule", "jebul"})
_MISTAKEN_FILLERS = frozenset({"ini", "itu", "kami", "di", "masuk", "wilayah", "daerah", "nya", "sini", "ikut", "ke"})
_MISTAKEN_REACH = 4  # words of the mistaken place after the cue ('kira ini di kota Pekalongan')
_TURN_REACH = 8  # words from the cue to 'ternyata' in one sentence


def mistaken_places(text: str, tokens: Sequence[Token]) -> frozenset[int]:
    """Token positions of a place the citizen says theirs is mistaken for ('orang suka kira Jakarta', 'dulu kira ini
    di kota Pekalongan, ternyata masuk kabupaten'): up to the clause's end, a turn word or four words."""
    words = [t.text for t in tokens]
    out: set[int] = set()
    for j, w in enumerate(words):
        if w not in _MISTAKEN_PASSIVE and w not in _MISTAKEN:
            continue
        if j + 1 < len(words) and words[j + 1] in {"kira", "2"}:
            continue  # 'kira-kira', 'kira2': about, no thought
        if w in _MISTAKEN and not (
                any(words[k] in _MISTAKEN_HABIT for k in range(max(0, j - 2), j))
                or any(words[k] in _MISTAKEN_TURN for k in range(j + 1, min(len(words), j + 1 + _TURN_REACH))
                       if not any(c in ".!?\n" for c in text[tokens[j].end:tokens[k].start]))):
            continue
        k = j + 1
        while k < len(words) and k - j <= _MISTAKEN_REACH and words[k] not in _MISTAKEN_TURN | _NEGATION_ENDS:
            if clause_cut(text, tokens, k - 1):
                break
            if words[k] not in _MISTAKEN_FILLERS:
                out.add(k)
            k += 1
    return frozenset(out)


@lru_cache(maxsize=8)
def _cues_by_first(cues: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Cues by their first word, so a story's words are looked up once each, not matched against every cue."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for cue in cues:
        out.setdefault(cue[0], []).append(cue)
    return {first: tuple(group) for first, group in out.items()}


def _cue_end(text: str, tokens: Sequence[Token], words: list[str], j: int, cue: tuple[str, ...]) -> int | None:
    """Where the place after a cue starting at word j begins, None when the cue is not there. A work verb may take
    a word or two before its 'di' ('kerja shift malam di Gresik', 'bagawi jadi satpam di Banjarbaru'), but
    'kerja bakti' is the neighbours' own clean-up, where the problem is."""
    if tuple(words[j:j + len(cue)]) == cue:
        return j + len(cue)
    if len(cue) != 2 or cue[0] not in _WORK_VERBS:
        return None
    for gap in (1, 2):
        at = j + 1 + gap
        if at >= len(words) or words[at] != cue[1]:
            continue
        between = words[j + 1:at]
        gap_text = text[tokens[j].end:tokens[at].start]
        if any(w in _NOT_WORK or w in _ELSEWHERE_ENDS for w in between) or not all(
                c.isalnum() or c.isspace() for c in gap_text):
            return None  # 'kerja & ngekos di Jakarta': where they live too, so where it may be
        return at + 1
    return None


def elsewhere_places(text: str, tokens: Sequence[Token], cues: tuple[tuple[str, ...], ...] = ELSEWHERE_CUES
                      ) -> frozenset[int]:
    """Token positions of a place the citizen works or studies in or came from (ELSEWHERE_CUES): up to
    _ELSEWHERE_REACH words, the clause's end or a word that turns to the place of the problem ('tp tinggal di')."""
    words = [t.text for t in tokens]
    by_first = _cues_by_first(cues)
    out: set[int] = set()
    for j in range(len(words)):
        for cue in by_first.get(words[j], ()):
            k = _cue_end(text, tokens, words, j, cue)
            if k is None:
                continue
            while k < len(words) and k - j - len(cue) < _ELSEWHERE_REACH and words[k] not in _ELSEWHERE_ENDS:
                if clause_cut(text, tokens, k - 1):
                    break
                out.add(k)
                k += 1
    return frozenset(out)
