"""The site's unit pages: one per unit that has positions, with its organisation chart."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from ametid.check.references import References
from ametid.check.rules import suggest_id
from ametid.core.collation import estonian_key
from ametid.core.model import Position
from ametid.core.register import Register, UnitPath
from ametid.render import environment
from ametid.render.orgchart import chart

UNIT_TEMPLATE = "site/unit.html"
UNITS_FOLDER = "html/units"


@dataclass(frozen=True)
class UnitPage:
    """A unit with positions at or below it, and where its page stands."""

    path: UnitPath
    slug: str
    code: str = ""

    @property
    def file(self) -> str:
        """The page inside the output folder."""
        return f"{UNITS_FOLDER}/{self.slug}.html"

    @property
    def href(self) -> str:
        """The page as the index links to it."""
        return f"units/{self.slug}.html"


def unit_pages(positions: Sequence[Position], register: Register | None) -> list[UnitPage]:
    """The units that get a page, in the register's order (else alphabetically): each unit a
    position is in, and every unit above it."""
    used = {p.unit[:depth] for p in positions for depth in range(1, len(p.unit) + 1)}
    if register is not None:
        ranked = [path for path in register.paths() if path in used]
        rest = sorted(used - set(ranked), key=lambda p: [estonian_key(u) for u in p])
        paths = [*ranked, *rest]
    else:
        paths = sorted(used, key=lambda p: [estonian_key(u) for u in p])
    pages, taken = [], set()
    for path in paths:
        slug = suggest_id(" ".join(path))
        number = 1
        while slug in taken:
            number += 1
            slug = f"{suggest_id(' '.join(path))}-{number}"
        taken.add(slug)
        unit = register.unit(path) if register else None
        pages.append(UnitPage(path, slug, unit.code if unit else ""))
    return pages


def _ordered(positions: Sequence[Position]) -> list[Position]:
    return sorted(positions, key=lambda p: (estonian_key(p.title), p.id))


def render_unit_pages(
    env: jinja2.Environment,
    organisation: str,
    positions: Sequence[Position],
    register: Register | None,
) -> Iterator[tuple[str, str]]:
    """Each unit page's place in the output folder and its HTML."""
    pages = unit_pages(positions, register)
    by_path = {page.path: page for page in pages}
    references = References(positions)
    order = [page.path for page in pages]
    for page in pages:
        depth = len(page.path)
        members = _ordered([p for p in positions if p.unit[:depth] == page.path])
        own = [p for p in members if p.unit == page.path]
        links = {p.id: f"../{p.id}.html" for p in members}
        drawn = chart(page.path, members, references, links, order)
        values = {
            "organisation": organisation,
            "unit": page,
            "parents": [by_path[page.path[:d]] for d in range(1, depth)],
            "children": [
                other
                for other in pages
                if len(other.path) == depth + 1 and other.path[:depth] == page.path
            ],
            "positions": own,
            "count": len(members),
            "svg": Markup(drawn.svg),  # lxml wrote it, every text in it escaped
            "managed": drawn.managed,
            "substitutions": drawn.substitutions,
        }
        yield page.file, environment.render_text(env, UNIT_TEMPLATE, values)
