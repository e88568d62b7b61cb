"""The message catalogs cached beside the .po files (bot/core/i18n.py), so a start reads no .po and imports no Babel."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bot.core.i18n import LOCALES_DIR, Catalog, default_catalog

ROOT = Path(__file__).resolve().parents[2]


def _copy(tmp_path: Path) -> Path:
    directory = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, directory, ignore=shutil.ignore_patterns("__pycache__"))
    return directory


def _messages(catalog: Catalog) -> dict[str, dict[str, str]]:
    return {locale: {key: catalog.text(key, locale) for key in catalog.keys(locale)} for locale in catalog.locales}


def test_the_cached_catalog_is_the_one_read_from_the_po_files(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    first = Catalog.load(directory)
    assert [p.name.split("-")[0] for p in (directory / "__pycache__").iterdir()] == ["catalog"]
    cached = Catalog.load(directory)
    assert _messages(cached) == _messages(first) == _messages(Catalog.read(directory)) == _messages(default_catalog())
    assert cached.locales == first.locales == ("id", "en")


def test_an_edited_po_file_is_read_again_and_the_stale_cache_dropped(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    Catalog.load(directory)
    stale = list((directory / "__pycache__").iterdir())
    po = directory / "en" / "LC_MESSAGES" / "bot.po"
    text = po.read_text(encoding="utf-8")
    said = Catalog.read(directory).text("menu.main.prompt", "en")
    po.write_text(text.replace(f'msgstr "{said}"', 'msgstr "Changed."', 1), encoding="utf-8")
    assert Catalog.load(directory).text("menu.main.prompt", "en") == "Changed."
    assert not any(p.exists() for p in stale)


def test_a_po_file_moved_to_another_locale_is_another_cache(tmp_path: Path) -> None:
    """The same files with the same bytes in the same order, but under another locale: not the cached catalog."""
    directory = _copy(tmp_path)
    (directory / "de" / "LC_MESSAGES").mkdir(parents=True)
    extra = directory / "de" / "LC_MESSAGES" / "a.po"  # sorts just before en/LC_MESSAGES/admin.po, moved or not
    extra.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                     'msgid "extra.key"\nmsgstr "Extra"\n', encoding="utf-8")
    assert Catalog.load(directory).maybe("extra.key", "de") == "Extra"
    extra.rename(directory / "en" / "LC_MESSAGES" / "a.po")
    moved = Catalog.load(directory)
    assert moved.has("extra.key", "en") and not moved.has("extra.key", "de")


def test_a_damaged_cache_file_is_read_again(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    Catalog.load(directory)
    (cache,) = (directory / "__pycache__").iterdir()
    cache.write_bytes(b"\x00not marshal")
    assert _messages(Catalog.load(directory)) == _messages(default_catalog())
    assert Catalog.load(directory).locales == ("id", "en")


def test_a_process_on_the_warm_cache_imports_no_babel() -> None:
    default_catalog()  # the cache file written, as the Dockerfile does at build time
    script = ("import sys\n"
              "from bot.core.i18n import default_catalog\n"
              "print(default_catalog().text('menu.main.prompt', 'id') != '', 'babel' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.split() == ["True", "False"]
