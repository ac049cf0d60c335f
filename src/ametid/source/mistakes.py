"""The common mistakes people make in YAML, recognised and explained in one line each.

The parser says what it expected where it gave up ("could not find expected ':'"), which is
often the line after the mistake and always in its own words. Here the parser's error and the
source lines around it are matched against what people do wrong — a forgotten `- `, an item
indented differently from the one above, a text with `: ` that needs quotes, no space after
`-`, a tab — and turned into what to do, at the line where the mistake is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ametid.core.language import gettext as _
from ametid.core.language import ngettext

# A line's indentation, an optional "- " and an optional key: what comes before a text.
_PREFIX = re.compile(r"(?P<indent> *)(?P<dash>-(?: +|$))?(?P<key>[A-Za-z_][A-Za-z0-9_]*:(?: +|$))?")
_KEY_LINE = re.compile(r" *(?:- +)?[A-Za-z_][A-Za-z0-9_]*:(?: |$)")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SHOWN = 40  # characters of a text shown in a suggestion


@dataclass(frozen=True)
class Mistake:
    """What went wrong, where (1-based line and column), and its stable code."""

    line: int
    column: int
    code: str
    message: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(lines: list[str], number: int) -> str:
    return lines[number].strip() if 0 <= number < len(lines) else ""


def _is_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _is_item(line: str) -> bool:
    stripped = line.lstrip(" ")
    return stripped == "-" or stripped.startswith("- ")


def shorten(text: str) -> str:
    """A text cut to the length a suggestion shows."""
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1].rstrip() + "…"


def _at(lines: list[str], number: int, code: str, message: str) -> Mistake:
    line = lines[number] if 0 <= number < len(lines) else ""
    return Mistake(number + 1, _indent(line) + 1, code, message)


def explain(error: yaml.MarkedYAMLError, text: str) -> Mistake:
    """Say in one line what to do about a YAML error, at the line where the mistake is."""
    lines = text.splitlines()
    mark = error.problem_mark
    assert mark is not None
    row, column = mark.line, mark.column
    line = lines[row] if row < len(lines) else ""
    context = error.context_mark.line if error.context_mark is not None else row
    problem = error.problem or ""
    tab = _tab(lines, context, row, column)
    if tab is not None:
        return tab
    unclosed = _unclosed(lines, row)
    if unclosed is not None:
        return unclosed
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        opening = error.context_mark
        quote = lines[opening.line][opening.column] if opening.line < len(lines) else '"'
        message = _(
            "the quotation mark that opens this text is never closed; put {quote} at its end"
        ).format(quote=quote)
        return Mistake(opening.line + 1, opening.column + 1, "unclosed-quote", message)
    if "mapping values are not allowed" in problem:
        return _colon(lines, row)
    if "could not find expected ':'" in problem:
        return _no_colon(lines, context)
    if "did not find expected key" in problem or "expected <block end>" in problem:
        found = _misaligned(lines, row)
        if found is not None:
            return found
    if "did not find expected '-' indicator" in problem:
        return _no_dash(lines, row, column, context)
    if (error.context or "").startswith("while parsing a flow"):
        context = next(
            (n for n in range(min(row, len(lines) - 1), -1, -1) if re.search(r"[\[{]", lines[n])),
            context,
        )
        message = _(
            "the list or mapping opened with [ or {{ on line {line} is not closed where it "
            "should be; close it, and put in quotes any text in it that holds a comma or ': '"
        ).format(line=context + 1)
        return _at(lines, context, "unclosed-bracket", message)
    if "cannot start any token" in problem and column < len(line):
        message = _("a text cannot start with {character}; put the whole text in quotes").format(
            character=line[column]
        )
        return Mistake(row + 1, column + 1, "needs-quotes", message)
    message = _(
        "YAML cannot read this line: check its indentation against the lines above, and put "
        "in quotes a text that holds ': ' or starts with -, [, {, ' or \""
    )
    return Mistake(row + 1, column + 1, "yaml-syntax", message)


def _tab(lines: list[str], first: int, last: int, column: int) -> Mistake | None:
    """A tab in the indentation of the lines the parser read last, or right at its stop."""
    for number in range(max(first, 0), min(last, len(lines) - 1) + 1):
        line = lines[number]
        lead = len(line) - len(line.lstrip(" \t-"))
        where = line.find("\t", 0, lead) if number < last else line.find("\t", 0, lead + 1)
        if where < 0 and number == last and line[column : column + 1] == "\t":
            where = column
        if where >= 0:
            message = _(
                "a tab is used for indentation; YAML indents with spaces only: replace the tab "
                "with spaces"
            )
            return Mistake(number + 1, where + 1, "tab", message)
    return None


def _unclosed(lines: list[str], row: int) -> Mistake | None:
    """A text that starts with a quotation mark on a line before `row` and is not closed on it:
    the parser reads on to the next quotation mark, on line `row`, and stops after it."""
    stop = lines[row] if row < len(lines) else ""
    for number in range(min(row, len(lines))):
        line = lines[number]
        prefix = _PREFIX.match(line)
        assert prefix is not None
        value = line[prefix.end() :].rstrip()
        quote = value[:1]
        double = quote == '"' and re.fullmatch(r'"(?:[^"\\]|\\.)*', value)
        single = quote == "'" and "'" not in value[1:]
        if (double or single) and quote in stop:
            message = _(
                "the quotation mark that opens this text is never closed; put {quote} at its end"
            ).format(quote=quote)
            return Mistake(number + 1, prefix.end() + 1, "unclosed-quote", message)
    return None


def _colon(lines: list[str], row: int) -> Mistake:
    """A ': ' where the parser cannot start a key: a text that needs quotes, or a key indented
    deeper than the keys above it."""
    line = lines[row]
    previous = _previous(lines, row)
    if (
        previous is not None
        and _KEY_LINE.match(line)
        and not _is_item(line)
        and _KEY_LINE.match(lines[previous])
    ):
        above = _indent(lines[previous]) + (2 if _is_item(lines[previous]) else 0)
        if _indent(line) != above:
            return _differs(lines, row, previous, above + 1)
    prefix = _PREFIX.match(line)
    assert prefix is not None
    start = prefix.end()
    value = line[start:].rstrip()
    message = _(
        "this text holds ': ', which YAML reads as a key; put the whole text in quotes: \"{text}\""
    ).format(text=shorten(value))
    return Mistake(row + 1, start + 1, "needs-quotes", message)


def _previous(lines: list[str], row: int) -> int | None:
    for number in range(row - 1, -1, -1):
        if not _is_blank(lines[number]):
            return number
    return None


def _differs(lines: list[str], row: int, other: int, other_column: int | None = None) -> Mistake:
    message = _(
        "line {line} starts in column {column}, line {other} above it in column {other_column}: "
        "indent the items of one list, and the keys of one mapping, alike"
    ).format(
        line=row + 1,
        column=_indent(lines[row]) + 1,
        other=other + 1,
        other_column=other_column or _indent(lines[other]) + 1,
    )
    return _at(lines, row, "indentation", message)


def _no_colon(lines: list[str], row: int) -> Mistake:
    """A line the parser took for the start of a key that never got its ':'."""
    stripped = _content(lines, row)
    if re.match(r"-[^\s-]", stripped):
        return _no_space(lines, row)
    first = stripped.split(" ", 1)[0]
    if _WORD.fullmatch(first) and first.islower():
        message = _("a key needs ':' after it; write '{key}:'").format(key=first)
        return _at(lines, row, "missing-colon", message)
    message = _(
        "this line is neither a list item ('- ') nor a key ('key: '); if it goes on with the "
        "text above, indent it like that text, or start it with '- ' if it is a new item"
    )
    return _at(lines, row, "stray-text", message)


def _no_space(lines: list[str], row: int) -> Mistake:
    stripped = _content(lines, row)
    message = _("put a space after '-': write '- {text}'").format(text=shorten(stripped[1:]))
    return _at(lines, row, "dash-without-space", message)


def _misaligned(lines: list[str], row: int) -> Mistake | None:
    """An item or a key indented differently from the sibling above it."""
    line = lines[row] if row < len(lines) else ""
    if _is_blank(line):
        return None
    for number in range(row - 1, -1, -1):
        other = lines[number]
        if _is_blank(other):
            continue
        if _indent(other) < _indent(line) and not _is_item(line):
            return None
        if _is_item(other) == _is_item(line) and _indent(other) != _indent(line):
            return _differs(lines, row, number)
        if _indent(other) == 0:
            break
    return None


def _no_dash(lines: list[str], row: int, column: int, context: int) -> Mistake:
    """The parser expected the next item of a list: a text that only starts in quotes, or an
    item without its '- '."""
    line = lines[row] if row < len(lines) else ""
    prefix = _PREFIX.match(line)
    assert prefix is not None
    value = line[prefix.end() :].rstrip()
    if value[:1] in "\"'" and column > prefix.end():
        quote = "'" if value[:1] == '"' else '"'
        message = _(
            "a text that starts with a quotation mark must end with it; put the whole text in "
            "quotes: {quoted}"
        ).format(quoted=f"{quote}{shorten(value)}{quote}")
        return Mistake(row + 1, prefix.end() + 1, "needs-quotes", message)
    message = _(
        "line {line} goes on with the list that starts on line {first}, but has no '- '; start "
        "the item with '- ', in line with the '-' above"
    ).format(line=row + 1, first=context + 1)
    return _at(lines, row, "missing-dash", message)


def run_on(
    lines: list[str], start: tuple[int, int], last: int, key: str | None, in_list: bool
) -> Mistake:
    """A plain text that starts at `start` (0-based line and column) and goes on to line `last`
    where YAML cannot tell that a new item was meant: explain both ways out."""
    first, column = start
    following = range(first + 1, last + 1)
    if re.match(r"-[^\s-]", lines[first][column:]):
        return _no_space(lines, first)
    for number in following:
        if re.match(r"-[^\s-]", _content(lines, number)):
            return _no_space(lines, number)
    dashed = [number for number in following if _is_item(lines[number])]
    if dashed and in_list:
        message = _(
            "line {line} starts with '- ' but is indented deeper than the item on line {first}, "
            "so both are read as one text; indent line {line} like line {first}"
        ).format(line=dashed[0] + 1, first=first + 1)
        return _at(lines, dashed[0], "item-indented-deeper", message)
    if dashed:
        message = _(
            "line {line} starts with '- ', but '{key}' holds one text, not a list, so it is read "
            "as part of the text on line {first}; write the text without '- '"
        ).format(line=dashed[0] + 1, key=key, first=first + 1)
        return _at(lines, dashed[0], "dash-in-text", message)
    count = last - first
    lines_shown = str(first + 2) if count == 1 else f"{first + 2}\u2013{last + 1}"
    where = f"'{key}:'" if key else "'-'"
    message = ngettext(
        "the text of line {first} goes on in line {following} and is read as one item: if a new "
        "item starts there, put '- ' in front of it; if it is one text, write '>-' after {where} "
        "on line {first} and the text on the lines below it",
        "the text of line {first} goes on in lines {following} and is read as one item: if a new "
        "item starts there, put '- ' in front of it; if it is one text, write '>-' after {where} "
        "on line {first} and the text on the lines below it",
        count,
    ).format(first=first + 1, following=lines_shown, where=where)
    return _at(lines, first + 1, "text-over-lines", message)
