"""`ametid init`: start an agency's repository, or bring the package's later fixes into one."""

from __future__ import annotations

from pathlib import Path

import click

from ametid.cli import common
from ametid.core.problems import display_path

CI_CHOICES = ("github", "gitlab", "none")


@click.command(name="init")
@click.argument("folder", default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--organisation",
    default=None,
    help="The agency's name, printed at the top of every document; asked for when not given.",
)
@click.option(
    "--ci",
    type=click.Choice(CI_CHOICES),
    default="github",
    show_default=True,
    help="The CI file to write: GitHub Actions (.github/workflows/ametijuhendid.yml), "
    "GitLab CI (.gitlab-ci.yml), or none.",
)
@click.option(
    "--upgrade",
    is_flag=True,
    help="Instead: show how the repository's schema and templates differ from the installed "
    "package's, and offer to replace them with the package's.",
)
@click.option("--apply", is_flag=True, help="With --upgrade: replace them without asking.")
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
        raise click.UsageError("--apply goes with --upgrade")
    if upgrade:
        _upgrade(folder, apply)
        return
    from ametid.edit.agency import start_agency

    if organisation is None:
        organisation = _ask_organisation()
    with common.exit_on_problems():
        started = start_agency(folder, organisation, ci)
    shown = display_path(started.root)
    click.echo(
        f"started an ametid repository in {shown}/: {common.plural(len(started.written), 'file')}, "
        f"the example {started.example}",
        err=True,
    )
    where = "" if shown == "." else f"cd {shown} && "
    click.echo(f"next: {where}ametid build", err=True)


def _ask_organisation() -> str:
    try:
        answer: str = click.prompt("Organisation (printed at the top of every document)", err=True)
    except click.Abort:
        # No terminal to ask on, as in CI: say what to give instead of "Aborted!".
        raise click.UsageError("give the agency's name with --organisation NAME") from None
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
            click.echo(f"{difference.path}: missing here; the package's copy would be added")
        elif difference.diff:
            click.echo(difference.diff, nl=False)
        else:
            click.echo(f"{difference.path}: differs (a Word file, not shown line by line)")
    if not found:
        click.echo(
            f"the schema and templates are those of ametid {__version__}: nothing to upgrade",
            err=True,
        )
        return
    count = common.plural(len(found), "file")
    if not apply:
        try:
            apply = click.confirm(
                f"Replace {count} with ametid {__version__}'s?", default=False, err=True
            )
        except click.Abort:
            click.echo(err=True)  # no answer, as when nobody is at a terminal: end the line
            apply = False
    if not apply:
        verb = "differs" if len(found) == 1 else "differ"
        click.echo(
            f"{count} {verb} from ametid {__version__}'s; nothing replaced "
            "(`ametid init --upgrade --apply` replaces them)",
            err=True,
        )
        return
    with common.exit_on_problems():
        written = upgrade.apply(project, found)
    for difference, path in zip(found, written, strict=True):
        done = "added" if difference.status == "missing" else "replaced"
        click.echo(f"{done} {display_path(path)}", err=True)
    click.echo(
        f"upgraded {common.plural(len(written), 'file')} to ametid {__version__}'s; "
        "review the change with git diff before committing it",
        err=True,
    )
