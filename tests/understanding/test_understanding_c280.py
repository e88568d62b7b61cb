"""Round 80 (h-tuneC2): what the story reader fills without asking. A desa said right after "di" together with the
kecamatan holding it, with no level word ("di Tanjung Batu Derawan"), names one place even where the desa's name alone
has namesakes the whole story's reading also reads: filled, not asked. Fresh sentences, written for this file (none
copied from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled


def test_a_desa_said_with_its_kecamatan_after_di_is_filled() -> None:
    # "Tanjung Batu" alone is a kecamatan of Ogan Ilir (and five desa); with "Derawan" it is the desa of Berau's
    # Kec. Pulau Derawan, and the reading's other place is only that namesake
    assert _filled("lampu jalan mati semua di Tanjung Batu Derawan, anak pulang ngaji gelap gulita") == "64.03.07.2003"
    assert _filled("sekolah dasar di tanjung batu derawan atapnya bocor, murid belajar di teras") == "64.03.07.2003"


def test_a_town_said_with_its_kabupaten_after_di_is_filled() -> None:
    # "Tanjung Balai" alone is Sumatera Utara's Kota Tanjungbalai (and a kecamatan of Asahan); said with "Karimun" it
    # is the town of Kab. Karimun, which the region data holds under no desa of that name; the town said whole stands
    # for its kecamatan (Kec. Karimun: test_understanding_where280.py)
    assert _filled("got depan pasar di Tanjung Balai Karimun tersumbat, air meluap ke toko2 tiap hujan") == "21.02.03"
    # a name the data does not hold in the kecamatan said with it: the kecamatan
    assert _filled("air bersih susah di Sidomulyo Gedong Tataan sudah tiga minggu, warga beli jerigen") == "18.09.01"


def test_the_name_alone_or_where_something_came_from_is_still_asked() -> None:
    # the name alone has namesakes: asked (offered as a button at most)
    assert _filled("lampu jalan mati semua di Tanjung Batu, anak pulang ngaji gelap gulita") is None
    # where the trucks come from, not where the trouble is
    assert _filled("truk pasir dari Tanjung Batu Derawan ngebut terus di jalan kampung kami, anak2 takut") is None
