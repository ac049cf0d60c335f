"""The yearly review: when each position was last reviewed, last changed, and whether it is due.

A position's last review is the later of its approval date (`approval.date`) and its `reviewed`
date. It is due on the day `review_months` (tool.ametid, 12 by default) have passed since then,
and a position with neither date was never reviewed. A position whose content changed after its
approval is `changed-since-approval` whatever its dates: its documents print it as a draft until
it is approved again.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ametid.check.validation import validate
from ametid.core.approval import ApprovalState, approval_state
from ametid.core.layout import read_layout
from ametid.core.problems import AmetidError, Problem
from ametid.core.project import Project
from ametid.history.git import Repository

Status = Literal["ok", "due", "never-reviewed", "changed-since-approval"]


@dataclass(frozen=True)
class Entry:
    """One position's review dates (ISO dates; None where there is none)."""

    id: str
    title: str
    file: str
    reviewed: str | None
    changed: str | None  # the last commit that changed the file
    due: str | None
    status: Status


@dataclass
class Review:
    """Every position's review dates as of one day, and the files that could not be read."""

    today: str
    months: int
    positions: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def overdue(self) -> list[Entry]:
        """The positions that are due, were never reviewed, or changed since their approval."""
        return [entry for entry in self.positions if entry.status != "ok"]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (29.02 -> 28.02),
    and the calendar's last day past the year 9999."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    if year > datetime.MAXYEAR:
        return datetime.date.max  # past the calendar's end (a date 9999-12-31 approved)
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def last_reviewed(data: dict[str, Any]) -> str | None:
    """The later of the approval date and the reviewed date, or None when there is neither."""
    approval = data.get("approval")
    dates = [
        value
        for value in (
            approval.get("date") if isinstance(approval, dict) else None,
            data.get("reviewed"),
        )
        if isinstance(value, str)
    ]
    return max(dates) if dates else None


def _changes(project: Project) -> dict[str, str]:
    """When each position file last changed in git; nothing outside a git repository."""
    try:
        return Repository(project).last_changes("positions")
    except AmetidError:
        return {}


def review(project: Project, today: datetime.date, paths: Sequence[Path] = ()) -> Review:
    """The review dates of the given positions (default: all of positions/) as of `today`."""
    validation = validate(project, paths)
    layout = read_layout(project.templates_dir)
    changes = _changes(project)
    result = Review(today.isoformat(), project.review_months, problems=validation.problems)
    root = project.root.resolve()
    for position in sorted(validation.positions, key=lambda p: p.id):
        try:
            relative = position.path.resolve().relative_to(root).as_posix()
        except ValueError:
            relative = ""
        reviewed = last_reviewed(position.data)
        due = None
        status: Status = "never-reviewed"
        if reviewed is not None:
            next_review = add_months(datetime.date.fromisoformat(reviewed), project.review_months)
            due = next_review.isoformat()
            status = "due" if today >= next_review else "ok"
        if approval_state(position.data, layout) is ApprovalState.CHANGED:
            status = "changed-since-approval"
        entry = Entry(
            position.id,
            position.title,
            position.display,
            reviewed,
            changes.get(relative),
            due,
            status,
        )
        result.positions.append(entry)
    return result
