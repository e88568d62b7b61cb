"""Where the story is (round 92, tuner B): everyday words the region tables hold as a desa or kecamatan are no place
in a sentence ('murid anyar', 'makin luas', 'jembatan beton', 'kawan2nya', 'maki-maki', 'petani brambang', Minang
'kama', Banjar 'kada kawa'), while the places so named still read with their own cue; a hospital, school, market or
office of the same kind named to compare with ('kenapa ga kaya rsud di kota X') is not where the trouble is."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog


@pytest.mark.parametrize(
    "story",
    [
        # class: everyday words read as places (tuning: blind90 'narik uang ... ka murid anyar' offered Kec. Anyar of
        # Serang; blind57 'tambang ... makin luas' read Kec. Luas of Kaur; blind83 'Jembatan beton' offered Desa
        # Beton of Ponorogo and Gresik; blind56 'dibully ... kawan2nya' Desa Kawan of Bangli; blind83 'dimaki-maki'
        # Desa Maki; blind73 'petani brambang' Desa Brambang; blind86 Minang 'Dinas kebersihan kama?' Desa Kama of
        # Nabire and Jayawijaya; blind79 Banjar 'kada kawa' Desa Kawa)
        "seragam murid anyar kudu tuku ning sekolah",
        "tiap tahun murid anyar ditarik uang gedung",
        "galian tanah makin luas, longsor ke rumah warga",
        "luas tanah di sertifikat kurang dari aslinya",
        "jembatan beton di kampung kami retak",
        "anak sy diejek terus sama kawan2nya di sekolah",
        "juru parkir di pasar marah2 dan maki warga",
        "juru parkir maki-maki warga yang tidak bayar",
        "petani brambang nang deso rugi, pupuk langka",
        "sampah di pasa alah saminggu indak diangkuik, dinas kebersihan kama?",
        "abah kada kawa bejalan, handak ulah KTP kada kawa",
        # (edge cases of the same family that read no place on the start code either: Minang 'dima', 'bilo',
        # 'lai', 'beko', and 'patroli', no slip for Kec. Patrol of Indramayu)
        "dima lai kami ka mangadu, jalan rusak indak diperbaiki",
        "bilo lai ka diperbaiki lampu jalan ko?",
        "beko kami lapor ka wali nagari",
        "tolong pak polisi rajin patroli di gang kami",
    ],
)
def test_everyday_words_are_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()


@pytest.mark.parametrize(
    ("story", "place"),
    [
        # the places so named still read (these pass on the start code too): a name of several words holding the
        # word, a level word before it, a market named for it with its kota
        ("air PDAM di Karang Anyar mati tiga hari", "33.13"),
        ("jalan di kec. luas kaur rusak parah", "17.04.10"),
        ("sampah numpuk di pasar anyar tangerang", "36.71"),
    ],
)
def test_places_so_named_still_read(catalog: AgencyCatalog, story: str, place: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0] == place


@pytest.mark.parametrize(
    ("story", "regency", "compared"),
    [
        # class: a facility of the same kind elsewhere named to compare with (tuning: blind43 'rsud singaparna ...
        # kenapa ga kaya rsud di kota tasik' read Kota Tasikmalaya first)
        ("pelayanan rsud ciamis lambat pisan, kenapa ga kaya rsud di kota banjar yang cepat", "32.07", "32.79"),
        ("puskesmas Leuwisari tutup jam 11, kayak puskesmas di kota tasik dong buka sampai sore", "32.06", "32.78"),
    ],
)
def test_facility_compared_with_is_not_the_place(catalog: AgencyCatalog, story: str, regency: str,
                                                 compared: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)
    assert not any(p.startswith(compared) for p in places)
