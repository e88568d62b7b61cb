"""Stories told aloud and in passing: where an errand took the teller, everyday words that look like places, a place
given and named again (blind23's tuning, 4 December; every story written fresh for the test)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(("story", "office"), [
    # where the teller went to do something ('ke Bukittinggi ngurus izin', 'berobat ke Sungguminasa') is where it
    # happened, not the home they came from
    ("sy orang Padang, kemarin ke Bukittinggi ngurus izin usaha, petugasnya minta uang pelicin", "13.75-dpmptsp"),
    ("saya dari Makassar bawa ibu berobat ke Sungguminasa, dokternya tidak ada", "73.06-dinkes"),
    # Javanese 'teko' (from), Banjar 'gawe' (work) and 'perantau' say whose place a name is
    ("aku teko Lumajang, tuku iwak neng Puger, sampah pasar ikan numpuk ambune nemen", "35.09-dlh"),
    ("ulun gawe di Banjarmasin, jalan di Aranio rusak parah kada kawa lewat", "63.03-pupr"),
    ("kami perantau di Batam, kampung kami di Brondong jalannya rusak parah", "35.24-pupr"),
    # a desa named in words of its own is a place apart from the teller's town as plainly as a kecamatan
    ("ulun tinggal di Banjarbaru, sawah ulun di Gambut. tanggul di Kayu Bawang jebol, tarandam", "63.03-pupr"),
    # 'Reo' is what people call the town of Kecamatan Reok; 'ngekos X' says X is a place, as 'tinggal X' does
    ("anak saya mau daftar SMA negeri di Reo, disuruh bayar uang komite 2 juta", "53-disdik"),
    ("sy kuliah di Jatinangor, ngekos sindangpakuon, jalan desanya rusak parah", "32.11-pupr"),
    # where the teller lives now says more than where they come from or are registered
    ("saya orang Bima, ngekos di Ampenan, air pdam mati tiap pagi", "52.71-pdam"),
    ("mahasiswa asal Sumbawa tinggal di Cakranegara, jalan depan kos berlubang", "52.71-pupr"),
    ("sy KTP Lampung Timur tp tinggal di Kemiling, sampah di jalan tidak diangkut seminggu", "18.71-dlh"),
    # 'di sumber cirebon': an everyday word right before its kabupaten's name is that kabupaten's kecamatan, so the
    # Kabupaten, not the Kota, of the shared name
    ("air pdam di sumber cirebon mati dua hari, warga beli air galon", "32.09-pdam"),
    # 'gotong royong' (working together) is some village's name too, but no place apart from the teller's
    ("saya warga kecamatan Cidaun, jembatan gantung ke kampung putus, warga sudah gotong royong tapi belum kuat",
     "32.03-pupr"),
    # 'medannya berat' is the terrain, neither Kota Medan nor a slip for Medan Barat
    ("jalan ke kampung kami menuju kecamatan Gunung Talang rusak parah dan medannya berat, mobil tidak bisa lewat",
     "13.02-pupr"),
    # both places a shipment came from are only where it came from
    ("harga beras di Serasan naik terus, semua didatangkan dari Ranai dan Pontianak", "21.03-disperindag"),
    # 'ini dari X' is where the caller is calling from; the Bengawan Solo is a river, not Kota Surakarta
    ("ini dari kasiman pak, bengawan solo meluap lagi, air masuk rumah warga", "35.22-bpbd"),
    # a road's two ends in one kabupaten are where it is, though 'harus mundur' looks like a slip for Mundu
    ("jalan dari imogiri naik ke dlingo sempit sekali, kalau bus wisata ketemu dari depan harus mundur, tolong "
     "diperlebar", "34.02-pupr"),
    # where the smoke reached is not where the fire is
    ("kebakaran lahan di Sungai Ambawang, asapnya sampe Pontianak, anak2 batuk", "61.12-bpbd"),
    # ...and where the waste reached still says which Beji the factories are in (Pasuruan's, beside Gempol)
    ("pabrik di Beji buang limbah ke sungai sampe Gempol, air hitam semua", "35.14-dlh"),
    # 'ngadat' (stalls) is no slip for Ngada
    ("air pdam Playen ngadat seminggu", "34.03-pdam"),
])
def test_where_it_happened(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


def test_a_dukun_is_no_kecamatan(catalog: AgencyCatalog) -> None:
    # 'melahirkan ke dukun' is an errand to a traditional midwife, not to Kecamatan Dukun of Magelang or Gresik
    found = catalog.suggest("bidan desa di Pajar Bulan pindah, ibu ibu melahirkan ke dukun lagi")
    assert found and not any((m.agency.region_code or "").startswith(("33.08", "35.25")) for m in found)


def test_gotong_royong_is_no_village(catalog: AgencyCatalog) -> None:
    # 'gotong royong' (working together) is also a kelurahan of Bandar Lampung; in a story it is what the neighbours did
    found = catalog.suggest("longsor di jalan kalipucang tutup jalan desa, warga gotong royong tp tanahnya banyak")
    assert not any((m.agency.region_code or "").startswith("18.71") for m in found)


def test_a_problem_word_is_no_slip_for_the_given_province(catalog: AgencyCatalog) -> None:
    # 'sumbat' (blocked) named with the place given in Padang is the drain's state, not a slip for 'Sumbar'
    assert first(catalog, "banda di lubuk begalung sumbat, aia naiak", "13.71.06") == "13.71-pupr"


def test_a_problem_word_running_past_a_place_name_still_counts(catalog: AgencyCatalog) -> None:
    # 'jalan desa Pagedangan Ilir': 'desa' says which place and, with 'jalan', what is flooded
    found = catalog.suggest("jalan desa Pagedangan Ilir terendam seminggu, motor mogok semua", region="36.03.07.2008")
    assert "36.03-pupr" in [m.agency.code for m in found]


@pytest.mark.parametrize(("story", "region", "office"), [
    # a dry or broken irrigation channel is the water works' to mend, though the crop failed
    ("irigasi di desa kami kering, padi puso semua", "35.21", "35.21-pupr"),
    # a farm's smell and flies are the environment office's; a sick herd stays the livestock office's
    ("peternakan ayam dekat kampung baunya sampai masuk rumah, lalat banyak", "35.07", "35.07-dlh"),
    ("sapi warga kena penyakit mulut dan kuku, dinas peternakan belum datang", "35.07", "35.07-disnak"),
    # the power out a few words apart is PLN's, though fishers say what it spoils
    ("listrik di pulau kami sering mati tiap malam, nelayan susah simpan ikan", "19.02", "pln"),
    # an employer who never registered its workers with BPJS is the labour inspection's case; salt farmers the
    # fisheries office's
    ("buruh kebun sawit tidak pernah didaftarkan BPJS, upah di bawah UMK", "12.10", "12.10-disnaker"),
    ("petani garam di desa kami rugi, harga jatuh, tidak ada yang bantu", "73.04", "73.04-diskan"),
    # the BPD of a village story is its council (a village matter), not a slip for BPPD, the tax office
    ("kades pakai mobil desa buat pribadi, BPD diam saja, dana desa tidak jelas", "35.13", "35.13-dpmd"),
    # 'alun2 kejaksan' is Kecamatan Kejaksan, though 'kejaksaan' (the prosecutors) folds to the same key...
    ("anak punk mabuk tiap malam di alun2 kejaksan, warga terganggu", "32.74.01", "32.74-dinsos"),
    # ...and the prosecutors named are still the prosecutors
    ("korupsi dana desa sudah saya laporkan ke kejaksaan tapi belum ada tindak lanjut", "35.13", "kejaksaan"),
    # a kecamatan office's staff asking money are the local government's
    ("pegawai kantor kecamatan minta uang rokok baru mau tanda tangan surat", "74.02", "74.02-pemda"),
])
def test_who_mends_it(catalog: AgencyCatalog, story: str, region: str, office: str) -> None:
    assert first(catalog, story, region) == office


@pytest.mark.parametrize(("text", "code"), [
    # West Kalimantan's 'Sui' is 'Sungai'; 'Tepian Mahakam' is Samarinda's riverside
    ("sui kakap", "61.12.09"),
    ("tepian mahakam", "64.72"),
    # Palembang's 'Seberang Ulu Satu' and 'Ilir Barat Satu' as people type them
    ("seberang ulu 1", "16.71.02"),
    # landmarks people name as the place
    ("bromo", "35.13"),
    ("pasar cikurubuk", "32.78"),
    ("rsud andi makkasau", "73.72"),
    ("ilir barat I", "16.71.04"),
])
def test_a_place_as_people_call_it(catalog: AgencyCatalog, text: str, code: str) -> None:
    found = catalog.regions.resolve(text)
    assert found.best is not None and found.best.region.code.startswith(code)


@pytest.mark.parametrize("text", ["Jl. Tanjung Raya 2", "Jl. Karya Jaya"])
def test_a_word_inside_a_streets_name_is_no_kecamatan(catalog: AgencyCatalog, text: str) -> None:
    # 'raya' of 'Jl. Tanjung Raya' is the street's name, not Kecamatan Raya of Simalungun
    found = catalog.regions.resolve(text)
    assert found.best is None or found.best.region.code[:5] not in ("12.08", "11.14")


def test_the_story_places_a_street_the_location_answer_names_alone(catalog: AgencyCatalog) -> None:
    found = catalog.regions.resolve("Jl. Tanjung Raya 2")
    region = found.best.region.code if found.best else None
    assert first(catalog, "parit di Pontianak Timur dangkal, tiap hujan air masuk rumah", region) == "61.71-pupr"
