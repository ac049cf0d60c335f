"""The rules a position must keep that JSON Schema cannot express, kept in one place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ametid.core.language import gettext as _
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


def _printable(name: str) -> str:
    """A file name as a message can show it: bytes that are not UTF-8 as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def check_file_name(path: Path, display: str) -> list[Problem]:
    """A position file is named <id>.yaml, the id being lower-case words joined by hyphens."""
    fix = f"{suggest_id(path.stem)}{SUFFIX}"
    if path.suffix.lower() in (".yml", ".yaml") and path.suffix != SUFFIX:
        message = _("position files end in {suffix}, not {wrong}; rename it to {fix}").format(
            suffix=SUFFIX, wrong=path.suffix, fix=fix
        )
        return [Problem(display, message=message, code="file-name")]
    if path.suffix != SUFFIX:
        message = _("not a position file: only <id>{suffix} files belong here; move it out").format(
            suffix=SUFFIX
        )
        return [Problem(display, message=message, code="not-a-position")]
    if not ID_PATTERN.fullmatch(path.stem):
        message = _(
            "file name '{name}' is not a valid id (lower-case a-z, 0-9 and single hyphens); "
            "rename it to {fix}"
        ).format(name=_printable(path.stem), fix=fix)
        return [Problem(display, message=message, code="file-name")]
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
        message = _("is a link to a file outside the project; copy the file in instead")
        return [Problem(display, message=message, code="link-outside")]
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
            message = _(
                "level {level} does not occur in the text '{text}'; make them agree"
            ).format(level=level, text=text)
            problems.append(
                Problem(display, line, column, format_path(path), message, "level-not-in-text")
            )
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
            message = _("placeholder {placeholder} left; write the text in its place").format(
                placeholder=PLACEHOLDER
            )
            problems.append(
                Problem(display, line, column, format_path(path), message, "placeholder")
            )
    return problems


def check_unique_ids(files: Iterable[tuple[Path, str]]) -> list[Problem]:
    """Every id names one file: report each later file that reuses an id."""
    seen: dict[str, str] = {}
    problems = []
    for path, display in files:
        first = seen.setdefault(path.stem, display)
        if first != display:
            message = _("id '{id}' is already used by {first}; ids must be unique").format(
                id=path.stem, first=first
            )
            problems.append(Problem(display, message=message, code="duplicate-id"))
    return problems
