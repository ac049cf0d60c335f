"""How the library of shared texts changed between two revisions, and which positions each
change reaches: every position naming a changed text prints it changed, and an approved one
turns into a draft until it is approved again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ametid.library.texts import Library


@dataclass(frozen=True)
class LibraryChange:
    """One library text that changed: its name, how, where it is kept, and the positions it
    reaches (by id), of them the approved ones it turns into drafts."""

    name: str
    status: str  # added, removed, changed
    file: str
    reached: tuple[str, ...]
    drafts: tuple[str, ...]


def library_changes(
    old: Library | None,
    new: Library | None,
    uses: Mapping[str, Sequence[str]],
    positions: Mapping[str, Mapping[str, Any]],
    changed: set[str],
) -> list[LibraryChange]:
    """The changed library texts, by name, each with the positions of the new version naming
    it (`uses`); `changed` are the ids of the positions whose content differs."""
    before = old.entries if old else {}
    after = new.entries if new else {}
    found = []
    for name in sorted(set(before) | set(after)):
        was, now = before.get(name), after.get(name)
        if was is not None and now is not None and was.items == now.items:
            continue
        status = "added" if was is None else "removed" if now is None else "changed"
        entry = now or was
        assert entry is not None
        file = entry.file.rsplit(":", 1)[-1]  # without the revision it was read at
        # A position names the text itself, or a block that holds it.
        holders = {name} | {b.name for b in after.values() if name in b.parts}
        reached = tuple(sorted(i for i, names in uses.items() if holders & set(names)))
        drafts = tuple(i for i in reached if i in changed and "approval" in positions.get(i, {}))
        found.append(LibraryChange(name, status, file, reached, drafts))
    return found
