"""The project: the folder with a pyproject.toml holding [tool.ametid], and its settings."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ametid.core import language as languages
from ametid.core.formats import DEFAULT_FORMATS, FORMATS
from ametid.core.language import gettext as _
from ametid.core.problems import AmetidError, Problem, display_path

DEFAULT_OUT = "build"
DEFAULT_MAX_FILE_BYTES = 1_000_000
DEFAULT_REVIEW_MONTHS = 12
SOURCE_FOLDERS = ("positions", "library", "templates", "schema", "data", "src", "tests", ".git")


@dataclass(frozen=True)
class Project:
    """Where a project's positions, schema and templates live, and its settings."""

    root: Path
    organisation: str = ""
    out: str = DEFAULT_OUT
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    review_months: int = DEFAULT_REVIEW_MONTHS  # a position is due for review this long after
    formats: tuple[str, ...] = DEFAULT_FORMATS  # what `ametid build` writes without --format
    language: str = languages.DEFAULT  # of the messages, unless --lang or AMETID_LANG says
    references: str = "lenient"  # "strict": a name that matches no position is a problem
    # The package's own files, for a command run outside any project: the repository's unit
    # register and shared texts, which a checkout has beside them, are not the user's.
    shipped: bool = False

    @property
    def positions_dir(self) -> Path:
        """The folder of position files."""
        return self.root / "positions"

    @property
    def schema_path(self) -> Path:
        """The JSON Schema every position must satisfy."""
        return self.root / "schema" / "position.schema.json"

    @property
    def templates_dir(self) -> Path:
        """The folder of Jinja templates."""
        return self.root / "templates"

    @property
    def protected_dirs(self) -> tuple[Path, ...]:
        """Folders of sources, which no command writes into (but `new` and `import` into
        positions/)."""
        return tuple(self.root / name for name in SOURCE_FOLDERS)


def _settings(pyproject: Path) -> dict[str, object] | None:
    """The [tool.ametid] table of a pyproject.toml, None when it has none; an error when the
    file cannot be read, since its settings might be meant."""
    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=error.strerror or error)
        raise AmetidError(
            [Problem(display_path(pyproject), message=message, code="unreadable")]
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise AmetidError([_toml_problem(pyproject, error)]) from None
    tool = data.get("tool")
    settings = tool.get("ametid") if isinstance(tool, dict) else None
    if settings is not None and not isinstance(settings, dict):
        message = _("tool.ametid: should be a table of settings ([tool.ametid])")
        raise AmetidError([Problem(display_path(pyproject), message=message, code="bad-setting")])
    return settings


def _toml_problem(pyproject: Path, error: tomllib.TOMLDecodeError) -> Problem:
    text = str(error)
    found = re.search(r" \(at line ([0-9]+), column ([0-9]+)\)$", text)
    line = column = None
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        text = text[: found.start()]
    text = text.removesuffix(" (at end of document)")
    message = _("not valid TOML: {error}; fix it, or the project is not found").format(
        error=f"{text[:1].lower()}{text[1:]}"
    )
    return Problem(display_path(pyproject), line, column, message=message, code="bad-toml")


def find_project(start: Path) -> Project:
    """Find the nearest folder upwards from `start` whose pyproject.toml has [tool.ametid].

    A pyproject.toml that cannot be read stops the search: it is reported, not passed over for
    a project in a parent folder.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if not pyproject.is_file():
            continue
        settings = _settings(pyproject)
        if settings is not None:
            return _project(folder, pyproject, settings)
    message = _("no pyproject.toml with a [tool.ametid] section here or in any parent folder")
    raise AmetidError([Problem(str(start), message=message, code="no-project")])


# Characters a Word document cannot hold (XML 1.0 forbids them), and line breaks and tabs,
# which have no place in a name or a folder.
_UNWRITABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_ORGANISATION = 200
MAX_FILE_BYTES = 100_000_000
MAX_REVIEW_MONTHS = 1200
SETTINGS = (
    "organisation",
    "out",
    "formats",
    "language",
    "max_file_bytes",
    "review_months",
    "references",
    "lint",  # [tool.ametid.lint], read by the lint (ametid.lint.settings)
)
REFERENCES = ("lenient", "strict")


def _line_of(text: str, key: str) -> int | None:
    """The line of a key in the [tool.ametid] table, for the message."""
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.replace(" ", "") == "[tool.ametid]"
        elif inside and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return None


def _number(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _text_problem(value: str, what: str) -> str | None:
    found = _UNWRITABLE.search(value)
    if found:
        return _("holds the control character U+{code:04X}, which {what}; remove it").format(
            code=ord(found.group()), what=what
        )
    return None


def organisation_problem(value: str) -> str | None:
    """What is wrong with an organisation's name as a setting, or None."""
    if len(value) > MAX_ORGANISATION:
        return _("is over {count} characters long").format(count=MAX_ORGANISATION)
    return _text_problem(value, _("a Word document cannot hold"))


def _project(root: Path, pyproject: Path, settings: dict[str, object]) -> Project:
    organisation = settings.get("organisation", "")
    out = settings.get("out", DEFAULT_OUT)
    max_bytes = settings.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES)
    review_months = settings.get("review_months", DEFAULT_REVIEW_MONTHS)
    formats = settings.get("formats", list(DEFAULT_FORMATS))
    language = settings.get("language", languages.DEFAULT)
    references = settings.get("references", REFERENCES[0])
    problems: list[tuple[str, str]] = []
    for key in settings:
        if key not in SETTINGS:
            close = difflib.get_close_matches(key, SETTINGS, n=1)
            if close:
                message = _("unknown setting; did you mean '{close}'?").format(close=close[0])
            else:
                message = _("unknown setting; known: {known}").format(known=", ".join(SETTINGS))
            problems.append((key, message))
    if not isinstance(organisation, str):
        problems.append(("organisation", _("should be text")))
    else:
        trouble = organisation_problem(organisation)
        if trouble:
            problems.append(("organisation", trouble))
    if not isinstance(out, str) or not out.strip():
        problems.append(("out", _("should be a folder name")))
    else:
        trouble = _text_problem(out, _("a folder name should not hold"))
        if trouble:
            problems.append(("out", trouble))
    if not _number(max_bytes, 1, MAX_FILE_BYTES):
        limit = f"{MAX_FILE_BYTES:,}".replace(",", " ")
        message = _("should be a whole number from 1 to {limit}").format(limit=limit)
        problems.append(("max_file_bytes", message))
    if not _number(review_months, 1, MAX_REVIEW_MONTHS):
        message = _("should be a whole number of months from 1 to {limit}").format(
            limit=MAX_REVIEW_MONTHS
        )
        problems.append(("review_months", message))
    if (
        not isinstance(formats, list)
        or not formats
        or any(not isinstance(fmt, str) or fmt not in FORMATS for fmt in formats)
    ):
        message = _("should be a list of formats, of {known}").format(
            known=", ".join(f'"{fmt}"' for fmt in FORMATS)
        )
        problems.append(("formats", message))
    if language not in languages.LANGUAGES:
        message = _("should be {known}").format(
            known=_(" or ").join(f'"{code}"' for code in languages.LANGUAGES)
        )
        problems.append(("language", message))
    if references not in REFERENCES:
        message = _("should be {known}").format(
            known=_(" or ").join(f'"{value}"' for value in REFERENCES)
        )
        problems.append(("references", message))
    if problems:
        try:
            text = pyproject.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        shown = display_path(pyproject)
        raise AmetidError(
            Problem(
                shown,
                _line_of(text, key),
                message=f"tool.ametid.{key}: {message}",
                code="bad-setting",
            )
            for key, message in problems
        )
    assert isinstance(organisation, str) and isinstance(out, str) and isinstance(max_bytes, int)
    assert isinstance(review_months, int) and isinstance(formats, list)
    assert isinstance(language, str) and isinstance(references, str)
    chosen = tuple(fmt for fmt in FORMATS if fmt in formats)
    return Project(root, organisation, out, max_bytes, review_months, chosen, language, references)
