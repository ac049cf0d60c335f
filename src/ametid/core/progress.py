"""How far long work has got, for a person watching a terminal; nobody is told by default.

Long loops (rendering hundreds of documents, importing many files, comparing many positions)
pass their items through `track`; a command gives a reporter that draws a progress bar when
stderr is a terminal, and `SILENT` otherwise, so CI logs stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")


class Progress:
    """Where long work reports each item done; this one reports to nobody."""

    def track(self, items: Iterable[Item], total: int, label: str) -> Iterator[Item]:
        """Yield the items, each one counted as done once the next is asked for."""
        yield from items


SILENT = Progress()
