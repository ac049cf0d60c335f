"""`ametid validate`: check position files and report every problem at once."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _
from ametid.core.language import ngettext
from ametid.core.problems import errors
from ametid.report import problem_report

FORMATS = ("text", "json", "github", "gitlab")


@common.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common.report_format(
    N_(
        "text: one line per problem on stderr; json: a report on stdout for CI tools; "
        "github: workflow commands on stdout, which GitHub Actions shows on the changed lines of "
        "a pull request; gitlab: a Code Quality report on stdout for GitLab merge requests."
    ),
    FORMATS,
)
def validate(paths: tuple[Path, ...], output_format: str) -> None:
    """Check position files against the schema and the rules; report every problem at once.

    PATHS are position files or folders; by default every file in positions/.
    Exit code 0 when all are valid, 1 when any has a problem; notes, such as an approval
    without a digest, are shown but do not fail it.
    """
    from ametid.check.validation import validate as validate_positions

    project = common.current_project()
    with common.exit_on_problems():
        result = validate_positions(project, paths, notes=True)
    if output_format == "json":
        click.echo(problem_report.format_json(result.problems, result.checked), nl=False)
    elif output_format == "github":
        click.echo(problem_report.format_github(result.problems), nl=False)
    elif output_format == "gitlab":
        click.echo(problem_report.format_gitlab(result.problems), nl=False)
    else:
        common.report(result.problems)
    if output_format != "json":
        count = len(errors(result.problems))
        notes = len(result.problems) - count
        found = (
            ngettext("{count} problem", "{count} problems", count).format(count=count)
            if count
            else _("no problems")
        )
        if notes:
            found += ", " + ngettext("{count} note", "{count} notes", notes).format(count=notes)
        checked = ngettext("checked {count} file", "checked {count} files", result.checked)
        click.echo(f"{checked.format(count=result.checked)}: {found}", err=True)
    raise SystemExit(common.EXIT_OK if result.ok else common.EXIT_INVALID)
