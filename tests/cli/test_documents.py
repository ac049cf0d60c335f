"""The built documents: golden files, every seed sentence in every format, DOCX read back."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from support.cli import run
from support.documents import document_order, docx_text, html_text, missing_in_order, squash
from support.ooxml import assert_valid_docx
from support.paths import DATA
from support.positions import IDS, UNIT_PAGES, UNIT_PAGES_LINKED, position_data, seed_lines
from support.project import make_project

GOLDEN = DATA / "golden"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full build of the repository's positions, shared by the tests of this module."""
    root = make_project(tmp_path_factory.mktemp("built") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        result = run("build")
    assert result.exit_code == 0, result.stderr
    return root / "build"


GOLDEN_FILES = [f"md/{i}.md" for i in IDS] + [f"html/{i}.html" for i in IDS] + ["html/index.html"]
GOLDEN_FILES += ["html/units/ohvriabi-osakond.html"]


@pytest.mark.parametrize("relative", GOLDEN_FILES)
def test_golden(built: Path, relative: str, update_golden: bool) -> None:
    golden = GOLDEN / relative
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(built / relative, golden)
    assert (built / relative).read_bytes() == golden.read_bytes()


def test_build_writes_exactly_the_expected_files(built: Path) -> None:
    files = sorted(str(p.relative_to(built)) for p in built.rglob("*") if p.is_file())
    expected = [".ametid-build"]
    expected += [f"docx/{i}.docx" for i in IDS]
    expected += [*(f"html/{i}.html" for i in IDS), "html/index.html"]
    expected += UNIT_PAGES
    expected += [f"md/{i}.md" for i in IDS]
    assert files == sorted(expected)


def rendered_text(built: Path, position_id: str, fmt: str) -> str:
    if fmt == "md":
        return squash((built / "md" / f"{position_id}.md").read_text(encoding="utf-8"))
    if fmt == "html":
        return html_text(built / "html" / f"{position_id}.html")
    return docx_text(built / "docx" / f"{position_id}.docx")


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("position_id", IDS)
def test_every_seed_sentence_survives(built: Path, position_id: str, fmt: str) -> None:
    text = rendered_text(built, position_id, fmt)
    lines = seed_lines(position_id)
    assert len(lines) > 50
    assert [line for line in lines if line not in text] == []


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("position_id", IDS)
def test_every_text_appears_in_document_order(built: Path, position_id: str, fmt: str) -> None:
    text = rendered_text(built, position_id, fmt)
    assert missing_in_order(document_order(position_data(position_id)), text) == []


def test_markdown_has_no_trailing_spaces(built: Path) -> None:
    for path in (built / "md").iterdir():
        for line in path.read_text(encoding="utf-8").splitlines():
            assert line == line.rstrip(), (path.name, line)


def test_html_is_self_contained(built: Path) -> None:
    for path in (built / "html").rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert '<html lang="et">' in page
        assert re.findall(r'(?:src|href)="(?:https?:)?//', page) == []
        assert "@import" not in page


def test_index_links_every_position(built: Path) -> None:
    index = (built / "html" / "index.html").read_text(encoding="utf-8")
    assert sorted(re.findall(r'<a href="([^"]+)\.html"', index)) == IDS
    assert sorted(re.findall(r'<a class="unit" href="([^"]+)"', index)) == sorted(UNIT_PAGES_LINKED)


@pytest.mark.parametrize("position_id", IDS)
def test_docx_package(built: Path, position_id: str) -> None:
    with zipfile.ZipFile(built / "docx" / f"{position_id}.docx") as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
        document = package.read("word/document.xml").decode("utf-8")
        footers = [package.read(n).decode() for n in names if n.startswith("word/footer")]
        everything = b"".join(package.read(name) for name in names)
    title = str(position_data(position_id)["title"])
    assert f"<dc:title>{title}</dc:title>" in core
    assert "created" not in core and "modified" not in core
    assert b"python-docx" not in everything
    assert 'w:lang w:val="et-EE"' in styles
    assert '<w:pgSz w:w="11906" w:h="16838"' in document  # A4 in twentieths of a point
    assert any("PAGE" in footer for footer in footers)
    for style in ("Heading1", "ListNumber2", "ListContinue2", "Oodatavtulemus", "TableGrid"):
        assert f'w:val="{style}"' in document


def test_every_word_document_passes_openxml_audit(built: Path) -> None:
    assert assert_valid_docx(sorted((built / "docx").iterdir())) == len(IDS)
