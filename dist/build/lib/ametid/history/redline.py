"""Two versions of a position merged into one, for the redline documents.

The merged position has the shape of a position, so the document templates render it as they
are: every text in it is a token that stands for an (old, new) pair of texts. Removed list items
and keys stay where they were, added ones stand where they are now, and a moved item appears
twice, removed from its old place and added at its new one. After rendering, each token is
replaced by its marked-up text: <del>/<ins> in HTML, tracked changes in Word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import jinja2

from ametid.core.model import texts
from ametid.history.diff import align

Whole = Literal["ins", "del"]
# How the templates show a list that is empty (`subordinates: []`).
EMPTY = "-"
Side = Literal["old", "new"]


@dataclass(frozen=True)
class Token:
    """A text of the merged position: its old and new version, None where it has none."""

    old: str | None
    new: str | None
    whole: Whole | None  # set when the text belongs to an item added or removed as a whole
    key: str | None = None  # the position's top-level key the text belongs to
    item: bool = False  # whether what was added or removed whole is a list item (not a key)


class Tokens:
    """The tokens of one merged position, written as two private-use characters around a number.

    The two characters are chosen so that they occur in none of the position's own texts.
    """

    def __init__(self, *values: Any) -> None:
        used = {ch for value in values for _, text in texts(value) for ch in text}
        free = (chr(code) for code in range(0xE000, 0xF8FF) if chr(code) not in used)
        self.open, self.close = next(free), next(free)
        self.pattern = re.compile(f"{re.escape(self.open)}([0-9]+){re.escape(self.close)}")
        self._tokens: list[Token] = []

    def add(
        self,
        old: str | None,
        new: str | None,
        whole: Whole | None = None,
        key: str | None = None,
        item: bool = False,
    ) -> str:
        """A token for a pair of texts."""
        self._tokens.append(Token(old, new, whole, key, item))
        return f"{self.open}{len(self._tokens) - 1}{self.close}"

    def get(self, match: re.Match[str]) -> Token:
        """The token a match of `pattern` stands for."""
        return self._tokens[int(match.group(1))]

    def find(self, text: str) -> list[Token]:
        """The tokens in a text, in order."""
        return [self.get(match) for match in self.pattern.finditer(text)]

    def status(self, value: Any) -> str:
        """'ins' or 'del' when every text in `value` was added or removed as a whole, else ''."""
        found = [token for _, text in texts(value) for token in self.find(text)]
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
            return self.add(old, new, token.whole, token.key, token.item)

        return lifted

    def lift_join(self, join: Callable[..., str]) -> Callable[..., str]:
        """Jinja's join filter, showing a list that was empty on one side as `EMPTY` there."""

        @jinja2.pass_eval_context
        def joined(context: Any, value: Any, *args: Any, **kwargs: Any) -> str:
            text = join(context, value, *args, **kwargs)
            if not isinstance(value, MergedList) or not value:
                return text
            found = [token for item in value for token in self.find(str(item))]
            wholes = {(token.whole, token.item) for token in found}
            if wholes == {("ins", True)}:
                return text + self.add(EMPTY, None, "del", found[0].key)
            if wholes == {("del", True)}:
                return text + self.add(None, EMPTY, "ins", found[0].key)
            return text

        return joined


class MergedList(list[Any]):
    """A list merged from its two versions."""


class WholeDict(dict[str, Any]):
    """A mapping added or removed as a whole."""

    whole: Whole


class WholeList(list[Any]):
    """A list added or removed as a whole."""

    whole: Whole


def whole(
    value: Any, status: Whole, tokens: Tokens, key: str | None = None, item: bool = False
) -> Any:
    """A value added or removed as a whole (a list item if `item`), every text a token saying so."""
    if isinstance(value, str):
        if status == "del":
            return tokens.add(value, None, status, key, item)
        return tokens.add(None, value, status, key, item)
    if isinstance(value, dict):
        mapping = WholeDict(
            (name, whole(part, status, tokens, key or name, item)) for name, part in value.items()
        )
        mapping.whole = status
        return mapping
    if isinstance(value, list):
        items = WholeList(whole(part, status, tokens, key, item) for part in value)
        items.whole = status
        return items
    return value


def merge(old: Any, new: Any, tokens: Tokens, key: str | None = None) -> Any:
    """Merge two versions of a value (a position, a part of one) into one with tokens.

    `key` is the position's top-level key the value belongs to (None for the position itself).
    """
    if isinstance(old, dict) and isinstance(new, dict):
        merged: dict[str, Any] = {}
        for name in dict.fromkeys([*new, *old]):
            top = key or name
            if name not in new:
                merged[name] = whole(old[name], "del", tokens, top)
            elif name not in old:
                merged[name] = whole(new[name], "ins", tokens, top)
            else:
                merged[name] = merge(old[name], new[name], tokens, top)
        return merged
    if isinstance(old, list) and isinstance(new, list):
        items = MergedList()
        for i, j in align(old, new).order:
            if i is not None and j is not None:
                items.append(merge(old[i], new[j], tokens, key))
            elif i is not None:
                items.append(whole(old[i], "del", tokens, key, item=True))
            elif j is not None:
                items.append(whole(new[j], "ins", tokens, key, item=True))
        return items
    if isinstance(old, str) and isinstance(new, str):
        return tokens.add(old, new, None, key)
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
