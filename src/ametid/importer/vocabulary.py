"""The words of job descriptions the importer recognises, read from vocabulary.yaml."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ametid.source.loader import parse

RESOURCE = "vocabulary.yaml"

# Section kinds whose body is a list of items, and the position key each fills.
LIST_SECTIONS = {
    "rights": "rights",
    "responsibilities": "responsibilities",
    "amendment_rules": "amendment_rules",
}


def normal(text: str) -> str:
    """The form in which labels are compared: case folded, spaces collapsed, no final colon."""
    return " ".join(text.casefold().split()).rstrip(":").rstrip()


@dataclass(frozen=True)
class Match:
    """A label found at the start of a text, and the text after it."""

    key: str
    label: str
    rest: str
    colon: bool


class Labels:
    """A set of label variants, each naming a key, matched at the start of a text."""

    def __init__(self, table: Mapping[str, Iterable[str]]) -> None:
        pairs = [(normal(variant), key) for key, variants in table.items() for variant in variants]
        # The longest variant first, so "Isikuomadused ja väärtushoiakud" beats "Isikuomadused".
        pairs.sort(key=lambda pair: -len(pair[0]))
        self._exact = {variant: key for variant, key in reversed(pairs)}
        self._patterns = [
            (re.compile(r"\s+".join(map(re.escape, variant.split())) + r"(?![\w-])", re.I), key)
            for variant, key in pairs
        ]

    def exact(self, text: str) -> str | None:
        """The key of a text that is nothing but one of the labels."""
        return self._exact.get(normal(text))

    def start(self, text: str) -> Match | None:
        """The label a text starts with, when what follows can be its value.

        A label is followed by the end, a colon, or a space and a value that does not start with
        a lower-case letter: "Haridus Kõrgharidus" is a row, "Teadmised psühholoogiast" a sentence.
        """
        for pattern, key in self._patterns:
            found = pattern.match(text)
            if found is None:
                continue
            rest = text[found.end() :]
            stripped = rest.lstrip()
            if stripped.startswith(":"):
                return Match(key, found.group(), stripped[1:].strip(), True)
            if not stripped:
                return Match(key, found.group(), "", False)
            if rest[:1].isspace() and not stripped[0].islower():
                return Match(key, found.group(), stripped.strip(), False)
        return None


@dataclass(frozen=True)
class Vocabulary:
    """Every word list of the import, compiled for matching."""

    document_titles: frozenset[str]
    sections: Labels
    fields: Labels
    lead_ins: Labels
    task_columns: Labels
    result_columns: Labels
    none_values: frozenset[str]
    groups: Labels
    scope_words: tuple[str, ...]
    review_note_starts: tuple[str, ...]
    parties: Labels
    digitally_signed: tuple[str, ...]
    acknowledgements: tuple[str, ...]
    approved: frozenset[str]
    annex_words: tuple[str, ...]
    directive_words: tuple[str, ...]
    number_words: tuple[str, ...]
    months: tuple[str, ...]
    directive_titles: frozenset[str]
    annexes_words: tuple[str, ...]
    hyphen_keeps_space_before: frozenset[str]
    bullets: tuple[str, ...]
    page_numbers: tuple[re.Pattern[str], ...]

    def is_page_number(self, text: str) -> bool:
        """Whether a whole line is a page number such as "Lk 2 / 5"."""
        stripped = " ".join(text.split())
        return any(pattern.fullmatch(stripped) for pattern in self.page_numbers)

    def is_none(self, text: str) -> bool:
        """Whether a value says "none"."""
        return normal(text).rstrip(".") in self.none_values


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{RESOURCE}: {where} should be a list of texts")
    return tuple(value)


def _table(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ValueError(f"{RESOURCE}: {where} should be a mapping")
    return {str(key): _strings(items, f"{where}.{key}") for key, items in value.items()}


def from_data(data: Mapping[str, Any]) -> Vocabulary:
    """Compile the vocabulary table."""
    duty_columns = _table(data["duty_columns"], "duty_columns")
    approval = _table(data["approval"], "approval")
    directive = _table(data["directive"], "directive")
    signatures = data["signatures"]
    return Vocabulary(
        document_titles=frozenset(normal(t) for t in _strings(data["document_titles"], "titles")),
        sections=Labels(_table(data["sections"], "sections")),
        fields=Labels(_table(data["fields"], "fields")),
        lead_ins=Labels(_table(data["lead_ins"], "lead_ins")),
        task_columns=Labels({"tasks": duty_columns["tasks"]}),
        result_columns=Labels({"results": duty_columns["results"]}),
        none_values=frozenset(normal(t) for t in _strings(data["none"], "none")),
        groups=Labels(_table(data["groups"], "groups")),
        scope_words=_strings(data["substitution_scope_words"], "substitution_scope_words"),
        review_note_starts=_strings(data["review_note_starts"], "review_note_starts"),
        parties=Labels(_table(signatures["parties"], "signatures.parties")),
        digitally_signed=_strings(signatures["digitally_signed"], "signatures.digitally_signed"),
        acknowledgements=tuple(
            normal(text)
            for text in _strings(signatures["acknowledgements"], "signatures.acknowledgements")
        ),
        approved=frozenset(normal(t) for t in approval["approved"]),
        annex_words=approval["annex"],
        directive_words=approval["directive"],
        number_words=approval["number"],
        months=_strings(data["months"], "months"),
        directive_titles=frozenset(normal(t) for t in directive["titles"]),
        annexes_words=directive["annexes"],
        hyphen_keeps_space_before=frozenset(
            _strings(data["hyphen_keeps_space_before"], "hyphen_keeps_space_before")
        ),
        bullets=_strings(data["bullets"], "bullets"),
        page_numbers=tuple(
            re.compile(pattern, re.IGNORECASE)
            for pattern in _strings(data["page_numbers"], "page_numbers")
        ),
    )


@functools.cache
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package."""
    raw = resources.files("ametid.importer").joinpath(RESOURCE).read_bytes()
    document, problems = parse(raw, RESOURCE)
    if document is None or problems:
        raise ValueError("; ".join(str(problem) for problem in problems))
    return from_data(document.data)
