"""References between positions that must hold both ways: substitutes, managers, subordinates.

A name resolves to the position with that title: a manager, a substitute or one substituted for
in the same unit or the nearest unit above; a subordinate in the same unit or a unit below.
Only positions that are both in the repository are compared; a name that matches no position
is a problem only when the project asks for strict references, since most agencies start with
part of their positions. A list that is absent says nothing (unlike an empty one, which says
"none"), so it contradicts nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ametid.core.language import gettext as _
from ametid.core.model import DataPath, Position, format_path
from ametid.core.places import Places
from ametid.core.problems import Problem
from ametid.render.links import title_key
from ametid.source import loader

MANAGER = "manager"
SUBORDINATES = "subordinates"
SUBSTITUTES = "substitutes"
SUBSTITUTED_BY = "substituted_by"
# Each list of substitution and the list that must name the position back.
COUNTERPARTS = {SUBSTITUTED_BY: SUBSTITUTES, SUBSTITUTES: SUBSTITUTED_BY}


def _names(data: dict[str, Any], key: str) -> list[str] | None:
    value = data.get(key)
    if value is None:
        return None
    return [value] if isinstance(value, str) else [str(name) for name in value]


@dataclass
class _Finding:
    """A problem found in one position, before its place in the file is known."""

    position: Position
    path: DataPath
    message: str
    code: str


@dataclass
class References:
    """The positions by title, to resolve the names in them."""

    positions: Sequence[Position]
    by_title: dict[str, list[Position]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for position in self.positions:
            self.by_title.setdefault(title_key(position.title), []).append(position)

    def resolve(self, name: str, unit: tuple[str, ...], *, below: bool = False) -> Position | None:
        """The position `name` means, seen from `unit`: the nearest one above (or, for a
        subordinate, below) with that title; None when there is none or two are as near."""
        candidates = self.by_title.get(title_key(name), [])
        if below:
            eligible = [p for p in candidates if p.unit[: len(unit)] == unit]
            nearest = min((len(p.unit) for p in eligible), default=0)
        else:
            eligible = [p for p in candidates if unit[: len(p.unit)] == p.unit]
            nearest = max((len(p.unit) for p in eligible), default=0)
        found = [p for p in eligible if len(p.unit) == nearest]
        return found[0] if len(found) == 1 else None

    def names(self, position: Position, key: str, other: Position) -> bool:
        """Whether `position` names `other` under `key`."""
        below = key == SUBORDINATES
        for name in _names(position.data, key) or []:
            if title_key(name) != title_key(other.title):
                continue
            resolved = self.resolve(name, position.unit, below=below)
            if resolved is None or resolved.id == other.id:
                return True
        return False


def _unit_text(unit: Iterable[str]) -> str:
    return ", ".join(unit)


def _findings(references: References, position: Position, strict: bool) -> list[_Finding]:
    found: list[_Finding] = []
    data = position.data

    def add(path: DataPath, message: str, code: str) -> None:
        found.append(_Finding(position, path, message, code))

    for key in (MANAGER, SUBORDINATES, SUBSTITUTES, SUBSTITUTED_BY):
        names = _names(data, key) or []
        for index, name in enumerate(names):
            path: DataPath = (key,) if key == MANAGER else (key, index)
            other = references.resolve(name, position.unit, below=key == SUBORDINATES)
            if other is not None and other.id == position.id:
                continue
            if other is None:
                titled = references.by_title.get(title_key(name), [])
                titled = [p for p in titled if p.id != position.id]
                if key == SUBORDINATES:
                    in_line = [p for p in titled if p.unit[: len(position.unit)] == position.unit]
                else:
                    in_line = [p for p in titled if position.unit[: len(p.unit)] == p.unit]
                if in_line:
                    continue  # two positions of that title as near: the name means neither
                if key == MANAGER and titled:
                    first = titled[0]
                    message = _(
                        "'{name}' is a position of {unit} ({file}), outside this position's unit "
                        "and the units above it; a manager is in the same unit or one above"
                    ).format(name=name, unit=_unit_text(first.unit), file=first.display)
                    add(path, message, "manager-outside-line")
                elif strict and not titled:
                    close = difflib.get_close_matches(
                        name, [p.title for p in references.positions], n=1
                    )
                    if close:
                        message = _("no position is titled '{name}'; did you mean '{close}'?")
                    else:
                        message = _("no position is titled '{name}'")
                    add(path, message.format(name=name, close=close[0] if close else ""), "unknown")
                continue
            if key in COUNTERPARTS:
                back = COUNTERPARTS[key]
                if _names(other.data, back) is not None and not references.names(
                    other, back, position
                ):
                    if key == SUBSTITUTED_BY:
                        message = _(
                            "{other} ({file}) does not name this position among those it stands "
                            "in for (substitutes); add '{title}' there or remove it here"
                        )
                    else:
                        message = _(
                            "{other} ({file}) does not name this position among those who stand "
                            "in for it (substituted_by); add '{title}' there or remove it here"
                        )
                    message = message.format(
                        other=other.title, file=other.display, title=position.title
                    )
                    add(path, message, "one-sided-substitution")
            elif key == MANAGER:
                if _names(other.data, SUBORDINATES) is not None and not references.names(
                    other, SUBORDINATES, position
                ):
                    message = _(
                        "{other} ({file}) lists its subordinates without this position; add "
                        "'{title}' there or name another manager here"
                    ).format(other=other.title, file=other.display, title=position.title)
                    add(path, message, "subordinate-left-out")
            elif key == SUBORDINATES:
                manager = _names(other.data, MANAGER) or []
                if manager and not references.names(other, MANAGER, position):
                    message = _(
                        "{other} ({file}) names '{manager}' as its manager, not this position; "
                        "make the two files agree"
                    ).format(other=other.title, file=other.display, manager=manager[0])
                    add(path, message, "other-manager")
    return found


def check_references(
    positions: Sequence[Position], places: Places | None = None, *, strict: bool = False
) -> list[Problem]:
    """Every reference between the positions that does not hold both ways (and, when strict,
    every name that matches no position); each problem names both files."""
    references = References(positions)
    findings = [f for position in positions for f in _findings(references, position, strict)]
    problems = []
    documents: dict[str, loader.Document | None] = {}
    for finding in findings:
        position = finding.position
        if position.display not in documents:
            try:
                raw = position.path.read_bytes()
            except OSError:
                raw = b""
            documents[position.display] = loader.parse(raw, position.display)[0] if raw else None
        document = documents[position.display]
        line, column = document.locate(finding.path) if document else (None, None)
        place = ""
        if places is not None and document is not None:
            place = places.label(document.data, finding.path)
        path = format_path(finding.path)
        problems.append(
            Problem(
                position.display,
                line,
                column,
                path,
                finding.message,
                finding.code,
                place if place != path else "",
            )
        )
    return problems
