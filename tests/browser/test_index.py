"""The index page lists every position and leads to each, with or without JavaScript."""

from __future__ import annotations

from playwright.sync_api import expect

from browser.support import Pages, Site, checked_position_ids, entries, listed


def test_index_lists_every_position(site: Site, pages: Pages) -> None:
    """Each position of the build has one entry on the index, linked to its page."""
    page = pages.open(site.url("html/index.html"))
    shown = listed(page)
    for position_id in site.positions:
        assert len(shown.get(position_id, [])) == 1, f"{position_id}: not listed once"
    assert len(entries(page)) == len(site.positions)


def test_index_has_one_main_heading(site: Site, pages: Pages) -> None:
    """The index has exactly one h1."""
    page = pages.open(site.url("html/index.html"))
    assert page.evaluate("document.querySelectorAll('h1').length") == 1


def test_index_is_in_estonian(site: Site, pages: Pages) -> None:
    """The index says its language is Estonian."""
    page = pages.open(site.url("html/index.html"))
    assert page.evaluate("document.documentElement.lang") == "et"


def test_without_javascript_every_position_is_visible(site: Site, pages: Pages) -> None:
    """With JavaScript off the index still shows every position."""
    page = pages.open(site.url("html/index.html"), javascript=False)
    shown = listed(page)
    assert {position_id: shown.get(position_id) for position_id in site.positions} == {
        position_id: [True] for position_id in site.positions
    }


def test_following_a_position_link_opens_its_page(site: Site, pages: Pages) -> None:
    """Clicking a position on the index opens the page headed with its title."""
    page = pages.open(site.url("html/index.html"))
    for position_id in checked_position_ids(site.name):
        page.click(f'li.position a[href="{position_id}.html"]')
        expect(page).to_have_url(site.url(f"html/{position_id}.html"))
        expect(page.locator("h1")).to_have_text(site.positions[position_id]["title"])
        page.go_back()


def test_index_opened_from_disk_lists_every_position(site: Site, pages: Pages) -> None:
    """The index opened as a file shows every position and asks nothing from elsewhere."""
    page = pages.open(site.file_url("html/index.html"))
    shown = listed(page)
    assert {position_id: shown.get(position_id) for position_id in site.positions} == {
        position_id: [True] for position_id in site.positions
    }
