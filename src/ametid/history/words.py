"""Word-level differences between two texts, and how alike two texts are."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Hashable, Sequence
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


Opcode = tuple[str, int, int, int, int]

# Up to this many pairs of tokens (old times new), difflib matches them as it always has; its
# time grows with the square of the length and more, so longer texts get a patience diff, which
# anchors on the tokens that occur exactly once on each side, in time near the length.
SMALL_PAIRS = 40_000
# How often a region between anchors is split again; past that it is shown replaced whole.
MAX_DEPTH = 12


def _small(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int, int]]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [block for block in matcher.get_matching_blocks() if block[2]]


# Anchors are tokens that occur once on each side; a text of few distinct words has none, so
# then runs of this many tokens are tried as anchors instead (a phrase occurs once where its
# words do not).
ANCHOR_WIDTHS = (1, 5, 15)


def _anchors(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    region: tuple[int, int, int, int],
    width: int,
) -> list[tuple[int, int]]:
    """Where a run of `width` tokens occurs once on each side, in the longest chain in the same
    order on both and not overlapping (patience sorting)."""
    alo, ahi, blo, bhi = region

    def grams(sequence: Sequence[Hashable], low: int, high: int) -> Sequence[Hashable]:
        if width == 1:
            return sequence[low:high]
        return [tuple(sequence[index : index + width]) for index in range(low, high - width + 1)]

    count: dict[Hashable, list[int]] = {}
    for i, key in enumerate(grams(a, alo, ahi), alo):
        entry = count.get(key)
        if entry is None:
            count[key] = [1, i, 0, 0]
        else:
            entry[0] += 1
    for j, key in enumerate(grams(b, blo, bhi), blo):
        entry = count.get(key)
        if entry is not None:
            entry[2] += 1
            entry[3] = j
    pairs = sorted((i, j) for once_a, i, once_b, j in count.values() if once_a == once_b == 1)
    # Longest increasing run of j over pairs in order of i.
    tops: list[int] = []  # the smallest last j of a run of each length
    tails: list[int] = []  # the index (into pairs) of that last pair
    back: list[int] = []
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tops, j)
        back.append(tails[length - 1] if length else -1)
        if length == len(tops):
            tops.append(j)
            tails.append(index)
        else:
            tops[length] = j
            tails[length] = index
    chain: list[tuple[int, int]] = []
    index = tails[-1] if tails else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    anchors: list[tuple[int, int]] = []
    for i, j in reversed(chain):
        if not anchors or (i >= anchors[-1][0] + width and j >= anchors[-1][1] + width):
            anchors.append((i, j))
    return anchors


def matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int, int]]:
    """The runs (i, j, size) that two sequences share, in order: difflib's answer for short
    ones, a patience diff for long ones."""
    if len(a) * len(b) <= SMALL_PAIRS:
        return _small(a, b)
    pairs: list[tuple[int, int]] = []
    regions = [(0, len(a), 0, len(b), 0)]
    while regions:
        alo, ahi, blo, bhi, depth = regions.pop()
        # The common start and end are matched first, without counting anything.
        head = []
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            head.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        tail = []
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            tail.append((ahi, bhi))
        pairs += head + tail
        if alo == ahi or blo == bhi:
            continue
        if (ahi - alo) * (bhi - blo) <= SMALL_PAIRS:
            for i, j, size in _small(a[alo:ahi], b[blo:bhi]):
                pairs += [(alo + i + k, blo + j + k) for k in range(size)]
            continue
        if depth >= MAX_DEPTH:
            continue  # replaced whole
        for width in ANCHOR_WIDTHS:
            anchors = _anchors(a, b, (alo, ahi, blo, bhi), width)
            if anchors:
                break
        else:
            continue  # nothing in common that can anchor: replaced whole
        ends = [(alo, blo)]
        for i, j in anchors:
            pairs += [(i + k, j + k) for k in range(width)]
            ends.append((i, j))
            ends.append((i + width, j + width))
        ends.append((ahi, bhi))
        for (i0, j0), (i1, j1) in zip(ends[0::2], ends[1::2], strict=True):
            if i1 > i0 and j1 > j0:
                regions.append((i0, i1, j0, j1, depth + 1))
    blocks: list[tuple[int, int, int]] = []
    for i, j in sorted(pairs):
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + 1)
        else:
            blocks.append((i, j, 1))
    return blocks


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """How to turn `a` into `b`, as difflib's get_opcodes says it, in time near the length."""
    if len(a) * len(b) <= SMALL_PAIRS:
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        return [(tag, i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    codes: list[Opcode] = []
    i = j = 0
    for ai, bj, size in [*matching_blocks(a, b), (len(a), len(b), 0)]:
        if i < ai and j < bj:
            codes.append(("replace", i, ai, j, bj))
        elif i < ai:
            codes.append(("delete", i, ai, j, bj))
        elif j < bj:
            codes.append(("insert", i, ai, j, bj))
        if size:
            codes.append(("equal", ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    return codes


def similarity(old: str, new: str) -> float:
    """How alike two texts are, from 0 (no word in common) to 1 (the same words)."""
    a, b = words(old), words(new)
    if not a and not b:
        return 1.0 if old.strip() == new.strip() else 0.0
    matched = sum(size for _, _, size in matching_blocks(a, b))
    return 2.0 * matched / (len(a) + len(b))


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
    for tag, i1, i2, j1, j2 in opcodes(a, b):
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
