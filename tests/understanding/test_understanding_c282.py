"""Round 82 (h-tuneC2): a desa or kecamatan named alone as the header a typed message opens with, set off by a mark,
is where the trouble is: filled where the region data holds the name once and the whole story's reading reads it and
nothing else. A market's name heading a message is no address. Fresh sentences, written for this file (none copied
from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled


def test_a_desa_named_alone_as_the_header_is_filled() -> None:
    # Kel. Pemurus Luar of Banjarmasin Timur, set off by a comma
    assert _filled("Pemurus Luar, got depan rumah warga mampet, tiap hujan air masuk rumah") == "63.71.02.1009"
    # Desa Sumberbrantas of Kota Batu, set off by a colon
    assert _filled("Sumberbrantas: kebun kentang kena longsor, jalan tani putus tidak bisa lewat truk") == (
        "35.79.02.2009")


def test_a_kelurahan_header_in_a_tourist_spot_is_filled() -> None:
    # Kel. Kalisoro of Tawangmangu (Karanganyar)
    assert _filled("Kalisoro, retribusi wisata air terjun naik tapi toilet rusak dan kotor sekali") == "33.13.06.1003"


def test_a_market_named_as_a_header_is_still_asked() -> None:
    # markets are named for a market day ("Pasar Kliwon" stands in many towns): no address, asked
    assert _filled("Pasar Kliwon, atap los bocor, pedagang basah kuyup tiap hujan turun") is None
    # a name the region data holds in several kabupaten (Kebonsari) is a namesake: asked
    assert _filled("Kebonsari, pendaftaran murid baru tidak adil, anak yang rumahnya dekat malah ditolak") is None
