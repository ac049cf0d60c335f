"""`ametid validate --format github|gitlab`: problems where HR edits, by their exact output."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import run

# Two problems with a line and column, one without, and a message with a colon and a comma.
BAD = "title: Nõustaja\ntitel: x\n"


def write_bad(project: Path) -> None:
    (project / "positions" / "noustaja.yaml").write_text(BAD, encoding="utf-8")
    (project / "positions" / "vana.yml").write_text(BAD, encoding="utf-8")


def test_github_workflow_commands_on_stdout(project: Path) -> None:
    write_bad(project)
    result = run("validate", "--format", "github", "positions/noustaja.yaml", "positions/vana.yml")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=positions/noustaja.yaml,line=1,col=1::"
        "missing required key 'unit' (Struktuuriüksus)\n"
        "::error file=positions/noustaja.yaml,line=1,col=1::"
        "missing required key 'manager' (Vahetu juht)\n"
        "::error file=positions/noustaja.yaml,line=1,col=1::"
        "missing required key 'purpose' (Teenistuskoha eesmärk)\n"
        "::error file=positions/noustaja.yaml,line=1,col=1::"
        "missing required key 'duties' (Peamised teenistusülesanded ja oodatavad tulemused)\n"
        "::error file=positions/noustaja.yaml,line=1,col=1::"
        "missing required key 'requirements' (Teenistuskoha täitjale esitatavad nõuded)\n"
        "::error file=positions/noustaja.yaml,line=1,col=1::"
        "missing required key 'rights' (Teenistuja õigused)\n"
        "::error file=positions/noustaja.yaml,line=1,col=1::"
        "missing required key 'responsibilities' (Teenistuja vastutus)\n"
        "::error file=positions/noustaja.yaml,line=2,col=1::"
        "titel: unknown key 'titel'; did you mean 'title'?\n"
        "::error file=positions/vana.yml::"
        "position files end in .yaml, not .yml; rename it to vana.yaml\n"
    )
    assert result.stderr == "checked 2 files: 9 problems\n"


def test_github_escapes_what_would_end_a_property(project: Path) -> None:
    # A comma or colon in a file name would end the file= property; GitHub's escapes keep it.
    (project / "positions" / "a,b:c.yaml").write_text("title: x\n", encoding="utf-8")
    result = run("validate", "--format", "github", "positions/a,b:c.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=positions/a%2Cb%3Ac.yaml::file name 'a,b:c' is not a valid id "
        "(lower-case a-z, 0-9 and single hyphens); rename it to a-b-c.yaml\n"
    )


def test_github_when_valid_prints_nothing_on_stdout(project: Path) -> None:
    result = run("validate", "--format", "github")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "checked 4 files: no problems\n",
    )


def test_gitlab_code_quality_report(project: Path) -> None:
    positions = project / "positions"
    text = (positions / "projektijuht.yaml").read_text(encoding="utf-8")
    (positions / "vanem.yaml").write_text(text + "titel: x\n", encoding="utf-8")
    last = len(text.splitlines()) + 1  # the line of the key added at the end
    (positions / "vana.yml").write_text(BAD, encoding="utf-8")
    paths = ("positions/vanem.yaml", "positions/vana.yml")
    result = run("validate", "--format", "gitlab", *paths)
    assert result.exit_code == 1
    assert result.stderr == "checked 2 files: 2 problems\n"
    report = json.loads(result.stdout)
    fingerprints = [finding.pop("fingerprint") for finding in report]
    assert report == [
        {
            "description": "position files end in .yaml, not .yml; rename it to vana.yaml",
            "check_name": "ametid-validate",
            "severity": "major",
            "location": {"path": "positions/vana.yml", "lines": {"begin": 1}},
        },
        {
            "description": "titel: unknown key 'titel'; did you mean 'title'?",
            "check_name": "ametid-validate",
            "severity": "major",
            "location": {"path": "positions/vanem.yaml", "lines": {"begin": last}},
        },
    ]
    # GitLab matches findings between pipelines by fingerprint: the same problem, the same one.
    again = json.loads(run("validate", "--format", "gitlab", *paths).stdout)
    assert [finding["fingerprint"] for finding in again] == fingerprints


def test_gitlab_fingerprints_differ_between_findings(project: Path) -> None:
    (project / "positions" / "noustaja.yaml").write_text(BAD, encoding="utf-8")
    report = json.loads(run("validate", "--format", "gitlab").stdout)
    fingerprints = [finding["fingerprint"] for finding in report]
    assert len(fingerprints) == 8
    assert len(set(fingerprints)) == len(fingerprints)


def test_gitlab_when_valid_is_an_empty_report(project: Path) -> None:
    result = run("validate", "--format", "gitlab")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "[]\n",
        "checked 4 files: no problems\n",
    )
