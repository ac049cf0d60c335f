"""Links between position pages: a name in a position links to the one position of that title."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ametid.core.model import Position

# The fields whose texts name other positions.
NAMING_FIELDS = ("manager", "subordinates", "substitutes", "substituted_by")


def title_key(text: str) -> str:
    """What two titles must share to be the same: the words, whatever their case and spacing."""
    return " ".join(text.split()).casefold()


def link_targets(positions: Iterable[Position]) -> dict[str, str]:
    """Map each title that exactly one position has to that position's id."""
    owners: dict[str, list[str]] = {}
    for position in positions:
        owners.setdefault(title_key(position.title), []).append(position.id)
    return {key: ids[0] for key, ids in owners.items() if len(ids) == 1}


def named_positions(data: Mapping[str, Any]) -> list[str]:
    """The texts of a position that name other positions, in the order of the document."""
    names: list[str] = []
    for field in NAMING_FIELDS:
        value = data.get(field)
        names.extend([value] if isinstance(value, str) else value or [])
    return names


def position_links(
    position_id: str, data: Mapping[str, Any], targets: Mapping[str, str]
) -> dict[str, str]:
    """Map each name in a position that one other position has as its title to that one's id."""
    links = {}
    for name in named_positions(data):
        target = targets.get(title_key(name))
        if target is not None and target != position_id:
            links[name] = target
    return links
