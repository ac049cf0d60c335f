"""The text of a document as the importer sees it: lines, then paragraphs, with their kind."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Kind(enum.Enum):
    """What a line or paragraph is in the document's layout."""

    TEXT = "text"
    BULLET = "bullet"  # a bullet item: • text
    NUMBER = "number"  # a numbered item or heading: 2.1. text
    HEADING = "heading"  # a heading by its style (Word, Markdown)
    TITLE = "title"  # the document's title by its style (Word, Markdown)
    ROW = "row"  # a table row, its cells holding blocks of their own
    BLANK = "blank"  # an empty line
    PAGE = "page"  # a page break


@dataclass
class Block:
    """One line or paragraph of a document.

    `joins` says whether a line continues the paragraph of the line before it: True or False
    when the source knows (Word and Markdown paragraphs, PDF line geometry), None when only the
    text can tell (plain text, where every line break is a guess).
    """

    text: str = ""
    kind: Kind = Kind.TEXT
    number: str = ""
    joins: bool | None = None
    cells: list[list[Block]] = field(default_factory=list)
    line: int | None = None
    gap: bool = False  # a blank line or page break stands before this paragraph

    @property
    def exact(self) -> bool:
        """Whether paragraph boundaries are the document's own rather than guessed from text."""
        return self.joins is not None

    def cell_texts(self) -> list[str]:
        """The text of each cell of a row, paragraphs joined by spaces."""
        return [" ".join(block.text for block in cell if block.text) for cell in self.cells]

    def full_text(self) -> str:
        """The text with its number, or the cells of a row, as the document shows it."""
        if self.kind is Kind.ROW:
            return " | ".join(text for text in self.cell_texts() if text)
        return f"{self.number} {self.text}".strip() if self.number else self.text
