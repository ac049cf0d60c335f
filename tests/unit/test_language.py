"""The message catalogue: every message the code shows has a real Estonian translation, and the
installed package reads the compiled catalogue."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from ametid.core import language
from support.paths import REPO


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages", REPO / "scripts" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["messages"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    """Every message of the code (and Click's), as scripts/messages.py finds them."""
    found: Catalog = load_script().extract()
    return found


@pytest.fixture(scope="module")
def estonian() -> Catalog:
    with (REPO / "src/ametid/locale/et/LC_MESSAGES/ametid.po").open("rb") as handle:
        return read_po(handle, locale="et", domain="ametid")


def forms(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def test_every_message_has_an_estonian_translation(extracted: Catalog, estonian: Catalog) -> None:
    untranslated = [
        message.id
        for message in extracted
        if message.id
        and (
            estonian.get(message.id) is None
            or not all(forms(estonian[message.id].string))
            or estonian[message.id].fuzzy
        )
    ]
    assert untranslated == [], "run `make messages` and translate what is new"


def test_no_estonian_translation_is_the_english(estonian: Catalog) -> None:
    same = [
        message.id
        for message in estonian
        if message.id and forms(message.string)[0] == forms(message.id)[0]
    ]
    assert same == []


def test_the_catalogue_holds_only_messages_of_the_code(
    extracted: Catalog, estonian: Catalog
) -> None:
    code = {str(forms(message.id)[0]) for message in extracted if message.id}
    catalogue = {str(forms(message.id)[0]) for message in estonian if message.id}
    assert catalogue - code == set(), "run `make messages` to drop messages no longer used"


_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z]+\)s")


def test_translations_keep_every_placeholder(estonian: Catalog) -> None:
    wrong = []
    for message in estonian:
        if not message.id:
            continue
        english = forms(message.id)
        for index, form in enumerate(forms(message.string)):
            wanted = set(_PLACEHOLDER.findall(english[min(index, len(english) - 1)]))
            if set(_PLACEHOLDER.findall(form)) != wanted:
                wrong.append((message.id, form))
    assert wrong == []


def test_the_package_reads_the_compiled_catalogue(estonian: Catalog) -> None:
    compiled = language.catalogue_dir() / "et" / "LC_MESSAGES" / "ametid.mo"
    assert compiled.is_file(), "the catalogue is compiled when the package is installed"
    language.use("et")
    stale = [
        message.id
        for message in estonian
        if message.id
        and isinstance(message.id, str)
        and language.gettext(message.id) != message.string
    ]
    assert stale == [], "reinstall the package (make test-fast does) to compile the .po"


def test_english_needs_no_catalogue() -> None:
    language.use("en")
    assert language.gettext("no problems") == "no problems"
    assert language.ngettext("{count} file", "{count} files", 2) == "{count} files"
    language.use("et")
    assert language.gettext("no problems") == "probleeme ei ole"
    assert language.ngettext("{count} file", "{count} files", 2) == "{count} faili"
    assert language.ngettext("{count} file", "{count} files", 1) == "{count} fail"
