"""The agency's standard wording of the directive, read from data/directive.yaml.

The texts are the agency's, so they live beside its standard texts and not in ametid. A text
names what ametid fills in with braces ("{annexes}"); only the names the text is documented to
take are filled in, each with plain text, so a text is never a template.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from ametid.core.language import gettext as _
from ametid.core.model import format_path
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project
from ametid.core.shipped import shipped_root
from ametid.source import loader

WORDING = Path("data") / "directive.yaml"
SCHEMA = Path("schema") / "directive.schema.json"
# The names each text may hold in braces.
FIELDS: Mapping[tuple[str, ...], frozenset[str]] = {
    ("approves", "one"): frozenset({"annexes"}),
    ("approves", "many"): frozenset({"annexes"}),
    ("annex",): frozenset({"title", "annex"}),
    ("revokes", "one"): frozenset({"item"}),
    ("revokes", "annex"): frozenset({"by", "date", "directive", "annex", "title"}),
    ("revokes", "whole"): frozenset({"by", "date", "directive", "title"}),
}
_FIELD = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Wording:
    """The directive's standard texts and its signatory."""

    data: Mapping[str, Any]

    def text(self, *keys: str) -> str:
        """The text at `keys`, e.g. ("revokes", "one")."""
        return _at(self.data, keys)

    def filled(self, keys: tuple[str, ...], **values: str) -> str:
        """The text at `keys` with its names in braces replaced by `values`."""
        return _FIELD.sub(lambda found: values[found.group(1)], self.text(*keys))

    @property
    def signatory(self) -> Mapping[str, str]:
        """Who signs: `title`, and `name` and `signed` when the agency gives them."""
        return dict(self.data["signatory"])


def _schema(project: Project) -> dict[str, Any]:
    own = project.root / SCHEMA
    raw = own.read_bytes() if own.is_file() else shipped_root().joinpath(*SCHEMA.parts).read_bytes()
    schema: dict[str, Any] = json.loads(raw)
    return schema


def read_wording(project: Project) -> Wording:
    """The project's data/directive.yaml, checked; a clear error when it is missing or wrong."""
    path = project.root / WORDING
    shown = display_path(path)
    if not path.is_file():
        message = _(
            "missing: the directive's standard wording and signatory; "
            "copy it from a new repository made with ametid init"
        )
        raise AmetidError([Problem(shown, message=message, code="wording")])
    document, problems = loader.read(path, shown, project.max_file_bytes)
    if document is None or problems:
        raise AmetidError(problems)
    validator = jsonschema.Draft202012Validator(_schema(project))
    found: list[Problem] = []
    for error in sorted(validator.iter_errors(document.data), key=lambda e: list(e.path)):
        where = tuple(error.path)
        line, column = document.locate(where)
        message = _("does not fit schema/directive.schema.json: {reason}").format(
            reason=error.message
        )
        found.append(
            Problem(shown, line, column, format_path(where), message=message, code="wording")
        )
    if not found:
        found = _field_problems(document, shown)
    if found:
        raise AmetidError(found)
    return Wording(document.data)


def _field_problems(document: loader.Document, shown: str) -> list[Problem]:
    """Names in braces that a text does not take."""
    found = []
    for keys, allowed in FIELDS.items():
        for name in _FIELD.findall(_at(document.data, keys)):
            if name not in allowed:
                line, column = document.locate(keys)
                message = _("{{{name}}} is not filled in here; this text may name {names}").format(
                    name=name, names=", ".join(f"{{{each}}}" for each in sorted(allowed))
                )
                found.append(
                    Problem(shown, line, column, format_path(keys), message=message, code="wording")
                )
    for keys in _texts(document.data):
        if keys not in FIELDS and _FIELD.search(_at(document.data, keys)):
            line, column = document.locate(keys)
            message = _("nothing is filled in here; write the text without braces")
            found.append(
                Problem(shown, line, column, format_path(keys), message=message, code="wording")
            )
    return found


def _texts(data: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for key, value in data.items():
        if isinstance(value, Mapping):
            found += _texts(value, (*prefix, key))
        else:
            found.append((*prefix, key))
    return found


def _at(data: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    value: Any = data
    for key in keys:
        value = value[key]
    return str(value)
