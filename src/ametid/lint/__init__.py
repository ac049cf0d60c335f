"""`ametid lint`: the Estonian a reviewer would correct in position files, before anyone signs.

Each position that validates is linted (invalid files are reported with their problems); each
finding is placed in the file and named as the document numbers it, and findings recorded in
the project's baseline are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ametid.check.checker import project_checker
from ametid.check.validation import validate
from ametid.core.language import gettext as _
from ametid.core.model import Position, format_path
from ametid.core.places import Places
from ametid.core.problems import Problem
from ametid.core.project import Project
from ametid.lint import baseline as baselines
from ametid.lint import finding, settings
from ametid.lint.finding import Finding
from ametid.lint.linter import lint_data
from ametid.lint.morphology import INSTALL, Morphology, load
from ametid.source import loader


@dataclass
class Lint:
    """The outcome of linting a set of position files."""

    problems: list[Problem] = field(default_factory=list)  # new findings, and invalid files
    keys: list[baselines.Key] = field(default_factory=list)  # of every finding, for a baseline
    linted: set[str] = field(default_factory=set)  # the files linted, from the project's root
    known: int = 0  # findings left out because the baseline records them
    checked: int = 0
    morphology: Morphology | None = None
    needs_morphology: bool = False  # a check that needs it is on, and it is not installed

    @property
    def ok(self) -> bool:
        """True when there is no new finding and every file is valid."""
        return not self.problems


def _message(item: Finding, other: str) -> str:
    # Quotation marks as the language of the messages writes them.
    said = _("“{words}”")
    shown = ", ".join(said.format(words=suggestion) for suggestion in item.suggestions)
    if item.code == finding.UNKNOWN_WORD:
        if shown:
            return _("unknown or misspelt word “{wrong}”; did you mean {suggestions}?").format(
                wrong=item.wrong, suggestions=shown
            )
        return _(
            "unknown word “{wrong}”; check its spelling, or add it to the project's word list"
        ).format(wrong=item.wrong)
    if item.code == finding.WRONG_FORM:
        return _("“{wrong}” is a known wrong form; write {right}").format(
            wrong=item.wrong, right=shown
        )
    if item.code == finding.PARTICLE_VERB:
        return _(
            "a particle verb as the predicate is written apart: {right}, not “{wrong}”"
        ).format(right=shown, wrong=item.wrong)
    if item.code == finding.RESULT_RESTATES_TASK:
        return _(
            "the result repeats its task ({task}); say what the result is: what is done, "
            "in place or working"
        ).format(task=other)
    if item.code == finding.REPEATED_ITEM:
        return _("says again what {other} says; remove one of them, or say what differs").format(
            other=other
        )
    if item.code == finding.END_PUNCTUATION:
        return _("the other items of this list end otherwise; end this one alike: {right}").format(
            right=shown
        )
    return _("two spaces between words; write {right}").format(right=shown)


def _located(document: loader.Document, item: Finding, value: str) -> tuple[int, int]:
    """The line and column of a finding's first word in the file, else those of its value."""
    line, column = document.locate(item.path)
    token = item.wrong.split()[0] if item.wrong.split() else item.wrong
    lines = document.text.split("\n")
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
    found = offset - 1
    for _time in range(value[: item.start].count(token) + 1):
        found = document.text.find(token, found + 1)
        if found < 0:
            return line, column
    before = document.text[:found]
    return before.count("\n") + 1, found - (before.rfind("\n") + 1) + 1


def _value(data: object, path: tuple[str | int, ...]) -> str:
    for part in path:
        inside = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data)
        )
        if inside:
            data = data[part]  # type: ignore[index]
        else:
            return ""
    return data if isinstance(data, str) else ""


def _relative(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _problems(position: Position, found: list[Finding], places: Places) -> list[Problem]:
    raw = position.path.read_bytes()
    document, _trouble = loader.parse(raw, position.display)
    problems = []
    for item in found:
        line = column = None
        if document is not None:
            line, column = _located(document, item, _value(position.data, item.path))
        other = places.label(position.data, item.other) if item.other else ""
        problems.append(
            Problem(
                position.display,
                line,
                column,
                format_path(item.path),
                _message(item, other),
                item.code,
                places.label(position.data, item.path),
            )
        )
    return problems


def lint(project: Project, paths: Sequence[Path] = (), *, use_baseline: bool = True) -> Lint:
    """Lint the given position files (default: all of positions/); every finding at once."""
    chosen = settings.read(project)
    lexicon = settings.lexicon(project, chosen)
    known = (
        baselines.read(settings.path_of(project, chosen.baseline)) if use_baseline else Counter()
    )
    wanted = any(code in chosen.enabled for code in finding.MORPHOLOGICAL)
    morphology = load() if wanted else None
    validation = validate(project, paths)
    checker = project_checker(project)
    assert checker.layout is not None
    places = Places(checker.schema.document, checker.layout)
    result = Lint(
        problems=list(validation.problems),
        checked=validation.checked,
        morphology=morphology,
        needs_morphology=wanted and morphology is None,
    )
    for position in validation.positions:
        file = _relative(project, position.path)
        result.linted.add(file)
        found = lint_data(position.data, lexicon, morphology, chosen.enabled)
        if not found:
            continue
        new = []
        for item in found:
            key = (file, format_path(item.path), item.code, item.wrong)
            result.keys.append(key)
            if known[key] > 0:
                known[key] -= 1
                result.known += 1
            else:
                new.append(item)
        if new:
            result.problems += _problems(position, new, places)
    result.problems.sort(key=lambda problem: (problem.file, problem.line or 0, problem.column or 0))
    return result


def write_baseline(project: Project, result: Lint) -> int:
    """Record a lint's findings as the project's baseline, keeping what it records of files
    the lint did not read; the number of findings it records."""
    path = settings.path_of(project, settings.read(project).baseline)
    kept = [key for key in baselines.read(path).elements() if key[0] not in result.linted]
    keys = [*kept, *result.keys]
    baselines.write(path, keys)
    return len(keys)


__all__ = ["INSTALL", "Lint", "lint", "write_baseline"]
