"""Comparing positions as documents: matching list items, labels, verdicts, the merged redline."""

from __future__ import annotations

import copy
import itertools
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ametid.core.model import DataPath
from ametid.core.places import Places
from ametid.history.diff import Change, align, compare, compare_positions, flatten
from ametid.history.redline import Tokens, merge, resolve
from ametid.history.words import diff_words
from ametid.source.loader import parse
from support.paths import LAYOUT, REPO, WRITTEN_OUT

LABELS = Places(json.loads((REPO / "schema" / "position.schema.json").read_text("utf-8")), LAYOUT)
IDS = sorted(path.stem for path in (WRITTEN_OUT).glob("*.yaml"))


def position(position_id: str) -> dict[str, Any]:
    document, problems = parse((WRITTEN_OUT / f"{position_id}.yaml").read_bytes(), "x")
    assert document is not None and problems == []
    data: dict[str, Any] = document.data
    return data


def summary(changes: list[Change]) -> list[tuple[str, str, str, bool, str]]:
    return [
        (c.kind, c.label, ".".join(map(str, c.path)), c.consent_required, c.reason) for c in changes
    ]


def test_align_inserted_item_in_the_middle() -> None:
    alignment = align(["a", "b", "c"], ["a", "x y z", "b", "c"])
    assert alignment.order == ((0, 0), (None, 1), (1, 2), (2, 3))
    assert alignment.moved == frozenset()


def test_align_matches_an_edited_item_and_finds_moves() -> None:
    old = ["Õigus saada teavet.", "Õigus osaleda.", "Õigus teha kaugtööd."]
    new = ["Õigus teha kaugtööd.", "Õigus saada teavet ja abi.", "Õigus osaleda."]
    alignment = align(old, new)
    assert alignment.old_to_new == {0: 1, 1: 2, 2: 0}
    assert alignment.moved == frozenset({2})
    assert alignment.order == ((None, 0), (0, 1), (1, 2), (2, None))


def test_new_duty_in_the_middle_is_one_added_duty() -> None:
    old = position("ekspert-noustamismetoodikad")
    new = copy.deepcopy(old)
    new["duties"].insert(2, {"task": "Uue e-kursuse loomine.", "results": ["E-kursus on loodud."]})
    assert summary(compare(old, new, LABELS)) == [
        ("added", "2.3 Teenistusülesanne", "duties.2", True, "duty-added")
    ]


def test_purpose_edit_and_spelling_fix() -> None:
    old = position("projektijuht")
    new = copy.deepcopy(old)
    new["purpose"] = new["purpose"].replace("ohvriabi", "ohvriabi ja lepitus")
    new["duties"][0]["results"][0] = new["duties"][0]["results"][0].replace(
        "väljaselgitatud", "väljaselgitaud"
    )
    assert summary(compare(old, new, LABELS)) == [
        ("changed", "1 Teenistuskoha eesmärk", "purpose", True, "purpose"),
        ("changed", "2.1 Oodatav tulemus 1", "duties.0.results.0", False, "spelling"),
    ]


def test_reordered_rights_are_moves() -> None:
    old = position("ekspert-kvaliteet-ja-seire")
    new = copy.deepcopy(old)
    new["rights"].append(new["rights"].pop(0))
    changes = compare(old, new, LABELS)
    last = len(new["rights"])
    assert summary(changes) == [
        ("moved", f"4.{last} Õigus", f"rights.{last - 1}", False, "reordered")
    ]
    assert changes[0].old_path == ("rights", 0)


def test_renamed_and_removed_positions() -> None:
    old = {key: position(key) for key in IDS}
    new = dict(old)
    new["teenuseomanik"] = new.pop("teenuseomanik-taastav-oigus")
    del new["projektijuht"]
    found = compare_positions(old, new, LABELS)
    assert [(p.id, p.old_id, p.status, p.consent_required, p.changes) for p in found] == [
        ("projektijuht", None, "removed", False, ()),
        ("teenuseomanik", "teenuseomanik-taastav-oigus", "renamed", False, ()),
    ]


def at(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data


SENTENCES = st.sampled_from(
    [
        "Uus ülesanne.",
        "Õigus saada teavet.",
        "Koostöö partneritega toimib.",
        "Aruanded on esitatud õigeaegselt.",
        "",
    ]
)


def edit(data: st.DataObject, value: Any) -> Any:
    """Apply a few random edits to a copy of a position."""
    value = copy.deepcopy(value)
    for _ in range(data.draw(st.integers(0, 5))):
        lists = [
            value["duties"],
            value["rights"],
            value["responsibilities"],
            *(duty["results"] for duty in value["duties"]),
        ]
        items = data.draw(st.sampled_from(lists))
        action = data.draw(st.sampled_from(["insert", "delete", "move", "edit", "key"]))
        index = data.draw(st.integers(0, len(items) - 1))
        text = data.draw(SENTENCES) or "Muudetud tekst."
        if action == "insert":
            item: Any = {"task": text, "results": [text]} if items is value["duties"] else text
            items.insert(data.draw(st.integers(0, len(items))), item)
        elif action == "delete" and len(items) > 1:
            items.pop(index)
        elif action == "move":
            items.insert(data.draw(st.integers(0, len(items) - 1)), items.pop(index))
        elif action == "edit":
            if isinstance(items[index], dict):
                items[index]["task"] = items[index]["task"].replace("a", "ä", 1) + text
            else:
                items[index] = f"{text} {items[index]}".strip()
        elif action == "key":
            for key, extra in (("tools", text), ("special_conditions", text)):
                if key in value:
                    del value[key]
                else:
                    value[key] = extra
    return value


@given(st.data(), st.sampled_from(IDS))
@settings(max_examples=60, deadline=None)
def test_any_edits_give_a_consistent_diff_and_redline(data: st.DataObject, key: str) -> None:
    old = edit(data, position(key))
    new = edit(data, old)
    changes = compare(old, new, LABELS)
    assert (changes == []) == (old == new)
    for change in changes:
        words = diff_words(change.old, change.new)
        assert "".join(w.text for w in words if w.kind != "insert") == (change.old or "")
        assert "".join(w.text for w in words if w.kind != "delete") == (change.new or "")
        if change.kind != "removed":
            assert change.new == flatten(at(new, change.path))
        if change.old_path is not None:
            assert change.old == flatten(at(old, change.old_path))
    duties = [c for c in changes if len(c.path) == 2 and c.path[0] == "duties"]
    grown = sum(c.kind == "added" for c in duties) - sum(c.kind == "removed" for c in duties)
    assert grown == len(new["duties"]) - len(old["duties"])
    tokens = Tokens(old, new)
    merged = merge(old, new, tokens)
    assert resolve(merged, "new", tokens) == new
    assert resolve(merged, "old", tokens) == old


@given(st.text(alphabet=" \nabcõ,.-", max_size=40), st.text(alphabet=" \nabcõ,.-", max_size=40))
@settings(max_examples=300, deadline=None)
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    words = diff_words(old, new)
    assert "".join(w.text for w in words if w.kind != "insert") == old
    assert "".join(w.text for w in words if w.kind != "delete") == new
    assert all(w.text for w in words)
    assert all(a.kind != b.kind or a.kind != "equal" for a, b in itertools.pairwise(words))
