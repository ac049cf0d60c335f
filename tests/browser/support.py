"""What the browser tests share: the tools they need, the sites they build, the pages they open.

Nothing here imports Playwright at run time, so a machine without it still collects the suite
and is told what to install.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import http.server
import importlib.util
import json
import os
import re
import shutil
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ametid.check.rules import suggest_id
from ametid.core.model import texts
from support.paths import TESTS, WRITTEN_OUT
from support.positions import read_positions, write_positions

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, ViewportSize

HERE = Path(__file__).resolve().parent
ARTIFACTS = TESTS / "artifacts"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
# A browser that talks to nobody but the pages under test.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
REQUIRE_ENV = "AMETID_REQUIRE_BROWSER"
FORMATS = ("md", "html", "docx")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],  # skip the details of what passed: a third faster
}
PHONE: ViewportSize = {"width": 375, "height": 812}
# A4 at the 96 pixels per inch that CSS assumes: 210 mm by 297 mm.
A4: ViewportSize = {"width": 794, "height": 1123}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}

REPOSITORY = "repository"
SYNTHETIC = "synthetic"
SITE_NAMES = (REPOSITORY, SYNTHETIC)
INDEX = "index"  # the name of the index page, beside the position ids

# The synthetic site: many positions, units and titles spelled with the letters Estonian adds.
SYNTHETIC_COUNT = 30
SYNTHETIC_UNITS = (
    ("Ääremaade osakond", "õigusabi talitus"),
    ("Ääremaade osakond", "šokitoe talitus"),
    ("Õnnetuste ennetamise osakond", "ülevaatuste talitus", "öövalve tiim"),
    ("Õnnetuste ennetamise osakond",),
    ("Šveitsi koostöö osakond", "Zürichi talitus"),
    ("Ühistegevuse osakond", "Ööbikute talitus"),
    ("Žanrite osakond", "Äriplaanide talitus"),
)
SYNTHETIC_TITLES = (
    "Õigusnõunik",
    "Ärianalüütik",
    "Ökonomist",
    "Ülevaataja",
    "Šokitoe spetsialist",
    "Žürii sekretär",
    "Analüütik",
)
# The direct manager of every second synthetic position: the first one's title, in lower case.
SYNTHETIC_MANAGER = f"{SYNTHETIC_TITLES[0]} 1".lower()
# A word of six letters or more, the kind the search test types.
WORD = re.compile(r"[^\W\d_]{6,}")


def missing_tools() -> list[str]:
    """What the browser tests need and this machine lacks, each with how to get it."""
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("the Python package playwright (pip install -e '.[test]')")
    if not AXE.is_file():
        missing.append("axe-core (npm ci --prefix tests/browser)")
    for command in ("pdfinfo", "pdftotext"):
        if shutil.which(command) is None:
            missing.append(f"{command} (apt-get install poppler-utils)")
    return missing


def require_tools() -> None:
    """Skip (or, when the environment demands the browser tests, fail) if a tool is missing."""
    missing = missing_tools()
    if not missing:
        return
    message = "the browser tests need " + "; ".join(missing) + ". `make test` installs them all."
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message} ({REQUIRE_ENV}=1: they may not be skipped)", pytrace=False)
    pytest.skip(message)


# Building the sites


def synthetic_marker(number: int) -> str:
    """A made-up word that only synthetic position `number` has in its duties."""
    letters = "abdefghijklmnoprstuvõäöü"
    first, second = divmod(number, len(letters))
    return f"Šifriõpe{letters[first]}{letters[second]}"


def synthetic_positions() -> dict[str, dict[str, Any]]:
    """Positions that are not in the repository: the real ones copied under new ids and units."""
    real = list(read_positions(WRITTEN_OUT).items())
    positions = {}
    for number in range(SYNTHETIC_COUNT):
        base_id, base = real[number % len(real)]
        data = copy.deepcopy(base)
        data["title"] = f"{SYNTHETIC_TITLES[number % len(SYNTHETIC_TITLES)]} {number + 1}"
        data["unit"] = list(SYNTHETIC_UNITS[number % len(SYNTHETIC_UNITS)])
        first = data["duties"][0]
        first["task"] = f"{first['task'].rstrip()} Märksõna: {synthetic_marker(number)}."
        if number % 2 and data["unit"] == list(SYNTHETIC_UNITS[0]):
            # The first position's title in other letter case: its page is linked all the same.
            # Only in its own unit, since a manager is in the same unit or one above.
            data["manager"] = SYNTHETIC_MANAGER
        positions[f"{base_id}-{number + 1:02d}"] = data
    first = next(iter(positions.values()))
    # The first position manages them, and says so, as references must hold both ways.
    first["subordinates"] = [
        data["title"] for data in positions.values() if data["manager"] == SYNTHETIC_MANAGER
    ]
    return positions


def site_position_ids(name: str) -> list[str]:
    """The ids of the positions a site will have, known before it is built."""
    if name == REPOSITORY:
        return sorted(path.stem for path in (WRITTEN_OUT).glob("*.yaml"))
    return sorted(synthetic_positions())


def checked_position_ids(name: str) -> list[str]:
    """The positions whose pages are checked one by one: all of the repository's, some made up."""
    # Of the synthetic site, the first of each unit: between them they have every unit, title
    # and base position; the others differ from these in nothing but their number and marker.
    if name == REPOSITORY:
        return site_position_ids(name)
    return list(synthetic_positions())[: len(SYNTHETIC_UNITS)]


def site_unit_pages(name: str) -> list[str]:
    """The unit pages of a site, as "units/<slug>", known before it is built: every unit a
    position is in, and every unit above it."""
    if name == REPOSITORY:
        units = [data["unit"] for data in read_positions(WRITTEN_OUT).values()]
    else:
        units = [data["unit"] for data in synthetic_positions().values()]
    paths = {tuple(unit[:depth]) for unit in units for depth in range(1, len(unit) + 1)}
    return sorted(f"units/{suggest_id(' '.join(path))}" for path in paths)


def page_params(*, index: bool) -> list[Any]:
    """Fixture parameters, each a pair (site name, page), for the checked pages of every site:
    with `index`, the index and the unit pages too."""
    params: list[Any] = []
    for name in SITE_NAMES:
        pages = ([INDEX, *site_unit_pages(name)] if index else []) + checked_position_ids(name)
        params.extend(pytest.param((name, page), id=f"{name}/{page}") for page in pages)
    return params


def duty_texts(data: dict[str, Any]) -> list[str]:
    """The texts of a position's duties: every task and every expected result."""
    texts = []
    for duty in data["duties"]:
        texts.append(duty["task"])
        texts.extend(duty["results"])
    return texts


def unique_duty_word(positions: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """A word from one position's duties that no other position's text contains: (id, word)."""
    whole = {pid: " ".join(t for _, t in texts(data)).lower() for pid, data in positions.items()}
    for position_id, data in sorted(positions.items()):
        words = {w for text in duty_texts(data) for w in WORD.findall(text.lower())}
        others = [text for other, text in whole.items() if other != position_id]
        for word in sorted(words):
            if not any(word in text for text in others):
                return position_id, word
    raise AssertionError("no word of the duties belongs to one position only")


def entry(position_id: str) -> str:
    """The selector of a position's entry on the index."""
    return f'li.position:has(a[href="{position_id}.html"])'


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing: the tests report what matters."""


@dataclass
class Site:
    """A built project served over HTTP: its output folder, address and positions."""

    name: str
    out: Path
    positions: dict[str, dict[str, Any]]
    server: http.server.ThreadingHTTPServer | None = None
    origin: str = ""

    def url(self, path: str) -> str:
        """The served address of a file in the output, e.g. "html/index.html"."""
        return f"{self.origin}/{path}"

    def file_url(self, path: str) -> str:
        """The file:// address of a file in the output."""
        return (self.out / path).as_uri()

    def serve(self) -> None:
        """Serve the output folder on a free port of 127.0.0.1 from a background thread."""
        handler = functools.partial(_QuietHandler, directory=str(self.out))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        host, port = self.server.server_address[:2]
        self.origin = f"http://{host!s}:{port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Stop serving."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def build_site(name: str, root: Path) -> Site:
    """Copy the project (with its own or with synthetic positions), validate it, build it."""
    from ametid.build import build
    from ametid.core.project import find_project
    from ametid.report.problem_report import format_text
    from support.cli import run
    from support.project import make_project

    folder = make_project(root / "project", positions=name == REPOSITORY)
    if name == SYNTHETIC:
        write_positions(folder / "positions", synthetic_positions())
    with contextlib.chdir(folder):
        checked = run("validate")
    assert checked.exit_code == 0, f"{name} positions are not valid:\n{checked.output}"
    out = root / "out"
    result = build(find_project(folder), FORMATS, out)
    assert result.ok, f"{name} site does not build:\n{format_text(result.problems)}"
    return Site(name, out, read_positions(folder / "positions"))


class Sites:
    """The sites the tests look at, each built and served the first time it is asked for."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._sites: dict[str, Site] = {}

    def __getitem__(self, name: str) -> Site:
        if name not in self._sites:
            site = build_site(name, self._root / name)
            site.serve()
            self._sites[name] = site
        return self._sites[name]

    def stop(self) -> None:
        """Stop every server started."""
        for site in self._sites.values():
            site.stop()


# Opening pages


def origin_of(url: str) -> str:
    """What the addresses a page may request start with: its own server, or file://."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "file":
        return "file://"
    return f"{parts.scheme}://{parts.netloc}/"


# Requests the tabs block: anything but a server on this machine, a file, or data.  The pattern
# is matched inside the browser's driver, so the requests allowed cost no round trip to Python.
ELSEWHERE = re.compile(r"^(?!http://127\.0\.0\.1:\d+/|file:|data:)")


def _local(url: str, allowed: str) -> bool:
    return url.startswith((allowed, "data:"))


@dataclass
class Tab:
    """A browser tab kept for the whole run, and the addresses its current page may request."""

    page: Page
    allowed: str = ""


class Tabs:
    """One tab with JavaScript and one without, reused by every test: a new tab costs a process.

    Each tab's context blocks requests to anywhere but this machine; the tests record every
    request that leaves the page's own server (or, for a file, goes to anything but a file).
    """

    def __init__(self, browser: Browser) -> None:
        self._browser = browser
        self._tabs: dict[bool, Tab] = {}

    def tab(self, javascript: bool) -> Tab:
        """The tab with JavaScript on or off, opened on first use."""
        if javascript not in self._tabs:
            context = self._browser.new_context(viewport=DESKTOP, java_script_enabled=javascript)
            context.route(ELSEWHERE, lambda route: route.abort("blockedbyclient"))
            self._tabs[javascript] = Tab(context.new_page())
        return self._tabs[javascript]

    def leave(self) -> None:
        """Leave every tab's page for an empty one, so no page still talks to a server."""
        for tab in self._tabs.values():
            tab.page.goto("about:blank")

    def close(self) -> None:
        """Close every tab's context."""
        for tab in self._tabs.values():
            tab.page.context.close()


@dataclass
class Pages:
    """Opens pages for one test and records what goes wrong on any of them."""

    tabs: Tabs
    problems: list[str] = field(default_factory=list)
    _watched: dict[bool, Callable[[], None]] = field(default_factory=dict)

    def open(
        self, url: str, *, viewport: ViewportSize | None = None, javascript: bool = True
    ) -> Page:
        """Open url; console errors, page errors and requests elsewhere are recorded."""
        tab = self.tabs.tab(javascript)
        tab.allowed = origin_of(url)
        page = tab.page
        if javascript not in self._watched:
            self._watched[javascript] = self._watch(tab)
        page.set_viewport_size(viewport or DESKTOP)
        page.emulate_media(media="null")
        response = page.goto(url)
        if response is not None:
            assert response.ok, f"{url}: HTTP {response.status}"
        return page

    def _watch(self, tab: Tab) -> Callable[[], None]:
        """Record the tab's console errors, page errors and requests elsewhere; return an undo."""
        page = tab.page

        def console(message: ConsoleMessage) -> None:
            if message.type == "error":
                where = message.location.get("url", "")
                self.problems.append(f"console error on {page.url}: {message.text} ({where})")

        def page_error(error: Exception) -> None:
            self.problems.append(f"page error on {page.url}: {error}")

        def request(request: Request) -> None:
            if not _local(request.url, tab.allowed):
                self.problems.append(f"request from {page.url} to {request.url}")

        page.on("console", console)
        page.on("pageerror", page_error)
        page.on("request", request)

        def undo() -> None:
            page.remove_listener("console", console)
            page.remove_listener("pageerror", page_error)
            page.remove_listener("request", request)

        return undo

    def check(self) -> None:
        """Fail with everything recorded on the pages opened so far."""
        for javascript in self._watched:
            self.tabs.tab(javascript).page.title()  # a round trip: events sent have arrived
        if self.problems:
            listed = "\n".join(f"  {problem}" for problem in self.problems)
            pytest.fail(f"the pages did what they should not:\n{listed}", pytrace=False)

    def close(self) -> None:
        """Stop recording."""
        for undo in self._watched.values():
            undo()
        self._watched.clear()


@dataclass
class Loaded:
    """A page loaded once for the tests that only look at it, and the recording of its load."""

    site: Site
    name: str  # a position's id, or INDEX
    page: Page
    pages: Pages

    @property
    def data(self) -> dict[str, Any]:
        """The position the page shows."""
        return self.site.positions[self.name]


# Looking at pages


@functools.cache
def axe_source() -> str:
    """The axe-core script, to inject into a page."""
    return AXE.read_text(encoding="utf-8")


AXE_RUN = "options => axe.run(document, options).then(results => results.violations)"


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page; return its serious and critical WCAG 2.0/2.1 A/AA violations."""
    page.add_script_tag(content=axe_source())
    violations: list[dict[str, Any]] = page.evaluate(AXE_RUN, AXE_OPTIONS)
    return [v for v in violations if v.get("impact") in ("serious", "critical")]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """axe-core violations as lines a person can act on."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  at {json.dumps(node['target'])}: {node['html'][:160]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"    {line}" for line in summary.splitlines())
    return "\n".join(lines)


# What the tests read from pages without Playwright's locators: a page that scripts nothing
# after it has loaded answers at once, and a locator's first use on each page costs more.
ENTRIES = """() => [...document.querySelectorAll("li.position")].map(li => ({
  hrefs: [...li.querySelectorAll("a[href]")].map(a => a.getAttribute("href")),
  visible: li.checkVisibility(),
}))"""
LINKS = """() => [...document.querySelectorAll("a[href]")].map(a => ({
  href: a.getAttribute("href"), url: a.href, visible: a.checkVisibility(),
}))"""
MISSING_IDS = "ids => ids.filter(id => document.getElementById(id) === null)"
DUPLICATE_IDS = """() => {
  const ids = [...document.querySelectorAll("[id]")].map(e => e.id);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}"""
TOC = """() => [...document.querySelectorAll('nav.toc[aria-label="Sisukord"]')]
  .map(nav => [...nav.querySelectorAll("a")].map(a => a.getAttribute("href")))"""


def entries(page: Page) -> list[dict[str, Any]]:
    """The entries of the index: the links in each, and whether it is shown."""
    found: list[dict[str, Any]] = page.evaluate(ENTRIES)
    return found


def listed(page: Page) -> dict[str, list[bool]]:
    """For each page an index entry links to, whether each entry linking there is shown."""
    found: dict[str, list[bool]] = {}
    for item in entries(page):
        for href in item["hrefs"]:
            found.setdefault(href.removesuffix(".html"), []).append(item["visible"])
    return found


def links(page: Page) -> list[dict[str, Any]]:
    """Every link on the page: its href as written, the address it resolves to, if shown."""
    found: list[dict[str, Any]] = page.evaluate(LINKS)
    return found


OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5)
    .map(e => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}` +
      `${e.className ? "." + String(e.className).split(" ").join(".") : ""}` +
      ` (right edge ${Math.round(e.getBoundingClientRect().right)})`);
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


def horizontal_overflow(page: Page) -> str | None:
    """None when the page fits its viewport's width; otherwise what sticks out."""
    found = page.evaluate(OVERFLOW)
    if found["scroll"] <= found["width"]:
        return None
    wide = "; ".join(found["wide"]) or "no single element"
    return f"content is {found['scroll']} px wide in a {found['width']} px window: {wide}"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG image, from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG image"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
