"""Round 74 (h-tuneD): which office of the people's services; fresh sentences for each rule, written for this file
(none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_the_kabupaten_labour_office_sending_the_teller_on_is_the_province(catalog: AgencyCatalog) -> None:
    # the kabupaten's labour office said to have sent the teller to the province, or to have disclaimed the case:
    # labour inspection is the province's (UU 23/2014)
    assert first(catalog, "upah lembur kami di pabrik kayu lapis Kabupaten Kendal tidak dibayar 4 bulan, sudah "
                          "mengadu ke disnaker kendal malah disuruh ke provinsi") == "33-disnaker"
    assert first(catalog, "pesangon kami belum dibayar setelah toko bangunan di Kota Kendari tutup. kata orang "
                          "disnaker kota itu bukan wewenang mereka") == "74-disnaker"
    assert first(catalog, "THR buruh gudang di Kabupaten Gresik dicicil, kami ke dinas tenaga kerja gresik "
                          "dibilang pengawasnya di provinsi") == "35-disnaker"
    # ...while a labour complaint with no door knocked at stays the kabupaten's first
    assert first(catalog, "upah lembur kami di pabrik kayu lapis Kabupaten Kendal tidak dibayar 4 bulan") == \
        "33.24-disnaker"


def test_a_health_card_switched_off_at_a_hospital_is_the_cards(catalog: AgencyCatalog) -> None:
    # the hospital where a switched-off card was refused is where; the card's keeper decides
    assert first(catalog, "ibu mau cuci darah di RSUD dr Iskak Tulungagung ternyata kartu BPJS PBI nya "
                          "dinonaktifkan tanpa pemberitahuan") == "bpjs-kesehatan"
    assert first(catalog, "bapak dibawa ke RSUD dr Soebandi, di sana baru tahu kartu KIS nya tidak aktif lagi, "
                          "kami disuruh bayar umum") == "bpjs-kesehatan"
    # ...while the hospital's own failing, the card working, stays the hospital's
    assert first(catalog, "di RSUD dr Iskak Tulungagung pasien BPJS disuruh antri dari subuh, dokternya datang jam "
                          "sebelas") == "35.04-rsud"


def test_a_letter_from_the_kelurahan_is_the_kota(catalog: AgencyCatalog) -> None:
    # a letter the kelurahan or kecamatan writes is the kabupaten/kota's own service; the paper it is for is what
    assert first(catalog, "bikin surat pengantar ktp di kelurahan Kejambon Kota Tegal harus bayar 50 ribu, "
                          "katanya buat administrasi") == "33.76-pemda"
    assert first(catalog, "lurah di Kota Magelang minta amplop buat ngurus surat tanah warisan bapak") == "33.71-pemda"
    assert first(catalog, "surat pengantar nikah dari kelurahan di Kota Blitar dipungut 100 ribu") == "35.72-pemda"
    # ...while the registry's own paper with the registry named stays the registry's
    assert first(catalog, "sudah dapat surat pengantar dari kelurahan tapi di disdukcapil Kota Tegal KK baru "
                          "belum dicetak sebulan") == "33.76-dukcapil"


def test_bpjs_tk_unpaid_beside_wages_held_back_is_the_labour_office(catalog: AgencyCatalog) -> None:
    # wages a private employer holds back or docks are among its wrongs: BPJS TK it did not pay is one more of them
    assert first(catalog, "kerja di pabrik plastik di Kabupaten Serang, gaji telat terus, BPJS TK juga gak pernah "
                          "dibayar perusahaan") == "36.04-disnaker"
    assert first(catalog, "upah kami dipotong tiap minggu di perusahaan sawit Kabupaten Seruyan, bpjs "
                          "ketenagakerjaan tidak didaftarkan") == "62.07-disnaker"
    # ...while a deduction for the contribution itself, with a claim refused, stays BPJS TK's
    assert first(catalog, "gaji dipotong untuk iuran BPJS TK tapi ternyata gak didaftarkan perusahaan, pas "
                          "kecelakaan kerja klaimnya ditolak") == "bpjs-tk"
