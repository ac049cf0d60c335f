"""Running the command line in the test's own process."""

from __future__ import annotations

from click.testing import CliRunner, Result

from ametid.cli import main
from ametid.core.language import ENVIRONMENT


def run(*args: str, lang: str | None = "en", answer: str | None = None) -> Result:
    """`ametid ARGS...` in the current working directory; its exit code, stdout and stderr.

    Most tests pin down behaviour with the English messages (AMETID_LANG=en); with `lang=None`
    the command runs as a user's does, without AMETID_LANG, so in the project's language.
    `answer` is what a person types at the command's questions; without it, nobody answers.
    """
    return CliRunner().invoke(main, list(args), env={ENVIRONMENT: lang}, input=answer)
