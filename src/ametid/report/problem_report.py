"""Reports of problems: one line each for a terminal, a JSON document for CI tools, and the
formats in which GitHub and GitLab show problems on the changed lines of a pull request."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict

from ametid.core.problems import Problem, errors

# The keys of a problem in JSON, in this order; English, whatever the language of the messages.
FIELDS = ("file", "line", "column", "path", "place", "code", "severity", "message")


def problem_fields(problem: Problem) -> dict[str, object]:
    """A problem as JSON: its fields under their English names, in the order of FIELDS."""
    fields = asdict(problem)
    return {key: fields[key] for key in FIELDS}


# GitLab's Code Quality report: every finding names a check and a severity.
CODE_QUALITY_CHECK = "ametid-validate"
CODE_QUALITY_SEVERITY = {"error": "major", "note": "info"}
# GitHub's workflow commands by severity: an error annotation, or a notice.
GITHUB_COMMAND = {"error": "error", "note": "notice"}


def format_text(problems: Iterable[Problem]) -> str:
    """Render problems one per line, as compilers do."""
    return "".join(f"{problem}\n" for problem in problems)


def format_json(problems: Iterable[Problem], checked: int) -> str:
    """Render problems as a stable JSON document for CI tools; notes do not make it invalid."""
    problems = list(problems)
    items = [problem_fields(problem) for problem in problems]
    document = {"valid": not errors(problems), "files": checked, "problems": items}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _github_data(text: str) -> str:
    # GitHub's own escaping of workflow commands (actions/toolkit, command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _message(problem: Problem) -> str:
    if problem.place and problem.path:
        return f"{problem.place} ({problem.path}): {problem.message}"
    if problem.place or problem.path:
        return f"{problem.place or problem.path}: {problem.message}"
    return problem.message


def format_github(problems: Iterable[Problem]) -> str:
    """Render problems as GitHub Actions workflow commands, shown on the file's changed line."""
    lines = []
    for problem in problems:
        fields = [f"file={_github_property(problem.file)}"]
        if problem.line is not None:
            fields.append(f"line={problem.line}")
            if problem.column is not None:
                fields.append(f"col={problem.column}")
        command = GITHUB_COMMAND[problem.severity]
        lines.append(f"::{command} {','.join(fields)}::{_github_data(_message(problem))}\n")
    return "".join(lines)


def format_gitlab(problems: Iterable[Problem]) -> str:
    """Render problems as a GitLab Code Quality report, shown in the merge request."""
    findings = []
    for problem in problems:
        # The finding's identity, without its severity: so a problem keeps its fingerprint.
        identity = {k: v for k, v in asdict(problem).items() if k != "severity"}
        key = json.dumps(identity, ensure_ascii=False, sort_keys=True)
        findings.append(
            {
                "description": _message(problem),
                "check_name": CODE_QUALITY_CHECK,
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                "severity": CODE_QUALITY_SEVERITY[problem.severity],
                "location": {"path": problem.file, "lines": {"begin": problem.line or 1}},
            }
        )
    return json.dumps(findings, ensure_ascii=False, indent=2) + "\n"
