"""Running the command line in the test's own process."""

from __future__ import annotations

from click.testing import CliRunner, Result

from ametid.cli import main


def run(*args: str, answer: str | None = None) -> Result:
    """`ametid ARGS...` in the current working directory; its exit code, stdout and stderr.

    `answer` is what a person types at the command's questions; without it, nobody answers.
    """
    return CliRunner().invoke(main, list(args), input=answer)
