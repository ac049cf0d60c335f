"""Reports of the yearly review: a table for a terminal, JSON for CI tools."""

from __future__ import annotations

import json
from dataclasses import asdict

from ametid.core.language import gettext as _
from ametid.core.language import noop as N_
from ametid.history.review import Review
from ametid.report.problem_report import problem_fields

# The words of the table for the English names the JSON report keeps.
STATUS_TEXT = {
    "ok": N_("ok"),
    "due": N_("due"),
    "never-reviewed": N_("never reviewed"),
    "changed-since-approval": N_("changed since approval"),
}
COLUMNS = (N_("position"), N_("reviewed"), N_("changed"), N_("due date"), N_("status"))


def to_text(result: Review) -> str:
    """A table for a terminal: one row per position."""
    rows = [tuple(_(column) for column in COLUMNS)] + [
        (
            entry.id,
            entry.reviewed or "-",
            entry.changed or "-",
            entry.due or "-",
            _(STATUS_TEXT[entry.status]),
        )
        for entry in result.positions
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS))]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        + "\n"
        for row in rows
    )


def to_json(result: Review) -> str:
    """The review as JSON for CI tools (its shape is in the README)."""
    document = {
        "today": result.today,
        "review_months": result.months,
        "positions": [asdict(entry) for entry in result.positions],
        "problems": [problem_fields(problem) for problem in result.problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
