"""Round 60: fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.normalize import tokenize
from tests.understanding.conftest import first


def test_an_office_said_with_provinsi_is_the_province(catalog: AgencyCatalog) -> None:
    # 'dinas pertanian provinsi', 'rumah sakit provinsi': the word after the office or what it runs names the
    # level, though the place named is a kabupaten or kota
    assert first(catalog, "pupuk bersubsidi di Kabupaten Klaten tinggal sedikit, mohon dinas pertanian provinsi "
                          "tambah jatah") == "33-distan"
    assert first(catalog, "kapal saya di Kabupaten Pati belum dapat izin berlayar, dinas kelautan dan perikanan "
                          "provinsi lambat sekali") == "33-diskan"
    assert first(catalog, "rumah sakit provinsi di Kota Semarang antriannya panjang sekali") == "33-rsud"
    # ...without it the kabupaten's own office stays first
    assert first(catalog, "dinas pertanian Kabupaten Klaten belum bagi benih padi") == "33.10-distan"


def test_an_office_name_the_story_says_means_something_else(catalog: AgencyCatalog) -> None:
    # among farmers 'P3A' is their water users' association, no office: the channel is Public Works'
    assert first(catalog, "saluran tersier di sawah kami Kabupaten Ngawi jebol, ketua P3A sudah lapor tapi belum "
                          "ada perbaikan") == "35.21-pupr"
    # ...in a story of violence at home it is still the women and children protection office
    assert first(catalog, "anak tetangga di Kabupaten Ngawi dipukuli ayah tirinya, tolong P3A datang") == "35.21-dp3a"
    # 'DKP' among fishers is the fisheries office, among food stocks the food security office ('DKPP' folds to it)
    codes = [m.agency.code for m in catalog.suggest("perahu nelayan di Kabupaten Cilacap tidak dapat jatah solar, "
                                                    "DKP diam saja")]
    assert codes[0] == "33.01-diskan" and "33.01-dispangan" not in codes
    assert first(catalog, "stok beras di lumbung pangan Kabupaten Grobogan kosong, DKP tidak ada kabar") == (
        "33.15-dispangan")


def test_smp_before_a_time_is_until_not_the_school(catalog: AgencyCatalog) -> None:
    # 'smp jam 3 pagi', 'smp subuh': 'sampai' typed short, so no junior high school is suggested
    for story in ("karaoke sebelah rumah di Kota Madiun bunyinya keras smp jam 3 pagi",
                  "warung tuak di Kota Kupang ramai smp subuh, orang mabuk teriak2"):
        codes = [m.agency.code for m in catalog.suggest(story)]
        assert codes[0].endswith("-satpolpp") and not any(c.endswith("-disdik") for c in codes)
    # ...the school named is still the school, with a number after it too
    assert first(catalog, "SMP negeri di Kabupaten Sleman minta uang seragam") == "34.04-disdik"
    assert first(catalog, "anak sy smp 2 belum dapat rapor, Kota Malang") == "35.73-disdik"


def test_fish_farms_permits_and_foreign_boats_by_the_words_fishers_use(catalog: AgencyCatalog) -> None:
    # floating net cages, catfish seed, the fish farmers' group and the fishing permit (SIPI): the fisheries office
    assert first(catalog, "keramba jaring apung di waduk Kabupaten Purwakarta ditarik pungutan liar") == "32.14-diskan"
    assert first(catalog, "bibit lele bantuan untuk pokdakan di Kabupaten Boyolali tidak dibagi rata") == (
        "33.09-diskan")
    assert first(catalog, "perpanjangan SIPI kapal saya di Kota Bitung sudah dua bulan belum selesai") == "71.72-diskan"
    # foreign boats fishing in our waters, and the ministry's patrol (PSDKP): the Ministry of Marine Affairs
    assert first(catalog, "kapal asing nyolong ikan di perairan Kabupaten Natuna, tolong PSDKP patroli") == "kkp"


def test_farm_animals_dying_are_the_livestock_office(catalog: AgencyCatalog) -> None:
    # animals dying one after another is a disease the livestock office answers, though the carcasses went into a river
    assert first(catalog, "ayam warga di Kabupaten Magelang mati satu per satu, bangkainya dibuang ke sungai") == (
        "33.08-disnak")
    assert first(catalog, "bebek tetangga di Kabupaten Brebes banyak yang mati, bangkainya dibuang ke selokan") == (
        "33.29-disnak")
    # African swine fever by its short name
    assert first(catalog, "ASF merebak di Kabupaten Kupang, babi kami tinggal sedikit") == "53.01-disnak"
    # ...a bare 'mati' near a farm is the lamp's or the engine's, and a smelly coop stays the environment office's
    assert first(catalog, "kandang ayam di sebelah rumah bau sekali, lampu jalan juga mati, Kabupaten Blitar") == (
        "35.05-dlh")
    assert first(catalog, "motor saya mati mendadak di jalan Kabupaten Brebes yang berlubang") == "33.29-pupr"


def test_plantation_and_cooperative_words_of_the_village(catalog: AgencyCatalog) -> None:
    # the price of fresh fruit bunches (TBS), replanting and the plantation office by its names: agriculture
    assert first(catalog, "harga TBS di tingkat petani Kabupaten Kampar jauh di bawah penetapan, tolong dinas "
                          "perkebunan provinsi awasi") == "14-distan"
    assert first(catalog, "harga TBS di pabrik Kabupaten Kampar dipotong terus, timbangan tidak jujur") == (
        "14.01-distan")
    # the village unit cooperative and its share of the surplus (SHU): the cooperatives office
    assert first(catalog, "KUD di Kabupaten Boyolali tidak pernah bagi SHU ke anggota") == "33.09-diskop"
    # ...'di SPBUN' is no slip for the plantation office's 'disbun' (ordinary_words.csv)
    assert first(catalog, "nelayan di Kabupaten Batang tidak bisa beli solar di SPBUN tanpa surat rekomendasi "
                          "dinas") == "33.25-diskan"
    # ...palm oil mill waste in a river stays the environment office's
    assert first(catalog, "limbah pabrik sawit di Kabupaten Siak dibuang ke sungai, ikan mati") == "14.08-dlh"


def test_a_body_missed_at_the_place_is_not_the_one_written_to(catalog: AgencyCatalog) -> None:
    # 'polisi gak ada yg jaga' at a broken traffic light: the lights are the transport office's; police come second
    for story, office in (("traffic light di perempatan Kota Madiun ijonya cuma 5 detik, polisi gak ada yg jaga",
                           "35.77-dishub"),
                          ("lampu merah di simpang Kota Kediri mati, tidak ada polisi yang ngatur, macet parah",
                           "35.71-dishub")):
        codes = [m.agency.code for m in catalog.suggest(story)]
        assert codes[0] == office and "polri" in codes
    # ...the police not answering a theft, or an office that did not answer, are still the ones named
    assert first(catalog, "motor saya dicuri di parkiran pasar Kota Kediri, polisi tidak ada respon") == "polri"
    assert first(catalog, "dinas PU Kabupaten Kediri tidak ada tanggapan soal jalan rusak") == "35.06-pupr"


def test_parks_and_loud_cafes_of_the_town(catalog: AgencyCatalog) -> None:
    # a town park, its swings and its lamps are the environment (parks) office's
    assert first(catalog, "perosotan di taman dekat rumah Kabupaten Jember rusak, toiletnya juga tidak "
                          "berfungsi") == "35.09-dlh"
    assert first(catalog, "taman kota di Kabupaten Ngawi gelap, lampu mati, rumput setinggi lutut") == "35.21-dlh"
    # ...a housing estate named after a park is no park, and a kindergarten is the education office's
    assert first(catalog, "rumah di perumahan taman sari Kota Bogor kebanjiran tiap hujan") == "32.71-bpbd"
    assert first(catalog, "taman kanak-kanak di Kabupaten Klaten minta uang gedung mahal") == "33.10-disdik"
    # a cafe's music said loud ('musiknya kenceng smp jam 1'): public order, though its customers park on the road
    assert first(catalog, "kafe di dekat alun-alun Kota Tegal musiknya kenceng smp jam 1 malam, parkir "
                          "pengunjungnya makan jalan") == "33.76-satpolpp"


def test_a_story_that_says_the_province_runs_it(catalog: AgencyCatalog) -> None:
    # 'diurus di provinsi', 'tugas provinsi', 'kewenangan provinsi': the province's office of what the story is about
    assert first(catalog, "izin kapal 10 GT saya diurus di provinsi sudah dua bulan belum terbit, kapal nganggur di "
                          "Kabupaten Rembang") == "33-diskan"
    assert first(catalog, "kapal cantrang masuk perairan Kabupaten Jepara dekat pantai, pengawasan laut itu tugas "
                          "provinsi kan?") == "33-diskan"
    assert first(catalog, "jalan di Kabupaten Kendal rusak parah, katanya kewenangan provinsi") == "33-pupr"
    # ...not when it is denied, nor when the province is only where a report went
    assert first(catalog, "jalan di Kabupaten Kendal rusak parah, katanya bukan kewenangan provinsi") == "33.24-pupr"
    assert first(catalog, "jalan desa di Kabupaten Kendal rusak, sudah lapor ke provinsi belum ada jawaban") == (
        "33.24-pupr")


@pytest.mark.parametrize("word", ["tahan", "paman", "laman", "teman"])
def test_everyday_words_are_no_slip_for_a_park(catalog: AgencyCatalog, word: str) -> None:
    """'taman' (a park) is a keyword now: 'tahan', an uncle, a web page or a friend one letter from it is not a park."""
    assert catalog._phrases.find(tokenize(f"kata {word} saya begitu", slang=True)) == []


def test_a_weir_or_water_gate_that_fails_is_the_works_office(catalog: AgencyCatalog) -> None:
    # a weir silted up, a water gate rusted shut: the water works (Public Works outside Jakarta), though rice fields
    # are what suffer
    assert first(catalog, "bendung di desa kami Kabupaten Tasikmalaya penuh lumpur, air ke sawah kecil sekali") == (
        "32.06-pupr")
    assert first(catalog, "pintu air bendung di Kabupaten Klaten macet tidak bisa dibuka, sawah petani kering") == (
        "33.10-pupr")


def test_a_state_two_words_past_a_comma_is_not_the_road_s(catalog: AgencyCatalog) -> None:
    # 'warung saya di jalan Anggrek, kulkas dan freezer rusak': the street is the address, the fridge what broke
    assert first(catalog, "warung saya di jalan Anggrek, kulkas dan freezer rusak karena listrik naik turun",
                 region="35.71") == "pln"
    # ...one word on, the state is still the road's
    assert first(catalog, "jalan di depan rumah kami, sudah 3 bulan rusak", region="35.05") == "35.05-pupr"
    assert first(catalog, "jalan desa kami, rusak parah sejak banjir kemarin", region="35.05") == "35.05-pupr"
