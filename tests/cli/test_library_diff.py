"""`ametid diff` over a change of the library: the changed text shows in every position that
prints it, with its consent verdict, and the report lists the positions the change reaches and
the approved ones it turns into drafts."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import run
from support.gitrepo import commit, git, init, replace
from support.paths import DATA

GOLDEN = DATA / "golden" / "diff"


def library_repository(project: Path) -> None:
    """The repository's positions with their library, committed and tagged v1; then one right
    of the library reworded and the Estonian language requirement raised to C2."""
    init(project)
    commit(project, "Positions using the library")
    git(project, "tag", "v1")
    replace(
        project / "library" / "oigused.yaml",
        "kaugtööd kokkuleppel vahetu juhiga;",
        "kaugtööd kokkuleppel vahetu juhi või personaliosakonnaga;",
    )
    replace(
        project / "library" / "nouded.yaml",
        "tasemel C1.\n    level: C1",
        "tasemel C2.\n    level: C2",
    )


def test_a_library_change_shows_in_every_position_it_reaches(library_project: Path) -> None:
    library_repository(library_project)

    result = run("diff", "v1")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / "library-change.txt").read_text(encoding="utf-8")


def test_the_json_report_lists_the_reached_positions_and_the_drafts(
    library_project: Path,
) -> None:
    library_repository(library_project)

    result = run("diff", "v1", "--format", "json")

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["library"] == [
        {
            "name": "eesti-c1",
            "status": "changed",
            "file": "library/nouded.yaml",
            "reached": ["ekspert-kvaliteet-ja-seire", "ekspert-noustamismetoodikad"],
            "drafts": ["ekspert-noustamismetoodikad"],
        },
        {
            "name": "kaugtoo",
            "status": "changed",
            "file": "library/oigused.yaml",
            "reached": ["ekspert-kvaliteet-ja-seire", "teenuseomanik-taastav-oigus"],
            "drafts": [],
        },
        {
            "name": "oigused-spetsialist",
            "status": "changed",
            "file": "library/oigused.yaml",
            "reached": ["ekspert-kvaliteet-ja-seire", "teenuseomanik-taastav-oigus"],
            "drafts": [],
        },
    ]


def test_the_pull_request_comment_shows_the_words_and_the_reach(library_project: Path) -> None:
    library_repository(library_project)

    result = run("diff", "v1", "--format", "md")

    assert result.exit_code == 0, result.stderr
    assert "### Ühistekstid" in result.stdout
    assert (
        "- `oigused-spetsialist` (library/oigused.yaml) — muudetud; jõuab 2 ametijuhendisse: "
        "`ekspert-kvaliteet-ja-seire`, `teenuseomanik-taastav-oigus`"
    ) in result.stdout
    assert "personaliosakonnaga" in result.stdout
    assert "library: " not in result.stdout
