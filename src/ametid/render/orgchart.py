"""The organisation chart of a unit: its positions, who manages whom and who stands in for
whom, laid out by Graphviz's `dot` and written as SVG that a page can hold inline.

The titles stay real text, each box links to its position's page, and the picture has a title
and a description for screen readers. `dot` measures the titles in DejaVu Sans (Debian's
fonts-dejavu-core), so the same positions give the same bytes wherever that font and the same
Graphviz are installed.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from ametid.check.references import (
    MANAGER,
    SUBORDINATES,
    SUBSTITUTED_BY,
    SUBSTITUTES,
    References,
)
from ametid.core.language import gettext as _
from ametid.core.model import Position
from ametid.core.problems import AmetidError, Problem
from ametid.core.register import UnitPath

DOT = "dot"
FONT = "DejaVu Sans"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
TITLE_WIDTH = 22  # characters of a title on one line of its box
# The chart's words for screen readers and tooltips: Estonian, as every word of the site is
# (the site's templates hold the rest).
CHART_TITLE = "Struktuuriskeem: {unit}"
CHART_DESCRIPTION = (
    "{count} ametikohta. Noolega joon viib vahetult juhilt tema alluvani, katkendjoon ühendab "
    "ametikoha tema asendajaga."
)
MANAGES = "{manager} on ametikoha {subordinate} vahetu juht"
STANDS_IN = "{other} asendab ametikohta {one}"
_BOX = {
    "shape": "box",
    "style": "rounded,filled",
    "fillcolor": "#eef3f8",
    "color": "#0b4f8a",
    "fontcolor": "#1a1a1a",
    "fontname": FONT,
    "fontsize": "12",
    "margin": "0.12,0.06",
}


def dot_problem() -> str | None:
    """What is missing to draw charts, or None when Graphviz's dot is installed."""
    if shutil.which(DOT) is None:
        return _(
            "Graphviz is not installed, which draws the units' charts on the site: install it "
            "(Debian: apt-get install graphviz fonts-dejavu-core), or build without html"
        )
    return None


@dataclass(frozen=True)
class Chart:
    """A unit's chart: the SVG, and the links it draws, for the text beside it."""

    svg: str
    managed: tuple[tuple[Position, Position], ...]  # (manager, subordinate)
    substitutions: tuple[tuple[Position, Position], ...]  # (one, the one standing in for it)


# A box shows at most this much of a title (Graphviz reads no string over 16 kB, and a box
# of a page of text helps nobody); the whole title stands in the box's <title> and on the page.
LONGEST_LABEL = 150


def _short(title: str) -> str:
    return title if len(title) <= LONGEST_LABEL else title[: LONGEST_LABEL - 1].rstrip() + "…"


def _label(title: str) -> str:
    title = _short(title)
    return "\n".join(textwrap.wrap(title, TITLE_WIDTH, break_long_words=True)) or title


def _edges(
    members: Sequence[Position], references: References
) -> tuple[list[tuple[Position, Position]], list[tuple[Position, Position]]]:
    ids = {position.id for position in members}
    managed: dict[tuple[str, str], tuple[Position, Position]] = {}
    substitutions: dict[frozenset[str], tuple[Position, Position]] = {}

    def resolved(position: Position, key: str) -> list[Position]:
        value = position.data.get(key)
        names = [value] if isinstance(value, str) else list(value or [])
        found = []
        for name in names:
            other = references.resolve(str(name), position.unit, below=key == SUBORDINATES)
            if other is not None and other.id in ids and other.id != position.id:
                found.append(other)
        return found

    for position in members:
        for manager in resolved(position, MANAGER):
            managed.setdefault((manager.id, position.id), (manager, position))
        for subordinate in resolved(position, SUBORDINATES):
            managed.setdefault((position.id, subordinate.id), (position, subordinate))
        for other in resolved(position, SUBSTITUTED_BY):
            substitutions.setdefault(frozenset((position.id, other.id)), (position, other))
        for other in resolved(position, SUBSTITUTES):
            substitutions.setdefault(frozenset((position.id, other.id)), (other, position))
    return list(managed.values()), list(substitutions.values())


def _quote(text: str) -> str:
    """A DOT string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _source(
    unit: UnitPath,
    members: Sequence[Position],
    managed: Sequence[tuple[Position, Position]],
    substitutions: Sequence[tuple[Position, Position]],
    link: dict[str, str],
    order: Sequence[UnitPath],
) -> str:
    """The chart in Graphviz's DOT language: units below `unit` as nested boxes, in `order`."""
    lines = [
        "digraph chart {",
        f'graph [rankdir=TB, nodesep=0.25, ranksep=0.45, fontname="{FONT}", fontsize=12, '
        'bgcolor="white", pad=0.1];',
        "node [" + ", ".join(f"{key}={_quote(value)}" for key, value in _BOX.items()) + "];",
        'edge [color="#4a4a4a", arrowsize=0.7];',
    ]

    def node(position: Position) -> str:
        attributes = {
            "label": _label(position.title),
            "URL": link[position.id],
            "tooltip": _short(position.title),
            "id": f"p-{position.id}",
        }
        return (
            f"{_quote(position.id)} ["
            + ", ".join(f"{key}={_quote(value)}" for key, value in attributes.items())
            + "];"
        )

    inner: dict[UnitPath, list[Position]] = {}
    for position in members:
        inner.setdefault(position.unit, []).append(position)
    wanted = {path[:depth] for path in inner for depth in range(len(unit) + 1, len(path) + 1)}
    clusters = [path for path in order if path in wanted]
    number = 0

    def cluster(path: UnitPath, indent: str) -> None:
        nonlocal number
        number += 1
        lines.append(f"{indent}subgraph cluster_{number} {{")
        lines.append(
            f'{indent}  label={_quote(_label(path[-1]))}; style="rounded"; color="#b8b8b8"; '
            f'fontcolor="#4a4a4a";'
        )
        for position in inner.get(path, []):
            lines.append(f"{indent}  {node(position)}")
        for child in (c for c in clusters if len(c) == len(path) + 1 and c[: len(path)] == path):
            cluster(child, indent + "  ")
        lines.append(f"{indent}}}")

    for position in inner.get(unit, []):
        lines.append(node(position))
    for child in (c for c in clusters if len(c) == len(unit) + 1):
        cluster(child, "")
    for manager, subordinate in managed:
        lines.append(
            f"{_quote(manager.id)} -> {_quote(subordinate.id)} "
            f"[id={_quote(f'm-{manager.id}-{subordinate.id}')}];"
        )
    for one, other in substitutions:
        lines.append(
            f"{_quote(one.id)} -> {_quote(other.id)} [style=dashed, dir=both, arrowhead=none, "
            f'arrowtail=none, constraint=false, color="#0b4f8a", '
            f"id={_quote(f's-{one.id}-{other.id}')}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _svg_text(raw: bytes, title: str, description: str, names: dict[str, str], key: str) -> str:
    """Graphviz's SVG made fit for a page: no comments or fixed size, a title and description
    for screen readers, and each box's and line's tooltip in words."""
    parser = etree.XMLParser(remove_comments=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(raw, parser)
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None)
    root.set("class", "orgchart")
    root.set("aria-labelledby", f"{key}-title {key}-desc")
    for group in root.iter(f"{{{SVG_NS}}}g"):
        identifier = group.get("id", "")
        tooltip = group.find(f"{{{SVG_NS}}}title")
        if tooltip is None:
            continue
        if identifier in names:
            tooltip.text = names[identifier]
        else:
            group.remove(tooltip)  # the graph's own name: no words for anyone
    heading = etree.Element(f"{{{SVG_NS}}}title", id=f"{key}-title")
    heading.text = title
    desc = etree.Element(f"{{{SVG_NS}}}desc", id=f"{key}-desc")
    desc.text = description
    root.insert(0, desc)
    root.insert(0, heading)
    return str(etree.tostring(root, encoding="unicode"))


def chart(
    unit: UnitPath,
    members: Sequence[Position],
    references: References,
    link: dict[str, str],
    order: Sequence[UnitPath],
    key: str = "chart",
) -> Chart:
    """The chart of `unit` with its `members` (the positions in it and in the units below),
    each box linking to `link[id]`, the units below in `order`."""
    import graphviz

    managed, substitutions = _edges(members, references)
    source = _source(unit, members, managed, substitutions, link, order)
    try:
        raw = graphviz.Source(source).pipe(format="svg", engine=DOT)
    except graphviz.ExecutableNotFound:
        raise AmetidError([Problem(DOT, message=dot_problem() or "", code="graphviz")]) from None
    except graphviz.CalledProcessError as error:
        message = _("Graphviz could not draw the chart of {unit}: {error}").format(
            unit=", ".join(unit), error=(error.stderr or b"").decode("utf-8", "replace").strip()
        )
        raise AmetidError([Problem(DOT, message=message, code="graphviz")]) from None
    names = {f"p-{p.id}": p.title for p in members}
    names.update(
        {
            f"m-{manager.id}-{subordinate.id}": MANAGES.format(
                manager=manager.title, subordinate=subordinate.title
            )
            for manager, subordinate in managed
        }
    )
    names.update(
        {
            f"s-{one.id}-{other.id}": STANDS_IN.format(one=one.title, other=other.title)
            for one, other in substitutions
        }
    )
    title = CHART_TITLE.format(unit=", ".join(unit))
    description = CHART_DESCRIPTION.format(count=len(members))
    svg = _svg_text(raw, title, description, names, key)
    return Chart(svg, tuple(managed), tuple(substitutions))
