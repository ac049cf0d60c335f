"""What every command shares: the project, problems on stderr, their exit codes, and the
language of everything the command line says."""

from __future__ import annotations

import contextlib
import datetime
import gettext
import inspect
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from ametid.core import language
from ametid.core.files import os_problem
from ametid.core.formats import FORMATS
from ametid.core.language import gettext as _
from ametid.core.problems import AmetidError, Problem
from ametid.core.progress import SILENT, Progress
from ametid.core.project import Project, find_project
from ametid.report.problem_report import format_text

EXIT_OK = 0
EXIT_INVALID = 1
INTERRUPTED = language.noop("interrupted; no file is left half written")
Item = TypeVar("Item")

N_ = language.noop
F = TypeVar("F", bound=Callable[..., Any])


def requested_language(args: list[str]) -> str:
    """The language a command line asks for: --lang, else AMETID_LANG, else the project's
    `language` setting, else Estonian. A value that is not a language is left to Click to
    refuse (with the option's own error)."""
    chosen: str | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            chosen = args[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    if chosen is None:
        chosen = os.environ.get(language.ENVIRONMENT)
    if chosen is None:
        try:
            chosen = find_project(Path.cwd()).language
        except AmetidError:
            chosen = None
    return chosen if chosen in language.LANGUAGES else language.DEFAULT


def _translated_click() -> None:
    """Click's own words (Usage:, Error:, its messages about options) in the chosen language.

    Click looks them up with the standard `gettext.gettext`, whose language only the process's
    locale variables set; each of its modules imported that function as `_`, so the name is
    pointed at ametid's catalogue instead.
    """
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = language.gettext  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = language.ngettext  # type: ignore[attr-defined]


class _TranslatedHelp:
    """A `help` attribute kept in English and read in the chosen language."""

    _english: str | None = None

    @property
    def help(self) -> str | None:
        """The help text in the chosen language."""
        return _(self._english) if self._english else self._english

    @help.setter
    def help(self, value: str | None) -> None:
        self._english = inspect.cleandoc(value) if value else value


def _language_chosen(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        language.use(value)


def _language_option() -> click.Option:
    return Option(
        ["--lang"],
        type=click.Choice(language.LANGUAGES),
        envvar=language.ENVIRONMENT,
        expose_value=False,
        is_eager=True,
        callback=_language_chosen,
        help=N_(
            "Language of the messages: et (Estonian) or en (English).  [default: AMETID_LANG, "
            "else tool.ametid.language, else et]"
        ),
    )


class Option(_TranslatedHelp, click.Option):
    """An option whose help is translated."""


# The words Click puts in usage lines, which it does not translate itself.
_METAVARS = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]...")}


class _TranslatedUsage(_TranslatedHelp):
    """Help and the usage line's [OPTIONS] in the chosen language."""

    _options_metavar: str | None = None

    @property
    def options_metavar(self) -> str | None:
        """[OPTIONS] in the chosen language."""
        value = self._options_metavar
        return _(value) if value in _METAVARS else value

    @options_metavar.setter
    def options_metavar(self, value: str | None) -> None:
        self._options_metavar = value

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """--help, its help in the chosen language (Click keeps the option once it is made)."""
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option  # type: ignore[no-any-return]


class Command(_TranslatedUsage, click.Command):
    """A command whose help is translated, with --lang."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_language_option())


class Group(_TranslatedUsage, click.Group):
    """The command group: it chooses the language before anything is parsed or shown."""

    _subcommand_metavar: str = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_language_option())

    @property
    def subcommand_metavar(self) -> str:
        """COMMAND [ARGS]... in the chosen language."""
        value = self._subcommand_metavar
        return _(value) if value in _METAVARS else value

    @subcommand_metavar.setter
    def subcommand_metavar(self, value: str) -> None:
        self._subcommand_metavar = value

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Choose the language from the whole command line first, so that `--help` and every
        usage error, wherever --lang stands, speak it."""
        language.use(requested_language(args))
        _translated_click()
        return super().parse_args(ctx, args)


def command(name: str) -> Callable[[Callable[..., None]], click.Command]:
    """Declare a command of ametid (help translated, --lang)."""
    return click.command(name=name, cls=Command)


def option(*names: str, **attributes: Any) -> Callable[[F], F]:
    """Declare an option whose help is translated."""
    return click.option(*names, cls=Option, **attributes)


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
        report([Problem("ametid", message=_(INTERRUPTED), code="interrupted")])
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
    return option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default="text",
        show_default=True,
        help=help_text,
    )


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


def parse_formats(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    """The formats of a comma-separated `--format` value, each known and named once; none when
    the option is not given."""
    if value is None:
        return ()
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        given = ",".join(unknown) or value
        message = _("'{given}' is not one of {known}").format(given=given, known=",".join(FORMATS))
        raise click.BadParameter(message)
    return chosen


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An option's value as a date YYYY-MM-DD that exists, or a usage error."""
    if value is None:
        return None
    try:
        if _ISO_DATE.fullmatch(value):
            datetime.date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise click.BadParameter(_("'{value}' is not a date YYYY-MM-DD").format(value=value))


def nonempty_text(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An option's value without surrounding spaces, refused when nothing is left."""
    if value is not None and not value.strip():
        raise click.BadParameter(_("must not be empty"))
    return value.strip() if value is not None else None
