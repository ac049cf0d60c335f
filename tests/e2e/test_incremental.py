"""Incremental, interrupted and concurrent builds: the output is always one complete build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ametid.build import build
from ametid.core.project import find_project
from ametid.render import word as word_module
from support.cli import run
from support.documents import tree
from support.ooxml import assert_valid_docx


def clean_build(project: Path) -> dict[str, str]:
    """What a build from nothing gives for the project as it is now."""
    out = project.parent / "clean"
    shutil.rmtree(out, ignore_errors=True)
    result = build(find_project(project), ("md", "html", "docx"), out)
    assert result.problems == []
    return tree(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def become_division_head(path: Path) -> None:
    edit(path, "title: Projektijuht", "title: Talituse juhataja")
    edit(
        path,
        "unit: [Ohvriabi ja ennetusteenuste osakond, arendustalitus, tugitiim]",
        "unit: [Ohvriabi osakond, piirkondliku ohvriabi talitus]",
    )
    edit(path, "substitutes: [Tugitiimi tiimijuht]\n", "")
    edit(path, "substituted_by: [Tugitiimi tiimijuht]\n", "")


def test_incremental_builds_equal_clean_builds_after_a_sequence_of_edits(project: Path) -> None:
    positions = project / "positions"
    steps: list[tuple[str, Callable[[], object], int]] = [
        ("first build", lambda: None, 4),
        ("nothing changed", lambda: None, 0),
        (
            "a result reworded",
            lambda: edit(positions / "projektijuht.yaml", "on esindatud.", "on alati esindatud."),
            1,
        ),
        (
            "a position added",
            lambda: shutil.copy(positions / "projektijuht.yaml", positions / "projektijuht-2.yaml"),
            1,
        ),
        ("a position deleted", lambda: (positions / "ekspert-kvaliteet-ja-seire.yaml").unlink(), 0),
        (
            "only a comment changed",
            lambda: edit(positions / "projektijuht-2.yaml", "\ntitle:", "\n# uus\ntitle:"),
            0,
        ),
        (
            # Teenuseomanik's manager and substitute "Talituse juhataja" now link to this page:
            # it moves into Teenuseomanik's unit, as a manager is in the same unit or one above,
            # and says nothing of substitutes, so the references hold both ways.
            "a title changed to one that others name",
            lambda: become_division_head(positions / "projektijuht-2.yaml"),
            2,
        ),
        (
            # Two positions of that title: the name no longer links, so Teenuseomanik changes.
            "a second position of that title",
            lambda: shutil.copy(
                positions / "projektijuht-2.yaml", positions / "projektijuht-3.yaml"
            ),
            2,
        ),
        (
            "a template changed",
            lambda: edit(
                project / "templates" / "layout.yaml",
                "results: Oodatav tulemus",
                "results: Tulemused",
            ),
            5,
        ),
        (
            "the organisation renamed",
            lambda: edit(project / "pyproject.toml", '"Sotsiaalkindlustusamet"', '"Amet"'),
            5,
        ),
    ]
    for name, change, rendered in steps:
        change()
        result = run("build")
        assert result.exit_code == 0, (name, result.stderr)
        assert f": {rendered} rendered," in result.stderr, (name, result.stderr)
        assert tree(project / "build") == clean_build(project), name


def test_unchanged_files_are_linked_not_rewritten(project: Path) -> None:
    assert run("build").exit_code == 0
    docx = project / "build" / "docx" / "projektijuht.docx"
    before = docx.stat().st_ino
    edit(project / "positions" / "ekspert-noustamismetoodikad.yaml", "Kõrgharidus", "Magistrikraad")
    assert run("build").exit_code == 0
    assert docx.stat().st_ino == before
    changed = project / "build" / "md" / "ekspert-noustamismetoodikad.md"
    assert "Magistrikraad" in changed.read_text(encoding="utf-8")


def test_a_damaged_previous_output_is_rendered_again(project: Path) -> None:
    assert run("build").exit_code == 0
    (project / "build" / "html" / "projektijuht.html").unlink()
    (project / "build" / ".ametid-build").write_text("{not json", encoding="utf-8")
    assert run("build").exit_code == 0
    assert tree(project / "build") == clean_build(project)


def _rewrite_keeping_size_and_time(path: Path) -> None:
    """Change a file's bytes in place, keeping its size, inode and modification time."""
    found = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    with path.open("r+b") as handle:
        handle.write(data)
    os.utime(path, ns=(found.st_atime_ns, found.st_mtime_ns))


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def _replace_by_copy(path: Path) -> None:
    """The same bytes in another file (another inode) under the same name, as an editor saves."""
    copy = path.with_suffix(".copy")
    shutil.copy(path, copy)
    copy.replace(path)


def _manifest(project: Path) -> Path:
    return project / "build" / ".ametid-build"


def _edit_manifest(project: Path, old: str, new: str) -> None:
    edit(_manifest(project), old, new)


TAMPERINGS: list[tuple[str, Callable[[Path], object], tuple[str, ...], int]] = [
    (
        "an output edited by hand",
        lambda p: _append(p / "build/md/projektijuht.md", "Lisatud käsitsi.\n"),
        (),
        1,
    ),
    (
        "an output replaced by another file",
        lambda p: _replace_by_copy(p / "build/md/projektijuht.md"),
        (),
        1,
    ),
    (
        "an output changed, its size and time kept (found by --verify)",
        lambda p: _rewrite_keeping_size_and_time(p / "build/docx/projektijuht.docx"),
        ("--verify",),
        1,
    ),
    ("an output removed", lambda p: (p / "build/html/projektijuht.html").unlink(), (), 1),
    (
        "a manifest entry made malformed",
        lambda p: _edit_manifest(p, '"outputs":{', '"outputs":5,"x":{'),
        (),
        4,
    ),
    (
        "a manifest entry's data changed",
        lambda p: _edit_manifest(p, '"title":"Projektijuht"', '"title":"Peadirektor"'),
        (),
        4,
    ),
    ("the manifest emptied", lambda p: _manifest(p).write_text("{}", encoding="utf-8"), (), 4),
    (
        "the record of sizes and times removed",
        lambda p: (p / ".build.state").unlink(),
        (),
        4,
    ),
]


@pytest.mark.parametrize(
    ("change", "options", "rendered"),
    [case[1:] for case in TAMPERINGS],
    ids=[case[0] for case in TAMPERINGS],
)
def test_a_tampered_output_is_rendered_again(
    project: Path, change: Callable[[Path], object], options: tuple[str, ...], rendered: int
) -> None:
    assert run("build").exit_code == 0
    change(project)
    result = run("build", *options)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f": {rendered} rendered," in result.stderr
    assert tree(project / "build") == clean_build(project)


def test_verify_finds_every_unchanged_output_intact(project: Path) -> None:
    assert run("build").exit_code == 0
    result = run("build", "--verify")
    assert result.stderr.endswith(": 0 rendered, 4 unchanged\n")


def many_positions(project: Path, copies: int) -> None:
    """Give the project `copies` variants of each real position."""
    for source in sorted((project / "positions").glob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        for number in range(1, copies):
            variant = text.replace("\ntitle: ", f"\ntitle: {number}. ", 1)
            (source.parent / f"{source.stem}-{number}.yaml").write_text(variant, encoding="utf-8")


def test_the_worker_pool_gives_the_same_bytes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_positions(project, 6)
    settings = find_project(project)
    assert build(settings, ("docx",), project / "pooled").problems == []
    monkeypatch.setattr(word_module, "POOL_THRESHOLD", 10_000)
    assert build(settings, ("docx",), project / "serial").problems == []
    assert tree(project / "pooled") == tree(project / "serial")
    assert len(tree(project / "pooled")) == 25
    assert assert_valid_docx(sorted((project / "pooled" / "docx").iterdir())) == 24


INTERRUPTED_BUILD = """
import os, sys
from ametid.build import staging

real_write = staging.Staging.write


def write(self, relative, content):
    real_write(self, relative, content)
    staging.Staging.write = real_write
    os.kill(os.getpid(), int(sys.argv[1]))


staging.Staging.write = write
from ametid.cli import main

main(["build"], prog_name="ametid")
"""


def staging_dirs(project: Path) -> list[Path]:
    return [
        p
        for p in project.iterdir()
        if p.is_dir() and p.name.startswith(".build.") and p.suffix in (".tmp", ".old")
    ]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_leaves_the_previous_output(project: Path, signum: int) -> None:
    assert run("build").exit_code == 0
    before = tree(project / "build")
    many_positions(project, 40)
    # The build sends itself the signal right after it has staged its first file, so the signal
    # always comes while it renders, however fast the machine.
    process = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED_BUILD, str(int(signum))],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, stderr = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    assert tree(project / "build") == before
    assert staging_dirs(project) == []


def test_two_builds_at_once_give_one_complete_build(project: Path) -> None:
    many_positions(project, 6)
    command = [sys.executable, "-m", "ametid", "build"]
    first = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    outcomes = [first.communicate(timeout=120), second.communicate(timeout=120)]
    assert [first.returncode, second.returncode] == [0, 0], outcomes
    assert tree(project / "build") == clean_build(project)
    assert staging_dirs(project) == []


def test_a_ten_megabyte_file_is_refused_quickly(project: Path) -> None:
    big = project / "positions" / "suur.yaml"
    big.write_bytes(b"title: " + b"x" * 10_000_000 + b"\n")
    started = time.monotonic()
    result = run("validate", "positions/suur.yaml")
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    assert result.stderr == (
        "positions/suur.yaml: file is over the size limit of 1 000 000 bytes "
        "(tool.ametid.max_file_bytes); split it or raise the limit\n"
        "checked 1 file: 1 problem\n"
    )


def test_a_named_pipe_does_not_hang_validation(project: Path) -> None:
    os.mkfifo(project / "positions" / "toru.yaml")
    result = run("validate")
    assert result.exit_code == 1
    assert "positions/toru.yaml: not a regular file; only position files belong here\n" in (
        result.stderr
    )


def test_a_link_to_a_file_outside_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    shutil.copy(project / "positions" / "projektijuht.yaml", outside)
    (project / "positions" / "valine.yaml").symlink_to(outside)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "positions/valine.yaml: is a link to a file outside the project; copy the file in instead\n"
        "checked 5 files: 1 problem\n"
    )
