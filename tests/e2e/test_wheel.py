"""The wheel: it carries the repository's schema, templates and standard texts, and installed
alone (with its dependencies) into a new virtual environment it starts a new agency's
repository, validates it, builds it and serves it."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.paths import REPO

# What `make test` collects: wheels of ametid's dependencies, so nothing here needs an index.
WHEELS = REPO / ".venv" / "wheels"
# What a source archive holds, and so all that building the wheel may read.
SOURCES = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "src",
    "schema",
    "templates",
    "data",
)
SHIPPED = ("schema", "templates", "data")
AGENCY = "Maksu- ja Tolliamet"
SERVING = re.compile(r"^serving (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)$")


def isolated() -> dict[str, str]:
    """The environment without this machine's pip settings: only what a test gives pip counts."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**environment, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command to its end; fail with its output if it fails."""
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=isolated(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ametid's wheel, built from a copy of the sources, so the repository stays untouched."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            ignored = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(REPO / name, source / name, ignore=ignored)
        else:
            shutil.copy(REPO / name, source / name)
    pip = (sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation")
    run(*pip, "--wheel-dir", work / "dist", source)
    (built,) = (work / "dist").glob("ametid-*.whl")
    return built


@pytest.fixture(scope="module")
def environment(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel and its dependencies, installed from wheels."""
    assert (WHEELS / ".complete").is_file(), (
        "the dependencies' wheels are missing from .venv/wheels: `make test` collects them"
    )
    folder = tmp_path_factory.mktemp("venv") / "env"
    run(sys.executable, "-m", "venv", "--without-pip", folder)
    python = folder / "bin" / "python"
    # Without compiling every module to bytecode, which would take longer than the rest.
    install = ("install", "--quiet", "--no-compile", "--no-index", "--find-links", WHEELS)
    run(sys.executable, "-m", "pip", "--python", python, *install, wheel)
    return folder


def test_the_wheel_carries_copies_of_the_repositorys_folders(wheel: Path) -> None:
    prefix = "ametid/shipped/"
    with zipfile.ZipFile(wheel) as archive:
        shipped = {
            name.removeprefix(prefix): archive.read(name)
            for name in archive.namelist()
            if name.startswith(prefix)
        }
        names = set(archive.namelist())
    repository = {
        path.relative_to(REPO).as_posix(): path.read_bytes()
        for folder in SHIPPED
        for path in sorted((REPO / folder).rglob("*"))
        if path.is_file()
    }
    assert sorted(shipped) == sorted(repository)
    for path, content in repository.items():
        assert shipped[path] == content, f"the wheel's {path} is not the repository's"
    # What `ametid init` writes beside the copies ships too.
    for scaffold in sorted((REPO / "src" / "ametid" / "edit" / "scaffold").iterdir()):
        assert f"ametid/edit/scaffold/{scaffold.name}" in names
    assert "ametid/edit/example.yaml" in names


def test_the_environment_runs_the_installed_package(environment: Path) -> None:
    done = run(environment / "bin" / "python", "-c", "import ametid; print(ametid.__file__)")
    assert Path(done.stdout.strip()).is_relative_to(environment)
    assert "src" not in Path(done.stdout.strip()).relative_to(environment).parts


def test_init_validate_and_build_in_a_fresh_environment(environment: Path, tmp_path: Path) -> None:
    ametid = environment / "bin" / "ametid"
    started = run(
        ametid, "init", "agency", "--organisation", AGENCY, "--ci", "gitlab", cwd=tmp_path
    )
    assert started.stderr.endswith("next: cd agency && ametid build\n")
    agency = tmp_path / "agency"
    assert run(ametid, "validate", cwd=agency).stderr == "checked 1 file: no problems\n"
    built = run(ametid, "build", cwd=agency)
    assert (
        built.stderr == "built 1 position into build/ (md, html, docx): 1 rendered, 0 unchanged\n"
    )
    for document in (
        "md/personalispetsialist.md",
        "html/index.html",
        "docx/personalispetsialist.docx",
    ):
        assert (agency / "build" / document).is_file(), document
    page = (agency / "build" / "html" / "personalispetsialist.html").read_text(encoding="utf-8")
    assert AGENCY in page


class Serving:
    """`ametid serve` running from the environment, and the lines it prints."""

    def __init__(self, ametid: Path, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [str(ametid), "serve", "--port", "0"],
            cwd=cwd,
            env=isolated(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for text in self.process.stderr:
            self.lines.put(text.rstrip("\n"))

    def next_line(self, timeout: float = 60.0) -> str:
        """The next line on stderr."""
        text = self.lines.get(timeout=timeout)
        self.seen.append(text)
        return text

    def stop(self) -> int:
        """Ctrl-C; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code


def fetch(url: str) -> str:
    """The body of a page of the local server."""
    with urllib.request.urlopen(url, timeout=30) as response:
        body: bytes = response.read()
    return body.decode("utf-8")


@pytest.fixture
def serving(environment: Path, tmp_path: Path) -> Iterator[tuple[Serving, Path]]:
    """A new agency's repository served by the environment's ametid."""
    ametid = environment / "bin" / "ametid"
    run(ametid, "init", "agency", "--organisation", AGENCY, cwd=tmp_path)
    agency = tmp_path / "agency"
    served = Serving(ametid, agency)
    try:
        yield served, agency
    finally:
        served.stop()


def test_serve_in_a_fresh_environment(serving: tuple[Serving, Path], environment: Path) -> None:
    served, agency = serving
    assert served.next_line() == "built 1 position (html): 1 rendered, 0 unchanged"
    match = SERVING.match(served.next_line())
    assert match, served.seen
    url = match.group(1)
    page = fetch(url + "html/personalispetsialist.html")
    assert "<h1>Personalispetsialist</h1>" in page and "var build = 1;" in page
    position = agency / "positions" / "personalispetsialist.yaml"
    text = position.read_text(encoding="utf-8")
    position.write_text(text.replace("title: Personalispetsialist\n", "title: Personalijuht\n"))
    # The page's own question: answered once the next build is done.
    assert fetch(url + ".ametid/reload?since=1") == '{"build": 2}'
    assert "<h1>Personalijuht</h1>" in fetch(url + "html/personalispetsialist.html")
    assert served.next_line() == "changed: positions/personalispetsialist.yaml"
    assert served.next_line() == "built 1 position (html): 1 rendered, 0 unchanged"
    # A change to ametid's own code restarts the command, on the same port.
    (code,) = environment.glob("lib/python*/site-packages/ametid/render/pages.py")
    code.write_text(code.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert served.next_line() == "ametid itself changed: restarting"
    assert served.next_line() == "built 1 position (html): 1 rendered, 0 unchanged"
    assert served.next_line() == f"serving {url} (Ctrl-C stops)"
    assert "<h1>Personalijuht</h1>" in fetch(url + "html/personalispetsialist.html")
    assert served.stop() == 0
    assert served.seen[-1] == "stopped serving"
    assert not (agency / "build").exists()
