"""`ametid rename-unit`: rename a unit in the register and in every position that names it."""

from __future__ import annotations

import click

from ametid.cli import common
from ametid.core.language import gettext as _
from ametid.core.language import ngettext


@common.command(name="rename-unit")
@click.argument("old")
@click.argument("new")
def rename_unit_command(old: str, new: str) -> None:
    """Rename the unit OLD to NEW in the unit register (data/units.yaml) and in every position.

    OLD is the name of a unit at any level: a department, a division or a team. Each file
    changes only in that name; its comments and the way it is written stay as they were.
    Approved positions whose printed text the new name changes are listed: they print as drafts
    until they are approved again. Nothing is written unless every position is valid.
    """
    from ametid.edit.reorganisation import rename_unit

    project = common.current_project()
    common.unwind_on_signals()
    with common.exit_on_problems():
        renaming = rename_unit(project, old, new)
    for draft in renaming.drafts:
        message = _("{file}: was approved; prints as a draft until it is approved again")
        click.echo(message.format(file=draft), err=True)
    count = len(renaming.positions)
    message = ngettext(
        "renamed unit '{old}' to '{new}' in the register and {count} position",
        "renamed unit '{old}' to '{new}' in the register and {count} positions",
        count,
    )
    click.echo(message.format(old=old, new=renaming.new, count=count), err=True)
