"""The unit register: the agency's departments, divisions and teams, in order, as a tree."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

UnitPath = tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """One registered unit: its name, its optional code and the units inside it, in order."""

    name: str
    code: str = ""
    units: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Register:
    """The registered units, outermost level first, in the register's order."""

    units: tuple[Unit, ...]

    def walk(self) -> Iterator[tuple[UnitPath, Unit]]:
        """Every unit with its path, depth first, in the register's order."""

        def below(path: UnitPath, units: Sequence[Unit]) -> Iterator[tuple[UnitPath, Unit]]:
            for unit in units:
                yield (*path, unit.name), unit
                yield from below((*path, unit.name), unit.units)

        yield from below((), self.units)

    def paths(self) -> list[UnitPath]:
        """The path of every unit, in the register's order."""
        return [path for path, _unit in self.walk()]

    def rank(self) -> dict[UnitPath, int]:
        """Each unit's place in the register's order."""
        return {path: index for index, path in enumerate(self.paths())}

    def unit(self, path: Sequence[str]) -> Unit | None:
        """The unit at `path`, or None when the register has none there."""
        level = self.units
        found = None
        for name in path:
            found = next((unit for unit in level if unit.name == name), None)
            if found is None:
                return None
            level = found.units
        return found

    def unknown_level(self, path: Sequence[str]) -> tuple[int, list[str]] | None:
        """Where `path` leaves the register: the index of the first name it has not, and the
        names the register has at that level; None when the whole path is registered."""
        level = self.units
        for index, name in enumerate(path):
            found = next((unit for unit in level if unit.name == name), None)
            if found is None:
                return index, [unit.name for unit in level]
            level = found.units
        return None

    def names(self) -> set[str]:
        """Every name of a unit at any level."""
        return {unit.name for _path, unit in self.walk()}


def register_of(data: Mapping[str, Any]) -> Register:
    """A register from its (schema-valid) data."""

    def units(items: Sequence[Mapping[str, Any]]) -> tuple[Unit, ...]:
        return tuple(
            Unit(str(item["name"]), str(item.get("code", "")), units(item.get("units", ())))
            for item in items
        )

    return Register(units(data["units"]))
