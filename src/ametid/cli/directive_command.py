"""`ametid directive`: write the directive approving positions, its annexes and its container."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _
from ametid.core.problems import display_path


@common.command(name="directive")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common.option(
    "--number",
    metavar="NR",
    required=True,
    callback=common.nonempty_text,
    help=N_("The directive's number, as the positions' approval names it, e.g. \"1-1/53\"."),
)
@common.option(
    "--date",
    metavar="YYYY-MM-DD",
    required=True,
    callback=common.iso_date,
    help=N_("The directive's date, as the positions' approval names it."),
)
@common.option(
    "--revokes",
    metavar="TEXT",
    multiple=True,
    help=N_(
        "What the directive revokes, as its revocation point names it; once per item. "
        "[default: the positions' earlier approvals, from git]"
    ),
)
@common.option(
    "--no-revokes",
    is_flag=True,
    help=N_("Write the directive without a revocation point."),
)
@common.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=True),
    default=None,
    help=N_("Folder for the directive's files.  [default: kaskkirjad/NR]"),
)
def directive_command(
    paths: tuple[Path, ...],
    number: str,
    date: str,
    revokes: tuple[str, ...],
    no_revokes: bool,
    out: Path | None,
) -> None:
    """Write the directive (käskkiri) approving positions, its annexes and its signing container.

    The directive approves the positions whose approval names its --number and --date (those
    of PATHS, or all in positions/), each as the annex its approval gives: record them first
    with `ametid approve`. It writes the directive as Word and PDF, each annex as Word and PDF
    with its "Lisa N" approval block, and kaskkiri-NR.asice, the unsigned ASiC-E container
    with the PDFs, to open and sign in DigiDoc4. The wording and the signatory are those of
    data/directive.yaml. Needs LibreOffice for the PDFs.
    """
    from ametid.directive.papers import write_papers

    if no_revokes and revokes:
        raise click.UsageError(_("--revokes and --no-revokes exclude each other"))
    if any(not item.strip() for item in revokes):
        raise click.UsageError(_("--revokes must not be empty"))
    chosen = [] if no_revokes else [item.strip() for item in revokes] or None
    project = common.current_project()
    common.unwind_on_signals()
    with common.exit_on_problems():
        papers = write_papers(project, number, date, paths, chosen, out)
    for name in papers.files:
        click.echo(display_path(papers.out / name))
