"""The office's level (round 87, tuner L): a boat's crossing whose end names a kabupaten holding the other end is the
same-named place elsewhere ('dari Luwuk ke Banggai': Kec. Banggai of Banggai Laut, so the province's); the dyke of a
river a river-basin office of the ministry runs ('tanggul kali Juwana') is Kemen PU's; foreign boats fishing ('kapal
ikan asing') are KKP's, not the kabupaten's fisheries office; an irrigation scheme over 3,000 ha named ('irigasi
Rentang') is Kemen PU's, a channel in a kecamatan of the same name ('irigasi di Wawotobi') stays the kabupaten's."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.crossings import crossings
from bot.understanding.normalize import tokenize
from tests.understanding.conftest import first


@pytest.mark.parametrize(
    ("story", "level"),
    [
        # Kupang is Kota Kupang or Kabupaten Kupang; the boat to Semau (an island of Kabupaten Kupang) leaves the kota
        ("kapal dari Kupang ke Semau sudah seminggu tidak jalan, warga tertahan", "prov"),
        # Banggai is Kabupaten Banggai (whose town Luwuk is) or Kec. Banggai of Banggai Laut: the crossing is the latter
        ("speedboat dari Luwuk ke Banggai tidak berangkat sudah tiga hari, tolong ganti kapalnya", "prov"),
        # counter-case: the end said as the kota ('kota Sorong') is the kota, not Kabupaten Sorong: Doom is in it
        ("speedboat dari kota Sorong ke pulau Doom ongkosnya mahal", "kab"),
        # counter-case: both ends in Tojo Una-Una stay the kabupaten's
        ("kapal motor dari Wakai ke Ampana sering batal", "kab"),
    ],
)
def test_crossing_end_naming_the_other_ends_kabupaten(catalog: AgencyCatalog, story: str, level: str) -> None:
    assert [c.level for c in crossings(tokenize(story, slang=True), catalog.regions)] == [level]


@pytest.mark.parametrize(
    ("story", "office"),
    [
        ("speedboat dari Luwuk ke Banggai tidak berangkat sudah tiga hari, tolong ganti kapalnya", "72-dishub"),
        ("kapal dari Kupang ke Semau sudah seminggu tidak jalan, warga tertahan", "53-dishub"),
    ],
)
def test_crossing_between_kabupaten_is_the_provinces(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


@pytest.mark.parametrize(
    "story",
    [
        "tanggul kali Juwana di desa kami retak panjang, kalau hujan deras takut jebol",
        "tanggul sungai Jeneberang dekat kampung kami longsor, mohon diperkuat",
        # Javanese 'tangkis' (dyke) said before the river
        "tangkise kali Wulan ning Mijen bocor, sawah kelep",
    ],
)
def test_dyke_of_a_basin_river_is_the_ministrys(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "kemen-pu"


@pytest.mark.parametrize(
    ("story", "office"),
    [
        # counter-case: the river flooding homes with relief asked for is the disaster office's emergency
        ("Kali Lusi meluap di Purwodadi Grobogan, rumah terendam, butuh perahu dan makanan", "33.15-bpbd"),
        # counter-case: 'Serang' with no river word before it is the place, its irrigation the kabupaten/kota's
        ("tanggul saluran irigasi di Pontang Serang jebol, sawah kering", "36.04-pupr"),
    ],
)
def test_basin_river_rule_stays_out(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


@pytest.mark.parametrize(
    ("story", "region"),
    [
        ("saluran induk irigasi Rentang di Jatitujuh bocor, sawah ujung kering", None),
        ("bendung Wadaslintang sing kanggo sawah Prembun pintune macet, banyu ora mili", None),
        # the reservoir named, its fields' channel dry
        ("waduk kedungombo asat, saluran irigasi ke sawah Geyer kering semua", None),
    ],
)
def test_big_irrigation_scheme_is_the_ministrys(catalog: AgencyCatalog, story: str, region: str | None) -> None:
    assert first(catalog, story, region) == "kemen-pu"


def test_channel_in_a_kecamatan_named_as_a_scheme_stays_local(catalog: AgencyCatalog) -> None:
    # counter-case: 'di Wawotobi' is the kecamatan, its channel no scheme named
    assert first(catalog, "saluran irigasi di Wawotobi jebol, sawah warga kering") == "74.02-pupr"


@pytest.mark.parametrize(
    "story",
    [
        "kapal-kapal asing masih masuk perairan Sangihe tangkap ikan, nelayan kecil tidak berani melaut",
        "nelayan kecil di Talaud kalah sama kapal dari filipina yang curi ikan",
    ],
)
def test_foreign_boats_fishing_are_kkps(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "kkp"


def test_trawlers_from_elsewhere_stay_local(catalog: AgencyCatalog) -> None:
    # counter-case: a trawler from another place (no foreign boat) is the fisheries office's
    assert first(catalog, "kapal pukat trawl dari luar daerah masuk perairan Sibolga, jaring nelayan rusak") \
        == "12.73-diskan"
