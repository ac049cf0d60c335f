"""The Word documents with tracked changes that `ametid diff` writes, opened by LibreOffice.

Every redline of the edit scenarios (support/edits.py) is opened in LibreOffice through UNO,
all in one run: Accept All must give the paragraphs of the new version's document built
directly (their text, the list numbers LibreOffice computes, their styles), Reject All those
of the old version's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.documents import pdf_texts
from support.edits import REVIEW_NOTE_REMOVED, SCENARIOS, Scenario, redline, word_document
from support.gitrepo import edited_repository, write_redlines
from support.libreoffice import Paragraph, read_paragraphs
from support.ooxml import assert_valid_docx

MODES = {"accepted": "accept", "rejected": "reject", "new": "as-is", "old": "as-is"}


@pytest.fixture(scope="module")
def redlines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The redlines of the review's edits since v2025, one Word document per changed position."""
    root = edited_repository(tmp_path_factory.mktemp("diff") / "project")
    return write_redlines(root, tmp_path_factory.mktemp("redlines"))


def test_libreoffice_opens_the_tracked_changes(redlines: Path, tmp_path: Path) -> None:
    texts = pdf_texts(sorted(redlines.iterdir()), tmp_path)
    assert sorted(texts) == [path.stem for path in sorted(redlines.iterdir())]
    # LibreOffice shows the tracked changes: the deleted and the inserted word both print.
    assert "arendustegvuses." in texts["projektijuht"]
    assert "arendustegevuses." in texts["projektijuht"]


@pytest.fixture(scope="module")
def scenario_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """For each scenario, its redline and the Word documents of its old and new version."""
    folder = tmp_path_factory.mktemp("scenarios")
    files: dict[str, dict[str, Path]] = {}
    for scenario in (*SCENARIOS, REVIEW_NOTE_REMOVED):
        old, new = scenario.versions()
        documents = {
            "redline": redline(old, new, scenario.position_id),
            "new": word_document(new, scenario.position_id),
            "old": word_document(old, scenario.position_id),
        }
        files[scenario.name] = {}
        for kind, data in documents.items():
            path = folder / f"{scenario.name}.{kind}.docx"
            path.write_bytes(data)
            files[scenario.name][kind] = path
    return files


@pytest.fixture(scope="module")
def opened(
    scenario_files: dict[str, dict[str, Path]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, list[Paragraph]]]:
    """What LibreOffice reads, per scenario: the redline accepted and rejected, new and old."""
    requests = []
    for files in scenario_files.values():
        for view, mode in MODES.items():
            requests.append((files["redline" if mode != "as-is" else view], mode))
    found = iter(read_paragraphs(requests, tmp_path_factory.mktemp("libreoffice")))
    return {name: {view: next(found) for view in MODES} for name in scenario_files}


def test_at_least_eight_edit_scenarios() -> None:
    assert len(SCENARIOS) >= 8


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_accept_all_gives_the_new_document(
    opened: dict[str, dict[str, list[Paragraph]]], scenario: Scenario
) -> None:
    views = opened[scenario.name]
    assert views["accepted"] == views["new"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_reject_all_gives_the_old_document(
    opened: dict[str, dict[str, list[Paragraph]]], scenario: Scenario
) -> None:
    views = opened[scenario.name]
    assert views["rejected"] == views["old"]


def test_the_views_differ_where_the_versions_do(
    opened: dict[str, dict[str, list[Paragraph]]],
) -> None:
    """The comparison has something to compare: LibreOffice numbers the lists, and every
    scenario's two versions read differently."""
    numbers = [number for number, _, _ in opened["changed-task"]["new"] if number]
    assert numbers[:3] == ["1.", "2.", "2.1."]
    assert all(views["new"] != views["old"] for views in opened.values())


def test_the_closing_note_removed_leaves_an_empty_last_paragraph(
    opened: dict[str, dict[str, list[Paragraph]]],
) -> None:
    """As the README says: the document's last paragraph keeps its mark, and the paragraph
    before it (the last responsibility) is of another kind, so it cannot take its place."""
    views = opened[REVIEW_NOTE_REMOVED.name]
    assert views["accepted"] == [*views["new"], ("", "", "Standard")]
    assert views["rejected"] == views["old"]


def test_the_redlines_pass_openxml_audit(scenario_files: dict[str, dict[str, Path]]) -> None:
    paths = [path for files in scenario_files.values() for path in files.values()]
    assert assert_valid_docx(paths) == 3 * (len(SCENARIOS) + 1)
