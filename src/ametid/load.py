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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ametid.errors import Problem

DataPath = tuple[str | int, ...]
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


def resolve_plain(value: str) -> Any:
    """Give a plain (unquoted) scalar its YAML 1.2 core schema type."""
    if _NULL.fullmatch(value):
        return None
    if _TRUE.fullmatch(value):
        return True
    if _FALSE.fullmatch(value):
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _INF.fullmatch(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.fullmatch(value):
        return float("nan")
    return value


@dataclass
class Document:
    """The data of one YAML file and the source location of every value and key in it."""

    data: Any
    values: dict[DataPath, Location] = field(default_factory=dict)
    keys: dict[DataPath, Location] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        """Where the value at `path` (or its key) stands, else its nearest parent."""
        if key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))


class _Refused(Exception):
    """A construct that makes the rest of the file unreadable."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


def _location(event: yaml.Event) -> Location:
    mark = event.start_mark
    assert mark is not None  # the C parser marks every event
    return (mark.line + 1, mark.column + 1)


def format_path(path: DataPath) -> str:
    """Write a data path as in messages: duties[3].results."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


class _EventReader:
    """Builds plain Python data from parser events, collecting problems as it goes."""

    def __init__(self, text: str, report: Callable[[Location, DataPath, str], None]) -> None:
        self._loader = yaml.CSafeLoader(text)
        self._report = report
        self.document = Document(data=None)

    def close(self) -> None:
        self._loader.dispose()

    def read(self) -> bool:
        """Read the single document of the stream; return False when there is none."""
        self._expect(yaml.StreamStartEvent)
        if isinstance(self._peek(), yaml.StreamEndEvent):
            return False
        self._expect(yaml.DocumentStartEvent)
        self.document.data = self._node((), 0)
        self._expect(yaml.DocumentEndEvent)
        extra = self._next()
        if not isinstance(extra, yaml.StreamEndEvent):
            raise _Refused(
                _location(extra),
                "a second YAML document (---) was found; a file holds exactly one position",
            )
        return True

    def _next(self) -> Any:
        event = self._loader.get_event()
        assert event is not None  # the stream ends with StreamEndEvent before running dry
        return event

    def _peek(self) -> Any:
        event = self._loader.peek_event()
        assert event is not None
        return event

    def _expect(self, kind: type[yaml.Event]) -> yaml.Event:
        event = self._next()
        assert isinstance(event, kind), event  # the parser guarantees the stream's grammar
        return event

    def _node(self, path: DataPath, depth: int) -> Any:
        event = self._next()
        where = _location(event)
        if depth > MAX_DEPTH:
            raise _Refused(where, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                where,
                f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full",
            )
        if event.anchor is not None:
            raise _Refused(
                where,
                f"YAML anchors (&{event.anchor}) are not allowed; write the value out in full",
            )
        if event.tag is not None and event.tag != "!":
            raise _Refused(
                where,
                f"YAML tags ({event.tag}) are not allowed; write plain values, quoted if need be",
            )
        self.document.values[path] = where
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(self._peek(), yaml.SequenceEndEvent):
                items.append(self._node((*path, len(items)), depth + 1))
            self._loader.get_event()
            return items
        return self._mapping(path, depth)

    def _scalar(self, event: yaml.ScalarEvent, path: DataPath) -> Any:
        value = unicodedata.normalize("NFC", event.value)
        control = _CONTROL.search(value)
        if control:
            self._report(
                _location(event),
                path,
                f"control character U+{ord(control.group()):04X} is not allowed in text",
            )
        if event.style == "" and event.tag is None:
            return resolve_plain(value)
        return value

    def _mapping(self, path: DataPath, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        while not isinstance(self._peek(), yaml.MappingEndEvent):
            key_event = self._peek()
            where = _location(key_event)
            if not isinstance(key_event, yaml.ScalarEvent) or key_event.anchor or key_event.tag:
                raise _Refused(where, "a key must be a plain name, such as 'title'")
            self._loader.get_event()
            key = unicodedata.normalize("NFC", key_event.value)
            child = (*path, key)
            if key in mapping:
                first = self.document.keys[child]
                self._report(
                    where,
                    child,
                    f"duplicate key {key!r} (first given on line {first[0]}); "
                    "keep one and delete the other",
                )
                self._node((*path, f"{key} (duplicate)"), depth + 1)
                continue
            self.document.keys[child] = where
            mapping[key] = self._node(child, depth + 1)
        self._loader.get_event()
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
    problems: list[Problem] = []

    def report(where: Location, path: DataPath, message: str) -> None:
        problems.append(Problem(display, where[0], where[1], format_path(path), message))

    reader = _EventReader(text, report)
    try:
        found = reader.read()
    except _Refused as refusal:
        line, column = refusal.location
        return None, [*problems, Problem(display, line, column, message=refusal.message)]
    except yaml.YAMLError as error:
        return None, [*problems, _yaml_problem(error, text, display)]
    except RecursionError:
        return None, [Problem(display, message=f"nested more than {MAX_DEPTH} levels deep")]
    finally:
        reader.close()
    document = reader.document
    if not found or document.data is None:
        return None, [
            Problem(
                display,
                1,
                1,
                message="file is empty; a position needs at least "
                "title, unit, manager, purpose, duties, requirements, rights and "
                "responsibilities",
            )
        ]
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        line, column = document.locate(())
        message = f"a position file must be a mapping of keys to values (title: …), not {kind}"
        return None, [*problems, Problem(display, line, column, message=message)]
    return document, problems


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
        message = f"file is over the size limit of {max_bytes:,} bytes".replace(",", " ")
        return None, [Problem(display, message=f"{message} (tool.ametid.max_file_bytes)")]
    return raw, []


def read(path: Path, display: str, max_bytes: int) -> tuple[Document | None, list[Problem]]:
    """Read and parse one position file from disk."""
    raw, problems = read_bytes(path, display, max_bytes)
    if raw is None:
        return None, problems
    return parse(raw, display)
