"""`ametid approve`: record the directive approving positions and the digest of their content."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.approval import CONSENT_FORMS
from ametid.core.language import gettext as _


@common.command(name="approve")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common.option(
    "--directive",
    metavar="NR",
    default=None,
    callback=common.nonempty_text,
    help=N_('The number of the directive (käskkiri) that approves the positions, e.g. "53".'),
)
@common.option(
    "--date",
    metavar="YYYY-MM-DD",
    default=None,
    callback=common.iso_date,
    help=N_("The date of the directive."),
)
@common.option(
    "--by",
    default=None,
    callback=common.nonempty_text,
    help=N_(
        'Who approves, as the words after KINNITATUD: "Sotsiaalkindlustusameti peadirektori".  '
        "[default: the position's current approver]"
    ),
)
@common.option(
    "--keep",
    is_flag=True,
    help=N_(
        "Keep each position's approval as it is and add only the digest of its content "
        "(for approvals made before ametid); without PATHS, every approved position."
    ),
)
@common.option(
    "--consent-date",
    metavar="YYYY-MM-DD",
    default=None,
    callback=common.iso_date,
    help=N_("When the employee consented to a change that needs consent."),
)
@common.option(
    "--consent-form",
    type=click.Choice(CONSENT_FORMS),
    default=None,
    help=N_("How the employee consented: kirjalik (in writing) or digitaalne (digitally)."),
)
def approve_command(
    paths: tuple[Path, ...],
    directive: str | None,
    date: str | None,
    by: str | None,
    keep: bool,
    consent_date: str | None,
    consent_form: str | None,
) -> None:
    """Record in each position the directive that approves it, and the digest of its content.

    PATHS are the position files the directive approves, in the order of its annexes: the
    first is annex 1, the next annex 2, and so on. Each gets an approval with --by, --date,
    --directive and its annex number, and the digest of the content it approves: when that
    content changes later, the documents print the position as a draft until it is approved
    again. Comments and the way the file is written stay as they were.
    With --consent-date and --consent-form, the employee's consent is recorded too.
    Nothing is written unless every position named can be approved.
    """
    from ametid.edit.approver import Consent, Decision, approve

    if keep and (directive or date or by):
        raise click.UsageError(_("--keep keeps the approval: leave out --directive, --date, --by"))
    if not keep and not (directive and date):
        raise click.UsageError(_("give the directive's --directive and --date (or --keep)"))
    if not keep and not paths:
        raise click.UsageError(
            _("name the position files the directive approves, in the order of its annexes")
        )
    if (consent_date is None) != (consent_form is None):
        raise click.UsageError(_("--consent-date and --consent-form go together"))
    consent = Consent(consent_date, consent_form) if consent_date and consent_form else None
    decision = Decision(directive, date, by, consent)
    project = common.current_project()
    common.unwind_on_signals()
    with common.exit_on_problems():
        approved = approve(project, paths, decision)
    for item in approved:
        shown = item.position.display
        if not item.changed:
            message = _("{file}: unchanged, already approved with this digest")
        elif item.annex is not None:
            message = _("{file}: approved as annex {annex} of directive {directive}")
        else:
            message = _("{file}: digest added to its approval")
        click.echo(message.format(file=shown, annex=item.annex, directive=directive), err=True)
