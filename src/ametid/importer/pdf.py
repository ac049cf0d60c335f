"""Reading a PDF's text with poppler's pdftotext, and its line geometry to rebuild paragraphs.

`pdftotext -bbox-layout` gives every line and word with its box, in poppler's reading order.
The boxes answer what plain text cannot: whether a line was wrapped (the next word would not
have fitted) or ended its paragraph, and which bullet or number belongs to which line when
poppler reads a column of bullets apart from the text beside it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ametid.importer.blocks import Block, Kind
from ametid.importer.extract import ExtractError
from ametid.importer.noise import running_lines, tidy
from ametid.importer.vocabulary import vocabulary

TIMEOUT_SECONDS = 120
_XHTML = "{http://www.w3.org/1999/xhtml}"
_MARKER = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)]")
_TOLERANCE = 3.0  # points: how far two edges may differ and still be the same edge
_CELL_PADDING = 8.0  # points: the most a table cell's padding keeps text from the margin
_COLUMN_GAP = 8.0  # points: a gap between words this wide separates two table columns


@dataclass
class _Word:
    text: str
    x0: float
    x1: float


@dataclass
class _Line:
    words: list[_Word]
    top: float
    bottom: float
    block: int
    page: int

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    def text(self) -> str:
        """The words joined by spaces, two where a wide gap separates table columns."""
        out = self.words[0].text
        for before, word in zip(self.words, self.words[1:], strict=False):
            out += ("  " if word.x0 - before.x1 > _COLUMN_GAP else " ") + word.text
        return out


def _run(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        raise ExtractError(
            "reading PDF files needs pdftotext from poppler: apt-get install poppler-utils"
        )
    try:
        done = subprocess.run(
            [tool, "-bbox-layout", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExtractError(f"pdftotext took longer than {TIMEOUT_SECONDS} s") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractError(
            f"not a readable PDF (pdftotext: {reason[-1] if reason else done.returncode})"
        )
    return done.stdout.decode("utf-8", "replace")


def _lines(xhtml: str) -> list[_Line]:
    try:
        root = ElementTree.fromstring(xhtml)
    except ElementTree.ParseError as error:
        raise ExtractError(f"pdftotext gave output that cannot be read: {error}") from None
    lines: list[_Line] = []
    block_number = 0
    for page_number, page in enumerate(root.iter(f"{_XHTML}page")):
        for block in page.iter(f"{_XHTML}block"):
            block_number += 1
            for line in block.iter(f"{_XHTML}line"):
                words = [
                    _Word(
                        tidy(word.text or ""),
                        float(word.get("xMin", 0)),
                        float(word.get("xMax", 0)),
                    )
                    for word in line.iter(f"{_XHTML}word")
                ]
                words = [word for word in words if word.text.strip()]
                if words:
                    top, bottom = float(line.get("yMin", 0)), float(line.get("yMax", 0))
                    lines.append(_Line(words, top, bottom, block_number, page_number))
    return lines


def _is_marker(line: _Line, glyphs: str) -> bool:
    text = line.text().strip()
    return len(line.words) == 1 and (
        (len(text) == 1 and text in glyphs) or _MARKER.fullmatch(text) is not None
    )


def _attach_markers(lines: list[_Line], glyphs: str) -> list[_Line]:
    """Put each bullet or number read apart from its text back at the start of that text."""
    dropped: set[int] = set()
    for index, marker in enumerate(lines):
        if not _is_marker(marker, glyphs):
            continue
        middle = (marker.top + marker.bottom) / 2
        beside = [
            other
            for other in lines
            if other is not marker
            and other.page == marker.page
            and other.top <= middle <= other.bottom
            and other.x0 >= marker.x1 - _TOLERANCE
            and not _is_marker(other, glyphs)
        ]
        if beside:
            target = min(beside, key=lambda other: other.x0)
            target.words.insert(0, marker.words[0])
            dropped.add(index)
    return [line for index, line in enumerate(lines) if index not in dropped]


def _text_x0(line: _Line, glyphs: str) -> float:
    """Where the text of a line starts, after its bullet or number."""
    first = line.words[0].text
    if len(line.words) > 1 and (first in glyphs or _MARKER.fullmatch(first)):
        return line.words[1].x0
    return line.x0


def _limit(line: _Line, lines: list[_Line], right: float) -> float:
    """The right edge a line could reach: the text area's, or the next column's start."""
    limit = right
    for other in lines:
        if (
            other.page == line.page
            and other.x0 > line.x1
            and other.top < line.bottom
            and other.bottom > line.top
        ):
            limit = min(limit, other.x0 - _TOLERANCE)
    return limit


def _continues(previous: _Line, line: _Line, lines: list[_Line], right: float, glyphs: str) -> bool:
    """Whether `line` carries on the paragraph of `previous`, judged by where the lines stand."""
    if _text_x0(line, glyphs) != line.x0:
        return False  # a new bullet or numbered item
    if abs(line.x0 - _text_x0(previous, glyphs)) > _TOLERANCE:
        return False
    height = previous.bottom - previous.top
    if previous.page == line.page and line.top - previous.bottom > max(1.0, height * 0.1):
        return False  # the space between paragraphs
    space = height * 0.25
    first = line.words[0]
    reach = previous.x1 + space + (first.x1 - first.x0)
    limit = _limit(previous, lines, right)
    if reach > limit - _TOLERANCE:
        return True  # the next word would not have fitted: the line was wrapped
    # A table cell ends short of the text area by its padding, which the boxes do not show;
    # there only the text can tell a wrapped line from a paragraph's last one.
    ended = previous.words[-1].text.endswith((".", "!", "?", ";", ":"))
    return reach > limit - _CELL_PADDING and not (ended and not first.text[:1].islower())


def read_pdf(path: Path) -> list[Block]:
    """The lines of a PDF in reading order, each knowing whether it continues a paragraph."""
    vocab = vocabulary()
    glyphs = "".join(bullet for bullet in vocab.bullets if not bullet.isascii())
    lines = _lines(_run(path))
    if not lines:
        raise ExtractError("the PDF holds no text (a scan?); run it through OCR first")
    lines = _attach_markers(lines, glyphs)
    # Page numbers and running headers go before paragraphs are rebuilt, so that a paragraph
    # running over a page break is joined across it.
    draft: list[Block] = []
    for index, line in enumerate(lines):
        if index and line.page != lines[index - 1].page:
            draft.append(Block(kind=Kind.PAGE))
        draft.append(Block(line.text(), Kind.TEXT))
    noise = running_lines(draft, vocab)
    positions = [i for i, block in enumerate(draft) if block.kind is not Kind.PAGE]
    kept = [line for line, at in zip(lines, positions, strict=True) if at not in noise]
    right = max(line.x1 for line in kept) if kept else 0.0
    blocks: list[Block] = []
    previous: _Line | None = None
    for line in kept:
        if previous is not None and line.page != previous.page:
            blocks.append(Block(kind=Kind.PAGE))
        elif previous is not None and line.block != previous.block:
            blocks.append(Block(kind=Kind.BLANK))
        joins = previous is not None and _continues(previous, line, kept, right, glyphs)
        blocks.append(Block(line.text(), Kind.TEXT, joins=joins))
        previous = line
    return blocks
