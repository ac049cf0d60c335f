"""Comparing positions as documents: which were added, removed, renamed or changed, and how.

Lists are matched item by item before they are compared: first the items that stayed exactly
the same, then the most alike of the rest (at least `SIMILAR` of their words in common). What
is left over was removed or added; a matched item out of its old order was moved. So a duty
inserted in the middle is one added duty, not every later duty changed.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ametid.check.units import REGISTER_FILE, register_path
from ametid.core.approval import ApprovalState, approval_state, digest_tampered
from ametid.core.language import gettext as _
from ametid.core.layout import read_layout
from ametid.core.model import DataPath, format_path
from ametid.core.places import Places
from ametid.core.problems import AmetidError, Problem
from ametid.core.progress import SILENT, Progress
from ametid.core.project import Project
from ametid.history import consent, revisions
from ametid.history.git import Repository
from ametid.history.library_changes import LibraryChange, library_changes
from ametid.history.unit_renames import UnitRename, register_from, renamed_units
from ametid.history.words import similarity

Kind = Literal["added", "removed", "changed", "moved"]
Status = Literal["added", "removed", "renamed", "changed"]

# Two list items at least this alike (share of words in common) are one item that changed.
SIMILAR = 0.5
# A removed and an added position with the same title and at least this alike were renamed.
RENAMED = 0.6


@dataclass(frozen=True)
class Change:
    """One difference inside a position."""

    path: DataPath  # where it stands in the new version (in the old one when removed)
    old_path: DataPath | None  # where it stood in the old version; None when added
    kind: Kind
    old: str | None
    new: str | None
    label: str
    consent_required: bool
    reason: str


@dataclass(frozen=True)
class PositionDiff:
    """How one position differs between two versions."""

    id: str
    old_id: str | None
    title: str
    status: Status
    changes: tuple[Change, ...]
    consent_required: bool
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None
    # The new version's content is no longer the approved one: its documents print a draft.
    changed_since_approval: bool = False
    # Its approval's digest was removed or altered by hand since the old version.
    digest_tampered: bool = False


@dataclass
class DiffResult:
    """Every position that differs between two revisions, and the files that could not be read."""

    old: str
    new: str | None
    # When the new version was made: its commit's time (HEAD's for the working tree), in UTC.
    new_time: datetime.datetime
    positions: list[PositionDiff] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    library: list[LibraryChange] = field(default_factory=list)  # the shared texts that changed
    # Units of the register renamed in place between the two, each shown once in the reports.
    unit_renames: list[UnitRename] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        """Whether any position differs."""
        return bool(self.positions)

    @property
    def consent_required(self) -> bool:
        """Whether any change needs the employee's consent."""
        return any(position.consent_required for position in self.positions)

    @property
    def changed_since_approval(self) -> list[PositionDiff]:
        """The positions whose new content is no longer the approved one."""
        return [position for position in self.positions if position.changed_since_approval]

    @property
    def digests_tampered(self) -> list[PositionDiff]:
        """The positions whose approval digest was removed or altered by hand."""
        return [position for position in self.positions if position.digest_tampered]


def flatten(value: Any) -> str:
    """A value as one text: strings as they are, lists and mappings one part per line."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, Mapping):
        # A yes/no field (digitally_signed) says nothing as a line of its own.
        parts = (item for item in value.values() if not isinstance(item, bool))
        return "\n".join(flatten(item) for item in parts)
    if isinstance(value, list | tuple):
        return "\n".join(flatten(item) for item in value)
    return str(value)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class Alignment:
    """Old and new items of a list matched up, in the order a merged document shows them.

    `order` holds (old, new) index pairs: both set for an item in its place, only the old one
    for an item removed or moved away from there, only the new one for an item added or moved
    to there.
    """

    order: tuple[tuple[int | None, int | None], ...]
    old_to_new: Mapping[int, int]
    moved: frozenset[int]  # old indices of the matched items that changed places

    def partner(self, new_index: int) -> int | None:
        """The old index matched to a new one."""
        for old_index, matched in self.old_to_new.items():
            if matched == new_index:
                return old_index
        return None


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions in `values` of one longest strictly increasing subsequence."""
    if not values:
        return set()
    length = [1] * len(values)
    before = [-1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and length[j] + 1 > length[i]:
                length[i], before[i] = length[j] + 1, j
    end = max(range(len(values)), key=lambda i: (length[i], -i))
    chosen = set()
    while end != -1:
        chosen.add(end)
        end = before[end]
    return chosen


def align(old: Sequence[Any], new: Sequence[Any]) -> Alignment:
    """Match the items of two versions of a list."""
    pairs: dict[int, int] = {}
    unmatched_new: dict[str, list[int]] = {}
    for j, item in enumerate(new):
        unmatched_new.setdefault(_key(item), []).append(j)
    for i, item in enumerate(old):
        waiting = unmatched_new.get(_key(item))
        if waiting:
            pairs[i] = waiting.pop(0)
    taken = set(pairs.values())
    candidates = []
    for i in range(len(old)):
        if i in pairs:
            continue
        for j in range(len(new)):
            if j in taken:
                continue
            score = similarity(flatten(old[i]), flatten(new[j]))
            if score >= SIMILAR:
                candidates.append((-score, abs(i - j), i, j))
    for _score, _gap, i, j in sorted(candidates):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    by_new = sorted(pairs.items(), key=lambda pair: pair[1])
    kept = _longest_increasing([i for i, _ in by_new])
    anchors = [pair for index, pair in enumerate(by_new) if index in kept]
    moved = frozenset(i for index, (i, _) in enumerate(by_new) if index not in kept)
    # Between two items in place, as many items removed as added were rewritten there: a
    # reworded result is one changed result, however few words it kept.
    filled: list[tuple[int, int]] = []
    last_old, last_new = -1, -1
    for anchor_old, anchor_new in [*anchors, (len(old), len(new))]:
        gone = [i for i in range(last_old + 1, anchor_old) if i not in pairs]
        came = [j for j in range(last_new + 1, anchor_new) if j not in taken]
        if gone and len(gone) == len(came):
            filled.extend(zip(gone, came, strict=True))
        last_old, last_new = anchor_old, anchor_new
    if filled:
        pairs.update(filled)
        anchors = sorted([*anchors, *filled])
    order: list[tuple[int | None, int | None]] = []
    last_old, last_new = -1, -1
    for anchor_old, anchor_new in [*anchors, (len(old), len(new))]:
        order.extend((i, None) for i in range(last_old + 1, anchor_old))
        order.extend((None, j) for j in range(last_new + 1, anchor_new))
        if anchor_old < len(old):
            order.append((anchor_old, anchor_new))
        last_old, last_new = anchor_old, anchor_new
    return Alignment(tuple(order), pairs, moved)


class _Comparison:
    """The changes between two versions of one position, in document order."""

    def __init__(self, old: dict[str, Any], new: dict[str, Any], labels: Places) -> None:
        self.old, self.new, self.labels = old, new, labels
        self.changes: list[Change] = []

    def add(
        self,
        kind: Kind,
        old_path: DataPath | None,
        new_path: DataPath | None,
        old: Any = None,
        new: Any = None,
    ) -> None:
        path = new_path if new_path is not None else old_path
        assert path is not None
        old_text = None if kind == "added" else flatten(old)
        new_text = None if kind == "removed" else flatten(new)
        needs, reason = consent.change_verdict(path, kind, old_text, new_text)
        label = self.labels.label(self.new if new_path is not None else self.old, path)
        self.changes.append(Change(path, old_path, kind, old_text, new_text, label, needs, reason))

    def compare(self, old: Any, new: Any, old_path: DataPath, new_path: DataPath) -> None:
        if old == new and type(old) is type(new):
            return
        if isinstance(old, dict) and isinstance(new, dict):
            order = self.labels.key_order(new_path)
            keys = [k for k in dict.fromkeys([*order, *old, *new]) if k in old or k in new]
            for key in keys:
                if key not in new:
                    self.add("removed", (*old_path, key), None, old=old[key])
                elif key not in old:
                    self.add("added", None, (*new_path, key), new=new[key])
                else:
                    self.compare(old[key], new[key], (*old_path, key), (*new_path, key))
        elif isinstance(old, list) and isinstance(new, list):
            self._compare_lists(old, new, old_path, new_path)
        else:
            self.add("changed", old_path, new_path, old=old, new=new)

    def _compare_lists(
        self, old: list[Any], new: list[Any], old_path: DataPath, new_path: DataPath
    ) -> None:
        alignment = align(old, new)
        for i, j in alignment.order:
            if i is not None and j is not None:
                self.compare(old[i], new[j], (*old_path, i), (*new_path, j))
            elif i is not None:
                if i not in alignment.moved:
                    self.add("removed", (*old_path, i), None, old=old[i])
            elif j is not None:
                source = alignment.partner(j)
                if source is None:
                    self.add("added", None, (*new_path, j), new=new[j])
                    continue
                self.add("moved", (*old_path, source), (*new_path, j), old[source], new[j])
                if isinstance(old[source], dict) and isinstance(new[j], dict):
                    self.compare(old[source], new[j], (*old_path, source), (*new_path, j))


def compare(old: dict[str, Any], new: dict[str, Any], labels: Places) -> list[Change]:
    """Every change between two versions of a position, in the order of the document."""
    comparison = _Comparison(old, new, labels)
    comparison.compare(old, new, (), ())
    return comparison.changes


def _renames(
    removed: Mapping[str, dict[str, Any]], added: Mapping[str, dict[str, Any]]
) -> dict[str, str]:
    """Pair removed and added positions that are one position under a new id."""
    candidates = []
    for old_id, old in removed.items():
        for new_id, new in added.items():
            if old == new:
                candidates.append((-2.0, old_id, new_id))
            elif old.get("title") == new.get("title"):
                score = similarity(flatten(old), flatten(new))
                if score >= RENAMED:
                    candidates.append((-score, old_id, new_id))
    pairs: dict[str, str] = {}
    for _score, old_id, new_id in sorted(candidates):
        if old_id not in pairs and new_id not in pairs.values():
            pairs[old_id] = new_id
    return pairs


def _position(
    old_id: str | None,
    new_id: str | None,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    labels: Places,
) -> PositionDiff | None:
    found = _differences(old_id, new_id, old, new, labels)
    if found is None or new is None:
        return found
    layout = labels.layout
    return replace(
        found,
        changed_since_approval=approval_state(new, layout) is ApprovalState.CHANGED,
        digest_tampered=digest_tampered(old, new, layout),
    )


def _differences(
    old_id: str | None,
    new_id: str | None,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    labels: Places,
) -> PositionDiff | None:
    changes: list[Change] = []
    status: Status
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    else:
        changes = compare(old, new, labels)
        if old_id == new_id and not changes:
            return None
        status = "changed" if old_id == new_id else "renamed"
    needs = status not in ("added", "removed") and (
        any(change.consent_required for change in changes) or consent.duties_grew(old, new)
    )
    data = new if new is not None else old
    assert data is not None
    identity = new_id if new_id is not None else old_id
    assert identity is not None
    return PositionDiff(
        identity,
        old_id if status == "renamed" else None,
        str(data.get("title", identity)),
        status,
        tuple(changes),
        needs,
        old,
        new,
    )


def compare_positions(
    old: Mapping[str, dict[str, Any]],
    new: Mapping[str, dict[str, Any]],
    labels: Places,
    progress: Progress = SILENT,
) -> list[PositionDiff]:
    """Compare two sets of positions by id; unchanged positions are left out."""
    removed = {key: value for key, value in old.items() if key not in new}
    added = {key: value for key, value in new.items() if key not in old}
    renames = _renames(removed, added)
    renamed_to = set(renames.values())
    found: list[PositionDiff] = []
    keys = sorted(set(old) | set(new))
    for key in progress.track(keys, len(keys), _("comparing positions")):
        if key in renames or key in renamed_to:
            continue
        result = _position(
            key if key in old else None,
            key if key in new else None,
            old.get(key),
            new.get(key),
            labels,
        )
        if result is not None:
            found.append(result)
    for old_id, new_id in renames.items():
        result = _position(old_id, new_id, old[old_id], new[new_id], labels)
        assert result is not None
        found.append(result)
    return sorted(found, key=lambda position: position.id)


def change_path(change: Change) -> str:
    """The data path of a change as text: duties[2].results[1]."""
    return format_path(change.path)


def diff_revisions(
    project: Project,
    arguments: Sequence[str],
    progress: Progress = SILENT,
    literal_paths: int = 0,
) -> DiffResult:
    """Compare the positions of two revisions: `[OLD] [NEW] [--] [PATH...]` as on the command
    line, the last `literal_paths` arguments having stood after `--`.

    OLD defaults to the merge base of HEAD with the default branch, NEW to the working tree.
    A position that is invalid on either side is reported as problems and not compared; a PATH
    that matches no position file on either side is an error.
    """
    repository = Repository(project)
    old_name, new_name, paths = revisions.split_arguments(repository, arguments, literal_paths)
    selected = revisions.project_paths(project, paths)
    old_commit = repository.require(old_name) if old_name else repository.default_base()
    new_commit = repository.require(new_name) if new_name else None
    shown_old = old_name or old_commit
    before = revisions.snapshot(repository, old_commit, shown_old, selected, progress)
    after = revisions.snapshot(repository, new_commit, new_name or "", selected, progress)
    missing = revisions.unmatched(selected, before, after)
    if missing:
        where = dict(zip(selected, paths, strict=True))[missing[0]]
        if new_name:
            message = _("matches no position file in {old} or {new}; check the name")
        else:
            message = _("matches no position file in {old} or the working tree; check the name")
        message = message.format(old=shown_old, new=new_name)
        raise AmetidError([Problem(str(where), message=message, code="not-found")])
    invalid = before.invalid | after.invalid
    old = {key: value for key, value in before.positions.items() if key not in invalid}
    new = {key: value for key, value in after.positions.items() if key not in invalid}
    places = Places(after.schema, read_layout(project.templates_dir))
    positions = compare_positions(old, new, places, progress)
    new_time = repository.commit_time(new_commit or repository.require("HEAD"))
    problems = [*before.problems, *after.problems]
    changed = {position.id for position in positions if position.changes}
    shared = library_changes(before.library, after.library, after.uses, new, changed)
    old_register = register_from(repository.read(old_commit, REGISTER_FILE))
    if new_commit is None:
        path = register_path(project)
        new_raw = path.read_bytes() if path.is_file() else None
    else:
        new_raw = repository.read(new_commit, REGISTER_FILE)
    renames = renamed_units(old_register, register_from(new_raw))
    return DiffResult(
        shown_old, new_name, new_time, positions, problems, library=shared, unit_renames=renames
    )
