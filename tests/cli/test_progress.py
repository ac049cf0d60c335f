"""Progress on long work: a bar on stderr when it is a terminal, nothing of it in a pipe."""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.gitrepo import edited_repository
from support.paths import DATA

RAW_SEEDS = DATA / "fixtures" / "raw-seeds"
# What a terminal is told beyond the text: hide and show the cursor.
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def ametid(cwd: Path, *args: str, terminal: bool) -> tuple[int, str]:
    """Run `ametid ARGS` with stderr on a pseudo-terminal or a pipe; its exit code and stderr."""
    return python(cwd, "-m", "ametid", *args, terminal=terminal)


def python(cwd: Path, *args: str, terminal: bool) -> tuple[int, str]:
    """Run Python with stderr on a pseudo-terminal or a pipe; its exit code and stderr."""
    command = [sys.executable, *args]
    # The labels of the bars are pinned in English, as the command tests pin their lines.
    environment = {**os.environ, "COLUMNS": "100", "TERM": "xterm", "AMETID_LANG": "en"}
    if not terminal:
        done = subprocess.run(
            command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
        )
        return done.returncode, done.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the command has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8")


def bars(stderr: str, label: str) -> list[str]:
    """The states a progress bar drew for `label`, as "n/N", in order."""
    states = []
    for part in ESCAPE.sub("", stderr).replace("\r\n", "\r").split("\r"):
        if label in part:
            states.append(part.split("]")[-1].split()[0])
    return states


def test_build_shows_each_format_on_a_terminal(project: Path) -> None:
    code, stderr = ametid(project, "build", terminal=True)
    assert code == 0
    for label in ("rendering Markdown pages", "rendering HTML pages", "rendering Word documents"):
        assert bars(stderr, label) == ["0/4", "1/4", "2/4", "3/4", "4/4"], stderr
    assert stderr.endswith(
        "built 4 positions into build/ (md, html, docx): 4 rendered, 0 unchanged\r\n"
    )


def test_build_prints_no_progress_into_a_pipe(project: Path) -> None:
    assert ametid(project, "build", terminal=False) == (
        0,
        "built 4 positions into build/ (md, html, docx): 4 rendered, 0 unchanged\n",
    )


def test_a_build_with_nothing_to_render_draws_no_bar(project: Path) -> None:
    ametid(project, "build", terminal=False)
    code, stderr = ametid(project, "build", terminal=True)
    assert (code, stderr) == (
        0,
        "built 4 positions into build/ (md, html, docx): 0 rendered, 4 unchanged\r\n",
    )


@pytest.fixture
def inbox(empty_project: Path) -> Path:
    folder = empty_project / "inbox"
    shutil.copytree(RAW_SEEDS, folder)
    return empty_project


def test_import_counts_files_on_a_terminal(inbox: Path) -> None:
    files = sorted(path.name for path in (inbox / "inbox").iterdir())
    code, stderr = ametid(
        inbox, "import", "--dry-run", *(f"inbox/{f}" for f in files), terminal=True
    )
    assert code == 0
    assert bars(stderr, "reading files") == ["0/4", "1/4", "2/4", "3/4", "4/4"]
    assert stderr.endswith("read 4 positions from 4 files\r\n")


def test_import_prints_no_progress_into_a_pipe(inbox: Path) -> None:
    files = sorted(path.name for path in (inbox / "inbox").iterdir())
    code, stderr = ametid(
        inbox, "import", "--dry-run", *(f"inbox/{f}" for f in files), terminal=False
    )
    summary = "1 position, {} fields filled, 0 lines left as comments, 0 placeholders\n"
    assert (code, stderr) == (
        0,
        f"inbox/ekspert-kvaliteet-ja-seire.txt: {summary.format(18)}"
        f"inbox/ekspert-noustamismetoodikad.txt: {summary.format(20)}"
        f"inbox/projektijuht.txt: {summary.format(20)}"
        f"inbox/teenuseomanik-taastav-oigus.txt: {summary.format(18)}"
        "read 4 positions from 4 files\n",
    )


def test_diff_counts_positions_on_a_terminal(tmp_path: Path) -> None:
    root = edited_repository(tmp_path / "repo")
    code, stderr = ametid(root, "diff", "v2025", terminal=True)
    assert code == 0
    assert bars(stderr, "reading positions at v2025")[-1] == "5/5"
    assert bars(stderr, "reading positions in the working tree")[-1] == "4/4"
    assert bars(stderr, "comparing positions")[-1] == "6/6"
    assert stderr.endswith(
        "compared v2025 with the working tree: 5 positions differ, 1 needs consent, "
        "1 changed since approval\r\n"
    )


def test_diff_prints_no_progress_into_a_pipe(tmp_path: Path) -> None:
    root = edited_repository(tmp_path / "repo")
    assert ametid(root, "diff", "v2025", terminal=False) == (
        0,
        "compared v2025 with the working tree: 5 positions differ, 1 needs consent, "
        "1 changed since approval\n",
    )


SLOW_WORK = """
import time
from ametid.cli.common import progress

def slow():
    # Click works out the time left once a second has passed.
    for number, seconds in enumerate((1.05, 0.05, 0.05)):
        time.sleep(seconds)
        yield number

assert list(progress().track(slow(), 3, "converting")) == [0, 1, 2]
"""


def test_the_bar_says_how_long_is_left(tmp_path: Path) -> None:
    code, stderr = python(tmp_path, "-c", SLOW_WORK, terminal=True)
    assert code == 0
    drawn = [ESCAPE.sub("", part) for part in stderr.split("\r") if "converting" in part]
    # Once an item has taken a while, the bar adds the time left as hh:mm:ss.
    assert any(re.search(r"[12]/3  00:00:0[0-9]$", line) for line in drawn), drawn
    assert drawn[-1].split()[-1] == "3/3"
