"""Spelling: the project's known wrong forms, and words Estonian morphology does not know."""

from __future__ import annotations

from ametid.core.model import DataPath
from ametid.lint.finding import UNKNOWN_WORD, WRONG_FORM, Finding
from ametid.lint.lexicon import Lexicon
from ametid.lint.morphology import Morphology
from ametid.lint.words import Word, same_case, words

MAX_SUGGESTIONS = 3


def wrong_forms(path: DataPath, text: str, lexicon: Lexicon) -> list[Finding]:
    """The words of a text that the project lists as wrong, with their corrections."""
    return wrong_words(path, words(text), lexicon)


def wrong_words(path: DataPath, found_words: list[Word], lexicon: Lexicon) -> list[Finding]:
    """The words (of one text) that the project lists as wrong, with their corrections."""
    found = []
    for word in found_words:
        right = lexicon.correction(word.text)
        if right is not None:
            found.append(
                Finding(WRONG_FORM, path, word.start, word.text, (same_case(word.text, right),))
            )
    return found


def _candidates(found_words: list[Word], lexicon: Lexicon) -> list[Word]:
    return [
        word
        for word in found_words
        if not lexicon.accepts(word.text) and lexicon.correction(word.text) is None
    ]


def unknown_words(
    texts: list[tuple[DataPath, list[Word]]], lexicon: Lexicon, morphology: Morphology
) -> list[Finding]:
    """The words of the texts (each as its words) that neither morphology nor the project
    knows, with suggestions."""
    candidates = [(path, word) for path, found in texts for word in _candidates(found, lexicon)]
    asked = {word.text for _, word in candidates}
    # A hyphenated word is right when its parts are ("SKAIS-i" never is a word of its own).
    asked |= {part for word in asked if "-" in word.strip("-") for part in word.split("-") if part}
    misspelt = morphology.misspelt(sorted(asked))
    found = []
    for path, word in candidates:
        if word.text not in misspelt:
            continue
        parts = [part for part in word.text.split("-") if part]
        if len(parts) > 1 and all(part not in misspelt or lexicon.accepts(part) for part in parts):
            continue
        suggestions = misspelt[word.text][:MAX_SUGGESTIONS]
        found.append(Finding(UNKNOWN_WORD, path, word.start, word.text, suggestions))
    return found
