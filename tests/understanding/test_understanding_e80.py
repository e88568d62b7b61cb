"""Round 80 (h-tuneE): everyday words for problems the keyword tables did not know. Water come into the homes or
standing waist-deep, a river spilling over ('luapan'), wells gone dry, ground said to move in Javanese and
Sundanese ('lemah gerak', 'taneuh retak'), a broken breakwater or groin ('batu grip'), the Javanese dyke ('tangkis'),
waste dumped into a river in Javanese ('mbuang ... nang kali') and a river turned red ('dadi abang'), a river
'dicemari', a rail crossing said 'perlintasan rel', a roro or feri alone, a village water tank ('bak penampung').
Fresh sentences written for this file, none copied from a story set."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_river_water_come_into_the_homes_is_a_flood(catalog: AgencyCatalog) -> None:
    # a river's water into the homes is the flood, the footbridge it carried off its effect
    assert first(catalog, "air sungai masuk rumah sampai sepinggang, titian ke sekolah hanyut", "63.08") == "63.08-bpbd"


def test_river_water_come_into_the_homes_in_javanese_is_a_flood(catalog: AgencyCatalog) -> None:
    # Javanese 'mlebu omah' (come into the house)
    assert first(catalog, "banyu kali mlebu omah, titian cilik putus", "33.21") == "33.21-bpbd"


def test_a_river_overflow_said_luapan_is_a_flood(catalog: AgencyCatalog) -> None:
    assert first(catalog, "luapan sungai sejak semalam, warga mengungsi ke masjid", "61.06") == "61.06-bpbd"


def test_wells_gone_dry_are_the_drought(catalog: AgencyCatalog) -> None:
    assert first(catalog, "sumur warga di dusun kami kering semua, harus beli air jerigen", "53.14") == "53.14-bpbd"


def test_ground_said_to_move_in_javanese_outranks_the_road_it_breaks(catalog: AgencyCatalog) -> None:
    assert first(catalog, "lemah gerak neng kampung, jalan retak-retak", "33.04") == "33.04-bpbd"


def test_sundanese_cracked_ground_is_the_disaster_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "di lembur abdi taneuh retak panjang pisan, warga sieun", "32.02") == "32.02-bpbd"


def test_a_broken_breakwater_is_public_works(catalog: AgencyCatalog) -> None:
    # the thing broken is Public Works' to rebuild; the waves it lets in are its effect
    assert first(catalog, "batu grip di pantai kampung kami sudah hancur, ombak sampai ke halaman", "13.71") \
        == "13.71-pupr"


def test_the_javanese_dyke_that_gave_way_is_public_works(catalog: AgencyCatalog) -> None:
    assert first(catalog, "tangkis kali nang mburi desa jebol, sawah kebanjiran", "35.22") == "35.22-pupr"


def test_waste_dumped_into_the_river_in_javanese_is_pollution(catalog: AgencyCatalog) -> None:
    assert first(catalog, "tukang mebel mbuang serbuk kayu nang kali", "33.20") == "33.20-dlh"


def test_a_river_turned_red_in_javanese_is_pollution(catalog: AgencyCatalog) -> None:
    assert first(catalog, "kali cedhak omahku dadi abang saben sore, iwak pada mati", "33.20") == "33.20-dlh"


def test_a_river_dicemari_is_pollution(catalog: AgencyCatalog) -> None:
    assert first(catalog, "sungai di kampung kami dicemari mesin penyedot emas tiap hari", "15.02") == "15.02-dlh"


def test_a_rail_crossing_said_perlintasan_rel_is_transport(catalog: AgencyCatalog) -> None:
    assert first(catalog, "perlintasan rel dekat sekolah tidak ada penjaganya, anak-anak takut lewat", "35.21") \
        == "35.21-dishub"


def test_a_roro_queue_is_transport(catalog: AgencyCatalog) -> None:
    assert first(catalog, "antre roro ke pulau seberang sampai enam jam, calo tiket di mana-mana", "14.03") \
        == "14.03-dishub"


def test_a_village_water_tank_is_public_works(catalog: AgencyCatalog) -> None:
    # a tank outside the water company's network is the kabupaten's drinking-water system (LABELLING.md)
    assert first(catalog, "bak penampung di kampung kami kering dua bulan, warga timba di kali", "53.06") \
        == "53.06-pupr"


def test_a_lake_resort_left_dirty_is_tourism(catalog: AgencyCatalog) -> None:
    # a ticketed lake or bathing place is run by the tourism office
    assert first(catalog, "telaga di kaki gunung kotor, airnya ijo", "35.20") == "35.20-dispar"


def test_a_hot_spring_bathing_place_left_untended_is_tourism(catalog: AgencyCatalog) -> None:
    assert first(catalog, "pemandian air panas tidak terawat, lumut di kolam", "16.72") == "16.72-dispar"


def test_a_child_left_alone_locked_in_is_child_protection(catalog: AgencyCatalog) -> None:
    assert first(catalog, "balita sebelah rumah sering ditinggal sendirian, nangis terus sampai malam", "32.76") \
        == "32.76-dp3a"


def test_a_wage_paid_in_instalments_is_the_labour_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "kerja di PKS, gaji dicicil tiap bulan", "14.06") == "14.06-disnaker"


def test_not_paid_at_all_is_the_labour_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "sudah empat bulan tidak digaji sama pemilik hotel", "51.03") == "51.03-disnaker"


def test_an_exhibitionist_is_the_police(catalog: AgencyCatalog) -> None:
    assert first(catalog, "ada orang eksibisionis di gang dekat sekolah tiap sore", "32.76") == "polri"


def test_cruise_ship_crew_sent_abroad_is_the_migrant_agency(catalog: AgencyCatalog) -> None:
    assert first(catalog, "adik saya awak kapal pesiar, agennya menahan dokumen", "51.08") == "kp2mi"


def test_a_spillover_market_on_the_road_is_public_order(catalog: AgencyCatalog) -> None:
    # traders spilling onto the road are public order's to move, as street vendors (PKL) are
    assert first(catalog, "pasar tumpah tiap pagi sampai ke tengah jalan depan masjid, warga susah lewat", "35.72") \
        == "35.72-satpolpp"


def test_a_pop_up_market_on_the_road_is_public_order(catalog: AgencyCatalog) -> None:
    assert first(catalog, "pasar kaget tiap minggu pagi nutup jalan desa", "36.04") == "36.04-satpolpp"
