"""Reports of a diff: text for terminals, Markdown for pull requests, JSON for CI, HTML redline.

Each format is one function over the same DiffResult. The Markdown and HTML reports are Jinja
templates in templates/ (diff.md, redline.html), so their Estonian wording can be changed there.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ametid.core.approval import as_printed
from ametid.core.language import gettext as _
from ametid.core.language import ngettext
from ametid.core.language import noop as N_
from ametid.core.layout import Layout
from ametid.core.model import format_path
from ametid.core.problems import AmetidError
from ametid.history.diff import Change, DiffResult, PositionDiff
from ametid.history.library_changes import LibraryChange
from ametid.history.redline import Token, Tokens, merge
from ametid.history.unit_renames import fold
from ametid.history.words import Segment, diff_words
from ametid.render import environment
from ametid.report.problem_report import problem_fields

MARKDOWN_TEMPLATE = "diff/diff.md"
# The longest comment GitHub takes (characters): a longer report is shown as its summary.
MARKDOWN_LIMIT = 65_536
HTML_TEMPLATE = "diff/redline.html"

# The words of the terminal report for the English names the JSON report keeps.
REASONS = {
    "purpose": N_("purpose changed in substance"),
    "duty-added": N_("duty added"),
    "duty-removed": N_("duty removed"),
    "task": N_("task changed in substance"),
    "reordered": N_("order only"),
    "spelling": N_("spelling"),
    "punctuation": N_("punctuation"),
    "whitespace": N_("whitespace"),
    "case": N_("case"),
    "elsewhere": N_("outside purpose and tasks"),
}
KINDS = {
    "added": N_("added"),
    "removed": N_("removed"),
    "changed": N_("changed"),
    "moved": N_("moved"),
    "renamed": N_("renamed"),
}

_RED, _GREEN, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[0m"


def _wrap(text: str, opening: str, closing: str) -> str:
    """Put markers around a text, leaving its leading and trailing whitespace outside."""
    core = text.strip()
    if not core:
        return f"{opening}{text}{closing}"
    start = text.index(core)
    return f"{text[:start]}{opening}{core}{closing}{text[start + len(core) :]}"


def marked(segments: list[Segment], mark: Callable[[Segment], str]) -> str:
    """Join segments, each changed one marked up by `mark`."""
    return "".join(s.text if s.kind == "equal" else mark(s) for s in segments)


def text_words(change: Change, color: bool = False) -> str:
    """A change's text with [-deleted-]{+inserted+} words, coloured for a terminal if asked."""

    def mark(segment: Segment) -> str:
        if segment.kind == "delete":
            return _wrap(
                segment.text, f"{_RED}[-" if color else "[-", f"-]{_RESET}" if color else "-]"
            )
        return _wrap(
            segment.text, f"{_GREEN}{{+" if color else "{+", f"+}}{_RESET}" if color else "+}"
        )

    return marked(diff_words(change.old, change.new), mark)


def verdict(consent_required: bool) -> str:
    """The verdict in words."""
    return _("needs consent") if consent_required else _("editorial")


def _words(table: dict[str, str], name: str) -> str:
    return _(table[name]) if name in table else name


def approval_warnings(position: PositionDiff) -> list[str]:
    """What a diff says of a position's approval: changed since it, its digest tampered with."""
    warnings = []
    if position.changed_since_approval:
        warnings.append(_("changed since approval: it prints as a draft until approved again"))
    if position.digest_tampered:
        warnings.append(
            _(
                "the approval's digest was removed or altered by hand, not by `ametid approve`; "
                "restore it, or approve the position anew"
            )
        )
    return warnings


def _heading(position: PositionDiff) -> str:
    if position.old_id:
        renamed = _("{id} (renamed from {old_id})").format(id=position.id, old_id=position.old_id)
        return f"{renamed}: {position.title}"
    return f"{position.id}: {position.title}"


def to_text(result: DiffResult, color: bool = False) -> str:
    """The report for a terminal: each renamed unit once, with the positions it reaches; then
    per position a heading, the verdict, then each change."""
    lines: list[str] = []
    renames, positions = fold(result.positions, result.unit_renames)
    for rename in renames:
        if lines:
            lines.append("")
        heading = _("unit renamed: {old} -> {new}").format(
            old=", ".join(rename.old), new=rename.new
        )
        lines.append(f"{_BOLD}{heading}{_RESET}" if color else heading)
        count = ngettext(
            "{count} position: {verdict}", "{count} positions: {verdict}", len(rename.positions)
        )
        lines.append(
            "  "
            + count.format(count=len(rename.positions), verdict=verdict(rename.consent_required))
        )
        lines.extend(f"    {position_id}" for position_id in rename.positions)
    for position in positions:
        if lines:
            lines.append("")
        heading = _heading(position)
        lines.append(f"{_BOLD}{heading}{_RESET}" if color else heading)
        status = _words(KINDS, position.status)
        if position.status in ("added", "removed"):
            lines.append(f"  {status}")
        else:
            lines.append(f"  {status}: {verdict(position.consent_required)}")
        lines.extend(f"  {warning}" for warning in approval_warnings(position))
        for change in position.changes:
            where = format_path(change.path)
            if change.old_path is not None and change.old_path != change.path:
                where = _("{path}, was {old_path}").format(
                    path=where, old_path=format_path(change.old_path)
                )
            lines.append(
                f"  {_words(KINDS, change.kind)} {change.label} ({where}): "
                f"{verdict(change.consent_required)} ({_words(REASONS, change.reason)})"
            )
            body = text_words(change, color)
            lines.extend(f"    {line}" for line in body.split("\n"))
    if result.library:
        if lines:
            lines.append("")
        lines.append(_("shared texts of the library:"))
        lines.extend(f"  {library_line(change)}" for change in result.library)
    return "".join(f"{line}\n" for line in lines)


def library_line(change: LibraryChange) -> str:
    """One changed library text, the positions it reaches and the approved ones it turns into
    drafts, in a line."""
    line = _("{name} ({file}): {status}; reaches {count}: {ids}").format(
        name=change.name,
        file=change.file,
        status=_words(KINDS, change.status),
        count=len(change.reached),
        ids=", ".join(change.reached) or "-",
    )
    if change.drafts:
        line += _("; approved, now drafts: {ids}").format(ids=", ".join(change.drafts))
    return line


def to_json(result: DiffResult) -> str:
    """The report for CI tools: a stable JSON document (its shape is in the README)."""
    renames, positions = fold(result.positions, result.unit_renames)
    document = {
        "old": result.old,
        "new": result.new,
        "positions": [
            {
                "id": position.id,
                "title": position.title,
                "status": position.status,
                "consent_required": position.consent_required,
                "changed_since_approval": position.changed_since_approval,
                "digest_tampered": position.digest_tampered,
                "changes": [
                    {
                        "path": format_path(change.path),
                        "label": change.label,
                        "kind": change.kind,
                        "old": change.old,
                        "new": change.new,
                        "consent_required": change.consent_required,
                        "old_path": None
                        if change.old_path is None
                        else format_path(change.old_path),
                        "reason": change.reason,
                        "words": [
                            {"kind": segment.kind, "text": segment.text}
                            for segment in diff_words(change.old, change.new)
                        ],
                    }
                    for change in position.changes
                ],
                "old_id": position.old_id,
            }
            for position in positions
        ],
        "library": [
            {
                "name": change.name,
                "status": change.status,
                "file": change.file,
                "reached": list(change.reached),
                "drafts": list(change.drafts),
            }
            for change in result.library
        ],
        "problems": [problem_fields(problem) for problem in result.problems],
        "unit_renames": [
            {
                "old": list(rename.old),
                "new": rename.new,
                "positions": list(rename.positions),
                "consent_required": rename.consent_required,
            }
            for rename in renames
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\]|<>#])")


def markdown_escape(text: str) -> str:
    """Text from a position as literal Markdown: no character of it is markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "<br>")


def markdown_words(change: Change) -> str:
    """A change's text in Markdown, with ~~deleted~~ and **inserted** words."""

    def mark(segment: Segment) -> str:
        if not segment.text.strip():
            return "" if segment.kind == "delete" else segment.text
        sign = "~~" if segment.kind == "delete" else "**"
        return _wrap(markdown_escape(segment.text), sign, sign)

    segments = [
        Segment(s.kind, markdown_escape(s.text)) if s.kind == "equal" else s
        for s in diff_words(change.old, change.new)
    ]
    return marked(segments, mark)


def _environment(templates: Path) -> Any:
    env = environment.text_environment(templates)
    env.filters["md"] = markdown_escape
    env.filters["md_words"] = markdown_words
    env.filters["data_path"] = format_path
    return env


def _render(env: Any, name: str, values: dict[str, Any], templates: Path) -> str:
    """Render a report's template; an error in the template is a problem naming it."""
    try:
        return environment.render_text(env, name, values)
    except Exception as error:
        problem = environment.template_problem(error, templates)
        if problem is None:
            raise
        raise AmetidError([problem]) from None


def to_markdown(result: DiffResult, templates: Path) -> str:
    """The report for a pull-request comment: a summary table, then each position's changes."""
    renames, positions = fold(result.positions, result.unit_renames)
    values = {
        "old": result.old,
        "new": result.new,
        "positions": positions,
        "library": result.library,
        "unit_renames": renames,
        "details": True,
    }
    env = _environment(templates)
    text = _render(env, MARKDOWN_TEMPLATE, values, templates)
    if len(text) > MARKDOWN_LIMIT:
        # GitHub refuses a longer comment: the summary then, the words in the build's report.
        text = _render(env, MARKDOWN_TEMPLATE, {**values, "details": False}, templates)
    return text


def _html_token(token: Token) -> str:
    escape = html.escape
    if token.whole == "ins" or token.old is None:
        return f"<ins>{escape(token.new or '')}</ins>"
    if token.whole == "del" or token.new is None:
        return f"<del>{escape(token.old)}</del>"
    parts = []
    for segment in diff_words(token.old, token.new):
        text = escape(segment.text)
        if segment.kind == "equal":
            parts.append(text)
        else:
            tag = "del" if segment.kind == "delete" else "ins"
            parts.append(f"<{tag}>{text}</{tag}>")
    return "".join(parts)


def _approval_blocks(position: PositionDiff, layout: Layout) -> dict[str, Any]:
    """How the redline shows the approval block of a position whose new version is a draft:
    the draft block (`draft`), inserted unless the old version printed the same; the approval
    block the old version printed (`approved_before`), struck through. Both None otherwise."""
    if not position.changed_since_approval or position.new is None:
        return {"draft": None, "draft_added": False, "approved_before": None}
    _printed, draft = as_printed(position.new, layout)
    old_draft, approved_before = None, None
    if position.old is not None:
        _printed, old_draft = as_printed(position.old, layout)
        if old_draft is None:
            approved_before = position.old.get("approval")
    return {"draft": draft, "draft_added": old_draft != draft, "approved_before": approved_before}


def to_html(result: DiffResult, templates: Path, organisation: str) -> str:
    """The redline for the review meeting: a summary table, then each position as a document;
    a new version changed since its approval shows the draft block it prints."""
    env = _environment(templates)
    layout = environment.layout_of(env)
    documents = []
    every: list[Any] = [p.old for p in result.positions] + [p.new for p in result.positions]
    tokens = Tokens(*every)
    env.filters["et_date"] = tokens.lift(environment.et_date)
    env.filters["capitalize"] = tokens.lift(str.capitalize)
    env.filters["join"] = tokens.lift_join(env.filters["join"])
    env.globals["mark"] = tokens.status
    for position in result.positions:
        merged = merge(position.old or {}, position.new or {}, tokens)
        documents.append(
            {"diff": position, "position": merged, **_approval_blocks(position, layout)}
        )
    values = {
        "old": result.old,
        "new": result.new,
        "positions": result.positions,
        "documents": documents,
        "organisation": organisation,
    }
    page = _render(env, HTML_TEMPLATE, values, templates)
    return tokens.pattern.sub(lambda match: _html_token(tokens.get(match)), page)
