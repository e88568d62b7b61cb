"""Round 70 (h-tuneD, offices that serve people): fresh stories for each rule kept, written for this file."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_the_police_letter_for_a_lost_paper_is_a_step_of_the_papers(catalog: AgencyCatalog) -> None:
    # the registry asks for the police's letter first: the registry is still who is complained of
    assert first(catalog, "kk sama ktp bapak ilang pas pindahan, ke capil disuruh bikin surat kehilangan di polsek "
                          "dulu, udah bawa masih disuruh balik minggu depan", "33.10.05") == "33.10-dukcapil"
    assert first(catalog, "ktp anak sy hilang di pasar, urus baru di kantor kecamatan wajib ada laporan kehilangan "
                          "dari polisi. sudah 3 minggu belum dicetak", "63.03.01") == "63.03-dukcapil"


def test_the_village_head_quoted_passed_the_news_on(catalog: AgencyCatalog) -> None:
    # 'kata pak kades' is who said the aid had not come, not the office the aid is from
    assert first(catalog, "bantuan buat janda2 di desa kami belum cair, kata kades masih nunggu dari dinas",
                 "52.03.04") == "52.03-dinsos"


def test_aid_rice_is_social_aid(catalog: AgencyCatalog) -> None:
    # rice handed out as aid is the social office's list and distribution
    assert first(catalog, "beras bantuan di kampung kami cuma dikasih ke keluarga kepala kampung sama "
                          "temannya, kami yg susah tidak dapat", "94.03.05") == "94.03-dinsos"


def test_an_unlicensed_mine_to_be_stopped_by_force_is_the_polices(catalog: AgencyCatalog) -> None:
    # a mine without a permit whose men the teller wants caught is a crime for the police (PETI)
    assert first(catalog, "ada galian pasir tanpa izin di kali belakang kampung, tebing longsor, yg punya katanya "
                          "dibekingi, tolong tindak", "33.08.01") == "polri"
    assert first(catalog, "tambang timah ilegal di pinggir pantai makin banyak, air laut keruh, tolong ditindak",
                 "19.04.01") == "polri"
    assert first(catalog, "sumur minyak ilegal di belakang kebun karet kami meledak lagi, tolong aparat tindak "
                          "pemiliknya", "16.06.03") == "polri"


def test_a_bad_road_said_with_far_is_the_long_way_to_a_service(catalog: AgencyCatalog) -> None:
    # the clinic has no midwife; the far, broken road is why that hurts, not what is complained of
    assert first(catalog, "posyandu kami tidak pernah buka lagi, balita mau timbang harus ke desa lain jauh dan "
                          "jalan berlubang", "35.05.06") == "35.05-dinkes"


def test_bpjs_said_as_how_a_public_hospitals_patient_paid(catalog: AgencyCatalog) -> None:
    # 'pake BPJS' at a public hospital is how the patient paid; the hospital's wait is what is complained of
    assert first(catalog, "bapak operasi katarak di rumah sakit di Kolaka pake BPJS, disuruh tunggu 5 bulan. apa "
                          "memang bpjs begitu aturannya?", "74.01.01") == "74.01-rsud"


def test_the_public_service_mall_is_where_another_offices_counter_is(catalog: AgencyCatalog) -> None:
    # the MPP houses the registry's counter: the paper's office is complained of
    assert first(catalog, "mau cetak ulang KK di MPP Kota Madiun, nomor antrean habis jam 8 pagi") == "35.77-dukcapil"
    # ...a permit asked for there is still the permit office's
    assert first(catalog, "urus NIB dan izin usaha warung makan di MPP Kota Tangerang dimintai uang pelicin") == (
        "36.71-dpmptsp")


def test_a_child_beaten_by_a_step_parent_said_in_javanese(catalog: AgencyCatalog) -> None:
    # 'digebugi bapak tirine': beaten by the step-father, the women and children protection office's
    assert first(catalog, "ponakan kula taksih alit asring digebugi bapak tirine, awake biru kabeh",
                 "33.05.06") == "33.05-dp3a"


def test_the_hospitals_own_service(catalog: AgencyCatalog) -> None:
    # 'pelayanan rumah sakit': the hospital's own service is complained of, not the midwife missing from it
    assert first(catalog, "ibu melahirkan dirujuk ke rumah sakit tapi bidan jaga tdk ada, disuruh tunggu di lorong. "
                          "tolong perbaiki pelayanan rumah sakit ini", "63.07.06") == "63.07-rsud"


def test_local_workers_passed_over_is_the_labour_office(catalog: AgencyCatalog) -> None:
    # hiring from outside over the local workers is the labour office's (placement of local labour)
    assert first(catalog, "kontraktor smelter di desa kami tdk mau terima pekerja lokal, semua dibawa dari luar",
                 "74.06.06") == "74.06-disnaker"


def test_bpjs_as_what_a_paper_is_needed_for(catalog: AgencyCatalog) -> None:
    # the birth certificate is late; BPJS is only what it was wanted for
    assert first(catalog, "akta lahir anak sy udah 3 bulan blm jadi, katanya blangko habis. padahal mau daftar BPJS "
                          "buat imunisasi", "33.10.05") == "33.10-dukcapil"


def test_the_letter_of_poverty_is_the_kelurahans_to_sign(catalog: AgencyCatalog) -> None:
    # the SKTM is signed at the kelurahan: a charge for it there is the kota's own office's, not the social office's
    assert first(catalog, "mau minta surat keterangan tidak mampu buat berobat, di kantor kelurahan disuruh bayar "
                          "100rb dulu", "35.77.03") == "35.77-pemda"


def test_a_hospital_the_patient_was_taken_to_from_a_failing_clinic(catalog: AgencyCatalog) -> None:
    # the clinic shut at night is complained of; the hospital is only where the neighbour had to be carried
    assert first(catalog, "puskesmas kami tutup tiap malam, tetangga yg sesak napas terpaksa dibawa pakai motor ke "
                          "RSUD Painan 2 jam", "13.01.14") == "13.01-dinkes"


def test_a_paper_asked_for_as_a_requirement_is_not_the_complaint(catalog: AgencyCatalog) -> None:
    # the marriage book is what the registry asked for; the birth certificate refused is complained of
    assert first(catalog, "akta kelahiran anak sy ditolak krn tdk ada buku nikah, dulu nikah siri, suami pergi "
                          "entah kemana", "14.09.01") == "14.09-dukcapil"
