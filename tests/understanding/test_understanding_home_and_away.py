"""Where the teller lives, comes from or has family, and where the problem is (blind16's tuning; fresh stories)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(("story", "regency"), [
    # a kabupaten's own name is that kabupaten, not the same-named kecamatan of the one where the teller lives
    # (Kec. Subang lies in Kuningan; Sundanese 'bumi' is home)
    ("Abdi tani di Subang, tapi bumi di Kuningan. Pupuk bersubsidi di Subang hese pisan.", ("32.13",)),
    # 'rumah di X' is the teller's home when the problem is named elsewhere
    ("saya pedagang di Karawang tapi rumah di Sukabumi, pasar di Karawang becek dan bau", ("32.15",)),
    # Javanese krama 'ten' is 'di', 'nanging' (but) no slip for Nanggung, 'griya' (home) the teller's
    ("Kulo dodolan ten Wonosobo, nanging griya ten Banjarnegara. Pasar ten Wonosobo kumuh, sampah mboten diangkut.",
     ("33.07",)),
    ("Kulo tani ten Karanganyar, nanging griya ten Wonosobo. Irigasi ten Karanganyar buntu.", ("33.13",)),
    ("Kulo tani ten Pekalongan, nanging griya ten Purbalingga. Irigasi ten Pekalongan buntu.", ("33.26", "33.75")),
    # Balinese 'saking' is 'dari' (where the teller came from) and 'ring' is 'di'
    ("Titiang saking Buleleng, meme ring Jembrana. Wenten banjir ring desa, umah meme rusak.", ("51.01",)),
    ("Titiang saking Tabanan, kulawarga ring Bangli. Jalan ring desa jebol.", ("51.06",)),
    # the town whose square it is outranks where the teller works or lives
    ("saya kerja di Kota Cirebon dan tinggal di Kabupaten Kuningan. trotoar dekat alun-alun Cirebon rusak parah",
     ("32.74",)),
])
def test_the_problem_place_outranks_the_tellers_home(catalog: AgencyCatalog, story: str,
                                                     regency: tuple[str, ...]) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    # 'sy di solo' opens a clause: the teller's place, not the mother's kecamatan Baturetno (Wonogiri)
    ("ibu sy tinggal di wonogiri, sy di solo. puskesmas dekat rumah ibu di baturetno gak ada dokter tiap sabtu",
     "33.12"),
    # 'di desa sudah 4 bln' is no desa Sudah, and 'lamongan' no desa Lamongan of Purbalingga
    ("assalamualaikum, saya di surabaya, orang tua di lamongan, bantuan PKH ortu saya di desa sudah 4 bln tdk cair",
     "35.24"),
    # a trip's end is where it happened: Pamijahan (Bogor), not Cianjur the pilgrims came from
    ("kami dari cianjur mau ziarah ke pamijahan, jalan masuk ke makam rusak parah pdhl banyak peziarah", "32.01"),
    # Sundanese 'ti' (dari) and 'damel di' (works at): Cileunyi (Kabupaten Bandung), not Sumedang
    ("abdi ti Sumedang, damel di Jatinangor, jalan di Cileunyi macet parah unggal isuk", "32.04"),
    # 'rumah saya di bekasi' is home; the bus terminal Pulo Gebang is Jakarta Timur's
    ("rumah saya di bekasi, tp kerja di jakarta timur. terminal pulo gebang banyak pungli calo", "31.75"),
])
def test_where_the_teller_is_yields_to_where_it_happened(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    # 'kebun kentang saya di X' is the teller's field, where the problem is: no teller's home
    ("Saya tinggal di Kota Jambi tapi kebun sawit saya di Kumpeh, jalan produksi ke kebun rusak berat", "15.05"),
    # 'ka sumur ti cigeulis': the road from Cigeulis to Sumur (both Pandeglang), 'ti' no one's origin
    ("jalan ka sumur ti cigeulis ruksak, teu aya perbaikan ti baheula", "36.01"),
])
def test_what_the_teller_owns_and_a_roads_ends_stay_the_place(catalog: AgencyCatalog, story: str,
                                                              regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_level_word_used_as_an_adjective_names_no_place(catalog: AgencyCatalog) -> None:
    """'jalan desa dari Ngrampal' is a village road from Ngrampal, not the desa called Dari (Sragen); 'desa dari' typed
    alone in answer to "where?" still names it."""
    regions = catalog.regions
    assert any(m.region.name == "Dari" for m in regions.match("desa dari"))
    found = regions.match("jalan desa dari Ngrampal ke arah Sambirejo rusak parah", limit=20)
    assert found and not any(m.region.name == "Dari" for m in found)


def test_a_shared_name_typed_alone_still_offers_each_place(catalog: AgencyCatalog) -> None:
    """Only a kabupaten named apart from its same-named kecamatan turns the name to the other kabupaten: "Depok"
    alone still offers Kota Depok and the kecamatan Depok of Sleman (and of Cirebon)."""
    found = catalog.regions.resolve("Depok")
    assert found.best is None and {"32.76", "34.04.07"} <= {o.region.code for o in found.options}


@pytest.mark.parametrize(("text", "code"), [
    ("Temanggung, Magelang", "33.08.13.2007"),  # the desa Temanggung of Magelang, as an address
    ("jalan rusak di Subang, Kuningan", "32.08.03"),  # Kec. Subang of Kuningan
])
def test_a_kabupatens_name_followed_by_its_holder_is_an_address(catalog: AgencyCatalog, text: str,
                                                                  code: str) -> None:
    found = catalog.regions.resolve(text)
    assert found.best is not None and found.best.region.code == code


@pytest.mark.parametrize(("story", "regency"), [
    # a river named like a kabupaten (Kab. Kapuas lies in Kalimantan Tengah) runs past the place named plainly
    ("banjir kiriman sungai kapuas sudah seminggu di sanggau, rumah warga terendam", "61.03"),
    # 'ulun' (Banjar 'I') is some village's name too, so 'ulun dari banjarmasin' had looked like a road's far end
    ("pasar di kandangan kebanjiran, ulun dari banjarmasin handak bejualan kada kawa", "63.06"),
    ("jalan ke pasar binuang rusak, ulun dari banjarmasin tiap hari lewat situ", "63.05"),
])
def test_a_rivers_name_or_the_tellers_origin_is_not_where_it_happened(catalog: AgencyCatalog, story: str,
                                                                     regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_level_word_alone_is_no_village(catalog: AgencyCatalog) -> None:
    """'kampung di kabupaten, bukan kota' is the countryside, not Kelurahan Kabupaten of Klaten."""
    assert region_of_first(catalog, "sampah di kali numpuk, kami orang kampung di kabupaten, bukan kota") is None


def test_a_known_landmark_outranks_where_the_teller_comes_from(catalog: AgencyCatalog) -> None:
    """'dekat Undip' (towns.csv: Tembalang, Kota Semarang) is where the pavement is, not Demak, the teller's home."""
    story = "trotoar dekat Undip Tembalang rusak parah, saya dari Demak tiap hari lewat situ"
    assert (region_of_first(catalog, story) or "").startswith("33.74")


def test_tepian_is_a_bank_not_a_village(catalog: AgencyCatalog) -> None:
    """'di tepian sungai' is on the river bank, not Desa Tepian of Nunukan."""
    story = "pedagang kaki lima di tepian sungai makin semrawut sampai ke badan jalan"
    assert not (region_of_first(catalog, story) or "").startswith("65.03")


@pytest.mark.parametrize(("story", "regency"), [
    # the teller's address goes on past the comma ('Kartasura, Sukoharjo'): Colomadu lies in Karanganyar
    ("saya warga Kartasura, Sukoharjo. pasar di Colomadu becek dan sampah numpuk", "33.13"),
    # 'dari airmadidi ke tomohon' is the teller's daily trip; the road named plainly is in Tondano (Minahasa)
    ("jalan di tondano rusak parah, kami tiap hari dari airmadidi ke tomohon lewat situ", "71.02"),
])
def test_the_tellers_address_and_trip_yield_to_the_place_named(catalog: AgencyCatalog, story: str,
                                                               regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_road_between_two_places_stays_where_it_runs(catalog: AgencyCatalog) -> None:
    """'jalan dari masamba ke seko' is the road itself: both ends lie in Luwu Utara, whoever studies in Palopo."""
    story = ("kampus saya di palopo tapi kampung saya di luwu utara, jalan dari masamba ke seko tidak bisa dilewati "
             "kalau hujan")
    assert (region_of_first(catalog, story) or "").startswith("73.22")


@pytest.mark.parametrize(("story", "regency"), [
    # 'dr' typed short is 'dari': where the teller came from
    ("lampu jalan di Sragen kota mati semua, sy dr Karanganyar tiap malam lewat", "33.14"),
    # 'ktp X' is where the teller is registered; the grandmother's Kanigoro lies in Kabupaten Blitar
    ("aku ktp kota blitar, mbahku ning kanigoro ora oleh bansos maneh", "35.05"),
    # 'kulo' (Javanese 'I') is some village's name too: 'kulo saking Kota Magelang' is still where the teller is from
    ("Kulo saking Kota Magelang, simbah teng Mertoyudan. Omahe bocor ora tau dibantu", "33.08"),
])
def test_the_tellers_registration_and_origin_said_short(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_an_everyday_word_is_no_part_of_a_kabupatens_name(catalog: AgencyCatalog) -> None:
    """'pasar intan' is a diamond market (Martapura), not Kabupaten Intan Jaya in Papua Tengah."""
    story = "toko emas di pasar intan banyak yang tutup, jalan depannya berlubang, ini di martapura"
    assert not (region_of_first(catalog, story) or "").startswith("94")


def test_no_place_inside_a_province_the_citizen_denies(catalog: AgencyCatalog) -> None:
    """'bukan Jatim': Kecamatan Jombang of Kabupaten Jombang is out, the one of Kota Cilegon is meant."""
    story = "Jombang Cilegon bukan Jatim ya pak. anak sy di SD negeri kecamatan Jombang disuruh bayar seragam"
    assert (region_of_first(catalog, story) or "").startswith("36.72")
    # 'bukan kota semarang' denies the kota only, not the kabupaten of the same name
    assert (region_of_first(catalog, "saya di ambarawa kabupaten semarang bukan kota semarang, pasar becek")
            or "").startswith("33.22")


def test_the_home_named_again_where_the_problem_is(catalog: AgencyCatalog) -> None:
    """Home, work and the wife's school all named as the teller's; 'pasar sleman' names the home again: Sleman."""
    story = ("rumah saya di Sleman tapi kerja di Kota Jogja, istri ngajar di Bantul. jalan depan pasar sleman "
             "berlubang")
    assert (region_of_first(catalog, story) or "").startswith("34.04")
    # 'Kabupaten Kupang' is no second naming of Kota Kupang, where the teller lives
    assert (region_of_first(catalog, "Beta tinggal di Kota Kupang, ma beta pung mama di Kabupaten Kupang punya "
                                     "rumah rusak kena angin") or "").startswith("53.01")


def test_the_tellers_address_runs_on_into_its_kabupaten(catalog: AgencyCatalog) -> None:
    """'tinggal di singaraja buleleng': Buleleng is the teller's too, so the rice field in Jembrana is the place."""
    story = "saya tinggal di singaraja buleleng tapi sawah saya di jembrana, irigasinya jebol"
    assert (region_of_first(catalog, story) or "").startswith("51.01")


@pytest.mark.parametrize(("story", "regency"), [
    # a road named by its two ends, then where along it: Bayung Lencir lies in Musi Banyuasin, Sibolangit in Deli
    # Serdang — neither in Palembang nor in Karo (Berastagi)
    ("jln lintas jambi-palembang di bayung lencir amblas", "16.06"),
    ("jalan medan-berastagi di sibolangit longsor", "12.07"),
])
def test_a_roads_two_ends_yield_to_where_along_it(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)
