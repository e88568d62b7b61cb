"""Where it happened, not a second place: Maluku's 'negeri', a relative's town they come here from, a road named by its
two ends side by side, where the teller happens to be or was born, a distance 'dari' a landmark, everyday words."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first, region_of_first


@pytest.mark.parametrize(("story", "regency"), [
    # Maluku's desa is a 'negeri': named so, it is where it happened, not the teller's town
    ("sy tinggal di kota Ambon, mo kasih tau di negeri Kaibobo jalan ke pantai rusak parah, seng ada yang perbaiki",
     "81.06"),
    # a village's own name after 'di' (no everyday word) is a place apart from the teller's town
    ("saya tinggal di Kota Surabaya, kebun mertua di Kaibobo longsor, jalan putus", "81.06"),
    # 'sy lagi di Jakarta': where the teller happens to be while telling
    ("Dinas Pertanian Kebumen bantuan bibit belum dibagi padahal sudah musim tanam. sy lagi di Semarang dapat kabar "
     "dari bapak", "33.05"),
    # where a child was born is not where the family lives now
    ("anak sy lahir di kota Jambi waktu kami merantau, skrg kami tinggal di kec Tabir, urus akta susah", "15.02"),
    # '300 meter dari sekolah di Kalasan' is measured from a landmark there, no origin
    ("rumah sy cuma 300 meter dari sekolah di Kalasan tapi anak sy gak keterima, yg diterima malah anak dari Jakarta",
     "34.04"),
])
def test_the_place_of_the_trouble_outranks_a_second_place(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "not_regency"), [
    # a relative's town they come here from is not here
    ("adik saya di Bantul tiap main ke sini bilang jalan di kampung kami rusak berat", "34.02"),
    # 'jalan lintas jambi palembang': the road's two ends, side by side, are no kota's own road
    ("jalan lintas jambi palembang di Bayung Lencir berlubang besar, truk sering terguling", "16.71"),
    # Banjar 'bulik' (go home) is no Kecamatan Bulik of Lamandau
    ("ulun disuruh bulik lagi minggu depan ke kantor capil, blangko kada ada", "62.09"),
    # a guava orchard is no Kecamatan Jambu of Kabupaten Semarang
    ("kebun jambu warga longsor kena hujan tiga hari, tolong dibantu", "33.22"),
    # Javanese 'jam pitu' (seven o'clock) names no Kecamatan Pitu of Ngawi
    ("nyuwun sewu, saking jam pitu antri teng puskesmas dereng dipun periksa", "35.21"),
])
def test_a_second_place_or_an_everyday_word_is_not_where_it_happened(
        catalog: AgencyCatalog, story: str, not_regency: str) -> None:
    assert not (region_of_first(catalog, story) or "").startswith(not_regency)


def test_a_road_between_two_towns_named_side_by_side_is_the_nations(catalog: AgencyCatalog) -> None:
    assert first(catalog, "jalan lintas jambi palembang di Bayung Lencir berlubang besar, truk sering terguling") \
        == "kemen-pu"
