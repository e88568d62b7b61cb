"""The standard regional offices made when asked for answer as the same offices held in memory would."""

from __future__ import annotations

from bot.understanding.agencies import DATA_DIR, AgencyCatalog, read_agencies_csv
from bot.understanding.keywords import load_nomenclature


def test_offices_made_on_demand_are_the_ones_a_held_catalog_has() -> None:
    lazy = AgencyCatalog.default()
    nomenclature = list({k.kind: k for k in [*load_nomenclature(),
                                             *load_nomenclature(DATA_DIR / "protection.csv")]}.values())
    held = AgencyCatalog([*read_agencies_csv(DATA_DIR / "central.csv", nomenclature), *lazy._regional],
                         lazy.regions, nomenclature)
    assert list(lazy) == list(held) and len(lazy) == len(held) > 16_000
    for agency in held:
        assert lazy.get(agency.code) == agency
    for region in [None, "31", "31.71", "52", "52.03", "52.71", "11.71", "96.01"]:
        assert lazy.in_region(region) == held.in_region(region), region
    kinds = {a.kind for a in held if a.kind}
    for region in [None, "31", "31.71", "52", "52.03", "52.71", "52.03.02", "99"]:
        for kind in kinds:
            assert lazy._by_kind_region.get((kind, region)) == held._by_kind_region.held.get((kind, region))
            assert ((kind, region) in lazy._by_kind_region) == ((kind, region) in held._by_kind_region)
    assert lazy._regional_kinds == held._regional_kinds
    for code in ["52.03-nonsense", "99.99-dinkes", "52.03.02-dinkes", "kemen-pu-x", ""]:
        assert lazy.get(code) is None
    story = "air pdam mati 3 hari di kec. Sakra, lombok timur"
    assert [m.agency.code for m in lazy.suggest(story)] == [m.agency.code for m in held.suggest(story)]
