"""A build reads each position once: a changed file is opened once and parsed once, whatever
the formats; an unchanged one is opened for its digest and not parsed."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from support.positions import IDS

# Runs `ametid build` in a process of its own, counting, by file name, every opening of a file
# in positions/ (an audit hook sees the C-level opens too) and every parse of a position.
COUNTING_BUILD = """
import json, os, sys
from collections import Counter

opened = Counter()
parsed = Counter()
positions = os.path.realpath("positions") + os.sep


def audit(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        path = os.path.realpath(os.fsdecode(args[0]))
        if path.startswith(positions):
            opened[os.path.basename(path)] += 1


sys.addaudithook(audit)
from ametid.source import loader

real_parse = loader.parse


def counting_parse(raw, display):
    parsed[os.path.basename(display)] += 1
    return real_parse(raw, display)


loader.parse = counting_parse
from ametid.cli import main

try:
    main(["build", "--format", sys.argv[1]], prog_name="ametid")
except SystemExit as end:
    code = end.code
print(json.dumps({"code": code, "opened": opened, "parsed": parsed}))
"""


def counted_build(project: Path, formats: str) -> tuple[Counter[str], Counter[str]]:
    """Build the project; how often each position file was opened and parsed."""
    completed = subprocess.run(
        [sys.executable, "-c", COUNTING_BUILD, formats],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(completed.stdout.splitlines()[-1])
    assert report["code"] in (None, 0), completed.stderr
    return Counter(report["opened"]), Counter(report["parsed"])


FILES = [f"{position_id}.yaml" for position_id in IDS]


def test_a_clean_build_opens_and_parses_each_position_once(project: Path) -> None:
    opened, parsed = counted_build(project, "md,html,docx")
    assert opened == Counter(FILES)
    assert parsed == Counter(FILES)


def test_a_rebuild_parses_only_the_changed_position(project: Path) -> None:
    counted_build(project, "md,html,docx")
    changed = project / "positions" / "projektijuht.yaml"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Kõrgharidus", "Magistrikraad", 1),
        encoding="utf-8",
    )

    opened, parsed = counted_build(project, "md,html,docx")

    assert opened == Counter(FILES)
    assert parsed == Counter({"projektijuht.yaml": 1})
