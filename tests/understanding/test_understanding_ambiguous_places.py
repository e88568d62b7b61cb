"""A place named in several kabupaten never picks one by the data's order; towns and everyday words are read right."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.regions import RegionIndex


@pytest.fixture(scope="module")
def regions(catalog: AgencyCatalog) -> RegionIndex:
    return catalog.regions


@pytest.mark.parametrize("story", [
    "banjir di Gebang sudah 3 hari, warga ngungsi di balai desa",  # Langkat, Cirebon, Purworejo …
])
def test_no_kabupaten_office_is_offered_when_the_place_names_several(catalog: AgencyCatalog, story: str) -> None:
    found = catalog.suggest(story)
    regencies = {m.agency.region_code[:5] for m in found if m.agency.region_code and len(m.agency.region_code) > 2}
    assert not regencies, [m.agency.code for m in found]


@pytest.mark.parametrize(("story", "expected"), [
    # round 6: the town people know by the name outranks villages elsewhere that share it (a town in
    # towns.csv, unless the village's own kabupaten is named too) ...
    ("macet parah di Canggu tiap sore, gak ada petugas yang atur", "51.03-dishub"),
    ("akta kematian bapak belum jadi, dukcapil Ungaran bilang tunggu", "33.22-dukcapil"),
    # ... and of two places whose names fold alike, the one spelled as typed breaks the tie
    ("banjir di Pallangga, rumah terendam", "73.06-bpbd"),
])
def test_a_known_town_or_the_exact_spelling_decides(catalog: AgencyCatalog, story: str, expected: str) -> None:
    found = catalog.suggest(story)
    assert [m.agency.code for m in found][:1] == [expected]


def test_the_province_office_is_offered_when_every_such_place_is_in_it(catalog: AgencyCatalog) -> None:
    # 'Paseh' is a kecamatan of Kabupaten Bandung and one of Sumedang: both in West Java
    found = catalog.suggest("akta kelahiran anak belum jadi, dukcapil di Paseh bilang tunggu")
    assert [m.agency.code for m in found][:1] == ["32-dukcapil"]


def test_a_place_named_once_still_gets_its_kabupaten_office(catalog: AgencyCatalog) -> None:
    found = catalog.suggest("jalan di kec. Sakra rusak parah, lubang dimana-mana")
    assert found[0].agency.code == "52.03-pupr"


@pytest.mark.parametrize(("text", "code"), [
    ("Maumere", "53.07.05"),  # a town, not a kecamatan's name (Alok, Sikka)
    ("sampit kotim", "62.02.06"),
])
def test_towns_resolve(regions: RegionIndex, text: str, code: str) -> None:
    found = regions.resolve(text)
    assert found.best is not None and found.best.region.code == code


@pytest.mark.parametrize(("text", "code"), [
    ("Sampit", "62.02.06"),  # the town of Kotawaringin Timur, and a village in Ketapang
    ("Kramat Jati", "31.75.04"),  # 'Kramatjati' in the data (its 'tj' is no old-spelling 'c'), and a village in Serang
])
def test_the_town_or_kecamatan_is_offered_first_beside_a_village_of_the_same_name(regions: RegionIndex, text: str,
                                                                                   code: str) -> None:
    found = regions.resolve(text)
    assert [o.region.code for o in found.options][:1] == [code]


def test_javanese_locative_and_please_are_read(catalog: AgencyCatalog) -> None:
    # 'neng' is 'di'; 'tulung' is 'tolong', not the kecamatan Tulung of Klaten
    found = catalog.suggest("Cak, dalane neng Kenjeran bolong gede, wis onok sing tibo, tulung didandani")
    assert found[0].agency.code == "35.78-pupr"


def test_seperti_is_no_tax_return(catalog: AgencyCatalog) -> None:
    # 'spt' is chat for 'seperti'; it named the tax office in every 'sudah seperti sawah'
    found = catalog.suggest("jalan desa sudah seperti sawah", region="18.07")
    assert found[0].agency.code == "18.07-pupr"


def test_every_town_points_at_the_kecamatan_and_kabupaten_it_names(regions: RegionIndex) -> None:
    import csv
    from pathlib import Path

    import bot.understanding.regions as module

    with open(Path(module.__file__).parent.parent / "data" / "regions" / "towns.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 50
    for row in rows:
        kecamatan = regions.get(row["code"])
        assert kecamatan is not None and kecamatan.level == "district", row
        assert kecamatan.name == row["kecamatan"], row
        kabupaten = regions.get(kecamatan.parent or "")
        assert kabupaten is not None and kabupaten.name == row["kabupaten"], row


@pytest.mark.parametrize(("story", "regency"), [
    # a town and the kecamatan it lies in, named together, outrank a village called like the town elsewhere
    ("jalan ke pasar di duri mandau hancur, mobil tangki lewat terus", "14.03"),
    # 'kota Cirebon' supports its own kecamatan, never one of Kabupaten Cirebon's named in a hospital's name
    ("pasien di rsud gunung jati kejaksan kota cirebon ditelantarkan di IGD", "32.74"),
    # 'bogor' inside 'Bogor Tengah' is that kecamatan's word, no support for a 'kemana' read as Kemang
    ("terminal bayangan di bogor tengah bikin macet, dishub kemana aja", "32.71"),
    # 'kelurahan' fits Jakarta's kelurahan Kalideres before Cirebon's desa of that name
    ("ngurus KIA anak di kelurahan kalideres ditolak terus", "31.73"),
    # 'Kota Arga Makmur' is a kecamatan's official name; people say 'Arga Makmur'
    ("kades di arga makmur tidak transparan soal dana desa", "17.03"),
])
def test_the_place_read_from_the_story_is_its_kabupaten(catalog: AgencyCatalog, story: str, regency: str) -> None:
    found = catalog.suggest(story)
    assert found and (found[0].agency.region_code or "")[:5] == regency, [m.agency.code for m in found]


@pytest.mark.parametrize("story", [
    "sampah numpuk di pasar, isin karo tamu",  # Javanese 'karo' is 'with', not Kabupaten Karo
    "kepala desa tidak pernah musyawarah soal dana desa",  # 'musyawarah' is a word before a village's name
])
def test_everyday_words_name_no_kabupaten(catalog: AgencyCatalog, story: str) -> None:
    found = catalog.suggest(story)
    assert not any(m.agency.region_code and len(m.agency.region_code) > 2 for m in found), [
        m.agency.code for m in found]


def test_papuan_possessive_pu_is_no_public_works(catalog: AgencyCatalog) -> None:
    assert catalog.suggest("sa pu adik belum dapat akta lahir, petugas tra ada", "96.02")[0].agency.code == \
        "96.02-dukcapil"
    assert catalog.suggest("dinas PU tidak perbaiki jembatan putus", "96.02")[0].agency.code == "96.02-pupr"
