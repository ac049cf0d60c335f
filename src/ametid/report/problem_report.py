"""Reports of problems: one line each for a terminal, a JSON document for CI tools."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict

from ametid.core.problems import Problem

# The keys of a problem in JSON, in this order; English, whatever the language of the messages.
FIELDS = ("file", "line", "column", "path", "place", "code", "message")


def problem_fields(problem: Problem) -> dict[str, object]:
    """A problem as JSON: its fields under their English names, in the order of FIELDS."""
    fields = asdict(problem)
    return {key: fields[key] for key in FIELDS}


def format_text(problems: Iterable[Problem]) -> str:
    """Render problems one per line, as compilers do."""
    return "".join(f"{problem}\n" for problem in problems)


def format_json(problems: Iterable[Problem], checked: int) -> str:
    """Render problems as a stable JSON document for CI tools."""
    items = [problem_fields(problem) for problem in problems]
    document = {"valid": not items, "files": checked, "problems": items}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
