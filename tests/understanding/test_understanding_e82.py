"""Round 82 (h-tuneE, keywords): wells said run out or salty, the dry season, a village pipeline asked for, no
transport running, and land burned on purpose. Fresh sentences for each row, written for this file (none copied from
a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_wells_run_out_in_the_dry_season_are_the_disaster_office(catalog: AgencyCatalog) -> None:
    # the drought tanker water answers: the disaster office's (LABELLING.md, village water)
    assert first(catalog, "sumur di dusun kami sudah habis, orang tua pikul jerigen jauh. kami di Kabupaten "
                          "Timor Tengah Utara") == "53.03-bpbd"
    assert first(catalog, "musim kering begini warga antri ambil air di embung. kami di Kabupaten Timor Tengah "
                          "Utara") == "53.03-bpbd"


def test_salty_wells_need_a_water_system_from_public_works(catalog: AgencyCatalog) -> None:
    # no water company's pipe: a drinking-water system to build, Public Works'
    assert first(catalog, "susah dapat air bersih, sumur warga payau semua. kami di Kabupaten Banggai "
                          "Laut") == "72.11-pupr"
    assert first(catalog, "tolong pipanisasi dari mata air ke kampung. kami di Kabupaten Banggai Laut") == "72.11-pupr"
    # ...a water company named with its supply stopped stays its own
    assert first(catalog, "air pdam tidak ngalir seminggu, sumur juga asin. kami di Kabupaten Banggai "
                          "Laut") == "72.11-pdam"


def test_no_transport_running_is_the_transport_office(catalog: AgencyCatalog) -> None:
    # 'jalan ke kota' is where people go, the complaint is that nothing runs there
    assert first(catalog, "dari desa kami jalan ke pasar kecamatan tidak ada angkutan, harus ojek mahal. kami di "
                          "Kabupaten Sarmi") == "91.10-dishub"


def test_land_burned_on_purpose_is_the_environment_office(catalog: AgencyCatalog) -> None:
    # the act of burning fields for clearing whose smoke fills the homes, not a fire the disaster office puts out
    assert first(catalog, "tiap sore ada pembakaran lahan di belakang perumahan, asap masuk kamar bayi. kami di "
                          "Kabupaten Kampar") == "14.01-dlh"
