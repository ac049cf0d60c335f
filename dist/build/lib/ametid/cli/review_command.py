"""`ametid review`: which positions are due for their yearly review."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ametid.cli import common

if TYPE_CHECKING:
    from datetime import datetime


@click.command(name="review")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common.report_format("text: a table for a terminal; json: for CI tools.")
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
    from ametid.report import review_report

    project = common.current_project()
    day = today.date() if today is not None else dates.date.today()
    with common.exit_on_problems():
        result = review.review(project, day, paths)
    common.report(result.problems)
    if output_format == "json":
        click.echo(review_report.to_json(result), nl=False)
    else:
        click.echo(review_report.to_text(result), nl=False)
        due = sum(entry.status == "due" for entry in result.positions)
        never = sum(entry.status == "never-reviewed" for entry in result.positions)
        total = common.plural(len(result.positions), "position")
        click.echo(f"{total}: {due} due, {never} never reviewed", err=True)
    failed = bool(result.problems) or (check and bool(result.overdue))
    raise SystemExit(common.EXIT_INVALID if failed else common.EXIT_OK)
