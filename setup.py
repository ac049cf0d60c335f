"""Compiles the message catalogues (.po to .mo, with Babel) whenever the package is built.

Everything else about the package is in pyproject.toml. The compiled catalogues are not kept in
git: a wheel gets them here, and so does an editable install (`pip install -e .`), which leaves
them beside their .po files in src/ametid/locale/.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "src" / "ametid" / "locale"


class BuildWithCatalogues(build_py):  # type: ignore[misc]
    """build_py that first compiles every src/ametid/locale/*/LC_MESSAGES/*.po."""

    def run(self) -> None:
        for source in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
            with source.open("rb") as handle:
                catalog = read_po(handle, locale=source.parents[1].name)
            with source.with_suffix(".mo").open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogues})
