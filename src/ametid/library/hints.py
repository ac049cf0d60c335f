"""The library's names in the position schema, for editors: `$defs` listing each kind's names,
each with its text as the description an editor shows on hover and in completion.

The names live inside the schema document (never behind an external `$ref`), in the `$defs`
entries the position schema's lists refer to; `ametid library schema` writes them and
`ametid library schema --check` tells whether they are up to date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ametid.core.files import write_file
from ametid.core.language import gettext as _
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project
from ametid.library.kinds import KINDS, Kind
from ametid.library.texts import Entry, Library

REFERENCE_DESCRIPTION = (
    "Ühisteksti nimi raamatukogust (library/*.yaml); ametid kirjutab selle asemele teksti. "
    "Loendi loob `ametid library schema`."
)


def _item_text(kind: Kind, item: Any) -> str:
    """One item as an editor shows it."""
    if kind.item == "duty" and isinstance(item, dict):
        results = "\n".join(f"  - {result}" for result in item.get("results", []))
        return f"{item.get('task', '')}\n{results}"
    if kind.item == "language" and isinstance(item, dict):
        return str(item.get("text", ""))
    if kind.item == "competency" and isinstance(item, dict):
        return str(item.get("name", ""))
    return str(item)


def entry_text(entry: Entry) -> str:
    """A library text as an editor shows it: the text, or a block's items one a line."""
    if not entry.block:
        return _item_text(entry.kind, entry.items[0])
    return "\n".join(f"- {_item_text(entry.kind, item)}" for item in entry.items)


def definition(kind: Kind, library: Library) -> dict[str, Any]:
    """The `$defs` entry of a reference to a library text of one kind."""
    entries = library.of_kind(kind)
    names: dict[str, Any] = {"title": "Ühisteksti nimi"}
    if entries:
        names["description"] = f"Raamatukogu tekst: {kind.title.lower()} või nende plokk."
        names["anyOf"] = [
            {"const": entry.name, "description": entry_text(entry)} for entry in entries
        ]
    else:
        names["description"] = "Raamatukogus ei ole seda liiki tekste."
        names["not"] = {}
    return {
        "title": f"Viide ühistekstile: {kind.title.lower()}",
        "description": REFERENCE_DESCRIPTION,
        "type": "object",
        "additionalProperties": False,
        "required": ["library"],
        "properties": {"library": names},
    }


def with_names(schema: dict[str, Any], library: Library) -> dict[str, Any]:
    """The position schema with the library's names in its `$defs`."""
    defs = dict(schema.get("$defs", {}))
    for kind in KINDS:
        defs[kind.definition] = definition(kind, library)
    return {**schema, "$defs": defs}


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as its file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class SchemaUpdate:
    """What `ametid library schema` found: whether the names were out of date, and written."""

    stale: bool
    written: bool


def update_schema(project: Project, library: Library, *, check: bool) -> SchemaUpdate:
    """Write the library's names into the project's position schema (with `check`, only tell
    whether they are up to date)."""
    path = project.schema_path
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
        schema = json.loads(text)
    except (OSError, ValueError) as error:
        message = _("cannot read the schema: {error}").format(error=error)
        raise AmetidError([Problem(shown, message=message, code="bad-schema")]) from None
    if not isinstance(schema, dict):
        message = _("cannot read the schema: {error}").format(error=_("not a JSON object"))
        raise AmetidError([Problem(shown, message=message, code="bad-schema")])
    wanted = schema_text(with_names(schema, library))
    stale = wanted != text
    if stale and not check:
        write_file(path, wanted, force=True)
    return SchemaUpdate(stale, stale and not check)
