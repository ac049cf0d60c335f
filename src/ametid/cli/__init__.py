"""The command line: parse options, call one library function, map the outcome to an exit code.

Library modules are imported inside the commands, so `ametid --help` does not pay for loading
jsonschema, Jinja and docxtpl.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ametid import __version__
from ametid.core.formats import DEFAULT_FORMATS, FORMATS
from ametid.core.problems import AmetidError, Problem, display_path, format_json, format_text
from ametid.core.project import Project, find_project

if TYPE_CHECKING:
    from datetime import datetime

EXIT_OK = 0
EXIT_INVALID = 1


def _report(problems: list[Problem]) -> None:
    click.echo(format_text(problems), err=True, nl=False)


def _project() -> Project:
    try:
        return find_project(Path.cwd())
    except AmetidError as error:
        _report(error.problems)
        raise SystemExit(EXIT_INVALID) from None


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ametid")
def main() -> None:
    """Job descriptions (ametijuhend) kept as code: validate the YAML, build the documents."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per problem on stderr; json: a report on stdout for CI tools.",
)
def validate(paths: tuple[Path, ...], output_format: str) -> None:
    """Check position files against the schema and the rules; report every problem at once.

    PATHS are position files or folders; by default every file in positions/.
    Exit code 0 when all are valid, 1 when any has a problem.
    """
    from ametid.check.validation import validate as validate_positions

    project = _project()
    try:
        result = validate_positions(project, paths)
    except AmetidError as error:
        _report(error.problems)
        raise SystemExit(EXIT_INVALID) from None
    if output_format == "json":
        click.echo(format_json(result.problems, result.checked), nl=False)
    else:
        _report(result.problems)
        found = _plural(len(result.problems), "problem") if result.problems else "no problems"
        click.echo(f"checked {_plural(result.checked, 'file')}: {found}", err=True)
    raise SystemExit(EXIT_OK if result.ok else EXIT_INVALID)


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        known = ",".join(FORMATS)
        raise click.BadParameter(f"{','.join(unknown) or value!r} is not one of {known}")
    return chosen


@main.command(name="build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    callback=_formats,
    help=f"Comma-separated output formats, of {','.join(FORMATS)}; pdf needs LibreOffice.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=True),
    default=None,
    help="Output folder, replaced whole by the build.  [default: build, or tool.ametid.out]",
)
def build_command(paths: tuple[Path, ...], formats: tuple[str, ...], out: Path | None) -> None:
    """Validate, then render positions into Markdown, HTML and Word documents (and PDF).

    PATHS are position files or folders; by default every file in positions/.
    The HTML pages and their index.html form a site to publish with the rest of the
    output folder. PDF, converted from the Word documents, needs LibreOffice.
    Nothing is written unless every position is valid and every document renders;
    the previous output stays as it was until the new one is complete.
    """
    import signal

    from ametid.build import build

    if "pdf" in formats:
        from ametid.render.pdf_export import soffice_problem

        missing = soffice_problem()
        if missing:
            click.echo(f"ametid build: {missing}", err=True)
            raise SystemExit(EXIT_INVALID)
    project = _project()
    target = out if out is not None else project.root / project.out
    # SIGTERM (CI cancelling a job) unwinds like Ctrl-C, so the build can remove its staging folder.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        result = build(project, formats, target, paths)
    except AmetidError as error:
        _report(error.problems)
        raise SystemExit(EXIT_INVALID) from None
    if not result.ok:
        _report(result.problems)
        click.echo("build failed: nothing was written", err=True)
        raise SystemExit(EXIT_INVALID)
    shown = display_path(target)
    positions = _plural(result.positions, "position")
    reused = result.positions - result.rendered
    click.echo(
        f"built {positions} into {shown}/ ({', '.join(formats)}): "
        f"{result.rendered} rendered, {reused} unchanged",
        err=True,
    )


@main.command(name="import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder for the position files.  [default: positions/]",
)
@click.option("--dry-run", is_flag=True, help="Print the YAML on stdout; write no files.")
@click.option("--force", is_flag=True, help="Replace position files that already exist.")
def import_command(files: tuple[Path, ...], out: Path | None, dry_run: bool, force: bool) -> None:
    """Turn existing job descriptions (.docx, .pdf, .txt, .md) into position files.

    Each of FILES holds one job description or a directive with several annexes; every
    position becomes <id>.yaml, the id made from its title. Text that cannot be placed is
    kept as a comment at the end of the file and listed here, and the exit code is then 1,
    so that a person looks. Existing files are kept unless --force.
    """
    from ametid.importer import import_files

    project = _project()
    target = out if out is not None else project.positions_dir
    try:
        result = import_files(project, files, target, force=force, dry_run=dry_run)
    except AmetidError as error:
        _report(error.problems)
        raise SystemExit(EXIT_INVALID) from None
    if dry_run:
        click.echo("---\n".join(draft.text for draft in result.drafts), nl=False)
    for note in result.notes:
        click.echo(note, err=True)
    _report(result.problems)
    for path in result.written:
        click.echo(f"wrote {display_path(path)}", err=True)
    found = _plural(len(result.drafts), "position")
    if dry_run:
        summary = f"read {found} from {_plural(len(files), 'file')}"
    elif len(result.written) == len(result.drafts):
        summary = f"imported {found} from {_plural(len(files), 'file')}"
    else:
        summary = f"imported {len(result.written)} of {found} from {_plural(len(files), 'file')}"
    if result.problems:
        summary += f": {_plural(len(result.problems), 'problem')}"
    click.echo(summary, err=True)
    raise SystemExit(EXIT_OK if result.ok else EXIT_INVALID)


@main.command(name="new")
@click.argument("title")
@click.option(
    "--unit",
    "units",
    multiple=True,
    help="The structural unit, outermost first: repeat the option for each level, "
    'or give them in one, separated by commas ("Ohvriabi osakond, kriisitoe talitus").',
)
@click.option(
    "--from",
    "source",
    metavar="ID",
    default=None,
    help="Copy the position positions/ID.yaml, without its approval, review date and signatures.",
)
@click.option("--force", is_flag=True, help="Replace the file if it already exists.")
def new_command(title: str, units: tuple[str, ...], source: str | None, force: bool) -> None:
    """Start positions/<id>.yaml for a new position called TITLE.

    Without --from the file holds every required field, the agency's standard texts from
    data/standard.yaml (rights, responsibilities, …) and the placeholder TÄIDA wherever a
    text is still to be written; `ametid validate` points at each one left.
    """
    from ametid.check.rules import PLACEHOLDER
    from ametid.source.skeleton import new_position

    project = _project()
    levels = [part.strip() for unit in units for part in unit.split(",") if part.strip()]
    try:
        created = new_position(project, title, levels, source, force=force)
    except AmetidError as error:
        _report(error.problems)
        raise SystemExit(EXIT_INVALID) from None
    shown = display_path(created.path)
    if created.placeholders:
        left = _plural(created.placeholders, "placeholder")
        click.echo(f"created {shown}: {left} {PLACEHOLDER} to fill in", err=True)
    else:
        click.echo(f"created {shown}", err=True)


DIFF_FORMATS = ("text", "md", "html", "docx", "json")


@main.command(name="diff")
@click.argument("arguments", nargs=-1, metavar="[OLD] [NEW] [PATH]...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(DIFF_FORMATS),
    default="text",
    show_default=True,
    help="text: for a terminal; md: a pull-request comment; html: a redline report for the "
    "review meeting; docx: Word documents with tracked changes, written to --out; "
    "json: for CI tools.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder for --format docx: one <id>.docx per position with a new version.",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit with 1 when any position differs, as git diff --exit-code does.",
)
@click.option(
    "--fail-on-consent",
    is_flag=True,
    help="Exit with 1 when a change needs the employee's consent (a CI gate for extra approval).",
)
def diff_command(
    arguments: tuple[str, ...],
    output_format: str,
    out: Path | None,
    exit_code: bool,
    fail_on_consent: bool,
) -> None:
    """Show how positions changed between two git revisions, and which changes need consent.

    OLD and NEW are git revisions: tags, branches, commits. Without NEW the working tree is
    compared; without OLD, the merge base of HEAD with the default branch (origin/HEAD, main or
    master), which is what a pull request changes. PATHs limit the comparison to those position
    files or folders. Unchanged positions are not listed.

    Exit code 1 when a position is invalid on either side (the rest is still compared), with
    --exit-code when anything differs, with --fail-on-consent when a change needs consent.
    """
    import os
    import sys

    from ametid.history.diff import diff_revisions
    from ametid.report import diff_report

    if output_format == "docx" and out is None:
        raise click.UsageError("--format docx writes Word files: give --out DIR")
    if out is not None and output_format != "docx":
        raise click.UsageError("--out is only for --format docx; other formats go to stdout")
    project = _project()
    try:
        result = diff_revisions(project, arguments)
        written: list[Path] = []
        if out is not None:
            from ametid.history.tracked import write_tracked
            from ametid.render import environment

            template = project.templates_dir / environment.DOCX_TEMPLATE
            written = write_tracked(result.positions, template, project.organisation, out)
    except AmetidError as error:
        _report(error.problems)
        raise SystemExit(EXIT_INVALID) from None
    _report(result.problems)
    if output_format == "text":
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(diff_report.to_text(result, color), nl=False, color=color)
        differ = len(result.positions)
        consent = sum(position.consent_required for position in result.positions)
        summary = (
            f"{_plural(differ, 'position')} {'differs' if differ == 1 else 'differ'}, "
            f"{consent} {'needs' if consent == 1 else 'need'} consent"
            if differ
            else "no differences"
        )
        click.echo(
            f"compared {result.old} with {result.new or 'the working tree'}: {summary}", err=True
        )
    elif output_format == "md":
        click.echo(diff_report.to_markdown(result, project.templates_dir), nl=False)
    elif output_format == "html":
        page = diff_report.to_html(result, project.templates_dir, project.organisation)
        click.echo(page, nl=False)
    elif output_format == "json":
        click.echo(diff_report.to_json(result), nl=False)
    elif out is not None:
        for path in written:
            click.echo(display_path(path))
        click.echo(f"wrote {_plural(len(written), 'document')} into {display_path(out)}/", err=True)
    failed = bool(result.problems)
    failed |= exit_code and result.differs
    failed |= fail_on_consent and result.consent_required
    raise SystemExit(EXIT_INVALID if failed else EXIT_OK)


@main.command(name="review")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table for a terminal; json: for CI tools.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Exit with 1 when a position is due for review or was never reviewed "
    "(for a scheduled CI job).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Judge as of this date instead of today.",
)
def review_command(
    paths: tuple[Path, ...], output_format: str, check: bool, today: datetime | None
) -> None:
    """List each position's last review, last change in git, and whether a review is due.

    The last review is the later of approval.date and reviewed; a review is due once
    tool.ametid.review_months (12 by default) have passed. PATHS are position files or
    folders; by default every file in positions/.
    """
    import datetime as dates

    from ametid.history import review

    project = _project()
    day = today.date() if today is not None else dates.date.today()
    try:
        result = review.review(project, day, paths)
    except AmetidError as error:
        _report(error.problems)
        raise SystemExit(EXIT_INVALID) from None
    _report(result.problems)
    if output_format == "json":
        click.echo(review.to_json(result), nl=False)
    else:
        click.echo(review.to_text(result), nl=False)
        due = sum(entry.status == "due" for entry in result.positions)
        never = sum(entry.status == "never-reviewed" for entry in result.positions)
        total = _plural(len(result.positions), "position")
        click.echo(f"{total}: {due} due, {never} never reviewed", err=True)
    failed = bool(result.problems) or (check and bool(result.overdue))
    raise SystemExit(EXIT_INVALID if failed else EXIT_OK)
