"""Round 91 (h-tuneO): office rules for people a flood shut in, a bridge a flood swept away, ...; for each rule the
tuning story that taught it and fresh sentences written for this file (none copied from a set), each failing on the
round's starting code 1117a2e (the edge cases folded in after them pass on both)."""

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
