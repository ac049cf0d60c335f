"""Word-level differences between two texts, and how alike two texts are."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

# Words as git's --word-diff sees them, runs of non-whitespace (punctuation stays with its word),
# and the whitespace between them: the units a change is shown in. So "õieaegselt" ->
# "õigeaegselt" is one changed word, and a marker never stands inside a word.
_TOKEN = re.compile(r"\S+|\s+")
_WORD = re.compile(r"\w+")

SegmentKind = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class Segment:
    """A piece of text that both versions share, or that only the old or the new one has."""

    kind: SegmentKind
    text: str


def tokens(text: str) -> list[str]:
    """Split a text into words (with their punctuation) and the whitespace between them."""
    return _TOKEN.findall(text)


def words(text: str) -> list[str]:
    """The words of a text, case-folded: what two texts are compared by for likeness."""
    return [word.casefold() for word in _WORD.findall(text)]


def similarity(old: str, new: str) -> float:
    """How alike two texts are, from 0 (no word in common) to 1 (the same words)."""
    a, b = words(old), words(new)
    if not a and not b:
        return 1.0 if old.strip() == new.strip() else 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _common_space(a: str, b: str) -> tuple[str, str, str, str]:
    """Move whitespace that both sides of a change start or end with out of the change."""
    lead = len(a) - len(a.lstrip())
    lead = min(lead, len(b) - len(b.lstrip()))
    while lead and a[:lead] != b[:lead]:
        lead -= 1
    a, b, before = a[lead:], b[lead:], a[:lead]
    trail = min(len(a) - len(a.rstrip()), len(b) - len(b.rstrip()))
    while trail and a[len(a) - trail :] != b[len(b) - trail :]:
        trail -= 1
    after = a[len(a) - trail :] if trail else ""
    if trail:
        a, b = a[: len(a) - trail], b[: len(b) - trail]
    return before, a, b, after


def diff_words(old: str | None, new: str | None) -> list[Segment]:
    """The segments that turn `old` into `new`, word by word; None stands for no text."""
    if old is None or new is None:
        if old:
            return [Segment("delete", old)]
        return [Segment("insert", new)] if new else []
    a, b = tokens(old), tokens(new)
    blocks: list[tuple[bool, str, str]] = []  # (equal, old text, new text)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        blocks.append((tag == "equal", "".join(a[i1:i2]), "".join(b[j1:j2])))
    # Whitespace alone between two changes joins them, so "[-a b-]" is not shown as "[-a-] [-b-]".
    for index in range(1, len(blocks) - 1):
        equal, text, _ = blocks[index]
        if equal and not text.strip() and not blocks[index - 1][0] and not blocks[index + 1][0]:
            blocks[index] = (False, text, text)
    merged: list[tuple[bool, str, str]] = []
    for block in blocks:
        if merged and not block[0] and not merged[-1][0]:
            last = merged.pop()
            block = (False, last[1] + block[1], last[2] + block[2])
        merged.append(block)
    segments: list[Segment] = []
    for equal, a_text, b_text in merged:
        if equal:
            segments.append(Segment("equal", a_text))
            continue
        before, a_text, b_text, after = _common_space(a_text, b_text)
        if before:
            segments.append(Segment("equal", before))
        if a_text:
            segments.append(Segment("delete", a_text))
        if b_text:
            segments.append(Segment("insert", b_text))
        if after:
            segments.append(Segment("equal", after))
    joined: list[Segment] = []
    for segment in segments:
        if joined and joined[-1].kind == segment.kind == "equal":
            joined[-1] = Segment("equal", joined[-1].text + segment.text)
        else:
            joined.append(segment)
    return joined
