"""Every malformed or hostile position file gets clean one-line messages and exit code 1.

Each folder in tests/data/negative/ holds one bad file and expected.txt, the exact stderr of
`ametid validate` run over it in positions/, in Estonian, as the people who edit positions read
it. `ametid build` reads the same file and must say the same, and leave the previous output as
it was.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from support.cli import run
from support.documents import tree
from support.paths import DATA

CASES = sorted(path for path in (DATA / "negative").iterdir() if path.is_dir())
EXPECTED = "expected.txt"
SETTINGS = "pyproject.toml"  # a case may carry its own [tool.ametid] settings
LIBRARY = "library"  # and the library of shared texts its position uses
REGISTER = "units.yaml"  # ... its own unit register, as data/units.yaml
OTHERS = "others"  # ... and valid positions the bad one refers to, put beside it


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 56


def install(case: Path, project: Path) -> Path:
    """Put a case's bad file (and settings, library, register and other positions) into the
    project; return the bad file."""
    extras = (EXPECTED, SETTINGS, LIBRARY, REGISTER, OTHERS)
    bad_files = [path for path in case.iterdir() if path.name not in extras]
    assert len(bad_files) == 1, "one bad file per case"
    shutil.copy(bad_files[0], project / "positions" / bad_files[0].name, follow_symlinks=False)
    if (case / SETTINGS).is_file():
        shutil.copy(case / SETTINGS, project / SETTINGS)
    if (case / LIBRARY).is_dir():
        shutil.copytree(case / LIBRARY, project / LIBRARY)
    if (case / REGISTER).is_file():
        (project / "data").mkdir(exist_ok=True)
        shutil.copy(case / REGISTER, project / "data" / REGISTER)
    if (case / OTHERS).is_dir():
        for other in sorted((case / OTHERS).iterdir()):
            shutil.copy(other, project / "positions" / other.name)
    return bad_files[0]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_negative_case(case: Path, empty_project: Path, update_golden: bool) -> None:
    bad_file = install(case, empty_project)

    result = run("validate", lang=None)

    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    assert result.exit_code == 1
    assert result.stdout == ""
    expected = case / EXPECTED
    if update_golden:
        expected.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == expected.read_text(encoding="utf-8")
    problem_lines = result.stderr.splitlines()[:-1]
    assert problem_lines, "at least one problem is reported"
    for line in problem_lines:
        assert line.startswith((f"positions/{bad_file.name}", f"{LIBRARY}/"))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_negative_case_through_build(case: Path, empty_project: Path) -> None:
    assert run("build", "--format", "md,html").exit_code == 0
    before = tree(empty_project / "build")
    install(case, empty_project)

    result = run("build", "--format", "md,html,docx", lang=None)

    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    assert result.exit_code == 1
    assert result.stdout == ""
    expected = (case / EXPECTED).read_text(encoding="utf-8").splitlines()[:-1]
    assert result.stderr.splitlines() == [*expected, "koostamine ebaõnnestus: midagi ei kirjutatud"]
    assert tree(empty_project / "build") == before


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_negative_case_problems_have_a_code(case: Path, empty_project: Path) -> None:
    install(case, empty_project)
    result = run("validate", "--format", "json", lang=None)
    problems = json.loads(result.stdout)["problems"]
    codes = [problem["code"] for problem in problems]
    assert problems and all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code) for code in codes), (
        codes
    )
