"""The library of shared texts as read from library/*.yaml: each text under its name, checked.

A library file maps kinds (`rights`, `duties`, …) to texts under names. A text is one item of
its kind (a right is a text, a duty a task with its results), or a block: a list of items, any of
them a reference to an item of the same kind given elsewhere in the library (`- library: NAME`).
Names are unique across the whole library, so a position names a text without saying its kind.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ametid.check.schema import Schema
from ametid.core.language import gettext as _
from ametid.core.model import DataPath, format_path
from ametid.core.problems import AmetidError, Problem, display_path, printable
from ametid.library.kinds import BY_KEY, FOLDER, SUFFIX, Kind
from ametid.source import loader
from ametid.source.loader import Document

NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SCHEMA_FILE = "library.schema.json"
REFERENCE_KEY = "library"


@dataclass(frozen=True)
class Entry:
    """One named text of the library: its kind, its items (one, or a block's), and its file."""

    name: str
    kind: Kind
    items: tuple[Any, ...]
    block: bool
    file: str
    line: int
    column: int
    parts: tuple[str, ...] = ()  # a block's items given by name elsewhere in the library

    def copies(self) -> list[Any]:
        """The entry's items, copied, to stand in a position's data."""
        return copy.deepcopy(list(self.items))


def reference_name(item: Any) -> Any:
    """The name a list item refers to when it is a library reference (`library: NAME`), else
    None."""
    if isinstance(item, dict) and REFERENCE_KEY in item:
        return item[REFERENCE_KEY]
    return None


@dataclass
class Library:
    """Every valid text of a project's library, by name, and the problems of its files."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""  # of every library file's name and bytes: a build depends on them all
    unreadable: bool = False  # a file could not be read: its names are not known

    def closest(self, name: str, kind: Kind | None = None) -> str | None:
        """The known name closest to `name`, preferring names of the given kind."""
        same = [e.name for e in self.entries.values() if kind is None or e.kind == kind]
        for names in (same, list(self.entries)):
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
            if close:
                return close[0]
        return None

    def of_kind(self, kind: Kind) -> list[Entry]:
        """The entries of a kind, by name."""
        return sorted((e for e in self.entries.values() if e.kind == kind), key=lambda e: e.name)


def read_library(files: Mapping[str, bytes], schema: Schema, max_bytes: int) -> Library:
    """The library from its files' bytes, by the names they are shown by (library/x.yaml)."""
    library = Library()
    digest = hashlib.sha256()
    found: list[tuple[Kind, str, Any, str, Document]] = []
    for display in sorted(files):
        raw = files[display]
        digest.update(len(display).to_bytes(8, "big") + display.encode("utf-8", "replace"))
        digest.update(len(raw).to_bytes(8, "big") + raw)
        if len(raw) > max_bytes:
            library.problems.append(loader.size_problem(display, max_bytes))
            library.unreadable = True
            continue
        document, problems = loader.parse(raw, display)
        if document is None or problems:
            library.problems += [_library_wording(problem) for problem in problems]
            library.unreadable = True
            continue
        trouble = schema.check(document, display)
        if trouble:
            library.problems += trouble
            library.unreadable = True
            continue
        for key, texts in document.data.items():
            kind = BY_KEY[key]
            for name, value in texts.items():
                found.append((kind, name, value, display, document))
    library.digest = digest.hexdigest()
    _collect(library, found)
    return library


def _library_wording(problem: Problem) -> Problem:
    """A reading problem, said of a library file rather than of a position."""
    if problem.code == "empty-file":
        message = _("file is empty; a library file holds texts under names, such as 'rights:'")
        return Problem(
            problem.file, problem.line, problem.column, message=message, code=problem.code
        )
    if problem.code == "not-a-mapping":
        message = _("a library file is a mapping of kinds to named texts (rights: …), not a list")
        return Problem(
            problem.file, problem.line, problem.column, message=message, code=problem.code
        )
    return problem


def _collect(library: Library, found: list[tuple[Kind, str, Any, str, Document]]) -> None:
    """Enter every named text, then resolve the references inside blocks."""
    where: dict[str, tuple[str, int]] = {}
    blocks: list[tuple[Entry, Document]] = []
    for kind, name, value, display, document in found:
        line, column = document.locate((kind.key, name), key=True)
        path = format_path((kind.key, name))
        if not NAME.fullmatch(name):
            message = _(
                "name '{name}' is not a valid name (lower-case a-z, 0-9 and single hyphens, "
                "e.g. 'teabevahetus')"
            ).format(name=printable(name))
            library.problems.append(Problem(display, line, column, path, message, "library-name"))
            continue
        if name in library.entries:
            first, first_line = where[name]
            message = _(
                "name '{name}' is already given in {file} on line {line}; names are unique "
                "across the library"
            ).format(name=name, file=first, line=first_line)
            library.problems.append(
                Problem(display, line, column, path, message, "library-duplicate-name")
            )
            continue
        block = isinstance(value, list)
        entry = Entry(name, kind, tuple(value if block else [value]), block, display, line, column)
        library.entries[name] = entry
        where[name] = (display, line)
        if block:
            blocks.append((entry, document))
    for entry, document in blocks:
        _resolve_block(library, entry, document)


def _resolve_block(library: Library, entry: Entry, document: Document) -> None:
    """Put the items a block refers to in place of the references."""
    items: list[Any] = []
    parts: list[str] = []
    for index, item in enumerate(entry.items):
        name = reference_name(item)
        if name is None:
            items.append(item)
            continue
        path: DataPath = (entry.kind.key, entry.name, index)
        line, column = document.locate(path)
        target = library.entries.get(name)
        problem = None
        if target is None:
            problem = unknown_name(library, name, entry.kind)
        elif target.block:
            problem = _("'{name}' is a block; a block holds items, not other blocks").format(
                name=name
            )
        elif target.kind != entry.kind:
            problem = wrong_kind(target, entry.kind)
        if problem is not None or target is None:
            library.problems.append(
                Problem(entry.file, line, column, format_path(path), problem or "", "library-block")
            )
            continue
        items.extend(target.items)
        parts.append(name)
    library.entries[entry.name] = Entry(
        entry.name,
        entry.kind,
        tuple(items),
        True,
        entry.file,
        entry.line,
        entry.column,
        tuple(parts),
    )


def unknown_name(library: Library, name: object, kind: Kind) -> str:
    """The message for a name the library does not hold, with the closest one it does."""
    if not isinstance(name, str):
        return _("the library name should be text, such as 'teabevahetus'")
    close = library.closest(name, kind)
    if close:
        return _("no text '{name}' in the library; did you mean '{close}'?").format(
            name=name, close=close
        )
    if library.entries:
        return _("no text '{name}' in the library (library/*.yaml)").format(name=name)
    return _("no text '{name}' in the library: the project has no library/*.yaml").format(name=name)


def wrong_kind(entry: Entry, kind: Kind) -> str:
    """The message for a library text used where a text of another kind stands."""
    return _(
        "'{name}' is a library text of another kind ({found}, in {file}); only a text of kind "
        "'{wanted}' can stand here"
    ).format(
        name=entry.name, found=entry.kind.title.lower(), file=entry.file, wanted=kind.title.lower()
    )


def library_files(root: Path) -> dict[str, bytes]:
    """The bytes of a project's library files, by how they are shown (library/x.yaml)."""
    folder = root / FOLDER
    if not folder.is_dir():
        return {}
    found: dict[str, bytes] = {}
    problems = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix != SUFFIX or not path.is_file():
            continue
        try:
            found[display_path(path)] = path.read_bytes()
        except OSError as error:
            message = _("cannot read the file: {reason}").format(reason=error.strerror or error)
            problems.append(Problem(display_path(path), message=message, code="unreadable"))
    if problems:
        raise AmetidError(problems)
    return found


def library_schema(schema_dir: Path, display: str | None = None) -> Schema:
    """The library's schema, from the project's schema folder."""
    path = schema_dir / SCHEMA_FILE
    return Schema.from_file(path, display or display_path(path))
