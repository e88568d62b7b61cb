"""The office's level (round 92, tuner L): a boat's crossing whose end it leaves from is the place the story opens
with, said as a heading ('Balohan, kapal cepat ke Banda Aceh'), is read between the heading's place and where the
boat goes; an island said by what it is ('kapal ke pulau besar') is no end a place list holds; a bus line a province
runs, named ('Transjakarta', 'tije', 'Trans Jatim'), is that province's transport office's; a national park's
forest cut or cleared, and land said inside the state forest whose certificate is refused, are the Ministry of
Forestry's."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(
    ("story", "office"),
    [
        # taught by blind92 'Balohan, kapal cepat ke Banda Aceh sering batal' (Kota Sabang to Kota Banda Aceh)
        ("Balohan, speedboat ke Banda Aceh penuh terus, tiket habis dibeli calo", "11-dishub"),
        ("Pulau Rote, kapal cepat ke Kupang mogok di laut, penumpang tidak dikasih pelampung", "53-dishub"),
        ("Sinabang, kapal ferry ke Labuhan Haji batal lagi, penumpang tidur di dermaga", "11-dishub"),
    ],
)
def test_a_crossing_from_the_place_the_story_opens_with(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


@pytest.mark.parametrize(
    "story",
    [
        # (an edge folded in, passing on the start code too: the heading read as the boat's end must not make 'pulau
        # besar', the big island, Flores Timur's Kecamatan Pulau Besar: blind78 'Mbuang-Mbuang Bokan Kepulauan')
        "Mbuang-Mbuang Bokan Kepulauan, kapal ke pulau besar telat terus, beras habis",
    ],
)
def test_the_big_island_is_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "72.11-dishub"


@pytest.mark.parametrize(
    ("story", "office"),
    [
        # taught by blind10 'Transjakarta koridor Lenteng Agung busnya jarang' and blind56 'halte transjakarta deket
        # pasar Tanah Abang lift nya mati': Jakarta's BRT is the province's, not the kota administrasi's
        ("bus transjakarta jurusan Pulogadung sering kosong armadanya, nunggu di halte Matraman 45 menit",
         "31-dishub"),
        ("tije koridor 9 penuh banget, AC mati, sopirnya ngebut", "31-dishub"),
        ("sopir Trans Jatim koridor Sidoarjo ugal-ugalan, penumpang lansia hampir jatuh", "35-dishub"),
    ],
)
def test_a_bus_line_the_province_runs(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


@pytest.mark.parametrize(
    "story",
    [
        # taught by blind80 'Hutan di hulu ... ditebang liar ... Itu kawasan Leuser' (and blind91 'penebangan kayu di
        # kawasan hutan baluran', whose 'tolong polhut atau polisi tindak' still names the police first)
        "pohon pohon besar di hutan Meru Betiri ditebangi malam hari, kayunya diangkut pakai truk lewat Sarongan",
        "perambahan di Tesso Nilo makin luas, hutan dibabat jadi kebun sawit, gajah masuk kampung",
        "pembalakan liar di hutan Lore Lindu makin parah, kayu diangkut malam lewat Kulawi",
        # (an edge folded in, passing on the start code too: 'taman nasional' said is the ministry's already)
        "ada yang nebang kayu di dalam taman nasional dekat desa kami, suara sinso tiap malam",
    ],
)
def test_a_national_parks_forest_is_the_ministrys(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "kemenhut"


@pytest.mark.parametrize(
    "story",
    [
        # taught by blind92 'tanah kami ... diklaim masuk kawasan hutan. Mau sertifikat PTSL ditolak' and blind86
        # 'lahan kami katanya masuk kawasan hutan, jadi tidak bisa disertifikatkan'
        "kebun cengkeh kami sudah digarap tiga generasi, sekarang dibilang masuk kawasan hutan, pengajuan sertifikat "
        "ditolak BPN",
        "rumah dan sawah satu dusun ternyata termasuk hutan produksi, jadi PTSL tidak bisa diproses",
    ],
)
def test_land_held_inside_the_state_forest_is_the_ministrys(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "kemenhut"
