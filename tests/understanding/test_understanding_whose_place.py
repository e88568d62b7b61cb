"""Whose place a name is — the teller's home, trip, registration, a river's or a road's ends — and where it happened.

From blind19's and blind21's tuning (4 December); every story written fresh for the test.
"""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first, region_of_first_regional


@pytest.mark.parametrize(("story", "regency"), [
    # a river named like a kabupaten (Kab. Kapuas lies in Kalimantan Tengah) runs past the place named plainly
    ("banjir kiriman sungai kapuas sudah seminggu di sanggau, rumah warga terendam", "61.03"),
    # 'ulun' (Banjar 'I') is some village's name too, so 'ulun dari banjarmasin' had looked like a road's far end
    ("pasar di kandangan kebanjiran, ulun dari banjarmasin handak bejualan kada kawa", "63.06"),
    ("jalan ke pasar binuang rusak, ulun dari banjarmasin tiap hari lewat situ", "63.05"),
    # 'dekat Undip' (towns.csv: Tembalang, Kota Semarang) is where the pavement is, not Demak, the teller's home
    ("trotoar dekat Undip Tembalang rusak parah, saya dari Demak tiap hari lewat situ", "33.74"),
    # the teller's address goes on past the comma ('Kartasura, Sukoharjo'): Colomadu lies in Karanganyar
    ("saya warga Kartasura, Sukoharjo. pasar di Colomadu becek dan sampah numpuk", "33.13"),
    # ...and straight on into the kabupaten holding it ('singaraja buleleng'): the rice field is in Jembrana
    ("saya tinggal di singaraja buleleng tapi sawah saya di jembrana, irigasinya jebol", "51.01"),
    # 'dari airmadidi ke tomohon' is the teller's daily trip; the road named plainly is in Tondano (Minahasa)
    ("jalan di tondano rusak parah, kami tiap hari dari airmadidi ke tomohon lewat situ", "71.02"),
    # but 'jalan dari masamba ke seko' is the road itself: both ends lie in Luwu Utara, whoever studies in Palopo
    ("kampus saya di palopo tapi kampung saya di luwu utara, jalan dari masamba ke seko tidak bisa dilewati "
     "kalau hujan", "73.22"),
    # a road named by its two ends, then where along it: Bayung Lencir lies in Musi Banyuasin, Sibolangit in Deli
    # Serdang — neither in Palembang nor in Karo (Berastagi)
    ("jln lintas jambi-palembang di bayung lencir amblas", "16.06"),
    ("jalan medan-berastagi di sibolangit longsor", "12.07"),
    # 'dr' typed short is 'dari': where the teller came from
    ("lampu jalan di Sragen kota mati semua, sy dr Karanganyar tiap malam lewat", "33.14"),
    # 'ktp X' is where the teller is registered; the grandmother's Kanigoro lies in Kabupaten Blitar
    ("aku ktp kota blitar, mbahku ning kanigoro ora oleh bansos maneh", "35.05"),
    # 'kulo' (Javanese 'I') is some village's name too: 'kulo saking Kota Magelang' is still where the teller is from
    ("Kulo saking Kota Magelang, simbah teng Mertoyudan. Omahe bocor ora tau dibantu", "33.08"),
    # home, work and the wife's school all the teller's; 'pasar sleman' names the home again: Sleman
    ("rumah saya di Sleman tapi kerja di Kota Jogja, istri ngajar di Bantul. jalan depan pasar sleman berlubang",
     "34.04"),
    # 'Kabupaten Kupang' is no second naming of Kota Kupang, where the teller lives
    ("Beta tinggal di Kota Kupang, ma beta pung mama di Kabupaten Kupang punya rumah rusak kena angin", "53.01"),
    # 'bukan Jatim': Kecamatan Jombang of Kabupaten Jombang is out, the one of Kota Cilegon is meant
    ("Jombang Cilegon bukan Jatim ya pak. anak sy di SD negeri kecamatan Jombang disuruh bayar seragam", "36.72"),
    # 'bukan kota semarang' denies the kota only, not the kabupaten of the same name
    ("saya di ambarawa kabupaten semarang bukan kota semarang, pasar becek", "33.22"),
])
def test_where_it_happened_outranks_whose_place_a_name_is(catalog: AgencyCatalog, story: str,
                                                          regency: str) -> None:
    assert (region_of_first_regional(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "not_in"), [
    # 'kampung di kabupaten, bukan kota' is the countryside, not Kelurahan Kabupaten of Klaten
    ("sampah di kali numpuk, kami orang kampung di kabupaten, bukan kota", "33.10"),
    # 'di tepian sungai' is on the river bank, not Desa Tepian of Nunukan
    ("pedagang kaki lima di tepian sungai makin semrawut sampai ke badan jalan", "65.03"),
    # 'pasar intan' is a diamond market (Martapura), not Kabupaten Intan Jaya in Papua Tengah
    ("toko emas di pasar intan banyak yang tutup, jalan depannya berlubang, ini di martapura", "94"),
    # a housing estate's block letter is no landmark ('blok m' is also Jakarta's Blok M: left out of towns.csv)
    ("got depan rumah di perumahan griya asri blok m nomor 12 mampet", "31.74"),
])
def test_everyday_words_name_no_place(catalog: AgencyCatalog, story: str, not_in: str) -> None:
    assert not (region_of_first(catalog, story) or "").startswith(not_in)
