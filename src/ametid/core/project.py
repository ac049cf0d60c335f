"""The project: the folder with a pyproject.toml holding [tool.ametid], and its settings."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ametid.core.problems import AmetidError, Problem

DEFAULT_OUT = "build"
DEFAULT_MAX_FILE_BYTES = 1_000_000
DEFAULT_REVIEW_MONTHS = 12
SOURCE_FOLDERS = ("positions", "templates", "schema", "data", "src", "tests", ".git")


@dataclass(frozen=True)
class Project:
    """Where a project's positions, schema and templates live, and its settings."""

    root: Path
    organisation: str = ""
    out: str = DEFAULT_OUT
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    review_months: int = DEFAULT_REVIEW_MONTHS  # a position is due for review this long after

    @property
    def positions_dir(self) -> Path:
        """The folder of position files."""
        return self.root / "positions"

    @property
    def schema_path(self) -> Path:
        """The JSON Schema every position must satisfy."""
        return self.root / "schema" / "position.schema.json"

    @property
    def templates_dir(self) -> Path:
        """The folder of Jinja templates."""
        return self.root / "templates"

    @property
    def protected_dirs(self) -> tuple[Path, ...]:
        """Folders of sources, which no command writes into (but `new` and `import` into
        positions/)."""
        return tuple(self.root / name for name in SOURCE_FOLDERS)


def _settings(pyproject: Path) -> dict[str, object] | None:
    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return None
    tool = data.get("tool")
    settings = tool.get("ametid") if isinstance(tool, dict) else None
    return settings if isinstance(settings, dict) else None


def find_project(start: Path) -> Project:
    """Find the nearest folder upwards from `start` whose pyproject.toml has [tool.ametid]."""
    start = start.resolve()
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if not pyproject.is_file():
            continue
        settings = _settings(pyproject)
        if settings is not None:
            return _project(folder, pyproject, settings)
    message = "no pyproject.toml with a [tool.ametid] section here or in any parent folder"
    raise AmetidError([Problem(str(start), message=message)])


def _project(root: Path, pyproject: Path, settings: dict[str, object]) -> Project:
    organisation = settings.get("organisation", "")
    out = settings.get("out", DEFAULT_OUT)
    max_bytes = settings.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES)
    review_months = settings.get("review_months", DEFAULT_REVIEW_MONTHS)
    problems = []
    if not isinstance(organisation, str):
        problems.append("tool.ametid.organisation: should be text")
    if not isinstance(out, str) or not out:
        problems.append("tool.ametid.out: should be a folder name")
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes < 1:
        problems.append("tool.ametid.max_file_bytes: should be a positive whole number")
    if not isinstance(review_months, int) or isinstance(review_months, bool) or review_months < 1:
        problems.append("tool.ametid.review_months: should be a positive whole number of months")
    if problems:
        raise AmetidError(Problem(str(pyproject), message=message) for message in problems)
    assert isinstance(organisation, str) and isinstance(out, str) and isinstance(max_bytes, int)
    assert isinstance(review_months, int)
    return Project(root, organisation, out, max_bytes, review_months)
