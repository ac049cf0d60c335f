"""The import corpus, tests/data/import/: each document in three forms and the YAML it must give,
and the measure of how much of it an import found."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ametid.check.rules import PLACEHOLDER
from ametid.core.problems import Problem
from ametid.importer import noise
from ametid.importer.pipeline import read_drafts
from ametid.importer.vocabulary import vocabulary
from ametid.source.loader import parse

CORPUS = Path(__file__).resolve().parent.parent / "data" / "import"
FORMS = ("docx", "pdf", "txt")
COUNTED = ("duties", "rights", "responsibilities")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def names() -> list[str]:
    """The documents of the corpus, by name."""
    return sorted(path.stem for path in CORPUS.glob("*.yaml"))


def expected(name: str) -> list[dict[str, Any]]:
    """The positions a corpus document must import as."""
    raw = (CORPUS / f"{name}.yaml").read_text(encoding="utf-8")
    positions = []
    for part in raw.split("\n---\n"):
        document, problems = parse(part.encode("utf-8"), name)
        assert document is not None and not problems, problems
        positions.append(document.data)
    return positions


@dataclass
class Measure:
    """How much of a document's expected positions one import found, and where it fell short."""

    file: str
    words: float
    sentences: float
    counts: dict[str, tuple[int, int]]  # key: (imported, expected)
    same: bool
    comments: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    wrong_fields: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The measure in one line of the report."""
        counts = "  ".join(f"{key} {got}/{want}" for key, (got, want) in self.counts.items())
        verdict = "same" if self.same else "DIFFERS"
        return (
            f"{self.file:28} words {self.words:.3f}  sentences {self.sentences:.3f}  "
            f"{counts}  {verdict}"
        )

    def report(self) -> str:
        """The measure and every shortfall, one per line."""
        lines = [self.line()]
        lines += [f"    comment: {text}" for text in self.comments]
        lines += [f"    placeholder: {path}" for path in self.placeholders]
        lines += [f"    text in the wrong field: {path}" for path in self.wrong_fields]
        lines += [f"    problem: {text}" for text in self.problems]
        return "\n".join(lines)


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a value, with its path ("duties[0].task")."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def _top(path: str) -> str:
    """The field a path is in: its key, and the key under requirements."""
    parts = re.split(r"[.\[]", path)
    return ".".join(parts[:2]) if parts[0] == "requirements" else parts[0]


def _words(text: str) -> Counter[str]:
    return Counter(word.casefold() for word in _WORD.findall(text))


def measure(file: str, wanted: list[dict[str, Any]], got: list[dict[str, Any]]) -> Measure:
    """Compare the positions an import gave with the expected ones."""
    want_words: Counter[str] = Counter()
    got_words: Counter[str] = Counter()
    sentences = found = 0
    wrong: list[str] = []
    for index in range(max(len(wanted), len(got))):
        want = wanted[index] if index < len(wanted) else {}
        have = got[index] if index < len(got) else {}
        fields: dict[str, str] = {}
        for path, text in _strings(have):
            if text != PLACEHOLDER:
                got_words += _words(text)
                fields[_top(path)] = f"{fields.get(_top(path), '')}\n{text}"
        wanted_fields: set[str] = set()
        for path, text in _strings(want):
            if text == PLACEHOLDER:
                continue
            want_words += _words(text)
            wanted_fields.add(_top(path))
            haystack = " ".join(fields.get(_top(path), "").split())
            for sentence in _SENTENCE_END.split(" ".join(text.split())):
                sentences += 1
                found += sentence in haystack
        prefix = f"[{index}]." if len(wanted) > 1 else ""
        wrong += [prefix + key for key in sorted(fields) if key not in wanted_fields]
    words = sum((want_words & got_words).values()) / max(1, sum(want_words.values()))
    counts = {
        key: (
            sum(len(position.get(key, [])) for position in got if _real(position.get(key))),
            sum(len(position.get(key, [])) for position in wanted if _real(position.get(key))),
        )
        for key in COUNTED
    }
    placeholders = [
        (f"[{index}]." if len(got) > 1 else "") + path
        for index, position in enumerate(got)
        for path, text in _strings(position)
        if PLACEHOLDER in text
    ]
    return Measure(
        file,
        words,
        found / max(1, sentences),
        counts,
        same=wanted == got,
        placeholders=placeholders,
        wrong_fields=wrong,
    )


def _real(items: Any) -> bool:
    """Whether a list holds more than the placeholder."""
    return isinstance(items, list) and items != [PLACEHOLDER]


def import_file(path: Path) -> tuple[list[dict[str, Any]], list[str], list[Problem]]:
    """The positions one file imports as, the texts left as comments, and the problems."""
    drafts, problems, _notes = read_drafts(path, vocabulary(), "")
    comments = [noise.squash(block.full_text()) for draft in drafts for block in draft.unplaced]
    return [draft.data for draft in drafts], comments, problems


def measure_file(name: str, form: str) -> Measure:
    """Import one form of a corpus document and measure it against the expected positions."""
    path = CORPUS / f"{name}.{form}"
    got, comments, problems = import_file(path)
    result = measure(path.name, expected(name), got)
    result.comments = comments
    result.problems = [problem.message for problem in problems]
    return result
