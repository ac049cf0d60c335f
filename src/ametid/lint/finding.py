"""A finding of the lint: which check, where in a position's data, its words, their correction."""

from __future__ import annotations

from dataclasses import dataclass

from ametid.core.model import DataPath

# Every check and its code, in the order the README lists them.
UNKNOWN_WORD = "unknown-word"
WRONG_FORM = "wrong-form"
PARTICLE_VERB = "particle-verb"
RESULT_RESTATES_TASK = "result-restates-task"
REPEATED_ITEM = "repeated-item"
END_PUNCTUATION = "end-punctuation"
DOUBLE_SPACE = "double-space"
CODES = (
    UNKNOWN_WORD,
    WRONG_FORM,
    PARTICLE_VERB,
    RESULT_RESTATES_TASK,
    REPEATED_ITEM,
    END_PUNCTUATION,
    DOUBLE_SPACE,
)
# The checks that need Estonian morphology (the `lint` extra).
MORPHOLOGICAL = (UNKNOWN_WORD, PARTICLE_VERB)


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer would correct in one text of a position.

    `start` is where `wrong` begins in the text at `path`; `suggestions` are the corrections,
    best first (none for a repetition, which is to be removed or rewritten); `other` names the
    place a repeated text stands first.
    """

    code: str
    path: DataPath
    start: int
    wrong: str
    suggestions: tuple[str, ...] = ()
    other: DataPath = ()
