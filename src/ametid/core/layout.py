"""The one layout table: the sections of a job description, their numbers, labels and key order.

The table is a data file of the project's templates (`templates/layout.yaml`), since labels are
the templates' business and an agency restyles its own copy. Everything that needs to know
where a key stands in a document — the Markdown and HTML templates, the redline, the YAML
writer, the importer, the names of places in messages — reads it from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ametid.core.language import gettext as _
from ametid.core.problems import AmetidError, Problem, display_path

LAYOUT_FILE = "layout.yaml"
GENERAL = "general"


@dataclass(frozen=True)
class Row:
    """One labelled row of a section: the key it shows and the label before it."""

    key: str
    label: str
    names_positions: bool = False  # its texts are titles of other positions
    scope: str = ""  # the key of a text shown in parentheses after the row's value
    group: bool = False  # a heading of its own rather than a row


@dataclass(frozen=True)
class Section:
    """One numbered section of the document."""

    key: str
    anchor: str
    heading: str
    rows: tuple[Row, ...] = ()
    numbered: bool = False
    optional: bool = False
    intro: str = ""  # the key of the position's own words before the section's list

    @property
    def keys(self) -> tuple[str, ...]:
        """The top-level position keys this section shows, in order: section 1's rows; for every
        other section, its intro (when it has one) and the key it is named after."""
        if self.key != GENERAL:
            return (self.intro, self.key) if self.intro else (self.key,)
        return tuple(k for row in self.rows for k in (row.key, row.scope) if k)


@dataclass(frozen=True)
class Layout:
    """The canonical layout: sections in order, the document's fixed words, and key orders."""

    sections: tuple[Section, ...]
    order: Mapping[str, tuple[str, ...]]
    words: Mapping[str, str] = field(default_factory=dict)
    unprinted: tuple[str, ...] = ()  # top-level keys of a position its documents do not print

    @property
    def labels(self) -> dict[str, str]:
        """The label of every row, by its key."""
        return {row.key: row.label for section in self.sections for row in section.rows}

    @property
    def general(self) -> Section:
        """Section 1, Üldosa: the position's general data."""
        return self.section(GENERAL)

    @property
    def general_keys(self) -> tuple[str, ...]:
        """The keys section 1 shows, in the order a position file has them."""
        shown = set(self.general.keys)
        return tuple(key for key in self.order.get("position", ()) if key in shown)

    @property
    def naming_keys(self) -> tuple[str, ...]:
        """The keys whose texts name other positions, in the order of the document."""
        return tuple(
            row.key for section in self.sections for row in section.rows if row.names_positions
        )

    def section(self, key: str) -> Section:
        """The section with this key."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def heading(self, key: str) -> str:
        """The heading of the section with this key."""
        return self.section(key).heading

    @property
    def fixed_count(self) -> int:
        """How many sections every document has."""
        return sum(not section.optional for section in self.sections)

    def fixed_number(self, key: str) -> int:
        """The number of a section every document has."""
        fixed = [section.key for section in self.sections if not section.optional]
        return fixed.index(key) + 1

    def present(self, data: Mapping[str, Any]) -> list[Section]:
        """The sections a position's document has, in order: every fixed one, the optional
        ones whose key it has."""
        return [s for s in self.sections if not s.optional or s.key in data]

    def number(self, data: Mapping[str, Any], key: str) -> str | None:
        """The number of the section that shows `key` in this position's document, or None.

        An optional section the position lacks gets the number it would have if added.
        """
        for index, section in enumerate(self.present(data), 1):
            if key in section.keys:
                return str(index)
        fixed = [s for s in self.sections if not s.optional]
        optional = [s for s in self.sections if s.optional]
        present = [s.key for s in optional if s.key in data]
        for section in optional:
            if section.key == key:
                return str(len(fixed) + 1 + len(present))
        return None

    @property
    def document_order(self) -> tuple[str, ...]:
        """Top-level keys in the order the document shows them (the approval block first)."""
        rest = tuple(key for s in self.sections if s.key != GENERAL for key in s.keys)
        return ("approval", *self.general_keys, *rest, "review_note")

    def __getitem__(self, word: str) -> str:
        """A fixed word of the document, e.g. layout["document"] -> "AMETIJUHEND"."""
        return self.words[word]


def _row(item: Any) -> Row:
    if not isinstance(item, dict) or not isinstance(item.get("key"), str):
        raise ValueError(_("each row needs a key and a label"))
    return Row(
        key=item["key"],
        label=str(item["label"]),
        names_positions=bool(item.get("names_positions", False)),
        scope=str(item.get("scope", "")),
        group=bool(item.get("group", False)),
    )


def _section(item: Any) -> Section:
    if not isinstance(item, dict):
        raise ValueError(_("each section needs a key, an anchor and a heading"))
    return Section(
        key=str(item["key"]),
        anchor=str(item["anchor"]),
        heading=str(item["heading"]),
        rows=tuple(_row(row) for row in item.get("rows", ())),
        numbered=bool(item.get("numbered", False)),
        optional=bool(item.get("optional", False)),
        intro=str(item.get("intro", "")),
    )


def parse_layout(text: str) -> Layout:
    """Read a layout table from its YAML text; ValueError when it is not one."""
    try:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        sections = tuple(_section(item) for item in data["sections"])
        order = {str(kind): tuple(str(k) for k in keys) for kind, keys in data["order"].items()}
        unprinted = tuple(str(key) for key in data.get("unprinted") or ())
        words = {k: str(v) for k, v in data.items() if k not in ("sections", "order", "unprinted")}
    except KeyError as error:
        raise ValueError(_("not a layout table: {key} is missing").format(key=error)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        if mark:
            message = _("not a layout table: {problem} (line {line}, column {column})").format(
                problem=error.problem, line=mark.line + 1, column=mark.column + 1
            )
        else:
            message = _("not a layout table: {error}").format(error=error.problem)
        raise ValueError(message) from None
    except (yaml.YAMLError, TypeError, AttributeError, ValueError) as error:
        message = _("not a layout table: {error}").format(error=" ".join(str(error).split()))
        raise ValueError(message) from None
    if GENERAL not in [section.key for section in sections]:
        raise ValueError(_("not a layout table: no section '{key}'").format(key=GENERAL))
    return Layout(sections, order, words, unprinted)


def read_layout(templates_dir: Path) -> Layout:
    """Read the layout table of a project's templates."""
    path = templates_dir / LAYOUT_FILE
    try:
        return parse_layout(path.read_text(encoding="utf-8"))
    except OSError as error:
        message = _("cannot read the layout table: {reason}").format(reason=error.strerror or error)
        raise AmetidError([Problem(display_path(path), message=message, code="layout")]) from None
    except ValueError as error:
        problem = Problem(display_path(path), message=str(error), code="layout")
        raise AmetidError([problem]) from None
