"""The rules a position must keep that JSON Schema cannot express, kept in one place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ametid.core.model import format_path, texts
from ametid.core.problems import Problem
from ametid.source.loader import Document

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SUFFIX = ".yaml"
# What `ametid new` and `ametid import` write where a required text is still to be written.
PLACEHOLDER = "TÄIDA"
_PLACEHOLDER = re.compile(rf"\b{PLACEHOLDER}\b")


def suggest_id(text: str) -> str:
    """Turn a title or file name into a valid id: 'Ekspert (kvaliteet)' -> 'ekspert-kvaliteet'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())) or "position"


def is_position_file(path: Path) -> bool:
    """Whether the file's name says it holds a position (whatever the rest of the name)."""
    return path.suffix == SUFFIX


def check_file_name(path: Path, display: str) -> list[Problem]:
    """A position file is named <id>.yaml, the id being lower-case words joined by hyphens."""
    fix = f"{suggest_id(path.stem)}{SUFFIX}"
    if path.suffix.lower() in (".yml", ".yaml") and path.suffix != SUFFIX:
        message = f"position files end in {SUFFIX}, not {path.suffix}; rename it to {fix}"
        return [Problem(display, message=message)]
    if path.suffix != SUFFIX:
        message = f"not a position file: only <id>{SUFFIX} files belong here; move it out"
        return [Problem(display, message=message)]
    if not ID_PATTERN.fullmatch(path.stem):
        message = (
            f"file name {path.stem!r} is not a valid id (lower-case a-z, 0-9 and single hyphens); "
            f"rename it to {fix}"
        )
        return [Problem(display, message=message)]
    return []


def check_location(path: Path, root: Path, display: str) -> list[Problem]:
    """A file in the project must not be a link to a file outside it."""
    if not path.is_symlink():
        return []
    absolute = path.absolute()
    project = root.resolve()
    inside = absolute == project or project in absolute.parents or root in absolute.parents
    target = path.resolve()
    if inside and project not in target.parents:
        message = "is a link to a file outside the project; copy the file in instead"
        return [Problem(display, message=message)]
    return []


def check_document(document: Document, display: str) -> list[Problem]:
    """Check the rules inside one schema-valid position."""
    problems = []
    requirements = document.data.get("requirements")
    languages: Any = requirements.get("languages", []) if isinstance(requirements, dict) else []
    for index, language in enumerate(languages if isinstance(languages, list) else []):
        if not isinstance(language, dict):
            continue
        text, level = language.get("text"), language.get("level")
        if (
            isinstance(text, str)
            and isinstance(level, str)
            and not re.search(rf"\b{level}\b", text)
        ):
            path = ("requirements", "languages", index, "level")
            line, column = document.locate(path)
            message = f"level {level} does not occur in the text {text!r}; make them agree"
            problems.append(Problem(display, line, column, format_path(path), message))
    problems += check_placeholders(document, display)
    return problems


def check_placeholders(document: Document, display: str) -> list[Problem]:
    """Point at every placeholder left by `ametid new` or `ametid import`."""
    if PLACEHOLDER not in document.text:  # the usual case, and far cheaper than the walk
        return []
    problems = []
    for path, text in texts(document.data):
        if _PLACEHOLDER.search(text):
            line, column = document.locate(path)
            message = f"placeholder {PLACEHOLDER} left; write the text in its place"
            problems.append(Problem(display, line, column, format_path(path), message))
    return problems


def check_unique_ids(files: Iterable[tuple[Path, str]]) -> list[Problem]:
    """Every id names one file: report each later file that reuses an id."""
    seen: dict[str, str] = {}
    problems = []
    for path, display in files:
        first = seen.setdefault(path.stem, display)
        if first != display:
            message = f"id {path.stem!r} is already used by {first}; ids must be unique"
            problems.append(Problem(display, message=message))
    return problems
