"""Round 91 (h-tuneO): office rules for people a flood shut in, a bridge a flood swept away, a mine with no permit in
regional words, the education office's NTT names, a farm's smell said first and a road leading to a school; for each
rule the tuning story that taught it and fresh sentences written for this file (none copied from a set), each failing
on the round's starting code 1117a2e (the edge cases folded in after them pass on both)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_people_a_flood_shut_in_are_the_disaster_offices(catalog: AgencyCatalog) -> None:
    # blind23: 'jembatan e putus keterjang banjir bandang eee warga mboten saged medal' (people unable to get out)
    assert first(catalog, "jembatan di Kabupaten Sigi putus kena banjir bandang, warga tidak bisa keluar desa"
                 ) == "72.10-bpbd"
    assert first(catalog, "jembatan ambrol kena lahar dingin, aku gak iso mulih", "33.08") == "33.08-bpbd"
    assert first(catalog, "jembatan gantung putus kabawa banjir, warga teu tiasa kaluar", "32.05") == "32.05-bpbd"


def test_a_bridge_a_flood_swept_away_is_public_works(catalog: AgencyCatalog) -> None:
    # blind89: 'banjir lahar Semeru nggerus jembatan ... wis ambles sebagian, warga wedi liwat. tulung cepet ditangani'
    assert first(catalog, "banjir bandang nggerus jembatan desa, saiki jembatane ambles, bocah sekolah kudu muter "
                          "adoh", "35.07") == "35.07-pupr"
    assert first(catalog, "banjir bandhang wingi, kreteg dusun kentir, wong tani kudu nyabrang kali", "33.12"
                 ) == "33.12-pupr"
    assert first(catalog, "banjir lahar dingin nggerus kreteg desa, saiki ora iso diliwati, nyuwun dibangun maneh",
                 "35.08") == "35.08-pupr"
    # ...the rule's edge (the disaster office's before and after): relief asked, people shut in
    assert first(catalog, "banjir bandang di Kabupaten Sigi, jembatan putus, mohon bantuan logistik") == "72.10-bpbd"
    assert first(catalog, "banjir bandang mutus jembatan, warga belum bisa keluar dari kampung", "72.10"
                 ) == "72.10-bpbd"


def test_a_mine_with_no_permit_in_regional_words_asked_closed_by_the_authorities_is_the_polices(
        catalog: AgencyCatalog) -> None:
    # blind89: Sundanese 'tambang pasir anu teu boga izin ... mohon ditutup pak sama aparat'
    assert first(catalog, "di desa kami ada galian pasir teu boga izin, walungan jadi ruksak. mohon ditutup ku "
                          "aparat", "32.05") == "polri"
    assert first(catalog, "ing desa kula wonten tambang pasir ora duwe ijin, kali dadi butek. mohon ditutup aparat",
                 "33.08") == "polri"
    assert first(catalog, "tambang emas ing kali mboten gadah izin, toyanipun dados keruh. nyuwun ditutup kaliyan "
                          "aparat", "33.02") == "polri"


def test_the_education_office_by_its_ntt_names_is_the_education_office(catalog: AgencyCatalog) -> None:
    # blind90: 'mohon dinas PPO manggarai cepat bantu' (Pendidikan, Pemuda dan Olahraga), a roof a wind blew off
    assert first(catalog, "angin puting beliung bikin atap sekolah kami lepas, mohon dinas PPO Sikka turun", "53.07"
                 ) == "53.07-disdik"
    assert first(catalog, "angin puting beliung bikin atap sekolah kami lepas, mohon dinas PKO Ngada turun", "53.09"
                 ) == "53.09-disdik"


def test_a_farms_smell_said_before_the_farm_is_the_environment_offices(catalog: AgencyCatalog) -> None:
    # blind89: Sundanese 'aya bau ti kandang sapi perah ... kokotorna dipiceun ka solokan'
    assert first(catalog, "aya bau ti kandang sapi tatangga, kokotorna dipiceun ka solokan", "32.05") == "32.05-dlh"
    assert first(catalog, "ambune kandang sapi tekan omah, tai sapine mlebu got", "33.08") == "33.08-dlh"


def test_a_road_or_bridge_leading_to_a_school_is_public_works(catalog: AgencyCatalog) -> None:
    # blind89: Sundanese 'jembatan gantung di lembur kami nu nyambung ka sakola SD tos rusak, papanna loba nu bolong'
    assert first(catalog, "jembatan bambu di kampung kami yang nyambung ke sekolah SD sudah rusak, papannya banyak "
                          "yang lepas", "32.02") == "32.02-pupr"
    assert first(catalog, "jembatan kayu di dusun kami nu ka sakola SMP tos ruksak pisan, barudak sieun ngaliwat",
                 "32.05") == "32.05-pupr"
    assert first(catalog, "dalan cor nang dusun kami menyang SD wis rusak, bocah2 sering tibo", "35.07"
                 ) == "35.07-pupr"
