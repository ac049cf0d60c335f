"""Renaming a unit: in the unit register and in every position that names it, keeping each
file's style, and saying which approved positions the change turns into drafts."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ametid.check.checker import project_checker
from ametid.check.units import REGISTER_FILE, read_register, register_path, register_schema
from ametid.check.validation import validate
from ametid.core.approval import approval_state
from ametid.core.files import write_files
from ametid.core.language import gettext as _
from ametid.core.layout import read_layout
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project
from ametid.core.register import Register, UnitPath, register_of
from ametid.source import loader, rewrite


@dataclass(frozen=True)
class Renaming:
    """What a rename changed: the unit's path before, the positions rewritten and, of those,
    the approved ones that are drafts now."""

    unit: UnitPath
    new: str
    positions: tuple[str, ...]
    drafts: tuple[str, ...]


def _refuse(message: str, code: str) -> AmetidError:
    return AmetidError([Problem(REGISTER_FILE, message=message, code=code)])


def _unit_path(register: Register, old: str) -> UnitPath:
    """The one unit of the register named `old`."""
    found = [path for path in register.paths() if path[-1] == old]
    if not found:
        close = difflib.get_close_matches(old, sorted(register.names()), n=1)
        if close:
            message = _("no unit '{name}' in the register; did you mean '{close}'?").format(
                name=old, close=close[0]
            )
        else:
            message = _("no unit '{name}' in the register").format(name=old)
        raise _refuse(message, "unknown-unit")
    if len(found) > 1:
        message = _(
            "'{name}' names {count} units of the register ({units}); rename one by hand there"
        ).format(name=old, count=len(found), units="; ".join(", ".join(p) for p in found))
        raise _refuse(message, "ambiguous-unit")
    return found[0]


def _register_node(nodes: Any, indexes: list[int]) -> Any:
    level = nodes["units"]
    node = None
    for index in indexes:
        node = level[index]
        level = node.get("units", [])
    return node


def _indexes(register: Register, path: UnitPath) -> list[int]:
    """The list index of each level of `path` in the register."""
    level = register.units
    indexes = []
    for name in path:
        index = next(i for i, unit in enumerate(level) if unit.name == name)
        indexes.append(index)
        level = level[index].units
    return indexes


def rename_unit(project: Project, old: str, new: str) -> Renaming:
    """Rename the unit `old` (at any level) to `new` in the register and in every position."""
    new = " ".join(new.split())
    register = read_register(project)
    if register is None:
        message = _("the project keeps no unit register; write {file} first").format(
            file=REGISTER_FILE
        )
        raise _refuse(message, "no-register")
    path = _unit_path(register, old)
    parent = register.unit(path[:-1])
    siblings = parent.units if parent else register.units
    if new != old and any(unit.name == new for unit in siblings):
        message = _("the register already has a unit '{name}' there").format(name=new)
        raise _refuse(message, "unit-exists")
    validation = validate(project)
    if validation.problems:
        raise AmetidError(validation.problems)

    shown_register = display_path(register_path(project))
    register_text = register_path(project).read_text(encoding="utf-8")
    nodes = rewrite.load(register_text)
    _register_node(nodes, _indexes(register, path))["name"] = new
    new_register_text = rewrite.dump(nodes)
    document, problems = loader.parse(new_register_text.encode("utf-8"), shown_register)
    if document is None or problems:
        raise AmetidError(problems)
    problems = register_schema(project).check(document, shown_register)
    if problems:
        raise AmetidError(problems)
    renamed_register = register_of(document.data)

    checker = replace(project_checker(project), register=renamed_register)
    layout = read_layout(project.templates_dir)
    depth = len(path) - 1
    files: list[tuple[Path, str | bytes]] = []
    changed, drafts = [], []
    for position in sorted(validation.positions, key=lambda p: p.display):
        if position.unit[: len(path)] != path:
            continue
        text = position.path.read_text(encoding="utf-8")
        nodes = rewrite.load(text)
        nodes["unit"][depth] = new
        new_text = rewrite.dump(nodes)
        expected = dict(position.data)
        expected["unit"] = [*path[:depth], new, *position.unit[depth + 1 :]]
        data, problems = checker.check_bytes(new_text.encode("utf-8"), position.display)
        if problems or data != expected:
            message = _("cannot be rewritten without changing more than the unit; rename by hand")
            raise AmetidError(
                problems or [Problem(position.display, message=message, code="rewrite")]
            )
        if (
            approval_state(position.data, layout).approved
            and not approval_state(data, layout).approved
        ):
            drafts.append(position.display)
        files.append((position.path, new_text))
        changed.append(position.display)
    files.append((register_path(project), new_register_text))
    write_files(files, force=True)
    return Renaming(path, new, tuple(changed), tuple(drafts))
