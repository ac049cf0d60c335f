"""`ametid review`: last review, last change in git, and what is due."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ametid.history.review import add_months, last_reviewed
from support.cli import run
from support.gitrepo import commit, edited_repository, replace


@pytest.fixture(scope="module")
def reviewed_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edited repository, then review dates recorded in a later commit."""
    root = edited_repository(tmp_path_factory.mktemp("review") / "project")
    positions = root / "positions"
    replace(
        positions / "projektijuht.yaml",
        "title: Projektijuht\n",
        "title: Projektijuht\nreviewed: 2025-03-01\n",
    )
    replace(
        positions / "ekspert-kvaliteet-ja-seire.yaml",
        "title: Ekspert (kvaliteet ja seire)\n",
        "title: Ekspert (kvaliteet ja seire)\nreviewed: 2025-06-30\n"
        "approval: {by: Sotsiaalkindlustusameti peadirektori, date: 2024-01-10, directive: '7'}\n",
    )
    commit(root, "Review dates", "2026-05-02T09:00:00+00:00")
    return root


@pytest.fixture
def reviewed(reviewed_root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(reviewed_root)
    yield reviewed_root


def test_table_of_review_dates(reviewed: Path) -> None:
    # The annual review's edits changed the approved seed's content after its directive.
    result = run("review", "--today", "2026-06-01")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "position                     reviewed    changed     due date    status\n"
        "ekspert-kvaliteet-ja-seire   2025-06-30  2026-05-02  2026-06-30  ok\n"
        "ekspert-noustamismetoodikad  2026-05-19  2026-04-14  2027-05-19  changed since approval\n"
        "projektijuht                 2025-03-01  2026-05-02  2026-03-01  due\n"
        "teenuseomanik-lepitus        -           2026-04-14  -           never reviewed\n",
        "4 positions: 1 due, 1 never reviewed, 1 changed since approval\n",
    )


def test_the_status_in_estonian(reviewed: Path) -> None:
    result = run("review", "--lang", "et", "--today", "2026-06-01")
    assert result.stdout.splitlines()[2] == (
        "ekspert-noustamismetoodikad  2026-05-19    2026-04-14  2027-05-19  "
        "muudetud pärast kinnitamist"
    )
    assert result.stderr == (
        "4 ametijuhendit: 1 üle vaadata, 1 üle vaatamata, 1 muudetud pärast kinnitamist\n"
    )


def test_json_names_the_status_changed_since_approval(reviewed: Path) -> None:
    seed = "positions/ekspert-noustamismetoodikad.yaml"
    result = run("review", "--format", "json", "--today", "2026-06-01", seed)
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["positions"] == [
        {
            "id": "ekspert-noustamismetoodikad",
            "title": "Ekspert (nõustamismetoodikad)",
            "file": seed,
            "reviewed": "2026-05-19",
            "changed": "2026-04-14",
            "due": "2027-05-19",
            "status": "changed-since-approval",
        }
    ]
    assert run("review", "--check", "--today", "2026-06-01", seed).exit_code == 1


def test_approving_it_again_makes_it_ok(project: Path) -> None:
    seed = "positions/ekspert-noustamismetoodikad.yaml"
    replace(
        project / seed,
        "- task: Teabevahetuse ja koostöö tagamine.",
        "- task: Teabevahetuse, koostöö ja kriisikommunikatsiooni tagamine.",
    )
    changed = run("review", "--check", "--today", "2026-06-01", seed)
    assert (changed.exit_code, changed.stdout.splitlines()[1].split()[-1]) == (1, "approval")
    assert run("approve", "--directive", "61", "--date", "2026-06-01", seed).exit_code == 0
    again = run("review", "--check", "--today", "2026-06-01", seed)
    assert (again.exit_code, again.stdout, again.stderr) == (
        0,
        "position                     reviewed    changed  due date    status\n"
        "ekspert-noustamismetoodikad  2026-06-01  -        2027-06-01  ok\n",
        "1 position: 0 due, 0 never reviewed\n",
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--today", "2026-06-01"], 0),
        (["--today", "2026-06-01", "--check"], 1),
        (["--today", "2026-06-29", "--check", "positions/ekspert-kvaliteet-ja-seire.yaml"], 0),
        (["--today", "2026-06-30", "--check", "positions/ekspert-kvaliteet-ja-seire.yaml"], 1),
        (["--today", "2026-06-01", "--check", "positions/teenuseomanik-lepitus.yaml"], 1),
    ],
)
def test_check_exits_1_when_something_is_due(reviewed: Path, args: list[str], code: int) -> None:
    assert run("review", *args).exit_code == code


def test_json(reviewed: Path) -> None:
    result = run(
        "review", "--format", "json", "--today", "2026-06-01", "positions/projektijuht.yaml"
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "today": "2026-06-01",
        "review_months": 12,
        "positions": [
            {
                "id": "projektijuht",
                "title": "Projektijuht",
                "file": "positions/projektijuht.yaml",
                "reviewed": "2025-03-01",
                "changed": "2026-05-02",
                "due": "2026-03-01",
                "status": "due",
            }
        ],
        "problems": [],
    }


def test_review_period_is_a_setting(reviewed: Path) -> None:
    pyproject = reviewed / "pyproject.toml"
    original = pyproject.read_text(encoding="utf-8")
    try:
        pyproject.write_text(
            original.replace("[tool.ametid]\n", "[tool.ametid]\nreview_months = 6\n"),
            encoding="utf-8",
        )
        result = run("review", "--today", "2026-06-01", "positions/ekspert-kvaliteet-ja-seire.yaml")
        assert result.stdout.splitlines()[1] == (
            "ekspert-kvaliteet-ja-seire  2025-06-30  2026-05-02  2025-12-30  due"
        )
        pyproject.write_text(
            original.replace("[tool.ametid]\n", "[tool.ametid]\nreview_months = 0\n"),
            encoding="utf-8",
        )
        result = run("review")
        line = pyproject.read_text(encoding="utf-8").splitlines().index("review_months = 0") + 1
        assert (result.exit_code, result.stdout, result.stderr) == (
            1,
            "",
            f"pyproject.toml:{line}: tool.ametid.review_months: "
            "should be a whole number of months from 1 to 1200\n",
        )
    finally:
        pyproject.write_text(original, encoding="utf-8")


def test_outside_git_there_is_no_change_date(project: Path) -> None:
    result = run("review", "--today", "2026-06-01", "positions/ekspert-noustamismetoodikad.yaml")
    assert (result.exit_code, result.stdout) == (
        0,
        "position                     reviewed    changed  due date    status\n"
        "ekspert-noustamismetoodikad  2026-05-19  -        2027-05-19  ok\n",
    )


def test_an_invalid_reviewed_date_is_reported(project: Path) -> None:
    replace(
        project / "positions/projektijuht.yaml",
        "title: Projektijuht\n",
        "title: Projektijuht\nreviewed: 2026-13-01\n",
    )
    result = run("review", "--today", "2026-06-01", "positions/projektijuht.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "position  reviewed  changed  due date  status\n",
        "positions/projektijuht.yaml:3:11: Ülevaatamise kuupäev (reviewed): '2026-13-01' is not a "
        "date; "
        "write it as YYYY-MM-DD, e.g. 2026-05-19\n"
        "0 positions: 0 due, 0 never reviewed\n",
    )


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2025-05-19", 12, "2026-05-19"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2025-01-31", 1, "2025-02-28"),
        ("2025-11-30", 3, "2026-02-28"),
        ("2025-12-15", 1, "2026-01-15"),
    ],
)
def test_add_months(day: str, months: int, expected: str) -> None:
    assert add_months(datetime.date.fromisoformat(day), months).isoformat() == expected


def test_the_later_date_counts() -> None:
    assert last_reviewed({"approval": {"date": "2025-05-19"}, "reviewed": "2024-01-01"}) == (
        "2025-05-19"
    )
    assert last_reviewed({"approval": {"date": "2025-05-19"}, "reviewed": "2026-01-01"}) == (
        "2026-01-01"
    )
    assert last_reviewed({}) is None


def test_help() -> None:
    result = run("review", "--help")
    assert result.exit_code == 0
    for option in ("--format", "--check", "--today"):
        assert option in result.stdout
