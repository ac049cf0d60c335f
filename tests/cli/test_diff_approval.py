"""`ametid diff` and approvals: a position changed since its approval, and an approval digest
removed or altered by hand since the compared revision."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ametid.core.approval import content_digest
from ametid.source.loader import parse
from support.cli import run
from support.gitrepo import base_repository, git, replace
from support.paths import LAYOUT

SEED = "positions/ekspert-noustamismetoodikad.yaml"
DUTY = "- task: Teabevahetuse ja koostöö tagamine."
CHANGED_DUTY = "- task: Teabevahetuse, koostöö ja kriisikommunikatsiooni tagamine."
DIGEST_LINE = re.compile(r"  digest: (ametid1-sha256:[0-9a-f]{64})\n")
TAMPERED = (
    "  the approval's digest was removed or altered by hand, not by `ametid approve`; "
    "restore it, or approve the position anew\n"
)


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The positions committed and tagged v2025, the seed approved with its digest."""
    root = base_repository(tmp_path / "project")
    monkeypatch.chdir(root)
    yield root


def seed_data(root: Path) -> dict[str, Any]:
    document, problems = parse((root / SEED).read_bytes(), SEED)
    assert problems == [] and document is not None
    return dict(document.data)


def set_digest(root: Path, digest: str | None) -> None:
    """Write another digest into the seed's approval by hand, or remove it."""
    path = root / SEED
    text = path.read_text(encoding="utf-8")
    line = f"  digest: {digest}\n" if digest else ""
    path.write_text(DIGEST_LINE.sub(line, text, count=1), encoding="utf-8")


def position(report: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = report["positions"][0]
    assert len(report["positions"]) == 1
    assert found["id"] == "ekspert-noustamismetoodikad"
    return found


def flags(*args: str) -> tuple[bool, bool]:
    result = run("diff", "--format", "json", "v2025", SEED, *args)
    assert result.exit_code == 0, result.output
    found = position(json.loads(result.stdout))
    return found["changed_since_approval"], found["digest_tampered"]


def test_a_changed_approved_position_is_said_to_have_changed_since_approval(
    repository: Path,
) -> None:
    replace(repository / SEED, DUTY, CHANGED_DUTY)
    result = run("diff", "v2025", SEED)
    assert (result.exit_code, result.stderr) == (
        0,
        "compared v2025 with the working tree: 1 position differs, 1 needs consent, "
        "1 changed since approval\n",
    )
    assert result.stdout.splitlines()[:3] == [
        "ekspert-noustamismetoodikad: Ekspert (nõustamismetoodikad)",
        "  changed: needs consent",
        "  changed since approval: it prints as a draft until approved again",
    ]
    assert flags() == (True, False)


def test_the_summary_in_estonian(repository: Path) -> None:
    replace(repository / SEED, DUTY, CHANGED_DUTY)
    set_digest(repository, None)
    result = run("diff", "--lang", "et", "v2025", SEED)
    assert result.stderr == (
        "võrreldud v2025 ja töökoopiat: 1 ametijuhend erineb, 1 vajab nõusolekut, "
        "1 kinnituse kontrollsumma käsitsi muudetud\n"
    )


def test_a_removed_digest_is_flagged(repository: Path) -> None:
    # Without its digest the approval would be taken as approved, whatever the text says.
    replace(repository / SEED, DUTY, CHANGED_DUTY)
    set_digest(repository, None)
    result = run("diff", "v2025", SEED)
    assert result.stderr == (
        "compared v2025 with the working tree: 1 position differs, 1 needs consent, "
        "1 with its approval digest altered by hand\n"
    )
    assert result.stdout.splitlines()[1:3] == ["  changed: needs consent", TAMPERED.rstrip("\n")]
    assert flags() == (False, True)


def test_a_digest_written_by_hand_for_the_changed_text_is_flagged(repository: Path) -> None:
    replace(repository / SEED, DUTY, CHANGED_DUTY)
    set_digest(repository, content_digest(seed_data(repository), LAYOUT))
    # The documents would print it approved: only the diff can tell.
    assert flags() == (False, True)


def test_a_digest_altered_to_another_value_is_flagged(repository: Path) -> None:
    set_digest(repository, "ametid1-sha256:" + "0" * 64)
    assert flags() == (True, True)


def test_approving_anew_is_not_tampering(repository: Path) -> None:
    replace(repository / SEED, DUTY, CHANGED_DUTY)
    approved = run("approve", "--directive", "61", "--date", "2026-09-01", SEED)
    assert approved.exit_code == 0, approved.stderr
    assert flags() == (False, False)
    result = run("diff", "v2025", SEED)
    assert result.stderr == (
        "compared v2025 with the working tree: 1 position differs, 1 needs consent\n"
    )


def test_the_markdown_and_html_reports_say_it(repository: Path) -> None:
    replace(repository / SEED, DUTY, CHANGED_DUTY)
    set_digest(repository, content_digest(seed_data(repository), LAYOUT))
    markdown = run("diff", "--format", "md", "v2025", SEED).stdout
    assert (
        "| Ekspert (nõustamismetoodikad) (`ekspert-noustamismetoodikad`) | muudetud | 2 | "
        "**vajab töötaja nõusolekut**; kontrollsumma käsitsi muudetud |\n"
    ) in markdown
    assert (
        "> **Kinnituse kontrollsumma on käsitsi eemaldatud või muudetud, mitte käsuga "
        "ametid approve.**\n"
    ) in markdown
    page = run("diff", "--format", "html", "v2025", SEED).stdout
    assert (
        '<p class="approval-note">Kinnituse kontrollsumma on käsitsi eemaldatud või muudetud, '
        "mitte käsuga ametid approve.</p>\n"
    ) in page


def test_the_html_redline_shows_the_draft_block_in_place_of_the_approval(
    repository: Path,
) -> None:
    replace(repository / SEED, DUTY, CHANGED_DUTY)
    page = run("diff", "--format", "html", "v2025", SEED).stdout
    assert (
        '<div class="approval del">\n<p>KINNITATUD</p>\n'
        "<p>Sotsiaalkindlustusameti peadirektori</p>\n<p>19.05.2026 käskkirjaga nr 53</p>\n"
        "<p>Lisa</p>\n</div>\n"
        '<div class="approval draft ins">\n<p>KAVAND</p>\n'
        "<p>Muudetud pärast kinnitamist (kinnitatud 19.05.2026 käskkirjaga nr 53)</p>\n</div>\n"
    ) in page
    # Against a revision that was already the same draft, the block is no change.
    git(repository, "commit", "-q", "-am", "A duty changed")
    replace(repository / SEED, "Toimib ladus teabevahetus", "Toimib sujuv teabevahetus")
    again = run("diff", "--format", "html", "HEAD", SEED).stdout
    assert '<div class="approval draft">\n<p>KAVAND</p>\n' in again
    assert '<div class="approval del">' not in again
