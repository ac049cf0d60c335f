"""The report of `ametid verify`: the container's files, its signatures, and each file against
what ametid builds."""

from __future__ import annotations

from ametid.core.language import gettext as _
from ametid.core.language import ngettext
from ametid.core.language import noop as N_
from ametid.directive.proof import DIFFERENT, IDENTICAL, RENDERING, Proof

VERDICTS = {
    IDENTICAL: N_("identical"),
    RENDERING: N_("the same text, rendered differently (another LibreOffice)"),
    DIFFERENT: N_("DIFFERENT"),
}


def to_text(proof: Proof, require_signature: bool) -> str:
    """The report for a terminal."""
    count = len(proof.files)
    lines = [
        ngettext("{container}: {count} file", "{container}: {count} files", count).format(
            container=proof.container, count=count
        )
    ]
    lines += [f"  {name}" for name in proof.files]
    if not proof.signatures:
        lines.append(_("not signed"))
    for signature in proof.signatures:
        lines.append(
            _("signature {name}: {signer}, signed {time}").format(
                name=signature.name,
                signer=signature.signer or "?",
                time=signature.signing_time or "?",
            )
        )
        if signature.valid:
            lines.append(
                "  "
                + _(
                    "valid: every file it signs matches its digest, and it verifies with "
                    "the signer's certificate"
                )
            )
        else:
            lines += [f"  {_('INVALID')}: {problem}" for problem in signature.problems]
        lines.append(
            "  "
            + _("trust in the certificate (EU trust list, OCSP): not checked, it needs the network")
        )
    if proof.revision is None:
        lines.append(_("compared with what ametid builds from the working tree:"))
    else:
        lines.append(
            _("compared with what ametid builds from revision {revision}:").format(
                revision=proof.revision
            )
        )
    if any(check.differences for check in proof.checks):
        removed, added = _("as in the container"), _("as ametid builds it")
        legend = _("(marked: {removed} {added})").format(
            removed=f"[-{removed}-]", added=f"{{+{added}+}}"
        )
        lines.append(f"  {legend}")
    for check in proof.checks:
        verdict = _(VERDICTS[check.verdict])
        if check.reason:
            verdict = f"{verdict}: {check.reason}"
        lines.append(f"  {check.name}: {verdict}")
        lines += [f"    {line}" for line in check.differences]
    lines.append(_summary(proof, require_signature))
    return "\n".join(lines) + "\n"


def _summary(proof: Proof, require_signature: bool) -> str:
    differing = sum(not check.matches for check in proof.checks)
    invalid = sum(not signature.valid for signature in proof.signatures)
    if proof.ok(require_signature):
        if proof.signed:
            return _("verified: signed, and every file is what ametid builds")
        return _("every file is what ametid builds; the container is not signed")
    reasons = []
    if differing:
        reasons.append(
            ngettext("{count} file differs", "{count} files differ", differing).format(
                count=differing
            )
        )
    if invalid:
        reasons.append(
            ngettext(
                "{count} signature is invalid", "{count} signatures are invalid", invalid
            ).format(count=invalid)
        )
    if require_signature and not proof.signed:
        reasons.append(_("not signed"))
    return _("NOT verified: {reasons}").format(reasons=", ".join(reasons))
