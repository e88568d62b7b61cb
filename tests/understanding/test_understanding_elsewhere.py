"""Where the citizen works, studies or came from is not where the problem is, when the story names another place."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.asides import elsewhere_places
from bot.understanding.normalize import tokenize
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(("story", "regency"), [
    ("Sy kerja di surabaya tp tinggal di pandaan, pabrik deket rumah bakar sampah tiap malam", "35.14"),
    ("aku nyambut gawe di semarang, omahku neng ungaran dalane rusak parah", "33.22"),
    ("kuliah di kota malang, tapi di rumah di kepanjen lampu jalan mati semua", "35.07"),
    ("saya merantau di batam, keluarga di kec. sakra lombok timur tidak dapat bansos", "52.03"),
])
def test_the_place_of_work_or_study_gives_way_to_the_place_of_the_problem(
        catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_place_of_work_alone_is_still_the_place(catalog: AgencyCatalog) -> None:
    """Nothing else named: 'kerja di Surabaya, jalan depan kantor rusak' is about Surabaya."""
    assert region_of_first(catalog, "saya kerja di surabaya, jalan depan kantor rusak parah") == "35.78"


def test_a_road_from_one_village_to_another_is_not_a_move(catalog: AgencyCatalog) -> None:
    assert region_of_first(catalog, "jalan dari desa sakra ke desa paok motong rusak parah") == "52.03"


def test_the_span_ends_at_a_comma_a_contrast_or_three_words() -> None:
    def spans(text: str) -> list[str]:
        tokens = tokenize(text, slang=True, limit=200)
        return [tokens[i].text for i in sorted(elsewhere_places(text, tokens))]

    assert spans("kerja di surabaya tp tinggal di pandaan") == ["surabaya"]
    assert spans("pindah dari bekasi ke duren sawit") == ["bekasi"]
    assert spans("kerja di kota tangerang selatan tiap hari") == ["kota", "tangerang", "selatan"]
    assert spans("saya kerja di, eh, pandaan") == []
    assert spans("jalan di pandaan rusak") == []
