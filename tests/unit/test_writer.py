"""Writing positions as YAML: the house style, and text that always reads back as the same text."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ametid.source.dumper import dump_position
from ametid.source.loader import parse
from support.paths import ORDER, WRITTEN_OUT

POSITIONS = sorted((WRITTEN_OUT).glob("*.yaml"))


def load(text: str) -> dict[str, Any]:
    document, problems = parse(text.encode("utf-8"), "x.yaml")
    assert problems == [] and document is not None
    return dict(document.data)


@pytest.mark.parametrize("path", POSITIONS, ids=[path.stem for path in POSITIONS])
def test_writer_reproduces_every_hand_written_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert dump_position(load(text), ORDER) == text


def position(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Nõustaja",
        "unit": ["Ohvriabi osakond"],
        "manager": "Talituse juhataja",
        "purpose": "Eesmärk.",
        "duties": [{"task": "Ülesanne.", "results": ["Tulemus."]}],
        "requirements": {
            "education": "Kõrgharidus",
            "experience": "Kogemus.",
            "languages": [{"text": "Eesti keel C1.", "level": "C1"}],
        },
        "rights": ["Õigus."],
        "responsibilities": ["Vastutus."],
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # YAML 1.2 reads these as numbers, booleans or null; PyYAML's dumper leaves some bare.
        ("1e100", '"1e100"'),
        ("0o17", '"0o17"'),
        ("0x1F", '"0x1F"'),
        ("012", '"012"'),
        ("-.5", '"-.5"'),
        (".inf", '".inf"'),
        ("True", '"True"'),
        ("null", '"null"'),
        ("~", '"~"'),
        # YAML 1.1 readers would take these for booleans or numbers, so they are quoted too.
        ("no", '"no"'),
        ("On", '"On"'),
        ("1:20", '"1:20"'),
        ("1_000", '"1_000"'),
        # Syntax that would change the structure.
        ("- punkt", '"- punkt"'),
        ("a: b", '"a: b"'),
        ("x #y", '"x #y"'),
        ("#x", '"#x"'),
        ("[x]", '"[x]"'),
        ("'x'", "\"'x'\""),
        ("", '""'),
        (" algab tühikuga", '" algab tühikuga"'),
        ('ütles "jah"', 'ütles "jah"'),
        ("rida\nrida", '"rida\\nrida"'),
        ("tab\there", '"tab\\there"'),
        ("a\u2028b", '"a\\Lb"'),
        ("\ufeffx", '"\\uFEFFx"'),
        ("tõlge\\kaldkriips", "tõlge\\kaldkriips"),
        # A date: text to YAML 1.2, but a date object to YAML 1.1 readers such as PyYAML.
        ("2026-05-19", '"2026-05-19"'),
        # Plain where YAML 1.2 keeps them text, as the hand-written files do.
        ("C1", "C1"),
        ("Ohvriabi osakond", "Ohvriabi osakond"),
    ],
)
def test_texts_are_quoted_exactly_when_needed(text: str, written: str) -> None:
    out = dump_position(position(special_conditions=text), ORDER)
    assert f"\nspecial_conditions: {written}\n" in out
    assert load(out)["special_conditions"] == text


def test_flow_lists_fall_back_to_blocks_when_an_item_has_a_comma() -> None:
    out = dump_position(position(unit=["Osakond, talitus", "tiim"], subordinates=[]), ORDER)
    assert "\nunit:\n  - Osakond, talitus\n  - tiim\nmanager:" in out
    assert "\nsubordinates: []\n" in out
    assert load(out)["unit"] == ["Osakond, talitus", "tiim"]


def test_long_texts_fold_at_100_characters_and_keep_double_spaces() -> None:
    text = " ".join(["sõna"] * 40) + "  kaks tühikut " + "x" * 120
    out = dump_position(position(purpose=text), ORDER)
    assert "purpose: >-\n" in out
    assert all(len(line) <= 100 for line in out.splitlines() if "x" * 120 not in line)
    assert load(out)["purpose"] == text


def test_reviewed_stands_after_the_approval() -> None:
    approval = {"by": "Peadirektori", "date": "2026-05-19", "directive": "53"}
    out = dump_position(
        position(reviewed="2027-05-01", approval=approval, review_note="Märkus."), ORDER
    )
    assert out.splitlines()[-3:] == [
        'approval: {by: Peadirektori, date: "2026-05-19", directive: "53"}',
        'reviewed: "2027-05-01"',
        "review_note: Märkus.",
    ]


def test_unknown_keys_follow_the_known_ones_in_their_order() -> None:
    data = position()
    data = {"zeta": "z", **data, "alpha": "a"}
    out = dump_position(data, ORDER)
    assert out.splitlines()[-2:] == ["zeta: z", "alpha: a"]


NFC_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
    | st.sampled_from(list("\t\n\r :#-?[]{},&*!|>'\"%@`\\\u2028\u2029\ufeff")),
    max_size=160,
).map(lambda text: unicodedata.normalize("NFC", text))
TRICKY = st.sampled_from(["1e100", "0o17", "no", "- x", "a: b", "", " ", "null", "2026-05-19", "-"])
TEXT = NFC_TEXT | TRICKY
TEXTS = st.lists(TEXT, max_size=4)


@given(
    title=TEXT,
    unit=TEXTS,
    purpose=TEXT,
    task=TEXT,
    results=TEXTS,
    languages=st.lists(st.fixed_dictionaries({"text": TEXT, "level": TEXT}), max_size=2),
    approval=st.fixed_dictionaries({"by": TEXT, "date": TEXT, "directive": TEXT}),
    signed=st.booleans(),
)
@settings(max_examples=100, deadline=None)
def test_any_texts_read_back_as_the_same_data(
    title: str,
    unit: list[str],
    purpose: str,
    task: str,
    results: list[str],
    languages: list[dict[str, str]],
    approval: dict[str, str],
    signed: bool,
) -> None:
    data = position(
        title=title,
        unit=unit,
        purpose=purpose,
        duties=[{"task": task, "results": results}],
        approval=approval,
        signatures=[{"party": "Tööandja", "digitally_signed": signed}],
    )
    data["requirements"]["languages"] = languages
    assert load(dump_position(data, ORDER)) == data
