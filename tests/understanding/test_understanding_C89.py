"""Round 89 (h-tuneC): what the story reader offers at "Di mana kejadiannya?". A place named only as where a patient
is referred on to ("dirujuk ke Wamena") and a landfill named only as the reason heard for rubbish not collected
("katanya TPA Piyungan penuh") are not offered as where it happened; nor is the kabupaten/kota the teller says they
stay or work in ("Sa tinggal di Sorong, sa pu keluarga di kampung …"). The first sentence of each test is the story
that taught the rule (a seen set); the others are fresh sentences, written for this file (none copied from a story
set)."""

from __future__ import annotations

from tests.understanding.conftest import story_reading


def _offered(story: str) -> list[str]:
    """The region codes offered as buttons at "Di mana kejadiannya?" (none when nothing is offered)."""
    offer = story_reading(story).answers.get("suggested_place")
    return [o["code"] for o in (offer, *offer.get("others", ()))] if offer else []


def test_a_referrals_destination_is_not_offered() -> None:
    # blind86: Wamena is where the father was sent on to; the kampung (Goa Balim) is not named
    assert _offered("Sa pu bapa sakit paru2 dirujuk ke Wamena, tapi tra punya kartu KIS jadi bayar sendiri semua. "
                    "Kami mau didaftarkan jadi peserta yang dibayar pemerintah, harus ke mana? kampung kami jauh") == []
    assert _offered("ibu hamil di kampung kami harus dirujuk ke Wamena pakai pesawat, biaya sendiri mahal sekali, "
                    "tolong") == []
    # "Solo" is Kota Surakarta by another name (and a Desa Solo of Nagekeo): neither is offered
    assert _offered("bapak sesak napas dirujuk nang Solo tengah malam, ambulans desa ora ono bensin, nyewa mobil "
                    "tonggo") == []
    # nor is the destination where a place typed later is looked for first
    assert story_reading("Mamak saya kena stroke dirujuk ka Padang, ambulans puskesmas rusak jadi kami sewa mobil "
                         "sendiri, mahal sekali").answers.get("story_region") is None
    # a hospital named after the referral word may be the trouble itself: still offered
    assert _offered("pasien di puskesmas kami dirujuk ke RSUD Wamena tapi disana kamar penuh, disuruh tunggu di "
                    "lorong") == ["95.01.01"]


def test_a_landfill_heard_full_or_shut_is_not_offered() -> None:
    # blind85: the rubbish is at the depo by the teller's home in Kota Yogyakarta, not at Piyungan (Bantul)
    assert _offered("Depo sampah di dekat rumah kami ditutup katanya TPA Piyungan penuh, sekarang sampah ditaruh di "
                    "pinggir jalan sampai numpuk dua minggu, bau dan banyak tikus. Warga bingung mau buang kemana. "
                    "Tolong DLH kota kasih solusi cepet.") == []
    assert _offered("sampah di gang kami gak diangkut seminggu, katanya TPA Piyungan tutup lagi. bau banget sampe ke "
                    "rumah") == []
    assert _offered("tong sampah kompleks meluber, jarene TPA Piyungan penuh, truk sampah ora teko wis rong minggu") \
        == []
    assert _offered("Sampah di depan pasar numpuk dua minggu sejak TPA Galuga ditutup, lalat di mana mana, warga kota "
                    "bingung") == []
    # the landfill's own trouble (its smell, its run-off) is where it is: still offered
    assert _offered("bau busuk dari TPA Piyungan sampai ke rumah warga tiap malam, lalat masuk ke makanan") \
        == ["34.02.14"]


def test_the_tellers_own_town_apart_is_no_button() -> None:
    # blind66: the teller lives in Sorong; the school is in the family's kampung (Tambrauw), not named
    assert _offered("Sa tinggal di Sorong, sa pu keluarga di kampung bilang guru kontrak yang dikirim Dinas Pendidikan "
                    "sudah pulang dan tra kembali lagi. Sekolah cuma buka kadang-kadang") == []
    assert _offered("beta sendiri tinggal di Sorong, mama di kampung bilang air bersih sonde mengalir su dua minggu, "
                    "tolong") == []
    assert _offered("gue tinggal di Bekasi, kampung istri gue di pelosok jalannya rusak parah ga pernah diaspal, mobil "
                    "ga bisa masuk") == []
    # blind66: of the several kabupaten read, the teller's own town is no button; the other one is, and is where a
    # typed place is looked for first
    found = story_reading("Sy tinggal di Lubuk Linggau, ponakan sy sekolah SD di Belumai II. Waktu gempa kemarin "
                          "dinding kelas retak panjang dari atas ke bawah")
    assert found.answers["suggested_place"]["code"] == "17.02.07.2008"
    assert "others" not in found.answers["suggested_place"]
    assert found.answers.get("story_region") == "17.02"
    assert _offered("beta tinggal di Kota Kupang, mama di Soe bilang air pdam sonde jalan su dua minggu") \
        == ["53.02.01"]
    # a kecamatan the teller lives in is most often where it happened: still offered
    assert _offered("sy tinggal di masbagik, lampu jalan mati sebulan lebih, gelap dan rawan begal") == ["52.03.05"]
    # the teller's kin's home ("ade sa"), not the teller's: still where a typed place is looked for first
    assert story_reading("Sa dr Merauke, ade sa tinggal di Boven Digoel sakit malaria, di puskesmas tra ada petugas, "
                         "cuma ditulis resep suruh beli di kota").answers.get("story_region") == "93.02"
