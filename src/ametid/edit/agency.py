"""Starting an agency's repository: its settings, an example position, copies of the package's
schema, templates and standard texts (so the agency can restyle its own), a README and a guide
for HR, and the CI file of its choice. `ametid build` works there with no other step.

Every file is written into a work folder first and checked there (the example position is
validated, the settings read back), then moved into place; nothing is ever replaced.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ametid import __version__
from ametid.check import rules
from ametid.check.units import REGISTER_FILE, REGISTER_SCHEMA
from ametid.check.validation import validate
from ametid.core.files import put
from ametid.core.guard import check_new_project
from ametid.core.language import gettext as _
from ametid.core.layout import read_layout
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project, find_project, organisation_problem
from ametid.core.shipped import shipped_files
from ametid.edit.skeleton import merge, standard_texts
from ametid.source import loader
from ametid.source.dumper import dump_position

CI_CHOICES = ("github", "gitlab", "none")
# The files of a new repository that come from edit/scaffold/, by their place there.
SCAFFOLD = {
    "README.md": "README.md",
    "JUHEND.md": "JUHEND.md",
    "gitignore": ".gitignore",
    "gitattributes": ".gitattributes",
}
SETTINGS = ("pyproject.toml.in", "pyproject.toml")
CI_FILES = {
    "github": ("github-workflow.yml", ".github/workflows/ametijuhendid.yml"),
    "gitlab": ("gitlab-ci.yml", ".gitlab-ci.yml"),
}
EXAMPLE = "example.yaml"
SCHEMA_LINK = "../schema/position.schema.json"


@dataclass(frozen=True)
class Started:
    """A repository that `ametid init` started: where, and the files it wrote."""

    root: Path
    written: tuple[str, ...]
    example: str


def _scaffold(name: str) -> str:
    return resources.files("ametid.edit").joinpath("scaffold", name).read_text(encoding="utf-8")


def _filled(text: str, organisation: str) -> str:
    return text.replace("@organisation@", organisation).replace("@version@", __version__)


def _example() -> dict[str, Any]:
    raw = resources.files("ametid.edit").joinpath(EXAMPLE).read_bytes()
    document, problems = loader.parse(raw, EXAMPLE)
    if document is None or problems:
        raise AmetidError(problems)
    return dict(document.data)


def starter_register(unit: list[str]) -> str:
    """A new agency's unit register: the example position's unit, for the agency to extend."""
    lines = [
        f"# yaml-language-server: $schema=../{REGISTER_SCHEMA}",
        "# The agency's structure: departments, their divisions and teams, in the order the index",
        "# and the export show them. `unit` in a position names one of these, outermost first.",
        "units:",
    ]
    for depth, name in enumerate(unit):
        indent = "  " * (2 * depth)
        if depth:
            lines.append(f"{indent}units:")
        lines.append(f"{indent}  - name: {json.dumps(name, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def scaffold_files(organisation: str, ci: str) -> dict[str, str]:
    """The texts of the new repository beside the shipped folders, by their path there."""
    files = {
        target: _filled(_scaffold(source), organisation) for source, target in SCAFFOLD.items()
    }
    # A JSON string is a TOML basic string: quotes, backslashes and control characters escaped.
    quoted = json.dumps(organisation, ensure_ascii=False)
    files[SETTINGS[1]] = _scaffold(SETTINGS[0]).replace("@organisation@", quoted)
    if ci in CI_FILES:
        source, target = CI_FILES[ci]
        files[target] = _filled(_scaffold(source), organisation)
    return files


def _conflicts(folder: Path, paths: list[str]) -> list[Problem]:
    if folder.exists() and not folder.is_dir():
        message = _("is a file; choose a folder")
        return [Problem(display_path(folder), message=message, code="not-a-folder")]
    problems = []
    settings = folder / SETTINGS[1]
    if settings.is_file() and _has_settings(settings):
        message = _(
            "already holds an ametid project; `ametid init --upgrade` compares its templates "
            "and schema with the package's"
        )
        return [Problem(display_path(folder), message=message, code="exists")]
    for path in paths:
        target = folder / path
        if target.exists() or target.is_symlink():
            message = _(
                "exists; ametid init writes only new files: move it away or choose another folder"
            )
            problems.append(Problem(display_path(target), message=message, code="exists"))
    return problems


def _has_settings(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "ametid" in tool


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            put(target, content)  # into the work folder, whose files are all new
        except AmetidError as error:
            # Named as the file it was for, not as the work folder's.
            shown = display_path(folder.parent / path)
            raise AmetidError([Problem(shown, message=error.problems[0].message)]) from None


def _add_example(work: Path, organisation: str) -> str:
    """Write the example position into the work folder, checked; return its path there."""
    project = Project(work, organisation)
    data = merge(standard_texts(project), _example())
    path = f"positions/{rules.suggest_id(data['title'])}{rules.SUFFIX}"
    text = dump_position(data, read_layout(project.templates_dir).order, SCHEMA_LINK)
    _write(work, {path: text})
    return path


def _check(work: Path, organisation: str) -> None:
    """Refuse to finish unless the new repository's settings and example read back as meant."""
    project = find_project(work)
    problems = list(validate(project, ()).problems)
    if project.root != work.resolve() or project.organisation != organisation:
        message = _("does not read back as written")
        problems.append(Problem(SETTINGS[1], message=message, code="not-as-written"))
    if problems:
        raise AmetidError(problems)


def _move(work: Path, folder: Path, paths: list[str]) -> None:
    """Move every file from the work folder into place; undo all of it if one move fails."""
    moved: list[Path] = []
    try:
        for path in paths:
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(work / path, target)
            moved.append(target)
    except BaseException:
        for target in moved:
            target.unlink(missing_ok=True)
        raise


def start_agency(folder: Path, organisation: str, ci: str) -> Started:
    """Start an agency's repository in `folder` (made if missing); nothing there is replaced."""
    organisation = " ".join(organisation.split())
    if not organisation:
        message = _("the organisation is empty; give the agency's name")
        raise AmetidError([Problem("--organisation", message=message, code="empty-organisation")])
    trouble = organisation_problem(organisation)
    if trouble:
        raise AmetidError([Problem("--organisation", message=trouble, code="bad-organisation")])
    refused = check_new_project(folder)
    if refused:
        raise AmetidError(refused)
    if ci not in CI_CHOICES:
        message = _("is one of {choices}").format(choices=", ".join(CI_CHOICES))
        raise AmetidError([Problem("--ci", message=message, code="unknown-ci")])
    files: dict[str, str | bytes] = {**shipped_files(), **scaffold_files(organisation, ci)}
    # The package's register is its own agency's; a new agency starts from its example's unit.
    files[REGISTER_FILE] = starter_register([str(name) for name in _example()["unit"]])
    example = f"positions/{rules.suggest_id(str(_example()['title']))}{rules.SUFFIX}"
    problems = _conflicts(folder, sorted([*files, example]))
    if problems:
        raise AmetidError(problems)
    made = [each for each in (folder, *folder.parents) if not each.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".ametid-init-", suffix=".tmp", dir=folder))
    finished = False
    try:
        _write(work, files)
        written = _add_example(work, organisation)
        _check(work, organisation)
        paths = sorted([*files, written])
        _move(work, folder, paths)
        finished = True
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for each in made if not finished else ():
            with contextlib.suppress(OSError):
                each.rmdir()  # the folders made for it, innermost first
    return Started(folder, tuple(paths), written)
