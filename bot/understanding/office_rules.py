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
BPJS_KESEHATAN = {"bpjs-kesehatan": "bpjs-tk", "agency:bpjs-kesehatan": "agency:bpjs-tk"}
BPJS_TK = frozenset(BPJS_KESEHATAN.values())
_HEALTH_INSURANCE = frozenset(fold_key(w) for w in ("kesehatan", "kes", "bpjskes", "kis", "jkn", "askes", "pbi"))
_TK_MARKS = frozenset(fold_key(w) for w in ("ketenagakerjaan", "tk", "naker", "tenaga"))
# a bare 'BPJS' in a story of work: the labour office's word, as much as one of its plain problem words
EMPLOYERS_BPJS = Entry("disnaker", "keyword", 3.0, "lainnya")
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
LANDSLIDE_WORDS = frozenset({"longsor", "longsoran", "ngelongsor", "kelongsoran"})
# ...and its permit ('galian pasir ... tidak ada izin', 'galian C tanpa izin'): a quarry's or a mine's permit is the
# mining office's to check, not a building's (the public order office) nor a shop's (the permit office)
_PERMIT_WORDS = frozenset({"izin", "ijin", "izinnya", "ijinnya", "berizin", "berijin"})
_PERMIT_OFFICES = frozenset({"satpolpp", "dpmptsp"})
# rubbish said in a river ('sampah di kali X'): its blocked or uncleaned state is the rubbish's (rubbish_in_river)
_RUBBISH_WORDS = frozenset({"sampah", "sampahnya"})
_RIVERS = frozenset({"kali", "sungai", "kanal"})
# traders ('pkl', 'pedagang', 'lapak') said on the road: 'makan badan jalan', 'meluber ke jalan', 'pakai trotoar'
# (vendors_on_the_road)
VENDORS = frozenset({"pkl", "pedagang", "lapak", "gerobak", "asongan"})
_ON_THE_ROAD = frozenset({"trotoar", "meluber", "bahu"})
_ONTO = frozenset({"ke", "di", "badan", "bahu", "makan", "pakai", "memakai", "menutup", "nutup", "tutup"})
PARKING = frozenset({"parkir", "jukir", "parkiran"})
# what fouls the water fishers live on ('limbah pabrik', 'tambang timah', 'PLTU', 'merkuri'): said, the fishers and
# their catch are who it harms, and the polluter is the environment (or mining) office's (fishers_harmed)
_POLLUTERS = frozenset({"limbah", "limbahnya", "pencemaran", "tercemar", "mencemari", "dicemari", "tambang",
                        "penambangan", "pltu", "merkuri", "smelter", "tailing"})
# a health card's trouble (the pair 'kartu KIS ... nonaktif' at this weight or more): the hospital named is the venue
CARD_STATE_WEIGHT = 6.0
CARE_VENUES = frozenset({"rsud"})
VENUE_WEIGHT = 2.0


def in_passing(hit: PhraseHit) -> PhraseHit:
    """A phrase said only as where, who or what for: at most VENUE_WEIGHT, with no level of its own."""
    return PhraseHit(hit.start, hit.end, replace(hit.entry, weight=min(hit.entry.weight, VENUE_WEIGHT), level=None),
                     hit.q)


# 'padahal (ada / pakai kartu) BPJS': how the teller is insured (insured_anyway)
BUT_EVEN = frozenset({"padahal", "pdhl", "pdahal", "padahalkan"})
INSURED_FILLERS = frozenset({"ada", "pakai", "pake", "punya", "kartu", "peserta", "sudah", "udah", "udh", "kami",
                              "saya", "sy", "ibu", "bapak", "pasien"})
# 'KTP hilang ... harus bawa surat kehilangan dari polsek': the police letter for a lost paper is a step the paper's
# office asks for, so the police are a word of the story there (letter_for_the_papers)
_LETTER_WORDS = frozenset({"surat", "laporan", "keterangan", "sk", "srt"})
_LOST = frozenset({"kehilangan", "kehilangn", "khilangan"})
PAPER_KINDS = frozenset({"dukcapil", "kemenag", "disdik", "bpn"})
POLICE = frozenset({"polri", "agency:polri"})
# 'kata kepala kampung belum datang': the one quoted is who passed the news on (village_head_quoted)
_SAID_BY = frozenset({"kata", "katanya", "kt", "ktnya", "menurut", "jare", "jarene", "ujar", "ceunah", "cenah", "info"})
_HONORIFICS = frozenset({"pak", "bapak", "bpk", "bu", "ibu", "pa", "om", "mas", "bang"})
# 'tambang emas tanpa izin ... tolong aparat tindak': a mine or oil well without a permit that the teller asks to be
# stopped by force is a crime for the police (PETI), not a permit for the mining office to review (illegal_mine)
_ILLEGAL = frozenset({"ilegal", "illegal", "ilegall", "liar", "peti"})
WITHOUT = frozenset({"tanpa", "tdk", "tidak", "gak", "ga", "nggak", "ndak", "tak", "dak"})
_PERMIT = frozenset({"izin", "ijin", "izinnya", "ijinnya", "izine", "ijine"})
# (round 85) ...or said there is none ('ga ada izin', 'ora ana ijine', 'indak ado izin')
_THERE_IS = frozenset({"ada", "ana", "ono", "ado", "punya", "aya"})
# (round 91, O) ...and 'have' in the regional words ('teu boga izin', 'ora duwe ijin', 'mboten gadah izin')
_THERE_IS |= {"boga", "gaduh", "duwe", "nduwe", "ndue", "gadah", "kagungan"}
_NONE_THERE = WITHOUT | {"ora", "gk", "indak", "nda", "nggak", "ngga", "hana", "sonde", "tra", "teu", "henteu",
                         "mboten"}
# (round 85) ...or the authorities asked to bring it to order ('mohon ditertibkan aparat', 'mohon aparat nertibke'):
# a bare 'mohon ditertibkan' of a mine is labelled the mining office's as often as the police's, so only with them
_TO_ORDER = frozenset({"ditertibkan", "tertibkan", "nertibke", "nertibkan", "ditertibke", "menertibkan", "ditertibin",
                       "tertibin"})
_ENFORCERS = frozenset({"aparat", "aparatnya", "polisi", "polres", "polsek", "penegak"})
_ENFORCER_REACH = 2  # words from the order asked to the authorities ('mohon aparat nertibke', 'ditertibkan aparat')
_ENFORCE = frozenset({"tindak", "ditindak", "menindak", "tindakin", "ditindaktegas", "tangkap", "ditangkap", "tangkep",
                      "ditangkep", "ditangkapi", "tangkepin", "bekingin", "dibekingi", "bekingan", "beking", "backing"})
_FOLLOW_UP = frozenset({"lanjut", "lanjuti", "lanjutin"})
MINE_CRIME = Entry("polri", "keyword", 8.0, "ketertiban")
# 'ibu hamil harus ke Gunungsitoli, jalannya jauh dan rusak': a bad road said with 'far' is the hard way to a service
# the story is about, said in passing (the_long_way)
_FAR = frozenset({"jauh", "jauhh", "jauuh", "jaoh", "jau"})
_FAR_REACH = 3  # words between 'jauh' and the road's words ('jauh sekali pak jalan rusak')
SERVICE_WEIGHT = 4.0  # a word this sure for another office says what the long way was taken for
# 'dirawat di rumah sakit di Ampana pake BPJS': how the patient paid at a public hospital (paid_with_bpjs)
PAID_WITH = frozenset({"pake", "pakai", "pakek", "make", "memakai", "lewat", "dengan", "dgn", "gunakan", "menggunakan",
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
BECAUSE = frozenset({"krn", "karena", "karna", "gara", "gara2", "soalnya", "sebab"})
LACKING = frozenset({"tdk", "tidak", "gak", "ga", "nggak", "ngga", "belum", "blm", "ndak", "tak", "tra", "kada"})
_TERMS = frozenset({"syarat", "syaratnya", "persyaratan"})
# 'disuruh ke RSUD', 'katanya harus ke RSUD': told to go on there (sent_on_to)
SENT = frozenset({"disuruh", "dikon", "dikongkon", "dititah", "diminta", "disarankan",
                   "harus", "hrs", "kudu", "mesti", "musti"})  # ('hrs ke RSUD Natuna': 'harus' typed short)
_TOWARDS = frozenset({"ke", "ka", "nang", "menyang", "meng", "mrono"})
# 'ditolak di SD negeri, disuruh ke SLB saja': a special school (the province's) the child was told to go to instead
# is where the refusing school sent them; the school that refused, the kabupaten's, is the one complained of
_SPECIAL_SCHOOLS = frozenset({"slb"})
TOLD_TO = SENT | {"suruh", "harus", "sekolahkan", "disekolahkan", "dipindah", "dialihkan", "dioper", "dilempar",
                    "diarahkan"}
# land, peat or forest burning ('kebakaran lahan', 'lahan gambut', 'karhutla'): the disaster office leads its task
# force, so the story's fire words and a bare 'pemadam' count for it at this weight (land_fire)
_LAND_FIRE = Entry("bpbd", "keyword", 4.0, "bencana")
_LAND_WORDS = frozenset({"lahan", "gambut", "hutan", "karhutla"})
FLOOD_WORDS = frozenset({"banjir", "kebanjiran", "tergenang", "genangan", "meluap"})
# the weight of the pairs of a drain blocked, silted, too small or overflowing, or a flood pump that does not run
# ('got ... mampet', 'sungai ... dangkal', 'pompa ... gak nyala': keyword_pairs.csv), the cause that outranks the flood
# it makes (drain_made)
BLOCKED_DRAIN_WEIGHT = 8.0
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
MARKET_NOUNS = frozenset({"pasar", "pasarnya", "los"})
# ...and the fish auction (TPI) or landing place (PPI) said so: the fisheries office runs it and its drains
_VENUE_RUNNERS: dict[str, tuple[str, str]] = {
    **{w: ("disperindag", "lainnya") for w in MARKET_NOUNS},
    **{w: ("diskan", "lainnya") for w in ("tpi", "pelelangan", "ppi")},
}
_MARKET_STATES = frozenset({"kotor", "kumuh", "becek", "bau", "jorok", "bocor", "sumpek"})
# a fishing port named ('pelabuhan perikanan pantai', 'PPI', 'TPI'): its jetty, its port and the boats' parking are the
# fisheries office's, which runs it, not the transport office's (fishing_port)
_FISHING_PORTS = frozenset({"pelabuhanperikanan", "tpi", "ppi", "tempatpelelanganikan", "pelelanganikan"})
_PORT_WORDS = frozenset({"dermaga", "dermaganya", "pelabuhan", "parkir", "tambat", "sandar"})
MARKET_AS_ADDRESS = LANDMARK_WORDS | {"ke", "menuju", "arah", "dkt", "dpn", "jalan", "jln", "jl"}
_RUBBISH = frozenset({"sampah", "sampahnya", "runtah", "tps", "tpa"})


def one_bpjs(hits: list[PhraseHit], words: Sequence[Token]) -> list[PhraseHit]:
    """'iuran BPJS ketenagakerjaan dipotong', 'peserta BPJS TK ... ke kantor BPJS Blitar': once the story names BPJS
    Ketenagakerjaan, a bare 'BPJS' (alone or in 'iuran bpjs', 'peserta bpjs') is the same body, not BPJS Kesehatan,
    which everyday speech means by it; words of health insurance ('kesehatan', 'KIS', 'JKN') keep their body."""
    def runs_into_tk(h: PhraseHit) -> bool:  # 'iuran BPJS | ketenagakerjaan': the longer name read as two phrases
        return h.end < len(words) and fold_key(words[h.end].text) in _TK_MARKS

    if not any(h.entry.target in BPJS_TK or (h.entry.target in BPJS_KESEHATAN and runs_into_tk(h)) for h in hits):
        return _employers_bpjs(hits, words)
    out = []
    for h in hits:
        said = {fold_key(t.text) for t in words[h.start:h.end]}
        if h.entry.target in BPJS_KESEHATAN and "bpjs" in said and not said & _HEALTH_INSURANCE:
            h = PhraseHit(h.start, h.end, replace(h.entry, target=BPJS_KESEHATAN[h.entry.target], category="sosial"),
                          h.q)
        out.append(h)
    return out


def _employers_bpjs(hits: list[PhraseHit], words: Sequence[Token]) -> list[PhraseHit]:
    """'buruh sawit digaji di bawah UMK, tak ada BPJS': in a story of work (the labour office's words) a bare 'BPJS'
    is the employer's duty to register the worker, the labour office's to enforce, not BPJS Kesehatan named; with no
    word of health care in it ('berobat', 'rumah sakit': then the card is what failed)."""
    if not any(h.entry.target == "disnaker" and h.entry.source != "alias" for h in hits) or any(
            h.entry.category == "kesehatan" and h.entry.target not in BPJS_KESEHATAN for h in hits):
        return hits
    out = []
    for h in hits:
        if h.entry.target in BPJS_KESEHATAN and {fold_key(t.text) for t in words[h.start:h.end]} == {"bpjs"}:
            h = PhraseHit(h.start, h.end, EMPLOYERS_BPJS, h.q)
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
            or words[hit.start].text not in FLOOD_WORDS:
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
    blocked or silted drain or river (the water office's pair, BLOCKED_DRAIN_WEIGHT) is what the drain makes; it
    counts for the disaster office as a rain-made flood does, and the drain decides."""
    if not any(h.entry.target == "sda" and h.entry.source == "keyword" and h.end - h.start > 1
               and h.entry.weight >= BLOCKED_DRAIN_WEIGHT for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, RAIN_MADE, h.q)
            if h.entry.source == "keyword" and h.entry.target == "bpbd" and h.end - h.start == 1
            and words[h.start].text in FLOOD_WORDS else h for h in hits]


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
        if h.entry.source == "keyword" and h.entry.target == "bpbd" and said & LANDSLIDE_WORDS:
            h = PhraseHit(h.start, h.end, RAIN_MADE, h.q)
        elif h.entry.source == "keyword" and h.entry.target in _PERMIT_OFFICES and said & _PERMIT_WORDS:
            h = PhraseHit(h.start, h.end, replace(h.entry, target="esdm", category=mine.category, level=mine.level),
                          h.q)
        out.append(h)
    return out


def no_permit(words: Sequence[str], k: int) -> bool:
    """'tanpa izin', 'ga ada izin', 'ora ana ijine': the permit word at k said lacking."""
    return words[k] in _PERMIT and k > 0 and (words[k - 1] in WITHOUT or (
        k > 1 and words[k - 1] in _THERE_IS and words[k - 2] in _NONE_THERE))


def force_asked(words: Sequence[str], k: int) -> bool:
    """'ditindak', 'tangkap', 'ditertibkan aparat': the word at k asks the law enforced (not 'ditindak lanjuti')."""
    if words[k] in _TO_ORDER:
        return bool(_ENFORCERS & set(words[max(0, k - _ENFORCER_REACH):k + 1 + _ENFORCER_REACH]))
    return words[k] in _ENFORCE and not (k + 1 < len(words) and words[k + 1] in _FOLLOW_UP)


def illegal_mine(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tambang emas tanpa izin di sungai Limun ... tolong aparat tindak', 'sumur minyak ilegal terbakar lagi, tolong
    ditindak yg punya sumur', 'ora ana ijine, mohon ditindak', 'mohon aparat nertibke': an unlicensed mine (PETI) the
    teller asks to see stopped, its men caught or the authorities to bring to order is the police's crime to act on;
    the mining office's words stay, the police's weigh MINE_CRIME ('ditindak lanjuti': no arrest)."""
    if not any(h.entry.target == "esdm" and h.entry.source == "keyword" for h in hits):
        return hits
    words = [fold_key(t.text) for t in tokens]
    illegal = any(w in _ILLEGAL or no_permit(words, k) for k, w in enumerate(words))
    enforce = [k for k in range(len(words)) if force_asked(words, k)]
    if not illegal or not enforce:
        return hits
    at = enforce[0]
    # 'ditindak', 'tanpa izin' said of a mine are the police's words here, not the public order agency's
    out = [PhraseHit(h.start, h.end, replace(h.entry, target="polri"), h.q)
           if h.entry.source == "keyword" and h.entry.target == "satpolpp" else h for h in hits]
    return [*out, PhraseHit(at, at + 1, MINE_CRIME, 1.0)]


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
                  and not (i > 0 and words[i - 1] in MARKET_AS_ADDRESS)
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
    if not VENDORS & set(words) or not any(
            w in _ON_THE_ROAD or (w == "jalan" and i > 0 and words[i - 1] in _ONTO) for i, w in enumerate(words)):
        return hits
    return [h for h in hits if h.entry.target != "dishub" or h.entry.source == "alias"
            or PARKING & set(words[h.start:h.end])]


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
               and h.entry.weight >= CARD_STATE_WEIGHT for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT), h.q)
            if h.entry.source == "alias" and h.entry.target in CARE_VENUES else h for h in hits]


def sent_on_to(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'puskesmas tdk ada dokter, disuruh ke RSUD', 'vaksin kosong disuruh ke rsud': a hospital the teller was told to
    go to instead is where the failing clinic sent them, a word of the story at VENUE_WEIGHT, not the office
    written to ('dirujuk ke RSUD X tapi ditolak' is the hospital's own failing: no 'disuruh')."""
    words = [t.text for t in tokens]
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT), h.q)
            if h.entry.source == "alias" and h.entry.target in CARE_VENUES and h.start >= 2
            and words[h.start - 1] in _TOWARDS and words[h.start - 2] in SENT else h for h in hits]


def taken_on_from_the_clinic(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ambulan puskesmas indak ado sopir ... diantar jo oto pikap ka RSUD Painan', 'puskesmas tidak ada dokter, yang
    sakit disuruh ke rumah sakit di Rantepao': with the clinic's failing told, a hospital the patient was taken or sent
    to is where they went instead, a word at VENUE_WEIGHT; the clinic's office decides."""
    if not any(h.entry.source == "keyword" and h.entry.target == "dinkes" and h.entry.weight >= SERVICE_WEIGHT
               for h in hits):
        return hits
    words = [fold_key(t.text) for t in tokens]

    def taken_to(at: int) -> bool:
        if at < 2 or words[at - 1] not in _TOWARDS:
            return False
        return any(words[k] in _TAKEN for k in range(max(0, at - 2 - _TAKEN_REACH), at - 1))

    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT), h.q)
            if (h.entry.target in CARE_VENUES or h.entry.target.endswith("-rsud")) and taken_to(h.start) else h
            for h in hits]


def sent_to_a_special_school(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ditolak daftar SD negeri, kata kepsek suruh ke SLB aja. SLB nya jauh': an SLB the child was told to go to is a
    word of the story at VENUE_WEIGHT (every time it is said), not the province's school complained of."""
    words = [fold_key(t.text) for t in tokens]
    told = any(w in _SPECIAL_SCHOOLS and i >= 2 and words[i - 1] in _TOWARDS
               and any(v in TOLD_TO for v in words[max(0, i - 5):i - 1]) for i, w in enumerate(words))
    if not told:
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, weight=VENUE_WEIGHT, level=None), h.q)
            if h.entry.source == "keyword" and h.end - h.start == 1 and words[h.start] in _SPECIAL_SCHOOLS else h
            for h in hits]


def insured_anyway(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'periksa di puskesmas disuruh bayar padahal ada bpjs', 'obat kosong, dikon tuku dhewe, padahal BPJS': BPJS said
    after 'padahal' is how the teller is insured, why the clinic's charge was wrong; the clinic's office decides.
    (A card switched off, 'bpjs nonaktif', is BPJS's own: that pair keeps it.)"""
    if not any(h.entry.target == "dinkes" for h in hits) or any(
            h.entry.target == "bpjs-kesehatan" and h.entry.source != "alias" and h.end - h.start > 1
            and h.entry.weight >= CARD_STATE_WEIGHT for h in hits):
        return hits
    words = [t.text for t in tokens]

    def insured(at: int) -> bool:
        k = at - 1
        while k >= 0 and at - k <= 3 and words[k] in INSURED_FILLERS:
            k -= 1
        return k >= 0 and words[k] in BUT_EVEN

    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT), h.q)
            if h.entry.source == "alias" and h.entry.target in BPJS_KESEHATAN and insured(h.start) else h
            for h in hits]


def paid_with_bpjs(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'operasi katarak di rumah sakit pake BPJS, antreannya 6 bulan', 'dirawat di RSUD X pakai BPJS tapi diminta uang
    darah': BPJS said as how a patient of a public hospital paid is a word of the story at VENUE_WEIGHT (each time it
    is said); the hospital's office decides. A private hospital ('RS swasta') answers to BPJS; a card switched off
    ('kartu bpjs nonaktif') is BPJS's own."""
    words = [fold_key(t.text) for t in tokens]
    if any(w in _PRIVATE for w in words) or any(
            h.entry.target == "bpjs-kesehatan" and h.entry.source != "alias" and h.end - h.start > 1
            and h.entry.weight >= CARD_STATE_WEIGHT for h in hits):
        return hits
    hospitals = [h.start for h in hits if h.entry.target == "rsud" or h.entry.target.endswith("-rsud")]

    def paid_with(k: int) -> bool:
        j = k + 1 + (k + 1 < len(words) and words[k + 1] == "kartu")
        return (words[k] in PAID_WITH and j < len(words) and words[j] in _HEALTH_CARDS
                and any(0 < k - at <= _PAID_REACH for at in hospitals))

    if not any(paid_with(k) for k in range(len(words))):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT), h.q)
            if h.entry.target in BPJS_KESEHATAN else h for h in hits]


def at_the_service_mall(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ngurus akta kematian teng MPP Wonogiri', 'antrean capil di mpp': the public service mall (MPP) houses the
    counters of many offices, so with another office's service named and no permit, it is where, a word at
    VENUE_WEIGHT; the service's office decides ('izin usaha di MPP' stays the permit office's)."""
    def the_mall(h: PhraseHit) -> bool:
        return (h.entry.source == "alias" and h.entry.target == "dpmptsp"
                and any(fold_key(t.text) in _SERVICE_MALL for t in tokens[h.start:h.end]))

    if not any(the_mall(h) for h in hits) or any(
            h.entry.target == "dpmptsp" and not the_mall(h) for h in hits) or not any(
            h.entry.source != "alias" and h.entry.target not in ("dpmptsp", "pemda")
            and h.entry.weight >= SERVICE_WEIGHT for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT), h.q)
            if the_mall(h) else h for h in hits]


def paper_needed_for_bpjs(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'KTP sudah rekam 4 bulan belum dicetak, mau urus bpjs dan bank ga bisa', 'akta belum jadi, padahal mau daftar
    BPJS': with a civil-registry paper named, BPJS said as what the teller wants to arrange with it is what the paper
    is needed for, a word at VENUE_WEIGHT; the registry decides ('ke kantor BPJS' said too still names BPJS)."""
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

    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT), h.q)
            if h.entry.target in BPJS_KESEHATAN and arranged(h.start) else h for h in hits]


def asked_for_as_a_requirement(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'mau buat akta kelahiran anak ditolak krn tdk ada buku nikah', 'urus KK disuruh bawa surat pengantar desa': a
    paper said as what another office asks for first is a requirement of the service complained of, a word at
    VENUE_WEIGHT, when that service's own word (at SERVICE_WEIGHT or more) is said outside such a place."""
    words = [fold_key(t.text) for t in tokens]

    def required(at: int) -> bool:
        k = at - 1
        if k < 0 or tokens[at].sep:
            return False
        if words[k] in _TERMS:
            return True
        if words[k] in _BRING and k > 0 and not tokens[k].sep:
            return words[k - 1] in _MUST or (words[k - 1] in LACKING and k > 1 and words[k - 2] in BECAUSE)
        return False

    asked = [h for h in hits if h.entry.source == "keyword" and required(h.start)]
    if not asked:
        return hits
    kinds = {h.entry.target for h in asked}
    if not any(h.entry.source == "keyword" and h.entry.weight >= SERVICE_WEIGHT and h.entry.target not in kinds
               and h not in asked for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, VENUE_WEIGHT)), h.q)
            if h in asked else h for h in hits]


def letter_for_the_papers(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'KTP hilang, mau urus baru katanya harus bawa surat kehilangan dari polsek dulu': the police's letter for a
    lost paper is a step of getting the paper again, so with a paper named (KTP, KK, buku nikah, ijazah, sertifikat)
    the letter and the police are words of the story at VENUE_WEIGHT; the paper's office decides."""
    words = [fold_key(t.text) for t in tokens]
    letter = any(w in _LOST and k > 0 and words[k - 1] in _LETTER_WORDS for k, w in enumerate(words))
    if not letter or not any(h.entry.source == "keyword" and h.entry.target in PAPER_KINDS for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="polri", source="keyword", weight=VENUE_WEIGHT), h.q)
            if h.entry.target in POLICE else h for h in hits]


def village_head_quoted(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'beras bantuan tra dibagi, kata kepala kampung belum datang', 'kata pak kades bantuan blm turun': the village
    head quoted is who passed the news on, a word of the story at VENUE_WEIGHT, not the office written to."""
    words = [fold_key(t.text) for t in tokens]

    def quoted(at: int) -> bool:
        k = at - 1
        if k >= 0 and words[k] in _HONORIFICS:
            k -= 1
        return k >= 0 and words[k] in _SAID_BY

    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, VENUE_WEIGHT)), h.q)
            if h.entry.source == "keyword" and h.entry.target == "dpmd" and quoted(h.start) else h for h in hits]


def the_long_way(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'bidan desa pindah ... ibu hamil harus ke Gunungsitoli, jalannya jauh dan rusak', 'tdk bisa datang krn jauh dan
    jalannya rusak. akhirnya KTP blm direkam': a damaged road said with 'jauh' is the long hard way to a service
    another office's words name; the road's words count at VENUE_WEIGHT, that office decides."""
    if not any(h.entry.source == "keyword" and h.entry.target != "pupr" and h.entry.weight >= SERVICE_WEIGHT
               for h in hits):
        return hits
    far = [k for k, t in enumerate(tokens) if fold_key(t.text) in _FAR]

    def the_way(h: PhraseHit) -> bool:
        return any(h.start - _FAR_REACH <= k < h.end + _FAR_REACH for k in far)

    return [PhraseHit(h.start, h.end, replace(h.entry, weight=min(h.entry.weight, VENUE_WEIGHT)), h.q)
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
