"""The text documents of positions: Markdown pages, HTML pages, and the site's index page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import jinja2

from ametid.core.model import Position
from ametid.core.register import Register
from ametid.render import environment, markup
from ametid.render.index import index_groups
from ametid.render.job import Job
from ametid.render.unit_pages import unit_pages


@dataclass(frozen=True)
class TextPages:
    """Renders positions through one text template (Markdown or HTML)."""

    env: jinja2.Environment
    template: str
    organisation: str
    formats: Sequence[str]
    markdown: bool = False  # the template writes Markdown: texts come escaped for it

    def render(self, jobs: Sequence[Job]) -> Iterator[tuple[Job, str | bytes]]:
        """Each job with its page."""
        for job in jobs:
            layout = environment.layout_of(self.env)
            values = environment.context(
                job.position, self.organisation, layout, self.formats, job.links
            )
            if self.markdown:
                values["position"] = markup.escape_data(values["position"])
                values["draft"] = markup.escape_data(values["draft"])
                values["organisation"] = markup.escape(self.organisation)
            yield job, environment.render_text(self.env, self.template, values)


def markdown_pages(env: jinja2.Environment, organisation: str, formats: Sequence[str]) -> TextPages:
    """The renderer of Markdown pages."""
    return TextPages(env, environment.MARKDOWN_TEMPLATE, organisation, formats, markdown=True)


def html_pages(env: jinja2.Environment, organisation: str, formats: Sequence[str]) -> TextPages:
    """The renderer of the site's position pages."""
    return TextPages(env, environment.HTML_TEMPLATE, organisation, formats)


def index_page(
    env: jinja2.Environment,
    organisation: str,
    positions: Sequence[Position],
    register: Register | None = None,
) -> str:
    """The site's index of every position, by department and division, in the register's order."""
    values = {
        "groups": index_groups(positions, register.rank() if register else None),
        "unit_pages": {page.path: page.href for page in unit_pages(positions, register)},
        "count": len(positions),
        "organisation": organisation,
    }
    return environment.render_text(env, environment.INDEX_TEMPLATE, values)
