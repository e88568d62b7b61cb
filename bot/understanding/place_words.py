"""The words around a place's name that say what it is and whose it is: level words, facilities, roads,
kin, errands, the teller's own place."""

from __future__ import annotations

from typing import Literal

Level = Literal["province", "regency", "district", "village"]
LEVELS: tuple[Level, ...] = ("province", "regency", "district", "village")

# Words naming an administrative level: (level index, flavour). 'kota' is also everyday
# "town", so a wrong 'kota' costs less than a wrong 'kecamatan'.
ADMIN_MARKERS: dict[str, tuple[int, str]] = {
    "provinsi": (0, ""), "kabupaten": (1, "kab"), "kota": (1, "kota"), "kotamadya": (1, "kota"),
    "kodya": (1, "kota"), "pemkab": (1, "kab"), "pemkot": (1, "kota"), "kecamatan": (2, ""),
    "distrik": (2, ""), "desa": (3, "desa"), "kelurahan": (3, "kel"), "kalurahan": (3, ""),
    "nagari": (3, ""), "gampong": (3, ""), "pekon": (3, ""), "lembang": (3, ""), "negeri": (3, ""),
}
# a level word of one region only: Toraja's 'lembang' (desa) — elsewhere Lembang is a kecamatan (Bandung Barat)
# ...and Maluku's 'negeri' (its desa: 'negeri Kaitetu'), elsewhere the state ('SMP negeri', 'pegawai negeri')
LOCAL_MARKERS: dict[str, tuple[str, ...]] = {"lembang": ("73.18", "73.26"), "negeri": ("81",)}
# a hamlet's word in one province's speech, elsewhere a place's name: Bali's 'banjar' (Kota and Kabupaten Banjar,
# and Buleleng's Kecamatan Banjar, which is named with its level word: 'kecamatan banjar')
HAMLETS: dict[str, str] = {"banjar": "51"}
FILLERS = frozenset({"administrasi", "adm"})
SCHOOL_FILLERS = frozenset({"negeri", "swasta", "n", "inpres"})
# what a number counts ('2 bulan', '3 hari', '5 meter'): never a place's name right after the number
UNITS = frozenset({"detik", "menit", "jam", "hari", "minggu", "pekan", "bulan", "tahun", "abad", "kali", "meter", "km",
                    "kilo", "kg", "ton", "liter", "orang", "jiwa", "ekor", "buah", "unit", "lembar", "biji", "persen"})
# 'SMK di batu 9', 'simpang batu 10': in Riau, Kepri and Malay speech a milestone, the kilometre a place lies at, is
# 'batu' and its number; no Kota Batu
MILESTONES = frozenset({"batu"})
# 'jam pitu', 'pukul siji': a number after the hour's word is the time, no place (Kecamatan Pitu of Ngawi); the
# regions' numbers as well as Indonesian ones (Javanese, Sundanese)
HOURS = frozenset({"jam", "pukul"})
SPOKEN_NUMBERS = frozenset({"siji", "loro", "telu", "papat", "limo", "lima", "enem", "pitu", "wolu", "songo", "sanga",
                            "sepuluh", "sewelas", "rolas", "hiji", "dua", "tilu", "opat", "genep", "tujuh", "dalapan",
                            "salapan", "sapuluh", "satu", "tiga", "empat", "enam", "delapan", "sembilan", "kalih"})
# After these the next words are a street or sub-village, named after places only loosely.
STREET_MARKERS = frozenset({"jalan", "gang", "lorong", "komplek", "perumahan", "blok", "rt", "rw",
                            "nomor", "no", "dusun", "lingkungan", "dukuh", "jorong"})
# what kind of road, between the road word and the name: 'jalan nasional Padang–Painan', 'jalan lintas Sumatra'
# (not 'raya': 'Jalan Raya Selong' lies in Selong)
ROAD_KINDS = frozenset({"nasional", "provinsi", "lintas", "poros", "trans", "negara"})
# After these the next words are a facility usually named after the place it stands in (a tomb too: 'makam Imogiri',
# the royal graves at Imogiri).
FACILITY_MARKERS = frozenset("""
pasar masjid musholla mushola langgar sekolah sd sdn smp smpn sma sman smk smkn mts madrasah
puskesmas pustu polindes posyandu klinik kantor terminal stasiun pelabuhan bandara rs rsud alun lapangan
taman pantai jembatan bendungan dekat depan belakang samping sebelah seberang simpang
deket cedak cedhak deukeut
perempatan pertigaan bundaran pondok ponpes pura gereja klenteng vihara toko warung mall hotel kampus
gedung balai telaga danau situ waduk ranu curug goa gua embung
tpa tpst tps tpi
makam
""".split())
# ('pangkalan Olean', 'kios Karing', 'kios pupuk Pasirnagara', 'huntap Sokong', 'pemukiman Parakansalam'): a gas
# base, a fertiliser kiosk or a settlement is named, as a shop is, by the desa it serves or stands in, so the name
# after it is that desa's; kept apart from FACILITY_MARKERS, as a place's own name may begin with the word
# ('Pangkalan Brandan', 'pangkalan brandn': a slip in the rest of it is still read)
NAMED_BY_DESA = frozenset({"kios", "pangkalan", "huntap", "pemukiman", "permukiman"})
# ('KUA Cigugur', 'polsek Narmada', 'koramil X': the offices of one kecamatan are named by it, as 'capil sakra' names
# the place its office serves: a place is meant, and the name is the place's, no landmark's word)
KECAMATAN_OFFICES = frozenset({"kua", "polsek", "koramil"})
# ('kades Sukamaju', 'perbekel Budakeling', 'kuwu Bungko', 'keuchik Meunasah Baro'): a village head is named by the
# village he heads, in each region's word for him (Bali 'perbekel', Cirebon and Indramayu 'kuwu', Aceh 'keuchik' or
# 'geuchik', Banjar 'pambakal', Lampung 'peratin', Minahasa 'kumtua'), so the name straight after is that village's
VILLAGE_HEADS = frozenset({"kades", "kepdes", "lurah", "perbekel", "prebekel", "kuwu", "keuchik", "geuchik", "keucik",
                           "pambakal", "pembakal", "peratin", "kumtua"})
# After these the next words are where a road leads ('jalan jatinangor ke arah cileunyi'): when another place is
# named, that one is where the problem is, and the road's end counts no more than a street's name
# 'ke arah perbatasan Sumut': where a road leads, or the border it runs to, is not where it is
DIRECTION_WORDS = frozenset({"arah", "menuju", "nuju", "arahe", "perbatasan", "batas"})
# a town's own facilities before an everyday word make it the town: 'alun-alun Batu', 'terminal Batu'
# ('pasar baru' stays a new market, 'jembatan batu' a stone bridge)
TOWN_FACILITIES = frozenset({"alun", "terminal", "stasiun", "bandara", "rsud"})
HOSPITALS = frozenset({"rs", "rsud", "rsu", "rsup", "rsia", "rsj"})  # named for a person, then their town
# 'RSUD Panembahan Senopati', 'RS Pangeran Jayakarta', 'RSUD Ratu Zalecha': a hospital named for a person is named with
# the person's title first, and a title is no place there, though a few villages share its word (Kel. Panembahan)
TITLES = frozenset({"panembahan", "sultan", "raden", "radin", "pangeran", "ratu", "tengku", "teuku", "cut", "haji",
                    "kyai", "kiai", "sunan", "syekh", "andi", "prof"})
COUNCILS = frozenset({"pemkab", "pemkot"})  # level words that name the government, not the place
# the head or government a story calls on, anywhere in it: a regent heads a kabupaten, a mayor a kota, so 'jalan di
# Madiun rusak, pak bupati diam saja' is Kabupaten Madiun's (the bare name both share settles nothing)
HEADS: dict[str, str] = {"bupati": "kab", "wabup": "kab", "pemkab": "kab", "walikota": "kota", "walkot": "kota",
                         "wawali": "kota", "pemkot": "kota",
                         # ...and the regulation each makes ('dilarang perwali', 'perbup jam operasional truk'): the
                         # mayor's or the regent's own word
                         "perwali": "kota", "perwal": "kota", "perwako": "kota", "perbup": "kab"}
# ...said in two words, as the official spelling has it ('wali kota') and letters do ('pemerintah kota')
HEADS_SPLIT: dict[tuple[str, str], str] = {("wali", "kota"): "kota", ("pemerintah", "kota"): "kota",
                                           ("pemerintah", "kabupaten"): "kab", ("pemerintah", "kab"): "kab"}
# the days a market is named for ('pasar legi', 'pasar minggu'), Javanese and of the week
MARKET_DAYS = frozenset({"legi", "pahing", "pon", "wage", "kliwon", "senen", "senin", "selasa", "rebo", "rabu",
                          "kamis", "jumat", "sabtu", "minggu", "ahad"})
# 'dari hari senen', 'tiap kamis': a day of the week after the day's word is the day, no Kecamatan Senen (Jakarta's
# is said 'pasar senen', 'di senen')
DAY_WORDS = frozenset({"hari", "dino", "dina", "poe", "tiap", "setiap", "saban"})
# 'lewat alas', 'mlebet alas', 'neng alas': Javanese 'alas' (forest) after a word of passing, entering or Javanese 'di'
# is the forest, no Kecamatan Alas (Sumbawa's is said 'di Alas', 'petani alas', 'jagung alas', 'kec. Alas')
WOODS = frozenset({"alas"})
INTO_WOODS = frozenset({"lewat", "liwat", "lwt", "mlebu", "mlebet", "lebet", "neng", "nang", "ning", "ing", "teng",
                        "ten", "wonten", "menyang", "nyang"})
# 'di hulu sungai Sangkub', 'hilir sungai Batanghari': a river's upper or lower reach, named by the river after it,
# no Kecamatan Hulu Sungai (Ketapang) — that one is said with its level word or its kabupaten
REACHES = frozenset({"hulu", "hilir", "muara"})
FACILITY_ADJECTIVES = frozenset({"baru", "lama", "besar", "kecil", "utama", "induk", "tua", "sementara", "umum",
                                  "agung", "raya"})  # ('masjid agung', 'masjid raya': the great mosque)
# the first word of a two-word facility, seen past its second: 'pelabuhan ikan Puger', 'rumah sakit Sumedang'
FACILITY_TAILS = {"ikan": frozenset({"pelabuhan", "pasar", "pelelangan", "pendaratan"}),
                   "sakit": frozenset({"rumah"}), "induk": frozenset({"pasar", "terminal"}),
                   "bus": frozenset({"terminal"}),
                   # ('kios pupuk Pasirnagara', 'pangkalan gas Gunungdatar', 'pangkalan elpiji Olean')
                   "pupuk": frozenset({"kios"}), "gas": frozenset({"pangkalan"}),
                   "elpiji": frozenset({"pangkalan"}), "lpg": frozenset({"pangkalan"})}
# After these the next words are where someone or something came from ('turis dari jakarta komplain'): when another
# place is named, that one is where the problem is (Javanese 'saka/seka/soko/seko' are 'dari')
# ('saking': Javanese krama and Balinese; 'teko': Javanese ngoko; 'ti': Sundanese; 'dr' typed short: 'sy dr Demak',
# not a doctor before a place)
ORIGIN_WORDS = frozenset({"dari", "saka", "seka", "soko", "seko", "saking", "ti", "dr", "teko", "teka"})
# 'deket kota Madiun': near a kabupaten or kota, not in it (region_hits)
NEAR = frozenset({"dekat", "deket", "dkt", "cedak", "cedhak", "deukeut", "dakek"})  # (Javanese, Sundanese, Minang)
# a distance before 'dari' ('lima ratus meter dari sekolah di beji', '2 km dari pasar'): measured from a landmark
# near the place, no origin
# ('jauh2 dari Lebong' is where they came from, a long way)
DISTANCE = frozenset({"meter", "m", "km", "kilo", "kilometer", "dekat", "deket", "jarak", "jaraknya"})
GOING_TO = frozenset({"ke", "menyang", "maring", "sampai", "sampe", "hingga",
                      # Eastern Malay 'pi' (pergi) goes with no 'ke': 'beta harus pi Kota Kupang urus KTP'
                      "pi"})  # ('asapnya sampe pontianak')
AND_WORDS = frozenset({"dan", "atau", "sama", "serta"})
# what happens to a place, said right before its name ('banjir Dayeuhkolot', 'longsor Wolowaru', 'macet Lembang')
EVENTS = frozenset({"banjir", "longsor", "macet", "kebakaran", "gempa", "abrasi", "kekeringan"})
FIELDS = frozenset({"sawah", "kebun", "ladang", "tambak", "tegalan", "huma"})  # what is farmed, and where
# 'sawah lebak' (a field the river floods each year, Sumatra and Kalimantan), 'sawah tadah hujan', 'sawah pasang surut':
# after a field's word these say what kind of field it is, no place (Kabupaten Lebak is said 'di Lebak', 'kab Lebak')
FIELD_KINDS = frozenset({"lebak", "tadah", "pasang", "rawa", "irigasi", "gambut"})
AREA_WORDS = frozenset({"daerah", "wilayah", "kawasan", "area"})
# where loads and waste come from ('dari galian', 'dari pabrik', 'dari tambang')
# ('dari kawasan X' needs none: an area word is passed over before 'dari' is read)
SOURCES = frozenset({"galian", "tambang", "pabrik", "pertambangan", "kebun", "perkebunan", "tpa", "tps", "pelabuhan",
                      "proyek"})
# 'berangkat dari bekasi ke kantor': where the teller sets out from each day is no route the trouble lies on
# ('tiap minggu sy bolak balik dr kab Tegal': 'balik', coming back from there)
# (and 'pulang' in the regions' speech: Banjar 'bulik', Javanese and Balinese 'mulih', Malay 'balek')
SETTING_OUT = frozenset({"berangkat", "pulang", "pergi", "budal", "mangkat", "balik", "bulik", "mulih", "balek"})
HEADING = frozenset({"ke", "arah", "menuju", "nuju", "kearah", "ka"})  # 'jalan ke arah X'
# the ways that lead to a place: a road, and a bridge ('jembatan gantung ke X' is the bridge on the way to X)
WAYS = frozenset({"jalan", "jembatan"})
# what may stand between 'jalan' and where it heads ('jalan kabupaten yang ke arah X', 'jembatan gantung ke X')
ROAD_WORDS = frozenset({"yang", "desa", "kabupaten", "kab", "provinsi", "raya", "alternatif", "akses", "penghubung",
                         "poros", "kampung", "utama", "lingkar", "nasional", "itu", "ini", "gantung"})
# what carries people or goods from somewhere ('kapal dari Surabaya', 'truk dari luar')
CARRIERS = frozenset({"kapal", "bus", "bis", "truk", "travel", "angkot", "pesawat", "kereta", "speedboat", "perahu",
                       "barang", "kiriman", "pasokan", "stok"})
# words that follow a level word used as an adjective ('jalan desa dari ...', 'jalan kabupaten di ...')
# ('di desa sudah 4 bulan' is no desa Sudah)
LINKS = ORIGIN_WORDS | {"di", "ke", "yang", "dan", "ini", "itu", "sudah", "sdh", "udah", "udh", "dah", "belum",
                         "blm", "tidak", "tdk", "gak", "nggak", "ga", "juga", "jg", "saja", "aja", "mau", "akan",
                         "masih", "lagi", "kami", "saya", "kita", "kok", "pun", "ada", "tak", "jadi",
                         # 'kepala desa namun tidak menjawab', 'desa setempat': no desa called Namun or Setempat
                         "namun", "tetapi", "tapi", "tp", "karena", "krn", "sehingga", "lalu", "kemudian", "agar",
                         "supaya", "untuk", "utk", "setempat", "tersebut", "tolong", "mohon", "minta", "harap",
                         # ('masukkan berkas lewat desa mar sampe skarang': Manado and Ambon Malay 'mar', but, is no
                         # desa Maar of Kei, whose name folds to its key)
                         "mar",
                         # 'truk dr sidoarjo kota lewat depan sekolah': 'kota' said after a name begins no name
                         "lewat", "depan", "dekat", "deket",
                         # 'mahasiswa dr luar kota sampe motornya mogok': no village called Sampe
                         "sampai", "sampe", "hingga",
                         # 'kepala desa nang kantor': Javanese, Balinese and Malay 'di' (no desa Nang of Maluku)
                         "neng", "nang", "ning", "ing", "teng", "ten", "wonten", "ring", "kat"}
# 'masuk ke Kesu bayar 20rb', 'banjir masuk ke X': where one enters, or what enters, is where it happens
ENTERING = frozenset({"masuk", "memasuki", "mlebu", "lebet", "asup"})  # (Javanese ngoko and krama, Sundanese)
# 'air masuk rumah di Patihan', 'banjir merendam rumah warga di X', 'api membakar omah di X': the houses a flood or fire
# enters, soaks or burns are where it happened, not the teller's home ('rumah saya di X')
HOUSES = frozenset({"rumah", "omah", "imah"})
STRIKING = ENTERING | frozenset({"merendam", "rendam", "merendami", "menggenangi", "genangi", "membakar", "bakar",
                                 "menimpa", "timpa", "menghanyutkan", "hanyutkan", "melanda", "landa"})
TRIPS = frozenset({"liburan", "libur", "wisata", "berwisata", "ziarah", "main", "piknik", "rekreasi", "mudik",
                    "tamasya", "plesiran", "dolan", "healing", "jalan2", "berlibur", "pelesir"})
# a school, clinic, market or office: where it stands is said after 'di' ('SMP negeri di Pandan')
INSTITUTIONS = frozenset({"sekolah", "sd", "sdn", "smp", "smpn", "sma", "sman", "smk", "smkn", "mts", "madrasah",
                           "puskesmas", "pustu", "klinik", "rs", "rsud", "pasar", "kantor", "terminal", "stasiun",
                           "pelabuhan"})
TOURISM = frozenset({"wisata", "pariwisata"})  # ('tempat wisata Batu', 'objek wisata X')
# what one goes somewhere to do: that place is where it happened ('berobat ke Masamba', 'ke Bangkinang ngurus izin')
ERRANDS = frozenset({"berobat", "periksa", "kontrol", "ngurus", "urus", "mengurus", "belanja", "beli", "tuku",
                      "daftar", "mendaftar", "melahirkan", "lahiran", "bikin", "membuat", "ambil", "mengambil"})
# a river, mountain, bay or strait named like a place runs through or past several ('banjir sungai kapuas di
# sintang'): with another place named plainly, that one is where it happened (a lake is named after the place on its
# shore: 'danau maninjau' is Maninjau)
FEATURES = frozenset({"sungai", "gunung", "teluk", "selat", "bengawan", "krueng"})
STREET_FEATURES = frozenset({"sei", "kali", "danau", "bukit", "pulau"})  # ...as Medan writes them: 'Jl. Sei X'
# ...but a lake whose shores belong to several kabupaten names none of them ('danau toba dekat pangururan' is Samosir's)
SHARED_LAKES = frozenset({"toba", "singkarak"})
# 'ulun dari banjarmasin' (Banjar 'I'): a pronoun that is also some village's name is no road's first end, nor a name
# after a level word ('gampong lon': Acehnese 'my village'; 'lon', 'ulon', 'kamoe' are Acehnese 'I', 'I', 'we')
PRONOUNS = frozenset({"ulun", "abdi", "kula", "kulo", "kawula", "ane", "ambo", "tiang", "beta", "kaule", "kamek",
                       "lon", "ulon", "kamoe",
                       "awak", "sy", "saya", "aku", "kami", "kita", "gue", "gua", "gw", "torang", "kitorang", "katong",
                       "sia", "nyong", "inyong"})
ROUTE_THINGS = STREET_MARKERS | frozenset({
    "jalur", "ruas", "akses", "jembatan", "trayek", "rute", "angkot", "angkutan", "bus", "bis", "kapal", "speedboat",
    "travel", "ojek", "kereta", "pesawat", "penerbangan", "tol", "perahu", "feri", "ferry", "jalanan", "dalan"})
# 'angkot jurusan Genggulang', 'bus trayek X': after a carrier, the line's word names the place it runs to, a place
# (a school's 'jurusan IPA' is a field of study: only after a carrier or a line's word)
LINES = frozenset({"jurusan", "trayek"})
# words for a road, before a road named by its ends ('jln lintas medan-banda aceh', 'dalan Pati - Kudus')
ROADS = frozenset({"jalan", "jalur", "ruas", "dalan", "jalanan", "jln", "jl"})
ALONG = frozenset({"di", "daerah", "sekitar", "dekat", "kawasan", "wilayah"})
AS_FAR = frozenset({"sampai", "sampe", "hingga"})
# between an office's place and 'bukan wilayah mereka' ('dinsos kota X tapi katanya itu bukan wilayah mereka')
DISOWNING_GAP = frozenset({"tapi", "tp", "tetapi", "namun", "katanya", "kata", "katax", "itu", "ini", "dinyatakan",
                            "bilang", "blg", "dibilang", "mereka", "nya", "jawabnya"})
# 'dirujuk ke Padang', 'dirujuak ka RSUD Solok': where a patient is referred to is the bigger hospital away from
# where the care fell short (Minang 'dirujuak'), as where one must go instead is
REFERRED = frozenset({"rujuk", "dirujuk", "merujuk", "rujukan", "dirujukkan", "dirujuak", "rujuak"})
# what one must, or usually does, do ('harus berobat ke X', 'terpaksa beli ke X', 'biasa belanja ke X')
OBLIGED = frozenset({"harus", "terpaksa", "mesti", "musti", "kudu", "biasa", "biasanya"})
# selling or carrying the harvest or goods to a town ('biasa jual pinang ke Kota Jayapura', 'terpaksa bawa gabah ke
# X'): after such a verb, or an errand's ('harus beli air ke X'), a word or two of what is sold or bought may stand
# before the 'ke' and the town is still where one goes, not where it is
TRADING = frozenset({"jual", "menjual", "jualan", "bawa", "membawa", "angkut", "mengangkut", "kirim", "mengirim",
                     "antar", "mengantar", "setor", "nyetor"})
# Everyday words on their own, yet part of many places' names run on with another word, so not among the common
# words (bot/data/regions/common_words.csv), whose runs of two are everyday too: 'pinang' (areca nut) is what Papuan
# mamas sell and an elephant tramples ('jualan pinang deng sayur', 'kebun ..., pinang, pisang'), no Kecamatan Pinang
# of Kota Tangerang, while 'Sungai Pinang', 'Pondok Pinang', 'Lubuk Pinang' are still their kelurahan and desa, and
# 'kec pinang tangerang' its kecamatan (a level word or a kota after it still names one)
# ('murid anyar' (Javanese and Sundanese "new pupils"), 'makin luas', 'luas tanah' (the land's area), Banjar 'kada
# kawa' (cannot): no Kecamatan Anyar (Serang) or Luas (Kaur), no desa Kawa, while 'Karang Anyar', 'Pasar Anyar',
# 'Padang Luas', 'Batang Kawa' and a level word's 'kec. anyar' still name theirs)
EVERYDAY_ALONE = frozenset({"pinang", "bumi", "anyar", "luas", "kawa"})
# 'speedboat dari Tahuna ka Siau' (Manado and Minang 'ka', 'to'): these words, typed apart, begin no place's name run
# on with the next word (no desa Kasiau there; the tables hold no name whose first word, apart, is one of them)
NO_NAME_START = frozenset({"ka", "ke", "di", "pi"})
AS_FAR_KA = AS_FAR | {"nepi"}  # before 'ka', Sundanese and Minang 'ke' ('nepi ka', 'sampai ka')
ROUTE_ON = frozenset({"ke", "sampai", "sampe", "hingga", "menuju", "arah", "nang", "neng", "tekan"})
# A place's name never starts with a negation in a sentence: 'lapor ke desa gak ada tanggapan' is what the
# office did not do, not the village Gada ('gada' is slang for 'tidak ada', so its key is that of the phrase)
NEGATION_STARTS = frozenset({"tidak", "belum", "bukan"})
# offices a story calls on by their kabupaten's or kota's name ('PLN Jombang tolong dicek', 'DLH Gresik periksa')
OFFICES = frozenset({"dinas", "dinkes", "disdik", "dishub", "dlh", "dlhk", "pdam", "pln", "bpbd", "dukcapil",
                      "disdukcapil", "capil", "pemkab", "pemkot", "pemda", "pupr", "pu", "satpol", "satpolpp", "rsud",
                      "polres", "dpmd", "dinsos", "distan", "dispertan", "disperindag", "bupati", "walikota", "dprd",
                      "kemenag", "bpn", "bapenda", "perkim", "dispar", "diskan", "disnaker", "bappeda", "diskominfo",
                      "inspektorat"})
# a place said right after these is denied ('kaliwungu kendal ya, bukan kaliwungu kudus'; Javanese 'dudu', Sundanese
# 'sanes')
DENIALS = frozenset({"bukan", "bukanlah", "bkn", "dudu", "sanes"})
# words that say where the teller (or a relative) lives or works: 'saya warga X', 'tinggal di X', 'kerja di X'
# 'ibu tinggal di Wonogiri, sy di Solo': the teller's own place, where 'saya' opens a clause
# ('sy', 'gw', 'gua' arrive as 'saya': normalize.SLANG)
TELLER_PRONOUNS = frozenset({"saya", "aku", "aq", "gue"})
NEIGHBOURHOODS = frozenset({"rt", "rw"})
# words saying where the teller comes from or is registered, as against where they live or work now
# ('anak sayo lahir di kota bengkulu waktu merantau': where someone was born is their story, not where they live now)
BORN = frozenset({"asal", "berasal", "orang", "tiyang", "wong", "urang", "ktp", "asli", "lahir"})
# relatives, and the words between them and their place ('anak saya yang sekolah di', 'ibuku sing neng')
KIN = frozenset({"anak", "anakku", "adik", "adikku", "adek", "kakak", "kakakku", "abang", "ibu", "ibuku", "bapak",
                  "bapakku", "ayah", "ayahku", "suami", "suamiku", "istri", "istriku", "ortu", "mertua", "nenek",
                  "kakek", "mbah", "mbahku", "simbah", "keponakan", "ponakan", "cucu", "saudara", "sodara", "famili",
                  "keluarga", "mamak", "emak", "bapake", "anake", "mama", "papa", "mace", "pace", "sodare", "sudare",
                  # (Javanese 'ibuk', Minang 'amak' and 'apak')
                  "ibuk", "ibukku", "amak", "apak",
                  # ('akta anak di cipondoh belum jadi, temen sy di tangsel 3 hari jadi': a friend's place is theirs)
                  "teman", "temen", "tmn", "temanku", "kawan", "konco", "batur",
                  # ('sdr sy di X': saudara written short, as in a letter)
                  "sdr", "sdra"})
# people of a place or business named before, said with '-nya' ('sebagian pekerjanya tinggal di Kabupaten Serang')
OTHERS = frozenset({"pekerja", "karyawan", "buruh", "pegawai", "pemilik", "pengelola", "penghuni", "sopir", "supir",
                     "guru", "murid", "siswa", "pasien", "tamu", "pengunjung", "penumpang"})
# people, said before 'dari' ('anak dari jakarta numpang kk', 'siswa dari luar'): where they come from, no name's end
PEOPLE = KIN | OTHERS | frozenset({"orang", "org", "turis", "pendatang", "wisatawan", "perantau"})
# relatives' words that are also how the official is addressed ('pak', 'bu' are read as 'bapak', 'ibu')
ADDRESSED = frozenset({"bapak", "ibu"})
# words between the teller's own place and a relative's named after it, past which the relative's is said in passing
KIN_ASIDE = 10
CLOSING = 2  # words after a place, at most, for it to close the story ('... beta pung mama di masohi toh')
KIN_GAP = frozenset({"saya", "aku", "ku", "kami", "yang", "sing", "nu", "nang", "sekolah", "kerja", "bekerja",
                      "kuliah", "tinggal", "mondok", "ngekos", "kos", "juga", "jg", "masih", "lagi",
                      # ('anak2 pada di Depok semua': colloquial 'pada', all of them)
                      "pada"})
# 'yang' and its Javanese and Sundanese kin, after which a relative is told by what they do ('kakak saya yang jualan')
WHO = frozenset({"yang", "sing", "nu"})
# 'di sini', 'di kampung kami', 'daerah sy': the story puts the trouble where the teller is, without naming it
HERE = frozenset({"sini", "disini", "dsini"})
OWN_PLACES = frozenset({"daerah", "kampung", "tempat", "lingkungan", "wilayah", "desa", "kampuang", "lembur",
                         "gampong", "dusun", "kawasan", "kelurahan"})
OURS = frozenset({"kami", "saya", "kita"})
# ...or the place one works or lives at, named next ('tempat saya kerja di X'), or a name ('desa kami namanya X')
HERE_NAMED = frozenset({"kerja", "bekerja", "tinggal", "ngajar", "mengajar", "kuliah", "ngekos", "kos", "ngontrak",
                         "mengontrak", "berada", "yaitu", "yakni", "bernama", "namanya", "nama"})
CLAUSE_OPENERS = frozenset({"dan", "tapi", "tp", "tetapi", "sedangkan", "sementara", "kalau", "kalo", "klo",
                             "sekarang", "skrg", "pak", "bu", "min", "admin",
                             # 'dulu pas saya di lamongan ga separah ini': where the teller was once, to compare
                             "pas", "dulu"})
# ('saya orang Palembang', Javanese 'tiyang/wong Kudus', Sundanese 'urang Garut': a person of that place; Javanese
# 'griya ten Magelang': my home)
TELLER_WORDS = frozenset({"warga", "tinggal", "domisili", "berdomisili", "kerja", "bekerja", "ngantor", "kantor",
                           "asli", "merantau", "rantau", "kos", "ngekos", "ngekost", "ngontrak", "mengontrak", "kuliah",
                           "pns", "asn", "asal", "berasal", "orang", "tiyang", "wong", "urang", "griya", "rumah",
                           "omah", "imah", "bumi", "damel", "ktp", "ngajar", "mengajar", "gawe", "begawe",
                           "perantau", "lahir",
                           # (Javanese 'manggon', Minang 'tingga': 'aku manggon nang Malang', 'ambo tingga di Padang')
                           "manggon", "tingga",
                           # (Banjar 'bagawi', Malay 'begawi', Makassar Malay 'karja': 'ulun bagawi di Banjarmasin')
                           "bagawi", "begawi", "karja", "bakarja", *TELLER_PRONOUNS})
# what works at a site, not the teller: 'alat berat masih kerja di Wawonii', 'excavator beroperasi di X' (there the
# trouble is), and the words between ('masih', 'tetap')
MACHINES = frozenset({"alat", "berat", "excavator", "ekskavator", "eskavator", "beko", "bego", "mesin", "perusahaan",
                      "pt", "kontraktor", "tongkang", "dompeng"})
AT_WORK_GAP = frozenset({"masih", "sedang", "lagi", "sudah", "sdh", "udah", "terus", "tetap", "juga", "jg", "mulai"})
# ('sy skrg di Bandung': where the teller is now)
# ('sy lagi di Padang', 'saya sedang di Jakarta': where the teller happens to be while telling)
NOW = frozenset({"sekarang", "skrg", "skg", "kini", "lagi", "lg", "sedang", "sdg"})
TELLER_GAP = NOW | frozenset({"di", "dari", "kota", "kabupaten", "kab", "desa", "kelurahan", "kecamatan", "kec",
                         "ten", "teng", "neng", "nang", "ring", "saking",
                         # ('kula tinggal wonten Purwokerto', 'aku manggon ning Kota Blitar': Javanese and Malay 'di')
                         "wonten", "ning", "ing", "kat",
                         # ('sengko tinggal e Sumenep': Madurese 'e' is 'di')
                         "e",
                         # ('KTP nya Tangerang': '-nya' typed apart)
                         "nya"})
CONNECTORS = frozenset({"di", "ke", "daerah", "wilayah", "kawasan", "dan", "area", "sekitar"})
# Words after which a bare name is probably a place ('di selong', 'warga sakra').
LOCATIVES = frozenset({"di", "ke", "dari", "dr", "daerah", "wilayah", "kawasan", "sekitar", "warga", "area",
                       "asal", "tinggal", "lokasi", "alamat", "ngekos", "ngekost", "ngontrak", "mengontrak",
                       # Javanese 'neng/nang/ning/ing/teng/ten/wonten', Balinese 'ring' and Malay 'kat' are 'di'
                       "neng", "nang", "ning", "ing", "teng", "ten", "wonten", "ring", "kat",
                       # 'nelayan sijuk', 'petani tirtayasa': who people are is told by where they fish or farm
                       "nelayan", "petani",
                       # 'jalan ke goa gong lewat donorojo': the road runs through where it passes
                       "lewat", "melewati", "melalui", "lwt", "liwat"})
# A province's or kabupaten's name that is also a word of regional speech, said where nothing says a place is meant
# (no 'di', 'ke', 'dari', level word, office or comma before it): the word ('pasien dikon bali sesuk', Javanese
# 'bali', come back; 'disuruah bali baju', Minang 'bali', buy), no Bali
SPOKEN_AS_WORDS = frozenset({"bali"})
# 'nikah di kampung Bulusonik': a kampung is named by its desa's name (in Papua, Kalimantan and Lampung 'kampung' is
# the desa itself), said as a place when the name is one kabupaten's desa only ('kampung Bajo', 'kampung Jawa' are a
# people's quarter in many towns, and a desa name many kabupaten share is no more a place for it)
HAMLET_WORDS = frozenset({"kampung"})
