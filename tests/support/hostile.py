"""The hostile corpus: one folder a case under tests/data/hostile/, run as data.

Each case folder holds `case.toml` (the command line, the exit code, what the case sets up),
`expected.txt` (the exact stderr) and the files it lays into the project: `project/` over the
scratch project, `outside/` beside it (a place outside the project), and, in a git project,
`commit/`, committed and tagged `hostile` before `project/` is laid over the working tree.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from ametid.cli import common, main
from support.gitrepo import commit, edited_repository, git
from support.paths import DATA, REPO
from support.project import make_project

HOSTILE = DATA / "hostile"
CLASSES = (
    "bad bytes",
    "bad YAML",
    "bad settings",
    "hostile paths and outputs",
    "OS failures",
    "signals",
    "huge or slow inputs",
    "hostile revisions",
    "hostile templates",
    "hostile imports",
)
COMMANDS = ("validate", "build", "diff", "import", "new", "review", "init", "serve")
# What a command may write, besides what a case names: a build's output, its lock and state.
# (A name ending in "." stands for every name it begins: the work folders beside the output.)
OUTPUTS = {"build": ["build", ".build."]}
# The closing line a command prints after its one line of problem (or of outcome).
# The line `import` writes for each file it read, besides the one line a case is about.
FILE_SUMMARY = re.compile(
    r".+: \d+ positions?, \d+ fields? filled, \d+ lines? left as (a )?comments?, \d+ placeholders?"
)
SUMMARY = re.compile(
    r"(checked \d+ files?: .*|build failed: nothing was written|built \d+ positions? .*"
    r"|imported .*|read \d+ positions? from .*|compared .*|\d+ positions?: .*|next: .*)"
)
_TEMPORARY = re.compile(r"\.ametid-[0-9a-f]+\.tmp$")
_REPEAT = re.compile(r"\{repeat:(.*?):([0-9]+)\}")

# The corpus pins the English lines, as the command tests do (the negative cases are Estonian).
ENGLISH = {"AMETID_LANG": "en"}


@dataclass
class Case:
    """One hostile case, as its folder describes it."""

    folder: Path
    kind: str
    command: list[str]
    exit: int
    setup: str = "positions"
    fault: str | None = None
    make: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    stdout: str = "empty"
    max_seconds: float = 20.0
    slow: bool = False
    parent_project: bool = False
    before: list[list[str]] = field(default_factory=list)  # commands run first, each exit 0
    not_in: dict[str, str] = field(default_factory=dict)  # a text the output must not hold

    @property
    def name(self) -> str:
        """The folder's name, which is the case's name."""
        return self.folder.name

    @property
    def verb(self) -> str:
        """The ametid command the case runs."""
        return self.command[0]


def load(folder: Path) -> Case:
    """Read a case folder's case.toml."""
    with (folder / "case.toml").open("rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)
    data["kind"] = data.pop("class")
    return Case(folder, **data)


def cases() -> list[Case]:
    """Every case of the corpus, by name."""
    return [
        load(folder) for folder in sorted(HOSTILE.iterdir()) if (folder / "case.toml").is_file()
    ]


def _overlay(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True, symlinks=True)


def _expand(argument: str) -> str:
    return _REPEAT.sub(lambda found: found.group(1) * int(found.group(2)), argument)


# Generators: files a case needs that are too large for the repository or that git cannot hold.
def _non_utf8_name(root: Path) -> None:
    folder = os.fsencode(root / "positions")
    shutil.copyfile(folder + b"/projektijuht.yaml", folder + b"/proj\xe9ktijuht.yaml")


def _fifo(root: Path, relative: str) -> None:
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(root / relative)


def _big(root: Path, relative: str, size: int) -> None:
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    (root / relative).write_bytes(b"title: " + b"x" * size + b"\n")


def _many_duties(root: Path) -> None:
    path = root / "positions" / "projektijuht.yaml"
    text = path.read_text(encoding="utf-8")
    duty = "  - task: Ülesanne {n}.\n    results: [Tulemus {n}.]\n"
    extra = "".join(duty.format(n=number) for number in range(5_000))
    path.write_text(text.replace("\nduties:\n", f"\nduties:\n{extra}", 1), encoding="utf-8")


def _long_title(root: Path) -> None:
    path = root / "positions" / "projektijuht.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Projektijuht", f"title: {'Projektijuht ' * 5750}x"))


def _rewrite(root: Path) -> None:
    """A purpose of 10,000 words committed (tagged rewrite), rewritten in the working tree."""
    import random

    path = root / "positions" / "projektijuht.yaml"
    original = path.read_text(encoding="utf-8")
    vocabulary = sorted({word for word in original.split() if word.isalpha()})
    rng = random.Random(12)
    old = [rng.choice(vocabulary) for _ in range(10_000)]
    new = [rng.choice(vocabulary) if rng.random() < 0.2 else word for word in old]
    start, end = original.index("\npurpose:"), original.index("\nduties:")
    for words, step in ((old, "old"), (new, "new")):
        text = f"{original[:start]}\npurpose: {' '.join(words)}.{original[end:]}"
        path.write_text(text, encoding="utf-8")
        if step == "old":
            commit(root, "A long purpose")
            git(root, "tag", "rewrite")


def _edit_output(root: Path) -> None:
    with (root / "build" / "md" / "projektijuht.md").open("a", encoding="utf-8") as handle:
        handle.write("Lisatud käsitsi.\n")


def _malform_manifest(root: Path) -> None:
    manifest = root / "build" / ".ametid-build"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('"outputs":{', '"outputs":5,"x":{', 1), encoding="utf-8")


def _tamper_keeping_size(root: Path) -> None:
    path = root / "build" / "md" / "projektijuht.md"
    found = path.stat()
    text = path.read_text(encoding="utf-8").replace("Projektijuht", "Peadirektor!", 1)
    with path.open("r+", encoding="utf-8") as handle:
        handle.write(text)
    os.utime(path, ns=(found.st_atime_ns, found.st_mtime_ns))


GENERATORS: dict[str, Callable[[Path], None]] = {
    "edit-output": _edit_output,
    "malform-manifest": _malform_manifest,
    "tamper-keeping-size": _tamper_keeping_size,
    "non-utf8-name": _non_utf8_name,
    "fifo-input": lambda root: _fifo(root, "in/toru.txt"),
    "fifo-position": lambda root: _fifo(root, "positions/toru.yaml"),
    "ten-megabyte-position": lambda root: _big(root, "positions/suur.yaml", 10_000_000),
    "three-megabyte-text": lambda root: _big(root, "in/suur.txt", 3_000_000),
    "five-thousand-duties": _many_duties,
    "long-title": _long_title,
    "rewrite-10000": _rewrite,
}


_TEMPLATES: dict[str, Path] = {}


def _template(setup: str) -> Path:
    """A scratch project of each kind, made once in a test process and copied for each case."""
    if setup not in _TEMPLATES:
        folder = Path(tempfile.mkdtemp(prefix="ametid-hostile-"))
        atexit.register(shutil.rmtree, folder, True)
        root = folder / "project"
        if setup == "git":
            edited_repository(root)
        else:
            make_project(root, positions=setup != "empty")
        _TEMPLATES[setup] = root
    return _TEMPLATES[setup]


def set_up(case: Case, tmp: Path) -> Path:
    """Lay out the case's project in `tmp`; return the project folder."""
    root = tmp / "project"
    if case.parent_project:
        shutil.copy(REPO / "pyproject.toml", tmp / "pyproject.toml")
    shutil.copytree(_template(case.setup), root, symlinks=True)
    if case.setup == "git" and (case.folder / "commit").is_dir():
        _overlay(case.folder / "commit", root)
        commit(root, "Hostile commit")
        git(root, "tag", "hostile")
    _overlay(case.folder / "project", root)
    _overlay(case.folder / "outside", tmp / "outside")
    for relative in case.remove:
        target = root / relative
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
    for relative, destination in case.links.items():
        link = root / relative
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)
        link.symlink_to(destination)
    for command in case.before:
        with contextlib.chdir(root):
            result = CliRunner().invoke(main, command, env=ENGLISH)
        assert result.exit_code == 0, result.stderr
    for name in case.make:
        GENERATORS[name](root)
    return root


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below `folder`: a file's digest, a link's target, or its kind."""
    entries: dict[str, str] = {}
    for directory, names, files in os.walk(os.fsencode(folder)):
        for name in names + files:
            path = os.path.join(directory, name)
            relative = os.fsdecode(os.path.relpath(path, os.fsencode(folder)))
            found = os.lstat(path)
            if stat.S_ISLNK(found.st_mode):
                entries[relative] = f"link {os.fsdecode(os.readlink(path))}"
            elif stat.S_ISREG(found.st_mode):
                with open(path, "rb") as handle:
                    entries[relative] = hashlib.sha256(handle.read()).hexdigest()
            else:
                entries[relative] = "folder" if stat.S_ISDIR(found.st_mode) else "special"
    return entries


def _is_regular(descriptor: int) -> bool:
    try:
        return stat.S_ISREG(os.fstat(descriptor).st_mode)
    except OSError:
        return False


_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT


@contextlib.contextmanager
def fault(name: str | None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make the operating system fail as the case says, while the command runs."""
    if name is None:
        yield
        return
    real_write, real_open = os.write, os.open

    def error(code: int, path: Any = None) -> OSError:
        return OSError(code, os.strerror(code), *([os.fsdecode(path)] if path is not None else []))

    def refuse_writes(code: int) -> None:
        def opening(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & _WRITING:
                raise error(code, path)
            return real_open(path, flags, *args, **kwargs)

        def failing(path: Any, *args: Any, **kwargs: Any) -> None:
            raise error(code, path)

        monkeypatch.setattr(os, "open", opening)
        for call in ("mkdir", "link", "rename", "replace"):
            monkeypatch.setattr(os, call, failing)

    def on_file_write(action: Callable[[], None]) -> None:
        def writing(descriptor: int, data: Any) -> int:
            if _is_regular(descriptor):
                action()
            return real_write(descriptor, data)

        monkeypatch.setattr(os, "write", writing)

    def full() -> None:
        raise error(errno.ENOSPC)

    def interrupt() -> None:
        raise KeyboardInterrupt

    def terminate() -> None:
        common.terminate(15, None)

    if name == "disk-full":
        on_file_write(full)
    elif name == "interrupt":
        on_file_write(interrupt)
    elif name == "sigterm":
        on_file_write(terminate)
    elif name == "read-only":
        refuse_writes(errno.EROFS)
    elif name == "permission":
        refuse_writes(errno.EACCES)
    elif name == "unreadable-positions":
        real_iterdir, real_scandir = Path.iterdir, os.scandir

        def iterdir(self: Path) -> Iterator[Path]:
            if self.name == "positions":
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return real_iterdir(self)

        def scandir(path: Any = ".") -> Any:
            if os.fsdecode(path).rstrip("/").endswith("positions"):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
            return real_scandir(path)

        monkeypatch.setattr(Path, "iterdir", iterdir)
        monkeypatch.setattr(os, "scandir", scandir)
    elif name == "rmtree-fails":
        real_rmtree = shutil.rmtree

        def rmtree(path: Any, ignore_errors: bool = False, **kwargs: Any) -> None:
            if not ignore_errors:
                raise error(errno.EACCES)
            real_rmtree(path, ignore_errors=True, **kwargs)

        monkeypatch.setattr(shutil, "rmtree", rmtree)
    else:
        raise AssertionError(f"unknown fault {name}")
    yield


def _allowed(relative: str, changes: list[str]) -> bool:
    return any(
        relative == path
        or relative.startswith(f"{path}/")
        or (path.endswith(".") and relative.startswith(path))
        for path in changes
    )


def run_case(case: Case, tmp: Path, monkeypatch: pytest.MonkeyPatch, update: bool) -> Result:
    """Run a case and check everything the corpus promises of it."""
    root = set_up(case, tmp)
    monkeypatch.chdir(root)
    before = snapshot(tmp)
    arguments = [_expand(argument) for argument in case.command]
    started = time.perf_counter()
    with pytest.MonkeyPatch.context() as patches, fault(case.fault, patches):
        result = CliRunner().invoke(main, arguments, env=ENGLISH)
    elapsed = time.perf_counter() - started
    after = snapshot(tmp)

    assert "Traceback" not in result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == case.exit, result.stderr
    expected = case.folder / "expected.txt"
    if update:
        expected.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == expected.read_text(encoding="utf-8")
    lines = [line for line in result.stderr.splitlines() if not FILE_SUMMARY.fullmatch(line)]
    if case.exit == 2:
        # A usage error, in Click's words: the usage, a hint, and one line saying what is wrong.
        assert lines[0].startswith("Usage: ") and lines[-1].startswith("Error: "), lines
    else:
        assert len(lines) <= 2, "one line, and the command's closing line"
        assert len(lines) < 2 or SUMMARY.fullmatch(lines[1]), lines[1]
    if case.stdout == "empty":
        assert result.stdout == ""
    elif case.stdout == "json":
        json.loads(result.stdout)
    changes = [os.path.normpath(f"project/{path}") for path in case.changes]
    changes += [f"project/{path}" for path in OUTPUTS.get(case.verb, [])]
    changed = sorted(
        path
        for path in set(before) | set(after)
        if before.get(path) != after.get(path) and not _allowed(path, changes)
    )
    assert changed == [], f"nothing changes outside the output: {changed}"
    left = [path for path in after if _TEMPORARY.search(path)]
    assert left == [], f"no temporary file is left: {left}"
    assert elapsed < case.max_seconds
    for relative, text in case.not_in.items():
        assert text not in (root / relative).read_text(encoding="utf-8")
    return result
