"""ametid build: reproducible bytes, all-or-nothing output, guarded output folders, text as data."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ametid.build.staging import check_out_dir
from ametid.core.project import find_project
from support.cli import run
from support.documents import docx_text, html_text, markdown_rendered, tree
from support.ooxml import assert_valid_docx
from support.positions import UNIT_PAGES


def leftovers(project: Path) -> list[str]:
    """Staging or retired folders a build left beside its output (the lock file, the state file
    and the compiled templates stay)."""
    return sorted(
        p.name
        for p in project.iterdir()
        if p.name.startswith(".build.") and p.suffix in (".tmp", ".old") and p.is_dir()
    )


def test_two_builds_in_different_seconds_and_time_zones_are_identical(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    assert run("build", "--out", "first").exit_code == 0
    time.sleep(1.1)
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        assert run("build", "--out", "second").exit_code == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    first, second = tree(project / "first"), tree(project / "second")
    assert len(first) == 14 + len(UNIT_PAGES)
    assert first == second


def test_paths_build_only_those_positions(project: Path) -> None:
    result = run("build", "--format", "md,html", "positions/projektijuht.yaml")
    assert result.exit_code == 0
    assert sorted(tree(project / "build")) == [
        ".ametid-build",
        "html/index.html",
        "html/projektijuht.html",
        "html/units/ohvriabi-ja-ennetusteenuste-osakond-arendustalitus-tugitiim.html",
        "html/units/ohvriabi-ja-ennetusteenuste-osakond-arendustalitus.html",
        "html/units/ohvriabi-ja-ennetusteenuste-osakond.html",
        "md/projektijuht.md",
    ]
    assert "Projektijuht" in html_text(project / "build" / "html" / "index.html")


def test_a_second_build_replaces_the_first(project: Path) -> None:
    assert run("build", "--format", "md").exit_code == 0
    (project / "positions" / "projektijuht.yaml").unlink()
    assert run("build", "--format", "md").exit_code == 0
    assert "md/projektijuht.md" not in tree(project / "build")
    assert leftovers(project) == []


BROKEN_TEMPLATES = {
    "undefined variable": (
        "document/position.md",
        "# {{ position.title }}\n{{ position.no_such_key }}\n",
        "templates/document/position.md:2: template error: "
        "'dict object' has no attribute 'no_such_key'",
    ),
    "syntax error": (
        "document/position.html",
        "<p>{{ position.title }</p>\n",
        "templates/document/position.html:1: template error: unexpected '}'",
    ),
    "missing index": ("site/index.html", None, "templates/site/index.html: template not found"),
    "word template is not a docx": (
        "document/position.docx",
        "not a zip",
        "templates/document/position.docx: not a Word document (.docx): File is not a zip file",
    ),
}


@pytest.mark.parametrize("case", BROKEN_TEMPLATES, ids=list(BROKEN_TEMPLATES))
def test_a_failed_render_leaves_the_previous_output(project: Path, case: str) -> None:
    assert run("build").exit_code == 0
    before = tree(project / "build")
    name, content, message = BROKEN_TEMPLATES[case]
    template = project / "templates" / name
    if content is None:
        template.unlink()
    else:
        template.write_text(content, encoding="utf-8")

    result = run("build")

    assert result.exit_code == 1
    assert result.stderr == f"{message}\nbuild failed: nothing was written\n"
    assert tree(project / "build") == before
    assert leftovers(project) == []


def test_a_word_template_with_a_bad_tag(project: Path) -> None:
    import zipfile

    source = project / "templates" / "document" / "position.docx"
    broken = project / "broken.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(broken, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{ position.title }}", b"{{ position.title ", 1)
            new.writestr(item, data)
    broken.replace(source)
    result = run("build", "--format", "docx")
    assert result.exit_code == 1
    assert result.stderr.startswith("templates/document/position.docx: template error: ")
    assert result.stderr.endswith("build failed: nothing was written\n")
    assert not (project / "build").exists()


@pytest.mark.parametrize(
    "out",
    [".", "..", "positions", "positions/..", "templates", "schema", "src", "tests", "positions/x"],
)
def test_output_folders_that_hold_sources_are_refused(project: Path, out: str) -> None:
    (project / "src").mkdir()
    (project / "tests").mkdir()
    before = tree(project)
    result = run("build", "--out", out)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{out}: refusing to build into ")
    assert tree(project) == before


def test_a_symlink_to_a_source_folder_is_refused(project: Path) -> None:
    (project / "link").symlink_to(project / "positions")
    result = run("build", "--out", "link")
    assert result.exit_code == 1
    assert result.stderr.startswith("link: refusing to build into positions/")


def test_root_and_home_are_refused_by_the_guard(project: Path) -> None:
    settings = find_project(project)
    for folder in (Path("/"), Path.home()):
        problems = check_out_dir(folder, settings)
        assert [p.message for p in problems] == ["refusing to build into the root or a home folder"]


def test_an_output_that_is_a_file_is_refused(project: Path) -> None:
    (project / "build").write_text("notes", encoding="utf-8")
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr == (
        "build: is a file, not a folder; choose another --out\nbuild failed: nothing was written\n"
    )
    assert (project / "build").read_text(encoding="utf-8") == "notes"


def test_a_folder_not_written_by_a_build_is_not_replaced(project: Path) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "notes.md").write_text("keep me", encoding="utf-8")
    result = run("build", "--out", "docs")
    assert result.exit_code == 1
    assert "was not written by ametid build" in result.stderr
    assert (project / "docs" / "notes.md").read_text(encoding="utf-8") == "keep me"


def test_an_unwritable_parent_is_refused(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests may run as root, who can write anywhere, so the permission answer is stubbed.
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    result = run("build", "--out", "new/build")
    assert result.exit_code == 1
    assert result.stderr == ("new/build: cannot write into .\nbuild failed: nothing was written\n")


HOSTILE = (
    "Eesmärk <script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %} & <b> "
    "]]></w:t><w:p/> <?xml?> **rõhk** [link](javascript:alert(1)) # pealkiri"
)


def test_text_is_data_in_every_format(project: Path) -> None:
    path = project / "positions" / "projektijuht.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("purpose:")
    end = text.index("\nduties:")
    path.write_text(f"{text[:start]}purpose: '{HOSTILE}'{text[end:]}", encoding="utf-8")

    assert run("build").exit_code == 0

    build = project / "build"
    markdown = (build / "md" / "projektijuht.md").read_text(encoding="utf-8")
    assert HOSTILE in markdown_rendered(markdown)[0]
    page = (build / "html" / "projektijuht.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in page
    assert HOSTILE in html_text(build / "html" / "projektijuht.html")
    assert HOSTILE in docx_text(build / "docx" / "projektijuht.docx")
    assert_valid_docx([build / "docx" / "projektijuht.docx"])


def test_line_breaks_and_tabs_in_a_value_become_word_breaks_and_tabs(project: Path) -> None:
    import zipfile

    path = project / "positions" / "projektijuht.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("tools:")
    end = text.index("\namendment_rules:")
    path.write_text(
        f'{text[:start]}tools: "Arvuti\\nTelefon\\tvõrgus"{text[end:]}', encoding="utf-8"
    )
    assert run("build", "--format", "docx").exit_code == 0
    with zipfile.ZipFile(project / "build" / "docx" / "projektijuht.docx") as package:
        document = package.read("word/document.xml").decode("utf-8")
    assert "Arvuti</w:t><w:br/>" in document
    assert "<w:tab/>" in document
    assert "võrgus" in docx_text(project / "build" / "docx" / "projektijuht.docx")
    assert_valid_docx([project / "build" / "docx" / "projektijuht.docx"])


def line_of(project: Path, key: str) -> int:
    """The line of a setting in the project's pyproject.toml."""
    lines = (project / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(f"{key} ="))


def settings(project: Path, line: str) -> None:
    """Add a line to the project's [tool.ametid] settings."""
    path = project / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[tool.ametid]\n", f"[tool.ametid]\n{line}\n"), encoding="utf-8")


def test_the_formats_of_the_settings_are_built_without_format(project: Path) -> None:
    settings(project, 'formats = ["md", "html"]')
    result = run("build")
    assert (result.exit_code, result.stderr) == (
        0,
        "built 4 positions into build/ (md, html): 4 rendered, 0 unchanged\n",
    )
    assert sorted(path.name for path in (project / "build").iterdir()) == [
        ".ametid-build",
        "html",
        "md",
    ]


def test_build_says_which_formats_it_removed(project: Path) -> None:
    assert run("build", "--format", "md,html,docx").exit_code == 0
    result = run("build", "--format", "md")
    assert (result.exit_code, result.stderr) == (
        0,
        "removed build/html/: html is not among the formats of this build; give it in --format "
        "or tool.ametid.formats to keep it\n"
        "removed build/docx/: docx is not among the formats of this build; give it in --format "
        "or tool.ametid.formats to keep it\n"
        "built 4 positions into build/ (md): 4 rendered, 0 unchanged\n",
    )
    assert not (project / "build" / "docx").exists()


@pytest.mark.parametrize("value", ['["md", "word"]', "[]", '"md"'])
def test_formats_in_the_settings_must_be_known(project: Path, value: str) -> None:
    settings(project, f"formats = {value}")
    result = run("build")
    assert (result.exit_code, result.stderr) == (
        1,
        f"pyproject.toml:{line_of(project, 'formats')}: tool.ametid.formats: should be a list of "
        'formats, of "md", "html", "docx", "pdf"\n',
    )
