"""Putting the library's texts in place of the references in a position (`- library: NAME`).

A position is expanded once, as it is read, so that everything after — the schema, the rules,
the documents, the approval digest, diff and review — sees the texts written out, exactly as if
the position held them itself. Where a problem lies in an expanded text, it is shown at the
reference that brought the text in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ametid.core.language import gettext as _
from ametid.core.model import DataPath, format_path
from ametid.core.problems import Problem
from ametid.library.kinds import BY_PLACE, KINDS, Kind
from ametid.library.texts import REFERENCE_KEY, Library, reference_name, unknown_name, wrong_kind
from ametid.source.loader import Document, Location, parse

# For each list expanded: where each of its items came from in the file (the index of the item
# or of the reference that brought it in, and whether it came from the library).
Origins = dict[DataPath, list[tuple[int, bool]]]


class ExpandedDocument(Document):
    """A position with the library's texts in place, locating each value in the file it was read
    from: a text that came from the library is located at its reference."""

    def __init__(self, source: Document, data: Any, origins: Origins) -> None:
        super().__init__(data, source.text)
        self.source = source
        self._origins = origins

    def source_path(self, path: DataPath) -> tuple[DataPath, bool]:
        """The path in the file of a path in the expanded data, and whether it lies in a text
        the library brought in (the path is then the reference's)."""
        for length in range(len(path) - 1, 0, -1):
            origins = self._origins.get(path[:length])
            index = path[length]
            if origins is not None and isinstance(index, int) and index < len(origins):
                found, shared = origins[index]
                if shared:
                    return (*path[:length], found), True
                return (*path[:length], found, *path[length + 1 :]), False
        return path, False

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        """Where the value at `path` (or its key) stands in the file, else its nearest parent."""
        found, shared = self.source_path(path)
        return self.source.locate(found, key=key and not shared)


@dataclass
class Expansion:
    """A position with the library's texts in place, what went wrong, and which texts it used."""

    document: Document
    problems: list[Problem] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # lists holding a reference that failed
    used: list[str] = field(default_factory=list)  # the names, in order of use


def _get(data: Any, path: DataPath) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _set(data: dict[str, Any], path: DataPath, value: Any) -> dict[str, Any]:
    """A copy of `data` (copied along `path` only) with `value` at `path`."""
    key = path[0]
    assert isinstance(key, str)
    if len(path) == 1:
        return {**data, key: value}
    inner = data[key]
    assert isinstance(inner, dict)
    return {**data, key: _set(inner, path[1:], value)}


def has_references(data: Any) -> bool:
    """Whether a position's data holds a library reference where one may stand."""
    if not isinstance(data, dict):
        return False
    for kind in KINDS:
        for place in kind.places:
            items = _get(data, place)
            if isinstance(items, list) and any(reference_name(item) is not None for item in items):
                return True
    return False


def expand(document: Document, library: Library, display: str) -> Expansion:
    """The position with every library reference replaced by the texts it names."""
    if not has_references(document.data):
        return Expansion(document)
    result = Expansion(document)
    data: dict[str, Any] = document.data
    origins: Origins = {}
    for place, kind in BY_PLACE.items():
        items = _get(data, place)
        if not isinstance(items, list) or all(reference_name(i) is None for i in items):
            continue
        expanded: list[Any] = []
        came: list[tuple[int, bool]] = []
        for index, item in enumerate(items):
            name = reference_name(item)
            if name is None:
                expanded.append(item)
                came.append((index, False))
                continue
            message = _reference_problem(item, name, library, kind)
            if message is not None:
                path = (*place, index)
                line, column = document.locate(path)
                known = isinstance(name, str) and name in library.entries
                code = "library-kind" if known else "library-unknown-name"
                if len(item) > 1:
                    code = "library-reference"
                if message:
                    result.problems.append(
                        Problem(display, line, column, format_path(path), message, code)
                    )
                result.broken.add(format_path(place))
                continue
            entry = library.entries[name]
            result.used.append(name)
            copies = entry.copies()
            expanded.extend(copies)
            came.extend((index, True) for _copy in copies)
        data = _set(data, place, expanded)
        origins[place] = came
    result.document = ExpandedDocument(document, data, origins)
    return result


def _reference_problem(item: dict[str, Any], name: Any, library: Library, kind: Kind) -> str | None:
    """What is wrong with a reference ("" when the library cannot say), or None."""
    others = [key for key in item if key != REFERENCE_KEY]
    if others:
        return _(
            "a library reference holds only '{key}: NAME'; move '{other}' to an item of its own"
        ).format(key=REFERENCE_KEY, other=others[0])
    entry = library.entries.get(name) if isinstance(name, str) else None
    if entry is None:
        return "" if library.unreadable else unknown_name(library, name, kind)
    if entry.kind != kind:
        return wrong_kind(entry, kind)
    return None


def library_names(raw: bytes) -> list[str]:
    """The library names a valid position file's bytes refer to, in order."""
    if REFERENCE_KEY.encode() not in raw:
        return []
    document, _problems = parse(raw, "")
    if document is None or not isinstance(document.data, dict):
        return []
    names = []
    for place in BY_PLACE:
        items = _get(document.data, place)
        for item in items if isinstance(items, list) else []:
            name = reference_name(item)
            if isinstance(name, str):
                names.append(name)
    return names
