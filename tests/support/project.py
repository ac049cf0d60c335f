"""Scratch copies of the project, so tests never write into the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.paths import REPO


def make_project(root: Path, *, positions: bool = True) -> Path:
    """Copy the repository's project files (and its positions, unless told not to) into root."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copytree(REPO / "templates", root / "templates")
    if positions:
        shutil.copytree(REPO / "positions", root / "positions")
    else:
        (root / "positions").mkdir()
    return root
