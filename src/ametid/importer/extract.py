"""Reading the text out of an input file, as lines with what the file knows of their layout."""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any

from ametid.core.language import gettext as _
from ametid.importer.blocks import Block, Kind

SUFFIXES = (".docx", ".pdf", ".txt", ".md")

# Limits on what an import reads, so a hostile file is refused in bounded time and memory.
# A signed job description is some 50 KB of text; a directive with fifty annexes, a few MB.
MAX_INPUT_BYTES = 20_000_000  # an input file as it lies on the disk
MAX_TEXT_BYTES = 2_000_000  # the text of a .txt or .md file
MAX_PART_BYTES = 20_000_000  # one part of a Word file, uncompressed
MAX_PARTS = 1_000  # parts in a Word file
MAX_RATIO = 100  # how many times larger than compressed a part over 1 MB may be
_RATIO_FROM = 1_000_000
MAX_PAGES = 300  # pages of a PDF
_DECLARATIONS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


class ExtractError(Exception):
    """An input file that cannot be read; the message says why and what to do."""


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"


def read(path: Path) -> tuple[list[Block], str | None]:
    """The lines of a Word or text input file, by its kind (PDF is read by `pdf`), and a note
    on how a text file was decoded when it was not UTF-8."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path), None
    if suffix in (".txt", ".md"):
        raw = read_bytes(path, MAX_TEXT_BYTES)
        text, encoding = decode(raw)
        if _binary(text):
            raise ExtractError(
                _(
                    "not a text file (it holds control characters); give the job description as "
                    ".docx, .pdf, or text saved from them"
                )
            )
        note = (
            None if encoding == "UTF-8" else _("read as {encoding} text").format(encoding=encoding)
        )
        return (read_markdown(text) if suffix == ".md" else read_text(text)), note
    if suffix in (".doc", ".rtf", ".odt"):
        message = _(
            "{suffix} files are not read; save it as .docx first "
            "(in Word, or: soffice --headless --convert-to docx FILE)"
        )
        raise ExtractError(message.format(suffix=suffix))
    message = _("unsupported file type {suffix}; use .docx, .pdf, .txt or .md")
    raise ExtractError(message.format(suffix=suffix or _("(none)")))


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """An input file's bytes, refused past `limit` (read no further than that)."""
    try:
        # Non-blocking, so that a named pipe cannot make the import wait for ever.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise ExtractError(_("not a regular file; give the document itself"))
            raw = handle.read(limit + 1)
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=error.strerror or error)
        raise ExtractError(message) from None
    if len(raw) > limit:
        raise ExtractError(
            _(
                "file is over the import limit of {limit}; a job description is far smaller, "
                "so check that this is the right file"
            ).format(limit=_mb(limit))
        )
    return raw


def _utf16_without_mark(raw: bytes) -> str | None:
    """UTF-16 saved without a byte order mark: NUL in every other byte of Latin text."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    half = len(raw) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _binary(text: str) -> bool:
    """Whether decoded text is really a binary file: NUL bytes, or many control characters."""
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f")
    return "\0" in text or controls > len(text) // 100


def decode(raw: bytes) -> tuple[str, str]:
    """A text file's text and the encoding it was read in: by its byte order mark, UTF-16,
    UTF-8, and else Windows-1257, in which older Windows programs in Estonia save text."""
    marks = (
        (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
    )
    for mark, codec, name in marks:
        if raw.startswith(mark):
            return raw.decode(codec, errors="replace"), name
    guessed = _utf16_without_mark(raw)
    if guessed is not None:
        return raw.decode(guessed, errors="replace"), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1257", errors="replace"), "Windows-1257"


def check_package(raw: bytes) -> None:
    """Refuse a Word file whose parts would expand past the limits, or that declares XML
    entities (which Word never writes), before any part of it is unpacked."""
    damaged = _("not a Word document (.docx), or a damaged one; open it in Word and save it again")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
            if len(members) > MAX_PARTS:
                raise ExtractError(
                    _(
                        "the Word file has {count} parts, over the limit of {limit}; "
                        "open it in Word and save it again"
                    ).format(count=len(members), limit=MAX_PARTS)
                )
            for member in members:
                _check_part(member)
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    data = archive.read(member)
                    if any(marker in data for marker in _DECLARATIONS):
                        raise ExtractError(
                            _(
                                "the Word file's part {part} declares XML entities, which Word "
                                "never writes; open it in Word and save it again"
                            ).format(part=member.filename)
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        raise ExtractError(damaged) from None
    except (OSError, RuntimeError):
        # zlib's and zipfile's own errors for a damaged or encrypted part.
        raise ExtractError(damaged) from None


def _check_part(member: zipfile.ZipInfo) -> None:
    if member.file_size > MAX_PART_BYTES:
        raise ExtractError(
            _(
                "the Word file's part {part} unpacks to {size}, over the limit of {limit}; "
                "check that this is the right file"
            ).format(part=member.filename, size=_mb(member.file_size), limit=_mb(MAX_PART_BYTES))
        )
    if member.file_size > _RATIO_FROM and member.file_size > MAX_RATIO * max(
        member.compress_size, 1
    ):
        raise ExtractError(
            _(
                "the Word file's part {part} unpacks to {ratio} times its packed size, over the "
                "limit of {limit}; check that this is the right file"
            ).format(
                part=member.filename,
                ratio=member.file_size // max(member.compress_size, 1),
                limit=MAX_RATIO,
            )
        )


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


# What `ametid build` escapes in Markdown (render/markup.py): a backslash before ASCII punctuation.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_UNESCAPED = r"\1"


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
            title = _ESCAPED.sub(_UNESCAPED, heading.group(2))
            current = Block(title, kind, joins=False, line=number)
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
            current = Block(_ESCAPED.sub(_UNESCAPED, content), kind, joins=False, line=number)
            blocks.append(current)
        else:
            current.text = f"{current.text} {_ESCAPED.sub(_UNESCAPED, line.strip())}"
        if hard_break:
            current = None
    return blocks


def read_docx(path: Path) -> list[Block]:
    """A Word document's paragraphs and table rows in document order."""
    import docx

    raw = read_bytes(path)
    check_package(raw)
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception:
        # python-docx fails in many ways on a damaged package (a missing part, a part of
        # another kind); each is the same answer to the person importing it.
        raise ExtractError(
            _("not a Word document (.docx), or a damaged one; open it in Word and save it again")
        ) from None
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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Where a run's text is not the paragraph's: deleted or moved away in a tracked change, inside a
# text box (read as paragraphs of its own), or the fallback copy of a drawing.
_NOT_OWN = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_MC}Fallback"}


def _own(element: Any, paragraph: Any) -> bool:
    """Whether an element inside a paragraph is that paragraph's own text."""
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _NOT_OWN:
            return False
        parent = parent.getparent()
    return True


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's text as it reads with its tracked changes accepted."""
    from docx.text.run import Run

    element = paragraph._p
    runs = [run for run in element.iter(f"{_W}r") if _own(run, element)]
    return "".join(Run(run, paragraph).text for run in runs)


def _text_boxes(paragraph: Any, formats: dict[tuple[str, str], str]) -> list[Block]:
    """The paragraphs of the text boxes anchored in a paragraph, read before its own text."""
    from docx.text.paragraph import Paragraph

    element = paragraph._p
    blocks: list[Block] = []
    for box in element.iter(f"{_W}txbxContent"):
        if _inside_fallback(box, element):
            continue  # the same box again, for programs that cannot read the drawing
        for inner in box.iter(f"{_W}p"):
            blocks += _paragraph_blocks(Paragraph(inner, paragraph._parent), formats)
    return blocks


def _inside_fallback(element: Any, paragraph: Any) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag == f"{_MC}Fallback":
            return True
        parent = parent.getparent()
    return False


def has_tracked_changes(path: Path) -> bool:
    """Whether a Word document holds insertions or deletions not yet accepted."""
    with zipfile.ZipFile(io.BytesIO(read_bytes(path))) as package:
        body = package.read("word/document.xml")
    return b"<w:ins " in body or b"<w:del " in body


def _paragraph_blocks(paragraph: Any, formats: dict[tuple[str, str], str]) -> list[Block]:
    boxes = _text_boxes(paragraph, formats)
    text = paragraph_text(paragraph)
    if not text.strip():
        return [*boxes, Block(kind=Kind.BLANK)] if boxes else [Block(kind=Kind.BLANK)]
    kind = _paragraph_kind(paragraph, formats)
    lines = text.split("\n")
    blocks = [*boxes, Block(lines[0], kind, joins=False)]
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
