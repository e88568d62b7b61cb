"""Flow definitions are checked before they run: structure, named functions, and words in every locale."""

from __future__ import annotations

import pytest

from bot.core.i18n import Catalog, default_catalog
from flows.engine import Engine
from flows.library import ALL_FLOWS, default_engine
from flows.schema import Flow, InvalidFlow, Step


def test_shipped_flows_have_every_word_in_every_locale() -> None:
    """No key missing in Indonesian or English."""
    assert default_engine().lint() == []


def test_locales_define_the_same_keys() -> None:
    """English translates every Indonesian message and invents none."""
    catalog = default_catalog()
    assert catalog.locales[0] == "id"
    for locale in catalog.locales[1:]:
        assert catalog.keys("id") - catalog.keys(locale) == set(), locale
        assert catalog.keys(locale) - catalog.keys("id") == set(), locale


@pytest.mark.parametrize(("steps", "problem"), [
    ((Step("a", "text", next="nowhere"), Step("z", "none")), "unknown next step"),
    ((Step("a", "text", next="z"), Step("b", "text", next="z"), Step("z", "none")), "unreachable"),
    ((Step("a", "text"),), "dead end"),
    ((Step("a", "choice", options=("x", "y"), next={"x": "b", "y": "z"}), Step("b", "text", next="b"),
      Step("z", "none")), "trap"),
    ((Step("a", "choice", options=("x", "y"), next={"x": "z"}), Step("z", "none")), "options without a next"),
])
def test_broken_flows_are_rejected(steps: tuple[Step, ...], problem: str) -> None:
    """Unknown next steps, unreachable steps, dead ends and traps never reach a citizen."""
    with pytest.raises(InvalidFlow, match=problem):
        Flow(id="broken", start="a", steps=steps)


def test_missing_prompt_key_is_reported() -> None:
    """A prompt with no text in some locale is caught by the lint."""
    extra = Flow(id="extra", start="ask", steps=(Step("ask", "text", next="done"), Step("done", "none")))
    engine = Engine((*ALL_FLOWS, extra), default_catalog())
    problems = engine.lint()
    assert "id: missing extra.ask.prompt" in problems
    assert "en: missing extra.done.prompt" in problems


def test_unknown_named_function_is_rejected() -> None:
    """A validator name that does not exist fails when the engine is built."""
    bad = Flow(id="bad", start="a", steps=(Step("a", "text", validate="no_such", next="z"), Step("z", "none")))
    with pytest.raises(InvalidFlow, match="unknown function"):
        Engine((*ALL_FLOWS, bad), default_catalog())


def test_missing_source_catalog_fails_loudly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Babel returns nothing for a missing catalog; we refuse to start instead."""
    (tmp_path / "en" / "LC_MESSAGES").mkdir(parents=True)
    with pytest.raises(RuntimeError, match="no id catalog"):
        Catalog.load(tmp_path)
