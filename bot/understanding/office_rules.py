"""Rules that reread a story's problem words for the office that runs the thing they are about.

A flood every rain brings is the blocked drain's; a mine's permit is the mining office's, an unlicensed mine to be
stopped the police's; a paper asked for by another service is that service's step; a hospital the clinic sent the
teller on to is where they went, not what failed. Each rule takes the phrase hits of a story and returns them reread;
AgencyCatalog._rank (agencies.py) applies them in order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from bot.understanding.asides import NEGATIONS
from bot.understanding.keywords import Entry, PhraseHit, pair_rules
from bot.understanding.normalize import Token, fold_key

# BPJS Kesehatan's targets (its kind, its office named) and the same for BPJS Ketenagakerjaan (one_bpjs)
_BPJS_KESEHATAN = {"bpjs-kesehatan": "bpjs-tk", "agency:bpjs-kesehatan": "agency:bpjs-tk"}
_BPJS_TK = frozenset(_BPJS_KESEHATAN.values())
_HEALTH_INSURANCE = frozenset(fold_key(w) for w in ("kesehatan", "kes", "bpjskes", "kis", "jkn", "askes", "pbi"))
_TK_MARKS = frozenset(fold_key(w) for w in ("ketenagakerjaan", "tk", "naker", "tenaga"))
# a bare 'BPJS' in a story of work: the labour office's word, as much as one of its plain problem words
_EMPLOYERS_BPJS = Entry("disnaker", "keyword", 3.0, "lainnya")
# the schools another office runs than the education office, by the kind whose school words ('madrasah', 'mts',
# 'pesantren': the Ministry of Religion's, category pendidikan) name them: the education office's words said of them
# are theirs (school_words_to_its_runner)
SCHOOLS_RUN_ELSEWHERE = {"kemenag": "disdik"}
# what an office missed at the place was there to do ('polisi gak ada yg jaga', 'tidak ada polisi yang ngatur')
_GUARDING = frozenset({"jaga", "berjaga", "menjaga", "jagain", "patroli", "ngatur", "mengatur", "atur", "bertugas",
                       "piket", "ngawasi", "mengawasi"})
_MISSED_WEIGHT = 3.0
# the words that put a thing at an address ('lampu merah di jl. X', 'pompa dekat jalan Y')
_ADDRESS_WORDS = frozenset({"di", "dekat", "dkt", "depan", "dpn", "samping", "sebelah", "seberang", "ujung"})
# ...and the road words an address starts with ('jl.', 'jln' are read 'jalan')
_ROAD_WORDS = frozenset({"jalan", "gang", "gg"})
# what 'smp' typed for 'sampai' comes before ('smp jam 2 pagi', 'smp 3 bulan', 'smp skrg'), never the school
_TIME_UNITS = frozenset({"jam", "detik", "menit", "hari", "minggu", "bulan", "bln", "tahun", "thn", "kali", "x"})
_UNTIL_WHAT = _TIME_UNITS | {"pagi", "subuh", "malam", "malem", "sore", "siang", "larut", "skrg", "sekarang", "kapan",
                             "besok", "tengah", "dini", "habis", "hbs", "selesai",
                             "berbulan", "bertahun", "berhari", "sana", "sini", "rumah", "lutut", "pinggang", "betis"}
# the word that, right after an office or a thing it runs, says it is the province's ('distan prov', 'DKP provinsi')
PROVINCE_WORDS = frozenset({"provinsi", "prov", "propinsi", "provinsinya"})
# the words that say who runs a thing ('dikelola provinsi', 'kewenangan provinsi', 'diurus di provinsi')
_RUN_BY = frozenset({"diurus", "dikelola", "dikelolah", "kewenangan", "wewenang", "tugas", "tugasnya", "urusan",
                     "urusannya", "ranah", "milik", "punya", "tanggung", "dibawah", "dipegang", "diterbitkan"})
# ...and the words between them and the province ('diurus di provinsi', 'tanggung jawab provinsi')
_RUN_BY_LINKS = frozenset({"di", "oleh", "sama", "dari", "pihak", "jawab"})
_THE_PROVINCE = PROVINCE_WORDS | {"pemprov"}
# ...and the words that name the nation as who runs it ('kewenangan pusat', 'sistem dari kementerian pusat',
# 'itu kewenangan balai kan?': the ministry's field office, the river basin's or the national roads')
_THE_NATION = frozenset({"pusat", "kementerian", "kementrian", "balai"})
# a system or an app is run by whoever built it, a survey or a project by whoever made it ('itu sistem dari
# kementerian pusat', 'sudah ada survei dari balai')
_RUN_BY_NATION = _RUN_BY | {"sistem", "sistemnya", "aplikasi", "aplikasinya", "survei", "disurvei", "proyek"}
# 'balai' alone is another hall before these ('balai desa', 'balai warga', 'pulau balai')
_OTHER_HALLS = frozenset({"desa", "kota", "kelurahan", "warga", "dusun", "pertemuan", "kampung", "rw", "rt", "banjar",
                          "nagari", "adat", "latihan", "pengajian", "nikah", "pengobatan", "karantina", "pom",
                          "rakyat", "sidang", "lelang", "kesehatan", "penyuluhan", "bahasa", "budaya", "seni",
                          "benih", "konservasi", "taman", "gampong", "jorong", "lingkungan", "pemuda"})
RAIN_MADE = Entry("bpbd", "keyword", 2.0, "bencana")
# a landslide in a story of a mine ('tambang pasir ... tebing sungai longsor'): the mine is the cause, the mining
# office's (ESDM) to stop; the landslide counts for the disaster office only as a word said in passing (mine_made)
_LANDSLIDE_WORDS = frozenset({"longsor", "longsoran", "ngelongsor", "kelongsoran"})
# ...and its permit ('galian pasir ... tidak ada izin', 'galian C tanpa izin'): a quarry's or a mine's permit is the
# mining office's to check, not a building's (the public order office) nor a shop's (the permit office)
_PERMIT_WORDS = frozenset({"izin", "ijin", "izinnya", "ijinnya", "berizin", "berijin"})
_PERMIT_OFFICES = frozenset({"satpolpp", "dpmptsp"})
# rubbish said in a river ('sampah di kali X'): its blocked or uncleaned state is the rubbish's (rubbish_in_river)
_RUBBISH_WORDS = frozenset({"sampah", "sampahnya"})
_RIVERS = frozenset({"kali", "sungai", "kanal"})
# traders ('pkl', 'pedagang', 'lapak') said on the road: 'makan badan jalan', 'meluber ke jalan', 'pakai trotoar'
# (vendors_on_the_road)
_VENDORS = frozenset({"pkl", "pedagang", "lapak", "gerobak", "asongan"})
_ON_THE_ROAD = frozenset({"trotoar", "meluber", "bahu"})
_ONTO = frozenset({"ke", "di", "badan", "bahu", "makan", "pakai", "memakai", "menutup", "nutup", "tutup"})
_PARKING = frozenset({"parkir", "jukir", "parkiran"})
# what fouls the water fishers live on ('limbah pabrik', 'tambang timah', 'PLTU', 'merkuri'): said, the fishers and
# their catch are who it harms, and the polluter is the environment (or mining) office's (fishers_harmed)
_POLLUTERS = frozenset({"limbah", "limbahnya", "pencemaran", "tercemar", "mencemari", "dicemari", "tambang",
                        "penambangan", "pltu", "merkuri", "smelter", "tailing"})
# a health card's trouble (the pair 'kartu KIS ... nonaktif' at this weight or more): the hospital named is the venue
_CARD_STATE_WEIGHT = 6.0
_CARE_VENUES = frozenset({"rsud"})
_VENUE_WEIGHT = 2.0
# 'padahal (ada / pakai kartu) BPJS': how the teller is insured (insured_anyway)
_BUT_EVEN = frozenset({"padahal", "pdhl", "pdahal", "padahalkan"})
_INSURED_FILLERS = frozenset({"ada", "pakai", "pake", "punya", "kartu", "peserta", "sudah", "udah", "udh", "kami",
                              "saya", "sy", "ibu", "bapak", "pasien"})
# 'KTP hilang ... harus bawa surat kehilangan dari polsek': the police letter for a lost paper is a step the paper's
# office asks for, so the police are a word of the story there (letter_for_the_papers)
_LETTER_WORDS = frozenset({"surat", "laporan", "keterangan", "sk", "srt"})
_LOST = frozenset({"kehilangan", "kehilangn", "khilangan"})
_PAPER_KINDS = frozenset({"dukcapil", "kemenag", "disdik", "bpn"})
_POLICE = frozenset({"polri", "agency:polri"})
# 'kata kepala kampung belum datang': the one quoted is who passed the news on (village_head_quoted)
_SAID_BY = frozenset({"kata", "katanya", "kt", "ktnya", "menurut", "jare", "jarene", "ujar", "ceunah", "cenah", "info"})
_HONORIFICS = frozenset({"pak", "bapak", "bpk", "bu", "ibu", "pa", "om", "mas", "bang"})
# 'tambang emas tanpa izin ... tolong aparat tindak': a mine or oil well without a permit that the teller asks to be
# stopped by force is a crime for the police (PETI), not a permit for the mining office to review (illegal_mine)
_ILLEGAL = frozenset({"ilegal", "illegal", "ilegall", "liar", "peti"})
_WITHOUT = frozenset({"tanpa", "tdk", "tidak", "gak", "ga", "nggak", "ndak", "tak", "dak"})
_PERMIT = frozenset({"izin", "ijin", "izinnya", "ijinnya"})
_ENFORCE = frozenset({"tindak", "ditindak", "menindak", "tindakin", "ditindaktegas", "tangkap", "ditangkap", "tangkep",
                      "ditangkep", "ditangkapi", "tangkepin", "bekingin", "dibekingi", "bekingan", "beking", "backing"})
_FOLLOW_UP = frozenset({"lanjut", "lanjuti", "lanjutin"})
_MINE_CRIME = Entry("polri", "keyword", 8.0, "ketertiban")
# 'ibu hamil harus ke Gunungsitoli, jalannya jauh dan rusak': a bad road said with 'far' is the hard way to a service
# the story is about, said in passing (the_long_way)
_FAR = frozenset({"jauh", "jauhh", "jauuh", "jaoh", "jau"})
_FAR_REACH = 3  # words between 'jauh' and the road's words ('jauh sekali pak jalan rusak')
_SERVICE_WEIGHT = 4.0  # a word this sure for another office says what the long way was taken for
# 'dirawat di rumah sakit di Ampana pake BPJS': how the patient paid at a public hospital (paid_with_bpjs)
_PAID_WITH = frozenset({"pake", "pakai", "pakek", "make", "memakai", "lewat", "dengan", "dgn", "gunakan", "menggunakan",
                        "jalur"})
_PAID_REACH = 6  # words from the hospital's name to 'pake BPJS' ('rumah sakit di Putussibau pake BPJS')
_HEALTH_CARDS = frozenset({"bpjs", "kis", "jkn", "bpjskes"})
_PRIVATE = frozenset({"swasta"})  # a private hospital answers to BPJS for its patients, not to a regional office
# 'ngurus akta kematian di MPP': the public service mall houses many offices' counters (at_the_service_mall)
_SERVICE_MALL = frozenset({"mpp", "mal", "mall"})
# 'KTP belum dicetak, mau urus bpjs ga bisa': what a paper is needed for (paper_needed_for_bpjs)
_TO_ARRANGE = frozenset({"urus", "ngurus", "mengurus", "ngurusin", "daftar", "mendaftar", "daftarin", "pendaftaran",
                         "pengurusan", "bikin", "membuat"})
_ARRANGE_REACH = 4  # words from the verb to BPJS in one clause ('untuk urus bantuan lansia dan BPJS')
# 'ambulan puskesmas indak ado sopir ... diantar jo oto pikap ka RSUD Painan': where the patient had to be taken
# because the clinic failed (taken_on_from_the_clinic)
_TAKEN = frozenset({"dibawa", "diantar", "dilarikan", "dibawa2", "diangkut", "disuruh", "dikon", "dititah"})
_TAKEN_REACH = 4  # words from 'dibawa' to 'ke' ('dibawa ku mobil bak ka rs')
# 'akta kelahiran ditolak krn tdk ada buku nikah', 'disuruh bawa surat pengantar desa': a paper asked for as a
# requirement of another office's service (asked_for_as_a_requirement)
_MUST = frozenset({"harus", "wajib", "disuruh", "suruh", "diminta", "diwajibkan", "kudu", "mesti", "musti"})
_BRING = frozenset({"ada", "bawa", "membawa", "bawain", "pakai", "pake", "melampirkan", "lampirkan", "lampiran",
                    "punya", "nyertakan", "menyertakan"})
_BECAUSE = frozenset({"krn", "karena", "karna", "gara", "gara2", "soalnya", "sebab"})
_LACKING = frozenset({"tdk", "tidak", "gak", "ga", "nggak", "ngga", "belum", "blm", "ndak", "tak", "tra", "kada"})
_TERMS = frozenset({"syarat", "syaratnya", "persyaratan"})
# 'disuruh ke RSUD', 'katanya harus ke RSUD': told to go on there (sent_on_to)
_SENT = frozenset({"disuruh", "dikon", "dikongkon", "dititah", "diminta", "disarankan",
                   "harus", "kudu", "mesti", "musti"})
_TOWARDS = frozenset({"ke", "ka", "nang", "menyang", "meng", "mrono"})
# 'ditolak di SD negeri, disuruh ke SLB saja': a special school (the province's) the child was told to go to instead
# is where the refusing school sent them; the school that refused, the kabupaten's, is the one complained of
_SPECIAL_SCHOOLS = frozenset({"slb"})
_TOLD_TO = _SENT | {"suruh", "harus", "sekolahkan", "disekolahkan", "dipindah", "dialihkan", "dioper", "dilempar",
                    "diarahkan"}
# land, peat or forest burning ('kebakaran lahan', 'lahan gambut', 'karhutla'): the disaster office leads its task
# force, so the story's fire words and a bare 'pemadam' count for it at this weight (land_fire)
_LAND_FIRE = Entry("bpbd", "keyword", 4.0, "bencana")
_LAND_WORDS = frozenset({"lahan", "gambut", "hutan", "karhutla"})
_FLOOD_WORDS = frozenset({"banjir", "kebanjiran", "tergenang", "genangan", "meluap"})
# the weight of the pairs of a drain blocked, silted, too small or overflowing, or a flood pump that does not run
# ('got ... mampet', 'sungai ... dangkal', 'pompa ... gak nyala': keyword_pairs.csv), the cause that outranks the flood
# it makes (drain_made)
_BLOCKED_DRAIN_WEIGHT = 8.0
_RAIN_WORDS = frozenset({"hujan", "ujang", "ujan", "udan", "hujang"})
_EVERY = frozenset({"kalau", "tiap", "setiap", "saban", "tiop", "asal", "begitu", "habis", "pas"})
# words before which 'pu' is the office's name ('dinas pu', 'lapor ke pu'), not Eastern Malay 'punya'
_OFFICE_INTRODUCERS = frozenset({"dinas", "kantor", "pihak", "orang", "petugas", "pegawai", "ke", "dari", "dr", "sama",
                                 "oleh", "lapor", "dan", "balai", "bidang", "instansi", "dengan", "dgn", "kepala"})
# a problem word right after these names what stands near the problem ('rusak dekat tol')
# ('pohon di pinggir jalan doyong', 'anak ngamen di kolong jembatan': the road and the bridge are where it is; not
# 'bawah': 'gaji di bawah UMK' is the wage)
LANDMARK_WORDS = frozenset({"dekat", "deket", "depan", "samping", "sebelah", "belakang", "seberang", "sebrang",
                            "ngarep", "ngarepe", "cedak", "caket", "hareup", "hareupeun", "payun",
                            "pinggir", "pinggiran", "tepi", "sisi", "kolong", "sisih"})
# a market said in a bad state of its own ('pasar X kumuh', 'los ikan bau'): its drains are its office's (market_drain)
_MARKET_NOUNS = frozenset({"pasar", "pasarnya", "los"})
# ...and the fish auction (TPI) or landing place (PPI) said so: the fisheries office runs it and its drains
_VENUE_RUNNERS: dict[str, tuple[str, str]] = {
    **{w: ("disperindag", "lainnya") for w in _MARKET_NOUNS},
    **{w: ("diskan", "lainnya") for w in ("tpi", "pelelangan", "ppi")},
}
_MARKET_STATES = frozenset({"kotor", "kumuh", "becek", "bau", "jorok", "bocor", "sumpek"})
# a fishing port named ('pelabuhan perikanan pantai', 'PPI', 'TPI'): its jetty, its port and the boats' parking are the
# fisheries office's, which runs it, not the transport office's (fishing_port)
_FISHING_PORTS = frozenset({"pelabuhanperikanan", "tpi", "ppi", "tempatpelelanganikan", "pelelanganikan"})
_PORT_WORDS = frozenset({"dermaga", "dermaganya", "pelabuhan", "parkir", "tambat", "sandar"})
_MARKET_AS_ADDRESS = LANDMARK_WORDS | {"ke", "menuju", "arah", "dkt", "dpn", "jalan", "jln", "jl"}
_RUBBISH = frozenset({"sampah", "sampahnya", "runtah", "tps", "tpa"})


def one_bpjs(hits: list[PhraseHit], words: Sequence[Token]) -> list[PhraseHit]:
    """'iuran BPJS ketenagakerjaan dipotong', 'peserta BPJS TK ... ke kantor BPJS Blitar': once the story names BPJS
    Ketenagakerjaan, a bare 'BPJS' (alone or in 'iuran bpjs', 'peserta bpjs') is the same body, not BPJS Kesehatan,
    which everyday speech means by it; words of health insurance ('kesehatan', 'KIS', 'JKN') keep their body."""
    def runs_into_tk(h: PhraseHit) -> bool:  # 'iuran BPJS | ketenagakerjaan': the longer name read as two phrases
        return h.end < len(words) and fold_key(words[h.end].text) in _TK_MARKS

    if not any(h.entry.target in _BPJS_TK or (h.entry.target in _BPJS_KESEHATAN and runs_into_tk(h)) for h in hits):
        return _employers_bpjs(hits, words)
    out = []
    for h in hits:
        said = {fold_key(t.text) for t in words[h.start:h.end]}
        if h.entry.target in _BPJS_KESEHATAN and "bpjs" in said and not said & _HEALTH_INSURANCE:
            h = PhraseHit(h.start, h.end, replace(h.entry, target=_BPJS_KESEHATAN[h.entry.target], category="sosial"),
                          h.q)
        out.append(h)
    return out


def _employers_bpjs(hits: list[PhraseHit], words: Sequence[Token]) -> list[PhraseHit]:
    """'buruh sawit digaji di bawah UMK, tak ada BPJS': in a story of work (the labour office's words) a bare 'BPJS'
    is the employer's duty to register the worker, the labour office's to enforce, not BPJS Kesehatan named; with no
    word of health care in it ('berobat', 'rumah sakit': then the card is what failed)."""
    if not any(h.entry.target == "disnaker" and h.entry.source != "alias" for h in hits) or any(
            h.entry.category == "kesehatan" and h.entry.target not in _BPJS_KESEHATAN for h in hits):
        return hits
    out = []
    for h in hits:
        if h.entry.target in _BPJS_KESEHATAN and {fold_key(t.text) for t in words[h.start:h.end]} == {"bpjs"}:
            h = PhraseHit(h.start, h.end, _EMPLOYERS_BPJS, h.q)
        out.append(h)
    return out


def school_words_to_its_runner(weights: dict[tuple[str, str | None], float], qs: dict[tuple[str, str | None], float],
                                hits: Sequence[PhraseHit]) -> None:
    """'ijazah anak ditahan madrasah aliyah', 'MTs minta uang pembangunan': a madrasah or pesantren named is the
    Ministry of Religion's school, so the school words said of it (ijazah, SPP, guru honor, the prior's word for
    schools) count for its office, not the education office's; unless a public school is named by its level
    ('SMPN', 'SMA': the education office's words then have a level of their own and stay)."""
    runner = next((h.entry.target for h in hits if h.entry.source != "alias"
                   and h.entry.target in SCHOOLS_RUN_ELSEWHERE and h.entry.category == "pendidikan"), None)
    school = (SCHOOLS_RUN_ELSEWHERE.get(runner or ""), None)
    if runner is None or school not in weights or any(k[0] == school[0] and k[1] is not None for k in weights):
        return
    key = (runner, None)
    weights[key] = weights.get(key, 0.0) + weights.pop(school)
    qs[key] = max(qs.get(key, 0.0), qs.pop(school))


def rain_made(words: Sequence[Token], hit: PhraseHit) -> bool:
    """Whether a flood word comes with 'every time it rains' ('kalau hujan sikit saja sudah banjir', 'banjir tiap
    hujan'): the flood is what rain brings on, not the event reported."""
    if hit.entry.source != "keyword" or hit.entry.target != "bpbd" or hit.end - hit.start != 1 \
            or words[hit.start].text not in _FLOOD_WORDS:
        return False
    before = [t.text for t in words[max(0, hit.start - 6):hit.start]]
    after = [t.text for t in words[hit.end:hit.end + 3]]
    # ('kalau hujan', 'tiap musim hujan': the every-word at most two words before the rain's)
    rain_before = any(w in _RAIN_WORDS and any(e in _EVERY for e in before[max(0, k - 2):k])
                      for k, w in enumerate(before))
    rain_after = len(after) >= 2 and after[0] in _EVERY and after[1] in _RAIN_WORDS
    return rain_before or rain_after


def province_runs_it(tokens: Sequence[Token]) -> bool:
    """Whether the story says the province runs what it is about: 'diurus di provinsi', 'dikelola provinsi',
    'kewenangan provinsi', 'tugas provinsi', 'urusan pemprov' (not after a negation: 'bukan kewenangan provinsi')."""
    return any(True for _ in _runners_said([t.text for t in tokens], _RUN_BY, _THE_PROVINCE))


def _runners_said(words: list[str], running: frozenset[str], runners: frozenset[str]) -> Iterator[int]:
    """Where a runner is named after a word of running, not denied ('kewenangan provinsi', 'diurus di provinsi',
    'sistem dari kementerian'; not 'bukan kewenangan provinsi'): the runner's index."""
    for i, w in enumerate(words):
        if w not in running:
            continue
        k = i + 1 + (i + 1 < len(words) and words[i + 1] in _RUN_BY_LINKS)
        if k < len(words) and words[k] in runners and not (i > 0 and words[i - 1] in NEGATIONS):
            yield k


def fishing_port(hits: list[PhraseHit], words: Sequence[Token]) -> list[PhraseHit]:
    """'pelabuhan perikanan pantai ... lampunya mati, dermaga retak, pungutan parkir perahu': in a story of a fishing
    port the transport office's words for its jetty, port and parking are the port's, which the fisheries office runs
    (a port's own level, 'dikelola provinsi', is the province's as the other words say)."""
    port = next((h.entry for h in hits if h.entry.target == "diskan" and h.entry.source == "keyword"
                 and "".join(fold_key(t.text) for t in words[h.start:h.end]) in _FISHING_PORTS), None)
    if port is None:
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target=port.target, category=port.category), h.q)
            if h.entry.source == "keyword" and h.entry.target in {"dishub", "kemenhub"}
            and {fold_key(t.text) for t in words[h.start:h.end]} & _PORT_WORDS else h for h in hits]


def drain_made(hits: list[PhraseHit], words: Sequence[Token]) -> list[PhraseHit]:
    """'sungai kecil dangkal penuh sedimen, tiap hujan deras rumah warga kebanjiran': a flood said in a story of a
    blocked or silted drain or river (the water office's pair, _BLOCKED_DRAIN_WEIGHT) is what the drain makes; it
    counts for the disaster office as a rain-made flood does, and the drain decides."""
    if not any(h.entry.target == "sda" and h.entry.source == "keyword" and h.end - h.start > 1
               and h.entry.weight >= _BLOCKED_DRAIN_WEIGHT for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, RAIN_MADE, h.q)
            if h.entry.source == "keyword" and h.entry.target == "bpbd" and h.end - h.start == 1
            and words[h.start].text in _FLOOD_WORDS else h for h in hits]


def mine_made(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tambang timah ilegal dekat rumah, tanah longsor ke kebun': a landslide said in a story of a mine is what the
    mine did; it counts for the disaster office as a rain-made flood does, the mine's words decide. Its permit words
    ('galian pasir ... katanya tidak ada izin') are the mine's permit: they count for the mine's office."""
    mine = next((h.entry for h in hits if h.entry.target == "esdm" and h.entry.source == "keyword"), None)
    if mine is None:
        return hits
    out = []
    for h in hits:
        said = {fold_key(t.text) for t in tokens[h.start:h.end]}
        if h.entry.source == "keyword" and h.entry.target == "bpbd" and said & _LANDSLIDE_WORDS:
            h = PhraseHit(h.start, h.end, RAIN_MADE, h.q)
        elif h.entry.source == "keyword" and h.entry.target in _PERMIT_OFFICES and said & _PERMIT_WORDS:
            h = PhraseHit(h.start, h.end, replace(h.entry, target="esdm", category=mine.category, level=mine.level),
                          h.q)
        out.append(h)
    return out


def illegal_mine(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tambang emas tanpa izin di sungai Limun ... tolong aparat tindak', 'sumur minyak ilegal terbakar lagi, tolong
    ditindak yg punya sumur': an unlicensed mine (PETI) the teller asks to see stopped or its men caught is the police's
    crime to act on; the mining office's words stay, the police's weigh _MINE_CRIME ('ditindak lanjuti': no arrest)."""
    if not any(h.entry.target == "esdm" and h.entry.source == "keyword" for h in hits):
        return hits
    words = [fold_key(t.text) for t in tokens]
    illegal = any(w in _ILLEGAL or (w in _PERMIT and k > 0 and words[k - 1] in _WITHOUT) for k, w in enumerate(words))
    enforce = [k for k, w in enumerate(words)
               if w in _ENFORCE and not (k + 1 < len(words) and words[k + 1] in _FOLLOW_UP)]
    if not illegal or not enforce:
        return hits
    at = enforce[0]
    # 'ditindak', 'tanpa izin' said of a mine are the police's words here, not the public order agency's
    out = [PhraseHit(h.start, h.end, replace(h.entry, target="polri"), h.q)
           if h.entry.source == "keyword" and h.entry.target == "satpolpp" else h for h in hits]
    return [*out, PhraseHit(at, at + 1, _MINE_CRIME, 1.0)]


def land_fire(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'lahan gambut terbakar lagi ... pemadam belum datang', 'kabut asap ... api dari lahan gambut, segera kirim
    pemadam': once a story is of land, peat or forest burning, its fire words and the firefighters it calls by the
    bare 'pemadam' are the disaster office's (the land-fire task force it leads), not the town's fire brigade;
    'damkar' or 'pemadam kebakaran' named stays the brigade."""
    if not any(h.entry.target == _LAND_FIRE.target and h.entry.source != "alias"
               and _LAND_WORDS & {t.text for t in tokens[h.start:h.end]} for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, _LAND_FIRE, h.q)
            if h.entry.target == "damkar" and (h.entry.source != "alias" or (
                h.end - h.start == 1 and tokens[h.start].text == "pemadam")) else h for h in hits]


def market_drain(hits: list[PhraseHit], tokens: Sequence[Token], place: frozenset[int]) -> list[PhraseHit]:
    """'pasar Cikajang kotor, saluran mampet', 'pasar X kumuh saluran air buntu': a drain of a market (or a fish
    auction, 'TPI X bau, got buntu') said in a bad state is the market's, which its office runs (and is paid to
    clean), not the town's drains; not the market as an address ('jalan depan pasar banjir, got mampet'), nor a story
    of its rubbish (the environment office's)."""
    drain = min((h.start for h in hits if h.entry.target == "sda" and h.entry.source != "alias"), default=None)
    words = [t.text for t in tokens]
    if drain is None or any(w in _RUBBISH for w in words):
        return hits
    # the market and its state said first, then the drain ('Got di blkg los ikan tersumbat ... lorong pasar, bau'
    # says the drain first: it may be the town's)
    venue = next((w for i, w in enumerate(words[:drain]) if w in _VENUE_RUNNERS
                  and not (i > 0 and words[i - 1] in _MARKET_AS_ADDRESS)
                  and _MARKET_STATES & {words[j] for j in [k for k in range(i + 1, drain) if k not in place][:4]}),
                 None)
    if venue is None:
        return hits
    kind, category = _VENUE_RUNNERS[venue]
    return [PhraseHit(h.start, h.end, replace(h.entry, target=kind, category=category), h.q)
            if h.entry.target == "sda" and h.entry.source != "alias" else h for h in hits]


def rubbish_in_river(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'sampah di kali sukalila numpuk, mohon dibersihkan', 'sampah di sungai ... kalau hujan mampet': rubbish in a
    river is the environment office's to clear, though the river's state is said as a drain's (the drain pair's
    'dibersihkan', 'mampet'); a drain or a ditch blocked by rubbish ('got tersumbat sampah') stays the drain's."""
    words = [t.text for t in tokens]
    rivers = {j for i, w in enumerate(words) if w in _RUBBISH_WORDS
              for j in range(i + 1, min(len(words), i + 5)) if words[j] in _RIVERS}
    if not rivers:
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="dlh", category="lingkungan"), h.q)
            if h.entry.target == "sda" and h.entry.source != "alias" and h.start in rivers else h for h in hits]


def fishers_harmed(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'limbah pabrik dibuang ke laut, nelayan kecil susah', 'tambang timah ilegal bikin air laut keruh, nelayan
    susah cari ikan', 'sejak PLTU beroperasi hasil tangkapan turun': a polluter or a mine said, the fishers, their
    catch and their cages are who it harms, not what the fisheries office is asked to fix; their words count for no
    office (an office named still does)."""
    if not any(t.text in _POLLUTERS for t in tokens):
        return hits
    return [h for h in hits if h.entry.target != "diskan" or h.entry.source == "alias"]


def vendors_on_the_road(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'pkl suryakencana makan badan jalan lagi, angkot jd macet', 'pedagang meluber ke jalan, angkot gk bisa lewat':
    traders selling on the road or the pavement are public order's (or the market's) to move; the jam and the angkot
    they hold up are what it costs, not the transport office's job. Parking said stays parking's."""
    words = [t.text for t in tokens]
    if not _VENDORS & set(words) or not any(
            w in _ON_THE_ROAD or (w == "jalan" and i > 0 and words[i - 1] in _ONTO) for i, w in enumerate(words)):
        return hits
    return [h for h in hits if h.entry.target != "dishub" or h.entry.source == "alias"
            or _PARKING & set(words[h.start:h.end])]


def type_a_terminal(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'terminal Tingkir ... toilet jorok ... terminal tipe A kok kaya gini', 'terminal X banyak calo bus AKAP': once
    the terminal is said to be the one for buses between provinces (the keyword pair), it is the Ministry of
    Transport's, and so are the terminal's other words ('terminal', 'terminal rusak') the town's office had."""
    if not any(h.entry.target == "kemenhub" and tokens[h.start].text == "terminal" for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="kemenhub", level=None), h.q)
            if h.entry.target == "dishub" and h.entry.source != "alias" and tokens[h.start].text == "terminal"
            else h for h in hits]


def card_at_the_hospital(hits: list[PhraseHit]) -> list[PhraseHit]:
    """'kartu KIS tiba2 nonaktif pas berobat ke RSUD Tembilahan', 'kartu bpjs mama dipake di rsud ditolak katanya
    tunggakan': a health card switched off or in arrears is BPJS Kesehatan's to put right; the hospital it was shown
    at is where, a word of the story (not the office written to)."""
    if not any(h.entry.target == "bpjs-kesehatan" and h.entry.source != "alias" and h.end - h.start > 1
               and h.entry.weight >= _CARD_STATE_WEIGHT for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=_VENUE_WEIGHT), h.q)
            if h.entry.source == "alias" and h.entry.target in _CARE_VENUES else h for h in hits]


def sent_on_to(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'puskesmas tdk ada dokter, disuruh ke RSUD', 'vaksin kosong disuruh ke rsud': a hospital the teller was told to
    go to instead is where the failing clinic sent them, a word of the story at _VENUE_WEIGHT, not the office
    written to ('dirujuk ke RSUD X tapi ditolak' is the hospital's own failing: no 'disuruh')."""
    words = [t.text for t in tokens]
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=_VENUE_WEIGHT), h.q)
            if h.entry.source == "alias" and h.entry.target in _CARE_VENUES and h.start >= 2
            and words[h.start - 1] in _TOWARDS and words[h.start - 2] in _SENT else h for h in hits]


def taken_on_from_the_clinic(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ambulan puskesmas indak ado sopir ... diantar jo oto pikap ka RSUD Painan', 'puskesmas tidak ada dokter, yang
    sakit disuruh ke rumah sakit di Rantepao': with the clinic's failing told, a hospital the patient was taken or sent
    to is where they went instead, a word at _VENUE_WEIGHT; the clinic's office decides."""
    if not any(h.entry.source == "keyword" and h.entry.target == "dinkes" and h.entry.weight >= _SERVICE_WEIGHT
               for h in hits):
        return hits
    words = [fold_key(t.text) for t in tokens]

    def taken_to(at: int) -> bool:
        if at < 2 or words[at - 1] not in _TOWARDS:
            return False
        return any(words[k] in _TAKEN for k in range(max(0, at - 2 - _TAKEN_REACH), at - 1))

    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=_VENUE_WEIGHT), h.q)
            if (h.entry.target in _CARE_VENUES or h.entry.target.endswith("-rsud")) and taken_to(h.start) else h
            for h in hits]


def sent_to_a_special_school(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ditolak daftar SD negeri, kata kepsek suruh ke SLB aja. SLB nya jauh': an SLB the child was told to go to is a
    word of the story at _VENUE_WEIGHT (every time it is said), not the province's school complained of."""
    words = [fold_key(t.text) for t in tokens]
    told = any(w in _SPECIAL_SCHOOLS and i >= 2 and words[i - 1] in _TOWARDS
               and any(v in _TOLD_TO for v in words[max(0, i - 5):i - 1]) for i, w in enumerate(words))
    if not told:
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, weight=_VENUE_WEIGHT, level=None), h.q)
            if h.entry.source == "keyword" and h.end - h.start == 1 and words[h.start] in _SPECIAL_SCHOOLS else h
            for h in hits]


def insured_anyway(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'periksa di puskesmas disuruh bayar padahal ada bpjs', 'obat kosong, dikon tuku dhewe, padahal BPJS': BPJS said
    after 'padahal' is how the teller is insured, why the clinic's charge was wrong; the clinic's office decides.
    (A card switched off, 'bpjs nonaktif', is BPJS's own: that pair keeps it.)"""
    if not any(h.entry.target == "dinkes" for h in hits) or any(
            h.entry.target == "bpjs-kesehatan" and h.entry.source != "alias" and h.end - h.start > 1
            and h.entry.weight >= _CARD_STATE_WEIGHT for h in hits):
        return hits
    words = [t.text for t in tokens]

    def insured(at: int) -> bool:
        k = at - 1
        while k >= 0 and at - k <= 3 and words[k] in _INSURED_FILLERS:
            k -= 1
        return k >= 0 and words[k] in _BUT_EVEN

    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=_VENUE_WEIGHT), h.q)
            if h.entry.source == "alias" and h.entry.target in _BPJS_KESEHATAN and insured(h.start) else h
            for h in hits]


def paid_with_bpjs(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'operasi katarak di rumah sakit pake BPJS, antreannya 6 bulan', 'dirawat di RSUD X pakai BPJS tapi diminta uang
    darah': BPJS said as how a patient of a public hospital paid is a word of the story at _VENUE_WEIGHT (each time it
    is said); the hospital's office decides. A private hospital ('RS swasta') answers to BPJS; a card switched off
    ('kartu bpjs nonaktif') is BPJS's own."""
    words = [fold_key(t.text) for t in tokens]
    if any(w in _PRIVATE for w in words) or any(
            h.entry.target == "bpjs-kesehatan" and h.entry.source != "alias" and h.end - h.start > 1
            and h.entry.weight >= _CARD_STATE_WEIGHT for h in hits):
        return hits
    hospitals = [h.start for h in hits if h.entry.target == "rsud" or h.entry.target.endswith("-rsud")]

    def paid_with(k: int) -> bool:
        j = k + 1 + (k + 1 < len(words) and words[k + 1] == "kartu")
        return (words[k] in _PAID_WITH and j < len(words) and words[j] in _HEALTH_CARDS
                and any(0 < k - at <= _PAID_REACH for at in hospitals))

    if not any(paid_with(k) for k in range(len(words))):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=_VENUE_WEIGHT), h.q)
            if h.entry.target in _BPJS_KESEHATAN else h for h in hits]


def at_the_service_mall(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ngurus akta kematian teng MPP Wonogiri', 'antrean capil di mpp': the public service mall (MPP) houses the
    counters of many offices, so with another office's service named and no permit, it is where, a word at
    _VENUE_WEIGHT; the service's office decides ('izin usaha di MPP' stays the permit office's)."""
    def the_mall(h: PhraseHit) -> bool:
        return (h.entry.source == "alias" and h.entry.target == "dpmptsp"
                and any(fold_key(t.text) in _SERVICE_MALL for t in tokens[h.start:h.end]))

    if not any(the_mall(h) for h in hits) or any(
            h.entry.target == "dpmptsp" and not the_mall(h) for h in hits) or not any(
            h.entry.source != "alias" and h.entry.target not in ("dpmptsp", "pemda")
            and h.entry.weight >= _SERVICE_WEIGHT for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=_VENUE_WEIGHT), h.q)
            if the_mall(h) else h for h in hits]


def paper_needed_for_bpjs(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'KTP sudah rekam 4 bulan belum dicetak, mau urus bpjs dan bank ga bisa', 'akta belum jadi, padahal mau daftar
    BPJS': with a civil-registry paper named, BPJS said as what the teller wants to arrange with it is what the paper
    is needed for, a word at _VENUE_WEIGHT; the registry decides ('ke kantor BPJS' said too still names BPJS)."""
    if not any(h.entry.source == "keyword" and h.entry.target == "dukcapil" for h in hits):
        return hits
    words = [fold_key(t.text) for t in tokens]

    def arranged(at: int) -> bool:
        for k in range(at - 1, max(-1, at - 1 - _ARRANGE_REACH), -1):
            if words[k] in _TO_ARRANGE:
                return True
            if tokens[k + 1].sep:
                return False
        return False

    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=_VENUE_WEIGHT), h.q)
            if h.entry.target in _BPJS_KESEHATAN and arranged(h.start) else h for h in hits]


def asked_for_as_a_requirement(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'mau buat akta kelahiran anak ditolak krn tdk ada buku nikah', 'urus KK disuruh bawa surat pengantar desa': a
    paper said as what another office asks for first is a requirement of the service complained of, a word at
    _VENUE_WEIGHT, when that service's own word (at _SERVICE_WEIGHT or more) is said outside such a place."""
    words = [fold_key(t.text) for t in tokens]

    def required(at: int) -> bool:
        k = at - 1
        if k < 0 or tokens[at].sep:
            return False
        if words[k] in _TERMS:
            return True
        if words[k] in _BRING and k > 0 and not tokens[k].sep:
            return words[k - 1] in _MUST or (words[k - 1] in _LACKING and k > 1 and words[k - 2] in _BECAUSE)
        return False

    asked = [h for h in hits if h.entry.source == "keyword" and required(h.start)]
    if not asked:
        return hits
    kinds = {h.entry.target for h in asked}
    if not any(h.entry.source == "keyword" and h.entry.weight >= _SERVICE_WEIGHT and h.entry.target not in kinds
               and h not in asked for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _VENUE_WEIGHT)), h.q)
            if h in asked else h for h in hits]


def letter_for_the_papers(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'KTP hilang, mau urus baru katanya harus bawa surat kehilangan dari polsek dulu': the police's letter for a
    lost paper is a step of getting the paper again, so with a paper named (KTP, KK, buku nikah, ijazah, sertifikat)
    the letter and the police are words of the story at _VENUE_WEIGHT; the paper's office decides."""
    words = [fold_key(t.text) for t in tokens]
    letter = any(w in _LOST and k > 0 and words[k - 1] in _LETTER_WORDS for k, w in enumerate(words))
    if not letter or not any(h.entry.source == "keyword" and h.entry.target in _PAPER_KINDS for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="polri", source="keyword", weight=_VENUE_WEIGHT), h.q)
            if h.entry.target in _POLICE else h for h in hits]


def village_head_quoted(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'beras bantuan tra dibagi, kata kepala kampung belum datang', 'kata pak kades bantuan blm turun': the village
    head quoted is who passed the news on, a word of the story at _VENUE_WEIGHT, not the office written to."""
    words = [fold_key(t.text) for t in tokens]

    def quoted(at: int) -> bool:
        k = at - 1
        if k >= 0 and words[k] in _HONORIFICS:
            k -= 1
        return k >= 0 and words[k] in _SAID_BY

    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _VENUE_WEIGHT)), h.q)
            if h.entry.source == "keyword" and h.entry.target == "dpmd" and quoted(h.start) else h for h in hits]


def the_long_way(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'bidan desa pindah ... ibu hamil harus ke Gunungsitoli, jalannya jauh dan rusak', 'tdk bisa datang krn jauh dan
    jalannya rusak. akhirnya KTP blm direkam': a damaged road said with 'jauh' is the long hard way to a service
    another office's words name; the road's words count at _VENUE_WEIGHT, that office decides."""
    if not any(h.entry.source == "keyword" and h.entry.target != "pupr" and h.entry.weight >= _SERVICE_WEIGHT
               for h in hits):
        return hits
    far = [k for k, t in enumerate(tokens) if fold_key(t.text) in _FAR]

    def the_way(h: PhraseHit) -> bool:
        return any(h.start - _FAR_REACH <= k < h.end + _FAR_REACH for k in far)

    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _VENUE_WEIGHT)), h.q)
            if h.entry.source == "keyword" and h.entry.target == "pupr" and the_way(h) else h for h in hits]


def nation_runs_it(tokens: Sequence[Token]) -> bool:
    """Whether the story says the nation runs what it is about: 'kewenangan pusat', 'urusan kementerian', 'itu
    sistem dari kementerian pusat', 'itu kewenangan balai kan?' (not after a negation, nor 'balai desa', nor a
    question of which: 'urusan Kementerian Agama pusat atau daerah?')."""
    words = [t.text for t in tokens]
    return any(not (words[k] == "balai" and k + 1 < len(words) and words[k + 1] in _OTHER_HALLS)
               and "atau" not in words[k + 1:k + 5] for k in _runners_said(words, _RUN_BY_NATION, _THE_NATION))


def an_address(pair: PhraseHit, hits: Sequence[PhraseHit], tokens: Sequence[Token]) -> bool:
    """Whether a road-then-state pair is only the address of another thing: 'lampu bangjo di jl. Hasanuddin rusak',
    'pompa air dkt jalan Mawar rusak' say what is broken first and the road (with its name, before the state) where
    it is. 'jalan Hasanuddin rusak' alone, 'lubang di jalan rusak', or a thing the road's own pair is about
    ('trotoar di jalan Dago rusak') are still the road."""
    at = pair.start
    if (at < 2 or tokens[at].text not in _ROAD_WORDS or tokens[at - 1].text not in _ADDRESS_WORDS
            or pair.end - at < 3 or tokens[at - 1].sep):
        return False
    folds = [fold_key(t.text) for t in tokens]
    return any(h.end == at - 1 and h.entry.source == "keyword" and h.entry.target != pair.entry.target
               and not tokens[h.end - 1].sep
               and not any(r.entry.target == pair.entry.target and r.noun_at(folds, k) is not None
                           for r in pair_rules() for k in range(h.start, h.end)) for h in hits)


def missed_body(hit: PhraseHit, tokens: Sequence[Token]) -> PhraseHit:
    """An office named as missing from the place ('polisi tidak ada yang jaga', 'tidak ada polisi yang ngatur')
    counts as a problem word of its own at _MISSED_WEIGHT, not as the office the citizen names: what it should have
    guarded decides. ('dinas PU tidak ada respon' names the office that did not answer: no guarding word follows.)"""
    if hit.entry.source != "alias":
        return hit
    words = [t.text for t in tokens]
    after = words[hit.end:hit.end + 2] == ["tidak", "ada"] and bool(_GUARDING & set(words[hit.end + 2:hit.end + 4]))
    before = (words[max(0, hit.start - 2):hit.start] == ["tidak", "ada"]
              and bool(_GUARDING & set(words[hit.end:hit.end + 2])))
    if not (after or before):
        return hit
    return PhraseHit(hit.start, hit.end, replace(hit.entry, source="keyword", weight=_MISSED_WEIGHT), hit.q)


def until_short(tokens: Sequence[Token], at: int) -> bool:
    """Whether token `at` is 'smp' typed for 'sampai' (until): before a time ('smp jam 2', 'smp pagi', 'smp skrg')
    or a number of them ('smp 3 bulan'); 'smp 2 bandung', 'smp kelas 8' stay the school."""
    if tokens[at].text != "smp" or at + 1 >= len(tokens):
        return False
    after = tokens[at + 1].text
    if after.isdigit():
        return at + 2 < len(tokens) and tokens[at + 2].text in _TIME_UNITS
    return after in _UNTIL_WHAT


def possessive_pu(text: str, tokens: Sequence[Token], at: int) -> bool:
    """Whether token `at` is Eastern Malay 'pu' ('sa pu rumah': my house) rather than 'PU', Public Works."""
    token = tokens[at]
    return (token.text == "pu" and text[token.start:token.end] == "pu" and 0 < at < len(tokens) - 1
            and not tokens[at].sep and not tokens[at + 1].sep and tokens[at - 1].text not in _OFFICE_INTRODUCERS)


# ---- Works, water, roads and transport: what caused the trouble is whose it is

# a tidal flood ('rob', 'banjir rob', 'air laut masuk'): it comes back with every high tide, so where the sea dyke that
# should hold it back is said broken or unfinished, or the drain or pump that should let it out is said blocked or
# dead, the dyke or the drain is the cause and its office's to build or mend (tide_made)
_TIDE_WORDS = frozenset(fold_key(w) for w in {"rob"})
_DYKES = frozenset(fold_key(w) for w in {"tanggul", "tanggulnya", "tanggulnye", "tangkis"})
# ...said failed ('tanggul jebol', 'tanggulnye rembes', 'tanggul bocor')
_DYKE_FAILED = frozenset(fold_key(w) for w in {"jebol", "bocor", "rembes", "rusak", "ambrol", "ambruk", "retak",
                                               "amblas", "ambles", "runtuh", "roboh", "hancur", "putus", "jebolnya"})
# ...or never finished or mended ('tanggul gk pernah diperbaiki', 'tanggul kota gk selesai2', 'belum selesai')
_DYKE_UNDONE = frozenset(fold_key(w) for w in {"selesai", "selesai2", "rampung", "diperbaiki", "dibenahi",
                                               "dikerjakan", "dilanjutkan", "dilanjut"})
# ...after these ('gk pernah diperbaiki', 'belum selesai')
_NOT_YET = frozenset(fold_key(w) for w in _LACKING | _WITHOUT | {"pernah"})
# a failed dyke weighs as a broken channel or dyke does (the pair 'tanggul ... jebol' of keyword_pairs.csv)
_FAILED_DYKE_WEIGHT = 6.0
_DYKE_REACH = 5  # words from the dyke to its state ('tanggul kota gk selesai2', 'tanggul di ujung kampung udah bocor')
# what the teller asks for in the emergency itself ('mohon bantuan karung pasir', 'nyuwun bantuan'): then it is the
# disaster office's, whatever made it
_RELIEF = frozenset(fold_key(w) for w in {"bantuan", "karung", "sembako", "makanan", "ngungsi", "mengungsi",
                                          "pengungsi", "evakuasi", "dievakuasi", "logistik"})
_TIDE_FLOODS = _TIDE_WORDS | frozenset(fold_key(w) for w in _FLOOD_WORDS)


def tide_made(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'air laut masuk kampung tiap rob, tanggul gak pernah diperbaiki', 'rob mlebu omah, tanggul jebol', 'banjir rob,
    drainase ora kuat': a tidal flood is no one-off disaster but what comes in every high tide where the sea dyke is
    broken or unfinished or the drain or flood pump fails; its words count for the disaster office as a rain-made
    flood does, and the dyke's or the drain's office decides. Relief asked for ('mohon bantuan karung pasir') is the
    emergency itself: the disaster office's, the rule stands aside."""
    words = [fold_key(t.text) for t in tokens]
    if not _TIDE_WORDS & set(words) or _RELIEF & set(words):
        return hits

    def failed(at: int) -> bool:
        ahead = words[at + 1:at + 1 + _DYKE_REACH]
        return any(w in _DYKE_FAILED or (w in _DYKE_UNDONE and k > 0 and ahead[k - 1] in _NOT_YET)
                   for k, w in enumerate(ahead))

    dyke = any(w in _DYKES and failed(k) for k, w in enumerate(words))
    drain = any(h.entry.target == "sda" and h.entry.source == "keyword" and h.end - h.start > 1
                and h.entry.weight >= _BLOCKED_DRAIN_WEIGHT for h in hits)
    if not (dyke or drain):
        return hits
    out = []
    for h in hits:
        said = set(words[h.start:h.end])
        if h.entry.source == "keyword" and h.entry.target == "bpbd" and said <= _TIDE_FLOODS:
            h = PhraseHit(h.start, h.end, RAIN_MADE, h.q)
        elif dyke and h.entry.source == "keyword" and h.entry.target == "sda" and said & _DYKES:
            # ('tanggul gk pernah diperbaiki': the dyke said failed weighs as the broken dyke's pair)
            h = PhraseHit(h.start, h.end, replace(h.entry, weight=max(h.entry.weight, _FAILED_DYKE_WEIGHT)), h.q)
        out.append(h)
    return out


# a road a landslide cut or covered (the road pair 'jalan ... longsor', 'jalan ... tertimbun'): the road's office
# clears and rebuilds it, so the landslide is how the road was lost (road_cut_by_landslide)
_LANDSLIDE_CUTS = frozenset(fold_key(w) for w in _LANDSLIDE_WORDS | {"tertimbun", "ketimbun"})
# ...the road said as such (not a retaining wall: 'talud longsor' is the wall's, and the homes behind it at risk)
_ROADS = frozenset(fold_key(w) for w in {"jalan", "jalanan", "jalur", "ruas", "poros", "jln", "jl", "akses"})
# ...unless people were hurt or homes hit: then it is the disaster itself ('longsor menimpa rumah, 2 korban')
_LANDSLIDE_VICTIMS = frozenset(fold_key(w) for w in {"korban", "meninggal", "tewas", "menimpa", "ngungsi", "mengungsi",
                                                     "pengungsi"})
# ...or a home buried ('satu rumah tertimbun', 'rumah warga ketimbun')
_BURIED = frozenset(fold_key(w) for w in {"tertimbun", "ketimbun", "tertimpa", "ketimpa"})
_HOMES = frozenset(fold_key(w) for w in {"rumah", "rumahnya", "omah", "pondok", "sekolah", "masjid"})


def road_cut_by_landslide(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'jalan ke kulawi longsor lagi, mobil sayur ndak bisa lewat', 'dalan ing Tulakan longsor, mobil ora iso liwat':
    a landslide said as what cut or covered a road is the road's office's to clear and rebuild (the road pair, Public
    Works); the landslide word counts for the disaster office as one said in passing. A landslide that hurt people or
    hit homes ('menimpa rumah', 'satu rumah tertimbun', 'korban') stays the disaster office's."""
    words = [fold_key(t.text) for t in tokens]
    homes_hit = any(w in _BURIED and _HOMES & set(words[max(0, k - 3):k]) for k, w in enumerate(words))
    if homes_hit or _LANDSLIDE_VICTIMS & set(words) or not any(
            h.entry.target == "pupr" and h.entry.source == "keyword" and h.end - h.start > 1
            and words[h.start] in _ROADS and _LANDSLIDE_CUTS & set(words[h.start:h.end]) for h in hits):
        return hits
    # (every landslide word of the story: 'longsor' said again is the same landslide, not another piece of evidence)
    return [PhraseHit(h.start, h.end, RAIN_MADE, h.q)
            if h.entry.source == "keyword" and h.entry.target == "bpbd"
            and set(words[h.start:h.end]) <= _LANDSLIDE_CUTS | {"tanah"} else h for h in hits]


# traders said selling ('jualan', 'pedagang', 'pkl'): where they share a pavement with parked motorbikes, public order
# clears both (pavement_parking_alone)
_SELLING = _VENDORS | {"jualan", "berjualan", "dagangan", "jualannya"}
_PAVEMENTS = frozenset(fold_key(w) for w in {"trotoar", "trotoarnya", "pedestrian"})


def pavement_parking_alone(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'trotoar dipake parkir motor', 'ojol mangkal di trotoar': the pavement pairs of parked or waiting vehicles are
    the transport office's only where the vehicles alone are the trouble. A pavement taken by traders and parked
    motorbikes together ('trotoar jadi tempat jualan + parkir motor') is public order's to clear, and one said broken
    as well ('trotoar rusak dan dipake parkir') Public Works' to mend: there they count for nothing."""
    def on_pavement(h: PhraseHit) -> bool:
        return h.entry.source == "keyword" and h.end - h.start > 1 and bool(
            _PAVEMENTS & {fold_key(t.text) for t in tokens[h.start:h.end]})

    if not (_SELLING & {t.text for t in tokens} or any(h.entry.target == "pupr" and on_pavement(h) for h in hits)):
        return hits
    return [h for h in hits if not (h.entry.target == "dishub" and on_pavement(h))]


# (round 74) hauling trucks said breaking a rule of the road ('truk batubara lewat jalan umum siang hari', 'truk pasir
# muatan lebih'), or speeding through a village: the hauling pairs of keyword_pairs.csv, whose nouns start so
# (hauling_rule_broken)
_HAULERS = frozenset(fold_key(w) for w in {"truk", "angkutan", "dump"})
_HAULING_PAIR_WEIGHT = 8.0
# ...and what the road's words then weigh: said in passing, as a word of the road the trucks broke
_IN_PASSING_WEIGHT = 2.0


def hauling_rule_broken(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'truk batubara lewat jalan desa siang hari, debu tebal dan jalan hancur. katanya ada aturan harus lewat jalan
    khusus', 'truk pasir lewat jalan kabupaten muatan lebih, jalan rusak parah': hauling trucks said on a road in the
    hours or with the loads they are banned from (or speeding through a village) are the transport office's to stop
    (their routes, hours and loads on the kabupaten's roads, UU 22/2009); the road they broke is what it cost, so the
    road's words count as one said in passing and the trucks decide, as the pair's note says."""
    def hauling(h: PhraseHit) -> bool:
        return (h.entry.source == "keyword" and h.entry.target == "dishub" and h.end - h.start > 1
                and h.entry.weight >= _HAULING_PAIR_WEIGHT and fold_key(tokens[h.start].text) in _HAULERS)

    if not any(hauling(h) for h in hits):
        return hits
    # (the road said three ways, 'jalan desa ... jalan hancur', is one road said in passing)
    roads = [h for h in hits if h.entry.source == "keyword" and h.entry.target == "pupr"]
    out = [h for h in hits if h not in roads]
    if roads:
        out.append(PhraseHit(roads[0].start, roads[0].end,
                             replace(roads[0].entry, weight=min(roads[0].entry.weight, _IN_PASSING_WEIGHT)),
                             roads[0].q))
    return out


# (round 74) a market said in disorder ('pasar Limboto semrawut', 'pasar narmada sesak', 'pasar babat iku semrawut
# pol'): how it is laid out and where its traders sell is the market's office's to arrange (market_in_disorder)
_DISORDER = frozenset(fold_key(w) for w in {"semrawut", "semerawut", "sumpek", "sesak", "kacau", "awut", "amburadul",
                                            "tertata", "ditata", "ruwet"})
_DISORDER_REACH = 4  # words after the market, its name and 'iku'/'makin' among them ('pasar lakessi di soreang
# semrawut': the place's words are not counted)
# ...not the market as where something else is ('depan pasar', 'sekitar pasar'), nor its parking said in disorder
# ('pasar wonokromo parkir e semrawut': the parking's)
_AROUND = _MARKET_AS_ADDRESS | {"sekitar", "seputar", "arah"}
_MARKET_OTHER_THINGS = _PARKING | {"parkire", "lalu", "lampu", "lalulintas", "kabel", "angkot"}


def market_in_disorder(hits: list[PhraseHit], tokens: Sequence[Token], place: frozenset[int]) -> list[PhraseHit]:
    """'pasar Limboto semrawut, lapak pedagang sampe ke jalan raya', 'pasar lakessi semrawut, pedagang jualan di badan
    jalan ... tolong ditata': a market said first and in disorder, its traders spilling onto the road, is the
    market's office's to arrange (it runs the market, its stalls and where its traders sell); public order's words of
    traders on the road are how the disorder shows, so they count for the market's office. Traders said first ('pkl
    di sekitar jam gadang dan pasar atas makin semrawut': the hawkers are what is complained of) stay public
    order's."""
    words = [fold_key(t.text) for t in tokens]
    first_vendor = next((k for k, w in enumerate(words) if w in _SELLING), len(words))

    def in_disorder(i: int) -> bool:
        after = [words[k] for k in range(i + 1, len(words)) if k not in place][:_DISORDER_REACH]
        cut = next((k for k, w in enumerate(after) if w in _MARKET_OTHER_THINGS), len(after))
        return bool(_DISORDER & set(after[:cut]))

    if not any(w in _MARKET_NOUNS and i < first_vendor and not (i > 0 and words[i - 1] in _AROUND) and in_disorder(i)
               for i, w in enumerate(words)):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="disperindag", category="lainnya"), h.q)
            if h.entry.source == "keyword" and h.entry.target == "satpolpp" else h for h in hits]


# (round 74) clean water said to come from a spring, the rain or a village pond ('pikul air dari mata air', 'tong
# minum air hujan saja', 'embung kering'): no water company's pipe reaches the place (water_works_not_reached)
_NO_TAP_SOURCES = (("mata", "air"), ("mata", "aer"), ("air", "hujan"), ("aer", "hujan"), ("air", "ujan"),
                   ("aer", "ujan"), ("embung",), ("cubang",))
# ...unless the water company is named or billed ('PDAM', 'ledeng', 'tagihan'), or it is the drought's emergency the
# disaster office answers ('kekeringan', 'kemarau', 'dropping air'), or people driven from home ('pengungsi')
_WATER_COMPANY = frozenset(fold_key(w) for w in {"pdam", "pam", "ledeng", "perumda", "tirta", "tagihan", "rekening",
                                                 "meteran", "meter", "pelanggan"})
_DROUGHT = frozenset(fold_key(w) for w in {"kekeringan", "kemarau", "dropping", "droping", "kiriman", "pengungsi",
                                           "mengungsi", "ngungsi", "bencana"})
_WATER_WORKS = Entry("pupr", "keyword", 4.0, "infrastruktur")


def water_works_not_reached(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'di gurimonearu air bersih susah sekali, embung kering, kami pikul air jauh dari mata air', 'tra ada air
    bersih, tong minum air hujan saja': a village whose water comes from a spring, the rain or a pond has no water
    company's pipe; building its drinking-water works (a spring's pipe, a tank, a network) is Public Works' (UU
    23/2014, drinking water), so the clean-water words count for it, not for the water company. Named or billed,
    the water company stays; a drought's emergency stays the disaster office's."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    source = any(tuple(words[k:k + len(s)]) == s for k in range(len(words)) for s in _NO_TAP_SOURCES)
    if not source or said & (_WATER_COMPANY | _DROUGHT) or any(
            h.entry.source == "alias" and h.entry.target == "pdam" for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(_WATER_WORKS, weight=h.entry.weight), h.q)
            if h.entry.source == "keyword" and h.entry.target == "pdam" else h for h in hits]


# (round 74) water said fouled: the pair of a river, the sea or a lake turned turbid, red or oily (keyword_pairs.csv,
# the environment office's), whose nouns these are (fouled_by_a_mine_to_stop)
_WATERS = frozenset(fold_key(w) for w in {
    "sungai", "sungainya", "kali", "aek", "air", "laut", "pantai", "danau", "muara", "rawa"})


def fouled_by_a_mine_to_stop(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tambang emas ilegal di hulu sungai, air sungai keruh ... tolong ditindak': where the teller asks for an
    unlicensed mine to be stopped by force (illegal_mine's crime, the police's), the water it fouled is what it did,
    said in passing; the environment office decides the fouled water only where no such stop is asked for
    (bench/data/LABELLING.md's mine ruling)."""
    if not any(h.entry == _MINE_CRIME for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _IN_PASSING_WEIGHT)), h.q)
            if h.entry.source == "keyword" and h.entry.target == "dlh" and h.end - h.start > 1
            and fold_key(tokens[h.start].text) in _WATERS else h for h in hits]


# ---- People's services: who the teller is, and what a paper, a card or a place is said for

# 'lulusan SMK', 'abis lulus SMA', 'tamat SD': the school a teller finished is who they are, not the school complained
# of (graduated_from)
_GRADUATED = frozenset(fold_key(w) for w in (
    "lulus", "lulusan", "tamat", "tamatan", "alumni", "alumnus", "jebolan"))
_SCHOOL_KINDS = frozenset({"disdik", "kemenag"})


def graduated_from(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'aku lulusan SMK, ikut magang di pabrik gk dibayar', 'anak muda abis lulus SMA nganggur, padat karya dari pemkot
    gk nyampe': a school said as the one the teller finished ('lulus SMP', 'tamat dari SMA') says who they are; its
    word counts at _VENUE_WEIGHT with no level of its own, and the rest of the story decides ('lulus SMP mau daftar SMA
    negeri': the school applied to keeps its word and its level)."""
    words = [fold_key(t.text) for t in tokens]

    def finished(at: int) -> bool:
        k = at - 1 - (at >= 2 and words[at - 1] == "dari")
        return k >= 0 and words[k] in _GRADUATED and not tokens[at].sep

    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _VENUE_WEIGHT), level=None), h.q)
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
    _EMPLOYERS_BPJS weight; a claim, an accident or a death is BPJS TK's own to pay and keeps its body."""
    words = [fold_key(t.text) for t in tokens]
    tk = [h for h in hits if h.entry.target in _BPJS_TK]
    if not tk or any(w in _BENEFIT_WORDS for w in words) or any(
            h.entry.target in _BPJS_TK and h.entry.source == "keyword"
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
    return [PhraseHit(h.start, h.end, _EMPLOYERS_BPJS, h.q) if h.entry.target in _BPJS_TK else h for h in hits]


# 'butuh pendampingan', 'belum mendapat pendampingan': the accompaniment of a victim of violence is asked for
# (accompaniment_asked)
_ACCOMPANIMENT = frozenset(fold_key(w) for w in ("pendampingan", "didampingi", "pendampingannya"))
_ACCOMPANIMENT_WEIGHT = 5.0


def accompaniment_asked(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'korban KDRT butuh pendampingan, polisi lambat', 'kasus sudah dilaporkan ke polsek tapi korban belum mendapat
    pendampingan': in a story of violence (the women and children office's words, or the police's) the accompaniment
    asked for is the women and children protection office's service (UPTD PPA); the police named or the crime's words
    are where the case went, words at _VENUE_WEIGHT, and the word asked counts for that office."""
    words = [fold_key(t.text) for t in tokens]
    asked = [k for k, w in enumerate(words) if w in _ACCOMPANIMENT]
    if not asked or not any(h.entry.target in {"dp3a", *_POLICE} and h.entry.category in {"sosial", "ketertiban"}
                            for h in hits):
        return hits
    covered = {k for h in hits for k in range(h.start, h.end)}
    out = [PhraseHit(h.start, h.end, replace(h.entry, target="polri", source="keyword",
                                             weight=min(h.entry.weight, _VENUE_WEIGHT)), h.q)
           if h.entry.target in _POLICE else h for h in hits]
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
    the charge was wrong; its words count at _VENUE_WEIGHT and the clinic's office (the health office) decides. A card
    switched off ('KIS nonaktif') is BPJS's own."""
    words = [fold_key(t.text) for t in tokens]
    if not any(h.entry.source == "keyword" and h.entry.target == "dinkes" and h.entry.weight >= _SERVICE_WEIGHT
               for h in hits) or not any(w in _CHARGED for w in words) or any(
            h.entry.target == "bpjs-kesehatan" and h.entry.source != "alias" and h.end - h.start > 1
            and h.entry.weight >= _CARD_STATE_WEIGHT for h in hits):
        return hits

    def how_insured(at: int) -> bool:  # 'padahal (kami peserta) BPJS', 'pakai (kartu) BPJS'
        for k in range(at - 1, max(-1, at - 4), -1):
            if words[k] in _BUT_EVEN or words[k] in _PAID_WITH:
                return True
            if words[k] not in _INSURED_FILLERS:
                return False
        return False

    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=min(h.entry.weight, _VENUE_WEIGHT)),
                      h.q)
            if h.entry.target in _BPJS_KESEHATAN and (how_insured(h.start) or (
                h.start + 1 < len(words) and words[h.start] in _PAID_WITH)) else h for h in hits]


# 'ditolak karena KTP-nya luar kota', 'katanya KTP masih alamat Batang': a paper said as the reason a service refused
# (paper_as_the_reason)
_REFUSED = frozenset(fold_key(w) for w in ("ditolak", "tolak", "menolak", "nolak", "ditolaknya"))
_REASON_WORDS = frozenset(fold_key(w) for w in _BECAUSE | {"kata", "katanya", "alasan", "alasannya", "karna"})


def paper_as_the_reason(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ditolak periksa di puskesmas karena KTP nya masih alamat Batang', 'puskesmas nolak, katanya ktp luar kota harus
    bayar umum': a civil-registry paper said as the reason another office's service refused the teller is that
    service's rule, a word at _VENUE_WEIGHT; the refusing service's office (at _SERVICE_WEIGHT or more) decides."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _REFUSED for w in words) or not any(
            h.entry.source == "keyword" and h.entry.target not in ("dukcapil", "ditjen-dukcapil")
            and h.entry.weight >= _SERVICE_WEIGHT for h in hits):
        return hits

    def the_reason(at: int) -> bool:
        return any(words[k] in _REASON_WORDS for k in range(max(0, at - 2), at))

    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _VENUE_WEIGHT)), h.q)
            if h.entry.source == "keyword" and h.entry.target == "dukcapil" and the_reason(h.start) else h
            for h in hits]


# 'ditipu orang ngaku petugas bansos': a fraud, and the office the fraudster posed as (posing_as)
_DEFRAUDED = frozenset(fold_key(w) for w in ("ditipu", "tertipu", "penipuan", "menipu", "tipu"))
_POSING = frozenset(fold_key(w) for w in ("ngaku", "mengaku", "ngakunya", "mengatasnamakan", "ngaku2"))


def posing_as(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'nenek ditipu orang yang ngaku petugas bansos, emasnya dibawa kabur': in a story of fraud, the office the
    fraudster posed as ('ngaku petugas X', 'mengatasnamakan dinas') is the lie told, its words at _VENUE_WEIGHT; the
    fraud is the police's (an impostor collecting a levy, with no fraud said, keeps the levy's office)."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _DEFRAUDED for w in words):
        return hits
    posed = {k for i, w in enumerate(words) if w in _POSING for k in range(i + 1, min(len(words), i + 4))}
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=min(h.entry.weight, _VENUE_WEIGHT)),
                      h.q)
            if h.start in posed and h.entry.target not in _POLICE else h for h in hits]


# (round 74) the kabupaten's labour office said to have turned the teller away to the province ('disuruh ke
# provinsi', 'katanya pengawas di provinsi', 'bukan wewenang mereka') (sent_up_to_the_province)
_LABOUR = frozenset({"disnaker"})
_SENT_UP = _SENT | _TOLD_TO | frozenset(fold_key(w) for w in (
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
    hospital where it was refused is where, a word at _VENUE_WEIGHT, as card_at_the_hospital reads it when the pair
    'kartu ... nonaktif' is found."""
    words = [fold_key(t.text) for t in tokens]

    def off(k: int) -> bool:
        return words[k] in _SWITCHED_OFF or (words[k] in _ACTIVE and k > 0 and words[k - 1] in _LACKING | _NOT)

    cards = [k for k, w in enumerate(words) if w in _CARDS]
    if not any(off(k) and any(0 < k - c <= _CARD_REACH for c in cards) for k in range(len(words))):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=_VENUE_WEIGHT), h.q)
            if h.entry.source == "alias" and (h.entry.target in _CARE_VENUES or h.entry.target.endswith("-rsud"))
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
    word at _VENUE_WEIGHT. Not with the civil registry named ('di kelurahan disuruh ke capil': the registry's paper)."""
    words = [fold_key(t.text) for t in tokens]
    offices = [k for k, w in enumerate(words)
               if w in _OWN_OFFICES or (w == "kecamatan" and k > 0 and words[k - 1] == "kantor")]
    if not offices or any(
            w in {"desa", "kades", "ds"} for w in words) or any(
            h.entry.source == "alias" and h.entry.target in ("dukcapil", "ditjen-dukcapil") for h in hits):
        return hits
    letters = [k for k in range(1, len(words)) if words[k - 1] in _LETTER_WORD and (
        words[k] in _LETTERS or any(h.start == k and h.entry.target in _PAPER_KINDS for h in hits))
        and any(abs(k - o) <= _OFFICE_REACH for o in offices)]
    if not letters:
        return hits
    for_what = {j for k in letters for j in range(k, min(len(words), k + _LETTER_FOR_REACH + 1))}
    out = [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, _VENUE_WEIGHT), level=None), h.q)
           if h.entry.source == "keyword" and h.entry.target in _PAPER_KINDS | {"dpmd", "dinsos"}
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
    if not any(h.entry.target in _BPJS_TK for h in hits) or not any(w in _EMPLOYER_WORDS for w in words):
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
