"""`ametid review`: which positions are due for their yearly review."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _
from ametid.core.language import ngettext

if TYPE_CHECKING:
    from datetime import datetime


@common.command(name="review")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common.report_format(N_("text: a table for a terminal; json: for CI tools."))
@common.option(
    "--check",
    is_flag=True,
    help=N_(
        "Exit with 1 when a position is due for review, was never reviewed, or changed since "
        "its approval (for a scheduled CI job)."
    ),
)
@common.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help=N_("Judge as of this date instead of today."),
)
def review_command(
    paths: tuple[Path, ...], output_format: str, check: bool, today: datetime | None
) -> None:
    """List each position's last review, last change in git, and whether a review is due.

    The last review is the later of approval.date and reviewed; a review is due once
    tool.ametid.review_months (12 by default) have passed. A position whose content changed
    after its approval is changed-since-approval. PATHS are position files or folders; by
    default every file in positions/.
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
        count = len(result.positions)
        summary = ngettext(
            "{count} position: {due} due, {never} never reviewed",
            "{count} positions: {due} due, {never} never reviewed",
            count,
        )
        changed = sum(entry.status == "changed-since-approval" for entry in result.positions)
        if changed:
            summary += _(", {changed} changed since approval")
        click.echo(summary.format(count=count, due=due, never=never, changed=changed), err=True)
    failed = bool(result.problems) or (check and bool(result.overdue))
    raise SystemExit(common.EXIT_INVALID if failed else common.EXIT_OK)
