"""`ametid import`: turn existing job descriptions into position files."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _
from ametid.core.language import ngettext
from ametid.core.problems import AmetidError, display_path
from ametid.core.project import Project


@common.command(name="import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@common.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=N_(
        "Folder for the position files: positions/, a new or empty folder, or one that holds "
        "position files only.  [default: positions/]"
    ),
)
@common.option("--dry-run", is_flag=True, help=N_("Print the YAML on stdout; write no files."))
@common.option("--force", is_flag=True, help=N_("Replace position files that already exist."))
def import_command(files: tuple[Path, ...], out: Path | None, dry_run: bool, force: bool) -> None:
    """Turn existing job descriptions (.docx, .pdf, .txt, .md) into position files.

    Each of FILES holds one job description or a directive with several annexes; every
    position becomes <id>.yaml, the id made from its title. Text that cannot be placed is
    kept as a comment at the end of the file and listed here, and the exit code is then 1,
    so that a person looks. Existing files are kept unless --force.
    """
    from ametid.importer.pipeline import import_files

    project, inside = _project(dry_run or out is not None)
    common.unwind_on_signals()
    # Outside a project, a dry run names the files as they would stand in positions/ here.
    default = project.positions_dir if inside else Path("positions")
    target = out if out is not None else default
    with common.exit_on_problems():
        result = import_files(
            project, files, target, force=force, dry_run=dry_run, progress=common.progress()
        )
    if dry_run:
        click.echo("---\n".join(draft.text for draft in result.drafts), nl=False)
    for note in result.notes:
        click.echo(note, err=True)
    common.report(result.problems)
    for path in result.written:
        click.echo(_("wrote {file}").format(file=display_path(path)), err=True)
    found = ngettext("{count} position", "{count} positions", len(result.drafts)).format(
        count=len(result.drafts)
    )
    inputs = ngettext("{count} file", "{count} files", len(files)).format(count=len(files))
    if dry_run:
        summary = _("read {positions} from {files}").format(positions=found, files=inputs)
    elif len(result.written) == len(result.drafts):
        summary = _("imported {positions} from {files}").format(positions=found, files=inputs)
    else:
        summary = _("imported {written} of {positions} from {files}").format(
            written=len(result.written), positions=found, files=inputs
        )
    if result.problems:
        count = len(result.problems)
        problems = ngettext("{count} problem", "{count} problems", count).format(count=count)
        summary += f": {problems}"
    click.echo(summary, err=True)
    raise SystemExit(common.EXIT_OK if result.ok else common.EXIT_INVALID)


def _project(anywhere: bool) -> tuple[Project, bool]:
    """The project of the working directory, and True; outside one, when the files go to
    stdout or to a folder given, the schema and templates shipped with the package, and False."""
    from ametid.core.project import find_project
    from ametid.core.shipped import shipped_project

    with common.exit_on_problems():
        try:
            return find_project(Path.cwd()), True
        except AmetidError as error:
            if anywhere and [problem.code for problem in error.problems] == ["no-project"]:
                return shipped_project(), False
            raise
