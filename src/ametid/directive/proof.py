"""`ametid verify`: what a signing container holds, who signed it, and whether it is what
ametid builds from the positions.

The container's files are checked against the directive and annexes rebuilt from the positions
at a revision (the working tree by default): the directive from the positions whose approval
names it, each annex from its position (named in the file name) with the approval that
position carries there. A file is identical (the same bytes), the same text in another
rendering (another LibreOffice lays the same words out differently), or different, and then
the words that differ are shown as `ametid diff` marks them: [-as signed-] {+as built+}.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ametid.check.validation import validate
from ametid.core.approval import APPROVAL
from ametid.core.language import gettext as _
from ametid.core.model import Position
from ametid.core.problems import AmetidError, Problem, display_path, errors
from ametid.core.project import Project, find_project
from ametid.directive.container import ASIC_E, MANIFEST, MIMETYPE
from ametid.directive.contents import Annex, directive_text
from ametid.directive.earlier import repository_of
from ametid.directive.papers import (
    render_documents,
    revoked_items,
    safe_name,
)
from ametid.directive.signature import SignatureCheck, check_signature
from ametid.directive.wording import read_wording
from ametid.history.git import Repository
from ametid.history.words import diff_words

_DIRECTIVE_FILE = re.compile(r"kaskkiri-(?P<number>.+)\.pdf")
_ANNEX_FILE = re.compile(r"lisa-(?P<annex>[0-9]+)-(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.pdf")
MAX_MEMBER = 200_000_000  # bytes of one file of a container, unpacked
PDFTOTEXT_SECONDS = 120

IDENTICAL = "identical"
RENDERING = "rendering"  # the same text, laid out otherwise
DIFFERENT = "different"


@dataclass
class FileCheck:
    """One file of the container against what ametid builds."""

    name: str
    verdict: str
    reason: str = ""
    differences: list[str] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        """Whether the file says what ametid builds."""
        return self.verdict in (IDENTICAL, RENDERING)


@dataclass
class Proof:
    """What verifying a container found."""

    container: str
    revision: str | None
    files: list[str]
    signatures: list[SignatureCheck]
    checks: list[FileCheck]

    @property
    def signed(self) -> bool:
        """Whether the container holds a signature."""
        return bool(self.signatures)

    def ok(self, require_signature: bool) -> bool:
        """Every file matches, every signature is valid (and there is one, if required)."""
        if require_signature and not self.signed:
            return False
        return all(c.matches for c in self.checks) and all(s.valid for s in self.signatures)


def _refuse(where: str, message: str) -> AmetidError:
    return AmetidError([Problem(where, message=message, code="container")])


def read_container(path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The container's files and its signature files, by name; an error if it is no ASiC-E."""
    shown = display_path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if not members or members[0].filename != MIMETYPE:
                raise _refuse(shown, _("not an ASiC-E container: it does not start with mimetype"))
            if archive.read(members[0]).strip() != ASIC_E.encode("ascii"):
                raise _refuse(shown, _("not an ASiC-E container (.asice): another mimetype"))
            files: dict[str, bytes] = {}
            signatures: dict[str, bytes] = {}
            for member in members[1:]:
                if member.is_dir() or member.filename == MANIFEST:
                    continue
                if member.file_size > MAX_MEMBER:
                    message = _("{file} is over {size} MB").format(
                        file=member.filename, size=MAX_MEMBER // 1_000_000
                    )
                    raise _refuse(shown, message)
                data = archive.read(member)
                if member.filename.startswith("META-INF/"):
                    if "signatures" in member.filename.rsplit("/", 1)[-1]:
                        signatures[member.filename] = data
                else:
                    files[member.filename] = data
    except FileNotFoundError:
        raise _refuse(shown, _("file not found")) from None
    except (OSError, zipfile.BadZipFile, EOFError, RuntimeError) as error:
        message = _("not an ASiC-E container (.asice): {error}").format(error=error)
        raise _refuse(shown, message) from None
    return files, signatures


def _pdf_lines(data: bytes, work: Path) -> list[str]:
    """A PDF's lines of text as pdftotext lays them out, spaces squeezed, empty lines left out."""
    tool = shutil.which("pdftotext")
    if tool is None:
        message = _("reading PDF files needs pdftotext from poppler: apt-get install poppler-utils")
        raise AmetidError([Problem("pdftotext", message=message, code="pdf")])
    source = work / "compared.pdf"
    source.write_bytes(data)
    try:
        done = subprocess.run(
            [tool, "-layout", "-enc", "UTF-8", str(source), "-"],
            capture_output=True,
            timeout=PDFTOTEXT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return []  # no text to compare: the file is reported as different
    finally:
        source.unlink()
    if done.returncode != 0:
        return []
    text = done.stdout.decode("utf-8", "replace")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


CONTEXT_WORDS = 4  # words shown on each side of a change
JOIN_WORDS = 3  # changes this close together are shown as one


def _words_of(text: str) -> list[str]:
    return text.split()


def text_differences(signed: Sequence[str], built: Sequence[str]) -> list[str]:
    """Each change between the signed file's text and the built one's, with a few words around
    it: [-as in the container-]{+as ametid builds it+}. Lines are joined first, so words that
    only moved to another line are not a change."""
    segments = diff_words(" ".join(signed), " ".join(built))
    found: list[str] = []
    current: list[str] = []  # the change being collected, marked up
    before = ""  # the words before it
    for index, segment in enumerate(segments):
        if segment.kind != "equal":
            mark = ("[-", "-]") if segment.kind == "delete" else ("{+", "+}")
            current.append(f"{mark[0]}{segment.text.strip()}{mark[1]}")
            continue
        words = _words_of(segment.text)
        last = index == len(segments) - 1
        if current and (len(words) > JOIN_WORDS or last):
            found.append(_snippet(before, current, " ".join(words[:CONTEXT_WORDS])))
            current = []
        elif current:
            current.append(segment.text.strip())
            continue
        before = " ".join(words[-CONTEXT_WORDS:])
    if current:
        found.append(_snippet(before, current, ""))
    return found


def _snippet(before: str, change: list[str], after: str) -> str:
    parts = [f"… {before}" if before else "", " ".join(change), f"{after} …" if after else ""]
    return " ".join(part for part in parts if part)


def _compare(name: str, signed: bytes, built: bytes | None, reason: str, work: Path) -> FileCheck:
    if built is None:
        return FileCheck(name, DIFFERENT, reason)
    if signed == built:
        return FileCheck(name, IDENTICAL)
    old, new = _pdf_lines(signed, work), _pdf_lines(built, work)
    if old and old == new:
        return FileCheck(name, RENDERING)
    return FileCheck(name, DIFFERENT, differences=text_differences(old, new))


@dataclass
class _Rebuilt:
    """What ametid builds for the container's files: bytes by file name, or why not."""

    files: dict[str, bytes] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)


def _approval_of(position: Position) -> Mapping[str, object]:
    approval = position.data.get(APPROVAL)
    return approval if isinstance(approval, Mapping) else {}


def _rebuild(
    project: Project,
    names: Sequence[str],
    repository: Repository | None,
    revision: str,
    work: Path,
) -> _Rebuilt:
    checked = validate(project)
    if not checked.ok:  # notes do not stop it
        raise AmetidError(errors(checked.problems))
    by_id = {position.id: position for position in checked.positions}
    rebuilt = _Rebuilt()
    annexes: list[tuple[str, Position]] = []
    directive = None
    for name in names:
        annex, own = _ANNEX_FILE.fullmatch(name), _DIRECTIVE_FILE.fullmatch(name)
        if annex is not None:
            position = by_id.get(annex["id"])
            if position is None:
                rebuilt.reasons[name] = _("no position {id} to build it from").format(
                    id=annex["id"]
                )
            else:
                annexes.append((name.removesuffix(".pdf"), position))
        elif own is not None and directive is None:
            directive = own["number"]
        else:
            rebuilt.reasons[name] = _("not a file that ametid directive writes")
    text = None
    if directive is not None:
        approved = sorted(
            (
                (Annex(int(str(approval["annex"])), position.id, position.title), position)
                for position in checked.positions
                for approval in [_approval_of(position)]
                if safe_name(str(approval.get("directive", ""))) == directive
                and str(approval.get("annex", "")).isdigit()
            ),
            key=lambda pair: pair[0].number,
        )
        if approved:
            approval = _approval_of(approved[0][1])
            number, date = str(approval["directive"]), str(approval["date"])
            revoked = revoked_items(project, approved, repository, revision)
            annexed = [annex for annex, _position in approved]
            wording = read_wording(project)
            text = directive_text(wording, project.organisation, number, date, annexed, revoked)
        else:
            reason = _("no position is approved by this directive")
            rebuilt.reasons[f"kaskkiri-{directive}.pdf"] = reason
    built = render_documents(project, text, annexes, work)
    rebuilt.files = {name: data for name, data in built.items() if name.endswith(".pdf")}
    return rebuilt


def verify_container(project: Project, container: Path, revision: str | None = None) -> Proof:
    """Check a container's signatures and its files against what ametid builds at `revision`."""
    files, signature_files = read_container(container)
    signatures = [
        check_signature(name, xml, files) for name, xml in sorted(signature_files.items())
    ]
    repository = repository_of(project) if revision is None else Repository(project)
    with tempfile.TemporaryDirectory(prefix="ametid-verify-") as temporary:
        work = Path(temporary)
        source = project
        start = "HEAD"
        if revision is not None:
            assert repository is not None
            start = repository.require(revision)
            source = find_project(repository.export(start, work / "project"))
        if repository is None or repository.commit(start) is None:
            repository = None
        conversion = work / "conversion"
        conversion.mkdir()
        rebuilt = _rebuild(source, list(files), repository, start, conversion)
        checks = [
            _compare(name, data, rebuilt.files.get(name), rebuilt.reasons.get(name, ""), work)
            for name, data in files.items()
        ]
    return Proof(display_path(container), revision, list(files), signatures, checks)
