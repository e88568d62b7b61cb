"""Round 82 (h-tuneD2): police, protection and the civil registry. An unlicensed mine whose men threaten the teller,
whose stop is asked or which the authorities leave be is the police's; thugs extorting at a terminal are the police's,
the terminal only where; a living person recorded as dead is the civil registry's; a person missing for days is the
police's. Fresh sentences, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_an_unlicensed_mine_whose_men_threaten_or_whose_stop_is_asked_is_the_polices(catalog: AgencyCatalog) -> None:
    assert first(catalog, "ada penambang emas liar pakai dompeng di kali belakang kampung, airnya keruh, waktu "
                          "ditegur bapak saya malah diancam parang", "15.08") == "polri"
    assert first(catalog, "mohon hentikan tambang pasir ilegal di pinggir desa, tebing sungai sudah mulai runtuh",
                 "33.08") == "polri"
    assert first(catalog, "ponton timah ilegal makin banyak di muara, air laut keruh, aparat tutup mata saja",
                 "19.01") == "polri"


def test_an_unlicensed_mine_with_no_stop_asked_keeps_its_office(catalog: AgencyCatalog) -> None:
    # fish killed by its water are no crime asked about: the water's (or the mine's) office decides
    assert first(catalog, "tambang emas ilegal di hulu bikin air sungai coklat, ikan mati semua", "15.08") != "polri"


def test_thugs_extorting_at_a_terminal_are_the_polices(catalog: AgencyCatalog) -> None:
    assert first(catalog, "sopir angkot tiap pagi dipalak preman di terminal, sehari harus setor 20 ribu",
                 "12.71") == "polri"


def test_a_living_person_recorded_as_dead_is_the_civil_registrys(catalog: AgencyCatalog) -> None:
    assert first(catalog, "bapak saya tercatat sudah meninggal di data penduduk, bansos PKH berhenti dan kartu KIS "
                          "mati, padahal beliau sehat", "33.01") == "33.01-dukcapil"


def test_a_person_missing_for_days_is_the_polices(catalog: AgencyCatalog) -> None:
    assert first(catalog, "adik saya umur 16 hilang 4 hari, terakhir pamit main ke rumah teman, hp nya mati",
                 "35.78") == "polri"
    # a name gone from a list is no missing person
    assert first(catalog, "nama nenek hilang dari data bantuan, padahal tahun lalu dapat", "35.78") != "polri"


def test_violence_done_to_a_child_away_from_school_is_the_protection_offices(catalog: AgencyCatalog) -> None:
    # the school level only says who the child is
    assert first(catalog, "anak perempuan kelas 5 SD di kampung kami sering dapat kekerasan dari pamannya, tetangga "
                          "takut ikut campur", "53.01") == "53.01-dp3a"
    # at school, by its teacher: the school's office
    assert first(catalog, "murid SMP dapat kekerasan dari gurunya di sekolah", "53.01") == "53.01-disdik"


def test_a_death_a_hospital_or_the_news_declares_and_people_missing_in_a_flood_are_not_records_or_reports(
        catalog: AgencyCatalog) -> None:
    # 'dinyatakan/dilaporkan meninggal' is a record only with the person said alive; one missing in a flood is the
    # disaster office's search (lead's review of round 82)
    assert first(catalog, "bapak sy dilaporkan meninggal waktu banjir, jenazah blm ketemu, tolong bantu",
                 "33.01") == "33.01-bpbd"
    assert first(catalog, "pasien dinyatakan meninggal di IGD rsud karena telat ditangani, pakai BPJS",
                 "33.01") == "33.01-rsud"
    assert first(catalog, "nama ibu saya dinyatakan meninggal di data, bansos putus, padahal masih hidup sehat",
                 "33.01") == "33.01-dukcapil"
