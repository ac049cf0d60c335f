"""The one checker: the bytes of a position file in, its checked data or its problems out.

Every command that reads positions — `validate` and `build`, `diff` and `review` on old
revisions, `new` and `import` on what they are about to write — checks them here, so a file
gets the same verdict whichever command reads it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ametid.check import notes as position_notes
from ametid.check import rules
from ametid.check.schema import Schema
from ametid.check.units import check_unit, read_register
from ametid.core.layout import Layout, read_layout
from ametid.core.model import parse_path
from ametid.core.places import Places
from ametid.core.problems import Problem, display_path
from ametid.core.project import Project
from ametid.core.register import Register
from ametid.library.expansion import expand
from ametid.library.texts import Library, library_files, library_schema, read_library
from ametid.source import loader

# The top-level keys of a file that YAML cannot read, found by their lines: enough to number
# the sections a place is in.
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):", re.MULTILINE)


_NO_LIBRARY = Library()


@dataclass(frozen=True)
class Checker:
    """Checks position files against one schema and the rules, within one size limit."""

    schema: Schema
    max_bytes: int
    layout: Layout | None = None  # to name places as the document numbers them
    library: Library | None = None  # the shared texts that references in positions name
    register: Register | None = None  # the units a position may name; any, without one

    @functools.cached_property
    def _places(self) -> Places | None:
        return Places(self.schema.document, self.layout) if self.layout else None

    def _placed(self, problems: list[Problem], data: Any, raw: bytes) -> list[Problem]:
        """The problems with their places named as the document numbers them."""
        places = self._places
        if places is None or not any(problem.path for problem in problems):
            return problems
        if not isinstance(data, dict):
            text = raw.decode("utf-8", "replace")
            data = dict.fromkeys(_TOP_KEY.findall(text))
        named = []
        for problem in problems:
            if problem.code.startswith("library-"):
                # Said of a reference in the file; the document's numbering of the expanded
                # texts would point elsewhere, so the list it stands in is named.
                path = parse_path(problem.path)[:-1]
                place = places.label(data, path) if path else ""
                named.append(replace(problem, place=place) if place else problem)
                continue
            path = parse_path(problem.path)
            if problem.code == "unknown-key":
                path = path[:-1]  # an unknown key is named by where it stands
            place = places.label(data, path) if path else ""
            named.append(replace(problem, place=place) if place != problem.path else problem)
        return named

    def check_bytes(
        self, raw: bytes, display: str, *, with_rules: bool = True, notes: bool = False
    ) -> tuple[Any, list[Problem]]:
        """Parse one file's bytes and check them: the data as read (None when the file cannot
        be read as YAML at all) and every problem; the position is valid when there is none.

        Without `with_rules`, only the YAML and the schema are checked: for a draft that is
        meant to hold placeholders still. With `notes`, a valid position's notes come too, and
        it is valid when every problem is a note.
        """
        if len(raw) > self.max_bytes:
            return None, [loader.size_problem(display, self.max_bytes)]
        document, problems = loader.parse(raw, display)
        if document is None:
            return None, self._placed(problems, None, raw)
        expansion = expand(document, self.library or _NO_LIBRARY, display)
        document = expansion.document
        problems += expansion.problems
        read_wrong = set(expansion.broken)
        # Where reading found a mistake, what the schema says of the same place follows from it.
        read_wrong |= {problem.path for problem in problems if problem.path}
        problems += [
            problem
            for problem in self.schema.check(document, display)
            if not any(_within(problem.path, path) for path in read_wrong)
        ]
        if not problems and with_rules:
            problems += rules.check_document(document, display)
            if self.register is not None:
                problems += check_unit(self.register, document, display)
        if not problems and with_rules and notes and self.layout is not None:
            problems += position_notes.check_notes(document, display, self.layout)
        problems.sort(key=lambda problem: (problem.line or 0, problem.column or 0))
        return document.data, self._placed(problems, document.data, raw)

    def read(self, path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
        """Read a position file's bytes, refusing what is not a regular file or is too large."""
        return loader.read_bytes(path, display, self.max_bytes)


def _within(path: str, parent: str) -> bool:
    """Whether data path `path` is `parent` or lies inside it."""
    return path == parent or path.startswith((f"{parent}.", f"{parent}["))


def project_checker(project: Project) -> Checker:
    """The checker of a project: its schema, its size limit and its unit register."""
    path = project.schema_path
    schema = Schema.from_file(path, display_path(path))
    layout = read_layout(project.templates_dir)
    library = project_library(project)
    return Checker(
        schema, project.max_file_bytes, layout, library=library, register=read_register(project)
    )


def project_library(project: Project, files: dict[str, bytes] | None = None) -> Library | None:
    """The project's library of shared texts (from the given files, else library/), or None
    when it has none."""
    if files is None:
        files = {} if project.shipped else library_files(project.root)
    if not files:
        return None
    schema = library_schema(project.schema_path.parent)
    return read_library(files, schema, project.max_file_bytes)
