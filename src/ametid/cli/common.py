"""What every command shares: the project, problems on stderr, and their exit codes."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import click

from ametid.core.files import os_problem
from ametid.core.formats import FORMATS
from ametid.core.problems import AmetidError, Problem
from ametid.core.progress import SILENT, Progress
from ametid.core.project import Project, find_project
from ametid.report.problem_report import format_text

EXIT_OK = 0
EXIT_INVALID = 1
INTERRUPTED = "interrupted; no file is left half written"
Item = TypeVar("Item")


def report(problems: list[Problem]) -> None:
    """Print problems on stderr, one per line."""
    click.echo(format_text(problems), err=True, nl=False)


@contextlib.contextmanager
def exit_on_problems() -> Iterator[None]:
    """Report the problems of an AmetidError raised inside, and exit with 1."""
    try:
        yield
    except AmetidError as error:
        report(error.problems)
        raise SystemExit(EXIT_INVALID) from None
    except OSError as error:
        # What the operating system refused (a full disk, a folder that cannot be read).
        report([os_problem(error)])
        raise SystemExit(EXIT_INVALID) from None
    except (KeyboardInterrupt, Terminated) as stop:
        report([Problem("ametid", message=INTERRUPTED)])
        signum = stop.signum if isinstance(stop, Terminated) else 2  # SIGINT
        raise SystemExit(128 + signum) from None


def current_project() -> Project:
    """The project of the working directory, or exit with its problem."""
    with exit_on_problems():
        return find_project(Path.cwd())


class Terminated(BaseException):
    """A signal to stop (SIGTERM), raised so the command unwinds as on Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def terminate(signum: int, frame: object) -> None:
    """Unwind on a signal as on Ctrl-C, so that what is half done is removed."""
    raise Terminated(signum)


def unwind_on_signals() -> None:
    """Make SIGTERM (CI cancelling a job) unwind the command like Ctrl-C, so that a command
    that writes removes what it had not finished."""
    import signal

    signal.signal(signal.SIGTERM, terminate)


def report_format(
    help_text: str, choices: Sequence[str] = ("text", "json")
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The `--format text|json` option of a command that reports to a person or a CI tool."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default="text",
        show_default=True,
        help=help_text,
    )


def plural(count: int, word: str) -> str:
    """ "1 file", "2 files"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class TerminalProgress(Progress):
    """A progress bar on stderr: what is being done, n of N, and the time left."""

    def track(self, items: Iterable[Item], total: int, label: str) -> Iterator[Item]:
        """Yield the items while the bar counts them."""
        if total < 1:
            yield from items
            return
        bar = click.progressbar(
            items, length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True
        )
        with bar as counted:
            yield from counted


def progress() -> Progress:
    """A progress bar when stderr is a terminal; nothing at all in a pipe or a CI log."""
    return TerminalProgress() if sys.stderr.isatty() else SILENT


def parse_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    """The formats of a comma-separated `--format` value, each known and named once."""
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        known = ",".join(FORMATS)
        raise click.BadParameter(f"{','.join(unknown) or value!r} is not one of {known}")
    return chosen
