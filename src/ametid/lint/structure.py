"""The shape of a position's texts: results that restate their task, items said twice, and
lists whose items end in different ways."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from ametid.core.model import DataPath
from ametid.lint.finding import END_PUNCTUATION, REPEATED_ITEM, RESULT_RESTATES_TASK, Finding

# How alike a result and its task may be, as difflib's ratio of their words, before the result
# only restates the task: one word in four changed ("ja" for "ning") is still the same text.
RESTATING = 0.75
# The sections whose items are content a reader reads once; names of positions (substitutes,
# substituted_by) may rightly stand in two lists.
CONTENT = ("duties", "requirements", "rights", "responsibilities", "amendment_rules")
ENDINGS = ".;,:"
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def restated_results(data: Mapping[str, Any]) -> list[Finding]:
    """Each result that says (nearly) what its task says instead of what comes of it."""
    found = []
    duties = data.get("duties")
    for index, duty in enumerate(duties if isinstance(duties, list) else []):
        if not isinstance(duty, dict) or not isinstance(duty.get("task"), str):
            continue
        task = _words(duty["task"])
        results = duty.get("results")
        for number, result in enumerate(results if isinstance(results, list) else []):
            if not isinstance(result, str):
                continue
            ratio = difflib.SequenceMatcher(None, task, _words(result), autojunk=False).ratio()
            if ratio >= RESTATING:
                path = ("duties", index, "results", number)
                found.append(
                    Finding(RESULT_RESTATES_TASK, path, 0, result, (), ("duties", index, "task"))
                )
    return found


def _items(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """Every text of the content sections that is an item of a list, or a task."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _items(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            if isinstance(child, str):
                yield (*path, index), child
            else:
                yield from _items(child, (*path, index))
    elif isinstance(value, str) and path[-1:] == ("task",):
        yield path, value


def _key(text: str) -> str:
    return " ".join(_words(text))


def _own_result(first: DataPath, second: DataPath) -> bool:
    """Whether one is a duty's task and the other one of its results (the restating check's)."""
    return first[:2] == second[:2] and first[0] == "duties" and "task" in (first[2], second[2])


def repeated_items(data: Mapping[str, Any]) -> list[Finding]:
    """Each item that says what an item before it said, within a list or across the sections."""
    seen: dict[str, list[DataPath]] = {}
    found = []
    for key in CONTENT:
        if key not in data:
            continue
        for path, text in _items(data[key], (key,)):
            normal = _key(text)
            if not normal:
                continue
            earlier = [other for other in seen.get(normal, []) if not _own_result(other, path)]
            if earlier:
                found.append(Finding(REPEATED_ITEM, path, 0, text, (), earlier[0]))
            seen.setdefault(normal, []).append(path)
    return found


def _ending(text: str) -> str:
    last = text.rstrip()[-1:]
    return last if last in ENDINGS else ""


def _lists(value: Any, path: DataPath) -> Iterator[tuple[DataPath, list[str]]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _lists(child, (*path, key))
    elif isinstance(value, list):
        if len(value) > 1 and all(isinstance(item, str) for item in value):
            yield path, value
        else:
            for index, child in enumerate(value):
                yield from _lists(child, (*path, index))


def _ended(text: str, ending: str) -> str:
    return text.rstrip().rstrip(ENDINGS).rstrip() + ending


def end_punctuation(data: Mapping[str, Any]) -> list[Finding]:
    """Each item of a list that ends otherwise than the list's other items.

    A list ends its items alike: all with ".", all with nothing, or all with ";", "," or
    nothing and the last with "." (a list that is one sentence, closed by its period).
    """
    found = []
    for key in CONTENT:
        if key not in data:
            continue
        for path, items in _lists(data[key], (key,)):
            endings = [_ending(item) for item in items]
            separated = any(set(endings[:-1]) <= {mark} for mark in (";", ",", ""))
            if len(set(endings)) == 1 or (separated and endings[-1] == "."):
                continue
            counts = Counter(endings)
            top = max(counts.values())
            usual = next(ending for ending in endings if counts[ending] == top)
            for index, (item, ending) in enumerate(zip(items, endings, strict=True)):
                last = index == len(items) - 1
                if ending == usual or (last and usual in (";", ",", "") and ending == "."):
                    continue
                right = _ended(item, usual)
                found.append(Finding(END_PUNCTUATION, (*path, index), 0, item, (right,)))
    return found
