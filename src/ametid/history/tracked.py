"""Word documents of the new version in which every change is a tracked change.

The merged position (redline.py) is rendered through the project's ordinary Word template, so
the document looks like any built one; then each token in the text becomes runs inside
`w:ins` or `w:del` by author "ametid", dated with the new version's date. A paragraph or table
row that was added or removed as a whole has a paragraph mark or its row tracked too, so
"Accept all" gives the new document and "Reject all" the old one, in Word and in LibreOffice.

Paragraphs added or removed whole after one that stays take the mark that ends the paragraph
before them, as Word and LibreOffice themselves track a paragraph typed after another: the
tracked range then runs from the end of the paragraph that stays to the end of the text that
goes, and the last of them keeps its own mark, which ends the paragraph that stays when the
change is undone. A mark of their own would leave that range ending at the start of the next
paragraph, and LibreOffice, which joins neighbouring changes of one author and date, would
join the two paragraphs around it when undoing it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, unescape

from ametid.core.files import write_files
from ametid.core.language import gettext as _
from ametid.core.layout import Layout, read_layout
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.progress import SILENT, Progress
from ametid.history.diff import PositionDiff
from ametid.history.redline import Token, Tokens, merge
from ametid.history.words import diff_words
from ametid.render import environment
from ametid.render.word import DOCUMENT, WordTemplate, package, template_problem

AUTHOR = "ametid"
# Inline lists (units, subordinates, personal qualities) are joined with this in the template;
# it goes with an item that is added or removed, so rejecting the change leaves no stray comma.
LIST_SEPARATOR = ", "

_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.S)
_ROW = re.compile(r"<w:tr(?: [^>]*)?>.*?</w:tr>", re.S)
_RUN = re.compile(
    r"<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>|<w:rPr/>)?"
    r"(?:<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:t(?: [^>]*)?/>)</w:r>",
    re.S,
)
_ANY_RUN = re.compile(r"<w:r[ >].*?</w:r>", re.S)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_PROPERTIES = re.compile(r"^(<w:p(?: [^>]*)?>)(<w:pPr>.*?</w:pPr>|<w:pPr/>)?", re.S)
_STYLE = re.compile(r'<w:pStyle w:val="([^"]*)"')
_CELL = re.compile(r"<w:tc(?: [^>]*)?>.*?</w:tc>", re.S)
_IDS = re.compile(r'w:id="([0-9]+)"')
_MARK_PROPERTIES = re.compile(r"<w:rPr>.*?</w:rPr>|<w:rPr/>", re.S)


class _Marker:
    """Writes the tracked-change markup, numbering every change."""

    def __init__(self, xml: str, tokens: Tokens, date: str) -> None:
        self.tokens = tokens
        self.date = date
        self.next_id = max((int(found) for found in _IDS.findall(xml)), default=0) + 1

    def attributes(self) -> str:
        self.next_id += 1
        return f'w:id="{self.next_id - 1}" w:author="{AUTHOR}" w:date="{self.date}"'

    def run(self, properties: str, text: str, deleted: bool) -> str:
        tag = "w:delText" if deleted else "w:t"
        parts = []
        for piece in re.split(r"(\n|\t)", text):
            if piece == "\n":
                parts.append("<w:br/>")
            elif piece == "\t":
                parts.append("<w:tab/>")
            elif piece:
                parts.append(f'<{tag} xml:space="preserve">{escape(piece)}</{tag}>')
        return f"<w:r>{properties}{''.join(parts)}</w:r>" if parts else ""

    def wrap(self, state: str, properties: str, text: str) -> str:
        """Text inserted or deleted, or as it is when `state` is empty."""
        run = self.run(properties, text, deleted=state == "del")
        if not run or not state:
            return run
        return f"<w:{state} {self.attributes()}>{run}</w:{state}>"

    def token(self, token: Token, properties: str) -> str:
        """The runs that show a token's change."""
        if token.old is None or token.whole == "ins":
            return self.wrap("ins", properties, token.new or "")
        if token.new is None or token.whole == "del":
            return self.wrap("del", properties, token.old)
        runs = []
        for segment in diff_words(token.old, token.new):
            state = {"equal": "", "delete": "del", "insert": "ins"}[segment.kind]
            runs.append(self.wrap(state, properties, segment.text))
        return "".join(runs)

    def runs(self, paragraph: str, state: str | None) -> str:
        """Rewrite every run of a paragraph; in a paragraph added or removed whole, all of it."""
        whole = state or ""

        def rewrite(match: re.Match[str]) -> str:
            properties = match.group(1) or ""
            text = unescape(match.group(2) or "", {"&quot;": '"', "&apos;": "'"})
            pieces: list[_Piece] = []
            last = 0
            for found in self.tokens.pattern.finditer(text):
                pieces.append(_Piece(text[last : found.start()]))
                pieces.append(_Piece("", self.tokens.get(found)))
                last = found.end()
            pieces.append(_Piece(text[last:]))
            out = []
            for piece in _attach_separators(pieces):
                if piece.token is not None:
                    out.append(self.token(piece.token, properties))
                else:
                    out.append(self.wrap(whole or piece.state, properties, piece.text))
            return "".join(out)

        return _RUN.sub(rewrite, paragraph)

    def mark_paragraph(self, paragraph: str, states: list[str]) -> str:
        """Track the paragraph mark itself as inserted, deleted, or both (inserted first)."""
        mark = "".join(
            f"<w:{state} {self.attributes()}/>" for state in sorted(states, reverse=True)
        )
        found = _PROPERTIES.match(paragraph)
        assert found is not None
        opening, properties = found.group(1), found.group(2)
        rest = paragraph[found.end() :]
        if not properties or properties == "<w:pPr/>":
            properties = f"<w:pPr><w:rPr>{mark}</w:rPr></w:pPr>"
        elif "<w:rPr>" in properties:
            properties = properties.replace("<w:rPr>", f"<w:rPr>{mark}", 1)
        elif "<w:rPr/>" in properties:
            properties = properties.replace("<w:rPr/>", f"<w:rPr>{mark}</w:rPr>", 1)
        else:
            properties = properties.replace("</w:pPr>", f"<w:rPr>{mark}</w:rPr></w:pPr>")
        return opening + properties + rest

    def mark_row(self, row: str, state: str) -> str:
        """Track a table row as inserted or deleted."""
        mark = f"<w:{state} {self.attributes()}/>"
        if "</w:trPr>" in row:
            return row.replace("</w:trPr>", f"{mark}</w:trPr>", 1)
        if "<w:trPr/>" in row:
            return row.replace("<w:trPr/>", f"<w:trPr>{mark}</w:trPr>", 1)
        opening = re.match(r"<w:tr(?: [^>]*)?>", row)
        assert opening is not None
        return f"{opening.group()}<w:trPr>{mark}</w:trPr>{row[opening.end() :]}"


def change_date(moment: datetime.datetime) -> str:
    """A moment as the date of a tracked change: in UTC, to the second (2026-04-14T10:00:00Z).

    A moment without a time zone is taken to be in UTC.
    """
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class _Piece:
    """Part of a run's text: template text (changed as `state` says) or a token."""

    text: str
    token: Token | None = None
    state: str = ""


def _attach_separators(pieces: list[_Piece]) -> list[_Piece]:
    """Give the template text that joins or encloses an added or removed text to its change.

    A list item's ", " and the " (" … ")" around a text go with it, so rejecting the change
    leaves no stray comma or empty brackets.
    """
    result: list[_Piece] = []
    waiting = list(pieces)
    while waiting:
        piece = waiting.pop(0)
        state = piece.token.whole if piece.token is not None else None
        before = result[-1] if result and result[-1].token is None else None
        after = waiting[0] if waiting and waiting[0].token is None else None
        if state is None or before is None or before.state:
            result.append(piece)
            continue
        enclosed = before.text.endswith(" (") and after is not None and after.text.startswith(")")
        if enclosed and after is not None:
            result[-1:] = [_Piece(before.text[:-2]), _Piece(" (", state=state), piece]
            waiting[0] = _Piece(after.text[1:])
            result.append(_Piece(")", state=state))
        elif before.text.endswith(LIST_SEPARATOR):
            cut = len(before.text) - len(LIST_SEPARATOR)
            result[-1:] = [_Piece(before.text[:cut]), _Piece(LIST_SEPARATOR, state=state), piece]
        elif after is not None and after.text.startswith(LIST_SEPARATOR):
            result.append(piece)
            result.append(_Piece(LIST_SEPARATOR, state=state))
            waiting[0] = _Piece(after.text[len(LIST_SEPARATOR) :])
        else:
            result.append(piece)
    return result


@dataclass
class _Paragraph:
    xml: str
    start: int
    state: str | None  # "ins"/"del": added/removed whole; "": has changes; None: template text
    keys: set[str]  # the sections of the layout table that the texts in it belong to
    items: bool  # whether some text in it belongs to a list item added or removed whole
    style: str
    properties: str  # its paragraph properties (w:pPr) without those of its mark
    container: int  # the table cell it stands in, or -1 for the body
    row: int  # the table row it stands in, or -1
    last: bool = False  # the last paragraph of its cell or of the body

    @property
    def heading(self) -> bool:
        return self.style.startswith("Heading")


def _spans(pattern: re.Pattern[str], xml: str) -> list[tuple[int, int]]:
    return [(found.start(), found.end()) for found in pattern.finditer(xml)]


def _inside(spans: list[tuple[int, int]], offset: int) -> int:
    return next((index for index, (a, b) in enumerate(spans) if a <= offset < b), -1)


def _paragraphs(xml: str, tokens: Tokens, sections: Mapping[str, str]) -> list[_Paragraph]:
    """The paragraphs of document.xml; `sections` names the section of each top-level key."""
    cells, rows = _spans(_CELL, xml), _spans(_ROW, xml)
    paragraphs = []
    for match in _PARAGRAPH.finditer(xml):
        found = [token for text in _TEXT.findall(match.group()) for token in tokens.find(text)]
        wholes = {token.whole for token in found}
        state = None if not found else (wholes.pop() or "") if len(wholes) == 1 else ""
        style = _STYLE.search(match.group())
        properties = _PROPERTIES.match(match.group())
        paragraphs.append(
            _Paragraph(
                match.group(),
                match.start(),
                state,
                {sections.get(token.key, token.key) for token in found if token.key},
                any(token.item for token in found),
                style.group(1) if style else "",
                _MARK_PROPERTIES.sub("", (properties.group(2) or "") if properties else ""),
                _inside(cells, match.start()),
                _inside(rows, match.start()),
            )
        )
    # A body paragraph before a table is not the body's last; a cell's paragraphs stand together.
    later: set[int] = set()
    for paragraph in reversed(paragraphs):
        paragraph.last = paragraph.container not in later
        later.add(paragraph.container)
    return paragraphs


def _settle_template_text(paragraphs: list[_Paragraph]) -> None:
    """Template text (labels, headings) goes with the content added or removed around it.

    A heading goes with its section's content; other template text with the texts of the
    paragraphs of the same style next to it (the approval block), or else with the texts
    before and after it (the "Oodatav tulemus:" between a task and its results).
    """
    settled: list[str | None] = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.state is not None:
            settled.append(paragraph.state)
            continue
        if paragraph.heading:
            section = []
            for other in paragraphs[index + 1 :]:
                if other.heading:
                    break
                if other.state is not None:
                    section.append(other)
            key = min(section[0].keys) if section and section[0].keys else None
            states = {other.state for other in section if key in other.keys}
        else:
            block = _block(paragraphs, index)
            states = {other.state for other in block if other.state is not None}
            previous = paragraphs[index - 1] if index else None
            # Template text after a list item, in its style ("(allkirjastatud digitaalselt)").
            trailing = (
                previous is not None
                and previous.items
                and bool(previous.state)
                and (previous.style, previous.container) == (paragraph.style, paragraph.container)
            )
            if not states and previous is not None and trailing:
                states = {previous.state}
            if not states:
                before = next(
                    (p for p in reversed(paragraphs[:index]) if p.state is not None), None
                )
                after = next((p for p in paragraphs[index + 1 :] if p.state is not None), None)
                states = {p.state for p in (before, after) if p is not None}
        settled.append(states.pop() if len(states) == 1 else None)
    for paragraph, state in zip(paragraphs, settled, strict=True):
        paragraph.state = state


def _block(paragraphs: list[_Paragraph], index: int) -> list[_Paragraph]:
    """The run of neighbouring paragraphs with the same (non-default) style in one container."""
    paragraph = paragraphs[index]
    if not paragraph.style:
        return []

    def same(other: _Paragraph) -> bool:
        return other.style == paragraph.style and other.container == paragraph.container

    start = index
    while start > 0 and same(paragraphs[start - 1]):
        start -= 1
    end = index
    while end + 1 < len(paragraphs) and same(paragraphs[end + 1]):
        end += 1
    return paragraphs[start : end + 1]


def _paragraph_marks(paragraphs: list[_Paragraph], row_states: list[str]) -> list[list[str]]:
    """Which paragraph marks are tracked as inserted or deleted.

    For each run of neighbouring paragraphs added (or removed) whole, in one container and
    outside a tracked table row: when the paragraph before the run stays and has the same
    paragraph properties as the run's last paragraph, its mark and the marks of the run but
    the last are tracked (the last mark then ends the paragraph before, on either side).
    Otherwise each paragraph of the run has its own mark tracked, except the last paragraph of
    a cell or of the document, whose mark Word cannot remove.
    """
    marks: list[list[str]] = [[] for _ in paragraphs]

    def whole(index: int) -> str:
        paragraph = paragraphs[index]
        tracked_row = paragraph.row >= 0 and bool(row_states[paragraph.row])
        return "" if tracked_row else paragraph.state or ""

    index = 0
    while index < len(paragraphs):
        state = whole(index)
        if not state:
            index += 1
            continue
        end = index
        while (
            end + 1 < len(paragraphs)
            and whole(end + 1) == state
            and paragraphs[end + 1].container == paragraphs[index].container
        ):
            end += 1
        before = paragraphs[index - 1] if index else None
        last = paragraphs[end]
        if (
            before is not None
            and before.container == last.container
            and before.state in ("", None)
            and before.properties == last.properties
        ):
            marks[index - 1].append(state)
            for inside in range(index, end):
                marks[inside].append(state)
        else:
            for inside in range(index, end + 1):
                if not paragraphs[inside].last:
                    marks[inside].append(state)
        index = end + 1
    return [sorted(set(found)) for found in marks]


def track_changes(xml: str, tokens: Tokens, date: str, layout: Layout) -> str:
    """Turn the tokens of a rendered document.xml into tracked changes dated `date`."""
    marker = _Marker(xml, tokens, date)
    sections = {key: section.key for section in layout.sections for key in section.keys}
    paragraphs = _paragraphs(xml, tokens, sections)
    _settle_template_text(paragraphs)
    row_states: list[str] = []
    for row in range(len(_spans(_ROW, xml))):
        inside = [p for p in paragraphs if p.row == row]
        states = {p.state for p in inside if p.state is not None}
        # A row is one field: it comes or goes with the field, not with an item of its list.
        items = any(p.items for p in inside)
        state = states.pop() if len(states) == 1 and not items else ""
        row_states.append(state or "")
        for paragraph in inside if state else ():
            paragraph.state = state
    marks = _paragraph_marks(paragraphs, row_states)
    pieces = []
    last = 0
    for paragraph, tracked in zip(paragraphs, marks, strict=True):
        pieces.append(xml[last : paragraph.start])
        rewritten = marker.runs(paragraph.xml, paragraph.state)
        if tracked:
            rewritten = marker.mark_paragraph(rewritten, tracked)
        pieces.append(rewritten)
        last = paragraph.start + len(paragraph.xml)
    pieces.append(xml[last:])
    result = "".join(pieces)
    rows = iter(row_states)

    def mark(row: re.Match[str]) -> str:
        state = next(rows)
        return marker.mark_row(row.group(), state) if state else row.group()

    result = _ROW.sub(mark, result)
    leftover = [run for run in _ANY_RUN.findall(result) if tokens.pattern.search(run)]
    if leftover:
        raise ValueError(f"a changed text is in a Word run of unexpected form: {leftover[0][:80]}")
    return result


def tracked_docx(diff: PositionDiff, templates: Path, organisation: str, date: str) -> bytes:
    """The Word document of a position's new version with every change tracked.

    `templates` is the project's templates folder (its Word template and layout table); `date`
    is when the changes were made, as Word writes it: 2026-04-14T10:00:00Z.
    """
    tokens = Tokens(diff.old, diff.new)
    merged = merge(diff.old or {}, diff.new or {}, tokens)
    env = environment.docx_environment()
    env.filters["et_date"] = tokens.lift(environment.et_date)
    env.filters["capitalize"] = tokens.lift(str.capitalize)
    env.filters["join"] = tokens.lift_join(env.filters["join"])
    # A redline shows the changes, not whether the new version is still approved.
    context = {"position": merged, "draft": None, "id": diff.id, "organisation": organisation}
    members = WordTemplate(templates / environment.DOCX_TEMPLATE, env).render_parts(context)
    tracked = track_changes(members[DOCUMENT].decode("utf-8"), tokens, date, read_layout(templates))
    members[DOCUMENT] = tracked.encode("utf-8")
    return package(members, diff.title)


def write_tracked(
    positions: list[PositionDiff],
    templates: Path,
    organisation: str,
    out: Path,
    date: str,
    progress: Progress = SILENT,
    *,
    force: bool = False,
) -> list[Path]:
    """Write <id>.docx with tracked changes into `out` for every position that has a new version:
    all of them or, on an error, none; an existing file is replaced only with `force`.

    Every change is dated `date` (see `tracked_docx`).
    """
    template = templates / environment.DOCX_TEMPLATE
    trouble = template_problem(template)
    if trouble:
        raise AmetidError([Problem(display_path(template), message=trouble, code="template")])
    documents = [
        (out / f"{position.id}.docx", tracked_docx(position, templates, organisation, date))
        for position in progress.track(positions, len(positions), _("writing Word redlines"))
        if position.new is not None
    ]
    write_files(documents, force=force)
    return [target for target, _document in documents]
