"""Building the documents: validate, render everything into a staging folder, then swap it in."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ametid import render
from ametid.docx import render_docx
from ametid.docx import template_problem as word_template_problem
from ametid.errors import Problem, display_path
from ametid.model import Position
from ametid.project import Project
from ametid.validate import validate

MARKER = ".ametid-build"
MARKER_TEXT = "This folder is written by `ametid build` and replaced whole by every build.\n"


@dataclass
class BuildResult:
    """What a build did: the problems that stopped it, or the files it wrote."""

    problems: list[Problem] = field(default_factory=list)
    positions: int = 0
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the build wrote its output."""
        return not self.problems


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out_dir(out: Path, project: Project) -> list[Problem]:
    """Refuse an output folder whose replacement would destroy something that is not a build."""
    shown = display_path(out) if out.is_absolute() else str(out)
    target = out.resolve()
    root = project.root.resolve()
    if target == Path(target.anchor) or target == Path.home().resolve():
        return [Problem(shown, message="refusing to build into the root or a home folder")]
    if _inside(root, target):
        message = "refusing to build into the project folder or one of its parents; use build/"
        return [Problem(shown, message=message)]
    for protected in project.protected_dirs:
        if _inside(target, protected.resolve()):
            message = f"refusing to build into {display_path(protected)}/, which holds sources"
            return [Problem(shown, message=message)]
    if target.exists() and not target.is_dir():
        return [Problem(shown, message="is a file, not a folder; choose another --out")]
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        message = (
            "folder exists and was not written by ametid build; "
            "choose an empty or new folder, since a build replaces it whole"
        )
        return [Problem(shown, message=message)]
    parent = target.parent
    while not parent.exists():
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        return [Problem(shown, message=f"cannot write into {display_path(parent)}")]
    return []


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")


def _render_all(
    project: Project, positions: list[Position], formats: Sequence[str], staging: Path
) -> list[str]:
    templates = project.templates_dir
    text_env = render.text_environment(templates)
    docx_env = render.docx_environment()
    written = []

    def write(relative: str, content: str | bytes) -> None:
        _write(staging / relative, content)
        written.append(relative)

    template = templates / render.DOCX_TEMPLATE
    for position in positions:
        values = render.context(position, project.organisation)
        if "md" in formats:
            content = render.render_text(text_env, render.MARKDOWN_TEMPLATE, values)
            write(f"md/{position.id}.md", content)
        if "html" in formats:
            write(
                f"html/{position.id}.html",
                render.render_text(text_env, render.HTML_TEMPLATE, values),
            )
        if "docx" in formats:
            content_bytes = render_docx(template, values, docx_env, position.title)
            write(f"docx/{position.id}.docx", content_bytes)
    if "html" in formats:
        index = {"groups": render.index_groups(positions), "organisation": project.organisation}
        write("html/index.html", render.render_text(text_env, render.INDEX_TEMPLATE, index))
    write(MARKER, MARKER_TEXT)
    return sorted(written)


def _replace(staging: Path, out: Path) -> None:
    """Move the staged build into place; the old output is removed only after the move."""
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
        os.rename(out, retired / out.name)
        os.rename(staging, out)
        shutil.rmtree(retired)
    else:
        os.rename(staging, out)


def build(
    project: Project, formats: Sequence[str], out: Path, paths: Sequence[Path] = ()
) -> BuildResult:
    """Validate, render the positions in the given formats, and replace `out` atomically."""
    problems = check_out_dir(out, project)
    if problems:
        return BuildResult(problems)
    validation = validate(project, paths)
    if not validation.ok:
        return BuildResult(validation.problems)
    word_template = project.templates_dir / render.DOCX_TEMPLATE
    trouble = word_template_problem(word_template) if "docx" in formats else None
    if trouble:
        return BuildResult([Problem(display_path(word_template), message=trouble)])
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        staging.chmod(0o755)
        try:
            files = _render_all(project, validation.positions, formats, staging)
        except Exception as error:
            problem = render.template_problem(error, project.templates_dir)
            if problem is None:
                raise
            return BuildResult([problem])
        _replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return BuildResult(positions=len(validation.positions), files=files)
