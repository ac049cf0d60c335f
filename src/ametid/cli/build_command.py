"""`ametid build`: render positions into Markdown, HTML, Word and PDF."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.core.formats import DEFAULT_FORMATS, FORMATS
from ametid.core.problems import display_path


@click.command(name="build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    callback=common.parse_formats,
    help=f"Comma-separated output formats, of {','.join(FORMATS)}; pdf needs LibreOffice.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=True),
    default=None,
    help="Output folder, replaced whole by the build.  [default: build, or tool.ametid.out]",
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
    Nothing is written unless every position is valid and every document renders;
    the previous output stays as it was until the new one is complete. Files of the
    previous output are kept only when they are as that build left them.
    """
    from ametid.build import build

    if "pdf" in formats:
        from ametid.render.pdf_export import soffice_problem

        missing = soffice_problem()
        if missing:
            click.echo(f"ametid build: {missing}", err=True)
            raise SystemExit(common.EXIT_INVALID)
    project = common.current_project()
    target = out if out is not None else project.root / project.out
    common.unwind_on_signals()
    with common.exit_on_problems():
        result = build(project, formats, target, paths, common.progress(), verify=verify)
    if not result.ok:
        common.report(result.problems)
        click.echo("build failed: nothing was written", err=True)
        raise SystemExit(common.EXIT_INVALID)
    shown = display_path(target)
    positions = common.plural(result.positions, "position")
    reused = result.positions - result.rendered
    click.echo(
        f"built {positions} into {shown}/ ({', '.join(formats)}): "
        f"{result.rendered} rendered, {reused} unchanged",
        err=True,
    )
