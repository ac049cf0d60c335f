"""`ametid validate`: check position files and report every problem at once."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.report import problem_report

FORMATS = ("text", "json", "github", "gitlab")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common.report_format(
    "text: one line per problem on stderr; json: a report on stdout for CI tools; "
    "github: workflow commands on stdout, which GitHub Actions shows on the changed lines of "
    "a pull request; gitlab: a Code Quality report on stdout for GitLab merge requests.",
    FORMATS,
)
def validate(paths: tuple[Path, ...], output_format: str) -> None:
    """Check position files against the schema and the rules; report every problem at once.

    PATHS are position files or folders; by default every file in positions/.
    Exit code 0 when all are valid, 1 when any has a problem.
    """
    from ametid.check.validation import validate as validate_positions

    project = common.current_project()
    with common.exit_on_problems():
        result = validate_positions(project, paths)
    if output_format == "json":
        click.echo(problem_report.format_json(result.problems, result.checked), nl=False)
    elif output_format == "github":
        click.echo(problem_report.format_github(result.problems), nl=False)
    elif output_format == "gitlab":
        click.echo(problem_report.format_gitlab(result.problems), nl=False)
    else:
        common.report(result.problems)
    if output_format != "json":
        found = common.plural(len(result.problems), "problem") if result.problems else "no problems"
        click.echo(f"checked {common.plural(result.checked, 'file')}: {found}", err=True)
    raise SystemExit(common.EXIT_OK if result.ok else common.EXIT_INVALID)
