"""Writing a position as YAML in the style of the hand-written files.

Keys stand in the canonical order, short lists of names and the approval in flow style, long
texts folded at 100 characters. Every text that a YAML 1.2 reader (or an older YAML 1.1 one)
would read as something else — a number, a boolean, null — is quoted: PyYAML's own dumper
follows YAML 1.1 and leaves `1e100` or `0o17` bare, which YAML 1.2 reads as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

WIDTH = 100
INDENT = "  "
SCHEMA_COMMENT = "# yaml-language-server: $schema={schema}\n"

# Lists of names written on one line when they fit: unit: [Ohvriabi osakond, kriisitoe talitus].
FLOW_LISTS = frozenset(
    {"unit", "subordinates", "substitutes", "substituted_by", "personal_qualities"}
)
FLOW_MAPPINGS = frozenset({"approval", "consent"})

# Plain scalars a YAML 1.2 core-schema reader resolves to something other than text, and
# those YAML 1.1 readers do (yes/no/on/off, 0b and sexagesimal numbers, underscores, and
# timestamps: a bare 2026-05-19 is a date object to PyYAML's safe_load, so dates are quoted).
_NOT_TEXT = re.compile(
    r"""
    ~ | null|Null|NULL
    | true|True|TRUE|false|False|FALSE
    | y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF
    | [-+]?[0-9][0-9_]*
    | [-+]?0b[01_]+ | [-+]?0o?[0-7_]+ | [-+]?0x[0-9a-fA-F_]+
    | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    | [-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
    | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    | = | <<
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+).*)?
    """,
    re.VERBOSE,
)
# Characters written as is; everything else goes into a double-quoted scalar as an escape.
_PRINTABLE = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\xa0": "\\_",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


Order = Mapping[str, Sequence[str]]


def dump_position(
    data: Mapping[str, Any], order: Order, schema: str = "../schema/position.schema.json"
) -> str:
    """The text of a position file: the schema line, then the data, its keys in `order`
    (the layout table's key order for each kind of mapping)."""
    lines = _mapping(data, "position", 0, order)
    return SCHEMA_COMMENT.format(schema=schema) + "".join(f"{line}\n" for line in lines)


def plain_ok(text: str, *, flow: bool = False) -> bool:
    """Whether a text can stand unquoted and still read back as the same text."""
    if not text or text != text.strip() or not _PRINTABLE.fullmatch(text) or "\xa0" in text:
        return False
    if text[0] in _INDICATORS or _NOT_TEXT.fullmatch(text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    return not (flow and any(char in text for char in ",[]{}"))


def quote(text: str) -> str:
    """A double-quoted scalar: escapes for quotes, backslashes and unprintable characters."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _PRINTABLE.fullmatch(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02X}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    return '"' + "".join(out) + '"'


def scalar(value: Any, *, flow: bool = False) -> str:
    """A scalar on one line: plain when that is safe, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    return text if plain_ok(text, flow=flow) else quote(text)


def _foldable(text: str) -> bool:
    # A folded block keeps the text only if breaking at single spaces gives lines that start
    # and end with a visible character.
    return (
        bool(text)
        and text == text.strip()
        and "\n" not in text
        and bool(_PRINTABLE.fullmatch(text))
        and "\t" not in text
        and "\xa0" not in text
    )


def fold(text: str, indent: int) -> list[str]:
    """Break a text at single spaces into lines of at most WIDTH characters, greedily."""
    words = re.split(r"(?<! ) (?! )", text)
    lines: list[str] = []
    current = ""
    for word in words:
        if current and indent + len(current) + 1 + len(word) > WIDTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return [" " * indent + line for line in lines]


def _text(prefix: str, text: Any, indent: int) -> list[str]:
    """`prefix` (such as "  key:" or "  -") and a scalar, folded when it is too long."""
    single = f"{prefix} {scalar(text)}"
    if not isinstance(text, str) or len(single) <= WIDTH or not _foldable(text):
        return [single]
    return [f"{prefix} >-", *fold(text, indent)]


def _ordered(data: Mapping[str, Any], kind: str, order: Order) -> list[str]:
    keys = order.get(kind, ())
    known = [key for key in keys if key in data]
    return known + [key for key in data if key not in keys]


def _flow_list(items: Sequence[Any]) -> str | None:
    if not all(isinstance(item, str) and plain_ok(item, flow=True) for item in items):
        return None
    return "[" + ", ".join(items) + "]"


def _flow_mapping(data: Mapping[str, Any], kind: str, order: Order) -> str | None:
    if not all(isinstance(value, str | int | float | bool) for value in data.values()):
        return None
    pairs = [f"{key}: {scalar(data[key], flow=True)}" for key in _ordered(data, kind, order)]
    return "{" + ", ".join(pairs) + "}"


def _mapping(
    data: Mapping[str, Any], kind: str, indent: int, order: Order, first: str = ""
) -> list[str]:
    """The lines of a block mapping; `first` replaces the indentation of its first line."""
    lines: list[str] = []
    pad = " " * indent
    for key in _ordered(data, kind, order):
        lead = first if not lines and first else pad
        lines += _entry(f"{lead}{key}:", key, data[key], indent, order)
    if not lines:
        return [f"{first or pad}{{}}"]
    return lines


def _entry(prefix: str, key: str, value: Any, indent: int, order: Order) -> list[str]:
    if isinstance(value, Mapping):
        if not value:
            return [f"{prefix} {{}}"]
        if key in FLOW_MAPPINGS:
            flow = _flow_mapping(value, key, order)
            if flow is not None and len(f"{prefix} {flow}") <= WIDTH:
                return [f"{prefix} {flow}"]
        return [prefix, *_mapping(value, key, indent + 2, order)]
    if isinstance(value, list | tuple):
        if not value:
            return [f"{prefix} []"]
        if key in FLOW_LISTS:
            flow = _flow_list(value)
            if flow is not None and len(f"{prefix} {flow}") <= WIDTH:
                return [f"{prefix} {flow}"]
        return [prefix, *_sequence(value, key, indent + 2, order)]
    return _text(prefix, value, indent + 2)


def _sequence(items: Sequence[Any], kind: str, indent: int, order: Order) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for item in items:
        if isinstance(item, Mapping) and item:
            lines += _mapping(item, kind, indent + 2, order, first=f"{pad}- ")
        elif isinstance(item, list | tuple) and item:
            nested = _sequence(item, kind, indent + 2, order)
            lines += [f"{pad}- {nested[0].lstrip()}", *nested[1:]]
        elif isinstance(item, Mapping):
            lines.append(f"{pad}- {{}}")
        elif isinstance(item, list | tuple):
            lines.append(f"{pad}- []")
        else:
            lines += _text(f"{pad}-", item, indent + 2)
    return lines
