"""The office's level (round 91, tuner L): a Jakarta 'Suku Dinas' named ('sudin pendidikan jaktim') is the kota
administrasi's office, though another word of the story (KJP, the province's card) says the province; a boat's
crossing the teller says runs between provinces ('beda provinsi', 'lintas provinsi', 'antarprovinsi') is the
ministry's, though its ends read in one kabupaten (Majingklak, Pangandaran's harbour, is only a desa of Cilacap in the
place list); a dam said as a project being built ('kena proyek bendungan', 'pembangunan waduk') is the ministry's;
three more national roads said by name with their damage (Jamin Ginting, the Pansela said 'jalan pantai selatan', the
Lintas Barat Sumatera) are the ministry's works."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(
    ("story", "office"),
    [
        ("SMP negeri di Cakung minta uang seragam 800 ribu, KJP anak saya malah dipotong buat bayar. mohon sudin "
         "pendidikan jaktim periksa", "31.75-disdik"),
        ("guru SD di Cengkareng minta duit les tambahan, dana KJP katanya buat beli buku. sudin pendidikan jakbar "
         "tolong cek", "31.73-disdik"),
        ("anak saya sekolah di SD negeri Tebet, dana KJP dipotong buat seragam, sudin pendidikan mana nih",
         "31.74-disdik"),
    ],
)
def test_a_suku_dinas_named_is_the_kota_administrasis(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


@pytest.mark.parametrize(
    "story",
    [
        "jukung ti Majingklak ka Kampung Laut sok kaleuwihan muatan, padahal nyebrang beda provinsi",
        "perahu dari Majingklak ke Nusakambangan tidak ada pelampung, ini lintas provinsi pak",
        "kapal kayu dari Kampung Laut ke Majingklak sering mogok di tengah segara anakan, nyebrangnya antarprovinsi",
    ],
)
def test_a_crossing_said_between_provinces_is_the_ministrys(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "kemenhub"


@pytest.mark.parametrize(
    ("story", "region"),
    [
        ("sawah bapak saya di Karangrejo kena proyek bendungan, ganti ruginya belum cair setahun", None),
        ("kebun kopi kami tergusur proyek pembangunan waduk, uang ganti rugi belum dibayar", None),
        ("proyeke bendungan neng desaku wis rong taun mandeg, lemah warga durung dibayar", "33.15"),
    ],
)
def test_a_dam_being_built_is_the_ministrys(catalog: AgencyCatalog, story: str, region: str | None) -> None:
    assert first(catalog, story, region) == "kemen-pu"


@pytest.mark.parametrize(
    "story",
    [
        "jalan Jamin Ginting dekat Sibolangit berlubang besar, bus ke Kabanjahe sering terperosok",
        "jalan pantai selatan di Puring Kebumen rusak berat, aspal ngelupas semua",
        "jalan lintas barat di Bintuhan Kaur amblas kena abrasi",
    ],
)
def test_more_national_roads_named(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "kemen-pu"
