"""Round 68 (h-tuneC): fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_ash_from_a_chimney_or_a_plant_is_pollution(catalog: AgencyCatalog) -> None:
    # ash said coming from a chimney, a power plant or a factory is the environment office's to measure
    assert first(catalog, "abu dari cerobong pabrik semen di Kabupaten Tuban turun tiap sore ke genteng kami, "
                          "anak2 sesak napas") == "35.23-dlh"
    assert first(catalog, "debu batu bara dari PLTU di Kota Cilegon jatuh ke jemuran warga, tolong dicek") == (
        "36.72-dlh")
    # ...a volcano's ash falling is still the disaster office's
    assert first(catalog, "abu vulkanik turun lagi di Kabupaten Karo, masker belum dibagi") == "12.06-bpbd"


def test_a_retaining_wall_that_gives_way_is_public_works(catalog: AgencyCatalog) -> None:
    # the wall gives way and lets the earth go: the wall is Public Works' to rebuild
    assert first(catalog, "talud di pinggir kali di Kota Ambon runtuh semalam, dapur tetangga ikut longsor") == (
        "81.71-pupr")
    assert first(catalog, "tembok penahan tanah di belakang sekolah di Kabupaten Garut ambrol, takut longsor lagi "
                          "kalau hujan") == "32.05-pupr"


def test_cap_tikus_is_liquor(catalog: AgencyCatalog) -> None:
    # Minahasa's palm liquor, sold by a stall, is public order's as any liquor is
    assert first(catalog, "kios dekat SMP di Kota Bitung jual cap tikus tiap malam, remaja mabuk ganggu orang "
                          "lewat") == "71.72-satpolpp"


def test_capital_for_small_businesses_is_the_cooperatives_office(catalog: AgencyCatalog) -> None:
    # a grant of working capital for micro businesses is the cooperatives and small-business office's
    assert first(catalog, "bantuan modal usaha buat pedagang kecil di Kota Kendari dipotong oleh petugas "
                          "pendamping") == "74.71-diskop"
    assert first(catalog, "dana usaha mikro untuk ibu2 penjual sayur di Kabupaten Klaten belum cair") == (
        "33.10-diskop")


def test_a_markets_upper_floor_is_the_market_offices(catalog: AgencyCatalog) -> None:
    # traders moved up to a floor no buyer climbs to: the market office runs the building and allots its stalls
    assert first(catalog, "pasar induk di Kota Pematangsiantar lantai 2 sepi, pedagang disuruh naik, dulu pasar "
                          "lama pernah terbakar") == "12.72-disperindag"


def test_a_landslide_a_mine_made_is_the_mines(catalog: AgencyCatalog) -> None:
    # the mine is the cause: the province's mining office (ESDM) is the one to stop it
    assert first(catalog, "penambangan pasir liar di pinggir sungai di Kabupaten Lumajang, tebing sungai longsor ke "
                          "sawah kami") == "35-esdm"
    assert first(catalog, "tambang batu bara di belakang kampung kami di Kabupaten Kutai Kartanegara, tanah kebun "
                          "longsor dan retak") == "64-esdm"
    # ...a landslide with no mine in the story stays the disaster office's
    assert first(catalog, "tanah longsor menimbun dua rumah di Kabupaten Banjarnegara, warga mengungsi") == (
        "33.04-bpbd")


def test_a_hospital_the_province_runs_is_the_provinces(catalog: AgencyCatalog) -> None:
    # the name after 'RSUD' says whose hospital it is, though the kota it stands in has one of its own
    assert first(catalog, "ayah saya dirawat di RSUD dr Soetomo Kota Surabaya, disuruh pulang padahal belum "
                          "sembuh") == "35-rsud"
    assert first(catalog, "RS Moewardi di Kota Surakarta antrian poli saraf dari subuh, petugas pendaftaran "
                          "ketus") == "33-rsud"
    # ...the kota's own hospital stays the kota's
    assert first(catalog, "RSUD Kota Surakarta antrian obat lama sekali, pasien lansia berdiri") == "33.72-rsud"


def test_a_cracked_permanent_house_for_survivors_is_the_housing_offices(catalog: AgencyCatalog) -> None:
    # the housing office built the permanent houses (huntap): their cracks and leaks are its to put right
    assert first(catalog, "huntap untuk korban banjir bandang di Kabupaten Luwu Utara dindingnya retak dan atapnya "
                          "bocor, padahal baru dua tahun") == "73.22-perkim"
    # ...the temporary shelter (huntara) stays the disaster office's
    assert first(catalog, "huntara korban gempa di Kabupaten Cianjur bocor semua, kami belum dapat bantuan") == (
        "32.03-bpbd")


def test_a_catch_a_polluter_spoils_is_the_polluters(catalog: AgencyCatalog) -> None:
    # the fishers suffer, the polluter is to be stopped: the environment office (or the mining office) comes first
    assert first(catalog, "limbah tambak udang dibuang ke teluk di Kabupaten Pesawaran, ikan di keramba nelayan "
                          "mati semua") == "18.09-dlh"
    assert first(catalog, "sejak ada smelter di Kabupaten Morowali air laut keruh, nelayan kecil tidak dapat "
                          "ikan lagi") == "72.06-dlh"
    # ...fishers' own trouble with no polluter named stays the fisheries office's
    assert first(catalog, "nelayan kecil di Kabupaten Morowali belum dapat bantuan jaring dan mesin perahu") == (
        "72.06-diskan")


def test_kai_in_banjar_speech_is_a_grandfather(catalog: AgencyCatalog) -> None:
    # 'kai ulun' is my grandfather: no railway in the story
    assert first(catalog, "kai ulun di Kabupaten Banjar kada dapat bantuan sembako, padahal sudah tuha banar") == (
        "63.03-dinsos")
    # ...a station or a train keeps KAI the railway, in Banjar speech too
    assert first(catalog, "stasiun kereta di Kota Bandung toiletnya jorok, tolong KAI") == "kai"


def test_a_special_school_a_child_is_sent_on_to_is_not_the_complaint(catalog: AgencyCatalog) -> None:
    # the SD or SMP that refused the child is the kabupaten's: the SLB it sent them to is only where they were told
    assert first(catalog, "anak saya tunadaksa ditolak daftar SMP negeri di Kabupaten Grobogan, katanya disuruh ke "
                          "SLB. SLB nya jauh dari rumah") == "33.15-disdik"
    # ...an SLB complained of itself stays the province's
    assert first(catalog, "SLB negeri di Kabupaten Grobogan kekurangan guru bahasa isyarat") == "33-disdik"


def test_sleeping_rough_is_social_affairs(catalog: AgencyCatalog) -> None:
    # someone sleeping in a shop's doorway or on the pavement is the social affairs office's to take in
    assert first(catalog, "ada bapak tua tidur di emperan ruko dekat alun2 Kota Probolinggo tiap malam, bajunya "
                          "kotor, tidak tahu jalan pulang") == "35.74-dinsos"


def test_the_regional_tax_office_is_the_regions(catalog: AgencyCatalog) -> None:
    # 'kantor pajak daerah' is the region's revenue office (PBB, regional taxes), not the national tax office
    assert first(catalog, "tagihan PBB rumah kami di Kota Madiun naik tiga kali, di kantor pajak daerah disuruh "
                          "antre dua hari") == "35.77-bapenda"
    # ...'kantor pajak' alone is still the national tax office's
    assert first(catalog, "NPWP saya diblokir, di kantor pajak disuruh datang lagi minggu depan") == "djp"
