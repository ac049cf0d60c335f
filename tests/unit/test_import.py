"""Importing job descriptions: the seeds, directives, other layouts, noise, tables of text."""

from __future__ import annotations

import functools
import re
import tempfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ametid.core.model import Position
from ametid.core.problems import display_path
from ametid.core.project import find_project
from ametid.edit.approver import approved_text
from ametid.importer.blocks import Block, Kind
from ametid.importer.documents import Approval, parse_approval
from ametid.importer.noise import clean, join_text, paragraphs
from ametid.importer.pipeline import Draft, comment_block, import_files, read_drafts
from ametid.importer.values import split_columns
from ametid.render.environment import MARKDOWN_TEMPLATE, context, render_text, text_environment
from ametid.source.dumper import dump_position
from support.documents import squash
from support.importing import APPROVAL, ORGANISATION, VOCAB, add_table, import_one
from support.paths import DATA, LAYOUT, ORDER, REPO, WRITTEN_OUT
from support.positions import IDS, position_data

RAW_SEEDS = DATA / "fixtures" / "raw-seeds"
CLEAN_SEEDS = DATA / "fixtures" / "seeds"
FIXTURES = DATA / "fixtures" / "import"


@functools.cache
def import_seed(position_id: str) -> Draft:
    return import_one(RAW_SEEDS / f"{position_id}.txt")


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
    return render_text(env, MARKDOWN_TEMPLATE, context(position, ORGANISATION, LAYOUT))


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
    # A signed document says nothing of a digest: the import gives its approval without one,
    # and `ametid approve --keep` adds it, as it did to the repository's approved position.
    draft = import_seed(position_id)
    hand_made_data = position_data(position_id)
    approval = hand_made_data.get("approval", {})
    undigested = {key: value for key, value in approval.items() if key != "digest"}
    assert draft.data == {**hand_made_data, **({"approval": undigested} if approval else {})}
    hand_made = (WRITTEN_OUT / f"{position_id}.yaml").read_text(encoding="utf-8")
    imported = dump_position(draft.data, ORDER)
    if "digest" in approval:
        imported = approved_text(imported, approval, LAYOUT)
    assert imported == hand_made


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
    written = " ".join(dump_position(d.data, ORDER) + comment_block(d.unplaced) for d in drafts)
    found = set(re.findall(r"\w+", written.casefold()))
    assert [word for word in words if word not in found] == []


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
    add_table(document, [("Sotsiaalkindlustusamet", approval)])
    document.add_paragraph("AMETIJUHEND")
    add_table(document, [("Teenistuskoht", "Nõustaja"), ("Struktuuriüksus", "Ohvriabi osakond")])
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
    add_table(document, [("Teenistuskoht", "Nõustaja")])
    document.add_heading("Poolte allkirjad", level=1)
    add_table(document, rows)
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


def test_lead_ins_of_rights_and_responsibilities_are_kept_as_their_intros(tmp_path: Path) -> None:
    """The words before a list are the document's: kept, and the list items follow them; a
    second lead-in of the same list is not dropped but reported."""
    source = tmp_path / "juhend.txt"
    source.write_text(
        "AMETIJUHEND\n\n"
        "Teenistuskoht Nõustaja\n\n"
        "4. Õigused ja vastutus\n\n"
        "Teenistujal on õigus:\n"
        "\u2022 saada tööks vajalikku teavet;\n"
        "\u2022 osaleda koolitustel.\n\n"
        "Teenistuja vastutab:\n"
        "\u2022 tööülesannete täitmise eest.\n\n"
        "Teenistuja vastutab:\n",
        encoding="utf-8",
    )
    drafts, problems, _ = read_drafts(source, VOCAB)
    assert problems == []
    [draft] = drafts
    assert draft.data["rights_intro"] == "Teenistujal on õigus:"
    assert draft.data["rights"] == ["saada tööks vajalikku teavet;", "osaleda koolitustel."]
    assert draft.data["responsibilities_intro"] == "Teenistuja vastutab:"
    assert draft.data["responsibilities"] == ["tööülesannete täitmise eest."]
    assert [block.text for block in draft.unplaced] == ["Teenistuja vastutab:"]
