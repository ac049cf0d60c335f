"""A position's page can be navigated: anchors, a table of contents, links back and to Word."""

from __future__ import annotations

from playwright.sync_api import expect

from browser.support import (
    DUPLICATE_IDS,
    MISSING_IDS,
    SYNTHETIC,
    SYNTHETIC_MANAGER,
    TOC,
    Loaded,
    Pages,
    Sites,
    links,
)

SECTIONS = ("yldosa", "ulesanded", "nouded", "oigused", "vastutus")
# Which numbered section lists which items of a position.
NUMBERED = {"2": "duties", "4": "rights", "5": "responsibilities"}


def test_sections_and_numbered_items_have_anchors(position_page: Loaded) -> None:
    """Each section, and each duty, right and responsibility by its number, has an id of its own."""
    page, data = position_page.page, position_page.data
    wanted = list(SECTIONS)
    for number, key in NUMBERED.items():
        wanted.extend(f"{number}-{item}" for item in range(1, len(data[key]) + 1))
    assert page.evaluate(MISSING_IDS, wanted) == []
    beyond = [f"{number}-{len(data[key]) + 1}" for number, key in NUMBERED.items()]
    assert page.evaluate(MISSING_IDS, beyond) == beyond
    assert page.evaluate(DUPLICATE_IDS) == []


def test_table_of_contents_links_to_the_sections(position_page: Loaded) -> None:
    """The table of contents links every section, and every link leads somewhere on the page."""
    page = position_page.page
    tocs: list[list[str]] = page.evaluate(TOC)
    assert len(tocs) == 1, "wanted one nav.toc labelled Sisukord"
    hrefs = tocs[0]
    assert {f"#{section}" for section in SECTIONS} <= set(hrefs)
    assert all(href.startswith("#") for href in hrefs), hrefs
    targets = [href.removeprefix("#") for href in hrefs]
    assert page.evaluate(MISSING_IDS, targets) == []


def test_page_links_back_to_the_index(position_page: Loaded) -> None:
    """A link shown on the page leads back to the index."""
    back = [link for link in links(position_page.page) if link["href"] == "index.html"]
    assert any(link["visible"] for link in back), "no visible link to index.html"
    assert {link["url"] for link in back} == {position_page.site.url("html/index.html")}


def test_page_links_to_the_documents_of_its_build(position_page: Loaded) -> None:
    """The page links to its Word document, which the server hands out, and to no PDF unbuilt."""
    page, position_id = position_page.page, position_page.name
    hrefs = [link["href"] for link in links(page)]
    assert hrefs.count(f"../docx/{position_id}.docx") == 1, hrefs
    assert [href for href in hrefs if href.endswith(".pdf")] == []
    response = page.request.get(position_page.site.url(f"docx/{position_id}.docx"))
    assert response.status == 200
    assert response.body()[:2] == b"PK"


def test_a_manager_that_is_one_positions_title_links_to_its_page(
    sites: Sites, pages: Pages
) -> None:
    """Following the direct manager's name opens the page of the one position of that title."""
    site = sites[SYNTHETIC]
    named = sorted(i for i, data in site.positions.items() if data["manager"] == SYNTHETIC_MANAGER)
    target = [i for i, data in site.positions.items() if data["title"].lower() == SYNTHETIC_MANAGER]
    assert named and len(target) == 1
    page = pages.open(site.url(f"html/{named[0]}.html"))
    page.locator("#yldosa td a", has_text=SYNTHETIC_MANAGER).click()
    expect(page).to_have_url(site.url(f"html/{target[0]}.html"))
    expect(page.locator("h1")).to_have_text(site.positions[target[0]]["title"])
