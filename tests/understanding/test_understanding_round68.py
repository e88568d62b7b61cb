"""Round 68 (h-tuneA): fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_labour_inspectors_are_the_provinces(catalog: AgencyCatalog) -> None:
    # labour inspection is a provincial affair (UU 23/2014): the inspectors asked for are the province's office's,
    # though the factory's kabupaten is named
    assert first(catalog, "adik saya kerja di pabrik garmen di Kabupaten Bekasi, lembur tiap hari tidak dibayar, "
                          "mohon pengawas ketenagakerjaan turun ke pabriknya") == "32-disnaker"
    assert first(catalog, "bapak saya buruh sawit di Kabupaten Muaro Jambi, upahnya dipotong terus sama mandor, "
                          "tolong pengawas naker periksa kebunnya") == "15-disnaker"
    # ...a wage complaint with no inspector asked for stays the kabupaten's office's
    assert first(catalog, "adik saya kerja di pabrik garmen di Kabupaten Bekasi, lembur tiap hari tidak "
                          "dibayar") == "32.16-disnaker"


def test_a_banjar_grandfather_is_no_railway(catalog: AgencyCatalog) -> None:
    # Banjar 'kai' is a grandfather: told in Banjar, the story is of him, not of the railway company KAI
    assert first(catalog, "kai ulun kada dapat bantuan sembako lagi, padahal sidin sudah tuha banar. kami di "
                          "Kabupaten Banjar") == "63.03-dinsos"
    assert first(catalog, "kai ulun handak ngurus KTP el, tapi alatnya rusak terus. kami di Kabupaten "
                          "Balangan") == "63.11-dukcapil"
    # ...while a station's or a train's KAI stays the railway's
    assert first(catalog, "stasiun Kiaracondong toiletnya rusak dan bau, tolong KAI perbaiki") == "kai"


def test_a_public_hospital_named_is_its_owners(catalog: AgencyCatalog) -> None:
    # the province runs the big hospitals of its capital: named, they are the province's RSUD, not the city's
    assert first(catalog, "bapak saya dirawat di RSUD dr. M. Yunus, infus habis dibiarkan, perawat jarang datang. "
                          "kami tinggal di Kota Bengkulu") == "17-rsud"
    assert first(catalog, "ibu saya antri poli jantung di RSUD dr Soetomo dari subuh, baru dipanggil sore. kami dari "
                          "Kota Surabaya") == "35-rsud"
    assert first(catalog, "RS Ulin Banjarmasin IGD penuh, pasien tidur di lorong semalaman") == "63-rsud"
    # ...a city's own hospital named is the city's
    assert first(catalog, "anak saya demam tinggi dibawa ke RSUD Gambiran tengah malam, dokter jaga tidak ada") == (
        "35.71-rsud")
    # ...and a street named after the same man is no hospital
    assert first(catalog, "jalan dr soetomo di depan rumah saya di Kota Madiun berlubang besar") == "35.77-pupr"


def test_fishers_harmed_by_a_polluter_are_not_the_fisheries_offices(catalog: AgencyCatalog) -> None:
    # a mine or a factory's waste fouling the water: the fishers and their catch are who it harms
    assert first(catalog, "pabrik tapioka buang limbah ke sungai di Kabupaten Tulang Bawang, nelayan sungai tidak "
                          "dapat ikan lagi, keramba warga mati") == "18.05-dlh"
    assert first(catalog, "sejak PLTU beroperasi di Kabupaten Jepara, air laut dekat pantai panas, hasil tangkapan "
                          "nelayan kecil turun terus") == "33.20-dlh"
    # ...fishers with no polluter said are still the fisheries office's
    assert first(catalog, "nelayan kecil di Kabupaten Jepara susah dapat solar, hasil tangkapan turun terus") == (
        "33.20-diskan")


def test_a_type_a_terminal_is_the_ministrys(catalog: AgencyCatalog) -> None:
    # the terminal for buses between provinces (type A, AKAP) is run by the Ministry of Transport's BPTD
    assert first(catalog, "terminal Giwangan toiletnya rusak semua, padahal terminal tipe A, penumpang bus malam "
                          "kasihan") == "kemenhub"
    assert first(catalog, "di terminal Kampung Rambutan banyak calo bus AKAP narik2 penumpang") == "kemenhub"
    # ...a town's terminal of angkot, or an AKAP bus stopping in the street, stays the town's transport office's
    assert first(catalog, "angkot di terminal Leuwipanjang ngetem sampai ke jalan, macet") == "32.73-dishub"
    assert first(catalog, "bus AKAP ngetem di depan alun-alun Kota Tegal bikin macet") == "33.76-dishub"


def test_a_child_made_to_work_is_the_protection_offices(catalog: AgencyCatalog) -> None:
    # a child made to sell or to work as a maid is the women and children protection office's to rescue, though the
    # school the child left is said
    assert first(catalog, "ada anak perempuan umur 11 di kampung kami dipaksa jualan kue sampai tengah malam sama "
                          "pamannya, sudah tidak sekolah. Kabupaten Maluku Tengah") == "81.01-dp3a"
    assert first(catalog, "tetangga sy anak umur 13 disuruh kerja jadi pembantu di kota, tra sekolah lagi. kami di "
                          "Kabupaten Jayapura") == "91.03-dp3a"
    # ...a child out of school for the fees is the education office's
    assert first(catalog, "anak2 di Kota Palu putus sekolah karena biaya seragam mahal") == "72.71-disdik"


def test_traders_on_the_road_are_public_orders_not_the_traffics(catalog: AgencyCatalog) -> None:
    # traders selling on the road: the jam and the angkot they hold up are what it costs, not the transport office's
    assert first(catalog, "pkl di jalan Ahmad Yani Kota Tegal makan badan jalan, angkot jadi macet tiap sore") == (
        "33.76-satpolpp")
    # ...a jam with no traders said stays the transport office's, and so does a parking attendant's fee
    assert first(catalog, "angkot di Kota Tegal ngetem sembarangan bikin macet") == "33.76-dishub"
    assert first(catalog, "jukir di depan pasar Kota Tegal minta 5 ribu, parkir liar makan jalan") == "33.76-dishub"


def test_an_old_person_left_alone_or_beaten_is_the_social_offices(catalog: AgencyCatalog) -> None:
    # an old person sleeping on the shop fronts, alone with no family, or beaten and unfed by their own family: the
    # social office's to fetch, house or protect
    assert first(catalog, "ada nenek2 tidur di emperan toko dekat pasar Kota Mataram, sepertinya pikun, tidak ingat "
                          "rumahnya") == "52.71-dinsos"
    assert first(catalog, "ada kakek tua tinggal di gubuk dekat pelabuhan Kota Kendari, tidak ada keluarga, mohon "
                          "dibawa ke panti") == "74.71-dinsos"
    assert first(catalog, "mbah kakung tetangga saya di Kota Pasuruan sering dipukuli cucunya sendiri, tidak dikasih "
                          "makan") == "35.75-dinsos"
    # ...and 'panti' alone is no problem word: a flood at Panti (a kecamatan of Jember) is still read there
    story = "Banjir bandang semalam di Panti, rumah di desa Kemiri kemasukan lumpur, warga mengungsi ke masjid"
    assert catalog.story_places(story)[0].startswith("35.09")
    assert first(catalog, story) == "35.09-bpbd"


def test_a_suku_dinas_is_jakartas(catalog: AgencyCatalog) -> None:
    # only Jakarta's offices are called Suku Dinas ('sudin'): where one is spoken of, the place is Jakarta's
    assert first(catalog, "sampah di gang Galur gak diangkut 5 hari, tolong sudin LH") == "31-dlh"
    assert first(catalog, "KTP nenek rusak kena banjir, di kelurahan Tanah Tinggi disuruh ke kantor sudin "
                          "dukcapil") == "31.71-dukcapil"
    # ...without it, Galur is as likely Kecamatan Galur of Kulon Progo
    assert first(catalog, "sampah di Galur gak diangkut 5 hari, tolong dinas lingkungan hidup") == "34.01-dlh"


def test_a_survivors_living_allowance_is_the_social_offices(catalog: AgencyCatalog) -> None:
    # the living allowance (jaminan hidup, 'jadup') paid to disaster survivors is the social office's, not the
    # disaster office's, though the quake is said
    assert first(catalog, "ibu saya penyintas gempa di Kabupaten Sigi, jaminan hidup (jadup) yang dijanjikan belum "
                          "dibayar") == "72.10-dinsos"
