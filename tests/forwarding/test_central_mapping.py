"""Mapping file loading, validation errors and lookups."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import bot
from bot.forwarding.central import MappingError, MappingFileError, load_mapping, parse_mapping
from bot.forwarding.central.mapping import CategoryTarget, CentralMapping

EXAMPLE = Path(bot.__file__).parent / "data" / "central_mapping.example.yaml"

MINIMAL = {
    "lapor": {"user_id": 1, "channel_id": 13},
    "classifications": {"pengaduan": 6},
}


@pytest.fixture
def example() -> CentralMapping:
    """The shipped example."""
    return load_mapping(EXAMPLE)


def test_example_file_loads(example: CentralMapping) -> None:
    """The example parses and carries every section."""
    assert example.lapor is not None and example.lapor.user_id == 5218120
    assert example.lapor.tags_raw == "#laporbot"
    assert example.classifications == {"pengaduan": 1, "aspirasi": 2, "informasi": 3}
    assert example.categories["infrastruktur"] == CategoryTarget(436, "infrastruktur", "Jalan, jembatan, bangunan")
    assert example.regions["32.73"] == 3273
    assert example.open311.reference_attribute == "reference"
    assert example.open311.supports_reference_lookup is False


def test_lookups(example: CentralMapping) -> None:
    """Each lookup returns the mapped id, a parent region, an override or a default."""
    assert example.lapor_classification("aspirasi") == 2
    assert example.lapor_category("lingkungan") == 437
    assert example.lapor_category(None) == 435
    assert example.lapor_category("belum_ada") == 435  # default
    assert example.lapor_disposition("pemkot_bandung") == 151345
    assert example.lapor_disposition(None) is None
    assert example.lapor_location("32.73.01.1001") == 3273
    assert example.lapor_location("32.04") == 32
    assert example.lapor_location("99") is None
    assert example.lapor_location(None) is None
    assert example.lapor_channel("whatsapp") == 13
    assert example.lapor_channel("terminal") == 13
    assert example.open311_service_code("lingkungan") == "lingkungan"
    assert example.open311_service_code(None) == "lainnya"


def test_unmapped_codes_raise_mapping_error() -> None:
    """Without defaults, unknown codes are permanent errors naming the code."""
    mapping = parse_mapping(MINIMAL)
    with pytest.raises(MappingError, match="informasi"):
        mapping.lapor_classification("informasi")
    with pytest.raises(MappingError, match="jalan_rusak"):
        mapping.lapor_category("jalan_rusak")
    with pytest.raises(MappingError, match="dinas_x"):
        mapping.lapor_disposition("dinas_x")
    with pytest.raises(MappingError, match="service_code"):
        mapping.open311_service_code("jalan_rusak")
    assert mapping.lapor_category(None) is None


def test_open311_only_mapping() -> None:
    """A file without a lapor section is valid for Open311 but not for LAPOR! channels."""
    mapping = parse_mapping({"open311": {"default_service_code": 1}, "categories": {"a": {"open311": "A"}}})
    assert mapping.lapor is None
    assert mapping.open311_service_code("a") == "A"
    assert mapping.open311_service_code("b") == "1"
    with pytest.raises(MappingError):
        mapping.lapor_channel("telegram")


def test_category_shorthand_and_int_keys() -> None:
    """`code: 436` means a LAPOR! id; integer region keys become text."""
    mapping = parse_mapping({**MINIMAL, "categories": {"jalan": 436}, "regions": {31: 31}})
    assert mapping.categories["jalan"] == CategoryTarget(lapor_id=436)
    assert mapping.lapor_location("31.71") == 31


def test_empty_file_is_an_empty_mapping(tmp_path: Path) -> None:
    """An empty file loads (every lookup then fails loudly)."""
    path = tmp_path / "m.yaml"
    path.write_text("")
    mapping = load_mapping(path)
    assert mapping.lapor is None and mapping.classifications == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], r"\(top level\): expected a mapping"),
        ({"catgories": {}}, r"unknown key\(s\) catgories"),
        ({"lapor": {"channel_id": 1}}, r"lapor\.user_id: is required"),
        ({"lapor": {"user_id": 1, "channel_id": 1, "is_inbox": "ya"}}, r"lapor\.is_inbox: expected true"),
        ({"lapor": {"user_id": 1, "channel_id": 1, "tag": "x"}}, r"lapor: unknown key\(s\) tag"),
        ({"classifications": {"pengaduan": True}}, r"classifications\.pengaduan: expected a numeric id"),
        ({"classifications": {"pengaduan": " "}}, r"classifications\.pengaduan"),
        ({"classifications": ["pengaduan"]}, r"classifications: expected a mapping"),
        ({"regions": {31.10: 3110}}, r"regions\.31\.1: quote this code"),
        ({"categories": {"a": {"lapor": 1, "open": "A"}}}, r"categories\.a: unknown key\(s\) open"),
        ({"categories": {"a": {"open311": ["A"]}}}, r"categories\.a\.open311: expected text"),
        ({"open311": {"supports_reference_lookup": "no"}}, r"open311\.supports_reference_lookup"),
    ],
)
def test_invalid_shapes_name_the_place(data: object, message: str) -> None:
    """Every validation error names the file and the dotted key."""
    with pytest.raises(MappingFileError, match=message) as caught:
        parse_mapping(data, source="m.yaml")
    assert str(caught.value).startswith("m.yaml: ")


def test_missing_file(tmp_path: Path) -> None:
    """A missing file is a MappingFileError naming the path."""
    with pytest.raises(MappingFileError, match=r"nope\.yaml: cannot read"):
        load_mapping(tmp_path / "nope.yaml")


def test_invalid_yaml_reports_line(tmp_path: Path) -> None:
    """Broken YAML reports the line."""
    path = tmp_path / "bad.yaml"
    path.write_text("lapor:\n  user_id: 1\n  channel_id: [1\n")
    with pytest.raises(MappingFileError, match=r"bad\.yaml: line \d+ invalid YAML"):
        load_mapping(path)


def test_example_round_trips_through_yaml(example: CentralMapping) -> None:
    """The example is plain YAML data (no tags), so tools can rewrite it."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert parse_mapping(data) == example
