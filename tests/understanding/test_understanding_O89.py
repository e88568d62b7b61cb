"""Round 89 (h-tuneO): office rules for the state-paid health card, the livable-home aid and plasma plots; for each rule
the story that taught it (from a tuning set) and fresh sentences written for this file (none copied from a set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_a_state_paid_card_gone_from_the_data_is_the_social_offices(catalog: AgencyCatalog) -> None:
    # blind88: 'mboten wonten ing data malih' (no longer in the data), said of a free KIS card cut off
    assert first(catalog, "Kula nulis kagem bapak kula umur 80 ing Ngadirenggo. KIS gratis bapak diputus, jare mboten "
                          "wonten ing data malih. Bapak kudu cuci darah, lha saiki disuruh bayar umum. Mohon dipun "
                          "aktifaken malih", "35.03.12.2003") == "35.03-dinsos"
    # fresh: the Indonesian and the Sundanese of it
    assert first(catalog, "KIS ibu saya di Kabupaten Klaten tiba-tiba mati, kata petugas puskesmas namanya sudah "
                          "tidak ada di data lagi. ibu sudah tua") == "33.10-dinsos"
    assert first(catalog, "kartu KIS bapa abdi di Kabupaten Garut teu tiasa dianggo, saurna tos teu aya dina data "
                          "deui. bapa gering jantung") == "32.05-dinsos"


def test_a_free_card_off_with_a_plea_to_turn_it_on_is_the_social_offices(catalog: AgencyCatalog) -> None:
    # blind88: the card 'yang dari pemerintah (gratis)' off, 'mohon tolong diaktifkan kembali'
    assert first(catalog, "Selamat siang. Kita tulis ini for kita pe opa di Tiniawangko, umur 80 lebe. Kartu KIS opa "
                          "yang dari pemerintah (gratis) tiba2 nda aktif, pas mo berobat di puskesmas dorang bilang "
                          "kartu so mati, harus bayar. Opa cuma tinggal deng oma, nda ada penghasilan. Mohon tolong "
                          "diaktifkan kembali", "71.05.08.2003") == "71.05-dinsos"
    # fresh
    assert first(catalog, "KIS gratis simbah di Kabupaten Wonogiri ora aktif pas arep periksa, kon mbayar. tulung "
                          "diaktifke maneh, simbah ora duwe duit") == "33.12-dinsos"
    assert first(catalog, "kartu KIS dari pemerintah punya mamak di Kabupaten Langkat tiba-tiba mati waktu mau "
                          "berobat. tolong diaktifkan lagi pak, kami orang susah") == "12.05-dinsos"
    # ...the rule's edge (BPJS's before and after): the plea addressed to BPJS by name, a plain card with no list
    assert first(catalog, "kartu KIS dari pemerintah punya bapak di Kota Blitar nonaktif waktu opname, tolong bpjs "
                          "kesehatan aktifkan lagi") == "bpjs-kesehatan"
    assert first(catalog, "kartu KIS ibu saya di Kota Blitar tiba-tiba nonaktif pas berobat, disuruh bayar umum"
                 ) == "bpjs-kesehatan"


def test_aid_for_a_livable_home_is_the_housing_offices(catalog: AgencyCatalog) -> None:
    # blind86: 'bantuan bahan bangunan rumah layak huni' (the programme named by its aim, no 'tidak'), the village
    # head only who photographed the house
    assert first(catalog, "Bantuan bahan bangunan rumah layak huni dari pemda untuk kami di Kotorambur tra datang, "
                          "kepala kampung deng orang dinas su ambil foto rumah saja tahun lalu lalu hilang",
                 "95.07.03.2003") == "95.07-perkim"
    # fresh
    assert first(catalog, "program rumah layak huni di desa kami Kabupaten Pati cuma dapat saudara kepala desa, "
                          "rumah janda tua yang mau roboh tidak dapat") == "33.18-perkim"
    assert first(catalog, "rumah kurang layak huni punya nenek di Kabupaten Sinjai sudah didata kades dua kali tapi "
                          "bantuannya tidak pernah datang") == "73.07-perkim"


def test_a_plasma_plot_the_company_withholds_is_the_plantation_offices(catalog: AgencyCatalog) -> None:
    # blind86: 'Kebun plasma 20% belum juga dikasih perusahaan sawit'
    assert first(catalog, "Kebun plasma 20% belum juga dikasih perusahaan sawit ke warga Durian Kait, sudah belasan "
                          "tahun cuma janji. Sudah demo ke kantor perusahaan tidak ada hasil, yg urus perkebunan di "
                          "kabupaten tolong turun tangan") == "62.07-distan"
    # fresh
    assert first(catalog, "lahan plasma untuk warga desa kami di Kabupaten Sanggau tidak pernah diserahkan "
                          "perusahaan sawit, sudah sepuluh tahun") == "61.03-distan"
    assert first(catalog, "kebun plasma kami di Kabupaten Seruyan sudah 6 tahun belum ada bagi hasil, perusahaan "
                          "sawit ingkar janji terus") == "62.07-distan"


def test_a_person_in_pasung_asked_to_be_treated_is_the_health_offices(catalog: AgencyCatalog) -> None:
    # blind79: 'ODGJ dipasung keluarganya ... mohon diobati'
    assert first(catalog, "ada perempuan ODGJ dipasung keluarganya di kandang belakang rumah sdh bertahun2. kasihan "
                          "pak, mohon diobati", "35.02") == "35.02-dinkes"
    # fresh
    assert first(catalog, "bude saya di Kabupaten Jember ODGJ, dipasung di kandang belakang rumah sejak 2021. "
                          "tolong diobatin, kami keluarga tidak mampu") == "35.09-dinkes"
    assert first(catalog, "tatangga abdi di Kabupaten Cianjur dipasung ku kulawargana, sok ngamuk. punten dibawa "
                          "berobat, karunya pisan") == "32.03-dinkes"
    # ...the rule's edge (the social office's before and after): pasung with no treatment asked
    assert first(catalog, "tetangga saya di Kabupaten Jember ODGJ dipasung keluarganya sudah lima tahun, keluarganya "
                          "miskin. mohon dibantu") == "35.09-dinsos"


def test_a_disabled_applicant_an_employer_turned_away_is_the_labour_offices(catalog: AgencyCatalog) -> None:
    # blind88: 'Anak kula tunadaksa ... ngelamar neng pabrik garmen ... Pas interview ditolak'
    assert first(catalog, "Anak kula tunadaksa (tangan kiri ora ana) wis lulus pelatihan jahit, ngelamar neng "
                          "pabrik garmen neng Klampok. Pas interview ditolak jere ora sesuai fisik. Jare ana aturan "
                          "perusahaan kudu nrima 1 persen disabilitas. Tulung dicek, anake pengin kerja",
                 "33.04.02.2007"
                 ) == "33.04-disnaker"
    # fresh
    assert first(catalog, "saya difabel, kaki kanan pakai kruk, melamar jadi admin di pabrik sepatu di Kabupaten "
                          "Tangerang, langsung ditolak waktu lihat kaki saya") == "36.03-disnaker"
    assert first(catalog, "adik saya tunarungu lulusan SMK di Kabupaten Karawang, sudah kirim lamaran ke banyak "
                          "perusahaan tapi tidak ada yang mau menerima disabilitas") == "32.15-disnaker"


def test_a_bridge_fallen_or_swept_away_in_regional_words_is_public_works(catalog: AgencyCatalog) -> None:
    # blind88: Minang 'jambatan kayu ... alah runtuah dek banjir'
    assert first(catalog, "jambatan kayu di Lubuak Gadang alah runtuah dek banjir bulan lalu, kini urang kampuang "
                          "manyubarang sungai pakai rakik. amak-amak nan lah gaek payah bana ka pasa jo ka puskesmas. "
                          "alah dilaporan ka wali nagari tapi kecek e urusan kabupaten. mohon dibangun baliak",
                 "13.08") == "13.08-pupr"
    # fresh
    assert first(catalog, "jambatan ka sawah di Kabupaten Agam alah runtuah dek banjir gadang kapatang, urang "
                          "kampuang indak bisa lewat. tolong dibangun baliak") == "13.06-pupr"
    assert first(catalog, "titian ka pasa di Kabupaten Pasaman putuih dibao banjir, anak sikola manyubarang "
                          "batang aia") == "13.08-pupr"
    # ...the rule's edge (the disaster office's before and after): a flash flood with people fled, the road cut only
    # one more thing it did (Minang 'mangungsi' read 'mengungsi')
    assert first(catalog, "galodo tadi malam di Kabupaten Agam, tigo rumah rusak, jalan putuih, urang kampuang "
                          "mangungsi ka masajik. tolong capek bantu") == "13.06-bpbd"
