"""The unit register's file and the check that a position's unit is registered."""

from __future__ import annotations

import difflib
from pathlib import Path

from ametid.check.schema import Schema
from ametid.core.language import gettext as _
from ametid.core.model import format_path
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project
from ametid.core.register import Register, register_of
from ametid.core.shipped import shipped_root
from ametid.source import loader
from ametid.source.loader import Document

REGISTER_FILE = "data/units.yaml"
REGISTER_SCHEMA = "schema/units.schema.json"


def register_path(project: Project) -> Path:
    """Where a project keeps its unit register."""
    return project.root / REGISTER_FILE


def register_schema(project: Project) -> Schema:
    """The register's schema: the project's copy, else the package's."""
    path = project.root / REGISTER_SCHEMA
    if not path.is_file():
        path = Path(str(shipped_root().joinpath(REGISTER_SCHEMA)))
    return Schema.from_file(path, display_path(path))


def read_register(project: Project) -> Register | None:
    """The project's unit register, None when it keeps none; an error carrying every problem
    of a register that cannot be used."""
    path = register_path(project)
    if project.shipped or not path.exists():
        return None
    shown = display_path(path)
    raw, problems = loader.read_bytes(path, shown, project.max_file_bytes)
    if raw is None:
        raise AmetidError(problems)
    document, problems = loader.parse(raw, shown)
    if document is None or problems:
        raise AmetidError(problems)
    problems = register_schema(project).check(document, shown) or _duplicates(document, shown)
    if problems:
        raise AmetidError(problems)
    return register_of(document.data)


def _duplicates(document: Document, shown: str) -> list[Problem]:
    """Two units of one level with the same name, which no position could tell apart."""
    problems = []

    def level(items: list[dict[str, object]], path: tuple[str | int, ...]) -> None:
        seen: set[object] = set()
        for index, item in enumerate(items):
            at = (*path, index, "name")
            if item["name"] in seen:
                line, column = document.locate(at)
                message = _("unit '{name}' is already registered at this level").format(
                    name=item["name"]
                )
                problem = Problem(shown, line, column, format_path(at), message, "unit-twice")
                problems.append(problem)
            seen.add(item["name"])
            inner = item.get("units")
            if isinstance(inner, list):
                level(inner, (*path, index, "units"))

    level(document.data["units"], ("units",))
    return problems


def check_unit(register: Register, document: Document, display: str) -> list[Problem]:
    """A position's unit must be a unit of the register, level by level."""
    unit = document.data.get("unit")
    if not isinstance(unit, list):
        return []
    found = register.unknown_level([str(name) for name in unit])
    if found is None:
        return []
    index, known = found
    name = str(unit[index])
    path = ("unit", index)
    line, column = document.locate(path)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    where = unit[index - 1] if index else None
    if close:
        message = _("unit '{name}' is not in the register {register}; did you mean '{close}'?")
        message = message.format(name=name, register=REGISTER_FILE, close=close[0])
    elif known and where is not None:
        message = _(
            "unit '{name}' is not in the register {register}; {parent} has: {known}"
        ).format(name=name, register=REGISTER_FILE, parent=where, known=", ".join(known))
    elif known:
        message = _("unit '{name}' is not in the register {register}; it has: {known}").format(
            name=name, register=REGISTER_FILE, known=", ".join(known)
        )
    else:
        message = _(
            "unit '{name}' is not in the register {register}; {parent} has no units inside it "
            "there: add it to the register or remove it here"
        ).format(name=name, register=REGISTER_FILE, parent=where)
    return [Problem(display, line, column, format_path(path), message, "unknown-unit")]
