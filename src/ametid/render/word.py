"""Render a position into a Word document with docxtpl, as reproducible bytes."""

from __future__ import annotations

import collections
import io
import itertools
import multiprocessing
import os
import re
import signal
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import jinja2

from ametid.core.language import gettext as _
from ametid.core.layout import Layout
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.render import environment
from ametid.render.job import Job

LANGUAGE = "et-EE"
GENERATOR = "ametid"
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
# zlib's default: level 9 takes 2.4 times as long for files 4 % smaller.
ZIP_LEVEL = 6
ZIP_ATTRIBUTES = 0o100644 << 16  # regular file, rw-r--r--
CONTENT_TYPES = "[Content_Types].xml"
DOCUMENT = "word/document.xml"
PACKAGE_RELS = "_rels/.rels"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
RELS_NS = "{" + PACKAGE_RELATIONSHIPS + "}"
CORE_TYPE = PACKAGE_RELATIONSHIPS + "/metadata/core-properties"
APP_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
# Characters XML 1.0 cannot hold. docxtpl would turn \a and \f into paragraphs and page breaks
# and its lenient parser would silently drop the rest, so they are refused instead.
MAX_TEMPLATE_PART = 50_000_000  # bytes of one part of the Word template, unpacked
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def template_problem(template: Path, *, parts: bool = True) -> str | None:
    """Say why `template` cannot serve as a Word template, or None when it can; with `parts`,
    each XML part is read whole and parsed (which a build does only when it renders)."""
    try:
        with zipfile.ZipFile(template) as archive:
            archive.getinfo("word/document.xml")
            return _parts_problem(archive) if parts else None
    except FileNotFoundError:
        return _("template not found")
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError, EOFError) as error:
        return _("not a Word document (.docx): {error}").format(error=error)


def _parts_problem(archive: zipfile.ZipFile) -> str | None:
    """A part of the Word template that is too large, declares entities or is not XML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    for member in archive.infolist():
        if not member.filename.endswith((".xml", ".rels")):
            continue
        if member.file_size > MAX_TEMPLATE_PART:
            return _("{part} is over {size} MB").format(
                part=member.filename, size=MAX_TEMPLATE_PART // 1_000_000
            )
        data = archive.read(member)
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            return _(
                "{part} declares XML entities, which Word never writes; "
                "open the template in Word and save it again"
            ).format(part=member.filename)
        try:
            etree.fromstring(data, parser)
        except etree.XMLSyntaxError as error:
            return _(
                "{part} is not well-formed XML ({error}); "
                "open the template in Word and save it again"
            ).format(part=member.filename, error=error.msg)
    return None


class WordTemplate:
    """A docxtpl Word template compiled once and rendered for many positions.

    docxtpl re-reads the template and recompiles its XML into a Jinja template on every render;
    for hundreds of positions that is most of the cost, so this keeps the compiled parts and
    per position renders them and swaps them into a copy of the package. It uses docxtpl's own
    tag preprocessing, table fix-up and text handling, so a template behaves as under docxtpl.
    """

    def __init__(self, template: Path, env: jinja2.Environment) -> None:
        # Imported here: python-docx and docxtpl take a fifth of a second to import, which a build
        # that renders no Word document (or only checks the template) need not pay.
        from docxtpl import DocxTemplate  # type: ignore[import-untyped, unused-ignore]

        with zipfile.ZipFile(template) as archive:
            self._members = {info.filename: archive.read(info) for info in archive.infolist()}
        self._docx = DocxTemplate(str(template))
        self._docx.render_init()
        # docxtpl sets `autoescape` on the environment it is given; an overlay leaves the caller's
        # environment (shared with the Markdown and HTML templates) as it was.
        env = env.overlay(autoescape=True)
        body = self._docx.patch_xml(self._docx.get_xml())
        self._body = env.from_string(_one_paragraph_per_line(body))
        self._parts: dict[str, tuple[jinja2.Template, str]] = {}
        for uri in (self._docx.HEADER_URI, self._docx.FOOTER_URI):
            for _name, part in self._docx.get_headers_footers(uri):
                xml = self._docx.get_part_xml(part)
                encoding = self._docx.get_headers_footers_encoding(xml)
                compiled = env.from_string(_one_paragraph_per_line(self._docx.patch_xml(xml)))
                self._parts[str(part.partname).lstrip("/")] = (compiled, encoding)

    def render(self, context: Mapping[str, Any], title: str) -> bytes:
        """Render one position into reproducible DOCX bytes."""
        _check_text(title, "title")
        return package(self.render_parts(context), title)

    def render_parts(self, context: Mapping[str, Any]) -> dict[str, bytes]:
        """Render one position into the parts of its package, by zip member name."""
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml import parse_xml

        _check_text(context, "context")
        values = dict(context)
        members = dict(self._members)
        body = self._docx.fix_tables(self._finish(self._body.render(values)))
        self._docx.docx_ids_index = 1000
        self._docx.fix_docpr_ids(body)
        document = parse_xml(members[DOCUMENT])
        document.replace(document.body, body)
        members[DOCUMENT] = serialize_part_xml(document)
        for name, (compiled, encoding) in self._parts.items():
            xml = self._finish(compiled.render(values)).encode(encoding)
            members[name] = serialize_part_xml(parse_xml(xml))
        return members

    def _finish(self, xml: str) -> str:
        xml = _PARAGRAPH_ON_LINE.sub(r"<w:p\1", xml)
        # docxtpl's listing pass turns tabs and line breaks in values into Word's own; it is a
        # fifth of the rendering time, and a document without them comes out the same without it.
        if "\t" in xml or "\n" in xml:
            xml = self._docx.resolve_listing(xml)
        return xml


_PARAGRAPH = re.compile(r"<w:p([ >])")
_PARAGRAPH_ON_LINE = re.compile(r"\n<w:p([ >])")


def _one_paragraph_per_line(xml: str) -> str:
    """As docxtpl does before compiling: Jinja line numbers then count paragraphs."""
    return _PARAGRAPH.sub(r"\n<w:p\1", xml)


def render_docx(
    template: Path, context: Mapping[str, Any], env: jinja2.Environment, title: str
) -> bytes:
    """Render the docxtpl `template` with `context` into reproducible DOCX bytes."""
    return WordTemplate(template, env).render(context, title)


# Below this many Word documents, starting worker processes costs more than it saves.
POOL_THRESHOLD = 16
# How many documents each worker has queued ahead, so it never waits for the next one.
WINDOW_PER_WORKER = 16
_worker: tuple[WordTemplate, str, Layout] | None = None


def _start_worker(template: Path, organisation: str, layout: Layout) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means
    _worker = (WordTemplate(template, environment.docx_environment()), organisation, layout)


def _render_one(word: WordTemplate, organisation: str, layout: Layout, job: Job) -> bytes:
    position = job.position
    return word.render(environment.context(position, organisation, layout), position.title)


def _render_in_worker(job: Job) -> bytes:
    assert _worker is not None
    return _render_one(*_worker, job)


class WordDocuments:
    """Renders positions into Word documents through the project's Word template; `layout`
    tells which are drafts."""

    def __init__(self, template: Path, organisation: str, layout: Layout) -> None:
        self.template = template
        self.organisation = organisation
        self.layout = layout

    def render(self, jobs: Sequence[Job]) -> Iterator[tuple[Job, str | bytes]]:
        """Each job with its Word document, on every core when there are enough of them.

        Workers are started afresh ("spawn") rather than forked, so they do not carry a copy of
        everything the parent holds; each receives the data of its positions.
        """
        if not jobs:
            return
        trouble = template_problem(self.template)
        if trouble:
            raise AmetidError([Problem(display_path(self.template), message=trouble)])
        workers = min(os.cpu_count() or 1, 4)
        if len(jobs) < POOL_THRESHOLD or workers < 2:
            word = WordTemplate(self.template, environment.docx_environment())
            for job in jobs:
                yield job, _render_one(word, self.organisation, self.layout, job)
            return
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.template, self.organisation, self.layout),
        )
        try:
            # A sliding window of jobs in flight: map() would queue every job's data at once.
            waiting = iter(jobs)
            pending = collections.deque(
                (job, pool.submit(_render_in_worker, job))
                for job in itertools.islice(waiting, workers * WINDOW_PER_WORKER)
            )
            while pending:
                job, future = pending.popleft()
                following = next(waiting, None)
                if following is not None:
                    pending.append((following, pool.submit(_render_in_worker, following)))
                yield job, future.result()
        finally:
            # On an interrupt or error, drop the queued documents instead of rendering them all.
            pool.shutdown(wait=True, cancel_futures=True)


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


def package(members: dict[str, bytes], title: str) -> bytes:
    """Zip the parts with fixed document properties, timestamps, attributes and member order."""
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
            target.writestr(info, members[name], compresslevel=ZIP_LEVEL)
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
