"""`ametid serve`: the site on 127.0.0.1, rebuilt and reloaded while positions are edited."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ametid.cli import common
from ametid.core.problems import display_path

if TYPE_CHECKING:
    from ametid.build import BuildResult

# How many changed files a line names before it counts the rest.
SHOWN_CHANGES = 3


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = common.parse_formats(ctx, param, value)
    return chosen if "html" in chosen else ("html", *chosen)


def _changed(paths: tuple[Path, ...]) -> str:
    shown = [display_path(path) for path in paths[:SHOWN_CHANGES]]
    rest = len(paths) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest else "")


def _report(result: BuildResult, formats: tuple[str, ...]) -> None:
    if not result.ok:
        common.report(result.problems)
        click.echo("build failed: the pages served are those of the last good build", err=True)
        return
    positions = common.plural(result.positions, "position")
    reused = result.positions - result.rendered
    click.echo(
        f"built {positions} ({', '.join(formats)}): {result.rendered} rendered, {reused} unchanged",
        err=True,
    )


@click.command(name="serve")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port on 127.0.0.1 (and only there); 0 takes a free one.",
)
@click.option(
    "--format",
    "formats",
    default="html",
    show_default=True,
    callback=_formats,
    help="Comma-separated formats to build: html always, md, docx and pdf too when given "
    "(the pages then link to the Word and PDF documents).",
)
def serve_command(port: int, formats: tuple[str, ...]) -> None:
    """Serve the site on 127.0.0.1 and build it again whenever a source changes.

    The site is built into a temporary folder, never build/. positions/, templates/,
    schema/, pyproject.toml and ametid itself are watched; after each build every open page
    reloads. A file with problems shows them here and on the pages, and the pages of the
    last good build stay. Ctrl-C stops and removes the temporary folder.
    """
    import os
    import signal
    import sys

    from ametid.serve.preview import Preview

    project = common.current_project()
    # SIGTERM ends the command as Ctrl-C does, so the temporary folder is removed.
    signal.signal(signal.SIGTERM, common.terminate)
    with common.exit_on_problems():
        preview = Preview(project.root, formats, port)
    restart = False
    try:
        with preview:
            _report(preview.build(), formats)
            preview.server.start()
            click.echo(f"serving {preview.server.url} (Ctrl-C stops)", err=True)
            for change in preview.changes():
                if change.restart:
                    click.echo("ametid itself changed: restarting", err=True)
                    restart = True
                    break
                click.echo(f"changed: {_changed(change.paths)}", err=True)
                _report(preview.build(), formats)
    except KeyboardInterrupt:
        pass
    if restart:
        # A new process runs the changed code; on the same port, so open pages reconnect.
        arguments = [*sys.argv[1:], "--port", str(preview.server.port)]
        os.execv(sys.executable, [sys.executable, "-m", "ametid", *arguments])
    click.echo("stopped serving", err=True)
