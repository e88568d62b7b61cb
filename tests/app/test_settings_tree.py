"""One settings tree: only the composition root and the settings modules read the raw environment.

Every other module of bot/, handlers/, flows/ and models/ gets its typed section (bot/sections.py) from
bot/wiring.py's `read_sections`, through `Core.section` or a constructor argument. Checked on the syntax tree, so
that an unrelated `.extra` (flows/engine.py's `result.extra`, logging's `extra=`) is not mistaken for a read.
"""

from __future__ import annotations

import ast
from pathlib import Path

from bot.sections import SECTIONS
from bot.settings import Settings
from bot.wiring import read_sections

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "flows", "models")
# Where the environment may be read, and why.
ALLOWED = (
    "bot/settings.py",  # Settings.from_env reads it and keeps the raw LAPORBOT_*/WHATSAPP_* part as `extra`
    "bot/sections.py",  # `problems(env)`: every section's mistakes at once, for `laporbot config check`
    "bot/config/",  # the one reader every section is declared with
    "bot/wiring.py",  # the composition root: `read_sections` reads every section once
    "bot/cli/",  # entry points: they read the environment to build the Settings (and `config check` its problems)
)
# `.extra` attributes that are not Settings.extra, by file: the expression the attribute is read from.
UNRELATED_EXTRA = {
    "flows/engine.py": {"result"},  # result.extra: a step's extra answers
}


def _offences(path: Path, relative: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            base = ast.unparse(node.value)
            if node.attr in ("environ", "environb", "getenv") and base == "os":
                found.append((node.lineno, f"os.{node.attr}"))
            elif node.attr == "extra" and base not in UNRELATED_EXTRA.get(relative, set()):
                found.append((node.lineno, f"{base}.extra"))
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            for alias in node.names:
                if alias.name in ("environ", "environb", "getenv"):
                    found.append((node.lineno, f"from os import {alias.name}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" \
                and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and node.args[1].value == "extra":
            found.append((node.lineno, "getattr(..., 'extra')"))
    return [f"{relative}:{line}: {what}" for line, what in sorted(found)]


def test_only_the_composition_root_reads_the_environment() -> None:
    """No os.environ, os.getenv or Settings.extra outside the allowlist: features receive their typed section."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if not relative.startswith(ALLOWED):
                found += _offences(path, relative)
    assert found == [], "read the section from Core.section / a constructor argument instead:\n" + "\n".join(found)


def test_the_composition_root_reads_every_section() -> None:
    """read_sections reads each section of bot/sections.py once, with its problems, for Core.section."""
    sections = read_sections(Settings(extra={"LAPORBOT_RATE_LIMIT_PER_MINUTE": "lots"}))
    assert list(sections) == list(SECTIONS)
    assert all(isinstance(found, kind) for kind, (found, _) in sections.items())
    assert [kind.__name__ for kind, (_, problems) in sections.items() if problems] == ["OpsSettings"]


def test_the_check_sees_what_it_looks_for(tmp_path: Path) -> None:
    """The checker itself: each kind of raw read is found, unrelated `.extra` and logging keywords are not."""
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom os import getenv\nos.environ.get('A')\nos.getenv('B')\n"
                      "core.settings.extra['C']\nlog.info('x', extra={'k': 1})\nresult.extra\n"
                      "getattr(settings, 'extra')\n", encoding="utf-8")
    assert [line.split(": ", 1)[1] for line in _offences(sample, "flows/engine.py")] == [
        "from os import getenv", "os.environ", "os.getenv", "core.settings.extra", "getattr(..., 'extra')"]
