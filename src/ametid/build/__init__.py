"""Building the documents: validate, render what changed into a staging folder, swap it in.

The positions are read and checked once (`check.validation`); every changed position is then
rendered from that one parse in every format, each format behind the same call (`render`).
Unchanged positions — the same file, or the same data, linking to the same pages — are not
parsed: their files are hard-linked from the previous output, as its manifest lists them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2

from ametid.build import manifest
from ametid.build.staging import MANIFEST, Staging, check_out_dir, locked, remove_stale
from ametid.check.checker import Checker, project_checker
from ametid.check.validation import each_checked, reference_problems
from ametid.core.files import os_problem, write_file
from ametid.core.formats import FORMAT_NAMES, FORMATS, INDEX_PAGE, output_path
from ametid.core.language import gettext as _
from ametid.core.layout import Layout, read_layout
from ametid.core.model import Position
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.progress import SILENT, Progress
from ametid.core.project import Project
from ametid.render import environment, pages
from ametid.render.index import index_fields
from ametid.render.job import Job, Renderer
from ametid.render.links import link_targets, position_links
from ametid.render.orgchart import DOT, dot_problem
from ametid.render.pdf_export import SOFFICE, PdfDocuments, soffice_problem
from ametid.render.unit_pages import render_unit_pages
from ametid.render.word import WordDocuments
from ametid.render.word import template_problem as word_template_problem


@dataclass
class BuildResult:
    """What a build did: the problems that stopped it, or how many positions it built."""

    problems: list[Problem] = field(default_factory=list)
    positions: int = 0
    rendered: int = 0
    removed: list[str] = field(default_factory=list)  # formats the previous output had

    @property
    def ok(self) -> bool:
        """True when the build wrote its output."""
        return not self.problems


def _preflight(project: Project, formats: Sequence[str], out: Path) -> list[Problem]:
    """What stops a build before it reads a position: the output folder, the Word template,
    LibreOffice for PDF."""
    problems = check_out_dir(out, project)
    if problems:
        return problems
    word_template = project.templates_dir / environment.DOCX_TEMPLATE
    if "docx" in formats or "pdf" in formats:
        trouble = word_template_problem(word_template, parts=False)
        if trouble:
            return [Problem(display_path(word_template), message=trouble, code="template")]
    missing = soffice_problem() if "pdf" in formats else None
    if missing:
        return [Problem(SOFFICE, message=missing, code="pdf")]
    missing = dot_problem() if "html" in formats else None
    return [Problem(DOT, message=missing, code="graphviz")] if missing else []


def _renderers(
    project: Project, formats: Sequence[str], staging: Staging, text_env: jinja2.Environment
) -> dict[str, Renderer]:
    word = WordDocuments(
        project.templates_dir / environment.DOCX_TEMPLATE,
        project.organisation,
        read_layout(project.templates_dir),
    )
    organisation = project.organisation
    every: dict[str, Renderer] = {
        "md": pages.markdown_pages(text_env, organisation, formats),
        "html": pages.html_pages(text_env, organisation, formats),
        "docx": word,
        "pdf": PdfDocuments(word, staging.out.parent, staging.work_prefix),
    }
    return {fmt: every[fmt] for fmt in FORMATS if fmt in formats}


def _complete(position: Position, checker: Checker) -> Position:
    """A position with its whole data: unchanged files carry only what the manifest kept, and
    are read again only when their pages must be rendered anew (the pages they link to moved)."""
    if position.complete:
        return position
    raw, _problems = checker.read(position.path, position.display)
    data, problems = checker.check_bytes(raw, position.display) if raw else (None, [])
    if raw is None or hashlib.sha256(raw).hexdigest() != position.digest or problems or not data:
        message = _("the file changed while it was being built; build again")
        raise AmetidError([Problem(position.display, message=message, code="changed")])
    return replace(position, data=data, complete=True)


def _unchanged(entry: Any, position: Position, links: Mapping[str, str]) -> bool:
    """Whether the previous build's files of a position are still right: same bytes, or other
    bytes (a comment, a line break) giving the same data, and the same links."""
    return (
        isinstance(entry, dict)
        and (
            entry.get("digest") == position.digest
            or entry.get("data_digest") == position.data_digest
        )
        and entry.get("links") == links
    )


@dataclass(frozen=True)
class _Previous:
    """The previous build: its manifest's entries, what the file system said of each of its
    files, its folder, and whether each reused file is read whole to check its digest."""

    entries: Mapping[str, Any]
    state: Mapping[str, list[int]]
    out: Path
    verify: bool
    found: dict[str, list[int]] = field(default_factory=dict)  # what `intact` saw of each file

    def intact(self, entry: Mapping[str, Any], outputs: Sequence[str]) -> bool:
        """Whether a position's previous files are as that build left them: the size, time and
        inode it recorded (and, to verify, the digest), so a hand-edited file is not reused."""
        recorded = entry["outputs"]
        for relative in outputs:
            info = recorded.get(relative)
            path = os.path.join(self.out, relative)
            try:
                found = manifest.stat_record(path)
            except OSError:
                return False
            if info is None or found[0] != info["size"] or self.state.get(relative) != found:
                return False
            self.found[relative] = found
            if self.verify and manifest.file_digest(path) != info["sha256"]:
                return False
        return True


@dataclass
class _Checked:
    """What a build holds of its valid positions while it renders: for each, what the index and
    the links need; for the ones read anew, also their whole data, packed."""

    kept: list[Position] = field(default_factory=list)
    packed: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _check(
    project: Project, paths: Sequence[Path], known: Mapping[str, Any], layout: Layout
) -> _Checked:
    """Validate position by position, keeping no more of each than the build needs."""
    checked = _Checked()
    for item in each_checked(project, paths, known):
        if isinstance(item, Problem):
            checked.problems.append(item)
            continue
        position = item
        if position.complete:
            checked.packed[position.id] = Job.of(position).packed
            fields = index_fields(position.data, layout)
            digest = manifest.data_digest_of(position.data)
            position = replace(position, data=fields, data_digest=digest, complete=False)
        checked.kept.append(position)
    if not checked.problems:
        checked.problems += reference_problems(project, checked.kept, whole=not paths)
    checked.problems.sort(key=lambda problem: problem.file)
    return checked


def _template_cache(out: Path) -> Path | None:
    """The folder beside the output where compiled templates are kept, or None if it cannot be
    made (the build then compiles them, as without a cache)."""
    folder = out.parent / f".{out.name}.templates"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return folder


def _render(
    project: Project,
    naming: Sequence[str],
    checked: _Checked,
    formats: Sequence[str],
    staging: Staging,
    previous: _Previous,
    progress: Progress,
) -> tuple[int, dict[str, dict[str, Any]]]:
    """Render into `staging` what cannot be reused; return how many positions were rendered
    and the manifest entries of every position."""
    checker = project_checker(project)
    targets = link_targets(checked.kept)
    jobs: list[Job] = []
    entries: dict[str, dict[str, Any]] = {}
    for position in checked.kept:
        links = position_links(position, targets, naming)
        outputs = [output_path(fmt, position.id) for fmt in FORMATS if fmt in formats]
        entry = previous.entries.get(position.id)
        files: dict[str, Any] = {}
        if (
            entry is not None
            and _unchanged(entry, position, links)
            and previous.intact(entry, outputs)
            and staging.reuse(outputs)
        ):
            files = {relative: entry["outputs"][relative] for relative in outputs}
        else:
            packed = checked.packed.get(position.id)
            if packed is None:
                jobs.append(Job.of(_complete(position, checker), links))
            else:
                jobs.append(Job(position.id, position.path, position.display, packed, links))
        entries[position.id] = {
            "digest": position.digest,
            "data_digest": position.data_digest,
            "data": position.data,
            "links": links,
            "outputs": files,
        }
    pages_built = "md" in formats or "html" in formats
    cache = _template_cache(staging.out) if pages_built else None
    text_env = environment.text_environment(project.templates_dir, cache)
    for fmt, renderer in _renderers(project, formats, staging, text_env).items():
        rendered = progress.track(
            renderer.render(jobs),
            len(jobs),
            _("rendering {format}").format(format=_(FORMAT_NAMES[fmt])),
        )
        for job, content in rendered:
            relative = output_path(fmt, job.id)
            staging.write(relative, content)
            entries[job.id]["outputs"][relative] = manifest.file_record(content)
    if "html" in formats:
        index = pages.index_page(text_env, project.organisation, checked.kept, checker.register)
        staging.write(INDEX_PAGE, index)
        units = render_unit_pages(text_env, project.organisation, checked.kept, checker.register)
        for relative, page in units:
            staging.write(relative, page)
    return len(jobs), entries


def build(
    project: Project,
    formats: Sequence[str],
    out: Path,
    paths: Sequence[Path] = (),
    progress: Progress = SILENT,
    *,
    verify: bool = False,
) -> BuildResult:
    """Validate, render the positions in the given formats, and replace `out` atomically;
    with `verify`, every reused file of the previous output is read whole to check it."""
    try:
        return _build(project, formats, out, paths, progress, verify)
    except AmetidError as error:
        return BuildResult(error.problems)
    except OSError as error:
        return BuildResult([os_problem(error)])


def _build(
    project: Project,
    formats: Sequence[str],
    out: Path,
    paths: Sequence[Path],
    progress: Progress,
    verify: bool,
) -> BuildResult:
    problems = _preflight(project, formats, out)
    if problems:
        return BuildResult(problems)
    out = out.resolve()
    with locked(out):
        remove_stale(out)
        key = manifest.fingerprint(project, formats)
        entries, state = manifest.previous(out, key)
        previous = _Previous(entries, state, out, verify)
        known = {entry["digest"]: entry for entry in entries.values()}
        layout = read_layout(project.templates_dir)
        naming = layout.naming_keys
        checked = _check(project, paths, known, layout)
        if checked.problems:
            return BuildResult(checked.problems)
        with Staging(out) as staging:
            try:
                rendered, entries = _render(
                    project, naming, checked, formats, staging, previous, progress
                )
            except AmetidError as error:
                return BuildResult(error.problems)
            except Exception as error:
                problem = environment.template_problem(error, project.templates_dir)
                if problem is None:
                    raise
                return BuildResult([problem])
            manifest_text = manifest.text(key, entries)
            staging.write(MANIFEST, manifest_text)
            # Renaming the staging folder into place keeps every file's time and inode, and a
            # file linked from the previous output is the same file, as `intact` saw it.
            stats: dict[str, list[int]] = {}
            for entry in entries.values():
                for relative in entry["outputs"]:
                    seen = previous.found.get(relative)
                    if seen is None or relative in staging.copied:
                        seen = manifest.stat_record(os.path.join(staging.folder, relative))
                    stats[relative] = seen
            removed = [fmt for fmt in FORMATS if fmt not in formats and (out / fmt).is_dir()]
            staging.commit()
        _record_state(out, manifest.state_text(manifest_text, stats))
    return BuildResult(positions=len(checked.kept), rendered=rendered, removed=removed)


def _record_state(out: Path, text: str) -> None:
    """Record the output files' sizes, times and inodes; a build that cannot has still
    succeeded, and the next one renders everything again."""
    try:
        write_file(manifest.state_path(out), text, force=True)
    except AmetidError:
        manifest.state_path(out).unlink(missing_ok=True)
