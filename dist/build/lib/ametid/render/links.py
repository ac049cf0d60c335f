"""Links between position pages: a name in a position links to the one position of that title."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ametid.core.model import Position


def title_key(text: str) -> str:
    """What two titles must share to be the same: the words, whatever their case and spacing."""
    return " ".join(text.split()).casefold()


def link_targets(positions: Iterable[Position]) -> dict[str, str]:
    """Map each title that exactly one position has to that position's id."""
    owners: dict[str, list[str]] = {}
    for position in positions:
        owners.setdefault(title_key(position.title), []).append(position.id)
    return {key: ids[0] for key, ids in owners.items() if len(ids) == 1}


def named_positions(data: Mapping[str, Any], naming_keys: Sequence[str]) -> list[str]:
    """The texts of a position that name other positions (under the layout's naming keys)."""
    names: list[str] = []
    for field in naming_keys:
        value = data.get(field)
        names.extend([value] if isinstance(value, str) else value or [])
    return names


def position_links(
    position: Position, targets: Mapping[str, str], naming_keys: Sequence[str]
) -> dict[str, str]:
    """Map each name in a position that one other position has as its title to that one's id."""
    links = {}
    for name in named_positions(position.data, naming_keys):
        target = targets.get(title_key(name))
        if target is not None and target != position.id:
            links[name] = target
    return links
