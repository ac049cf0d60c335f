"""Small git repositories of positions for the diff and review tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ametid.core.project import find_project
from ametid.history.diff import diff_revisions
from ametid.history.tracked import change_date, write_tracked
from support.project import make_project

BASE_DATE = "2025-05-20T10:00:00+00:00"
EDIT_DATE = "2026-04-14T10:00:00+00:00"


def git(root: Path, *args: str, date: str = BASE_DATE) -> str:
    """Run git in `root` with fixed identity and dates; return its output."""
    environment = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    completed = subprocess.run(
        ["git", *args], cwd=root, env=environment, capture_output=True, text=True, check=True
    )
    return completed.stdout


def init(root: Path) -> None:
    """Make `root` a git repository on branch main with a local identity."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.org")


def commit(root: Path, message: str, date: str = BASE_DATE) -> None:
    """Commit everything in `root`."""
    git(root, "add", "-A", date=date)
    git(root, "commit", "-q", "-m", message, date=date)


def replace(path: Path, old: str, new: str) -> None:
    """Replace one occurrence of a text in a file; fail if it is not there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def base_repository(root: Path) -> Path:
    """The four positions and a fifth, committed and tagged v2025; a typo in projektijuht."""
    make_project(root)
    positions = root / "positions"
    replace(
        positions / "projektijuht.yaml", "arendustegevuses. Vajaduse", "arendustegvuses. Vajaduse"
    )
    fifth = (positions / "ekspert-kvaliteet-ja-seire.yaml").read_text(encoding="utf-8")
    fifth = fifth.replace("title: Ekspert (kvaliteet ja seire)", "title: Vanemekspert (kvaliteet)")
    (positions / "vanemekspert-kvaliteet.yaml").write_text(fifth, encoding="utf-8")
    init(root)
    commit(root, "Positions as approved in 2025")
    git(root, "tag", "v2025")
    return root


PURPOSE_OLD = "nõustajate koolitamine ning juhendamine"
PURPOSE_NEW = "nõustajate koolitamine, juhendamine ning nende töö hindamine"
NEW_DUTY = (
    "  - task: Nõustajate e-kursuse väljatöötamine ja ajakohastamine.\n"
    "    results:\n"
    "      - E-kursus on valminud ja nõustajad on selle läbinud.\n"
)
THIRD_DUTY = "  - task: Nõustajate juhendmaterjalide ajakohastamine"
RESULT_OLD = "- Registrite juhendid on väljatöötatud ja need on ajakohased."
RESULT_NEW = "- Registrite juhendid on koostatud ning neid hoitakse ajakohasena."
RIGHT = "  - kasutada kõiki ameti esindusi töö tegemiseks;\n"


def edit(root: Path) -> None:
    """The annual review's edits, one scenario per position, in the working tree."""
    positions = root / "positions"
    methods = positions / "ekspert-noustamismetoodikad.yaml"
    replace(methods, PURPOSE_OLD, PURPOSE_NEW)
    replace(methods, THIRD_DUTY, NEW_DUTY + THIRD_DUTY)
    manager = positions / "projektijuht.yaml"
    replace(manager, "arendustegvuses. Vajaduse", "arendustegevuses. Vajaduse")
    replace(manager, RESULT_OLD, RESULT_NEW)
    quality = positions / "ekspert-kvaliteet-ja-seire.yaml"
    replace(quality, RIGHT, "")
    replace(
        quality,
        "  - vastu võtta otsuseid oma pädevuse piires.\n",
        "  - vastu võtta otsuseid oma pädevuse piires.\n" + RIGHT,
    )
    (positions / "teenuseomanik-taastav-oigus.yaml").rename(
        positions / "teenuseomanik-lepitus.yaml"
    )
    (positions / "vanemekspert-kvaliteet.yaml").unlink()


def edited_repository(root: Path) -> Path:
    """The base repository with the review's edits committed on main."""
    base_repository(root)
    edit(root)
    commit(root, "Annual review 2026", EDIT_DATE)
    return root


def write_redlines(root: Path, out: Path) -> Path:
    """Write into out the Word documents with tracked changes of root's positions since v2025."""
    project = find_project(root)
    result = diff_revisions(project, ["v2025"])
    date = change_date(result.new_time)
    write_tracked(result.positions, project.templates_dir, project.organisation, out, date)
    return out
