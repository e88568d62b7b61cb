"""What stands around a place's name says which place, or whether it is where the problem is (blind14's tuning)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first, region_of_first_regional


@pytest.mark.parametrize(("story", "regency"), [
    # a town's own square, terminal or station before an everyday word makes it the town: Kota Batu, not the
    # desa Alun-Alun of Lumajang
    ("alun2 batu macet parah tiap libur, parkir liar dmn2", "35.79"),
    # a two-word facility is seen past its second word: 'pelabuhan ikan Puger' (Jember), not 'di alur masuk'
    # (a channel: Desa Alur of Tanah Laut)
    ("ini dari puger mau lapor muara pelabuhan ikan puger itu dangkal lagi perahu nelayan terbalik di alur masuk",
     "35.09"),
    # the border a road runs to is not where it is: Bagan Batu (Rokan Hilir), not North Sumatra
    ("JALAN PROVINSI DARI BAGAN BATU KE ARAH PERBATASAN SUMUT HANCUR, LUBANG SEPERTI KOLAM", "14"),
    # a kecamatan named beside a name two regencies share: Ciawi lies in the Kabupaten, not the Kota Tasikmalaya
    ("jln ciawi tasik arah malangbong rusak parah, truk pd terguling", "32.06"),
    # 'jalan nasional Padang–Painan' names a road; 'di dekat Painan' names where (Pesisir Selatan), not Kota Padang
    ("Longsor menutup jalan nasional Padang–Painan di dekat Painan, kendaraan antre berjam-jam", "13.01"),
])
def test_the_words_around_a_name_say_which_place(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first_regional(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    ("kota bima, banjir masuk rumah kami di rasanae barat", "52.72"),  # the kota named: no Kabupaten Bima
    ("pasar baru becek dan bau, los pedagang bocor di kota tasikmalaya", "32.78"),  # 'pasar baru' is a market
])
def test_names_that_were_clear_stay_clear(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_name_does_not_run_on_past_a_word_with_nya(catalog: AgencyCatalog) -> None:
    """'airnya hitam dan bau' is black water, not Kec. Air Hitam (Sarolangun, Lampung Barat): the story's place is
    Anyer (Kec. Anyar, Serang, as people spell it)."""
    regions = catalog.regions
    assert any(m.region.name == "Air Hitam" for m in regions.match("air hitam"))
    assert not any(m.region.name == "Air Hitam" for m in regions.match("airnya hitam"))
    story = "limbah pabrik kimia di anyer bikin ikan di laut mati, nelayan sudah lapor tapi airnya hitam dan bau"
    assert (region_of_first(catalog, story) or "").startswith("36.04")


@pytest.mark.parametrize(("story", "regency"), [
    # Toraja's 'lembang' (desa) is a level word only before a Toraja desa: Kec. Lembang of Bandung Barat
    ("PARKIR LIAR DI SEPANJANG JALAN LEMBANG BANDUNG BARAT BIKIN MACET TOTAL TIAP WEEKEND", "32.17"),
    # everyday regional words that are some desa's name: Javanese 'sami' (all), Banyumasan 'jere' (they say),
    # 'wingi' (yesterday, no Kec. Wlingi), 'saking' (from)
    ("Kulo wong Juwana. PBB taun niki mundhak kaping tiga. Sinten ingkang nentokaken? Warga sami bingung.", "33.18"),
    ("Inyong wong Sokaraja. Dalan kabupaten neng desa inyong bolonge gede-gede. Wis dilaporna meng kantor desa, jere "
     "ora ana anggaran.", "33.02"),
    ("Kulo saking Muntilan, wingi ngeterke sedulur dolan ten Candi Borobudur. Parkir dipunjaluk 20 ewu tanpa karcis.",
     "33.08"),
    # Manado's 'bukang' is 'bukan': the Aceh Singkil denied
    ("Kita warga Singkil, Manado, bukang Aceh Singkil neh. Sampah di pinggir kuala so nyanda diangkat dua minggu.",
     "71.71"),
])
def test_regional_words_neither_name_nor_hide_the_place(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_where_someone_came_from_is_read_before_its_level_word(catalog: AgencyCatalog) -> None:
    """'dari Kota Kediri' is where the teller came from, 'di Kabupaten Kediri' where the airport is; 'bandara baru'
    is a new airport, not Kab. Barru; 'dari pemkot Surabaya' is help from its council, not an origin."""
    found = catalog.suggest("Saya dari Kota Kediri mau naik pesawat dari bandara baru Dhoho di Kabupaten Kediri, "
                            "ojek dan taksi pangkalan minta tarif semaunya")
    assert not any((m.agency.region_code or "").startswith(("35.71", "73.11")) for m in found[:1])
    assert (region_of_first(catalog, "dilecehkan tetangga kos di Wonokromo, apa ada pendampingan dari pemkot "
                                     "surabaya? saya asli madiun") or "").startswith("35.78")


def test_lain_denies_only_where_a_clause_begins_with_it(catalog: AgencyCatalog) -> None:
    """Sundanese 'lain' is 'bukan' at a clause's start; 'dan lain-lain', 'tempat lain' deny nothing."""
    assert (region_of_first(catalog, "sampah, plastik dan lain lain di kecamatan sakra lombok timur numpuk") or ""
            ).startswith("52.03")


@pytest.mark.parametrize(("story", "regency"), [
    ("jalan rusak di mojokerto kabupaten", "35.16"),
    ("Kulo wali murid SD negeri ing Mojokerto, kabupaten. Ruang kelas 3 gentenge ambrol", "35.16"),
    ("sampah numpuk di bekasi kab, sudah seminggu", "32.16"),
    ("madiun kota, lampu merah di perempatan sering mati", "35.77"),
    ("jalan rusak di malang kota batu", "35.79"),  # 'kota' begins the next name: no level word said after Malang
])
def test_a_level_word_said_after_a_shared_name_picks_the_kabupaten_or_the_kota(
        catalog: AgencyCatalog, story: str, regency: str) -> None:
    """The Kota had won every such tie ('Mojokerto, kabupaten' went to the Kota's school office)."""
    assert (region_of_first(catalog, story) or "").startswith(regency)
    assert catalog.regions.resolve("malang kabupaten").best.region.code == "35.07"


@pytest.mark.parametrize(("story", "regency"), [
    # well-known landmarks (towns.csv) name their kecamatan, also past the teller's origin
    ("Kami rombongan dari Pekanbaru. Parkir liar di sekitar Jam Gadang, jukir minta 20 ribu", "13.75"),
    ("calo tiket di terminal bungurasih makin banyak, penumpang dipaksa", "35.15"),
    ("los pedagang di pasar klewer bocor semua kalau hujan", "33.72"),
    # ...while a street named after an airport stays a street of its town
    ("jalan juanda di bandung macet parah tiap sore", "32.73"),
])
def test_well_known_landmarks_name_their_place(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)
