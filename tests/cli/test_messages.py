"""The language of the command line: Estonian by default, English on request (--lang,
AMETID_LANG, tool.ametid.language), for problems, summaries, help and Click's own words alike;
JSON keeps English keys and codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support.cli import run

BAD = "title: Nõustaja\ntitel: x\n"
ESTONIAN = "positions/noustaja.yaml:2:1: titel: tundmatu väli 'titel'; kas mõtlesid 'title'?\n"
ENGLISH = "positions/noustaja.yaml:2:1: titel: unknown key 'titel'; did you mean 'title'?\n"


@pytest.fixture
def bad(project: Path) -> Path:
    path = project / "positions" / "noustaja.yaml"
    path.write_text(BAD.replace("titel: x\n", "titel: x\n"), encoding="utf-8")
    return path


def settings(project: Path, line: str) -> None:
    path = project / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[tool.ametid]\n", f"[tool.ametid]\n{line}\n"), encoding="utf-8")


def test_messages_are_estonian_by_default(bad: Path) -> None:
    result = run("validate", "positions/noustaja.yaml", lang=None)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        ESTONIAN.rstrip("\n"),
        "kontrollitud 1 fail: 8 probleemi",
    ]
    assert result.stderr.splitlines()[0] == (
        "positions/noustaja.yaml:1:1: puudub kohustuslik väli 'unit' (Struktuuriüksus); lisa see"
    )


def test_lang_asks_for_english(bad: Path) -> None:
    result = run("validate", "--lang", "en", "positions/noustaja.yaml", lang=None)
    assert result.stderr.splitlines()[-2:] == [ENGLISH.rstrip("\n"), "checked 1 file: 8 problems"]


def test_the_environment_chooses_for_every_command(bad: Path) -> None:
    assert run("validate", "positions/noustaja.yaml", lang="en").stderr.endswith(
        f"{ENGLISH}checked 1 file: 8 problems\n"
    )
    assert run("validate", "positions/noustaja.yaml", lang="et").stderr.endswith(
        f"{ESTONIAN}kontrollitud 1 fail: 8 probleemi\n"
    )


def test_lang_wins_over_the_environment_and_the_environment_over_the_settings(
    project: Path, bad: Path
) -> None:
    settings(project, 'language = "en"')
    assert run("validate", "positions/noustaja.yaml", lang=None).stderr.endswith(
        "checked 1 file: 8 problems\n"
    )
    assert run("validate", "positions/noustaja.yaml", lang="et").stderr.endswith(
        "kontrollitud 1 fail: 8 probleemi\n"
    )
    assert run("validate", "--lang=en", "positions/noustaja.yaml", lang="et").stderr.endswith(
        "checked 1 file: 8 problems\n"
    )


def test_an_unknown_language_setting_is_reported(project: Path) -> None:
    settings(project, 'language = "fi"')
    lines = (project / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    line = lines.index('language = "fi"') + 1
    result = run("validate", lang="et")
    assert (result.exit_code, result.stderr) == (
        1,
        f'pyproject.toml:{line}: tool.ametid.language: peab olema "et" või "en"\n',
    )


def test_an_unknown_language_is_a_usage_error(project: Path) -> None:
    result = run("validate", "--lang", "fi", lang=None)
    assert (result.exit_code, result.stderr) == (
        2,
        "Kasutus: ametid validate [VÕTMED] [PATHS]...\n"
        "Abi saamiseks proovi 'ametid validate --help'.\n"
        "\n"
        "Viga: Vigane väärtus, '--lang': 'fi' ei ole üks järgmistest: 'et', 'en'.\n",
    )


def test_json_keeps_english_keys_and_codes_with_estonian_messages(bad: Path) -> None:
    result = run("validate", "--format", "json", "positions/noustaja.yaml", lang=None)
    report = json.loads(result.stdout)
    assert report["problems"][-1] == {
        "file": "positions/noustaja.yaml",
        "line": 2,
        "column": 1,
        "path": "titel",
        "place": "",
        "code": "unknown-key",
        "severity": "error",
        "message": "tundmatu väli 'titel'; kas mõtlesid 'title'?",
    }


def test_help_is_estonian_wherever_lang_stands(project: Path) -> None:
    estonian = run("validate", "--help", lang=None)
    assert estonian.stdout.startswith(
        "Kasutus: ametid validate [VÕTMED] [PATHS]...\n\n"
        "  Kontrolli ametijuhendite faile skeemi ja reeglite järgi; teata kõigist\n"
        "  probleemidest korraga.\n"
    )
    assert re.search(r"\n  -h, --help +Näita seda abiteksti ja lõpeta\.\n", estonian.stdout)
    english = run("validate", "--help", "--lang", "en", lang=None)
    assert english.stdout.startswith("Usage: ametid validate [OPTIONS] [PATHS]...\n")
    assert re.search(r"\n  -h, --help +Show this message and exit\.\n", english.stdout)


def test_the_commands_are_listed_in_estonian(project: Path) -> None:
    result = run("--help", lang=None)
    assert result.stdout.startswith(
        "Kasutus: ametid [VÕTMED] KÄSK [ARGUMENDID]...\n\n"
        "  Ametijuhendid koodina: kontrolli YAML-faile, koosta dokumendid.\n\n"
        "Võtmed:\n"
        "  --version       Näita versiooni ja lõpeta.\n"
    )
    # The column of the descriptions starts after the longest command's name.
    assert re.search(
        r"\n  validate +Kontrolli ametijuhendite faile skeemi ja reeglite järgi;", (result.stdout)
    )


def test_a_usage_error_of_click_is_estonian(project: Path) -> None:
    result = run("build", "--format", "word", lang=None)
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        "Viga: Vigane väärtus, '--format': 'word' ei ole ükski vormingutest md,html,docx,pdf",
    )


def test_build_summary_in_estonian(project: Path) -> None:
    result = run("build", "--format", "md", lang=None)
    assert (result.exit_code, result.stderr) == (
        0,
        "koostatud 4 ametijuhendit kausta build/ (md): 4 uuesti, 0 muutmata\n",
    )
