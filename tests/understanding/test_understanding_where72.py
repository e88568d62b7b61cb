"""Where a road complaint is, not the town it leads to: a town's market produce is taken to, a kabupaten/kota the
place is only near, a village the road goes to, a coal truck's load, a tomb's place, a street named for a village."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(("story", "regency"), [
    # 'bawa susu ke pasar kota Bandung': the market where milk is taken is where one goes, not where the road is
    ("jalan Cilengkrang rusak parah, ojek yang bawa susu ke pasar kota Bandung sering jatuh", "32.04"),
    # 'deket kota Madiun': how far the place is from the kota, not where it is
    ("jalan Mejayan rusak parah padahal deket kota Madiun, kok gak diperbaiki", "35.19"),
    # the road to a village whose name one kabupaten's villages have is that village's road, not the town where
    # its people sell
    ("jalan kabupaten ke Pancasari amblas, kami yg mau ke Tabanan jual sayur terpaksa muter jauh", "51.08"),
    ("jalan ke Bilebante ambrol, warga yang mau ke Mataram jual hasil kebun harus jalan kaki", "52.02"),
    # 'truk batubara dr X lewat sini': coal is the load, so X is where the trucks come from, passing here
    ("jalan Bontang Utara berlubang besar, truk batubara dr Kutai Timur lewat sini tiap malam", "64.74"),
    # 'makam Imogiri' is the graves at Imogiri, no Desa Makam of Purbalingga
    ("parkir liar di makam Imogiri, tarif seenaknya ke peziarah", "34.02"),
])
def test_the_place_of_the_trouble_not_where_the_road_leads(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "not_regency"), [
    # a street named for a village ('jalan Muaro Paneh'): 'muaro' inside that name is no Kabupaten Muaro Jambi
    ("jalan muaro paneh berlubang dalam, kalau hujan motor terperosok", "15.05"),
])
def test_a_name_read_inside_a_longer_one_is_not_the_place(catalog: AgencyCatalog, story: str, not_regency: str
                                                          ) -> None:
    assert not (region_of_first(catalog, story) or "").startswith(not_regency)


def test_the_kota_a_place_is_near_keeps_a_same_named_place_far_from_it_out(catalog: AgencyCatalog) -> None:
    # 'Dagangan' is Madiun's kecamatan and a desa of Tuban: near Kota Madiun, it is Madiun's, the place filled
    story = "jalan ke sekolah di Dagangan bolong semua padahal rumah kami deket kota Madiun, tolong diaspal"
    assert [code[:5] for code in catalog.story_places(story)] == ["35.19"]


@pytest.mark.parametrize(("story", "regency"), [
    # 'masuk ke X': where visitors entered is where they were asked to pay, not the town the group came from
    ("masuk ke Batu Karas dipungut 25rb per orang tanpa karcis, kami rombongan dari Bandung", "32.18"),
    ("masuk ke Sembalun dipungut 25rb per orang tanpa karcis resmi, kami rombongan dari Mataram", "52.03"),
])
def test_where_one_enters_is_where_it_happened(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_regional_word_for_work_says_where_the_teller_works(catalog: AgencyCatalog) -> None:
    # Banjar 'bagawi' (bekerja): the town the teller works in and passes the trouble from is not where it is
    story = "jalan kampung kami becek dan berlubang, ulun bagawi di Banjarmasin tiap hari liwat sini, tolong diperbaiki"
    assert not (region_of_first(catalog, story) or "").startswith("63.71")


@pytest.mark.parametrize(("story", "regency"), [
    # Riau and Kepri 'batu 10': the tenth milestone, where the clinic stands, no Kota Batu of East Java
    ("puskesmas di batu 10 tutup jam 11 siang, padahal antri dari pagi. sy warga Tanjungpinang Timur", "21.72"),
    # ...but 'di batu 2 hari' is two days in Kota Batu
    ("wisata di batu 2 hari kemarin macet parah", "35.79"),
])
def test_a_milestone_is_no_town(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize("story", [
    # a weight said in words, as a number in figures is: 'tiga kilo' is no Kecamatan Kilo of Dompu
    "gas melon tiga kilo di pangkalan sudah empat puluh ribu, stok habis terus",
    "beras bantuan cuma dapat lima kilo, katanya dipotong desa",
])
def test_a_weight_in_words_is_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert not (region_of_first(catalog, story) or "").startswith("52.05")
