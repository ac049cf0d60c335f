"""The hostile corpus, fast cases: every command given what a hostile tester would give it.

Each folder in tests/data/hostile/ is one case (see its README): the command exits with the
code the case names, prints one clean line (and the command's closing line) exactly as in
expected.txt, no traceback, and changes nothing outside its output. The slow cases, which need
poppler or take seconds, run in tests/e2e/test_hostile_slow.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.hostile import CLASSES, COMMANDS, HOSTILE, Case, cases, run_case

ALL = cases()
FAST = [case for case in ALL if not case.slow]


@pytest.mark.parametrize("case", FAST, ids=[case.name for case in FAST])
def test_hostile_case(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool
) -> None:
    run_case(case, tmp_path, monkeypatch, update_golden)


def _table() -> dict[tuple[str, str], str]:
    """The README's table of classes against commands: each cell's text."""
    text = (HOSTILE / "README.md").read_text(encoding="utf-8")
    text = text[text.index("## Classes against commands") :]
    cells: dict[tuple[str, str], str] = {}
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        parts = [part.strip() for part in line.strip("|").split("|")]
        if not header:
            header = parts
            continue
        for command, cell in zip(header[1:], parts[1:], strict=True):
            cells[(parts[0], command.strip("`"))] = cell
    return cells


def test_the_table_names_every_case_in_its_cell_and_gives_a_reason_for_every_empty_cell() -> None:
    cells = _table()
    assert sorted(cells) == sorted((kind, command) for kind in CLASSES for command in COMMANDS)
    for (kind, command), cell in cells.items():
        named = set(re.findall(r"`([a-z0-9-]+)`", cell))
        expected = {case.name for case in ALL if case.kind == kind and case.verb == command}
        assert named == expected, (kind, command)
        assert named or cell.startswith("n/a: "), (kind, command)


def test_the_corpus_is_large_enough_and_every_case_is_of_a_known_class() -> None:
    assert len(ALL) >= 100
    assert {case.kind for case in ALL} <= set(CLASSES)
    assert {case.verb for case in ALL} <= set(COMMANDS)
