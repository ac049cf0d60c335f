"""`ametid new`: start a position file."""

from __future__ import annotations

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _
from ametid.core.language import ngettext
from ametid.core.problems import display_path


@common.command(name="new")
@click.argument("title")
@common.option(
    "--unit",
    "units",
    multiple=True,
    help=N_(
        "The structural unit, outermost first: repeat the option for each level, "
        'or give them in one, separated by commas ("Ohvriabi osakond, kriisitoe talitus").'
    ),
)
@common.option(
    "--from",
    "source",
    metavar="ID",
    default=None,
    help=N_(
        "Copy the position positions/ID.yaml, without its approval, review date and signatures."
    ),
)
@common.option("--force", is_flag=True, help=N_("Replace the file if it already exists."))
def new_command(title: str, units: tuple[str, ...], source: str | None, force: bool) -> None:
    """Start positions/<id>.yaml for a new position called TITLE.

    Without --from the file holds every required field, the agency's standard texts from
    data/standard.yaml (rights, responsibilities, …) and the placeholder TÄIDA wherever a
    text is still to be written; `ametid validate` points at each one left.
    """
    from ametid.check.rules import PLACEHOLDER
    from ametid.edit.skeleton import new_position

    project = common.current_project()
    common.unwind_on_signals()
    levels = [part.strip() for unit in units for part in unit.split(",") if part.strip()]
    with common.exit_on_problems():
        created = new_position(project, title, levels, source, force=force)
    shown = display_path(created.path)
    if created.placeholders:
        message = ngettext(
            "created {file}: {count} placeholder {placeholder} to fill in",
            "created {file}: {count} placeholders {placeholder} to fill in",
            created.placeholders,
        )
        click.echo(
            message.format(file=shown, count=created.placeholders, placeholder=PLACEHOLDER),
            err=True,
        )
    else:
        click.echo(_("created {file}").format(file=shown), err=True)
