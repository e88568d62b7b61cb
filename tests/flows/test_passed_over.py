"""An office of a kabupaten the citizen passed over at "Di mana kejadiannya?" is never the one suggested."""

from __future__ import annotations

import pytest

from flows.validators import passed_over

BIMA = ["52.72", "52.06"]  # Kota Bima, Kab. Bima
A_DESA = ["35.07.16.2007"]  # Desa Sumberejo, Kec. Pakisaji, Kab. Malang


@pytest.mark.parametrize(("region", "offered", "expected"), [
    ("52.72", BIMA, True),  # the kota's water company: passed over
    ("52.06", BIMA, True),
    ("52", BIMA, True),  # the province's office: the story gave NTB by the Bimas alone, both passed over
    ("52", ["52.72", "11.07"], True),  # one of the places passed over in NTB is enough
    ("51", BIMA, False),  # Bali's office: no place of Bali was passed over
    ("35", A_DESA, True),
    ("3", A_DESA, False),  # a code prefix is no province
    ("52.71", BIMA, False),  # Kota Mataram: not offered
    ("35.07", A_DESA, True),  # a desa offered: its kabupaten was passed over
    ("35.07.16", A_DESA, True),
    ("35.71", A_DESA, False),  # Kota Malang, not the kabupaten
    ("35.0", A_DESA, False),  # a code prefix is no place
    (None, BIMA, False),  # a national body lies in no kabupaten
    ("52.72", [], False),  # nothing offered, nothing passed over
    ("35.07", ["35"], True),  # a province offered as such (Jawa Timur)
])
def test_passed_over(region: str | None, offered: list[str], expected: bool) -> None:
    assert passed_over(region, offered) is expected
