"""Word documents opened in LibreOffice through its UNO interface, many in one run.

The reading itself is `uno_paragraphs.py`, run by Debian's /usr/bin/python3 (which has the
python3-uno bridge) rather than the tests' Python, whose version may differ.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

SYSTEM_PYTHON = Path("/usr/bin/python3")
SCRIPT = Path(__file__).with_name("uno_paragraphs.py")
# Starting LibreOffice in a new profile takes a few seconds; a document well under one.
TIMEOUT_START_SECONDS = 120
TIMEOUT_PER_DOCUMENT_SECONDS = 10

Paragraph = tuple[str, str, str]  # list number, text, paragraph style


def uno_problem() -> str | None:
    """Why LibreOffice cannot be driven through UNO here, or None when it can."""
    if shutil.which("soffice") is None:
        return "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    bridge = f"LibreOffice's UNO bridge for {SYSTEM_PYTHON} is needed: apt-get install python3-uno"
    if not SYSTEM_PYTHON.exists():
        return bridge
    found = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True)
    return bridge if found.returncode != 0 else None


def read_paragraphs(documents: Sequence[tuple[Path, str]], work: Path) -> list[list[Paragraph]]:
    """Each document's paragraphs as LibreOffice reads them: as it is ("as-is"), or after
    accepting ("accept") or rejecting ("reject") all its tracked changes. Fails, rather than
    skips, when LibreOffice or its UNO bridge is missing."""
    problem = uno_problem()
    assert problem is None, problem
    request = {
        "profile": str(work / "profile"),
        "documents": [[str(path), mode] for path, mode in documents],
    }
    done = subprocess.run(
        [str(SYSTEM_PYTHON), str(SCRIPT)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_START_SECONDS + TIMEOUT_PER_DOCUMENT_SECONDS * len(documents),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    return [[(number, text, style) for number, text, style in paragraphs] for paragraphs in found]
