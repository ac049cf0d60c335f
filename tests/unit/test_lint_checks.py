"""The lint's checks that need no morphology, on small texts."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from ametid.core.problems import AmetidError
from ametid.core.project import find_project
from ametid.lint import settings
from ametid.lint.finding import Finding
from ametid.lint.lexicon import Lexicon, read_accepted, read_wrong_forms, shipped_wrong_forms
from ametid.lint.linter import lint_data
from ametid.lint.words import words

LEXICON = Lexicon(frozenset({"SKAIS", "PSK"}), shipped_wrong_forms())


def lint(data: Mapping[str, Any]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    from ametid.core.model import format_path

    found: list[Finding] = lint_data(data, LEXICON, None)
    return [(item.code, format_path(item.path), item.wrong, item.suggestions) for item in found]


def test_the_shipped_wrong_forms_correct_oieaegselt_keeping_its_capital() -> None:
    assert lint({"purpose": "Õieaegselt ja korrektselt, õieaegse tagasisidega."}) == [
        ("wrong-form", "purpose", "Õieaegselt", ("Õigeaegselt",)),
        ("wrong-form", "purpose", "õieaegse", ("õigeaegse",)),
    ]


def test_a_result_that_restates_its_task_nearly_word_for_word() -> None:
    data = {
        "duties": [
            {"task": "Kohtumiste korraldamine ja protokollimine.", "results": ["Protokollid."]},
            {
                "task": "Kohtumiste korraldamine ja protokollimine.",
                "results": ["Kohtumiste korraldamine ning protokollimine."],
            },
        ]
    }
    assert lint(data) == [
        ("repeated-item", "duties[1].task", "Kohtumiste korraldamine ja protokollimine.", ()),
        (
            "result-restates-task",
            "duties[1].results[0]",
            "Kohtumiste korraldamine ning protokollimine.",
            (),
        ),
    ]


def test_an_item_repeated_within_a_list_and_across_sections() -> None:
    data = {
        "rights": ["Õigus saada teavet.", "õigus saada teavet"],
        "responsibilities": ["Õigus saada teavet."],
        "substitutes": ["Nõustaja"],
        "substituted_by": ["Nõustaja"],
    }
    assert [(code, path) for code, path, *_ in lint(data)] == [
        ("repeated-item", "rights[1]"),
        ("end-punctuation", "rights[1]"),
        ("repeated-item", "responsibilities[0]"),
    ]


@pytest.mark.parametrize(
    "items",
    [
        ["Hoolivus", "täpsus"],
        ["Üks.", "Kaks."],
        ["üks;", "kaks;", "kolm."],
        ["üks,", "kaks,", "kolm."],
        ["Hoolivus", "täpsus", "avatus muudatustele."],
        ["üks;", "kaks;", "kolm;"],
    ],
)
def test_lists_that_end_their_items_alike(items: list[str]) -> None:
    assert lint({"rights": items}) == []


def test_the_item_that_ends_otherwise_than_the_list() -> None:
    data = {"requirements": {"personal_qualities": ["hoolivus", "täpsus.", "avatus"]}}
    assert lint(data) == [
        ("end-punctuation", "requirements.personal_qualities[1]", "täpsus.", ("täpsus",))
    ]


def test_double_spaces_with_the_words_around_them() -> None:
    assert lint({"purpose": "Töö  korraldamine ja   juhendamine."}) == [
        ("double-space", "purpose", "Töö  korraldamine", ("Töö korraldamine",)),
        ("double-space", "purpose", "ja   juhendamine.", ("ja juhendamine.",)),
    ]


def test_checks_switched_off_are_not_run() -> None:
    found = lint_data({"purpose": "Töö  õieaegselt."}, LEXICON, None, ("wrong-form",))
    assert [item.code for item in found] == ["wrong-form"]


def test_words_are_letters_and_numbers_are_left_out() -> None:
    text = "REACT COVID-19 3-aastane suhtlemis- ja e-post STARi ja/või"
    assert [word.text for word in words(text)] == [
        "REACT", "suhtlemis-", "ja", "e-post", "STARi", "ja", "või",
    ]  # fmt: skip


def test_accepted_words_are_accepted_inflected_too() -> None:
    assert LEXICON.accepts("SKAIS")
    assert LEXICON.accepts("SKAISi")
    assert LEXICON.accepts("PSK-d")
    assert not LEXICON.accepts("Skais")


def test_the_word_list_is_one_word_a_line(tmp_path: Path) -> None:
    listed = tmp_path / "words.txt"
    listed.write_text("# names\nSKAIS  # a system\n\nSTAR\n", encoding="utf-8")
    assert read_accepted(listed) == {"SKAIS", "STAR"}
    listed.write_text("SKAIS STAR\n", encoding="utf-8")
    with pytest.raises(AmetidError) as error:
        read_accepted(listed)
    assert [str(problem) for problem in error.value.problems] == [
        f"{listed}:1: one word a line; split this line, or remove the space"
    ]


def test_a_project_adds_its_own_wrong_forms(tmp_path: Path) -> None:
    listed = tmp_path / "wrong-forms.yaml"
    listed.write_text("swap:\n  Kaasajastamine: ajakohastamine\n", encoding="utf-8")
    assert read_wrong_forms(listed) == {"kaasajastamine": "ajakohastamine"}
    listed.write_text("swap: [kaasajastamine]\n", encoding="utf-8")
    with pytest.raises(AmetidError) as error:
        read_wrong_forms(listed)
    assert [str(problem) for problem in error.value.problems] == [
        f"{listed}: should hold 'swap:' with lines 'wrong form: correction'"
    ]


def test_a_check_switched_off_in_the_settings(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text + '\n[tool.ametid.lint]\ndisable = ["double-space"]\n', "utf-8")
    chosen = settings.read(find_project(project))
    assert "double-space" not in chosen.enabled
    assert "wrong-form" in chosen.enabled


def test_an_unknown_check_in_the_settings_is_named(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text + '\n[tool.ametid.lint]\ndisable = ["double-spaces"]\n', "utf-8")
    with pytest.raises(AmetidError) as error:
        settings.read(find_project(project))
    assert [str(problem) for problem in error.value.problems] == [
        "pyproject.toml: tool.ametid.lint.disable: unknown 'double-spaces'; "
        "did you mean 'double-space'?"
    ]
