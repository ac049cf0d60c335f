"""Reports of problems: one line each for a terminal, a JSON document for CI tools, and the
formats in which GitHub and GitLab show problems on the changed lines of a pull request."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict

from ametid.core.problems import Problem

# GitLab's Code Quality report: every finding names a check and a severity.
CODE_QUALITY_CHECK = "ametid-validate"
CODE_QUALITY_SEVERITY = "major"


def format_text(problems: Iterable[Problem]) -> str:
    """Render problems one per line, as compilers do."""
    return "".join(f"{problem}\n" for problem in problems)


def format_json(problems: Iterable[Problem], checked: int) -> str:
    """Render problems as a stable JSON document for CI tools."""
    items = [asdict(problem) for problem in problems]
    document = {"valid": not items, "files": checked, "problems": items}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _github_data(text: str) -> str:
    # GitHub's own escaping of workflow commands (actions/toolkit, command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _message(problem: Problem) -> str:
    return f"{problem.path}: {problem.message}" if problem.path else problem.message


def format_github(problems: Iterable[Problem]) -> str:
    """Render problems as GitHub Actions workflow commands, shown on the file's changed line."""
    lines = []
    for problem in problems:
        fields = [f"file={_github_property(problem.file)}"]
        if problem.line is not None:
            fields.append(f"line={problem.line}")
            if problem.column is not None:
                fields.append(f"col={problem.column}")
        lines.append(f"::error {','.join(fields)}::{_github_data(_message(problem))}\n")
    return "".join(lines)


def format_gitlab(problems: Iterable[Problem]) -> str:
    """Render problems as a GitLab Code Quality report, shown in the merge request."""
    findings = []
    for problem in problems:
        key = json.dumps(asdict(problem), ensure_ascii=False, sort_keys=True)
        findings.append(
            {
                "description": _message(problem),
                "check_name": CODE_QUALITY_CHECK,
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                "severity": CODE_QUALITY_SEVERITY,
                "location": {"path": problem.file, "lines": {"begin": problem.line or 1}},
            }
        )
    return json.dumps(findings, ensure_ascii=False, indent=2) + "\n"
