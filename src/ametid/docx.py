"""Render a position into a Word document with docxtpl, as reproducible bytes."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import jinja2
from docxtpl import DocxTemplate  # type: ignore[import-untyped, unused-ignore]

LANGUAGE = "et-EE"
GENERATOR = "ametid"
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_ATTRIBUTES = 0o100644 << 16  # regular file, rw-r--r--
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
RELS_NS = "{" + PACKAGE_RELATIONSHIPS + "}"
CORE_TYPE = PACKAGE_RELATIONSHIPS + "/metadata/core-properties"
APP_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
# Characters XML 1.0 cannot hold. docxtpl would turn \a and \f into paragraphs and page breaks
# and its lenient parser would silently drop the rest, so they are refused instead.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def template_problem(template: Path) -> str | None:
    """Say why `template` cannot serve as a Word template, or None when it can."""
    try:
        with zipfile.ZipFile(template) as package:
            package.getinfo("word/document.xml")
    except FileNotFoundError:
        return "template not found"
    except (OSError, zipfile.BadZipFile, KeyError) as error:
        return f"not a Word document (.docx): {error}"
    return None


def render_docx(
    template: Path, context: Mapping[str, Any], env: jinja2.Environment, title: str
) -> bytes:
    """Render the docxtpl `template` with `context` into reproducible DOCX bytes."""
    _check_text(context, "context")
    _check_text(title, "title")
    document = DocxTemplate(str(template))
    # docxtpl sets `autoescape` on the environment it is given; an overlay leaves the caller's
    # environment (shared with the Markdown and HTML templates) as it was.
    document.render(dict(context), jinja_env=env.overlay(autoescape=True), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_docx(buffer.getvalue(), title)


def _check_text(value: object, path: str) -> None:
    """Raise ValueError if a string in `value` holds a character a Word document cannot store."""
    if isinstance(value, str):
        match = XML_ILLEGAL.search(value)
        if match:
            code = f"U+{ord(match.group()):04X}"
            raise ValueError(f"{path}: character {code} cannot be stored in a Word document")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _check_text(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check_text(item, f"{path}[{index}]")


def normalise_docx(data: bytes, title: str) -> bytes:
    """Rewrite a DOCX with fixed document properties, zip timestamps, attributes and order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    targets = _package_targets(members[PACKAGE_RELS])
    if CORE_TYPE not in targets:
        raise ValueError("the DOCX has no core properties part (docProps/core.xml)")
    members[targets[CORE_TYPE]] = _core_xml(title)
    if APP_TYPE in targets:
        # Word keeps page and word counts, company and template names here; none apply.
        members[targets[APP_TYPE]] = _app_xml()
    names = sorted(members, key=lambda name: (name != CONTENT_TYPES, name != PACKAGE_RELS, name))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system this runs on
            info.external_attr = ZIP_ATTRIBUTES
            target.writestr(info, members[name], compresslevel=9)
    return output.getvalue()


def _package_targets(rels: bytes) -> dict[str, str]:
    """Map relationship types in the package's _rels/.rels to zip member names."""
    root = ElementTree.fromstring(rels)
    targets: dict[str, str] = {}
    for rel in root.iter(f"{RELS_NS}Relationship"):
        if rel.get("TargetMode") != "External":
            targets.setdefault(rel.get("Type", ""), rel.get("Target", "").lstrip("/"))
    return targets


def _core_xml(title: str) -> bytes:
    """Core properties: title, language and generator; no creation or modification time."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title>"
        f"<dc:language>{LANGUAGE}</dc:language>"
        f"<dc:creator>{GENERATOR}</dc:creator>"
        f"<cp:lastModifiedBy>{GENERATOR}</cp:lastModifiedBy>"
        "</cp:coreProperties>"
    ).encode()


def _app_xml() -> bytes:
    """Extended properties naming only the generating application."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<Properties"
        ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{GENERATOR}</Application>"
        "</Properties>"
    ).encode()
