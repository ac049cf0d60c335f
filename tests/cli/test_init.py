"""`ametid init`: a new agency's repository, by the files it writes and the exact messages."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ametid import __version__
from support.cli import run
from support.paths import REPO

AGENCY = "Maksu- ja Tolliamet"
SHIPPED = sorted(
    path.relative_to(REPO).as_posix()
    for folder in ("schema", "templates", "data")
    for path in (REPO / folder).rglob("*")
    if path.is_file()
)
WRITTEN = sorted(
    [
        *SHIPPED,
        ".gitattributes",
        ".gitignore",
        "JUHEND.md",
        "README.md",
        "positions/personalispetsialist.yaml",
        "pyproject.toml",
    ]
)
GITHUB = ".github/workflows/ametijuhendid.yml"
GITLAB = ".gitlab-ci.yml"


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_a_repository_that_builds(here: Path) -> None:
    result = run("init", "agency", "--organisation", AGENCY)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"started an ametid repository in agency/: {len(WRITTEN) + 1} files, "
        "the example positions/personalispetsialist.yaml\n"
        "next: cd agency && ametid build\n",
    )
    agency = here / "agency"
    assert files(agency) == sorted([*WRITTEN, GITHUB])
    settings = tomllib.loads((agency / "pyproject.toml").read_text(encoding="utf-8"))
    assert settings == {
        "tool": {
            "ametid": {
                "organisation": AGENCY,
                "out": "build",
                "formats": ["md", "html", "docx"],
                "language": "et",
                "review_months": 12,
            }
        }
    }
    with contextlib.chdir(agency):
        assert run("validate").stderr == "checked 1 file: no problems\n"
        built = run("build")
    assert (built.exit_code, built.stderr) == (
        0,
        "built 1 position into build/ (md, html, docx): 1 rendered, 0 unchanged\n",
    )
    page = (agency / "build" / "md" / "personalispetsialist.md").read_text(encoding="utf-8")
    assert AGENCY in page and "Personalispetsialist" in page


def test_the_copies_are_the_packages_schema_templates_and_standard_texts(here: Path) -> None:
    run("init", "--organisation", AGENCY)
    for path in SHIPPED:
        if path != "data/units.yaml":
            assert (here / path).read_bytes() == (REPO / path).read_bytes(), path


def test_the_unit_register_starts_with_the_examples_unit(here: Path) -> None:
    run("init", "--organisation", AGENCY)
    assert (here / "data" / "units.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema/units.schema.json\n"
        "# The agency's structure: departments, their divisions and teams, in the order the index\n"
        "# and the export show them. `unit` in a position names one of these, outermost first.\n"
        "units:\n"
        '  - name: "Personaliosakond"\n'
    )
    assert run("validate").exit_code == 0


def test_the_example_is_the_standard_texts_with_its_own_content(here: Path) -> None:
    run("init", "--organisation", AGENCY)
    example = (here / "positions" / "personalispetsialist.yaml").read_text(encoding="utf-8")
    assert example.startswith(
        "# yaml-language-server: $schema=../schema/position.schema.json\n"
        "title: Personalispetsialist\n"
        "unit: [Personaliosakond]\n"
        "manager: Personalijuht\n"
    )
    # From data/standard.yaml: the closing note and the language requirement.
    assert example.endswith(
        "review_note: Ametijuhend vaadatakse üle kord aastas või töökorralduse muutumisel.\n"
    )
    assert "    - text: Eesti keele oskus vähemalt tasemel C1.\n      level: C1\n" in example


def test_the_readme_and_the_guide_are_for_hr_in_estonian(here: Path) -> None:
    run("init", "--organisation", AGENCY)
    readme = (here / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {AGENCY}: ametijuhendid\n")
    assert f'pip install "ametid=={__version__}"' in readme
    assert "[JUHEND.md](JUHEND.md)" in readme
    guide = (here / "JUHEND.md").read_text(encoding="utf-8")
    for heading in (
        "## 2. Muutmine veebis (GitHub)",
        "## 3. Muutmine VS Code'is",
        "## 4. Vigade lugemine",
        "## 5. Ülevaatuse kommentaar",
    ):
        assert f"\n{heading}\n" in guide
    assert "@" not in readme.replace("@version", "") and "@organisation@" not in guide


def test_the_organisation_is_asked_for(here: Path) -> None:
    result = run("init", answer="Sotsiaalministeerium\n")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "Organisation (printed at the top of every document): Sotsiaalministeerium\n"
        "started an ametid repository in ./"
    )
    settings = tomllib.loads((here / "pyproject.toml").read_text(encoding="utf-8"))
    assert settings["tool"]["ametid"]["organisation"] == "Sotsiaalministeerium"


def test_without_a_terminal_the_organisation_must_be_given(here: Path) -> None:
    result = run("init", answer="")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: give the agency's name with --organisation NAME\n")
    assert files(here) == []


def test_quotes_and_backslashes_in_the_name_stay_as_typed(here: Path) -> None:
    name = 'MTÜ "Tugi" \\ Abi'
    assert run("init", "--organisation", name).exit_code == 0
    settings = tomllib.loads((here / "pyproject.toml").read_text(encoding="utf-8"))
    assert settings["tool"]["ametid"]["organisation"] == name


def test_an_empty_name_is_refused(here: Path) -> None:
    result = run("init", "--organisation", "  ")
    assert (result.exit_code, result.stderr) == (
        1,
        "--organisation: the organisation is empty; give the agency's name\n",
    )
    assert files(here) == []


@pytest.mark.parametrize(("ci", "written"), [("gitlab", [GITLAB]), ("none", [])])
def test_the_ci_file_of_its_choice(here: Path, ci: str, written: list[str]) -> None:
    assert run("init", "--organisation", AGENCY, "--ci", ci).exit_code == 0
    assert files(here) == sorted([*WRITTEN, *written])


def test_nothing_is_replaced_and_nothing_written_when_files_exist(here: Path) -> None:
    (here / "README.md").write_text("# Meie hoidla\n", encoding="utf-8")
    (here / "templates").mkdir()
    (here / "templates" / "layout.yaml").write_text("minu: kujundus\n", encoding="utf-8")
    result = run("init", "--organisation", AGENCY)
    assert (result.exit_code, result.stderr) == (
        1,
        "README.md: exists; ametid init writes only new files: "
        "move it away or choose another folder\n"
        "templates/layout.yaml: exists; ametid init writes only new files: "
        "move it away or choose another folder\n",
    )
    assert files(here) == ["README.md", "templates/layout.yaml"]
    assert (here / "README.md").read_text(encoding="utf-8") == "# Meie hoidla\n"


def test_a_git_repository_with_other_files_is_fine(here: Path) -> None:
    (here / ".git").mkdir()
    (here / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (here / ".github" / "workflows").mkdir(parents=True)
    (here / ".github" / "workflows" / "other.yml").write_text("name: other\n", encoding="utf-8")
    assert run("init", "--organisation", AGENCY).exit_code == 0
    assert (here / ".github" / "workflows" / "other.yml").is_file()
    assert (here / GITHUB).is_file()


def test_an_existing_project_points_to_upgrade(project: Path) -> None:
    result = run("init", "--organisation", AGENCY)
    assert (result.exit_code, result.stderr) == (
        1,
        ".: already holds an ametid project; `ametid init --upgrade` compares its templates "
        "and schema with the package's\n",
    )


def test_a_file_is_not_a_folder(here: Path) -> None:
    (here / "agency").write_text("", encoding="utf-8")
    result = run("init", "agency", "--organisation", AGENCY)
    assert result.exit_code == 2
    assert "'agency' is a file." in result.stderr


@pytest.mark.parametrize(
    ("ci", "path", "schema"),
    [("github", GITHUB, "vendor.github-workflows"), ("gitlab", GITLAB, "vendor.gitlab-ci")],
)
def test_the_ci_files_pass_their_platforms_schemas(
    here: Path, ci: str, path: str, schema: str
) -> None:
    run("init", "--organisation", AGENCY, "--ci", ci)
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(checker), "--builtin-schema", schema, path],
        cwd=here,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (0, "ok -- validation done\n"), done.stderr


def test_the_check_of_the_ci_files_catches_a_mistake(here: Path) -> None:
    run("init", "--organisation", AGENCY, "--ci", "gitlab")
    text = (here / GITLAB).read_text(encoding="utf-8")
    (here / GITLAB).write_text(text.replace("allow_failure: true", "allow_failure: sometimes"))
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.gitlab-ci", GITLAB],
        cwd=here,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1


@pytest.mark.parametrize(("ci", "path"), [("github", GITHUB), ("gitlab", GITLAB)])
def test_the_readme_shows_the_ci_files_as_init_writes_them(here: Path, ci: str, path: str) -> None:
    run("init", "--organisation", AGENCY, "--ci", ci)
    written = (here / path).read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"```yaml\n{written}```\n" in readme


def test_upgrade_with_nothing_to_do(here: Path) -> None:
    run("init", "--organisation", AGENCY)
    result = run("init", "--upgrade")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"the schema and templates are those of ametid {__version__}: nothing to upgrade\n",
    )


def restyled(here: Path) -> None:
    """An agency's own changes: a colour, a removed partial and a Word template edited in Word."""
    run("init", "--organisation", AGENCY)
    style = here / "templates" / "site" / "_style.css"
    style.write_text(
        style.read_text(encoding="utf-8").replace("--ink: #1a1a1a;", "--ink: #000000;")
    )
    (here / "templates" / "diff" / "_diff.j2").unlink()
    word = here / "templates" / "document" / "position.docx"
    word.write_bytes(word.read_bytes() + b"\0")
    (here / "templates" / "site" / "logo.svg").write_text("<svg/>", encoding="utf-8")


def test_upgrade_shows_what_differs_and_asks(here: Path) -> None:
    restyled(here)
    result = run("init", "--upgrade", answer="\n")
    assert result.exit_code == 0
    assert result.stdout == (
        "templates/diff/_diff.j2: missing here; the package's copy would be added\n"
        "templates/document/position.docx: differs (a Word file, not shown line by line)\n"
        "--- templates/site/_style.css (this repository)\n"
        f"+++ templates/site/_style.css (ametid {__version__})\n"
        "@@ -1,6 +1,6 @@\n"
        " /* One stylesheet for the position pages and the index, "
        "inlined so every page stands alone. */\n"
        " :root {\n"
        "-  --ink: #000000;\n"
        "+  --ink: #1a1a1a;\n"
        "   --muted: #4a4a4a;\n"
        "   --rule: #b8b8b8;\n"
        "   --accent: #0b4f8a;\n"
    )
    assert result.stderr == (
        f"Replace 3 files with ametid {__version__}'s? [y/N]: \n"
        f"3 files differ from ametid {__version__}'s; nothing replaced "
        "(`ametid init --upgrade --apply` replaces them)\n"
    )
    assert "#000000" in (here / "templates" / "site" / "_style.css").read_text(encoding="utf-8")


def test_upgrade_applies_the_packages_copies_on_request(here: Path) -> None:
    restyled(here)
    result = run("init", "--upgrade", answer="y\n")
    assert result.exit_code == 0
    assert result.stderr == (
        f"Replace 3 files with ametid {__version__}'s? [y/N]: y\n"
        "added templates/diff/_diff.j2\n"
        "replaced templates/document/position.docx\n"
        "replaced templates/site/_style.css\n"
        f"upgraded 3 files to ametid {__version__}'s; "
        "review the change with git diff before committing it\n"
    )
    for path in SHIPPED:
        if path.startswith(("schema/", "templates/")):
            assert (here / path).read_bytes() == (REPO / path).read_bytes(), path
    # The agency's own template stays.
    assert (here / "templates" / "site" / "logo.svg").read_text(encoding="utf-8") == "<svg/>"


def test_upgrade_apply_does_not_ask(here: Path) -> None:
    restyled(here)
    result = run("init", "--upgrade", "--apply")
    assert result.exit_code == 0
    assert "Replace" not in result.stderr
    assert run("init", "--upgrade").stderr.endswith("nothing to upgrade\n")


def test_upgrade_ignores_windows_line_ends(here: Path) -> None:
    run("init", "--organisation", AGENCY)
    layout = here / "templates" / "layout.yaml"
    layout.write_bytes(layout.read_bytes().replace(b"\n", b"\r\n"))
    assert run("init", "--upgrade").stderr.endswith("nothing to upgrade\n")


def test_upgrade_keeps_the_standard_texts(here: Path) -> None:
    run("init", "--organisation", AGENCY)
    (here / "data" / "standard.yaml").write_text("rights: [Meie õigus.]\n", encoding="utf-8")
    assert run("init", "--upgrade").stderr.endswith("nothing to upgrade\n")


def test_upgrade_outside_a_project(here: Path) -> None:
    result = run("init", "--upgrade")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "no pyproject.toml with a [tool.ametid] section here or in any parent folder\n"
    )


def test_apply_goes_with_upgrade(here: Path) -> None:
    result = run("init", "--apply", "--organisation", AGENCY)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: --apply goes with --upgrade\n")
    assert files(here) == []


def test_init_into_the_working_copy_of_this_repository_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(REPO / "templates", copy / "templates")
    with contextlib.chdir(copy):
        result = run("init", "--organisation", AGENCY)
    assert result.exit_code == 1
    assert result.stderr.count(": exists; ametid init writes only new files") == len(
        [p for p in SHIPPED if p.startswith("templates/")]
    )
