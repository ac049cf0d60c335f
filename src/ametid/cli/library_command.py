"""`ametid library`: the library of shared texts (library/*.yaml) and the positions using it."""

from __future__ import annotations

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _


@click.group(name="library", cls=common.Group)
def library_command() -> None:
    """The library of shared texts: rights, responsibilities, duties and requirements kept once
    in library/*.yaml and used in positions as `- library: NAME`."""


@library_command.command(name="schema", cls=common.Command)
@common.option(
    "--check",
    is_flag=True,
    help=N_("Only tell whether the schema's names are up to date (exit code 1 when not)."),
)
def schema_command(check: bool) -> None:
    """Write the library's names, with their texts, into schema/position.schema.json, so an
    editor completes them and shows each text on hover."""
    from ametid.check.checker import project_library
    from ametid.core.problems import display_path
    from ametid.library.hints import update_schema
    from ametid.library.texts import Library

    project = common.current_project()
    with common.exit_on_problems():
        library = project_library(project) or Library()
        if library.problems:
            common.report(library.problems)
            raise SystemExit(common.EXIT_INVALID)
        update = update_schema(project, library, check=check)
    shown = display_path(project.schema_path)
    if update.stale and check:
        message = _("{schema}: the library's names are out of date; run `ametid library schema`")
        click.echo(message.format(schema=shown), err=True)
        raise SystemExit(common.EXIT_INVALID)
    if update.written:
        click.echo(_("{schema}: the library's names written").format(schema=shown), err=True)
    else:
        click.echo(_("{schema}: the library's names are up to date").format(schema=shown), err=True)
