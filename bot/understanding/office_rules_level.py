"""Office rules for the level that runs a thing: the office's kind is right, the ministry runs this one."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from bot.understanding.crossings import BOATS
from bot.understanding.keywords import Entry, PhraseHit
from bot.understanding.normalize import Token, fold_key
from bot.understanding.office_rules import CARE_VENUES, VENUE_WEIGHT, in_passing

_DATA = Path(__file__).resolve().parent.parent / "data" / "agencies"

# a river named by the river word before it ('kali Serang', 'sungai Jeneberang', Javanese 'kaline Tuntang'); the name
# alone is often a kabupaten's too (Serang, Bone, Madiun), so only the river word makes it the river
_RIVER_WORDS = frozenset(fold_key(w) for w in {"kali", "sungai", "sei", "kaline", "kalinya", "sungainya", "kalen"})
# what is built or dredged along a river: its dyke ('tanggul', Javanese 'tangkis') and its bed (normalisation,
# dredging, silting); a flood, a drowning or sand mining in the river are someone else's (the rule stays out)
_RIVER_WORKS = frozenset(fold_key(w) for w in {
    "tanggul", "tanggule", "tanggulnya", "tanggulnye", "tangkis", "tangkise", "normalisasi", "dinormalisasi",
    "dikeruk", "keruk", "pengerukan", "sedimentasi", "pendangkalan", "turap", "talud", "plengsengan"})
_WORKS_REACH = 4  # words between the works word and the river's name ('tanggul kali Serang', 'Kali Lusi ... tanggule')
# what comes right before an irrigation scheme's name ('irigasi Saddang', 'bendung Wawotobi', 'waduk Kedung Ombo',
# Acehnese 'krueng Pase'): a scheme's name is often a kecamatan's too ('irigasi di Wawotobi' is the place's channel)
_SCHEME_WORDS = frozenset(fold_key(w) for w in {"irigasi", "bendung", "bendungan", "waduk", "krueng"})
# ...and the story is about its water for the fields
_FIELD_WATER = frozenset(fold_key(w) for w in {"irigasi", "saluran", "sawah", "bendung", "tersier", "sekunder",
                                               "primer", "induk"})
# a fishing boat said foreign ('kapal ikan asing', 'kapal-kapal asing dari Vietnam'): KKP (its PSDKP) pursues foreign
# boats in Indonesia's waters, whatever the province's office does for its own fishers' quarrels within 12 miles
_VESSELS = frozenset(fold_key(w) for w in {"kapal", "kapal2", "kpl", "kapalnya", "nelayan", "pukat", "trawl"})
_FOREIGN = frozenset(fold_key(w) for w in {"asing", "vietnam", "thailand", "filipina", "tiongkok", "china", "cina"})
_FOREIGN_REACH = 4  # words from the boat word to the one saying it is foreign ('kapal ikan asing', 'kapal dr vietnam')
# a school's diploma or report ('ijazah', Javanese 'ijazahe', Sundanese 'ijazahna', 'rapor', the graduation letter SKL)
_DIPLOMAS = frozenset(fold_key(w) for w in {
    "ijazah", "ijazahnya", "ijasah", "ijasahnya", "ijazahe", "ijazahna", "ijazahnye", "ijazah2", "rapor", "rapornya",
    "raport", "raportnya", "rapot", "rapotnya", "rapore", "skl"})
# the school levels by who runs them (UU 23/2014: SD and SMP the kabupaten/kota, SMA, SMK and SLB the province), with
# the old names ('SLTP', 'SMU', 'STM', 'SMEA', 'SLTA') still said
_SCHOOL_TIERS = {fold_key(w): "kab" for w in ("sd", "sdn", "smp", "smpn", "sltp", "sltpn")} | {
    fold_key(w): "prov" for w in ("sma", "sman", "smk", "smkn", "smu", "smun", "stm", "stmn", "smea", "slta")}
# words of going on to the next school ('mau daftar SMA', 'lanjut ke SMA', Javanese 'nerusake', 'mlebu', Sundanese
# 'asup'): the school said after them is where the child means to go, not the one complained of
_ENROLLING = frozenset(fold_key(w) for w in {
    "daftar", "mendaftar", "ndaftar", "daptar", "didaftarkan", "daftarin", "pendaftaran", "lanjut", "melanjutkan",
    "lanjutkan", "lanjutin", "nerusin", "nerus", "nerusake", "nerusno", "masuk", "mlebu", "asup", "sambung",
    "nyambung"})
_ENROL_REACH = 3  # words from the word of going on to the school ('mau daftar ke SMA', 'lanjut sekolah di SMA')
# ...and of a school finished ('lulus SMA', 'tamat SD', 'lulusan SMK'): the diploma held is that school's
_FINISHED = frozenset(fold_key(w) for w in {"lulus", "lulusan", "tamat", "tamatan", "lulusnya", "tammat"})
_DIPLOMA_REACH = 8  # words from the school finished to its diploma ('lulus SMA negeri, ijazah ditahan'), either way:
# the diploma is as often said first, the school it is of after ('ijazah anak saya lulusan SMA swasta ditahan')
# ...held by an employer ('ijazahnya ditahan pabrik sebagai jaminan'): the employer's wrong, not a school's
_EMPLOYERS = frozenset(fold_key(w) for w in {
    "pabrik", "pabriknya", "perusahaan", "perusahaannya", "pt", "majikan", "bos", "juragan", "hrd", "mandor", "toko",
    "kantornya"})

# the way to a hospital said ('mau kontrol mata ke rumah sakit', 'rawat jalan ke rumah sakit di Kota Sorong', 'bawa
# anak sakit ke rsud', 'pasien rujukan ke RSUD Kartini', Manado 'mo bawa orang sakit ka rumah sakit'): the words of a
# patient's trip before the 'ke' that names the hospital
_TRIP = frozenset(fold_key(w) for w in {
    "berobat", "berobatnya", "kontrol", "rawat", "periksa", "priksa", "cek", "bawa", "dibawa", "membawa", "bawak",
    "antar", "diantar", "ngantar", "nganter", "rujukan", "dirujuk", "rujuk", "usg", "cuci", "darah", "melahirkan",
    "lahiran", "sakit", "pasien", "pergi", "pigi", "pi", "mo", "mau", "arep", "nak", "hendak", "ingin"})
_TO_HOSPITAL = frozenset({"ke", "ka", "k", "nang", "menyang", "sampai"})
_TRIP_REACH = 4  # words from the trip's word to the 'ke' before the hospital ('mau kontrol mata ke rumah sakit')
# what is done at a ferry port ('antre kapal', 'calo tiket', 'mau nyebrang', 'antrian truk masuk pelabuhan'): the
# crossing's own service, with a port of the nation's crossings named (national_ports.csv)
_FERRYING = frozenset(fold_key(w) for w in {
    "kapal", "kpl", "feri", "ferry", "fery", "kmp", "nyebrang", "nyeberang", "menyeberang", "menyebrang",
    "penyeberangan", "penyebrangan", "tiket", "calo", "antre", "antri", "antrian", "antrean", "ngantri", "ngantre",
    "mengantre", "mengantri"})
# ...not a road to or from the port that is broken ('jalan lintas sumatera ambles, truk dari bakauheni antri'), the
# thugs or the parking in the streets around it ('parkir di bahu jalan lingkungan warga pulomerak'): those are the
# road's, the police's and the kota's
_NOT_THE_CROSSING = frozenset(fold_key(w) for w in {
    "lubang", "berlubang", "ambles", "amblas", "jembatan", "preman", "parkir", "tol"})
_NATIONAL_PORT = Entry("dishub", "keyword", 4.0, "transportasi", "pusat")
# a road's own damage ('ambles', 'berlubang', 'bolong2', 'longsor', 'retak', Javanese 'ambrol'): a road the nation runs,
# named (national_roads.csv), is then the ministry's works; a road name said only as an address ('Puskesmas dkt Jl.
# Timor Raya tutup'), its lamps (Kemenhub's) or the cliff above it ('tebing di pinggir jalan kelok 44 retak': the
# disaster office's) are not
_ROAD_DAMAGE = frozenset(fold_key(w) for w in {
    "rusak", "berlubang", "lubang", "lobang", "bolong", "ambles", "amblas", "ambrol", "anjlok", "longsor", "retak",
    "putus", "ngelupas", "mengelupas", "terkelupas", "hancur", "ancur", "jebol", "bergelombang"})
_NOT_THE_ROAD = frozenset(fold_key(w) for w in {"tebing", "lampu", "pju"})
_NATIONAL_ROAD = Entry("pupr", "keyword", 5.0, "infrastruktur", "pusat")
# a dam said as a project being built ('kena proyek bendungan Bener', 'pembangunan waduk', Javanese 'proyeke
# bendungan'): new dams are built by the ministry's river-basin offices (BBWS/BWS, most as national strategic
# projects), the kabupaten's and the village's water works build weirs and ponds ('dam', 'embung'), not dams
_DAMS = frozenset(fold_key(w) for w in {"bendungan", "bendungane", "bendunganna", "waduk", "waduke", "wadukna"})
_BUILDING = frozenset(fold_key(w) for w in {
    "proyek", "proyeknya", "proyeke", "proyekna", "projek", "project", "pembangunan", "pembangunannya",
    "pembangunane", "psn"})
_BUILDING_REACH = 2  # words from the word of building to the dam ('proyek pembangunan bendungan', 'proyek bendungan')
_DAM_BUILT = Entry("sda", "keyword", 4.0, "infrastruktur", "pusat")

# a bus line a province runs, said by its name, and the province ('Transjakarta', Jakarta's 'tije'; 'Trans Jateng',
# 'Trans Jatim', Bali's 'Trans Sarbagita', South Kalimantan's 'Trans Banjarbakula', South Sulawesi's 'Trans
# Mamminasata', Aceh's 'Trans Koetaradja'): its transport office runs it and its stops, not the kota's the stop is in.
# The kota's own lines (Trans Semarang, Trans Metro Pekanbaru, Trans Musi) are not here; nor Trans Jogja, whose labels
# split (the province's in one seen set, the kota's in another)
_PROVINCE_BUSES = {tuple(fold_key(w) for w in name.split()): code for name, code in (
    ("transjakarta", "31"), ("trans jakarta", "31"), ("tije", "31"), ("trans jateng", "33"), ("transjateng", "33"),
    ("trans jatim", "35"), ("transjatim", "35"), ("sarbagita", "51"), ("banjarbakula", "63"),
    ("mamminasata", "73"), ("trans kutaraja", "11"), ("trans koetaradja", "11"))}


def provinces_bus(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'Transjakarta koridor Lenteng Agung busnya jarang', 'halte transjakarta deket pasar Tanah Abang lift nya mati',
    'bus Trans Jateng ngetem lama': a bus line a province runs, named, is that province's transport office's (UU
    23/2014: transport across its kabupaten/kota), wherever the stop complained of is, so the transport words are its
    office's and the name says so."""
    words = [fold_key(t.text) for t in tokens]
    at = next(((k, k + n, _PROVINCE_BUSES[name]) for k in range(len(words)) for n in (2, 1)
               if (name := tuple(words[k:k + n])) in _PROVINCE_BUSES), None)
    if at is None:
        return hits
    start, end, province = at
    office = Entry(f"agency:{province}-dishub", "keyword", 4.0, "transportasi")
    moved = [PhraseHit(h.start, h.end, replace(h.entry, target=office.target), h.q)
             if h.entry.source == "keyword" and h.entry.target == "dishub" and h.entry.level is None else h
             for h in hits]
    return [*moved, PhraseHit(start, end, office, 1.0)]

# the forest harmed ('ditebang', 'pembalakan', 'dirambah', 'perambahan', 'chainsaw', a plantation opened 'dibuka
# kebun sawit', 'alat berat'), Javanese 'ditegor', 'dibabat': the words of what is done to a forest
_FOREST_HARM = frozenset(fold_key(w) for w in {
    "tebang", "ditebang", "ditebangi", "menebang", "penebangan", "tebangan", "ditebangin", "tebangin", "tegor",
    "ditegor", "nebang", "babat", "dibabat", "pembalakan", "balak", "perambahan", "dirambah", "rambah", "merambah",
    "chainsaw", "sinso", "senso", "gergaji", "kayu", "kayunya", "illegal", "logging", "perburuan", "berburu",
    "diburu", "dibakar", "pembakaran"})
# a national park said as such ('taman nasional', 'TN Baluran', 'balai taman nasional')
_PARK_WORDS = (("taman", "nasional"), ("tn",), ("btn",))
_PARK = Entry("kemenhut", "keyword", 4.0, "lingkungan")


@lru_cache(maxsize=1)
def national_parks() -> tuple[tuple[str, ...], ...]:
    """The national parks by name, each as its folded words (national_parks.csv)."""
    with open(_DATA / "national_parks.csv", newline="", encoding="utf-8") as f:
        return tuple(tuple(fold_key(w) for w in r["name"].split()) for r in csv.DictReader(f) if r["name"].strip())


def national_park_forest(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'ada penebangan kayu di kawasan hutan baluran', 'perambahan hutan di taman nasional makin parah', 'pohon di
    lereng Ciremai ditebang, padahal itu kawasan taman nasional': a national park's forest is the ministry's (its
    Balai Taman Nasional; UU 23/2014 leaves the conservation areas to the centre), not the province's forestry office
    that keeps the other state forests, so the forestry words count at the nation's level and the park names it."""
    words = [fold_key(t.text) for t in tokens]
    if not _FOREST_HARM & set(words):
        return hits
    names = [*(tuple(fold_key(w) for w in p) for p in _PARK_WORDS), *national_parks()]
    at = next(((k, k + len(name)) for k in range(len(words)) for name in names
               if tuple(words[k:k + len(name)]) == name), None)
    if at is None:
        return hits
    # (the forestry words are the province's already, 'penebangan liar' at `prov`: here they are the nation's)
    moved = [PhraseHit(h.start, h.end, replace(h.entry, level="pusat"), h.q)
             if h.entry.source == "keyword" and h.entry.target == "dishut" else h for h in hits]
    return [*moved, PhraseHit(*at, _PARK, 1.0)]

# land said to lie inside the state forest ('tanah kami diklaim masuk kawasan hutan', 'lahan kami katanya masuk
# kawasan hutan', Javanese 'mlebu kawasan hutan'): the word of lying inside, then the forest area's words
_INSIDE = frozenset(fold_key(w) for w in {"masuk", "termasuk", "mlebu", "asup", "dalam", "diklaim", "dipatok"})
_FOREST_AREAS = (("kawasan", "hutan"), ("hutan", "lindung"), ("hutan", "negara"), ("hutan", "produksi"),
                 ("kawasan", "kehutanan"))
# ...and the land's certificate refused for it ('sertifikat PTSL ditolak', 'tidak bisa disertifikatkan')
_CERTIFICATES = frozenset(fold_key(w) for w in {
    "sertifikat", "sertipikat", "serifikat", "sertifikatnya", "disertifikatkan", "disertifikat", "sertifikatkan",
    "ptsl", "shm", "prona"})
_INSIDE_REACH = 2  # words from the word of lying inside to the forest area ('masuk ke kawasan hutan')
_FOREST_AREA = Entry("kemenhut", "keyword", 5.0, "lingkungan")


def land_inside_the_forest(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tanah kami di SKT desa tapi sekarang diklaim masuk kawasan hutan. Mau sertifikat PTSL ditolak', 'lahan kami
    katanya masuk kawasan hutan, jadi tidak bisa disertifikatkan': land the state forest is said to hold cannot be
    certified until the ministry releases it (the forest area's bounds and their release, PPTPKH/TORA, are the
    Ministry of Forestry's), so the forestry words are the nation's and the land office's words (the land, its
    certificate) are the release the teller waits for: the ministry's. Land said inside the forest with no
    certificate asked ('dipatok masuk kawasan hutan, mohon jelaskan batasnya') is left as it is: its labels split
    between the ministry and the province."""
    words = [fold_key(t.text) for t in tokens]
    if not _CERTIFICATES & set(words):
        return hits
    areas = [k for k in range(len(words)) if tuple(words[k:k + 2]) in _FOREST_AREAS
             and _INSIDE & set(words[max(0, k - _INSIDE_REACH):k])]
    if not areas:
        return hits
    out = []
    for h in hits:
        if h.entry.source == "keyword" and h.entry.target == "bpn":
            h = PhraseHit(h.start, h.end, replace(h.entry, target="kemenhut", category="lingkungan", level=None), h.q)
        elif h.entry.source == "keyword" and h.entry.target == "dishut":
            h = PhraseHit(h.start, h.end, replace(h.entry, level="pusat"), h.q)
        out.append(h)
    return [*out, PhraseHit(areas[0], areas[0] + 2, _FOREST_AREA, 1.0)]


def _at_nation(hits: list[PhraseHit], kind: str) -> list[PhraseHit]:
    """The hits of this kind's own words, with no level said, counted at the nation's level."""
    return [PhraseHit(h.start, h.end, replace(h.entry, level="pusat"), h.q)
            if h.entry.source == "keyword" and h.entry.target == kind and h.entry.level is None else h for h in hits]


@lru_cache(maxsize=1)
def basin_rivers() -> frozenset[str]:
    """The rivers a river-basin office (BBWS/BWS) of the ministry runs, by name (basin_rivers.csv)."""
    with open(_DATA / "basin_rivers.csv", newline="", encoding="utf-8") as f:
        return frozenset(fold_key(r["name"].strip()) for r in csv.DictReader(f) if r["name"].strip())


def basin_river_works(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'tanggul kali Serang jebol maneh', 'Kali Tuntang ... tanggule retak', 'sungai Jeneberang perlu dikeruk': the dyke
    or the bed of a river the ministry's river-basin office runs is its works (UU 17/2019 and the river-basin
    decree: a river across provinces or of national strategy is the centre's), so the water works' words count at the
    nation's level. A flood or relief asked for stays the disaster office's: only the water works' words move."""
    words = [fold_key(t.text) for t in tokens]
    rivers = basin_rivers()
    named = [k for k in range(1, len(words)) if words[k] in rivers and words[k - 1] in _RIVER_WORDS]
    if not any(_RIVER_WORKS & set(words[max(0, k - 1 - _WORKS_REACH):k + 1 + _WORKS_REACH]) for k in named):
        return hits
    return _at_nation(hits, "sda")


@lru_cache(maxsize=1)
def irrigation_schemes() -> tuple[tuple[str, ...], ...]:
    """The irrigation schemes (Daerah Irigasi) over 3,000 ha the ministry runs, each as its folded words
    (irrigation_schemes.csv)."""
    with open(_DATA / "irrigation_schemes.csv", newline="", encoding="utf-8") as f:
        return tuple(tuple(fold_key(w) for w in r["name"].split()) for r in csv.DictReader(f) if r["name"].strip())


def big_irrigation_scheme(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'saluran sekunder irigasi Saddang dangkal', 'irigasi krueng Pase hana ie', 'waduk Kedung Ombo surut, irigasi ra
    mili': an irrigation scheme over 3,000 ha is the ministry's (Permen PUPR 14/2015; 1,000-3,000 ha the
    province's, smaller the kabupaten's), so the water works' words count at the nation's level."""
    words = [fold_key(t.text) for t in tokens]
    if not _FIELD_WATER & set(words):
        return hits
    named = any(words[k - 1] in _SCHEME_WORDS and tuple(words[k:k + len(name)]) == name
                for name in irrigation_schemes() for k in range(1, len(words)))
    if not named:
        return hits
    return _at_nation(hits, "sda")


def foreign_boats(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'kapal kapal asing dari vietnam masih masuk nangkap ikan pakai pukat', 'kapal ikan asing di laut Natuna': foreign
    boats fishing in Indonesia's waters are the ministry's (KKP) to pursue, so the fisheries words said with them
    (the fishers harmed, the catch, the trawl) count at the nation's level, not for the kabupaten's office."""
    words = [fold_key(t.text) for t in tokens]
    if not any(w in _VESSELS and _FOREIGN & set(words[k + 1:k + 1 + _FOREIGN_REACH]) for k, w in enumerate(words)):
        return hits
    return _at_nation(hits, "diskan")


def held_diploma(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'Ijazah SMP anak saya ditahan ... mau daftar SMA sudah tutup', 'adik su lulus SMA negeri, ijazah ditahan
    sekolah': the diploma (or report) a school holds back is that school's, and its level says whose office it is
    (SMP the kabupaten's, SMA the province's). A school of the other level said only as the one the child means to go
    on to ('daftar SMA', 'lanjut ke SMP') is in passing and sets no level; a school said finished ('lulus SMA'), whose
    word is otherwise only who the child is, keeps its level when it is the diploma's, said before it or after
    ('ijazah anak saya lulusan SMA swasta di Madiun ditahan sekolah')."""
    words = [fold_key(t.text) for t in tokens]
    if not _DIPLOMAS & set(words):
        return hits
    schools = [k for k, w in enumerate(words) if w in _SCHOOL_TIERS]
    going = {k for k in schools if _ENROLLING & set(words[max(0, k - _ENROL_REACH):k])}
    tiers = {_SCHOOL_TIERS[words[k]] for k in schools if k not in going}
    if len(tiers) != 1:
        return hits
    (tier,) = tiers
    finished = {k for k in schools if k not in going and k > 0 and words[k - 1] in _FINISHED
                and _DIPLOMAS & set(words[max(0, k - 1 - _DIPLOMA_REACH):k - 1] + words[k + 1:k + 1 + _DIPLOMA_REACH])
                } if not _EMPLOYERS & set(words) else set()
    out = []
    for h in hits:
        if h.entry.source == "keyword" and h.entry.target == "disdik" and h.end - h.start == 1:
            if h.start in going and _SCHOOL_TIERS[words[h.start]] != tier:
                h = in_passing(h)
            elif h.start in finished and h.entry.level is None:
                h = PhraseHit(h.start, h.end, replace(h.entry, level=tier), h.q)
        out.append(h)
    return out


@lru_cache(maxsize=1)
def national_ports() -> tuple[tuple[str, frozenset[str]], ...]:
    """The ports of the nation's ferry crossings, each by name with the words one of which must be said with it when
    the name alone is something else too (national_ports.csv)."""
    with open(_DATA / "national_ports.csv", newline="", encoding="utf-8") as f:
        return tuple((fold_key(r["name"].strip()), frozenset(fold_key(w) for w in r["with"].split(";") if w.strip()))
                     for r in csv.DictReader(f) if r["name"].strip())


def national_ferry_port(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'antre kapal di gilimanuk sampe enam jam', 'calo tiket kapal di bakauheni makin banyak', 'antrean truk mau
    nyebrang ke pelabuhan merak': the queue, the tickets and the crossing at a port of the nation's ferry crossings
    (Merak-Bakauheni, Ketapang-Gilimanuk: between provinces) are the ministry's (Kemenhub, its BPTD and ASDP), so the
    transport words count at the nation's level and the port names it. A broken road to the port, thugs or the parking
    in the streets around it stay theirs."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    if not _FERRYING & said or _NOT_THE_CROSSING & said:
        return hits
    at = next((k for k, w in enumerate(words) for name, with_ in national_ports()
               if w == name and (not with_ or with_ & said)), None)
    if at is None:
        return hits
    return [*_at_nation(hits, "dishub"), PhraseHit(at, at + 1, _NATIONAL_PORT, 1.0)]


@lru_cache(maxsize=1)
def national_roads() -> tuple[tuple[str, ...], ...]:
    """The roads the nation runs, named, each as its folded words (national_roads.csv)."""
    with open(_DATA / "national_roads.csv", newline="", encoding="utf-8") as f:
        return tuple(tuple(fold_key(w) for w in r["name"].split()) for r in csv.DictReader(f) if r["name"].strip())


def national_road_named(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'JALAN RAYA PUNCAK DI CIPANAS AMBLAS', 'JJLS di Sudimoro ambrol dekat pantai', 'jln daendels di paciran
    bolong2', 'Jalan Kelok 44 ke Maninjau retak dan longsor': a national road said by its name, its damage told, is
    the ministry's works (its Balai Besar Pelaksanaan Jalan Nasional), whatever the kabupaten it runs through: the
    road's name counts for the works at the nation's level."""
    words = [fold_key(t.text) for t in tokens]
    said = set(words)
    if not _ROAD_DAMAGE & said or _NOT_THE_ROAD & said:
        return hits
    found = [(k, k + len(name)) for name in national_roads() for k in range(len(words))
             if tuple(words[k:k + len(name)]) == name]
    return [*hits, *(PhraseHit(a, b, _NATIONAL_ROAD, 1.0) for a, b in found[:1])]


def dam_being_built(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'lahan kula kena proyek bendungan Bener, ganti ruginya dereng dibayar', 'pembangunan waduk di desa kami bikin
    sumur kering': a dam said as a project being built is the ministry's (its river-basin office builds the nation's
    dams, UU 17/2019), so the water works' words count at the nation's level and the dam names them; the land office
    or the village the story also speaks of keep their words."""
    words = [fold_key(t.text) for t in tokens]
    at = next((k for k, w in enumerate(words)
               if w in _DAMS and _BUILDING & set(words[max(0, k - _BUILDING_REACH):k])), None)
    if at is None:
        return hits
    return [*_at_nation(hits, "sda"), PhraseHit(at, at + 1, _DAM_BUILT, 1.0)]


def hospital_reached_by_boat(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'Nenek mau kontrol mata ke rumah sakit di Tideng Pale, speedboat reguler dari desa cuma 1 x seminggu', 'warga mau
    bawa anak sakit ke rsud jadi tdk bisa' (with a 'kapal perintis'), 'pasien rujukan ke RSUD Kartini yg tertahan di
    pulau': with a boat said, a hospital named as where a patient's trip goes is the trip's end, a word of the story
    at VENUE_WEIGHT; the boat's office (whose level its crossing decides) is the one written to. A hospital said
    otherwise ('RSUD Lingga tidak ada dokter kandungan') keeps its word."""
    if not BOATS & {t.text for t in tokens}:  # (the boat words as crossings.py reads them: unfolded)
        return hits
    words = [fold_key(t.text) for t in tokens]

    def trip_to(at: int) -> bool:
        return (at >= 2 and words[at - 1] in _TO_HOSPITAL and not tokens[at - 1].sep
                and bool(_TRIP & set(words[max(0, at - 1 - _TRIP_REACH):at - 1])))

    return [PhraseHit(h.start, h.end, replace(h.entry, source="keyword", weight=VENUE_WEIGHT, level=None), h.q)
            if (h.entry.target in CARE_VENUES or h.entry.target.endswith("-rsud")) and trip_to(h.start) else h
            for h in hits]

# a rule of the road a governor made, said ('sudah ada larangan gubernur', 'dilarang gubernur', 'katanya ada pergub
# tapi dilanggar', 'surat edaran gubernur'): the governor's own regulation ('pergub', 'pergubnya'), or a word of a
# rule or a ban right before 'gubernur' ('gubernur' alone is also a place: Kelurahan Pematang Gubernur, Bengkulu)
_GOVERNORS_RULES = frozenset(fold_key(w) for w in {"pergub", "pergubnya", "pergube", "pergubna"})
_RULE_WORDS = frozenset(fold_key(w) for w in {
    "larangan", "dilarang", "aturan", "peraturan", "edaran", "se", "instruksi", "perintah", "keputusan", "kepgub",
    "surat", "perda"})
_GOVERNOR = frozenset(fold_key(w) for w in {"gubernur", "gubenur", "gubernurnya"})


def governors_rule(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'truk batubara masih lewat jalan umum siang hari, padahal sudah ada larangan gubernur', 'katanya ada pergub
    tapi dilanggar': hauling trucks, buses or other traffic kept to a rule the governor made are the province's
    transport office's to hold to it (it made the hours and routes, on the province's roads), so the transport
    words count at the province's level. A mayor's or a regent's rule ('dilarang perwali') stays the kota's."""
    words = [fold_key(t.text) for t in tokens]
    said = any(w in _GOVERNORS_RULES or (w in _GOVERNOR and k > 0 and words[k - 1] in _RULE_WORDS)
               for k, w in enumerate(words))
    if not said:
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, level="prov"), h.q)
            if h.entry.source == "keyword" and h.entry.target == "dishub" and h.entry.level is None else h
            for h in hits]

# a paper or a permit said as the province's ('surat kesehatan hewan dr provinsi blm terbit', 'izin lingkungan dari
# provinsi'), or an errand for one said done at the province ('urus izin kapal harus ke provinsi', 'mau urus SIUP dan
# SIPI di provinsi'): the papers the province issues (UU 23/2014: fishing boats of 5-30 GT, livestock shipped between
# islands, mining, forestry and environmental permits of its own) are its offices' to speed up
_PAPERS = frozenset(fold_key(w) for w in {
    "surat", "izin", "ijin", "izinnya", "ijinnya", "siup", "sipi", "skkh", "rekomendasi", "sertifikat", "dokumen",
    "sk", "perizinan", "pas"})
_ERRANDS = frozenset(fold_key(w) for w in {"urus", "ngurus", "mengurus", "urusnya", "ngurusnya", "urusin", "ngurusin"})
_FROM_PROVINCE = frozenset({"dari", "dr"})
_AT_PROVINCE = frozenset({"ke", "k", "di"})
_PROVINCE_WORDS = frozenset({"provinsi", "prov", "propinsi", "provinsinya", "pemprov"})
_PAPER_REACH = 6  # words from the paper or the errand to the province ('urus SIUP dan SIPI di provinsi')
# the offices whose papers these are, each with an office of the province's (nomenclature.csv)
_PROVINCE_PAPERS = frozenset({"diskan", "disnak", "esdm", "dlh", "dishut"})


def province_papers(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'pengiriman sapi antar pulau ... ditahan di pelabuhan krn surat kesehatan hewan dr provinsi blm terbit', 'urus
    izin kapal harus ke provinsi, jauh ke surabaya': a paper said to come from the province, or its errand done
    there, is the province's office's to issue, so the words of the fisheries, livestock, mining, forestry and
    environment offices count at the province's level (not the kabupaten's where the teller is)."""
    words = [fold_key(t.text) for t in tokens]

    def at_province(k: int) -> bool:
        """Whether the word at k is the province said after a paper's 'from' or an errand's 'to'/'at', in its
        clause."""
        if words[k] not in _PROVINCE_WORDS or k < 2 or tokens[k].sep or tokens[k - 1].sep:
            return False
        link = words[k - 1]
        for j in range(k - 2, max(-1, k - 2 - _PAPER_REACH), -1):
            if (words[j] in _PAPERS and link in _FROM_PROVINCE) or (words[j] in _ERRANDS and link in _AT_PROVINCE):
                return True
            if tokens[j].sep:  # (the clause begins at j)
                return False
        return False

    if not any(at_province(k) for k in range(len(words))):
        return hits
    return [PhraseHit(h.start, h.end, replace(h.entry, level="prov"), h.q)
            if h.entry.source == "keyword" and h.entry.target in _PROVINCE_PAPERS and h.entry.level is None else h
            for h in hits]

# a word of passing along or over a way ('lewat Suramadu', Madurese 'lebat', 'ke arah suramadu', 'turun dari
# suramadu', 'via pantura'): the national bridge or road said after it is the way the teller goes
_PASSING = frozenset(fold_key(w) for w in {
    "lewat", "lwt", "lebat", "liwat", "lewati", "melewati", "melalui", "via", "arah", "turun", "nyebrang",
    "nyeberang", "menyeberang", "menyebrang"})
_PASSING_REACH = 2  # words before the way's name a word of passing is looked for in ('lewat ke suramadu')
_WAY_WORDS = frozenset(fold_key(w) for w in {"jalan", "jalur", "jembatan", "jl", "jln"})
# ...unless the teller says the road is the nation's ('jalan nasional itu tergenang'): then it is the one complained of
_SAID_NATIONAL = (("jalan", "nasional"), ("jalan", "negara"), ("jln", "nasional"), ("jl", "nasional"))
# ...and only with a road's damage told before the way is passed ('jalan di Bangkalan rusak parah, saya dari Surabaya
# lewat Suramadu'): damage told only after it is the way's own ('lewat Jalur Lintas Selatan. Ada beberapa titik yang
# ambles'), unless the way is said as where a road goes ('jalan ke arah suramadu itu ... berlubang': the road toward it)
_TOWARD = frozenset({"arah"})


def national_way_passed(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'jalan di Bangkalan rusak parah, saya dari Surabaya lewat Suramadu', 'jalan e neng Socah rosak ... lebat
    Suramadu pas masuk Bangkalan langsung ancor': a national bridge or road named (at the nation's level in
    keywords.csv) only as the way the teller goes is where they pass, not the road whose damage is told, so its
    word counts in passing and the broken road's own words decide its level. Not when the teller says the road is
    the nation's ('lewat jalan pantura di Sayung ... jalan nasional itu tergenang'), nor with the damage told only
    after the way ('lewat Jalur Lintas Selatan. Ada beberapa titik yang ambles': the way's own)."""
    words = [fold_key(t.text) for t in tokens]
    if any(tuple(words[k:k + 2]) in _SAID_NATIONAL for k in range(len(words))):
        return hits

    def passed(h: PhraseHit) -> bool:
        start = h.start - (h.start > 0 and words[h.start - 1] in _WAY_WORDS)
        before = set(words[max(0, start - _PASSING_REACH):start])
        return (h.entry.source == "keyword" and h.entry.target == "pupr" and h.entry.level == "pusat"
                and bool(_PASSING & before) and bool(_ROAD_DAMAGE & set(words[:start]) or _TOWARD & before))

    return [in_passing(h) if passed(h) else h for h in hits]


# the labour office's inspector asked for ('pengawas disnaker', 'pengawas dari dinas tenaga kerja', 'pengawasan
# disnakertrans'): labour inspection is the province's (UU 23/2014), as 'pengawas ketenagakerjaan' says already
_INSPECTORS = frozenset(fold_key(w) for w in {"pengawas", "pengawasan", "pengawasnya", "pengawase"})
_LABOUR_OFFICES = frozenset(fold_key(w) for w in {"disnaker", "disnakertrans", "disnakerin", "disnakerkop", "naker",
                                                  "nakertrans", "ketenagakerjaan"})
_LABOUR_DINAS = frozenset(fold_key(w) for w in {"naker", "nakertrans", "tenaga", "ketenagakerjaan"})
_LABOUR_BETWEEN = frozenset({"dari", "dr", "di"})
# ...not the kabupaten's or the kota's office said as such ('pengawas disnaker kabupaten'): that office is asked for
_LOCAL_LEVELS = frozenset(fold_key(w) for w in {"kabupaten", "kab", "kota", "kotamadya", "pemkab", "pemkot"})
_LABOUR_INSPECTION = Entry("disnaker", "keyword", 6.0, "lainnya", "prov")


def labour_inspector(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """'Nyuhunkeun pengawas disnaker sidak ka pabrik', 'mohon pengawas dari dinas tenaga kerja turun': the labour
    office's inspector asked for is the province's (UU 23/2014 gives labour inspection to the province; the
    kabupaten's office mediates disputes), so the inspector's word counts for the labour office at the province's
    level, as 'pengawas ketenagakerjaan' (keywords.csv) does. Not with the kabupaten's or kota's office said ('pengawas
    disnaker kabupaten')."""
    words = [fold_key(t.text) for t in tokens]
    found = []
    for k, word in enumerate(words[:-1]):
        if word not in _INSPECTORS:
            continue
        at = k + 1 + (words[k + 1] in _LABOUR_BETWEEN)
        office = words[at:at + 2]
        if not office or any(tokens[j].sep for j in range(k + 1, min(at + 1, len(words)))):
            continue
        if office[0] in _LABOUR_OFFICES:
            end = at + 1
        elif office[0] == "dinas" and len(office) == 2 and office[1] in _LABOUR_DINAS:
            end = at + 2 + (office[1] == "tenaga")
        else:
            continue
        if _LOCAL_LEVELS & set(words[end:end + 2]):
            continue
        found.append(PhraseHit(k, k + 1, _LABOUR_INSPECTION, 1.0))
    return [*hits, *found[:1]]


def ministrys(hits: list[PhraseHit], tokens: Sequence[Token]) -> list[PhraseHit]:
    """The rules above in turn: what the story names is run by the ministry, though its words alone say the region;
    and a held diploma's school sets the education office's level; a hospital a boat trip goes to is where; a port of
    the nation's ferry crossings, a national road named, a dam being built, a national park's forest and land held
    inside the state forest are the ministry's; a bus line the province runs, and traffic a governor's rule keeps,
    are the province's, as are the papers said to come from it and the labour office's inspector; a national way
    the teller only passes along is in passing."""
    hits = foreign_boats(big_irrigation_scheme(basin_river_works(hits, tokens), tokens), tokens)
    hits = national_park_forest(provinces_bus(dam_being_built(hits, tokens), tokens), tokens)
    hits = province_papers(governors_rule(land_inside_the_forest(hits, tokens), tokens), tokens)
    hits = labour_inspector(hits, tokens)
    hits = national_ferry_port(hospital_reached_by_boat(held_diploma(hits, tokens), tokens), tokens)
    return national_way_passed(national_road_named(hits, tokens), tokens)
