"""A validated position: its id, where it came from, and its data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Position:
    """One position file that passed validation."""

    id: str
    path: Path
    display: str
    data: dict[str, Any]
    digest: str = ""  # of the file's bytes
    data_digest: str = ""  # of the data, whatever the file's layout and comments
    complete: bool = True  # False when `data` is only what a previous build kept of it

    @property
    def title(self) -> str:
        """The position's title."""
        return str(self.data["title"])

    @property
    def unit(self) -> tuple[str, ...]:
        """The structural unit, outermost first."""
        return tuple(str(part) for part in self.data["unit"])


DataPath = tuple[str | int, ...]


def format_path(path: DataPath) -> str:
    """Write a data path as in messages: duties[3].results."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


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
