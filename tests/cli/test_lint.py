"""`ametid lint`, by its exact output on the four positions, and its figures on the corpus.

Estonian morphology (Vabamorf through EstNLTK) takes seconds to load; it is loaded once per
process, and every test that needs it is in this file, so once per test session.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ametid.lint import morphology
from support.cli import run

REPO = Path(__file__).resolve().parents[2]

SEEDS = (
    "positions/ekspert-kvaliteet-ja-seire.yaml:51:9: 2.5 Oodatav tulemus 2 (duties[4].results[1]): "
    "the other items of this list end otherwise; end this one alike: "
    "“Välja on kujunenud koostööpartnerite võrgustik.”\n"
    "positions/ekspert-noustamismetoodikad.yaml:45:9: 2.5 Oodatav tulemus 1 "
    "(duties[4].results[0]): the result repeats its task (2.5 Ülesanne); say what the result "
    "is: what is done, in place or working\n"
    "positions/projektijuht.yaml:18:19: 2.1 Oodatav tulemus 1 (duties[0].results[0]): a particle "
    "verb as the predicate is written apart: “on õigeaegselt välja selgitatud”, not "
    "“on õigeaegselt väljaselgitatud”\n"
    "positions/projektijuht.yaml:25:29: 2.2 Oodatav tulemus 1 (duties[1].results[0]): a particle "
    "verb as the predicate is written apart: “on välja töötatud”, not “on väljatöötatud”\n"
    "positions/projektijuht.yaml:61:46: 2.8 Oodatav tulemus 1 (duties[7].results[0]): "
    "“õieaegselt” is a known wrong form; write “õigeaegselt”\n"
    "positions/teenuseomanik-taastav-oigus.yaml:94:46: 2.9 Oodatav tulemus 1 "
    "(duties[8].results[0]): “õieaegselt” is a known wrong form; write “õigeaegselt”\n"
)


@pytest.fixture
def linted(project: Path) -> Path:
    """The scratch project with the repository's word lists and baseline."""
    shutil.copytree(REPO / "data" / "lint", project / "data" / "lint")
    shutil.copy(REPO / "lint-baseline.json", project / "lint-baseline.json")
    return project


def test_every_finding_on_the_four_positions(linted: Path) -> None:
    result = run("lint", "--no-baseline")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == SEEDS + "checked 4 files: 6 findings\n"


def test_the_baseline_knows_the_findings_of_the_four_positions(linted: Path) -> None:
    result = run("lint", "positions/")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "checked 4 files: no findings (6 more known from the baseline)\n",
    )


def test_a_new_finding_fails_beside_the_known_ones(linted: Path) -> None:
    path = linted / "positions" / "projektijuht.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Ülesanded on teostatud", "Ülesanded on läbiviidud")
    path.write_text(
        text.replace("Sotsiaalkindlustusamet on", "Sotsiaalkindlustusamet  on"), "utf-8"
    )
    result = run("lint")
    assert result.exit_code == 1
    assert result.stderr == (
        "positions/projektijuht.yaml:31:9: 2.3 Oodatav tulemus 1 (duties[2].results[0]): "
        "two spaces between words; write “Sotsiaalkindlustusamet on”\n"
        "positions/projektijuht.yaml:75:19: 2.11 Oodatav tulemus 1 (duties[10].results[0]): "
        "a particle verb as the predicate is written apart: “on läbi viidud”, not "
        "“on läbiviidud”\n"
        "checked 4 files: 2 findings (6 more known from the baseline)\n"
    )


def test_findings_in_estonian(linted: Path) -> None:
    result = run("lint", "--no-baseline", "positions/teenuseomanik-taastav-oigus.yaml", lang=None)
    assert result.stderr == (
        "positions/teenuseomanik-taastav-oigus.yaml:94:46: 2.9 Oodatav tulemus 1 "
        "(duties[8].results[0]): „õieaegselt” on teadaolevalt vale vorm; kirjuta „õigeaegselt”\n"
        "kontrollitud 1 fail: 1 leid\n"
    )


def test_findings_as_json(linted: Path) -> None:
    result = run("lint", "--format", "json", "--no-baseline", "positions/projektijuht.yaml")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["files"] == 1
    assert [(p["line"], p["column"], p["code"]) for p in report["problems"]] == [
        (18, 19, "particle-verb"),
        (25, 29, "particle-verb"),
        (61, 46, "wrong-form"),
    ]


def test_write_baseline_records_every_finding(linted: Path) -> None:
    (linted / "lint-baseline.json").unlink()
    result = run("lint", "--write-baseline")
    assert (result.exit_code, result.stderr) == (0, "recorded 6 findings in the baseline\n")
    written = (linted / "lint-baseline.json").read_text(encoding="utf-8")
    assert written == (REPO / "lint-baseline.json").read_text(encoding="utf-8")


def test_write_baseline_of_one_file_keeps_what_the_others_have(linted: Path) -> None:
    path = linted / "positions" / "projektijuht.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("õieaegselt", "õigeaegselt"), encoding="utf-8")
    result = run("lint", "--write-baseline", "positions/projektijuht.yaml")
    assert (result.exit_code, result.stderr) == (0, "recorded 5 findings in the baseline\n")
    recorded = json.loads((linted / "lint-baseline.json").read_text(encoding="utf-8"))
    assert [(entry["file"], entry["code"]) for entry in recorded["findings"]] == [
        ("positions/ekspert-kvaliteet-ja-seire.yaml", "end-punctuation"),
        ("positions/ekspert-noustamismetoodikad.yaml", "result-restates-task"),
        ("positions/projektijuht.yaml", "particle-verb"),
        ("positions/projektijuht.yaml", "particle-verb"),
        ("positions/teenuseomanik-taastav-oigus.yaml", "wrong-form"),
    ]


def test_unknown_words_with_suggestions_and_the_projects_own_words(linted: Path) -> None:
    path = linted / "positions" / "projektijuht.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Ülesanded on teostatud", "Ülesanded SKAISis on analüsitud"), "utf-8"
    )
    result = run("lint", "positions/projektijuht.yaml")
    assert result.stderr == (
        "positions/projektijuht.yaml:75:30: 2.11 Oodatav tulemus 1 (duties[10].results[0]): "
        "unknown or misspelt word “analüsitud”; did you mean “analüüsitud”?\n"
        "checked 1 file: 1 finding (3 more known from the baseline)\n"
    )


def test_without_morphology_the_other_checks_run(
    linted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ametid.lint.load", lambda: None)
    result = run("lint", "--no-baseline", "positions/projektijuht.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "the spelling and particle-verb checks need Estonian morphology, which is not installed: "
        "pip install 'ametid[lint]'; the other checks ran\n"
        "positions/projektijuht.yaml:61:46: 2.8 Oodatav tulemus 1 (duties[7].results[0]): "
        "“õieaegselt” is a known wrong form; write “õigeaegselt”\n"
        "checked 1 file: 1 finding\n"
    )


def test_the_extra_is_missing_when_estnltk_cannot_be_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in [name for name in sys.modules if name.startswith("estnltk.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "estnltk", None)  # so Python says it is not installed
    assert morphology.load.__wrapped__() is None


def test_vabamorf_loads_without_the_rest_of_estnltk() -> None:
    code = (
        "import sys\n"
        "from ametid.lint.morphology import load\n"
        "assert load().misspelt(['analüsib']) == {'analüsib': ('analüüsib',)}\n"
        "print(sorted(name for name in sys.modules if name.startswith(('estnltk', 'pandas'))))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert shown == (
        "['estnltk.vabamorf', 'estnltk.vabamorf._vabamorf', 'estnltk.vabamorf.morf', "
        "'estnltk.vabamorf.vabamorf']\n"
    )


def test_recall_and_precision_on_the_corpus() -> None:
    spec = importlib.util.spec_from_file_location(
        "lint_report", REPO / "scripts" / "lint_report.py"
    )
    assert spec is not None and spec.loader is not None
    report = importlib.util.module_from_spec(spec)
    sys.modules["lint_report"] = report  # for its dataclass
    spec.loader.exec_module(report)
    score = report.score()
    assert (score.expected, len(score.missed), len(score.false)) == (40, 1, 0)
    assert score.recall >= 0.9
    assert score.precision >= 0.95
    assert score.corrected == score.right


def test_a_broken_baseline_is_named(linted: Path) -> None:
    (linted / "lint-baseline.json").write_text('{"findings": [{"file": 1}]}', encoding="utf-8")
    result = run("lint")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "lint-baseline.json: not a baseline of ametid lint; write it again with --write-baseline\n",
    )


def test_a_wrong_lint_setting_is_named(linted: Path) -> None:
    pyproject = linted / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text + '\n[tool.ametid.lint]\nword = "sõnad.txt"\n', encoding="utf-8")
    result = run("lint")
    assert (result.exit_code, result.stderr) == (
        1,
        "pyproject.toml: tool.ametid.lint.word: unknown 'word'; did you mean 'words'?\n",
    )


def test_a_broken_word_list_is_named(linted: Path) -> None:
    (linted / "data" / "lint" / "words.txt").write_text("SKAIS\nSTAR PSK\n", encoding="utf-8")
    result = run("lint")
    assert (result.exit_code, result.stderr) == (
        1,
        "data/lint/words.txt:2: one word a line; split this line, or remove the space\n",
    )
