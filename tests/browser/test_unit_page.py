"""A unit's page: its organisation chart is text a browser can read, and its boxes are links."""

from __future__ import annotations

from playwright.sync_api import expect

from ametid.check.rules import suggest_id
from browser.support import PHONE, SYNTHETIC, SYNTHETIC_MANAGER, SYNTHETIC_UNITS, Pages, Sites

UNIT = SYNTHETIC_UNITS[0]  # the unit where the first position manages others


def test_the_chart_names_itself_and_its_boxes_link_to_the_positions(
    sites: Sites, pages: Pages
) -> None:
    """The chart has a title and a description, every title is text, and a box opens its page."""
    site = sites[SYNTHETIC]
    page = pages.open(site.url(f"html/units/{suggest_id(' '.join(UNIT))}.html"))
    chart = page.locator("figure.chart svg")
    expect(chart).to_have_attribute("aria-labelledby", "chart-title chart-desc")
    assert page.locator("#chart-title").text_content() == f"Struktuuriskeem: {', '.join(UNIT)}"
    members = sorted(d["title"] for d in site.positions.values() if d["unit"] == list(UNIT))
    assert (page.locator("#chart-desc").text_content() or "").startswith(
        f"{len(members)} ametikohta."
    )
    words = " ".join(chart.locator("text").all_text_contents())
    for title in members:
        assert all(word in words for word in title.split()), title
    # Lines from the manager to those it manages.
    edges = chart.locator("g.edge")
    assert edges.count() >= 1
    manager = next(i for i, d in site.positions.items() if d["title"].lower() == SYNTHETIC_MANAGER)
    chart.locator(f"g#p-{manager} a").click()
    expect(page).to_have_url(site.url(f"html/{manager}.html"))


def test_the_chart_shrinks_to_a_phone(sites: Sites, pages: Pages) -> None:
    """At 375 px the chart is no wider than the page, and its text still there to read."""
    site = sites[SYNTHETIC]
    page = pages.open(site.url(f"html/units/{suggest_id(UNIT[0])}.html"))
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.querySelector('figure.chart svg').clientWidth")
    body = page.evaluate("document.documentElement.clientWidth")
    assert 0 < width <= body
