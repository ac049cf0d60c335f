"""The common YAML mistakes, each recognised at the line of the mistake (not where the parser
gave up) and named by its code."""

from __future__ import annotations

import pytest

from ametid.source.loader import parse

CASES = {
    "rights:\n  - Õigus A.\n    Õigus B.\n": (3, 5, "text-over-lines"),
    "rights:\n  - A on tehtud.\n    - B on tehtud.\n": (3, 5, "item-indented-deeper"),
    "duties:\n  - task: X\n    results:\n      - A\n     - B\n": (5, 6, "indentation"),
    "requirements:\n    education: A\n  experience: B\n": (3, 3, "indentation"),
    "duties:\n  - task: A\n     results:\n      - R\n": (3, 6, "indentation"),
    "duties:\n  - task: A\n    results: [R]\n    task: B\n    results: [S]\n": (
        4,
        5,
        "missing-dash",
    ),
    "duties:\n  - task: A\n    results: [R]\n  task: B\n": (4, 3, "missing-dash"),
    "duties:\n  - task: Tulemus: X\n": (2, 11, "needs-quotes"),
    "purpose: Eesmärk: X\n": (1, 10, "needs-quotes"),
    'results:\n  - "Tulemus" on hea.\n': (2, 5, "needs-quotes"),
    "results:\n  - A\n  -B\n": (3, 3, "dash-without-space"),
    "results:\n  -A\n  -B\n": (2, 3, "dash-without-space"),
    "title: T\nmanager Juht\nunit: [A]\n": (2, 1, "missing-colon"),
    "results:\n\t- A\n": (2, 1, "tab"),
    "results:\n  -\tA\n": (2, 4, "tab"),
    "purpose: Eesmärk on\n  - teha X\n  - teha Y\n": (2, 3, "dash-in-text"),
    'manager: "Juht\ntitle: T\nunit: ["A"]\n': (1, 10, "unclosed-quote"),
    'a: "x\nb: y\n': (1, 4, "unclosed-quote"),
    "title: [\n": (1, 1, "unclosed-bracket"),
    "title: @juht\n": (1, 8, "needs-quotes"),
}


@pytest.mark.parametrize("text", CASES, ids=range(len(CASES)))
def test_a_mistake_is_named_at_its_line(text: str) -> None:
    _, problems = parse(text.encode("utf-8"), "x.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [CASES[text]]


@pytest.mark.parametrize(
    "text",
    [
        "rights:\n  - >-\n    Õigus A.\n    Õigus B.\n",
        "rights:\n  - Õigus A.\n  - Õigus B.\n",
        "purpose: Pikk tekst,\n  mis jätkub järgmisel real.\n",
        "unit: [Ohvriabi osakond,\n  kriisitoe talitus]\n",
        'rights:\n  - "Õigus A,\n    mis jätkub."\n',
    ],
)
def test_texts_over_several_lines_that_cannot_hide_an_item_are_fine(text: str) -> None:
    _, problems = parse(text.encode("utf-8"), "x.yaml")
    assert problems == []
