"""Every tests/transcripts/*.chat conversation, run through the real engine, flows, words and storage."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests import transcripts
from tests.harness import ChatHarness

FILES = sorted((Path(__file__).parent / "transcripts").glob("*.chat"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
async def test_transcript(path: Path, harness: ChatHarness, request: pytest.FixtureRequest) -> None:
    """The bot says exactly what the transcript says it says."""
    actual = await transcripts.run(path, harness)
    expected = path.read_text(encoding="utf-8")
    if actual != expected and request.config.getoption("--update-transcripts"):
        path.write_text(actual, encoding="utf-8")
        return
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected", "actual"))
    assert actual == expected, f"{path.name} differs:\n{diff}"
