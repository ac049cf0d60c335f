"""Benchmark ametid against the floor (parsing YAML) and its peers (mkdocs, pandoc).

Generates N positions by varying the real ones in positions/, then times each command as a
separate process, several repetitions, and reports medians. Prints a table and writes it as
JSON. Run it with `make bench`, or `python benchmarks/bench.py --n 5000`.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil
import pypandoc

from ametid.core.layout import read_layout
from ametid.source.dumper import dump_position
from ametid.source.loader import parse

REPO = Path(__file__).resolve().parent.parent
ORDER = read_layout(REPO / "templates").order
PYTHON = sys.executable
AMETID = [PYTHON, "-m", "ametid"]
FLOOR = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as handle:\n"
    "        yaml.load(handle, Loader=yaml.CSafeLoader)\n"
)
MB = 1024 * 1024
# Loading Vabamorf through EstNLTK, in a process of its own: what every `ametid lint` pays
# before it checks a word, shown apart from the checking.
LOAD = "from ametid.lint.morphology import load\nassert load() is not None\n"
# The same through `import estnltk`, which loads the whole package (pandas, matplotlib …).
WHOLE_LOAD = "from estnltk.vabamorf.morf import Vabamorf\nVabamorf.instance()\n"


@dataclass
class Row:
    """One line of the result table."""

    what: str
    measured: float
    reference: float
    ratio: float
    target: str
    met: bool
    unit: str = "s"


def generate(project: Path, count: int, seed: int = 20261122) -> None:
    """Write `count` positions into project/positions, each a varied copy of a real one."""
    sources = []
    for path in sorted((REPO / "positions").glob("*.yaml")):
        document, problems = parse(path.read_bytes(), path.name)
        assert document is not None and not problems, problems
        sources.append((path.stem, document.data))
    all_duties = [duty for _, data in sources for duty in data["duties"]]
    folder = project / "positions"
    folder.mkdir(parents=True)
    for number in range(count):
        rng = random.Random(seed + number)
        stem, data = sources[number % len(sources)]
        position = copy.deepcopy(data)
        position["title"] = f"{data['title']} {number + 1}"
        duties = position["duties"]
        rng.shuffle(duties)
        for _ in range(rng.randint(0, 3)):
            extra = copy.deepcopy(rng.choice(all_duties))
            extra["task"] = f"{extra['task']} (lisaülesanne {rng.randint(1, 99)})"
            duties.insert(rng.randint(0, len(duties)), extra)
        # Written as `ametid new` and `ametid import` write positions: long texts folded with >-.
        text = dump_position(position, ORDER)
        (folder / f"{stem}-{number + 1:05d}.yaml").write_text(text, encoding="utf-8")


def make_project(root: Path, count: int) -> Path:
    """A project with the repository's schema, templates and settings and `count` positions."""
    project = root / "project"
    project.mkdir(parents=True)
    shutil.copy(REPO / "pyproject.toml", project / "pyproject.toml")
    shutil.copytree(REPO / "schema", project / "schema")
    shutil.copytree(REPO / "templates", project / "templates")
    generate(project, count)
    return project


REWRITE_WORDS = 10_000


def rewrite_project(root: Path, seed: int = 20261122) -> Path:
    """A git project whose working tree rewrites a purpose of 10,000 words: a fifth of the
    words replaced, some dropped, some added, as a thorough edit of a long text would."""
    project = root / "rewrite"
    project.mkdir(parents=True)
    shutil.copy(REPO / "pyproject.toml", project / "pyproject.toml")
    for folder in ("schema", "templates", "positions"):
        shutil.copytree(REPO / folder, project / folder)
    vocabulary = sorted(
        {
            word
            for path in (REPO / "positions").glob("*.yaml")
            for word in path.read_text(encoding="utf-8").split()
            if word.isalpha()
        }
    )
    rng = random.Random(seed)
    old = [rng.choice(vocabulary) for _ in range(REWRITE_WORDS)]
    new: list[str] = []
    for word in old:
        roll = rng.random()
        if roll < 0.2:
            new.append(rng.choice(vocabulary))
        elif roll < 0.25:
            continue
        elif roll < 0.3:
            new += [word, rng.choice(vocabulary)]
        else:
            new.append(word)
    path = project / "positions" / "projektijuht.yaml"
    original = path.read_text(encoding="utf-8")
    start, end = original.index("\npurpose:"), original.index("\nduties:")

    def write(words: list[str]) -> None:
        text = " ".join(words)
        path.write_text(f"{original[:start]}\npurpose: {text}.{original[end:]}", encoding="utf-8")

    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}

    def git(*args: str) -> None:
        subprocess.run(
            ["git", *args], cwd=project, env=environment, check=True, capture_output=True
        )

    write(old)
    git("init", "-q", "-b", "main")
    git("-c", "user.name=Bench", "-c", "user.email=bench@example.org", "add", "-A")
    git("-c", "user.name=Bench", "-c", "user.email=bench@example.org", "commit", "-qm", "old")
    write(new)
    return project


def timed(command: Sequence[str], cwd: Path, before: Callable[[], None] | None = None) -> float:
    """Wall time of one run of a command; `before` runs first, untimed."""
    if before:
        before()
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def median(repeat: int, measure: Callable[[], float]) -> float:
    """The median of `repeat` measurements."""
    return statistics.median(measure() for _ in range(repeat))


def peak_memory(command: Sequence[str], cwd: Path) -> tuple[float, float]:
    """Peak resident memory of the largest process and of the whole process tree, in MB."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    largest = total = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal largest, total
        parent = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [parent, *parent.children(recursive=True)]
                sizes = []
                for member in tree:
                    with contextlib.suppress(psutil.Error):  # it may have just ended
                        sizes.append(member.memory_info().rss / MB)
            except psutil.Error:
                break
            if sizes:
                largest = max(largest, *sizes)
                total = max(total, sum(sizes))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    return largest, total


def lint_rows(project: Path, count: int, repeat: int, work: Path) -> list[Row]:
    """`ametid lint` on the four positions and on `count`, each less the Vabamorf load."""
    seeds = work / "seeds"
    seeds.mkdir()
    shutil.copy(REPO / "pyproject.toml", seeds / "pyproject.toml")
    for name in ("schema", "templates", "positions", "data"):
        shutil.copytree(REPO / name, seeds / name)
    shutil.copytree(REPO / "data", project / "data", dirs_exist_ok=True)
    rows = []
    load = median(repeat, lambda: timed([PYTHON, "-c", LOAD], project))
    whole_load = median(repeat, lambda: timed([PYTHON, "-c", WHOLE_LOAD], project))
    rows.append(
        Row(
            "lint's Vabamorf load vs import estnltk",
            load,
            whole_load,
            load / whole_load,
            "<= 1 s",
            load <= 1.0,
        )
    )
    targets: list[tuple[str, Path, int]] = [
        ("the 4 positions", seeds, 4),
        (f"{count:,} positions", project, count),
    ]
    for what, folder, positions in targets:
        # Every finding recorded, so that the lint passes (exit 0) having checked them all.
        timed([*AMETID, "lint", "--write-baseline"], folder)
        lint = [*AMETID, "lint"]
        whole = median(repeat, lambda: timed(lint, folder))  # noqa: B023 (called at once)
        # The load (in its own process) is the reference: the rest is the checking.
        per = max(whole - load, 0.0) / positions
        rows.append(
            Row(f"lint, {what}", whole, load, whole / load, "<= 20 ms a position", per <= 0.02)
        )
    return rows


def run(count: int, repeat: int, pandoc_sample: int, work: Path, only: str = "") -> list[Row]:
    """Measure everything once; return the table."""
    project = make_project(work, count)
    if only == "lint":
        return lint_rows(project, count, repeat, work)
    files = sorted(str(p) for p in (project / "positions").glob("*.yaml"))
    out = project / "build"

    def clear() -> None:
        shutil.rmtree(out, ignore_errors=True)

    rows = []
    floor = median(repeat, lambda: timed([PYTHON, "-c", FLOOR, *files], project))
    validate = median(repeat, lambda: timed([*AMETID, "validate"], project))
    rows.append(
        Row(
            "ametid validate vs floor",
            validate,
            floor,
            validate / floor,
            "<= 1.5",
            validate / floor <= 1.5,
        )
    )

    text_build = median(
        repeat, lambda: timed([*AMETID, "build", "--format", "md,html"], project, clear)
    )
    docs = project / "mkdocs" / "docs"
    docs.mkdir(parents=True)
    for page in (out / "md").iterdir():
        shutil.copy(page, docs / page.name)
    (docs / "index.md").write_text("# Ametijuhendid\n", encoding="utf-8")
    (project / "mkdocs" / "mkdocs.yml").write_text("site_name: Ametijuhendid\n", encoding="utf-8")
    mkdocs = median(
        repeat, lambda: timed([PYTHON, "-m", "mkdocs", "build", "--quiet"], project / "mkdocs")
    )
    ratio = text_build / mkdocs
    rows.append(
        Row("build md,html vs mkdocs build", text_build, mkdocs, ratio, "<= 0.5", ratio <= 0.5)
    )

    word = median(repeat, lambda: timed([*AMETID, "build", "--format", "docx"], project, clear))
    pages = sorted((out.parent / "mkdocs" / "docs").glob("*-*.md"))[:pandoc_sample]
    pandoc_path = pypandoc.get_pandoc_path()

    def pandoc_all() -> float:
        started = time.perf_counter()
        for page in pages:
            target = work / "pandoc.docx"
            subprocess.run([pandoc_path, str(page), "-o", str(target)], check=True)
        return (time.perf_counter() - started) / len(pages)

    pandoc = median(repeat, pandoc_all)
    ours = word / count
    rows.append(
        Row(
            "build docx per document vs pandoc",
            ours,
            pandoc,
            ours / pandoc,
            "<= 0.1",
            ours / pandoc <= 0.1,
        )
    )

    clean = median(repeat, lambda: timed([*AMETID, "build"], project, clear))
    timed([*AMETID, "build"], project, clear)
    noop = median(repeat, lambda: timed([*AMETID, "build"], project))
    rows.append(
        Row(
            "no-op rebuild vs clean build", noop, clean, noop / clean, "<= 0.1", noop / clean <= 0.1
        )
    )

    edited = Path(files[len(files) // 2])
    original = edited.read_text(encoding="utf-8")
    flip = [0]

    def change_one() -> None:
        flip[0] += 1
        edited.write_text(
            original.replace("Kõrgharidus", f"Kõrgharidus ({flip[0]})", 1), encoding="utf-8"
        )

    one = median(repeat, lambda: timed([*AMETID, "build"], project, change_one))
    rows.append(
        Row(
            "one position changed vs clean build",
            one,
            clean,
            one / clean,
            "<= 0.1",
            one / clean <= 0.1,
        )
    )

    helps = max(repeat, 7)
    help_time = median(helps, lambda: timed([*AMETID, "--help"], project))
    click = median(helps, lambda: timed([PYTHON, "-c", "import click"], project))
    rows.append(
        Row(
            "ametid --help vs import click",
            help_time,
            click,
            help_time / click,
            "<= 2",
            help_time / click <= 2,
        )
    )

    rewrite = rewrite_project(work)
    diff_time = median(repeat, lambda: timed([*AMETID, "diff", "HEAD"], rewrite))
    rows.append(
        Row(
            f"diff of a {REWRITE_WORDS:,}-word rewrite",
            diff_time,
            1.0,
            diff_time,
            "<= 1 s",
            diff_time <= 1.0,
        )
    )

    clear()
    largest, total = peak_memory([*AMETID, "build"], project)
    rows.append(
        Row(
            "peak memory, largest process",
            largest,
            200,
            largest / 200,
            "<= 200 MB",
            largest <= 200,
            "MB",
        )
    )
    rows.append(
        Row("peak memory, process tree", total, 400, total / 400, "<= 400 MB", total <= 400, "MB")
    )
    return rows + lint_rows(project, count, repeat, work)


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    return {
        "python": platform.python_version(),
        "system": platform.platform(),
        "processor": platform.machine(),
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 1024**3, 1),
    }


def table(rows: list[Row], count: int) -> str:
    """The results as a Markdown table."""
    lines = [
        f"N = {count} positions",
        "",
        "| what | ametid | reference | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        value = f"{row.measured:.3f} {row.unit}" if row.unit == "s" else f"{row.measured:.0f} MB"
        reference = (
            f"{row.reference:.3f} {row.unit}" if row.unit == "s" else f"{row.reference:.0f} MB"
        )
        lines.append(
            f"| {row.what} | {value} | {reference} | {row.ratio:.3f} | {row.target} | "
            f"{'yes' if row.met else 'NO'} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and report it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of positions (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per measurement")
    parser.add_argument("--pandoc-sample", type=int, default=20, help="documents given to pandoc")
    parser.add_argument("--only", choices=["lint"], default="", help="measure only the lint")
    parser.add_argument(
        "--json", type=Path, default=REPO / "benchmarks" / "results.json", help="where to write"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ametid-bench-") as work:
        rows = run(args.n, args.repeat, min(args.pandoc_sample, args.n), Path(work), args.only)
    print(table(rows, args.n))
    report = {
        "n": args.n,
        "repeat": args.repeat,
        "machine": machine(),
        "rows": [asdict(r) for r in rows],
    }
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
