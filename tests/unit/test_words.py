"""Word diff in time near the length: difflib's answer for short texts, a patience diff past it."""

from __future__ import annotations

import difflib
import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from ametid.history import words
from ametid.history.consent import form_of_change
from ametid.history.words import diff_words, matching_blocks, opcodes, similarity

VOCABULARY = [f"sõna{number}" for number in range(400)]


def rewrite(count: int, seed: int) -> tuple[str, str]:
    """A text of `count` words and a rewrite: a fifth replaced, some dropped, some added."""
    rng = random.Random(seed)
    old = [rng.choice(VOCABULARY) for _ in range(count)]
    new: list[str] = []
    for word in old:
        roll = rng.random()
        if roll < 0.2:
            new.append(rng.choice(VOCABULARY))
        elif roll < 0.25:
            continue
        elif roll < 0.3:
            new += [word, rng.choice(VOCABULARY)]
        else:
            new.append(word)
    return " ".join(old), " ".join(new)


def joined(old: str, new: str) -> tuple[str, str]:
    segments = diff_words(old, new)
    before = "".join(s.text for s in segments if s.kind != "insert")
    after = "".join(s.text for s in segments if s.kind != "delete")
    return before, after


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh "), max_size=150), st.integers(0, 1000))
def test_short_sequences_match_as_difflib_matches_them(letters: list[str], seed: int) -> None:
    other = list(letters)
    random.Random(seed).shuffle(other)
    matcher = difflib.SequenceMatcher(None, letters, other, autojunk=False)
    assert opcodes(letters, other) == matcher.get_opcodes()


@settings(max_examples=25, deadline=None)
@given(st.integers(300, 3000), st.integers(0, 10_000))
def test_long_texts_come_back_whole_from_their_segments(count: int, seed: int) -> None:
    old, new = rewrite(count, seed)
    assert len(words.tokens(old)) * len(words.tokens(new)) > words.SMALL_PAIRS
    assert joined(old, new) == (old, new)


def test_opcodes_of_long_sequences_cover_both_in_order() -> None:
    old, new = rewrite(5000, 1)
    a, b = words.tokens(old), words.tokens(new)
    codes = opcodes(a, b)
    assert codes[0][1] == codes[0][3] == 0
    assert (codes[-1][2], codes[-1][4]) == (len(a), len(b))
    for (_, _, i2, _, j2), (_, i1, _, j1, _) in itertools.pairwise(codes):
        assert (i2, j2) == (i1, j1)
    for tag, i1, i2, j1, j2 in codes:
        assert tag != "equal" or a[i1:i2] == b[j1:j2]


def test_a_ten_thousand_word_rewrite_keeps_most_words_in_common() -> None:
    old, new = rewrite(10_000, 2)
    matched = sum(size for _, _, size in matching_blocks(old.split(), new.split()))
    assert matched > 0.6 * len(old.split())
    assert 0.6 < similarity(old, new) < 0.9
    assert form_of_change(old, new) == "wording"


def test_a_text_replaced_by_another_is_one_deletion_and_one_insertion() -> None:
    old = " ".join(f"vana{number}" for number in range(3000))
    new = " ".join(f"uus{number}" for number in range(3000))
    assert [segment.kind for segment in diff_words(old, new)] == ["delete", "insert"]
