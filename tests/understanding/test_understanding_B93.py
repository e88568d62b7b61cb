"""Where the story is (round 93, tuner B): a desa named in everyday words, then a comma and the kecamatan that holds
a desa so called ('Pagar Jati, Pasemah Air Keruh'), is that desa, as it already was with no comma between: the
address as it is most often typed, not the same-named kecamatan or desa of another kabupaten."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.harness import shipped_places


@pytest.mark.parametrize(
    ("typed", "village"),
    [
        # class: a desa of everyday words, a comma, its kecamatan (tuning: blind94 typed 'Pagar Jati, Pasemah Air
        # Keruh' listed Bengkulu Tengah's Kecamatan Pagar Jati beside Empat Lawang's kecamatan, the desa unread)
        ("Pantai Baru, Pulau Laut Tengah", "63.02.16.2006"),  # start: Desa Pantai Baru of Rote Ndao, sure
        ("Tanah Merah, Belitang Madang Raya", "16.08.18.2012"),  # start: three places listed
        ("Kebon Jati, Pasemah Air Keruh", "16.11.07.2005"),  # start: the kecamatan only
        ("Bukit Bambu, Poso Kota Selatan", "72.02.21.1002"),
        # edge (passes on the start code too): with its level word the desa was read already
        ("desa Makmur Jaya, Bagan Sinembah Raya", "14.07.17.2005"),
    ],
)
def test_everyday_desa_comma_kecamatan_is_that_desa(typed: str, village: str) -> None:
    found = shipped_places().resolve(typed, None)
    assert found.best is not None and found.best.code == village


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # the same address inside a story: its kabupaten's office, no namesake's first
        ("jalan desa di Pantai Baru, Pulau Laut Tengah rusak parah, mohon diperbaiki", "63.02"),
        ("sumur bor di Tanah Merah, Belitang Madang Raya mati sebulan", "16.08"),
        ("jembatan di Pagar Jati, Pasemah Air Keruh ambruk kena banjir", "16.11"),
    ],
)
def test_everyday_desa_comma_kecamatan_in_a_story(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and all(p.startswith(regency) for p in places)


@pytest.mark.parametrize(
    "story",
    [
        # edge (passes on the start code too): everyday words with a comma between are no address when no
        # kecamatan holding a desa so called follows
        "pagar sekolah roboh, jati tua di halaman tumbang",
        "kebun jati warga ditebang, pagar kebun roboh",
    ],
)
def test_everyday_words_with_a_comma_stay_words(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()
