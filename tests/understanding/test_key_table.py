"""The packed key table reads like the dict it replaces, also where two keys share a hash."""

from __future__ import annotations

from zlib import crc32

from hypothesis import given
from hypothesis import strategies as st

from bot.understanding.key_table import KeyTable
from bot.understanding.regions import DATA_DIR, RegionIndex

ids = st.one_of(st.integers(0, 2**31 - 1), st.lists(st.integers(0, 2**31 - 1), min_size=2, max_size=5).map(tuple))


@given(st.dictionaries(st.text(min_size=1, max_size=12), ids, max_size=60), st.lists(st.text(max_size=12)))
def test_every_key_and_every_other_word_reads_as_in_the_dict(mapping: dict[str, int | tuple[int, ...]],
                                                             others: list[str]) -> None:
    table = KeyTable.of(mapping)
    assert len(table) == len(mapping) and set(table) == set(mapping)
    for key, value in mapping.items():
        assert key in table and table[key] == value and table.get(key) == value
    for word in others:
        assert (word in table) == (word in mapping)
        assert table.get(word, "none") == mapping.get(word, "none")
    assert KeyTable.from_state(table.state()) == mapping


def test_keys_sharing_a_hash_are_told_apart_by_their_text() -> None:
    one, two = "yhcbdjwhj", "cfmwjcitz"
    assert crc32(one.encode()) == crc32(two.encode())
    table = KeyTable.of({one: 1, two: (2, 3)})
    assert (table.get(one), table.get(two)) == (1, (2, 3))
    assert KeyTable.of({one: 1}).get(two) is None


def test_the_region_index_holds_its_keys_packed_from_build_and_from_cache() -> None:
    built, cached = RegionIndex._build_from_dir(DATA_DIR), RegionIndex.from_dir(DATA_DIR)
    assert isinstance(built._keys, KeyTable) and isinstance(cached._keys, KeyTable)
    assert built._keys == cached._keys and len(built._keys) > 60_000
    assert built._scope_keys("52.03") == cached._scope_keys("52.03") and "rumbuk" in built._scope_keys("52.03")
