"""Where the story is (round 87, tuner B): 'bengawan' (a great river) is no slip for a kelurahan; the houses a flood
enters or burns ('air masuk rumah di X') are where it happened, not the teller's home; after an RT/RW's number the
kelurahan's name may be everyday words ('RW 08 Sungai Bambu'); a carrier's line ('angkot jurusan X') names a place;
Manado and Ambon Malay 'mar' (but) is no desa Maar; the town a patient is referred to ('dirujuk ke X') is not where
the care fell short; Javanese 'alas' (forest) after 'lewat', 'neng', 'mlebet' is no Kecamatan Alas; Palembang and
Jambi Malay say a name's last 'a' as 'o' ('Muaro Kuang')."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # 'Bengawan Solo' is the river, said before where its water came in: no Kota Surakarta, and 'bengawan' no
        # slip for Kel. Punggawan of that kota; the houses the water entered ('masuk rumah di') are the place
        ("Bengawan Solo naik lagi, air masuk rumah di Kanor sejak subuh, warga ngungsi ke balai desa", "35.22"),
        # a river's name that is some kabupaten's too (Kapuas, Kalimantan Tengah): the houses of the people the
        # flood enters are where it is, not the teller's home
        ("sungai Kapuas meluap, air masuk rumah warga di Sekadau Hilir", "61.09"),
        # after an RT/RW's number the address goes on to its kelurahan, though its words are everyday ones
        ("sampah numpuk di RT 03 RW 05 Kebon Kosong, bau sampai ke masjid", "31.71"),
        # a carrier's line names the place it runs to
        ("angkot jurusan Sumompo ngetem lama, penumpang telat kerja", "71.71"),
        # the kota a patient is referred to (Minang 'dirujuak ka') is elsewhere: the hospital that fell short is in
        # Painan, Pesisir Selatan
        ("amak dirawat di RSUD Painan, dirujuak ka Padang dek alat indak ado", "13.01"),
        # Palembang Malay 'Muaro Kuang' is Kecamatan Muara Kuang of Ogan Ilir
        ("jalan di Muaro Kuang rusak parah, mobil dak biso lewat", "16.10"),
    ],
)
def test_place_read(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


@pytest.mark.parametrize(
    "story",
    [
        # 'bengawan', the great river, is no slip for Kelurahan Punggawan of Surakarta
        "air bengawan naik terus, sawah kebanjiran",
        # Manado Malay 'mar' (but) after 'desa' is no desa Maar of Kei
        "torang so antar surat ke desa mar sampe skarang nyanda ada jawaban",
        # Javanese 'alas' (forest) passed through is no Kecamatan Alas of Sumbawa
        "bocah sekolah kudu lewat alas, dalane rusak ora tau didandani",
    ],
)
def test_no_place_read(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # counter-case: the desa Maar typed with its own spelling after 'desa' is still read
        ("jalan di desa Maar rusak, tolong diperbaiki", "81.02"),
        # counter-case: Kecamatan Alas named with its level word, or by the farmers and the crop of it
        ("bantuan sembako di kecamatan alas belum cair", "52.04"),
        ("harga jagung petani alas jatuh, tengkulak main harga", "52.04"),
        # counter-case: a referral alone, no other place named, still says where
        ("dirujuk ke RSUD Mataram tapi ditolak, katanya kamar penuh", "52.71"),
        # counter-case: a school's 'jurusan' is a field of study, and the school's town is still read
        ("anak saya masuk jurusan IPA di SMA negeri di Selong, dipungut biaya buku", "52.03"),
        # counter-case: where the teller's own house is, said plainly, is still read
        ("rumah saya di Kertapati kebanjiran, air setinggi lutut", "16.71"),
    ],
)
def test_places_still_read(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


def test_bengawan_is_no_slip(catalog: AgencyCatalog) -> None:
    # 'bengawan' (Javanese: a great river) is an everyday word, never typo-read as Kelurahan Punggawan of Surakarta
    found = [m.region.code for m in catalog.regions.match("Bengawan Solo meluap tadi malam")]
    assert "33.72.05.1009" not in found
