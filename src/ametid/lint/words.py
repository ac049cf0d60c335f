"""Words in a text: where each starts, as the checks of spelling and predicates see them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters with hyphens inside ("e-post") or a hyphen at the end ("suhtlemis- ja koostööoskus");
# a word joined to a number ("3-aastane", "COVID-19") is a code or a name, not spelt.
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*-?(?![\w]|-?\d)")


@dataclass(frozen=True)
class Word:
    """A word and where it starts in its text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        """Where the word ends in its text."""
        return self.start + len(self.text)


def words(text: str) -> list[Word]:
    """The words of a text, in order."""
    return [Word(found.group(), found.start()) for found in _WORD.finditer(text)]


def joined(text: str, before: Word, after: Word) -> bool:
    """Whether only spaces stand between two words, so that they belong to one clause."""
    return not text[before.end : after.start].strip()


def same_case(model: str, word: str) -> str:
    """`word` with its first letter in the case of `model`'s first letter."""
    if model[:1].isupper() and not model.isupper():
        return word[:1].upper() + word[1:]
    return word
