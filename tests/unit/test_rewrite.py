"""Editing a position file in place keeps everything that was not changed."""

from __future__ import annotations

import pytest

from ametid.source import rewrite
from support.paths import REPO


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / "positions").glob("*.yaml")))
def test_an_unchanged_position_is_written_back_byte_for_byte(name: str) -> None:
    text = (REPO / "positions" / name).read_text(encoding="utf-8")
    assert rewrite.dump(rewrite.load(text)) == text


def test_one_changed_value_changes_one_line_and_keeps_comments_and_flow_style() -> None:
    text = (
        "# kommentaar jääb\n"
        "title: Nõustaja\n"
        "unit: [Ohvriabi osakond, kriisitoe talitus]\n"
        "# ka see\n"
        'approval: {by: Peadirektori, date: "2026-05-19", directive: "53"}\n'
    )
    data = rewrite.load(text)
    data["unit"][1] = "lepitustalitus"
    assert rewrite.dump(data) == text.replace("kriisitoe talitus", "lepitustalitus")


def test_a_key_added_to_a_long_flow_mapping_leaves_no_space_at_a_line_end() -> None:
    text = (
        "approval: "
        '{by: Sotsiaalkindlustusameti peadirektori, date: "2026-05-19", directive: "53"}\n'
    )
    data = rewrite.load(text)
    data["approval"]["digest"] = "x" * 60
    written = rewrite.dump(data)
    assert all(line == line.rstrip() for line in written.splitlines())
    assert rewrite.load(written)["approval"]["digest"] == "x" * 60


def test_a_new_long_text_is_folded_and_reads_back_as_the_same_text() -> None:
    long_text = "Õigus " + "osaleda töörühmades " * 8 + "lõpuni."
    data = rewrite.load("rights:\n  - Lühike.\n")
    data["rights"].append(rewrite.folded(long_text))
    written = rewrite.dump(data)
    assert written.startswith("rights:\n  - Lühike.\n  - >-\n    Õigus osaleda")
    assert max(len(line) for line in written.splitlines()) <= 100
    assert rewrite.load(written)["rights"][1] == long_text
    assert rewrite.folded("Lühike.") == "Lühike."
