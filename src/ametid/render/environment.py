"""Rendering positions through the project's Jinja templates."""

from __future__ import annotations

import datetime
import re
import traceback
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ametid.core.approval import as_printed
from ametid.core.formats import page_link
from ametid.core.language import gettext as _
from ametid.core.layout import Layout, read_layout
from ametid.core.model import Position
from ametid.core.problems import Problem, display_path

MARKDOWN_TEMPLATE = "document/position.md"
HTML_TEMPLATE = "document/position.html"
INDEX_TEMPLATE = "site/index.html"
DOCX_TEMPLATE = "document/position.docx"


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


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, which keeps templates from Python's internals: a template comes in
    through a pull request like a position file, so it must not reach `os` and run commands.

    Whether an attribute is safe depends only on the object's type and the attribute's name, so
    the verdict is kept: the sandbox otherwise checks it anew at every `position.title`.
    """

    _verdicts: ClassVar[dict[tuple[type, str], bool]] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Whether a template may read `attr` of `obj`."""
        key = (type(obj), attr)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = bool(super().is_safe_attribute(obj, attr, value))
        return verdict


def text_environment(templates_dir: Path, cache_dir: Path | None = None) -> jinja2.Environment:
    """The environment for Markdown and HTML: sandboxed, strict, autoescaping HTML templates,
    and with the project's layout table as the global `layout`.

    Given `cache_dir`, compiled templates are kept there (Jinja's bytecode cache, keyed by each
    template's source), so a build that renders one page does not compile every template anew.
    """
    cache = jinja2.FileSystemBytecodeCache(str(cache_dir)) if cache_dir is not None else None
    env = Sandbox(
        loader=jinja2.FileSystemLoader(templates_dir),
        bytecode_cache=cache,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",)),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["layout"] = read_layout(templates_dir)
    return _with_filters(env)


def layout_of(env: jinja2.Environment) -> Layout:
    """The layout table of a text environment (its global `layout`)."""
    layout = env.globals["layout"]
    assert isinstance(layout, Layout)
    return layout


def docx_environment() -> jinja2.Environment:
    """The environment for the Word template: sandboxed, strict, and escaping every value for
    XML."""
    return _with_filters(Sandbox(undefined=jinja2.StrictUndefined, autoescape=True))


# The formats a position's HTML page links to when the same build writes them.
DOWNLOADS = ("docx", "pdf")


def context(
    position: Position,
    organisation: str,
    layout: Layout,
    formats: Sequence[str] = (),
    links: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """What every position template sees.

    `formats` are the formats of this build, so a page can link to its other documents
    (`downloads`: format -> link), and `links` maps names in the position to the ids of the
    positions they name. When the content has changed since its approval, `draft` is that
    approval and `position` comes without it: the document is a draft (KAVAND).
    """
    data, draft = as_printed(position.data, layout)
    return {
        "position": data,
        "draft": draft,
        "id": position.id,
        "organisation": organisation,
        "downloads": {f: page_link(f, position.id) for f in DOWNLOADS if f in formats},
        "links": dict(links or {}),
    }


def render_text(env: jinja2.Environment, name: str, values: dict[str, Any]) -> str:
    """Render one text template."""
    return env.get_template(name).render(values)


def _template_frames(tb: TracebackType | None, templates_dir: Path) -> Iterator[tuple[str, int]]:
    root = str(templates_dir.resolve())
    for frame, line in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if filename.startswith(root):
            yield filename, line


def template_problem(error: Exception, templates_dir: Path) -> Problem | None:
    """Explain an error raised while rendering a template, or None when it is not the template's."""
    if isinstance(error, jinja2.TemplateNotFound):
        shown = display_path(templates_dir / str(error.name))
        return Problem(shown, message=_("template not found"), code="template")
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        message = _("template error: {error}").format(error=error.message)
        shown = display_path(Path(error.filename))
        return Problem(shown, error.lineno, message=message, code="template")
    frames = list(_template_frames(error.__traceback__, templates_dir))
    message = _("template error: {error}").format(error=error)
    if frames:
        filename, line = frames[-1]
        return Problem(display_path(Path(filename)), line, message=message, code="template")
    if isinstance(error, jinja2.TemplateError):
        # Only the Word template is compiled from a string, so it is the one without a file name;
        # its line numbers count lines of the document's XML, not anything HR can see.
        word = display_path(templates_dir / DOCX_TEMPLATE)
        return Problem(word, message=message, code="template")
    return None
