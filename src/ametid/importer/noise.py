"""Repairing extraction noise: glyphs, page numbers and headers, hyphens, broken lines."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from ametid.importer.blocks import Block, Kind
from ametid.importer.columns import tables
from ametid.importer.vocabulary import Vocabulary, normal

# Item numbers: "2.", "2.1.", "2.1", "2)", with each part at most three digits, so that a date
# such as 19.05.2026 is never taken for a number.
_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])(?=\s|$)\s*")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile("[\u00a0\u2007\u202f\u2000-\u200a]")
# Control characters (Word's vertical tab and the like) and non-characters a position may not
# hold: each stands for a space.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_NUMBERED = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)]\s")
_APPROVAL_LINES = 4  # lines an approval block takes: KINNITATUD, who, date and number, annex
_EDGE_LINES = 2  # running headers and footers are within the first and last two lines of a page


def tidy(text: str) -> str:
    """Normalise characters: NFC, no soft hyphens or zero-width marks, tabs as column gaps."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", _SPACES.sub(" ", text))
    return text.replace("\t", "  ").rstrip()


def squash(text: str) -> str:
    """Fold every run of whitespace into one space."""
    return " ".join(text.split())


def _inline_bullets(vocab: Vocabulary) -> str:
    return "".join(b for b in vocab.bullets if not _ascii_bullet(b))


def classify(line: Block, vocab: Vocabulary) -> list[Block]:
    """Read the bullet or number a line starts with, and split lines that hold two columns."""
    if line.kind in (Kind.ROW, Kind.BLANK, Kind.PAGE):
        return [line]
    text = line.text.strip()
    inline = _inline_bullets(vocab)
    pieces = [text]
    if inline:
        # A bullet glyph inside a line starts a new item: the extractor ran a task and the first
        # of its results (two table columns) into one line.
        pieces = [p for p in re.split(f"(?=[{re.escape(inline)}])", text) if p.strip()] or [""]
    blocks = []
    for index, piece in enumerate(pieces):
        block = Block(
            piece.strip(),
            line.kind,
            line.number,
            line.joins if index == 0 else False,
            line=line.line,
        )
        _read_marker(block, vocab)
        blocks.append(block)
    return blocks


def _read_marker(block: Block, vocab: Vocabulary) -> None:
    text = block.text
    for bullet in vocab.bullets:
        alone = text == bullet and not _ascii_bullet(bullet)
        if alone or (text.startswith(bullet) and _bullet_follows(text, bullet)):
            if block.kind in (Kind.TEXT, Kind.BULLET):
                block.kind = Kind.BULLET
                block.text = text[len(bullet) :].strip()
            return
    found = _NUMBER.match(text)
    if found and _starts_with_month(text[found.end() :], vocab):
        found = None  # a date, "19. mai 2026", not an item numbered 19
    if found and not block.number:
        block.number = found.group(1)
        block.text = text[found.end() :].strip()
        again = _NUMBER.match(block.text)
        if again and _levels(again.group(1)) > _levels(block.number):
            # A list that numbers items already numbered in the text: "1. 4.1. Õigus …".
            block.number = again.group(1)
            block.text = block.text[again.end() :].strip()
        if block.kind is Kind.TEXT:
            block.kind = Kind.NUMBER


def _starts_with_month(text: str, vocab: Vocabulary) -> bool:
    """Whether a text goes on as a date does after its day: a month's name and a year."""
    found = re.match(r"(\w+)\s+\d{4}\b", text)
    return found is not None and found.group(1).casefold().startswith(vocab.months)


def _levels(number: str) -> int:
    return len([part for part in number.rstrip(".)").split(".") if part])


def _ascii_bullet(bullet: str) -> bool:
    """Bullets that also occur in ordinary text: the hyphen, the en dash, the asterisk."""
    return bullet.isascii() or bullet == "\u2013"


def _bullet_follows(text: str, bullet: str) -> bool:
    # A hyphen or a dash needs a space and text after it; glyphs may touch the text.
    after = text[len(bullet) :]
    return after[:1].isspace() and bool(after.strip()) if _ascii_bullet(bullet) else True


def _pages(lines: list[Block]) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if line.kind is Kind.PAGE:
            pages.append([])
        elif line.kind is not Kind.BLANK and line.text.strip():
            pages[-1].append(index)
    return [page for page in pages if page]


def running_lines(lines: list[Block], vocab: Vocabulary) -> set[int]:
    """The lines that are page numbers or running headers and footers, by index."""
    found = {
        index
        for index, line in enumerate(lines)
        if line.kind is Kind.TEXT and vocab.is_page_number(line.text)
    }
    pages = _pages(lines)
    if len(pages) < 2:
        return found
    edges = [
        {i for i in (*page[:_EDGE_LINES], *page[-_EDGE_LINES:]) if i not in found} for page in pages
    ]
    counts = Counter(
        text
        for page in edges
        for text in {normal(lines[i].text) for i in page if lines[i].kind is Kind.TEXT}
    )
    # A running header stands at the edge of every page, or of all but one (often the first).
    running = {text for text, count in counts.items() if count >= max(2, len(pages) - 1)}
    content = _structure(lines, vocab)
    for page in edges:
        for index in page:
            text = lines[index].text.strip()
            if index in content:
                continue
            if normal(text) in running or (text.isdigit() and len(text) <= 3):
                found.add(index)
    return found


def _structure(lines: list[Block], vocab: Vocabulary) -> set[int]:
    """Lines that are never a running header or footer, however often they stand at a page's
    edge: numbered items and headings, and the lines of an approval block (each annex of a
    directive starts a page with "KINNITATUD / … peadirektori / … käskkirjaga nr …")."""
    kept: set[int] = set()
    block_lines = 0
    for index, line in enumerate(lines):
        if line.kind is not Kind.TEXT or not line.text.strip():
            continue
        text = line.text.strip()
        if _NUMBERED.match(text) or vocab.sections.exact(text) is not None:
            kept.add(index)
        words = normal(text).split()
        if words and words[0] in vocab.approved:
            block_lines = _APPROVAL_LINES
        if block_lines:
            kept.add(index)
            block_lines -= 1
            if any(word in vocab.directive_words for word in words):
                block_lines = 0
    return kept


def clean(lines: Iterable[Block], vocab: Vocabulary) -> list[Block]:
    """Tidy characters, drop page numbers and running headers, cut text laid out in two
    columns into table rows, and read the markers lines start with."""
    tidied: list[Block] = []
    for line in lines:
        if line.kind in (Kind.ROW, Kind.BLANK, Kind.PAGE):
            tidied.append(line)
            continue
        # Tabs in extracted text stand where a column starts; elsewhere they are a gap.
        text = line.text.expandtabs(8) if line.joins is None else line.text
        line.text = tidy(text)
        tidied.append(line if line.text.strip() else Block(kind=Kind.BLANK, line=line.line))
    noise = running_lines(tidied, vocab)
    kept = tables([line for index, line in enumerate(tidied) if index not in noise])
    out: list[Block] = []
    for line in kept:
        if line.kind is Kind.ROW:
            cells = [clean(cell, vocab) for cell in line.cells]
            if line.joins is None:
                cells = _spliced(cells)
            out.append(Block(kind=Kind.ROW, cells=cells, joins=False, line=line.line))
        elif line.kind in (Kind.BLANK, Kind.PAGE):
            out.append(line)
        else:
            out.extend(classify(line, vocab))
    return out


def _spliced(cells: list[list[Block]]) -> list[list[Block]]:
    """The cells of a row of extracted text, a cell that is itself a row of columns (the
    second and third of three columns, cut apart at the first gap) taken as its cells."""
    out: list[list[Block]] = []
    for cell in cells:
        inner = [block for block in cell if block.kind is not Kind.BLANK]
        if len(inner) == 1 and inner[0].kind is Kind.ROW:
            out += inner[0].cells
        else:
            out.append(cell)
    return out


def _words(lines: Iterable[Block]) -> Counter[str]:
    return Counter(
        word
        for line in lines
        for text in (line.text, *(b.text for cell in line.cells for b in cell))
        for word in re.findall(r"[\w-]+", text.casefold())
    )


def join_text(left: str, right: str, words: Counter[str], vocab: Vocabulary) -> str:
    """Join two pieces of a paragraph broken by a line end, repairing hyphenation."""
    left, right = left.rstrip(), right.strip()
    if not left:
        return right
    broken = re.search(r"(\w+)-$", left)
    if broken and right[:1].islower():
        first = re.match(r"[\w-]+", right)
        word = first.group() if first else ""
        if word in vocab.hyphen_keeps_space_before:
            return f"{left} {right}"  # "ennetus- ja teavitustegevused"
        stem = broken.group(1)
        whole = f"{stem}{word}".casefold()
        hyphenated = f"{stem}-{word}".casefold()
        # The document itself is the dictionary: a word it writes elsewhere with its hyphen keeps
        # it; otherwise a hyphen at a line end inside a word is the typesetter's ("koostöö-
        # partneritele"). Single letters, digits and abbreviations ("e-", "COVID-") keep theirs.
        keep = words[hyphenated] > words[whole] or (
            len(stem) == 1 or stem.isupper() or any(c.isdigit() for c in stem)
        )
        return f"{left}{right}" if keep else f"{left[:-1]}{right}"
    return f"{left} {right}"


def _continues(previous: Block, line: Block, gap: bool) -> bool:
    if line.kind is not Kind.TEXT or previous.kind in (Kind.HEADING, Kind.TITLE, Kind.ROW):
        return False
    if previous.kind in (Kind.BULLET, Kind.NUMBER) and not previous.text:
        return True  # a bullet or number alone on its line belongs to the next line
    if line.joins is not None:
        return line.joins
    text = line.text
    if text[:1].islower():
        return True
    return not gap and (previous.text.endswith((",", "(")) or text.startswith("("))


def paragraphs(lines: list[Block], vocab: Vocabulary) -> list[Block]:
    """Join the lines of each paragraph; blank lines and page breaks are dropped.

    Runs of spaces inside a line stay, since they can be the gap between two table columns.
    """
    words = _words(lines)
    out: list[Block] = []
    gap = False
    for line in lines:
        if line.kind in (Kind.BLANK, Kind.PAGE):
            gap = True
            continue
        if line.kind is Kind.ROW:
            cells = [paragraphs(cell, vocab) for cell in line.cells]
            out.append(Block(kind=Kind.ROW, cells=cells, joins=False, line=line.line))
        elif out and _continues(out[-1], line, gap):
            previous = out[-1]
            previous.text = join_text(previous.text, line.text, words, vocab)
        else:
            out.append(
                Block(line.text, line.kind, line.number, line.joins, line=line.line, gap=gap)
            )
        gap = False
    return out
