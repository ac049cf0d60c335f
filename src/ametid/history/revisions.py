"""Positions as they stand at a git revision or in the working tree, read without changing either.

Old versions are read with git itself (`git ls-tree`, `git cat-file`), so nothing is checked out
and the working tree stays as it is.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ametid.check import rules
from ametid.check.schema import Schema
from ametid.check.validation import check_bytes
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project
from ametid.source import loader

# Tried in this order for the default branch; the first that exists is compared against.
DEFAULT_BRANCHES = ("origin/HEAD", "main", "master", "origin/main", "origin/master")
SCHEMA_FILE = "schema/position.schema.json"


def _fail(where: str, message: str) -> AmetidError:
    return AmetidError([Problem(where, message=message)])


@dataclass
class Snapshot:
    """The valid positions of one version by id, and the problems of the files that are not."""

    positions: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)  # ids of the files with problems
    schema: dict[str, Any] = field(default_factory=dict)  # the schema the files were checked with


class Repository:
    """The git repository holding a project."""

    def __init__(self, project: Project) -> None:
        self.project = project
        if shutil.which("git") is None:
            raise _fail("git", "git is not installed; install it to compare versions")
        try:
            top = self._run("rev-parse", "--show-toplevel", cwd=project.root)
        except AmetidError:
            message = "not inside a git repository; ametid compares versions kept in git"
            raise _fail(str(project.root), message) from None
        self.top = Path(top.decode("utf-8").strip())
        prefix = project.root.resolve().relative_to(self.top.resolve()).as_posix()
        self.prefix = "" if prefix == "." else f"{prefix}/"

    @functools.cached_property
    def schema(self) -> Schema:
        """The working tree's schema."""
        path = self.project.schema_path
        return Schema(path, display_path(path))

    def _run(self, *args: str, cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
        environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
        completed = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd or self.top,
            input=stdin,
            capture_output=True,
            env=environment,
            check=False,
        )
        if completed.returncode != 0:
            message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
            raise _fail("git", message[-1] if message else f"git {args[0]} failed")
        return completed.stdout

    def commit(self, revision: str) -> str | None:
        """The commit a revision names, or None when it names none."""
        if revision.startswith("-"):
            return None
        try:
            found = self._run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        except AmetidError:
            return None
        return found.decode("ascii").strip() or None

    def require(self, revision: str) -> str:
        """The commit a revision names; a clean error when it names none."""
        commit = self.commit(revision)
        if commit is None:
            message = "unknown revision: not a tag, branch or commit of this repository"
            raise _fail(revision, message)
        return commit

    def default_base(self) -> str:
        """The merge base of HEAD with the default branch: what a pull request changes."""
        head = self.commit("HEAD")
        if head is None:
            raise _fail("HEAD", "the repository has no commits yet; commit the positions first")
        for branch in DEFAULT_BRANCHES:
            if self.commit(branch) is None:
                continue
            try:
                return self._run("merge-base", "HEAD", branch).decode("ascii").strip()
            except AmetidError:
                raise _fail(
                    branch,
                    "no common history with HEAD; fetch more history "
                    "(git fetch --unshallow) or name the revision to compare with",
                ) from None
        raise _fail(
            "HEAD",
            "no default branch (origin/HEAD, main or master) to compare with; "
            "name the revision, e.g. ametid diff v2025",
        )

    def files(self, revision: str, folder: str) -> dict[str, bytes]:
        """The files directly in a project folder at a revision, by name."""
        listing = self._run("ls-tree", "-z", revision, "--", f"{self.prefix}{folder}/")
        entries = []
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, name = entry.decode("utf-8", "replace").partition("\t")
            _, kind, sha = meta.split(" ")
            if kind == "blob":
                entries.append((PurePosixPath(name).name, sha))
        if not entries:
            return {}
        wanted = "".join(f"{sha}\n" for _, sha in entries).encode()
        output = self._run("cat-file", "--batch", stdin=wanted)
        contents: dict[str, bytes] = {}
        offset = 0
        for name, _ in entries:
            header_end = output.index(b"\n", offset)
            size = int(output[offset:header_end].split(b" ")[2])
            contents[name] = output[header_end + 1 : header_end + 1 + size]
            offset = header_end + 1 + size + 1
        return contents

    def read(self, revision: str, path: str) -> bytes | None:
        """One project file at a revision, or None when it has no such file."""
        folder, _, name = path.rpartition("/")
        return self.files(revision, folder).get(name)

    def last_changes(self, folder: str) -> dict[str, str]:
        """The date (YYYY-MM-DD) of the last commit that changed each file in a project folder."""
        log = self._run("log", "--format=@%cs", "--name-only", "--", f"{self.prefix}{folder}/")
        dates: dict[str, str] = {}
        date = ""
        for line in log.decode("utf-8", "replace").splitlines():
            if line.startswith("@"):
                date = line[1:]
            elif line:
                relative = line.removeprefix(self.prefix)
                dates.setdefault(relative, date)
        return dates


def _check(
    raw: bytes, name: str, display: str, schema: Schema, max_bytes: int
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The data of one position file's bytes, or the problems that make it unreadable."""
    problems = rules.check_file_name(Path(name), display)
    if problems:
        return None, problems
    if len(raw) > max_bytes:
        return None, [loader.size_problem(display, max_bytes)]
    data, problems = check_bytes(raw, display, schema)
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
            raise _fail(str(path), "is outside the project") from None
    return found


def _schema(raw: bytes | None, display: str, project: Project, current: Schema) -> Schema:
    """The schema a revision's files are checked with: its own, else the working tree's."""
    if raw is None or raw == project.schema_path.read_bytes():
        return current
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "position.schema.json"
        path.write_bytes(raw)
        return Schema(path, display)


def snapshot(
    repository: Repository, revision: str | None, shown: str, paths: Sequence[str]
) -> Snapshot:
    """Read and check the positions at a commit (None: the working tree), as selected."""
    result = Snapshot()
    project = repository.project
    current = repository.schema
    folder = project.positions_dir.relative_to(project.root).as_posix()
    if revision is None:
        schema = current
        files: dict[str, bytes | Path] = {}
        if project.positions_dir.is_dir():
            for entry in sorted(project.positions_dir.iterdir()):
                if entry.is_file() and rules.is_position_file(entry):
                    files[entry.name] = entry
    else:
        schema_raw = repository.read(revision, SCHEMA_FILE)
        schema = _schema(schema_raw, f"{shown}:{SCHEMA_FILE}", project, current)
        files = dict(repository.files(revision, folder))
    for name in sorted(files):
        relative = f"{folder}/{name}"
        if not rules.is_position_file(Path(name)) or not _selected(relative, paths):
            continue
        source = files[name]
        if isinstance(source, Path):
            display = display_path(source)
            outside = rules.check_location(source, project.root, display)
            if outside:
                result.problems += outside
                result.invalid.add(Path(name).stem)
                continue
            raw, problems = loader.read_bytes(source, display, project.max_file_bytes)
            if raw is None:
                result.problems += problems
                result.invalid.add(Path(name).stem)
                continue
        else:
            display, raw = f"{shown}:{relative}", source
        data, problems = _check(raw, name, display, schema, project.max_file_bytes)
        result.problems += problems
        if data is None:
            result.invalid.add(Path(name).stem)
        else:
            result.positions[Path(name).stem] = data
    result.schema = schema.document
    return result


def split_arguments(
    repository: Repository, arguments: Sequence[str]
) -> tuple[str | None, str | None, list[Path]]:
    """Tell revisions from paths in `diff [OLD] [NEW] [PATH...]`.

    An argument is a revision while fewer than two were given and no path yet, unless it names
    an existing file or folder or, naming no revision, looks like a path (has a / or ends in
    .yaml). Anything else that names no revision is an unknown revision.
    """
    revisions: list[str] = []
    paths: list[Path] = []
    for argument in arguments:
        if paths or len(revisions) == 2 or Path(argument).exists():
            paths.append(Path(argument))
        elif repository.commit(argument) is not None:
            revisions.append(argument)
        elif "/" in argument or argument.endswith(rules.SUFFIX):
            paths.append(Path(argument))
        else:
            repository.require(argument)
    old = revisions[0] if revisions else None
    new = revisions[1] if len(revisions) > 1 else None
    return old, new, paths
