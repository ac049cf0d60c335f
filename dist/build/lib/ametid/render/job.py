"""What a renderer is given and what every format's renderer answers to."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ametid.core.model import Position


@dataclass(frozen=True)
class Job:
    """One position to render: its whole data, and the pages the names in it link to."""

    position: Position
    links: Mapping[str, str] = field(default_factory=dict)


class Renderer(Protocol):
    """Renders positions into the documents of one format."""

    def render(self, jobs: Sequence[Job]) -> Iterator[tuple[Job, str | bytes]]:
        """Each job with its document, in the order given."""
        ...
