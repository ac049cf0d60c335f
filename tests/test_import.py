"""Importing job descriptions: round trips, the seeds, directives, other layouts, noise."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_BREAK
from hypothesis import given, settings
from hypothesis import strategies as st

from ametid.build import build
from ametid.core.model import Position
from ametid.core.problems import display_path
from ametid.core.project import find_project
from ametid.importer import Draft, comment_block, import_files, read_drafts
from ametid.importer.blocks import Block, Kind
from ametid.importer.documents import Approval, parse_approval
from ametid.importer.noise import clean, join_text, paragraphs
from ametid.importer.values import split_columns
from ametid.importer.vocabulary import vocabulary
from ametid.render.environment import MARKDOWN_TEMPLATE, context, render_text, text_environment
from ametid.source.dumper import dump_position
from ametid.source.loader import parse
from documents import squash

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
RAW_SEEDS = TESTS / "fixtures" / "raw-seeds"
CLEAN_SEEDS = TESTS / "fixtures" / "seeds"
FIXTURES = TESTS / "fixtures" / "import"
IDS = sorted(path.stem for path in (REPO / "positions").glob("*.yaml"))
VOCAB = vocabulary()
ORGANISATION = "Sotsiaalkindlustusamet"


def position_data(position_id: str) -> dict[str, Any]:
    path = REPO / "positions" / f"{position_id}.yaml"
    document, problems = parse(path.read_bytes(), path.name)
    assert problems == [] and document is not None
    return dict(document.data)


def import_one(path: Path) -> Draft:
    drafts, problems, notes = read_drafts(path, VOCAB, ORGANISATION)
    assert (problems, notes, len(drafts)) == ([], [], 1)
    return drafts[0]


@functools.cache
def import_seed(position_id: str) -> Draft:
    return import_one(RAW_SEEDS / f"{position_id}.txt")


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
    from conftest import make_project

    root = make_project(tmp_path_factory.mktemp("import") / "project")
    result = build(find_project(root), ("md", "docx"), root / "build")
    assert result.ok, result.problems
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
    assert draft.data == position_data(position_id)


def test_a_pdf_without_text_is_refused(built: Path) -> None:
    drafts, problems, _ = read_drafts(built / "pdf" / "tyhi.pdf", VOCAB)
    assert drafts == []
    assert [problem.message for problem in problems] == [
        "the PDF holds no text (a scan?); run it through OCR first"
    ]


# Counted in each signed document: tasks 2.1-2.13 and six bullets each of rights and
# responsibilities (seed 000), 3.1-3.11 and five and five (002), 2.1-2.8 and six and six (003),
# 2.1-2.12, 4.1-4.6 and 5.1-5.8 (004).
SEED_COUNTS = {
    "teenuseomanik-taastav-oigus": (13, 6, 6),
    "projektijuht": (11, 5, 5),
    "ekspert-kvaliteet-ja-seire": (8, 6, 6),
    "ekspert-noustamismetoodikad": (12, 6, 8),
}


def markdown(draft: Draft, position_id: str) -> str:
    env = text_environment(REPO / "templates")
    position = Position(position_id, Path(f"{position_id}.yaml"), position_id, draft.data)
    return render_text(env, MARKDOWN_TEMPLATE, context(position, ORGANISATION))


@pytest.mark.parametrize("position_id", IDS)
def test_a_seed_imports_with_every_sentence_and_count(position_id: str) -> None:
    draft = import_seed(position_id)
    assert draft.unplaced == []
    text = squash(markdown(draft, position_id))
    sentences = [
        squash(line)
        for line in (CLEAN_SEEDS / f"{position_id}.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(sentences) > 50
    assert [sentence for sentence in sentences if sentence not in text] == []
    data = draft.data
    counts = (len(data["duties"]), len(data["rights"]), len(data["responsibilities"]))
    assert counts == SEED_COUNTS[position_id]


@pytest.mark.parametrize("position_id", IDS)
def test_a_seed_imports_as_the_hand_made_position(position_id: str) -> None:
    # The transcription choices the README lists are the importer's own: the file it writes
    # from the raw text is the hand-written one, byte for byte.
    draft = import_seed(position_id)
    assert draft.data == position_data(position_id)
    hand_made = (REPO / "positions" / f"{position_id}.yaml").read_text(encoding="utf-8")
    assert dump_position(draft.data) == hand_made


APPROVAL = {"by": "Sotsiaalkindlustusameti peadirektori", "date": "2026-03-02"}


def test_a_directive_becomes_one_position_per_annex() -> None:
    path = FIXTURES / "kaskkiri.txt"
    drafts, problems, notes = read_drafts(path, VOCAB, ORGANISATION)
    assert problems == []
    assert notes == [f"{display_path(path)}: directive nr 1-1/17 of 2026-03-02: 3 job descriptions"]
    assert [draft.unplaced for draft in drafts] == [[], [], []]
    assert [draft.data["title"] for draft in drafts] == [
        "Nõustaja (kriisitelefon)",
        "Koordinaator (vabatahtlikud)",
        "Vanemnõustaja",
    ]
    # Annex 1 says KINNITATUD … Lisa 1, annex 2 puts "Lisa 2" first, annex 3 has no block:
    # it takes the directive's date and number, and its number from "lisadele 1-3" (en dash).
    assert [draft.data["approval"] for draft in drafts] == [
        {**APPROVAL, "directive": "1-1/17", "annex": str(annex)} for annex in (1, 2, 3)
    ]
    first, second, third = (draft.data for draft in drafts)
    assert first["duties"][0] == {
        "task": "Kriisitelefonile pöördujate nõustamine ööpäev läbi vastavalt graafikule.",
        "results": ["Pöördujad on nõustatud.", "Abi vajav inimene on suunatud edasi."],
    }
    assert first["requirements"]["languages"] == [
        {"text": "Eesti keele oskus vähemalt tasemel C1.", "level": "C1"},
        {"text": "Vene keele oskus vähemalt tasemel B2.", "level": "B2"},
    ]
    assert second["duties"] == [
        {
            "task": "Vabatahtlike värbamine ja väljaõppe korraldamine.",
            "results": [
                "Vabatahtlikud on värvatud ja koolitatud.",
                "Väljaõpe toimub kord kvartalis.",
            ],
        },
        {
            "task": "Vabatahtlike töö koordineerimine.",
            "results": ["Vabatahtlike valveajad on kaetud."],
        },
    ]
    assert second["rights"] == ["saada tööks vajalikku infot;", "osaleda koolitustel."]
    assert (third["unit"], third["manager"], third["substitutes"], third["substituted_by"]) == (
        ["Ohvriabi osakond", "kriisitoe talitus"],
        "Talituse juhataja",
        ["Nõustaja"],
        ["Nõustaja"],
    )
    assert third["responsibilities"] == ["tööülesannete täitmise eest."]


def test_a_directive_naming_more_annexes_than_found_is_reported(tmp_path: Path) -> None:
    text = (FIXTURES / "kaskkiri.txt").read_text(encoding="utf-8")
    path = tmp_path / "kaskkiri.txt"
    path.write_text(text.replace("lisadele 1\u20133", "lisadele 1\u20134"), encoding="utf-8")
    drafts, problems, _ = read_drafts(path, VOCAB)
    assert len(drafts) == 3
    assert [str(problem) for problem in problems] == [
        f"{display_path(path)}: the directive names annexes 1-4, but 3 job descriptions were found"
    ]
    assert "annex" not in drafts[2].data["approval"]


def test_another_agency_layout(tmp_path: Path) -> None:
    # Numbered labels with colons ("1.4. Allub:"), a running header and page numbers, a word
    # hyphenated at a line end, and duties without results.
    drafts, problems, _ = read_drafts(FIXTURES / "teine-amet.txt", VOCAB)
    assert problems == []
    [draft] = drafts
    assert draft.unplaced == []
    assert draft.data == {
        "title": "Keskkonnainspektor",
        "unit": ["järelevalveosakond", "Lõuna regioon"],
        "manager": "regiooni juhataja",
        "substitutes": ["teist keskkonnainspektorit"],
        "substituted_by": ["teine keskkonnainspektor"],
        "purpose": "Keskkonnanõuete täitmise kontrollimine regioonis ja rikkumiste menetlemine.",
        "duties": [
            {"task": task, "results": ["TÄIDA"]}
            for task in (
                "Kontrollib keskkonnanõuete täitmist ettevõtetes ja eraisikute juures.",
                "Menetleb keskkonnarikkumisi ja koostab menetlusdokumendid.",
                "Nõustab avalikkust keskkonnanõuete küsimustes.",
            )
        ],
        "requirements": {
            "education": "kõrgharidus",
            "experience": "vähemalt üheaastane töökogemus keskkonnavaldkonnas",
            "languages": [{"text": "eesti keel tasemel C1", "level": "C1"}],
            "knowledge": ["keskkonnaõiguse ja haldusmenetluse tundmine."],
        },
        "rights": [
            "saada tööks vajalikku teavet teistelt struktuuriüksustelt;",
            "teha ettepanekuid töö paremaks korraldamiseks.",
        ],
        "responsibilities": [
            "tööülesannete õigeaegse ja kvaliteetse täitmise eest;",
            "teatavaks saanud konfidentsiaalse teabe hoidmise eest.",
        ],
        "approval": {
            "by": "Keskkonnaameti peadirektori",
            "date": "2025-01-15",
            "directive": "1-2/25/4",
        },
    }


def _rows(document: Any, rows: Sequence[tuple[str, ...]]) -> None:
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            paragraphs = text.split("\n")
            cell.text = paragraphs[0]
            for extra in paragraphs[1:]:
                cell.add_paragraph(extra)


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
    _rows(document, general)
    document.add_heading("Teenistusülesanded", level=1)
    _rows(document, [("Teenistuskoha ülesanded", "Soovitud tulemus"), *duties])
    document.add_heading("Nõuded ametikohale", level=1)
    requirements = [
        ("Haridus", "Kõrgharidus"),
        ("Töökogemus", "Vähemalt kaks aastat."),
        ("Keeleoskus", "Eesti keele oskus tasemel C1.\nInglise keele oskus tasemel B1."),
        ("Teadmised ja oskused", "Kriisinõustamise tundmine.\nHea suhtlemisoskus."),
    ]
    _rows(document, requirements)
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


def lines(*texts: str) -> list[Block]:
    return [Block(text, Kind.TEXT if text.strip() else Kind.BLANK) for text in texts]


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("teenus on koostöö-", "partneritele tuntud", "teenus on koostööpartneritele tuntud"),
        ("ennetus-", "ja teavitustegevused", "ennetus- ja teavitustegevused"),
        ("kasutab e-", "õppekeskkonda", "kasutab e-õppekeskkonda"),
        ("REACT COVID-", "19 mõjud", "REACT COVID- 19 mõjud"),
        ("kasutab tegutsemis-", "meetodeid", "kasutab tegutsemis-meetodeid"),
        ("lõpeb lausega.", "Uus lause.", "lõpeb lausega. Uus lause."),
    ],
)
def test_words_broken_at_line_ends(left: str, right: str, joined: str) -> None:
    # "tegutsemis-meetodeid" stands elsewhere in this document with its hyphen, so it keeps it.
    words = {"tegutsemis-meetodeid": 2}
    assert join_text(left, right, Counter(words), VOCAB) == joined


def test_page_numbers_and_running_headers_go() -> None:
    raw = lines("Amet", "Esimene rida", "Lk 1 / 2", "")
    raw += [Block(kind=Kind.PAGE), *lines("Amet", "Teine rida", "2")]
    assert [line.text for line in clean(raw, VOCAB) if line.kind is Kind.TEXT] == [
        "Esimene rida",
        "Teine rida",
    ]


def test_a_bullet_inside_a_line_splits_two_table_columns() -> None:
    [task, result] = paragraphs(
        clean(lines("2.10. Koostöö tagamine.  \uf0a7 Koostöö toimib."), VOCAB), VOCAB
    )
    assert (task.kind, task.number, task.text) == (Kind.NUMBER, "2.10.", "Koostöö tagamine.")
    assert (result.kind, result.text) == (Kind.BULLET, "Koostöö toimib.")


def test_lines_join_into_paragraphs_by_their_text() -> None:
    raw = lines(
        "\uf0a7 Teenuse kohta on koostatud ja avaldatud ",
        "",
        "regulaarset statistikat. ",
        "Uus lõik algab suure tähega,",
        "(ja sulg jätkab seda)",
    )
    found = [(block.kind, block.text) for block in paragraphs(clean(raw, VOCAB), VOCAB)]
    assert found == [
        (Kind.BULLET, "Teenuse kohta on koostatud ja avaldatud regulaarset statistikat."),
        (Kind.TEXT, "Uus lõik algab suure tähega, (ja sulg jätkab seda)"),
    ]


@pytest.mark.parametrize(
    ("text", "count", "columns"),
    [
        (
            "Projektijuht  Ohvriabi osakond, tugitiim",
            2,
            ["Projektijuht", "Ohvriabi osakond, tugitiim"],
        ),
        ("Tiimijuht Tiimijuht Tiimijuht", 3, ["Tiimijuht", "Tiimijuht", "Tiimijuht"]),
        ("Maret Maripuu Liis Toom", 2, ["Maret Maripuu", "Liis Toom"]),
        ("Talituse juhataja Nõustaja", 2, ["Talituse juhataja", "Nõustaja"]),
        ("Peadirektor", 2, None),
    ],
)
def test_table_columns_an_extractor_ran_together(
    text: str, count: int, columns: list[str] | None
) -> None:
    assert split_columns(text, count) == columns


LINES = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Co")), max_size=30)
    | st.sampled_from(
        [
            "",
            "\f",
            "AMETIJUHEND",
            "KÄSKKIRI",
            "02.03.2026 nr 5 vastavalt lisadele 1\u20133",
            "KINNITATUD",
            "Lisa 2",
            "19.05.2026 käskkirjaga nr 53",
            "1. Üldosa",
            "Teenistuskoht Nõustaja",
            "1.1. Ametinimetus 1.2. Struktuuriüksus",
            "Tugitiimi tiimijuht Tugitiimi tiimijuht",
            "Keeleoskus Eesti keel C1.",
            "2. Peamised teenistusülesanded Oodatavad tulemused",
            "2.1. Ülesanne",
            "\uf0a7 Tulemus.",
            "Oodatav tulemus: A. B.",
            "Õigused",
            "Tööks vajalikud kompetentsid",
            "Nimi: kirjeldus.",
            "Poolte allkirjad:",
            "Tööandja: Töötaja:",
            "Lk 1 / 2",
            "koostöö-",
        ]
    ),
    max_size=25,
)


@given(lines=LINES)
@settings(max_examples=50, deadline=None)
def test_any_text_gives_positions_or_clean_problems(lines: list[str]) -> None:
    project = find_project(REPO)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sisend.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        result = import_files(project, [path], Path(folder) / "out", dry_run=True)
    for problem in result.problems:
        assert problem.message and "\n" not in str(problem)
    for draft in result.drafts:
        assert draft.text.startswith("# yaml-language-server: $schema=")


SEED_LINES = {
    position_id: (RAW_SEEDS / f"{position_id}.txt").read_text(encoding="utf-8").split("\n")
    for position_id in IDS
}
WORD = st.text("abdefghijklmnoprstuvõäöüšž", min_size=3, max_size=9)


@given(
    position_id=st.sampled_from(IDS),
    words=st.lists(WORD, min_size=1, max_size=6),
    where=st.floats(0, 1),
)
@settings(max_examples=40, deadline=None)
def test_a_sentence_inserted_anywhere_in_a_seed_is_kept(
    position_id: str, words: list[str], where: float
) -> None:
    # Whatever the sentence lands in, a row, a list, an approval block or a table of columns,
    # it ends up in the position's data or in the comment at the end, never nowhere.
    lines = SEED_LINES[position_id]
    at = int(where * len(lines))
    sentence = " ".join(words).capitalize() + "."
    text = "\n".join([*lines[:at], "", sentence, "", *lines[at:]])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sisend.txt"
        path.write_text(text, encoding="utf-8")
        drafts, _, _ = read_drafts(path, VOCAB, ORGANISATION)
    written = " ".join(dump_position(d.data) + comment_block(d.unplaced) for d in drafts)
    found = set(re.findall(r"\w+", written.casefold()))
    assert [word for word in words if word not in found] == []


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
    assert draft.data == position_data(position_id)


@pytest.mark.parametrize(
    ("text", "approval"),
    [
        (
            "KINNITATUD Sotsiaalkindlustusameti peadirektori 19.05.2026 käskkirjaga nr 53 Lisa",
            Approval("Sotsiaalkindlustusameti peadirektori", "2026-05-19", "53"),
        ),
        (
            "Lisa 2 Sotsiaalkindlustusameti peadirektori 02.03.2026 käskkirjaga nr 1-1/17",
            Approval("Sotsiaalkindlustusameti peadirektori", "2026-03-02", "1-1/17", "2"),
        ),
        (
            "Sotsiaalkindlustusameti peadirektori 19. mai 2026. a käskkirja nr 53 lisa 3",
            Approval("Sotsiaalkindlustusameti peadirektori", "2026-05-19", "53", "3"),
        ),
        (
            "Kinnitatud Keskkonnaameti peadirektori 1. märtsil 2025 käskkirjaga nr 5",
            Approval("Keskkonnaameti peadirektori", "2025-03-01", "5"),
        ),
        # Text before the block is not who approved; nor is a block without a directive.
        (
            "Märkus: üle. KINNITATUD Ameti peadirektori 19.05.2026 käskkirjaga nr 5 Lisa",
            None,
        ),
        ("KINNITATUD 19.05.2026", None),
        ("KINNITATUD Ameti juhi 31.02.2025 käskkirjaga nr 5", None),
        ("Ameti juhi 19.05.2026 käskkirjaga nr 5", None),
    ],
)
def test_approval_blocks(text: str, approval: Approval | None) -> None:
    assert parse_approval(text, VOCAB) == approval


def test_an_approval_block_in_a_header_table(tmp_path: Path) -> None:
    document = docx.Document()
    approval = (
        "KINNITATUD\nSotsiaalkindlustusameti peadirektori\n19. mai 2026 käskkirjaga nr 53\nLisa 4"
    )
    _rows(document, [("Sotsiaalkindlustusamet", approval)])
    document.add_paragraph("AMETIJUHEND")
    _rows(document, [("Teenistuskoht", "Nõustaja"), ("Struktuuriüksus", "Ohvriabi osakond")])
    path = tmp_path / "ametijuhend.docx"
    document.save(str(path))
    [draft] = read_drafts(path, VOCAB, ORGANISATION)[0]
    assert draft.unplaced == []
    assert draft.data["approval"] == {
        "by": "Sotsiaalkindlustusameti peadirektori",
        "date": "2026-05-19",
        "directive": "53",
        "annex": "4",
    }
    assert (draft.data["title"], draft.data["unit"]) == ("Nõustaja", ["Ohvriabi osakond"])


SIGNATURES = [
    {
        "party": "Tööandja",
        "name": "Mari Maasikas",
        "title": "Peadirektor",
        "digitally_signed": True,
    },
    {"party": "Töötaja", "name": "Jaan Tamm", "digitally_signed": True},
]


@pytest.mark.parametrize(
    "rows",
    [
        [
            ("Tööandja:", "Töötaja:"),
            ("(allkirjastatud digitaalselt)", "(allkirjastatud digitaalselt)"),
            ("Mari Maasikas", "Jaan Tamm"),
            ("Peadirektor", ""),
        ],
        [
            (
                "Tööandja:\nMari Maasikas\nPeadirektor\n(allkirjastatud digitaalselt)",
                "Töötaja:\nJaan Tamm\n(allkirjastatud digitaalselt)",
            )
        ],
    ],
    ids=["a-row-a-line", "a-cell-a-party"],
)
def test_signature_tables(tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    document = docx.Document()
    document.add_paragraph("AMETIJUHEND")
    _rows(document, [("Teenistuskoht", "Nõustaja")])
    document.add_heading("Poolte allkirjad", level=1)
    _rows(document, rows)
    path = tmp_path / "allkirjad.docx"
    document.save(str(path))
    [draft] = read_drafts(path, VOCAB)[0]
    assert draft.unplaced == []
    assert draft.data["signatures"] == SIGNATURES


def test_text_in_windows_1257_is_read(tmp_path: Path) -> None:
    text = (FIXTURES / "teine-amet.txt").read_text(encoding="utf-8")
    path = tmp_path / "teine-amet.txt"
    path.write_bytes(text.encode("cp1257"))
    [draft] = read_drafts(path, VOCAB)[0]
    [expected] = read_drafts(FIXTURES / "teine-amet.txt", VOCAB)[0]
    assert draft.data == expected.data


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


def test_two_columns_of_text_become_table_rows() -> None:
    raw = lines(
        "2.1. Teenuse toimimise ja kasutatavuse      • Teenus on ajakohane ja vastab",
        "tagamine.                                   kliendi vajadustele.",
        "",
        "                                            • Teenus on turvaline.",
        "2.2. Teabevahetus.                          • Koostöö toimib.",
    )
    rows = paragraphs(clean(raw, VOCAB), VOCAB)
    assert [[[b.full_text() for b in cell] for cell in row.cells] for row in rows] == [
        [
            ["2.1. Teenuse toimimise ja kasutatavuse tagamine."],
            ["Teenus on ajakohane ja vastab kliendi vajadustele.", "Teenus on turvaline."],
        ],
        [["2.2. Teabevahetus."], ["Koostöö toimib."]],
    ]


def test_a_numbered_list_with_hanging_indents_is_not_a_table() -> None:
    raw = lines(
        "4.1.    Õigus saada teavet, sh ligipääse",
        "        infosüsteemidele.",
        "4.2.    Õigus teha kaugtööd.",
    )
    found = [(b.kind, b.number, b.text) for b in paragraphs(clean(raw, VOCAB), VOCAB)]
    assert found == [
        (Kind.NUMBER, "4.1.", "Õigus saada teavet, sh ligipääse infosüsteemidele."),
        (Kind.NUMBER, "4.2.", "Õigus teha kaugtööd."),
    ]


def test_a_markdown_pipe_table_of_duties(tmp_path: Path) -> None:
    path = tmp_path / "ametijuhend.md"
    path.write_text(
        "# Nõustaja\n\n"
        "| | |\n|---|---|\n"
        "| **Struktuuriüksus** | Ohvriabi osakond |\n"
        "| **Vahetu juht** | Talituse juhataja |\n\n"
        "## Teenistusülesanded\n\n"
        "| Teenistuskoha ülesanded | Soovitud tulemus |\n"
        "| --- | :---: |\n"
        "| Nõustamine. | Pöördujad on nõustatud.<br>Abi on korraldatud. |\n"
        "| Aruandlus. | Aruanded on esitatud. |\n",
        encoding="utf-8",
    )
    [draft] = read_drafts(path, VOCAB)[0]
    assert draft.unplaced == []
    assert (draft.data["title"], draft.data["unit"], draft.data["manager"]) == (
        "Nõustaja",
        ["Ohvriabi osakond"],
        "Talituse juhataja",
    )
    assert draft.data["duties"] == [
        {"task": "Nõustamine.", "results": ["Pöördujad on nõustatud.", "Abi on korraldatud."]},
        {"task": "Aruandlus.", "results": ["Aruanded on esitatud."]},
    ]
