"""The site's unit pages: the organisation chart of each unit, drawn by Graphviz as SVG."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from cli.test_site import add_position
from support.cli import run

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
DEPARTMENT = "Ohvriabi osakond"
DIVISION = "kriisitoe talitus"


def small_agency(project: Path) -> None:
    """A division head, two counsellors under it who stand in for each other, and an expert
    at the department who manages the head."""
    add_position(
        project,
        "osakonna-juhataja",
        title="Osakonna juhataja",
        unit=[DEPARTMENT],
        manager="Peadirektor",
        subordinates=["Talituse juhataja"],
        substitutes=[],
        substituted_by=[],
    )
    add_position(
        project,
        "talituse-juhataja",
        title="Talituse juhataja",
        unit=[DEPARTMENT, DIVISION],
        manager="Osakonna juhataja",
        subordinates=["Nõustaja (kriisitelefon)", "Nõustaja (vastuvõtt)"],
        substitutes=[],
        substituted_by=[],
    )
    for suffix, other in (("kriisitelefon", "vastuvõtt"), ("vastuvõtt", "kriisitelefon")):
        add_position(
            project,
            f"noustaja-{suffix.replace('õ', 'o')}",
            title=f"Nõustaja ({suffix})",
            unit=[DEPARTMENT, DIVISION],
            manager="Talituse juhataja",
            substitutes=[f"Nõustaja ({other})"],
            substituted_by=[f"Nõustaja ({other})"],
        )


def svg_of(page: str) -> etree._Element:
    start, end = page.index("<svg"), page.index("</svg>") + len("</svg>")
    return etree.fromstring(page[start:end].encode("utf-8"))


def test_each_unit_has_a_page_with_its_chart(empty_project: Path) -> None:
    small_agency(empty_project)
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.stderr
    units = empty_project / "build" / "html" / "units"
    assert sorted(path.name for path in units.iterdir()) == [
        "ohvriabi-osakond-kriisitoe-talitus.html",
        "ohvriabi-osakond.html",
    ]
    page = (units / "ohvriabi-osakond.html").read_text(encoding="utf-8")
    svg = svg_of(page)
    assert svg.get("aria-labelledby") == "chart-title chart-desc"
    assert "width" not in svg.attrib and "height" not in svg.attrib
    assert svg.find(f"{SVG}title").text == "Struktuuriskeem: Ohvriabi osakond"
    assert svg.find(f"{SVG}desc").text == (
        "4 ametikohta. Noolega joon viib vahetult juhilt tema alluvani, katkendjoon ühendab "
        "ametikoha tema asendajaga."
    )
    # The titles are real text, each box a link to the position's page.
    words = " ".join(text.text or "" for text in svg.iter(f"{SVG}text"))
    for title in ("Osakonna juhataja", "Talituse juhataja", "kriisitoe talitus"):
        assert all(word in words for word in title.split()), title
    links = sorted(anchor.get(XLINK) for anchor in svg.iter(f"{SVG}a"))
    assert links == [
        "../noustaja-kriisitelefon.html",
        "../noustaja-vastuvott.html",
        "../osakonna-juhataja.html",
        "../talituse-juhataja.html",
    ]
    tooltips = sorted(
        group.find(f"{SVG}title").text
        for group in svg.iter(f"{SVG}g")
        if group.get("class") == "edge"
    )
    assert tooltips == [
        "Nõustaja (vastuvõtt) asendab ametikohta Nõustaja (kriisitelefon)",
        "Osakonna juhataja on ametikoha Talituse juhataja vahetu juht",
        "Talituse juhataja on ametikoha Nõustaja (kriisitelefon) vahetu juht",
        "Talituse juhataja on ametikoha Nõustaja (vastuvõtt) vahetu juht",
    ]
    assert "<!--" not in page
    # The same links in words, for whoever does not see the picture.
    assert (
        '<li><a href="../noustaja-kriisitelefon.html">Nõustaja (kriisitelefon)</a>: asendaja '
        '<a href="../noustaja-vastuvott.html">Nõustaja (vastuvõtt)</a></li>'
    ) in page
    index = (empty_project / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert '<a class="unit" href="units/ohvriabi-osakond-kriisitoe-talitus.html">' in index


def test_unit_pages_are_the_same_bytes_every_build(empty_project: Path) -> None:
    small_agency(empty_project)
    assert run("build", "--format", "html", "--out", "first").exit_code == 0
    assert run("build", "--format", "html", "--out", "second").exit_code == 0
    for name in ("ohvriabi-osakond.html", "ohvriabi-osakond-kriisitoe-talitus.html"):
        first = (empty_project / "first" / "html" / "units" / name).read_bytes()
        assert first == (empty_project / "second" / "html" / "units" / name).read_bytes()
