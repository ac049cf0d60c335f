"""`ametid validate`: notes are shown in every report format and never fail it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support.cli import run

SEED = "positions/ekspert-noustamismetoodikad.yaml"
NOTE = "has no digest yet; run `ametid approve --keep`"


@pytest.fixture
def undigested(project: Path) -> int:
    """The seed's approval without its digest, as a signed text adopted from before ametid;
    the line of its `approval` key."""
    seed = project / SEED
    text = seed.read_text(encoding="utf-8")
    seed.write_text(re.sub(r"  digest: .*\n", "", text), encoding="utf-8")
    return text.splitlines().index("approval:") + 1


def test_text_names_the_note_and_passes(undigested: int) -> None:
    result = run("validate")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"{SEED}:{undigested}:1: Kinnitamine (approval): note: {NOTE}\n"
        "checked 4 files: no problems, 1 note\n",
    )


def test_estonian_text(undigested: int) -> None:
    result = run("validate", "--lang", "et")
    assert (result.exit_code, result.stderr) == (
        0,
        f"{SEED}:{undigested}:1: Kinnitamine (approval): märkus: kinnitusel pole veel "
        "sisu kontrollsummat; käivita `ametid approve --keep`\n"
        "kontrollitud 4 faili: probleeme ei ole, 1 märkus\n",
    )


def test_json_carries_the_severity_and_stays_valid(undigested: int) -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "valid": True,
        "files": 4,
        "problems": [
            {
                "file": SEED,
                "line": undigested,
                "column": 1,
                "path": "approval",
                "place": "Kinnitamine",
                "code": "no-digest",
                "severity": "note",
                "message": NOTE,
            }
        ],
    }


def test_github_shows_a_notice(undigested: int) -> None:
    result = run("validate", "--format", "github")
    assert (result.exit_code, result.stdout) == (
        0,
        f"::notice file={SEED},line={undigested},col=1::Kinnitamine (approval): {NOTE}\n",
    )


def test_gitlab_reports_it_as_info(undigested: int) -> None:
    result = run("validate", "--format", "gitlab")
    assert result.exit_code == 0
    [finding] = json.loads(result.stdout)
    del finding["fingerprint"]
    assert finding == {
        "description": f"Kinnitamine (approval): {NOTE}",
        "check_name": "ametid-validate",
        "severity": "info",
        "location": {"path": SEED, "lines": {"begin": undigested}},
    }


def test_a_note_beside_an_error_still_fails(project: Path, undigested: int) -> None:
    (project / "positions" / "noustaja.yaml").write_text("title: x\n", encoding="utf-8")
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert [problem["severity"] for problem in report["problems"]] == ["note"] + ["error"] * 7


def test_approve_keep_takes_the_note_away(undigested: int) -> None:
    assert run("approve", "--keep").exit_code == 0
    result = run("validate")
    assert (result.exit_code, result.stderr) == (0, "checked 4 files: no problems\n")


def test_build_prints_it_approved_and_passes(project: Path, undigested: int) -> None:
    result = run("build", "--format", "md")
    assert result.exit_code == 0, result.stderr
    page = (project / "build" / "md" / "ekspert-noustamismetoodikad.md").read_text(encoding="utf-8")
    assert "KINNITATUD" in page


def test_a_position_changed_after_its_approval_is_noted(project: Path) -> None:
    seed = project / SEED
    text = seed.read_text(encoding="utf-8")
    seed.write_text(
        text.replace(
            "- task: Teabevahetuse ja koostöö tagamine.", "- task: Teabevahetuse tagamine."
        ),
        encoding="utf-8",
    )
    line = text.splitlines().index("approval:") + 1
    result = run("validate")
    assert (result.exit_code, result.stderr) == (
        0,
        f"{SEED}:{line}:1: Kinnitamine (approval): note: the content changed after its approval "
        "(19.05.2026, directive nr 53): the documents print it as a draft (KAVAND) until it is "
        "approved again with `ametid approve`\n"
        "checked 4 files: no problems, 1 note\n",
    )
    github = run("validate", "--format", "github", SEED)
    assert github.stdout.startswith(f"::notice file={SEED},line={line},col=1::")
    estonian = run("validate", "--lang", "et", SEED)
    assert estonian.stderr == (
        f"{SEED}:{line}:1: Kinnitamine (approval): märkus: sisu on pärast kinnitamist "
        "(19.05.2026, käskkiri nr 53) muudetud: dokumendid trükivad selle kavandina (KAVAND), "
        "kuni see kinnitatakse uuesti käsuga `ametid approve`\n"
        "kontrollitud 1 fail: probleeme ei ole, 1 märkus\n"
    )
    assert run("approve", "--directive", "61", "--date", "2026-09-01", SEED).exit_code == 0
    assert run("validate").stderr == "checked 4 files: no problems\n"
