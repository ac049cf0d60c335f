"""The import pipeline: input files in, position drafts checked and written out."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ametid.check import rules
from ametid.check.checker import Checker, project_checker
from ametid.core.files import EXISTS, write_files
from ametid.core.guard import SOURCES, name_problem, require_folder
from ametid.core.language import gettext as _
from ametid.core.language import ngettext
from ametid.core.layout import read_layout
from ametid.core.problems import Problem, display_path
from ametid.core.progress import SILENT, Progress
from ametid.core.project import Project
from ametid.core.shipped import shipped_project
from ametid.importer import documents, extract, noise, sections
from ametid.importer.blocks import Block
from ametid.importer.pdf import read_pdf
from ametid.importer.vocabulary import Vocabulary, vocabulary
from ametid.source.dumper import WIDTH, dump_position

COMMENT = "# IMPORT: could not place: "
SCHEMA_LINK = "../schema/position.schema.json"


@dataclass
class Draft:
    """One position read from an input, ready to be written."""

    source: Path
    data: dict[str, Any]
    unplaced: list[Block]
    left_out: list[Block] = field(default_factory=list)
    id: str = ""
    target: Path = Path()
    text: str = ""


@dataclass
class ImportResult:
    """What an import read, wrote, and could not place."""

    drafts: list[Draft] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when everything was read, placed, valid and written."""
        return not self.problems


def read_lines(path: Path) -> tuple[list[Block], str | None]:
    """The lines of an input file, by its kind, and a note on how it was decoded."""
    if path.suffix.lower() == ".pdf":
        return read_pdf(path), None
    return extract.read(path)


def read_drafts(
    path: Path, vocab: Vocabulary, organisation: str = ""
) -> tuple[list[Draft], list[Problem], list[str]]:
    """Read the positions in one input file: drafts, problems and notes."""
    shown = display_path(path)
    try:
        lines, decoded = read_lines(path)
    except extract.ExtractError as error:
        return [], [Problem(shown, message=str(error), code="unreadable")], []
    split = documents.split(noise.clean(lines, vocab), vocab)
    problems = [Problem(shown, message=message, code="annexes") for message in split.problems]
    notes = [f"{shown}: {decoded}"] if decoded else []
    if path.suffix.lower() == ".docx" and extract.has_tracked_changes(path):
        note = _("{file}: has tracked changes not yet accepted; read as if they were accepted")
        notes.append(note.format(file=shown))
    if split.directive is not None:
        directive = split.directive
        note = _("{file}: directive nr {number} of {date}: {count} job descriptions").format(
            file=shown,
            number=directive.number or "?",
            date=directive.date or "?",
            count=len(split.parts),
        )
        notes.append(note)
    drafts = []
    for index, part in enumerate(split.parts, 1):
        approval = part.approval
        if approval is not None and not approval.complete:
            message = _(
                "job description {index}: cannot tell who approved it, "
                "or when, or by which directive"
            ).format(index=index)
            problems.append(Problem(shown, message=message, code="approval"))
        data = approval.data() if approval is not None and approval.complete else None
        parsed = sections.parse(noise.paragraphs(part.lines, vocab), vocab, organisation, data)
        drafts.append(Draft(path, parsed.data, parsed.unplaced, parsed.left_out))
    if all(_empty(draft) for draft in drafts):
        # Nothing at all was recognised: no file is written for it.
        message = _("no job description found in this file")
        problems.append(Problem(shown, message=message, code="nothing-found"))
        return [], problems, notes
    return drafts, problems, notes


def _empty(draft: Draft) -> bool:
    return (
        draft.data.get("title") == rules.PLACEHOLDER
        and draft.data.get("manager") == rules.PLACEHOLDER
    )


def _filled(value: Any) -> bool:
    """Whether a value holds any text but the placeholder."""
    if isinstance(value, dict):
        return any(_filled(item) for item in value.values())
    if isinstance(value, list):
        return not value or any(_filled(item) for item in value)
    return value != rules.PLACEHOLDER and not (
        isinstance(value, str) and value.startswith(rules.PLACEHOLDER)
    )


def _placeholders(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_placeholders(item) for item in value.values())
    if isinstance(value, list):
        return sum(_placeholders(item) for item in value)
    return int(isinstance(value, str) and value.startswith(rules.PLACEHOLDER))


def summary(path: Path, drafts: Sequence[Draft]) -> str:
    """One line on what an input gave: positions, fields filled, comments, placeholders."""
    fields = placeholders = comments = 0
    for draft in drafts:
        requirements = draft.data.get("requirements", {})
        items = [*draft.data.items(), *requirements.items()]
        fields += sum(1 for key, value in items if key != "requirements" and _filled(value))
        placeholders += _placeholders(draft.data)
        comments += len(draft.unplaced)
    parts = [
        ngettext("{count} position", "{count} positions", len(drafts)),
        ngettext("{count} field filled", "{count} fields filled", fields),
        ngettext("{count} line left as a comment", "{count} lines left as comments", comments),
        ngettext("{count} placeholder", "{count} placeholders", placeholders),
    ]
    counts = (len(drafts), fields, comments, placeholders)
    texts = [part.format(count=count) for part, count in zip(parts, counts, strict=True)]
    return f"{display_path(path)}: {', '.join(texts)}"


def comment_block(unplaced: Sequence[Block]) -> str:
    """The comment that ends a file whose import could not place some text."""
    lines = []
    for block in unplaced:
        lines += textwrap.wrap(
            noise.squash(block.full_text()),
            width=WIDTH,
            initial_indent=COMMENT,
            subsequent_indent="#   ",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [COMMENT.rstrip()]
    return "".join(f"{line}\n" for line in lines)


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def import_files(
    project: Project,
    paths: Sequence[Path],
    out: Path,
    *,
    force: bool = False,
    dry_run: bool = False,
    progress: Progress = SILENT,
) -> ImportResult:
    """Import the given files as positions into `out` (or only render them, on a dry run)."""
    if not dry_run:
        require_folder(out, project, SOURCES)
    vocab = vocabulary()
    checker = project_checker(project)
    order = read_layout(project.templates_dir).order
    result = ImportResult()
    for path in progress.track(paths, len(paths), _("reading files")):
        drafts, problems, notes = read_drafts(path, vocab, project.organisation)
        result.drafts += drafts
        result.problems += problems
        result.notes += notes
        if drafts:
            result.notes.append(summary(path, drafts))
    schema_link = Path(os.path.relpath(project.schema_path, out.resolve())).as_posix()
    if project.root == shipped_project().root:
        # Outside a project the files are meant for one: its positions/ beside its schema/.
        schema_link = SCHEMA_LINK
    taken: set[str] = set()
    for draft in result.drafts:
        title = draft.data.get("title", "")
        stem = draft.source.stem if title == rules.PLACEHOLDER else str(title)
        draft.id = _unique(rules.suggest_id(stem), taken)
        draft.target = out / f"{draft.id}{rules.SUFFIX}"
        draft.text = dump_position(draft.data, order, schema_link) + comment_block(draft.unplaced)
        result.problems += _check(draft, checker)
    if not dry_run:
        writing = []
        for draft in result.drafts:
            trouble = name_problem(Path(draft.target.name))
            if trouble:
                message = _("the title makes a file name that cannot be written: {reason}").format(
                    reason=trouble
                )
                problem = Problem(display_path(draft.source), message=message, code="file-name")
                result.problems.append(problem)
            elif draft.target.exists() and not force:
                exists = Problem(display_path(draft.target), message=_(EXISTS), code="exists")
                result.problems.append(exists)
            else:
                writing.append(draft)
        # All or none: a full disk halfway leaves no file of this import behind.
        write_files([(draft.target, draft.text) for draft in writing], force=force)
        result.written += [draft.target for draft in writing]
    return result


def _check(draft: Draft, checker: Checker) -> list[Problem]:
    """What is wrong with a draft: unplaced text, placeholders, anything the schema refuses."""
    shown = display_path(draft.target)
    source = display_path(draft.source)
    problems = [
        Problem(
            source,
            block.line,
            message=_("could not place: {text} (kept as a comment at the end of {file})").format(
                text=noise.squash(block.full_text()), file=shown
            ),
            code="unplaced",
        )
        for block in draft.unplaced
    ]
    problems += [
        Problem(
            source,
            block.line,
            message=_(
                "left out: {text} (it names a person, who is kept only among the signatures)"
            ).format(text=noise.squash(block.full_text())),
            code="left-out",
        )
        for block in draft.left_out
    ]
    data, found = checker.check_bytes(draft.text.encode("utf-8"), shown)
    if data != draft.data:
        # The writer promises text that reads back as the same data; anything else is a bug.
        raise AssertionError(f"{shown}: the written YAML does not read back as the same data")
    return problems + found
