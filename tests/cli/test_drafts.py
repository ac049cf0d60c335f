"""A position changed after its approval prints as a draft (KAVAND) in every format, never as
approved; approving it again prints it approved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.cli import run
from support.documents import docx_text, html_text, squash
from support.ooxml import assert_valid_docx
from support.paths import DATA
from support.project import make_project

GOLDEN = DATA / "golden" / "draft"
SEED = "ekspert-noustamismetoodikad"
BEFORE = "- task: Teabevahetuse ja koostöö tagamine."
AFTER = "- task: Teabevahetuse, koostöö ja kriisikommunikatsiooni tagamine."
DRAFT = "KAVAND Muudetud pärast kinnitamist (kinnitatud 19.05.2026 käskkirjaga nr 53)"
APPROVED = "KINNITATUD Sotsiaalkindlustusameti peadirektori 19.05.2026 käskkirjaga nr 53 Lisa"


def markdown_text(path: Path) -> str:
    """A Markdown page's words, its hard line breaks as spaces."""
    return squash(path.read_text(encoding="utf-8").replace("\\\n", "\n"))


def change_a_duty(root: Path) -> None:
    """Change the text of one duty of the approved seed, as a new user would."""
    path = root / "positions" / f"{SEED}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(BEFORE) == 1
    path.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's positions, one duty of the approved seed changed, built in every
    format but PDF (which the end-to-end tests read)."""
    root = make_project(tmp_path_factory.mktemp("draft") / "project")
    change_a_duty(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        result = run("build", "--format", "md,html,docx")
    assert result.exit_code == 0, result.stderr
    return root / "build"


@pytest.mark.parametrize("relative", [f"md/{SEED}.md", f"html/{SEED}.html", "html/index.html"])
def test_golden(drafted: Path, relative: str, update_golden: bool) -> None:
    golden = GOLDEN / relative
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(drafted / relative, golden)
    assert (drafted / relative).read_bytes() == golden.read_bytes()


def test_markdown_prints_the_draft_block_where_the_approval_stood(drafted: Path) -> None:
    text = (drafted / "md" / f"{SEED}.md").read_text(encoding="utf-8")
    assert text.startswith(
        "Sotsiaalkindlustusamet\n\n"
        "KAVAND\\\n"
        "Muudetud pärast kinnitamist (kinnitatud 19.05.2026 käskkirjaga nr 53)\n\n"
        "AMETIJUHEND\n"
    )
    assert "KINNITATUD" not in text


def test_the_html_page_prints_the_draft_block(drafted: Path) -> None:
    text = html_text(drafted / "html" / f"{SEED}.html")
    assert DRAFT in text
    assert "KINNITATUD" not in text
    page = (drafted / "html" / f"{SEED}.html").read_text(encoding="utf-8")
    assert '<div class="approval draft">\n<p>KAVAND</p>\n' in page


def test_the_index_marks_the_draft(drafted: Path) -> None:
    index = (drafted / "html" / "index.html").read_text(encoding="utf-8")
    assert index.count("Kavand:") == 1
    assert (
        '<span class="draft">Kavand: muudetud pärast kinnitamist (kinnitatud 19.05.2026)</span>'
        in index
    )
    assert "Kinnitatud 19.05.2026" not in index


def test_the_word_document_prints_the_draft_block(drafted: Path) -> None:
    document = drafted / "docx" / f"{SEED}.docx"
    text = docx_text(document)
    assert text.startswith(f"{DRAFT} AMETIJUHEND Ekspert (nõustamismetoodikad)")
    assert "KINNITATUD" not in text
    assert assert_valid_docx([document]) == 1


def test_an_unchanged_position_beside_it_is_as_before(drafted: Path) -> None:
    golden = DATA / "golden" / "md" / "projektijuht.md"
    assert (drafted / "md" / "projektijuht.md").read_bytes() == golden.read_bytes()


def test_approving_it_again_prints_it_approved(project: Path) -> None:
    change_a_duty(project)
    assert run("build").exit_code == 0
    assert markdown_text(project / "build/md" / f"{SEED}.md").startswith(
        f"Sotsiaalkindlustusamet {DRAFT}"
    )
    approved = run("approve", "--directive", "61", "--date", "2026-09-01", f"positions/{SEED}.yaml")
    assert approved.exit_code == 0, approved.stderr
    result = run("build")
    assert result.exit_code == 0, result.stderr
    # Approved anew as annex 1 of directive 61.
    again = APPROVED.replace("19.05.2026", "01.09.2026").replace("nr 53 Lisa", "nr 61 Lisa 1")
    markdown = markdown_text(project / "build/md" / f"{SEED}.md")
    assert markdown.startswith(f"Sotsiaalkindlustusamet {again} AMETIJUHEND")
    assert again in html_text(project / "build/html" / f"{SEED}.html")
    word = docx_text(project / "build/docx" / f"{SEED}.docx")
    assert word.startswith(f"{again} AMETIJUHEND")
    for text in (markdown, word, html_text(project / "build/html/index.html")):
        assert "KAVAND" not in text and "Kavand" not in text
    assert "Kinnitatud 01.09.2026" in html_text(project / "build/html/index.html")


def test_an_approval_without_a_digest_prints_as_approved(project: Path) -> None:
    # A signed text adopted from before ametid: taken as approved, whatever its content.
    path = project / "positions" / f"{SEED}.yaml"
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(True) if not line.startswith("  digest: ")]
    path.write_text("".join(lines).replace(BEFORE, AFTER), encoding="utf-8")
    assert run("build", "--format", "md").exit_code == 0
    markdown = markdown_text(project / "build/md" / f"{SEED}.md")
    assert markdown.startswith(f"Sotsiaalkindlustusamet {APPROVED} AMETIJUHEND")


def test_a_rebuild_that_reuses_the_files_still_marks_the_draft(project: Path) -> None:
    change_a_duty(project)
    assert run("build", "--format", "html").exit_code == 0
    index = project / "build" / "html" / "index.html"
    first = index.read_bytes()
    assert b"Kavand:" in first
    # The second build reads the positions from the manifest, not their files.
    again = run("build", "--format", "html")
    assert again.stderr == "built 4 positions into build/ (html): 0 rendered, 4 unchanged\n"
    assert index.read_bytes() == first
