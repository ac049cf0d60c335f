"""What the import tests share: the vocabulary, one draft read from a file, Word tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ametid.importer.pipeline import Draft, read_drafts
from ametid.importer.vocabulary import vocabulary

VOCAB = vocabulary()
ORGANISATION = "Sotsiaalkindlustusamet"
# Who approved the directives of the import tests, and when.
APPROVAL = {"by": "Sotsiaalkindlustusameti peadirektori", "date": "2026-03-02"}


def import_one(path: Path) -> Draft:
    """The one draft a file gives, with no problems and no notes."""
    drafts, problems, notes = read_drafts(path, VOCAB, ORGANISATION)
    assert (problems, notes, len(drafts)) == ([], [], 1)
    return drafts[0]


def add_table(document: Any, rows: Sequence[tuple[str, ...]]) -> None:
    """Add a table of rows to a Word document; each line of a cell's text is a paragraph."""
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            paragraphs = text.split("\n")
            cell.text = paragraphs[0]
            for extra in paragraphs[1:]:
                cell.add_paragraph(extra)
