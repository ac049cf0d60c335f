"""Reports of the yearly review: a table for a terminal, JSON for CI tools."""

from __future__ import annotations

import json
from dataclasses import asdict

from ametid.history.review import Review

STATUS_TEXT = {"ok": "ok", "due": "due", "never-reviewed": "never reviewed"}
COLUMNS = ("position", "reviewed", "changed", "due", "status")


def to_text(result: Review) -> str:
    """A table for a terminal: one row per position."""
    rows = [COLUMNS] + [
        (
            entry.id,
            entry.reviewed or "-",
            entry.changed or "-",
            entry.due or "-",
            STATUS_TEXT[entry.status],
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
        "problems": [asdict(problem) for problem in result.problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
