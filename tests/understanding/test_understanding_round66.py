"""Round 66: fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_a_boat_without_a_timetable_is_the_transport_offices(catalog: AgencyCatalog) -> None:
    # the pupil or the patient it strands is who suffers; the timetable is the transport office's to set
    assert first(catalog, "perahu motor dari pulau kami ke ibu kota Kabupaten Kepulauan Selayar tidak ada jadwal, "
                          "anak SMP sering bolos sekolah") == "73.01-dishub"
    assert first(catalog, "speedboat dari kampung kami ke Waisai Kabupaten Raja Ampat cuma 2 kali seminggu, orang "
                          "sakit terpaksa menunggu") == "96.03-dishub"


def test_fishing_with_bombs_is_the_polices(catalog: AgencyCatalog) -> None:
    # explosives on the reef are a crime for the water police (Polairud) to stop
    assert first(catalog, "tiap subuh ada orang ngebom ikan di teluk dekat kampung kami, Kabupaten Wakatobi, "
                          "karangnya sudah hancur") == "polri"
    assert first(catalog, "pengeboman ikan di perairan Kabupaten Pangkajene dan Kepulauan makin sering, kaca "
                          "jendela ikut bergetar") == "polri"
    # ...fishers whose catch the bombers ruin still speak of their fishing ground
    assert first(catalog, "nelayan kecil di Kabupaten Sinjai rugi, hasil tangkapan turun karena kapal luar pakai "
                          "bom ikan di wilayah tangkap kami") == "73.07-diskan"


def test_a_dirty_fish_auctions_drain_is_the_fisheries_offices(catalog: AgencyCatalog) -> None:
    # the fish auction (TPI) is run by the fisheries office: its own drain, after its state, is that office's
    assert first(catalog, "TPI di Kabupaten Indramayu jorok sekali, got di belakangnya mampet, lalat di mana2") == (
        "32.12-diskan")
    assert first(catalog, "tempat pelelangan ikan Kabupaten Pati becek dan bau, saluran buangnya buntu") == (
        "33.18-diskan")
    # ...a drain said before the auction's state may be the town's
    assert first(catalog, "got di jalan depan rumah saya di Kabupaten Indramayu mampet, banjir tiap hujan") == (
        "32.12-pupr")


def test_a_seaweed_crop_said_first_is_the_fisheries_offices(catalog: AgencyCatalog) -> None:
    # seaweed is farmed, but by the fisheries office's growers: its failed harvest and seed, said after it
    assert first(catalog, "rumput laut di Kabupaten Sumba Timur gagal panen lagi, mohon bantuan dari dinas") == (
        "53.11-diskan")
    assert first(catalog, "rumput lautnya warga Kabupaten Bantaeng kena penyakit ice-ice, semua busuk") == (
        "73.03-diskan")
    # ...waste that killed it stays the environment office's
    assert first(catalog, "pabrik di Kabupaten Bantaeng buang limbah ke laut, rumput laut warga mati semua") == (
        "73.03-dlh")


def test_an_islands_water_works_are_public_works(catalog: AgencyCatalog) -> None:
    # a desalination plant, a water network to build, a project's drilled well or tank left broken: Public Works
    assert first(catalog, "alat desalinasi bantuan di pulau kami di Kabupaten Pangkajene dan Kepulauan mati "
                          "setahun, warga beli air") == "73.10-pupr"
    assert first(catalog, "di Kabupaten Kepulauan Seribu pulau kami belum ada jaringan air bersih, mohon dibangun") == (
        "31.01-pupr")
    assert first(catalog, "tandon air proyek kabupaten di dusun kami Kabupaten Alor bocor, air bersih susah") == (
        "53.05-pupr")
    # ...the piped-water company's own water that stops stays its
    assert first(catalog, "air PDAM di Kabupaten Alor mati 4 hari, bak penampungan kosong") == "53.05-pdam"


def test_water_hyacinth_spreading_over_a_lake_is_the_environment_offices(catalog: AgencyCatalog) -> None:
    # the fishers and boats it stops fill the story; the weed on the lake is the environment office's to clear
    assert first(catalog, "enceng gondok di waduk Kabupaten Boyolali makin luas, perahu nelayan tidak bisa "
                          "lewat, mohon dibersihkan") == "33.09-dlh"
    # ...hyacinth inside a canal, said after its state, stays the drain's
    assert first(catalog, "saluran di Kabupaten Kudus mampet penuh eceng, kalau hujan meluap ke rumah") == (
        "33.19-pupr")


def test_balis_pushy_hawkers_are_public_orders(catalog: AgencyCatalog) -> None:
    # 'pedagang acung' (Bali: hawkers who push goods at visitors): the Satpol PP enforces the rule against them
    assert first(catalog, "pedagang acung di pantai Kabupaten Karangasem ngikutin tamu terus sampai ke mobil") == (
        "51.07-satpolpp")
