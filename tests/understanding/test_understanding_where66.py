"""Where a story happened, second round of 6 December (fresh sentences, none taken from a story set)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.regions import RegionIndex
from tests.understanding.conftest import story_reading


@pytest.mark.parametrize(("story", "kins"), [
    # a relative's word typed with a letter held down, or written short, is still a relative's place
    ("honor guru ngaji di ds kedungwringin blm cair 3 bln, sodaara sy di kab berau jg sama", "64.03"),
    ("bantuan sembako di desa jatimulya blm dibagi, kakaak sy di kota samarinda jg nunggu", "64.72"),
    ("air pdam di kel kepuharjo mati, sdr sy di kab tabalong udah lapor jg", "63.09"),
])
def test_a_relatives_place_typed_in_a_hurry_is_the_relatives(catalog: AgencyCatalog, story: str, kins: str) -> None:
    assert not any(code.startswith(kins) for code in catalog.story_places(story))
    region = (story_reading(story).answers.get("location") or {}).get("region") or ""
    assert not region.startswith(kins)


@pytest.mark.parametrize(("typed", "home"), [
    # a market named for its market day, typed where the story is told in another kabupaten, is that town's market
    ("pasar rebo", "32.14"),
    ("pasar kliwon", "33.19"),
    ("Pasar Minggu", "33.10"),
])
def test_a_market_day_typed_away_from_its_kecamatan_is_homes_market(typed: str, home: str) -> None:
    found = RegionIndex.default().resolve(typed, home)
    assert found.best is None and not found.options


@pytest.mark.parametrize(("typed", "home", "code"), [
    ("pasar rebo", None, "31.75.05"),  # alone, still Jakarta's kecamatan
    ("pasar kliwon", "33.72", "33.72.03"),  # told in Surakarta, its own kecamatan
    ("kecamatan pasar rebo", "32.14", "31.75.05"),  # with its level word
])
def test_a_market_days_kecamatan_is_still_read(typed: str, home: str | None, code: str) -> None:
    found = RegionIndex.default().resolve(typed, home)
    assert found.best is not None and found.best.region.code == code


@pytest.mark.parametrize(("story", "regency"), [
    # a kabupaten's seat named after its office, though its first word alone is a city elsewhere
    ("urus akta lahir anak di disdukcapil padang aro udah sebulan blm jadi", "13.11"),
    ("jalan dari alahan panjang ke arosuka banyak lobang", "13.02"),
])
def test_a_kabupatens_seat_is_read(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert catalog.story_places(story)[:1] and catalog.story_places(story)[0].startswith(regency)


@pytest.mark.parametrize(("story", "far"), [
    # Sundanese 'nepi ka' (as far as): where the smell, the water or the queue reaches is not where the trouble is
    ("TPS Sarimukti ngabul deui, haseupna nepi ka Kota Bandung. Warga Cipatat geus protes", "32.73"),
    ("banjir di Rancaekek, caina nepi ka Kabupaten Sumedang, imah warga karendem", "32.11"),
])
def test_where_it_reaches_is_not_where_it_is(catalog: AgencyCatalog, story: str, far: str) -> None:
    assert not (catalog.story_places(story)[:1] and catalog.story_places(story)[0].startswith(far))
    region = (story_reading(story).answers.get("location") or {}).get("region") or ""
    assert not region.startswith(far)


@pytest.mark.parametrize(("story", "regency"), [
    # where one must, or usually does, go instead ('harus berobat ke', 'terpaksa ke rs di', 'biasa belanja ke') is
    # elsewhere: the place the trouble is named at is where it is
    ("puskesmas cilimus tutup jam 12, kalo gk dilayani terpaksa ke rs di kota cirebon", "32.08"),
    ("puskesmas cilimus tutup jam 12, warga harus berobat ke kota cirebon", "32.08"),
    ("retribusi di pasar jatibarang naik, sy biasa belanja ke kota cirebon gk pernah gini", "32.12"),
])
def test_where_one_must_go_instead_is_not_where_it_is(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert catalog.story_places(story)[:1] and catalog.story_places(story)[0].startswith(regency)


def test_an_errand_that_went_wrong_there_is_still_there(catalog: AgencyCatalog) -> None:
    story = "sy warga kec Kertasemaya, harus urus ke dukcapil kota cirebon, disana blanko habis"
    assert catalog.story_places(story)[:1] == ("32.74",)


@pytest.mark.parametrize(("story", "office_place"), [
    # an office said not to cover the place ('katanya bukan wilayah mereka') names a place where the trouble is not
    ("SMP negeri Cibungbulang minta uang seragam, udh lapor ke dinas pendidikan kota bogor tp katanya bukan wilayah "
     "mereka", "32.71"),
    ("puskesmas Cisaat kehabisan obat, sy tanya ke dinkes kota sukabumi katanya bukan wilayah mereka", "32.72"),
])
def test_an_office_said_not_to_cover_it_names_no_place(catalog: AgencyCatalog, story: str, office_place: str) -> None:
    assert not (catalog.story_places(story)[:1] and catalog.story_places(story)[0].startswith(office_place))


def test_an_office_said_not_to_cover_it_is_no_place_of_the_story(catalog: AgencyCatalog) -> None:
    story = ("bantuan BPNT di kampung kami gk cair 2 bulan. sy udh nanya ke kantor dinsos di kota tasikmalaya "
             "katanya bukan wilayah mereka")
    assert catalog.story_places(story) == ()
    assert not (story_reading(story).answers.get("location") or {}).get("region")
