"""Round 93 (h-tuneO): office rules for the women and children protection office (the office said by its short name
'dinas PPA', a teacher telling of a pupil hurt at home, accompaniment or protection asked for a child, a woman or kin),
a road hauling trucks broke whose repair is asked, and a kelurahan unwilling to write or asking money; for each rule
the tuning story that taught it and fresh sentences written for this file (none copied from a set), each failing on
the round's starting code 01fa8d9 (the edge cases folded in after them pass on both)."""

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


def test_a_road_trucks_broke_with_its_repair_asked_is_public_works(catalog: AgencyCatalog) -> None:
    # blind86: 'Jalan kabupaten di desa Raja, Tanah Abang ambles dan retak2 gara2 truk batubara lewat terus siang malam
    # muatan lebih ... Tolong diperbaiki'
    assert first(catalog, "truk pasir muatan lebih lewat tiap hari, jalan kabupaten di desa kami jadi berlubang besar. "
                          "mohon segera diperbaiki", "33.08") == "33.08-pupr"
    assert first(catalog, "dalan kabupaten ajur gara-gara truk tambang muatan lebih saben dino, tulung didandani",
                 "35.08") == "35.08-pupr"
    assert first(catalog, "truk batubara muatan lebih lewat tiap malam, jalan kabupaten ambles di banyak titik. minta "
                          "segera ditambal", "63.03") == "63.03-pupr"
    # ...the rule's edge (the transport office's before and after): the trucks stopped is what is asked
    assert first(catalog, "truk batubara lewat jalan umum siang hari padahal dilarang, debu kemana-mana. tolong "
                          "ditertibkan", "16.12") == "16.12-dishub"
    assert first(catalog, "truk tanah muatan lebih lewat jalan desa tiap malam, jalan rusak parah. tolong dishub "
                          "tindak supirnya", "32.16") == "32.16-dishub"


def test_a_kelurahan_unwilling_to_write_or_asking_money_is_the_pemdas(catalog: AgencyCatalog) -> None:
    # blind92: 'Kelurahan ga mau keluarin SKTM buat anak sy daftar sekolah', 'Urus surat pindah ... kok di kelurahan
    # diminta bayar administrasi 100rb?'
    assert first(catalog, "mau urus surat domisili buat kerja, tapi kelurahan gak mau bikin karena KTP saya masih luar "
                          "kota", "35.78") == "35.78-pemda"
    assert first(catalog, "dinsos minta SKTM buat daftar KIS, tapi kelurahan menolak ngasih suratnya", "32.73"
                 ) == "32.73-pemda"
    assert first(catalog, "mau pindah KK, dukcapil minta surat dari kelurahan, pegawai kelurahan minta uang 200 ribu",
                 "31.74") == "31.74-pemda"
    # ...the rule's edge (right before and after): a letter's fee the kelurahan asks said with its letter; the
    # kelurahan told of a trouble not its own; a desa's head refusing
    assert first(catalog, "surat pengantar SKCK di kelurahan disuruh bayar 50 ribu, katanya uang administrasi", "33.74"
                 ) == "33.74-pemda"
    assert first(catalog, "sampah di gang kami menumpuk, sudah lapor kelurahan tapi tidak diangkut juga", "33.74"
                 ) == "33.74-dlh"
    assert first(catalog, "kades tidak mau tanda tangan surat keterangan ahli waris, katanya harus lewat kelurahan "
                          "dulu", "33.08") == "33.08-dpmd"
