"""`ametid export`: the positions as a table for HR systems and spreadsheets."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _

EXPORT_FORMATS = ("csv", "xlsx", "json")


@common.command(name="export")
@common.option(
    "--format",
    "output_format",
    type=click.Choice(EXPORT_FORMATS),
    default="csv",
    show_default=True,
    help=N_(
        "csv: for Excel (UTF-8 with a byte-order mark); xlsx: an Excel workbook, which needs "
        "--out; json: for HR systems."
    ),
)
@common.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help=N_("File to write, replaced if it exists.  [default: stdout; xlsx needs a file]"),
)
@common.option(
    "--delimiter",
    default=";",
    show_default=True,
    help=N_('The CSV field separator: ";" as Estonian Excel expects, or ",".'),
)
def export_command(output_format: str, out: Path | None, delimiter: str) -> None:
    """Write one row per position, for spreadsheets and HR systems.

    The columns: id, title, the unit's levels (unit_1, unit_2 …) and its code from the unit
    register, manager, group, staff_code, posts, status, applies_from, the approval's date,
    directive and annex, its state (none, approved, undigested, changed), reviewed, and the
    counts of duties and of their results. Rows follow the unit register's order.
    Nothing is written unless every position is valid.
    """
    from ametid.check.checker import project_checker
    from ametid.check.validation import validate
    from ametid.core.files import write_file
    from ametid.core.problems import errors
    from ametid.report import export

    if output_format == "xlsx" and out is None:
        raise click.UsageError(_("--format xlsx writes a workbook: give --out FILE"))
    if len(delimiter) != 1 or delimiter in '\r\n"':
        raise click.UsageError(_("--delimiter is one character, such as ; or ,"))
    if delimiter != ";" and output_format != "csv":
        raise click.UsageError(_("--delimiter is only for --format csv"))
    project = common.current_project()
    with common.exit_on_problems():
        result = validate(project)
        checker = project_checker(project)
    if errors(result.problems):
        common.report(result.problems)
        click.echo(_("export failed: nothing was written"), err=True)
        raise SystemExit(common.EXIT_INVALID)
    assert checker.layout is not None
    positions, register, layout = result.positions, checker.register, checker.layout
    content: str | bytes
    if output_format == "json":
        content = export.to_json(positions, register, layout)
    elif output_format == "xlsx":
        content = export.to_xlsx(positions, register, layout)
    else:
        content = export.to_csv(positions, register, layout, delimiter)
    if out is None:
        assert isinstance(content, str)
        click.echo(content, nl=False)
        return
    with common.exit_on_problems():
        write_file(out, content, force=True)
