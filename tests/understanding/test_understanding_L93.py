"""The office's level (round 93, tuner L): the transport office the teller writes to, said with its level ('dishub
kabupaten', 'dinas perhubungan kota', 'dishub provinsi'), sets the level of the boat's crossing the story names; a
boat said where it lies ('kelotok di Murung Raya') names no two ends side by side; traffic kept to a rule the
governor made ('larangan gubernur', 'pergub') is the province's transport office's; a national bridge or road the
teller only passes along ('saya dari Surabaya lewat Suramadu') after a broken road told is in passing; a paper said
to come from the province ('surat kesehatan hewan dr provinsi') or its errand done there ('urus izin kapal harus ke
provinsi') is the province's office's; two more public hospitals by their own names (hospitals.csv: RSUD M.
Natsir, the province's; RSUD Genteng, Banyuwangi's)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(
    ("story", "region", "office"),
    [
        # taught by blind93 'kapal/speedboat reguler dari pelabuhan Nabire ke pulau Moor ... tolong dinas perhubungan
        # kabupaten' (Pulau Moor read as Halmahera Tengah's namesake: the ministry's) and blind46 'Kapal kayu dari
        # tenau kota kupang ke hansisi semau ... Tolong dishub kabupaten kupang awasi' (two kabupaten: the province's)
        ("kapal kayu dari pelabuhan Nabire ke pulau Moor mesinnya rusak terus, kami susah ke pasar. tolong dishub "
         "kabupaten perhatikan", "94.01.13", "94.01-dishub"),
        ("kapal kayu dari Tenau ke Hansisi penumpangnya ditumpuk sama barang, tolong dishub kab kupang periksa", None,
         "53.01-dishub"),
        ("perahu motor dari Tenau ke pulau Semau sering kelebihan penumpang, tidak ada pelampung. mohon dishub "
         "kabupaten Kupang tertibkan", None, "53.01-dishub"),
        # ...and blind48 'Ketek penyeberangan sungai batanghari dari seberang kota ke pasar angso duo ... Dishub kota
        # jambi tolong cek'
        ("ketek dari Seberang Kota ke Angso Duo mesinnya sering mati di tengah sungai, dishub kota jambi mohon cek",
         None, "15.71-dishub"),
        ("kapal dari Baubau ke pulau Kadatua penuh sesak, tarif naik sendiri. tolong dishub kota Baubau awasi", None,
         "74.72-dishub"),
        # (edges, passing on the start code too: the province's office named keeps a crossing inside one kota the
        # province's)
        ("speedboat dari Tual ke pulau Kur sering batal, mohon dishub provinsi tegur pemiliknya", None, "81-dishub"),
        ("kapal dari Tual ke pulau Kur sering batal, mohon dinas perhubungan provinsi atur", None, "81-dishub"),
    ],
)
def test_the_transport_office_named_with_its_level_sets_the_crossings(
        catalog: AgencyCatalog, story: str, region: str | None, office: str) -> None:
    assert first(catalog, story, region) == office


@pytest.mark.parametrize(
    "story",
    [
        # taught by blind93 'Dermaga kelotok penumpang di Murung Raya papannya banyak yang copot' ('di Murung' read
        # Kabupaten Murung Raya by likeness, 'Raya' a kecamatan of Simalungun: a crossing between provinces)
        "perahu penumpang di Murung Raya tidak ada pelampung sama sekali",
        "Dermaga kelotok penumpang di Murung Raya papannya lapuk, anak sekolah bahaya naik turun",
    ],
)
def test_a_boat_where_it_lies_names_no_two_ends(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "62.12-dishub"


@pytest.mark.parametrize(
    ("story", "office"),
    [
        # taught by blind14 'Truk batubara masih lewat jalan umum di Tanjung Enim siang hari, padahal sudah ada larangan
        # gubernur' and blind31 'TRUK BATUBARA MASIH LEWAT JALAN UMUM DI MUARO JAMBI ... KATANYA ADA PERGUB TAPI
        # DILANGGAR'
        ("truk pasir masih lewat jalan dalam kota Muara Bulian siang hari padahal sudah dilarang gubernur, macet tiap "
         "sore", "15-dishub"),
        ("angkutan batubara lewat jalan umum di Sarolangun jam sibuk, katanya ada pergub tapi tidak ada yang tegakkan",
         "15-dishub"),
        ("truk tambang lalu lalang siang hari di jalan raya Merapi Lahat, padahal ada surat edaran gubernur cuma boleh "
         "malam", "16-dishub"),
        # (edges, passing on the start code too: a mayor's ban is the kota's; 'Gubernur' in a kelurahan's name is no
        # rule)
        ("truk batubara lewat jalan kota Lubuklinggau siang hari padahal dilarang perwali", "16.73-dishub"),
        ("kelurahan Pematang Gubernur, lampu jalan dekat masjid mati semua sudah sebulan", "17.71-dishub"),
    ],
)
def test_traffic_a_governors_rule_keeps_is_the_provinces(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


@pytest.mark.parametrize(
    ("story", "office"),
    [
        # taught by blind39 'jalan di Bangkalan rusak parah, saya dari Surabaya lewat Suramadu', blind33 'jalan di
        # Socah bangkalan rusak parah ... engkok tiap hari lewat ke suramadu', blind19 Madurese 'lebat Suramadu' and
        # blind27 'jalan ke arah suramadu itu sebelah pinggir berlubang' (the road toward it)
        ("jalan kabupaten di Kamal rusak berat, banyak lubang, saya kerja di Surabaya tiap hari lewat Suramadu",
         "35.26-pupr"),
        ("jalan poros desa di Tanjung Bumi bolong semua, kami dari Surabaya lewat suramadu lalu masuk ke desa langsung "
         "hancur", "35.26-pupr"),
        ("jalan desa di Kayuagung rusak parah berlubang, saya tiap hari lewat jalintim ke Palembang", "16.02-pupr"),
        ("jalan lingkungan di Weleri banyak lubang, saya dari Semarang lewat pantura tiap pagi", "33.24-pupr"),
        ("jalan kampung di Babat rusak berat, tiap hari saya melewati jalan pantura ke Tuban", "35.24-pupr"),
        # (edges, passing on the start code too: the damage told only after the way passed is the way's own; the
        # teller saying the road is the nation's keeps it so)
        ("saya warga Kota Malang, tiap minggu lewat jalur pansela, di Gedangan ada beberapa titik yang amblas",
         "kemen-pu"),
        ("jalan di Sayung tergenang rob, saya lewat jalan pantura tiap hari, jalan nasional itu aspalnya hancur",
         "kemen-pu"),
    ],
)
def test_a_national_way_only_passed_along_is_in_passing(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


@pytest.mark.parametrize(
    ("story", "office"),
    [
        # taught by blind71 'Ambo antar amak ka RSUD M Natsir solok, antri obat' (West Sumatra's hospital in Kota Solok)
        # and blind40 'anak saya di RSUD Genteng disuruh bayar obat padahal pakai KIS' (Banyuwangi's, in Kec. Genteng)
        ("amak dirawat di RSUD M Natsir solok, obatnyo disuruh bali di lua", "13-rsud"),
        ("bapak kontrol ke rumah sakit Mohammad Natsir di kota Solok, antre dari subuh sampai sore", "13-rsud"),
        ("anak saya di RSUD Genteng diminta bayar darah padahal pakai KIS", "35.10-rsud"),
        ("RS Genteng IGD-nya penuh, pasien ditaruh di lorong semalam", "35.10-rsud"),
    ],
)
def test_two_more_hospitals_by_their_names(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


@pytest.mark.parametrize(
    ("story", "office"),
    [
        # taught by blind60 'pengiriman sapi antar pulau ... ditahan di pelabuhan krn surat kesehatan hewan dr provinsi
        # blm terbit', blind52 'urus izin kapal harus ke provinsi, jauh ke surabaya', blind48 'mau urus SIUP dan SIPI
        # di provinsi' and blind12 'kata kabupaten ... izin lingkungan dari provi[nsi]'
        ("kambing dari Pamekasan mau dikirim ke Kalimantan tertahan di pelabuhan, surat keterangan kesehatan hewan "
         "dari provinsi belum keluar", "35-disnak"),
        ("sapi dari Bima tertahan di pelabuhan karena rekomendasi dr propinsi belum turun", "52-disnak"),
        ("nelayan Muncar mau urus SIPI di provinsi, bolak balik ke Surabaya belum juga jadi", "35-diskan"),
        ("warga Morowali sesak napas kena debu smelter, kata kabupaten izin lingkungannya dari provinsi", "72-dlh"),
    ],
)
def test_a_paper_from_the_province_is_its_offices(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office
