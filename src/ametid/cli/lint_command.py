"""`ametid lint`: the Estonian a reviewer would correct, before anyone signs."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _
from ametid.core.language import ngettext
from ametid.report import problem_report


@common.command(name="lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common.report_format(
    N_("text: one line per finding on stderr; json: a report on stdout for CI tools.")
)
@common.option(
    "--no-baseline",
    "no_baseline",
    is_flag=True,
    help=N_("Show every finding, also those the baseline file records as known."),
)
@common.option(
    "--write-baseline",
    "write_baseline",
    is_flag=True,
    help=N_("Record every finding as known in the baseline file, and exit 0."),
)
def lint_command(
    paths: tuple[Path, ...], output_format: str, no_baseline: bool, write_baseline: bool
) -> None:
    """Check the language of position files: spelling, known wrong forms, particle verbs,
    results that restate their task, repeated items, end punctuation and double spaces.

    PATHS are position files or folders; by default every file in positions/. Findings the
    baseline file (lint-baseline.json) records are left out. Exit code 0 when there is no new
    finding, 1 when there is one or a file is invalid.
    """
    from ametid.lint import INSTALL, lint
    from ametid.lint import write_baseline as record

    project = common.current_project()
    recorded = 0
    with common.exit_on_problems():
        result = lint(project, paths, use_baseline=not (no_baseline or write_baseline))
        if write_baseline:
            recorded = record(project, result)
    if result.needs_morphology:
        click.echo(
            _(
                "the spelling and particle-verb checks need Estonian morphology, which is not "
                "installed: {command}; the other checks ran"
            ).format(command=INSTALL),
            err=True,
        )
    if write_baseline:
        said = ngettext(
            "recorded {count} finding in the baseline",
            "recorded {count} findings in the baseline",
            recorded,
        )
        click.echo(said.format(count=recorded), err=True)
        raise SystemExit(common.EXIT_OK)
    if output_format == "json":
        click.echo(problem_report.format_json(result.problems, result.checked), nl=False)
    else:
        common.report(result.problems)
        count = len(result.problems)
        found = (
            ngettext("{count} finding", "{count} findings", count).format(count=count)
            if count
            else _("no findings")
        )
        checked = ngettext("checked {count} file", "checked {count} files", result.checked)
        line = f"{checked.format(count=result.checked)}: {found}"
        if result.known:
            known = ngettext(
                "{count} more known from the baseline",
                "{count} more known from the baseline",
                result.known,
            )
            line += f" ({known.format(count=result.known)})"
        click.echo(line, err=True)
    raise SystemExit(common.EXIT_OK if result.ok else common.EXIT_INVALID)
