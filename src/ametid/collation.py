"""Sorting text in Estonian alphabetical order, whatever the machine's locale.

The order is the Estonian alphabet as the Unicode CLDR collation for Estonian has it:
a b c d e f g h i j k l m n o p q r s š z ž t u v w õ ä ö ü x y. Letters outside it sort with
their base letter (é with e), then by accent. Like ICU, text compares first by letters, then by
accents, then by case, lower before upper: "eksperdid" < "eksperdile" < "ekspert" < "Ekspert".
"""

from __future__ import annotations

import unicodedata

ALPHABET = "abcdefghijklmnopqrsšzžtuvwõäöüxy"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}

# Character classes in the order ICU sorts them: spaces, punctuation and symbols, digits, letters.
_SPACE, _PUNCTUATION, _DIGIT, _LETTER = range(4)

PrimaryWeight = tuple[int, int]
SortKey = tuple[tuple[PrimaryWeight, ...], tuple[int, ...], tuple[int, ...], str]


def _letter(char: str) -> tuple[PrimaryWeight, int] | None:
    """The weight of a letter and its accent, or None when it is no letter of a Latin base."""
    rank = _LETTER_RANK.get(char)
    if rank is not None:
        return (_LETTER, rank), 0
    decomposed = unicodedata.normalize("NFD", char)
    rank = _LETTER_RANK.get(decomposed[0])
    if rank is None:
        return None
    accent = sum(ord(mark) for mark in decomposed[1:])
    return (_LETTER, rank), accent


def _primary(char: str) -> tuple[PrimaryWeight, int]:
    lower = char.lower()
    letter = _letter(lower)
    if letter is not None:
        return letter
    if char.isspace():
        return (_SPACE, 0), 0
    if char.isdigit():
        return (_DIGIT, unicodedata.digit(char, 0)), 0
    if char.isalpha():
        # A letter of another script: after the Latin ones, by code point.
        return (_LETTER, len(ALPHABET) + ord(lower)), 0
    return (_PUNCTUATION, ord(char)), 0


def estonian_key(text: str) -> SortKey:
    """A sort key that orders text as an Estonian dictionary does."""
    text = unicodedata.normalize("NFC", text)
    primaries: list[PrimaryWeight] = []
    accents: list[int] = []
    cases: list[int] = []
    for char in text:
        weight, accent = _primary(char)
        primaries.append(weight)
        accents.append(accent)
        cases.append(0 if char == char.lower() else 1)
    return tuple(primaries), tuple(accents), tuple(cases), text
