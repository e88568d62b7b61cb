"""Round 56: fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_what_harms_nature_is_the_environment_office(catalog: AgencyCatalog) -> None:
    # a coal power plant's smoke or warm water, water hyacinth choking a lake, mangroves cut down: the environment
    # office's, though fishermen or fish are who suffer
    assert first(catalog, "asap hitam dari cerobong PLTU di Jepara tiap malam, jemuran warga kotor") == "33.20-dlh"
    assert first(catalog, "eceng gondok di waduk Gajah Mungkur Wonogiri makin lebar, perahu susah jalan") == "33.12-dlh"
    assert first(catalog, "mangrove di pesisir Kabupaten Demak ditebangi buat tambak baru, ikan makin sedikit") == (
        "33.21-dlh")


def test_a_crashed_price_of_what_fishers_sell_is_the_fisheries_office(catalog: AgencyCatalog) -> None:
    # the price rule sends a crashed price to the office of those who grow it: for fish, shrimp or salt that is the
    # fisheries office, not agriculture
    assert first(catalog, "harga udang vaname di Kabupaten Sidoarjo anjlok, petambak rugi") == "35.15-diskan"
    assert first(catalog, "harga garam krosok di Kabupaten Rembang jatuh lagi, kami rugi terus") == "33.17-diskan"
    # ...a crop's crashed price is still agriculture's, and a fish seller who falls off a bike is no price at all
    assert first(catalog, "harga jagung di Kabupaten Dompu anjlok pas panen raya") == "52.05-distan"
    assert first(catalog, "jalan di Kabupaten Rembang berlubang, penjual ikan jatuh dari motor") == "33.17-pupr"


def test_words_for_the_women_and_children_office(catalog: AgencyCatalog) -> None:
    # 'perlindungan anak' / 'perlindungan perempuan': the Dinas P3A's row of protection.csv replaces the
    # nomenclature's, and had lost the words people call it by
    assert first(catalog, "tetangga di Kota Kendari bocahnya ditelantarkan, tolong perlindungan anak datang") == (
        "74.71-dp3a")
    assert first(catalog, "adik ipar di Kabupaten Kapuas dipukuli lakinya, mohon perlindungan perempuan") == (
        "62.03-dp3a")
    # a marriage arranged for a child, said in Javanese or Sundanese ('dikawinke', 'dikawinkeun')
    assert first(catalog, "bocah wadon tanggaku ning Kabupaten Grobogan arep dikawinke karo juragan") == "33.15-dp3a"
    assert first(catalog, "budak awewe tatangga di Kabupaten Garut rek dikawinkeun ka aki-aki") == "32.05-dp3a"


def test_a_wheelchair_asked_for_is_aid_one_sat_in_says_who_is_held_up(catalog: AgencyCatalog) -> None:
    # the teller's wheelchair says who cannot get by: the office of what stands in the way
    assert first(catalog, "di pelabuhan Kota Bitung tidak ada jalur buat kursi roda, ibu saya diangkat-angkat") == (
        "kemenhub")
    # ...a wheelchair asked for as aid is still the social office's
    assert first(catalog, "adik saya lumpuh butuh kursi roda, sudah diajukan lewat desa di Kabupaten Blora") == (
        "33.16-dinsos")
    assert first(catalog, "bantuan kursi roda untuk bapak di Kota Kediri belum datang setahun") == "35.71-dinsos"


def test_a_levy_on_market_traders_is_the_market_office(catalog: AgencyCatalog) -> None:
    # retribusi, uang kebersihan, a stall's fee taken from traders: the office that runs the market
    assert first(catalog, "lapak sayur kami di pasar Kota Probolinggo ditarik dua kali sehari, petugasnya beda2") == (
        "35.74-disperindag")
    assert first(catalog, "kios di Kabupaten Bima dipungut uang kebersihan tiap pagi tapi tetap kotor") == (
        "52.06-disperindag")
    # ...a car park's ticket at the market is still the transport office's
    assert first(catalog, "parkir motor di pasar Kota Madiun minta 5 ribu, ga ada karcis") == "35.77-dishub"


def test_school_words_said_of_a_madrasah_are_the_ministry_of_religion(catalog: AgencyCatalog) -> None:
    # the madrasah is Kemenag's school: its fees, diplomas and teachers are the kabupaten's Kemenag office's
    assert first(catalog, "uang gedung di MTs negeri Kabupaten Kebumen 2 juta, kalau tidak bayar rapor ditahan") == (
        "33.05-kemenag")
    assert first(catalog, "honor guru madrasah ibtidaiyah di Kabupaten Pati belum dibayar, ijazah murid juga") == (
        "33.18-kemenag")
    # ...a public school named by its level keeps the education office's words
    assert first(catalog, "anak saya pindah dari MTs ke SMP negeri di Kabupaten Pati, SMP minta uang seragam") == (
        "33.18-disdik")


def test_the_village_fund_and_its_head_by_their_regional_names(catalog: AgencyCatalog) -> None:
    # Papua's kampung, Minangkabau's nagari, Aceh's gampong are the desa: their fund and head are the village office's
    assert first(catalog, "dana kampung di Kabupaten Jayawijaya tidak jelas, kepala kampung pakai sendiri") == (
        "95.01-dpmd")
    assert first(catalog, "wali nagari di Kabupaten Agam tidak pernah umumkan penggunaan dana nagari") == "13.06-dpmd"
    assert first(catalog, "klebun di Kabupaten Sampang tidak pernah musyawarah, proyek jalan tani fiktif") == (
        "35.27-dpmd")


def test_a_bare_bpjs_after_bpjs_ketenagakerjaan_is_the_same_body(catalog: AgencyCatalog) -> None:
    # 'iuran BPJS ketenagakerjaan' is not BPJS Kesehatan's 'iuran bpjs' with a word after it
    assert first(catalog, "iuran BPJS ketenagakerjaan dipotong dari gaji tiap bulan tapi perusahaan tidak setor") == (
        "bpjs-tk")
    # ...and once JHT or BPJS TK is named, a bare 'BPJS' later is the same body
    assert first(catalog, "klaim JHT saya ditolak kantor BPJS, padahal iuran bpjs dipotong 5 tahun") == "bpjs-tk"
    # ...while a bare 'BPJS' alone is still the health insurer
    assert first(catalog, "iuran BPJS saya nunggak, kartu tidak aktif waktu mau berobat") == "bpjs-kesehatan"


def test_children_begging_are_the_social_office(catalog: AgencyCatalog) -> None:
    # 'ngemis' / 'mengemis' as 'pengemis' is: the social office
    assert first(catalog, "bocah-bocah kecil ngemis di alun-alun Kota Tegal sampai tengah malam") == "33.76-dinsos"
    assert first(catalog, "ada nenek disuruh mengemis di depan masjid agung Kabupaten Demak tiap jumat") == (
        "33.21-dinsos")


def test_an_entry_fee_said_as_a_verb_is_the_tourist_site(catalog: AgencyCatalog) -> None:
    # 'masuk ... bayar', 'uang masuk': what a visitor pays to get in is the tourism office's, as 'tiket masuk' is
    assert first(catalog, "masuk curug di Kabupaten Bogor bayar tiga kali, tiap pos beda orang") == "32.01-dispar"
    assert first(catalog, "ada pemuda minta uang masuk 20rb di Kabupaten Garut, tanpa karcis") == "32.05-dispar"


def test_a_pavement_built_wrong_is_public_works(catalog: AgencyCatalog) -> None:
    # too high, no ramp, posts in the tactile path: Public Works built it so (traders on it are public order's)
    assert first(catalog, "trotoar di Kota Salatiga tinggi sekali dan tidak ada ramp, bapak pakai kursi roda") == (
        "33.73-pupr")
    assert first(catalog, "guiding block di trotoar Kota Blitar nabrak tiang lampu, orang tunanetra kejedot") == (
        "35.72-pupr")
    assert first(catalog, "pedagang kaki lima menutup trotoar di Kota Blitar, pejalan kaki turun ke jalan") == (
        "35.72-satpolpp")


def test_a_household_latrine_is_the_housing_office(catalog: AgencyCatalog) -> None:
    # a latrine or septic tank a household lacks is the housing and settlements office's (sanitation of homes)
    assert first(catalog, "rumah nenek di Kabupaten Lebak belum punya jamban, tiap malam harus ke sungai") == (
        "36.02-perkim")
    assert first(catalog, "septic tank rumah2 di gang kami Kota Cimahi penuh, bantuan sedot tidak ada") == (
        "32.77-perkim")


def test_the_town_minibus_by_its_local_names(catalog: AgencyCatalog) -> None:
    # the angkot is 'bemo' in Kupang and Lombok, 'pete-pete' in Makassar, 'mikrolet' in Ambon: the transport office's
    assert first(catalog, "bemo di Kota Kupang seenaknya naikkan tarif, penumpang dipaksa bayar 5 ribu") == (
        "53.71-dishub")
    assert first(catalog, "mikrolet di Kota Ambon seenaknya naikkan tarif, penumpang dipaksa bayar") == "81.71-dishub"


def test_a_pair_rule_reads_its_nouns_of_two_words(catalog: AgencyCatalog) -> None:
    # the thing-then-state rules' nouns of two words ('air terjun', 'anak jalanan', 'pintu air') were never read
    from bot.understanding.keywords import find_pairs, pair_rules, regional_tokens
    from bot.understanding.normalize import tokenize

    def kinds(text: str) -> set[str]:
        return {h.entry.target for h in find_pairs(regional_tokens(tokenize(text, slang=True)), pair_rules())}

    assert "dispar" in kinds("air terjun di desa kami toiletnya rusak")
    assert "dinsos" in kinds("anak jalanan di perempatan sampai malam")
    assert "sda" in kinds("pintu air di sawah kami jebol")
    assert first(catalog, "air terjun di Kabupaten Maros toiletnya jorok, sampah numpuk") == "73.09-dispar"

def test_buskers_and_silver_men_at_crossings_are_public_order(catalog: AgencyCatalog) -> None:
    # the street nuisance of buskers, 'manusia silver' and 'gepeng' is Satpol PP's to clear (begging children stay
    # the social office's)
    assert first(catalog, "pengamen maksa minta uang di perempatan Kota Bekasi, kalau ga dikasih marah") == (
        "32.75-satpolpp")
    assert first(catalog, "manusia silver keliling minta uang di alun-alun Kota Depok tiap sore") == "32.76-satpolpp"
    assert first(catalog, "bocah-bocah kecil ngemis di alun-alun Kota Depok sampai malam") == "32.76-dinsos"


def test_a_bare_bpjs_in_a_story_of_work_is_the_employers_duty(catalog: AgencyCatalog) -> None:
    # wages under the minimum and no BPJS: the employer did not register the worker, the labour office's to enforce
    assert first(catalog, "buruh pabrik sepatu di Kabupaten Tangerang digaji di bawah UMK, BPJS juga tidak ada") == (
        "36.03-disnaker")
    # ...while a card refused at the hospital is still the health insurer's, whoever the patient works for
    assert first(catalog, "sy buruh pabrik, kartu BPJS ditolak waktu berobat di rumah sakit") == "bpjs-kesehatan"
