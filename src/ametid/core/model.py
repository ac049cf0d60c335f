"""A validated position: its id, where it came from, and its data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The keys of section 1 (Üldosa), in the order the documents and the files show them.
GENERAL = (
    "title",
    "unit",
    "manager",
    "subordinates",
    "substitutes",
    "substitution_scope",
    "substituted_by",
    "purpose",
    "group",
    "special_conditions",
)


@dataclass(frozen=True)
class Position:
    """One position file that passed validation."""

    id: str
    path: Path
    display: str
    data: dict[str, Any]
    digest: str = ""
    data_digest: str = ""

    @property
    def title(self) -> str:
        """The position's title."""
        return str(self.data["title"])

    @property
    def unit(self) -> tuple[str, ...]:
        """The structural unit, outermost first."""
        return tuple(str(part) for part in self.data["unit"])


DataPath = tuple[str | int, ...]


def texts(value: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every text in position data (or a part of it), with the keys and indexes leading to it."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, (*path, index))
