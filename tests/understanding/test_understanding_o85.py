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
