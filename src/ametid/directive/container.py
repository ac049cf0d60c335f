"""The ASiC-E signing container (.asice, ETSI EN 319 162-1): what DigiDoc opens and signs.

Written with the standard library's zipfile, so it is byte-reproducible: `mimetype` first and
stored uncompressed, as the standard asks (a reader recognises the container by its first
bytes), then META-INF/manifest.xml (the OpenDocument manifest naming each file and its media
type), then the files, each with the same fixed date and attributes the Word documents get.
A signature DigiDoc adds later is META-INF/signatures0.xml, beside the manifest.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from ametid.render.word import ZIP_ATTRIBUTES, ZIP_DATE_TIME, ZIP_LEVEL

MIMETYPE = "mimetype"
ASIC_E = "application/vnd.etsi.asic-e+zip"
MANIFEST = "META-INF/manifest.xml"
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
PDF = "application/pdf"
SUFFIX = ".asice"


@dataclass(frozen=True)
class Member:
    """One file of the container: its name there, media type and bytes."""

    name: str
    media_type: str
    data: bytes


def manifest_xml(members: Sequence[Member]) -> bytes:
    """The container's manifest: the container itself, then each file and its media type."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<manifest:manifest xmlns:manifest="{MANIFEST_NS}" manifest:version="1.2">',
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ASIC_E}"/>',
    ]
    for member in members:
        lines.append(
            f"<manifest:file-entry manifest:full-path={quoteattr(member.name)}"
            f" manifest:media-type={quoteattr(member.media_type)}/>"
        )
    lines.append("</manifest:manifest>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _info(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
    info.compress_type = compress
    info.create_system = 3  # Unix, whatever system this runs on
    info.external_attr = ZIP_ATTRIBUTES
    return info


def container_bytes(members: Sequence[Member]) -> bytes:
    """The unsigned ASiC-E container holding `members`, in their order."""
    names = [member.name for member in members]
    if len(set(names)) != len(names) or any(
        name == MIMETYPE or name.startswith("META-INF/") for name in names
    ):
        raise ValueError(f"container file names must be unique and not reserved: {names}")
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr(_info(MIMETYPE, zipfile.ZIP_STORED), ASIC_E.encode("ascii"))
        archive.writestr(
            _info(MANIFEST, zipfile.ZIP_DEFLATED), manifest_xml(members), compresslevel=ZIP_LEVEL
        )
        for member in members:
            archive.writestr(
                _info(member.name, zipfile.ZIP_DEFLATED), member.data, compresslevel=ZIP_LEVEL
            )
    return output.getvalue()
