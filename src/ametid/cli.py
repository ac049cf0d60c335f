"""The command line: parse options, call one library function, map the outcome to an exit code.

Library modules are imported inside the commands, so `ametid --help` does not pay for loading
jsonschema, Jinja and docxtpl.
"""

from __future__ import annotations

import signal
from pathlib import Path

import click

from ametid import __version__
from ametid.errors import AmetidError, Problem, display_path, format_json, format_text
from ametid.formats import FORMATS
from ametid.project import Project, find_project

EXIT_OK = 0
EXIT_INVALID = 1


def _report(problems: list[Problem]) -> None:
    click.echo(format_text(problems), err=True, nl=False)


def _project() -> Project:
    try:
        return find_project(Path.cwd())
    except AmetidError as error:
        _report(error.problems)
        raise SystemExit(EXIT_INVALID) from None


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ametid")
def main() -> None:
    """Job descriptions (ametijuhend) kept as code: validate the YAML, build the documents."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per problem on stderr; json: a report on stdout for CI tools.",
)
def validate(paths: tuple[Path, ...], output_format: str) -> None:
    """Check position files against the schema and the rules; report every problem at once.

    PATHS are position files or folders; by default every file in positions/.
    Exit code 0 when all are valid, 1 when any has a problem.
    """
    from ametid.validate import validate as validate_positions

    project = _project()
    try:
        result = validate_positions(project, paths)
    except AmetidError as error:
        _report(error.problems)
        raise SystemExit(EXIT_INVALID) from None
    if output_format == "json":
        click.echo(format_json(result.problems, result.checked), nl=False)
    else:
        _report(result.problems)
        found = _plural(len(result.problems), "problem") if result.problems else "no problems"
        click.echo(f"checked {_plural(result.checked, 'file')}: {found}", err=True)
    raise SystemExit(EXIT_OK if result.ok else EXIT_INVALID)


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        known = ",".join(FORMATS)
        raise click.BadParameter(f"{','.join(unknown) or value!r} is not one of {known}")
    return chosen


@main.command(name="build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    callback=_formats,
    help="Comma-separated output formats.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=True),
    default=None,
    help="Output folder, replaced whole by the build.  [default: build, or tool.ametid.out]",
)
def build_command(paths: tuple[Path, ...], formats: tuple[str, ...], out: Path | None) -> None:
    """Validate, then render positions into Markdown, HTML and Word documents.

    PATHS are position files or folders; by default every file in positions/.
    Nothing is written unless every position is valid and every document renders;
    the previous output stays as it was until the new one is complete.
    """
    from ametid.build import build

    project = _project()
    target = out if out is not None else project.root / project.out
    # SIGTERM (CI cancelling a job) unwinds like Ctrl-C, so the build can remove its staging folder.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        result = build(project, formats, target, paths)
    except AmetidError as error:
        _report(error.problems)
        raise SystemExit(EXIT_INVALID) from None
    if not result.ok:
        _report(result.problems)
        click.echo("build failed: nothing was written", err=True)
        raise SystemExit(EXIT_INVALID)
    shown = display_path(target)
    positions = _plural(result.positions, "position")
    reused = result.positions - result.rendered
    click.echo(
        f"built {positions} into {shown}/ ({', '.join(formats)}): "
        f"{result.rendered} rendered, {reused} unchanged",
        err=True,
    )
