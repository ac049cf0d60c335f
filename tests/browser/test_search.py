"""The index's search box narrows the list to the positions whose words match."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from browser.support import Pages, Site, entry, unique_duty_word

# At most this many Tab presses beyond the links on the page to reach the search box.
TABS = 10
# The number 1 standing alone, as in "1 ametijuhend" or "1/30".
ONE = re.compile(r"(?<!\d)1(?!\d)")


def _shows_only(page: Page, position_id: str) -> None:
    expect(page.locator(entry(position_id))).to_be_visible()
    expect(page.locator("li.position:visible")).to_have_count(1)


def _shows_all(page: Page, site: Site) -> None:
    expect(page.locator("li.position:visible")).to_have_count(len(site.positions))


@pytest.fixture(scope="module")
def search(site: Site) -> tuple[str, str]:
    """A position and a word that only its duties contain."""
    return unique_duty_word(site.positions)


def test_search_box_is_a_labelled_search_field(site: Site, pages: Pages) -> None:
    """The search box is an input of type search with a label of its own."""
    page = pages.open(site.url("html/index.html"))
    expect(page.locator("input#search")).to_have_attribute("type", "search")
    label = page.locator('label[for="search"]')
    expect(label).to_have_count(1)
    expect(label).not_to_have_text("")
    expect(page.locator("form#search-form")).to_have_attribute("role", "search")


def test_search_box_is_hidden_without_javascript(site: Site, pages: Pages) -> None:
    """Without JavaScript there is no search box to type into."""
    page = pages.open(site.url("html/index.html"), javascript=False)
    expect(page.locator("input#search")).to_have_count(1)
    expect(page.locator("input#search")).to_be_hidden()


def test_search_box_is_shown_with_javascript(site: Site, pages: Pages) -> None:
    """With JavaScript the search box is shown."""
    page = pages.open(site.url("html/index.html"))
    expect(page.locator("input#search")).to_be_visible()


def test_search_box_is_reached_with_the_keyboard(
    site: Site, pages: Pages, search: tuple[str, str]
) -> None:
    """Tab reaches the search box, and typing there filters the list."""
    position_id, word = search
    page = pages.open(site.url("html/index.html"))
    presses = page.locator("a").count() + TABS
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "search":
            break
    else:
        pytest.fail(f"{presses} Tab presses never reached the search box")
    page.keyboard.type(word)
    _shows_only(page, position_id)


def test_a_word_of_one_position_shows_only_that_position(
    site: Site, pages: Pages, search: tuple[str, str]
) -> None:
    """Typing a word that occurs in one position's duties leaves only that position visible."""
    position_id, word = search
    page = pages.open(site.url("html/index.html"))
    page.fill("#search", word)
    _shows_only(page, position_id)


def test_search_ignores_case(site: Site, pages: Pages, search: tuple[str, str]) -> None:
    """The word in capitals finds the same position."""
    position_id, word = search
    page = pages.open(site.url("html/index.html"))
    page.fill("#search", word.upper())
    _shows_only(page, position_id)


def test_clearing_the_search_shows_every_position(
    site: Site, pages: Pages, search: tuple[str, str]
) -> None:
    """Emptying the search box brings every position back."""
    _, word = search
    page = pages.open(site.url("html/index.html"))
    page.fill("#search", word)
    expect(page.locator("li.position:visible")).to_have_count(1)
    page.fill("#search", "")
    _shows_all(page, site)


def test_groups_without_matches_are_hidden(
    site: Site, pages: Pages, search: tuple[str, str]
) -> None:
    """While searching, a department or division is shown only when it holds a match."""
    position_id, word = search
    page = pages.open(site.url("html/index.html"))
    groups = page.locator("section.department, section.division")
    assert groups.count() > 0, "the index has no section.department or section.division"
    page.fill("#search", word)
    _shows_only(page, position_id)
    for index in range(groups.count()):
        group = groups.nth(index)
        holds_match = group.locator(entry(position_id)).count() > 0
        if holds_match:
            expect(group).to_be_visible()
        else:
            expect(group).to_be_hidden()


def test_search_status_tells_how_many_match(
    site: Site, pages: Pages, search: tuple[str, str]
) -> None:
    """The status line announces the number of matches."""
    _, word = search
    page = pages.open(site.url("html/index.html"))
    status = page.locator('#search-status[role="status"]')
    expect(status).to_have_count(1)
    expect(status).not_to_contain_text(ONE)
    page.fill("#search", word)
    expect(status).to_contain_text(ONE)


def test_search_works_on_the_index_opened_from_disk(
    site: Site, pages: Pages, search: tuple[str, str]
) -> None:
    """Opened as a file, the index filters just the same."""
    position_id, word = search
    page = pages.open(site.file_url("html/index.html"))
    page.fill("#search", word)
    _shows_only(page, position_id)
