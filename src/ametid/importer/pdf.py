"""Reading a PDF's text with poppler's pdftotext, and its line geometry to rebuild paragraphs.

`pdftotext -bbox-layout` gives every line and word with its box, in poppler's reading order.
The boxes answer what plain text cannot: whether a line was wrapped (the next word would not
have fitted) or ended its paragraph, and which bullet or number belongs to which line when
poppler reads a column of bullets apart from the text beside it.
"""

from __future__ import annotations

import itertools
import re
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ametid.core.language import gettext as _
from ametid.importer.blocks import Block, Kind
from ametid.importer.extract import MAX_INPUT_BYTES, MAX_PAGES, ExtractError
from ametid.importer.noise import running_lines, tidy
from ametid.importer.vocabulary import vocabulary

TIMEOUT_SECONDS = 120
_XHTML = "{http://www.w3.org/1999/xhtml}"
_MARKER = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)]")
_TOLERANCE = 3.0  # points: how far two edges may differ and still be the same edge
_CELL_PADDING = 8.0  # points: the most a table cell's padding keeps text from the margin
_COLUMN_GAP = 8.0  # points: a gap between words this wide separates two table columns
_CELL_PARAGRAPH = 1.5  # line heights: the most room between two paragraphs of one cell
# A text printed to PDF line by line has its lines end where a sentence goes on: when that is so
# at this many paragraph ends, and this share of them, the lines are read as plain text.
_HARD_WRAPS = 5
_HARD_WRAP_SHARE = 0.2


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
    limit: float | None = None  # the right edge of the table column the line stands in

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
            _("reading PDF files needs pdftotext from poppler: apt-get install poppler-utils")
        )
    _check_size(path, tool)
    try:
        done = subprocess.run(
            [tool, "-bbox-layout", "-enc", "UTF-8", "-l", str(MAX_PAGES), str(path), "-"],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        message = _("pdftotext took longer than {seconds} s").format(seconds=TIMEOUT_SECONDS)
        raise ExtractError(message) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        message = _("not a readable PDF (pdftotext: {reason})")
        raise ExtractError(message.format(reason=reason[-1] if reason else done.returncode))
    return done.stdout.decode("utf-8", "replace")


def _check_size(path: Path, pdftotext: str) -> None:
    """Refuse a PDF over the size or page limit before its text is read."""
    try:
        found = path.stat()
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=error.strerror or error)
        raise ExtractError(message) from None
    if not stat.S_ISREG(found.st_mode):
        raise ExtractError(_("not a regular file; give the document itself"))
    if found.st_size > MAX_INPUT_BYTES:
        raise ExtractError(
            _(
                "file is over the import limit of {limit}; a job description is far smaller, "
                "so check that this is the right file"
            ).format(limit=f"{MAX_INPUT_BYTES // 1_000_000} MB")
        )
    pdfinfo = shutil.which("pdfinfo") or str(Path(pdftotext).with_name("pdfinfo"))
    try:
        done = subprocess.run(
            [pdfinfo, str(path)], capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return  # pdftotext reads no more than MAX_PAGES pages anyway
    pages = re.search(rb"^Pages:\s+([0-9]+)", done.stdout, re.MULTILINE)
    if pages and int(pages.group(1)) > MAX_PAGES:
        raise ExtractError(
            _(
                "the PDF has {count} pages, over the import limit of {limit}; "
                "import the job descriptions from a shorter file"
            ).format(count=int(pages.group(1)), limit=MAX_PAGES)
        )


def _lines(xhtml: str) -> list[_Line]:
    try:
        root = ElementTree.fromstring(xhtml)
    except ElementTree.ParseError as error:
        message = _("pdftotext gave output that cannot be read: {error}").format(error=error)
        raise ExtractError(message) from None
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


def _apart(band: list[_Line]) -> bool:
    """Whether the lines of one band stand apart, as the cells of a table row do."""
    ordered = sorted(band, key=lambda line: line.x0)
    return len(ordered) > 1 and all(
        later.x0 - earlier.x1 > _COLUMN_GAP for earlier, later in itertools.pairwise(ordered)
    )


def _bands(lines: list[_Line]) -> list[list[_Line]]:
    """The lines of a page in bands that share a top: one visual line each, top to bottom."""
    bands: list[list[_Line]] = []
    for line in sorted(lines, key=lambda line: (line.top, line.x0)):
        if bands and abs(line.top - bands[-1][0].top) <= _TOLERANCE:
            bands[-1].append(line)
        else:
            bands.append([line])
    return bands


class _Table:
    """A table being read band by band: its column edges and its rows of cells of lines."""

    def __init__(self, band: list[_Line], right: float) -> None:
        self.edges = sorted(line.x0 for line in band)
        self.right = right
        self.rows: list[list[list[_Line]]] = []
        self.last = band[0]
        self._new_row()
        for line in band:
            self._put(line, self.column(line))

    def _new_row(self) -> None:
        self.rows.append([[] for _ in self.edges])

    def column(self, line: _Line) -> int:
        """The column a line starts in."""
        return max(i for i, edge in enumerate(self.edges) if line.x0 >= edge - _TOLERANCE)

    def _limit(self, column: int) -> float:
        return self.edges[column + 1] if column + 1 < len(self.edges) else self.right

    def _put(self, line: _Line, column: int) -> None:
        line.limit = self._limit(column) - _TOLERANCE
        self.rows[-1][column].append(line)
        self.last = max(self.last, line, key=lambda other: other.bottom)

    def takes(self, band: list[_Line]) -> bool:
        """Whether a band is more of this table: its lines within the columns, close below."""
        height = self.last.bottom - self.last.top
        if band[0].top - self.last.bottom > height * _CELL_PARAGRAPH:
            return False
        for line in band:
            if line.x0 < self.edges[0] - _TOLERANCE:
                return False
            column = self.column(line)
            if column + 1 < len(self.edges) and line.x1 > self.edges[column + 1]:
                return False
        return len({self.column(line) for line in band}) == len(band)

    def add(self, band: list[_Line]) -> None:
        """Add a band: a line in the first column that does not carry on the one above it
        starts a new row."""
        first = [line for line in band if self.column(line) == 0]
        cell = self.rows[-1][0]
        if first and cell and not _wrapped(cell[-1], first[0], self._limit(0)):
            self._new_row()
        for line in band:
            self._put(line, self.column(line))


def _wrapped(previous: _Line, line: _Line, limit: float) -> bool:
    """Whether a line in a table cell carries on the one above it: the next word would not
    have fitted, or the line goes on in the middle of a sentence."""
    height = previous.bottom - previous.top
    if line.top - previous.bottom > height * 0.5:
        return False
    first = line.words[0]
    if previous.words[-1].text.endswith((".", "!", "?", ";", ":")) and not first.text[:1].islower():
        return False  # a sentence ended, and a new one starts: a new paragraph, or row
    reach = previous.x1 + height * 0.25 + (first.x1 - first.x0)
    return reach > limit - 2 * _CELL_PADDING or first.text[:1].islower()


def _line_rows(lines: list[_Line]) -> list[list[list[_Line]]]:
    """The lines of one page as rows of columns of lines, tables read by their lines.

    Lines that stand apart on one band start a table; its columns start where those lines do.
    The bands below belong to it while their lines keep within its columns; a line in the first
    column that does not carry on the one above starts a new row, and the lines beside it are
    that row's cells. Other lines come in poppler's blocks, one column each.
    """
    right = max(line.x1 for line in lines)
    rows: list[list[list[_Line]]] = []
    table: _Table | None = None
    for band in _bands(lines):
        if table is not None and table.takes(band):
            table.add(band)
            continue
        if table is not None:
            rows += table.rows
            table = None
        if _apart(band):
            table = _Table(band, right)
            continue
        for line in sorted(band, key=lambda line: line.x0):
            if rows and len(rows[-1]) == 1 and rows[-1][0][-1].block == line.block:
                rows[-1][0].append(line)
            else:
                rows.append([[line]])
    if table is not None:
        rows += table.rows
    return rows


def _reading_order(lines: list[_Line]) -> list[list[list[_Line]]]:
    """Read table rows across: the cells of a row left to right, the rows top to bottom.

    poppler may read a column of labels and then the column of their values. Blocks that
    stand beside each other belong to one row, and so does a further paragraph of a value cell
    standing alone below it; each column of a row is read top to bottom, so each label comes
    back before its value.
    Each row is given as its columns, each column as its lines.
    """
    ordered: list[list[list[_Line]]] = []
    for page in dict.fromkeys(line.page for line in lines):
        blocks: dict[int, list[_Line]] = {}
        for line in lines:
            if line.page == page:
                blocks.setdefault(line.block, []).append(line)
        ordered += _line_rows([line for block in blocks.values() for line in block])
    return ordered


def _text_x0(line: _Line, glyphs: str) -> float:
    """Where the text of a line starts, after its bullet or number."""
    first = line.words[0].text
    if len(line.words) > 1 and (first in glyphs or _MARKER.fullmatch(first)):
        return line.words[1].x0
    return line.x0


def _limit(line: _Line, page: list[_Line], right: float) -> float:
    """The right edge a line could reach: the text area's, or the next column's start."""
    limit = right if line.limit is None else line.limit
    for other in page:
        if other.x0 > line.x1 and other.top < line.bottom and other.bottom > line.top:
            limit = min(limit, other.x0 - _TOLERANCE)
    return limit


def _continues(previous: _Line, line: _Line, page: list[_Line], right: float, glyphs: str) -> bool:
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
    limit = _limit(previous, page, right)
    ended = previous.words[-1].text.endswith((".", "!", "?", ";", ":"))
    starts = ended and not first.text[:1].islower()
    if previous.limit is not None and starts:
        # In a table cell read by its lines, the cell's padding hides where its text must end:
        # a sentence that ends and one that starts are two paragraphs.
        return False
    if reach > limit - _TOLERANCE:
        return True  # the next word would not have fitted: the line was wrapped
    # A table cell ends short of the text area by its padding, which the boxes do not show;
    # there only the text can tell a wrapped line from a paragraph's last one.
    return reach > limit - _CELL_PADDING and not starts


def read_pdf(path: Path) -> list[Block]:
    """The lines of a PDF in reading order, each knowing whether it continues a paragraph.

    Blocks that stand side by side come as one table row, a cell for each column, as a Word
    table's rows do.
    """
    vocab = vocabulary()
    glyphs = "".join(bullet for bullet in vocab.bullets if not bullet.isascii())
    lines = _lines(_run(path))
    if not lines:
        raise ExtractError(_("the PDF holds no text (a scan?); run it through OCR first"))
    rows = _reading_order(_attach_markers(lines, glyphs))
    # Page numbers and running headers go before paragraphs are rebuilt, so that a paragraph
    # running over a page break is joined across it.
    flat = [line for row in rows for column in row for line in column]
    draft: list[Block] = []
    for index, line in enumerate(flat):
        if index and line.page != flat[index - 1].page:
            draft.append(Block(kind=Kind.PAGE))
        draft.append(Block(line.text(), Kind.TEXT))
    noise = running_lines(draft, vocab)
    positions = [i for i, block in enumerate(draft) if block.kind is not Kind.PAGE]
    dropped = {id(line) for line, at in zip(flat, positions, strict=True) if at in noise}
    kept = [line for line in flat if id(line) not in dropped]
    right = max((line.x1 for line in kept), default=0.0)
    pages: dict[int, list[_Line]] = {}
    for line in kept:
        pages.setdefault(line.page, []).append(line)

    def cell(column: list[_Line], previous: _Line | None) -> list[Block]:
        out = []
        for line in column:
            joins = previous is not None and _continues(
                previous, line, pages[previous.page], right, glyphs
            )
            out.append(Block(line.text(), Kind.TEXT, joins=joins))
            previous = line
        return out

    blocks: list[Block] = []
    previous: _Line | None = None
    for row in rows:
        columns = [[line for line in column if id(line) not in dropped] for column in row]
        if not any(columns):
            continue
        # A table row keeps its empty cells: a duty whose result cell is empty is still one.
        first = next(column[0] for column in columns if column)
        if previous is not None:
            blocks.append(Block(kind=Kind.PAGE if first.page != previous.page else Kind.BLANK))
        if len(columns) == 1:
            blocks += cell(columns[0], previous)
            previous = columns[0][-1]
        else:
            cells = [cell(column, None) for column in columns]
            blocks.append(Block(kind=Kind.ROW, cells=cells, joins=False))
            previous = None  # a table row ends any paragraph before it
    if _hard_wrapped(blocks):
        for block in blocks:
            for member in (block, *(b for c in block.cells for b in c)):
                if member.kind is Kind.TEXT:
                    member.joins = None
    return blocks


def _hard_wrapped(blocks: list[Block]) -> bool:
    """Whether the lines were broken by hand, as in a text file printed to PDF.

    Then the boxes show a paragraph's end at every line, and a paragraph seems to start in
    the middle of a sentence, with a lower-case word, again and again. Its text is read as
    extracted text is, by the words at the line ends.
    """
    texts = [b for block in blocks for b in (block, *(b for c in block.cells for b in c))]
    breaks = [block for block in texts[1:] if block.kind is Kind.TEXT and block.joins is False]
    lower = [block for block in breaks if block.text.lstrip()[:1].islower()]
    return len(lower) >= _HARD_WRAPS and len(lower) > len(breaks) * _HARD_WRAP_SHARE
