"""PDF documents: the Word documents converted by LibreOffice, made byte-reproducible.

The PDF is what is signed, so it is made from the Word document rather than from the HTML: the
two then look alike. LibreOffice converts a batch of documents per run, with a profile folder
of its own that the build throws away, so that builds running side by side do not share one.
It writes PDF/A-2b for archiving, tagged, and stamps each PDF with the time of conversion and
an id derived from it; `settle` replaces both with values that depend only on the content, and
tags what LibreOffice cannot: the title as the document's heading, the label cells of the
tables as header cells of their rows.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ametid.core.problems import AmetidError, Problem
from ametid.render.job import Job
from ametid.render.word import WordDocuments

SOFFICE = "soffice"
MISSING_SOFFICE = (
    "--format pdf needs LibreOffice (soffice), which is not installed; "
    "install the package libreoffice-writer (apt-get install libreoffice-writer-nogui)"
)
# Tagged PDF (headings, lists and tables stay known to screen readers), as PDF/A-2b.
EXPORT_FILTER = (
    "pdf:writer_pdf_Export:{"
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"SelectPdfVersion":{"type":"long","value":"2"}}'
)
BATCH_SIZE = 50
# LibreOffice's first start in a new profile takes a few seconds; a document then well under one.
TIMEOUT_START_SECONDS = 120
TIMEOUT_PER_DOCUMENT_SECONDS = 20
LANGUAGE = "et-EE"


def soffice_problem() -> str | None:
    """Why PDF output cannot be made on this machine, or None when it can."""
    return None if shutil.which(SOFFICE) else MISSING_SOFFICE


# The XMP properties that hold a time of conversion.
XMP_TIMES = ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate")
# The colour profile PDF/A asks for is made anew at every conversion, dated in its header
# (bytes 24-35, after "acsp" at 36); it gets the fixed date Word files get in their zip.
ICC_DATE = struct.pack(">6H", 1980, 1, 1, 0, 0, 0)
ICC_DATE_AT = slice(24, 36)
ICC_SIGNATURE = (slice(36, 40), b"acsp")
# The paragraph style LibreOffice tags the title with, mapped to a paragraph (/P) in the PDF.
TITLE_STYLE = "/Title"
HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")


def _pdf_date(iso_date: str) -> str:
    return "D:" + iso_date.replace("-", "") + "000000Z"


def settle(pdf: bytes, title: str, created: str | None) -> bytes:
    """Give a PDF its title and language, a fixed creation date (or none), and a content id.

    `created` is an ISO date: the position's approval date, when it has one. The document
    information and the XMP metadata (which PDF/A requires) say the same.
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        info = document.docinfo
        info[pikepdf.Name.Title] = title
        for key in ("/CreationDate", "/ModDate"):
            if key in info:
                del info[key]
        if created is not None:
            info[pikepdf.Name.CreationDate] = _pdf_date(created)
        # LibreOffice's checksum covers the conversion time, and the old id is derived from it;
        # without them, qpdf derives the id from the content alone.
        for key in ("/ID", "/DocChecksum"):
            if key in document.trailer:
                del document.trailer[key]
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            for key in XMP_TIMES:
                if key in xmp:
                    del xmp[key]
            if created is not None:
                xmp["xmp:CreateDate"] = f"{created}T00:00:00Z"
            xmp["dc:title"] = title
            xmp["dc:language"] = [LANGUAGE]
        document.Root.Lang = pikepdf.String(LANGUAGE)
        for intent in document.Root.get("/OutputIntents", pikepdf.Array()):
            if "/DestOutputProfile" in intent:
                _fix_profile_date(intent.DestOutputProfile)
        if "/StructTreeRoot" in document.Root:
            _tag_headings_and_labels(document.Root.StructTreeRoot)
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
        return out.getvalue()


def _fix_profile_date(profile: Any) -> None:
    """Give an ICC colour profile the fixed creation date (its header has no checksum to
    update unless it carries a profile id, which LibreOffice's does not)."""
    data = bytearray(profile.read_bytes())
    where, signature = ICC_SIGNATURE
    if data[where] == signature and not any(data[84:100]):
        data[ICC_DATE_AT] = ICC_DATE
        profile.write(bytes(data))


def _tag_headings_and_labels(tree: Any) -> None:
    """Tag the title as the heading above the sections, and each row's first cell as its header.

    LibreOffice tags a paragraph in the Title style as a paragraph, and every table cell as a
    data cell. As on the HTML page, the title becomes the first-level heading, each section one
    level below it, and a table row's label cell (its first) a header cell for the row.
    """
    import pikepdf

    role_map = tree.get("/RoleMap")
    if role_map is not None and TITLE_STYLE in role_map:
        role_map[TITLE_STYLE] = pikepdf.Name.H1
    for element in _elements(tree.get("/K")):
        kind = str(element.S)
        if kind in HEADINGS[:-1]:
            element.S = pikepdf.Name(HEADINGS[HEADINGS.index(kind) + 1])
        elif kind == "/TR":
            cells = list(_elements(element.get("/K"), deep=False))
            if len(cells) > 1 and str(cells[0].S) == "/TD":
                _make_row_header(cells[0])


def _make_row_header(cell: Any) -> None:
    """Turn a data cell (/TD) into the header cell (/TH) of its row."""
    import pikepdf

    cell.S = pikepdf.Name.TH
    scope = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name.Row)
    attributes = cell.get("/A")
    if attributes is None:
        cell.A = scope
    elif isinstance(attributes, pikepdf.Array):
        attributes.append(scope)
    else:
        cell.A = pikepdf.Array([attributes, scope])


def _elements(kids: Any, deep: bool = True) -> Iterator[Any]:
    """The structure elements among `kids` (and, when `deep`, all below them), in order."""
    import pikepdf

    stack = list(reversed(kids)) if isinstance(kids, pikepdf.Array) else [kids]
    while stack:
        kid = stack.pop()
        if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
            continue  # marked content, an object reference, or a page's content id
        yield kid
        if deep:
            below = kid.get("/K")
            stack.extend(reversed(below) if isinstance(below, pikepdf.Array) else [below])


class Conversion:
    """Word documents gathered in a work folder, converted to PDF together."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self._sources = work / "docx"
        self._targets = work / "pdf"
        self._profile = work / "profile"
        self._sources.mkdir(parents=True)
        self._targets.mkdir()
        self._names: list[tuple[str, str]] = []

    def add(self, name: str, docx: bytes, display: str) -> None:
        """Queue one Word document; `display` names its position file in messages."""
        (self._sources / f"{name}.docx").write_bytes(docx)
        self._names.append((name, display))

    def run(self) -> Iterator[tuple[str, bytes]]:
        """Convert the queued documents, yielding each name with its PDF's bytes."""
        for start in range(0, len(self._names), BATCH_SIZE):
            batch = self._names[start : start + BATCH_SIZE]
            self._convert([name for name, _ in batch])
            for name, display in batch:
                target = self._targets / f"{name}.pdf"
                if not target.is_file():
                    message = "LibreOffice could not convert its Word document to PDF"
                    raise AmetidError([Problem(display, message=message)])
                yield name, target.read_bytes()
                target.unlink()

    def _convert(self, names: list[str]) -> None:
        tool = shutil.which(SOFFICE)
        if tool is None:
            raise AmetidError([Problem(SOFFICE, message=MISSING_SOFFICE)])
        command = [
            tool,
            f"-env:UserInstallation={self._profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            EXPORT_FILTER,
            "--outdir",
            str(self._targets),
            *(str(self._sources / f"{name}.docx") for name in names),
        ]
        timeout = TIMEOUT_START_SECONDS + TIMEOUT_PER_DOCUMENT_SECONDS * len(names)
        # A session of its own, so that LibreOffice's helper processes end with it.
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            _, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            message = f"LibreOffice took longer than {timeout} s to convert {len(names)} documents"
            raise AmetidError([Problem(SOFFICE, message=message)]) from None
        except BaseException:
            _stop(process)
            raise
        if process.returncode != 0:
            lines = errors.decode("utf-8", "replace").strip().splitlines()
            reason = lines[-1] if lines else f"exit code {process.returncode}"
            raise AmetidError([Problem(SOFFICE, message=f"LibreOffice failed: {reason}")])


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and every process it started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


class PdfDocuments:
    """Renders positions into PDF: their Word documents, converted by LibreOffice.

    The conversion works in a folder of its own, made in `work_dir` with names starting with
    `prefix`, so that a build killed midway leaves only what its next run recognises and
    removes.
    """

    def __init__(self, word: WordDocuments, work_dir: Path, prefix: str) -> None:
        self.word = word
        self.work_dir = work_dir
        self.prefix = prefix

    def render(self, jobs: Sequence[Job]) -> Iterator[tuple[Job, str | bytes]]:
        """Each job with its PDF document."""
        if not jobs:
            return
        with tempfile.TemporaryDirectory(
            prefix=self.prefix, suffix=".tmp", dir=self.work_dir
        ) as work:
            conversion = Conversion(Path(work))
            by_id = {}
            for job, document in self.word.render(jobs):
                assert isinstance(document, bytes)
                conversion.add(job.id, document, job.display)
                by_id[job.id] = job
            for name, raw in conversion.run():
                position = by_id[name].position
                created = position.data.get("approval", {}).get("date")
                yield by_id[name], settle(raw, position.title, created)
