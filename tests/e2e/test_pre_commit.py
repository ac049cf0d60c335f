"""The pre-commit hooks `ametid-validate` and `ametid-lint`, run by pre-commit itself
(`pre-commit try-repo`) in a scratch repository that `ametid init` started: they pass, and fail
on a broken position and on a finding of the lint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.gitrepo import commit, git, init
from support.paths import REPO

WHEELS = REPO / ".venv" / "wheels"
# The hook repository as pre-commit installs it: what building ametid needs, and the hooks.
HOOK_SOURCES = (
    ".pre-commit-hooks.yaml",
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "src",
    "schema",
    "templates",
    "data",
)
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's working copy, committed in a repository of its own, so pre-commit
    installs one fixed revision once for both runs."""
    folder = tmp_path_factory.mktemp("hooks") / "ametid"
    folder.mkdir()
    for name in HOOK_SOURCES:
        if (REPO / name).is_dir():
            ignored = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(REPO / name, folder / name, ignore=ignored)
        else:
            shutil.copy(REPO / name, folder / name)
    init(folder)
    commit(folder, "ametid")
    return folder


def try_repo(
    hooks: Path, agency: Path, cache: Path, hook: str = "ametid-validate"
) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo HOOKS HOOK --all-files` in the agency's repository."""
    assert (WHEELS / ".complete").is_file(), (
        "the dependencies' wheels are missing from .venv/wheels: `make test` collects them"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    environment |= {
        "PRE_COMMIT_HOME": str(cache),
        # pre-commit installs the hook with pip: from the collected wheels, not an index.
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELS),
        # Compiling every module of lxml, pikepdf and the rest to bytecode would triple the time.
        "PIP_NO_COMPILE": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
        # The hook's lines are pinned in English, as the command tests pin them.
        "AMETID_LANG": "en",
    }
    return subprocess.run(
        [
            str(PRE_COMMIT),
            "try-repo",
            str(hooks),
            hook,
            "--all-files",
            "--color",
            "never",
        ],
        cwd=agency,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _agency(tmp_path: Path) -> Path:
    agency = tmp_path / "agency"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ametid",
            "init",
            str(agency),
            "--organisation",
            "Maksu- ja Tolliamet",
        ],
        check=True,
        capture_output=True,
    )
    init(agency)
    commit(agency, "Ametijuhendid")
    return agency


def test_the_hook_passes_and_then_catches_a_broken_position(hooks: Path, tmp_path: Path) -> None:
    agency = _agency(tmp_path)
    cache = tmp_path / "pre-commit"

    passed = try_repo(hooks, agency, cache)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "ametid validate" in passed.stdout and "Passed" in passed.stdout

    position = agency / "positions" / "personalispetsialist.yaml"
    position.write_text(position.read_text(encoding="utf-8") + "titel: x\n", encoding="utf-8")
    git(agency, "add", "-A")
    failed = try_repo(hooks, agency, cache)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    lines = len(position.read_text(encoding="utf-8").splitlines())
    assert (
        f"positions/personalispetsialist.yaml:{lines}:1: titel: unknown key 'titel'; "
        "did you mean 'title'?"
    ) in failed.stdout
    assert "checked 1 file: 1 problem" in failed.stdout


def test_the_lint_hook_passes_and_then_catches_a_particle_verb(hooks: Path, tmp_path: Path) -> None:
    agency = _agency(tmp_path)
    cache = tmp_path / "pre-commit"

    passed = try_repo(hooks, agency, cache, "ametid-lint")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "ametid lint" in passed.stdout and "Passed" in passed.stdout

    position = agency / "positions" / "personalispetsialist.yaml"
    text = position.read_text(encoding="utf-8")
    position.write_text(text.replace("on õiged", "on väljatöötatud"), encoding="utf-8")
    git(agency, "add", "-A")
    failed = try_repo(hooks, agency, cache, "ametid-lint")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert (
        "a particle verb as the predicate is written apart: “on välja töötatud”, "
        "not “on väljatöötatud”"
    ) in failed.stdout
    assert "checked 1 file: 1 finding" in failed.stdout
    assert "morphology" not in failed.stdout  # EstNLTK is in the hook's environment
