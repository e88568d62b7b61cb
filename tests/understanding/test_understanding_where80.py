"""Where the story is (round 80, tuner B): the regent or the mayor called on settles a bare name a kabupaten and a
kota share; a bay's or river's word inside a kecamatan's own name said with 'di' ('di teluk meranti') is no feature
apart from it; and data: 'nian' is Bengkulu's and Jambi's word as much as Palembang's, 'pondok' an everyday word,
'ka'/'ke'/'di'/'pi' begin no name, 'Derawan' names Kec. Pulau Derawan."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # 'bupati' heads Kabupaten Madiun, not Kota Madiun
        ("jalan rusak di madiun sudah setahun, pak bupati diam saja", "35.19"),
        # 'walikota' heads Kota Madiun
        ("jalan rusak di madiun sudah setahun, pak walikota diam saja", "35.77"),
        # ...and the same for Bima (Kabupaten 52.06, Kota 52.72)
        ("banjir di bima tiap tahun, pak bupati kemana", "52.06"),
        ("banjir di bima tiap tahun, pak walikota kemana", "52.72"),
    ],
)
def test_the_head_called_on_settles_a_shared_name(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_the_level_word_with_the_name_outweighs_the_head(catalog: AgencyCatalog) -> None:
    # 'kota madiun' said outright is the Kota, whoever is called on
    story = "jalan rusak di kota madiun sudah setahun, pak bupati diam saja"
    assert (region_of_first(catalog, story) or "").startswith("35.77")


def test_nian_leans_to_bengkulu_too(catalog: AgencyCatalog) -> None:
    # Kec. Curup (Rejang Lebong, Bengkulu), not the desa Curup of Sumatera Selatan
    story = "ngurus pindah domisili di Curup lama nian, katanya sistem error terus"
    assert (region_of_first(catalog, story) or "").startswith("17.02")


def test_a_bay_word_inside_a_kecamatan_s_name_is_that_name(catalog: AgencyCatalog) -> None:
    # Kec. Teluk Meranti (Pelalawan): the river Kampar runs past it; 'meranti' is no Kepulauan Meranti
    story = "sungai kampar di teluk meranti tempat bono, pondok wisata rusak tak diperbaiki"
    assert (region_of_first(catalog, story) or "").startswith("14.05")


def test_to_in_manado_speech_begins_no_name(catalog: AgencyCatalog) -> None:
    # 'ka Siau' is 'to Siau', no desa Kasiau of Tabalong (South Kalimantan); the boat leaves from Tahuna (Sangihe)
    story = "Speedboat dari Tahuna ka Siau tu so nda ada jadwal tetap, kadang tiga hari nda jalan"
    assert (region_of_first(catalog, story) or "").startswith("71")


def test_a_hut_is_no_village(catalog: AgencyCatalog) -> None:
    # 'pondok wisata': a tourist hut, no desa Pondok; a desa said with its level word and kecamatan still is one
    assert (region_of_first(catalog, "jalan rusak di desa pondok kec. karanganom") or "").startswith("33.10")


def test_derawan_names_its_kecamatan(catalog: AgencyCatalog) -> None:
    # 'Derawan' is how people name Kec. Pulau Derawan (Berau), as a town names its kecamatan
    story = "tiket masuk wisata ke derawan mahal sekali, pungli di dermaga"
    assert (region_of_first(catalog, story) or "").startswith("64.03")

