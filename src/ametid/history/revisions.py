"""Positions as they stand at a git revision or in the working tree, read, changing neither."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ametid.check import rules
from ametid.check.checker import Checker, project_checker
from ametid.check.schema import Schema
from ametid.core.guard import check_inside
from ametid.core.language import gettext as _
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.progress import SILENT, Progress
from ametid.core.project import Project
from ametid.history.git import Repository
from ametid.library import texts
from ametid.library.expansion import library_names
from ametid.library.kinds import FOLDER, SUFFIX
from ametid.library.texts import Library, library_schema, read_library

SCHEMA_FILE = "schema/position.schema.json"
LIBRARY_SCHEMA_FILE = f"schema/{texts.SCHEMA_FILE}"


@dataclass
class Snapshot:
    """The valid positions of one version by id, and the problems of the files that are not."""

    positions: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)  # ids of the files with problems
    schema: dict[str, Any] = field(default_factory=dict)  # the schema the files were checked with
    seen: set[str] = field(default_factory=set)  # every selected file, valid or not
    library: Library | None = None  # the shared texts the positions were expanded with
    uses: dict[str, list[str]] = field(default_factory=dict)  # the library names each names


def _check(
    raw: bytes, name: str, display: str, checker: Checker
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The data of one position file's bytes, or the problems that make it unreadable."""
    problems = rules.check_file_name(Path(name), display)
    if problems:
        return None, problems
    data, problems = checker.check_bytes(raw, display)
    return (None if problems or not isinstance(data, dict) else data), problems


def _selected(relative: str, paths: Sequence[str]) -> bool:
    return not paths or any(
        relative == path or relative.startswith(f"{path}/") or path == "." for path in paths
    )


def project_paths(project: Project, paths: Sequence[Path]) -> list[str]:
    """PATH arguments as paths inside the project (positions/x.yaml); outside it is an error."""
    root = project.root.resolve()
    found = []
    for path in paths:
        absolute = Path(os.path.abspath(path))
        try:
            found.append(absolute.relative_to(root).as_posix())
        except ValueError:
            problem = Problem(str(path), message=_("is outside the project"), code="outside")
            raise AmetidError([problem]) from None
    return found


def _checker(raw: bytes | None, display: str, current: Checker, library: Library | None) -> Checker:
    """The checker of a revision's files: with its own schema, else the working tree's, and
    its own library."""
    schema = current.schema
    if raw is not None and raw != current.schema.source:
        schema = Schema.from_bytes(raw, display)
    return Checker(schema, current.max_bytes, current.layout, library)


def _library(repository: Repository, revision: str, shown: str) -> Library | None:
    """The library of shared texts at a revision, checked with that revision's library schema
    (else the working tree's), or None when it had none."""
    project = repository.project
    files = {
        f"{shown}:{FOLDER}/{name}": raw
        for name, raw in repository.files(revision, FOLDER).items()
        if name.endswith(SUFFIX) and not name.startswith(".")
    }
    if not files:
        return None
    schema_raw = repository.read(revision, LIBRARY_SCHEMA_FILE)
    if schema_raw is None:
        schema = library_schema(project.schema_path.parent)
    else:
        schema = Schema.from_bytes(schema_raw, f"{shown}:{LIBRARY_SCHEMA_FILE}")
    return read_library(files, schema, project.max_file_bytes)


def snapshot(
    repository: Repository,
    revision: str | None,
    shown: str,
    paths: Sequence[str],
    progress: Progress = SILENT,
) -> Snapshot:
    """Read and check the positions at a commit (None: the working tree), as selected."""
    result = Snapshot()
    project = repository.project
    current = project_checker(project)
    folder = project.positions_dir.relative_to(project.root).as_posix()
    if revision is None:
        outside = check_inside(project.positions_dir, project)
        if outside:
            raise AmetidError(outside)
        checker = current
        files: dict[str, bytes | Path] = {}
        if project.positions_dir.is_dir():
            try:
                entries = sorted(project.positions_dir.iterdir())
            except OSError as error:
                message = _("cannot read the folder: {reason}; check its rights").format(
                    reason=error.strerror or error
                )
                problem = Problem(
                    display_path(project.positions_dir), message=message, code="unreadable"
                )
                raise AmetidError([problem]) from None
            for entry in entries:
                if entry.is_file():
                    files[entry.name] = entry
    else:
        schema_raw = repository.read(revision, SCHEMA_FILE)
        library = _library(repository, revision, shown)
        checker = _checker(schema_raw, f"{shown}:{SCHEMA_FILE}", current, library)
        files = dict(repository.files(revision, folder))
    if checker.library is not None:
        result.problems += checker.library.problems
        result.library = checker.library
    if revision is not None:
        label = _("reading positions at {revision}").format(revision=shown)
    else:
        label = _("reading positions in the working tree")
    for name in progress.track(sorted(files), len(files), label):
        relative = f"{folder}/{name}"
        if name.startswith(".") or not _selected(relative, paths):
            continue
        result.seen.add(relative)
        source = files[name]
        if not rules.is_position_file(Path(name)):
            # Reported as validate reports it: a .yml file must not drop out of the comparison.
            shown_name = display_path(source) if isinstance(source, Path) else f"{shown}:{relative}"
            result.problems += rules.check_file_name(Path(name), shown_name)
            continue
        if isinstance(source, Path):
            display = display_path(source)
            outside = rules.check_location(source, project.root, display)
            if outside:
                result.problems += outside
                result.invalid.add(Path(name).stem)
                continue
            raw, problems = checker.read(source, display)
            if raw is None:
                result.problems += problems
                result.invalid.add(Path(name).stem)
                continue
        else:
            display, raw = f"{shown}:{relative}", source
        data, problems = _check(raw, name, display, checker)
        result.problems += problems
        if data is None:
            result.invalid.add(Path(name).stem)
        else:
            result.positions[Path(name).stem] = data
            if checker.library is not None:
                result.uses[Path(name).stem] = library_names(raw)
    result.schema = checker.schema.document
    return result


def split_arguments(
    repository: Repository, arguments: Sequence[str], literal_paths: int = 0
) -> tuple[str | None, str | None, list[Path]]:
    """Tell revisions from paths in `diff [OLD] [NEW] [--] [PATH...]`, as git does.

    The last `literal_paths` arguments stood after `--` and are paths. Before it, an argument is
    a revision while fewer than two were given and no path yet, or a path when it names an
    existing file or folder; anything else is an error, so that a mistyped revision
    (origin/mian) cannot pass as a path that matches nothing.
    """
    revisions: list[str] = []
    paths: list[Path] = []
    literal_from = len(arguments) - literal_paths
    for index, argument in enumerate(arguments):
        if index >= literal_from or Path(argument).exists():
            paths.append(Path(argument))
        elif not paths and len(revisions) < 2 and repository.commit(argument) is not None:
            revisions.append(argument)
        else:
            message = _(
                "unknown revision or path not in the working tree; name a tag, branch or "
                "commit, or put paths after --"
            )
            raise AmetidError([Problem(argument, message=message, code="unknown-revision")])
    old = revisions[0] if revisions else None
    new = revisions[1] if len(revisions) > 1 else None
    return old, new, paths


def unmatched(paths: Sequence[str], *snapshots: Snapshot) -> list[str]:
    """The PATHs that match no position file in any of the snapshots."""
    seen = set().union(*(snapshot.seen for snapshot in snapshots))
    return [path for path in paths if not any(_selected(name, [path]) for name in seen)]
