"""Build hook: the gettext catalogs in locales/ travel inside the wheel as bot/locales/ (the rest is in pyproject.toml).

They are shipped as .po files, which bot/core/i18n.py reads with Babel at start: no compile step that could be skipped.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithLocales(build_py):
    """build_py, then locales/<lang>/LC_MESSAGES/*.po copied to bot/locales/ in the build."""

    def run(self) -> None:
        """Build the packages, then add the catalogs beside them."""
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads locales/ in the checkout itself
        target = Path(self.build_lib) / "bot" / "locales"
        for po in sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po")):
            dest = target / po.relative_to(ROOT / "locales")
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(po, dest)


setup(cmdclass={"build_py": BuildWithLocales})
