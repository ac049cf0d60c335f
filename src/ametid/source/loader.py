"""Reading a position file: YAML with the core schema's types, and where each value stands.

The file is read as a stream of parser events from PyYAML's C parser rather than with
`yaml.load`, for three reasons: PyYAML resolves plain scalars by YAML 1.1 rules (`no` is
false, `2026-05-19` a date, `012` an octal number), while editors and JSON Schema read YAML
1.2; PyYAML silently keeps the last of two equal keys; and the composed nodes forget anchors.
Walking the events once gives all three, plus the line and column of every value.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ametid.core.language import gettext as _
from ametid.core.model import DataPath, format_path
from ametid.core.problems import Problem
from ametid.source import mistakes

Location = tuple[int, int]

MAX_DEPTH = 32
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), exactly: `012` is the
# integer 12, `0o17` 15 and `0x1F` 31, as editors and JSON Schema validators read them; the schema
# then asks for quotes where a text was meant.
_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o[0-7]+")
_HEXADECIMAL = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
# Lone surrogates are not characters: no UTF-8 file, JSON document or Word file can hold them.
# Control characters, which a file can hold only as escapes, the schema refuses.
_SURROGATE = re.compile("[\ud800-\udfff]")
# What a position file may not hold at all: for checking text typed elsewhere (ametid new).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def control_character(text: str) -> str | None:
    """The first character that a position file may not hold (a control character), if any."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def resolve_plain(value: str) -> Any:
    """Give a plain (unquoted) scalar its YAML 1.2 core schema type."""
    # Nearly every value is text starting with a letter: decide by the first character before
    # trying any pattern.
    first = value[:1]
    if first in "~nN" and _NULL.fullmatch(value):
        return None
    if first in "tT" and _TRUE.fullmatch(value):
        return True
    if first in "fF" and _FALSE.fullmatch(value):
        return False
    if first and first in "-+.0123456789":
        if _INT.fullmatch(value):
            return int(value)
        if _OCTAL.fullmatch(value):
            return int(value[2:], 8)
        if _HEXADECIMAL.fullmatch(value):
            return int(value[2:], 16)
        if _FLOAT.fullmatch(value):
            return float(value)
        if _INF.fullmatch(value):
            return float("-inf") if value.startswith("-") else float("inf")
        if _NAN.fullmatch(value):
            return float("nan")
    return value


class Document:
    """The data of one YAML file, and where each value and key stands in it.

    Locations are found on demand, by reading the text once more: they are needed only to point
    at a problem, and most files have none. A reading that already tracked them hands them over.
    """

    def __init__(self, data: Any, text: str, tracked: _EventReader | None = None) -> None:
        self.data = data
        self.text = text
        self._values: dict[DataPath, Location] | None = tracked.values if tracked else None
        self._keys: dict[DataPath, Location] = tracked.keys if tracked else {}

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        """Where the value at `path` (or its key) stands, else its nearest parent."""
        if self._values is None:
            reader = _EventReader(self.text, track=True)
            try:
                reader.read()
            finally:
                reader.close()
            self._values, self._keys = reader.values, reader.keys
        if key and path in self._keys:
            return self._keys[path]
        while path not in self._values and path:
            path = path[:-1]
        return self._values.get(path, (1, 1))


class _Refused(Exception):
    """A construct that makes the rest of the file unreadable."""

    def __init__(self, location: Location, code: str, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.code = code
        self.message = message


class _Retry(Exception):
    """A problem was found while not tracking locations: read again, tracking them."""


def _location(event: yaml.Event) -> Location:
    mark = event.start_mark
    assert mark is not None  # the C parser marks every event
    return (mark.line + 1, mark.column + 1)


class _EventReader:
    """Builds plain Python data from parser events.

    Untracked (the fast first reading), it stops at the first problem by raising _Retry; tracked,
    it records every location and collects every problem.
    """

    def __init__(self, text: str, *, track: bool) -> None:
        self._loader = yaml.CSafeLoader(text)
        # The parser's own method, bound once: it is called for every event of every file. The
        # stream ends with StreamEndEvent, which is read last, so it never returns None here.
        self._next: Callable[[], Any] = self._loader.get_event
        self.text = text
        self.track = track
        self.problems: list[tuple[Location, DataPath, str, str]] = []
        self.values: dict[DataPath, Location] = {}
        self.keys: dict[DataPath, Location] = {}
        self.data: Any = None

    def close(self) -> None:
        self._loader.dispose()

    def _report(self, where: Location, path: DataPath, code: str, message: str) -> None:
        if not self.track:
            raise _Retry
        self.problems.append((where, path, code, message))

    def read(self) -> bool:
        """Read the single document of the stream; return False when there is none."""
        self._next()  # StreamStartEvent
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            return False
        self.data = self._node(self._next(), (), 0, False)
        self._next()  # DocumentEndEvent
        extra = self._next()
        if not isinstance(extra, yaml.StreamEndEvent):
            message = _("a second YAML document (---) was found; a file holds exactly one position")
            raise _Refused(_location(extra), "two-documents", message)
        return True

    def _node(self, event: Any, path: DataPath, depth: int, flow: bool) -> Any:
        if depth > MAX_DEPTH:
            message = _("nested more than {depth} levels deep").format(depth=MAX_DEPTH)
            raise _Refused(_location(event), "too-deep", message)
        if isinstance(event, yaml.AliasEvent):
            message = _(
                "YAML aliases (*{name}) are not allowed; write the value out in full"
            ).format(name=event.anchor)
            raise _Refused(_location(event), "alias", message)
        if event.anchor is not None:
            message = _(
                "YAML anchors (&{name}) are not allowed; write the value out in full"
            ).format(name=event.anchor)
            raise _Refused(_location(event), "anchor", message)
        tag = event.tag
        if tag is not None and tag != "!":
            message = _(
                "YAML tags ({tag}) are not allowed; write plain values, quoted if need be"
            ).format(tag=tag)
            raise _Refused(_location(event), "tag", message)
        if self.track:
            self.values[path] = _location(event)
        if isinstance(event, yaml.ScalarEvent):
            value = unicodedata.normalize("NFC", event.value)
            if _SURROGATE.search(value):
                message = _("this text holds an escape (\\u…) that is not a character; remove it")
                self._report(_location(event), path, "not-a-character", message)
            if event.style == "" and tag is None:
                start, end = event.start_mark, event.end_mark
                if not flow and start is not None and end is not None and end.line != start.line:
                    self._run_on(path, (start.line, start.column), end.line)
                return resolve_plain(value)
            return value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            inner = flow or bool(event.flow_style)
            child = self._next()
            while not isinstance(child, yaml.SequenceEndEvent):
                items.append(self._node(child, (*path, len(items)), depth + 1, inner))
                child = self._next()
            return items
        return self._mapping(path, depth, flow or bool(event.flow_style))

    def _run_on(self, path: DataPath, start: tuple[int, int], last: int) -> None:
        """A plain text over several lines where YAML silently joins what may be several items:
        in a list, or, anywhere, when a line of it starts with '- '."""
        in_list = any(isinstance(part, int) for part in path)
        lines = self.text.splitlines()
        first = start[0]
        dashed = any(line.lstrip(" ").startswith("-") for line in lines[first + 1 : last + 1])
        if not in_list and not dashed:
            return
        if not self.track:
            raise _Retry
        key = path[-1] if path and isinstance(path[-1], str) else None
        found = mistakes.run_on(lines, start, last, key, in_list)
        self._report((found.line, found.column), path, found.code, found.message)

    def _mapping(self, path: DataPath, depth: int, flow: bool) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        # The first key of a list item given again: a duplicate, or the start of the next item
        # whose '- ' was forgotten, which the key after it tells.
        repeated: tuple[yaml.ScalarEvent, DataPath] | None = None
        dashless = False
        key_event = self._next()
        while not isinstance(key_event, yaml.MappingEndEvent):
            if not isinstance(key_event, yaml.ScalarEvent) or key_event.anchor or key_event.tag:
                message = _("a key must be a plain name, such as 'title'")
                raise _Refused(_location(key_event), "key-not-a-name", message)
            key = unicodedata.normalize("NFC", key_event.value)
            child = (*path, key)
            if key in mapping:
                if not self.track:
                    raise _Retry
                if repeated is not None:
                    self._missing_dash(*repeated)
                    repeated, dashless = None, True
                elif dashless:
                    pass
                elif path and isinstance(path[-1], int) and key == next(iter(mapping)):
                    repeated = (key_event, child)
                else:
                    self._duplicate(key_event, child)
                self._node(self._next(), (*path, f"{key} (duplicate)"), depth + 1, flow)
            else:
                if repeated is not None:
                    self._duplicate(*repeated)
                    repeated = None
                if self.track:
                    self.keys[child] = _location(key_event)
                mapping[key] = self._node(self._next(), child, depth + 1, flow)
            key_event = self._next()
        if repeated is not None:
            self._duplicate(*repeated)
        return mapping

    def _duplicate(self, event: yaml.ScalarEvent, path: DataPath) -> None:
        message = _(
            "duplicate key '{key}' (first given on line {first}); keep one and delete the other"
        ).format(key=path[-1], first=self.keys[path][0])
        self._report(_location(event), path, "duplicate-key", message)

    def _missing_dash(self, event: yaml.ScalarEvent, path: DataPath) -> None:
        first = self.keys[path][0]
        message = _(
            "'{key}' is given a second time in the same item (first on line {first}); if a new "
            "item starts here, put '- ' in front of it, in line with the '-' on line {first}"
        ).format(key=path[-1], first=first)
        self._report(_location(event), path, "missing-dash", message)


def _decode(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    if raw.startswith(_UTF16_BOMS):
        message = _("file is UTF-16; save it as UTF-8")
        return None, Problem(display, 1, 1, message=message, code="not-utf8")
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = _("byte 0x{byte:02x} is not valid UTF-8; save the file as UTF-8").format(
            byte=raw[error.start]
        )
        return None, Problem(display, line, column, message=message, code="not-utf8")


def _offset_location(text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _yaml_problem(error: yaml.YAMLError, text: str, display: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _offset_location(text, error.position)
        message = _("character U+{code:04X} is not allowed in a YAML file; delete it").format(
            code=error.character
        )
        return Problem(display, line, column, message=message, code="control-character")
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        found = mistakes.explain(error, text)
        return Problem(display, found.line, found.column, message=found.message, code=found.code)
    message = _("YAML cannot read this file; check its indentation and quotes")
    return Problem(display, message=message, code="yaml-syntax")


def parse(raw: bytes, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse the bytes of one position file into a Document, or explain why not."""
    text, problem = _decode(raw, display)
    if text is None:
        assert problem is not None
        return None, [problem]
    try:
        return _read(text, display, track=False)
    except _Retry:
        return _read(text, display, track=True)


def _read(text: str, display: str, *, track: bool) -> tuple[Document | None, list[Problem]]:
    reader = _EventReader(text, track=track)
    try:
        found = reader.read()
    except _Refused as refusal:
        if not track:
            raise _Retry from None
        line, column = refusal.location
        refused = Problem(display, line, column, message=refusal.message, code=refusal.code)
        return None, [*_problems(reader, display), refused]
    except yaml.YAMLError as error:
        stop = _yaml_problem(error, text, display)
        # A text that seemed to run on into the line the parser stopped at is the same mistake.
        before = [p for p in _problems(reader, display) if p.line != stop.line]
        return None, [*before, stop]
    except RecursionError:
        message = _("nested more than {depth} levels deep").format(depth=MAX_DEPTH)
        return None, [Problem(display, message=message, code="too-deep")]
    finally:
        reader.close()
    if not found or reader.data is None:
        message = _(
            "file is empty; a position needs at least title, unit, manager, purpose, duties, "
            "requirements, rights and responsibilities"
        )
        return None, [Problem(display, 1, 1, message=message, code="empty-file")]
    document = Document(reader.data, text, reader if track else None)
    if not isinstance(reader.data, dict):
        if isinstance(reader.data, list):
            message = _("a position file is a mapping of keys to values (title: …), not a list")
        else:
            message = _(
                "a position file is a mapping of keys to values (title: …), not a single value"
            )
        line, column = document.locate(())
        wrong = Problem(display, line, column, message=message, code="not-a-mapping")
        return None, [*_problems(reader, display), wrong]
    return document, _problems(reader, display)


def _problems(reader: _EventReader, display: str) -> list[Problem]:
    return [
        Problem(display, where[0], where[1], format_path(path), message, code)
        for where, path, code, message in reader.problems
    ]


def read_bytes(path: Path, display: str, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    """Read a position file's bytes, refusing what is not a regular file or is over the limit."""
    try:
        # Non-blocking, so that opening a named pipe cannot hang before it is recognised.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                message = _("not a regular file; only position files belong here")
                return None, [Problem(display, message=message, code="not-a-file")]
            # Read one byte past the limit rather than trusting the size the file system reports.
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=error.strerror or error)
        return None, [Problem(display, message=message, code="unreadable")]
    if len(raw) > max_bytes:
        return None, [size_problem(display, max_bytes)]
    return raw, []


def size_problem(display: str, max_bytes: int) -> Problem:
    """The problem of a file over the size limit."""
    limit = f"{max_bytes:,}".replace(",", " ")
    message = _(
        "file is over the size limit of {limit} bytes (tool.ametid.max_file_bytes); split it or "
        "raise the limit"
    ).format(limit=limit)
    return Problem(display, message=message, code="too-large")


def read(path: Path, display: str, max_bytes: int) -> tuple[Document | None, list[Problem]]:
    """Read and parse one position file from disk."""
    raw, problems = read_bytes(path, display, max_bytes)
    if raw is None:
        return None, problems
    return parse(raw, display)
