"""Recording approvals: `ametid approve` writes each position's `approval` and the digest of
the content it approves, changing nothing else in the file.

A directive approves its positions as annexes 1, 2 … in the order the positions are named, so
the positions are named one by one: a folder, or the same file twice, would leave the numbers
to chance and is refused. `keep` leaves the approval as it is and adds the digest an approval
made outside ametid lacks; it refuses a position whose content changed since it was approved
(its approval no longer holds; approve it anew).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ametid.check.checker import Checker, project_checker
from ametid.check.validation import validate
from ametid.core.approval import (
    APPROVAL,
    CONSENT,
    DIGEST,
    ApprovalState,
    approval_state,
    content_digest,
)
from ametid.core.files import write_files
from ametid.core.language import gettext as _
from ametid.core.layout import Layout, read_layout
from ametid.core.model import Position
from ametid.core.problems import AmetidError, Problem
from ametid.core.project import Project
from ametid.source import rewrite
from ametid.source.dumper import WIDTH, plain_ok


@dataclass(frozen=True)
class Consent:
    """The employee's consent to a change that needs it: when, and in what form."""

    date: str  # ISO date
    form: str  # one of CONSENT_FORMS


@dataclass(frozen=True)
class Decision:
    """What `approve` is asked to record; without `directive`, the approval is kept."""

    directive: str | None = None
    date: str | None = None
    by: str | None = None
    consent: Consent | None = None

    @property
    def keep(self) -> bool:
        """Whether each position keeps its approval and gets only its digest (and consent)."""
        return self.directive is None


@dataclass(frozen=True)
class Approved:
    """One position `approve` wrote: its file and the annex it is (None when kept)."""

    position: Position
    annex: str | None
    digest: str
    changed: bool  # False when the file already said all of it


def _refused(display: str, message: str, code: str) -> Problem:
    return Problem(display, path=APPROVAL, message=message, code=code)


def _named_once(project: Project, paths: Sequence[Path], keep: bool) -> list[Problem]:
    """The paths name files, each once, when their order numbers annexes."""
    problems = []
    seen: set[str] = set()
    for path in paths:
        if path.is_dir() and not keep:
            message = _(
                "name the position files one by one, in the order of the directive's annexes, "
                "not a folder"
            )
            problems.append(Problem(str(path), message=message, code="approve-folder"))
        key = os.path.realpath(path)
        if key in seen:
            message = _("named twice; each position is one annex of the directive")
            problems.append(Problem(str(path), message=message, code="approve-twice"))
        seen.add(key)
    return problems


def _scalar(text: str) -> str:
    """A new value as the writer quotes it: double quotes where a plain text would not do."""
    return text if plain_ok(text, flow=True) else DoubleQuotedScalarString(text)


def _new_approval(
    old: Mapping[str, Any] | None, decision: Decision, annex: str | None, digest: str
) -> dict[str, str | dict[str, str]]:
    """The values of the approval to record, in the layout table's order."""
    values: dict[str, str | dict[str, str]] = {}
    if decision.keep:
        assert old is not None
        values = {key: value for key, value in old.items() if key != DIGEST}
    else:
        assert decision.date is not None and decision.directive is not None
        by = decision.by or (old or {}).get("by")
        assert by is not None
        values = {"by": by, "date": decision.date, "directive": decision.directive}
        if annex is not None:
            values["annex"] = annex
    if decision.consent is not None:
        values[CONSENT] = {"date": decision.consent.date, "form": decision.consent.form}
    values[DIGEST] = digest
    return values


def _node(values: Mapping[str, Any], order: Sequence[str]) -> CommentedMap:
    node = CommentedMap()
    ranked = sorted(values, key=lambda k: order.index(k) if k in order else len(order))
    for key in ranked:
        value = values[key]
        node[key] = _node(value, ()) if isinstance(value, Mapping) else _scalar(str(value))
    return node


def _flow_width(key: str, values: Mapping[str, Any]) -> int:
    """How long `key: {…}` would be on one line."""

    def flow(value: Any) -> str:
        if isinstance(value, Mapping):
            return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
        text = str(value)
        return text if plain_ok(text, flow=True) else f'"{text}"'

    return len(f"{key}: {flow(values)}")


def _place(document: CommentedMap, key: str, order: Sequence[str]) -> int:
    """Where a new top-level key goes: before the first key that follows it in `order`."""
    after = set(order[order.index(key) + 1 :]) if key in order else set()
    for index, existing in enumerate(document):
        if existing in after:
            return index
    return len(document)


def approved_text(text: str, values: Mapping[str, Any], layout: Layout) -> str:
    """A position file's text with its approval replaced by `values`, the rest as written.

    An approval written on one line stays on one line while it fits the writer's width, and
    is written as a block otherwise.
    """
    document = rewrite.load(text)
    order = layout.order.get(APPROVAL, ())
    node = _node(values, order)
    old = document.get(APPROVAL)
    flow = isinstance(old, CommentedMap) and old.fa.flow_style()
    if flow and _flow_width(APPROVAL, node) <= WIDTH:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    for inner in node.values():
        if isinstance(inner, CommentedMap):
            inner.fa.set_flow_style()
    if old is None:
        document.insert(
            _place(document, APPROVAL, layout.order.get("position", ())), APPROVAL, node
        )
    else:
        document[APPROVAL] = node
    return rewrite.dump(document)


def _state_problem(position: Position, state: ApprovalState, decision: Decision) -> Problem | None:
    display = position.display
    if decision.keep and state is ApprovalState.NONE:
        message = _("has no approval to keep; approve it with --directive and --date")
        return _refused(display, message, "approve-no-approval")
    if decision.keep and state is ApprovalState.CHANGED:
        message = _(
            "its content changed since it was approved, so its approval does not hold any "
            "more; approve it anew with --directive and --date"
        )
        return _refused(display, message, "approve-changed")
    old = position.data.get(APPROVAL)
    if not decision.keep and not decision.by and not isinstance(old, Mapping):
        message = _("has no approval yet to take the approver from; give --by")
        return _refused(display, message, "approve-by")
    return None


def _checked_again(checker: Checker, text: str, position: Position, layout: Layout) -> None:
    """The new text is a valid position that reads as approved (or say why not)."""
    data, problems = checker.check_bytes(text.encode("utf-8"), position.display)
    if problems:
        raise AmetidError(problems)
    if data is None or approval_state(data, layout) is not ApprovalState.APPROVED:
        message = _("the approval written does not read back as approved; the file is unchanged")
        raise AmetidError([_refused(position.display, message, "approve-read-back")])


def approve(project: Project, paths: Sequence[Path], decision: Decision) -> list[Approved]:
    """Record the approval `decision` in the named positions (with `keep` and no paths: every
    approved position of the project) and write them all, or none when any has a problem."""
    problems = _named_once(project, paths, decision.keep)
    if problems:
        raise AmetidError(problems)
    result = validate(project, paths)
    if result.problems:
        raise AmetidError(result.problems)
    layout = read_layout(project.templates_dir)
    checker = project_checker(project)
    positions = result.positions
    if decision.keep and not paths:
        positions = [p for p in positions if isinstance(p.data.get(APPROVAL), Mapping)]
    numbered = not decision.keep
    approved: list[Approved] = []
    writes: list[tuple[Path, str]] = []
    for number, position in enumerate(positions, 1):
        state = approval_state(position.data, layout)
        trouble = _state_problem(position, state, decision)
        if trouble:
            problems.append(trouble)
            continue
        digest = content_digest(position.data, layout)
        annex = str(number) if numbered else None
        old = position.data.get(APPROVAL)
        values = _new_approval(old if isinstance(old, Mapping) else None, decision, annex, digest)
        text = position.path.read_text(encoding="utf-8")
        if values == old:
            approved.append(Approved(position, annex, digest, changed=False))
            continue
        new_text = approved_text(text, values, layout)
        _checked_again(checker, new_text, position, layout)
        writes.append((position.path, new_text))
        approved.append(Approved(position, annex, digest, changed=True))
    if problems:
        raise AmetidError(problems)
    write_files(writes, force=True)
    return approved
