"""`ametid serve` in Chromium: an edit shows on the open page, problems show on it, the last
good page stays, and Ctrl-C ends the command cleanly."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser.support import Pages, Tabs
from support.project import make_project

# The promise: an edit is on the open page within this many seconds.
SECONDS = 3.0
SERVING = re.compile(r"^serving (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)$")
PAGE = "html/projektijuht.html"
TITLE = "title: Projektijuht\n"


@dataclass
class Served:
    """`ametid serve` running in a project, with the lines it has printed so far."""

    root: Path
    temporary: Path
    process: subprocess.Popen[str]
    url: str = ""
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    def line(self, timeout: float) -> str:
        """The next line on stderr."""
        text = self.lines.get(timeout=timeout)
        self.seen.append(text)
        return text

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        """Read lines until one is `text`."""
        deadline = time.monotonic() + timeout
        while self.line(max(0.1, deadline - time.monotonic())) != text:
            pass

    def edit(self, old: str, new: str) -> None:
        """Change one text in the position file, as an editor saving it would."""
        path = self.root / "positions" / "projektijuht.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def served(tmp_path: Path, tabs: Tabs) -> Iterator[Served]:
    """`ametid serve --port 0` in a copy of the project, its temporary folder in tmp_path."""
    root = make_project(tmp_path / "project")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "ametid", "serve", "--port", "0"],
        cwd=root,
        env={**os.environ, "TMPDIR": str(temporary)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    running = Served(root, temporary, process)
    stderr = process.stderr
    assert stderr is not None

    def read() -> None:
        for text in stderr:
            running.lines.put(text.rstrip("\n"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert running.line(60) == "built 4 positions (html): 4 rendered, 0 unchanged"
        match = SERVING.match(running.line(30))
        assert match, running.seen
        running.url = match.group(1)
        yield running
    finally:
        # The open pages keep asking the server for news; a page asking a stopped server would
        # log an error on the next test's watch.
        tabs.leave()
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
        reader.join(timeout=10)
        stderr.close()


def test_an_edit_shows_on_the_open_page_within_three_seconds(served: Served, pages: Pages) -> None:
    page = pages.open(served.url + PAGE)
    expect(page.locator("h1")).to_have_text("Projektijuht")
    started = time.monotonic()
    served.edit(TITLE, "title: Projektijuht (kriisitelefon)\n")
    expect(page.locator("h1")).to_have_text("Projektijuht (kriisitelefon)", timeout=SECONDS * 1000)
    took = time.monotonic() - started
    assert took < SECONDS, f"the page changed after {took:.1f} s"
    print(f"the page changed {took:.2f} s after the edit")
    served.wait_for("built 4 positions (html): 1 rendered, 3 unchanged")
    assert served.seen[-2] == "changed: positions/projektijuht.yaml"


def test_problems_show_on_the_page_and_the_last_good_page_stays(
    served: Served, pages: Pages
) -> None:
    page = pages.open(served.url + PAGE)
    served.edit(TITLE, TITLE + "titel: Projektijuht\n")
    problems = page.locator("#ametid-problems")
    expect(problems).to_contain_text(
        "positions/projektijuht.yaml:3:1: titel: unknown key 'titel'; did you mean 'title'?",
        timeout=SECONDS * 1000,
    )
    expect(problems).to_have_attribute("role", "alert")
    expect(page.locator("h1")).to_have_text("Projektijuht")
    served.wait_for("build failed: the pages served are those of the last good build")
    assert served.seen[-2] == (
        "positions/projektijuht.yaml:3:1: titel: unknown key 'titel'; did you mean 'title'?"
    )
    # Fixed, the problems go and the page is the new one.
    served.edit(TITLE + "titel: Projektijuht\n", "title: Projektijuht (uus)\n")
    expect(page.locator("h1")).to_have_text("Projektijuht (uus)", timeout=SECONDS * 1000)
    expect(problems).to_have_count(0)


def test_the_index_is_where_the_address_leads(served: Served, pages: Pages) -> None:
    page = pages.open(served.url)
    assert page.url == served.url + "html/index.html"
    expect(page.locator("li.position")).to_have_count(4)


def test_ctrl_c_stops_cleanly(served: Served) -> None:
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=30) == 0
    served.wait_for("stopped serving", timeout=5)
    assert list(served.temporary.iterdir()) == []
    assert not (served.root / "build").exists()
