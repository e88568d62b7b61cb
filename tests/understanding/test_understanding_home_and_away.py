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
