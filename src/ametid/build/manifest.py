"""The build manifest: what the previous build wrote, so the next one can reuse what is unchanged.

It records, for each position, the digest of its file and of its data, what the index and the
links need of it, and the pages its names linked to; and a fingerprint of everything else the
documents depend on.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import jsonschema_rs

from ametid import __version__
from ametid.build.staging import MANIFEST
from ametid.check.units import register_path
from ametid.core.project import Project
from ametid.library.texts import library_files

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
    # The shared texts stand in every position that names them.
    for display, raw in sorted(library_files(project.root).items()):
        add(display, raw)
    # The unit register decides which units a position may name and the pages of units.
    register = register_path(project)
    add(register.read_bytes() if register.is_file() else b"")
    for path in sorted(project.templates_dir.rglob("*")):
        if path.is_file():
            add(path.relative_to(project.templates_dir).as_posix(), path.read_bytes())
    return digest.hexdigest()


_DIGEST = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
# The manifest's own schema: a manifest that does not satisfy it is not trusted at all.
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["about", "checksum", "fingerprint", "positions"],
    "properties": {
        "about": {"type": "string"},
        "checksum": _DIGEST,
        "fingerprint": _DIGEST,
        "positions": {"type": "object", "additionalProperties": {"$ref": "#/$defs/entry"}},
    },
    "$defs": {
        "entry": {
            "type": "object",
            "required": ["data", "data_digest", "digest", "links", "outputs"],
            "additionalProperties": False,
            "properties": {
                "data": {"type": "object"},
                "data_digest": _DIGEST,
                "digest": _DIGEST,
                "links": {"type": "object", "additionalProperties": {"type": "string"}},
                "outputs": {"type": "object", "additionalProperties": {"$ref": "#/$defs/file"}},
            },
        },
        "file": {
            "type": "object",
            "required": ["sha256", "size"],
            "additionalProperties": False,
            "properties": {"sha256": _DIGEST, "size": {"type": "integer", "minimum": 0}},
        },
    },
}


@functools.cache
def _validator() -> Any:
    return jsonschema_rs.validator_for(SCHEMA)


ABOUT = "Written by ametid build; the output folder is replaced whole by every build."
# The manifest is written as these keys in this order, the entries last, so that the checksum of
# the entries is the digest of the text that ends the file: neither writing nor reading it needs
# the entries encoded a second time.
_ENTRIES = ',"positions":'


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def previous(out: Path, key: str) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The positions of the previous build, when it was made with the same fingerprint and its
    manifest is whole (satisfies its schema, its checksum that of its entries); and the size,
    time and inode recorded of each of its files."""
    try:
        raw = (out / MANIFEST).read_text(encoding="utf-8")
        manifest = json.loads(raw)
    except (OSError, ValueError):
        return {}, {}
    if not _validator().is_valid(manifest) or manifest["fingerprint"] != key:
        return {}, {}
    start = raw.find(_ENTRIES)
    if start < 0 or not raw.endswith("}\n"):
        return {}, {}
    if manifest["checksum"] != _digest(raw[start + len(_ENTRIES) : -2]):
        return {}, {}
    positions: dict[str, Any] = manifest["positions"]
    return positions, _read_state(out, raw)


def text(key: str, entries: Mapping[str, Mapping[str, Any]]) -> str:
    """The manifest of a build: its fingerprint, each position's entry and their checksum."""
    # Compact on purpose: with `indent`, json falls back from its C encoder to a Python one that
    # is twenty times slower, which a no-op build of a thousand positions would notice.
    body = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    fields = {"about": ABOUT, "checksum": _digest(body), "fingerprint": key}
    head = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{head[:-1]}{_ENTRIES}{body}}}\n"


def file_record(content: str | bytes) -> dict[str, Any]:
    """What the manifest records of one output file: its size and digest."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def file_digest(path: str) -> str:
    """The digest of a file on disk, read in pieces."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for piece in iter(lambda: handle.read(1 << 20), b""):
            digest.update(piece)
    return digest.hexdigest()


# What the file system says of each output file is kept beside the output folder, not in its
# manifest: modification times and inodes differ from machine to machine, and the output is
# the same bytes everywhere. A missing or stale record only makes a build render more.
def state_path(out: Path) -> Path:
    """The file beside the output that records each output file's size, time and inode."""
    return out.parent / f".{out.name}.state"


def stat_record(path: str) -> list[int]:
    """A file's size, modification time (ns) and inode, as the state file records them."""
    found = os.stat(path)
    return [found.st_size, found.st_mtime_ns, found.st_ino]


def _read_state(out: Path, manifest_text: str) -> dict[str, list[int]]:
    """The recorded size, time and inode of each output file, if recorded for this manifest."""
    try:
        state = json.loads(state_path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict):
        return {}
    if state.get("manifest") != hashlib.sha256(manifest_text.encode("utf-8")).hexdigest():
        return {}
    files = state.get("files")
    return files if isinstance(files, dict) else {}


def state_text(manifest_text: str, files: Mapping[str, list[int]]) -> str:
    """The state file for a manifest and the files it lists."""
    manifest_digest = hashlib.sha256(manifest_text.encode("utf-8")).hexdigest()
    return json.dumps({"files": files, "manifest": manifest_digest}, separators=(",", ":")) + "\n"


def data_digest_of(data: Any) -> str:
    """A digest of a position's data, the same whatever its file's layout and comments."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
