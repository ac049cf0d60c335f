"""Every malformed or hostile position file gets clean one-line messages and exit code 1.

Each folder in tests/data/negative/ holds one bad file and expected.txt, the exact stderr of
`ametid validate` run over it in positions/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.cli import run
from support.paths import DATA

CASES = sorted(path for path in (DATA / "negative").iterdir() if path.is_dir())
EXPECTED = "expected.txt"
SETTINGS = "pyproject.toml"  # a case may carry its own [tool.ametid] settings


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_negative_case(case: Path, empty_project: Path, update_golden: bool) -> None:
    bad_files = [path for path in case.iterdir() if path.name not in (EXPECTED, SETTINGS)]
    assert len(bad_files) == 1, "one bad file per case"
    shutil.copy(
        bad_files[0], empty_project / "positions" / bad_files[0].name, follow_symlinks=False
    )
    if (case / SETTINGS).is_file():
        shutil.copy(case / SETTINGS, empty_project / SETTINGS)

    result = run("validate")

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
        assert line.startswith(f"positions/{bad_files[0].name}")
