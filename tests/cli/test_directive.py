"""ametid directive refuses, in plain words, what it cannot write as a directive."""

from __future__ import annotations

import contextlib
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from support.cli import run
from support.directive import DATE, NUMBER, directive_project
from support.gitrepo import replace


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return directive_project(tmp_path_factory.mktemp("directive") / "project")


@pytest.fixture
def project(approved: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the approved project, as the current folder."""
    root = tmp_path / "project"
    shutil.copytree(approved, root, symlinks=True)
    with contextlib.chdir(root):
        yield root


def test_a_position_not_approved_by_the_directive(project: Path) -> None:
    result = run(
        "directive", "--number", "1-1/60", "--date", DATE, "positions/projektijuht.yaml", lang=None
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "positions/projektijuht.yaml: approval: ei ole kinnitatud käskkirjaga nr 1-1/60; "
        "kinnita see enne: ametid approve --directive 1-1/60 --date 2026-06-01 FAILID\n"
    )
    assert not (project / "kaskkirjad").exists()


def test_no_position_approved_by_the_directive(project: Path) -> None:
    result = run("directive", "--number", "60", "--date", DATE, lang=None)
    assert result.exit_code == 1
    assert result.stderr == (
        "positions: ükski ametijuhend ei ole kinnitatud käskkirjaga nr 60; kinnita need enne: "
        "ametid approve --directive 60 --date 2026-06-01 FAILID\n"
    )


def test_another_date(project: Path) -> None:
    result = run(
        "directive", "--number", NUMBER, "--date", "2026-06-02", "positions/projektijuht.yaml"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "positions/projektijuht.yaml: approval: is approved by directive 1-1/54 of 2026-06-01, "
        "not of 2026-06-02; check the directive's date\n"
    )


def test_a_position_changed_since_its_approval(project: Path) -> None:
    replace(project / "positions" / "projektijuht.yaml", "Projektijuht", "Projektijuht (IT)")
    result = run("directive", "--number", NUMBER, "--date", DATE)
    assert result.exit_code == 1
    assert result.stderr == (
        "positions/projektijuht.yaml: approval: has changed since directive 1-1/54 approved it; "
        "approve it again before writing the directive\n"
    )


def test_without_the_wording(project: Path) -> None:
    (project / "data" / "directive.yaml").unlink()
    result = run("directive", "--number", NUMBER, "--date", DATE)
    assert result.exit_code == 1
    assert result.stderr == (
        "data/directive.yaml: missing: the directive's standard wording and signatory; "
        "copy it from a new repository made with ametid init\n"
    )


def test_a_name_the_wording_does_not_fill_in(project: Path) -> None:
    replace(project / "data" / "directive.yaml", "(lisa {annex})", "(lisa {number})")
    result = run("directive", "--number", NUMBER, "--date", DATE)
    assert result.exit_code == 1
    assert result.stderr == (
        "data/directive.yaml:17:8: annex: {number} is not filled in here; "
        "this text may name {annex}, {title}\n"
    )


def test_wording_against_its_schema(project: Path) -> None:
    replace(project / "data" / "directive.yaml", "effect: ", "effekt: ")
    result = run("directive", "--number", NUMBER, "--date", DATE)
    assert result.exit_code == 1
    assert result.stderr == (
        "data/directive.yaml:6:1: does not fit schema/directive.schema.json: "
        "Additional properties are not allowed ('effekt' was unexpected)\n"
        "data/directive.yaml:6:1: does not fit schema/directive.schema.json: "
        "'effect' is a required property\n"
    )


def test_revokes_and_no_revokes(project: Path) -> None:
    result = run("directive", "--number", NUMBER, "--date", DATE, "--revokes", "x", "--no-revokes")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: --revokes and --no-revokes exclude each other\n")


def test_a_number_without_a_letter_or_digit(project: Path) -> None:
    result = run("directive", "--number", "//", "--date", DATE)
    assert result.exit_code == 1
    assert result.stderr == "--number: the directive's number has no letter or digit\n"


def test_a_signed_container_is_never_written_over(project: Path) -> None:
    folder = project / "kaskkirjad" / "1-1-54"
    folder.mkdir(parents=True)
    with zipfile.ZipFile(folder / "kaskkiri-1-1-54.asice", "w") as container:
        container.writestr("mimetype", "application/vnd.etsi.asic-e+zip")
        container.writestr("META-INF/signatures0.xml", "<signature/>")
    result = run("directive", "--number", NUMBER, "--date", DATE, lang=None)
    assert result.exit_code == 1
    assert result.stderr == (
        "kaskkirjad/1-1-54/kaskkiri-1-1-54.asice: on allkirjastatud; ametid ei kirjuta "
        "allkirjastatud konteineri peale: vii see dokumendiregistrisse või vali teine --out\n"
    )
    assert sorted(path.name for path in folder.iterdir()) == ["kaskkiri-1-1-54.asice"]


def test_an_approval_without_a_digest_is_taken_as_approved(project: Path) -> None:
    """validate notes it; the note does not stop the directive."""
    path = project / "positions" / "projektijuht.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if "digest:" not in line), encoding="utf-8")
    result = run("directive", "--number", NUMBER, "--date", DATE, "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert "out/lisa-2-projektijuht.pdf\n" in result.stdout


def test_revokes_says_what_the_directive_revokes(project: Path) -> None:
    result = run(
        "directive", "--number", NUMBER, "--date", DATE, "--out", "out",
        "--revokes", "Sotsiaalkindlustusameti peadirektori 07.01.2026 käskkirja nr 1 lisa 3",
        "--revokes", "Sotsiaalkindlustusameti peadirektori 19.05.2026 käskkirja nr 53 lisa 1",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    paragraphs = [
        p.text for p in docx.Document(str(project / "out" / "kaskkiri-1-1-54.docx")).paragraphs
    ]
    assert paragraphs[10:13] == [
        "2.\tTunnistan kehtetuks:",
        "2.1.\tSotsiaalkindlustusameti peadirektori 07.01.2026 käskkirja nr 1 lisa 3;",
        "2.2.\tSotsiaalkindlustusameti peadirektori 19.05.2026 käskkirja nr 53 lisa 1.",
    ]
    without = run("directive", "--number", NUMBER, "--date", DATE, "--out", "none", "--no-revokes")
    assert without.exit_code == 0, without.stderr
    paragraphs = [
        p.text for p in docx.Document(str(project / "none" / "kaskkiri-1-1-54.docx")).paragraphs
    ]
    assert paragraphs[10] == "2.\tKäskkiri jõustub allkirjastamisel."
