"""Rendering positions through the project's Jinja templates."""

from __future__ import annotations

import datetime
import re
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from markupsafe import Markup

from ametid.core.collation import estonian_key
from ametid.core.model import Position
from ametid.core.problems import Problem, display_path
from ametid.render.index import search_text

MARKDOWN_TEMPLATE = "position.md"
HTML_TEMPLATE = "position.html"
INDEX_TEMPLATE = "index.html"
DOCX_TEMPLATE = "position.docx"


def et_date(value: str) -> str:
    """Write an ISO date the Estonian way: 2026-05-19 -> 19.05.2026."""
    return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")


# A sentence ends with . ! or ? and the next one starts with a capital letter.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?]) +(?=[A-ZÕÄÖÜŠŽ])")


def sentence_lines(text: str, indent: str = "") -> str:
    """Put each sentence on a line of its own, so a diff shows which sentence changed."""
    return _SENTENCE_BREAK.sub("\n" + indent, text)


def names(items: Sequence[str], links: Mapping[str, str] | None = None, scope: str = "") -> str:
    """Join the names of positions, "-" for none, with the scope of a substitution after them.

    Given `links` (name -> position id), the result is HTML in which each linked name is a link
    to that position's page.
    """
    if links is None:
        text = ", ".join(items) if items else "-"
        return f"{text} ({scope})" if scope else text
    parts = [
        Markup('<a href="{}.html">{}</a>').format(links[item], item) if item in links else item
        for item in items
    ]
    html = Markup(", ").join(parts) if parts else Markup("-")
    return html + Markup(" ({})").format(scope) if scope else html


def _with_filters(env: jinja2.Environment) -> jinja2.Environment:
    env.filters["et_date"] = et_date
    env.filters["names"] = names
    env.filters["sentence_lines"] = sentence_lines
    return env


def text_environment(templates_dir: Path) -> jinja2.Environment:
    """The environment for Markdown and HTML: strict, and autoescaping HTML templates."""
    return _with_filters(
        jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(enabled_extensions=("html",)),
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    )


def docx_environment() -> jinja2.Environment:
    """The environment for the Word template: strict, and escaping every value for XML."""
    return _with_filters(jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True))


def context(
    position: Position,
    organisation: str,
    formats: Sequence[str] = (),
    links: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """What every position template sees.

    `formats` are the formats of this build, so a page can link to its other documents, and
    `links` maps names in the position to the ids of the positions they name.
    """
    return {
        "position": position.data,
        "id": position.id,
        "organisation": organisation,
        "formats": list(formats),
        "links": dict(links or {}),
    }


def render_text(env: jinja2.Environment, name: str, values: dict[str, Any]) -> str:
    """Render one text template."""
    return env.get_template(name).render(values)


# The parts of a position that the index does not see; a build keeps the rest of every position
# in memory (and in its manifest) to write the index, and reads the details one file at a time.
DETAILS = ("duties", "requirements", "rights", "responsibilities", "tools", "amendment_rules")
# What the index keeps of the details instead: the words its search box looks through. The
# leading underscore keeps it apart from every key a position file may have.
SEARCH_FIELD = "_search"


def index_fields(data: dict[str, Any]) -> dict[str, Any]:
    """What the index page sees of a position: everything but the details, and its search words."""
    fields = {key: value for key, value in data.items() if key not in DETAILS}
    fields[SEARCH_FIELD] = search_text(data)
    return fields


def _entries(positions: Iterable[Position]) -> list[dict[str, Any]]:
    ordered = sorted(positions, key=lambda p: (estonian_key(p.title), p.id))
    return [
        {"id": p.id, "position": p.data, "search": p.data.get(SEARCH_FIELD, "")} for p in ordered
    ]


def index_groups(positions: Iterable[Position]) -> list[dict[str, Any]]:
    """Group positions by department, then division, in Estonian alphabetical order.

    The department is the outermost unit; the division is the rest of the unit, which is empty
    for positions that belong to the department itself.
    """
    departments: dict[str, dict[tuple[str, ...], list[Position]]] = {}
    for position in positions:
        department, *division = position.unit
        departments.setdefault(department, {}).setdefault(tuple(division), []).append(position)
    groups = []
    for department in sorted(departments, key=estonian_key):
        divisions = departments[department]
        groups.append(
            {
                "name": department,
                "positions": _entries(divisions.get((), [])),
                "divisions": [
                    {"name": ", ".join(division), "positions": _entries(divisions[division])}
                    for division in sorted(
                        (d for d in divisions if d), key=lambda d: [estonian_key(u) for u in d]
                    )
                ],
            }
        )
    return groups


def _template_frames(tb: TracebackType | None, templates_dir: Path) -> Iterator[tuple[str, int]]:
    root = str(templates_dir.resolve())
    for frame, line in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if filename.startswith(root):
            yield filename, line


def template_problem(error: Exception, templates_dir: Path) -> Problem | None:
    """Explain an error raised while rendering a template, or None when it is not the template's."""
    if isinstance(error, jinja2.TemplateNotFound):
        return Problem(display_path(templates_dir / str(error.name)), message="template not found")
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        message = f"template error: {error.message}"
        return Problem(display_path(Path(error.filename)), error.lineno, message=message)
    frames = list(_template_frames(error.__traceback__, templates_dir))
    if frames:
        filename, line = frames[-1]
        return Problem(display_path(Path(filename)), line, message=f"template error: {error}")
    if isinstance(error, jinja2.TemplateError):
        # Only the Word template is compiled from a string, so it is the one without a file name;
        # its line numbers count lines of the document's XML, not anything HR can see.
        word = display_path(templates_dir / DOCX_TEMPLATE)
        return Problem(word, message=f"template error: {error}")
    return None
