"""Where the story is (round 78b): a kabupaten/kota named straight after a regional office ('dukcapil Batang') is the
place though its name is an everyday word; the teller's home or registered town, named beside the workplace set
aside, is not the place when the story is told from the workplace ('bekerja di sini', a kos by the work): the bot
asks; nor is the workplace when the teller says home is here."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize("story", [
    "saya warga Kabupaten Gowa yang bekerja di Kota Makassar, air PDAM di kos saya sudah seminggu tidak mengalir",
    "sy ktp boyolali tapi kerja di solo, kamar kos sy kebanjiran tiap hujan krn selokan mampet",
    "saya tinggal di Sleman dan bekerja di sini, lampu jalan di depan kantor mati sebulan",
])
def test_the_home_beside_the_workplace_is_not_the_place(catalog: AgencyCatalog, story: str) -> None:
    assert region_of_first(catalog, story) is None
    assert catalog.story_places(story) == ()


def test_the_workplace_is_not_the_place_when_home_is_here(catalog: AgencyCatalog) -> None:
    story = "sy kerja di kabupaten nabire tp rumah disini, sd negeri di sini minta uang gedung padahal gratis"
    assert region_of_first(catalog, story) is None



@pytest.mark.parametrize(("story", "regency"), [
    ("pindahan dari kota lain, urus KK di dukcapil batang sudah sebulan belum dicetak", "33.25"),
    ("air pdam batu keruh kecoklatan sudah tiga hari", "35.79"),
])
def test_a_regency_named_after_its_office_is_the_place(catalog: AgencyCatalog, story: str, regency: str) -> None:
    # 'dukcapil Batang', 'PDAM Batu': the office is named by its kabupaten/kota, though the name is an everyday word
    assert region_of_first(catalog, story) == regency
