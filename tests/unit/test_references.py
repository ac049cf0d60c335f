"""How a name in a position resolves to another position, and what does not hold both ways."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ametid.check.references import References, check_references
from ametid.core.model import Position


def position(position_id: str, title: str, unit: list[str], **data: Any) -> Position:
    fields = {"title": title, "unit": unit, "manager": "Peadirektor", **data}
    return Position(
        position_id, Path(f"{position_id}.yaml"), f"positions/{position_id}.yaml", fields
    )


HEAD = position("juht", "Juhataja", ["Osakond"])
DIVISION_HEAD = position("talitus-juht", "Juhataja", ["Osakond", "talitus"])
OTHER_HEAD = position("teine-juht", "Juhataja", ["Teine osakond"])


def test_a_manager_is_the_nearest_of_that_title_in_the_unit_or_above() -> None:
    references = References([HEAD, DIVISION_HEAD, OTHER_HEAD])
    assert references.resolve("juhataja", ("Osakond", "talitus", "tiim")) == DIVISION_HEAD
    assert references.resolve("Juhataja", ("Osakond", "teine talitus")) == HEAD
    assert references.resolve("Juhataja", ("Kolmas osakond",)) is None


def test_a_subordinate_is_the_nearest_of_that_title_in_the_unit_or_below() -> None:
    references = References([HEAD, DIVISION_HEAD, OTHER_HEAD])
    assert references.resolve("Juhataja", ("Osakond",), below=True) == HEAD
    assert references.resolve("Juhataja", ("Teine osakond",), below=True) == OTHER_HEAD


def test_two_positions_of_a_title_as_near_mean_neither_and_are_no_problem() -> None:
    twin = position("juht-2", "Juhataja", ["Osakond"])
    worker = position("tootaja", "Töötaja", ["Osakond"], manager="Juhataja")
    assert References([HEAD, twin]).resolve("Juhataja", ("Osakond",)) is None
    assert check_references([HEAD, twin, worker]) == []


def test_a_problem_names_both_files() -> None:
    worker = position("tootaja", "Töötaja", ["Osakond"], manager="Juhataja")
    head = position("juht", "Juhataja", ["Osakond"], subordinates=["Keegi teine"])
    [problem] = check_references([head, worker])
    assert (problem.file, problem.path, problem.code) == (
        "positions/tootaja.yaml",
        "manager",
        "subordinate-left-out",
    )
    assert "positions/juht.yaml" in problem.message
