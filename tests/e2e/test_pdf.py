"""ametid build --format pdf: one A4 PDF per position, its text that of the Word document."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from support.cli import run
from support.documents import document_order, docx_text, missing_in_order, squash, tree
from support.ooxml import assert_valid_docx
from support.paths import LAYOUT, TESTS
from support.positions import IDS, position_data, seed_lines
from support.project import make_project

ARTIFACTS = TESTS / "artifacts"


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The repository's positions built with PDF output twice, a second apart, into two folders."""
    root = make_project(tmp_path_factory.mktemp("pdf") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        first = run("build", "--format", "html,docx,pdf", "--out", "first")
        assert first.exit_code == 0, first.stderr
        time.sleep(1.1)
        second = run("build", "--format", "docx,pdf", "--out", "second")
        assert second.exit_code == 0, second.stderr
    return root / "first", root / "second"


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(
        ["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True
    )
    return squash(done.stdout)


def test_every_position_has_a_pdf(twice: tuple[Path, Path]) -> None:
    first, _ = twice
    assert sorted(path.name for path in (first / "pdf").iterdir()) == [f"{i}.pdf" for i in IDS]


def test_the_word_documents_pass_openxml_audit(twice: tuple[Path, Path]) -> None:
    first, second = twice
    documents = [*(first / "docx").iterdir(), *(second / "docx").iterdir()]
    assert assert_valid_docx(sorted(documents)) == 2 * len(IDS)


def test_pdfs_are_byte_reproducible(twice: tuple[Path, Path]) -> None:
    first, second = twice
    for position_id in IDS:
        name = f"pdf/{position_id}.pdf"
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.parametrize("position_id", IDS)
def test_the_pdf_says_what_the_word_document_says(
    twice: tuple[Path, Path], position_id: str
) -> None:
    first, _ = twice
    text = pdf_text(first / "pdf" / f"{position_id}.pdf")
    word = docx_text(first / "docx" / f"{position_id}.docx")
    expected = document_order(position_data(position_id))
    assert missing_in_order(expected, text) == []
    assert missing_in_order(expected, word) == []
    assert [line for line in seed_lines(position_id) if line not in text] == []


@pytest.mark.parametrize("position_id", IDS)
def test_the_pdf_is_a4_with_title_language_and_fixed_dates(
    twice: tuple[Path, Path], position_id: str
) -> None:
    first, _ = twice
    data = position_data(position_id)
    path = first / "pdf" / f"{position_id}.pdf"
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) >= 2
        for number, page in enumerate(pdf.pages, start=1):
            width, height = (float(value) for value in page.mediabox[2:])
            assert (round(width), round(height)) == (595, 842)  # A4 in points
            assert pdf_text(path, number), f"page {number} is blank"
        assert str(pdf.docinfo["/Title"]) == data["title"]
        assert str(pdf.Root.Lang) == "et-EE"
        assert "/ModDate" not in pdf.docinfo
        approval = data.get("approval")
        if isinstance(approval, dict):
            expected = "D:" + str(approval["date"]).replace("-", "") + "000000Z"
            assert str(pdf.docinfo["/CreationDate"]) == expected
        else:
            assert "/CreationDate" not in pdf.docinfo


@pytest.mark.parametrize("position_id", IDS)
def test_the_pdf_identifies_itself_as_pdf_a_2b_in_its_xmp(
    twice: tuple[Path, Path], position_id: str
) -> None:
    """What PDF/A asks of the identification; conformance itself no validator here checks."""
    first, _ = twice
    data = position_data(position_id)
    with pikepdf.open(first / "pdf" / f"{position_id}.pdf") as pdf:
        xmp = pdf.open_metadata()
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("2", "B")
        assert xmp["dc:title"] == data["title"] == str(pdf.docinfo["/Title"])
        assert xmp["dc:language"] == {"et-EE"}
        assert xmp["dc:creator"] == ["ametid"] and str(pdf.docinfo["/Author"]) == "ametid"
        approval = data.get("approval")
        if isinstance(approval, dict):
            assert xmp["xmp:CreateDate"] == f"{approval['date']}T00:00:00Z"
        else:
            assert "xmp:CreateDate" not in xmp
        assert "xmp:ModifyDate" not in xmp and "xmp:MetadataDate" not in xmp
        # PDF/A: the metadata stream is not compressed, the file has an id and a colour profile.
        assert "/Filter" not in pdf.Root.Metadata.stream_dict
        assert len(pdf.trailer.ID) == 2
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFA1"
        profile = intent.DestOutputProfile.read_bytes()
        assert profile[36:40] == b"acsp"
        assert profile[24:36] == bytes.fromhex("07bc00010001000000000000")  # 1980-01-01


def structure(element: Any) -> list[tuple[str, list[Any]]]:
    """The structure elements below `element`, each as its type and its own children."""
    kids = element.get("/K")
    found = []
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append((str(kid.S), structure(kid)))
    return found


def flat(tree: list[tuple[str, list[Any]]]) -> list[str]:
    return [kind for kind, kids in tree for kind in (kind, *flat(kids))]


@pytest.mark.parametrize("position_id", IDS)
def test_the_title_is_the_heading_and_label_cells_head_their_rows(
    twice: tuple[Path, Path], position_id: str
) -> None:
    first, _ = twice
    data = position_data(position_id)
    with pikepdf.open(first / "pdf" / f"{position_id}.pdf") as pdf:
        root = pdf.Root.StructTreeRoot
        role_map = {str(key): str(value) for key, value in root.RoleMap.items()}
        [(document, body)] = structure(root)
        assert document == "/Document"
        kinds = [kind for kind, _ in body]
        # "Title" is the title's paragraph style; the sections are headings one level below.
        assert role_map["/Title"] == "/H1"
        assert kinds.index("/Title") < kinds.index("/H2")
        assert "/H1" not in kinds
        assert kinds.count("/H2") == len(LAYOUT.present(data))
        rows = [kids for kind, kids in _walk(body) if kind == "/TR"]
        assert rows, "no table rows tagged"
        for cells in rows:
            assert [kind for kind, _ in cells] == ["/TH", "/TD"]
        headers = [cell for cell in _cells(pdf) if str(cell.S) == "/TH"]
        assert len(headers) == len(rows)
        for cell in headers:
            attributes = cell.A if isinstance(cell.A, pikepdf.Array) else [cell.A]
            assert {"/O": "/Table", "/Scope": "/Row"} in [
                {str(k): str(v) for k, v in a.items() if k in ("/O", "/Scope")} for a in attributes
            ]


def _walk(tree: list[tuple[str, list[Any]]]) -> list[tuple[str, list[Any]]]:
    return [item for kind, kids in tree for item in ((kind, kids), *_walk(kids))]


def _cells(pdf: pikepdf.Pdf) -> list[Any]:
    """Every table cell of the structure tree."""
    found = []
    stack: list[Any] = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if str(kid.S) in ("/TH", "/TD"):
                    found.append(kid)
                stack.append(kid)
    return found


PAGES = ("ekspert-noustamismetoodikad", (1, 2))


def test_pages_are_saved_as_images_to_look_at(twice: tuple[Path, Path]) -> None:
    """The first two pages of a position, as PNG in tests/artifacts/."""
    first, _ = twice
    position_id, pages = PAGES
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for page in pages:
        target = ARTIFACTS / f"pdf-{position_id}-{page}.png"
        target.unlink(missing_ok=True)
        prefix = ARTIFACTS / f"pdf-{position_id}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                str(first / "pdf" / f"{position_id}.pdf"),
                f"{prefix}-{page}",
            ],
            check=True,
            capture_output=True,
        )
        data = target.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        # A4 at 80 dots per inch.
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (662, 936)


def test_the_html_page_links_to_its_pdf(twice: tuple[Path, Path]) -> None:
    first, _ = twice
    page = (first / "html" / "projektijuht.html").read_text(encoding="utf-8")
    assert '<a href="../pdf/projektijuht.pdf" type="application/pdf">PDF</a>' in page
    assert '<a href="../docx/projektijuht.docx"' in page


def test_a_rebuild_reuses_the_pdfs(project: Path) -> None:
    assert run("build", "--format", "pdf").exit_code == 0
    before = (project / "build" / "pdf" / "projektijuht.pdf").stat().st_ino
    result = run("build", "--format", "pdf")
    assert result.exit_code == 0
    assert result.stderr == "built 4 positions into build/ (pdf): 0 rendered, 4 unchanged\n"
    assert (project / "build" / "pdf" / "projektijuht.pdf").stat().st_ino == before
    assert sorted(path.name for path in (project / "build").iterdir()) == [".ametid-build", "pdf"]


def test_two_pdf_builds_at_once_each_use_their_own_libreoffice(project: Path) -> None:
    outs = [project / "one", project / "two"]
    command = [sys.executable, "-m", "ametid", "build", "--format", "pdf"]
    runs = [
        subprocess.Popen([*command, "--out", str(out)], stderr=subprocess.PIPE, text=True)
        for out in outs
    ]
    outcomes = [run.communicate(timeout=240) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outcomes
    assert tree(outs[0]) == tree(outs[1])
    assert len(tree(outs[0])) == 5  # four PDFs and the manifest
    # Nothing is left beside the outputs but their lock and state files: no profile, no work
    # folder.
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == [
        ".one.lock",
        ".one.state",
        ".two.lock",
        ".two.state",
    ]


def test_without_libreoffice_pdf_is_refused_in_one_line(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run("build", "--format", "md,pdf")
    assert result.exit_code == 1
    assert result.stderr == (
        "ametid build: --format pdf needs LibreOffice (soffice), which is not installed; "
        "install the package libreoffice-writer (apt-get install libreoffice-writer-nogui)\n"
    )
    assert not (project / "build").exists()


def test_pdf_is_not_built_by_default(project: Path) -> None:
    assert run("build").exit_code == 0
    assert sorted(os.listdir(project / "build")) == [".ametid-build", "docx", "html", "md"]


def test_a_build_without_format_keeps_the_pdf_the_settings_ask_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project")
    monkeypatch.chdir(root)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace("[tool.ametid]\n", '[tool.ametid]\nformats = ["md", "docx", "pdf"]\n'),
        encoding="utf-8",
    )
    one = "positions/projektijuht.yaml"
    assert run("build", one).exit_code == 0
    result = run("build", one)
    assert (result.exit_code, result.stderr) == (
        0,
        "built 1 position into build/ (md, docx, pdf): 0 rendered, 1 unchanged\n",
    )
    assert (root / "build" / "pdf" / "projektijuht.pdf").is_file()
