"""The Word documents with tracked changes that `ametid diff` writes, opened by LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.documents import pdf_texts
from support.gitrepo import edited_repository, write_redlines


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
