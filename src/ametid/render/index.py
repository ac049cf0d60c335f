"""The index page: what it keeps of each position, its search words, and its grouping by unit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ametid.core.approval import as_printed
from ametid.core.collation import estonian_key
from ametid.core.layout import Layout
from ametid.core.model import Position

_WORD = re.compile(r"\w+")


def search_text(data: Mapping[str, Any]) -> str:
    """The distinct words of a position's title, unit and duties, lower case, in sorted order.

    Lower case as JavaScript's toLowerCase() writes it, so the page can compare what is typed
    with these words without knowing Python's rules.
    """
    texts = [data["title"], *data["unit"]]
    for duty in data.get("duties", []):
        texts.append(duty["task"])
        texts.extend(duty["results"])
    words = {word for text in texts for word in _WORD.findall(text.lower())}
    return " ".join(sorted(words))


# What a build keeps of every position, in memory and in its manifest, to write the index and
# the links between pages without reading unchanged files again: the index's own fields and the
# names of other positions (the layout's naming keys), which the links are made from.
INDEX_FIELDS = (
    "title",
    "unit",
    "manager",
    "approval",
    "reviewed",
    "staff_code",
    "posts",
    "status",
    "applies_from",
)
# What the index keeps of the details instead: the words its search box looks through, and
# the approval a changed position is a draft of (its own approval then left out). The leading
# underscore keeps them apart from every key a position file may have.
SEARCH_FIELD = "_search"
DRAFT_FIELD = "_draft"


def index_fields(data: Mapping[str, Any], layout: Layout) -> dict[str, Any]:
    """What the index page and the links see of a position, its search words, and the
    approval it is a draft of when its content changed since."""
    printed, draft = as_printed(data, layout)
    wanted = (*INDEX_FIELDS, *layout.naming_keys)
    fields = {key: printed[key] for key in wanted if key in printed}
    fields[SEARCH_FIELD] = search_text(data)
    if draft is not None:
        fields[DRAFT_FIELD] = draft
    return fields


def _entries(positions: Iterable[Position]) -> list[dict[str, Any]]:
    ordered = sorted(positions, key=lambda p: (estonian_key(p.title), p.id))
    return [
        {
            "id": p.id,
            "position": p.data,
            "search": p.data.get(SEARCH_FIELD, ""),
            "draft": p.data.get(DRAFT_FIELD),
        }
        for p in ordered
    ]


def index_groups(
    positions: Iterable[Position], rank: Mapping[tuple[str, ...], int] | None = None
) -> list[dict[str, Any]]:
    """Group positions by department, then division: in the unit register's order (`rank`,
    each unit's place in it), else in Estonian alphabetical order.

    The department is the outermost unit; the division is the rest of the unit, which is empty
    for positions that belong to the department itself.
    """
    departments: dict[str, dict[tuple[str, ...], list[Position]]] = {}
    for position in positions:
        department, *division = position.unit
        departments.setdefault(department, {}).setdefault(tuple(division), []).append(position)
    ranks = rank or {}
    # Units the register lacks (a project without one) come after it, alphabetically.
    unranked = len(ranks)

    def department_key(name: str) -> tuple[int, Any]:
        return ranks.get((name,), unranked), estonian_key(name)

    groups = []
    for department in sorted(departments, key=department_key):
        divisions = departments[department]

        def division_key(division: tuple[str, ...], department: str = department) -> Any:
            return ranks.get((department, *division), unranked), [estonian_key(u) for u in division]

        groups.append(
            {
                "name": department,
                "path": (department,),
                "positions": _entries(divisions.get((), [])),
                "divisions": [
                    {
                        "name": ", ".join(division),
                        "path": (department, *division),
                        "positions": _entries(divisions[division]),
                    }
                    for division in sorted((d for d in divisions if d), key=division_key)
                ],
            }
        )
    return groups
