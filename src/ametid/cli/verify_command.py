"""`ametid verify`: who signed a container, and whether its files are what ametid builds."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ametid.cli import common
from ametid.cli.common import N_


@common.command(name="verify")
@click.argument("container", type=click.Path(path_type=Path, dir_okay=False))
@common.option(
    "--rev",
    metavar="REV",
    default=None,
    help=N_(
        "Compare with what ametid builds from the positions at this git revision (a tag, "
        "branch or commit).  [default: the working tree]"
    ),
)
@common.option(
    "--require-signature",
    is_flag=True,
    help=N_("Fail when the container is not signed."),
)
def verify_command(container: Path, rev: str | None, require_signature: bool) -> None:
    """Show who signed a signing container (.asice), and check it is what ametid builds.

    Lists the container's files and signers and checks each signature: every file it signs
    matches its digest, and it verifies with the signer's certificate. Whether that
    certificate is trusted (the EU trust list, OCSP) needs the network and is not checked.
    Then each file is compared with the directive and annexes ametid builds from the
    positions at --rev: identical, the same text rendered differently, or different, with
    the words that differ. Exits with 0 only when every file matches and every signature is
    valid; an unsigned container fails only with --require-signature. Needs LibreOffice.
    """
    from ametid.directive.proof import verify_container
    from ametid.report.proof_report import to_text

    project = common.current_project()
    common.unwind_on_signals()
    with common.exit_on_problems():
        proof = verify_container(project, container, rev)
    click.echo(to_text(proof, require_signature), nl=False)
    sys.exit(common.EXIT_OK if proof.ok(require_signature) else common.EXIT_INVALID)
