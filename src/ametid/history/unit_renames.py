"""Units renamed between two revisions: the register's names that changed in place, each shown
once with the positions it reaches, instead of as a change in every one of them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ametid.check.units import REGISTER_FILE
from ametid.core.register import Register, Unit, UnitPath, register_of
from ametid.source import loader

_UNIT = "unit"


@dataclass(frozen=True)
class UnitRename:
    """A unit of the register that has a new name, and the positions that changed with it."""

    old: UnitPath
    new: str
    positions: tuple[str, ...] = ()
    consent_required: bool = False


def register_from(raw: bytes | None) -> Register | None:
    """A revision's unit register from its file's bytes; None when it has none or it is broken."""
    if raw is None:
        return None
    document, problems = loader.parse(raw, REGISTER_FILE)
    if document is None or problems:
        return None
    try:
        return register_of(document.data)
    except (KeyError, TypeError, AttributeError):
        return None


def renamed_units(old: Register | None, new: Register | None) -> list[UnitRename]:
    """The units whose name changed in place: the same place in the register's tree, with the
    same units inside it, under another name."""
    if old is None or new is None:
        return []
    found: list[UnitRename] = []

    def walk(before: Sequence[Unit], after: Sequence[Unit], path: UnitPath) -> None:
        if len(before) != len(after):
            return
        for was, now in zip(before, after, strict=True):
            if was.name != now.name:
                found.append(UnitRename((*path, was.name), now.name))
            walk(was.units, now.units, (*path, was.name))

    walk(old.units, new.units, ())
    return found


def fold(
    positions: Sequence[Any], renames: Sequence[UnitRename]
) -> tuple[list[UnitRename], list[Any]]:
    """The renames with the positions each reaches, and the positions without the changes of
    their unit that a rename explains (a position with nothing else changed is left out)."""
    reached: dict[int, list[str]] = {index: [] for index in range(len(renames))}
    consent: dict[int, bool] = {index: False for index in range(len(renames))}
    kept = []
    for position in positions:
        old_unit = (position.old or {}).get(_UNIT) or []
        changes = []
        for change in position.changes:
            index = _explained(change, old_unit, renames)
            if index is None:
                changes.append(change)
            else:
                reached[index].append(position.id)
                consent[index] = consent[index] or change.consent_required
        if len(changes) == len(position.changes):
            kept.append(position)
        elif changes:
            kept.append(
                dataclasses.replace(
                    position,
                    changes=tuple(changes),
                    consent_required=any(c.consent_required for c in changes),
                )
            )
    folded = [
        dataclasses.replace(rename, positions=tuple(reached[i]), consent_required=consent[i])
        for i, rename in enumerate(renames)
        if reached[i]
    ]
    return folded, kept


def _explained(change: Any, old_unit: Sequence[str], renames: Sequence[UnitRename]) -> int | None:
    path = change.path
    if len(path) != 2 or path[0] != _UNIT or not isinstance(path[1], int):
        return None
    level = path[1]
    for index, rename in enumerate(renames):
        if (
            len(rename.old) == level + 1
            and tuple(old_unit[: level + 1]) == rename.old
            and change.old == rename.old[-1]
            and change.new == rename.new
        ):
            return index
    return None
