"""Full-page screenshots of the index and of one position, kept in tests/artifacts/ to look at."""

from __future__ import annotations

from browser.support import ARTIFACTS, DESKTOP, Pages, Site, png_size


def _screenshot(site: Site, pages: Pages, page_name: str) -> None:
    page = pages.open(site.url(f"html/{page_name}.html"), viewport=DESKTOP)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{site.name}-{page_name}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert png_size(target.read_bytes()) == (DESKTOP["width"], height)


def test_index_screenshot_shows_the_whole_page(site: Site, pages: Pages) -> None:
    """The index is saved as one image as tall as the page."""
    _screenshot(site, pages, "index")


def test_position_screenshot_shows_the_whole_page(site: Site, pages: Pages) -> None:
    """The first position's page is saved as one image as tall as the page."""
    _screenshot(site, pages, min(site.positions))
