"""Round 85 (h-tuneO): office rules; fresh sentences for each rule, written for this file (none copied from a story
set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_fish_a_mine_killed_are_water_fouled(catalog: AgencyCatalog) -> None:
    # the fish dead below a mine are fouled water, the environment office's to trace (LABELLING.md's mine row)
    assert first(catalog, "tambang emas dekat kampung kami di Bombana, ikan di kali banyak yang mati, kami takut "
                          "minum airnya") == "74.06-dlh"
    # ...while a pit left open keeps the mining office's reclamation
    assert first(catalog, "lubang bekas tambang emas di Bombana tidak ditutup, anak kecil bisa jatuh") == "74-esdm"


def test_mercury_by_the_water_is_water_fouled(catalog: AgencyCatalog) -> None:
    # a mine's mercury said beside the river people bathe in is the water fouled, not BPOM's cosmetics
    assert first(catalog, "penambang emas di Mandailing Natal pakai merkuri, air sungai dipakai warga mandi"
                 ) == "12.13-dlh"
    # ...while mercury with no water said, asking who gave the permit, stays the mine's office
    assert first(catalog, "tambang emas di Mandailing Natal pakai merkuri, izinnya siapa yang kasih?") == "12-esdm"


def test_a_mine_said_to_have_no_permit_asked_dealt_with_is_the_polices(catalog: AgencyCatalog) -> None:
    # 'gak ada izin' ('there is no permit') is unlicensed as 'tanpa izin' is; with 'mohon ditindak' a crime to stop
    assert first(catalog, "galian pasir di kali dekat desa kami di Klaten gak ada izin, tebing sawah ambrol. mohon "
                          "ditindak") == "polri"
    # ...while the same with nothing asked stays the mining office's
    assert first(catalog, "galian pasir di kali dekat desa kami di Klaten gak ada izin, tebing sawah ambrol"
                 ) == "33-esdm"


def test_an_illegal_well_the_authorities_are_asked_to_order_is_the_polices(catalog: AgencyCatalog) -> None:
    # 'mohon aparat menertibkan': the authorities asked to bring an illegal well to order is a stop by force
    assert first(catalog, "sumur minyak ilegal di Musi Banyuasin makin banyak, minyaknya masuk kebun. mohon aparat "
                          "menertibkan") == "polri"
    # ...while a bare 'mohon ditertibkan' (labelled the mining office's as often as the police's) is not the police's
    assert first(catalog, "sumur minyak ilegal di Musi Banyuasin makin banyak, minyaknya masuk kebun. mohon "
                          "ditertibkan") != "polri"


def test_kerosene_at_its_base_is_the_trade_offices(catalog: AgencyCatalog) -> None:
    # kerosene the base sells dear or elsewhere is distribution at the set price, the trade office's (as 3 kg LPG)
    assert first(catalog, "minyak tanah susah sekali di desa kami di Alor, pangkalan jual ke pengecer, kami beli 20 "
                          "ribu seliter") == "53.05-disperindag"
    # ...while one Pertamina's agent holds back stays Pertamina's
    assert first(catalog, "minyak tanah susah sekali di desa kami di Alor, agen bilang kiriman dari depot belum "
                          "datang") == "pertamina"


def test_javanese_sepur_crossing_is_the_transport_offices(catalog: AgencyCatalog) -> None:
    # Javanese 'sepur' is the train, 'pintune' its gate: a level crossing with no gate is the transport office's
    assert first(catalog, "perlintasan sepur cedhak omahku nang Kebumen durung ana palang pintune, bocah2 mbebayani"
                 ) == "33.05-dishub"


def test_a_javanese_forced_marriage_is_the_women_and_children_offices(catalog: AgencyCatalog) -> None:
    # 'dinikahne' (Javanese 'dinikahkan'): a girl married off by force is the women and children office's
    assert first(catalog, "tanggaku nang Ponorogo arep dinikahne paksa, umure lagi 15 taun, isih sekolah"
                 ) == "35.02-dp3a"


def test_leachate_is_the_environment_offices(catalog: AgencyCatalog) -> None:
    # a landfill's leachate reaching wells is fouled water, the environment office's, not the water company's
    assert first(catalog, "air lindi dari TPA masuk ke sumur warga di Kabupaten Serang, airnya bau dan hitam"
                 ) == "36.04-dlh"


def test_a_village_solar_plant_is_the_provinces_energy_office(catalog: AgencyCatalog) -> None:
    # a village solar power plant (PLTS) is the province's energy office's, not Public Works'
    assert first(catalog, "PLTS di kampung kami di Mahakam Ulu mati sudah 8 bulan, malam gelap") == "64-esdm"


def test_hail_that_ruined_the_gardens_is_the_disaster_offices(catalog: AgencyCatalog) -> None:
    # hail that ruined the gardens people eat from is a disaster, the disaster office's
    assert first(catalog, "di kampung kami di Lanny Jaya hujan es dua hari, kebun ubi keladi rusak semua, mama dan "
                          "anak anak mulai sakit") == "95.07-bpbd"


def test_land_said_burning_is_the_disaster_offices(catalog: AgencyCatalog) -> None:
    # 'lahan terbakar', 'gambut terbakar': land or peat burning is the land-fire task force's (the disaster office's),
    # as 'kebakaran lahan' is, not the town's fire brigade
    assert first(catalog, "lahan terbakar lagi dekat kebun kami di Ogan Komering Ilir, asap masuk rumah"
                 ) == "16.02-bpbd"
    # ...while a house burning stays the fire brigade's
    assert first(catalog, "rumah tetangga terbakar di Ogan Komering Ilir, mobil pemadam lama datang") == "16.02-damkar"
