"""Reading the text back out of built documents, and what a position should say, in order."""

from __future__ import annotations

import hashlib
import html.parser
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


def squash(text: str) -> str:
    """Fold every run of whitespace into one space."""
    return re.sub(r"\s+", " ", text).strip()


class _TextParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    """The visible text of an HTML page."""
    parser = _TextParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return squash(" ".join(parser.parts))


def docx_text(path: Path) -> str:
    """The text of a Word document's body, paragraphs and table cells in document order."""
    document = docx.Document(str(path))
    parts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    parts.append(cell.text)
    return squash(" ".join(parts))


def document_order(data: dict[str, Any]) -> list[str]:
    """Every text of a position, in the order the canonical layout shows them."""
    texts: list[str] = []
    if "approval" in data:
        texts.append(data["approval"]["by"])
    texts += [data["title"], ", ".join(data["unit"]), data["manager"]]
    for key in ("subordinates", "substitutes"):
        texts += data.get(key, [])
    texts += [data[key] for key in ("substitution_scope",) if key in data]
    texts += data.get("substituted_by", [])
    texts.append(data["purpose"])
    texts += [data[key] for key in ("special_conditions",) if key in data]
    for duty in data["duties"]:
        texts += [duty["task"], *duty["results"]]
    requirements = data["requirements"]
    texts += [requirements["education"], requirements["experience"]]
    texts += [language["text"] for language in requirements["languages"]]
    texts += requirements.get("knowledge", [])
    if "personal_qualities" in requirements:
        texts.append(", ".join(requirements["personal_qualities"]))
    texts += [requirements[key] for key in ("computer_skills",) if key in requirements]
    for group in ("competencies", "additional_competencies"):
        for competency in requirements.get(group, []):
            texts.append(competency["name"])
            texts += [competency[key] for key in ("description",) if key in competency]
            texts += competency.get("indicators", [])
    for key in ("rights", "responsibilities"):
        texts += [data[intro] for intro in (f"{key}_intro",) if intro in data]
        texts += data[key]
    texts += [data[key] for key in ("tools",) if key in data]
    texts += data.get("amendment_rules", [])
    for signature in data.get("signatures", []):
        texts += [signature[key] for key in ("name", "title") if key in signature]
    texts += [data[key] for key in ("review_note",) if key in data]
    return [squash(text) for text in texts]


def missing_in_order(texts: list[str], document: str) -> list[str]:
    """The texts that do not appear in the document one after another, in the given order."""
    missing = []
    cursor = 0
    for text in texts:
        found = document.find(text, cursor)
        if found < 0:
            missing.append(text)
        else:
            cursor = found + len(text)
    return missing


def pdf_texts(docs: list[Path], folder: Path) -> dict[str, str]:
    """Convert Word files to PDF with LibreOffice in one call; each PDF's text by file stem.

    Fails, rather than skips, when LibreOffice or pdftotext is missing.
    """
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    assert shutil.which("pdftotext"), "pdftotext is needed: apt-get install poppler-utils"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "pdf"),
            *map(str, docs),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    texts = {}
    for doc in docs:
        pdf = folder / "pdf" / f"{doc.stem}.pdf"
        # soffice exits 0 even when a conversion fails, so the PDF itself is the evidence.
        assert pdf.is_file(), f"no PDF for {doc.name}"
        texts[doc.stem] = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    return texts


def tree(folder: Path) -> dict[str, str]:
    """Every file below folder with the hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def pdf_pages(pdf: Path) -> tuple[int, list[str]]:
    """The page count pdfinfo gives, and the text of each page as pdftotext reads it."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert match, f"pdfinfo gives no page count for {pdf.name}:\n{info.stdout}"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext ends every page with a form feed.
    return int(match.group(1)), text.split("\f")[:-1]
