"""A small run of the benchmark, so `make bench` is known to work (the numbers are not judged)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.paths import REPO


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    completed = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "bench.py"),
            "--n",
            "20",
            "--repeat",
            "1",
            "--pandoc-sample",
            "2",
            "--json",
            str(report),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("N = 20 positions\n")
    rows = json.loads(report.read_text(encoding="utf-8"))["rows"]
    assert [row["what"] for row in rows] == [
        "ametid validate vs floor",
        "build md,html vs mkdocs build",
        "build docx per document vs pandoc",
        "no-op rebuild vs clean build",
        "one position changed vs clean build",
        "ametid --help vs import click",
        "diff of a 10,000-word rewrite",
        "peak memory, largest process",
        "peak memory, process tree",
        "lint's Vabamorf load vs import estnltk",
        "lint, the 4 positions",
        "lint, 20 positions",
    ]
    for row in rows:
        assert row["measured"] > 0 and row["reference"] > 0, row
