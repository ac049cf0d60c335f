"""Word documents checked against the Office Open XML schemas, as openxml-audit reads them.

openxml-audit carries the schema data of Microsoft's Open XML SDK and its semantic rules; with
the strict policy and the Microsoft 365 profile it says whether Word would open a file without
repairing it. Every Word document the suite builds goes through `assert_valid_docx`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any


@functools.cache
def _validator() -> Any:
    from openxml_audit import FileFormat, OpenXmlValidator

    return OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0, strict=True)


def violations(path: Path) -> list[str]:
    """Every error and warning openxml-audit finds in a Word file, one line each."""
    result = _validator().validate(path)
    return [
        f"{path.name}: {error.part_uri} {error.path}: {error.description}"
        for error in result.errors
    ]


def assert_valid_docx(paths: Iterable[Path]) -> int:
    """Fail with every violation of the given Word files; how many files were checked."""
    checked = 0
    found: list[str] = []
    for path in paths:
        found += violations(path)
        checked += 1
    assert found == [], "\n".join(found)
    assert checked, "no Word document to check"
    return checked
