"""Fixtures of the browser tests: the built sites, served, and a browser that opens their pages."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from browser.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HERE,
    SITE_NAMES,
    Loaded,
    Pages,
    Site,
    Sites,
    Tabs,
    page_params,
    require_tools,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Without Playwright the page tests cannot even be imported; test_tools.py still says what to do.
if importlib.util.find_spec("playwright") is None:
    collect_ignore = [path.name for path in HERE.glob("test_*.py") if path.name != "test_tools.py"]


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    """Every site, built and served on first use, by name."""
    built = Sites(tmp_path_factory.mktemp("sites"))
    yield built
    built.stop()


@pytest.fixture(scope="session", params=SITE_NAMES)
def site(request: pytest.FixtureRequest, sites: Sites) -> Site:
    """Each site in turn: the repository's positions, then many made-up ones."""
    name: str = request.param
    return sites[name]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    require_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def tabs(browser: Browser) -> Iterator[Tabs]:
    """The browser tabs every test reuses."""
    kept = Tabs(browser)
    yield kept
    kept.close()


@pytest.fixture
def pages(tabs: Tabs) -> Iterator[Pages]:
    """Opens pages; a test that used it fails when a page logged an error or went elsewhere."""
    opened = Pages(tabs)
    yield opened
    opened.close()


def _load(request: pytest.FixtureRequest, sites: Sites, tabs: Tabs) -> Iterator[Loaded]:
    site_name, name = request.param
    site = sites[site_name]
    opened = Pages(tabs)
    page = opened.open(site.url(f"html/{name}.html"))
    yield Loaded(site, name, page, opened)
    opened.close()


# Loading a page costs more than most checks of it, so the tests that only look at a page share
# one load: a module-scoped parameter makes pytest run them one page after the other.
@pytest.fixture(scope="module", params=page_params(index=True))
def any_page(request: pytest.FixtureRequest, sites: Sites, tabs: Tabs) -> Iterator[Loaded]:
    """Each page in turn, the index and the positions', loaded once for a module's tests."""
    yield from _load(request, sites, tabs)


@pytest.fixture(scope="module", params=page_params(index=False))
def position_page(request: pytest.FixtureRequest, sites: Sites, tabs: Tabs) -> Iterator[Loaded]:
    """Each position's page in turn, loaded once for a module's tests."""
    yield from _load(request, sites, tabs)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After a test that opened pages passed, check what those pages did."""
    outcome = yield
    for value in getattr(item, "funcargs", {}).values():
        if isinstance(value, Pages):
            value.check()
        elif isinstance(value, Loaded):
            value.pages.check()
    return outcome
