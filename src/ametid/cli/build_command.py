"""`ametid build`: render positions into Markdown, HTML, Word and PDF."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _
from ametid.core.language import ngettext
from ametid.core.problems import display_path


@common.command(name="build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common.option(
    "--format",
    "formats",
    default=None,
    callback=common.parse_formats,
    help=N_(
        "Comma-separated output formats, of md,html,docx,pdf; pdf needs LibreOffice.  "
        "[default: tool.ametid.formats, else md,html,docx]"
    ),
)
@common.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=True),
    default=None,
    help=N_("Output folder, replaced whole by the build.  [default: build, or tool.ametid.out]"),
)
@click.option(
    "--verify",
    is_flag=True,
    help="Read every file kept from the previous build whole and check its digest, "
    "not only its size, time and inode.",
)
def build_command(
    paths: tuple[Path, ...], formats: tuple[str, ...], out: Path | None, verify: bool
) -> None:
    """Validate, then render positions into Markdown, HTML and Word documents (and PDF).

    PATHS are position files or folders; by default every file in positions/.
    The HTML pages and their index.html form a site to publish with the rest of the
    output folder. PDF, converted from the Word documents, needs LibreOffice.
    Which formats are built without --format, tool.ametid.formats says.
    Nothing is written unless every position is valid and every document renders;
    the previous output stays as it was until the new one is complete. Files of the
    previous output are kept only when they are as that build left them.
    """
    from ametid.build import build

    project = common.current_project()
    formats = formats or project.formats
    if "pdf" in formats:
        from ametid.render.pdf_export import soffice_problem

        missing = soffice_problem()
        if missing:
            click.echo(f"ametid build: {missing}", err=True)
            raise SystemExit(common.EXIT_INVALID)
    target = out if out is not None else project.root / project.out
    common.unwind_on_signals()
    with common.exit_on_problems():
        result = build(project, formats, target, paths, common.progress(), verify=verify)
    if not result.ok:
        common.report(result.problems)
        click.echo(_("build failed: nothing was written"), err=True)
        raise SystemExit(common.EXIT_INVALID)
    shown = display_path(target)
    for fmt in result.removed:
        message = _(
            "removed {folder}/{format}/: {format} is not among the formats of this build; give "
            "it in --format or tool.ametid.formats to keep it"
        )
        click.echo(message.format(folder=shown, format=fmt), err=True)
    built = ngettext(
        "built {count} position into {folder}/ ({formats}): {rendered} rendered, {reused} "
        "unchanged",
        "built {count} positions into {folder}/ ({formats}): {rendered} rendered, {reused} "
        "unchanged",
        result.positions,
    )
    summary = built.format(
        count=result.positions,
        folder=shown,
        formats=", ".join(formats),
        rendered=result.rendered,
        reused=result.positions - result.rendered,
    )
    click.echo(summary, err=True)
