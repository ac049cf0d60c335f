"""Applying the JSON Schema, the one authority on a position's shape, and explaining it.

A compiled validator (jsonschema-rs) answers whether a position is valid; only when it is not does
the reference validator (jsonschema, imported then) walk the errors to explain them.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin

import jsonschema_rs

from ametid.core.approval import DIGEST_SCHEMA_PATTERN
from ametid.core.language import gettext as _
from ametid.core.model import DataPath, format_path
from ametid.core.problems import AmetidError, Problem
from ametid.source.loader import Document
from ametid.source.mistakes import shorten

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


def _type_names() -> dict[str, str]:
    return {
        "string": _("text"),
        "array": _("a list"),
        "object": _("a mapping of keys to values"),
        "boolean": _("true or false"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "null": _("empty"),
    }


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def is_date(value: str) -> bool:
    """RFC 3339 full-date that is also a real calendar date (so year 0000 is not)."""
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# Keywords whose values are data, not schemas, and keywords whose keys are names, not keywords.
_DATA_KEYWORDS = frozenset({"enum", "const", "examples", "default"})
_NAMED_SCHEMAS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)


def outside_references(document: Any) -> list[str]:
    """The `$ref`s of a schema that point outside it: to another file, a web address."""
    found: list[str] = []
    known: set[str] = set()
    references: list[tuple[str, str]] = []

    def walk(node: Any, base: str) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, base)
            return
        if not isinstance(node, dict):
            return
        if isinstance(node.get("$id"), str):
            base = _target(base, node["$id"])
            known.add(base)
        for key, value in node.items():
            if key in ("$ref", "$dynamicRef") and isinstance(value, str):
                references.append((value, base))
            elif key in _NAMED_SCHEMAS and isinstance(value, dict):
                for schema in value.values():
                    walk(schema, base)
            elif key not in _DATA_KEYWORDS:
                walk(value, base)

    root = document.get("$id") if isinstance(document, dict) else None
    base = urldefrag(root).url if isinstance(root, str) else ""
    known.add(base)
    walk(document, base)
    for reference, at in references:
        if _target(at, reference) not in known:
            found.append(reference)
    return found


def _target(base: str, reference: str) -> str:
    """The document a reference points to (without the part inside it)."""
    if reference.startswith("#"):
        return base  # urljoin does not join a fragment to a URN such as the schema's own $id
    return urldefrag(urljoin(base, reference)).url


def _refuse(uri: str) -> Any:
    """The retriever of both validators: a schema is never fetched, from the web or a file."""
    raise ValueError(f"{uri} is outside the schema; nothing is fetched")


# The drafts whose meta-schemas the validators carry; any other `$schema` would be fetched.
DRAFTS = frozenset(
    f"{prefix}{draft}{suffix}"
    for prefix in ("https://json-schema.org/", "http://json-schema.org/")
    for draft in ("draft/2020-12/schema", "draft/2019-09/schema", "draft-07/schema")
    for suffix in ("", "#")
)


class Schema:
    """A loaded position schema with its validator."""

    def __init__(self, document: Any, display: str, source: bytes = b"") -> None:
        draft = document.get("$schema") if isinstance(document, dict) else None
        if draft is not None and draft not in DRAFTS:
            message = _(
                "$schema '{draft}' is not a JSON Schema draft that ametid carries, and it "
                'fetches none; write "$schema": "https://json-schema.org/draft/2020-12/schema"'
            ).format(draft=draft)
            raise AmetidError([Problem(display, message=message, code="bad-schema")])
        outside = outside_references(document)
        if outside:
            message = _(
                "$ref '{ref}' points outside the schema, which ametid never fetches; "
                "refer only to the schema's own parts (#/$defs/...)"
            ).format(ref=outside[0])
            raise AmetidError([Problem(display, message=message, code="bad-schema")])
        try:
            jsonschema_rs.meta.validate(document)
            self._fast = jsonschema_rs.validator_for(
                document, validate_formats=True, formats={"date": is_date}, retriever=_refuse
            )
        except (ValueError, jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError) as error:
            message = _("not a valid JSON Schema: {error}").format(error=error).splitlines()[0]
            raise AmetidError([Problem(display, message=message, code="bad-schema")]) from None
        self.document: dict[str, Any] = document
        self.source = source  # the bytes of its file, when it was read from one

    @classmethod
    def from_bytes(cls, raw: bytes, display: str) -> Schema:
        """A schema from the bytes of its file."""
        try:
            document = json.loads(raw.decode("utf-8"))
        except ValueError as error:
            message = _("not a valid JSON Schema: {error}").format(error=error).splitlines()[0]
            raise AmetidError([Problem(display, message=message, code="bad-schema")]) from None
        return cls(document, display, raw)

    @classmethod
    def from_file(cls, path: Path, display: str) -> Schema:
        """A schema from its file."""
        try:
            raw = path.read_bytes()
        except OSError as error:
            message = _("cannot read the schema: {error}").format(error=error)
            raise AmetidError([Problem(display, message=message, code="bad-schema")]) from None
        return cls.from_bytes(raw, display)

    def is_valid(self, data: Any) -> bool:
        """Whether the data satisfies the schema (fast: the compiled validator)."""
        return bool(self._fast.is_valid(data))

    @functools.cached_property
    def _reference(self) -> Any:
        import jsonschema
        import referencing

        return jsonschema.Draft202012Validator(
            self.document,
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
            registry=referencing.Registry(retrieve=_refuse),  # type: ignore[call-arg]
        )

    def _errors(self, data: Any) -> list[ValidationError]:
        return list(self._reference.iter_errors(data))

    def check(self, document: Document, display: str) -> list[Problem]:
        """Return every way the document breaks the schema, in file order."""
        if self.is_valid(document.data):
            return []
        # jsonschema reports a `required` failure once per missing key, each with the whole list,
        # so the same explanation can come more than once; keep the first of each.
        errors = self._errors(document.data)
        # A misspelt required key is one mistake: "did you mean 'title'?" says it all, so the
        # "missing required key 'title'" it causes is not reported again.
        meant = {
            (tuple(error.absolute_path), _closest(name, list(_properties(error.schema))))
            for error in errors
            if error.validator == "additionalProperties" and isinstance(error.instance, dict)
            for name in error.instance
        }
        problems = dict.fromkeys(
            problem for error in errors for problem in _explain(error, document, display, meant)
        )
        return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _type_name(value: object) -> str:
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    return _("a mapping of keys to values")


def _title(schema: Mapping[str, Any], key: str) -> str:
    prop = schema.get("properties", {}).get(key, {})
    title = prop.get("title") if isinstance(prop, dict) else None
    return f" ({title})" if title else ""


def _problem(
    document: Document, display: str, path: DataPath, code: str, message: str, key: bool
) -> Problem:
    line, column = document.locate(path, key=key)
    return Problem(display, line, column, format_path(path), message, code)


def _source(document: Document, path: DataPath, pattern: str = r".*") -> str:
    """The value at `path` as the file writes it: what `pattern` matches where it starts."""
    line, column = document.locate(path)
    lines = document.text.splitlines()
    rest = lines[line - 1][column - 1 :].split(" #", 1)[0] if line <= len(lines) else ""
    found = re.match(pattern, rest)
    return found.group().strip() if found else ""


def _explain(
    error: ValidationError,
    document: Document,
    display: str,
    meant: set[tuple[DataPath, str | None]],
) -> Iterator[Problem]:
    path: DataPath = tuple(error.absolute_path)
    kind = error.validator
    instance = error.instance
    expected: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}

    def problem(code: str, message: str, at: DataPath = path, key: bool = False) -> Problem:
        return _problem(document, display, at, code, message, key)

    if kind == "required" and isinstance(instance, dict):
        for name in expected:
            if name not in instance and (path, name) not in meant:
                message = _("missing required key '{key}'{title}").format(
                    key=name, title=_title(schema, name)
                )
                yield problem("missing-key", message)
    elif kind == "dependentRequired" and isinstance(instance, dict):
        for name, needed in expected.items():
            for other in needed:
                if name in instance and other not in instance:
                    message = _("given without '{other}'; add '{other}' or remove this key").format(
                        other=other
                    )
                    yield problem("needs-other-key", message, (*path, name), key=True)
    elif kind == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {}))
        for name in instance:
            if name not in known:
                yield problem("unknown-key", _unknown_key(name, known), (*path, name), key=True)
    elif kind == "type":
        yield _wrong_type(document, path, expected, instance, problem)
    elif kind == "minItems":
        if instance == []:
            yield problem("empty-list", _("the list is empty; write at least one item"))
        else:
            message = _("write at least {count} items").format(count=expected)
            yield problem("too-few-items", message)
    elif kind == "not" and isinstance(instance, str) and _CONTROL.search(instance):
        character = _CONTROL.search(instance)
        assert character is not None
        message = _("control character U+{code:04X} is not allowed in text; delete it").format(
            code=ord(character.group())
        )
        yield problem("control-character", message)
    elif kind == "pattern" and isinstance(instance, str) and expected == DIGEST_SCHEMA_PATTERN:
        message = _(
            "'{value}' is not a digest that `ametid approve` writes; remove it and run "
            "`ametid approve --keep`, or approve the position anew"
        ).format(value=instance)
        yield problem("not-a-digest", message)
    elif kind == "pattern" and isinstance(instance, str):
        message = _("text is empty or only whitespace; write the text or remove the key")
        yield problem("empty-text", message)
    elif kind == "enum":
        options = ", ".join(str(option) for option in expected)
        hint = [o for o in expected if str(o).casefold() == str(instance).casefold()]
        if hint:
            message = _("'{value}' is not one of: {options}; did you mean '{hint}'?").format(
                value=instance, options=options, hint=hint[0]
            )
        else:
            message = _("'{value}' is not one of: {options}").format(
                value=instance, options=options
            )
        yield problem("not-in-list", message)
    elif kind == "format" and expected == "date":
        message = _("'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-05-19").format(
            value=instance
        )
        yield problem("not-a-date", message)
    else:
        yield problem(str(kind), error.message)


def _wrong_type(
    document: Document,
    path: DataPath,
    expected: Any,
    instance: Any,
    problem: Callable[[str, str], Problem],
) -> Problem:
    """A value of the wrong kind, explained by what its line most likely meant."""
    names = _type_names()
    wanted = names.get(expected, expected) if isinstance(expected, str) else str(expected)
    if instance is None:
        message = _("is empty; write {wanted} or remove the key").format(wanted=wanted)
        return problem("empty-value", message)
    if expected == "string" and isinstance(instance, int | float | bool):
        written = _source(document, path, r"[-+.0-9A-Za-z_]+") or _yaml_text(instance)
        if isinstance(instance, bool):
            message = _(
                "YAML reads {written} as true or false; put it in quotes to keep it as text: "
                '"{written}"'
            )
        else:
            message = _(
                'YAML reads {written} as a number; put it in quotes to keep it as text: "{written}"'
            )
        message = message.format(written=written)
        return problem("needs-quotes", message)
    if expected == "string" and isinstance(instance, dict) and len(instance) == 1:
        [(key, value)] = instance.items()
        key_at = document.locate((*path, key), key=True)
        if isinstance(value, str | None) and key_at == document.locate(path):
            text = _source(document, path)
            message = _(
                "this text holds ': ', which YAML reads as a key; put the whole text in quotes: "
                '"{text}"'
            ).format(text=shorten(text))
            return problem("needs-quotes", message)
    if expected == "array" and isinstance(instance, str) and instance.startswith("-"):
        message = _("put a space after '-': write '- {text}'").format(
            text=shorten(instance[1:].split(" -", 1)[0])
        )
        return problem("dash-without-space", message)
    message = _("should be {wanted}, not {kind}").format(wanted=wanted, kind=_type_name(instance))
    return problem("wrong-type", message)


def _yaml_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _properties(schema: object) -> dict[str, Any]:
    properties = schema.get("properties", {}) if isinstance(schema, dict) else {}
    return properties if isinstance(properties, dict) else {}


def _closest(name: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_key(name: str, known: list[str]) -> str:
    close = _closest(name, known)
    if close:
        return _("unknown key '{key}'; did you mean '{close}'?").format(key=name, close=close)
    return _("unknown key '{key}'; known keys here: {known}").format(
        key=name, known=", ".join(known)
    )
