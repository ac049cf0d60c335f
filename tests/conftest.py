"""Shared fixtures: a scratch copy of the project, so tests never write into the repository."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ametid.core import language
from support.project import make_project


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Library functions speak English in tests unless a test chooses otherwise; the command
    line chooses for itself (support.cli.run)."""
    language.use("en")
    yield
    language.use("en")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files from the current output instead of comparing.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run should refresh golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A scratch project with the real positions, as the working directory."""
    root = make_project(tmp_path / "project")
    monkeypatch.chdir(root)
    yield root


@pytest.fixture
def library_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A scratch project with the real positions as the repository keeps them, using its
    library of shared texts, as the working directory."""
    root = make_project(tmp_path / "project", library=True)
    monkeypatch.chdir(root)
    yield root


@pytest.fixture
def empty_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A scratch project with no positions, as the working directory."""
    root = make_project(tmp_path / "project", positions=False)
    monkeypatch.chdir(root)
    yield root
