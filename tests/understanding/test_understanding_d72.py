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
