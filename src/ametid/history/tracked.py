"""Word documents of the new version in which every change is a tracked change.

The merged position (redline.py) is rendered through the project's ordinary Word template, so
the document looks like any built one; then each token in the text becomes runs inside
`w:ins` or `w:del` by author "ametid" at a fixed date. A paragraph or table row that was added
or removed as a whole has its paragraph mark or row tracked too, so Word's "Accept all"
gives the new document and "Reject all" the old one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, unescape

from ametid.core.files import write_files
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.history.diff import PositionDiff
from ametid.history.redline import Token, Tokens, merge
from ametid.history.words import diff_words
from ametid.render import environment
from ametid.render.word import DOCUMENT, WordTemplate, package, template_problem

AUTHOR = "ametid"
# Fixed, so the same two versions always give the same bytes.
DATE = "1980-01-01T00:00:00Z"
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


class _Marker:
    """Writes the tracked-change markup, numbering every change."""

    def __init__(self, xml: str, tokens: Tokens) -> None:
        self.tokens = tokens
        self.next_id = max((int(found) for found in _IDS.findall(xml)), default=0) + 1

    def attributes(self) -> str:
        self.next_id += 1
        return f'w:id="{self.next_id - 1}" w:author="{AUTHOR}" w:date="{DATE}"'

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
    keys: set[str]  # the position's top-level keys of the texts in it
    items: bool  # whether some text in it belongs to a list item added or removed whole
    style: str
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


def _paragraphs(xml: str, tokens: Tokens) -> list[_Paragraph]:
    cells, rows = _spans(_CELL, xml), _spans(_ROW, xml)
    paragraphs = []
    for match in _PARAGRAPH.finditer(xml):
        found = [token for text in _TEXT.findall(match.group()) for token in tokens.find(text)]
        wholes = {token.whole for token in found}
        state = None if not found else (wholes.pop() or "") if len(wholes) == 1 else ""
        style = _STYLE.search(match.group())
        paragraphs.append(
            _Paragraph(
                match.group(),
                match.start(),
                state,
                {token.key for token in found if token.key},
                any(token.item for token in found),
                style.group(1) if style else "",
                _inside(cells, match.start()),
                _inside(rows, match.start()),
            )
        )
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        paragraph.last = following is None or following.container != paragraph.container
    return paragraphs


def _settle_template_text(paragraphs: list[_Paragraph]) -> None:
    """Template text (labels, headings) goes with the content added or removed around it.

    A heading goes with its section's content; other template text with the texts of the
    paragraphs of the same style next to it (the approval block), or else with the texts
    before and after it (the "Oodatavad tulemused:" between a task and its results).
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

    A paragraph added or removed whole has its mark tracked, unless its table row is. The last
    paragraph of a cell or of the document keeps its mark (Word cannot remove it), so the break
    before it is tracked instead: the mark of the nearest earlier paragraph that stays, when
    that has the same style, so the two join as one item of the list.
    """
    marks: list[list[str]] = [[] for _ in paragraphs]
    for index, paragraph in enumerate(paragraphs):
        state = paragraph.state
        if not state or (paragraph.row >= 0 and row_states[paragraph.row]):
            continue
        if not paragraph.last:
            marks[index].append(state)
            continue
        earlier = index - 1
        while earlier >= 0 and paragraphs[earlier].state == state:
            earlier -= 1
        if (
            earlier >= 0
            and paragraphs[earlier].container == paragraph.container
            and paragraphs[earlier].style == paragraph.style
        ):
            marks[earlier].append(state)
    return [sorted(set(found)) for found in marks]


def track_changes(xml: str, tokens: Tokens) -> str:
    """Turn the tokens of a rendered document.xml into tracked changes."""
    marker = _Marker(xml, tokens)
    paragraphs = _paragraphs(xml, tokens)
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


def tracked_docx(diff: PositionDiff, template: Path, organisation: str) -> bytes:
    """The Word document of a position's new version with every change tracked."""
    tokens = Tokens(diff.old, diff.new)
    merged = merge(diff.old or {}, diff.new or {}, tokens)
    env = environment.docx_environment()
    env.filters["et_date"] = tokens.lift(environment.et_date)
    env.filters["capitalize"] = tokens.lift(str.capitalize)
    env.filters["join"] = tokens.lift_join(env.filters["join"])
    context = {"position": merged, "id": diff.id, "organisation": organisation}
    members = WordTemplate(template, env).render_parts(context)
    members[DOCUMENT] = track_changes(members[DOCUMENT].decode("utf-8"), tokens).encode("utf-8")
    return package(members, diff.title)


def write_tracked(
    positions: list[PositionDiff],
    template: Path,
    organisation: str,
    out: Path,
    *,
    force: bool = False,
) -> list[Path]:
    """Write <id>.docx with tracked changes into `out` for every position that has a new version:
    all of them or, on an error, none; an existing file is replaced only with `force`."""
    trouble = template_problem(template)
    if trouble:
        raise AmetidError([Problem(display_path(template), message=trouble)])
    documents = [
        (out / f"{position.id}.docx", tracked_docx(position, template, organisation))
        for position in positions
        if position.new is not None
    ]
    write_files(documents, force=force)
    return [target for target, _ in documents]
