"""The command line, by its exact output and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import run

BAD = "title: Nõustaja\ntitel: x\n"


def test_validate_reports_success_on_stderr(project: Path) -> None:
    result = run("validate")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "checked 4 files: no problems\n",
    )


def test_validate_reports_every_problem_of_every_file(project: Path) -> None:
    (project / "positions" / "noustaja.yaml").write_text(BAD, encoding="utf-8")
    (project / "positions" / "vana.yml").write_text(BAD, encoding="utf-8")
    result = run("validate", "positions", "puudub.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "positions/noustaja.yaml:1:1: missing required key 'unit' (Struktuuriüksus)\n"
        "positions/noustaja.yaml:1:1: missing required key 'manager' (Vahetu juht)\n"
        "positions/noustaja.yaml:1:1: missing required key 'purpose' (Teenistuskoha eesmärk)\n"
        "positions/noustaja.yaml:1:1: missing required key 'duties' "
        "(Peamised teenistusülesanded ja oodatavad tulemused)\n"
        "positions/noustaja.yaml:1:1: missing required key 'requirements' "
        "(Teenistuskoha täitjale esitatavad nõuded)\n"
        "positions/noustaja.yaml:1:1: missing required key 'rights' (Teenistuja õigused)\n"
        "positions/noustaja.yaml:1:1: missing required key 'responsibilities' "
        "(Teenistuja vastutus)\n"
        "positions/noustaja.yaml:2:1: titel: unknown key 'titel'; did you mean 'title'?\n"
        "positions/vana.yml: position files end in .yaml, not .yml; rename it to vana.yaml\n"
        "puudub.yaml: file not found\n"
        "checked 6 files: 10 problems\n"
    )


def test_validate_json_goes_to_stdout(project: Path) -> None:
    (project / "positions" / "noustaja.yaml").write_text(
        BAD.replace("titel: x\n", ""), encoding="utf-8"
    )
    result = run("validate", "--format", "json", "positions/noustaja.yaml")
    assert result.exit_code == 1
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["files"] == 1
    assert report["problems"][0] == {
        "file": "positions/noustaja.yaml",
        "line": 1,
        "column": 1,
        "path": "",
        "place": "",
        "code": "missing-key",
        "severity": "error",
        "message": "missing required key 'unit' (Struktuuriüksus)",
    }


def test_validate_json_when_valid(project: Path) -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"valid": True, "files": 4, "problems": []}


def test_duplicate_ids_across_folders(project: Path) -> None:
    other = project / "elsewhere"
    other.mkdir()
    (other / "projektijuht.yaml").write_bytes(
        (project / "positions/projektijuht.yaml").read_bytes()
    )
    result = run("validate", "elsewhere/projektijuht.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "elsewhere/projektijuht.yaml: id 'projektijuht' is already used by "
        "positions/projektijuht.yaml; ids must be unique\n"
        "checked 1 file: 1 problem\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "xml"],
        ["build", "--format", "odt"],
        ["build", "--format", ""],
        ["build", "--nope"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(project: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr
    assert not (project / "build").exists()


def test_outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path.resolve()}: no pyproject.toml with a [tool.ametid] section "
        "here or in any parent folder\n"
    )


@pytest.mark.parametrize(
    "command",
    [[], ["validate"], ["build"], ["init"], ["serve"], ["new"], ["import"], ["diff"], ["review"]],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    body = result.stdout.split("\n\n", 2)[1]
    assert len(body.strip()) > 20


def test_python_dash_m_works_and_speaks_estonian(project: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "ametid", "validate"],
        capture_output=True,
        text=True,
        check=False,
        env={name: value for name, value in os.environ.items() if name != "AMETID_LANG"},
    )
    assert completed.returncode == 0
    assert completed.stderr == "kontrollitud 4 faili: probleeme ei ole\n"


def test_build_reports_what_it_wrote(project: Path) -> None:
    result = run("build", "--format", "md,html")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "built 4 positions into build/ (md, html): 4 rendered, 0 unchanged\n",
    )
    assert sorted(p.name for p in (project / "build" / "md").iterdir()) == [
        "ekspert-kvaliteet-ja-seire.md",
        "ekspert-noustamismetoodikad.md",
        "projektijuht.md",
        "teenuseomanik-taastav-oigus.md",
    ]
    assert (project / "build" / "html" / "index.html").is_file()
    assert not (project / "build" / "docx").exists()


def test_build_of_invalid_input_writes_nothing(project: Path) -> None:
    (project / "positions" / "noustaja.yaml").write_text("title: [\n", encoding="utf-8")
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr == (
        "positions/noustaja.yaml:1:1: the list or mapping opened with [ or { on line 1 is not "
        "closed where it should be; close it, and put in quotes any text in it that holds a "
        "comma or ': '\n"
        "build failed: nothing was written\n"
    )
    assert not (project / "build").exists()
