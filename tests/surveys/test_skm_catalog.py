"""The SKM catalogs: id and en hold the same keys, every key the code uses, and chat-sized labels."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.core.i18n import LOCALES_DIR, Catalog
from bot.surveys import ikm
from bot.surveys.ikm import GRADES
from flows import skm

LOCALES = ("id", "en")
SOURCES = sorted([*(Path(ikm.__file__).parent).glob("*.py"), Path(skm.__file__)])  # bot/surveys/ and flows/skm.py
_LITERAL_KEY = re.compile(r"""["'](skm\.[a-z0-9_.]+[a-z0-9_])["']""")


def _entries(locale: str) -> dict[str, tuple[str, bool]]:
    with (LOCALES_DIR / locale / "LC_MESSAGES" / "skm.po").open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    return {str(m.id): (str(m.string), m.fuzzy) for m in catalog if m.id}


@pytest.fixture(scope="module")
def entries() -> dict[str, dict[str, tuple[str, bool]]]:
    return {locale: _entries(locale) for locale in LOCALES}


@pytest.fixture(scope="module")
def texts(entries) -> dict[str, dict[str, str]]:
    return {locale: {k: v for k, (v, _) in e.items()} for locale, e in entries.items()}


def _used_keys() -> set[str]:
    keys = skm.all_keys() | {g.label_key for g in GRADES}
    for source in SOURCES:
        keys |= set(_LITERAL_KEY.findall(source.read_text(encoding="utf-8")))
    return keys


def test_id_and_en_have_the_same_keys(entries) -> None:
    assert set(entries["id"]) == set(entries["en"])


def test_every_entry_is_translated_and_not_fuzzy(entries) -> None:
    for locale, table in entries.items():
        for key, (text, fuzzy) in table.items():
            assert text.strip(), f"{locale}: {key} is empty"
            assert not fuzzy, f"{locale}: {key} is fuzzy"


def test_every_used_key_exists_and_none_is_unused(texts) -> None:
    used = _used_keys()
    for locale in LOCALES:
        assert sorted(used - set(texts[locale])) == [], f"{locale} lacks keys"
    assert sorted(set(texts["id"]) - used) == [], "keys no code refers to"


def test_fields_match_between_locales(texts) -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, source in texts["id"].items():
        assert fields(source) == fields(texts["en"][key]), key


def test_option_labels_fit_chat_buttons(texts) -> None:
    for locale in LOCALES:
        for item in skm.UNSUR:
            for score in skm.SCORES:
                label = texts[locale][item.option_key(score)]
                short = item.short_key(score)
                if len(label) > skm.SHORT_LIMIT:
                    assert short, f"{locale}: {item.option_key(score)} needs a .short label"
                if short:
                    assert len(texts[locale][short]) <= skm.SHORT_LIMIT, f"{locale}: {short}"
        for question in skm.PROFILE:
            for option in question.choices:
                label = texts[locale][question.option_key(option)]
                assert len(label) <= skm.SHORT_LIMIT, f"{locale}: {question.option_key(option)}"


def test_prompts_are_at_most_two_sentences(texts) -> None:
    for locale in LOCALES:
        for key, text in texts[locale].items():
            if key.endswith((".prompt", ".simple", ".invalid")):
                sentences = [s for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s]
                assert len(sentences) <= 2, f"{locale}: {key}"


def test_official_wording_in_indonesian(texts) -> None:
    # domain.md §4.1, word for word
    assert texts["id"]["skm.u1.prompt"] == (
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"
    )
    assert texts["id"]["skm.u9.prompt"] == (
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"
    )
    u4 = [texts["id"][f"skm.u4.opt.{s}"] for s in skm.SCORES]
    assert u4 == ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]
    assert [texts["id"][f"skm.u8.opt.{s}"] for s in skm.SCORES] == ["Buruk", "Cukup", "Baik", "Sangat Baik"]
    assert texts["id"]["skm.u8.name"] == "Sarana dan Prasarana"
    assert [texts["id"][g.label_key] for g in GRADES] == ["Sangat baik", "Baik", "Kurang baik", "Tidak baik"]


def test_loaded_catalog_renders_fields_and_options() -> None:
    catalog = Catalog.load()
    assert "Puskesmas Sukamaju" in catalog.text(skm.INTRO_KEY, "id", unit="Puskesmas Sukamaju")
    assert "2025" in catalog.text(skm.ALREADY_ANSWERED_KEY, "en", period="2025")
    options = skm.unsur_options(skm.unsur("u9"), "id", catalog)
    assert [o.id for o in options] == ["1", "2", "3", "4"]
    assert options[1].label == "Ada tetapi tidak berfungsi" and options[1].short == "Ada, tak berfungsi"
    assert options[3].short is None
    gender = skm.profile_options(skm.GENDER, "en", catalog)
    assert [(o.id, o.label) for o in gender] == [("l", "Male"), ("p", "Female"), ("skip", "Skip")]
    assert [o.id for o in skm.profile_options(skm.SERVICE, "id", catalog)] == ["skip"]


def test_unsur_order_follows_the_questionnaire() -> None:
    # q8 is sarana (regulation letter i), q9 complaint handling (letter h)
    assert skm.UNSUR_IDS == ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")
    assert skm.unsur("u8").letter == "i" and skm.unsur("u9").letter == "h"
