"""Check the labels of bench/data/agency_stories_blind.csv against the agency catalog and the region lists."""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from bot.understanding.agencies import AgencyCatalog

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "bench" / "data" / "agency_stories_blind.csv"
REGIONS = ROOT / "bot" / "data" / "regions"
HEADER = ["story", "location_text", "expected_agency_code", "expected_regency_code"]

# The kecamatan ("kec") and desa/kelurahan ("desa") each row names, by data row number (1 = first row
# after the header), written down by the author with the row: the CSV itself has no column for them, and
# the check must not guess them from the text (that would be a matcher).
NAMED_PLACES: dict[int, list[tuple[str, str]]] = {
    1: [("kec", "Kuta Baro")],
    2: [("kec", "Banda Sakti")],
    3: [("kec", "Langsa Baro")],
    4: [("kec", "Syiah Kuala")],
    6: [("kec", "Medan Helvetia")],
    7: [("kec", "Tanjung Morawa")],
    8: [("kec", "Pangururan")],
    10: [("kec", "Teluk Dalam")],
    11: [("kec", "Tarutung")],
    12: [("kec", "Kubung")],
    13: [("desa", "Tanah Garam")],
    14: [("kec", "Kuranji")],
    16: [("kec", "Sungai Limau")],
    17: [("kec", "Tembilahan Hulu")],
    18: [("kec", "Tenayan Raya")],
    19: [("kec", "Dumai Barat")],
    20: [("kec", "Bangkinang")],
    21: [("kec", "Telanaipura")],
    22: [("kec", "Bangko")],
    23: [("kec", "Siulak")],
    24: [("kec", "Sako")],
    25: [("kec", "Martapura")],
    26: [("kec", "Lawang Kidul")],
    28: [("kec", "Curup")],
    30: [("kec", "Sukadana")],
    31: [("kec", "Way Halim")],
    32: [("kec", "Metro Pusat")],
    35: [("kec", "Tanjung Pandan")],
    36: [("kec", "Sungailiat")],
    38: [("kec", "Bukit Bestari")],
    40: [("kec", "Pesanggrahan")],
    41: [("kec", "Makasar"), ("desa", "Cipinang Melayu")],
    42: [("kec", "Penjaringan")],
    43: [("kec", "Kembangan")],
    44: [("kec", "Tanah Abang")],
    46: [("kec", "Tanah Sareal")],
    47: [("kec", "Ciseeng")],
    48: [("kec", "Jonggol")],
    49: [("kec", "Cikole")],
    50: [("kec", "Cisaat")],
    51: [("kec", "Kawalu")],
    52: [("kec", "Singaparna")],
    53: [("kec", "Coblong")],
    54: [("kec", "Baleendah")],
    55: [("kec", "Parongpong")],
    56: [("kec", "Kesambi")],
    57: [("kec", "Plumbon")],
    58: [("kec", "Bekasi Utara")],
    59: [("kec", "Cikarang Utara")],
    60: [("kec", "Bantar Gebang")],
    61: [("kec", "Sukmajaya")],
    62: [("kec", "Cilodong")],
    63: [("kec", "Cimahi Tengah")],
    64: [("kec", "Cipanas")],
    65: [("kec", "Karangpawitan")],
    66: [("kec", "Tarogong Kidul")],
    67: [("kec", "Rengasdengklok")],
    68: [("kec", "Telukjambe Timur")],
    69: [("kec", "Jatibarang")],
    70: [("kec", "Jatinangor")],
    71: [("kec", "Pamanukan")],
    72: [("kec", "Plered")],
    74: [("kec", "Kawali")],
    75: [("kec", "Cilimus")],
    76: [("kec", "Purwaharja")],
    77: [("kec", "Kadipaten")],
    78: [("kec", "Ciledug")],
    79: [("kec", "Karawaci")],
    80: [("kec", "Pondok Aren")],
    81: [("kec", "Ciputat")],
    82: [("kec", "Balaraja")],
    83: [("kec", "Pasar Kemis")],
    84: [("kec", "Kasemen")],
    85: [("kec", "Kramatwatu")],
    86: [("kec", "Cibeber")],
    87: [("kec", "Labuan")],
    88: [("kec", "Rangkasbitung")],
    89: [("kec", "Mertoyudan")],
    90: [("kec", "Magelang Tengah")],
    91: [("kec", "Muntilan")],
    92: [("kec", "Margadana")],
    93: [("kec", "Adiwerna")],
    94: [("kec", "Pekalongan Utara")],
    95: [("kec", "Kajen")],
    96: [("kec", "Tembalang")],
    97: [("kec", "Ungaran Barat")],
    98: [("kec", "Laweyan")],
    99: [("kec", "Kartasura")],
    100: [("kec", "Purwokerto Selatan")],
    101: [("kec", "Delanggu")],
    102: [("kec", "Kroya")],
    103: [("kec", "Gombong")],
    104: [("kec", "Bumiayu")],
    105: [("kec", "Juwana")],
    106: [("kec", "Jekulo")],
    107: [("kec", "Tahunan")],
    108: [("kec", "Mranggen")],
    110: [("kec", "Boyolali")],
    111: [("kec", "Wonogiri")],
    112: [("kec", "Godong")],
    113: [("kec", "Cepu")],
    114: [("kec", "Lasem")],
    115: [("kec", "Kaliwungu")],
    116: [("kec", "Kandeman")],
    117: [("kec", "Comal")],
    119: [("kec", "Karanggayam")],
    120: [("kec", "Sidorejo")],
    121: [("kec", "Tawangmangu")],
    122: [("kec", "Kutoarjo")],
    123: [("kec", "Temanggung")],
    124: [("kec", "Bukateja")],
    125: [("kec", "Umbulharjo")],
    126: [("kec", "Kotagede")],
    127: [("kec", "Depok")],
    128: [("kec", "Ngaglik")],
    129: [("kec", "Sewon")],
    130: [("kec", "Imogiri")],
    131: [("kec", "Wonosari")],
    132: [("kec", "Wates")],
    133: [("kec", "Kepanjen")],
    134: [("kec", "Dau")],
    135: [("kec", "Lowokwaru")],
    136: [("kec", "Klojen")],
    137: [("kec", "Bumiaji")],
    138: [("kec", "Pare")],
    139: [("kec", "Mojoroto")],
    140: [("kec", "Kanigoro")],
    141: [("kec", "Sananwetan")],
    142: [("kec", "Dolopo")],
    143: [("kec", "Manguharjo")],
    144: [("kec", "Prajurit Kulon")],
    145: [("kec", "Mojosari")],
    146: [("kec", "Bangil")],
    147: [("kec", "Pandaan")],
    148: [("kec", "Mayangan")],
    149: [("kec", "Kraksaan")],
    150: [("kec", "Porong")],
    151: [("kec", "Waru")],
    152: [("kec", "Driyorejo")],
    153: [("kec", "Rungkut")],
    154: [("kec", "Tambaksari")],
    155: [("kec", "Kamal")],
    156: [("kec", "Torjun")],
    157: [("kec", "Galis")],
    158: [("kec", "Kalianget")],
    159: [("kec", "Kaliwates")],
    160: [("kec", "Ambulu")],
    161: [("kec", "Genteng")],
    162: [("kec", "Glenmore")],
    163: [("kec", "Panarukan")],
    164: [("kec", "Tamanan")],
    165: [("kec", "Ponorogo")],
    166: [("kec", "Ngunut")],
    167: [("kec", "Durenan")],
    168: [("kec", "Paciran")],
    169: [("kec", "Jenu")],
    170: [("kec", "Kasiman")],
    171: [("kec", "Paron")],
    172: [("kec", "Kertosono")],
    173: [("kec", "Mojoagung")],
    174: [("kec", "Pronojiwo")],
    175: [("kec", "Donorojo")],
    176: [("kec", "Plaosan")],
    177: [("kec", "Kuta Utara")],
    178: [("kec", "Mengwi")],
    179: [("kec", "Ubud")],
    180: [("kec", "Denpasar Barat")],
    181: [("kec", "Denpasar Selatan")],
    182: [("kec", "Kediri")],
    183: [("kec", "Buleleng")],
    184: [("kec", "Kintamani")],
    185: [("kec", "Negara")],
    186: [("kec", "Aikmel")],
    187: [("kec", "Selong")],
    188: [("kec", "Praya")],
    189: [("kec", "Pujut")],
    190: [("kec", "Gerung")],
    191: [("kec", "Tanjung")],
    192: [("kec", "Cakranegara")],
    193: [("kec", "Asakota")],
    194: [("kec", "Woha")],
    195: [("kec", "Dompu")],
    196: [("kec", "Taliwang")],
    197: [("kec", "Alas")],
    198: [("kec", "Oebobo")],
    199: [("kec", "Kupang Tengah")],
    200: [("kec", "Maulafa")],
    201: [("kec", "Kota Soe")],
    202: [("kec", "Kota Kefamenanu")],
    203: [("kec", "Atambua Barat")],
    204: [("kec", "Teluk Mutiara")],
    205: [("kec", "Larantuka")],
    206: [("kec", "Alok")],
    207: [("kec", "Langke Rembong")],
    208: [("kec", "Komodo")],
    209: [("kec", "Kambera")],
    210: [("kec", "Kota Tambolaka")],
    211: [("kec", "Pontianak Barat")],
    212: [("kec", "Sungai Raya")],
    213: [("kec", "Singkawang Barat")],
    214: [("kec", "Pemangkat")],
    215: [("kec", "Delta Pawan")],
    216: [("kec", "Sintang")],
    217: [("kec", "Jekan Raya")],
    218: [("kec", "Baamang")],
    219: [("kec", "Selat")],
    220: [("kec", "Arut Selatan")],
    221: [("kec", "Banjarmasin Utara")],
    222: [("kec", "Martapura Timur")],
    223: [("kec", "Landasan Ulin")],
    224: [("kec", "Amuntai Tengah")],
    225: [("kec", "Tanjung")],
    226: [("kec", "Batulicin")],
    227: [("kec", "Samarinda Ulu")],
    228: [("kec", "Balikpapan Utara")],
    229: [("kec", "Tenggarong")],
    230: [("kec", "Bontang Utara")],
    231: [("kec", "Sangatta Utara")],
    232: [("kec", "Tanjung Redeb")],
    233: [("kec", "Penajam")],
    234: [("kec", "Tarakan Barat")],
    235: [("kec", "Tanjung Selor")],
    236: [("kec", "Sebatik")],
    237: [("kec", "Wenang")],
    238: [("kec", "Malalayang")],
    239: [("kec", "Girian")],
    240: [("kec", "Tondano Barat")],
    241: [("kec", "Tomohon Utara")],
    242: [("kec", "Kotamobagu Barat")],
    243: [("kec", "Tahuna")],
    244: [("kec", "Airmadidi")],
    245: [("kec", "Palu Barat")],
    246: [("kec", "Mantikulore")],
    247: [("kec", "Sigi Biromaru")],
    248: [("kec", "Banawa")],
    249: [("kec", "Poso Kota")],
    250: [("kec", "Luwuk")],
    251: [("kec", "Tamalate")],
    252: [("kec", "Rappocini")],
    253: [("kec", "Biringkanaya")],
    254: [("kec", "Somba Opu")],
    255: [("kec", "Pallangga")],
    256: [("kec", "Turikale")],
    257: [("kec", "Tanete Riattang")],
    258: [("kec", "Soreang")],
    259: [("kec", "Wara")],
    260: [("kec", "Ujung Bulu")],
    261: [("kec", "Rantepao")],
    262: [("kec", "Watang Pulu")],
    263: [("kec", "Paleteang")],
    264: [("kec", "Tempe")],
    265: [("kec", "Kendari Barat")],
    266: [("kec", "Poasia")],
    267: [("kec", "Unaaha")],
    268: [("kec", "Kolaka")],
    269: [("kec", "Wolio")],
    270: [("kec", "Kota Tengah")],
    271: [("kec", "Limboto")],
    272: [("kec", "Tapa")],
    273: [("kec", "Marisa")],
    274: [("kec", "Mamuju")],
    275: [("kec", "Polewali")],
    276: [("kec", "Banggae")],
    277: [("kec", "Sirimau")],
    278: [("kec", "Nusaniwe")],
    279: [("kec", "Kota Masohi")],
    280: [("kec", "Pulau Dullah Utara")],
    281: [("kec", "Namlea")],
    282: [("kec", "Kairatu")],
    283: [("kec", "Kota Ternate Tengah")],
    284: [("kec", "Tidore")],
    285: [("kec", "Tobelo")],
    286: [("kec", "Bacan")],
    287: [("kec", "Jayapura Selatan")],
    288: [("kec", "Abepura")],
    289: [("kec", "Sentani")],
    290: [("kec", "Sentani Timur")],
    291: [("kec", "Biak Kota")],
    292: [("kec", "Arso")],
    293: [("kec", "Manokwari Barat")],
    294: [("kec", "Fakfak")],
    295: [("kec", "Bintuni")],
    296: [("kec", "Merauke")],
    297: [("kec", "Mandobo")],
    298: [("kec", "Nabire")],
    299: [("kec", "Mimika Baru")],
    300: [("kec", "Wamena")],
    301: [("kec", "Dekai")],
    302: [("kec", "Sorong Timur")],
    303: [("kec", "Aimas")],
    304: [("kec", "Kota Waisai")],
    305: [("kec", "Gurah")],
    306: [("kec", "Pesantren")],
    307: [("kec", "Taman")],
    308: [("kec", "Sampang")],
    309: [("kec", "Wates")],
    310: [("kec", "Genteng")],
    311: [("kec", "Jetis")],
    312: [("kec", "Lembang")],
    313: [("kec", "Tikala")],
    314: [("kec", "Grogol")],
    315: [("kec", "Depok")],
    316: [("kec", "Bugul Kidul")],
    317: [("kec", "Kademangan")],
    318: [("kec", "Kawali")],
    319: [("kec", "Pariaman Tengah")],
    320: [("kec", "Lubuk Begalung")],
    321: [("kec", "Leuwiliang")],
    322: [("kec", "Bukit Raya")],
    323: [("kec", "Siak Hulu")],
    324: [("kec", "Cengkareng")],
    325: [("kec", "Ciracas")],
    326: [("kec", "Koja")],
    327: [("kec", "Bojongsari")],
    328: [("kec", "Cibungbulang")],
    329: [("kec", "Bogor Barat")],
    330: [("kec", "Ciparay")],
    331: [("kec", "Antapani")],
    332: [("kec", "Kebayoran Baru")],
    333: [("kec", "Cakung")],
    334: [("kec", "Cimanggis")],
    335: [("kec", "Cikupa")],
}


def _norm(name: str) -> str:
    """Compare place names without case, spaces or punctuation (BPS writes 'Tanjungpandan', people 'Tanjung Pandan')."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _read(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file as dicts."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _places_by_regency() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Normalised kecamatan and desa names of every regency."""
    district_regency = {}
    kec: dict[str, set[str]] = {}
    for row in _read(REGIONS / "districts.csv"):
        district_regency[row["code"]] = row["regency_code"]
        kec.setdefault(row["regency_code"], set()).add(_norm(row["name"]))
    desa: dict[str, set[str]] = {}
    for row in _read(REGIONS / "villages.csv"):
        regency = district_regency.get(row["district_code"])
        if regency:
            desa.setdefault(regency, set()).add(_norm(row["name"]))
    return kec, desa


def check(rows: Iterable[dict[str, str]], catalog: AgencyCatalog) -> list[str]:
    """Every problem found in the labelled rows (empty when all labels hold)."""
    kec, desa = _places_by_regency()
    problems: list[str] = []
    count = 0
    for number, row in enumerate(rows, start=1):
        count = number
        regency_code = row["expected_regency_code"]
        regency = catalog.regions.get(regency_code)
        if regency is None or regency.level != "regency":
            problems.append(f"row {number}: {regency_code} is not a kabupaten/kota code")
            continue
        agency = catalog.get(row["expected_agency_code"])
        if agency is None:
            problems.append(f"row {number}: no agency {row['expected_agency_code']} in the catalog")
        elif agency.region_code not in (None, regency_code, regency_code.split(".")[0]):
            problems.append(f"row {number}: {agency.code} belongs to {agency.region_code}, not {regency_code}")
        if not row["story"].strip():
            problems.append(f"row {number}: empty story")
        for level, name in NAMED_PLACES.get(number, []):
            names = kec if level == "kec" else desa
            if _norm(name) not in names.get(regency_code, set()):
                problems.append(f"row {number}: {level} {name} is not in {regency_code}")
    unknown = [n for n in NAMED_PLACES if n > count]
    if unknown:
        problems.append(f"named places for rows that do not exist: {unknown}")
    return problems


def main() -> int:
    """Check the blind story set; print the problems and exit non-zero if there are any."""
    with open(STORIES, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != HEADER:
            print(f"header is {reader.fieldnames}, expected {HEADER}")
            return 1
        rows = list(reader)
    problems = check(rows, AgencyCatalog.default())
    for problem in problems:
        print(problem)
    places = sum(len(v) for v in NAMED_PLACES.values())
    print(f"{len(rows)} rows, {places} named places checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
