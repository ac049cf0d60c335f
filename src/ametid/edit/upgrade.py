"""Bringing later fixes to an agency that restyled its own copies: how its schema and templates
differ from the installed package's, and the package's copies put in their place on request.

Only the files the package ships are compared; a template the agency added is its own and is
left alone, and so are its standard texts (data/), which are its own words. Line ends do not
count as a difference, so a copy checked out on Windows matches.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ametid import __version__
from ametid.core.files import write_file
from ametid.core.project import Project
from ametid.core.shipped import shipped_files

UPGRADED = ("schema", "templates")


@dataclass(frozen=True)
class Difference:
    """One shipped file that the project's copy does not match."""

    path: str  # where it stands in the project: "templates/site/_style.css"
    status: str  # "changed", or "missing" when the project has no copy
    diff: str  # the change from the project's copy to the package's; "" for a Word file
    package: bytes  # the package's copy


def _text(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def _diff(path: str, ours: bytes, theirs: bytes) -> tuple[bool, str]:
    """Whether the two copies differ, and how, line by line, when both are text."""
    mine, packaged = _text(ours), _text(theirs)
    if mine is None or packaged is None or path.endswith(".docx"):
        return ours != theirs, ""
    if mine == packaged:
        return False, ""
    lines = difflib.unified_diff(
        _lines(mine),
        _lines(packaged),
        fromfile=f"{path} (this repository)",
        tofile=f"{path} (ametid {__version__})",
    )
    return True, "".join(lines)


def differences(project: Project) -> list[Difference]:
    """The shipped schema and template files that the project lacks or has changed."""
    found = []
    for path, package in shipped_files(UPGRADED).items():
        target = project.root / path
        if not target.is_file():
            found.append(Difference(path, "missing", "", package))
            continue
        differs, diff = _diff(path, target.read_bytes(), package)
        if differs:
            found.append(Difference(path, "changed", diff, package))
    return found


def apply(project: Project, chosen: list[Difference]) -> list[Path]:
    """Put the package's copy in place of each chosen file; return the files written."""
    written = []
    for difference in chosen:
        target = project.root / difference.path
        write_file(target, difference.package, force=True)  # the person chose to replace it
        written.append(target)
    return written
