"""Round 82 (h-tuneA): a village with salty wells, asking for piping or with an aid pipe has no water company's
network (Public Works'); wells said run out are the drought's; a pump for the fields is the farm office's; a sea dyke
said leaking is the local water office's; no transport said to run is the transport office's. Fresh sentences for
each rule, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_salty_wells_and_piping_are_public_works(catalog: AgencyCatalog) -> None:
    # a village drinking from brackish wells has no network: its water works are Public Works'
    assert first(catalog, "di kampung kami air bersih sulit, sumur warga payau semua. kami di Kabupaten "
                          "Buton Utara") == "74.10-pupr"
    assert first(catalog, "air bersih susah didapat, tolong kampung kami dibuatkan pipanisasi. kami di Kabupaten "
                          "Buton Utara") == "74.10-pupr"
    # ...a pipe an aid project laid, broken
    assert first(catalog, "pipa air bantuan dari proyek desa pecah, air bersih tidak jalan. kami di Kabupaten "
                          "Buton Utara") == "74.10-pupr"
    # ...the water company named stays its own
    assert first(catalog, "air pdam tidak jalan seminggu, sumur tetangga payau. kami di Kabupaten "
                          "Buton Utara") == "74.10-pdam"


def test_wells_run_out_are_the_drought(catalog: AgencyCatalog) -> None:
    assert first(catalog, "kemarau begini sumur warga habis, kami jalan jauh ambil air, tolong kirim tangki. kami di "
                          "Kabupaten Sumba Tengah") == "53.17-bpbd"


def test_a_pump_for_the_fields_is_the_farm_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "pompa air bantuan untuk sawah kelompok kami mati, padi mulai kering. kami di Kabupaten "
                          "Grobogan") == "33.15-distan"
    # ...a flood pump stays the water office's
    assert first(catalog, "pompa banjir mati, sawah dan rumah terendam. kami di Kabupaten Grobogan") != "33.15-distan"


def test_a_sea_dyke_said_leaking_is_the_local_water_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "tanggul laut di dekat kampung nelayan retak, tiap pasang air laut masuk gang. kami di "
                          "Kota Pekalongan") == "33.75-pupr"


def test_no_transport_is_the_transport_office(catalog: AgencyCatalog) -> None:
    # ('jalan' here is the way to town, said in passing)
    assert first(catalog, "jalan dari kampung ke kota tidak ada angkutan, kami terpaksa sewa mobil mahal. kami di "
                          "Kabupaten Mamberamo Raya") == "91.20-dishub"
