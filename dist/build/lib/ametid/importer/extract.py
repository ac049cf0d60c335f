"""Reading the text out of an input file, as lines with what the file knows of their layout."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from ametid.importer.blocks import Block, Kind

SUFFIXES = (".docx", ".pdf", ".txt", ".md")


class ExtractError(Exception):
    """An input file that cannot be read; the message says why and what to do."""


def read(path: Path) -> list[Block]:
    """The lines of a Word or text input file, by its kind (PDF is read by `pdf`)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix in (".txt", ".md"):
        text = _decode(_read_bytes(path))
        return read_markdown(text) if suffix == ".md" else read_text(text)
    if suffix in (".doc", ".rtf", ".odt"):
        raise ExtractError(
            f"{suffix} files are not read; save it as .docx first "
            "(in Word, or: soffice --headless --convert-to docx FILE)"
        )
    raise ExtractError(f"unsupported file type {suffix or '(none)'}; use .docx, .pdf, .txt or .md")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ExtractError(f"cannot read file: {error.strerror or error}") from None


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Text saved by older Windows programs in Estonia is Windows-1257 (Baltic).
        return raw.decode("cp1257", errors="replace")


def read_text(text: str) -> list[Block]:
    """Plain text as extracted from a document: every line break is a guess to be repaired."""
    lines: list[Block] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        pages = line.split("\f")
        for index, piece in enumerate(pages):
            if index:
                lines.append(Block(kind=Kind.PAGE, line=number))
            kind = Kind.TEXT if piece.strip() else Kind.BLANK
            lines.append(Block(piece, kind, line=number))
    return lines


_HEADING = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?\s*")
_ITEM = re.compile(r"( *)[-*+]\s+(.*)")
_BOLD_LABEL = re.compile(r"\*\*(.+?)\*\*\s*(.*)")
_TABLE_ROW = re.compile(r"\|(.*)\|")
_TABLE_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{3,}:?\s*\|?")


def _unbold(text: str) -> str:
    """A cell's text without the bold markers around it: **Haridus** is Haridus."""
    found = re.fullmatch(r"(\*\*|__)(.+)\1", text)
    return found.group(2).strip() if found else text


def _table_row(line: str, number: int) -> Block | None:
    """A row of a Markdown pipe table, its cells split at the bars ("<br>" breaks a cell)."""
    found = _TABLE_ROW.fullmatch(line.strip())
    if found is None:
        return None
    cells = [
        [
            Block(_unbold(part.strip()), Kind.TEXT, joins=False, line=number)
            for part in re.split(r"<br\s*/?>", cell)
            if part.strip()
        ]
        for cell in found.group(1).split("|")
    ]
    return Block(kind=Kind.ROW, cells=cells, joins=False, line=number)


def read_markdown(text: str) -> list[Block]:
    """Markdown, as `ametid build` writes it (paragraphs, list items, headings, bold labels),
    and pipe tables."""
    blocks: list[Block] = []
    current: Block | None = None
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        line = raw.rstrip()
        if not line.strip():
            current = None
            blocks.append(Block(kind=Kind.BLANK, line=number))
            continue
        if _TABLE_RULE.fullmatch(line.strip()):
            current = None
            continue
        row = _table_row(line, number)
        if row is not None:
            current = None
            blocks.append(row)
            continue
        hard_break = line.endswith("\\")
        line = line.removesuffix("\\").rstrip()
        heading = _HEADING.fullmatch(line)
        item = _ITEM.fullmatch(line)
        if heading:
            kind = Kind.TITLE if len(heading.group(1)) == 1 else Kind.HEADING
            current = Block(heading.group(2), kind, joins=False, line=number)
            blocks.append(current)
            current = None
        elif item or current is None:
            content = item.group(2) if item else line.strip()
            kind = Kind.BULLET if item else Kind.TEXT
            label = _BOLD_LABEL.fullmatch(content)
            if label:
                # "- **Haridus:** Kõrgharidus" is a row of a table; "**2.1.** Task" a numbered item.
                content = f"{label.group(1)} {label.group(2)}".strip()
                kind = Kind.TEXT
            current = Block(content, kind, joins=False, line=number)
            blocks.append(current)
        else:
            current.text = f"{current.text} {line.strip()}"
        if hard_break:
            current = None
    return blocks


def read_docx(path: Path) -> list[Block]:
    """A Word document's paragraphs and table rows in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ExtractError(
            "not a Word document (.docx), or a damaged one; open it in Word and save it again"
        ) from None
    except OSError as error:
        raise ExtractError(f"cannot read file: {error.strerror or error}") from None
    formats = _numbering_formats(document)
    return _inner_blocks(document, formats)


def _inner_blocks(container: Any, formats: dict[tuple[str, str], str]) -> list[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = []
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.extend(_paragraph_blocks(item, formats))
        elif isinstance(item, Table):
            blocks.extend(_table_blocks(item, formats))
    return blocks


def _table_blocks(table: Any, formats: dict[tuple[str, str], str]) -> list[Block]:
    from docx.table import _Cell

    rows = []
    for row in table.rows:
        cells: list[list[Block]] = []
        for tc in row._tr.tc_lst:
            if tc.vMerge == "continue":
                cells.append([])  # the text stands in the first row of the merged cell
            else:
                cells.append(_inner_blocks(_Cell(tc, table), formats))
        if any(cells):
            rows.append(Block(kind=Kind.ROW, cells=cells, joins=False))
    return rows


def _paragraph_blocks(paragraph: Any, formats: dict[tuple[str, str], str]) -> list[Block]:
    text = paragraph.text
    if not text.strip():
        return [Block(kind=Kind.BLANK)]
    kind = _paragraph_kind(paragraph, formats)
    lines = text.split("\n")
    blocks = [Block(lines[0], kind, joins=False)]
    blocks += [Block(line, Kind.TEXT, joins=False) for line in lines[1:] if line.strip()]
    return blocks


def _paragraph_kind(paragraph: Any, formats: dict[tuple[str, str], str]) -> Kind:
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    if name == "Title":
        return Kind.TITLE
    if name.startswith("Heading"):
        return Kind.HEADING
    numbering = _numbering(paragraph)
    if numbering is not None:
        return Kind.BULLET if formats.get(numbering) == "bullet" else Kind.NUMBER
    if name.startswith("List Bullet"):
        return Kind.BULLET
    if name.startswith("List Number"):
        return Kind.NUMBER
    return Kind.TEXT


def _numbering(paragraph: Any) -> tuple[str, str] | None:
    """The (numId, ilvl) of a paragraph's list, from the paragraph or its styles."""
    element = paragraph._p.pPr
    style = paragraph.style
    while True:
        num_pr = element.numPr if element is not None else None
        if num_pr is not None and num_pr.numId is not None:
            if num_pr.numId.val == 0:
                return None  # numbering switched off
            level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return (str(num_pr.numId.val), str(level))
        if style is None:
            return None
        element = style.element.pPr
        style = style.base_style


def _numbering_formats(document: Any) -> dict[tuple[str, str], str]:
    """Map (numId, ilvl) to the number format of that list level: bullet, decimal, …"""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    ns = numbering.nsmap.get("w") or "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    w = "{" + ns + "}"
    abstract: dict[str, dict[str, str]] = {}
    for node in numbering.iter(f"{w}abstractNum"):
        levels = {}
        for level in node.iter(f"{w}lvl"):
            fmt = level.find(f"{w}numFmt")
            levels[level.get(f"{w}ilvl", "0")] = fmt.get(f"{w}val", "") if fmt is not None else ""
        abstract[node.get(f"{w}abstractNumId", "")] = levels
    formats: dict[tuple[str, str], str] = {}
    for num in numbering.iter(f"{w}num"):
        ref = num.find(f"{w}abstractNumId")
        levels = abstract.get(ref.get(f"{w}val", "") if ref is not None else "", {})
        for level, fmt in levels.items():
            formats[(num.get(f"{w}numId", ""), level)] = fmt
    return formats
