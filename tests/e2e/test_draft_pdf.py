"""A position changed after its approval prints as a draft in its PDF too."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support.cli import run
from support.documents import squash

SEED = "ekspert-noustamismetoodikad"


def test_the_pdf_of_a_changed_position_is_a_draft(project: Path) -> None:
    path = project / "positions" / f"{SEED}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("- task: Teabevahetuse ja koostöö tagamine.", "- task: Teabevahetus."),
        encoding="utf-8",
    )
    result = run("build", "--format", "pdf", f"positions/{SEED}.yaml")
    assert result.exit_code == 0, result.stderr
    done = subprocess.run(
        ["pdftotext", str(project / "build" / "pdf" / f"{SEED}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    words = squash(done.stdout)
    assert words.startswith(
        "Sotsiaalkindlustusamet KAVAND Muudetud pärast kinnitamist "
        "(kinnitatud 19.05.2026 käskkirjaga nr 53) AMETIJUHEND Ekspert (nõustamismetoodikad)"
    )
    assert "KINNITATUD" not in words
