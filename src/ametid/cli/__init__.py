"""The command line: parse options, call one library function, map the outcome to an exit code.

One module per command; library modules are imported inside the commands, so `ametid --help`
does not pay for loading jsonschema, Jinja and docxtpl.
"""

from __future__ import annotations

import click

from ametid import __version__
from ametid.cli import common
from ametid.cli.approve_command import approve_command
from ametid.cli.build_command import build_command
from ametid.cli.diff_command import diff_command
from ametid.cli.directive_command import directive_command
from ametid.cli.export_command import export_command
from ametid.cli.import_command import import_command
from ametid.cli.init_command import init_command
from ametid.cli.library_command import library_command
from ametid.cli.lint_command import lint_command
from ametid.cli.new_command import new_command
from ametid.cli.rename_unit_command import rename_unit_command
from ametid.cli.review_command import review_command
from ametid.cli.serve_command import serve_command
from ametid.cli.validate_command import validate
from ametid.cli.verify_command import verify_command


@click.group(
    name="ametid", cls=common.Group, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(
    __version__, prog_name="ametid", cls=common.Option, help=common.N_("Show the version and exit.")
)
def main() -> None:
    """Job descriptions (ametijuhend) kept as code: validate the YAML, build the documents."""


COMMANDS = (
    init_command,
    validate,
    lint_command,
    build_command,
    serve_command,
    new_command,
    import_command,
    diff_command,
    review_command,
    approve_command,
    directive_command,
    verify_command,
    library_command,
    rename_unit_command,
    export_command,
)
for command in COMMANDS:
    main.add_command(command)
