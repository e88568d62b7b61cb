"""Places said the way neighbours say them: a plantation's village by the estate's name alone ('Membang Muda' for
'Perkebunan Membang Muda'), a kecamatan by its short name ('SP Padang'), the town one must go to in Eastern Malay
'pi' (go) with no 'ke' or sells the harvest in, and the place one's own is mistaken for ('orang suka kira Jakarta',
'sering dikira Kota Cirebon')."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.harness import shipped_places
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # 'Perkebunan Membang Muda' of Labuhanbatu Utara, 'Perk. Sei Rumbia' of Labuhanbatu Selatan
        ("jalan ke Membang Muda rusak parah, truk sawit amblas tiap hujan", "12.23"),
        ("anak2 di Sei Rumbia tidak ada guru SD, sekolah kosong berminggu-minggu", "12.22"),
    ],
)
def test_a_plantation_village_is_called_by_the_estate_name(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Kupang Malay 'pi' (pergi): the kota one must go to for water is not where the well ran dry
        ("sumur di Noelbaki su kering, beta harus pi Kota Kupang beli air tangki mahal", "53.01"),
        # where the harvest is sold is where one goes ('biasa jual pinang ke Kota Jayapura'), not the kampung's road
        ("jalan ke kampung Workwana rusak berat, kami biasa jual pinang ke Kota Jayapura", "91.11"),
    ],
)
def test_the_town_one_must_go_to_is_elsewhere(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(
    ("story", "not_regency"),
    [
        # the kota the kampung is taken for is not where it is
        ("banyak yang dikira Kota Cirebon, padahal kampung kami Kabupaten. jalan ke Kedawung bolong2", "32.74"),
    ],
)
def test_the_place_one_is_mistaken_for_is_not_it(catalog: AgencyCatalog, story: str, not_regency: str) -> None:
    assert not (region_of_first(catalog, story) or "").startswith(not_regency)


def test_the_namesake_one_is_mistaken_for_is_no_place_of_the_story(catalog: AgencyCatalog) -> None:
    # 'orang suka kira Jakarta': Tanah Abang of PALI, not Jakarta Pusat's kecamatan
    story = "jalan di Tanah Abang rusak, orang suka kira Jakarta, ini Tanah Abang PALI"
    assert {place[:5] for place in catalog.story_places(story)} == {"16.12"}


def test_a_kecamatan_said_short() -> None:
    # 'SP Padang' is how Ogan Komering Ilir says its kecamatan Sirah Pulau Padang
    found = shipped_places().resolve("Desa Pantai, SP Padang", None)
    assert found.best is not None and found.best.code.startswith("16.02.08")
