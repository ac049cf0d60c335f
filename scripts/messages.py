"""The message catalogues: extract every message ametid shows, and bring the .po files up to date.

Run from the project root after changing messages: `make messages` (or
`python scripts/messages.py`). It reads, with Babel, every `_("…")`, `ngettext(…)` and
`N_("…")` in src/ametid, the help of every command (its docstring), and Click's own messages
(usage lines, option errors), and updates src/ametid/locale/<language>/LC_MESSAGES/ametid.po:
new messages come in untranslated, messages no longer in the code go, translations stay.
Then translate the new entries; `tests/unit/test_language.py` fails while one is missing.
"""

from __future__ import annotations

import ast
import datetime
import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ametid"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("et",)
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}
HEADER = (
    "# Estonian messages of ametid, for the HR partners and managers who edit positions:\n"
    "# plain words, and what to do. Kept up to date by scripts/messages.py."
)
# Babel writes the date of extraction into the header; a fixed one keeps a rerun from changing
# the file when no message changed.
DATED = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


def po_path(language: str) -> Path:
    """The catalogue source of a language."""
    return LOCALE / language / "LC_MESSAGES" / "ametid.po"


def _commands(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method: the docstring of every function decorated as a command."""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        decorated = any(
            "command" in ast.unparse(decorator) or "group" in ast.unparse(decorator)
            for decorator in node.decorator_list
        )
        docstring = ast.get_docstring(node, clean=False)
        if decorated and docstring:
            yield node.lineno, "", inspect.cleandoc(docstring), ["help of a command"]


def extract() -> Catalog:
    """Every message of ametid and Click, as a catalogue template."""
    catalog = Catalog(project="ametid", domain="ametid", creation_date=DATED)
    # Babel also takes a function as an extraction method, which its annotations do not say.
    sources: list[tuple[Path, Any, str]] = [
        (PACKAGE, [("**.py", "python")], "ametid"),
        (PACKAGE / "cli", [("**.py", _commands)], "ametid"),
        (Path(click.__file__).parent, [("**.py", "python")], "click"),
    ]
    for folder, method_map, origin in sources:
        found = extract_from_dir(str(folder), method_map=method_map, keywords=KEYWORDS)
        for filename, lineno, message, comments, context in found:
            where = f"{origin}/{Path(filename).as_posix()}"
            catalog.add(
                message, locations=[(where, lineno)], auto_comments=comments, context=context
            )
    return catalog


def update() -> None:
    """Bring each language's .po file up to date with the messages in the code."""
    template = extract()
    for language in LANGUAGES:
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language, domain="ametid")
        else:
            catalog = Catalog(
                locale=language, domain="ametid", project="ametid", creation_date=DATED
            )
        catalog.update(template, no_fuzzy_matching=True)
        catalog.revision_date = DATED
        catalog.fuzzy = False
        catalog.header_comment = HEADER
        catalog.last_translator = catalog.language_team = "ametid"
        catalog.msgid_bugs_address = ""
        catalog.obsolete.clear()
        with path.open("wb") as handle:
            # Without line numbers, so that moving code does not change the catalogues.
            write_po(handle, catalog, width=100, sort_output=False, include_lineno=False)
        untranslated = [m.id for m in catalog if m.id and not m.string]
        print(f"{path.relative_to(ROOT)}: {len(untranslated)} messages to translate")


if __name__ == "__main__":
    update()
