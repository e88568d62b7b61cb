"""Round 82 (h-tuneD): which office of the people's services; fresh sentences for each rule, written for this file
(none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_land_taken_for_an_airport_and_unpaid_is_the_land_offices(catalog: AgencyCatalog) -> None:
    # the compensation for land an airport or a toll road took is the land office's acquisition, not the operator's
    assert first(catalog, "sawah bapak saya di Kabupaten Kulon Progo dipakai buat bandara tapi belum dibayar "
                          "sampai sekarang") == "34.01-bpn"
    assert first(catalog, "lemah warga kanggo bandara nang Kulon Progo durung dibayar") == "34.01-bpn"
    # ...while a ticket paid at the airport stays the airport's (no land said taken)
    assert first(catalog, "bandara di Kulon Progo parkirnya mahal, sudah dibayar tapi tetap dipalak") != "34.01-bpn"


def test_staff_of_the_kecamatan_away_is_the_pemdas(catalog: AgencyCatalog) -> None:
    # staff of the kecamatan's office away in working hours is its own conduct, the paper asked for only what for
    assert first(catalog, "pegawai di kantor camat Sumbersari Jember sering gak ada di tempat, mau urus surat "
                          "pindah harus balik lagi besok") == "35.09-pemda"
    # ...while a paper the registry ran out of stays the registry's
    assert first(catalog, "urus KTP di kantor camat Sumbersari Jember katanya blangko habis") == "35.09-dukcapil"
