"""The HTML site's pages as the build writes them: index order, search words, links, downloads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ametid.source.dumper import dump_position
from support.cli import run
from support.paths import ORDER, WRITTEN_OUT


def add_position(project: Path, position_id: str, **changes: Any) -> None:
    """Write a position like Projektijuht with the given fields changed."""
    source = WRITTEN_OUT / "projektijuht.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(changes)
    text = dump_position(data, ORDER)
    (project / "positions" / f"{position_id}.yaml").write_text(text, encoding="utf-8")


def page(project: Path, name: str) -> str:
    return (project / "build" / "html" / name).read_text(encoding="utf-8")


def index_order(project: Path) -> list[str]:
    """The department and division headings and the position links of the index, in order."""
    pattern = r"<h2>(.*?)</h2>|<h3>(.*?)</h3>|<a href=\"([^\"]+)\.html\">"
    found = re.findall(pattern, page(project, "index.html"))
    return [f"h2 {h2}" if h2 else f"h3 {h3}" if h3 else link for h2, h3, link in found]


def test_the_index_groups_by_department_then_division_in_estonian_order(
    empty_project: Path,
) -> None:
    project = empty_project
    add_position(project, "a", title="Zooloog", unit=["Šoti osakond"])
    add_position(project, "b", title="Ülevaataja", unit=["Sise osakond", "ürituste talitus"])
    add_position(project, "c", title="Analüütik", unit=["Sise osakond", "õppetalitus"])
    add_position(project, "d", title="Õigusnõunik", unit=["Sise osakond"])
    add_position(project, "e", title="Šofför", unit=["Sise osakond"])
    add_position(project, "f", title="Tõlk", unit=["Sise osakond", "õppetalitus", "tiim"])
    add_position(project, "g", title="Ekspert", unit=["Õue osakond"])
    assert run("build", "--format", "html").exit_code == 0
    assert index_order(project) == [
        "h2 Sise osakond",
        "e",  # Šofför: positions of the department itself come before its divisions
        "d",  # Õigusnõunik
        "h3 õppetalitus",
        "c",
        "h3 õppetalitus, tiim",
        "f",
        "h3 ürituste talitus",
        "b",
        "h2 Šoti osakond",
        "a",
        "h2 Õue osakond",
        "g",
    ]


def test_the_index_shows_manager_approval_and_review_dates(project: Path) -> None:
    path = project / "positions" / "ekspert-noustamismetoodikad.yaml"
    text = path.read_text(encoding="utf-8").replace("\ntitle:", '\nreviewed: "2027-05-03"\ntitle:')
    path.write_text(text, encoding="utf-8")
    assert run("build", "--format", "html").exit_code == 0
    entry = page(project, "index.html").split('href="ekspert-noustamismetoodikad.html"')[1]
    entry = entry.split("</li>")[0]
    assert "Vahetu juht: Juhtivspetsialist (OA kriisitelefon)" in entry
    assert "Kinnitatud 19.05.2026" in entry
    assert "Üle vaadatud 03.05.2027" in entry


def test_the_search_words_are_the_title_unit_and_duties(project: Path) -> None:
    assert run("build", "--format", "html").exit_code == 0
    match = re.search(
        r'data-search="([^"]*)">\n<a href="projektijuht.html"', page(project, "index.html")
    )
    assert match is not None
    words = match.group(1).split(" ")
    assert words == sorted(set(words))
    assert {"projektijuht", "tugitiim", "ärianalüüs", "vaatleja", "star"} <= set(words)
    # Rights are not searched: "kaugtööd" occurs only in a right of Projektijuht.
    assert "kaugtööd" not in words


def test_a_name_that_is_the_title_of_one_position_links_to_it(empty_project: Path) -> None:
    project = empty_project
    # The case differs from the reference.
    add_position(project, "juht", title="Tugitiimi Tiimijuht", substitutes=["Abi"])
    add_position(project, "abi", title="Abi", manager="Tugitiimi tiimijuht", substitutes=["Juht"])
    add_position(project, "juht-2", title="Juht", unit=["Teine osakond"], manager="Direktor")
    add_position(project, "juht-3", title="juht", unit=["Kolmas osakond"], manager="Direktor")
    assert run("build", "--format", "html").exit_code == 0
    abi = page(project, "abi.html")
    assert '<td><a href="juht.html">Tugitiimi tiimijuht</a></td>' in abi
    # "Juht" is the title of two positions, so it links to neither.
    assert "<td>Juht</td>" in abi
    # The reference to oneself is no link: Tugitiimi Tiimijuht's own manager has its title.
    assert "<td>Tugitiimi tiimijuht</td>" in page(project, "juht.html")


def test_a_name_links_inside_a_list_and_keeps_the_substitution_scope(
    empty_project: Path,
) -> None:
    project = empty_project
    add_position(
        project, "noustaja", title="Nõustaja", substituted_by=["Tugitiimi tiimijuht", "Ekspert"]
    )
    add_position(
        project,
        "ekspert",
        title="Ekspert",
        substitutes=["Nõustaja", "teenuseomanik"],
        substitution_scope="ülesannete ulatuses",
    )
    assert run("build", "--format", "html").exit_code == 0
    expected = '<td><a href="noustaja.html">Nõustaja</a>, teenuseomanik (ülesannete ulatuses)</td>'
    assert expected in page(project, "ekspert.html")


def test_a_page_links_to_the_documents_built_with_it(project: Path) -> None:
    assert run("build", "--format", "html,docx").exit_code == 0
    html = page(project, "projektijuht.html")
    assert '<a href="../docx/projektijuht.docx"' in html
    assert "../pdf/" not in html
    assert (project / "build" / "docx" / "projektijuht.docx").is_file()
    assert run("build", "--format", "html").exit_code == 0
    assert "../docx/" not in page(project, "projektijuht.html")


def test_a_page_has_a_contents_list_of_its_sections(project: Path) -> None:
    assert run("build", "--format", "html").exit_code == 0
    html = page(project, "projektijuht.html")
    contents = html.split('<nav class="toc" aria-label="Sisukord">')[1].split("</nav>")[0]
    anchors = re.findall(r'<a href="#([^"]+)">', contents)
    assert anchors == [
        "yldosa",
        "ulesanded",
        "nouded",
        "oigused",
        "vastutus",
        "toovahendid",
        "muutmine",
        "allkirjad",
    ]
    assert all(f'<section id="{anchor}">' in html for anchor in anchors)
    assert "<h2>8. Poolte allkirjad</h2>" in html
    assert html.count("<h1>") == 1
