"""Other readers of the schema give ametid's verdict: check-jsonschema reads every position and
every negative case as ametid does, and ajv in strict mode accepts the schema itself.

check-jsonschema (from PyPI) reads YAML with ruamel.yaml, as an editor-independent second
reader; ajv-cli is installed from npm with axe-core (tests/browser/package.json). The cases
where the verdicts differ are exactly those the README lists under "How files are read".
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import run
from support.paths import DATA, REPO
from support.project import make_project

SCHEMA = REPO / "schema" / "position.schema.json"
UNITS_SCHEMA = REPO / "schema" / "units.schema.json"
NODE_BIN = REPO / "tests" / "browser" / "node_modules" / ".bin"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
NEGATIVE = sorted(path for path in (DATA / "negative").iterdir() if path.is_dir())

# The negative cases the schema cannot refuse, because what is wrong is not the data a YAML
# reader makes of the file (each is a rule of ametid, listed in the README).
NOT_THE_SCHEMAS = {
    "anchor-and-alias": "anchors and aliases are valid YAML; ametid refuses them",
    "file-name-backslash": "the file name",
    "file-name-unicode": "the file name",
    "file-name-upper-case": "the file name",
    "file-name-with-space": "the file name",
    "yml-extension": "the file name",
    "language-level-not-in-text": "the level must occur in the text",
    "placeholder-left": "a placeholder left",
    "over-size-limit": "the size limit",
    "utf16-with-bom": "YAML may be UTF-16; ametid asks for UTF-8",
    "forgotten-dash-right": "a plain text over several lines in a list",
    "forgotten-dash-result": "a plain text over several lines in a list",
    "result-indented-deeper": "a plain text over several lines in a list",
    "dash-in-purpose": "a plain text with a line starting '- '",
    "library-broken-file": "the library file is broken, not the position",
    "library-duplicate-name": "the library file, not the position",
    "library-not-a-block-item": "the library file, not the position",
    "library-unknown-kind": "the library file, not the position",
    "manager-leaves-out-subordinate": "a reference between two files",
    "manager-outside-the-units-line": "a reference between two files",
    "reference-to-no-position-when-strict": "a reference to the other files",
    "subordinate-names-another-manager": "a reference between two files",
    "substitute-for-not-named-back": "a reference between two files",
    "substitute-not-named-back": "a reference between two files",
    "unit-level-not-registered": "the unit register",
    "unit-not-registered": "the unit register",
    "unit-typo": "the unit register",
}


# What a negative case may carry beside its bad file: its settings, library, register, and the
# positions it refers to.
CASE_EXTRAS = ("expected.txt", "pyproject.toml", "library", "units.yaml", "others")


def bad_file(case: Path) -> Path:
    [found] = [path for path in case.iterdir() if path.name not in CASE_EXTRAS]
    return found


def check_jsonschema(files: list[Path], schema: Path = SCHEMA) -> set[str]:
    """The files check-jsonschema finds invalid (or cannot read)."""
    assert CHECK_JSONSCHEMA.is_file(), "check-jsonschema is missing: run make test"
    done = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), "-o", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    return {
        entry["filename"] for kind in ("errors", "parse_errors") for entry in report.get(kind, [])
    }


def test_the_exceptions_are_negative_cases() -> None:
    assert set(NOT_THE_SCHEMAS) <= {case.name for case in NEGATIVE}


def test_check_jsonschema_agrees_on_every_position_and_negative_case() -> None:
    positions = sorted((REPO / "positions").glob("*.yaml"))
    cases = {case.name: bad_file(case) for case in NEGATIVE}
    invalid = check_jsonschema([*positions, *cases.values()])
    assert [str(path) for path in positions if str(path) in invalid] == []
    disagree = {
        name: str(path) not in invalid
        for name, path in cases.items()
        if (str(path) not in invalid) != (name in NOT_THE_SCHEMAS)
    }
    assert disagree == {}


NUMBERS = {
    # form: (ametid says valid, check-jsonschema says valid) for `directive: <form>`
    "012": (False, False),
    "0o17": (False, False),
    "0x1F": (False, False),
    "1e3": (False, False),
    '"012"': (True, True),
    # Where ruamel.yaml keeps YAML 1.1's rules, against YAML 1.2 core: README, "How files are read".
    "0b11": (True, False),
    "1_000": (True, False),
}


@pytest.mark.parametrize("form", NUMBERS)
def test_numbers_get_one_verdict(
    form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project")
    monkeypatch.chdir(root)
    path = root / "positions" / "ekspert-noustamismetoodikad.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'directive: "53"' in text
    path.write_text(text.replace('directive: "53"', f"directive: {form}"), encoding="utf-8")
    ametid_valid = run("validate", str(path)).exit_code == 0
    other_valid = str(path) not in check_jsonschema([path])
    assert (ametid_valid, other_valid) == NUMBERS[form]


def test_check_jsonschema_agrees_on_the_unit_registers() -> None:
    registers = [REPO / "data" / "units.yaml", *sorted(DATA.glob("negative/*/units.yaml"))]
    assert check_jsonschema(registers, UNITS_SCHEMA) == set()


@pytest.mark.parametrize("schema", [SCHEMA, UNITS_SCHEMA], ids=["position", "units"])
def test_ajv_in_strict_mode_accepts_the_schema(schema: Path) -> None:
    ajv = NODE_BIN / "ajv"
    assert ajv.is_file(), "ajv-cli is missing: run make test (npm ci in tests/browser)"
    assert shutil.which("node"), "node is missing: run make test"
    done = subprocess.run(
        [
            str(ajv),
            "compile",
            "--spec=draft2020",
            "--strict=true",
            "-c",
            "ajv-formats",
            "-c",
            "./editor-keywords.js",
            "-s",
            str(schema),
        ],
        cwd=REPO / "tests" / "browser",
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, f"schema {schema} is valid\n")
