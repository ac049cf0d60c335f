"""`ametid directive`: the directive approving positions, its annexes and the signing container.

The positions it approves are those whose `approval` names it (by number and date): each is
its annex, as the number there says, rendered as `build` renders it (the Word template and
LibreOffice), its "Lisa N" approval block included. The directive's own document comes from
templates/document/directive.docx and the wording in data/directive.yaml. Everything goes into
one folder, beside the build output and never inside it, and is reproducible byte for byte.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ametid.check.validation import validate
from ametid.core.approval import APPROVAL, approval_state
from ametid.core.files import write_files
from ametid.core.guard import Policy, require_folder
from ametid.core.language import gettext as _
from ametid.core.language import noop as N_
from ametid.core.layout import read_layout
from ametid.core.model import Position
from ametid.core.problems import AmetidError, Problem, display_path, errors
from ametid.core.project import Project
from ametid.directive.container import PDF, SUFFIX, Member, container_bytes
from ametid.directive.contents import Annex, DirectiveText, directive_text, revoked_item
from ametid.directive.earlier import earlier_approvals, repository_of
from ametid.directive.wording import read_wording
from ametid.history.git import Repository
from ametid.render import environment
from ametid.render.job import Job
from ametid.render.pdf_export import SOFFICE, Conversion, settle, soffice_problem
from ametid.render.word import WordDocuments, WordTemplate

DIRECTIVES = "kaskkirjad"  # the default folder of directives, one folder each inside it
DIRECTIVE_TEMPLATE = "document/directive.docx"
WRITE = Policy(N_("write the directive into"), sources=False)
SIGNATURES = "META-INF/signatures"  # DigiDoc4's signatures0.xml, signatures1.xml …
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def safe_name(number: str) -> str:
    """A directive number as part of a file name: "1-1/53" -> "1-1-53"."""
    return _UNSAFE.sub("-", number).strip("-.")


def default_out(project: Project, number: str) -> Path:
    """Where a directive's files go without --out: kaskkirjad/<number>/."""
    return project.root / DIRECTIVES / safe_name(number)


def directive_name(number: str) -> str:
    """The directive's own files, without the suffix: kaskkiri-<number>."""
    return f"kaskkiri-{safe_name(number)}"


def annex_name(annex: Annex) -> str:
    """An annex's files, without the suffix: lisa-<N>-<position id>."""
    return f"lisa-{annex.number}-{annex.id}"


@dataclass(frozen=True)
class Papers:
    """The directive's files: by file name, the bytes; and the folder they go into."""

    out: Path
    files: dict[str, bytes]
    text: DirectiveText


def _problem(position: Position, message: str, code: str) -> Problem:
    return Problem(position.display, path=APPROVAL, message=message, code=code)


def approved_positions(
    project: Project, number: str, date: str, paths: Sequence[Path]
) -> list[tuple[Annex, Position]]:
    """The positions the directive approves, in annex order; every refusal at once."""
    checked = validate(project, paths)
    if not checked.ok:  # notes do not stop it
        raise AmetidError(errors(checked.problems))
    layout = read_layout(project.templates_dir)
    problems: list[Problem] = []
    found: list[tuple[Annex, Position]] = []
    for position in checked.positions:
        approval = position.data.get(APPROVAL)
        if not isinstance(approval, dict) or approval.get("directive") != number:
            if paths:
                message = _(
                    "is not approved by directive {number}; "
                    "approve it first: ametid approve --directive {number} --date {date} FILES"
                ).format(number=number, date=date)
                problems.append(_problem(position, message, "not-in-directive"))
            continue
        if approval.get("date") != date:
            message = _(
                "is approved by directive {number} of {approved}, not of {date}; "
                "check the directive's date"
            ).format(number=number, approved=approval.get("date"), date=date)
            problems.append(_problem(position, message, "directive-date"))
            continue
        if not approval_state(position.data, layout).approved:
            message = _(
                "has changed since directive {number} approved it; "
                "approve it again before writing the directive"
            ).format(number=number)
            problems.append(_problem(position, message, "changed-since-approval"))
            continue
        annex = approval.get("annex")
        if annex is None or not str(annex).isdigit() or int(str(annex)) < 1:
            message = _(
                "its approval names no annex number; approve it with the directive's other "
                "positions: ametid approve --directive {number} --date {date} FILES"
            ).format(number=number, date=date)
            problems.append(_problem(position, message, "no-annex"))
            continue
        found.append((Annex(int(str(annex)), position.id, position.title), position))
    if not found and not problems:
        message = _(
            "no position is approved by directive {number}; "
            "approve them first: ametid approve --directive {number} --date {date} FILES"
        ).format(number=number, date=date)
        shown = display_path(project.positions_dir)
        problems.append(Problem(shown, message=message, code="not-in-directive"))
    found.sort(key=lambda pair: pair[0].number)
    problems = problems or _numbering_problems(found)
    if problems:
        raise AmetidError(problems)
    return found


def _numbering_problems(found: Sequence[tuple[Annex, Position]]) -> list[Problem]:
    """Annexes must be numbered 1, 2 … without a gap or a number given twice."""
    problems = []
    seen: dict[int, Position] = {}
    for annex, position in found:
        if annex.number in seen:
            message = _("is annex {annex} of the directive, as {other} is; approve them again")
            message = message.format(annex=annex.number, other=seen[annex.number].display)
            problems.append(_problem(position, message, "annex-twice"))
        seen[annex.number] = position
    missing = [n for n in range(1, len(found) + 1) if n not in seen]
    if missing and not problems:
        message = _(
            "no position is annex {annex} of the directive; name every position it approves, "
            "or approve them again"
        ).format(annex=missing[0])
        problems.append(_problem(found[0][1], message, "annex-gap"))
    return problems


def revoked_items(
    project: Project,
    approved: Sequence[tuple[Annex, Position]],
    repository: Repository | None,
    revision: str = "HEAD",
) -> list[str]:
    """The earlier approvals the directive replaces, in the order of its annexes."""
    wording = read_wording(project)
    positions = [position for _annex, position in approved]
    earlier = earlier_approvals(project, positions, repository, revision)
    return [
        revoked_item(wording, *earlier[position.id])
        for _annex, position in approved
        if position.id in earlier
    ]


def directive_docx(project: Project, text: DirectiveText) -> bytes:
    """The directive's Word document, from the project's templates/document/directive.docx."""
    template = project.templates_dir / DIRECTIVE_TEMPLATE
    if not template.is_file():
        message = _("template not found; copy it from a new repository made with ametid init")
        raise AmetidError([Problem(display_path(template), message=message, code="template")])
    try:
        return WordTemplate(template, environment.docx_environment()).render(
            text.context(), text.title
        )
    except Exception as error:
        # A template HR restyled in Word can break; its error is shown, not a traceback.
        problem = environment.template_problem(error, project.templates_dir)
        if problem is None:
            raise
        shown = display_path(template)
        raise AmetidError([Problem(shown, message=problem.message, code="template")]) from None


def render_documents(
    project: Project,
    text: DirectiveText | None,
    annexes: Sequence[tuple[str, Position]],
    work: Path,
) -> dict[str, bytes]:
    """Word and PDF of the directive (unless None) and of each annex, named as given, by file
    name; each annex as `build` renders its position, dated as its approval is."""
    files: dict[str, bytes] = {}
    titles: dict[str, tuple[str, str | None]] = {}
    if text is not None:
        own = directive_name(text.number)
        files[f"{own}.docx"] = directive_docx(project, text)
        titles[own] = (text.title, text.date)
    word = WordDocuments(
        project.templates_dir / environment.DOCX_TEMPLATE,
        project.organisation,
        read_layout(project.templates_dir),
    )
    names = {position.id: name for name, position in annexes}
    for job, document in word.render([Job.of(position) for _name, position in annexes]):
        assert isinstance(document, bytes)
        files[f"{names[job.id]}.docx"] = document
        data = job.position.data
        titles[names[job.id]] = (str(data["title"]), data.get(APPROVAL, {}).get("date"))
    missing = soffice_problem()
    if missing:
        raise AmetidError([Problem(SOFFICE, message=missing, code="pdf")])
    conversion = Conversion(work)
    for name in titles:
        conversion.add(name, files[f"{name}.docx"], f"{name}.docx")
    for name, raw in conversion.run():
        files[f"{name}.pdf"] = settle(raw, *titles[name])
    return files


def render_papers(
    project: Project, text: DirectiveText, approved: Sequence[tuple[Annex, Position]], work: Path
) -> dict[str, bytes]:
    """The directive's Word and PDF, each annex's, and the container, by file name."""
    annexes = [(annex_name(annex), position) for annex, position in approved]
    files = render_documents(project, text, annexes, work)
    pdfs = [directive_name(text.number), *(name for name, _position in annexes)]
    members = [Member(f"{name}.pdf", PDF, files[f"{name}.pdf"]) for name in pdfs]
    files[f"{directive_name(text.number)}{SUFFIX}"] = container_bytes(members)
    return files


def _keep_signed(container: Path) -> None:
    """Refuse to write over a container that has been signed (DigiDoc4 signs it in place)."""
    try:
        with zipfile.ZipFile(container) as archive:
            signed = any(name.startswith(SIGNATURES) for name in archive.namelist())
    except (OSError, zipfile.BadZipFile, EOFError):
        return  # none there, or not a container: written over like the other files
    if signed:
        message = _(
            "is signed; ametid does not write over a signed container: "
            "move it to the document register, or choose another --out"
        )
        raise AmetidError([Problem(display_path(container), message=message, code="signed")])


def write_papers(
    project: Project,
    number: str,
    date: str,
    paths: Sequence[Path] = (),
    revokes: Sequence[str] | None = None,
    out: Path | None = None,
) -> Papers:
    """Write the directive, its annexes and its container into `out`; nothing half written."""
    if not safe_name(number):
        message = _("the directive's number has no letter or digit")
        raise AmetidError([Problem("--number", message=message, code="directive-number")])
    folder = out if out is not None else default_out(project, number)
    require_folder(folder, project, WRITE)
    _keep_signed(folder / f"{directive_name(number)}{SUFFIX}")
    wording = read_wording(project)  # its problems before the positions'
    approved = approved_positions(project, number, date, paths)
    if revokes is None:
        revokes = revoked_items(project, approved, repository_of(project))
    annexes = [annex for annex, _position in approved]
    text = directive_text(wording, project.organisation, number, date, annexes, revokes)
    with tempfile.TemporaryDirectory(prefix="ametid-directive-") as work:
        files = render_papers(project, text, approved, Path(work))
    write_files([(folder / name, data) for name, data in files.items()], force=True)
    return Papers(folder, files, text)
