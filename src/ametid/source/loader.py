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

from ametid.core.model import DataPath, format_path
from ametid.core.problems import Problem

Location = tuple[int, int]

MAX_DEPTH = 32
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# YAML 1.2 core schema, with one deliberate narrowing: numbers with leading zeros ("012") and
# the octal and hexadecimal forms stay text, because in a job description they are codes.
_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
# Control characters cannot be written into XML (DOCX) and are never meant in a text.
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

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(message)
        self.location = location
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
        self.track = track
        self.problems: list[tuple[Location, DataPath, str]] = []
        self.values: dict[DataPath, Location] = {}
        self.keys: dict[DataPath, Location] = {}
        self.data: Any = None

    def close(self) -> None:
        self._loader.dispose()

    def _report(self, event: yaml.Event, path: DataPath, message: str) -> None:
        if not self.track:
            raise _Retry
        self.problems.append((_location(event), path, message))

    def read(self) -> bool:
        """Read the single document of the stream; return False when there is none."""
        self._next()  # StreamStartEvent
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            return False
        self.data = self._node(self._next(), (), 0)
        self._next()  # DocumentEndEvent
        extra = self._next()
        if not isinstance(extra, yaml.StreamEndEvent):
            raise _Refused(
                _location(extra),
                "a second YAML document (---) was found; a file holds exactly one position",
            )
        return True

    def _node(self, event: Any, path: DataPath, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Refused(_location(event), f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(event, yaml.AliasEvent):
            message = f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full"
            raise _Refused(_location(event), message)
        if event.anchor is not None:
            message = f"YAML anchors (&{event.anchor}) are not allowed; write the value out in full"
            raise _Refused(_location(event), message)
        tag = event.tag
        if tag is not None and tag != "!":
            message = f"YAML tags ({tag}) are not allowed; write plain values, quoted if need be"
            raise _Refused(_location(event), message)
        if self.track:
            self.values[path] = _location(event)
        if isinstance(event, yaml.ScalarEvent):
            value = unicodedata.normalize("NFC", event.value)
            control = _CONTROL.search(value)
            if control:
                message = f"control character U+{ord(control.group()):04X} is not allowed in text"
                self._report(event, path, message)
            if event.style == "" and tag is None:
                return resolve_plain(value)
            return value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            child = self._next()
            while not isinstance(child, yaml.SequenceEndEvent):
                items.append(self._node(child, (*path, len(items)), depth + 1))
                child = self._next()
            return items
        return self._mapping(path, depth)

    def _mapping(self, path: DataPath, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        key_event = self._next()
        while not isinstance(key_event, yaml.MappingEndEvent):
            if not isinstance(key_event, yaml.ScalarEvent) or key_event.anchor or key_event.tag:
                raise _Refused(_location(key_event), "a key must be a plain name, such as 'title'")
            key = unicodedata.normalize("NFC", key_event.value)
            child = (*path, key)
            if key in mapping:
                first = self.keys[child] if self.track else (0, 0)
                message = (
                    f"duplicate key {key!r} (first given on line {first[0]}); "
                    "keep one and delete the other"
                )
                self._report(key_event, child, message)
                self._node(self._next(), (*path, f"{key} (duplicate)"), depth + 1)
            else:
                if self.track:
                    self.keys[child] = _location(key_event)
                mapping[key] = self._node(self._next(), child, depth + 1)
            key_event = self._next()
        return mapping


def _decode(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    if raw.startswith(_UTF16_BOMS):
        return None, Problem(display, 1, 1, message="file is UTF-16; save it as UTF-8")
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        message = f"byte 0x{byte:02x} is not valid UTF-8; save the file as UTF-8"
        return None, Problem(display, line, column, message=message)


def _offset_location(text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _yaml_problem(error: yaml.YAMLError, text: str, display: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _offset_location(text, error.position)
        message = f"character U+{error.character:04X} is not allowed in a YAML file"
        return Problem(display, line, column, message=message)
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        lines = text.splitlines()
        line_text = lines[mark.line] if mark.line < len(lines) else ""
        if line_text[mark.column : mark.column + 1] == "\t":
            message = "a tab character is used for indentation; YAML indents with spaces only"
            return Problem(display, mark.line + 1, mark.column + 1, message=message)
        message = f"invalid YAML: {error.problem}"
        if error.context:
            message += f" ({error.context})"
        message += (
            "; check the indentation, and quote texts that contain ': ' or start with -, [, {"
        )
        return Problem(display, mark.line + 1, mark.column + 1, message=message)
    return Problem(display, message=f"invalid YAML: {error}")


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
        problems = _problems(reader, display)
        return None, [*problems, Problem(display, line, column, message=refusal.message)]
    except yaml.YAMLError as error:
        return None, [*_problems(reader, display), _yaml_problem(error, text, display)]
    except RecursionError:
        return None, [Problem(display, message=f"nested more than {MAX_DEPTH} levels deep")]
    finally:
        reader.close()
    if not found or reader.data is None:
        message = (
            "file is empty; a position needs at least title, unit, manager, purpose, duties, "
            "requirements, rights and responsibilities"
        )
        return None, [Problem(display, 1, 1, message=message)]
    document = Document(reader.data, text, reader if track else None)
    if not isinstance(reader.data, dict):
        kind = "a list" if isinstance(reader.data, list) else "a single value"
        line, column = document.locate(())
        message = f"a position file must be a mapping of keys to values (title: …), not {kind}"
        return None, [*_problems(reader, display), Problem(display, line, column, message=message)]
    return document, _problems(reader, display)


def _problems(reader: _EventReader, display: str) -> list[Problem]:
    return [
        Problem(display, where[0], where[1], format_path(path), message)
        for where, path, message in reader.problems
    ]


def read_bytes(path: Path, display: str, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    """Read a position file's bytes, refusing what is not a regular file or is over the limit."""
    try:
        # Non-blocking, so that opening a named pipe cannot hang before it is recognised.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None, [Problem(display, message="not a regular file")]
            # Read one byte past the limit rather than trusting the size the file system reports.
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        return None, [Problem(display, message=f"cannot read file: {error.strerror or error}")]
    if len(raw) > max_bytes:
        return None, [size_problem(display, max_bytes)]
    return raw, []


def size_problem(display: str, max_bytes: int) -> Problem:
    """The problem of a file over the size limit."""
    limit = f"{max_bytes:,}".replace(",", " ")
    message = f"file is over the size limit of {limit} bytes (tool.ametid.max_file_bytes)"
    return Problem(display, message=message)


def read(path: Path, display: str, max_bytes: int) -> tuple[Document | None, list[Problem]]:
    """Read and parse one position file from disk."""
    raw, problems = read_bytes(path, display, max_bytes)
    if raw is None:
        return None, problems
    return parse(raw, display)
