"""Reading YAML as editors and JSON Schema read it (YAML 1.2 core schema), with source locations."""

from __future__ import annotations

import pytest

from ametid.source.loader import parse


def data(text: str) -> object:
    document, problems = parse(text.encode("utf-8"), "x.yaml")
    assert problems == []
    assert document is not None
    return document.data


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("2026-05-19", "2026-05-19"),
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("012", 12),
        ("0o17", 15),
        ("0x1F", 31),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("+12", 12),
        ("1:20", "1:20"),
        ("0b11", "0b11"),
        ("1_000", "1_000"),
        ("53", 53),
        ("-4", -4),
        ("1.5", 1.5),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("'53'", "53"),
        ('"true"', "true"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(scalar: str, expected: object) -> None:
    assert data(f"value: {scalar}\n") == {"value": expected}


def test_bom_and_crlf_are_accepted() -> None:
    document, problems = parse(b"\xef\xbb\xbftitle: A\r\nunit: [B]\r\n", "x.yaml")
    assert problems == []
    assert document is not None
    assert document.data == {"title": "A", "unit": ["B"]}


def test_text_is_normalised_to_nfc() -> None:
    decomposed = "o\u0303"  # o + combining tilde
    assert data(f"title: {decomposed}\n") == {"title": "\u00f5"}


def test_every_value_and_key_has_its_location() -> None:
    document, _ = parse(b"title: A\nduties:\n  - task: B\n    results: [C]\n", "x.yaml")
    assert document is not None
    assert document.locate(("title",)) == (1, 8)
    assert document.locate(("duties", 0, "task")) == (3, 11)
    assert document.locate(("duties", 0, "results", 0)) == (4, 15)
    assert document.locate(("duties", 0, "results"), key=True) == (4, 5)
    assert document.locate(("duties", 0, "missing")) == (3, 5)


def test_duplicate_keys_at_any_depth_are_all_reported() -> None:
    text = b"a: 1\na: 2\nb:\n  c: 1\n  c: 2\n"
    document, problems = parse(text, "x.yaml")
    assert [str(p) for p in problems] == [
        "x.yaml:2:1: a: duplicate key 'a' (first given on line 1); keep one and delete the other",
        "x.yaml:5:3: b.c: duplicate key 'c' (first given on line 4); keep one and delete the other",
    ]
    assert document is not None
    assert document.data == {"a": 1, "b": {"c": 1}}


def test_alias_without_anchor_line_is_refused() -> None:
    _, problems = parse(b"a: [x]\nb: *a\n", "x.yaml")
    assert len(problems) == 1
    assert problems[0].line == 2


def test_an_error_at_the_very_end_of_the_file() -> None:
    _, problems = parse(b"title: [\n", "x.yaml")
    assert [(p.line, p.column) for p in problems] == [(1, 1)]
    _, problems = parse(b"title:\n\t- x", "x.yaml")
    assert [str(p) for p in problems] == [
        "x.yaml:2:1: a tab is used for indentation; YAML indents with spaces only: replace the "
        "tab with spaces"
    ]
