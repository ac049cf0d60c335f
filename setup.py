"""The one build step beyond pyproject.toml: the wheel carries copies of the repository's
schema/, templates/ and data/ (as ametid/shipped/), which `ametid init` gives a new agency.

Those folders at the top of the repository stay the one source; the copies are made only
when a wheel is built. An editable install reads the repository's own folders instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ("schema", "templates", "data")


class BuildWithShipped(build_py):
    """setuptools' build_py, then the shipped folders copied into the package."""

    def run(self) -> None:
        """Build the package, then copy the shipped folders beside its modules."""
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "ametid" / "shipped"
        for name in SHIPPED:
            shutil.copytree(ROOT / name, target / name, dirs_exist_ok=True)


# setuptools' work folder would otherwise be build/, where `ametid build` writes the documents.
setup(cmdclass={"build_py": BuildWithShipped}, options={"build": {"build_base": "dist/build"}})
