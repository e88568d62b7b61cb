"""Resolving typed places to Kemendagri region codes."""

from __future__ import annotations

from typing import Any

import pytest

from bot.understanding.normalize import Token
from bot.understanding.regions import MAX_CANDIDATES, MAX_OPTIONS, MAX_TOKENS, RegionIndex


@pytest.fixture(scope="module")
def regions() -> RegionIndex:
    return RegionIndex.default()


@pytest.mark.parametrize(("text", "home", "expected"), [
    # most specific region named, with markers, nicknames and typos
    ("desa rumbuk kec. sakra lotim", None, "52.03.02.2004"),
    ("ds. rumbuk sakra", None, "52.03.02.2004"),
    ("Desa Rumbuk, Kecamatan Sakra, Kabupaten Lombok Timur", None, "52.03.02.2004"),
    ("rumbuk timur lotim", None, "52.03.02.2007"),  # the longer name wins over 'Rumbuk'
    ("dekat pasar paok motong", "52.03", "52.03.05.2002"),  # 'Paokmotong' typed as two words
    ("paokmotong", "52.03", "52.03.05.2002"),
    ("paokmotong masbagik", None, "52.03.05.2002"),
    ("jl. pejanggik mataram", None, "52.71"),  # a street named after a village is not the village
    ("Jalan Raya Selong, dekat SDN 2, Lotim", None, "52.03.07"),
    ("kel. pejanggik cakranegara", None, "52.71.02.1011"),  # sibling district in the same city
    ("kelurahan menteng jakarta pusat", None, "31.71.06.1001"),
    ("kel. baru pasar rebo jaktim", None, "31.75.05.1002"),
    ("desa sukakerta kec. cilaku cianjur", None, "32.03.04.2004"),
    ("kecamatan cibinong kab bogor", None, "32.01.01"),
    ("kuta badung", None, "51.03.01"),
    ("kec. selong", None, "52.03.07"),
    ("selong lotim", None, "52.03.07"),
    ("desa sakra", None, "52.03.02.2002"),
    ("sakra", None, "52.03.02"),  # a bare name: the kecamatan, not its same-named village
    ("sumbawa", None, "52.04"),  # the regency, not its same-named kecamatan
    ("mataram", None, "52.71"),
    ("kota mataram", None, "52.71"),
    # nicknames and abbreviations
    ("lotim", None, "52.03"), ("lobar", None, "52.01"), ("loteng", None, "52.02"), ("KLU", None, "52.08"),
    ("KSB", None, "52.07"), ("jaksel", None, "31.74"), ("jaktim", None, "31.75"), ("jakbar", None, "31.73"),
    ("jakut", None, "31.72"), ("jakpus", None, "31.71"), ("jogja", None, "34.71"), ("solo", None, "33.72"),
    ("tangsel", None, "36.74"), ("kab. bandung", None, "32.04"), ("kota bdg", None, "32.73"),
    ("kab bdg barat", None, "32.17"), ("prov ntb", None, "52"), ("jawa timur", None, "35"),
    ("kabupaten sorong selatan", None, "96.02"), ("kota jayapura", None, "91.71"),
    # typos
    ("lombok tmur", None, "52.03"), ("lombokk timur", None, "52.03"), ("kab lombok timurr", None, "52.03"),
    ("banyuwagi", None, "35.10"),
    # the home region breaks ties and is ranked first
    ("desa sukamulya", "52.03", "52.03.06.2005"),
    ("sukamulya", "52.03", "52.03.06"),
    # a code typed as is
    ("52.03", None, "52.03"), ("52.03.02.2004", None, "52.03.02.2004"),
])
def test_resolves_to_the_most_specific_region(regions: RegionIndex, text: str, home: str | None,
                                               expected: str) -> None:
    res = regions.resolve(text, home=home)
    assert res.best is not None, [o.region.code for o in res.options]
    assert res.best.region.code == expected
    assert 0 < res.best.score <= 100


@pytest.mark.parametrize(("text", "landmark"), [
    ("jl. pejanggik mataram", "jl. pejanggik"),
    ("dekat pasar paok motong", "dekat pasar paok motong"),
    ("desa rumbuk kec. sakra lotim", ""),
    ("Jalan Raya Selong, dekat SDN 2, Lotim", "Jalan Raya, dekat SDN 2"),
    ("di depan masjid desa rumbuk", "di depan masjid"),
])
def test_the_free_text_landmark_is_kept(regions: RegionIndex, text: str, landmark: str) -> None:
    res = regions.resolve(text)
    assert res.best is not None or res.options
    assert res.landmark == landmark


@pytest.mark.parametrize("text", ["paokmotong", "dekat pasar paok motong", "melati", "dekat masjid agung",
                                  "dekat pasar sentral"])
def test_a_desa_named_alone_is_asked_about_not_taken(regions: RegionIndex, text: str) -> None:
    """One of 84k desa names, with nothing else said of where (and no home region), is offered to confirm: the
    same word is often a street's, a housing complex's or a mosque's ("masjid agung" is no Kelurahan Agung of
    Tabalong). With its kecamatan, a level word or the deployment's kabupaten it is taken as sure."""
    res = regions.resolve(text)
    assert res.best is None and len(res.options) >= 1
    assert regions.resolve("desa " + text.split()[-1]).best is not None or text.startswith("dekat")


@pytest.mark.parametrize("text", ["pasar baru", "melati", "dekat pasar sentral"])
def test_a_name_alone_found_only_in_other_provinces_is_a_place_of_home(regions: RegionIndex, text: str) -> None:
    """In a Lombok Timur deployment "pasar baru" is its market, not five desa of North Sumatra to choose from:
    no options, the text kept as the landmark (the complaint goes home). Nationally they are still offered."""
    res = regions.resolve(text, home="52.03")
    assert res.best is None and res.options == () and res.landmark
    assert regions.resolve(text).options


@pytest.mark.parametrize(("text", "home", "must_offer"), [
    ("bandung", None, {"32.73", "32.04"}),  # Kota or Kabupaten Bandung
    ("bima", None, {"52.72", "52.06"}),
    ("gorontalo", None, {"75.71", "75.01"}),
    ("desa sukamulya kec. sakra lotim", None, {"52.03.02", "52.03.06.2005"}),  # the text contradicts itself
    ("mataran", "52.03", {"52.71", "73.16.04.1004"}),  # a typo of Mataram, or the village Mataran?
])
def test_ambiguous_names_ask_with_options(regions: RegionIndex, text: str, home: str | None,
                                          must_offer: set[str]) -> None:
    res = regions.resolve(text, home=home)
    assert res.ambiguous and res.best is None
    assert 2 <= len(res.options) <= MAX_OPTIONS
    assert must_offer <= {o.region.code for o in res.options}


@pytest.mark.parametrize("text", ["desa sukamulya", "sidomulyo", "kampung baru", "desa suka maju"])
def test_villages_sharing_a_name_give_at_most_five_options_and_a_count(regions: RegionIndex, text: str) -> None:
    res = regions.resolve(text)
    assert res.ambiguous
    assert len(res.options) == MAX_OPTIONS
    assert res.more > 0  # the bot can say "many villages have this name; which kecamatan?"
    assert all(o.region.level in ("village", "district") for o in res.options)


def test_home_region_places_rank_first(regions: RegionIndex) -> None:
    far = regions.match("desa sukamulya")
    near = regions.match("desa sukamulya", home="52.03")
    assert not far[0].region.code.startswith("52.03")
    assert near[0].region.code.startswith("52.03")
    assert near[0].score > near[1].score


@pytest.mark.parametrize("text", [
    "", "   ", "12345", "0812 3456 7890", "asdf qwer", "!!!", "🙏🙏🙏", "x" * 5000, "jalan rusak parah",
    "ktp belum jadi", "99.99", "52.99.99",
])
def test_unknown_places_resolve_to_nothing(regions: RegionIndex, text: str) -> None:
    res = regions.resolve(text)
    assert res.best is None and res.options == ()


@pytest.mark.parametrize("text", [
    "jalan rusak parah di desa sukamulia lotim dekat masjid, sudah 3 bulan. " * 70,
    " ".join(["Sidomulyo Karanganyar Sukamaju Mekarsari Tanjung"] * 200),
    "desa " * 1000,
])
def test_absurd_input_is_bounded(regions: RegionIndex, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pasted essay is cut to MAX_TOKENS words before scanning (its time is in bench/understanding.py)."""
    scanned: list[tuple[int, int]] = []
    scan = RegionIndex.scan

    def spy(self: RegionIndex, tokens: list[Token], *args: Any, **kwargs: Any) -> list[Any]:
        found = scan(self, tokens, *args, **kwargs)
        scanned.append((len(tokens), len(found)))
        return found

    monkeypatch.setattr(RegionIndex, "scan", spy)
    res = regions.resolve(text[:5000])
    matches = regions.match(text[:5000], limit=3)
    assert len(scanned) == 2 and all(n <= MAX_TOKENS and found <= MAX_CANDIDATES for n, found in scanned)
    assert len(matches) <= 3
    assert len(res.options) <= MAX_OPTIONS


@pytest.mark.parametrize(("code", "label"), [
    ("52.03.02.2002", "Desa Sakra, Kec. Sakra, Kab. Lombok Timur, Nusa Tenggara Barat"),
    ("52.71.02.1011", "Kel. Pejanggik, Kec. Mataram, Kota Mataram, Nusa Tenggara Barat"),
    ("31.74", "Kota Adm. Jakarta Selatan, DKI Jakarta"),
    ("34", "DI Yogyakarta"),
    ("95.01.01", "Distrik Wamena, Kab. Jayawijaya, Papua Pegunungan"),
    ("00.00", "00.00"),  # unknown codes are echoed
])
def test_label(regions: RegionIndex, code: str, label: str) -> None:
    assert regions.label(code) == label


def test_lookup_helpers(regions: RegionIndex) -> None:
    assert regions.get("52.03").name == "Kabupaten Lombok Timur"
    assert regions.get("52.03").level == "regency" and regions.get("52.03").parent == "52"
    assert regions.get("nope") is None
    assert len(regions.children("52.03")) == 21
    assert [r.code for r in regions.ancestors("52.03.02.2002")] == ["52.03.02", "52.03", "52"]
    assert regions.chain("52.03.02") == ["52.03.02", "52.03", "52"]


def test_match_respects_limit_and_orders_by_score(regions: RegionIndex) -> None:
    matches = regions.match("sidomulyo", limit=4)
    assert len(matches) == 4
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_the_level_word_is_no_village_and_announces_a_regency_name() -> None:
    regions = RegionIndex.default()
    # 'kota' is also a kecamatan of Kediri, 'kabupaten' a kelurahan of Klaten: before a name they are
    # the level word, and the misspelt name after them is looked for among the regencies and cities
    assert regions.resolve("kota Guungsitoli").best.region.code == "12.78"
    assert regions.resolve("kab. Gunugkidul").best.region.code == "34.03"
    # typed after a street, in answer to "where?", an everyday word still names its regency
    assert regions.resolve("Jl. Merdeka No. 5, Batu Bara").best.region.code == "12.19"


def test_a_level_word_after_a_level_word_is_a_name() -> None:
    regions = RegionIndex.default()
    # Kediri has a kecamatan called Kota: 'kec. Kota' names it, it is no level word
    assert regions.resolve("desa Rejomulyo kec. Kota").best.region.code.startswith("35.71")
