"""Round 72 (h-tuneD): which office of the people's services; fresh sentences for each rule kept, written for this
file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_a_regional_scholarship_is_the_regional_government(catalog: AgencyCatalog) -> None:
    # a scholarship the kabupaten pays from its own budget is the regional government's (its secretariat), not the
    # education office's nor the higher-education ministry's
    assert first(catalog, "beasiswa pemkab buat mahasiswa dari Kabupaten Kapuas sudah dua semester tidak "
                          "dibayarkan, kami kuliah di Banjarmasin") == "62.03-pemda"
    assert first(catalog, "adik saya diterima kuliah tapi beasiswa daerah Kabupaten Sikka belum juga "
                          "cair") == "53.07-pemda"
    # ...while a school's PIP stays the education office's
    assert first(catalog, "dana PIP anak saya kelas 4 SD di Kabupaten Sikka belum cair") == "53.07-disdik"


def test_the_equivalence_exams_are_the_education_office(catalog: AgencyCatalog) -> None:
    # 'paket C' is the equivalence exam (a PKBM runs it under the education office), not a parcel for the post office
    assert first(catalog, "ijazah paket C saya dari PKBM di Kabupaten Bone belum keluar padahal sudah ujian "
                          "setahun lalu") == "73.08-disdik"


def test_prakerja_is_the_labour_ministry(catalog: AgencyCatalog) -> None:
    assert first(catalog, "insentif kartu prakerja saya belum masuk ke rekening padahal pelatihannya sudah "
                          "selesai") == "kemnaker"


def test_apprenticeships_and_training_institutes_are_the_labour_office(catalog: AgencyCatalog) -> None:
    # an apprenticeship a factory runs, or a training institute (LPK) that took the fee, is the labour office's
    assert first(catalog, "saya ikut program magang di pabrik sepatu di Kabupaten Jombang tapi disuruh kerja lembur "
                          "tanpa uang saku") == "35.17-disnaker"
    assert first(catalog, "sudah bayar 20 juta ke LPK di Kabupaten Kendal katanya mau diberangkatkan kerja tapi "
                          "setahun gak ada kabar") == "33.24-disnaker"


def test_a_school_finished_is_who_the_teller_is(catalog: AgencyCatalog) -> None:
    # 'lulusan SMK' says who is writing; what they write of (a wage, a job) decides the office
    assert first(catalog, "kami lulusan SMK di Kabupaten Karawang kerja di pabrik kemasan, lembur tiap hari tapi "
                          "upah lembur tidak dibayar") == "32.15-disnaker"
    # ...while the school applied to after the one finished keeps its own level (the province runs SMA)
    assert first(catalog, "anak saya lulus SMP tahun ini, daftar ke SMA negeri di Kabupaten Klaten tidak diterima "
                          "karena zonasi") == "33-disdik"


def test_a_wage_by_the_day_or_the_piece_is_the_labour_office(catalog: AgencyCatalog) -> None:
    # pay said by the day or by the piece is a wage the labour office checks against the minimum wage
    assert first(catalog, "kerja di kebun kopi di Kabupaten Lampung Barat digaji harian 40 ribu, sakit tidak "
                          "dibayar") == "18.04-disnaker"
    assert first(catalog, "buruh bongkar muat di pasar Kabupaten Jember dibayar borongan, kadang sehari cuma dapat "
                          "20 ribu") == "35.09-disnaker"


def test_the_displaced_with_no_hazard_said_are_the_social_office(catalog: AgencyCatalog) -> None:
    # people who fled their village with no flood, quake or eruption said fled a conflict: the social office feeds
    # and shelters them
    assert first(catalog, "warga yang mengungsi dari kampung ke gedung gereja di Kabupaten Intan Jaya sudah dua "
                          "minggu kekurangan makanan") == "94.07-dinsos"
    # ...with a flood said the disaster office keeps them
    assert first(catalog, "banjir masuk rumah, warga mengungsi ke masjid di Kabupaten Bandung, belum ada "
                          "makanan") == "32.04-bpbd"


def test_bpjs_tk_an_employer_did_not_pay_among_its_other_wrongs_is_the_labour_office(
        catalog: AgencyCatalog) -> None:
    # dismissed without severance and the employer never paid BPJS TK: one more of the employer's wrongs
    assert first(catalog, "kami di-PHK pabrik plastik di Kabupaten Serang tanpa pesangon, BPJS TK juga ternyata "
                          "tidak dibayar perusahaan") == "36.04-disnaker"
    # ...a claim is BPJS Ketenagakerjaan's own to pay
    assert first(catalog, "klaim JHT saya di BPJS Ketenagakerjaan ditolak terus padahal perusahaan sudah "
                          "tutup") == "bpjs-tk"


def test_extortion_by_thugs_is_the_police(catalog: AgencyCatalog) -> None:
    # thugs extorting drivers at a base or a terminal commit a crime: the police's, not the transport office's
    assert first(catalog, "sopir angkot di pangkalan dekat pasar Kota Kupang tiap hari dipalak preman 10 ribu, "
                          "yang tidak kasih kacanya dipecah") == "polri"
    assert first(catalog, "ada preman minta uang keamanan ke pedagang kaki lima di alun-alun Kabupaten Garut tiap "
                          "malam") == "polri"


def test_accompaniment_for_a_victim_of_violence_is_the_women_and_children_office(catalog: AgencyCatalog) -> None:
    # the case is with the police already; the accompaniment asked for is the women and children office's (UPTD PPA)
    assert first(catalog, "keponakan saya korban pelecehan oleh tetangga di Kabupaten Wonogiri, sudah lapor polres "
                          "tapi anaknya belum dapat pendampingan psikolog") == "33.12-dp3a"
    # ...a crime reported with no accompaniment asked stays the police's
    assert first(catalog, "motor saya dicuri di parkiran pasar Kabupaten Wonogiri, sudah lapor polsek tapi belum ada "
                          "kabar") == "polri"


def test_jakartas_kjp_is_the_provinces_education_office(catalog: AgencyCatalog) -> None:
    # Jakarta's school aid card is paid by the province's education office
    assert first(catalog, "KJP Plus anak saya yang sekolah di SMP negeri di Kecamatan Cakung belum cair semester "
                          "ini") == "31-disdik"


def test_the_neighbourhood_heads_incentive_is_the_regional_government(catalog: AgencyCatalog) -> None:
    assert first(catalog, "insentif RT RW di Kota Depok sudah 4 bulan belum dibayar, katanya nunggu "
                          "anggaran") == "32.76-pemda"


def test_a_hospital_the_clinic_said_one_must_go_to_is_where_they_were_sent(catalog: AgencyCatalog) -> None:
    # the clinic refused and said the patient must go to the hospital: the clinic's office, not the hospital's
    assert first(catalog, "bapak saya sesak napas ditolak puskesmas di Kabupaten Jember, katanya harus ke rsud "
                          "saja") == "35.09-dinkes"


def test_what_an_employer_does_with_uniforms_and_diplomas_is_the_labour_office(catalog: AgencyCatalog) -> None:
    # a factory that keeps its workers' diplomas or docks their pay for uniforms: the labour office's
    assert first(catalog, "perusahaan garmen di Kabupaten Sukoharjo menahan ijazah asli karyawan, kalau mau resign "
                          "harus tebus 3 juta") == "33.11-disnaker"
    assert first(catalog, "gaji kami buruh pabrik di Kabupaten Sukoharjo dipotong buat seragam "
                          "kerja") == "33.11-disnaker"
    # ...a school's diploma held stays the education office's
    assert first(catalog, "ijazah anak saya ditahan SMP negeri di Kabupaten Sukoharjo karena belum lunas "
                          "iuran") == "33.11-disdik"


def test_a_clinic_charging_the_insured_is_the_health_office(catalog: AgencyCatalog) -> None:
    # BPJS said as how the patient was insured is why the clinic's charge was wrong: the clinic's office decides
    assert first(catalog, "ibu saya periksa ke puskesmas di Kabupaten Pati pakai kartu BPJS tapi tetap disuruh bayar "
                          "obat 100 ribu") == "33.18-dinkes"
    # ...a card switched off is BPJS Kesehatan's own
    assert first(catalog, "kartu KIS ibu saya tiba-tiba nonaktif, di puskesmas Kabupaten Pati disuruh bayar "
                          "umum") == "bpjs-kesehatan"


def test_a_paper_given_as_the_reason_for_a_refusal_is_the_refusing_service(catalog: AgencyCatalog) -> None:
    # the ID card is why the clinic refused; the clinic is what failed
    assert first(catalog, "bapak saya ditolak berobat di puskesmas Kota Malang, katanya KTP luar kota, padahal sakit "
                          "parah") == "35.73-dinkes"


def test_a_fraud_by_someone_posing_as_an_officer_is_the_police(catalog: AgencyCatalog) -> None:
    # the social aid named is only the lie the fraudster told
    assert first(catalog, "nenek saya di Kabupaten Kebumen ditipu orang yang ngaku petugas bansos, perhiasannya "
                          "dibawa kabur") == "polri"
