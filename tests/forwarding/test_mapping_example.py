"""The example central mapping speaks our category ids, and `laporbot config check` names dead mapping keys."""

from __future__ import annotations

from pathlib import Path

import yaml

import bot
from bot.cli.ops import problems
from bot.forwarding.central.mapping import load_mapping, parse_mapping, unmatched_keys
from bot.understanding.region_codes import all_codes
from flows.ports import DEFAULT_CATEGORIES

EXAMPLE = Path(bot.__file__).parent / "data" / "central_mapping.example.yaml"


def test_every_example_key_is_a_real_category_and_every_category_is_mapped() -> None:
    """No `jalan_rusak`/`sampah`: each key is a shipped category id, and none falls through to the default."""
    example = load_mapping(EXAMPLE)
    assert set(example.categories) <= set(DEFAULT_CATEGORIES)
    for code in DEFAULT_CATEGORIES:
        target = example.categories[code]
        assert target.lapor_id is not None and target.open311_code, code
    default = example.lapor.default_category_id if example.lapor else None
    assert all(example.lapor_category(c) != default for c in DEFAULT_CATEGORIES if c != "lainnya")
    assert unmatched_keys(example, DEFAULT_CATEGORIES, all_codes()) == []


def test_unmatched_keys_are_named() -> None:
    """Categories, classifications and region codes that match nothing of ours."""
    mapping = parse_mapping({"classifications": {"pengaduan": 1, "keluhan": 9},
                             "categories": {"jalan_rusak": 436, "infrastruktur": 436},
                             "regions": {"52.03": 1, "52.99": 2, "32.73.01.1001": 3}})
    found = unmatched_keys(mapping, DEFAULT_CATEGORIES, all_codes())
    assert [line.split(":")[0] for line in found] == ["categories.jalan_rusak", "classifications.keluhan",
                                                      "regions.52.99"]


def test_config_check_reports_mapping_keys_that_match_nothing(tmp_path: Path) -> None:
    """The old example's keys are reported by config check, one line each; the shipped example is clean."""
    old = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    old["categories"] = {"jalan_rusak": 436, "sampah": 437, "lainnya": 436}
    path = tmp_path / "mapping.yaml"
    path.write_text(yaml.safe_dump(old), encoding="utf-8")
    found = [p for p in problems({"LAPORBOT_CENTRAL_MAPPING": str(path)}) if "no such" in p]
    assert len(found) == 2 and "categories.jalan_rusak" in found[0] and "categories.sampah" in found[1]
    assert not [p for p in problems({"LAPORBOT_CENTRAL_MAPPING": str(EXAMPLE)}) if "no such" in p]
    custom = [p for p in problems({"LAPORBOT_CENTRAL_MAPPING": str(EXAMPLE), "LAPORBOT_CATEGORIES": "lainnya"})
              if "no such" in p]
    assert len(custom) == 12, "with LAPORBOT_CATEGORIES=lainnya the other twelve match nothing"
