"""Two versions of a position merged into one, for the redline documents.

The merged position has the shape of a position, so the document templates render it as they
are: every text in it is a token that stands for an (old, new) pair of texts. Removed list items
and keys stay where they were, added ones stand where they are now, and a moved item appears
twice, removed from its old place and added at its new one. After rendering, each token is
replaced by its marked-up text: <del>/<ins> in HTML, tracked changes in Word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ametid.diff import align

Whole = Literal["ins", "del"]
Side = Literal["old", "new"]


@dataclass(frozen=True)
class Token:
    """A text of the merged position: its old and new version, None where it has none."""

    old: str | None
    new: str | None
    whole: Whole | None  # set when the text belongs to an item added or removed as a whole


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class Tokens:
    """The tokens of one merged position, written as two private-use characters around a number.

    The two characters are chosen so that they occur in none of the position's own texts.
    """

    def __init__(self, *values: Any) -> None:
        used = {ch for value in values for text in _strings(value) for ch in text}
        free = (chr(code) for code in range(0xE000, 0xF8FF) if chr(code) not in used)
        self.open, self.close = next(free), next(free)
        self.pattern = re.compile(f"{re.escape(self.open)}([0-9]+){re.escape(self.close)}")
        self._tokens: list[Token] = []

    def add(self, old: str | None, new: str | None, whole: Whole | None = None) -> str:
        """A token for a pair of texts."""
        self._tokens.append(Token(old, new, whole))
        return f"{self.open}{len(self._tokens) - 1}{self.close}"

    def get(self, match: re.Match[str]) -> Token:
        """The token a match of `pattern` stands for."""
        return self._tokens[int(match.group(1))]

    def find(self, text: str) -> list[Token]:
        """The tokens in a text, in order."""
        return [self.get(match) for match in self.pattern.finditer(text)]

    def status(self, value: Any) -> str:
        """'ins' or 'del' when every text in `value` was added or removed as a whole, else ''."""
        found = [token for text in _strings(value) for token in self.find(text)]
        wholes = {token.whole for token in found}
        if len(wholes) == 1:
            (whole,) = wholes
            return whole or ""
        return ""

    def lift(self, function: Callable[[str], str]) -> Callable[..., str]:
        """A template filter applied to both texts of a token (et_date, capitalize)."""

        def lifted(value: Any, *args: Any) -> str:
            text = str(value)
            match = self.pattern.fullmatch(text)
            if match is None:
                return function(text, *args)
            token = self.get(match)
            old = None if token.old is None else function(token.old, *args)
            new = None if token.new is None else function(token.new, *args)
            return self.add(old, new, token.whole)

        return lifted


class WholeDict(dict[str, Any]):
    """A mapping added or removed as a whole."""

    whole: Whole


class WholeList(list[Any]):
    """A list added or removed as a whole."""

    whole: Whole


def whole(value: Any, status: Whole, tokens: Tokens) -> Any:
    """A value added or removed as a whole, with every text a token saying so."""
    if isinstance(value, str):
        if status == "del":
            return tokens.add(value, None, status)
        return tokens.add(None, value, status)
    if isinstance(value, dict):
        mapping = WholeDict((key, whole(item, status, tokens)) for key, item in value.items())
        mapping.whole = status
        return mapping
    if isinstance(value, list):
        items = WholeList(whole(item, status, tokens) for item in value)
        items.whole = status
        return items
    return value


def merge(old: Any, new: Any, tokens: Tokens) -> Any:
    """Merge two versions of a value (a position, a part of one) into one with tokens."""
    if isinstance(old, dict) and isinstance(new, dict):
        merged: dict[str, Any] = {}
        for key in dict.fromkeys([*new, *old]):
            if key not in new:
                merged[key] = whole(old[key], "del", tokens)
            elif key not in old:
                merged[key] = whole(new[key], "ins", tokens)
            else:
                merged[key] = merge(old[key], new[key], tokens)
        return merged
    if isinstance(old, list) and isinstance(new, list):
        items = []
        for i, j in align(old, new).order:
            if i is not None and j is not None:
                items.append(merge(old[i], new[j], tokens))
            elif i is not None:
                items.append(whole(old[i], "del", tokens))
            elif j is not None:
                items.append(whole(new[j], "ins", tokens))
        return items
    if isinstance(old, str) and isinstance(new, str):
        return tokens.add(old, new)
    return new


_ABSENT = object()


def _resolve(value: Any, side: Side, tokens: Tokens) -> Any:
    if getattr(value, "whole", None) == ("del" if side == "new" else "ins"):
        return _ABSENT
    if isinstance(value, str):
        parts: list[str] = []
        last = 0
        for match in tokens.pattern.finditer(value):
            text = getattr(tokens.get(match), side)
            if text is None:
                return _ABSENT
            parts += [value[last : match.start()], text]
            last = match.end()
        return "".join([*parts, value[last:]])
    if isinstance(value, dict):
        resolved = {key: _resolve(item, side, tokens) for key, item in value.items()}
        return {key: item for key, item in resolved.items() if item is not _ABSENT}
    if isinstance(value, list):
        items = [_resolve(item, side, tokens) for item in value]
        return [item for item in items if item is not _ABSENT]
    return value


def resolve(value: Any, side: Side, tokens: Tokens) -> Any:
    """One side of a merged value: what accepting (new) or rejecting (old) every change gives."""
    resolved = _resolve(value, side, tokens)
    return None if resolved is _ABSENT else resolved
