"""Reading plain text laid out in two columns, as `pdftotext -layout` writes a table.

Such text runs the two cells of a row together line by line: "2.1. Teenuse toimimise ja
kasutatavuse      • Teenus on ajakohane ja vastab kliendi", with the next lines of either cell
below, indented to where its column starts. Where line after line has a gap of three spaces or
more at the same place, the lines are cut there and given back as table rows, a cell per
column, which the parser reads as it reads a Word table.
"""

from __future__ import annotations

import re

from ametid.importer.blocks import Block, Kind

_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
_MARKER = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*[.)]|[\u2022\uf0a7\uf0b7\u25aa\u25cf-])(?:\s|$)")
_SLACK = 2  # characters: how far a column's start may wander from line to line
_MAX_ALONE = 4  # lines of the first column alone that may stand between two rows of a table
_MIN_ROWS = 2  # lines that must show the same gap before the text counts as two columns


def _right_start(text: str) -> int | None:
    """Where the second column starts in a line of two, or None."""
    found = _GAP.search(text)
    return found.end() if found else None


def _cut(text: str, column: int) -> tuple[str, str]:
    """A line's two cells: at its own gap, or all second column when indented that far."""
    found = _GAP.search(text)
    if found is not None:
        return text[: found.start()].strip(), text[found.end() :].strip()
    if _indent(text) >= column - _SLACK:
        return "", text.strip()
    return text.strip(), ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _region(lines: list[Block], start: int) -> tuple[int, int] | None:
    """The end of the two-column region that starts at `start`, and its column, if it is one."""
    column = _right_start(lines[start].text)
    if column is None:
        return None
    end, gaps, blanks = start, 0, 0
    for index in range(start, len(lines)):
        line = lines[index]
        if line.kind is not Kind.TEXT or not line.text.strip():
            blanks += 1
            if blanks > 1 or line.kind is not Kind.BLANK:
                break
            continue
        blanks = 0
        text = line.text
        found = _right_start(text)
        if found is not None and abs(found - column) <= _SLACK:
            gaps += 1
        elif found is None and _indent(text) >= column - _SLACK:
            pass  # the second column alone
        elif found is None and len(text) < column - 1 and _left_goes_on(lines, index, column):
            pass  # the first column alone, between lines of the table
        else:
            break
        end = index + 1
    return (end, column) if gaps >= _MIN_ROWS else None


def _left_goes_on(lines: list[Block], index: int, column: int) -> bool:
    """Whether a line of the first column alone is still inside the table."""
    text = lines[index].text.strip()
    if text[:1].islower():
        return True
    # A row whose second cell is empty (a duty without a result) may run over a few lines of
    # the first column alone before the next row shows the gap again.
    alone = 0
    for line in lines[index + 1 :]:
        if line.kind is Kind.TEXT and line.text.strip():
            following = _right_start(line.text)
            near = following is not None and abs(following - column) <= _SLACK
            if near or _indent(line.text) >= column - _SLACK:
                return True
            alone += 1
            if following is not None or len(line.text) >= column - 1 or alone > _MAX_ALONE:
                return False
        elif line.kind is not Kind.TEXT or alone:
            return False
    return False


def _rows(lines: list[Block], column: int) -> list[Block]:
    """The lines of a region cut into two cells and grouped into rows."""
    first = next(line.text.strip() for line in lines if line.text.strip())
    numbered = _MARKER.match(first) is not None
    rows: list[list[list[Block]]] = []
    for line in lines:
        if not line.text.strip():
            if rows:
                rows[-1][0].append(Block(kind=Kind.BLANK, line=line.line))
                rows[-1][1].append(Block(kind=Kind.BLANK, line=line.line))
            continue
        left, right = _cut(line.text, column)
        starts = bool(left) and (
            _MARKER.match(left) is not None if numbered else not left[:1].islower()
        )
        if starts or not rows:
            rows.append([[], []])
        for cell, text in zip(rows[-1], (left, right), strict=True):
            if text:
                cell.append(Block(text, Kind.TEXT, line=line.line))
    return [Block(kind=Kind.ROW, cells=cells, line=_first_line(cells)) for cells in rows]


def _first_line(cells: list[list[Block]]) -> int | None:
    return next((block.line for cell in cells for block in cell if block.text), None)


def _only_markers(lines: list[Block], column: int) -> bool:
    """Whether the first column holds nothing but item numbers and bullets."""
    lefts = [_cut(line.text, column)[0] for line in lines if line.text.strip()]
    return all(_MARKER.fullmatch(left + " ") for left in lefts if left)


def tables(lines: list[Block]) -> list[Block]:
    """Give the regions of two-column text back as table rows; leave every other line be."""
    out: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        found = _region(lines, index) if line.kind is Kind.TEXT and line.joins is None else None
        if found is None:
            out.append(line)
            index += 1
            continue
        end, column = found
        region = lines[index:end]
        if _only_markers(region, column):
            out += region  # a list with hanging indents: numbers or bullets, then their text
        else:
            out += _rows(region, column)
        index = end
    return out
