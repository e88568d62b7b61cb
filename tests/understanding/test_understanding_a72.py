"""Round 72 (h-tuneA): tidal floods through a failed dyke or drain, roads cut by landslides, bridges broken or swept
away, hauling trucks speeding through villages; fresh sentences for each rule, written for this file (none copied
from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_a_tidal_flood_through_a_broken_dyke_is_the_dykes_office(catalog: AgencyCatalog) -> None:
    # the tide comes in every day where the sea dyke has given way: Public Works builds it, not the disaster office
    assert first(catalog, "tiap sore rob masuk ke gang kami, tanggul di pinggir laut sudah jebol dua tahun. kami di "
                          "Kabupaten Demak") == "33.21-pupr"
    # ...and where it was never finished
    assert first(catalog, "rob naik lagi sampai dapur, tanggulnya belum selesai dibangun. kami warga Kabupaten "
                          "Brebes") == "33.29-pupr"


def test_a_tidal_flood_with_relief_asked_for_stays_the_disaster_office(catalog: AgencyCatalog) -> None:
    # relief asked for is the emergency itself, the disaster office's, whatever broke
    assert first(catalog, "banjir rob sudah empat hari di desa kami Kabupaten Demak, tanggul jebol, tolong kirim "
                          "bantuan makanan") == "33.21-bpbd"


def test_a_tidal_flood_with_no_dyke_said_stays_the_disaster_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "rob masuk rumah sampai lutut sudah tiga hari di Kabupaten Pekalongan") == "33.26-bpbd"


def test_a_road_cut_by_a_landslide_is_public_works(catalog: AgencyCatalog) -> None:
    # the landslide is how the road was lost: the road's office clears and rebuilds it
    assert first(catalog, "jalan ke kebun longsor lagi, alat berat belum datang. kami di "
                          "Kabupaten Sigi") == "72.10-pupr"


def test_a_landslide_that_buried_a_home_stays_the_disaster_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "longsor menutup jalan desa dan dua rumah tertimbun, kami di Kabupaten "
                          "Banjarnegara") == "33.04-bpbd"


def test_a_bridge_swept_away_is_public_works(catalog: AgencyCatalog) -> None:
    # a bridge broken or swept away by the river is Public Works' to rebuild
    assert first(catalog, "jembatan kayu ke ladang hanyut kebawa arus minggu lalu, kami di Kabupaten Sigi harus "
                          "nyeberang sungai") == "72.10-pupr"
    assert first(catalog, "titian ke sekolah sudah patah, anak2 lewat pinggir sungai. Kabupaten Sambas") == "61.01-pupr"


def test_hauling_trucks_speeding_are_the_transport_office(catalog: AgencyCatalog) -> None:
    # trucks of sand or cane speeding through a village are the transport office's to rule, not the road's
    assert first(catalog, "truk pasir lewat kampung kami tiap hari ngebut, kemarin hampir nabrak orang naik motor. "
                          "kami di Kabupaten Magelang") == "33.08-dishub"
    assert first(catalog, "truk tebu musim giling ugal-ugalan lewat desa, kami di Kabupaten Kudus") == "33.19-dishub"


def test_a_parit_said_paret_is_a_drain(catalog: AgencyCatalog) -> None:
    # Medan's 'paret' is a drain: blocked, it is the cause of the flood it makes
    assert first(catalog, "paret depan rumah tersumbat, hujan sikit aja banjir. kami di Kota Medan") == "12.71-pupr"


def test_a_drain_built_over_outranks_the_flood_it_makes(catalog: AgencyCatalog) -> None:
    # a drain closed by a building or never connected is the cause of the flood: Public Works, not the disaster office
    assert first(catalog, "tiap hujan gang kami banjir karena selokan ditutup bangunan toko baru. kami di Kota "
                          "Bekasi") == "32.75-pupr"
    assert first(catalog, "kompleks kami kebanjiran terus krn saluran gak nyambung ke kali, kami di Kabupaten "
                          "Sidoarjo") == "35.15-pupr"


def test_a_pavement_taken_by_parked_bikes_is_the_transport_office(catalog: AgencyCatalog) -> None:
    # motorbikes parked or ojek waiting on the pavement: the transport office runs parking and the ojek bases
    assert first(catalog, "trotoar depan minimarket dipake parkir motor terus, orang jalan kaki turun ke aspal. "
                          "Kota Bogor") == "32.71-dishub"
    assert first(catalog, "ojek online mangkal di trotoar depan mal tiap sore, kami di Kota Malang") == "35.73-dishub"
    # ...with traders on it too, public order clears both
    assert first(catalog, "trotoar alun-alun penuh pedagang jualan dan parkir motor, kami di Kota Malang") == (
        "35.73-satpolpp")
    # ...and a pavement said broken is Public Works' to mend
    assert first(catalog, "trotoar di depan sekolah rusak dan dipake parkir motor, kami di Kota Malang") == (
        "35.73-pupr")


def test_a_coffee_stall_open_all_night_is_public_order(catalog: AgencyCatalog) -> None:
    # a warkop or warnet open all night or in school hours breaks the rules on business hours: the Satpol PP's
    assert first(catalog, "warnet dekat SMP buka jam sekolah, murid2 bolos main game di sana. tolong ditertibkan, "
                          "kami di Kabupaten Grobogan") == "33.15-satpolpp"
    assert first(catalog, "warkop di ujung gang buka sampai subuh tiap hari, ribut terus. kami di Kota "
                          "Pontianak") == "61.71-satpolpp"


def test_pjl_is_a_street_light(catalog: AgencyCatalog) -> None:
    # 'PJL' (penerangan jalan lingkungan) is a street light as PJU is: the transport office's
    assert first(catalog, "pjl di gang kami mati sudah dua minggu, gelap sekali. kami di Kota Depok") == "32.76-dishub"
