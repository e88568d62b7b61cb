"""Round 92 (h-tuneO): office rules for a school building a flood or a landslide struck and a letter the desa will not
write for another office; for each rule the tuning story that taught it and fresh sentences written for this file
(none copied from a set), each failing on the round's starting code ea1bb8f (the edge cases folded in after them pass
on both)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_a_school_building_a_flood_or_landslide_struck_is_the_education_offices(catalog: AgencyCatalog) -> None:
    # blind89: 'sekolah TK dan SD nang Lemahabang Doro kebanjiran lumpur longsor, ruang kelas ketimbun'
    assert first(catalog, "sekolahe bocah kebanjiran maneh, prei telung dina", "33.08") == "33.08-disdik"
    assert first(catalog, "SD kami tertimbun longsor tadi malam", "72.10") == "72.10-disdik"
    assert first(catalog, "sakola di lembur abdi katimbun longsor", "32.05") == "32.05-disdik"
    assert first(catalog, "sekolah di seberang kali kelelep banjir, libur dulu", "33.08") == "33.08-disdik"
    assert first(catalog, "SMP negeri terendam lumpur banjir bandang, minta dibersihkan", "72.10") == "72.10-disdik"
    assert first(catalog, "sekolahnya kena banjir lagi minggu ini", "16.07") == "16.07-disdik"
    # ...the rule's edge (the disaster office's before and after): people fled to the school, homes hit
    assert first(catalog, "banjir besar, warga mengungsi ke sekolah, belum ada makanan", "33.08") == "33.08-bpbd"
    assert first(catalog, "rumah warga dan sekolah kebanjiran sejak semalam", "33.08") == "33.08-bpbd"


def test_a_desa_unwilling_to_write_the_letter_another_office_asks_for_is_the_desas(catalog: AgencyCatalog) -> None:
    # blind92: 'di kantor pertanahan minta surat keterangan waris dari kapitalau dulu, kapitalau tidak mau tanda tangan'
    assert first(catalog, "mau balik nama sertifikat di BPN, harus ada surat keterangan waris dari desa, tapi kades ga "
                          "mau tanda tangan", "33.08") == "33.08-dpmd"
    assert first(catalog, "dukcapil minta surat keterangan pindah dari desa, sekdes menolak terus", "35.07"
                 ) == "35.07-dpmd"
    assert first(catalog, "arep ngurus akta di dukcapil kudu nggowo surat teko deso, kades e lagi umroh, ora ono sing "
                          "teken", "33.08") == "33.08-dpmd"
    # ...the rule's edge (right before and after): the KUA's own words few, or no other office named
    assert first(catalog, "KUA minta surat pengantar nikah dari desa, pak kuwu ora gelem nandatangani", "32.12"
                 ) == "32.12-dpmd"
    assert first(catalog, "kades tidak mau tanda tangan surat keterangan tanah buat sertifikat kami", "72.10"
                 ) == "72.10-dpmd"


def test_a_desa_asking_money_for_its_service_is_the_desas(catalog: AgencyCatalog) -> None:
    # blind92: 'Perangkat desa Curahdami minta bayaran 50 ribu per orang utk masuk daftar penerima bantuan sembako'
    assert first(catalog, "kades minta uang 200 ribu supaya nama kami dimasukkan daftar penerima BLT", "35.11"
                 ) == "35.11-dpmd"
    assert first(catalog, "pak sekdes narik duit 100rb tiap warga yang mau ngurus akta kelahiran di dukcapil", "32.05"
                 ) == "32.05-dpmd"
    # ...the rule's edge (right before and after): the desa's own letter; the village midwife; a PTSL committee's fee
    # (the land office's programme)
    assert first(catalog, "mau daftar nikah, surat pengantar dari desa kudu mbayar 300 ewu, ora ono kwitansi", "33.08"
                 ) == "33.08-dpmd"
    assert first(catalog, "bidan desa minta bayaran lahiran 1 juta padahal gratis", "52.01") == "52.01-dinkes"
    assert first(catalog, "panitia desa minta 700 ribu per bidang buat PTSL", "33.08") == "33.08-bpn"
