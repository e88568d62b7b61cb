"""Where the story is (round 78): the office of one kecamatan named by it ('KUA Narmada', 'polsek X') says the place
is meant; the teller's workplace said with any Javanese word for 'di' ('kerja ning kota Cirebon', 'kerja ten Jogja')
is set aside as 'kerja di' is; the place one's own is said to be on the border with ('perbatasan sama Kendal')
is not where it is; and a name villages of several provinces share leans to the workplace's province."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Kec. Narmada (Lombok Barat): the KUA is the kecamatan's; the in-laws' house in Mataram is only a relative's
        ("akta nikah kami dari KUA narmada ada salah huruf, mertua di mataram bilang urus lagi bayar", "52.01"),
        # Kec. Cihideung (Kota Tasikmalaya): not the Garut the fiancé comes from
        ("daftar nikah di KUA cihideung disuruh bayar sejuta lebih, calon istri sy orang garut", "32.78"),
    ],
)
def test_the_office_of_one_kecamatan_names_the_place(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Kec. Tanon (Sragen); krama 'ten': the teller works in Solo
        ("sawah warga tanon kebanjiran kabeh, kulo kerja ten solo mboten saged mantuk", "33.14"),
    ],
)
def test_a_workplace_in_javanese_is_set_aside(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_workplace_in_cirebon_s_javanese_is_set_aside_and_leans_near(catalog: AgencyCatalog) -> None:
    # Cirebon's 'ning': the Kota the teller works in is set aside; of the two Mertasinga (a desa of Kabupaten
    # Cirebon, a kelurahan of Cilacap where the Javanese words lean) none is the Kota's, so none is chosen for them
    story = "sy kerja ning kota cirebon, omah ning mertasinga dalane ancur ora dibenerke"
    assert (region_of_first(catalog, story) or "32.09").startswith("32.09")


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Kel. Mangkang Wetan lies in Kota Semarang, by Kendal
        ("got di mangkang wetan mampet terus, perbatasan sama kendal, air masuk rumah", "33.74"),
        # Kec. Talang Kelapa (Banyuasin), on the border with Palembang
        ("lampu jalan di talang kelapa mati semua, perbatasan dengan palembang, rawan begal", "16.07"),
    ],
)
def test_the_place_one_borders_on_is_not_where_it_is(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_an_emigrant_s_town_is_set_aside(catalog: AgencyCatalog) -> None:
    # 'perantau di Surabaya asal Omben': the family's kecamatan Omben (Sampang), not the town the teller works in
    story = "kami perantau di surabaya asal omben, keluarga di rumah belum dapat bantuan sumur bor"
    assert (region_of_first(catalog, story) or "").startswith("35.27")


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Mayangan: a kecamatan of Kota Probolinggo, a desa of Subang by the sea; the workplace is Karawang, Subang's
        # neighbour in West Java
        ("abrasi pantai di mayangan makin parah, sy kerja di kabupaten karawang", "32.13"),
        # ...and a relative's workplace leans the same way
        ("rob masuk rumah di mayangan, tanggul jebol, suami sy kerja di karawang", "32.13"),
    ],
)
def test_a_shared_name_leans_to_the_workplace_s_province(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)
