"""Building the documents: validate, render what changed into a staging folder, swap it in.

A build holds a lock beside the output folder, so two builds of the same output run one after
the other. It stages the new output beside the old one, hard-links the files of unchanged
positions from the old output (the manifest says which), renders the rest, and exchanges the
staging folder with the output in one step. A failed or interrupted build removes its staging
folder and leaves the old output as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from ametid import __version__
from ametid.build.staging import exchange
from ametid.check.validation import validate
from ametid.core.formats import FORMATS
from ametid.core.model import Position
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project
from ametid.render import environment, pdf_export
from ametid.render.links import link_targets, position_links
from ametid.render.word import WordTemplate
from ametid.render.word import template_problem as word_template_problem
from ametid.source import loader

MANIFEST = ".ametid-build"
# The libraries whose version can change the bytes of an output or the data read from a file.
RENDERING_LIBRARIES = (
    "jinja2",
    "docxtpl",
    "python-docx",
    "lxml",
    "pyyaml",
    "jsonschema-rs",
    "pikepdf",
)
# Below this many Word documents, starting worker processes costs more than it saves.
POOL_THRESHOLD = 16
_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@dataclass
class BuildResult:
    """What a build did: the problems that stopped it, or how many positions it built."""

    problems: list[Problem] = field(default_factory=list)
    positions: int = 0
    rendered: int = 0

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
    if target.is_dir() and any(target.iterdir()) and not (target / MANIFEST).is_file():
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


def fingerprint(project: Project, formats: Sequence[str]) -> str:
    """What every output depends on besides its position: a change to any of it rebuilds all."""
    digest = hashlib.sha256()

    def add(*parts: str | bytes) -> None:
        for part in parts:
            data = part.encode("utf-8") if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)

    add("ametid", __version__, ",".join(sorted(formats)), project.organisation)
    add(str(project.max_file_bytes))
    for library in RENDERING_LIBRARIES:
        add(library, metadata.version(library))
    add(project.schema_path.read_bytes())
    for path in sorted(project.templates_dir.rglob("*")):
        if path.is_file():
            add(path.relative_to(project.templates_dir).as_posix(), path.read_bytes())
    return digest.hexdigest()


def _outputs(position_id: str, formats: Sequence[str]) -> list[str]:
    return [f"{fmt}/{position_id}.{fmt}" for fmt in FORMATS if fmt in formats]


def _previous(out: Path, key: str) -> dict[str, Any]:
    """The positions of the previous build, when it was made with the same fingerprint."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict) or manifest.get("fingerprint") != key:
        return {}
    positions = manifest.get("positions")
    return positions if isinstance(positions, dict) else {}


def _manifest(key: str, positions: list[Position], links: dict[str, dict[str, str]]) -> str:
    entries = {
        p.id: {
            "digest": p.digest,
            "data_digest": p.data_digest,
            "data": p.data,
            "links": links[p.id],
        }
        for p in positions
    }
    document = {
        "about": "Written by ametid build; the output folder is replaced whole by every build.",
        "fingerprint": key,
        "positions": entries,
    }
    # Compact on purpose: with `indent`, json falls back from its C encoder to a Python one that
    # is twenty times slower, which a no-op build of a thousand positions would notice.
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold the lock of an output folder; a second build of it waits here."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with (out.parent / f".{out.name}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _remove_stale(out: Path) -> None:
    """Remove staging folders of builds that were killed before they could clean up."""
    for pattern in (f".{out.name}.*.tmp", f".{out.name}.*.old"):
        for stale in out.parent.glob(pattern):
            shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Keep SIGINT and SIGTERM waiting while the output is swapped, so it is never half done."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _swap_in(staging: Path, out: Path) -> None:
    with _signals_held():
        if not out.exists():
            os.rename(staging, out)
        elif exchange(staging, out):
            shutil.rmtree(staging)  # it now holds the previous output
        else:
            retired = staging.with_suffix(".old")
            os.rename(out, retired)
            os.rename(staging, out)
            shutil.rmtree(retired)


class _Writer:
    """Puts files into the staging folder, either newly rendered or linked from the old output."""

    def __init__(self, staging: Path, previous_out: Path) -> None:
        self.staging = staging
        self.previous_out = previous_out
        self._folders: set[str] = set()

    def _target(self, relative: str) -> str:
        folder = os.path.dirname(relative)
        if folder not in self._folders:
            os.makedirs(os.path.join(self.staging, folder), exist_ok=True)
            self._folders.add(folder)
        return os.path.join(self.staging, relative)

    def write(self, relative: str, content: str | bytes) -> None:
        """Write one rendered file."""
        target = self._target(relative)
        if isinstance(content, bytes):
            with open(target, "wb") as handle:
                handle.write(content)
        else:
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)

    def reuse(self, relatives: list[str]) -> bool:
        """Link the given files from the previous output; False if any of them is missing."""
        sources = [os.path.join(self.previous_out, relative) for relative in relatives]
        if not all(os.path.isfile(source) for source in sources):
            return False
        for relative, source in zip(relatives, sources, strict=True):
            target = self._target(relative)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        return True


def full_data(position: Position, max_bytes: int) -> dict[str, Any]:
    """Read a validated position's whole data again, checking that the file did not change."""
    raw, problems = loader.read_bytes(position.path, position.display, max_bytes)
    document = None
    if raw is not None and hashlib.sha256(raw).hexdigest() == position.digest:
        document, problems = loader.parse(raw, position.display)
    if document is None or problems:
        message = "the file changed while it was being built; build again"
        raise AmetidError([Problem(position.display, message=message)])
    return dict(document.data)


# A Word job: the position (summary and where its file is), the organisation, the size limit.
_Job = tuple[Position, str, int]
_worker_template: WordTemplate | None = None


def _start_worker(template: Path) -> None:
    global _worker_template
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means
    _worker_template = WordTemplate(template, environment.docx_environment())


def _render_word(word: WordTemplate, job: _Job) -> bytes:
    position, organisation, max_bytes = job
    whole = replace(position, data=full_data(position, max_bytes))
    return word.render(environment.context(whole, organisation), whole.title)


def _render_in_worker(job: _Job) -> bytes:
    assert _worker_template is not None
    return _render_word(_worker_template, job)


def _word_documents(template: Path, jobs: list[_Job]) -> Iterator[bytes]:
    """Render Word documents in order, on every core when there are enough of them.

    Workers are started afresh ("spawn") rather than forked, so they do not carry a copy of
    everything the parent holds, and each reads its own positions' files.
    """
    if not jobs:
        return
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < POOL_THRESHOLD or workers < 2:
        word = WordTemplate(template, environment.docx_environment())
        for job in jobs:
            yield _render_word(word, job)
        return
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(template,),
    )
    try:
        yield from pool.map(_render_in_worker, jobs, chunksize=8)
    finally:
        # On an interrupt or error, drop the queued documents instead of rendering them all.
        pool.shutdown(wait=True, cancel_futures=True)


def _write_word_and_pdf(
    project: Project, changed: list[Position], formats: Sequence[str], writer: _Writer
) -> None:
    """Render the Word documents of the changed positions, and convert them when PDF is asked."""
    template = project.templates_dir / environment.DOCX_TEMPLATE
    jobs = [(p, project.organisation, project.max_file_bytes) for p in changed]
    documents = zip(changed, _word_documents(template, jobs), strict=True)
    if "pdf" not in formats:
        for position, document in documents:
            writer.write(f"docx/{position.id}.docx", document)
        return
    with tempfile.TemporaryDirectory(
        prefix=f".{writer.previous_out.name}.", suffix=".tmp", dir=writer.staging.parent
    ) as work:
        conversion = pdf_export.Conversion(Path(work))
        for position, document in documents:
            if "docx" in formats:
                writer.write(f"docx/{position.id}.docx", document)
            conversion.add(position.id, document, position.display)
        by_id = {position.id: position for position in changed}
        for name, raw in conversion.run():
            position = by_id[name]
            created = position.data.get("approval", {}).get("date")
            writer.write(f"pdf/{name}.pdf", pdf_export.settle(raw, position.title, created))


def _render_all(
    project: Project,
    positions: list[Position],
    formats: Sequence[str],
    writer: _Writer,
    previous: dict[str, Any],
    links: dict[str, dict[str, str]],
) -> int:
    """Render the positions whose output cannot be reused; return how many were rendered."""
    text_env = environment.text_environment(project.templates_dir)
    changed = []
    for position in positions:
        entry = previous.get(position.id)
        # Same bytes, or other bytes (a comment, a line break) that give the same data; and the
        # names in it link to the same pages as before.
        unchanged = (
            isinstance(entry, dict)
            and (
                entry.get("digest") == position.digest
                or entry.get("data_digest") == position.data_digest
            )
            and entry.get("links") == links[position.id]
        )
        if not (unchanged and writer.reuse(_outputs(position.id, formats))):
            changed.append(position)
    if "md" in formats or "html" in formats:
        for position in changed:
            whole = replace(position, data=full_data(position, project.max_file_bytes))
            values = environment.context(whole, project.organisation, formats, links[position.id])
            if "md" in formats:
                content = environment.render_text(text_env, environment.MARKDOWN_TEMPLATE, values)
                writer.write(f"md/{position.id}.md", content)
            if "html" in formats:
                content = environment.render_text(text_env, environment.HTML_TEMPLATE, values)
                writer.write(f"html/{position.id}.html", content)
    if "docx" in formats or "pdf" in formats:
        _write_word_and_pdf(project, changed, formats, writer)
    if "html" in formats:
        index = {
            "groups": environment.index_groups(positions),
            "count": len(positions),
            "organisation": project.organisation,
        }
        writer.write(
            "html/index.html", environment.render_text(text_env, environment.INDEX_TEMPLATE, index)
        )
    return len(changed)


def build(
    project: Project, formats: Sequence[str], out: Path, paths: Sequence[Path] = ()
) -> BuildResult:
    """Validate, render the positions in the given formats, and replace `out` atomically."""
    problems = check_out_dir(out, project)
    if problems:
        return BuildResult(problems)
    out = out.resolve()
    word_template = project.templates_dir / environment.DOCX_TEMPLATE
    word_needed = "docx" in formats or "pdf" in formats
    trouble = word_template_problem(word_template) if word_needed else None
    if trouble:
        return BuildResult([Problem(display_path(word_template), message=trouble)])
    missing = pdf_export.soffice_problem() if "pdf" in formats else None
    if missing:
        return BuildResult([Problem(pdf_export.SOFFICE, message=missing)])
    with _locked(out):
        _remove_stale(out)
        key = fingerprint(project, formats)
        previous = _previous(out, key)
        known = {e["digest"]: e for e in previous.values() if isinstance(e, dict)}
        validation = validate(project, paths, known, keep=environment.index_fields)
        if not validation.ok:
            return BuildResult(validation.problems)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
        try:
            staging.chmod(0o755)
            writer = _Writer(staging, out)
            targets = link_targets(validation.positions)
            links = {p.id: position_links(p.id, p.data, targets) for p in validation.positions}
            try:
                rendered = _render_all(
                    project, validation.positions, formats, writer, previous, links
                )
            except AmetidError as error:
                return BuildResult(error.problems)
            except Exception as error:
                problem = environment.template_problem(error, project.templates_dir)
                if problem is None:
                    raise
                return BuildResult([problem])
            writer.write(MANIFEST, _manifest(key, validation.positions, links))
            _swap_in(staging, out)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
    return BuildResult(positions=len(validation.positions), rendered=rendered)
