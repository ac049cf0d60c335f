"""`ametid diff`: how positions changed between revisions, and what needs consent."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from ametid.cli import common
from ametid.cli.common import N_
from ametid.core.language import gettext as _
from ametid.core.language import ngettext
from ametid.core.problems import display_path

DIFF_FORMATS = ("text", "md", "html", "docx", "json")
LITERAL_PATHS = "ametid.literal_paths"


class _DiffCommand(common.Command):
    """Remembers how many arguments stood after `--`, which are paths whatever they look like."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse as any command does, after noting the literal paths after `--`."""
        if "--" in args:
            ctx.meta[LITERAL_PATHS] = len(args) - args.index("--") - 1
        return super().parse_args(ctx, args)


@click.command(name="diff", cls=_DiffCommand)
@click.argument("arguments", nargs=-1, metavar="[OLD] [NEW] [--] [PATH]...")
@common.option(
    "--format",
    "output_format",
    type=click.Choice(DIFF_FORMATS),
    default="text",
    show_default=True,
    help=N_(
        "text: for a terminal; md: a pull-request comment; html: a redline report for the "
        "review meeting; docx: Word documents with tracked changes, written to --out; "
        "json: for CI tools."
    ),
)
@common.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=N_(
        "Folder for --format docx: one <id>.docx per position with a new version; "
        "a file already there is kept unless --force."
    ),
)
@common.option(
    "--force", is_flag=True, help=N_("With --out: replace Word files that already exist there.")
)
@common.option(
    "--date",
    "change_date",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    default=None,
    metavar="DATE",
    help=N_(
        "Date (and time, UTC) of the tracked changes in --format docx, as YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM:SS. Default: when NEW was committed (HEAD for the working tree), so "
        "the same two versions give the same documents."
    ),
)
@common.option(
    "--exit-code",
    is_flag=True,
    help=N_("Exit with 1 when any position differs, as git diff --exit-code does."),
)
@common.option(
    "--fail-on-consent",
    is_flag=True,
    help=N_(
        "Exit with 1 when a change needs the employee's consent (a CI gate for extra approval)."
    ),
)
def diff_command(
    arguments: tuple[str, ...],
    output_format: str,
    out: Path | None,
    force: bool,
    change_date: datetime.datetime | None,
    exit_code: bool,
    fail_on_consent: bool,
) -> None:
    """Show how positions changed between two git revisions, and which changes need consent.

    OLD and NEW are git revisions: tags, branches, commits. Without NEW the working tree is
    compared; without OLD, the merge base of HEAD with the default branch (origin/HEAD, main or
    master), which is what a pull request changes. PATHs limit the comparison to those position
    files or folders; a path that is no longer in the working tree goes after --. An argument
    that is neither a revision nor a path, or a PATH that matches no position, is an error.
    Unchanged positions are not listed.

    Exit code 1 when a position is invalid on either side (the rest is still compared), with
    --exit-code when anything differs, with --fail-on-consent when a change needs consent.
    """
    import os
    import sys

    from ametid.history.diff import diff_revisions
    from ametid.report import diff_report

    if output_format == "docx" and out is None:
        raise click.UsageError(_("--format docx writes Word files: give --out DIR"))
    if out is not None and output_format != "docx":
        raise click.UsageError(_("--out is only for --format docx; other formats go to stdout"))
    if force and out is None:
        raise click.UsageError(_("--force is only for --out"))
    if change_date is not None and output_format != "docx":
        raise click.UsageError(_("--date is only for --format docx: it dates the tracked changes"))
    project = common.current_project()
    common.unwind_on_signals()
    progress = common.progress()
    with common.exit_on_problems():
        if out is not None:
            from ametid.core.guard import REDLINES, require_folder

            require_folder(out, project, REDLINES)
        literal = click.get_current_context().meta.get(LITERAL_PATHS, 0)
        result = diff_revisions(project, arguments, progress, literal)
        written: list[Path] = []
        if out is not None:
            from ametid.history import tracked

            date = tracked.change_date(change_date or result.new_time)
            written = tracked.write_tracked(
                result.positions,
                project.templates_dir,
                project.organisation,
                out,
                date,
                progress,
                force=force,
            )
    common.report(result.problems)
    if output_format == "text":
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(diff_report.to_text(result, color), nl=False, color=color)
        differ = len(result.positions)
        consent = sum(position.consent_required for position in result.positions)
        if differ:
            differs = ngettext("{count} position differs", "{count} positions differ", differ)
            needs = ngettext("{count} needs consent", "{count} need consent", consent)
            summary = f"{differs.format(count=differ)}, {needs.format(count=consent)}"
            drafts = len(result.changed_since_approval)
            if drafts:
                summary += _(", {count} changed since approval").format(count=drafts)
            tampered = len(result.digests_tampered)
            if tampered:
                altered = ngettext(
                    ", {count} with its approval digest altered by hand",
                    ", {count} with their approval digests altered by hand",
                    tampered,
                )
                summary += altered.format(count=tampered)
        else:
            summary = _("no differences")
        if result.new:
            compared = _("compared {old} with {new}: {summary}")
        else:
            compared = _("compared {old} with the working tree: {summary}")
        click.echo(compared.format(old=result.old, new=result.new, summary=summary), err=True)
    elif output_format == "md":
        with common.exit_on_problems():
            report = diff_report.to_markdown(result, project.templates_dir)
        click.echo(report, nl=False)
    elif output_format == "html":
        with common.exit_on_problems():
            page = diff_report.to_html(result, project.templates_dir, project.organisation)
        click.echo(page, nl=False)
    elif output_format == "json":
        click.echo(diff_report.to_json(result), nl=False)
    elif out is not None:
        for path in written:
            click.echo(display_path(path))
        wrote = ngettext(
            "wrote {count} document into {folder}/",
            "wrote {count} documents into {folder}/",
            len(written),
        )
        click.echo(wrote.format(count=len(written), folder=display_path(out)), err=True)
    failed = bool(result.problems)
    failed |= exit_code and result.differs
    failed |= fail_on_consent and result.consent_required
    raise SystemExit(common.EXIT_INVALID if failed else common.EXIT_OK)
