"""The build steps beyond pyproject.toml: the message catalogues compiled, and the repository's
schema/, templates/ and data/ copied into the wheel (as ametid/shipped/), which `ametid init`
gives a new agency.

The catalogues (src/ametid/locale/*/LC_MESSAGES/*.po) are compiled with Babel beside their .po
files, for a wheel and for an editable install alike; the compiled files are not kept in git.
The shipped folders at the top of the repository stay the one source; the copies are made only
when a wheel is built. An editable install reads the repository's own folders instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
LOCALE = ROOT / "src" / "ametid" / "locale"
SHIPPED = ("schema", "templates", "data")


def compile_catalogues() -> None:
    """Compile every .po file of the package into the .mo file gettext reads."""
    for source in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        with source.open("rb") as handle:
            catalog = read_po(handle, locale=source.parents[1].name)
        with source.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)


class BuildWithShipped(build_py):  # type: ignore[misc]
    """setuptools' build_py, with the catalogues compiled first and, for a wheel, the shipped
    folders copied beside the package's modules."""

    def run(self) -> None:
        """Compile the catalogues, build the package, then copy the shipped folders."""
        compile_catalogues()
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "ametid" / "shipped"
        for name in SHIPPED:
            shutil.copytree(ROOT / name, target / name, dirs_exist_ok=True)


# setuptools' work folder would otherwise be build/, where `ametid build` writes the documents.
setup(cmdclass={"build_py": BuildWithShipped}, options={"build": {"build_base": "dist/build"}})
