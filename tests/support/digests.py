"""The sha256 of every document a build writes, and the digests kept of the repository's
positions in tests/data/golden/documents.sha256.json, by the formats built (a page links
to the other formats of its position)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from support.paths import DATA

DIGESTS = DATA / "golden" / "documents.sha256.json"


def built_digests(out: Path) -> dict[str, str]:
    """The sha256 of every document in a build's output (not its manifest)."""
    return {
        path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def golden(formats: str) -> dict[str, str]:
    """The kept digests of the documents a build in the given formats (md,html,docx) wrote."""
    every: dict[str, dict[str, str]] = json.loads(DIGESTS.read_text(encoding="utf-8"))
    return every[formats]
