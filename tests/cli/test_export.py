"""Position metadata (staff list code, posts, status, date of effect) and `ametid export`."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from ametid.core.approval import ApprovalState, approval_state
from support.cli import run
from support.paths import LAYOUT, REPO
from support.positions import position_data
from support.project import make_project

SEED = "positions/ekspert-noustamismetoodikad.yaml"
HEADER = [
    "id",
    "title",
    "unit_1",
    "unit_2",
    "unit_3",
    "unit_code",
    "manager",
    "group",
    "staff_code",
    "posts",
    "status",
    "applies_from",
    "approval_date",
    "approval_directive",
    "approval_annex",
    "approval_state",
    "reviewed",
    "duties",
    "results",
]
METADATA = 'staff_code: OA-KT-07\nposts: 12\nstatus: kehtiv\napplies_from: "2026-06-01"\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's positions and unit register; seed 004 with metadata, its unit a code."""
    root = make_project(tmp_path / "project")
    (root / "data").mkdir()
    register = (REPO / "data" / "units.yaml").read_text(encoding="utf-8")
    register = register.replace(
        "      - name: kriisitoe talitus\n",
        "      - name: kriisitoe talitus\n        code: OA-KT\n",
    )
    (root / "data" / "units.yaml").write_text(register, encoding="utf-8")
    seed = root / SEED
    seed.write_text(seed.read_text(encoding="utf-8") + METADATA, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def test_metadata_is_not_in_the_signed_text_so_the_approval_holds(project: Path) -> None:
    data = position_data("ekspert-noustamismetoodikad", project)
    assert data["posts"] == 12 and data["status"] == "kehtiv"
    assert approval_state(data, LAYOUT) == ApprovalState.APPROVED
    assert run("build", "--format", "md").exit_code == 0
    built = (project / "build" / "md" / "ekspert-noustamismetoodikad.md").read_text("utf-8")
    assert "OA-KT-07" not in built and "2026-06-01" not in built and "01.06.2026" not in built


def test_the_index_shows_the_metadata(project: Path) -> None:
    assert run("build", "--format", "html").exit_code == 0
    index = (project / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert (
        "<span>Staatus: kehtiv</span>\n"
        "<span>Kehtib alates 01.06.2026</span>\n"
        "<span>Koosseisu kood OA-KT-07</span>\n"
        "<span>12 kohta koosseisus</span>\n"
    ) in index


def test_validate_notes_a_position_in_force_without_a_valid_approval(project: Path) -> None:
    other = project / "positions" / "projektijuht.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "status: kehtiv\n", encoding="utf-8")
    result = run("validate", lang=None)
    assert (result.exit_code, result.stderr) == (
        0,
        "positions/projektijuht.yaml:203:9: Staatus (status): märkus: staatus on kehtiv, kuid "
        "ametijuhend "
        "ei ole kinnitatud; kinnita see esmalt\n"
        "kontrollitud 4 faili: probleeme ei ole, 1 märkus\n",
    )


def test_a_status_outside_the_lifecycle_is_refused(project: Path) -> None:
    seed = project / SEED
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("status: kehtiv", "status: kehtib"), "utf-8"
    )
    result = run("validate", lang=None)
    assert result.exit_code == 1
    assert "'kehtib' ei ole lubatud väärtus; lubatud on: kehtiv, kavand, kaotatud" in result.stderr


def test_export_csv_is_for_estonian_excel(project: Path) -> None:
    result = run("export")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("\ufeffid;title;unit_1;")
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff")), delimiter=";"))
    assert rows == [
        HEADER,
        [
            "teenuseomanik-taastav-oigus",
            "Teenuseomanik (taastav õigus)",
            "Ohvriabi osakond",
            "piirkondliku ohvriabi talitus",
            "",
            "",
            "Talituse juhataja",
            "töötaja",
            *[""] * 7,
            "none",
            "",
            "13",
            "24",
        ],
        [
            "ekspert-noustamismetoodikad",
            "Ekspert (nõustamismetoodikad)",
            "Ohvriabi osakond",
            "kriisitoe talitus",
            "",
            "OA-KT",
            "Juhtivspetsialist (OA kriisitelefon)",
            "töötaja",
            "OA-KT-07",
            "12",
            "kehtiv",
            "2026-06-01",
            "2026-05-19",
            "53",
            "",
            "approved",
            "",
            "12",
            "21",
        ],
        [
            "ekspert-kvaliteet-ja-seire",
            "Ekspert (kvaliteet ja seire)",
            "Ohvriabi osakond",
            "ohvriabiteenuste tugitalitus",
            "",
            "",
            "Talituse juhataja",
            "töötaja",
            *[""] * 7,
            "none",
            "",
            "8",
            "18",
        ],
        [
            "projektijuht",
            "Projektijuht",
            "Ohvriabi ja ennetusteenuste osakond",
            "arendustalitus",
            "tugitiim",
            "",
            "Tugitiimi tiimijuht",
            *[""] * 8,
            "none",
            "",
            "11",
            "15",
        ],
    ]


def test_export_csv_with_commas_to_a_file(project: Path) -> None:
    result = run("export", "--delimiter", ",", "--out", "ametikohad.csv")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    raw = (project / "ametikohad.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,title,unit_1,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [
        "teenuseomanik-taastav-oigus",
        "ekspert-noustamismetoodikad",
        "ekspert-kvaliteet-ja-seire",
        "projektijuht",
    ]


def test_export_json_keeps_the_unit_as_a_list_and_numbers_as_numbers(project: Path) -> None:
    result = run("export", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["positions"]
    assert rows[1] == {
        "id": "ekspert-noustamismetoodikad",
        "title": "Ekspert (nõustamismetoodikad)",
        "unit": ["Ohvriabi osakond", "kriisitoe talitus"],
        "unit_code": "OA-KT",
        "manager": "Juhtivspetsialist (OA kriisitelefon)",
        "group": "töötaja",
        "staff_code": "OA-KT-07",
        "posts": 12,
        "status": "kehtiv",
        "applies_from": "2026-06-01",
        "approval_date": "2026-05-19",
        "approval_directive": "53",
        "approval_annex": None,
        "approval_state": "approved",
        "reviewed": None,
        "duties": 12,
        "results": 21,
    }


def test_export_xlsx_reads_back_in_openpyxl_and_is_reproducible(project: Path) -> None:
    assert run("export", "--format", "xlsx", "--out", "a.xlsx").exit_code == 0
    assert run("export", "--format", "xlsx", "--out", "b.xlsx").exit_code == 0
    assert (project / "a.xlsx").read_bytes() == (project / "b.xlsx").read_bytes()
    workbook = openpyxl.load_workbook(project / "a.xlsx")
    sheet = workbook["Ametikohad"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == HEADER
    assert len(values) == 5
    seed = values[2]
    assert seed[:4] == [
        "ekspert-noustamismetoodikad",
        "Ekspert (nõustamismetoodikad)",
        "Ohvriabi osakond",
        "kriisitoe talitus",
    ]
    assert seed[HEADER.index("posts")] == 12
    applies_from = seed[HEADER.index("applies_from")]
    assert isinstance(applies_from, datetime.datetime)
    assert applies_from.date() == datetime.date(2026, 6, 1)
    assert seed[HEADER.index("approval_state")] == "approved"
    assert seed[HEADER.index("unit_3")] is None


def test_export_xlsx_needs_a_file(project: Path) -> None:
    result = run("export", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx writes a workbook: give --out FILE" in result.stderr


def test_export_writes_nothing_while_a_position_is_invalid(project: Path) -> None:
    shutil.copy(REPO / "tests/data/negative/unit-typo/noustaja.yaml", project / "positions")
    result = run("export", "--out", "ametikohad.csv")
    assert result.exit_code == 1
    assert result.stderr.endswith("export failed: nothing was written\n")
    assert not (project / "ametikohad.csv").exists()
