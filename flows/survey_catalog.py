"""The catalog the engine runs with: the .po files, plus words the survey flows borrow or bring.

- skm_menu.* is a copy of skm.*: both flows ask the same questionnaire and the engine looks words
  up by flow id (`<flow>.<step>.<part>`). Keys skm_menu defines itself (ask_unit, pick_unit) win.
- An agency survey declared as data brings its own words (inline translations) or names existing
  keys; flows/custom_survey.py turns both into plain entries merged here.
The result is an ordinary Catalog: the lint test checks it like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.core.i18n import Catalog

ALIASES: dict[str, str] = {"skm_menu": "skm"}  # flow id -> flow id whose words it reuses


def entries(catalog: Catalog) -> dict[str, dict[str, str]]:
    """Every raw (unformatted) message of a catalog, per locale."""
    return {loc: {key: catalog.text(key, loc) for key in catalog.keys(loc)} for loc in catalog.locales}


def survey_catalog(base: Catalog, extra: Iterable[Mapping[str, Mapping[str, str]]] = ()) -> Catalog:
    """The base catalog with the survey aliases and extra entries (locale -> key -> text) merged in."""
    messages = entries(base)
    for additions in extra:
        for locale, table in additions.items():
            messages.setdefault(locale, {}).update(table)
    for table in messages.values():
        for alias, source in ALIASES.items():
            prefix = f"{source}."
            for key, text in list(table.items()):
                if key.startswith(prefix):
                    table.setdefault(f"{alias}.{key[len(prefix):]}", text)
    return Catalog(messages)
