"""The unit register: what a position's unit may be, the index's order, and `rename-unit`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ametid.core.approval import ApprovalState, approval_state
from support import gitrepo
from support.cli import run
from support.paths import LAYOUT, REPO
from support.positions import position_data
from support.project import make_project

REGISTER = "data/units.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's positions with its unit register."""
    root = make_project(tmp_path / "project")
    (root / "data").mkdir()
    shutil.copy(REPO / REGISTER, root / REGISTER)
    monkeypatch.chdir(root)
    return root


def write_register(project: Path, text: str) -> None:
    (project / REGISTER).write_text(text, encoding="utf-8")


def test_the_four_seeds_units_are_registered(project: Path) -> None:
    result = run("validate")
    assert (result.exit_code, result.stderr) == (0, "checked 4 files: no problems\n")


def test_the_index_follows_the_registers_order(project: Path) -> None:
    write_register(
        project,
        "units:\n"
        "  - name: Ohvriabi ja ennetusteenuste osakond\n"
        "    units:\n"
        "      - name: arendustalitus\n"
        "        units: [{name: tugitiim}]\n"
        "  - name: Ohvriabi osakond\n"
        "    code: OA\n"
        "    units:\n"
        "      - name: ohvriabiteenuste tugitalitus\n"
        "      - name: piirkondliku ohvriabi talitus\n"
        "      - name: kriisitoe talitus\n",
    )
    assert run("build", "--format", "html").exit_code == 0
    index = (project / "build" / "html" / "index.html").read_text(encoding="utf-8")
    order = [
        "Ohvriabi ja ennetusteenuste osakond",
        "projektijuht.html",
        "Ohvriabi osakond",
        "ohvriabiteenuste tugitalitus",
        "ekspert-kvaliteet-ja-seire.html",
        "piirkondliku ohvriabi talitus",
        "teenuseomanik-taastav-oigus.html",
        "kriisitoe talitus",
        "ekspert-noustamismetoodikad.html",
    ]
    places = [index.index(f">{text}<" if ".html" not in text else text) for text in order]
    assert places == sorted(places)


def test_a_unit_twice_at_one_level_is_a_problem_of_the_register(project: Path) -> None:
    write_register(
        project,
        "units:\n  - name: Ohvriabi osakond\n  - name: Ohvriabi osakond\n",
    )
    result = run("validate", lang=None)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "data/units.yaml:3:11: units[1].name: üksus 'Ohvriabi osakond' on sellel tasemel juba "
        "registris\n",
    )


def test_the_register_is_checked_against_its_schema(project: Path) -> None:
    write_register(project, "units:\n  - nimi: Ohvriabi osakond\n")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr.startswith("data/units.yaml:2:5: ")
    assert "'nimi'" in result.stderr and "'name'" in result.stderr


def test_a_change_of_the_register_is_seen_by_the_next_build(project: Path) -> None:
    assert run("build", "--format", "md").exit_code == 0
    text = (project / REGISTER).read_text(encoding="utf-8")
    write_register(project, text.replace("kriisitoe talitus", "kriisiabi talitus"))
    result = run("build", "--format", "md")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "positions/ekspert-noustamismetoodikad.yaml:3:26: 1 Üksus 2 (unit[1]): unit 'kriisitoe "
        "talitus' is not in the register data/units.yaml; did you mean 'kriisiabi talitus'?\n"
    )


def test_rename_unit_renames_in_the_register_and_every_position(project: Path) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in (project / "positions").iterdir()}
    register = (project / REGISTER).read_text(encoding="utf-8")

    result = run("rename-unit", "Ohvriabi osakond", "Ohvriabi ja toe osakond")

    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "positions/ekspert-noustamismetoodikad.yaml: was approved; prints as a draft until it "
        "is approved again\n"
        "renamed unit 'Ohvriabi osakond' to 'Ohvriabi ja toe osakond' in the register and 3 "
        "positions\n",
    )
    after = {p.name: p.read_text(encoding="utf-8") for p in (project / "positions").iterdir()}
    for name, text in before.items():
        expected = text.replace("unit: [Ohvriabi osakond,", "unit: [Ohvriabi ja toe osakond,")
        assert after[name] == expected, name
    assert after != before
    assert (project / REGISTER).read_text(encoding="utf-8") == register.replace(
        "- name: Ohvriabi osakond\n", "- name: Ohvriabi ja toe osakond\n"
    )
    assert approval_state(position_data("ekspert-noustamismetoodikad"), LAYOUT) == (
        ApprovalState.APPROVED
    )
    data = position_data("ekspert-noustamismetoodikad", project)
    assert approval_state(data, LAYOUT) == ApprovalState.CHANGED
    assert run("validate").exit_code == 0


def test_rename_unit_renames_a_division_in_the_positions_below_it(project: Path) -> None:
    result = run("rename-unit", "arendustalitus", "arendus- ja tugitalitus")
    assert (result.exit_code, result.stderr) == (
        0,
        "renamed unit 'arendustalitus' to 'arendus- ja tugitalitus' in the register and 1 "
        "position\n",
    )
    text = (project / "positions" / "projektijuht.yaml").read_text(encoding="utf-8")
    assert "unit: [Ohvriabi ja ennetusteenuste osakond, arendus- ja tugitalitus, tugitiim]\n" in (
        text
    )


def test_rename_unit_of_an_unknown_unit_suggests_the_closest(project: Path) -> None:
    before = (project / REGISTER).read_text(encoding="utf-8")
    result = run("rename-unit", "kriisitoe talitsu", "kriisiabi talitus", lang=None)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "data/units.yaml: registris ei ole üksust 'kriisitoe talitsu'; kas mõtlesid "
        "'kriisitoe talitus'?\n",
    )
    assert (project / REGISTER).read_text(encoding="utf-8") == before


def test_rename_unit_refuses_a_name_the_level_already_has(project: Path) -> None:
    result = run("rename-unit", "kriisitoe talitus", "piirkondliku ohvriabi talitus")
    assert (result.exit_code, result.stderr) == (
        1,
        "data/units.yaml: the register already has a unit 'piirkondliku ohvriabi talitus' there\n",
    )


def test_rename_unit_writes_nothing_while_a_position_is_invalid(project: Path) -> None:
    bad = project / "positions" / "projektijuht.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("title:", "titel:"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (project / "positions").iterdir()}
    result = run("rename-unit", "Ohvriabi osakond", "Ohvriabi ja toe osakond")
    assert result.exit_code == 1
    assert result.stderr.startswith("positions/projektijuht.yaml:2:1: ")
    assert {p.name: p.read_bytes() for p in (project / "positions").iterdir()} == before


def test_diff_shows_a_renamed_unit_once_with_the_positions_it_reaches(project: Path) -> None:
    gitrepo.init(project)
    gitrepo.commit(project, "Ametijuhendid")
    assert run("rename-unit", "Ohvriabi osakond", "Ohvriabi ja toe osakond").exit_code == 0

    result = run("diff", "HEAD")
    assert (result.exit_code, result.stdout) == (
        0,
        "unit renamed: Ohvriabi osakond -> Ohvriabi ja toe osakond\n"
        "  3 positions: editorial\n"
        "    ekspert-kvaliteet-ja-seire\n"
        "    ekspert-noustamismetoodikad\n"
        "    teenuseomanik-taastav-oigus\n",
    )
    report = json.loads(run("diff", "HEAD", "--format", "json").stdout)
    assert report["unit_renames"] == [
        {
            "old": ["Ohvriabi osakond"],
            "new": "Ohvriabi ja toe osakond",
            "positions": [
                "ekspert-kvaliteet-ja-seire",
                "ekspert-noustamismetoodikad",
                "teenuseomanik-taastav-oigus",
            ],
            "consent_required": False,
        }
    ]
    assert report["positions"] == []
    comment = run("diff", "HEAD", "--format", "md").stdout
    assert comment.endswith(
        "**Üksus on ümber nimetatud:** Ohvriabi osakond → Ohvriabi ja toe osakond · 3 "
        "ametijuhendit · toimetuslik: `ekspert-kvaliteet-ja-seire`, "
        "`ekspert-noustamismetoodikad`, `teenuseomanik-taastav-oigus`\n"
    )
