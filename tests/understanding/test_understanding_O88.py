"""Round 88 (h-tuneO): office rules for cards, benefits and the desa's letters; fresh sentences for each rule, written
for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first, ranked


def test_a_member_struck_from_the_state_paid_list_is_the_social_offices(catalog: AgencyCatalog) -> None:
    # the card switched off is how the teller found out; the name struck from the list is the social office's data
    assert first(catalog, "kartu KIS nenek saya di Klaten nonaktif waktu berobat ke puskesmas, kata petugas namanya "
                          "sudah dicoret dari daftar PBI. nenek janda tidak punya penghasilan") == "33.10-dinsos"
    # ...the list said as no longer registered on it
    assert first(catalog, "mau kontrol ke rumah sakit di Kabupaten Bone, ternyata ibu saya tidak terdaftar lagi "
                          "sebagai penerima bantuan iuran, kartu KIS nya mati") == "73.08-dinsos"


def test_a_regions_own_health_scheme_struck_is_the_social_offices(catalog: AgencyCatalog) -> None:
    # a kabupaten's own scheme (Jamkesda) revoked for a quota cut: its 'kesehatan' no health office's word
    assert first(catalog, "kartu Jamkesda (jaminan kesehatan daerah) bapak di Kabupaten Garut dicoret, katanya kuota "
                          "habis, padahal bapak sakit jantung") == "32.05-dinsos"


def test_asking_onto_the_state_paid_list_is_the_social_offices(catalog: AgencyCatalog) -> None:
    # no card yet, asking to be registered as a member the government pays for: the social office proposes them
    assert first(catalog, "adik saya di Kabupaten Sumba Barat belum punya KIS, bagaimana caranya didaftarkan sebagai "
                          "peserta yang ditanggung pemerintah? dia sakit ginjal") == "53.12-dinsos"
    assert first(catalog, "bapak saya stroke, kami di Kabupaten Kuningan ingin daftar jadi peserta BPJS yang dibayar "
                          "pemda, tidak kuat bayar mandiri") == "32.08-dinsos"


def test_a_card_said_never_struck_stays_bpjss(catalog: AgencyCatalog) -> None:
    # counter-cases: a card switched off with no list said, or said never struck, is BPJS Kesehatan's to reactivate
    assert first(catalog, "kartu KIS ibu saya di Kota Blitar tiba-tiba nonaktif pas berobat, disuruh bayar umum"
                 ) == "bpjs-kesehatan"
    assert first(catalog, "kartu KIS bapak di Kota Blitar nonaktif waktu opname, padahal tidak pernah dicoret kata "
                          "orang dinas") == "bpjs-kesehatan"


def test_a_desas_letter_is_the_village_offices(catalog: AgencyCatalog) -> None:
    # the desa's letter for a paper: the paper ('KK') is what for, the letter the village's own service
    assert first(catalog, "mau urus surat keterangan domisili buat bikin KTP baru, kantor desa di Kabupaten Lombok "
                          "Timur tutup terus, perangkat tidak pernah ada") == "52.03-dpmd"
    # ...and the poor household's letter (SKTM) the village head will not sign
    assert first(catalog, "kepala desa kami di Kabupaten Ogan Ilir tidak mau tanda tangan SKTM buat anak saya daftar "
                          "kuliah, katanya KTP saya masih luar daerah") == "16.10-dpmd"


def test_a_letter_another_office_asks_for_is_that_offices(catalog: AgencyCatalog) -> None:
    # counter-case: the civil registry sending the teller back for the desa's letter is the registry's paper
    assert first(catalog, "urus akta kelahiran anak di Kabupaten Tegal ditolak, disuruh bawa surat pengantar lagi dari "
                          "desa padahal sudah dibawa") == "33.28-dukcapil"


def test_the_village_heads_regional_names(catalog: AgencyCatalog) -> None:
    # Bali's 'perbekel', Minahasa's 'hukum tua', Jepara's 'petinggi' are the village head ('kades')
    assert first(catalog, "perbekel di desa kami di Kabupaten Buleleng minta uang 300 ribu buat surat keterangan ahli "
                          "waris, katanya biaya administrasi") == "51.08-dpmd"
    assert first(catalog, "Petinggi ne desa Bangsri Jepara njaluk duit sejuta kanggo surat keterangan ahli waris"
                 ) == "33.20-dpmd"


def test_a_benefit_at_the_post_office_off_the_list_is_the_social_offices(catalog: AgencyCatalog) -> None:
    # the post office is where the teller found out: the name gone from the list is the social office's
    assert first(catalog, "PKH ibu saya di Kabupaten Kebumen tidak cair, dicek di kantor pos namanya tidak ada lagi di "
                          "daftar penerima") == "33.05-dinsos"
    assert first(catalog, "BLT simbah di Kabupaten Gunungkidul wis telung sasi ora cair, takon kantor pos jare kudu "
                          "nunggu verifikasi ulang") == "34.03-dinsos"


def test_the_post_offices_own_queue_stays_its(catalog: AgencyCatalog) -> None:
    # counter-case: the queue at its counter is the post office's, though the benefit is said
    assert first(catalog, "antrian pencairan bansos di kantor pos Wates panjang sekali, lansia berdiri berjam-jam, "
                          "namanya dipanggil tidak urut") == "pos-indonesia"
    assert "pos-indonesia" in ranked(catalog, "bansos PKH dicairkan lewat kantor pos Kebumen, tapi nama ibu saya tidak "
                                               "ada di daftar")
