"""The digest of a position's printed content, and the approval state it gives."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from ametid.core.approval import (
    CONSENT_FORMS,
    DIGEST_PATTERN,
    DIGEST_SCHEMA_PATTERN,
    ApprovalState,
    approval_state,
    as_printed,
    content_digest,
    digest_tampered,
    printed_content,
)
from ametid.core.layout import parse_layout
from ametid.source.loader import parse
from support.paths import LAYOUT, REPO, WRITTEN_OUT
from support.positions import IDS, position_data

SEED = "ekspert-noustamismetoodikad"


def read(text: str) -> dict[str, Any]:
    document, problems = parse(text.encode("utf-8"), "x.yaml")
    assert problems == [] and document is not None
    return dict(document.data)


def seed_text() -> str:
    return (WRITTEN_OUT / f"{SEED}.yaml").read_text(encoding="utf-8")


def test_the_digest_is_versioned_sha256_of_the_canonical_json() -> None:
    data = {"title": "Nõustaja", "unit": ["Ohvriabi osakond"], "approval": {"by": "X"}}
    # RFC 8785: keys sorted, no spaces, UTF-8 as is.
    canonical = '{"title":"Nõustaja","unit":["Ohvriabi osakond"]}'.encode()
    import hashlib

    expected = "ametid1-sha256:" + hashlib.sha256(canonical).hexdigest()
    assert content_digest(data, LAYOUT) == expected
    assert re.fullmatch(r"ametid1-sha256:[0-9a-f]{64}", expected)


def test_the_seed_carries_the_digest_of_its_content() -> None:
    data = position_data(SEED)
    assert data["approval"]["digest"] == content_digest(data, LAYOUT)
    assert approval_state(data, LAYOUT) is ApprovalState.APPROVED


def test_re_wrapping_a_folded_text_and_comments_do_not_change_the_digest() -> None:
    text = seed_text()
    folded = "  - task: >-\n      Nõustajate töö toetamiseks ühtsete metoodiliste põhimõtete ja"
    assert folded in text
    rewrapped = text.replace(
        folded,
        "  # a comment does not count\n"
        "  - task: >-\n      Nõustajate töö toetamiseks\n      ühtsete metoodiliste põhimõtete ja",
    )
    rewrapped = rewrapped.replace("title: Ekspert", "# the title\ntitle: Ekspert")
    assert rewrapped != text
    assert content_digest(read(rewrapped), LAYOUT) == content_digest(read(text), LAYOUT)


def test_key_order_and_flow_style_do_not_change_the_digest() -> None:
    data = position_data(SEED)
    reordered = dict(reversed(list(data.items())))
    reordered["requirements"] = dict(reversed(list(data["requirements"].items())))
    assert list(reordered) != list(data)
    assert content_digest(reordered, LAYOUT) == content_digest(data, LAYOUT)
    block = seed_text().replace(
        "unit: [Ohvriabi osakond, kriisitoe talitus]",
        "unit:\n  - Ohvriabi osakond\n  - kriisitoe talitus",
    )
    assert content_digest(read(block), LAYOUT) == content_digest(position_data(SEED), LAYOUT)


def _every_text_path(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, str):
        return [path]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _every_text_path(item, (*path, key))]
    if isinstance(value, list):
        return [
            p for index, item in enumerate(value) for p in _every_text_path(item, (*path, index))
        ]
    return []


@pytest.mark.parametrize("position_id", IDS)
def test_any_printed_text_changed_changes_the_digest(position_id: str) -> None:
    data = position_data(position_id)
    digest = content_digest(data, LAYOUT)
    printed = printed_content(data, LAYOUT)
    paths = _every_text_path(printed)
    assert len(paths) > 20
    for path in paths:
        changed = copy.deepcopy(data)
        target: Any = changed
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] += "."
        assert content_digest(changed, LAYOUT) != digest, path


def test_a_removed_item_or_an_added_key_changes_the_digest() -> None:
    data = position_data(SEED)
    digest = content_digest(data, LAYOUT)
    fewer = copy.deepcopy(data)
    del fewer["rights"][-1]
    assert content_digest(fewer, LAYOUT) != digest
    more = {**data, "tools": "Arvuti."}
    assert content_digest(more, LAYOUT) != digest


def test_unprinted_keys_and_the_approval_do_not_change_the_digest() -> None:
    assert LAYOUT.unprinted == ("reviewed", "staff_code", "posts", "status", "applies_from")
    data = position_data(SEED)
    digest = content_digest(data, LAYOUT)
    assert content_digest({**data, "reviewed": "2026-09-01"}, LAYOUT) == digest
    other = {**data, "approval": {"by": "Peadirektori", "date": "2027-01-07", "directive": "1"}}
    assert content_digest(other, LAYOUT) == digest


def test_the_layout_table_says_which_keys_are_not_printed() -> None:
    text = (REPO / "templates" / "layout.yaml").read_text(encoding="utf-8")
    layout = parse_layout(text.replace("unprinted: [reviewed,", "unprinted: [tools, reviewed,"))
    data = {**position_data(SEED), "tools": "Arvuti."}
    assert content_digest(data, layout) == content_digest(position_data(SEED), layout)
    assert "unprinted" not in layout.words


def test_the_states_of_an_approval() -> None:
    data = position_data(SEED)
    assert approval_state(data, LAYOUT) is ApprovalState.APPROVED
    undigested = copy.deepcopy(data)
    del undigested["approval"]["digest"]
    assert approval_state(undigested, LAYOUT) is ApprovalState.UNDIGESTED
    changed = copy.deepcopy(data)
    changed["duties"][0]["task"] = "Uus ülesanne."
    assert approval_state(changed, LAYOUT) is ApprovalState.CHANGED
    none = {key: value for key, value in data.items() if key != "approval"}
    assert approval_state(none, LAYOUT) is ApprovalState.NONE
    assert [state.approved for state in ApprovalState] == [False, True, True, False]


def test_the_schema_asks_for_the_digest_approve_writes() -> None:
    schema = json.loads((REPO / "schema" / "position.schema.json").read_text(encoding="utf-8"))
    approval = schema["$defs"]["approval"]["properties"]
    assert approval["digest"]["pattern"] == DIGEST_SCHEMA_PATTERN
    assert re.fullmatch(DIGEST_PATTERN, content_digest(position_data(SEED), LAYOUT))
    assert approval["consent"]["properties"]["form"]["enum"] == list(CONSENT_FORMS)


def _approved(data: dict[str, Any], **approval: Any) -> dict[str, Any]:
    """The data with its approval replaced by the given fields."""
    return {**data, "approval": approval}


def test_what_is_printed_of_a_changed_position_is_a_draft() -> None:
    data = position_data(SEED)
    assert as_printed(data, LAYOUT) == (data, None)
    changed = {**data, "purpose": "Uus eesmärk."}
    printed, draft = as_printed(changed, LAYOUT)
    assert "approval" not in printed
    assert draft == data["approval"]
    assert printed == {key: value for key, value in changed.items() if key != "approval"}
    undigested = _approved(changed, by="Peadirektori", date="2026-05-19", directive="53")
    assert as_printed(undigested, LAYOUT) == (undigested, None)


def test_a_digest_removed_or_altered_by_hand_is_tampering() -> None:
    old = position_data(SEED)
    approval = dict(old["approval"])
    digest = approval.pop("digest")
    changed = {**old, "purpose": "Uus eesmärk."}
    new_digest = content_digest(changed, LAYOUT)
    wrong = "ametid1-sha256:" + "0" * 64
    assert not digest_tampered(old, old, LAYOUT)
    # Removed, content changed or not: the approval would print as approved whatever it says.
    assert digest_tampered(old, _approved(old, **approval), LAYOUT)
    assert digest_tampered(old, _approved(changed, **approval), LAYOUT)
    # Altered to what approve never writes for this content.
    assert digest_tampered(old, _approved(old, **approval, digest=wrong), LAYOUT)
    # Made to fit the changed content while the approval was not done again.
    assert digest_tampered(old, _approved(changed, **approval, digest=new_digest), LAYOUT)
    # Approved anew: another directive and date, the digest of the new content.
    anew = {**approval, "directive": "61", "date": "2026-09-01", "annex": "1"}
    assert not digest_tampered(old, _approved(changed, **anew, digest=new_digest), LAYOUT)
    # The content changed, the digest left alone: a draft, not tampering.
    assert not digest_tampered(old, _approved(changed, **approval, digest=digest), LAYOUT)
    # `approve --keep` adding the digest to an approval that had none; an approval withdrawn.
    assert not digest_tampered(_approved(old, **approval), old, LAYOUT)
    assert not digest_tampered(old, {k: v for k, v in old.items() if k != "approval"}, LAYOUT)
    assert not digest_tampered(None, old, LAYOUT)
    assert not digest_tampered(old, None, LAYOUT)
