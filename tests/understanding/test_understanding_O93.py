"""Round 93 (h-tuneO): office rules for the women and children protection office (the office said by its short name
'dinas PPA', a teacher telling of a pupil hurt at home, accompaniment or protection asked for a child, a woman or kin);
for each rule the tuning story that taught it and fresh sentences written for this file (none copied from a set),
each failing on the round's starting code 01fa8d9 (the edge cases folded in after them pass on both)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_the_protection_office_said_as_dinas_ppa(catalog: AgencyCatalog) -> None:
    # blind94: 'Ada anak perempuan di Weru Kidul ... kerja di rumah makan sampai jam 12 malam. Dia putus sekolah ...
    # Tolong dinas PPA Cirebon', 'nenek yang suka mukul cucunya ... Tolong Dinas PPA Seluma'
    assert first(catalog, "ada bocah wadon umur 12 kerja nang warung nganti bengi, ora sekolah maneh. dinas PPA tulung "
                          "ditiliki", "33.10") == "33.10-dp3a"
    assert first(catalog, "dinas p2a kabupaten tolong, ada ibu muda dikurung suaminya, tidak dikasih makan", "53.01"
                 ) == "53.01-dp3a"
    # ...the rule's edge (right before and after): the office named with a plain violence word
    assert first(catalog, "tolong dinas PPA cek, anak tetangga umur 8 tahun sering dijewer sampai telinganya berdarah",
                 "33.08") == "33.08-dp3a"


def test_a_teacher_telling_of_a_pupil_hurt_at_home_is_the_protection_offices(catalog: AgencyCatalog) -> None:
    # blind94: 'Ambo guru SD di Binuang Kampung Dalam, Pauh. Ado murid ambo yang mangaku sering dicubit dan dikurung dek
    # ibu tirinyo ... Mohon dinas PPA Kota Padang'
    assert first(catalog, "saya guru SD di desa, murid saya kelas 3 sering datang dengan memar di lengan, saya curiga "
                          "ada kekerasan di rumahnya. mohon dinas PPA datang", "35.07") == "35.07-dp3a"
    assert first(catalog, "kulo guru SD, wonten murid kulo sing kerep dijiwit lan dikunci ning kamar kalih bapak "
                          "tirine. nyuwun dinas PPA", "33.08") == "33.08-dp3a"
    assert first(catalog, "abdi guru SMP, aya murid awewe nu sok dicarekan jeung ditajong ku bapa tirina di imah. "
                          "mohon dinas PPA", "32.05") == "32.05-dp3a"
    # ...the rule's edge (the school's office before and after): the teacher's own pay
    assert first(catalog, "saya guru honor SD, gaji 3 bulan belum dibayar, ada murid yang ditelantarkan juga", "35.07"
                 ) == "35.07-disdik"


def test_accompaniment_or_protection_asked_for_a_child_or_a_woman(catalog: AgencyCatalog) -> None:
    # blind94: 'di Makassar Barat ada anak perempuan SMP hamil dan dikeluarkan sekolah ... Apa ada pendampingan untuk
    # anak ini?'; 'suami saya kalau mabuk suka banting barang dan ancam pakai parang ... Ke mana saya bisa minta
    # perlindungan'
    assert first(catalog, "anak tetangga kelas 2 SMP hamil dan dikeluarkan dari sekolah, dia stres berat. mohon ada "
                          "pendampingan", "72.10") == "72.10-dp3a"
    assert first(catalog, "adik saya 15 tahun diganggu guru ngajinya lewat WA, dikirimi pesan mesum. kemana kami bisa "
                          "minta pendampingan?", "16.71") == "16.71-dp3a"
    assert first(catalog, "keponakan saya perempuan dijual ke tempat karaoke, sekarang sudah pulang tapi trauma. butuh "
                          "pendampingan", "61.07") == "61.07-dp3a"
    assert first(catalog, "suami sering ngamuk kalau kalah judi, lempar piring dan ancam bunuh. saya mau minta "
                          "perlindungan", "73.71") == "73.71-dp3a"
    # ...the rule's edge (right before and after): a farmers' guidance, the consumers' protection
    assert first(catalog, "kelompok tani kami butuh pendampingan penyuluh, tanaman cabai layu semua", "33.08"
                 ) == "33.08-distan"
    assert first(catalog, "minta perlindungan konsumen, beli kulkas baru rusak dan toko tidak mau ganti", "33.74"
                 ) == "33.74-disperindag"
