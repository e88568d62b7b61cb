"""Where a story happened when it puts the trouble 'here' without naming it and then names a place only as someone
else's, or as where the teller came from (fresh sentences, none taken from a story set)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import story_reading


@pytest.mark.parametrize("story", [
    # where the teller came from, after the trouble was put 'di sini' or 'di kampung kami'
    "lampu jalan di kampung kami mati semua sudah sebulan, kemarin sy dr kab. Klaten pulang lewat situ gelap banget",
    "antrean di puskesmas di sini lama sekali, dokter datang jam 11, saya dari Kabupaten Gresik",
    "pasar di daerah kami becek dan kotor, pedagang ikan dari kab Lamongan buang sisa ke got",
    # ...commuting from it ('bolak balik': 'balik', an everyday word, is no place before 'dari')
    "lampu merah di perempatan di sini mati terus, saya tiap hari bolak balik dari kabupaten Pemalang",
    # ...a full stop after 'kampung kami' ends it, whatever the next sentence begins with; 'warga' after it is who
    "got di kampung kami mampet. warga bilang truk dari kab Jepara yang merusak",
    "banjir di kampung kami warga mengungsi ke masjid, kemarin saya dari kabupaten Kudus lewat situ",
    # a relative's place
    "sumur di desa kami kering sejak kemarau, adik saya di kabupaten Wonogiri juga begitu katanya",
    # ('ortu' arrives as 'orang tua': the parents' home, not 'orang' of where the teller comes from)
    "bantuan beras di sini tidak merata, ortu sy tinggal di kab Sragen dapat semua",
    "air pdam di kampung kami mati tiga hari, orang tua saya tinggal di kabupaten Sleman",
    # where the teller was born
    "jembatan bambu di lingkungan kami hampir putus, saya asli kabupaten Bantul tapi sudah lama tinggal di sini",
])
def test_a_place_said_after_here_only_as_someone_elses_names_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()
    reading = story_reading(story)
    assert not (reading.answers.get("location") or {}).get("region")


@pytest.mark.parametrize(("story", "regency"), [
    # the teller's own village or kecamatan named before 'kampung kami' is where it is
    ("saya dari desa Karangsari kecamatan Buayan, jalan di kampung kami rusak parah", "33.05"),
    # 'kampung kami di X' names the place; 'dari X' after it is the road's other end
    ("jembatan ke kampung kami di Kabupaten Sikka putus, kami dari Maumere harus memutar", "53.07"),
    # 'tempat saya kerja di X' is the workplace, named
    ("pabrik tempat saya kerja di kabupaten Karawang tidak bayar lembur", "32.15"),
    # a relative's place with no 'here' before it is still read as it was
    ("anak saya yang sekolah di SMP negeri di kabupaten Purworejo dimintai uang seragam", "33.06"),
])
def test_a_place_named_plainly_is_still_read(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert catalog.story_places(story)[:1] and catalog.story_places(story)[0].startswith(regency)



@pytest.mark.parametrize("story", [
    # a market named for its market day stands in many towns: no desa of that name without its level word
    "atap los di pasar kamis bocor semua, pedagang ikan basah kuyup tiap hujan",
    "retribusi harian di pasar sabtu naik dua kali lipat tanpa pemberitahuan",
    "sampah di belakang pasar legi numpuk seminggu, baunya sampai ke sekolah",
])
def test_a_market_named_for_its_day_is_no_desa(catalog: AgencyCatalog, story: str) -> None:
    assert not any(len(code) > len("52.03.05") for code in catalog.story_places(story))


@pytest.mark.parametrize(("story", "code"), [
    ("copet di dekat stasiun pasar minggu makin banyak", "31.74"),  # the kecamatan of Jakarta Selatan
    ("air bersih di desa pasar kamis tidak mengalir seminggu", "63.03.02.2014"),  # with its level word
])
def test_a_market_days_place_said_as_such_is_read(catalog: AgencyCatalog, story: str, code: str) -> None:
    assert catalog.story_places(story)[:1] and catalog.story_places(story)[0].startswith(code)


@pytest.mark.parametrize(("story", "regency"), [
    # a kecamatan (or kelurahan) sharing its name with a kabupaten of another province, its own kabupaten named apart:
    # the kabupaten so called lies far away, so the place named apart says which one is meant
    ("banjir di Ketapang tiap hujan, BPBD Sampang lambat", "35.27"),
    ("pasar ikan di Ketapang kotor sekali, sudah lapor ke dinas Sampang belum ada tindakan", "35.27"),
    ("lampu jalan di Tuban dekat bandara mati sebulan, padahal sudah lapor ke Dishub Badung", "51.03"),
])
def test_a_name_shared_with_a_far_kabupaten_is_the_place_of_the_one_named_apart(catalog: AgencyCatalog, story: str,
                                                                                 regency: str) -> None:
    assert catalog.story_places(story)[:1] and catalog.story_places(story)[0].startswith(regency)


def test_a_kabupaten_named_beside_one_of_its_own_province_is_still_that_kabupaten(catalog: AgencyCatalog) -> None:
    # ('Subang' is the kabupaten, not Kuningan's kecamatan Subang, when both lie in West Java)
    assert catalog.story_places("saya tani di Subang, tapi rumah di Kuningan")[:1] == ("32.13",)


@pytest.mark.parametrize(("story", "regency"), [
    # where the teller lives, works or comes from, passing the place of the trouble on the way ('lewat situ'), is not
    # that place: the place named apart is
    ("JALAN KABUPATEN KUTOWINANGUN BERLUBANG DALAM. SAYA ORANG PURWOREJO LEWAT SINI TIAP HARI", "33.05"),
    ("lampu jalan di Kertek mati semua, saya kerja di Kabupaten Temanggung tiap hari lewat situ", "33.07"),
    # ...and so is where people come here from ('ke sini', 'kesini')
    ("got di pinggir jalan Kalasan mampet, orang kota Jogja pada buang sampah ke sini", "34.04"),
    ("tumpukan limbah di pinggir jalan Parung, truk dari kota Depok buang kesini tiap malam", "32.01"),
])
def test_where_the_teller_passes_from_gives_way(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert catalog.story_places(story)[:1] and catalog.story_places(story)[0].startswith(regency)


@pytest.mark.parametrize("story", [
    "minggu lalu saya dari kabupaten Boyolali lewat situ, jalannya ambles separuh",
    "saya tinggal di kabupaten Karanganyar tapi tiap hari lewat situ, lampu merahnya mati terus",
    # ...its name typed with a slip ('klatn', 'bantl')
    "kemarin saya dari kab. Klatn lewat situ, jembatannya retak",
    "pipa pdam di kampung kami bocor seminggu, tiap minggu sy bolak balik dr kab. Bantl",
])
def test_where_the_teller_passes_from_alone_names_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()


@pytest.mark.parametrize(("story", "regency"), [
    # where the teller comes from, set against a 'di sini' said after it, is not where they are
    ("urus izin usaha di Pedungan lama sekali. saya asli Banyuwangi tapi sudah buka warung di sini 3 tahun", "51.71"),
])
def test_a_birthplace_before_here_gives_way(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert catalog.story_places(story)[:1] and catalog.story_places(story)[0].startswith(regency)


def test_a_birthplace_before_here_alone_names_no_place(catalog: AgencyCatalog) -> None:
    assert catalog.story_places("sampah di pinggir jalan numpuk, kami orang Kabupaten Pati tapi dagang di sini") == ()


@pytest.mark.parametrize(("story", "regency"), [
    # papers 'dari kelurahan X' come from the office where the trouble is: an everyday word before 'dari' ('berkas')
    # still ends a name there; only 'balik' (coming back from) makes the place one the teller set out from
    ("berkas dari kelurahan Bandarharjo dikembalikan terus, adik saya di Demak juga begitu", "33.74"),
    ("tiap hari bolak balik dari Kabupaten Batang, lampu merah di perempatan Kalibanteng mati", "33.74"),
])
def test_papers_from_an_office_are_from_where_it_is(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert catalog.story_places(story)[:1] and catalog.story_places(story)[0].startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    # 'di darat', 'di laut' are on land and at sea, not Kelurahan Darat (Medan) or a desa Laut
    ("surat keterangan usaha dari kelurahan Bandarharjo lama sekali, saya nelayan jarang di darat", "33.74"),
    ("KTP saya hilang waktu melaut, kantor dukcapil Kabupaten Rembang minta surat polisi, saya lebih sering di laut",
     "33.17"),
])
def test_land_and_sea_are_everyday_words(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert catalog.story_places(story) and all(code.startswith(regency) for code in catalog.story_places(story))
