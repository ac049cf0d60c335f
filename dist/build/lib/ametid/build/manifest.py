"""The build manifest: what the previous build wrote, so the next one can reuse what is unchanged.

It records, for each position, the digest of its file and of its data, what the index and the
links need of it, and the pages its names linked to; and a fingerprint of everything else the
documents depend on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from ametid import __version__
from ametid.build.staging import MANIFEST
from ametid.core.project import Project

# The libraries whose version can change the bytes of an output or the data read from a file.
RENDERING_LIBRARIES = (
    "jinja2",
    "docxtpl",
    "python-docx",
    "lxml",
    "pyyaml",
    "jsonschema-rs",
    "pikepdf",
)


def fingerprint(project: Project, formats: Sequence[str]) -> str:
    """What every output depends on besides its position: a change to any of it rebuilds all."""
    digest = hashlib.sha256()

    def add(*parts: str | bytes) -> None:
        for part in parts:
            data = part.encode("utf-8") if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)

    add("ametid", __version__, ",".join(sorted(formats)), project.organisation)
    add(str(project.max_file_bytes))
    for library in RENDERING_LIBRARIES:
        add(library, metadata.version(library))
    add(project.schema_path.read_bytes())
    for path in sorted(project.templates_dir.rglob("*")):
        if path.is_file():
            add(path.relative_to(project.templates_dir).as_posix(), path.read_bytes())
    return digest.hexdigest()


def previous(out: Path, key: str) -> dict[str, Any]:
    """The positions of the previous build, when it was made with the same fingerprint."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict) or manifest.get("fingerprint") != key:
        return {}
    positions = manifest.get("positions")
    return positions if isinstance(positions, dict) else {}


def text(key: str, entries: Mapping[str, Mapping[str, Any]]) -> str:
    """The manifest of a build: its fingerprint and each position's entry."""
    document = {
        "about": "Written by ametid build; the output folder is replaced whole by every build.",
        "fingerprint": key,
        "positions": entries,
    }
    # Compact on purpose: with `indent`, json falls back from its C encoder to a Python one that
    # is twenty times slower, which a no-op build of a thousand positions would notice.
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def data_digest_of(data: Any) -> str:
    """A digest of a position's data, the same whatever its file's layout and comments."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
