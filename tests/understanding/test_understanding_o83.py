"""Round 83 (h-tuneO): office rules; fresh sentences for each rule, written for this file (none copied from a story
set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_a_pipe_from_the_spring_cut_by_a_slide_is_public_works(catalog: AgencyCatalog) -> None:
    # the village's pipe from its spring is its drinking-water works, the slide that cut it how it was lost
    assert first(catalog, "pipa air dari mata air ke dusun kami di Kuningan putus sejak gempa, warga angkut air "
                          "dari sungai") == "32.08-pupr"
    assert first(catalog, "di Kuningan pipa cai ti cinyusu peupeus katinggang longsor, cai teu ngocor") == "32.08-pupr"
    # ...while a slide that buried homes is the disaster itself
    assert first(catalog, "longsor di Kuningan, dua rumah tertimbun, pipa dari mata air juga putus") == "32.08-bpbd"


def test_a_pelantar_with_no_boat_is_the_village_path(catalog: AgencyCatalog) -> None:
    # a plank walkway between stilt houses is Public Works' village path, not a jetty
    assert first(catalog, "pelantar di kampung kami di Karimun lapuk, papan banyak patah, anak jatuh ke laut"
                 ) == "21.02-pupr"
    # ...while one the boats land at stays the transport office's jetty
    assert first(catalog, "pelantar tempat pompong sandar di Karimun rusak, penumpang susah naik") == "21.02-dishub"


def test_a_plank_walkway_of_ulin_is_public_works(catalog: AgencyCatalog) -> None:
    # a plank walkway of ironwood over the water is a village path, Public Works' (as 'jembatan kayu' is)
    assert first(catalog, "titian ulin di Barito Kuala lapuk, nini kami tagalincir ka banyu") == "63.04-pupr"


def test_a_hospital_one_hrs_go_to_is_where_the_boat_goes(catalog: AgencyCatalog) -> None:
    # 'hrs ke RSUD' ('harus' typed short): the hospital is where the failing boat was to take them
    assert first(catalog, "orang sakit di pulau kami hrs ke RSUD Natuna, pompong tak ade jadwal tetap"
                 ) == "21.03-dishub"


def test_an_unlicensed_mine_asked_closed_is_the_polices(catalog: AgencyCatalog) -> None:
    # the closing of an unlicensed mine asked for is a crime to stop, as 'tolong ditindak' is
    assert first(catalog, "tambang timah ilegal di belakang kampung kami di Bangka kerja siang malam, tolong ditutup"
                 ) == "polri"
    # ...while a pit said left open keeps its office
    assert first(catalog, "bekas tambang timah ilegal di Bangka lubangnya gak ditutup, anak kecil bisa jatuh"
                 ) != "polri"


def test_javanese_dust_is_the_environment_offices(catalog: AgencyCatalog) -> None:
    assert first(catalog, "pabrik semen nang Rembang, debune mlebu omah saben dina, bocah2 watuk") == "33.17-dlh"
