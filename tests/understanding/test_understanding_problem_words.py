"""What a story complains about decides the office: the thing and what is wrong with it, not a word near it."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog


@pytest.mark.parametrize(("story", "region", "agency"), [
    # a drain blocked by garbage is the drain's office (Public Works), not the garbage's
    ("kanal belakang pasar tersumbat plastik, tiap hujan meluap ke jalan", "73.71", "73.71-pupr"),
    ("banda di kampuang awak tasumbek, aia naiak ka rumah", "13.71", "13.71-pupr"),
    # 'tra jalan' / 'seng jalan' is water that does not flow, not a road
    ("aer di kompleks kami tra jalan su satu minggu", "91.05", "91.05-pdam"),
    ("aer seng jalan dari kemarin, katong beli galon", "81.71", "81.71-pdam"),
    # a village still without power is PLN's grid, whatever programme brought the village there
    ("dusun kami program transmigrasi tapi listrik belum masuk sampai hari ini", "17.06", "pln"),
    # a national road is the ministry's, even in a kabupaten with its own Public Works
    ("jalan nasional di depan terminal ambles, truk sering terperosok", "72.02", "kemen-pu"),
    # ports and airports are the Ministry of Transport's (the port authority, ASDP, the airport), not the town's
    ("Antrean kapal di Pelabuhan Bakauheni sampai 6 jam, calo tiket berkeliaran", "18.01", "kemenhub"),
    ("taksi gelap di bandara maksa penumpang, petugas diem", "36.71", "kemenhub"),
    # 'bkn' is 'bukan' typed short, unless the civil service is spoken of
    ("jln kec tanjung balai kab asahan rusak parah, bkn kota", "12.09", "12.09-pupr"),
    ("nip saya salah di data bkn, pensiun tertunda", "12.09", "bkn"),
    # ...and so are the national corridors people name: Pantura, Trans Sulawesi, the Sumatra highway
    ("JALAN PANTURA DI PAMANUKAN BERLUBANG LAGI PADAHAL BARU DITAMBAL", "32.13", "kemen-pu"),
    ("jalan trans sulawesi ambles dekat jembatan, sudah 2 bulan", "75.04", "kemen-pu"),
    ("Jalan lintas sumatera di Rantauprapat lubangnya dalam sekali", "12.10", "kemen-pu"),
    # the south-coast road of Java (Pansela / Jalur Lintas Selatan) and Sumatra's east and west highways
    ("jalur pansela di pacitan retak retak, truk pasir lewat terus", "35.01", "kemen-pu"),
    ("jalintim dekat kayu agung bolong gede, sering kecelakaan", "16.02", "kemen-pu"),
    # the Suramadu bridge is a national road; salt farmers are the fisheries office's (DKP)
    ("lampu jembatan suramadu banyak yg mati, gelap bgt malam", "35.26", "kemen-pu"),
    ("kelompok petani garam kami tidak pernah dapat bantuan geomembran", "35.27", "35.27-diskan"),
    # the BPJS card a patient carries does not make the puskesmas' queue BPJS's complaint
    ("antrian pasien bpjs di puskesmas mengular, petugas cuma satu", "15.72", "15.72-dinkes"),
    # Javanese 'bangjo' is the traffic light
    ("bangjo perempatan alun alun mati total, rawan tabrakan", "33.73", "33.73-dishub"),
    # the entrance fee of a tourist site is the tourism office's
    ("retribusi masuk air terjun naik dua kali lipat tanpa pemberitahuan", "32.18", "32.18-dispar"),
    # the SMP holding the certificate is the kabupaten's, though the SMA the child cannot enter is the province's
    ("ijazah anak saya ditahan SMP karena belum lunas uang komite, mau daftar SMA nggak bisa", "33.74",
     "33.74-disdik"),
    # weighbridges (UPPKB) are the Ministry of Transport's since 2017, not the kabupaten's transport office
    ("petugas jembatan timbang minta uang ke sopir truk padahal muatan tidak lebih", "18.01", "kemenhub"),
    # a child beaten at home is the women and children protection office's (UPTD PPA)
    ("bocah tetangga tiap malam dipukuli ibu tirinya, sampai lebam lebam", "33.74", "33.74-dp3a"),
    # a madrasah, its teachers and its BOS are the Ministry of Religious Affairs' office, whatever school words
    ("madrasah kami di desa belum terima dana bos sejak 3 bulan", "33.26", "33.26-kemenag"),
    ("guru honorer MTs swasta belum gajian 3 bulan", "33.26", "33.26-kemenag"),
    # a village's officials are the village office's, where villages are 'kampung' or 'nagari' too
    ("gaji perangkat kampung kami sudah 4 bulan tidak dibayar", "91.03", "91.03-dpmd"),
    # livestock left to roam is a public-order matter the Satpol PP enforces, not the livestock office's
    ("sapi lepas tiap malam di jalan poros, motor sering nabrak", "73.08", "73.08-satpolpp"),
    # a dark road wants street lights, whatever building it leads to
    ("jalan ke puskesmas gelap gulita tra ada lampu, ibu hamil takut lewat malam", "94.01", "94.01-dishub"),
    # ...but a damaged road that is also dark is still the road's ('risak': Javanese krama 'rusak')
    ("dalan risak, dalu peteng", "33.05", "33.05-pupr"),
    # dry wells and no water deliveries: drought relief, where there is no water company's pipe
    ("sumur kering, warga antri air bersih di mata air", "53.01", "53.01-bpbd"),
    # the quality of fish sold is the fisheries office's, though it is sold at a market
    ("ikan busuk masih dijual di pasar, tolong diperiksa", "19.03", "19.03-diskan"),
])
def test_the_problem_decides_the_office(catalog: AgencyCatalog, story: str, region: str, agency: str) -> None:
    found = catalog.suggest(story, region)
    assert found and found[0].agency.code == agency, [m.agency.code for m in found]


def test_a_kabupaten_road_is_not_the_ministry_s(catalog: AgencyCatalog) -> None:
    found = catalog.suggest("jalan kabupaten ke dusun kami berlubang, bukan jalan nasional", "72.02")
    assert found[0].agency.code == "72.02-pupr"
    # Sundanese 'lain' is 'bukan'
    found = catalog.suggest("jalan poros desa ka sawah di pamanukan ruksak parah, lain jalan pantura", "32.13")
    assert found[0].agency.code == "32.13-pupr"


def test_regency_nicknames(catalog: AgencyCatalog) -> None:
    assert catalog.regions.resolve("parimo").best.region.code == "72.08"
    assert catalog.regions.resolve("lutim").best.region.code == "73.24"
    assert catalog.regions.resolve("barsel").best.region.code == "62.04"  # Barito Selatan, not Bangka's 'basel'
    assert catalog.regions.resolve("kkr").best.region.code == "61.12"  # Kubu Raya (was Kayong Utara's code)
    # capitals and towns that are no kecamatan's name, read as the kecamatan they lie in
    for town, kecamatan in (("pelabuhan ratu", "32.02.01"), ("tamiang layang", "62.13.01"), ("sibuhuan", "12.21.07"),
                            ("muara bungo", "15.08.03"), ("seminyak", "51.03.01")):
        assert catalog.regions.resolve(town).best.region.code == kecamatan


def test_a_heritage_site_is_no_website(catalog: AgencyCatalog) -> None:
    """'situs' is a website only with the web named ('situs web', 'situs judi'): 'situs Majapahit' is no Komdigi's."""
    found = catalog.suggest("penambang bata merusak situs Majapahit di Trowulan", "35.16")
    assert not any(m.agency.code in ("komdigi", "35.16-diskominfo") for m in found)
    site = catalog.suggest("website pemkab tidak bisa dibuka sudah seminggu", "33.74")
    assert site and site[0].agency.code == "33.74-diskominfo"
