"""The documents of the repository's positions in every format, PDF too, byte for byte as the
kept digests say."""

from __future__ import annotations

from pathlib import Path

from support.cli import run
from support.digests import built_digests, golden
from support.positions import UNIT_PAGES


def test_every_document_in_every_format_is_byte_identical_to_the_kept_digests(
    library_project: Path,
) -> None:
    result = run("build", "--format", "md,html,docx,pdf")

    assert result.exit_code == 0, result.stderr
    expected = golden("md,html,docx,pdf")
    assert len(expected) == 17 + len(UNIT_PAGES)
    assert built_digests(library_project / "build") == expected
