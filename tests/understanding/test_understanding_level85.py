"""Round 85 (h-tuneL): the level of the office a boat's crossing names; fresh sentences for each rule, written for this
file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_a_crossing_inside_one_kabupaten_is_its_transport_office(catalog: AgencyCatalog) -> None:
    # a speedboat between two islands of one kabupaten is its own transport office's, though no other word names the
    # boat's office and the weather is how it fails (UU 23/2014)
    assert first(catalog, "speed dari elat ke langgur jarang ada, kalau angin kencang seminggu tidak jalan"
                 ) == "81.02-dishub"
    # ...while a storm that wrecked homes is still the disaster itself
    assert first(catalog, "angin kencang di langgur, tiga rumah roboh dan atapnya terbang") == "81.02-bpbd"


def test_a_boat_said_only_by_where_it_goes_leaves_from_the_tellers_home(catalog: AgencyCatalog) -> None:
    # 'kami di Kadatua, kapal ke Baubau': the teller's island (Buton Selatan) and the town the boat goes to (Kota
    # Baubau) are two kabupaten/kota of one province: the province's crossing
    assert first(catalog, "kami di pulau kadatua, kapal ke baubau sering mogok di laut") == "74-dishub"
    assert first(catalog, "kami tinggal di wakatobi, kapal ke kendari cuma seminggu sekali dan sering batal"
                 ) == "74-dishub"
    # ...while a boat from the teller's town to an island of the same kota stays the kota's
    assert first(catalog, "kami di tual, kapal ke pulau kur jarang ada") == "81.72-dishub"
    # ...and only the place said last before the boat is where it leaves from: the home in town is not
    assert first(catalog, "saya tinggal di kendari, kampung saya di wawonii. kapal ke wawonii sering batal"
                 ) == "74.12-dishub"


def test_a_crossing_named_by_its_two_ends_side_by_side(catalog: AgencyCatalog) -> None:
    # 'kapal feri Ternate Sofifi': the two ends said one after the other, nothing between, name the crossing as
    # 'Ternate–Sofifi' does: a kota and another kabupaten of North Maluku, the province's
    assert first(catalog, "kapal fery ternate sofifi sering batal") == "82-dishub"
    assert first(catalog, "kapal feri kupang rote sering terlambat tanpa kabar") == "53-dishub"
    # ...while words after a boat that name no two places are no crossing
    assert first(catalog, "kapal ikan besar dari luar masuk ke perairan kami, jaring nelayan robek") != "kemenhub"
    # ...nor is the river a boat crosses, said after it
    assert first(catalog, "perahu penyeberangan sungai musi di palembang sering kelebihan muatan") == "16.71-dishub"


def test_a_kabupatens_hospital_by_its_own_name(catalog: AgencyCatalog) -> None:
    # a regional hospital called by its namesake's name is the RSUD of the kabupaten/kota that runs it (hospitals.csv),
    # though the story names no place
    assert first(catalog, "mbah saya dirujuk ke RSUD Panembahan Senopati tapi ditolak di IGD, petugasnya kasar"
                 ) == "34.02-rsud"
    assert first(catalog, "bapak dirawat di rsud dadi tjokrodipo, obat disuruh beli sendiri") == "18.71-rsud"
    # ...while the Panembahan Senopati road is no hospital
    assert first(catalog, "jalan panembahan senopati di kota yogyakarta berlubang besar") != "34.02-rsud"
