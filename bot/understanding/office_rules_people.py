"""Office rules for people's services: who the teller is, and what a paper, a card or a place is said for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.understanding.keywords import Entry, PhraseHit
from bot.understanding.normalize import Token, fold_key
from bot.understanding.office_rules import (
    BECAUSE,
    BPJS_KESEHATAN,
    BPJS_TK,
    BUT_EVEN,
    CARD_STATE_WEIGHT,
    CARE_VENUES,
    EMPLOYERS_BPJS,
    FLOOD_WORDS,
    INSURED_FILLERS,
    LACKING,
    LANDSLIDE_WORDS,
    MINE_CRIME,
    PAID_WITH,
    PAPER_KINDS,
    POLICE,
    PROVINCE_WORDS,
    SENT,
    SERVICE_WEIGHT,
    TOLD_TO,
    VENUE_WEIGHT,
    force_asked,
    in_passing,
    no_permit,
)

# 'lulusan SMK', 'abis lulus SMA', 'tamat SD': the school a teller finished is who they are, not the school complained
# of (graduated_from)
_GRADUATED = frozenset(fold_key(w) for w in (
    "lulus", "lulusan", "tamat", "tamatan", "alumni", "alumnus", "jebolan"))
_SCHOOL_KINDS = frozenset({"disdik", "kemenag"})


def graduated_from(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'aku lulusan SMK, ikut magang di pabrik gk dibayar', 'anak muda abis lulus SMA nganggur, padat karya dari pemkot
    gk nyampe': a school said as the one the teller finished ('lulus SMP', 'tamat dari SMA') says who they are; its
    word counts at VENUE_WEIGHT with no level of its own, and the rest of the story decides ('lulus SMP mau daftar SMA
    negeri': the school applied to keeps its word and its level)."""
    words = [fold_key(t.text) for t in tokens]

    def finished(at: int) -> bool:
        k = at - 1 - (at >= 2 and words[at - 1] == "dari")
        return k >= 0 and words[k] in _GRADUATED and not tokens[at].sep

    return [in_passing(h)
            if h.entry.source == "keyword" and h.entry.target in _SCHOOL_KINDS and h.end - h.start == 1
            and finished(h.start) else h for h in hits]


# the words of people driven from home ('pengungsi', 'mengungsi', 'posko pengungsian'), and the disaster office's other
# words: with none of those said, the displaced fled something else (displaced_by_no_disaster)
_DISPLACED = frozenset(fold_key(w) for w in (
    "pengungsi", "pengungsian", "mengungsi", "ngungsi", "poskopengungsian"))
# ...nor these, which name a hazard or its aftermath though no disaster-office word is said ('tanah gerak', 'retakan
# melebar tiap hujan', 'pengungsi Sinabung di hunian sementara, janji relokasi')
_HAZARD_WORDS = frozenset(fold_key(w) for w in (
    "hujan", "banjir", "longsor", "gempa", "gerak", "retak", "retakan", "erupsi", "gunung", "abu", "lahar", "angin",
    "badai", "ombak", "rob", "pasang", "kebakaran", "terbakar", "tsunami", "kekeringan", "tanggul", "jebol", "huntara",
    "relokasi", "bencana"))
_PEOPLES_AID = Entry("dinsos", "keyword", 4.0, "sosial")


def displaced_by_no_disaster(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'mama2 dan anak2 pengungsi dari kampung tinggal di gereja, makanan kurang': people displaced with no flood,
    quake, eruption or other natural hazard said fled a conflict, a social disaster, whose victims' food and shelter
    the social office provides (UU 23/2014, social affairs); with a hazard said the disaster office's words stay."""
    def displaced(h: PhraseHit) -> bool:
        return (h.entry.source == "keyword" and h.entry.target == "bpbd"
                and "".join(fold_key(t.text) for t in tokens[h.start:h.end]) in _DISPLACED)

    if not any(displaced(h) for h in hits) or any(h.entry.target == "bpbd" and not displaced(h) for h in hits) or any(
            fold_key(t.text) in _HAZARD_WORDS for t in tokens):
        return hits
    return [PhraseHit(h.start, h.end, _PEOPLES_AID, h.q) if displaced(h) else h for h in hits]


# BPJS Ketenagakerjaan the employer did not pay or register ('BPJS TK gak dibayar pabrik', 'gk ada bpjs tk',
# 'tidak didaftarkan BPJS TK') said among the employer's other wrongs (employer_owes_bpjs_tk)
_NOT = frozenset(fold_key(w) for w in (
    "tidak", "tdk", "gak", "gk", "ga", "nggak", "ngga", "enggak", "ora", "belum", "blm", "ndak", "tak", "tanpa",
    "kagak", "sonde", "tra"))
_PAID_IN = frozenset(fold_key(w) for w in (
    "dibayar", "dibayarkan", "dibayarin", "dibayarkn", "disetor", "disetorkan", "didaftarkan", "didaftarin",
    "didaftarna", "daftarin", "daftarkan", "mendaftarkan", "terdaftar", "ada", "dapat", "dapet", "diikutkan"))
# ...unless a benefit is what is asked for (a claim, an accident or a death: the benefit is BPJS TK's own to pay)
_BENEFIT_WORDS = frozenset(fold_key(w) for w in (
    "klaim", "cair", "cairkan", "dicairkan", "pencairan", "santunan", "kecelakaan", "meninggal", "jht", "jkk", "jkm",
    "jmo"))
_WRONG_WEIGHT = 4.0  # the weight of another of the employer's wrongs ('PHK', 'pesangon', 'dibayar borongan')


def employer_owes_bpjs_tk(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'di PHK, pesangon gk dikasih, BPJS TK nya ternyata gk pernah dibayar perusahaan', 'dibayar per tandan, gk ada
    bpjs tk juga': BPJS Ketenagakerjaan the employer did not pay or register, said with another of the employer's
    wrongs (dismissal, severance, wages), is one more of them for the labour office to enforce, a word at its
    EMPLOYERS_BPJS weight; a claim, an accident or a death is BPJS TK's own to pay and keeps its body."""
    words = [fold_key(t.text) for t in tokens]
    tk = [h for h in hits if h.entry.target in BPJS_TK]
    if not tk or any(w in _BENEFIT_WORDS for w in words) or any(
            h.entry.target in BPJS_TK and h.entry.source == "keyword"
            and not {fold_key(t.text) for t in tokens[h.start:h.end]} & {"bpjs"} for h in hits):
        return hits
    tk_tokens = {k for h in tk for k in range(h.start, h.end)}
    if not any(h.entry.source != "alias" and h.entry.target == "disnaker" and h.entry.weight >= _WRONG_WEIGHT
               and not tk_tokens & set(range(h.start, h.end)) for h in hits):
        return hits

    def unpaid(h: PhraseHit) -> bool:
        near = range(max(0, h.start - 4), min(len(words), h.end + 5))
        return any(words[k] in _NOT and any(words[j] in _PAID_IN for j in range(k + 1, min(len(words), k + 4)))
                   for k in near) or (h.start > 0 and words[h.start - 1] in _NOT)

    if not any(unpaid(h) for h in tk):
        return hits
    return [PhraseHit(h.start, h.end, EMPLOYERS_BPJS, h.q) if h.entry.target in BPJS_TK else h for h in hits]


# 'butuh pendampingan', 'belum mendapat pendampingan': the accompaniment of a victim of violence is asked for
# (accompaniment_asked)
_ACCOMPANIMENT = frozenset(fold_key(w) for w in ("pendampingan", "didampingi", "pendampingannya"))
_ACCOMPANIMENT_WEIGHT = 5.0
# (round 93, O) 'minta perlindungan', 'butuh pendampingan dan perlindungan': protection asked for a person (the word
# right before an ask, and no field after it: 'perlindungan konsumen' is the trade office's, 'dinas perlindungan
# anak' an office named)
_PROTECTION_WORD = fold_key("perlindungan")
_ASK_BEFORE = frozenset(fold_key(w) for w in (
    "minta", "mohon", "butuh", "perlu", "dapat", "dapet", "mendapat", "mendapatkan", "ada", "dan", "beri", "berikan",
    "kasih", "memberi", "memberikan", "diberi", "meminta", "membutuhkan", "memerlukan"))
_PROTECTED_AFTER = frozenset(fold_key(w) for w in (
    "untuk", "utk", "bagi", "buat", "dan", "dari", "di", "ke", "anak", "perempuan", "korban", "saya", "kami", "dia",
    "kakak", "adik", "ibu", "mama", "nya", "apa", "kemana", "gimana", "bagaimana"))
# ...and, with no violence word read, the person asked for: a child, a woman or kin ('Apa ada pendampingan untuk anak
# ini?', 'adik saya ... ke mana kami bisa minta pendampingan') — not the farmer's or the trader's guidance
_ACCOMPANIED = frozenset(fold_key(w) for w in (
    "anak", "anaknya", "perempuan", "istri", "istrinya", "bocah", "remaja", "gadis", "putri", "korban", "adik",
    "adek", "adiknya", "nona", "keponakan", "ponakan", "cucu", "cucunya", "kakak", "kakaknya", "gadih", "aneuk",
    "budak", "tunagrahita", "disabilitas", "janda"))
_GUIDANCE_FIELDS = frozenset(fold_key(w) for w in (
    "petani", "tani", "penyuluh", "penyuluhan", "pupuk", "bibit", "benih", "lahan", "kebun", "ternak", "peternak",
    "nelayan", "umkm", "usaha", "koperasi", "pedagang", "stunting", "gizi", "posyandu", "pkh"))


def _asked_for(words: list[str]) -> list[int]:
    """Where accompaniment or a person's protection is asked for ('butuh pendampingan', 'minta perlindungan')."""
    def protection(k: int) -> bool:
        return (words[k] == _PROTECTION_WORD and k > 0 and words[k - 1] in _ASK_BEFORE
                and (k + 1 >= len(words) or words[k + 1] in _PROTECTED_AFTER))

    return [k for k, w in enumerate(words) if w in _ACCOMPANIMENT or protection(k)]


def accompaniment_asked(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'korban KDRT butuh pendampingan, polisi lambat', 'kasus sudah dilaporkan ke polsek tapi korban belum mendapat
    pendampingan': in a story of violence (the women and children office's words, or the police's) the accompaniment
    asked for is the women and children protection office's service (UPTD PPA); the police named or the crime's words
    are where the case went, words at VENUE_WEIGHT, and the word asked counts for that office. (round 93, O) So is a
    person's protection asked for ('suami ancam pakai parang ... ke mana saya bisa minta perlindungan'), and, with no
    violence word read, the accompaniment or protection asked for a child, a woman or kin ('anak perempuan SMP hamil dan
    dikeluarkan sekolah ... apa ada pendampingan untuk anak ini?'): the school or the tutor said is who the child is,
    words at VENUE_WEIGHT; a farmer's or a trader's guidance ('penyuluh ... pendampingan') is not read so."""
    words = [fold_key(t.text) for t in tokens]
    asked = _asked_for(words)
    if not asked:
        return hits
    violence = any(h.entry.target in {"dp3a", *POLICE} and h.entry.category in {"sosial", "ketertiban"} for h in hits)
    if not violence and (not any(w in _ACCOMPANIED for w in words[:asked[0] + 3])
                         or any(w in _GUIDANCE_FIELDS for w in words)):
        return hits
    covered = {k for h in hits for k in range(h.start, h.end)}
    out = [PhraseHit(h.start, h.end, replace(h.entry, target="polri", source="keyword",
                                             weight=min(h.entry.weight, VENUE_WEIGHT)), h.q)
           if h.entry.target in POLICE else h for h in hits]
    if not violence:
        out = [in_passing(h) if h.entry.source == "keyword" and h.entry.target in _SCHOOL_KINDS else h for h in out]
    return out + [PhraseHit(k, k + 1, Entry("dp3a", "keyword", _ACCOMPANIMENT_WEIGHT, "sosial"), 1.0)
                  for k in asked[:1] if k not in covered]


# the employer named ('pabrik', 'perusahaan', 'mandor', 'karyawan') and the school words an employer may use of its
# workers: the uniform it charges for, the diploma it holds, the school its child workers left (at_the_employer)
_EMPLOYER_WORDS = frozenset(fold_key(w) for w in (
    "pabrik", "perusahaan", "mandor", "majikan", "karyawan", "karyawati", "buruh", "mempekerjakan", "dipekerjakan"))
_WORKERS_SCHOOL_WORDS = frozenset(fold_key(w) for w in ("seragam", "ijazah", "ijasah", "sekolah"))


def at_the_employer(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'pabrik potong gaji buat seragam', 'pabrik rambut palsu nahan ijazah karyawan', 'pabrik konveksi mempekerjakan
    anak umur 14, mereka gak sekolah lagi': with an employer named and no school itself (no level, teacher or pupil),
    the uniform, the diploma or the school said are the employer's dealings with its workers, the labour office's
    (deductions, papers held, child labour)."""
    school = [h for h in hits if h.entry.source != "alias" and h.entry.target in _SCHOOL_KINDS]
    if not school or not any(fold_key(t.text) in _EMPLOYER_WORDS for t in tokens) or any(
            "".join(fold_key(t.text) for t in tokens[h.start:h.end]) not in _WORKERS_SCHOOL_WORDS for h in school):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="disnaker", category="lainnya", level=None), h.q)
            if h in school else h for h in hits]


# what a clinic charged ('disuruh bayar 150 ribu', 'minta bayaran lahiran', 'memungut biaya') (charged_though_insured)
_CHARGED = frozenset(fold_key(w) for w in (
    "bayar", "bayaran", "dibayar", "biaya", "biayanya", "dipungut", "memungut", "pungut", "pungutan", "tarif"))


def charged_though_insured(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'berobat ke puskesmas pakai kartu BPJS malah disuruh bayar 150 ribu', 'bidan desa minta bayaran lahiran 2 juta
    padahal kami peserta BPJS': BPJS said as how the patient of a clinic is insured or paid, with a charge said, is why
    the charge was wrong; its words count at VENUE_WEIGHT and the clinic's office (the health office) decides. A card
    switched off ('KIS nonaktif') is BPJS's own."""
    words = [fold_key(t.text) for t in tokens]
    if not any(h.entry.source == "keyword" and h.entry.target == "dinkes" and h.entry.weight >= SERVICE_WEIGHT
               for h in hits) or not any(w in _CHARGED for w in words) or any(
            h.entry.target == "bpjs-kesehatan" and h.entry.source != "alias" and h.end - h.start > 1
            and h.entry.weight >= CARD_STATE_WEIGHT for h in hits):
        return hits

    def how_insured(at: int) -> bool:  # 'padahal (kami peserta) BPJS', 'pakai (kartu) BPJS'
        for k in range(at - 1, max(-1, at - 4), -1):
            if words[k] in BUT_EVEN or words[k] in PAID_WITH:
                return True
            if words[k] not in INSURED_FILLERS:
                return False
        return False

    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=min(h.entry.weight, VENUE_WEIGHT)),
                      h.q)
            if h.entry.target in BPJS_KESEHATAN and (how_insured(h.start) or (
                h.start + 1 < len(words) and words[h.start] in PAID_WITH)) else h for h in hits]


# 'ditolak karena KTP-nya luar kota', 'katanya KTP masih alamat Batang': a paper said as the reason a service refused
# (paper_as_the_reason)
_REFUSED = frozenset(fold_key(w) for w in ("ditolak", "tolak", "menolak", "nolak", "ditolaknya"))
_REASON_WORDS = frozenset(fold_key(w) for w in BECAUSE | {"kata", "katanya", "alasan", "alasannya", "karna"})


def paper_as_the_reason(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ditolak periksa di puskesmas karena KTP nya masih alamat Batang', 'puskesmas nolak, katanya ktp luar kota harus
    bayar umum': a civil-registry paper said as the reason another office's service refused the teller is that
    service's rule, a word at VENUE_WEIGHT; the refusing service's office (at SERVICE_WEIGHT or more) decides."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _REFUSED for w in words) or not any(
            h.entry.source == "keyword" and h.entry.target not in ("dukcapil", "ditjen-dukcapil")
            and h.entry.weight >= SERVICE_WEIGHT for h in hits):
        return hits

    def the_reason(at: int) -> bool:
        return any(words[k] in _REASON_WORDS for k in range(max(0, at - 2), at))

    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, VENUE_WEIGHT)), h.q)
            if h.entry.source == "keyword" and h.entry.target == "dukcapil" and the_reason(h.start) else h
            for h in hits]


# 'ditipu orang ngaku petugas bansos': a fraud, and the office the fraudster posed as (posing_as)
_DEFRAUDED = frozenset(fold_key(w) for w in ("ditipu", "tertipu", "penipuan", "menipu", "tipu"))
_POSING = frozenset(fold_key(w) for w in ("ngaku", "mengaku", "ngakunya", "mengatasnamakan", "ngaku2"))


def posing_as(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'nenek ditipu orang yang ngaku petugas bansos, emasnya dibawa kabur': in a story of fraud, the office the
    fraudster posed as ('ngaku petugas X', 'mengatasnamakan dinas') is the lie told, its words at VENUE_WEIGHT; the
    fraud is the police's (an impostor collecting a levy, with no fraud said, keeps the levy's office)."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _DEFRAUDED for w in words):
        return hits
    posed = {k for i, w in enumerate(words) if w in _POSING for k in range(i + 1, min(len(words), i + 4))}
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=min(h.entry.weight, VENUE_WEIGHT)),
                      h.q)
            if h.start in posed and h.entry.target not in POLICE else h for h in hits]


# (round 74) the kabupaten's labour office said to have turned the teller away to the province ('disuruh ke
# provinsi', 'katanya pengawas di provinsi', 'bukan wewenang mereka') (sent_up_to_the_province)
_LABOUR = frozenset({"disnaker"})
_SENT_UP = SENT | TOLD_TO | frozenset(fold_key(w) for w in (
    "dibilang", "bilang", "katanya", "kata", "ktnya", "diarahkan", "dioper", "dilempar", "dialihkan"))
_INSPECTION = frozenset(fold_key(w) for w in ("pengawas", "pengawasan", "pengawasnya", "wewenang", "kewenangan"))
_NOT_THEIRS = frozenset(fold_key(w) for w in ("bukan", "bkn", "lain", "tidak", "tdk", "gak", "ga", "ndak", "sanes"))
_DUTY = frozenset(fold_key(w) for w in ("wewenang", "kewenangan", "wewenangnya", "urusan", "urusannya", "tugas",
                                        "tugasnya", "ranah"))
_UP_REACH = 4  # words from 'disuruh' or 'pengawasan' to 'provinsi' ('dibilang pengawasan di provinsi di Mataram')
_DOOR_REACH = 8  # words from the office named to what it said ('disnaker kab di Lhoksukon katanya bukan wewenang')


def sent_up_to_the_province(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ngadu ke disnaker kota disuruh ke provinsi', 'udh ke disnaker kab tp katanya pengawas di provinsi', 'lapor ke
    dinas tenaga kerja Halmahera Tengah, katanya pengawasan bukan wewenang mereka': the labour office of the kabupaten
    said to have sent the teller on to the province, or to have disclaimed the case, is the door already knocked at;
    labour inspection is the province's (UU 23/2014, manpower affairs; LABELLING.md: an inspection asked for goes to
    the province's labour inspectors), so the labour office's words are the province's."""
    words = [fold_key(t.text) for t in tokens]
    labour = [h for h in hits if h.entry.target in _LABOUR and h.entry.level is None]
    if not labour:
        return hits
    doors = [h.end for h in labour if h.entry.source == "alias"]  # the office itself knocked at, named

    def after_the_door(k: int) -> bool:
        return any(0 <= k - d <= _DOOR_REACH for d in doors)

    def sent_up(k: int) -> bool:  # 'disuruh ke provinsi', 'pengawas di provinsi'
        return words[k] in PROVINCE_WORDS and after_the_door(k) and any(
            words[j] in _SENT_UP | _INSPECTION for j in range(max(0, k - _UP_REACH), k))

    def disclaimed(k: int) -> bool:  # 'bukan wewenang mereka', 'katanya bukan urusan kabupaten'
        return words[k] in _NOT_THEIRS and k + 1 < len(words) and words[k + 1] in _DUTY and after_the_door(k)

    if not any(sent_up(k) or disclaimed(k) for k in range(len(words))):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, level="prov"), h.q) if h in labour else h for h in hits]


# a health card said switched off ('kartu KIS tiba2 nonaktif', 'kartunya tidak aktif', 'BPJS PBI dinonaktifkan')
# (card_off_at_the_hospital)
_CARDS = frozenset(fold_key(w) for w in ("kartu", "kartunya", "kis", "bpjs", "jkn", "pbi", "bpjsnya", "kisnya"))
_SWITCHED_OFF = frozenset(fold_key(w) for w in (
    "nonaktif", "dinonaktifkan", "dinonaktifkeun", "dinonaktifin", "nonaktifkan", "diblokir", "terblokir", "mati"))
_ACTIVE = frozenset(fold_key(w) for w in ("aktif", "aktip", "berlaku"))
_CARD_REACH = 6  # words from the card to its state ('kartu BPJS PBI ibu saya tiba tiba tidak aktif')


def card_off_at_the_hospital(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'Dari dulu kami dapat KIS PBI, tiba2 kartu kami dinonaktifkan. Anak saya dibawa ke RSUD disuruh bayar umum',
    'ditolak di RSUD X karena katanya kartu nonaktif': a health card switched off is what the story is about, put
    right by whoever keeps its membership (BPJS Kesehatan, or the social office that proposes its poor members); the
    hospital where it was refused is where, a word at VENUE_WEIGHT, as card_at_the_hospital reads it when the pair
    'kartu ... nonaktif' is found."""
    words = [fold_key(t.text) for t in tokens]

    def off(k: int) -> bool:
        return words[k] in _SWITCHED_OFF or (words[k] in _ACTIVE and k > 0 and words[k - 1] in LACKING | _NOT)

    cards = [k for k, w in enumerate(words) if w in _CARDS]
    if not any(off(k) and any(0 < k - c <= _CARD_REACH for c in cards) for k in range(len(words))):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT), h.q)
            if h.entry.source == "alias" and (h.entry.target in CARE_VENUES or h.entry.target.endswith("-rsud"))
            else h for h in hits]


# the letters the kelurahan and the kecamatan write ('surat pengantar', 'surat keterangan usaha', 'surat domisili'),
# and their offices and heads said (letter_from_the_kelurahan)
_LETTERS = frozenset(fold_key(w) for w in ("pengantar", "keterangan", "domisili", "sktm", "skd", "sku"))
_LETTER_WORD = frozenset(fold_key(w) for w in ("surat", "srt"))
_OWN_OFFICES = frozenset(fold_key(w) for w in ("kelurahan", "lurah", "kelurahannya", "camat"))
_LETTER_FOR_REACH = 3  # words after the letter that say what it is for ('surat pengantar ktp sama kk')
_OFFICE_REACH = 10  # words between the letter and the office that writes it ('lurah ... ngurus surat tanah')
_KELURAHAN_LETTER = Entry("pemda", "keyword", 5.0, "lainnya")


def letter_from_the_kelurahan(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'di kantor kelurahan bikin surat pengantar ktp sama kk ditarik 20 ribu', 'lurah njaluk duit kanggo ngurus surat
    tanah', 'surat pengantar nikah di kelurahan diminta 150 ribu': a letter the kelurahan or the kecamatan writes is
    their own service, and they are the kabupaten/kota's own apparatus (its pemda; a desa's letter is the village's,
    'surat pengantar' already says so); the paper the letter is for ('ktp', 'nikah', 'tanah') is what it is for, a
    word at VENUE_WEIGHT. Not with the civil registry named ('di kelurahan disuruh ke capil': the registry's paper)."""
    words = [fold_key(t.text) for t in tokens]
    offices = [k for k, w in enumerate(words)
               if w in _OWN_OFFICES or (w == "kecamatan" and k > 0 and words[k - 1] == "kantor")]
    if not offices or any(
            w in {"desa", "kades", "ds"} for w in words) or any(
            h.entry.source == "alias" and h.entry.target in ("dukcapil", "ditjen-dukcapil") for h in hits):
        return hits
    letters = [k for k in range(1, len(words)) if words[k - 1] in _LETTER_WORD and (
        words[k] in _LETTERS or any(h.start == k and h.entry.target in PAPER_KINDS for h in hits))
        and any(abs(k - o) <= _OFFICE_REACH for o in offices)]
    if not letters:
        return hits
    for_what = {j for k in letters for j in range(k, min(len(words), k + _LETTER_FOR_REACH + 1))}
    out = [in_passing(h)
           if h.entry.source == "keyword" and h.entry.target in PAPER_KINDS | {"dpmd", "dinsos"}
           and h.start in for_what else h for h in hits]
    return [*out, PhraseHit(letters[0] - 1, letters[0] + 1, _KELURAHAN_LETTER, 1.0)]


# a private employer's wage said late, held or docked ('gaji telat 2 bulan', 'gaji kami dipotong terus') beside BPJS
# TK it did not pay (wages_withheld_with_bpjs_tk)
_WAGES = frozenset(fold_key(w) for w in ("gaji", "gajinya", "gajine", "upah", "upahnya", "thr", "lembur", "honor"))
_WITHHELD = frozenset(fold_key(w) for w in (
    "telat", "terlambat", "ditahan", "nunggak", "tertunggak", "dipotong", "dicicil", "ngadat", "macet"))
_FOR_IT = frozenset(fold_key(w) for w in ("untuk", "utk", "buat", "bwt", "kanggo", "gawe"))  # 'dipotong untuk iuran'
_WAGE_REACH = 3  # words from the wage to its state ('gaji kami dipotong', 'gaji telat 2 bulan')


def wages_withheld_with_bpjs_tk(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'kerja di pabrik sepatu, gaji telat 2 bulan, BPJS TK gak dibayar pabrik', 'gaji kami dipotong terus tidak ada
    slip, bpjs ketenagakerjaan juga gak didaftarkan sama perusahaan': wages a private employer holds back are among
    its wrongs as much as a dismissal or unpaid severance (LABELLING.md: unpaid wages → the labour office), so BPJS TK
    it did not pay is one more of them (employer_owes_bpjs_tk, given the wage as the other wrong). A deduction said to
    be for the contribution itself ('dipotong untuk iuran') is no other wrong."""
    words = [fold_key(t.text) for t in tokens]
    if not any(h.entry.target in BPJS_TK for h in hits) or not any(w in _EMPLOYER_WORDS for w in words):
        return hits

    def withheld(k: int) -> bool:
        return words[k] in _WAGES and any(
            words[j] in _WITHHELD and not (j + 1 < len(words) and words[j + 1] in _FOR_IT)
            for j in range(k + 1, min(len(words), k + 1 + _WAGE_REACH)))

    wage = next((k for k in range(len(words)) if withheld(k)), None)
    if wage is None:
        return hits
    said = PhraseHit(wage, wage + 1, Entry("disnaker", "keyword", _WRONG_WEIGHT, "lainnya"), 1.0)
    reread = employer_owes_bpjs_tk([*hits, said], tokens)
    return hits if reread[:-1] == hits else reread


# (round 78) a benefit the regional government itself promised ('bantuan ... yg dijanjikan pak bupati', 'beasiswa yang
# dijanji pemda') (promised_by_the_regent)
_PROMISED = frozenset(fold_key(w) for w in (
    "janji", "dijanji", "dijanjikan", "dijanjiin", "dijanjike", "menjanjikan", "janjinya", "berjanji", "dijanji2"))
_BENEFITS = frozenset(fold_key(w) for w in (
    "bantuan", "bansos", "beasiswa", "insentif", "insentifnya", "honor", "honornya", "tunjangan", "santunan", "modal",
    "hibah"))
_PROMISE_REACH = 3  # words between the promise and the government that made it ('dijanjikan pak bupati')
_BENEFIT_REACH = 20  # words from the benefit to the government promising it (one sentence: "bantuan benih
# dan pupuk utk korban gagal panen di tempat kami yg dijanjikan pak pemda")
# a thing's own state (a pair, 6 or more) still outweighs the promise ('jalan hancur, pemkab janji diperbaiki')
_PROGRAM_WEIGHT = 6.0
_REGENTS_OWN = Entry("pemda", "keyword", 8.0, "lainnya")  # as sure as a cause said (a blocked drain), over the prior
_WHAT_FOR_WEIGHT = 1.0  # each word of what the benefit is for ('benih', 'pupuk', 'kelompok tani' add up no further)


def promised_by_the_regent(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'bantuan benih dan pupuk yg dijanjikan pak bupati waktu kunjungan sampai skrg ga ada', 'beasiswa anak yatim yang
    dijanji pemda tahun lalu belum cair': a benefit the regional government (the regent, the mayor, the pemda named)
    is said to have promised is its promise to keep, the kabupaten/kota's pemda's to answer for; the words of what the
    benefit is for (seed, school, orphans) say what, a word said in passing each (several add up to no office). A
    thing's own state said (a pair, 'jalan hancur') keeps its office; a benefit only said to come from the pemda
    ('bantuan traktor dari pemerintah daerah') is the programme's office's (the seen sets label it so)."""
    words = [fold_key(t.text) for t in tokens]
    regents = [h for h in hits if h.entry.target == "pemda"]
    benefits = [k for k, w in enumerate(words) if w in _BENEFITS]
    if not regents or not benefits:
        return hits

    def promised(h: PhraseHit) -> bool:  # 'dijanjikan pak bupati', 'bupati janji'
        near = (*range(max(0, h.start - _PROMISE_REACH), h.start), *range(h.end, min(len(words), h.end + 2)))
        return any(words[k] in _PROMISED for k in near) and any(abs(h.start - b) <= _BENEFIT_REACH for b in benefits)

    if not any(promised(h) for h in regents):
        return hits
    out = [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _WHAT_FOR_WEIGHT), level=None), h.q)
           if h.entry.source == "keyword" and h.entry.target and h.entry.target != "pemda"
           and h.entry.weight < _PROGRAM_WEIGHT else h for h in hits]
    at = next(h for h in regents if promised(h))
    return [*out, PhraseHit(at.start, at.end, _REGENTS_OWN, 1.0)]


# (round 80) the people the social office looks after ('janda', 'lansia', 'tunanetra', 'yatim') and an aid they are
# said not to get ('tidak pernah dapat bantuan', 'gk dapet bantuan', 'tra pernah terima bantuan') (aid_withheld)
_IN_NEED = frozenset(fold_key(w) for w in (
    "janda", "janda2", "lansia", "jompo", "yatim", "piatu", "tunanetra", "tunarungu", "tunawicara", "tunadaksa",
    "lumpuh", "cacat", "disabilitas", "difabel", "miskin", "dhuafa", "duafa", "renta", "sebatang", "odgj"))
_GOT = frozenset(fold_key(w) for w in (
    "dapat", "dapet", "dpt", "mendapat", "mendapatkan", "terima", "menerima", "diterima", "dikasih", "kebagian",
    "dapatkan", "nerima", "entuk", "olih"))
_AID = frozenset(fold_key(w) for w in ("bantuan", "bantuannya", "bansos"))
_GOT_REACH = 3  # words from 'tidak' to the aid ('tidak pernah dapat bantuan', 'gk dapet bantuan')
_AID_WITHHELD = Entry("dinsos", "keyword", 6.0, "sosial")  # as sure as 'bansos' or 'pkh' said


def aid_withheld(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ibu sy janda gk dapet bantuan apapun', 'bapa tua tunanetra tinggal sendiri, tidak pernah dapat bantuan':
    a widow, an old, disabled or poor person said not to get aid is the social office's to look after (UU 23/2014,
    social affairs: the protection of the poor, the disabled and the old), the word 'bantuan' as sure as 'bansos';
    the other offices' words keep theirs and the story decides. An aid named for another office's thing ('bantuan
    bedah rumah', 'bantuan bibit') is that office's programme."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _IN_NEED for w in words):
        return hits

    def withheld(k: int) -> bool:  # 'tidak (pernah) dapat bantuan'
        return words[k] in _AID and any(
            words[j] in _NOT | LACKING and any(words[i] in _GOT for i in range(j + 1, k))
            for j in range(max(0, k - _GOT_REACH - 1), k))

    at = next((k for k in range(len(words)) if withheld(k)), None)
    if at is None or any(h.start in (at + 1, at + 2) and h.entry.source == "keyword" and h.entry.target != "dinsos"
                         for h in hits):  # 'tidak dapat bantuan bedah rumah': another office's programme
        return hits
    return [h for h in hits if not (h.start == at and h.entry.target == "dinsos")] + [
        PhraseHit(at, at + 1, _AID_WITHHELD, 1.0)]


# (round 80) a conflict ('kacau', 'kerusuhan', 'bentrok', 'perang suku') said with homes burned (burned_in_a_conflict)
_CONFLICT = frozenset(fold_key(w) for w in (
    "kacau", "kekacauan", "rusuh", "kerusuhan", "bentrok", "bentrokan", "konflik", "perang", "tawuran", "amuk",
    "diamuk", "mengamuk", "pertikaian"))


def burned_in_a_conflict(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'honai banyak yang terbakar waktu kacau kemarin, mama-mama tidur di gereja', 'rumah kami dibakar waktu
    kerusuhan': homes burned in a conflict are a social disaster's harm, its victims' food and shelter the social
    office's (UU 23/2014, social affairs); the fire is over, so the fire brigade's words are the social office's."""
    if not any(fold_key(t.text) in _CONFLICT for t in tokens):
        return hits
    return [PhraseHit(h.start, h.end, _PEOPLES_AID, h.q)
            if h.entry.source == "keyword" and h.entry.target == "damkar" else h for h in hits]


# (round 80) a private hospital or clinic ('RS swasta', 'rumah sakit swasta', 'klinik swasta') and BPJS said
# (private_care_on_bpjs)
_PRIVATE = frozenset(fold_key(w) for w in ("swasta",))
_HOSPITALS = frozenset(fold_key(w) for w in ("rs", "rsu", "rsia", "rsb", "sakit", "klinik", "rumkit"))
_BPJS_WORDS = frozenset(fold_key(w) for w in ("bpjs", "kis", "jkn", "bpjsnya", "bpjskes"))


def private_care_on_bpjs(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ibu saya rawat inap di RS swasta pakai BPJS, disuruh bayar selisih': a private hospital is no kabupaten's
    RSUD; what it does to a BPJS patient is BPJS Kesehatan's to put right (it contracts the hospital), so the public
    hospital's words ('rawat inap', 'RS') are the care BPJS pays for there, one word however many are said."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _PRIVATE and any(words[j] in _HOSPITALS for j in range(max(0, k - 2), k))
               for k, w in enumerate(words)) or not any(w in _BPJS_WORDS for w in words):
        return hits
    venues = [h for h in hits if h.entry.source == "keyword" and h.entry.target in CARE_VENUES]
    if not venues:
        return hits
    first = venues[0]
    return [h for h in hits if h not in venues] + [
        PhraseHit(first.start, first.end, replace(first.entry, target="bpjs-kesehatan", level=None), first.q)]


# (round 80, second pass) children ('anak kecil', 'bocah', 'budak kecik') said begging or busking in the street
# (children_on_the_street)
_STREET_LIFE = frozenset(fold_key(w) for w in (
    "pengemis", "ngemis", "mengemis", "pengamen", "ngamen", "mengamen", "silver", "gelandangan", "jalanan", "anjal",
    "gepeng", "badut"))
_CHILDREN = frozenset(fold_key(w) for w in (
    "anak", "anak2", "anak-anak", "bocah", "bocah2", "bocil", "budak", "balita", "bayi", "cah", "bocahe"))
_STREET_PLACES = frozenset({"pupr", "dishub"})


def children_on_the_street(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'akeh pengamen karo manusia silver bocah cilik', 'budak kecik ngamen di bawah jembatan sampe tengah malem':
    children begging or busking in the street are the social office's to take in (UU 23/2014, social affairs: the
    rehabilitation of street children), however the public order office's words for adults on the street read; the
    bridge, crossroads or terminal they sit at is where, a word at VENUE_WEIGHT."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _STREET_LIFE for w in words) or not any(w in _CHILDREN for w in words):
        return hits

    def street(h: PhraseHit) -> bool:
        return h.entry.source == "keyword" and any(w in _STREET_LIFE for w in words[h.start:h.end])

    return [PhraseHit(h.start, h.end, replace(h.entry, target="dinsos", category="sosial"), h.q)
            if street(h) and h.entry.target == "satpolpp"
            else in_passing(h)
            if h.entry.source == "keyword" and h.entry.target in _STREET_PLACES and not street(h) else h
            for h in hits]


# (round 80, second pass) the disabled said ('difabel', 'kursi roda', 'tunanetra') with a building's or a stop's way in
# ('toilet difabel', 'ga ada ramp', 'cuma ada tangga', 'guiding block') (access_for_the_disabled)
_DISABILITY = frozenset(fold_key(w) for w in (
    "difabel", "disabilitas", "kursi", "roda", "tunanetra", "tunadaksa", "kruk", "penyandang", "cacat"))
_WAY_IN = frozenset(fold_key(w) for w in (
    "toilet", "wc", "ramp", "ramp-nya", "lift", "lif", "tangga", "tangganya", "tanggane", "guiding", "akses",
    "aksesibilitas", "ambulift", "pegangan", "eskalator", "undakan", "jalur"))
_AID_ASKED = frozenset(fold_key(w) for w in (
    "bantuan", "bansos", "santunan", "bantu", "kartu", "terapi", "pelatihan", "dinsos", "sosial"))
_IN_PASSING = 1.0  # who the way in is for, said in passing: the place's office decides


def access_for_the_disabled(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'toilet difabel di terminal dikunci terus', 'halte cuma ada tangga, anak saya pakai kursi roda tidak bisa naik',
    'kantor camat tangganya tinggi, nyanda ada jalan for kursi roda': a building's or a stop's way in for the disabled
    (toilet, ramp, lift, stairs) is built and kept by whoever runs the place (the terminal's, the market's, the
    kecamatan's office; Permen PUPR 14/2017 on accessible buildings), so the words of who it is for count in passing;
    an aid, a card or a service asked for the disabled keeps the social office's."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _WAY_IN for w in words) or any(w in _AID_ASKED for w in words):
        return hits

    def who(h: PhraseHit) -> bool:
        return h.entry.source == "keyword" and h.entry.target == "dinsos" and all(
            w in _DISABILITY for w in words[h.start:h.end])

    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _IN_PASSING), level=None), h.q)
            if who(h) else h for h in hits]


# (round 80, second pass) a pay ('honor', 'insentif', 'tunjangan') said to come from the regional government ('dari
# pemkot', 'dari pemkab') and not paid (pay_from_the_regional_government)
_PAYS = frozenset(fold_key(w) for w in (
    "honor", "honornya", "insentif", "insentifnya", "tunjangan", "tunjangannya", "honorarium"))
_FROM = frozenset(fold_key(w) for w in ("dari", "dr", "dri", "saking", "teko", "tekan"))
_PAY_REACH = 5  # words from the pay to the government paying it ('honor guru ngaji TPA dari pemkot')


def pay_from_the_regional_government(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'honor guru ngaji TPA dari pemkot belum cair setahun', 'insentif guru ngaji dari pemkab belum cair tahun ini':
    a pay the regional government itself gives (from its own budget, through its secretariat) and has not paid is the
    kabupaten/kota's pemda's to answer for, as a promise it made is (promised_by_the_regent); who is paid (the Koran
    teacher, the cadre) says what, a word in passing each. An aid programme said to come from the pemda ('bantuan
    traktor dari pemerintah daerah') is no pay, and keeps its office."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _PAYS for w in words) or not any(w in _NOT | LACKING for w in words):
        return hits

    def paid_by(h: PhraseHit) -> bool:  # 'honor ... dari pemkot'
        return h.entry.target == "pemda" and h.start > 0 and words[h.start - 1] in _FROM and any(
            words[k] in _PAYS for k in range(max(0, h.start - _PAY_REACH), h.start))

    at = next((h for h in hits if paid_by(h)), None)
    if at is None:
        return hits
    out = [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _WHAT_FOR_WEIGHT), level=None), h.q)
           if h.entry.source == "keyword" and h.entry.target and h.entry.target != "pemda"
           and h.entry.weight < _PROGRAM_WEIGHT else h for h in hits]
    return [*out, PhraseHit(at.start, at.end, _REGENTS_OWN, 1.0)]


# (round 82) land a public project took ('tanah kena proyek bandara', 'lemah kanggo bandara', 'lahan tol') with its
# payment said owed (land_taken_for_a_project)
_LAND = frozenset(fold_key(w) for w in (
    "tanah", "tanahnya", "tanahe", "lahan", "lahannya", "lemah", "lemahe", "taneuh", "taneuhna", "sawah", "sawahnya",
    "kebun", "kebon", "pekarangan"))
_COMPENSATION = frozenset(fold_key(w) for w in (
    "dibayar", "dibayarkan", "dibayarke", "dibayarin", "ganti", "gantirugi", "kerohiman", "pembebasan", "dibebaskan"))
# the operators of the works land is taken for (the airport's and port's ministry, the toll road's, the railway's)
_PROJECT_OPERATORS = frozenset({"kemenhub", "jasa-marga", "kai"})
_LAND_ACQUISITION = Entry("bpn", "keyword", 5.0, "pertanahan")


def land_taken_for_a_project(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tanah abdi kanggo bandara can dibayar', 'lemah mbah kanggo bandara durung dibayar', 'lahan warga kena jalan tol
    belum dibayar ganti rugi': land taken for a public project and its compensation owed is the land office's
    procedure (UU 2/2012: the Kantor Pertanahan runs the acquisition, measures the plots and hands over the payment),
    not the airport's, toll road's or railway's operator, said only as what the land went to (a word at VENUE_WEIGHT).
    A 'lahan parkir' is a car park, no land taken."""
    words = [fold_key(t.text) for t in tokens]
    land = [k for k, w in enumerate(words) if w in _LAND and not (k + 1 < len(words) and words[k + 1] == "parkir")]
    if not land or not any(w in _COMPENSATION for w in words):
        return hits
    operators = [h for h in hits if h.entry.source == "keyword" and h.entry.target in _PROJECT_OPERATORS]
    if not operators:
        return hits
    out = [in_passing(h)
           if h in operators else h for h in hits]
    return [*out, PhraseHit(land[0], land[0] + 1, _LAND_ACQUISITION, 1.0)]


# (round 82) the kecamatan's or kelurahan's own office, and its staff said away from it ('pegawai kantor camat sering
# tdk ada di tempat', 'lurah jarang ngantor', 'petugas bolos') (staff_away_from_the_office)
_SUB_OFFICES = frozenset(fold_key(w) for w in ("camat", "kecamatan", "kelurahan", "lurah", "distrik"))
_AWAY_AFTER_NOT = frozenset(fold_key(w) for w in ("ada", "ngantor", "masuk", "ditempat", "dikantor"))
_SELDOM = frozenset(fold_key(w) for w in ("jarang", "jrg"))  # 'sering' only with a no: 'sering tdk ada'
_TRUANT = frozenset(fold_key(w) for w in ("bolos", "mangkir", "keluyuran"))
_STAFF_CONDUCT = Entry("pemda", "keyword", 5.0, "lainnya")  # as sure as a letter the kelurahan writes
_STAFF_REACH = 12  # words between the office and its staff said away ('kantor camat ... sering tdk ada di tempat')


def staff_away_from_the_office(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'pegawai kantor camat sering tdk ada di tempat jam kerja, urus surat pindah harus nunggu besoknya', 'lurah
    jarang ngantor, mau urus KK ditunda terus': staff of the kecamatan's or kelurahan's office away in working hours is
    that office's conduct, the kabupaten/kota's own apparatus (its pemda) to answer for, whatever paper the teller
    came for; the paper (surat pindah, KK, an izin) says what for, a word at VENUE_WEIGHT. Not with another office
    named ('pegawai disdukcapil tidak ada di tempat' is the registry's own staff)."""
    words = [fold_key(t.text) for t in tokens]
    offices = [h for h in hits if h.entry.target == "pemda" and h.entry.source == "keyword"
               and any(w in _SUB_OFFICES for w in words[h.start:h.end])]
    if not offices or any(h.entry.source == "alias" and h.entry.target != "pemda" for h in hits):
        return hits

    def away(k: int) -> bool:  # 'tdk ada di tempat', 'jarang ngantor', 'gak masuk', 'bolos'
        if words[k] in _TRUANT:
            return True
        before = words[max(0, k - 2):k]
        return words[k] in _AWAY_AFTER_NOT and any(w in LACKING | _SELDOM for w in before) and (
            words[k] != "ada" or (k + 2 < len(words) and words[k + 1] == "di" and words[k + 2] in {"tempat", "kantor"}))

    at = next((k for k in range(len(words)) if away(k) and any(abs(k - o.start) <= _STAFF_REACH for o in offices)),
              None)
    if at is None:
        return hits
    out = [in_passing(h)
           if h.entry.source == "keyword" and h.entry.target in PAPER_KINDS | {"dpmptsp"} else h for h in hits]
    return [*out, PhraseHit(at, at + 1, _STAFF_CONDUCT, 1.0)]


# (round 82, d2) an unlicensed mine ('tambang emas liar', 'TI timah ilegal', 'ponton ilegal', 'dompeng') said with what
# makes it a crime the police act on (a_mine_to_stop)
_MINE_WORDS = frozenset(fold_key(w) for w in (
    "tambang", "penambangan", "penambang", "nambang", "menambang", "pertambangan", "dompeng", "ponton", "galian",
    "ti", "sumur", "peti", "tambangnya"))
_UNLICENSED = frozenset(fold_key(w) for w in ("ilegal", "illegal", "ilegall", "liar", "peti"))
_PERMITS = frozenset(fold_key(w) for w in ("izin", "ijin", "izinnya", "ijinnya"))
_NO_PERMIT = frozenset(fold_key(w) for w in ("tanpa", "tdk", "tidak", "gak", "ga", "dak", "tak", "ndak", "nggak"))
# ...the teller threatened by its men, asked to stop it, or the authorities said idle (men killed in its pits are not
# enough: the seen sets label 'ada yg ketimbun' in an illegal pit the police's once and the mining office's once)
_THREATENED = frozenset(fold_key(w) for w in ("diancam", "mengancam", "ancam", "diancem", "diintimidasi"))
_STOP_IT = frozenset(fold_key(w) for w in ("hentikan", "dihentikan", "berhentikan", "stop", "ditangkap", "tangkap"))
# (round 83) ...or its closing asked for ('tolong ditutup', 'tulung ditutup', 'mohon segera ditutup'; not 'lubang bekas
# galian gk ditutup', a pit left open, nor 'aparat tutup mata')
_CLOSE_IT = frozenset(fold_key(w) for w in ("ditutup", "tutup", "tutupkan", "ditutupkan", "tutupin", "ditutupin"))
_PLEAS = frozenset(fold_key(w) for w in ("tolong", "tulung", "tlg", "mohon", "mhn", "minta", "harap", "nyuwun",
                                         "segera"))
_AUTHORITIES = frozenset(fold_key(w) for w in ("aparat", "polisi", "aparatnya", "penegak"))
_IDLE = frozenset(fold_key(w) for w in ("diam", "diem", "tutup", "pembiaran", "membiarkan", "tidur", "cuek"))
_NO_ACTION = frozenset(fold_key(w) for w in ("tindakan", "larang", "melarang", "menindak", "ditindak"))
_IDLE_REACH = 3  # words from the authorities to their idleness ('aparat diam saja', 'aparat tutup mata')
# ...the offices of what it harmed: water fouled, fish gone, fields and land broken, a slide
_A_MINES_HARM = frozenset({"dlh", "pdam", "diskan", "distan", "pupr", "bpn", "bpbd", "dpmptsp"})
_MINE_REACH = 6  # words from the mine to its being unlicensed ('tambang emas liar', 'TI timah ilegal')


def a_mine_to_stop(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tambang emas liar di sungai, kalau kami tegur kami diancam', 'penambangan emas ilegal ... aparat diam saja',
    'ponton timah ilegal ... sudah lapor tapi tidak ada tindakan': an unlicensed mine (PETI) with its men threatening
    the teller, the stop of it asked or the authorities said idle is a crime, the police's to act on
    (bench/data/LABELLING.md's mine rule: stop an unlicensed mine or catch its men → police), as illegal_mine reads
    'tolong ditindak'; its fouled water and broken land are what it did, said in passing. An unlicensed mine with none
    of these (a pit left open, a permit) keeps its office."""
    words = [fold_key(t.text) for t in tokens]
    if any(h.entry == MINE_CRIME for h in hits):
        return hits

    def unlicensed(k: int) -> bool:
        return words[k] in _UNLICENSED or (words[k] in _PERMITS and k > 0 and words[k - 1] in _NO_PERMIT) or (
            no_permit(words, k))

    mines = [k for k, w in enumerate(words) if w in _MINE_WORDS
             and any(unlicensed(j) for j in range(max(0, k - _MINE_REACH), min(len(words), k + _MINE_REACH + 1)))]
    if not mines:
        return hits

    def crime(k: int) -> bool:
        w = words[k]
        if w in _THREATENED or w in _STOP_IT:
            return True
        if force_asked(words, k) and any(x in _PLEAS | _AUTHORITIES for x in words[max(0, k - 2):k + 3]):
            # (round 85) 'ora ana ijine, mohon ditindak', 'mohon aparat nertibke': the law asked enforced on it
            return True
        if w in _CLOSE_IT:
            return any(x in _PLEAS for x in words[max(0, k - 2):k]) and not (
                k + 1 < len(words) and words[k + 1] == "mata")
        if w in _AUTHORITIES:
            return any(x in _IDLE for x in words[k + 1:k + 1 + _IDLE_REACH])
        return w in _NO_ACTION and any(x in _NOT | LACKING for x in words[max(0, k - 3):k])

    at = next((k for k in range(len(words)) if crime(k)), None)
    if at is None:
        return hits
    # the mine's permit, its fouled water and broken land are what the crime did: a word in passing each
    out = [in_passing(h)
           if h.entry.source == "keyword" and h.entry.target in _A_MINES_HARM else h for h in hits]
    return [*out, PhraseHit(at, at + 1, MINE_CRIME, 1.0)]


# (round 82, d2) thugs said extorting ('dipalak preman', 'preman malakin sopir', 'preman minta uang keamanan': the
# extortion pairs of keyword_pairs.csv, the police's) (extorted_by_thugs)
_THUGS = frozenset(fold_key(w) for w in ("preman", "premannya", "preman2", "premanisme"))
_EXTORTED = frozenset(fold_key(w) for w in (
    "dipalak", "dipalakin", "dipalaki", "dipungli", "malak", "malakin", "memalak", "palak", "keamanan", "setoran",
    "jatah"))
# ...unless a charge the place itself levies is said ('retribusi', 'karcis', 'tiket', 'parkir'): then the levy's office
_LEVIES = frozenset(fold_key(w) for w in (
    "retribusi", "karcis", "tiket", "tarif", "resmi", "parkir", "parkiran", "jukir", "pungutan"))
# the offices of the places thugs work and of the trades they prey on (a terminal, a market, an ojol's base)
_PREYED_PLACES = frozenset({"dishub", "disperindag", "kemenhub", "pupr"})


def extorted_by_thugs(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'sering dipalak preman di terminal, aku ojol tiap hari harus setor', 'preman di pasar malakin pedagang': thugs
    extorting are a crime, the police's, wherever they do it; the terminal, the market or the road where, and the
    teller's trade (ojol, angkot), are where and who, a word at VENUE_WEIGHT each. A charge the place levies said
    ('retribusi', 'karcis', 'parkir') keeps the levy's office (the seen sets label it so)."""
    words = [fold_key(t.text) for t in tokens]
    if any(w in _LEVIES for w in words) or not any(
            h.entry.source == "keyword" and h.entry.target in POLICE and h.end - h.start > 1
            and {*words[h.start:h.end]} & _THUGS and {*words[h.start:h.end]} & _EXTORTED for h in hits):
        return hits
    return [in_passing(h)
            if h.entry.source == "keyword" and h.entry.target in _PREYED_PLACES else h for h in hits]


# (round 94, O) a vehicle a finance company's collectors took by force on the road ('motor ditarik paksa debt collector
# di jalan', 'motor saya dirampas debt collector'): the seizure by force is the police's to act on, the lender's
# conduct how it came about (seized_by_force)
_BY_FORCE = frozenset(fold_key(w) for w in ("dirampas", "merampas", "dirampok", "direbut", "dijabel"))
_COLLECTORS = frozenset(fold_key(w) for w in ("debt", "collector", "dc", "matel", "elang", "penagih", "leasing",
                                              "leasingnya", "leasing2"))


def seized_by_force(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'Motor sepupu saya ditarik paksa debt collector leasing di jalan ... gak ada surat pengadilan. Tolong ditindak',
    'motor saya dirampas debt collector di jalan': collectors seizing a vehicle by force are the police's (a seizure
    the debtor refuses needs a court), the lender's words (leasing, debt collector) said in passing. A fee or a fine
    of the lender said with no force ('ada biaya tarik padahal motor masih di rumah') stays the finance authority's."""
    words = [fold_key(t.text) for t in tokens]
    forced = bool(_BY_FORCE & set(words)) or any(
        w in ("ditarik", "tarik", "diambil") and words[k + 1] == "paksa" for k, w in enumerate(words[:-1]))
    if not forced or not any(h.entry.source == "keyword" and h.entry.target == "ojk"
                             and _COLLECTORS & set(words[h.start:h.end]) for h in hits):
        return hits
    return [in_passing(h) if h.entry.source == "keyword" and h.entry.target == "ojk" else h for h in hits]


# (round 82, d2) a person said recorded as dead ('dinyatakan meninggal', 'tercatat meninggal', 'status sudah mati')
# (recorded_as_dead)
_RECORDED = frozenset(fold_key(w) for w in (
    "dinyatakan", "tercatat", "dicatat", "terdata", "didata", "dianggap", "ditulis", "status", "statusnya", "dicatet",
    "tercatet"))
_DEAD = frozenset(fold_key(w) for w in ("meninggal", "mati", "wafat", "almarhum", "almarhumah", "tiada"))
_DEAD_REACH = 3  # words from the record to the death ('dinyatakan sudah meninggal', 'statusnya sdh meninggal')
# ...a record's own words ('tercatat', 'didata'); the others ('dinyatakan', 'status') are a hospital's or the news's
# too ('pasien dinyatakan meninggal di IGD'), so they count only with the person said alive ('padahal masih hidup')
_RECORD_WORDS = frozenset(fold_key(w) for w in ("tercatat", "dicatat", "terdata", "didata", "ditulis", "dicatet",
                                                "tercatet"))
_ALIVE = frozenset(fold_key(w) for w in ("hidup", "idup", "urip", "hirup"))
_STILL_LIVING = Entry("dukcapil", "keyword", 8.0, "kependudukan")  # as sure as a crime said: the record decides


def recorded_as_dead(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'nama bapak di data kependudukan dinyatakan meninggal, KIS nya nonaktif, bansos putus, padahal masih hidup': a
    living person recorded as dead is the civil registry's record to correct (LABELLING.md, the PBI row: a person
    wrongly recorded as dead → the civil registry); the card switched off or the aid stopped because of it are what
    the record cost, a word at VENUE_WEIGHT each."""
    words = [fold_key(t.text) for t in tokens]
    alive = any(w in _ALIVE for w in words)
    at = next((k for k, w in enumerate(words) if w in _RECORDED and (alive or w in _RECORD_WORDS) and any(
        x in _DEAD for x in words[k + 1:k + 1 + _DEAD_REACH])), None)
    if at is None:
        return hits
    out = [in_passing(h)
           if h.entry.source == "keyword" and h.entry.target in {"dinsos", *BPJS_KESEHATAN, *CARE_VENUES, "dinkes"}
           else h for h in hits]
    return [*out, PhraseHit(at, at + 1, _STILL_LIVING, 1.0)]


# (round 82, d2) a person said missing ('bocah wadon umur 14 ilang 3 dina', 'adik saya hilang kontak 8 bulan')
# (a_person_missing)
_KIN = frozenset(fold_key(w) for w in (
    "bocah", "anak", "anaknya", "adik", "adek", "ade", "nona", "putri", "putra", "putriku", "suami", "istri", "mbah",
    "nenek", "kakek", "cucu", "ponakan", "keponakan", "kakak", "kakakku", "adikku", "anakku", "bapak", "ibu", "mama",
    "bapa", "papa", "wadon", "wedok", "lanang", "perempuan", "laki", "remaja", "gadis", "cah", "putrane", "putrine",
    "tanggaku", "tetangga", "warga"))
_MISSING = frozenset(fold_key(w) for w in ("hilang", "ilang", "ngilang", "menghilang", "minggat", "kabur"))
_FOR_SOME_TIME = frozenset(fold_key(w) for w in ("kontak", "sejak", "wis", "sudah", "udah", "udh", "sdh"))
# ...a thing of the person's said missing ('nama nenek hilang', 'hp adik saya hilang 2 hari'): no person missing
_THINGS_OF = frozenset(fold_key(w) for w in (
    "nama", "namanya", "data", "kartu", "ktp", "kk", "hp", "motor", "sapi", "uang", "barang", "bantuan", "tas",
    "dompet", "bansos", "ijazah", "sepeda", "kambing", "hape"))
# between the person and 'hilang' only who they are: their age, whose they are ('bocah wadon tanggaku umur 14 ilang')
_WHO_FILLERS = frozenset(fold_key(w) for w in (
    "umur", "usia", "taun", "tahun", "thn", "th", "saya", "sy", "aku", "ku", "kami", "kula", "kulo", "beta", "ambo",
    "yg", "yang", "sudah", "sdh", "udah", "sekarang", "skrg", "saiki", "wis", "kelas", "smp", "sma", "sd"))
# ...nor one missing in a flood, a slide or at sea ('warga hilang sejak banjir bandang'): the rescue's and the disaster
# office's search, not a missing-person report
_IN_A_DISASTER = frozenset(fold_key(w) for w in FLOOD_WORDS | LANDSLIDE_WORDS | {
    "bandang", "tenggelam", "hanyut", "terseret", "laut", "gempa", "tsunami", "erupsi", "kapal", "perahu"})
_PERSON_MISSING = Entry("polri", "keyword", 6.0, "ketertiban")
_WHO_REACH = 6  # words from the person to 'hilang' ('bocah wadon tanggaku umur 14 ilang')


def a_person_missing(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'bocah wadon tanggaku umur 14 ilang 3 dina, digawa kenalan FB', 'adik saya hilang kontak sejak kerja di luar':
    a person said missing for a time is a missing-person report, the police's to search for (a person lost at sea or
    in a disaster, 'hilang di laut', is the rescue's, and not read here: the missing is followed by the time or the
    lost contact). A paper, a name or an aid said missing ('nama di DTKS ilang') is no person."""
    words = [fold_key(t.text) for t in tokens]

    def missing(k: int) -> bool:
        if words[k] not in _MISSING or k + 1 >= len(words):
            return False
        nxt = words[k + 1]
        if not (nxt.isdigit() or nxt in _FOR_SOME_TIME):
            return False
        for j in range(k - 1, max(-1, k - 1 - _WHO_REACH), -1):
            if words[j] in _KIN:
                return not (j > 0 and words[j - 1] in _THINGS_OF)
            if not (words[j] in _WHO_FILLERS or words[j].isdigit()):
                return False
        return False

    if any(w in _IN_A_DISASTER for w in words):
        return hits
    at = next((k for k in range(len(words)) if missing(k)), None)
    if at is None:
        return hits
    return [*hits, PhraseHit(at, at + 1, _PERSON_MISSING, 1.0)]


# (round 82, d2) violence ('kekerasan', 'kekerasan seksual') said done to a child or a woman (violence_at_home)
_VIOLENCE = frozenset(fold_key(w) for w in ("kekerasan",))
_CHILD_OR_WOMAN = frozenset(fold_key(w) for w in (
    "anak", "anaknya", "perempuan", "istri", "istrinya", "bocah", "remaja", "gadis", "putri", "ibu", "mama", "korban"))
# ...at a school or a boarding school, by its teacher: the school's office answers for what happens under its roof
_AT_SCHOOL = frozenset(fold_key(w) for w in (
    "guru", "gurunya", "sekolah", "pesantren", "pondok", "santri", "madrasah", "ustadz", "ustad", "senior",
    "seniornya"))
_VIOLENCE_REACH = 10  # words from the child to the violence ('anak perempuan kelas 5 SD ... sering dapat kekerasan')
_PROTECTION = Entry("dp3a", "keyword", 5.0, "sosial")  # as sure as the accompaniment asked (accompaniment_asked)


def violence_at_home(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ada anak perempuan SMP yg dapat kekerasan dari bapa tirinya, mamanya takut lapor': violence done to a child or
    a woman away from any school is the women and children protection office's to take up (UU 23/2014, the
    protection of women and children; its UPTD PPA receives and accompanies the victim), the school level said (SMP)
    only who the child is, a word at VENUE_WEIGHT; violence at a school or by its teacher keeps the school's office,
    and the police's words stay (accompaniment_asked reads a case already reported)."""
    words = [fold_key(t.text) for t in tokens]
    at = next((k for k, w in enumerate(words) if w in _VIOLENCE
               and any(x in _CHILD_OR_WOMAN for x in words[max(0, k - _VIOLENCE_REACH):k])), None)
    if at is None or any(w in _AT_SCHOOL for w in words) or any(
            h.entry.target == "dp3a" and h.start <= at < h.end for h in hits):
        return hits
    out = [in_passing(h)
           if h.entry.source == "keyword" and h.entry.target in _SCHOOL_KINDS else h for h in hits]
    return [*out, PhraseHit(at, at + 1, _PROTECTION, 1.0)]


# (round 93, O) 'saya guru SD di ...', 'ambo guru', 'abdi guru': the teller says they are a teacher (a_teacher_tells)
_I_AM = frozenset(fold_key(w) for w in (
    "saya", "sy", "aku", "ambo", "beta", "kulo", "kula", "abdi", "sa", "awak", "ulun", "lon", "nyong", "kami"))
_I_AM_FILLERS = frozenset(fold_key(w) for w in ("ini", "seorang", "adalah", "sebagai", "cuma", "hanya"))
_TEACHER = frozenset(fold_key(w) for w in ("guru", "pengajar", "walikelas"))
# ...and a teacher's own trouble (pay, status, the school's building or staff): the school's office's still
_TEACHERS_OWN = frozenset(fold_key(w) for w in (
    "honor", "honorer", "gaji", "gajinya", "tunjangan", "insentif", "sertifikasi", "bos", "p3k", "pppk", "kontrak",
    "atap", "bocor", "roboh", "ruang", "bangunan", "kekurangan", "mutasi", "dipecat", "diberhentikan"))


def _teacher_teller(words: list[str]) -> int | None:
    """Where the teller says they are a teacher ('saya guru SD', 'ambo ini guru'): the teacher word's index."""
    for k, w in enumerate(words):
        if w not in _I_AM:
            continue
        j = k + 1
        while j < len(words) and words[j] in _I_AM_FILLERS:
            j += 1
        if j < len(words) and words[j] in _TEACHER:
            return j
    return None


def a_teacher_tells(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'saya guru SD di Muara Badak, ada murid saya sering datang dgn lebam ... apa bisa dinas PPA turun?', 'ambo guru
    SD, ado murid ambo dicubit dek ibu tirinyo': a teacher who tells of a pupil hurt by the family is who the teller is,
    and the pupil's protection the women and children office's (its words, or the office named, read): the teller's
    own 'guru' is no word of the trouble, and the pupil and the school level said count at VENUE_WEIGHT with no level.
    Not with a teacher's own trouble said (pay, status, the building: the school's office's), nor with no protection
    word read."""
    words = [fold_key(t.text) for t in tokens]
    teller = _teacher_teller(words)
    if teller is None or not any(h.entry.target == "dp3a" for h in hits) or any(w in _TEACHERS_OWN for w in words):
        return hits
    return [in_passing(h) if h.entry.source == "keyword" and h.entry.target in _SCHOOL_KINDS else h for h in hits
            if not (h.start == teller and h.end == teller + 1 and h.entry.target in _SCHOOL_KINDS)]


# (round 87, o) 'anaknya yang masih SD', 'anak saya masih sekolah SD dan SMP', Javanese 'isih SMP': the school a
# child still goes to says how young it is, not a school complained of (still_at_school)
_STILL = frozenset(fold_key(w) for w in ("masih", "msh", "masi", "masih2", "isih", "esih", "iseh"))
# ...and the words between a school said and the next ('SD dan SMP', 'sekolah kelas 4 SD', 'SD, SMP')
_STILL_LINKS = frozenset(fold_key(w) for w in ("dan", "dgn", "sama", "karo", "kelas", "kls", "lan", "deng", "ama"))
_STILL_REACH = 2  # words from 'masih' to the school ('masih kelas 3 SD', 'masih sekolah')


def still_at_school(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tetangga sering memukuli anaknya yang masih SD', 'bantuan PKH dihentikan, padahal anak saya masih sekolah SD
    dan SMP': a school said after 'masih' (still) says who the child is, its age; its words count at VENUE_WEIGHT with
    no level of their own (as graduated_from reads 'lulusan SMK'), and the rest of the story decides: a school
    complained of keeps its other words ('anak saya masih SD tapi disuruh beli LKS' is still the school's)."""
    words = [fold_key(t.text) for t in tokens]
    said: set[int] = set()  # the tokens of the school words said of the child
    for k, w in enumerate(words):
        if w not in _STILL:
            continue
        j, gap = k + 1, 0
        while j < len(words) and gap <= _STILL_REACH and not tokens[j].sep:
            school = next((h for h in hits if h.start == j and h.entry.source == "keyword"
                           and h.entry.target in _SCHOOL_KINDS), None)
            if school is not None:
                said.update(range(school.start, school.end))
                j, gap = school.end, 0
                continue
            gap += 1 if (words[j] not in _STILL_LINKS and not words[j].isdigit()) else 0
            j += 1
    return [in_passing(h) if h.entry.source == "keyword" and h.entry.target in _SCHOOL_KINDS
            and h.start in said else h for h in hits]


# (round 88, office rules) the list of those the state pays health insurance for (PBI, the regions' own schemes):
# a member said struck from it ('dicoret dari data PBI', 'dikeluarkan dari daftar', 'sudah tidak terdaftar penerima
# bantuan iuran', 'kartu JKA dicoret') or a teller asking to be put on it ('mau didaftarkan jadi peserta yang dibayar
# pemerintah') is the social office's data (LABELLING.md's PBI row) (struck_off_the_list)
_STRUCK = frozenset(fold_key(w) for w in (
    "dicoret", "dicoretin", "dicoreti", "dicoretkeun", "dicoretke", "tercoret", "kecoret", "kacoret", "dikeluarkan",
    "dikeluarin", "dikaluarkan", "dikaluarin", "dihapus", "dihapusin", "dihapuskeun", "terhapus", "kehapus",
    "dicabut", "dicabutin", "dicoret2"))
_THE_LIST = frozenset(fold_key(w) for w in (
    "penerima", "pbi", "dtks", "dtsen", "data", "datanya", "daftar", "daftarnya", "kuota", "iuran", "peserta",
    "kepesertaan", "kepesertaannya"))
# the cards of the schemes: JKN's own and the regions' (Aceh's JKA, a kabupaten's Jamkesda, 'kartu sehat')
_STATE_CARDS = frozenset(fold_key(w) for w in (
    "kis", "kisnya", "bpjs", "bpjsnya", "jkn", "pbi", "jka", "jamkesda", "jamkesmas", "jamkesta", "jamkesos",
    "kartu", "kartunya"))
_REGIONS_SCHEMES = frozenset(fold_key(w) for w in ("jka", "jamkesda", "jamkesmas", "jamkesta", "jamkesos"))
_REGISTERED = frozenset(fold_key(w) for w in ("terdaftar", "tadaftar", "kadaftar"))
_ONCE = frozenset(fold_key(w) for w in ("pernah", "suah", "penah", "tau", "tahu", "sempat", "lagi", "lg", "sudah",
                                          "udah", "udh", "sdh", "su", "so"))
_STRUCK_NOT = _NOT | LACKING | frozenset(fold_key(w) for w in ("nda", "ndek", "teu", "indak", "dak", "hana", "bukan"))
_JOIN = frozenset(fold_key(w) for w in (
    "daftar", "didaftarkan", "didaftarin", "didaftarkeun", "didaftarke", "mendaftar", "mendaftarkan", "ndaftar",
    "ndaftarke", "ngadaptar", "ngadaptarkeun", "daptar", "dimasukkan", "dimasukin", "dimasukan", "diusulkan",
    "diusulin", "diusulke"))
_PAID_FOR = frozenset(fold_key(w) for w in (
    "ditanggung", "dibayar", "dibayari", "dibayarin", "dibayarkan", "dibiayai", "gratis", "ditanggungi"))
_PAYERS = frozenset(fold_key(w) for w in ("pemerintah", "pemda", "negara", "pemkab", "pemkot", "pemprov", "daerah"))
# (round 89, O) ...or said gone from the data ('jare mboten wonten ing data malih', 'datane wis ora ana nang DTKS',
# 'namanya tidak ada di data lagi'): a 'there is' word, denied, within _LIST_REACH of the data (`gone` below)
_DATA = frozenset(fold_key(w) for w in ("data", "datanya", "datane", "datana", "dtks", "dtsen", "daftar", "daftarnya"))
_IS_THERE = frozenset(fold_key(w) for w in ("ada", "ana", "ono", "onten", "wonten", "aya", "ado", "aru", "araq"))
_GONE_NOT = _STRUCK_NOT | frozenset(fold_key(w) for w in ("mboten", "ndada", "ndak", "nggak", "ndek", "sanes"))
# ...or a card the state gives free ('KIS gratis', 'kartu KIS yang dari pemerintah (gratis)') said off, with a plea to
# turn it back on ('mohon diaktifkan kembali', 'mohon dipun aktifaken malih'): the plea of LABELLING.md's PBI row, the
# social office's to file; not one asked of BPJS by name ('tolong bpjs kesehatan aktifkan lagi') (`free`, `plea`)
_FREE = frozenset(fold_key(w) for w in ("gratis", "gratisan", "geratis"))
_FROM = frozenset(fold_key(w) for w in ("dari", "dr", "saking", "ti", "teko", "tekan"))
_TURN_ON = frozenset(fold_key(w) for w in (
    "diaktifkan", "aktifkan", "diaktifke", "aktifke", "diaktifna", "aktifna", "aktifaken", "diaktifaken",
    "diaktifkeun", "aktifkeun", "diaktifin", "aktifin", "diaktipkan", "aktipkan", "diaktifkan2", "ngaktifkan",
    "mengaktifkan", "ngaktifke"))
_AGAIN = frozenset(fold_key(w) for w in ("kembali", "maning", "malih", "maneh", "deui", "ulang"))
_LIST_REACH = 4  # words between the struck word and the list or card ('dicoret dari data PBI', 'JKA kami dicoret')
_JOIN_REACH = 6  # words from joining to who pays ('daftar jadi peserta BPJS yg ditanggung pemerintah')
_OFF_THE_LIST = Entry("dinsos", "keyword", 8.0, "sosial")


def struck_off_the_list(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'kartu KIS nonaktif, katanya dicoret dari data PBI', 'Kartu JKA kami sekeluarga dicoret', 'sudah tidak
    terdaftar penerima bantuan iuran', 'mau didaftarkan jadi peserta yang dibayar pemerintah': a member struck from
    the list of those the state (or the region) pays health insurance for, or one asking to be put on it, is the social
    office's data to put right (it keeps the poor households' list and proposes its members); the card switched off is
    how the teller found out, its words at VENUE_WEIGHT, and the pemda said as who pays is no office written to. A
    card said never revoked ('padahal kada suah dicabut') is not struck. (Round 89) So is a member said gone from the
    data ('jare mboten wonten ing data malih'), and a card said free or the government's ('KIS gratis', 'yang dari
    pemerintah') switched off with a plea to turn it back on ('mohon diaktifkan kembali') not made to BPJS by name."""
    words = [fold_key(t.text) for t in tokens]
    cards = [k for k, w in enumerate(words) if w in _STATE_CARDS]
    if not cards:
        return hits

    def negated(k: int) -> bool:  # 'tidak pernah dicoret', 'kada suah dicabut'
        before = [w for w in words[max(0, k - 3):k] if w not in _ONCE]
        return bool(before) and before[-1] in _STRUCK_NOT

    def near(k: int, found: frozenset[str]) -> bool:
        return any(words[j] in found for j in range(max(0, k - _LIST_REACH), min(len(words), k + _LIST_REACH + 1))
                   if j != k)

    def struck(k: int) -> bool:  # 'dicoret dari data PBI', 'JKA kami dicoret', 'pbi dicoret'
        return words[k] in _STRUCK and not negated(k) and (near(k, _THE_LIST) or near(k, _STATE_CARDS))

    def unlisted(k: int) -> bool:  # 'sudah tidak terdaftar (sebagai) penerima bantuan iuran'
        return (words[k] in _REGISTERED and k > 0 and words[k - 1] in _STRUCK_NOT
                and any(w in {"penerima", "pbi", "dtks", "dtsen", "iuran"} for w in words[k + 1:k + 4]))

    def joining(k: int) -> bool:  # 'mau didaftarkan jadi peserta yang dibayar pemerintah', 'daftar PBI'
        ahead = words[k + 1:k + 1 + _JOIN_REACH]
        return words[k] in _JOIN and ("pbi" in ahead or any(
            w in _PAID_FOR and any(p in _PAYERS for p in ahead[i + 1:i + 3]) for i, w in enumerate(ahead)))

    def gone(k: int) -> bool:  # 'mboten wonten ing data malih', 'datane wis ora ana nang DTKS'
        return words[k] in _IS_THERE and any(words[j] in _DATA for j in range(
            max(0, k - _LIST_REACH), min(len(words), k + _LIST_REACH + 1))) and bool(
            before := [w for w in words[max(0, k - 3):k] if w not in _ONCE]) and before[-1] in _GONE_NOT

    def free(k: int) -> bool:  # 'KIS gratis', 'kartu KIS opa yang dari pemerintah (gratis)'
        ahead = words[k + 1:k + 1 + _LIST_REACH]
        return any(w in _FREE for w in ahead) or any(
            w in _FROM and any(p in _PAYERS for p in ahead[i + 1:i + 2]) for i, w in enumerate(ahead))

    def plea(k: int) -> bool:  # 'mohon diaktifkan kembali', 'tulung diaktifke maning'; not 'bpjs aktifkan lagi'
        asked = words[k] in _TURN_ON or (words[k] == "aktif" and k + 1 < len(words) and words[k + 1] in _AGAIN
                                         and (k == 0 or words[k - 1] not in _GONE_NOT))
        return asked and not any(w in {"bpjs", "bpjsnya", "kesehatan"} for w in words[max(0, k - 3):k])

    health = any(h.entry.target in BPJS_KESEHATAN and h.entry.source == "keyword" for h in hits) or any(
        words[k] in _REGIONS_SCHEMES | {"kis", "jkn", "pbi"} for k in cards)
    at = next((k for k in range(len(words)) if struck(k) or unlisted(k) or joining(k) or gone(k)), None)
    if at is None and any(free(k) for k in cards):
        at = next((k for k in range(len(words)) if plea(k)), None)
    if at is None or not health:
        return hits

    def paid_by(h: PhraseHit) -> bool:  # 'PBI daerah yg dibayar pemda': who pays, not who is written to
        return h.entry.target.endswith("pemda") and h.start > 0 and words[h.start - 1] in _PAID_FOR | {"dari"}

    def the_card(h: PhraseHit) -> bool:  # the card's words: JKN's, or the 'kesehatan' of 'Jaminan Kesehatan Aceh'
        return h.entry.source == "keyword" and (h.entry.target in BPJS_KESEHATAN or (
            h.entry.target == "dinkes" and all(w in {"kesehatan", "jaminan"} for w in words[h.start:h.end])))

    out = [in_passing(h) if the_card(h) else
           PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT, level=None), h.q)
           if paid_by(h) else h for h in hits]
    if not any(h.entry.target == "dinsos" and h.entry.weight >= _OFF_THE_LIST.weight for h in out):
        out.append(PhraseHit(at, at + 1, _OFF_THE_LIST, 1.0))
    return out


# (round 88, office rules) the desa's own letters ('surat keterangan tidak mampu dari desa', 'surat pengantar di kantor
# desa') and its office, head or staff said, its regional names read as 'kades' (letter_from_the_desa)
_DESA_HEADS = frozenset(fold_key(w) for w in ("kades", "pemdes", "sekdes", "kadus", "perangkat", "kuwu"))
_DESA = frozenset(fold_key(w) for w in ("desa", "ds", "kampung", "gampong", "nagari"))
# ...the desa as the office: 'kantor desa', 'dari desa', 'kepala desa' ('bidan desa', 'jalan desa' are other things)
_DESA_AS_OFFICE = frozenset(fold_key(w) for w in (
    "kantor", "dari", "di", "ke", "kepala", "aparat", "staf", "pegawai", "pemerintah", "balai", "pihak", "orang",
    "sekretaris", "ti", "ka", "ring", "neng", "teng", "ning", "saking", "ing", "nang"))
# 'disuruh bawa surat pengantar dari desa', 'harus ada surat pengantar': a letter another office asks for
_ASKED_TO_BRING = frozenset(fold_key(w) for w in (
    "disuruh", "suruh", "harus", "diminta", "wajib", "dikon", "kudu", "syarat", "syaratnya", "bawa", "membawa",
    "melampirkan", "lampirkan", "perlu", "butuh"))
_SKTM = frozenset(fold_key(w) for w in ("sktm", "skd", "sku", "sktms"))
_DESA_LETTER = Entry("dpmd", "keyword", 5.0, "lainnya")


def letter_from_the_desa(hits: list[PhraseHit], words_read: Sequence[Token]) -> list[PhraseHit]:
    """'mau urus surat keterangan tidak mampu dari desa, kepala desa tidak mau tanda tangan', 'di kantor desa bikin
    surat pengantar KK dimintai 50 ribu': a letter the desa writes is the desa's own service, the village-government
    office's (dpmd) to answer for, as letter_from_the_kelurahan gives the kelurahan's to the pemda; the paper the letter
    is for ('kk', 'ktp', 'nikah') or the poor household's 'SKTM' is what it is for, a word at VENUE_WEIGHT. Not with the
    civil registry named (its own paper asks for the letter) nor with a kelurahan said (that rule's)."""
    words = [fold_key(t.text) for t in words_read]
    if any(w in _OWN_OFFICES for w in words) or any(
            h.entry.source == "alias" and h.entry.target in ("dukcapil", "ditjen-dukcapil") for h in hits):
        return hits
    offices = [k for k, w in enumerate(words)
               if w in _DESA_HEADS or (w in _DESA and k > 0 and words[k - 1] in _DESA_AS_OFFICE)]
    letters = [k for k in range(len(words)) if (words[k] in _SKTM or (
        k > 0 and words[k - 1] in _LETTER_WORD and words[k] in _LETTERS))
        and any(abs(k - o) <= _OFFICE_REACH for o in offices)
        and not any(w in _ASKED_TO_BRING for w in words[max(0, k - 4):k])]
    if not letters:
        return hits
    for_what = {j for k in letters for j in range(k, min(len(words), k + _LETTER_FOR_REACH + 3))}
    out = [in_passing(h)
           if h.entry.source == "keyword" and h.entry.target in PAPER_KINDS | {"dinsos"} and h.start in for_what
           else h for h in hits]
    return [*out, PhraseHit(letters[0], letters[0] + 1, _DESA_LETTER, 1.0)]


# (round 88, office rules) a benefit paid out at the post office ('BPNT dicairin lewat kantor pos') whose recipient is
# said not on the list any more (benefit_off_the_list)
_PAID_AT_THE_POST = frozenset(fold_key(w) for w in (
    "bansos", "bpnt", "pkh", "blt", "bst", "sembako", "bantuan", "bantuannya", "kks", "bansosnya", "pkhnya"))
_POST_OFFICE = frozenset({"agency:pos-indonesia", "pos-indonesia"})
_NAME = frozenset(fold_key(w) for w in ("nama", "namanya", "namane", "namae", "datanya", "datane", "data"))
_NOT_THERE = frozenset(fold_key(w) for w in ("ada", "muncul", "keluar", "terdaftar", "tercantum", "masuk", "ono",
                                             "ana", "aya", "ado"))
_CHECKED_AGAIN = frozenset(fold_key(w) for w in ("verifikasi", "verval", "diverifikasi"))
# the post office's own conduct: its queue, a cut taken, people fainting in the heat (the post office's, as labelled)
_AT_THE_COUNTER = frozenset(fold_key(w) for w in (
    "antri", "antre", "antrian", "antriannya", "antrean", "antrine", "ngantri", "ngantre", "dipotong", "potong",
    "potongan", "pungli", "pungut", "dipungut", "pingsan", "kursi", "tenda", "kasar", "diantar"))
_NAME_REACH = 5  # words from the name to its absence ('nama simbah saya ga ada di daftar')


def benefit_off_the_list(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'Bansos BPNT dicairin lewat kantor pos tapi nama simbah ga ada di daftar', 'bantuan so nyanda masuk, cek di
    kantor pos nyanda ada, harus tunggu verifikasi ulang': a benefit the post office pays out, its recipient said off
    the list (the name not there, struck, not coming in, to be verified again), is the social office's list to put
    right; the post office is where the teller found out, a word at VENUE_WEIGHT. Its own queue, cut or crowding stays
    its."""
    words = [fold_key(t.text) for t in tokens]
    post = [h for h in hits if h.entry.source == "alias" and h.entry.target in _POST_OFFICE]
    if not post or not any(w in _PAID_AT_THE_POST for w in words) or any(w in _AT_THE_COUNTER for w in words):
        return hits

    def lacking(k: int) -> bool:
        return words[k] in _NOT_THERE and k > 0 and words[k - 1] in _STRUCK_NOT | {"nyanda", "nda", "ndak", "ora"}

    def off(k: int) -> bool:  # 'nama ... ga ada', 'datanya dicoret', 'nyanda masuk', 'tunggu verifikasi ulang'
        return (words[k] in _NAME and any(lacking(j) or words[j] in _STRUCK
                                          for j in range(k + 1, min(len(words), k + 1 + _NAME_REACH)))) or (
            words[k] in _CHECKED_AGAIN) or (words[k] in _STRUCK and not any(
                words[j] in _STATE_CARDS for j in range(max(0, k - _LIST_REACH), k))) or (
            words[k] == "masuk" and lacking(k))

    if not any(off(k) for k in range(len(words))):
        return hits
    out = [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT, level=None), h.q)
           if h in post else h for h in hits]
    if not any(h.entry.target == "dinsos" and h.entry.weight >= _PEOPLES_AID.weight for h in out):
        out.append(PhraseHit(post[0].start, post[0].end, _PEOPLES_AID, 1.0))
    return out


# (round 89, O) a person kept in stocks or chains at home (pasung) whom the teller asks to be treated ('mohon
# diobati', 'tolong dibawa berobat ke RSJ atau puskesmas', 'tolong petugas kesehatan datang obati'): the psychiatric
# care is the health office's (its puskesmas runs the free-from-pasung programme); the 'ODGJ', 'pasung' words of the
# social office say who they are. Seen pasung stories: with treatment asked the health office 4 of 4, without it the
# social office 4 of 4 (restrained_to_be_treated)
_RESTRAINED = frozenset(fold_key(w) for w in (
    "pasung", "dipasung", "dipasungi", "dipasong", "pasungan", "dipasungin", "dirantai", "dirante", "dipasungkan"))
_TREAT = frozenset(fold_key(w) for w in (
    "obati", "diobati", "diobatin", "diobatkan", "diobatke", "mengobati", "ngobati", "ngobatin", "diubaran",
    "ngubaran", "diubati", "diubarkeun", "diobat"))
_TAKEN = frozenset(fold_key(w) for w in ("dibawa", "dibawak", "dibawo", "digowo", "dibawakeun", "dicandak"))
_CARE_ASKED = Entry("dinkes", "keyword", 6.0, "kesehatan")
_MIND_WORDS = frozenset(fold_key(w) for w in ("odgj", "pasung", "jiwa", "gangguan"))


def restrained_to_be_treated(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ada perempuan ODGJ dipasung keluarganya ... mohon diobati', 'kami pasung di belakang rumah ... tolong petugas
    kesehatan datang obati': a person kept in pasung the teller asks to be treated is the health office's patient (a
    dinkes word at 6); the social office's words for who they are ('ODGJ', 'gangguan jiwa', 'pasung') at VENUE_WEIGHT.
    A pasung story asking nothing of treatment ('mohon dinsos turun tangan', 'tolong dibawa ke rumah sakit jiwa') keeps
    the social office's."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _RESTRAINED for w in words):
        return hits
    asked = next((k for k, w in enumerate(words) if w in _TREAT or (
        w == "berobat" and k > 0 and words[k - 1] in _TAKEN) or (
        w == "kesehatan" and k > 0 and words[k - 1] == "petugas")), None)
    if asked is None:
        return hits
    out = [in_passing(h) if h.entry.source == "keyword" and h.entry.target == "dinsos"
           and any(w in _MIND_WORDS for w in words[h.start:h.end]) else h for h in hits]
    out.append(PhraseHit(asked, asked + 1, _CARE_ASKED, 1.0))
    return out


# (round 89, O) a disabled person who applied for a job and was turned away by the employer ('ngelamar neng pabrik
# ... ditolak jere ora sesuai fisik', 'tidak pernah terima pelamar penyandang disabilitas'): the quota of disabled
# workers a company must take (UU 8/2016) is the labour office's to enforce; the disability said is who the applicant
# is. Seen: the labour office 3 of 3 (disabled_applicant_refused)
_DISABLED = frozenset(fold_key(w) for w in (
    "disabilitas", "difabel", "tunadaksa", "tunanetra", "tunarungu", "tunawicara", "tunagrahita", "cacat"))
_APPLIED = frozenset(fold_key(w) for w in (
    "lamar", "melamar", "ngelamar", "nglamar", "dilamar", "pelamar", "lamaran", "interview", "wawancara", "daptar",
    "rekrut", "direkrut", "rekrutmen", "lowongan", "loker"))
_TURNED_AWAY = frozenset(fold_key(w) for w in (
    "ditolak", "tolak", "menolak", "nolak", "ditulak", "terima", "nrima", "menerima", "diterima", "kuota"))
_FAIR_HIRING = Entry("disnaker", "keyword", 6.0, "lainnya")


def disabled_applicant_refused(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'Anak kula tunadaksa ... ngelamar neng pabrik garmen, pas interview ditolak', 'perusahaan tidak pernah terima
    pelamar penyandang disabilitas': a disabled person applying to an employer and turned away is the labour office's
    case (a disnaker word at 6); the disability words of the social office at VENUE_WEIGHT. An aid asked for the
    disabled (a wheelchair, a training from the social office) names no employer and is left alone."""
    words = [fold_key(t.text) for t in tokens]
    if not (any(w in _DISABLED for w in words) and any(w in _EMPLOYER_WORDS for w in words)
            and any(w in _TURNED_AWAY for w in words)):
        return hits
    applied = next((k for k, w in enumerate(words) if w in _APPLIED), None)
    if applied is None:
        return hits
    out = [in_passing(h) if h.entry.source == "keyword" and h.entry.target == "dinsos"
           and all(w in _DISABLED | {"penyandang"} for w in words[h.start:h.end]) else h for h in hits]
    out.append(PhraseHit(applied, applied + 1, _FAIR_HIRING, 1.0))
    return out


# (round 92, O) the desa's head or office said unwilling or away when the teller needs its letter ('kapitalau tidak
# mau tanda tangan', 'perbekel menolak', 'kades lagi umroh gak ada yg tanda tangan', 'desa belum buat'): the desa's
# conduct, whichever office asked for the letter (desa_will_not_write)
_DESA_ACTORS = _DESA_HEADS | frozenset(fold_key(w) for w in (
    "kapitalau", "perbekel", "keuchik", "geuchik", "klebun", "pambakal", "pembakal", "petinggi", "peratin", "kumtua",
    "carik", "kadesnya", "kadese", "perbekelnya"))
_DESA_WORDS = _DESA | frozenset(fold_key(w) for w in ("deso", "dusun", "desanya", "desane"))
# ...'tidak mau', 'ora gelem', 'mboten purun', 'teu daek', 'belum buat', 'gak mau tanda tangan'
_WILL_NOT = LACKING | frozenset(fold_key(w) for w in (
    "ora", "mboten", "teu", "enggak", "nggak", "sonde", "nda", "indak", "dak", "moh", "ogah"))
_WILLING = frozenset(fold_key(w) for w in (
    "mau", "gelem", "purun", "daek", "bersedia", "buat", "bikin", "dibuat", "dibikin", "tanda", "ttd", "teken",
    "kasih", "ngasih", "keluarkan", "mengeluarkan", "ngeluarin", "dikeluarkan", "tandatangan", "menandatangani",
    "nandatangani", "tandatangani", "ngetik", "mbuat", "gawe", "damel"))
# ...'menolak', 'nolak', or away on a pilgrimage with no one to sign ('kades lagi umroh')
_REFUSES = frozenset(fold_key(w) for w in ("menolak", "nolak", "tolak", "embung", "umroh", "umrah", "umrohan"))
_WILL_REACH = 4  # words from the desa to its refusal ('kades tdk mau', 'kades lagi umroh', 'perbekel menolak')
_BARE_DESA_REACH = 1  # ...from a bare 'desa' ('desa belum buat'), which is more often where than who
_LETTER_SAID = _LETTER_WORD | _SKTM | frozenset(fold_key(w) for w in (
    "tanda", "ttd", "teken", "tandatangan", "keterangan", "pengantar", "skt", "skgr"))
# ...or asking money for it ('perangkat desa minta bayaran 50 ribu', 'surat N1 N4 teko deso kudu mbayar 200 ewu',
# 'carik e nyuwun sumbangan 1 juta'): a charge word, then within _MONEY_REACH words the money
_CHARGES = frozenset(fold_key(w) for w in (
    "minta", "mintak", "meminta", "nyuwun", "narik", "menarik", "pungut", "mungut", "memungut", "kutip", "ngutip",
    "mbayar", "bayar", "membayar", "nagih", "menagih"))
_MONEY = frozenset(fold_key(w) for w in (
    "uang", "duit", "bayaran", "sumbangan", "biaya", "ribu", "rb", "ewu", "juta", "jt", "jeti", "rebu", "rbu"))
_MONEY_REACH = 3
# ...a bare 'desa' after these is the village's midwife or post, not its office ('bidan desa minta bayaran lahiran')
_OF_THE_DESA = frozenset(fold_key(w) for w in ("bidan", "bidannya", "pos", "polindes", "poskesdes", "dana", "jalan"))
_CARERS = frozenset(fold_key(w) for w in ("bidan", "bidannya", "mantri", "dokter", "perawat", "nakes"))
# ...not a PTSL land-titling fee its committee levies (the land office's programme, as the seen sets label it)
_LAND_PROGRAMME = frozenset(fold_key(w) for w in ("ptsl", "prona", "panitia", "pokmas"))
# the offices that ask for the desa's letter: named only as who asked
_ASKING_OFFICES = PAPER_KINDS | frozenset({"atr-bpn", "ditjen-dukcapil", "dinsos"})
_DESA_REFUSED = Entry("dpmd", "keyword", 8.0, "lainnya")  # as sure as the struck-off list's (a conduct said)


def desa_will_not_write(hits: list[PhraseHit], words_read: Sequence[Token]) -> list[PhraseHit]:
    """'kantor pertanahan minta surat keterangan waris dari kapitalau dulu, kapitalau tidak mau tanda tangan', 'BPN
    minta surat dari desa, kades tdk mau karena adat', 'KUA ... harus bawa surat keterangan belum menikah dari desa,
    kades lagi umroh gak ada yg tanda tangan': the desa's head or office said unwilling to write or sign the letter
    the teller needs, or away with no one to sign, is the desa's own service failing, the village-government office's
    (dpmd) to answer for (UU 6/2014 on the desa; bench/data/LABELLING.md's desa letters); the land office, the KUA or
    the civil registry that asked for the letter is named only as who asked, its words once, at VENUE_WEIGHT. A
    kelurahan said leaves it to letter_from_the_kelurahan (the pemda's)."""
    words = [fold_key(t.text) for t in words_read]
    if any(w in _OWN_OFFICES for w in words):
        return hits
    letter = bool(_LETTER_SAID & set(words))
    # (a fee told paid to someone posing as an officer is the lie told: posing_as; one a midwife asks is hers)
    fee = not (_LAND_PROGRAMME | _POSING | _CARERS) & set(words)

    def refuses(k: int, reach: int) -> bool:
        ahead = words[k + 1:k + 1 + reach + _MONEY_REACH]
        return any((letter and (w in _REFUSES or (w in _WILL_NOT and j + 1 < len(ahead) and ahead[j + 1] in _WILLING)))
                   or (fee and w in _CHARGES and _MONEY & set(ahead[j + 1:j + 1 + _MONEY_REACH]))
                   for j, w in enumerate(ahead[:reach]))

    at = next((k for k, w in enumerate(words) if (w in _DESA_ACTORS and refuses(k, _WILL_REACH)) or (
        w in _DESA_WORDS and not (k > 0 and words[k - 1] in _OF_THE_DESA) and refuses(k, _BARE_DESA_REACH + 1))),
        None)
    if at is None:
        return hits
    return [*_asked_in_passing(hits), PhraseHit(at, at + 1, _DESA_REFUSED, 1.0)]


def _asked_in_passing(hits: list[PhraseHit]) -> list[PhraseHit]:
    """The hits with each office that asked for the letter counted once, as a venue said in passing."""
    # (the office that asked and the paper it asked for are one thing said in passing: each such office once)
    out, asked = [], set()
    for h in hits:
        if h.entry.target in _ASKING_OFFICES:
            if h.entry.target in asked:
                continue
            asked.add(h.entry.target)
            h = PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=min(h.entry.weight, VENUE_WEIGHT),
                                                  level=None), h.q)
        out.append(h)
    return out


# (round 93, O) the kelurahan said unwilling to write the letter the teller needs, or asking money for its service
# ('Kelurahan ga mau keluarin SKTM', 'di kelurahan diminta bayar administrasi 100rb', 'kelurahan, RW gak mau tanda
# tangan'): the kota's (or kabupaten's) own apparatus failing, its pemda's (kelurahan_will_not_serve). Only the word
# 'kelurahan' (and 'pegawai/kantor kelurahan'): 'lurah' alone heads a desa in much of Java, and Yogyakarta's
# 'kalurahan' is a desa
_KELURAHAN_WORDS = frozenset(fold_key(w) for w in ("kelurahan", "kelurahannya", "kelurahane", "kel"))
_KELURAHAN_REFUSED = Entry("pemda", "keyword", 8.0, "lainnya")  # as sure as the desa's own refusal


def kelurahan_will_not_serve(hits: list[PhraseHit], words_read: Sequence[Token]) -> list[PhraseHit]:
    """'Kelurahan ga mau keluarin SKTM buat anak sy daftar sekolah', 'urus surat pindah ... di kelurahan diminta bayar
    administrasi 100rb': the kelurahan (or its RT/RW) said unwilling to write or sign the letter the teller needs, or
    asking money for its service, is the kabupaten/kota's own apparatus failing, its pemda's to answer for (as
    desa_will_not_write reads the desa's); the office that asked for the letter (the civil registry, the school, the
    social office) is named only as who asked, its words once, at VENUE_WEIGHT. Not with a desa said (the village's),
    nor a fee told to someone posing as an officer, nor a PTSL committee's."""
    words = [fold_key(t.text) for t in words_read]
    if any(w in _DESA_WORDS | _DESA_ACTORS | {"kalurahan"} for w in words):
        return hits
    letter = bool(_LETTER_SAID & set(words))
    fee = not (_LAND_PROGRAMME | _POSING | _CARERS) & set(words)

    def refuses(k: int) -> bool:
        ahead = words[k + 1:k + 1 + _WILL_REACH + _MONEY_REACH]
        return any((letter and (w in _REFUSES or (w in _WILL_NOT and j + 1 < len(ahead) and ahead[j + 1] in _WILLING)))
                   or (fee and (w in _CHARGES or (w == fold_key("diminta") and j + 1 < len(ahead)
                                                  and ahead[j + 1] in _CHARGES))
                       and _MONEY & set(ahead[j + 1:j + 2 + _MONEY_REACH]))
                   for j, w in enumerate(ahead[:_WILL_REACH]))

    at = next((k for k, w in enumerate(words) if w in _KELURAHAN_WORDS and refuses(k)), None)
    if at is None:
        return hits
    return [*_asked_in_passing(hits), PhraseHit(at, at + 1, _KELURAHAN_REFUSED, 1.0)]
