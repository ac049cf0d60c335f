"""What a renderer is given and what every format's renderer answers to."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ametid.core.model import Position


@dataclass(frozen=True)
class Job:
    """One position to render, and the pages the names in it link to.

    The position's whole data is kept as compact JSON and unpacked by each renderer in turn: a
    build of thousands of positions then holds one position's data at a time, not all of them,
    and a Word worker process receives a few kilobytes of text.
    """

    id: str
    path: Path
    display: str
    packed: bytes
    links: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, position: Position, links: Mapping[str, str] | None = None) -> Job:
        """The job of rendering a position that has its whole data."""
        packed = json.dumps(position.data, ensure_ascii=False, separators=(",", ":"))
        return cls(position.id, position.path, position.display, packed.encode(), links or {})

    @property
    def position(self) -> Position:
        """The position with its whole data."""
        return Position(self.id, self.path, self.display, json.loads(self.packed))


class Renderer(Protocol):
    """Renders positions into the documents of one format."""

    def render(self, jobs: Sequence[Job]) -> Iterator[tuple[Job, str | bytes]]:
        """Each job with its document, in the order given."""
        ...
