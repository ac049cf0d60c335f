"""Splitting an input into job descriptions: a directive's annexes, and their approval blocks."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ametid.core.language import gettext as _
from ametid.importer.blocks import Block, Kind
from ametid.importer.values import squash
from ametid.importer.vocabulary import Vocabulary, normal

_DATE = (
    r"(?P<day>\d{1,2})\.\s?(?:(?P<month>\d{1,2})\.|\s*(?P<name>[^\W\d_]{3,}))\s?"
    r"(?P<year>\d{4})(?:\.?\s*a\b\.?|\.)?"
)
_MAX_HEADER_LINES = 8
_MAX_BY_WORDS = 12


@dataclass
class Approval:
    """Who approved a job description, when, with which directive, as which annex."""

    by: str | None = None
    date: str | None = None
    directive: str | None = None
    annex: str | None = None

    def data(self) -> dict[str, str]:
        """The approval as a position holds it: by, date, directive, and annex if any."""
        assert self.by and self.date and self.directive
        data = {"by": self.by, "date": self.date, "directive": self.directive}
        if self.annex:
            data["annex"] = self.annex
        return data

    @property
    def complete(self) -> bool:
        """Whether every required part is known."""
        return bool(self.by and self.date and self.directive)


@dataclass
class Part:
    """The lines of one job description in an input, and its approval if it has one."""

    lines: list[Block]
    approval: Approval | None = None


@dataclass
class Directive:
    """The head's directive whose annexes the job descriptions are."""

    date: str | None = None
    number: str | None = None
    annexes: tuple[int, int] | None = None  # "vastavalt lisadele 1-11"


@dataclass
class Split:
    """An input divided into job descriptions."""

    parts: list[Part]
    directive: Directive | None = None
    problems: list[str] = field(default_factory=list)


def _iso(found: re.Match[str], vocab: Vocabulary) -> datetime.date | None:
    """The ISO date a match of _DATE names: "19.05.2026" or "19. mai 2026"."""
    month = found.group("month")
    if month is None:
        name = found.group("name").casefold()
        months = [i for i, known in enumerate(vocab.months, 1) if name.startswith(known)]
        if not months:
            return None
        month = str(months[-1])
    try:
        return datetime.date(int(found.group("year")), int(month), int(found.group("day")))
    except ValueError:
        return None


def _words(words: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def approval_pattern(vocab: Vocabulary) -> re.Pattern[str]:
    """The approval block, its lines joined: KINNITATUD <by> <date> käskkirjaga nr <n> Lisa <k>."""
    annex = rf"(?:{_words(vocab.annex_words)})(?:\s+(?:{_words(vocab.number_words)})\.?)?"
    number = rf"(?:{_words(vocab.number_words)})\.?"
    return re.compile(
        rf"(?:(?P<annex_pre>{annex})(?:\s+(?P<annex_c>\d+))?\.?\s+(?={_words(vocab.approved)}))?"
        rf"(?:(?P<approved>{_words(vocab.approved)})\s+)?"
        rf"(?:(?P<annex_first>{annex})(?:\s+(?P<annex_a>\d+))?\.?\s+)?"
        rf"(?P<by>.+?),?\s+{_DATE}\s+"
        rf"(?:{_words(vocab.directive_words)})\s+{number}\s*(?P<directive>[\w./-]*\w)"
        rf"(?:[.,]?\s+(?P<annex_last>{annex})(?:\s+(?P<annex_b>\d+))?\.?)?",
        re.IGNORECASE,
    )


def parse_approval(text: str, vocab: Vocabulary) -> Approval | None:
    """Read an approval block from its lines joined by spaces, or None if it is not one."""
    found = approval_pattern(vocab).fullmatch(squash(text))
    if not found or not (
        found.group("approved") or found.group("annex_first") or found.group("annex_last")
    ):
        return None
    date = _iso(found, vocab)
    by = squash(found.group("by"))
    # Who approved is a few words ("Sotsiaalkindlustusameti peadirektori"), never a sentence:
    # a longer window that took in the text before the block is not the block.
    if date is None or ":" in by or len(by.split()) > _MAX_BY_WORDS or _approved_in(by, vocab):
        return None
    iso = date.isoformat()
    annex = found.group("annex_a") or found.group("annex_b") or found.group("annex_c")
    return Approval(by, iso, found.group("directive"), annex)


def _approved_in(text: str, vocab: Vocabulary) -> bool:
    return any(word in vocab.approved for word in normal(text).split())


def _is_title(line: Block, vocab: Vocabulary) -> bool:
    return (
        line.kind in (Kind.TEXT, Kind.HEADING, Kind.TITLE)
        and not line.number
        and normal(line.text) in vocab.document_titles
    )


def _best_window(
    lines: list[Block], indexes: list[int], vocab: Vocabulary, *, anchored_end: bool
) -> tuple[list[int], Approval] | None:
    """The longest run of the given lines that reads as an approval block."""
    best: tuple[list[int], Approval] | None = None
    for first in range(len(indexes)):
        for last in range(first, len(indexes)):
            if anchored_end and last != len(indexes) - 1:
                continue
            chosen = indexes[first : last + 1]
            approval = parse_approval(" ".join(lines[i].text for i in chosen), vocab)
            if approval is not None and (best is None or len(chosen) > len(best[0])):
                best = (chosen, approval)
    return best


def _approval_in_row(row: Block, vocab: Vocabulary) -> Approval | None:
    """An approval block in one cell of a table row (a header table), taken out of the row."""
    for index, cell in enumerate(row.cells):
        approval = parse_approval(" ".join(block.text for block in cell if block.text), vocab)
        if approval is not None:
            row.cells[index] = []
            return approval
    return None


def _header_before(
    lines: list[Block], end: int, vocab: Vocabulary
) -> tuple[int, set[int], Approval] | None:
    """An approval block just before line `end`: where it starts, its lines, what it says."""
    indexes: list[int] = []
    index = end - 1
    while index >= 0 and len(indexes) < _MAX_HEADER_LINES:
        line = lines[index]
        if line.kind is Kind.TEXT and not line.number:
            indexes.insert(0, index)
        elif line.kind is Kind.ROW and not indexes:
            # The row stays, for what its other cells hold; only the approval is taken out.
            approval = _approval_in_row(line, vocab)
            return (index, set(), approval) if approval is not None else None
        elif line.kind not in (Kind.BLANK, Kind.PAGE):
            break
        index -= 1
    found = _best_window(lines, indexes, vocab, anchored_end=True)
    return (found[0][0], set(found[0]), found[1]) if found else None


def _header_at_top(lines: list[Block], vocab: Vocabulary) -> tuple[set[int], Approval] | None:
    """An approval block among the first lines of an input: its lines, and what it says."""
    indexes: list[int] = []
    for index, line in enumerate(lines):
        if len(indexes) >= _MAX_HEADER_LINES:
            break
        if line.kind is Kind.TEXT and not line.number and not _is_title(line, vocab):
            indexes.append(index)
        elif line.kind not in (Kind.BLANK, Kind.PAGE):
            break
    found = _best_window(lines, indexes, vocab, anchored_end=False)
    if found is not None:
        return set(found[0]), found[1]
    for line in lines[: _MAX_HEADER_LINES * 2]:
        if line.kind is Kind.ROW:
            approval = _approval_in_row(line, vocab)
            if approval is not None:
                return set(), approval
    return None


def _directive(lines: list[Block], vocab: Vocabulary) -> Directive | None:
    """The directive whose head stands before the first job description, if there is one."""
    if not any(normal(line.text) in vocab.directive_titles for line in lines):
        return None
    text = squash(" ".join(line.full_text() for line in lines))
    directive = Directive()
    found = re.search(rf"{_DATE}\s*(?:{_words(vocab.number_words)})\.?\s*([\w./-]*\w)", text, re.I)
    if found:
        day = _iso(found, vocab)
        directive.date = day.isoformat() if day else None
        directive.number = found.group(found.lastindex or 0)
    annexes = re.search(
        rf"(?:{_words(vocab.annexes_words)})\s+(\d+)(?:\s*(?:[-\u2013\u2014]|kuni)\s*(\d+))?",
        text,
        re.I,
    )
    if annexes:
        first = int(annexes.group(1))
        directive.annexes = (first, int(annexes.group(2) or first))
    return directive


def split(lines: list[Block], vocab: Vocabulary) -> Split:
    """Divide an input into its job descriptions, each with the approval block over it."""
    titles = [i for i, line in enumerate(lines) if _is_title(line, vocab)]
    if len(titles) <= 1:
        top = _header_at_top(lines, vocab)
        if top is None:
            return Split([Part(lines)])
        used, approval = top
        return Split([Part([line for i, line in enumerate(lines) if i not in used], approval)])
    # (part start, title line, lines of the approval block, approval)
    starts: list[tuple[int, int, set[int], Approval | None]] = []
    for title in titles:
        header = _header_before(lines, title, vocab)
        floor = starts[-1][1] + 1 if starts else 0
        if header is not None and header[0] >= floor:
            starts.append((header[0], title, header[1], header[2]))
        else:
            starts.append((title, title, set(), None))
    preamble = lines[: starts[0][0]]
    directive = _directive(preamble, vocab)
    parts = []
    for number, (start, title, used, found) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        kept = [lines[i] for i in range(start, title) if i not in used]
        body = kept + lines[title:end]
        if number == 0 and directive is None:
            body = preamble + body  # not a directive: what stands before is the document's own
        parts.append(Part(body, found))
    result = Split(parts, directive)
    if directive is not None:
        _fill_from_directive(result, directive)
    return result


def _fill_from_directive(result: Split, directive: Directive) -> None:
    """Give every annex the directive's date and number, and its annex number where missing."""
    known_by = {part.approval.by for part in result.parts if part.approval and part.approval.by}
    numbers: list[int] = []
    if directive.annexes:
        first, last = directive.annexes
        numbers = list(range(first, last + 1))
        if len(numbers) != len(result.parts):
            message = _(
                "the directive names annexes {first}-{last}, but {count} job descriptions were "
                "found"
            )
            result.problems.append(message.format(first=first, last=last, count=len(result.parts)))
            numbers = []
    for index, part in enumerate(result.parts):
        approval = part.approval or Approval()
        approval.date = approval.date or directive.date
        approval.directive = approval.directive or directive.number
        if not approval.by and len(known_by) == 1:
            approval.by = next(iter(known_by))
        if not approval.annex and numbers:
            approval.annex = str(numbers[index])
        part.approval = approval
