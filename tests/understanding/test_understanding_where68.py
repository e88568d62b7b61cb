"""Where a story happened, round of 6 December morning: never the wrong kabupaten (fresh sentences, none taken
from a story set)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.normalize import tokenize
from bot.understanding.regions import RegionIndex


@pytest.mark.parametrize(("typed", "code"), [
    # an address's parts are set apart by commas: no name runs across one ('kelurahan Jati, Padang Timur' is
    # Padang's Jati, not Jakarta's Jati Padang)
    ("kelurahan jati, padang timur", "13.71.02.1003"),
    ("desa dawuan, tengah tani", "32.09.35.2005"),
    ("kel. koto panjang, padang panjang timur", "13.74.01.1006"),
])
def test_no_name_runs_across_a_comma(typed: str, code: str) -> None:
    found = RegionIndex.default().resolve(typed)
    assert found.best is not None and found.best.region.code == code


@pytest.mark.parametrize(("story", "regency", "away"), [
    # Banjar 'bulik' is 'pulang': where the teller came home from is not where the trouble is
    ("lampu jalan di sungai miai mati sebulan, ulun bulik dari martapura malam gelap banar", "63.71", "63.03"),
    ("got di pemurus baru mampet, banyu naik ke jalan. ulun bulik dari barabai kemarin sudah kaya sungai",
     "63.71", "63.07"),
])
def test_where_one_came_home_from_is_not_where_it_is(catalog: AgencyCatalog, story: str, regency: str,
                                                      away: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)
    assert not catalog.suggest(story)[0].agency.code.startswith(away)


@pytest.mark.parametrize("story", [
    # 'loteng' is an attic before it is Lombok Tengah's nickname: said among other words, it names no kabupaten
    "banjir setinggi dada di Rengas Pulau, kami bertahan di loteng rumah",
])
def test_an_attic_is_no_kabupaten(catalog: AgencyCatalog, story: str) -> None:
    assert not any(code.startswith("52.02") for code in catalog.story_places(story))


@pytest.mark.parametrize("story", [
    # 'angin' (wind) is an everyday word, no slip for a village's name ('Angan' of Aceh Besar)
    "kalau angin kencang atap meunasah di aceh besar beterbangan",
    "abu dari pabrik semen di lhoknga aceh besar masuk rumah kalau angin pagi",
])
def test_the_wind_is_no_village(story: str) -> None:
    regions = RegionIndex.default()
    cands = regions.scan(tokenize(story, slang=True), reply=False)
    assert not any(regions.code_at(c.idx) == "11.06.12.2001" for c in cands)


@pytest.mark.parametrize(("story", "town"), [
    # a town's kelurahan halves ('Kembangan Utara', 'Kembangan Selatan') are kelurahan: 'desa Kembangan' is one of
    # the desa so called, not the Jakarta kecamatan that holds the halves
    ("jalan di desa kembangan rusak parah sejak musim hujan, banyak lubang", "31.73"),
    ("dana bantuan desa pedurungan belum cair padahal sudah dijanjikan", "33.74"),
])
def test_a_desa_is_no_towns_kelurahan_halves(catalog: AgencyCatalog, story: str, town: str) -> None:
    places = catalog.story_places(story)
    assert not (places and places[0].startswith(town))
    found = catalog.suggest(story)
    assert not (found and (found[0].agency.region_code or "").startswith(town))


@pytest.mark.parametrize("story", [
    # 'ds X kec X' where kecamatan X lies in several kabupaten, each with its desa X: the story opens on none of them
    # more than another, so no kabupaten's office is guessed (the kecamatan listed first in the code table included)
    "pasar di ds sukorejo kec sukorejo becek dan sampah numpuk",
])
def test_a_shared_kecamatan_opens_on_no_kabupaten(catalog: AgencyCatalog, story: str) -> None:
    found = catalog.suggest(story)
    assert not (found and found[0].agency.region_code and len(found[0].agency.region_code) >= 5)


def _candidates(story: str) -> list[str]:
    regions = RegionIndex.default()
    return [regions.code_at(c.idx) for c in regions.scan(tokenize(story, slang=True), reply=False)]


@pytest.mark.parametrize(("story", "code"), [
    # an everyday word said twice ('biru2': bruised blue) is no kecamatan named so (Biru-Biru, Deli Serdang)
    ("lengan anak saya biru2 dicubit gurunya di sekolah", "12.07.07"),
    # ...nor are two everyday words a slip for one name ('tiga rasa' for Tigaraksa), nor 'lapang' (a field) the
    # kecamatan Lapang of Aceh Utara
    ("jajanan tiga rasa di depan sekolah pakai pewarna", "36.03.03"),
    ("murid disuruh bersihin lapang sekolah tiap pagi", "11.08.23"),
])
def test_everyday_words_name_no_kecamatan(story: str, code: str) -> None:
    assert code not in _candidates(story)


def test_a_kota_named_by_a_doubled_word_is_still_read(catalog: AgencyCatalog) -> None:
    # (a kota's name is one, though its word is everyday: Bau-Bau)
    assert catalog.story_places("antrean pasien di rsud bau bau panjang sekali")[:1] == ("74.72",)


@pytest.mark.parametrize(("story", "kept", "slip"), [
    # where one of two words names a kecamatan as it is spelled, the other must look like the rest of a name for the
    # two to be a slip for it: 'lau dawe' (desa Lau, Kecamatan Dawe) is no Landawe
    ("ibu2 lau dawe ngeluh harga pupuk", "33.19.09", "74.09.13"),
])
def test_a_slip_keeps_a_kecamatan_spelled_out(story: str, kept: str, slip: str) -> None:
    found = _candidates(story)
    assert kept in found and slip not in found


def test_a_slip_in_the_other_word_is_still_read() -> None:
    # ('dolok masihol': Dolok is a kecamatan too, and 'masihol' is a slip for Masihul)
    found = RegionIndex.default().resolve("dolok masihol")
    assert "12.18.09" in {o.region.code for o in found.options} | ({found.best.region.code} if found.best else set())


@pytest.mark.parametrize("story", [
    # a slip for a name does not run across the end of a sentence ('ke sungai. pas ...' is no Sungai Mas)
    "limbah tahu dibuang ke sungai. pas kemarau baunya parah",
    "anak2 mandi di sungai. pas hujan airnya coklat",
])
def test_a_slip_does_not_run_across_a_sentence_end(story: str) -> None:
    assert "11.05.03" not in _candidates(story)



@pytest.mark.parametrize(("story", "slip"), [
    # everyday words of complaints are no slips for a place's name: 'tabrakan' (a collision) is no Tarakan,
    # 'pertanahan' (the land office) no Petanahan, 'genangan' (standing water) no Gedangan
    ("tabrakan beruntun di tikungan tajam, korban banyak", "65.71"),
    ("urus sertifikat di kantor pertanahan lama sekali", "33.05.04"),
    ("saluran air depan rumah mampet, genangan di mana2", "35.07.29"),
])
def test_a_complaints_everyday_word_is_no_slip_for_a_place(story: str, slip: str) -> None:
    assert slip not in _candidates(story)


@pytest.mark.parametrize(("story", "slip"), [
    # nor are two everyday words run together ('per anak' is no Peranap, 'telur penyu' no town of Cilacap)
    ("iuran sekolah 300 ribu per anak tiap bulan", "14.02.05"),
    ("telur penyu dijual bebas di pasar", "33.01.21"),
])
def test_two_everyday_words_are_no_slip_for_a_place(story: str, slip: str) -> None:
    assert slip not in _candidates(story)
