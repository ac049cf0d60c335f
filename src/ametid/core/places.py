"""Names of places in a position as its document shows them: "2.3 Oodatav tulemus 2".

The names are the schema's Estonian titles (a list item's name is its `items` title); the
numbers follow the layout table: 1. Üldosa, 2. duties (2.1, 2.2 …), 3. requirements, 4. rights
(4.1 …), 5. responsibilities (5.1 …), then the optional sections a position has.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ametid.core.layout import Layout
from ametid.core.model import DataPath

SEPARATOR = ": "


class Places:
    """Names places in positions of one schema and one layout."""

    def __init__(self, schema: Mapping[str, Any], layout: Layout) -> None:
        self._schema = schema
        self.layout = layout
        self._general = set(layout.general.keys)
        self._numbered = {s.key for s in layout.sections if s.numbered}

    def _resolve(self, node: Mapping[str, Any]) -> dict[str, Any]:
        """A schema node with its $ref followed; the node's own keywords win. A list item that
        may also be a library reference (`if` reference `then` … `else` the item) is the item."""
        otherwise = node.get("else")
        if isinstance(otherwise, Mapping) and "if" in node:
            own = {k: v for k, v in node.items() if k not in ("if", "then", "else")}
            return {**self._resolve(otherwise), **self._resolve(own)}
        reference = node.get("$ref")
        if not isinstance(reference, str) or not reference.startswith("#/"):
            return dict(node)
        target: Any = self._schema
        for part in reference[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        resolved = self._resolve(target) if isinstance(target, Mapping) else {}
        return {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}

    def _child(self, node: Mapping[str, Any], part: str | int) -> dict[str, Any]:
        if isinstance(part, int):
            items = node.get("items", {})
            return self._resolve(items if isinstance(items, Mapping) else {})
        properties = node.get("properties", {})
        child = properties.get(part, {}) if isinstance(properties, Mapping) else {}
        return self._resolve(child if isinstance(child, Mapping) else {})

    def key_order(self, path: DataPath) -> list[str]:
        """The keys of the mapping at `path` in the order the document shows them."""
        if not path:
            return [*self.layout.document_order, *self._schema.get("properties", {})]
        node = self._resolve(self._schema)
        for part in path:
            node = self._child(node, part)
        return list(node.get("properties", {}))

    def label(self, data: Mapping[str, Any], path: DataPath) -> str:
        """Name the place at `path` in `data` the way the document numbers and labels it."""
        if not path:
            return ""
        key = path[0]
        node = self._child(self._resolve(self._schema), key)
        number = self.layout.number(data, str(key))
        rest = path[1:]
        names: list[str] = []
        if key in self._numbered and rest and isinstance(rest[0], int) and number:
            number = f"{number}.{rest[0] + 1}"
            node = self._child(node, rest[0])
            rest = rest[1:]
            if not rest:
                names.append(_title(node, str(key)))
        elif not rest or number is None or key in self._general:
            names.append(_title(node, str(key)))
        for part in rest:
            child = self._child(node, part)
            if isinstance(part, int):
                item = f"{_title(child, '')} {part + 1}".strip()
                if names:
                    names[-1] = item
                else:
                    names.append(item)
            else:
                names.append(_title(child, part))
            node = child
        return " ".join(part for part in (number, SEPARATOR.join(names)) if part)


def _title(node: Mapping[str, Any], fallback: str) -> str:
    title = node.get("title")
    return title if isinstance(title, str) and title else fallback
