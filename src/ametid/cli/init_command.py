"""`ametid init`: start an agency's repository, or bring the package's later fixes into one."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _
from ametid.core.language import ngettext
from ametid.core.problems import display_path

CI_CHOICES = ("github", "gitlab", "none")


def _files(count: int) -> str:
    return ngettext("{count} file", "{count} files", count).format(count=count)


@common.command(name="init")
@click.argument("folder", default=".", type=click.Path(path_type=Path, file_okay=False))
@common.option(
    "--organisation",
    default=None,
    help=N_("The agency's name, printed at the top of every document; asked for when not given."),
)
@common.option(
    "--ci",
    type=click.Choice(CI_CHOICES),
    default="github",
    show_default=True,
    help=N_(
        "The CI file to write: GitHub Actions (.github/workflows/ametijuhendid.yml), "
        "GitLab CI (.gitlab-ci.yml), or none."
    ),
)
@common.option(
    "--upgrade",
    is_flag=True,
    help=N_(
        "Instead: show how the repository's schema and templates differ from the installed "
        "package's, and offer to replace them with the package's."
    ),
)
@common.option("--apply", is_flag=True, help=N_("With --upgrade: replace them without asking."))
def init_command(
    folder: Path, organisation: str | None, ci: str, upgrade: bool, apply: bool
) -> None:
    """Start an agency's repository in FOLDER (by default the current folder).

    Writes pyproject.toml with [tool.ametid], positions/ with an example position, copies of
    the package's schema, templates and standard texts (data/), a README and an Estonian
    guide for HR, .gitignore, .gitattributes and the CI file. Nothing that exists is replaced.
    `ametid build` works there at once.
    """
    if apply and not upgrade:
        raise click.UsageError(_("--apply goes with --upgrade"))
    if upgrade:
        _upgrade(folder, apply)
        return
    from ametid.edit.agency import start_agency

    if organisation is None:
        organisation = _ask_organisation()
    with common.exit_on_problems():
        started = start_agency(folder, organisation, ci)
    shown = display_path(started.root)
    message = _("started an ametid repository in {folder}/: {files}, the example {example}")
    click.echo(
        message.format(folder=shown, files=_files(len(started.written)), example=started.example),
        err=True,
    )
    where = "" if shown == "." else f"cd {shown} && "
    click.echo(_("next: {command}").format(command=f"{where}ametid build"), err=True)


def _ask_organisation() -> str:
    try:
        answer: str = click.prompt(
            _("Organisation (printed at the top of every document)"), err=True
        )
    except click.Abort:
        # No terminal to ask on, as in CI: say what to give instead of "Aborted!".
        raise click.UsageError(_("give the agency's name with --organisation NAME")) from None
    return answer


def _upgrade(folder: Path, apply: bool) -> None:
    from ametid import __version__
    from ametid.core.project import find_project
    from ametid.edit import upgrade

    with common.exit_on_problems():
        project = find_project(folder)
        found = upgrade.differences(project)
    for difference in found:
        if difference.status == "missing":
            message = _("{file}: missing here; the package's copy would be added")
            click.echo(message.format(file=difference.path))
        elif difference.diff:
            click.echo(difference.diff, nl=False)
        else:
            message = _("{file}: differs (a Word file, not shown line by line)")
            click.echo(message.format(file=difference.path))
    if not found:
        message = _("the schema and templates are those of ametid {version}: nothing to upgrade")
        click.echo(message.format(version=__version__), err=True)
        return
    count = _files(len(found))
    if not apply:
        try:
            question = _("Replace {files} with ametid {version}'s?")
            apply = click.confirm(
                question.format(files=count, version=__version__), default=False, err=True
            )
        except click.Abort:
            click.echo(err=True)  # no answer, as when nobody is at a terminal: end the line
            apply = False
    if not apply:
        message = ngettext(
            "{files} differs from ametid {version}'s; nothing replaced "
            "(`ametid init --upgrade --apply` replaces them)",
            "{files} differ from ametid {version}'s; nothing replaced "
            "(`ametid init --upgrade --apply` replaces them)",
            len(found),
        )
        click.echo(message.format(files=count, version=__version__), err=True)
        return
    with common.exit_on_problems():
        written = upgrade.apply(project, found)
    for difference, path in zip(found, written, strict=True):
        if difference.status == "missing":
            click.echo(_("added {file}").format(file=display_path(path)), err=True)
        else:
            click.echo(_("replaced {file}").format(file=display_path(path)), err=True)
    message = _(
        "upgraded {files} to ametid {version}'s; review the change with git diff before "
        "committing it"
    )
    click.echo(message.format(files=_files(len(written)), version=__version__), err=True)
