"""Where the story is (round 93, tuner B): a desa named in everyday words, then a comma and the kecamatan that holds
a desa so called ('Pagar Jati, Pasemah Air Keruh'), is that desa, as it already was with no comma between: the
address as it is most often typed, not the same-named kecamatan or desa of another kabupaten; and everyday Minang
words ('alah', 'nan', 'bana', 'untuak', 'diangkuik', 'sajak', 'sadonyo') lean, as 'ambo' and 'indak' already do, to
where Minang is spoken, between same-named places."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.harness import shipped_places
from tests.understanding.conftest import region_of_first


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


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # class: Minang everyday words lean to where Minang is spoken (tuning: blind45 'sampah di kuranji ndak
        # diangkuik', blind87 'bidan desa di Padang Harapan jarang bana ado': Kecamatan Kuranji of Kota Padang and
        # Desa Padang Harapan of Pesisir Selatan tied with namesakes in Kalimantan, Banten, Aceh and Bengkulu)
        ("lampu jalan di kuranji mati sadonyo sajak kapatang", "13.71"),
        ("got di kuranji tasumbat, aia naiak ka jalan alah duo kali", "13.71"),
        ("tolong untuak jalan di kuranji nan rusak", "13.71"),
        ("sampah pasa di kuranji alun diangkuik", "13.71"),
        ("puskesmas di Padang Harapan tutup taruih, susah bana bidan dicari", "13.12"),
    ],
)
def test_minang_words_lean_to_minang_places(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert region_of_first(catalog, story) == regency


@pytest.mark.parametrize(
    "story",
    [
        # edge (no office on the start code either): without a Minang word the namesakes still tie, and are asked
        "dokter puskesmas di Padang Harapan jarang datang",
    ],
)
def test_namesakes_tie_without_minang_words(catalog: AgencyCatalog, story: str) -> None:
    assert region_of_first(catalog, story) is None
