"""Round 78 (h-tuneE): everyday words for problems the keyword lists did not know. A factory's smoke, dust or din
said in Javanese ('asep', 'bledug', 'ramene'), piped water that runs only some hours, the regional names of an
irrigation channel (Banjar 'handil', Mandailing 'bandar aek'), the 3 kg gas said in kilos, ground said to move
('tanah gerak'), the Javanese traffic light ('lampu abang ijo'), Moluccan 'sopi', a workshop's din ('bising'),
Javanese dry wells ('sumur garing') and a haze ('kabut asap'). Fresh sentences written for this file, none copied
from a story set."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_a_factory_blowing_black_smoke_in_javanese_is_pollution(catalog: AgencyCatalog) -> None:
    # 'asep' is Javanese 'asap' (smoke): after a factory it is no Sundanese name
    assert first(catalog, "pabrik genteng ngarep omah ngebul asep terus, mripat perih", "33.10") == "33.10-dlh"


def test_a_mill_whose_din_and_dust_reach_homes_is_pollution(catalog: AgencyCatalog) -> None:
    assert first(catalog, "penggilingan kopi cedhak omah ramene nganti bengi, bledug e mlebu kamar", "33.10") \
        == "33.10-dlh"


def test_water_that_runs_only_at_night_is_the_water_company(catalog: AgencyCatalog) -> None:
    # no outage said: the water runs, but only a few hours; the goats drinking it are no livestock case
    assert first(catalog, "air di perumahan kami hanya mengalir tengah malam, kambing pun ikut kehausan", "33.10") \
        == "33.10-pdam"


def test_a_silted_handil_is_irrigation_not_the_farm_office(catalog: AgencyCatalog) -> None:
    # Banjar 'handil': the channel that carries the river to the rice fields
    assert first(catalog, "handil ke sawah kami dangkal, banyu kada sampai, padi layu", "63.04") == "63.04-pupr"


def test_a_bandar_aek_that_gave_way_is_irrigation(catalog: AgencyCatalog) -> None:
    # Mandailing 'bandar aek' (water channel) broken above the fields
    assert first(catalog, "bandar aek ke sawah kami jebol bah, padi mulai kering", "12.77") == "12.77-pupr"


def test_the_three_kilo_gas_dear_at_the_base_is_the_trade_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "gas tiga kilo di pangkalan dekat rumah sekarang 40 ribu", "73.04") == "73.04-disperindag"


def test_ground_said_to_move_under_homes_is_the_disaster_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "tanah gerak lagi di dukuh kami, tembok omah pada sempal", "33.04") == "33.04-bpbd"


def test_the_javanese_traffic_light_is_transport(catalog: AgencyCatalog) -> None:
    assert first(catalog, "lampu abang ijo prapatan pasar mati telung dina, dalan semrawut", "33.10") \
        == "33.10-dishub"


def test_sopi_drunk_all_night_is_public_order(catalog: AgencyCatalog) -> None:
    assert first(catalog, "tiap malam anak muda minum sopi di pos ronda, ribut sampai pagi", "81.71") \
        == "81.71-satpolpp"


def test_a_workshops_din_into_the_night_is_public_order(catalog: AgencyCatalog) -> None:
    assert first(catalog, "bengkel las di rumah tetangga bising sampai malam, ditegur tak peduli", "14.71") \
        == "14.71-satpolpp"


def test_dry_wells_in_javanese_are_the_disaster_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "sumur garing kabeh, tangki ora teko-teko", "34.03") == "34.03-bpbd"


def test_a_haze_over_the_town_is_the_disaster_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "kabut asap makin pekat, anak-anak sekolah pakai masker", "62.71") == "62.71-bpbd"
