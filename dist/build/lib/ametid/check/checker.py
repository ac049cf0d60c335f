"""The one checker: the bytes of a position file in, its checked data or its problems out.

Every command that reads positions — `validate` and `build`, `diff` and `review` on old
revisions, `new` and `import` on what they are about to write — checks them here, so a file
gets the same verdict whichever command reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ametid.check import rules
from ametid.check.schema import Schema
from ametid.core.problems import Problem, display_path
from ametid.core.project import Project
from ametid.source import loader


@dataclass(frozen=True)
class Checker:
    """Checks position files against one schema and the rules, within one size limit."""

    schema: Schema
    max_bytes: int

    def check_bytes(
        self, raw: bytes, display: str, *, with_rules: bool = True
    ) -> tuple[Any, list[Problem]]:
        """Parse one file's bytes and check them: the data as read (None when the file cannot
        be read as YAML at all) and every problem; the position is valid when there is none.

        Without `with_rules`, only the YAML and the schema are checked: for a draft that is
        meant to hold placeholders still.
        """
        if len(raw) > self.max_bytes:
            return None, [loader.size_problem(display, self.max_bytes)]
        document, problems = loader.parse(raw, display)
        if document is None:
            return None, problems
        problems += self.schema.check(document, display)
        if not problems and with_rules:
            problems += rules.check_document(document, display)
        return document.data, problems

    def read(self, path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
        """Read a position file's bytes, refusing what is not a regular file or is too large."""
        return loader.read_bytes(path, display, self.max_bytes)


def project_checker(project: Project) -> Checker:
    """The checker of a project: its schema and its size limit."""
    path = project.schema_path
    return Checker(Schema.from_file(path, display_path(path)), project.max_file_bytes)
