"""Importing what the project built and LibreOffice printed: round trips, PDFs, Word tables."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_BREAK

from ametid.build import build
from ametid.core.problems import display_path
from ametid.core.project import find_project
from ametid.importer.pipeline import read_drafts
from support.importing import APPROVAL, VOCAB, add_table, import_one
from support.ooxml import assert_valid_docx
from support.paths import DATA
from support.positions import IDS, imported_data, position_data
from support.project import make_project

RAW_SEEDS = DATA / "fixtures" / "raw-seeds"


# The positions transcribed from the table layout: duties and results in two columns.
TABLE_LAYOUT = ("teenuseomanik-taastav-oigus", "ekspert-kvaliteet-ja-seire")


def duty_table(position_id: str) -> Any:
    """A Word document with a position's duties as a two-column table of task and results."""
    data = position_data(position_id)
    document = docx.Document()
    document.add_paragraph("AMETIJUHEND")
    document.add_paragraph(f"Teenistuskoht {data['title']}")
    document.add_paragraph("2. Peamised teenistusülesanded ja oodatavad tulemused")
    table = document.add_table(rows=0, cols=2)
    for number, duty in enumerate(data["duties"], 1):
        task, results = table.add_row().cells
        task.text = f"2.{number}. {duty['task']}"
        results.text = f"\u2022 {duty['results'][0]}"
        for result in duty["results"][1:]:
            results.add_paragraph(f"\u2022 {result}")
    return document


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The positions built as Markdown and Word, and converted to PDF with other documents.

    One LibreOffice run converts the built Word files, an empty one, the Word directive of
    these tests, and the raw seed texts, which it prints line by line as they are.
    """
    root = make_project(tmp_path_factory.mktemp("import") / "project")
    result = build(find_project(root), ("md", "docx"), root / "build")
    assert result.ok, result.problems
    assert assert_valid_docx(sorted((root / "build" / "docx").iterdir())) == len(IDS)
    others = root / "others"
    others.mkdir()
    docx.Document().save(str(others / "tyhi.docx"))
    word_directive().save(str(others / "kaskkiri.docx"))
    for position_id in TABLE_LAYOUT:
        duty_table(position_id).save(str(others / f"tabel-{position_id}.docx"))
    for position_id in IDS:
        shutil.copy(RAW_SEEDS / f"{position_id}.txt", others / f"seed-{position_id}.txt")
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{root / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(root / "build" / "pdf"),
            *sorted(str(path) for path in (root / "build" / "docx").iterdir()),
            *sorted(str(path) for path in others.iterdir()),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    shutil.copy(others / "kaskkiri.docx", root / "build" / "kaskkiri.docx")
    for position_id in TABLE_LAYOUT:
        name = f"tabel-{position_id}"
        shutil.copy(others / f"{name}.docx", root / "build" / f"{name}.docx")
        pdf = root / "build" / "pdf" / f"{name}.pdf"
        layout = root / "build" / f"{name}.txt"
        subprocess.run(["pdftotext", "-layout", str(pdf), str(layout)], check=True, timeout=60)
    return root / "build"


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
@pytest.mark.parametrize("position_id", IDS)
def test_every_position_round_trips(built: Path, position_id: str, fmt: str) -> None:
    draft = import_one(built / fmt / f"{position_id}.{fmt}")
    assert draft.unplaced == []
    assert draft.data == imported_data(position_id)


def test_a_pdf_without_text_is_refused(built: Path) -> None:
    drafts, problems, _ = read_drafts(built / "pdf" / "tyhi.pdf", VOCAB)
    assert drafts == []
    assert [problem.message for problem in problems] == [
        "the PDF holds no text (a scan?); run it through OCR first"
    ]


def _annex(document: Any, annex: int, title: str, duties: list[tuple[str, str]]) -> None:
    for line in ("KINNITATUD", "Sotsiaalkindlustusameti peadirektori"):
        document.add_paragraph(line)
    document.add_paragraph("02.03.2026 käskkirjaga nr 1-1/17")
    document.add_paragraph(f"Lisa {annex}")
    document.add_paragraph("AMETIJUHEND")
    document.add_heading("Üldosa", level=1)
    general = [
        ("Struktuuriüksus", "Ohvriabi osakond, kriisitoe talitus"),
        ("Teenistuskoha nimetus", title),
        ("Allub", "Talituse juhataja"),
        ("Asendaja", "-"),
        ("Ametikoha eesmärk", "Kriisiabi korraldamine."),
    ]
    add_table(document, general)
    document.add_heading("Teenistusülesanded", level=1)
    add_table(document, [("Teenistuskoha ülesanded", "Soovitud tulemus"), *duties])
    document.add_heading("Nõuded ametikohale", level=1)
    requirements = [
        ("Haridus", "Kõrgharidus"),
        ("Töökogemus", "Vähemalt kaks aastat."),
        ("Keeleoskus", "Eesti keele oskus tasemel C1.\nInglise keele oskus tasemel B1."),
        ("Teadmised ja oskused", "Kriisinõustamise tundmine.\nHea suhtlemisoskus."),
    ]
    add_table(document, requirements)
    document.add_heading("Õigused", level=1)
    document.add_paragraph("Õigus saada juhendamist.", style="List Number")
    document.add_heading("Vastutus", level=1)
    document.add_paragraph("Vastutus ülesannete täitmise eest.", style="List Bullet")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def word_directive() -> Any:
    """A directive in Word with two annexes in another layout: two-column duty tables."""
    document = docx.Document()
    document.add_paragraph("KÄSKKIRI")
    document.add_paragraph("02.03.2026 nr 1-1/17")
    document.add_paragraph("1. Kinnitan ametijuhendid vastavalt lisadele 1\u20132.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _annex(
        document,
        1,
        "Kriisinõustaja",
        [
            ("Kriisinõustamine.", "Pöördujad on nõustatud.\nVajadusel on abi korraldatud."),
            ("Aruandlus.", "Aruanded on esitatud."),
        ],
    )
    _annex(document, 2, "Kriisijuht", [("Kriisiabi juhtimine.", "Kriisiabi toimib.")])
    return document


def test_a_word_directive_with_two_column_duty_tables(built: Path) -> None:
    path = built / "kaskkiri.docx"
    drafts, problems, notes = read_drafts(path, VOCAB)
    assert problems == []
    assert notes == [f"{display_path(path)}: directive nr 1-1/17 of 2026-03-02: 2 job descriptions"]
    assert [draft.unplaced for draft in drafts] == [[], []]
    first, second = (draft.data for draft in drafts)
    assert first == {
        "title": "Kriisinõustaja",
        "unit": ["Ohvriabi osakond", "kriisitoe talitus"],
        "manager": "Talituse juhataja",
        "substituted_by": [],
        "purpose": "Kriisiabi korraldamine.",
        "duties": [
            {
                "task": "Kriisinõustamine.",
                "results": ["Pöördujad on nõustatud.", "Vajadusel on abi korraldatud."],
            },
            {"task": "Aruandlus.", "results": ["Aruanded on esitatud."]},
        ],
        "requirements": {
            "education": "Kõrgharidus",
            "experience": "Vähemalt kaks aastat.",
            "languages": [
                {"text": "Eesti keele oskus tasemel C1.", "level": "C1"},
                {"text": "Inglise keele oskus tasemel B1.", "level": "B1"},
            ],
            "knowledge": ["Kriisinõustamise tundmine.", "Hea suhtlemisoskus."],
        },
        "rights": ["Õigus saada juhendamist."],
        "responsibilities": ["Vastutus ülesannete täitmise eest."],
        "approval": {**APPROVAL, "directive": "1-1/17", "annex": "1"},
    }
    assert second["duties"] == [{"task": "Kriisiabi juhtimine.", "results": ["Kriisiabi toimib."]}]
    assert second["approval"]["annex"] == "2"


def test_the_word_directive_as_pdf_imports_as_the_word_file(built: Path) -> None:
    # In the PDF the tables are gone; the line boxes show which blocks stand side by side.
    from_word, _, _ = read_drafts(built / "kaskkiri.docx", VOCAB)
    from_pdf, problems, _ = read_drafts(built / "pdf" / "kaskkiri.pdf", VOCAB)
    assert problems == []
    assert [draft.unplaced for draft in from_pdf] == [[], []]
    assert [draft.data for draft in from_pdf] == [draft.data for draft in from_word]


@pytest.mark.parametrize("position_id", IDS)
def test_a_seed_printed_to_pdf_imports_as_the_hand_made_position(
    built: Path, position_id: str
) -> None:
    # Printed line by line, the text has a paragraph end at every line in the boxes; it is
    # read as the extracted text it is.
    draft = import_one(built / "pdf" / f"seed-{position_id}.pdf")
    assert draft.unplaced == []
    assert draft.data == imported_data(position_id)


def test_an_unreadable_pdf_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "katki.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a PDF\n")
    drafts, problems, _ = read_drafts(path, VOCAB)
    assert drafts == []
    [problem] = problems
    assert problem.message.startswith("not a readable PDF (pdftotext: ")


@pytest.mark.parametrize("kind", ["docx", "pdf", "txt"])
@pytest.mark.parametrize("position_id", TABLE_LAYOUT)
def test_a_two_column_duty_table(built: Path, position_id: str, kind: str) -> None:
    # As Word, as PDF (rows over page breaks), and as `pdftotext -layout` text, where the two
    # columns run together line by line.
    name = f"tabel-{position_id}"
    path = built / "pdf" / f"{name}.pdf" if kind == "pdf" else built / f"{name}.{kind}"
    draft = import_one(path)
    assert draft.unplaced == []
    assert draft.data["duties"] == position_data(position_id)["duties"]
