"""Round 80 (h-tuneA): the shore worn away is its protection's office's; a road cracked by ground said moving is the
land movement's; water said come up into homes is a flood; the crop a failed irrigation channel left dry is what it
cost; fishers' diesel said of its outlet is Pertamina's. Fresh sentences for each rule, written for this file (none
copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_the_shore_worn_away_is_public_works(catalog: AgencyCatalog) -> None:
    # the sea eating the shore year by year: a revetment to build, Public Works'
    assert first(catalog, "abrasi makin parah, kebun kelapa warga sudah habis dimakan laut. kami di Kabupaten "
                          "Pesisir Selatan") == "13.01-pupr"
    assert first(catalog, "pantai di kampung kami terkikis terus, jalan desa tinggal dua meter dari laut. kami di "
                          "Kabupaten Pesisir Selatan") == "13.01-pupr"
    # ...a breakwater said broken is its office's, though the waves reach the homes
    assert first(catalog, "pemecah ombak di kampung kami sudah rusak, ombak besar masuk ke rumah. kami di "
                          "Kabupaten Pesisir Selatan") == "13.01-pupr"
    # ...homes said reached, with no broken works blamed, stay the disaster office's
    assert first(catalog, "abrasi sudah sampai ke rumah warga, dua rumah roboh. kami di Kabupaten Pesisir "
                          "Selatan") == "13.01-bpbd"


def test_a_road_cracked_by_moving_ground_is_the_disaster_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "dalan kampung retak dawa lan ambles, jare lemah gerak. kami di Kabupaten "
                          "Banjarnegara") == "33.04-bpbd"
    # ...a road said only cracked stays the road's
    assert first(catalog, "dalan kampung retak dawa lan ambles, tulung didandani. kami di Kabupaten "
                          "Banjarnegara") == "33.04-pupr"


def test_water_come_up_into_homes_is_a_flood(catalog: AgencyCatalog) -> None:
    assert first(catalog, "air sungai naik masuk rumah sejak kemarin, jembatan kecil putus. kami di Kabupaten "
                          "Barito Kuala") == "63.04-bpbd"
    # ...not piped water that does not reach the home
    assert first(catalog, "air pdam gak masuk rumah sudah seminggu. kami di Kabupaten Barito Kuala") != "63.04-bpbd"


def test_the_crop_a_failed_irrigation_channel_left_dry_is_what_it_cost(catalog: AgencyCatalog) -> None:
    assert first(catalog, "irigasi kering, air dari bendung gak sampai, petani gagal tanam, sawah retak. kami di "
                          "Kabupaten Sidenreng Rappang") == "73.14-pupr"


def test_fishers_diesel_said_of_its_outlet_is_pertamina(catalog: AgencyCatalog) -> None:
    assert first(catalog, "solar di SPBN pelabuhan kosong terus, nelayan antri dari subuh. kami di Kabupaten "
                          "Rembang") == "pertamina"
    # ...fishers said not getting their diesel are the fisheries office's to see entitled, unless the outlet is shut
    assert first(catalog, "nelayan di kampung kami susah dapat solar di SPBN, kapal tidak melaut. kami di Kabupaten "
                          "Rembang") == "33.17-diskan"
    assert first(catalog, "nelayan di kampung kami susah dapat solar, SPBN tutup sudah dua minggu. kami di "
                          "Kabupaten Rembang") == "pertamina"
    # ...the letter of recommendation said is the fisheries office's own paper
    assert first(catalog, "nelayan susah beli solar di SPBN karena surat rekomendasi belum keluar. kami di "
                          "Kabupaten Rembang") == "33.17-diskan"


def test_the_boat_children_ride_to_school_is_the_transport_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "anak2 kami naik perahu tiap pagi ke SMP di pulau seberang, perahunya sudah tua dan "
                          "sering mogok. kami di Kabupaten Indragiri Hilir") == "14.04-dishub"
    # ...the school itself complained of stays the education office's
    assert first(catalog, "anak2 kami naik perahu tiap pagi ke SMP di seberang, tapi gurunya jarang datang. kami di "
                          "Kabupaten Indragiri Hilir") == "14.04-disdik"


def test_water_in_homes_from_a_blocked_channel_is_the_channel(catalog: AgencyCatalog) -> None:
    # a channel said, rain after rain: the standing fault is its office's, not a flood's emergency
    assert first(catalog, "saluran dekat rumah tasumbek, tiok hujan aia masuak ka rumah. kami di Kota "
                          "Padang") == "13.71-pupr"


def test_wells_said_dry_are_the_drought(catalog: AgencyCatalog) -> None:
    # wells dry, water bought from a tanker: the disaster office's drought, not the water company
    assert first(catalog, "sumur di dusun kami su kering semua, kami beli air tangki mahal. kami di Kabupaten "
                          "Timor Tengah Selatan") == "53.02-bpbd"
