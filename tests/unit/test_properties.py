"""Any file gives data or clean problems; any position the schema accepts builds."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ametid.build import build
from ametid.check.rules import PLACEHOLDER
from ametid.check.schema import Schema
from ametid.core.project import find_project
from ametid.source.loader import parse
from support.ooxml import assert_valid_docx
from support.paths import REPO, WRITTEN_OUT

SCHEMA = Schema.from_file(REPO / "schema" / "position.schema.json", "schema/position.schema.json")
VALID = (WRITTEN_OUT / "ekspert-noustamismetoodikad.yaml").read_bytes()


def check_file(raw: bytes) -> None:
    """Parse and schema-check raw bytes; every outcome must be data or well-formed problems."""
    document, problems = parse(raw, "x.yaml")
    if document is not None:
        problems += SCHEMA.check(document, "x.yaml")
    for problem in problems:
        assert problem.file == "x.yaml"
        assert problem.message
        assert "\n" not in str(problem)


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_bytes_give_data_or_clean_problems(raw: bytes) -> None:
    check_file(raw)


@given(st.text(alphabet="[]{}:,-?'\"\n\r\t #&*!|>%@`a1\u00f5\ufeff", max_size=30))
@settings(max_examples=1000, deadline=None)
def test_any_text_of_yaml_syntax_gives_data_or_clean_problems(text: str) -> None:
    check_file(text.encode("utf-8"))


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_any_edit_of_a_valid_file_gives_data_or_clean_problems(data: st.DataObject) -> None:
    raw = bytearray(VALID)
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.integers(0, len(raw)))
        cut = data.draw(st.integers(0, 8))
        insert = data.draw(
            st.binary(max_size=6)
            | st.sampled_from([b": ", b"- ", b"\n  ", b"&a", b"*a", b"!!", b"[", b"{", b"'"])
        )
        raw[where : where + cut] = insert
    check_file(bytes(raw))


TEXT_ALPHABET = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Co", "Cn"),
) | st.sampled_from(list("<>&\"'{}%#*_`|\\ õäöüšž"))
TEXT = st.text(TEXT_ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
TEXTS = st.lists(TEXT, min_size=1, max_size=3)
LEVEL = st.sampled_from(["A1", "A2", "B1", "B2", "C1", "C2"])


@st.composite
def positions(draw: st.DrawFn) -> dict[str, Any]:
    """Positions the schema accepts, with any subset of the optional keys."""
    level = draw(LEVEL)
    position: dict[str, Any] = {
        "title": draw(TEXT),
        "unit": draw(TEXTS),
        "manager": draw(TEXT),
        "purpose": draw(TEXT),
        "duties": draw(
            st.lists(
                st.fixed_dictionaries({"task": TEXT, "results": TEXTS}), min_size=1, max_size=3
            )
        ),
        "requirements": {
            "education": draw(TEXT),
            "experience": draw(TEXT),
            "languages": [{"text": f"{draw(TEXT)} {level}", "level": level}],
        },
        "rights": draw(TEXTS),
        "responsibilities": draw(TEXTS),
    }
    optional: dict[str, Any] = {
        "subordinates": st.lists(TEXT, max_size=2),
        "substituted_by": st.lists(TEXT, max_size=2),
        "group": st.sampled_from(["töötaja", "ametnik"]),
        "special_conditions": TEXT,
        "rights_intro": TEXT,
        "responsibilities_intro": TEXT,
        "tools": TEXT,
        "amendment_rules": TEXTS,
        "review_note": TEXT,
        "approval": st.fixed_dictionaries(
            {"by": TEXT, "date": st.dates().map(str), "directive": TEXT},
            optional={"annex": TEXT},
        ),
        "signatures": st.lists(
            st.fixed_dictionaries(
                {"party": st.sampled_from(["Tööandja", "Töötaja"])},
                optional={"name": TEXT, "title": TEXT, "digitally_signed": st.booleans()},
            ),
            min_size=1,
            max_size=2,
        ),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            position[key] = draw(strategy)
    if draw(st.booleans()):
        position["substitutes"] = draw(st.lists(TEXT, max_size=2))
        if draw(st.booleans()):
            position["substitution_scope"] = draw(TEXT)
    requirements_optional = {
        "knowledge": TEXTS,
        "personal_qualities": TEXTS,
        "computer_skills": TEXT,
        "competencies": st.lists(
            st.fixed_dictionaries(
                {"name": TEXT}, optional={"description": TEXT, "indicators": TEXTS}
            ),
            min_size=1,
            max_size=2,
        ),
    }
    for key, strategy in requirements_optional.items():
        if draw(st.booleans()):
            position["requirements"][key] = draw(strategy)
    return position


def nfc(value: Any) -> Any:
    """The value as the loader gives it back: every text in Unicode NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: nfc(item) for key, item in value.items()}
    return value


@given(positions())
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_position_the_schema_accepts_builds_in_all_formats(
    empty_project: Path, position: dict[str, Any]
) -> None:
    # The placeholder of `ametid new` is valid to the schema but refused by validation on purpose.
    assume(PLACEHOLDER not in json.dumps(position, ensure_ascii=False))
    path = empty_project / "positions" / "generated.yaml"
    # JSON is YAML 1.2 with every text quoted; PyYAML's dumper follows YAML 1.1 and would leave
    # texts such as 1e100 unquoted, which YAML 1.2 reads as numbers.
    path.write_text(json.dumps(position, ensure_ascii=False, indent=1), encoding="utf-8")
    document, problems = parse(path.read_bytes(), "generated.yaml")
    assert problems == [] and document is not None
    assert document.data == nfc(position)
    result = build(find_project(empty_project), ("md", "html", "docx"), empty_project / "build")
    assert result.problems == []
    assert result.positions == 1
    assert_valid_docx([empty_project / "build" / "docx" / "generated.docx"])


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | TEXT
    | LEVEL
    | st.sampled_from(
        ["", " ", "2026-05-19", "0000-01-01", "2026-02-30", "töötaja", "Tööandja", "C1 C1"]
    ),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["task", "results", "text", "level", "name", "x"]), children, max_size=3
        )
    ),
    max_leaves=6,
)


@given(positions(), st.data())
@settings(max_examples=300, deadline=None)
def test_fast_validator_agrees_with_the_reference(
    position: dict[str, Any], data: st.DataObject
) -> None:
    """The compiled validator says "valid" exactly when jsonschema finds no error."""
    import jsonschema

    reference = jsonschema.Draft202012Validator(
        SCHEMA.document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    target: Any = position
    path = data.draw(st.lists(st.integers(0, 20), max_size=3))
    for step in path:
        children = list(target.items()) if isinstance(target, dict) else list(enumerate(target))
        if not children:
            break
        key, child = children[step % len(children)]
        if not isinstance(child, dict | list):
            target[key] = data.draw(JSON_VALUES)
            break
        target = child
    else:
        if isinstance(target, dict):
            target[data.draw(st.sampled_from(["title", "extra", "date", "level"]))] = data.draw(
                JSON_VALUES
            )
    assert SCHEMA.is_valid(position) == reference.is_valid(position)
