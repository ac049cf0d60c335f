"""The approvals a directive replaces: each position's approval before the one it now carries.

They are read from git, newest first: the position as the last commit that changed it had it,
and so on back, until an approval other than the current one is found. A project outside git,
or a position that was never approved before, has none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ametid.core.approval import APPROVAL
from ametid.core.model import Position
from ametid.core.problems import AmetidError
from ametid.core.project import Project
from ametid.history.git import Repository
from ametid.source import loader

# What makes two approvals the same decision; a digest added later does not make a new one.
SAME = ("by", "date", "directive", "annex")


def _decision(approval: Any) -> tuple[Any, ...] | None:
    if not isinstance(approval, Mapping):
        return None
    return tuple(approval.get(key) for key in SAME)


def repository_of(project: Project) -> Repository | None:
    """The git repository holding a project, or None outside git."""
    try:
        repository = Repository(project)
    except AmetidError:
        return None
    return repository if repository.commit("HEAD") else None


def earlier_approvals(
    project: Project,
    positions: list[Position],
    repository: Repository | None,
    revision: str = "HEAD",
) -> dict[str, tuple[dict[str, Any], str]]:
    """Each position's earlier approval and the title it had then, by position id, looking
    back from `revision` (the project may be a copy of the repository at that revision)."""
    if repository is None:
        return {}
    found: dict[str, tuple[dict[str, Any], str]] = {}
    for position in positions:
        relative = position.path.resolve().relative_to(project.root.resolve()).as_posix()
        current = _decision(position.data.get(APPROVAL))
        for commit in repository.changes_of(relative, revision):
            raw = repository.blob(commit, relative)
            document, problems = loader.parse(raw, relative) if raw else (None, [])
            if document is None or problems or not isinstance(document.data, Mapping):
                continue
            approval = document.data.get(APPROVAL)
            decision = _decision(approval)
            if decision == current:
                continue
            if isinstance(approval, Mapping):
                title = document.data.get("title")
                found[position.id] = (dict(approval), str(title) if title else position.title)
            break
    return found
