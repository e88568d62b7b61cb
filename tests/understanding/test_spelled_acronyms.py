"""Acronyms a phone spells out letter by letter when it transcribes a voice note ('pe ka ha' is PKH)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.normalize import normalize
from bot.understanding.spelled import spelled_runs
from tests.understanding.conftest import first


@pytest.mark.parametrize(("said", "read"), [
    ("bantuan pe ka ha ibu saya", "bantuan pkh ibu saya"),
    ("kartu be pe je es saya", "kartu bpjs saya"),
    ("got di gang er te nol lima er we nol delapan", "got di gang rt 0 5 rw 0 8"),
    ("anak saya es de sama es em pe", "anak saya sd sama smp"),
    ("e ka te pe saya belum jadi", "ktp saya belum jadi"),
    # Manado 'ka' (to) before IGD: only the acronym that ends the run is joined
    ("bawa ka i ge de tengah malam", "bawa ka igd tengah malam"),
    # an unlisted acronym is left as it is, and nothing inside it is read as another ('es de' is no school here)
    ("mohon be ka es de a turun", "mohon bksda turun"),
    ("tolong pe er ka ce de turun", "tolong pe er ka ce de turun"),
    # words that are letter names but spell nothing listed, or set apart by a comma
    ("es teh manis", "es teh manis"),
    ("kita pe kakak", "kita pe kakak"),
    ("pe, ka ha", "pe ka ha"),
])
def test_spelled_letters_are_joined_into_the_acronym(said: str, read: str) -> None:
    assert normalize(said) == read


def test_a_joined_acronym_spans_its_letters() -> None:
    assert spelled_runs(["urus", "pe", "te", "es", "el", "di", "desa"]) == [(1, 5, "ptsl")]
    assert spelled_runs(["pe", "ka", "ha"], [False, True, False]) == []


def test_a_spelled_benefit_card_or_land_programme_names_its_office(catalog: AgencyCatalog) -> None:
    assert first(catalog, "pak saya mau tanya pe ka ha ibu saya kok sudah tiga bulan nggak masuk, kami di "
                          "Banyumas") == "33.02-dinsos"
    assert first(catalog, "kartu be pe je es saya ditolak di klinik, katanya nunggak, saya di Kota Kediri") \
        == "bpjs-kesehatan"
    assert first(catalog, "pe te es el di desa kami di Kabupaten Grobogan dipungut sejuta per bidang") == "33.15-bpn"
