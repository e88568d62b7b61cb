"""Round 72 (h-tuneG): a clean-water pump is the water supply's, not a flood pump; 'jalan' after a negation is a
service that stopped running, not a road; 3 kg LPG scarce or dear at a shop or base is the trade office's (Pertamina
for its own agents, 12 kg gas and its app). Fresh sentences written for this file, none copied from a story set."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first, ranked


def test_a_clean_water_pump_that_stopped_is_the_water_company(catalog: AgencyCatalog) -> None:
    # 'pompa air bersih' pumps drinking water to homes: no flood pump of Public Works
    assert first(catalog, "pompa air bersih di dusun kami gak jalan sudah lima hari, warga beli air galon. "
                          "Kabupaten Sleman") == "34.04-pdam"


def test_a_flood_pump_that_stopped_stays_public_works(catalog: AgencyCatalog) -> None:
    assert first(catalog, "pompa air di rumah pompa kampung kami mati pas hujan deras, banjir masuk. "
                          "Kota Semarang") == "33.74-pupr"


def test_a_river_boat_that_no_longer_runs_is_the_transport_office(catalog: AgencyCatalog) -> None:
    # 'gak jalan lagi' said of a boat is a service stopped; no road is meant
    assert first(catalog, "kelotok dari desa kami ke kota kecamatan udah gak jalan lagi sebulan, anak sekolah "
                          "susah. Kabupaten Kapuas") == "62.03-dishub"


def test_a_minibus_that_stopped_running_is_the_transport_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "angkot jurusan terminal ke desa tidak jalan lagi sejak tahun lalu. "
                          "Kabupaten Sleman") == "34.04-dishub"


def test_a_road_said_with_a_negation_further_on_stays_public_works(catalog: AgencyCatalog) -> None:
    assert first(catalog, "jalan desa kami tidak pernah diaspal, becek kalau hujan. Kabupaten Sleman") \
        == "34.04-pupr"


def test_scarce_3kg_lpg_above_the_set_price_is_the_trade_office(catalog: AgencyCatalog) -> None:
    # the kabupaten trade office watches distribution and the HET; Pertamina is still offered after it
    found = ranked(catalog, "elpiji 3 kg langka seminggu ini, di warung dekat rumah 32 ribu, pangkalan katanya habis "
                            "terus. Kabupaten Klaten")
    assert found[0] == "33.10-disperindag"
    assert "pertamina" in found[:3]


def test_pertaminas_own_12kg_gas_and_agents_stay_pertamina(catalog: AgencyCatalog) -> None:
    assert first(catalog, "harga elpiji 12 kg naik lagi bulan ini, Kabupaten Klaten") == "pertamina"
    assert first(catalog, "agen elpiji di kecamatan kami potong jatah ke pangkalan, Kabupaten Klaten") == "pertamina"
