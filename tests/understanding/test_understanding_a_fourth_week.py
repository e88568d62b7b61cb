"""A fourth week's inbox: the kecamatan a story opens on, a neighbour, a road named after its place, a referral's
origin, who fishers are, red soil and branches (blind28's tuning, 5 December; every story written fresh for the
test)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.normalize import tokenize
from bot.understanding.regions import MIN_SCORE, RegionIndex
from tests.understanding.conftest import region_of_first_regional


@pytest.fixture(scope="module")
def regions() -> RegionIndex:
    """The shipped region index."""
    return RegionIndex.default()


@pytest.mark.parametrize(("story", "regency"), [
    # the kecamatan the story opens on is where it is; the kabupaten/kota named after it is a side remark
    ("ini dari juwana pak, rob sudah masuk rumah 3 hari, katanya yang di kudus aman", "33.18"),
    ("jalan kabupaten di bontomarannu longsor, sayur ga bisa dibawa ke pasar di makassar", "73.06"),
    ("hama wereng di tirtayasa, penyuluh ga pernah datang katanya tugas di kota serang", "36.04"),
    # ...but the kabupaten's own name at the opener's words is no side remark ('di mesuji ... bpn mesuji')
    ("sengketa lahan plasma di mesuji belum selesai, bpn mesuji tolong ukur ulang", "18.11"),
])
def test_the_kecamatan_a_story_opens_on_outranks_a_town_named_after_it(catalog: AgencyCatalog, story: str,
                                                                          regency: str) -> None:
    assert (region_of_first_regional(catalog, story) or "").startswith(regency)


def test_a_place_after_yang_and_dari_is_still_where_someone_came_from(catalog: AgencyCatalog) -> None:
    # 'yang' is some village's name, but it ends no name before 'dari': Kediri is where the teachers come from
    story = "atap madrasah di diwek bocor, murid belajar di teras, gurunya ada yg dr kediri"
    assert (region_of_first_regional(catalog, story) or "").startswith("35.17")


def test_a_neighbour_is_not_where_it_is(catalog: AgencyCatalog) -> None:
    # Talang Kelapa (Banyuasin) first, not the kelurahan Talangkelapa of the Palembang it borders
    story = "jalan di talang kelapa yang berbatasan dengan palembang berlubang besar"
    assert (region_of_first_regional(catalog, story) or "").startswith("16.07")


def test_a_former_home_is_not_where_it_is(catalog: AgencyCatalog) -> None:
    # where a child moved from is not where the school is
    story = "smp negeri di sukorejo minta uang gedung 2 juta, anak saya baru pindah dr madiun"
    assert not any((m.agency.region_code or "").startswith("35.19") for m in catalog.suggest(story))


@pytest.mark.parametrize(("story", "regency"), [
    # with no other place named, a road named after a kecamatan is the road there
    ("jalan batulicin berlubang, truk batubara lewat terus", "63.10"),
    ("longsor di jalan kalipucang, tanahnya terus turun", "32.18"),
])
def test_a_road_named_after_the_only_place_said_is_there(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first_regional(catalog, story) or "").startswith(regency)


def test_a_street_named_after_a_place_in_a_location_answer_is_still_only_a_street(regions: RegionIndex) -> None:
    # typed in answer to "where?", a street's name stays a street's (the rule above is for stories)
    found = regions.resolve("gg. damai dekat jalan karya jaya")
    assert found.best is None or not found.best.region.code.startswith("64.07")


def test_where_a_referral_came_from_is_not_where_it_happened(catalog: AgencyCatalog) -> None:
    # 'dirujuk dari puskesmas di Purbalingga': the puskesmas came from there; the hospital is Banyumas's
    story = "ibu saya di rsud banyumas antri 8 jam di igd, padahal dirujuk dari puskesmas di purbalingga"
    assert (region_of_first_regional(catalog, story) or "").startswith("33.02")


def test_fishers_are_told_by_where_they_fish(catalog: AgencyCatalog) -> None:
    story = "nelayan sijuk diusir kapal keruk, jaring rusak semua. kapalnya dari bangka"
    assert (region_of_first_regional(catalog, story) or "").startswith("19.02")


def test_red_soil_is_no_village(regions: RegionIndex) -> None:
    # 'tanah merah' is red soil before it is one of the villages so called
    cands = regions.scan(tokenize("jalan desa cuma diurug pakai tanah merah, kalau hujan licin sekali", slang=True),
                         reply=False)
    assert not any(regions.level_at(c.idx) == 3 and c.score >= MIN_SCORE for c in cands)


def test_a_branch_is_no_village(catalog: AgencyCatalog) -> None:
    # 'cabang' is a branch before it is a desa in Lampung
    story = "pohon besar tumbang di dago nimpa pagar, cabang2 lain juga retak"
    assert not any((m.agency.region_code or "").startswith("18.02") for m in catalog.suggest(story))


@pytest.mark.parametrize(("text", "regency"), [
    ("pkl di taman sri baduga", "32.14"), ("antri di siola", "35.78"), ("rob di tambak lorok", "33.74"),
    ("parkir di pasar bambu kuning", "18.71"), ("pantai batu hiu", "32.18"), ("kios pasar ateh", "13.75"),
    ("pasar rau", "36.73"), ("pasar ikan peunayong", "11.71"), ("tpa cipeucang", "36.74")])
def test_landmarks_people_name(regions: RegionIndex, text: str, regency: str) -> None:
    # the landmark's place is taken, or offered first when its words also name another ('batu': Kota Batu)
    found = regions.resolve(text)
    first = found.best or (found.options[0] if found.options else None)
    assert first is not None and first.region.code.startswith(regency)


def test_a_span_of_time_is_no_village(catalog: AgencyCatalog) -> None:
    # 'lewat desa 2 bulan': two months, not Desa Bulan (Temanggung); the office named is Purworejo's
    story = "akta anak diurus lewat desa 2 bulan ga jadi, ke disdukcapil purworejo katanya berkas hilang"
    assert (region_of_first_regional(catalog, story) or "").startswith("33.06")


def test_a_ship_or_truck_from_somewhere_came_from_there(catalog: AgencyCatalog) -> None:
    # 'kapal' is some village's name, but the ship came from Surabaya: the market is Pangkalan Bun's
    story = "harga gula di pangkalan bun naik terus, katanya kapal dari surabaya telat"
    assert (region_of_first_regional(catalog, story) or "").startswith("62.01")


def test_a_conjunction_after_desa_names_no_village(catalog: AgencyCatalog) -> None:
    # 'kepala desa namun ...': no desa called Namun (Kotabaru); the teller's kecamatan is Panjalu (Ciamis)
    story = ("kami warga kecamatan panjalu, jalan rabat beton dana desa cuma jadi separuh. sudah tanya ke kepala "
             "desa namun tidak dijawab")
    assert (region_of_first_regional(catalog, story) or "").startswith("32.07")


def test_lahar_is_the_disaster_offices_and_no_typo_of_lahir(catalog: AgencyCatalog) -> None:
    found = catalog.suggest("lahar turun lagi, jembatan di pronojiwo terancam")
    assert found and found[0].agency.code.endswith("-bpbd")
    # 'akta lahir' and 'lahan' are words of their own, never a slip of 'lahar'
    assert not any(m.agency.kind == "bpbd" or m.agency.code == "bnpb"
                   for m in catalog.suggest("akta lahir anak saya salah tulis nama ayahnya"))


def test_paving_is_public_works(catalog: AgencyCatalog) -> None:
    found = catalog.suggest("paving block di gang kami ambles", region="35.77.03")
    assert found and found[0].agency.code == "35.77-pupr"


def test_the_place_a_road_runs_through_is_where_it_is(catalog: AgencyCatalog) -> None:
    # 'lewat donorojo': the road to Goa Gong (Pacitan) through Donorojo, not a desa called Gong in Aceh
    story = "jalan menuju goa gong lewat donorojo banyak lubang, bus wisata susah lewat"
    assert (region_of_first_regional(catalog, story) or "").startswith("35.01")


@pytest.mark.parametrize(("story", "regency"), [
    ("sy orang gowa, kerja di makassar. angkot di panakkukang ngetem terus bikin macet", "73.71"),
    ("saya orang sidoarjo kerja di surabaya, anak jalanan di tegalsari makin banyak", "35.78"),
])
def test_the_workplace_may_hold_where_it_happened(catalog: AgencyCatalog, story: str, regency: str) -> None:
    # where the teller works is set aside as a rule, but not when its kota holds the place the story names
    # (Panakkukang and Tegalsari are kecamatan of Makassar and Surabaya; desa of those names lie in Gowa and Sidoarjo)
    assert (region_of_first_regional(catalog, story) or "").startswith(regency)


def test_the_kecamatan_people_know_by_a_shared_name_is_the_one_meant(catalog: AgencyCatalog) -> None:
    # Tanah Abang is a kecamatan of Jakarta Pusat and of PALI (Sumatera Selatan): the one people know is meant
    story = "pedagang kaki lima di tanah abang makin banyak, trotoar habis"
    assert (region_of_first_regional(catalog, story) or "").startswith("31.71")


@pytest.mark.parametrize(("story", "regency"), [
    ("gaji guru sd di kota agung belum dibayar 4 bulan", "18.06"), ("smp di teluk dalam kurang guru", "12.14"),
    ("blangko ktp di kepi habis terus", "93.03"), ("blangko ktp ciledug habis terus", "36.71"),
    ("puskesmas ambarawa tutup jam 10", "33.22"), ("akta anak di disdukcapil soreang belum jadi", "32.04")])
def test_in_a_story_the_town_people_know_is_meant(catalog: AgencyCatalog, story: str, regency: str) -> None:
    # the town a kabupaten's offices stand in, though another kecamatan or village shares its name (typed alone in
    # answer to "where?" both are offered, the town first)
    assert (region_of_first_regional(catalog, story) or "").startswith(regency)


def test_a_plea_after_desa_names_no_village(catalog: AgencyCatalog) -> None:
    # 'katanya untuk desa, tolong dinas pariwisata...': no desa called Tolong (Toraja, Maluku Utara)
    story = "di bukit gundaling berastagi parkir ditarik 2 kali, katanya untuk desa tolong dinas pariwisata tertibkan"
    assert (region_of_first_regional(catalog, story) or "").startswith("12.06")


def test_a_street_named_after_a_river_is_a_street(regions: RegionIndex) -> None:
    # 'Jl. Sei Batang Hari' is a street of Medan (Medan writes 'sungai' 'sei'), not Kabupaten Batanghari
    found = regions.resolve("jl sei batang hari no 4, medan sunggal")
    assert found.best is not None and found.best.region.code.startswith("12.71")


def test_a_landmark_says_which_of_two_same_named_kecamatan(catalog: AgencyCatalog) -> None:
    # Rajabasa is a kecamatan of Bandar Lampung and of Lampung Selatan; its bus terminal is Bandar Lampung's
    story = "di terminal rajabasa calo maksa penumpang naik travel gelap"
    assert (region_of_first_regional(catalog, story) or "").startswith("18.71")


def test_lights_out_every_evening_is_the_power_company(catalog: AgencyCatalog) -> None:
    found = catalog.suggest("di tanjung pura lampu padam tiap sore")
    assert found and found[0].agency.code == "pln"


def test_an_everyday_word_after_a_streets_name_is_that_name(regions: RegionIndex) -> None:
    # 'jl. Air Hitam Ujung' (the far end of Jl. Air Hitam) is no Kecamatan Ujung of Parepare
    found = regions.resolve("jalan air hitam ujung")
    assert found.best is None or not found.best.region.code.startswith("73.72")


def test_for_trouble_at_work_the_workplace_is_where_it_happened(catalog: AgencyCatalog) -> None:
    # wages and overtime are the labour office's where the work is, not where the money or the foreman comes from
    story = "sy kerja di gudang di cikarang, lembur ga pernah dibayar, mandornya orang bekasi kota"
    assert (region_of_first_regional(catalog, story) or "").startswith("32.16")
    story = "kerja di pabrik kerupuk majalaya, gaji dibayar setengah 2 bulan, katanya nunggu duit dari jakarta"
    assert not (region_of_first_regional(catalog, story) or "").startswith("31")


@pytest.mark.parametrize(("story", "regency"), [
    # the road to a kecamatan is the road there, though the town named after it is where people drive to
    ("jalan ke kumpeh tergenang lumpur tiap hujan, kalau mau ke kota jambi harus muter jauh", "15.05"),
    ("jalan yang ke arah karangreja longsor, truk dari arah pemalang masih lewat", "33.03"),
])
def test_the_road_to_a_kecamatan_is_the_road_there(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first_regional(catalog, story) or "").startswith(regency)


def test_the_road_to_a_kabupatens_name_is_still_where_it_leads(catalog: AgencyCatalog) -> None:
    # 'ke arah wonosobo' names Kabupaten Wonosobo (and a kecamatan of Tanggamus): where the road leads, not where it is
    story = "longsor di dieng kulon batur, jalan ke arah wonosobo ketutup tanah"
    assert not (region_of_first_regional(catalog, story) or "").startswith(("18.06", "33.07"))


def test_where_a_javanese_teller_works_is_elsewhere(catalog: AgencyCatalog) -> None:
    # 'kulo kerjo teng Solo': where the teller works; the KK is Klaten's (Delanggu)
    story = "kulo saking delanggu ngurus kk anyar, kaping telu teng capil klaten dikongkon bali. kulo kerjo teng solo"
    assert (region_of_first_regional(catalog, story) or "").startswith("33.10")


def test_a_clinic_a_patient_was_referred_from_is_elsewhere(catalog: AgencyCatalog) -> None:
    story = "igd rsud slawi lama sekali, bapak nunggu 5 jam. kami dirujuk dari klinik di kota tegal"
    assert (region_of_first_regional(catalog, story) or "").startswith("33.28")


def test_pante_is_a_beach_in_manado_malay(catalog: AgencyCatalog) -> None:
    # 'pante' (Manado Malay 'beach') is no village of Aceh; Malalayang is Manado's
    story = "sampah di pante malalayang banyak, ngana pe petugas nda datang"
    assert (region_of_first_regional(catalog, story) or "").startswith("71.71")


def test_police_tape_names_no_police(catalog: AgencyCatalog) -> None:
    # 'dipasangi garis polisi': the cordon round a landslide, not a complaint to the police
    found = catalog.suggest("jalan di tulakan ambles kena longsor, sudah 3 minggu cuma dipasangi garis polisi")
    assert found and found[0].agency.code != "polri"


def test_ilang_is_no_slip_of_tilang(catalog: AgencyCatalog) -> None:
    # 'aspalnya udah ilang' (gone): no traffic ticket
    found = catalog.suggest("jalan desa di kec tulakan ancur, aspalnya udah ilang tinggal batu")
    assert not any(m.agency.code == "polri" for m in found)


def test_a_road_never_asphalted_is_public_works(catalog: AgencyCatalog) -> None:
    found = catalog.suggest("jalan ke dusun kami di satar mese belum pernah diaspal, orang sakit ditandu ke puskesmas")
    assert found and found[0].agency.code == "53.10-pupr"


def test_an_oil_spill_is_the_environment_offices(catalog: AgencyCatalog) -> None:
    found = catalog.suggest("tumpahan minyak kapal mencemari pantai jenu, nelayan tidak bisa melaut")
    assert found and found[0].agency.code == "35.23-dlh"


@pytest.mark.parametrize(("story", "regency"), [
    ("got di jalan hamparan perak tersumbat, sampahnya kiriman dr medan", "12.07"),
    ("lampu jalan sepanjang jalan jatinangor ke arah cileunyi mati semua", "32.11"),
])
def test_a_road_named_after_a_place_is_there_though_another_is_where_it_leads(catalog: AgencyCatalog, story: str,
                                                                             regency: str) -> None:
    # the other place is only where the road leads or the rubbish came from: the road's own place still counts
    assert (region_of_first_regional(catalog, story) or "").startswith(regency)


def test_kota_said_after_a_name_begins_no_name(catalog: AgencyCatalog) -> None:
    # 'dr sidoarjo kota lewat depan sd': no village called Lewat; the landfill is Jabon's (Sidoarjo)
    story = "tpa jabon baunya sampe rumah, truk sampah dr sidoarjo kota lewat depan sd"
    assert (region_of_first_regional(catalog, story) or "").startswith("35.15")


def test_a_corridor_is_no_village(regions: RegionIndex) -> None:
    # 'di lorong': in the corridor, not the desa Lorong of Sambas
    cands = regions.scan(tokenize("bapak dibiarin di lorong 1 malem", slang=True), reply=False)
    assert not any(regions.level_at(c.idx) == 3 and c.score >= MIN_SCORE for c in cands)


def test_where_the_teller_is_originally_from_is_not_where_it_happened(catalog: AgencyCatalog) -> None:
    # 'sy asli cilacap': born there; the wages are owed in Telukjambe Timur (Karawang)
    story = "sy buruh di kawasan industri telukjambe timur, gaji terakhir gk dibayar. sy asli cilacap ngekos di sini"
    assert (region_of_first_regional(catalog, story) or "").startswith("32.15")


def test_a_rivers_flow_is_no_kecamatan(catalog: AgencyCatalog) -> None:
    # 'di aliran semeru': along Semeru's flows, not a slip of Kecamatan Alian (Kebumen)
    story = "tambang pasir ilegal di aliran semeru pronojiwo, truknya lewat jln desa"
    assert not (region_of_first_regional(catalog, story) or "").startswith("33")
