"""The built documents of the repository's positions, byte for byte: the sha256 of every file a
build writes is kept, so a change to how positions are written (the library of shared texts
above all) proves it changed no document."""

from __future__ import annotations

from pathlib import Path

from support.cli import run
from support.digests import built_digests, golden
from support.positions import UNIT_PAGES


def test_every_document_is_byte_identical_to_the_kept_digests(library_project: Path) -> None:
    result = run("build", "--format", "md,html,docx")

    assert result.exit_code == 0, result.stderr
    expected = golden("md,html,docx")
    assert len(expected) == 13 + len(UNIT_PAGES)
    assert built_digests(library_project / "build") == expected
