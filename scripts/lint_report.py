"""The lint's recall and precision on its test corpus (tests/data/lint/corpus.yaml).

Run from the project root: `make lint-report`. Every case of the corpus is linted with the
project's word lists; a finding is right when a mistake of the case has its check, its place and
its words, and its correction is among the finding's suggestions.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ametid.core.model import format_path
from ametid.core.project import find_project
from ametid.lint import settings as lint_settings
from ametid.lint.finding import Finding
from ametid.lint.linter import lint_data
from ametid.lint.morphology import load

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "lint" / "corpus.yaml"


@dataclass
class Score:
    """What the lint found on the corpus, against what it should have found."""

    expected: int = 0
    found: int = 0
    right: int = 0  # findings that match a mistake
    corrected: int = 0  # of those, with the expected correction among the suggestions
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """The share of the corpus's mistakes that the lint found."""
        return self.right / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """The share of the lint's findings that are mistakes of the corpus."""
        return self.right / self.found if self.found else 1.0


def _matches(item: Finding, mistake: dict[str, Any]) -> bool:
    return bool(
        item.code == mistake["code"]
        and format_path(item.path) == mistake["path"]
        and item.wrong == mistake["wrong"]
    )


def score(corpus: Path = CORPUS) -> Score:
    """Lint every case of the corpus and count what was found, missed and wrongly found."""
    project = find_project(ROOT)
    chosen = lint_settings.read(project)
    lexicon = lint_settings.lexicon(project, chosen)
    morphology = load()
    cases = yaml.safe_load(corpus.read_text(encoding="utf-8"))
    result = Score()
    for case in [*cases["mistakes"], *cases["correct"]]:
        mistakes = list(case.get("mistakes", []))
        result.expected += len(mistakes)
        for item in lint_data(case["data"], lexicon, morphology, chosen.enabled):
            result.found += 1
            match = next((mistake for mistake in mistakes if _matches(item, mistake)), None)
            shown = f"{item.code} {format_path(item.path)}: {item.wrong!r} -> {item.suggestions}"
            if match is None:
                result.false.append(shown)
                continue
            mistakes.remove(match)
            result.right += 1
            if not match["correction"] or match["correction"] in item.suggestions:
                result.corrected += 1
        result.missed += [f"{m['code']} {m['path']}: {m['wrong']!r}" for m in mistakes]
    return result


def main() -> int:
    """Print the corpus's figures; exit 1 when recall or precision is below the bar."""
    if load() is None:
        print("Estonian morphology is not installed: pip install -e '.[lint]'", file=sys.stderr)
        return 1
    result = score()
    print(f"mistakes in the corpus: {result.expected}; findings: {result.found}")
    print(f"recall:    {result.recall:.3f} ({result.right} of {result.expected} found)")
    print(f"precision: {result.precision:.3f} ({result.right} of {result.found} right)")
    print(f"corrections among the suggestions: {result.corrected} of {result.right}")
    for line in result.missed:
        print(f"missed: {line}")
    for line in result.false:
        print(f"false:  {line}")
    return 0 if result.recall >= 0.9 and result.precision >= 0.95 else 1


if __name__ == "__main__":
    raise SystemExit(main())
