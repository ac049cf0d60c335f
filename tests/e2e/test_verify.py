"""ametid verify: a signed container passes; a tampered one and a later revision fail, naming the
file and the change."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from click.testing import Result

from support.cli import run
from support.directive import ANNEXES, BY, DATE, NUMBER, SAFE, directive_project
from support.gitrepo import commit, git, replace
from support.signing import SIGNER, SIGNING_TIME, replaced_file, signed_copy, signing_key

SIGNED_REVISION = "kaskkiri-54"
PDFS = [f"kaskkiri-{SAFE}.pdf", *(f"lisa-{n}-{name}.pdf" for n, name in enumerate(ANNEXES, 1))]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directive written and signed at the revision tagged kaskkiri-54; then a later commit
    that changes projektijuht's purpose and approves it again as the same annex."""
    root = directive_project(tmp_path_factory.mktemp("verify") / "project")
    git(root, "tag", SIGNED_REVISION)
    with contextlib.chdir(root):
        written = run("directive", "--number", NUMBER, "--date", DATE, "--out", "../signed")
        assert written.exit_code == 0, written.stderr
        container = root.parent / "signed" / f"kaskkiri-{SAFE}.asice"
        key, certificate = signing_key()
        signed_copy(container, root.parent / "signed.asice", key, certificate)
        replace(
            root / "positions" / "projektijuht.yaml",
            "kättesaadavust ja kvaliteeti",
            "kättesaadavust, kvaliteeti ja ohutust",
        )
        files = [f"positions/{name}.yaml" for name in ANNEXES]
        again = run("approve", "--directive", NUMBER, "--date", DATE, "--by", BY, *files)
        assert again.exit_code == 0, again.stderr
        commit(root, "Projektijuht: the purpose names safety", date="2026-07-01T10:00:00+00:00")
        later = run("directive", "--number", NUMBER, "--date", DATE, "--out", "../later")
        assert later.exit_code == 0, later.stderr
    annex = "lisa-2-projektijuht.pdf"
    replaced_file(
        root.parent / "signed.asice",
        root.parent / "tampered.asice",
        annex,
        (root.parent / "later" / annex).read_bytes(),
    )
    return root


def verify(project: Path, *args: str, lang: str | None = "en") -> Result:
    """`ametid verify ARGS...` in the project."""
    with contextlib.chdir(project):
        return run("verify", *args, lang=lang)


def test_the_signed_container_is_what_was_built_at_its_revision(project: Path) -> None:
    result = verify(project, "../signed.asice", "--rev", SIGNED_REVISION, "--require-signature")
    assert result.stderr == ""
    assert result.stdout == "\n".join(
        [
            "../signed.asice: 5 files",
            *(f"  {name}" for name in PDFS),
            f"signature META-INF/signatures0.xml: {SIGNER}, signed {SIGNING_TIME}",
            "  valid: every file it signs matches its digest, and it verifies with the signer's "
            "certificate",
            "  trust in the certificate (EU trust list, OCSP): not checked, it needs the network",
            f"compared with what ametid builds from revision {SIGNED_REVISION}:",
            *(f"  {name}: identical" for name in PDFS),
            "verified: signed, and every file is what ametid builds",
            "",
        ]
    )
    assert result.exit_code == 0


def test_a_tampered_file_fails_its_signature_and_the_comparison(project: Path) -> None:
    result = verify(project, "../tampered.asice", "--rev", SIGNED_REVISION)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[6:] == [
        f"signature META-INF/signatures0.xml: {SIGNER}, signed {SIGNING_TIME}",
        "  INVALID: lisa-2-projektijuht.pdf is not the file that was signed: its digest differs",
        "  trust in the certificate (EU trust list, OCSP): not checked, it needs the network",
        f"compared with what ametid builds from revision {SIGNED_REVISION}:",
        "  (marked: [-as in the container-] {+as ametid builds it+})",
        f"  kaskkiri-{SAFE}.pdf: identical",
        "  lisa-1-ekspert-noustamismetoodikad.pdf: identical",
        "  lisa-2-projektijuht.pdf: DIFFERENT",
        "    … tegevuste raames ohvriabi teenuste [-kättesaadavust, kvaliteeti-] "
        "{+kättesaadavust+} ja [-ohutust-] {+kvaliteeti+} läbi teenuste korraldamiseks vajalike …",
        "  lisa-3-ekspert-kvaliteet-ja-seire.pdf: identical",
        "  lisa-4-teenuseomanik-taastav-oigus.pdf: identical",
        "NOT verified: 1 file differs, 1 signature is invalid",
    ]


def test_a_later_revision_that_changed_a_position_fails(project: Path) -> None:
    """The working tree is the later commit: the signature holds, the annex is no longer it."""
    result = verify(project, "../signed.asice")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[7:] == [
        "  valid: every file it signs matches its digest, and it verifies with the signer's "
        "certificate",
        "  trust in the certificate (EU trust list, OCSP): not checked, it needs the network",
        "compared with what ametid builds from the working tree:",
        "  (marked: [-as in the container-] {+as ametid builds it+})",
        f"  kaskkiri-{SAFE}.pdf: identical",
        "  lisa-1-ekspert-noustamismetoodikad.pdf: identical",
        "  lisa-2-projektijuht.pdf: DIFFERENT",
        "    … tegevuste raames ohvriabi teenuste [-kättesaadavust-] "
        "{+kättesaadavust, kvaliteeti+} ja [-kvaliteeti-] {+ohutust+} läbi teenuste "
        "korraldamiseks vajalike …",
        "  lisa-3-ekspert-kvaliteet-ja-seire.pdf: identical",
        "  lisa-4-teenuseomanik-taastav-oigus.pdf: identical",
        "NOT verified: 1 file differs",
    ]


def test_an_unsigned_container_is_checked_and_fails_only_when_a_signature_is_required(
    project: Path,
) -> None:
    unsigned = f"../signed/kaskkiri-{SAFE}.asice"
    result = verify(project, unsigned, "--rev", SIGNED_REVISION)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[6:] == [
        "not signed",
        f"compared with what ametid builds from revision {SIGNED_REVISION}:",
        *(f"  {name}: identical" for name in PDFS),
        "every file is what ametid builds; the container is not signed",
    ]
    required = verify(project, unsigned, "--rev", SIGNED_REVISION, "--require-signature")
    assert required.exit_code == 1
    assert required.stdout.splitlines()[-1] == "NOT verified: not signed"


def test_a_file_that_is_no_container(project: Path) -> None:
    result = verify(project, "positions/projektijuht.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "positions/projektijuht.yaml: not an ASiC-E container (.asice): File is not a zip file\n"
    )


def test_an_unknown_revision(project: Path) -> None:
    result = verify(project, "../signed.asice", "--rev", "v1999", lang=None)
    assert result.exit_code == 1
    assert result.stderr == (
        "v1999: tundmatu versioon: selles hoidlas ei ole sellist silti, haru ega "
        "sissekannet (commit)\n"
    )


def test_the_same_text_rendered_differently_matches(project: Path, tmp_path: Path) -> None:
    """A PDF written anew (as by another LibreOffice) has other bytes and the same text."""
    import io

    import pikepdf

    annex = "lisa-1-ekspert-noustamismetoodikad.pdf"
    with pikepdf.open(project.parent / "signed" / annex) as pdf:
        rewritten = io.BytesIO()
        pdf.save(rewritten, compress_streams=False)
    other = replaced_file(
        project.parent / "signed" / f"kaskkiri-{SAFE}.asice",
        tmp_path / "other.asice",
        annex,
        rewritten.getvalue(),
    )
    result = verify(project, str(other), "--rev", SIGNED_REVISION)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[8:10] == [
        f"  kaskkiri-{SAFE}.pdf: identical",
        f"  {annex}: the same text, rendered differently (another LibreOffice)",
    ]
