"""A wheel carries the compiled message catalogues: building the package compiles the .po files
with Babel (setup.py), and the installed package reads them with gettext."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from support.paths import REPO

CATALOGUE = "ametid/locale/et/LC_MESSAGES/ametid.mo"


def test_the_wheel_holds_the_estonian_catalogue(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(REPO / name, source / name)
    # The package as git has it: .po files, no compiled catalogue.
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("*.mo", "*.pyc"))
    assert not list((source / "src").rglob("*.mo"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", "dist", "."],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [wheel] = (source / "dist").glob("ametid-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        compiled = archive.read(CATALOGUE)
    estonian = gettext.GNUTranslations(io.BytesIO(compiled))
    assert estonian.gettext("no problems") == "probleeme ei ole"
    assert estonian.ngettext("{count} file", "{count} files", 2) == "{count} faili"
