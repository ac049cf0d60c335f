"""Problems found in input files, and the error that carries them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ametid.core.language import gettext as _

# How much a problem weighs: an error makes a file invalid; a note is worth saying, no more.
Severity = Literal["error", "note"]
ERROR: Severity = "error"
NOTE: Severity = "note"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file: where it is and what is wrong.

    `path` is the data path (duties[3].results), `place` the same place as the document numbers
    it (2.4 Oodatavad tulemused), `code` a stable English name of the kind of problem,
    `severity` whether it makes the file invalid (an error) or is only worth saying (a note).
    """

    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    message: str = ""
    code: str = ""
    place: str = ""
    severity: Severity = ERROR

    @property
    def is_error(self) -> bool:
        """Whether the problem makes its file invalid."""
        return self.severity == ERROR

    def __str__(self) -> str:
        message = self.message if self.is_error else _("note") + f": {self.message}"
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.place and self.path:
            return f"{where}: {self.place} ({self.path}): {message}"
        if self.path or self.place:
            return f"{where}: {self.place or self.path}: {message}"
        return f"{where}: {message}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that are errors, notes left out."""
    return [problem for problem in problems if problem.is_error]


class AmetidError(Exception):
    """An error that stops a command and carries the problems that explain it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[AmetidError], tuple[list[Problem]]]:
        # So the error survives the trip back from a worker process.
        return (AmetidError, (self.problems,))


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 shown as \\xNN, so that a report (JSON
    above all) never carries what no UTF-8 text can hold."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # the file system's bytes that are not UTF-8, as surrogates
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def display_path(path: Path) -> str:
    """Show a path relative to the working directory, as the user would type it."""
    try:
        relative = os.path.relpath(path)
    except (ValueError, OSError):
        return printable(str(path))
    return printable(str(path) if relative.startswith("..") else relative)
