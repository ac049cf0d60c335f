"""A git repository of the four positions approved by one new directive, for the directive tests."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from support.cli import run
from support.gitrepo import commit, init
from support.paths import REPO
from support.project import make_project

NUMBER = "1-1/54"
SAFE = "1-1-54"
DATE = "2026-06-01"
BY = "Sotsiaalkindlustusameti peadirektori"
# The annexes in the order the directive names them.
ANNEXES = (
    "ekspert-noustamismetoodikad",
    "projektijuht",
    "ekspert-kvaliteet-ja-seire",
    "teenuseomanik-taastav-oigus",
)


def directive_project(root: Path, annexes: tuple[str, ...] = ANNEXES) -> Path:
    """The repository's positions committed, then approved as the annexes of directive NUMBER
    (committed too, as in the pull request that carries the directive)."""
    make_project(root)
    shutil.copytree(REPO / "data", root / "data")
    init(root)
    commit(root, "Positions")
    files = [f"positions/{name}.yaml" for name in annexes]
    with contextlib.chdir(root):
        approved = run("approve", "--directive", NUMBER, "--date", DATE, "--by", BY, *files)
    assert approved.exit_code == 0, approved.stderr
    commit(root, f"Directive {NUMBER}", date="2026-06-01T10:00:00+00:00")
    return root
