"""Validating position files: every problem of every file, collected before any is reported."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ametid.check import rules
from ametid.check.checker import project_checker
from ametid.check.references import check_references
from ametid.core.guard import check_inside
from ametid.core.language import gettext as _
from ametid.core.model import Position
from ametid.core.places import Places
from ametid.core.problems import Problem, display_path, errors, printable
from ametid.core.project import Project


@dataclass
class Validation:
    """The outcome of validating a set of position files."""

    positions: list[Position] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        """True when no file has a problem other than a note."""
        return not errors(self.problems)


def _folder_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """List a positions folder: every visible entry is a position file or a problem."""
    files: list[Path] = []
    problems = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        message = _("cannot read the folder: {reason}; check its rights").format(
            reason=error.strerror or error
        )
        return [], [Problem(display_path(folder), message=message, code="unreadable")]
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            message = _("folders do not belong in {folder}/; move it out").format(
                folder=display_path(folder)
            )
            problems.append(Problem(display_path(entry), message=message, code="folder"))
        else:
            files.append(entry)
    return files, problems


def _selected_files(project: Project, paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    outside = check_inside(project.positions_dir, project)
    if outside:
        return [], outside
    if not paths:
        if not project.positions_dir.is_dir():
            message = _("folder not found")
            return [], [
                Problem(display_path(project.positions_dir), message=message, code="not-found")
            ]
        return _folder_files(project.positions_dir)
    files: list[Path] = []
    problems = []
    for path in paths:
        if path.is_dir():
            found, trouble = _folder_files(path)
            files.extend(found)
            problems.extend(trouble)
        elif path.exists():
            files.append(path)
        else:
            problems.append(
                Problem(display_path(path), message=_("file not found"), code="not-found")
            )
    return files, problems


class _Names:
    """How files are shown in messages; each folder's name is worked out once, not per file."""

    def __init__(self) -> None:
        self._folders: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = display_path(path.parent)
        name = printable(path.name)
        return name if folder == "." else f"{folder}/{name}"


def _all_ids(project: Project, files: list[Path], shown: _Names) -> list[tuple[Path, str]]:
    """The files whose ids must be unique: every position of the project plus the selected."""
    everything: dict[str, str] = {}
    if project.positions_dir.is_dir():
        for entry in sorted(project.positions_dir.glob(f"*{rules.SUFFIX}")):
            everything[os.path.abspath(entry)] = shown(entry)
    for path in files:
        everything.setdefault(os.path.abspath(path), shown(path))
    return [(Path(display), display) for display in everything.values()]


def validate(
    project: Project,
    paths: Sequence[Path] = (),
    known: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    notes: bool = False,
) -> Validation:
    """Validate the given files (default: all of positions/) against the schema and the rules.

    Each valid position comes back with its whole data, from the one reading and parsing of its
    file; with `notes`, the notes on valid positions come among the problems. For builds of
    many positions, `known` maps content digests of files that passed this same validation
    before (same schema, same tool) to what a build kept of them (`data`, `data_digest`): such
    a file is read to compute its digest but not parsed again, and its position comes back
    with the kept data, marked as not complete.
    """
    files, problems = _selected_files(project, paths)
    result = Validation(checked=len(files), problems=problems)
    for item in _checked(project, files, known or {}, notes=notes):
        if isinstance(item, Problem):
            result.problems.append(item)
        else:
            result.positions.append(item)
    if not errors(result.problems):
        result.problems += reference_problems(project, result.positions, whole=not paths)
    result.problems.sort(key=lambda problem: problem.file)
    return result


def reference_problems(
    project: Project, positions: Sequence[Position], *, whole: bool
) -> list[Problem]:
    """The references between valid positions that do not hold both ways; a name that matches
    no position too, when the project asks for strict references and `whole` says that every
    position of the project is there."""
    checker = project_checker(project)
    places = Places(checker.schema.document, checker.layout) if checker.layout else None
    strict = whole and project.references == "strict"
    return check_references(positions, places, strict=strict)


def each_checked(
    project: Project,
    paths: Sequence[Path] = (),
    known: Mapping[str, Mapping[str, Any]] | None = None,
) -> Iterator[Position | Problem]:
    """As `validate`, one position or problem at a time, so that a caller going through
    thousands of positions need not hold every position's whole data at once."""
    files, problems = _selected_files(project, paths)
    yield from problems
    yield from _checked(project, files, known or {})


def _checked(
    project: Project,
    files: list[Path],
    known: Mapping[str, Mapping[str, Any]],
    *,
    notes: bool = False,
) -> Iterator[Position | Problem]:
    checker = project_checker(project)
    if checker.library is not None:
        yield from checker.library.problems
    shown = _Names()
    duplicates = {p.file: p for p in rules.check_unique_ids(_all_ids(project, files, shown))}
    for path in files:
        display = shown(path)
        trouble = rules.check_file_name(path, display)
        trouble += rules.check_location(path, project.root, display)
        if display in duplicates:
            trouble.append(duplicates[display])
        if not rules.is_position_file(path) or trouble:
            yield from trouble
            continue
        raw, trouble = checker.read(path, display)
        if raw is None:
            yield from trouble
            continue
        digest = hashlib.sha256(raw).hexdigest()
        entry = known.get(digest)
        if entry is not None:
            kept = dict(entry["data"])
            data_digest = str(entry["data_digest"])
            yield Position(path.stem, path, display, kept, digest, data_digest, complete=False)
            continue
        data, trouble = checker.check_bytes(raw, display, notes=notes)
        yield from trouble
        if not errors(trouble):
            yield Position(path.stem, path, display, data, digest)
