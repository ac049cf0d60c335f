"""The library of shared texts: read once, put in place of the references as a position is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ametid.check.checker import project_checker
from ametid.core.approval import content_digest
from ametid.core.project import Project, find_project
from ametid.source.loader import parse
from support.paths import LAYOUT, REPO, WRITTEN_OUT
from support.positions import IDS

REPOSITORY = find_project(REPO)


@pytest.mark.parametrize("position_id", IDS)
def test_a_position_reads_as_its_texts_written_out(position_id: str) -> None:
    raw = (REPO / "positions" / f"{position_id}.yaml").read_bytes()
    written_out = (WRITTEN_OUT / f"{position_id}.yaml").read_bytes()
    document, problems = parse(written_out, "x")
    assert problems == [] and document is not None

    data, problems = project_checker(REPOSITORY).check_bytes(raw, "x")

    assert problems == []
    assert data == document.data


def test_the_repository_library_holds_its_shared_texts() -> None:
    library = project_checker(REPOSITORY).library
    assert library is not None and library.problems == []
    items = [entry for entry in library.entries.values() if not entry.block]
    blocks = [entry for entry in library.entries.values() if entry.block]
    assert len(items) == 18
    assert sorted(entry.name for entry in blocks) == [
        "oigused-spetsialist",
        "vaartused",
        "vastutus-spetsialist",
    ]
    assert sorted({entry.file for entry in library.entries.values()}) == [
        "library/nouded.yaml",
        "library/oigused.yaml",
        "library/vastutus.yaml",
    ]


def digest(project: Project, raw: bytes) -> str:
    """The approval digest of a position's bytes, read with the project's library."""
    data, problems = project_checker(project).check_bytes(raw, "x")
    assert problems == []
    return content_digest(data, LAYOUT)


def test_a_changed_library_text_changes_the_digest_of_every_position_printing_it(
    library_project: Path,
) -> None:
    project = find_project(library_project)
    raws = {i: (library_project / "positions" / f"{i}.yaml").read_bytes() for i in IDS}
    before = {i: digest(project, raws[i]) for i in IDS}
    rights = library_project / "library" / "oigused.yaml"
    text = rights.read_text(encoding="utf-8")
    rights.write_text(text.replace("kokkuleppel vahetu juhiga", "kokkuleppel juhiga"))

    after = {i: digest(project, raws[i]) for i in IDS}

    changed = sorted(i for i in IDS if before[i] != after[i])
    assert changed == ["ekspert-kvaliteet-ja-seire", "teenuseomanik-taastav-oigus"]
