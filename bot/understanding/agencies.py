"""Agency catalog and matching 'capil lotim' / 'dinkes jogja' / 'jalan desa rusak' to the responsible body.

The catalog is data: a CSV the deployment provides (code, name, level, region_code, aliases, parent,
and optionally kind and category), or the default one built here from the Kemendagri regions and a
nomenclature table (bot/data/agencies/nomenclature.csv) plus central bodies (central.csv).

A lookup never scans the catalog. It finds (1) agency kinds or specific agencies named by acronym or
alias, (2) the region the text names (RegionIndex), (3) problem keywords, and then reads the few
matching agencies from a dict keyed by (kind, region code). That keeps a lookup well under 2 ms over
>12,000 agencies, so it can run inline on the event loop.

Kept in one module (~600 lines): `AgencyCatalog` is one index whose ranking steps share its tables; the
readers of its data, normalisation, keywords and regions are modules of their own.
"""

from __future__ import annotations

import csv
import logging
import math
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, TextIO

from rapidfuzz import fuzz, process, utils

from bot.understanding.crossings import crossings
from bot.understanding.keywords import (
    DATA_DIR,
    GENERIC_WORDS,
    Entry,
    KindInfo,
    PhraseHit,
    PhraseIndex,
    alias_entry,
    as_problem_word,
    find_pairs,
    in_its_sense,
    load_hospitals,
    load_keywords,
    load_nomenclature,
    pair_rules,
    regional_tokens,
    split_alias,
    suggest_category,
    with_pairs,
)
from bot.understanding.kind_prior import Blend, add_evidence, default_prior, prior_words
from bot.understanding.normalize import Token, fold_key, tokenize
from bot.understanding.place_words import FACILITY_MARKERS
from bot.understanding.region_codes import RegionCodeError, typed_region
from bot.understanding.regions import AMBIGUITY_MARGIN, MIN_SCORE, Region, RegionIndex

log = logging.getLogger(__name__)

MAX_TOKENS = 80
_FIT_OWN = 1.0  # agency of exactly the named region
_FIT_UP = 0.8  # the province's agency when the regency was named
_FIT_UP_ONLY = 0.95  # the province runs it when the regency has none (PAM Jaya for Jakarta Selatan)
_FIT_CENTRAL = 0.7  # the ministry when a regional office exists
_FIT_NO_REGION = 0.5  # a ministry standing in for a regional body because no region is known
_FIT_FOREIGN = 0.6  # an agency-specific alias whose region contradicts the region named
_TIE = 0.5  # scores this close (as shown, rounded to 0.1) are equal: the data order must not choose
_KEYWORD_DISCOUNT = 0.92  # explicit names beat problem words when both point somewhere
_PLACE_NGRAM = 4  # words of a place name looked at together ('padang lawas utara')
_TEXT_REGION_OVER_GIVEN = 55.0  # how sure a place read from the text must be to override the given one
# BPJS Kesehatan's targets (its kind, its office named) and the same for BPJS Ketenagakerjaan (_one_bpjs)
_BPJS_KESEHATAN = {"bpjs-kesehatan": "bpjs-tk", "agency:bpjs-kesehatan": "agency:bpjs-tk"}
_BPJS_TK = frozenset(_BPJS_KESEHATAN.values())
_HEALTH_INSURANCE = frozenset(fold_key(w) for w in ("kesehatan", "kes", "bpjskes", "kis", "jkn", "askes", "pbi"))
_TK_MARKS = frozenset(fold_key(w) for w in ("ketenagakerjaan", "tk", "naker", "tenaga"))
# a bare 'BPJS' in a story of work: the labour office's word, as much as one of its plain problem words
_EMPLOYERS_BPJS = Entry("disnaker", "keyword", 3.0, "lainnya")
# the schools another office runs than the education office, by the kind whose school words ('madrasah', 'mts',
# 'pesantren': the Ministry of Religion's, category pendidikan) name them: the education office's words said of them
# are theirs (_school_words_to_its_runner)
SCHOOLS_RUN_ELSEWHERE = {"kemenag": "disdik"}
# 'pak bupati tolong benerin jalan': in a story the local government is who is spoken to, not the
# office that fixes it; it still comes first when no problem word points to an office
ADDRESSEE_KINDS = frozenset({"pemda"})
_FIT_ADDRESSEE = 0.75
# How much the learned kind prior (kind_prior.py) counts beside the keyword lists: a certain prior is worth half a
# problem word, added to the kinds the words found and proposing its own best kind (bot/data/agencies/KIND_PRIOR.md:
# +1.8 points on blind7+blind8 against the lists from before they were tuned on them; -0.8 after)
PRIOR_BLEND = Blend(weight=2.0)
# 'kantor imigrasi? bukan.', 'ini soal KK, bukan KTP': a name or problem word the citizen denies (Javanese 'dudu',
# Sundanese 'sanes' and 'lain': 'jalan desa, lain jalan pantura')
NEGATIONS = frozenset({"bukan", "bukanlah", "bkn", "bukang", "dudu", "sanes", "lain"})
# words of the civil service: with them 'bkn' is the agency BKN, without them it is 'bukan'
_CIVIL_SERVICE = frozenset({"pns", "asn", "cpns", "pppk", "honorer", "kepegawaian", "nip", "mutasi", "pensiun",
                            "pegawai", "karpeg", "taspen", "formasi", "seleksi"})
# a road named by two ends in different kabupaten/kota: national (or provincial, when the story says so)
_BETWEEN_REGENCIES = Entry("pupr", "keyword", 4.0, "infrastruktur", "pusat")
# a boat's crossing between two kabupaten/kota of a province is the province's, between provinces the ministry's
# (crossings.py, after UU 23/2014): the level decides the transport office its other words point to
_CROSSING = {level: Entry("dishub", "keyword", 4.0, "transportasi", level) for level in ("prov", "pusat")}
# ...and the ferry and the port such a crossing runs from (folded), whatever level the words alone would give them
_CROSSING_WORDS = frozenset({"kapalferi", "kapalfery", "kapalferry", "pelabuhan", "dermaga"})
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
# 'sudin' (Suku Dinas): only Jakarta's offices are called so, and where one is spoken of the place is Jakarta
_JAKARTA = "31"
_JAKARTA_OFFICES = frozenset({"sudin", "sudinkes", "sudinhub", "sudinsos"})
_SPELLED_OUT = 0.9  # a place name matched at least this closely is the name spelled out, not a slip
_RAIN_MADE = Entry("bpbd", "keyword", 2.0, "bencana")
# a landslide in a story of a mine ('tambang pasir ... tebing sungai longsor'): the mine is the cause, the mining
# office's (ESDM) to stop; the landslide counts for the disaster office only as a word said in passing (_mine_made)
_LANDSLIDE_WORDS = frozenset({"longsor", "longsoran", "ngelongsor", "kelongsoran"})
# ...and its permit ('galian pasir ... tidak ada izin', 'galian C tanpa izin'): a quarry's or a mine's permit is the
# mining office's to check, not a building's (the public order office) nor a shop's (the permit office)
_PERMIT_WORDS = frozenset({"izin", "ijin", "izinnya", "ijinnya", "berizin", "berijin"})
_PERMIT_OFFICES = frozenset({"satpolpp", "dpmptsp"})
# rubbish said in a river ('sampah di kali X'): its blocked or uncleaned state is the rubbish's (_rubbish_in_river)
_RUBBISH_WORDS = frozenset({"sampah", "sampahnya"})
_RIVERS = frozenset({"kali", "sungai", "kanal"})
# traders ('pkl', 'pedagang', 'lapak') said on the road: 'makan badan jalan', 'meluber ke jalan', 'pakai trotoar'
# (_vendors_on_the_road)
_VENDORS = frozenset({"pkl", "pedagang", "lapak", "gerobak", "asongan"})
_ON_THE_ROAD = frozenset({"trotoar", "meluber", "bahu"})
_ONTO = frozenset({"ke", "di", "badan", "bahu", "makan", "pakai", "memakai", "menutup", "nutup", "tutup"})
_PARKING = frozenset({"parkir", "jukir", "parkiran"})
# what fouls the water fishers live on ('limbah pabrik', 'tambang timah', 'PLTU', 'merkuri'): said, the fishers and
# their catch are who it harms, and the polluter is the environment (or mining) office's (_fishers_harmed)
_POLLUTERS = frozenset({"limbah", "limbahnya", "pencemaran", "tercemar", "mencemari", "dicemari", "tambang",
                        "penambangan", "pltu", "merkuri", "smelter", "tailing"})
# a health card's trouble (the pair 'kartu KIS ... nonaktif' at this weight or more): the hospital named is the venue
_CARD_STATE_WEIGHT = 6.0
_CARE_VENUES = frozenset({"rsud"})
_VENUE_WEIGHT = 2.0
# 'padahal (ada / pakai kartu) BPJS': how the teller is insured (_insured_anyway)
_BUT_EVEN = frozenset({"padahal", "pdhl", "pdahal", "padahalkan"})
_INSURED_FILLERS = frozenset({"ada", "pakai", "pake", "punya", "kartu", "peserta", "sudah", "udah", "udh", "kami",
                              "saya", "sy", "ibu", "bapak", "pasien"})
# 'KTP hilang ... harus bawa surat kehilangan dari polsek': the police letter for a lost paper is a step the paper's
# office asks for, so the police are a word of the story there (_letter_for_the_papers)
_LETTER_WORDS = frozenset({"surat", "laporan", "keterangan", "sk", "srt"})
_LOST = frozenset({"kehilangan", "kehilangn", "khilangan"})
_PAPER_KINDS = frozenset({"dukcapil", "kemenag", "disdik", "bpn"})
_POLICE = frozenset({"polri", "agency:polri"})
# 'kata kepala kampung belum datang': the one quoted is who passed the news on (_village_head_quoted)
_SAID_BY = frozenset({"kata", "katanya", "kt", "ktnya", "menurut", "jare", "jarene", "ujar", "ceunah", "cenah", "info"})
_HONORIFICS = frozenset({"pak", "bapak", "bpk", "bu", "ibu", "pa", "om", "mas", "bang"})
# 'tambang emas tanpa izin ... tolong aparat tindak': a mine or oil well without a permit that the teller asks to be
# stopped by force is a crime for the police (PETI), not a permit for the mining office to review (_illegal_mine)
_ILLEGAL = frozenset({"ilegal", "illegal", "ilegall", "liar", "peti"})
_WITHOUT = frozenset({"tanpa", "tdk", "tidak", "gak", "ga", "nggak", "ndak", "tak", "dak"})
_PERMIT = frozenset({"izin", "ijin", "izinnya", "ijinnya"})
_ENFORCE = frozenset({"tindak", "ditindak", "menindak", "tindakin", "ditindaktegas", "tangkap", "ditangkap", "tangkep",
                      "ditangkep", "ditangkapi", "tangkepin", "bekingin", "dibekingi", "bekingan", "beking", "backing"})
_FOLLOW_UP = frozenset({"lanjut", "lanjuti", "lanjutin"})
_MINE_CRIME = Entry("polri", "keyword", 8.0, "ketertiban")
# 'ibu hamil harus ke Gunungsitoli, jalannya jauh dan rusak': a bad road said with 'far' is the hard way to a service
# the story is about, said in passing (_the_long_way)
_FAR = frozenset({"jauh", "jauhh", "jauuh", "jaoh", "jau"})
_FAR_REACH = 3  # words between 'jauh' and the road's words ('jauh sekali pak jalan rusak')
_SERVICE_WEIGHT = 4.0  # a word this sure for another office says what the long way was taken for
# 'dirawat di rumah sakit di Ampana pake BPJS': how the patient paid at a public hospital (_paid_with_bpjs)
_PAID_WITH = frozenset({"pake", "pakai", "pakek", "make", "memakai", "lewat", "dengan", "dgn", "gunakan", "menggunakan",
                        "jalur"})
_PAID_REACH = 6  # words from the hospital's name to 'pake BPJS' ('rumah sakit di Putussibau pake BPJS')
_HEALTH_CARDS = frozenset({"bpjs", "kis", "jkn", "bpjskes"})
_PRIVATE = frozenset({"swasta"})  # a private hospital answers to BPJS for its patients, not to a regional office
# 'ngurus akta kematian di MPP': the public service mall houses many offices' counters (_at_the_service_mall)
_SERVICE_MALL = frozenset({"mpp", "mal", "mall"})
# 'KTP belum dicetak, mau urus bpjs ga bisa': what a paper is needed for (_paper_needed_for_bpjs)
_TO_ARRANGE = frozenset({"urus", "ngurus", "mengurus", "ngurusin", "daftar", "mendaftar", "daftarin", "pendaftaran",
                         "pengurusan", "bikin", "membuat"})
_ARRANGE_REACH = 4  # words from the verb to BPJS in one clause ('untuk urus bantuan lansia dan BPJS')
# 'ambulan puskesmas indak ado sopir ... diantar jo oto pikap ka RSUD Painan': where the patient had to be taken
# because the clinic failed (_taken_on_from_the_clinic)
_TAKEN = frozenset({"dibawa", "diantar", "dilarikan", "dibawa2", "diangkut", "disuruh", "dikon", "dititah"})
_TAKEN_REACH = 4  # words from 'dibawa' to 'ke' ('dibawa ku mobil bak ka rs')
# 'akta kelahiran ditolak krn tdk ada buku nikah', 'disuruh bawa surat pengantar desa': a paper asked for as a
# requirement of another office's service (_asked_for_as_a_requirement)
_MUST = frozenset({"harus", "wajib", "disuruh", "suruh", "diminta", "diwajibkan", "kudu", "mesti", "musti"})
_BRING = frozenset({"ada", "bawa", "membawa", "bawain", "pakai", "pake", "melampirkan", "lampirkan", "lampiran",
                    "punya", "nyertakan", "menyertakan"})
_BECAUSE = frozenset({"krn", "karena", "karna", "gara", "gara2", "soalnya", "sebab"})
_LACKING = frozenset({"tdk", "tidak", "gak", "ga", "nggak", "ngga", "belum", "blm", "ndak", "tak", "tra", "kada"})
_TERMS = frozenset({"syarat", "syaratnya", "persyaratan"})
# 'disuruh ke RSUD': told to go on there (_sent_on_to)
_SENT = frozenset({"disuruh", "dikon", "dikongkon", "dititah", "diminta", "disarankan"})
_TOWARDS = frozenset({"ke", "ka", "nang", "menyang", "meng", "mrono"})
# 'ditolak di SD negeri, disuruh ke SLB saja': a special school (the province's) the child was told to go to instead
# is where the refusing school sent them; the school that refused, the kabupaten's, is the one complained of
_SPECIAL_SCHOOLS = frozenset({"slb"})
_TOLD_TO = _SENT | {"suruh", "harus", "sekolahkan", "disekolahkan", "dipindah", "dialihkan", "dioper", "dilempar",
                    "diarahkan"}
# land, peat or forest burning ('kebakaran lahan', 'lahan gambut', 'karhutla'): the disaster office leads its task
# force, so the story's fire words and a bare 'pemadam' count for it at this weight (_land_fire)
_LAND_FIRE = Entry("bpbd", "keyword", 4.0, "bencana")
_LAND_WORDS = frozenset({"lahan", "gambut", "hutan", "karhutla"})
_FLOOD_WORDS = frozenset({"banjir", "kebanjiran", "tergenang", "genangan", "meluap"})
# the weight of the pairs of a drain blocked, silted, too small or overflowing, or a flood pump that does not run
# ('got ... mampet', 'sungai ... dangkal', 'pompa ... gak nyala': keyword_pairs.csv), the cause that outranks the flood
# it makes (_drain_made)
_BLOCKED_DRAIN_WEIGHT = 8.0
_RAIN_WORDS = frozenset({"hujan", "ujang", "ujan", "udan", "hujang"})
_EVERY = frozenset({"kalau", "tiap", "setiap", "saban", "tiop", "asal", "begitu", "habis", "pas"})
# words before which 'pu' is the office's name ('dinas pu', 'lapor ke pu'), not Eastern Malay 'punya'
_OFFICE_INTRODUCERS = frozenset({"dinas", "kantor", "pihak", "orang", "petugas", "pegawai", "ke", "dari", "dr", "sama",
                                 "oleh", "lapor", "dan", "balai", "bidang", "instansi", "dengan", "dgn", "kepala"})
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
                  ("kuliah", "di"), ("merantau", "di"), ("merantau", "ke"), ("rantau", "di"), ("nyambut", "gawe", "di"),
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
                  # 'Talang Kelapa yang berbatasan dengan Palembang': the neighbour is not where it is
                  ("berbatasan", "dengan"), ("berbatasan", "sama"), ("bersebelahan", "dengan"),
                  # 'ditolak SD negeri, disuruh ke SLB di Palopo': the special school a child is sent on to
                  ("ke", "slb", "di"))
# where the citizen works (of ELSEWHERE_CUES): it may still hold the place of the problem, a former home may not
_WORK_CUES = tuple(c for c in ELSEWHERE_CUES if c[0] in {"kerja", "bekerja", "kerjanya", "ngantor", "nyambut", "digawe",
                                                        "damel", "kerjo", "ngajar",
                                                        "mengajar", "pegawai", "karyawan", "kerje",
                                                        "bagawi", "begawi", "karja", "bakarja", "begawe"})
# the verbs of working that may take a word or two before their 'di' ('kerja shift malam di', 'bagawi jadi satpam di')
_WORK_VERBS = frozenset({"kerja", "bekerja", "kerjo", "kerje", "bagawi", "begawi", "karja", "bakarja", "begawe"})
# ...but not 'kerja bakti' (the neighbours' clean-up) nor a word that is a place's or an office's own
# or a word of living there too ('kerja sambil ngekos di Jakarta')
_NOT_WORK = frozenset({"bakti", "sama", "dengan", "dinas", "kantor", "di", "ke", "dari", "ngekos", "kos", "ngontrak",
                       "kontrak", "menetap", "mukim", "tinggal", "sambil", "sekaligus", "n"})
# what goes wrong at work itself ('gaji dibayar setengah', 'lembur tidak dibayar'): the workplace is where it is
_WORK_TROUBLE = frozenset({"gaji", "gajinya", "upah", "lembur", "thr", "phk", "pesangon", "umk", "ump", "dipecat",
                           "di-phk", "diphk", "outsourcing", "buruh"})
_ELSEWHERE_REACH = 3  # words of the place after the cue ('kerja di kota tangerang selatan')
_ELSEWHERE_ENDS = frozenset({*_NEGATION_ENDS, "ke", "tinggal", "rumah", "dan", "sedangkan", "sdgkn", "tapi", "trus",
                             "terus", "lalu", "karena", "krn"})
# a problem word right after these names what stands near the problem ('rusak dekat tol')
# ('pohon di pinggir jalan doyong', 'anak ngamen di kolong jembatan': the road and the bridge are where it is; not
# 'bawah': 'gaji di bawah UMK' is the wage)
LANDMARK_WORDS = frozenset({"dekat", "deket", "depan", "samping", "sebelah", "belakang", "seberang", "sebrang",
                            "ngarep", "ngarepe", "cedak", "caket", "hareup", "hareupeun", "payun",
                            "pinggir", "pinggiran", "tepi", "sisi", "kolong", "sisih"})
# a market said in a bad state of its own ('pasar X kumuh', 'los ikan bau'): its drains are its office's (_market_drain)
_MARKET_NOUNS = frozenset({"pasar", "pasarnya", "los"})
# ...and the fish auction (TPI) or landing place (PPI) said so: the fisheries office runs it and its drains
_VENUE_RUNNERS: dict[str, tuple[str, str]] = {
    **{w: ("disperindag", "lainnya") for w in _MARKET_NOUNS},
    **{w: ("diskan", "lainnya") for w in ("tpi", "pelelangan", "ppi")},
}
_MARKET_STATES = frozenset({"kotor", "kumuh", "becek", "bau", "jorok", "bocor", "sumpek"})
# a fishing port named ('pelabuhan perikanan pantai', 'PPI', 'TPI'): its jetty, its port and the boats' parking are the
# fisheries office's, which runs it, not the transport office's (_fishing_port)
_FISHING_PORTS = frozenset({"pelabuhanperikanan", "tpi", "ppi", "tempatpelelanganikan", "pelelanganikan"})
_PORT_WORDS = frozenset({"dermaga", "dermaganya", "pelabuhan", "parkir", "tambat", "sandar"})
_MARKET_AS_ADDRESS = LANDMARK_WORDS | {"ke", "menuju", "arah", "dkt", "dpn", "jalan", "jln", "jl"}
_RUBBISH = frozenset({"sampah", "sampahnya", "runtah", "tps", "tpa"})


@dataclass(frozen=True, slots=True)
class Agency:
    """A government body a complaint can be addressed to."""

    code: str
    name: str
    level: str  # pusat / provinsi / kabupaten / kota / vertikal
    region_code: str | None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    kind: str | None = None  # nomenclature type, e.g. "dinkes"
    category: str | None = None


@dataclass(frozen=True, slots=True)
class AgencyMatch:
    """An agency and how well it fits the text (0-100)."""

    agency: Agency
    score: float


@dataclass(slots=True)
class _RegionOption:
    """A region the text (or the caller) places the complaint in."""

    chain: tuple[str, ...]  # its code and its ancestors', most specific first
    weight: float

    @property
    def province(self) -> str:
        """Province code."""
        return self.chain[-1]

    @property
    def regency(self) -> str | None:
        """Regency/city code, None when only a province is known."""
        return self.chain[-2] if len(self.chain) >= 2 else None

    def in_regency(self, code: str) -> bool:
        """Whether a region code lies in this place's kabupaten/kota (or is one of its ancestors)."""
        return self.holds(code) or (self.regency is not None and code.startswith(self.regency + "."))

    def holds(self, code: str) -> bool:
        """Whether an agency of this region code serves the place (same chain or inside it)."""
        return code in self.chain or code.startswith(self.chain[0] + ".")


# what _read gives: tokens, their regional reading, phrases found, region options, the place's token positions, and
# whether those options are only the places set aside (where the teller works or came from)
_Reading = tuple[list[Token], list[Token], list[Any], list[_RegionOption], frozenset[int], bool, tuple[str, ...]]


@dataclass(slots=True)
class _Ranking:
    """Best score per agency code."""

    scores: dict[str, float] = field(default_factory=dict)

    def add(self, code: str, score: float) -> None:
        if score > self.scores.get(code, 0.0):
            self.scores[code] = score


class AgencyCatalog:
    """Agencies with lookups by code, by (kind, region) and by alias."""

    _default: ClassVar[AgencyCatalog | None] = None
    load_seconds: float = 0.0

    def __init__(self, agencies: Iterable[Agency], regions: RegionIndex | None = None,
                 nomenclature: Sequence[KindInfo] | None = None,
                 keywords: Sequence[tuple[str, Entry]] | None = None, *, regional: bool = False) -> None:
        """regional: also every province's and kabupaten/kota's standard offices from the nomenclature, made when
        asked for (RegionalOffices) rather than held: ~17k offices, ~9 MB as objects."""
        started = time.perf_counter()
        self.regions = regions or RegionIndex.default()
        self._kinds: dict[str, KindInfo] = {k.kind: k for k in (nomenclature or load_nomenclature())}
        self._regional = RegionalOffices(self.regions, list(self._kinds.values())) if regional else None
        self._agencies = _Offices(self._regional)
        self._by_kind_region = _OfficesOfKind(self._regional)
        self._phrases = PhraseIndex()
        for info in self._kinds.values():
            for alias in info.aliases:
                phrase, level = split_alias(alias)
                self._phrases.add(phrase, alias_entry(phrase, info.kind, info.category, level))
        for phrase, entry in keywords if keywords is not None else load_keywords():
            self._phrases.add(phrase, entry)
        self._by_region: dict[str | None, list[Agency]] = {}
        self._kind_alias_set = frozenset(split_alias(a)[0] for k in self._kinds.values() for a in k.aliases)
        for agency in agencies:
            self._add(agency)
        self._regional_kinds = {k for k, r in self._by_kind_region.held if r is not None}
        if self._regional is not None:
            self._regional_kinds |= self._regional.kinds
        # 'RSUD dr. Soetomo', 'RSUD M Yunus': a public hospital named is the one its owner runs (the province's, in
        # the city it stands in), not the city's RSUD; spelt as it is, never read into a typo of another word
        for phrase, code in load_hospitals():
            if (agency := self._agencies.get(code)) is not None:
                self._phrases.add(phrase, alias_entry(phrase, "agency:" + code, agency.category), fuzzy=False)
        self.load_seconds = time.perf_counter() - started

    def _add(self, agency: Agency) -> None:
        """Index one agency."""
        self._agencies.held[agency.code] = agency
        self._by_region.setdefault(agency.region_code, []).append(agency)
        if agency.kind:
            self._by_kind_region.held.setdefault((agency.kind, agency.region_code), []).append(agency)
        for alias in agency.aliases:
            if alias and alias not in self._kind_alias_set:
                self._phrases.add(alias, alias_entry(alias, "agency:" + agency.code, agency.category))

    # ---- loading -------------------------------------------------------------------------

    @classmethod
    def from_csv(cls, path: str | Path, regions: RegionIndex | None = None) -> AgencyCatalog:
        """Load a deployment's catalog: code,name,level,region_code,aliases,parent[,kind][,category]."""
        started = time.perf_counter()
        nomenclature = load_nomenclature()
        catalog = cls(read_agencies_csv(path, nomenclature), regions, nomenclature)
        catalog.load_seconds = time.perf_counter() - started
        return catalog

    @classmethod
    def default(cls) -> AgencyCatalog:
        """The built-in national catalog (regional OPD of every regency/city/province + central bodies)."""
        if cls._default is None:
            started = time.perf_counter()
            regions = RegionIndex.default()
            nomenclature = [*load_nomenclature(), *load_nomenclature(DATA_DIR / "protection.csv")]  # + Dinas P3A
            agencies = read_agencies_csv(DATA_DIR / "central.csv", nomenclature)
            catalog = cls(agencies, regions, nomenclature, regional=True)
            default_prior()  # read now (8 ms, in the loading thread), not in the first story's turn
            catalog.load_seconds = time.perf_counter() - started
            cls._default = catalog
        return cls._default

    # ---- lookup --------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._agencies)

    def __iter__(self) -> Iterator[Agency]:
        return iter(self._agencies.values())

    def get(self, code: str) -> Agency | None:
        """The agency with this code, or None."""
        return self._agencies.get(code)

    def in_region(self, region: str | None) -> list[Agency]:
        """Agencies whose region code is exactly this one (None: the central bodies)."""
        held = list(self._by_region.get(region, ()))
        if self._regional is None or region is None:
            return held
        return [*held, *(a for a in self._regional.in_region(region) if a.code not in self._agencies.held)]

    def category_of(self, agency: Agency) -> str | None:
        """Complaint category the agency usually handles."""
        if agency.category:
            return agency.category
        info = self._kinds.get(agency.kind or "")
        return info.category if info else None

    def to_csv(self, path: str | Path) -> None:
        """Write the catalog in the deployment CSV format (a starting point to edit)."""
        with open(path, "w", newline="", encoding="utf-8") as f:
            self.write_csv(f)

    def write_csv(self, stream: TextIO) -> None:
        """Write the catalog as CSV to an open text stream."""
        w = csv.writer(stream)
        w.writerow(["code", "name", "level", "region_code", "aliases", "parent", "kind", "category"])
        for a in self._agencies.values():
            aliases = a.aliases[1:] if a.aliases and a.aliases[0] == a.name else a.aliases
            w.writerow([a.code, a.name, a.level, a.region_code or "", ";".join(aliases), a.parent or "",
                        a.kind or "", self.category_of(a) or ""])

    # ---- matching ------------------------------------------------------------------------

    def match(self, text: str, region: str | None = None, limit: int = 3, *,
              text_region_wins: bool = True) -> list[AgencyMatch]:
        """Agencies a text names ('capil lotim'), or failing that the ones its problem words point to.

        A kabupaten/kota or province named plainly in the text ('dukcapil kota bandung') is taken over
        `region` unless `text_region_wins` is False; villages read from the text never are."""
        return self._rank(text, region, limit, text_region_wins, story=False)

    def suggest(self, description: str, region: str | None = None, limit: int = 3, *,
                text_region_wins: bool = False) -> list[AgencyMatch]:
        """Agencies responsible for a described problem ('air PAM mati 3 hari') in a region.

        The place the citizen gave (`region`) outranks the words of the story: only a place inside it
        read from the story refines it, and no agency of another kabupaten/kota is suggested."""
        return self._rank(description, region, limit, text_region_wins, story=True)

    def story_places(self, description: str) -> tuple[str, ...]:
        """The places a story as a whole reads as where it happened, best first: one per kabupaten/kota, each its
        most specific region (a desa, kecamatan, kabupaten/kota or province); none when it names no place.

        The same reading suggest() makes with no place given: the teller's home, a workplace, a relative's town
        or a denied place set aside, a name inside an ordinary word not taken; a place named only as where the
        teller works or came from is none (suggest still ranks its offices, for want of another)."""
        read = self._read(description, None, False, True)
        if read is None or read[5]:  # "kerja di Kota Semarang, lampu jalan di kampung kami mati": not there
            return ()
        return tuple(option.chain[0] for option in read[3]) + read[6]

    def _rank(self, text: str, region: str | None, limit: int, text_region_wins: bool = True,
              story: bool = False) -> list[AgencyMatch]:
        """Shared pipeline: phrases -> region -> (kind, region) lookups -> scores."""
        if limit <= 0:
            return []
        if region and self.regions.get(region) is None:
            region = None  # an unknown code is no place given (_order reads it too)
        read = self._read(text, region, text_region_wins, story)
        if read is None:
            return []
        tokens, words_read, found, options, region_tokens, set_aside, _ = read
        alias_tokens = frozenset(k for h in found if h.entry.source == "alias" for k in range(h.start, h.end))
        # a problem word inside the place's name is the name ('tanah' of 'Tanah Datar'); one running past it is still
        # a problem word ('jalan desa Korek': 'desa' also says which place)
        hits = [h for h in found if (h.entry.source == "alias"
                or not all(k in region_tokens for k in range(h.start, h.end))) and not _denied(text, tokens, h)]
        # 'kalau hujan pasti banjir', 'banjir tiap hujan': a flood every rain brings is what something else (a drain,
        # rubbish) causes; it counts for the disaster office only as much as a word said in passing
        hits = [PhraseHit(h.start, h.end, _RAIN_MADE, h.q) if _rain_made(words_read, h) else h for h in hits]
        # 'jalan Padang - Bukittinggi': a road between two kabupaten/kota is the nation's (unless a level is said)
        hits += [PhraseHit(a, b, _BETWEEN_REGENCIES, 1.0) for a, b in self.regions.roads_between(tokens)]
        # 'kapal dari Tarakan ke Tanjung Selor': a crossing between two kabupaten/kota is the province's (one
        # inside a kabupaten is its own office's, as the words already say)
        crossed = crossings(tokens, self.regions)
        hits += [PhraseHit(c.start, c.end, _CROSSING[c.level], 1.0) for c in crossed if c.level in _CROSSING]
        if crossed and all(c.level == "kab" for c in crossed):
            # 'kapal ferry dari Ampana ke Wakai batal, kami terlantar di pelabuhan': the ferry and port of a crossing
            # inside one kabupaten are its own transport office's, not the ministry's (UU 23/2014)
            hits = [PhraseHit(h.start, h.end, replace(h.entry, target="dishub", level=None), h.q)
                    if h.entry.source == "keyword" and h.entry.target == "kemenhub"
                    and "".join(fold_key(t.text) for t in words_read[h.start:h.end]) in _CROSSING_WORDS else h
                    for h in hits]
        places = self._place_keys(tokens)
        pairs = find_pairs(words_read, pair_rules(), skip=region_tokens | alias_tokens,
                           uncounted=[k for k, t in enumerate(tokens) if fold_key(t.text) in places])
        hits = with_pairs(hits, [p for p in pairs if not _an_address(p, hits, tokens)])
        hits = _drain_made(hits, words_read)
        hits = _one_bpjs(hits, words_read)
        hits = [self._of_the_province(text, tokens, h) for h in hits]
        if _province_runs_it(tokens):
            # 'izin kapal ... diurus di provinsi', 'pengawasan laut itu tugas provinsi kan?': the story says the
            # province runs what it is about, so its offices' words are the province's
            hits = [self._at_province(h) for h in hits]
        elif _nation_runs_it(tokens):
            # 'aplikasi kartu tani error ... itu sistem dari kementerian pusat', 'tanggul bocor, itu kewenangan balai
            # kan?': the story says the ministry runs what it is about, so its offices' words are the nation's
            hits = [self._at_nation(h) for h in hits]
        # 'lampu merah mati, polisi gak ada yg jaga': the body missed at the place is a word of the problem, not the
        # one written to
        hits = [_missed_body(h, tokens) for h in hits]
        hits = _land_fire(hits, tokens)
        # (an unlicensed mine to be stopped by force first: its permit words are then the police's, not the mine's)
        hits = _illegal_mine(hits, tokens)
        hits = _mine_made(hits, words_read)
        hits = _market_drain(hits, tokens, region_tokens)
        hits = _fishing_port(hits, words_read)
        hits = _rubbish_in_river(hits, tokens)
        hits = _fishers_harmed(hits, tokens)
        hits = _type_a_terminal(hits, tokens)
        hits = _vendors_on_the_road(hits, tokens)
        hits = _card_at_the_hospital(hits)
        hits = _sent_on_to(hits, tokens)
        hits = _taken_on_from_the_clinic(hits, tokens)
        if not set_aside:  # ('...ke SLB di Palopo' the only place named: the refusing school's kabupaten is unknown)
            hits = _sent_to_a_special_school(hits, words_read)
        hits = _insured_anyway(hits, tokens)
        hits = _paid_with_bpjs(hits, tokens)
        hits = _letter_for_the_papers(hits, tokens)
        hits = _asked_for_as_a_requirement(hits, tokens)
        hits = _paper_needed_for_bpjs(hits, tokens)
        hits = _at_the_service_mall(hits, tokens)
        hits = _village_head_quoted(hits, tokens)
        hits = _the_long_way(hits, tokens)
        ranking = _Ranking()
        addressee = ADDRESSEE_KINDS if story else frozenset()
        named = any(h.entry.source == "alias" and h.entry.target not in addressee for h in hits)
        keyword_weight: dict[tuple[str, str | None], float] = {}
        keyword_q: dict[tuple[str, str | None], float] = {}
        # a word said twice ('trotoar ... naik trotoar') is one piece of evidence, not two
        counted: set[tuple[tuple[str, ...], Entry]] = set()
        # ...and so is a slip or an inflected form of a word said exactly ('peternakan ... peternakane')
        said_exactly = {h.entry for h in hits if h.q >= 1.0}
        # 'SMK negeri ... sudah lapor ke dinas pendidikan kota': the school the province runs decides the level of
        # the office named too (the kota's office has no say over it)
        province_runs = {h.entry.target for h in hits if h.entry.source != "alias" and h.entry.level == "prov"}
        # ...and so does a road the nation runs ('jalan trans papua ... tolong dinas pu merauke perbaiki')
        nation_runs = {h.entry.target for h in hits if h.entry.source != "alias" and h.entry.level == "pusat"}
        for h in hits:
            # 'rusak dekat tol', 'di depan kantor bupati': what stands near the problem is where it is,
            # not what it is nor who should fix it
            near = h.start > 0 and tokens[h.start - 1].text in LANDMARK_WORDS
            if h.entry.source == "alias":
                q = h.q * (0.4 if near else 1.0) * (_FIT_ADDRESSEE if h.entry.target in addressee else 1.0)
                level = h.entry.level or ("prov" if h.entry.target in province_runs
                                          else "pusat" if h.entry.target in nation_runs else None)
                self._score_target(ranking, h.entry.target, level, q, options)
            elif h.entry.target and not near:
                said = (tuple(fold_key(t.text) for t in words_read[h.start:h.end]), h.entry)
                if said in counted or (h.q < 1.0 and h.entry in said_exactly):
                    continue
                counted.add(said)
                key = (self._kind_here(h.entry.target, options), h.entry.level)
                keyword_weight[key] = keyword_weight.get(key, 0.0) + h.entry.weight
                keyword_q[key] = max(keyword_q.get(key, 0.0), h.q)
        # a word naming the level ('SMA': the province runs it) decides it for the kind's other words
        # ('sekolah', 'guru'), which would otherwise vote for the kabupaten's office on their own
        for (target, level) in [k for k in keyword_weight if k[1] is not None]:
            if (target, None) in keyword_weight:
                keyword_weight[(target, level)] += keyword_weight.pop((target, None))
                keyword_q[(target, level)] = max(keyword_q[(target, level)], keyword_q.pop((target, None)))
        if story and (prior := default_prior()) is not None:
            # the learned word prior reorders kinds only: the region rules place the offices after it
            add_evidence(keyword_weight, keyword_q,
                         prior.posterior(prior_words(words_read, region_tokens, self._names_region)),
                         lambda kind: self._kind_here(kind, options), named, PRIOR_BLEND)
        _school_words_to_its_runner(keyword_weight, keyword_q, hits)
        for (target, level), weight in keyword_weight.items():
            strength = keyword_strength(weight) * keyword_q[(target, level)]
            if named:
                strength *= _KEYWORD_DISCOUNT
            self._score_target(ranking, target, level, strength, options)
        if not ranking.scores:
            self._fallback(ranking, tokens, options)
        return self._order(ranking, text, options, bool(region), text_region_wins)[:limit]

    def _of_the_province(self, text: str, tokens: Sequence[Token], hit: PhraseHit) -> PhraseHit:
        """'mohon dinas pertanian provinsi tambah alokasi', 'DKP prov', 'rumah sakit provinsi': an office or a thing
        said with the word 'provinsi' right after it is the province's, though the place named is a kabupaten."""
        if hit.end >= len(tokens) or tokens[hit.end].text not in PROVINCE_WORDS or _cut(text, tokens, hit.end - 1):
            return hit
        return self._at_province(hit)

    def _at_province(self, hit: PhraseHit) -> PhraseHit:
        """The hit at the province's level, when its kind has a province office and no level of its own."""
        info = self._kinds.get(hit.entry.target)
        if hit.entry.level is not None or info is None or "prov" not in info.levels:
            return hit
        return PhraseHit(hit.start, hit.end, replace(hit.entry, level="prov"), hit.q)

    def _at_nation(self, hit: PhraseHit) -> PhraseHit:
        """The hit at the nation's level, when its kind has a ministry above it and no level of its own."""
        info = self._kinds.get(hit.entry.target)
        if hit.entry.source == "alias" or hit.entry.level is not None or info is None or not info.central:
            return hit
        return PhraseHit(hit.start, hit.end, replace(hit.entry, level="pusat"), hit.q)

    def _read(self, text: str, region: str | None, text_region_wins: bool, story: bool) -> _Reading | None:
        """Tokens, their regional reading, the phrases found, the region options and the place's tokens."""
        tokens = tokenize(text or "", slang=True, limit=MAX_TOKENS)
        if not tokens:
            return None
        if region and self.regions.get(region) is None:
            region = None
        # Agency names first (they are never place words), then the region on what is left, then
        # drop problem words that turned out to be part of the place name ('tanah' in 'Tanah Datar').
        # Problem words are read through the regional lexicon ('dalane' = 'jalan'); places are not.
        words_read = regional_tokens(tokens)
        found = self._phrases.find(words_read, not_fuzzy=self._place_keys(tokens))
        if not any(t.text in _CIVIL_SERVICE for t in tokens):
            # 'bkn kota', 'katanya bkn jln kabupaten': 'bukan' typed short, not the civil service agency BKN
            found = [h for h in found if not (h.entry.source == "alias" and tokens[h.start].text in NEGATIONS)]
        # 'alun2 kejaksan': a word spelled exactly as a kecamatan or kabupaten is named is that place, though its key
        # is an office's ('kejaksaan' folds to the same key)
        found = [h for h in found if not (h.entry.source == "alias" and h.end - h.start == 1
                                          and self._spelled_as_place(tokens[h.start].text))]
        # 'mama-mama di pasar pu jualan' (Papuan and Ambonese Malay 'pu' = 'punya'): between two words, in lower
        # case, after no word that introduces an office, it is no Public Works
        found = [h for h in found if not (h.entry.source == "alias" and h.end - h.start == 1
                                          and _possessive_pu(text, tokens, h.start))]
        found = in_its_sense(found, words_read)
        # 'musiknya kenceng smp jam 2 pagi', 'antri smp 3 jam': shorthand for 'sampai' (until), not the school
        found = [h for h in found if not (h.end - h.start == 1 and _until_short(tokens, h.start))]
        if story:
            found = [as_problem_word(h) for h in found]
        alias_tokens = frozenset(k for h in found if h.entry.source == "alias" for k in range(h.start, h.end))
        phrase_tokens = frozenset(k for h in found for k in range(h.start, h.end))
        # 'kabupaten padang pariaman, bukan kota pariaman': a place the citizen denies is not where it is
        denied = alias_tokens | _denied_places(text, tokens)
        elsewhere = _elsewhere_places(text, tokens) - denied
        # ...but the workplace's kabupaten/kota may hold where it happened ('kerja di Makassar ... di Panakkukang')
        # (its cues are some of ELSEWHERE_CUES: with no place set aside there is none to read again)
        workplace = _elsewhere_places(text, tokens, _WORK_CUES) if elsewhere else frozenset()
        work = workplace - denied
        # ...and for a complaint about the work itself (wages, overtime, a dismissal) the workplace is where it is,
        # unless another office is named apart from the workplace: 'capil di Sumber error ... saya kerja di kota
        # Cirebon, tiap izin dipotong gaji' is the Kabupaten's dukcapil, the docked wage only what the queue cost
        # (a regional office's name: a national body's, BPJS or a prison, may be the workplace's business too)
        elsewhere_office = any(h.entry.source == "alias" and h.entry.target != "disnaker"
                               and not h.entry.target.startswith("agency:")
                               and not any(k in workplace for k in range(h.start, h.end)) for h in found)
        if work and (any(h.entry.target == "disnaker" for h in found)
                     or (any(t.text in _WORK_TROUBLE for t in tokens) and not elsewhere_office)
                     or self._holds_the_place(tokens, denied, phrase_tokens, work, region)):
            elsewhere -= work
        # 'Jombang di Cilegon bukan Jatim': no place inside a kabupaten or province the citizen denies
        refused = self._denied_regions([tokens[k] for k in sorted(denied - alias_tokens)])
        options, region_tokens, also = self._region_options(tokens, denied | elsewhere, phrase_tokens, region,
                                                            text_region_wins, refused)
        set_aside = bool(elsewhere and not options)
        if set_aside:  # the only place named is where they work or came from: still a place for the agency
            options, region_tokens, also = self._region_options(tokens, denied, phrase_tokens, region,
                                                                text_region_wins, refused)
        return tokens, words_read, found, options, region_tokens, set_aside, also

    def _holds_the_place(self, tokens: list[Token], skip: frozenset[int], exact_only: frozenset[int],
                         elsewhere: frozenset[int], given: str | None) -> bool:
        """Whether the place the whole story reads best is one the workplace named holds: 'kerja di Makassar ...
        pete-pete di Panakkukang' is Makassar's Panakkukang, not a desa of that name elsewhere."""
        cands = self.regions.scan(tokens, home=given, skip=skip, exact_only=exact_only, reply=False, limit=MAX_TOKENS)
        if not cands or cands[0].score < MIN_SCORE:
            return False
        used = cands[0].used
        return (any(k in elsewhere for h in used for k in range(h.start, h.end))
                and any(all(k not in elsewhere for k in range(h.start, h.end)) and not h.weak and h.q >= 0.85
                        and self.regions.level_at(h.idx) >= 2 for h in used))

    def prior_words(self, text: str, region: str | None = None) -> list[str]:
        """The words of a story the kind prior reads, as suggest() reads them (the trainer uses this too)."""
        read = self._read(text, region, False, True)
        return [] if read is None else prior_words(read[1], read[4], self._names_region)

    def _spelled_as_place(self, word: str) -> bool:
        """Whether a word is, letter for letter, the name of a kecamatan, kabupaten/kota or province."""
        return self.regions.spelled_as_place(word)

    def _names_region(self, key: str) -> bool:
        """Whether a folded word names a kabupaten/kota or province (or is its nickname): no kind evidence."""
        return self.regions.names_region(key)

    def _order(self, ranking: _Ranking, text: str, options: list[_RegionOption], given: bool,
               text_region_wins: bool) -> list[AgencyMatch]:
        """Best first; ties go to the nearer region, then to the story's category, never to the alphabet.

        An agency of a region the place does not lie in comes after every agency that serves it, and
        when the citizen gave the place and the story is being read, it is not suggested at all."""
        shown_scores = [round(min(100.0, v), 1) for v in ranking.scores.values()]
        # the category only breaks ties, so it is read only when there is one
        category = suggest_category(text) if len(set(shown_scores)) < len(shown_scores) else None
        out: list[tuple[tuple[int, float, int, int, str], AgencyMatch]] = []
        for code, score in ranking.scores.items():
            agency = self._agencies[code]
            foreign = bool(options) and agency.region_code is not None and not any(
                o.in_regency(agency.region_code) for o in options)
            if foreign and given and not text_region_wins:
                continue
            shown = round(min(100.0, score), 1)
            nearness = self._nearness(agency, options)
            fits = 0 if category and self.category_of(agency) == category else 1
            out.append(((int(foreign), -shown, nearness, fits, code), AgencyMatch(agency, shown)))
        out.sort(key=lambda pair: pair[0])
        found = [m for _, m in out]
        return found if given else _without_tied_regencies(found)

    @staticmethod
    def _nearness(agency: Agency, options: list[_RegionOption]) -> int:
        """0 for an agency of the most specific place named, 1 for one of its ancestors, 2 otherwise."""
        if not options or agency.region_code is None:
            return 2
        chain = options[0].chain
        if agency.region_code in chain:
            return 0 if agency.region_code != chain[-1] or len(chain) == 1 else 1
        return 2

    def _place_keys(self, tokens: Sequence[Token]) -> frozenset[str]:
        """Words that are place names or part of one ('lawas' of 'Padang Lawas'), so they are not
        'corrected' into agency acronyms ('lapas')."""
        folds = [fold_key(t.text) for t in tokens]
        regions = self.regions
        out = {f for f in folds if regions.is_place_word(f)}
        for i in range(len(folds) - 1):
            key = folds[i]
            for j in range(i + 1, min(len(folds), i + _PLACE_NGRAM)):
                key += folds[j]
                if regions.names_place(key):
                    out.update(folds[i:j + 1])
        return frozenset(out)

    def _denied_regions(self, words: list[Token]) -> tuple[str, ...]:
        """Codes of the kabupaten/kota or province a denial names plainly ('bukan Jatim', 'bukan kota Pariaman')."""
        found = self.regions.scan(words, reply=True) if words else []
        if not found:
            return ()
        best = max(found, key=lambda c: c.score)
        # only a place the denial names unmistakably: 'bukan kota semarang' must not deny Kabupaten Semarang too
        if (best.score < MIN_SCORE or self.regions.level_at(best.idx) > 1 or best.used[0].weak
                or any(c is not best and best.score - c.score < AMBIGUITY_MARGIN for c in found)):
            return ()
        return (self.regions.code_at(best.idx),)

    def _region_options(self, tokens: list[Token], skip: frozenset[int], exact_only: frozenset[int],
                        given: str | None, text_region_wins: bool = True, refused: tuple[str, ...] = ()
                        ) -> tuple[list[_RegionOption], frozenset[int], tuple[str, ...]]:
        """Regions the text names (weighted), else the one the caller already knows; and the kecamatan of a
        neighbour named plainly beside a kabupaten/kota read first, though far behind it (_neighbours).

        A known region outranks the text: the text may only refine it (a kecamatan inside the given
        kabupaten), or, when `text_region_wins`, replace it with a kabupaten/kota or province it
        names plainly. A village read from ordinary words never replaces it."""
        # the whole story is read for its place (a run-on message may name it last), not just a reply's words
        cands = self.regions.scan(tokens, home=given, skip=skip, exact_only=exact_only, reply=False,
                                  limit=MAX_TOKENS)
        if refused:
            cands = [c for c in cands if not any(self.regions.code_at(c.idx) == r
                                                 or self.regions.code_at(c.idx).startswith(r + ".") for r in refused)]
        if given:
            options, read = self._given_options(cands, given, text_region_wins)
            return options, _place_tokens(read, tokens), ()
        if _JAKARTA_OFFICES & {t.text for t in tokens}:
            # 'tolong sudin LH', 'katanya nunggu sudin': a Suku Dinas is Jakarta's, so the place is Jakarta's
            # ('gang Galur' is Galur of Jakarta Pusat, not Kecamatan Galur of Kulon Progo)
            jakarta = [c for c in cands if self.regions.code_at(c.idx).startswith(_JAKARTA + ".")]
            if jakarta and jakarta[0].score >= MIN_SCORE:
                cands = jakarta
            elif self.regions.get(_JAKARTA) is not None:
                return [_RegionOption(tuple(self.regions.chain(_JAKARTA)), 1.0)], frozenset(), ()
        options: list[_RegionOption] = []
        if cands and cands[0].score >= MIN_SCORE:
            top = cands[0].score
            seen: set[str] = set()
            for cand in cands[:6]:
                if top - cand.score > 12:
                    break
                code = self.regions.code_at(cand.idx)
                if code[:5] in seen:
                    continue  # two villages of one regency lead to the same agencies
                seen.add(code[:5])
                weight = max(0.5, 1.0 - (top - cand.score) / 30)
                options.append(_RegionOption(tuple(self.regions.chain(code)), weight))
        return options, _place_tokens(cands[0] if options else None, tokens), self._neighbours(cands, options, tokens)

    def _neighbours(self, cands: list, options: list[_RegionOption], tokens: list[Token]) -> tuple[str, ...]:
        """Kecamatan of another kabupaten/kota of the province a kabupaten/kota read first lies in, named plainly
        (said as a place, clear, enough to be read on its own) but too far behind to be an option: "kami di Kota
        Bekasi tapi kontrakan di Tambun Selatan" — the Kota with its level word outscores the kecamatan, though the
        story is as likely about the kecamatan. Not a place to rank offices by; a doubt about filling the Kota."""
        if not options or len(options[0].chain) != 2:
            return ()
        regions = self.regions
        first = options[0].chain[0]
        seen = {o.chain[0][:5] for o in options}
        # (named apart: 'di kota Cimahi' is no Kecamatan Cimahi of Kabupaten Kuningan, 'Pantai Tambakrejo di
        # Kabupaten Blitar' no Kecamatan Tambakrejo of Bojonegoro: words a place of an option explains; 'sd di
        # cimahi ... dinas pendidikan kota cimahi': nor the Kota's own name said again)
        explained = {(h.start, h.end) for c in cands[:_NEIGHBOUR_LOOK] if regions.code_at(c.idx)[:5] in seen
                     for h in c.used}
        own = cands[0].idx
        out: list[str] = []
        for cand in cands[1:_NEIGHBOUR_LOOK]:
            code = regions.code_at(cand.idx)
            hit = cand.used[0]
            if (cand.score >= MIN_SCORE and regions.level_at(cand.idx) == 2 and code[:2] == first[:2]
                    and code[:5] not in seen and hit.cue and not hit.weak and hit.q >= 0.85 and hit.ctx >= 1.0
                    and (hit.start, hit.end) not in explained
                    and not regions.key_names("".join(fold_key(t.text) for t in tokens[hit.start:hit.end]), own)):
                seen.add(code[:5])
                out.append(code)
        return tuple(out)

    def _given_options(self, cands: list, given: str, text_region_wins: bool
                       ) -> tuple[list[_RegionOption], Any]:
        """The caller's region, refined or (for a plainly named kabupaten/province) replaced by the text's;
        plus the text's candidate that was used, if any."""
        code_at = self.regions.code_at
        inside = [c for c in cands if code_at(c.idx).startswith(given + ".") and c.score >= MIN_SCORE]
        if inside:
            return [_RegionOption(tuple(self.regions.chain(code_at(inside[0].idx))), 1.0)], inside[0]
        own = _RegionOption(tuple(self.regions.chain(given)), 0.97)
        if text_region_wins and cands and cands[0].score >= _TEXT_REGION_OVER_GIVEN:
            top = cands[0]
            code = code_at(top.idx)
            hit = top.used[0]
            related = code in own.chain or code.startswith(given + ".")
            plain = self.regions.level_at(top.idx) <= 1 and not hit.weak
            # 'gorontalo' names the kota and the kabupaten: the one the citizen is in is meant
            shared = any(code_at(c.idx) in own.chain and any(
                (h.start, h.end) == (hit.start, hit.end) for h in c.used) for c in cands)
            if plain and not related and not shared:
                return [_RegionOption(tuple(self.regions.chain(code)), 1.0), own], top
        # alone, the place the citizen gave is certain: its offices must not trail a national body
        # ('tiang listrik PJU' is the kabupaten's street light, not PLN's line, on equal words)
        own.weight = 1.0
        # 'jalan di Pasar Minggu' with Pasar Minggu given: the story's words naming that place are its name, not a
        # market (only a name spelled out: 'sumbat' is no slip for Sumbar)
        same = max((c for c in cands if c.score >= MIN_SCORE and code_at(c.idx) in own.chain
                    and all(h.q >= _SPELLED_OUT for h in c.used)), key=lambda c: len(code_at(c.idx)), default=None)
        return [own], same

    def _kind_here(self, kind: str, options: list[_RegionOption]) -> str:
        """The kind that does this kind's job in the places named: itself, or (where none of them has an
        office of it) the one standing in ('got mampet' is Jakarta's Sudin SDA, Public Works elsewhere),
        so that the words for one office add up."""
        info = self._kinds.get(kind)
        if info is None or not info.instead or any(
                (kind, code) in self._by_kind_region for o in options for code in o.chain):
            return kind
        return info.instead

    def _score_target(self, ranking: _Ranking, target: str, level: str | None, strength: float,
                      options: list[_RegionOption]) -> None:
        """Score the agencies a kind or agency alias points to, in each candidate region."""
        if target.startswith("agency:"):
            agency = self._agencies.get(target[7:])
            if agency is None:
                return
            fit = 1.0
            if agency.region_code and options:
                fit = max((o.weight for o in options if o.holds(agency.region_code)), default=_FIT_FOREIGN)
            ranking.add(agency.code, 100 * strength * fit)
            return
        kind = target
        central = self._by_kind_region.get((kind, None), [])
        if level == "pusat" and kind in self._kinds and self._kinds[kind].central:
            # 'jalan nasional': the ministry's office runs it, wherever it lies; the kabupaten's may still be meant
            stand_in = self._agencies.get(self._kinds[kind].central or "")
            if stand_in is not None:
                ranking.add(stand_in.code, 100 * strength)
                strength, level = strength * _FIT_UP, None
        if kind not in self._regional_kinds:
            for agency in central:
                ranking.add(agency.code, 100 * strength)
            return
        if not options:
            info = self._kinds.get(kind)
            for agency in central:
                ranking.add(agency.code, 100 * strength * _FIT_NO_REGION)
            if not central and info and info.central:
                stand_in = self._agencies.get(info.central)
                if stand_in:
                    ranking.add(stand_in.code, 100 * strength * _FIT_NO_REGION)
            return
        instead = self._kinds[kind].instead if kind in self._kinds else None
        for opt in options:
            # where no office of this kind serves the place, the kind that does its job there does
            # (drains: Jakarta's Sudin SDA, Public Works elsewhere)
            if instead and instead != kind and not any((kind, code) in self._by_kind_region for code in opt.chain):
                self._score_target(ranking, instead, level, strength, [opt])
                continue
            # the most specific office of this kind serves the place; the ones above it fit less,
            # unless the phrase asked for the province ('samsat', 'SMA', 'jalan provinsi')
            wants_province = level == "prov" or opt.regency is None
            nearer_found = False
            for code in opt.chain:
                agencies = self._by_kind_region.get((kind, code))
                if not agencies:
                    continue
                if wants_province:
                    fit = _FIT_OWN if code == opt.province else _FIT_UP
                elif nearer_found:
                    fit = _FIT_UP
                else:
                    fit = _FIT_UP_ONLY if code == opt.province else _FIT_OWN
                nearer_found = True
                for agency in agencies:
                    ranking.add(agency.code, 100 * strength * opt.weight * fit)
            for agency in central:
                ranking.add(agency.code, 100 * strength * opt.weight * _FIT_CENTRAL)

    def _fallback(self, ranking: _Ranking, tokens: list[Token], options: list[_RegionOption]) -> None:
        """Nothing named: fuzzy-compare the words with names near the region, else its government."""
        pool: list[Agency] = self.in_region(None)
        for opt in options:
            for code in opt.chain:
                pool += self.in_region(code)
        query = " ".join(t.text for t in tokens)
        # 'dinas' or 'kantor dinas' alone shares a word with every name: it names none of them
        specific = any(fold_key(t.text) not in GENERIC_WORDS for t in tokens)
        if pool and len(query) >= 4 and specific:
            names = [utils.default_process(a.name) for a in pool]
            for _, score, i in process.extract(query, names, scorer=fuzz.token_set_ratio, limit=3,
                                               score_cutoff=75, processor=None):
                ranking.add(pool[i].code, score * 0.8)
        if ranking.scores:
            return
        for opt in options[:1]:
            for code in (opt.regency, opt.province):
                gov = self._by_kind_region.get(("pemda", code)) if code else None
                if gov:
                    ranking.add(gov[0].code, 30.0 * opt.weight)  # 'no wrong door': the local government
                    return


def _regency(code: str | None) -> str | None:
    """The kabupaten/kota part of a region code (None for a province or a national body)."""
    return code[:5] if code and len(code) >= 5 else None


def _without_tied_regencies(found: list[AgencyMatch]) -> list[AgencyMatch]:
    """With no place given, a kabupaten office is not offered when another kabupaten's fits as well.

    "banjir di Gebang" names a village of Langkat, Cirebon and Purworejo alike: choosing one by the order of
    the data would send the complaint to the wrong kabupaten, so no kabupaten office is offered, only the
    province's (when every such place is in it) or a national body; with none, nothing is, and the agency
    question asks the citizen.
    """
    if not found or _regency(found[0].agency.region_code) is None:
        return found
    top = found[0].score
    tied = {_regency(m.agency.region_code) for m in found if m.score >= top - _TIE}
    tied.discard(None)
    if len(tied) < 2:
        return found
    provinces = {code[:2] for code in tied if code}
    # which kabupaten is unknown, so no kabupaten's office is safe; a province's only if the place is in it
    return [m for m in found if m.agency.region_code is None
            or (len(m.agency.region_code) == 2 and provinces == {m.agency.region_code})]


def _one_bpjs(hits: list[PhraseHit], words: Sequence[Token]) -> list[PhraseHit]:
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


def _school_words_to_its_runner(weights: dict[tuple[str, str | None], float], qs: dict[tuple[str, str | None], float],
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


def keyword_strength(weight: float) -> float:
    """How sure summed problem-word weights make a kind: rising with every word, never above 0.9.

    Linear up to 4 (one clear word), then closing on 0.9 without reaching it, so that more
    evidence always ranks higher ('banjir' 6 against 'got mampet' 6 + 'got' 2) instead of two kinds
    both capped and the tie left to chance."""
    if weight <= 4.0:
        return 0.55 + 0.07 * weight
    return 0.83 + 0.07 * (1.0 - math.exp(-(weight - 4.0) / 3.0))


def _cut(text: str, tokens: Sequence[Token], a: int) -> bool:
    """Whether a clause mark stands between token a and the next ('bukan. ini soal KK')."""
    return any(c in _CLAUSE_MARKS for c in text[tokens[a].end:tokens[a + 1].start])


def _denied(text: str, tokens: Sequence[Token], hit: Any) -> bool:
    """Whether the citizen says a phrase is not what the complaint is about: 'imigrasi? bukan.'
    (the negation answering it after a mark), 'bukan soal paspor' (the negation before it), or 'takut lapor
    polisi' (the body they fear to go to)."""
    def cut(a: int) -> bool:
        return _cut(text, tokens, a)

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


def _denied_places(text: str, tokens: Sequence[Token]) -> frozenset[int]:
    """Token positions of what a negation denies ('bukan kota pariaman', 'dudu ning Sleman'): up to the clause's
    end, a 'tapi', or four words; 'kalau bukan', 'bukan cuma' (not only) deny nothing."""
    out: set[int] = set()
    for j, tok in enumerate(tokens):
        if tok.text not in NEGATIONS or (j > 0 and tokens[j - 1].text in _NEGATION_UNDONE):
            continue
        if tok.text in _CLAUSE_NEGATIONS and j > 0 and not _cut(text, tokens, j - 1):
            continue
        k = j + 1
        while k < len(tokens) and k - j <= 4 and tokens[k].text not in _NEGATION_ENDS:
            if _cut(text, tokens, k - 1):
                break
            if k == j + 1 and tokens[k].text in _NOT_ONLY:
                break
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


# how many of a reading's places are looked through for a neighbour's kecamatan named far behind the first
_NEIGHBOUR_LOOK = 12


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


def _elsewhere_places(text: str, tokens: Sequence[Token], cues: tuple[tuple[str, ...], ...] = ELSEWHERE_CUES
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
                if _cut(text, tokens, k - 1):
                    break
                out.add(k)
                k += 1
    return frozenset(out)


def _rain_made(words: Sequence[Token], hit: PhraseHit) -> bool:
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


def _province_runs_it(tokens: Sequence[Token]) -> bool:
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


def _fishing_port(hits: list[PhraseHit], words: Sequence[Token]) -> list[PhraseHit]:
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


def _drain_made(hits: list[PhraseHit], words: Sequence[Token]) -> list[PhraseHit]:
    """'sungai kecil dangkal penuh sedimen, tiap hujan deras rumah warga kebanjiran': a flood said in a story of a
    blocked or silted drain or river (the water office's pair, _BLOCKED_DRAIN_WEIGHT) is what the drain makes; it
    counts for the disaster office as a rain-made flood does, and the drain decides."""
    if not any(h.entry.target == "sda" and h.entry.source == "keyword" and h.end - h.start > 1
               and h.entry.weight >= _BLOCKED_DRAIN_WEIGHT for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, _RAIN_MADE, h.q)
            if h.entry.source == "keyword" and h.entry.target == "bpbd" and h.end - h.start == 1
            and words[h.start].text in _FLOOD_WORDS else h for h in hits]


def _mine_made(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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
            h = PhraseHit(h.start, h.end, _RAIN_MADE, h.q)
        elif h.entry.source == "keyword" and h.entry.target in _PERMIT_OFFICES and said & _PERMIT_WORDS:
            h = PhraseHit(h.start, h.end, replace(h.entry, target="esdm", category=mine.category, level=mine.level),
                          h.q)
        out.append(h)
    return out


def _illegal_mine(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _land_fire(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _market_drain(hits: list[PhraseHit], tokens: Sequence[Token], place: frozenset[int]) -> list[PhraseHit]:
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


def _rubbish_in_river(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _fishers_harmed(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'limbah pabrik dibuang ke laut, nelayan kecil susah', 'tambang timah ilegal bikin air laut keruh, nelayan
    susah cari ikan', 'sejak PLTU beroperasi hasil tangkapan turun': a polluter or a mine said, the fishers, their
    catch and their cages are who it harms, not what the fisheries office is asked to fix; their words count for no
    office (an office named still does)."""
    if not any(t.text in _POLLUTERS for t in tokens):
        return hits
    return [h for h in hits if h.entry.target != "diskan" or h.entry.source == "alias"]


def _vendors_on_the_road(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'pkl suryakencana makan badan jalan lagi, angkot jd macet', 'pedagang meluber ke jalan, angkot gk bisa lewat':
    traders selling on the road or the pavement are public order's (or the market's) to move; the jam and the angkot
    they hold up are what it costs, not the transport office's job. Parking said stays parking's."""
    words = [t.text for t in tokens]
    if not _VENDORS & set(words) or not any(
            w in _ON_THE_ROAD or (w == "jalan" and i > 0 and words[i - 1] in _ONTO) for i, w in enumerate(words)):
        return hits
    return [h for h in hits if h.entry.target != "dishub" or h.entry.source == "alias"
            or _PARKING & set(words[h.start:h.end])]


def _type_a_terminal(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'terminal Tingkir ... toilet jorok ... terminal tipe A kok kaya gini', 'terminal X banyak calo bus AKAP': once
    the terminal is said to be the one for buses between provinces (the keyword pair), it is the Ministry of
    Transport's, and so are the terminal's other words ('terminal', 'terminal rusak') the town's office had."""
    if not any(h.entry.target == "kemenhub" and tokens[h.start].text == "terminal" for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="kemenhub", level=None), h.q)
            if h.entry.target == "dishub" and h.entry.source != "alias" and tokens[h.start].text == "terminal"
            else h for h in hits]


def _card_at_the_hospital(hits: list[PhraseHit]) -> list[PhraseHit]:
    """'kartu KIS tiba2 nonaktif pas berobat ke RSUD Tembilahan', 'kartu bpjs mama dipake di rsud ditolak katanya
    tunggakan': a health card switched off or in arrears is BPJS Kesehatan's to put right; the hospital it was shown
    at is where, a word of the story (not the office written to)."""
    if not any(h.entry.target == "bpjs-kesehatan" and h.entry.source != "alias" and h.end - h.start > 1
               and h.entry.weight >= _CARD_STATE_WEIGHT for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=_VENUE_WEIGHT), h.q)
            if h.entry.source == "alias" and h.entry.target in _CARE_VENUES else h for h in hits]


def _sent_on_to(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'puskesmas tdk ada dokter, disuruh ke RSUD', 'vaksin kosong disuruh ke rsud': a hospital the teller was told to
    go to instead is where the failing clinic sent them, a word of the story at _VENUE_WEIGHT, not the office
    written to ('dirujuk ke RSUD X tapi ditolak' is the hospital's own failing: no 'disuruh')."""
    words = [t.text for t in tokens]
    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=_VENUE_WEIGHT), h.q)
            if h.entry.source == "alias" and h.entry.target in _CARE_VENUES and h.start >= 2
            and words[h.start - 1] in _TOWARDS and words[h.start - 2] in _SENT else h for h in hits]


def _taken_on_from_the_clinic(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _sent_to_a_special_school(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _insured_anyway(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _paid_with_bpjs(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _at_the_service_mall(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _paper_needed_for_bpjs(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _asked_for_as_a_requirement(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _letter_for_the_papers(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'KTP hilang, mau urus baru katanya harus bawa surat kehilangan dari polsek dulu': the police's letter for a
    lost paper is a step of getting the paper again, so with a paper named (KTP, KK, buku nikah, ijazah, sertifikat)
    the letter and the police are words of the story at _VENUE_WEIGHT; the paper's office decides."""
    words = [fold_key(t.text) for t in tokens]
    letter = any(w in _LOST and k > 0 and words[k - 1] in _LETTER_WORDS for k, w in enumerate(words))
    if not letter or not any(h.entry.source == "keyword" and h.entry.target in _PAPER_KINDS for h in hits):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, target="polri", source="keyword", weight=_VENUE_WEIGHT), h.q)
            if h.entry.target in _POLICE else h for h in hits]


def _village_head_quoted(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _the_long_way(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
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


def _nation_runs_it(tokens: Sequence[Token]) -> bool:
    """Whether the story says the nation runs what it is about: 'kewenangan pusat', 'urusan kementerian', 'itu
    sistem dari kementerian pusat', 'itu kewenangan balai kan?' (not after a negation, nor 'balai desa', nor a
    question of which: 'urusan Kementerian Agama pusat atau daerah?')."""
    words = [t.text for t in tokens]
    return any(not (words[k] == "balai" and k + 1 < len(words) and words[k + 1] in _OTHER_HALLS)
               and "atau" not in words[k + 1:k + 5] for k in _runners_said(words, _RUN_BY_NATION, _THE_NATION))


def _an_address(pair: PhraseHit, hits: Sequence[PhraseHit], tokens: Sequence[Token]) -> bool:
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


def _missed_body(hit: PhraseHit, tokens: Sequence[Token]) -> PhraseHit:
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


def _until_short(tokens: Sequence[Token], at: int) -> bool:
    """Whether token `at` is 'smp' typed for 'sampai' (until): before a time ('smp jam 2', 'smp pagi', 'smp skrg')
    or a number of them ('smp 3 bulan'); 'smp 2 bandung', 'smp kelas 8' stay the school."""
    if tokens[at].text != "smp" or at + 1 >= len(tokens):
        return False
    after = tokens[at + 1].text
    if after.isdigit():
        return at + 2 < len(tokens) and tokens[at + 2].text in _TIME_UNITS
    return after in _UNTIL_WHAT


def _possessive_pu(text: str, tokens: Sequence[Token], at: int) -> bool:
    """Whether token `at` is Eastern Malay 'pu' ('sa pu rumah': my house) rather than 'PU', Public Works."""
    token = tokens[at]
    return (token.text == "pu" and text[token.start:token.end] == "pu" and 0 < at < len(tokens) - 1
            and not tokens[at].sep and not tokens[at + 1].sep and tokens[at - 1].text not in _OFFICE_INTRODUCERS)


def _place_tokens(cand: Any, tokens: Sequence[Token]) -> frozenset[int]:
    """Token positions a region candidate read as its place name (problem words there are not problems).

    'bandara Soekarno Hatta', 'pelabuhan Sri Bintan Pura': a landmark's facility word places it and is still what
    the problem is about; in an official name ('Pasar Minggu', 'Pasar Kemis') it is only the name."""
    used: set[int] = set()
    for hit in cand.used if cand is not None else ():
        if not hit.keep:
            used.update(k for k in range(hit.start, hit.end) if not hit.nick or tokens[k].text not in FACILITY_MARKERS
                        or tokens[k].text in LANDMARK_WORDS)
            if hit.marker_at is not None:
                used.add(hit.marker_at)
    return frozenset(used)


def read_agencies_csv(path: str | Path, nomenclature: Sequence[KindInfo]) -> list[Agency]:
    """Read agencies from CSV, inferring the kind from the name when the column is missing or empty."""
    kind_index = PhraseIndex()
    for info in nomenclature:
        for alias in info.aliases:
            kind_index.add(split_alias(alias)[0], Entry(info.kind, "alias", 4.0, info.category))
    categories = {k.kind: k.category for k in nomenclature}
    agencies = []
    with open(path, newline="", encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            name = row["name"].strip()
            try:  # region_code may be written bps:5203 or kemendagri:52.03; plain codes are Kemendagri
                region, read = typed_region(row.get("region_code"))
            except RegionCodeError as error:
                raise ValueError(f"{path}:{line}: region_code {error}") from None
            if read is not None and read.system == "bps":
                log.info("%s:%d: region_code %s", path, line, read.describe())
            kind = (row.get("kind") or "").strip() or _infer_kind(kind_index, name)
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
            agencies.append(Agency(
                code=row["code"].strip(), name=name, level=(row.get("level") or "").strip(),
                region_code=region,
                aliases=(name, *aliases), parent=(row.get("parent") or "").strip() or None, kind=kind,
                category=(row.get("category") or "").strip() or categories.get(kind or "")))
    return agencies


def _infer_kind(index: PhraseIndex, name: str) -> str | None:
    """Kind of an agency from its name ('Dinas Kesehatan Kota X' -> 'dinkes'); longest alias wins."""
    hits = index.find(tokenize(name, slang=True), fuzzy=False)
    if not hits:
        return None
    best = max(hits, key=lambda h: (h.end - h.start, -h.start))
    return best.entry.target


def _region_title(region: Region) -> str:
    """How an agency name refers to its region: 'Kabupaten Lombok Timur', 'Provinsi Bali'."""
    return "Provinsi " + region.name if region.level == "province" else region.name


def build_regional_agencies(regions: RegionIndex, nomenclature: Sequence[KindInfo]) -> list[Agency]:
    """Generate the standard regional bodies of every province and regency/city from the nomenclature."""
    return list(RegionalOffices(regions, nomenclature))


class RegionalOffices:
    """The standard offices of every province and kabupaten/kota, made from the nomenclature when asked for.

    Code '<region code>-<kind>'; 'Dinas Kesehatan Kabupaten Lombok Timur'. Jakarta's administrative cities have the
    province's 'Suku Dinas' instead, and none where the province runs it (no BPBD/PDAM there).
    """

    def __init__(self, regions: RegionIndex, nomenclature: Sequence[KindInfo]) -> None:
        self.regions = regions
        self._nomenclature = list(nomenclature)
        self._info = {info.kind: info for info in self._nomenclature}
        # one alias tuple per kind, shared by its ~550 offices
        self._aliases = {info.kind: tuple(split_alias(a)[0] for a in info.aliases) for info in self._nomenclature}
        self.kinds = frozenset(info.kind for info in self._nomenclature
                               if {"prov", "kab", "kota"} & set(info.levels) and (info.name or info.dki_name))
        self._made: dict[str, Agency | None] = {}  # asked for already (a few hundred in a day's chats)

    def get(self, code: str) -> Agency | None:
        """The office with this code, or None."""
        if code in self._made:
            return self._made[code]
        region_code, _, kind = code.partition("-")
        region = self.regions.get(region_code)
        info = self._info.get(kind)
        made = self._make(region, info) if region is not None and info is not None else None
        if len(self._made) >= 4096:
            self._made.clear()  # the offices of the places being talked about come back soon enough
        self._made[code] = made
        return made

    def in_region(self, region_code: str) -> list[Agency]:
        """The offices of one province or kabupaten/kota, in the nomenclature's order."""
        region = self.regions.get(region_code)
        if region is None:
            return []
        return [a for info in self._nomenclature if (a := self._make(region, info)) is not None]

    def __iter__(self) -> Iterator[Agency]:
        for region in [*self.regions.of_level("province"), *self.regions.of_level("regency")]:
            for info in self._nomenclature:
                agency = self._make(region, info)
                if agency is not None:
                    yield agency

    def _make(self, region: Region, info: KindInfo) -> Agency | None:
        """The office of this kind in this region, or None where there is none."""
        if region.level not in ("province", "regency"):
            return None
        # Jakarta's cities are administrative: their offices are 'Suku Dinas' of the province's
        is_dki_city = region.level == "regency" and region.code.startswith("31.")
        if region.level == "province":
            tier, level = "prov", "provinsi"
        elif region.name.startswith("Kota"):
            tier, level = "kota", "kota"
        else:
            tier, level = "kab", "kabupaten"
        if tier not in info.levels:
            return None
        base = info.dki_name if is_dki_city else info.name
        if not base:
            return None  # e.g. no BPBD/PDAM in Jakarta's administrative cities: the province runs them
        if info.parent:
            parent, agency_level = info.parent, "vertikal"
        elif info.kind == "pemda":
            parent, agency_level = (None if region.level == "province" else f"{region.parent}-pemda"), level
        elif is_dki_city:
            parent, agency_level = f"31-{info.kind}", level
        else:
            parent, agency_level = f"{region.code}-pemda", level
        return Agency(f"{region.code}-{info.kind}", f"{base} {_region_title(region)}", agency_level, region.code,
                      self._aliases[info.kind], parent, info.kind, info.category)


class _Offices:
    """Offices by code: the ones held (central bodies, a deployment's CSV) before the standard regional ones."""

    def __init__(self, regional: RegionalOffices | None) -> None:
        self.held: dict[str, Agency] = {}
        self._regional = regional

    def get(self, code: str, default: Agency | None = None) -> Agency | None:
        """The office with this code, or default."""
        found = self.held.get(code)
        if found is None and self._regional is not None:
            found = self._regional.get(code)
        return found if found is not None else default

    def __getitem__(self, code: str) -> Agency:
        found = self.get(code)
        if found is None:
            raise KeyError(code)
        return found

    def values(self) -> Iterator[Agency]:
        """Every office: the held ones, then the regional ones no held one replaces."""
        yield from self.held.values()
        if self._regional is not None:
            yield from (a for a in self._regional if a.code not in self.held)

    def __len__(self) -> int:
        return sum(1 for _ in self.values())  # counted when asked (tools, tests): nothing on a chat's path


class _OfficesOfKind:
    """Offices by (kind, region code): the held ones, else the standard regional office of that kind there."""

    def __init__(self, regional: RegionalOffices | None) -> None:
        self.held: dict[tuple[str, str | None], list[Agency]] = {}
        self._regional = regional

    def get(self, key: tuple[str, str | None], default: list[Agency] | None = None) -> list[Agency] | None:
        """The offices of this kind in this region, or default."""
        held = self.held.get(key)
        if held is not None:
            return held
        kind, region = key
        if self._regional is not None and region is not None and kind in self._regional.kinds:
            made = self._regional.get(f"{region}-{kind}")
            if made is not None:
                return [made]
        return default

    def __contains__(self, key: tuple[str, str | None]) -> bool:
        return self.get(key) is not None
