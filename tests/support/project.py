"""Scratch copies of the project, so tests never write into the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.paths import REPO, WRITTEN_OUT


def make_project(root: Path, *, positions: bool = True, library: bool = False) -> Path:
    """Copy the repository's project files and its positions (unless told not to) into root:
    the positions with their library texts written out, or, with `library`, as the repository
    keeps them, using the library of shared texts."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copytree(REPO / "templates", root / "templates")
    if positions and library:
        shutil.copytree(REPO / "library", root / "library")
        shutil.copytree(REPO / "positions", root / "positions")
    elif positions:
        shutil.copytree(WRITTEN_OUT, root / "positions")
    else:
        (root / "positions").mkdir()
    return root
