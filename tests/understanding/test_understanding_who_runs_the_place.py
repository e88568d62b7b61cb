"""Who runs the place a problem is at: airports, stations, roads a landslide cut, tourist sites (blind19's and
blind21's tuning, 4 December; every story written fresh for the test)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(("story", "region", "office"), [
    # an airport's parking, taxis and terminal are the airport's, not the town's transport office
    ("bandara di kota kami parkirnya mahal skali, taksi gelap maksa2 penumpang", "71.71", "kemenhub"),
    # a landmark's facility word ('bandara Minangkabau', towns.csv) places the story and is still an airport or port
    ("di bandara minangkabau toilet kotor dan troli banyak yang rusak", None, "kemenhub"),
    ("calo tiket di pelabuhan teluk bayur banyak sekali, penumpang dipaksa", None, "kemenhub"),
    ("bandara radin inten parkirnya mahal, taksi gelap maksa", None, "kemenhub"),
    # a station's crowds and stairs are the railway's, though the footbridge is a transport word
    ("Stasiun Kiaracondong pagi2 penuh, tangga penyeberangan licin", "32.73", "kai"),
    # 'turun krl' says how the teller travels: KRL is a word for the railway's, not its name being addressed
    ("pedagang penuhi trotoar dekat pasar, saya tiap hari turun krl lewat situ susah jalan", "31.71",
     "31.71-satpolpp"),
    # a road a landslide cut is the road office's to clear; the landslide alone stays the disaster office's
    ("jalan ke kampung kami longsor sejak minggu lalu, mobil tidak bisa lewat", "33.04", "33.04-pupr"),
    ("jalur ke desa kami tertutup longsor, motor saja susah lewat", "32.05", "32.05-pupr"),
    ("tanah longsor menimpa dua rumah warga di dusun kami", "33.04", "33.04-bpbd"),
    # a tourist site's toilets and signs are the tourism office's, though its rubbish is also named
    ("pantai di kampung kami banyak sampah, toilet umum rusak dan dikunci", "52.03", "52.03-dispar"),
    ("candi di desa kami sampahnya numpuk, toiletnya rusak, turis kecewa", "33.08", "33.08-dispar"),
    # street children at the traffic lights are the social office's; the lights are only where they stand
    ("banyak pengamen dan anak kecil di lampu merah dekat pasar sampai malam", "35.78", "35.78-dinsos"),
    ("lampu merah di perempatan pasar mati sejak kemarin", "35.78", "35.78-dishub"),
    # where one is going ('akses ke sekolah') is not what is broken: the access road is
    ("akses ke sekolah rusak parah, anak2 jalan kaki lewat lumpur", "33.02", "33.02-pupr"),
    # a stall or cart taken by officers is the Satpol PP's raid
    ("gerobak kami diangkut petugas tanpa surat, padahal sudah bayar retribusi", "12.71", "12.71-satpolpp"),
    # a toll road's lights are the toll operator's, not PLN's
    ("tol lampunya mati sepanjang 5 km, gelap sekali malam hari", "32.16", "jasa-marga"),
    # 'sekolah di mts': the school is a madrasah, the Ministry of Religious Affairs' office's
    ("anak saya sekolah di mts negeri dekat rumah, ada pungutan seragam 800 ribu", "32.06", "32.06-kemenag"),
    # the Sidoarjo mudflow's levees are kept by the Ministry of Public Works, not the kabupaten
    ("tanggul lumpur di porong rembes, air masuk ke rumah warga", None, "kemen-pu"),
])
def test_the_office_that_runs_the_place(catalog: AgencyCatalog, story: str, region: str | None, office: str) -> None:
    assert first(catalog, story, region) == office


@pytest.mark.parametrize("story", [
    "Akses ke air terjun rusak, papan info hilang, pengunjung bingung",
    "Akses ke pantai susah, papan informasi tidak ada",
])
def test_akses_is_no_slip_for_askes(catalog: AgencyCatalog, story: str) -> None:
    """'akses' (access) is an everyday word, not the old health insurance Askes typed wrong."""
    assert first(catalog, story, "52.03") != "bpjs-kesehatan"
