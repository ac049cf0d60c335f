"""Text from a position as literal Markdown: what CommonMark or GitHub would read as markup is
escaped, and nothing else, so the Markdown stays readable in a diff.

Inside a line that is emphasis (`*`, `_`, `~` where they could open or close it), code spans,
links and images (`[`), raw HTML and autolinks (`<` before a tag), entities (`&name;`), table
cells (`|`) and GitHub's math (`$`), and a backslash that would escape what follows it. At the
start of a line (every text may start one: a template puts it after "- " or on a line of its
own) headings, block quotes, list markers, thematic breaks and setext underlines. Leading and
trailing spaces of a line, which only indent code or break lines in Markdown, are dropped.
"""

from __future__ import annotations

import re
from typing import Any

_ALWAYS = re.compile(r"[`\[|$]")
_FLANKING = re.compile(r"[*_~]")
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_CLOSING_HASHES = re.compile(r"(?<=\s)#+$")
_HEADING = re.compile(r"#{1,6}(?=\s|$)")
_QUOTE_OR_ITEM = re.compile(r"[>+\-](?=\s|$)|>")
_NUMBERED = re.compile(r"([0-9]{1,9})([.)])(?=\s|$)")
_RULE = re.compile(r"(?:[-=]+|[-*_ ]{3,})")


def _flanking(line: str, found: re.Match[str]) -> str:
    """`*`, `_` or `~` escaped unless it cannot open or close emphasis: between two spaces, or
    `_` inside a word."""
    character, where = found.group(), found.start()
    before = line[where - 1] if where > 0 else ""
    after = line[where + 1] if where + 1 < len(line) else ""
    if before.isspace() and after.isspace():
        return character
    if character == "_" and before.isalnum() and after.isalnum():
        return character
    return "\\" + character


def _line(line: str) -> str:
    line = line.strip()
    line = _BACKSLASH.sub(r"\\\\", line)
    line = _ALWAYS.sub(lambda found: "\\" + found.group(), line)
    line = _FLANKING.sub(lambda found: _flanking(line, found), line)
    line = _TAG.sub(r"\\<", line)
    line = _ENTITY.sub(r"\\&", line)
    line = _CLOSING_HASHES.sub(lambda found: "\\" + found.group(), line)
    if _HEADING.match(line) or _QUOTE_OR_ITEM.match(line) or _RULE.fullmatch(line):
        return "\\" + line
    return _NUMBERED.sub(r"\1\\\2", line, count=1) if _NUMBERED.match(line) else line


def escape(text: str) -> str:
    """A text as Markdown that renders as the text says."""
    return "\n".join(_line(line) for line in text.split("\n"))


def escape_data(value: Any) -> Any:
    """Position data (or any part of it) with every text escaped for Markdown."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {key: escape_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_data(item) for item in value]
    return value
