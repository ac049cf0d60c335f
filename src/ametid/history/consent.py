"""When a change to a job description needs the employee's consent: the rule, in one place.

Seed 002 states it: the description may be changed without the employee's consent only if the
position's purpose and main duties do not change and the volume of duties does not grow
substantially. `ametid diff` reads that as follows, and flags; the people at the review decide.

A change NEEDS CONSENT when
  1. the purpose (`purpose`) changed in substance,
  2. a duty (`duties[n]`) was added or removed,
  3. a duty's task (`duties[n].task`) changed in substance, or
  4. the position has more duties than before (checked for the position as a whole).

Every other change is EDITORIAL: a change of the purpose or a task that is only spelling,
punctuation, whitespace or case, a duty moved to another place in the list, and any change
anywhere else (expected results, rights, responsibilities, requirements, approval and the other
metadata). A position that was added or removed as a whole is not an amendment of an existing
description, so it is not flagged; a renamed position is judged by its changes.

"In substance" is anything more than form (see `form_of_change`). A change counts as SPELLING
when every changed word is a small edit of a word in the old text: at most one edited letter
per `LETTERS_PER_EDIT` letters of the longer word and never more than `MAX_SPELLING_EDITS`
(an edit is a letter added, removed, replaced, or two neighbours swapped). So "õieaegselt" ->
"õigeaegselt" (one letter in eleven) is spelling, while "peab" -> "võib", "ja" -> "ka",
"viieaastane" -> "kuueaastane", any changed digit and any added or removed word are not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from ametid.history.words import opcodes, words

LETTERS_PER_EDIT = 4
MAX_SPELLING_EDITS = 2
# A run of words this long is not one misspelt word; the edit distance is not worked out for it
# (its time grows with the square of the length).
MAX_SPELLING_LETTERS = 200

Form = Literal["same", "whitespace", "case", "punctuation", "spelling", "wording"]

# The reasons a verdict gives, as codes; renderers show them in words.
PURPOSE = "purpose"
DUTY_ADDED = "duty-added"
DUTY_REMOVED = "duty-removed"
TASK = "task"
REORDERED = "reordered"
ELSEWHERE = "elsewhere"
FORMS: tuple[Form, ...] = ("whitespace", "case", "punctuation", "spelling")


def allowed_edits(word_length: int) -> int:
    """How many letters of a word this long may change for the change to count as spelling."""
    return min(MAX_SPELLING_EDITS, word_length // LETTERS_PER_EDIT)


def edit_distance(a: str, b: str) -> int:
    """Letters added, removed, replaced, or swapped with a neighbour to turn `a` into `b`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def is_spelling(old_words: Sequence[str], new_words: Sequence[str]) -> bool:
    """Whether replacing these words by those is a small edit: a typo fixed, a word joined."""
    if not old_words or not new_words or abs(len(old_words) - len(new_words)) > 1:
        return False
    a, b = "".join(old_words), "".join(new_words)
    if any(ch.isdigit() for ch in a + b) or max(len(a), len(b)) > MAX_SPELLING_LETTERS:
        return False
    return edit_distance(a, b) <= allowed_edits(max(len(a), len(b)))


def form_of_change(old: str, new: str) -> Form:
    """What kind of edit turns `old` into `new`: the smallest form that explains it all."""
    if old == new:
        return "same"
    if old.split() == new.split():
        return "whitespace"
    if old.casefold().split() == new.casefold().split():
        return "case"
    a, b = words(old), words(new)
    if a == b:
        return "punctuation"
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag != "equal" and not is_spelling(a[i1:i2], b[j1:j2]):
            return "wording"
    return "spelling"


def change_verdict(
    path: tuple[str | int, ...], kind: str, old: str | None, new: str | None
) -> tuple[bool, str]:
    """Whether one change needs consent, and the reason code for the verdict."""
    if kind == "moved":
        return False, REORDERED
    if len(path) == 2 and path[0] == "duties" and kind in ("added", "removed"):
        return True, DUTY_ADDED if kind == "added" else DUTY_REMOVED
    form: Form = "wording" if old is None or new is None else form_of_change(old, new)
    guarded = path == ("purpose",) or (len(path) == 3 and path[0] == "duties" and path[2] == "task")
    if guarded and form == "wording":
        return True, PURPOSE if path == ("purpose",) else TASK
    return False, form if form in FORMS else ELSEWHERE


def duties_grew(old: dict[str, Any] | None, new: dict[str, Any] | None) -> bool:
    """Rule 4: the position has more duties than before."""
    if old is None or new is None:
        return False
    return len(new.get("duties", [])) > len(old.get("duties", []))
