"""Round 80, second pass (h-tuneD2): which office of the people's services; fresh sentences for each rule, written
for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_children_begging_in_the_street_are_the_social_office(catalog: AgencyCatalog) -> None:
    # children busking are the social office's to take in, whatever the words for adults on the street say
    assert first(catalog, "tiap malam ada pengamen dan manusia silver, masih bocah kecil, di perempatan dekat "
                          "alun-alun. kami di Kota Madiun") == "35.77-dinsos"
    # ...the bridge they sit under is only where
    assert first(catalog, "anak-anak kecil ngamen di kolong jembatan sampai larut malam. kami di Kota Madiun") \
        == "35.77-dinsos"


def test_adults_busking_keep_the_public_order_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "pengamen dewasa di perempatan maksa minta uang ke pengendara. kami di Kota Madiun") \
        == "35.77-satpolpp"


def test_a_places_way_in_for_the_disabled_is_the_places_office(catalog: AgencyCatalog) -> None:
    # the stop's stairs are the transport office's to fix; the wheelchair says only who cannot climb them
    assert first(catalog, "halte dekat alun-alun cuma ada tangga tinggi, bapak saya difabel pakai kursi roda "
                          "tidak bisa naik. kami di Kota Madiun") == "35.77-dishub"


def test_an_aid_for_the_disabled_stays_the_social_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "adik saya difabel sudah setahun minta bantuan kursi roda, katanya toilet dan tangga rumah "
                          "harus dibongkar dulu. kami di Kota Madiun") == "35.77-dinsos"


def test_a_pay_from_the_pemkab_left_unpaid_is_the_pemda(catalog: AgencyCatalog) -> None:
    # the pemkab pays the Koran teachers' honorarium from its own budget; who is paid says only what
    assert first(catalog, "honor guru ngaji dari pemkab sudah delapan bulan belum dibayar. kami di Kabupaten "
                          "Madiun") == "35.19-pemda"


def test_an_aid_programme_from_the_pemda_keeps_its_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "bantuan traktor dari pemkab belum sampai ke kelompok tani kami. kami di Kabupaten "
                          "Madiun") == "35.19-distan"
