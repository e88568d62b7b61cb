"""Round 78 (h-tuneD): which office of the people's services; fresh sentences for each rule, written for this file
(none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_order_asked_for_in_slang_is_public_orders(catalog: AgencyCatalog) -> None:
    # 'ditertibin' (Jakarta slang), 'ditertibkeun' (Sundanese): 'ditertibkan', public order's word
    assert first(catalog, "kos-kosan di belakang kampus di Kota Kendari tiap malam ada yang genjrang genjreng "
                          "teriak2 sampai subuh, tolong ditertibin") == "74.71-satpolpp"


def test_local_liquor_drunk_in_the_open_is_public_orders(catalog: AgencyCatalog) -> None:
    # the liquor of Maluku and Nusa Tenggara (sopi) and of Java (ciu), drunk in the open, as 'tuak' is
    assert first(catalog, "di gang kami di Kota Ambon anak muda minum sopi tiap malam, teriak2 sampai jam 3") == \
        "81.71-satpolpp"


def test_street_punks_bothering_passers_by_are_public_orders(catalog: AgencyCatalog) -> None:
    # street punks said to bother passers-by are public order's to move on (drunk alone, the social office's word stays)
    assert first(catalog, "tiap sore anak punk mabok nongkrong di perempatan Kota Mataram, ganggu ibu2 yang "
                          "lewat") == "52.71-satpolpp"


def test_a_benefit_the_regent_promised_is_the_pemdas(catalog: AgencyCatalog) -> None:
    # a benefit the regent, the mayor or the pemda promised is its promise to keep
    assert first(catalog, "bantuan bibit jagung dan pupuk yang dijanjikan pak bupati Lombok Tengah waktu kunjungan "
                          "ke desa kami belum ada sampai sekarang, kelompok tani kami sudah menunggu") == "52.02-pemda"


def test_a_scholarship_the_pemda_promised_is_the_pemdas(catalog: AgencyCatalog) -> None:
    assert first(catalog, "beasiswa anak yatim yang dijanji pemkab Kendal tahun lalu belum cair juga") == \
        "33.24-pemda"
    # ...while a benefit only said to come from the pemda stays the programme's office's, and a road promised its
    # repair stays the road office's
    assert first(catalog, "bantuan traktor dari pemkab Kendal cuma dipakai ketua kelompok tani") == "33.24-distan"
    assert first(catalog, "jalan ke desa kami di Kabupaten Kendal rusak parah, bupati janji diperbaiki tahun "
                          "lalu") == "33.24-pupr"
