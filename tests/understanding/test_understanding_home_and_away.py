"""Where the teller lives, comes from or has family, and where the problem is (blind16's tuning; fresh stories)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(("story", "regency"), [
    # a kabupaten's own name is that kabupaten, not the same-named kecamatan of the one where the teller lives
    # (Kec. Subang lies in Kuningan; Sundanese 'bumi' is home)
    ("Abdi tani di Subang, tapi bumi di Kuningan. Pupuk bersubsidi di Subang hese pisan.", ("32.13",)),
    # 'rumah di X' is the teller's home when the problem is named elsewhere
    ("saya pedagang di Karawang tapi rumah di Sukabumi, pasar di Karawang becek dan bau", ("32.15",)),
    # Javanese krama 'ten' is 'di', 'nanging' (but) no slip for Nanggung, 'griya' (home) the teller's
    ("Kulo dodolan ten Wonosobo, nanging griya ten Banjarnegara. Pasar ten Wonosobo kumuh, sampah mboten diangkut.",
     ("33.07",)),
    ("Kulo tani ten Karanganyar, nanging griya ten Wonosobo. Irigasi ten Karanganyar buntu.", ("33.13",)),
    ("Kulo tani ten Pekalongan, nanging griya ten Purbalingga. Irigasi ten Pekalongan buntu.", ("33.26", "33.75")),
    # Balinese 'saking' is 'dari' (where the teller came from) and 'ring' is 'di'
    ("Titiang saking Buleleng, meme ring Jembrana. Wenten banjir ring desa, umah meme rusak.", ("51.01",)),
    ("Titiang saking Tabanan, kulawarga ring Bangli. Jalan ring desa jebol.", ("51.06",)),
    # the town whose square it is outranks where the teller works or lives
    ("saya kerja di Kota Cirebon dan tinggal di Kabupaten Kuningan. trotoar dekat alun-alun Cirebon rusak parah",
     ("32.74",)),
])
def test_the_problem_place_outranks_the_tellers_home(catalog: AgencyCatalog, story: str,
                                                     regency: tuple[str, ...]) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    # 'sy di solo' opens a clause: the teller's place, not the mother's kecamatan Baturetno (Wonogiri)
    ("ibu sy tinggal di wonogiri, sy di solo. puskesmas dekat rumah ibu di baturetno gak ada dokter tiap sabtu",
     "33.12"),
    # 'di desa sudah 4 bln' is no desa Sudah, and 'lamongan' no desa Lamongan of Purbalingga
    ("assalamualaikum, saya di surabaya, orang tua di lamongan, bantuan PKH ortu saya di desa sudah 4 bln tdk cair",
     "35.24"),
    # a trip's end is where it happened: Pamijahan (Bogor), not Cianjur the pilgrims came from
    ("kami dari cianjur mau ziarah ke pamijahan, jalan masuk ke makam rusak parah pdhl banyak peziarah", "32.01"),
    # Sundanese 'ti' (dari) and 'damel di' (works at): Cileunyi (Kabupaten Bandung), not Sumedang
    ("abdi ti Sumedang, damel di Jatinangor, jalan di Cileunyi macet parah unggal isuk", "32.04"),
    # 'rumah saya di bekasi' is home; the bus terminal Pulo Gebang is Jakarta Timur's
    ("rumah saya di bekasi, tp kerja di jakarta timur. terminal pulo gebang banyak pungli calo", "31.75"),
])
def test_where_the_teller_is_yields_to_where_it_happened(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    # 'kebun kentang saya di X' is the teller's field, where the problem is: no teller's home
    ("Saya tinggal di Kota Jambi tapi kebun sawit saya di Kumpeh, jalan produksi ke kebun rusak berat", "15.05"),
    # 'ka sumur ti cigeulis': the road from Cigeulis to Sumur (both Pandeglang), 'ti' no one's origin
    ("jalan ka sumur ti cigeulis ruksak, teu aya perbaikan ti baheula", "36.01"),
])
def test_what_the_teller_owns_and_a_roads_ends_stay_the_place(catalog: AgencyCatalog, story: str,
                                                              regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_level_word_used_as_an_adjective_names_no_place(catalog: AgencyCatalog) -> None:
    """'jalan desa dari Ngrampal' is a village road from Ngrampal, not the desa called Dari (Sragen); 'desa dari' typed
    alone in answer to "where?" still names it."""
    regions = catalog.regions
    assert any(m.region.name == "Dari" for m in regions.match("desa dari"))
    found = regions.match("jalan desa dari Ngrampal ke arah Sambirejo rusak parah", limit=20)
    assert found and not any(m.region.name == "Dari" for m in found)


def test_a_shared_name_typed_alone_still_offers_each_place(catalog: AgencyCatalog) -> None:
    """Only a kabupaten named apart from its same-named kecamatan turns the name to the other kabupaten: "Depok"
    alone still offers Kota Depok and the kecamatan Depok of Sleman (and of Cirebon)."""
    found = catalog.regions.resolve("Depok")
    assert found.best is None and {"32.76", "34.04.07"} <= {o.region.code for o in found.options}


@pytest.mark.parametrize(("text", "code"), [
    ("Temanggung, Magelang", "33.08.13.2007"),  # the desa Temanggung of Magelang, as an address
    ("jalan rusak di Subang, Kuningan", "32.08.03"),  # Kec. Subang of Kuningan
])
def test_a_kabupatens_name_followed_by_its_holder_is_an_address(catalog: AgencyCatalog, text: str,
                                                                  code: str) -> None:
    found = catalog.regions.resolve(text)
    assert found.best is not None and found.best.region.code == code
