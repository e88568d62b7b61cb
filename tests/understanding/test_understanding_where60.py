"""Where a story happened, when it also names where the teller or a relative is, where visitors came from, or a town
whose name is an everyday word (fresh sentences, none taken from a story set)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.normalize import tokenize
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(("story", "regency"), [
    # 'tinggal' after a relative is where the relative lives: no teller's home for the teller's own place to beat
    ("ktp bapak sy yg tinggal di majenang sudah setahun blm jadi, sy di bekasi ga bisa bantu urus", "33.01"),
    ("kk baru adik saya yang tinggal di Kertosono gak jadi2, saya di Surabaya cuma bisa telpon", "35.18"),
])
def test_a_relatives_home_is_not_the_tellers(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    ("lampu jalan depan rumah ibu saya di Kartasura mati sebulan. saya di Solo cuma bisa telpon kelurahan",
     "33.11"),
    ("jalan depan rumah mbah saya di Pakem longsor. saya di Kota Yogyakarta belum bisa pulang", "34.04"),
])
def test_a_sentence_after_a_full_stop_opens_with_the_teller(catalog: AgencyCatalog, story: str, regency: str
                                                            ) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_full_stop_and_a_space_are_marked_on_the_next_word() -> None:
    tokens = tokenize("parit meluap. saya di Singkawang, kab. Bengkayang", slang=True)
    assert [t.text for t in tokens if t.stop] == ["saya", "bengkayang"]
    assert not any(t.sep for t in tokens[:3])


@pytest.mark.parametrize(("story", "regency"), [
    ("beta tinggal di Nusaniwe, jalan depan rumah su rusak parah, oto seng bisa lewat. tolong e. beta pung adik di "
     "masohi", "81.71"),
    ("sa tinggal di Abepura, lampu jalan mati su dua minggu, gelap skali kalo malam. sa pu kakak di sentani", "91.71"),
])
def test_a_relatives_place_closing_the_story_is_said_in_passing(catalog: AgencyCatalog, story: str, regency: str
                                                                ) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_relatives_place_the_story_goes_on_from_is_where_it_happened(catalog: AgencyCatalog) -> None:
    """Named far after the teller's own but in the middle of the story, a relative's place is where it happened."""
    story = ("saya warga kota tegal, kemarin anak saya nginep lama di rumah kakeknya di brebes, di sana lampu jalan "
             "mati semua sampai anak saya jatuh")
    assert (region_of_first(catalog, story) or "").startswith("33.29")


@pytest.mark.parametrize(("story", "regency"), [
    ("tempat wisata Batu parkirnya mahal banget, kami rombongan dari Gresik kaget", "35.79"),
    ("liburan di batu kena pungli parkir 20rb, kami dari Surabaya", "35.79"),
])
def test_a_trip_names_a_town_whose_name_is_an_everyday_word(catalog: AgencyCatalog, story: str, regency: str
                                                            ) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_on_a_stone_is_still_no_town(catalog: AgencyCatalog) -> None:
    """Without a trip, 'di batu' stays an everyday word."""
    assert not (region_of_first(catalog, "anak saya jatuh di batu depan sekolah, kakinya berdarah") or ""
                ).startswith("35.79")


def test_who_people_are_ends_no_place_name_before_where_they_came_from(catalog: AgencyCatalog) -> None:
    """'nelayan' (a desa of Tapin) before 'dari Tuban' says who came from there, not a road from Nelayan."""
    story = "TPI Brondong becek dan kotor, nelayan dari Tuban juga bongkar ikan di sini"
    assert (region_of_first(catalog, story) or "").startswith("35.24")


@pytest.mark.parametrize(("story", "regency"), [
    # 'sudin' (suku dinas) is what Jakarta calls its cities' offices: of same-named places, Jakarta's
    ("saluran air di cempaka baru mampet, sudin SDA tolong", "31"),
    ("jalan di kelurahan Menteng rusak, sudin bina marga kemana", "31"),
    # 'kalurahan' is what Yogyakarta calls a village
    ("jalan di Sidomulyo rusak parah, kalurahan diam saja", "34"),
])
def test_a_regions_own_word_for_its_offices_tells_which_place(catalog: AgencyCatalog, story: str, regency: str
                                                              ) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    # what happened, then the kecamatan it happened in: the place, as after 'di'
    ("banjir Baleendah lagi, air sampai pinggang, warga Kota Bandung juga kejebak", "32.04"),
    ("longsor Cipongkor nutup jalan, kami dari kota Cimahi ga bisa lewat", "32.17"),
])
def test_an_event_before_a_kecamatan_names_where_it_happened(catalog: AgencyCatalog, story: str, regency: str
                                                             ) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_road_named_by_its_ends_gives_way_to_the_place_named_apart(catalog: AgencyCatalog) -> None:
    """'jalan raya semarang-purwodadi' names a road by its two ends; the market's kecamatan is where the stalls are."""
    story = "PKL depan pasar Karangawen tumpah ke jalan raya semarang-purwodadi, macet tiap pagi"
    assert (region_of_first(catalog, story) or "").startswith("33.21")
    # ...and alone the road is still read by its first end
    assert (region_of_first(catalog, "jalan raya semarang-purwodadi berlubang parah") or "").startswith("33.")


@pytest.mark.parametrize("story", [
    "longsor tebing di jalan desa, tolong",  # a cliff (Kecamatan Tebing, Karimun)
    "parkir liar di depan Ramayana, jukir minta 5rb, tolong dishub",  # a department store (a desa of Lampung)
])
def test_everyday_words_name_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()


def test_the_body_of_the_road_is_no_village(catalog: AgencyCatalog) -> None:
    """'badan jalan' is the roadway, not a slip for Badran (Kabupaten Semarang), named beside 'semarang'."""
    tokens = tokenize("pedagang tumpah ke badan jalan raya semarang tiap pagi", slang=True)
    at = [t.text for t in tokens].index("badan")
    assert not any(h.start == at for c in catalog.regions.scan(tokens, reply=False) for h in c.used)


@pytest.mark.parametrize(("story", "regency"), [
    # 'pak', 'bu' (read as 'bapak', 'ibu') before 'saya tinggal' may be the official addressed: the teller's home
    ("gini pak saya tinggal di Kota Bima tapi sawah saya di Woha, pupuk subsidi gak ada", "52.06"),
    ("maaf bu saya tinggal di kota tasik tapi kebun saya di cigalontang, pupuk subsidi susah", "32.06"),
])
def test_the_official_addressed_is_no_relative(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_relatives_said_to_be_there_all_together_are_relatives(catalog: AgencyCatalog) -> None:
    """'anak2 pada di Depok semua' (colloquial 'pada': all of them) is where the children are, said in passing."""
    story = ("PBB rumah sy di Kebon Jeruk naik dua kali lipat tanpa pemberitahuan. pensiunan gimana bayarnya, "
             "anak2 pada di Bogor semua")
    assert (region_of_first(catalog, story) or "").startswith("31.73")


@pytest.mark.parametrize("story", [
    "sudah 3 kali ke kantor dukcapil kabupaten blm jadi juga ktp saya, tolong",
    "jalan kabupaten blm diaspal sampai sekarang",
])
def test_a_word_going_on_after_a_level_word_is_no_slip_for_a_kabupaten(catalog: AgencyCatalog, story: str) -> None:
    """'kabupaten blm' (belum) is the kabupaten's office not yet done, no slip for Kabupaten Belu."""
    assert not any(code.startswith("53.04") for code in catalog.story_places(story))


def test_asked_is_no_word_with_its_nya_dropped(catalog: AgencyCatalog) -> None:
    """'ditanya' (asked) ends in '-nya' but is no 'dita' + '-nya': after 'desa.' it names no Desa Diita."""
    assert [t.text for t in tokenize("sudah ditanya, menanya lagi", slang=True)] == ["sudah", "ditanya", "menanya",
                                                                                     "lagi"]
    story = "surat tanah di Pengasih belum jadi, padahal sudah bayar ke panitia desa. ditanya ke kantor katanya nunggu"
    assert not any(code.startswith("94.") for code in catalog.story_places(story))


@pytest.mark.parametrize(("story", "regency"), [
    ("puskesmas di batu tutup jam 11, pasien disuruh pulang", "35.79"),
    ("Saya tinggal di Kota Malang tapi anak sekolah di SD negeri di Batu, iuran komite mahal", "35.79"),
])
def test_where_a_school_or_clinic_stands_is_a_town_though_its_name_is_an_everyday_word(
        catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)
