"""Estonian morphology: Vabamorf, through EstNLTK, which bundles its lexicon (no download).

EstNLTK is an optional extra (`ametid[lint]`), since it is large; the lint runs its other
checks without it. Vabamorf is loaded once per process, on first use.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import time
import types
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

INSTALL = "pip install 'ametid[lint]'"


class _Vabamorf(Protocol):
    def spellcheck(self, words: list[str], suggestions: bool = True) -> list[dict[str, Any]]: ...

    def analyze(self, words: list[str], **options: bool) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Analysis:
    """One reading of a word: its part of speech, its form and the parts of a compound."""

    part_of_speech: str
    form: str
    parts: tuple[str, ...]


class Morphology:
    """Spelling and analyses of words, each word asked of Vabamorf once."""

    def __init__(self, vabamorf: _Vabamorf, load_seconds: float) -> None:
        self._vabamorf = vabamorf
        self.load_seconds = load_seconds
        self._spelling: dict[str, tuple[str, ...] | None] = {}
        self._analyses: dict[str, tuple[Analysis, ...]] = {}

    def misspelt(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The words Vabamorf does not know, each with its suggestions, best first."""
        new = sorted({word for word in words if word not in self._spelling})
        if new:
            for answer in self._vabamorf.spellcheck(new, suggestions=True):
                known = bool(answer["spelling"])
                suggestions = tuple(str(s) for s in answer["suggestions"])
                self._spelling[str(answer["text"])] = None if known else suggestions
        return {word: found for word in words if (found := self._spelling.get(word)) is not None}

    def analyses(self, word: str) -> tuple[Analysis, ...]:
        """Every reading of a word, compounds split; none for a word Vabamorf does not know."""
        found = self._analyses.get(word)
        if found is None:
            answer = self._vabamorf.analyze(
                [word], disambiguate=False, guess=False, propername=False, phonetic=False
            )
            found = tuple(
                Analysis(str(item["partofspeech"]), str(item["form"]), tuple(item["root_tokens"]))
                for item in answer[0]["analysis"]
            )
            self._analyses[word] = found
        return found


def _vabamorf_alone() -> type[Any] | None:
    """EstNLTK's Vabamorf module without EstNLTK's own package, None when that cannot be done.

    `import estnltk` loads pandas, NumPy, matplotlib and its taggers, which takes seconds;
    its Vabamorf binding (estnltk.vabamorf) needs none of them and loads in a fraction of a
    second. So the package is stood in for by an empty one on EstNLTK's own path while its
    Vabamorf module is imported, and taken away again, so that a later `import estnltk` (by
    other code in the process) runs the real one.
    """
    if "estnltk" in sys.modules:
        return None
    spec = importlib.util.find_spec("estnltk")
    if spec is None or not spec.submodule_search_locations:
        return None
    stand_in = types.ModuleType("estnltk")
    stand_in.__path__ = list(spec.submodule_search_locations)
    sys.modules["estnltk"] = stand_in
    try:
        from estnltk.vabamorf.morf import Vabamorf
    except ImportError:
        for name in [name for name in sys.modules if name.startswith("estnltk.")]:
            del sys.modules[name]
        return None
    finally:
        del sys.modules["estnltk"]
    return Vabamorf  # type: ignore[no-any-return]


@functools.cache
def load() -> Morphology | None:
    """Vabamorf, loaded once per process; None when the `lint` extra is not installed."""
    started = time.perf_counter()
    vabamorf = _vabamorf_alone()
    if vabamorf is None:
        try:
            from estnltk.vabamorf.morf import Vabamorf
        except ImportError:
            return None
        vabamorf = Vabamorf
    return Morphology(vabamorf.instance(), time.perf_counter() - started)
