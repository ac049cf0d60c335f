"""The schema file alone is the contract: any standard validator accepts the positions with it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ametid.source.loader import parse
from support.paths import REPO

SCHEMA = json.loads((REPO / "schema" / "position.schema.json").read_text(encoding="utf-8"))
POSITIONS = sorted((REPO / "positions").glob("*.yaml"))


def plain_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def load(path: Path) -> Any:
    document, problems = parse(path.read_bytes(), path.name)
    assert problems == []
    assert document is not None
    return document.data


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"]


@pytest.mark.parametrize("path", POSITIONS, ids=[p.stem for p in POSITIONS])
def test_plain_validator_accepts_every_position(path: Path) -> None:
    assert list(plain_validator().iter_errors(load(path))) == []


def test_plain_validator_refuses_a_misspelt_key() -> None:
    data = load(POSITIONS[0])
    data["requirements"]["educaton"] = data["requirements"].pop("education")
    messages = [error.message for error in plain_validator().iter_errors(data)]
    assert any("educaton" in message for message in messages)


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every object the schema describes (not the conditions that tell a library reference)."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for key, value in node.items():
            if key != "if":
                yield from _objects(value)


def test_every_object_forbids_unknown_keys() -> None:
    objects = list(_objects(SCHEMA))
    assert len(objects) >= 7
    for obj in objects:
        assert obj["additionalProperties"] is False


def test_every_property_has_an_estonian_title_and_description() -> None:
    for obj in _objects(SCHEMA):
        for name, prop in obj["properties"].items():
            assert prop.get("title"), name
            assert prop.get("description"), name


def test_positions_start_with_the_editor_schema_line() -> None:
    for path in POSITIONS:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/position.schema.json"


@pytest.mark.parametrize("path", POSITIONS, ids=[p.stem for p in POSITIONS])
def test_positions_are_valid_even_to_a_yaml_1_1_reader(path: Path) -> None:
    """PyYAML's safe_load reads bare dates as date objects; the files quote them."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(plain_validator().iter_errors(data)) == []


def _schema_with_title_ref(reference: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(SCHEMA))
    document["properties"]["title"] = {"$ref": reference}
    return document


def test_a_reference_outside_the_schema_is_refused_and_never_fetched() -> None:
    import socket

    from ametid.check.schema import Schema
    from ametid.core.problems import AmetidError

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.5)
        port = server.getsockname()[1]
        for document in (
            _schema_with_title_ref(f"http://127.0.0.1:{port}/title.json"),
            {**SCHEMA, "$schema": f"http://127.0.0.1:{port}/meta.json"},
        ):
            with pytest.raises(AmetidError) as refused:
                Schema(document, "schema/position.schema.json")
            assert f"127.0.0.1:{port}" in str(refused.value)
        with pytest.raises(TimeoutError):
            server.accept()


def test_references_inside_the_schema_resolve() -> None:
    from ametid.check.schema import Schema, outside_references

    assert outside_references(SCHEMA) == []
    own = Schema(_schema_with_title_ref(f"{SCHEMA['$id']}#/$defs/text"), "schema")
    document, _ = parse((REPO / "positions" / "projektijuht.yaml").read_bytes(), "x")
    assert document is not None
    assert own.is_valid(document.data)
    assert not own.is_valid({**document.data, "title": ""})
    assert outside_references(_schema_with_title_ref("file:///etc/passwd")) == [
        "file:///etc/passwd"
    ]
    assert outside_references(_schema_with_title_ref("teine.json#/x")) == ["teine.json#/x"]
