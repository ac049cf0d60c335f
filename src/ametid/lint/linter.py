"""The lint of one position's data: every enabled check, findings in the order of the text."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ametid.core.model import texts
from ametid.lint import finding, predicates, spacing, spelling, structure
from ametid.lint.finding import Finding
from ametid.lint.lexicon import Lexicon
from ametid.lint.morphology import Morphology
from ametid.lint.words import words

# Texts that are names or codes, not prose: the approval's directive, dates, the digest.
_NOT_PROSE = ("approval", "signatures", "level")


def _prose(data: Mapping[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    return [
        (path, text)
        for path, text in texts(dict(data))
        if not any(part in _NOT_PROSE for part in path)
    ]


def lint_data(
    data: Mapping[str, Any],
    lexicon: Lexicon,
    morphology: Morphology | None,
    enabled: Collection[str] = finding.CODES,
) -> list[Finding]:
    """Every finding of the enabled checks in one position's data (or a part of one).

    Without morphology the checks that need it are left out.
    """
    prose = _prose(data)
    tokens = [(path, words(text)) for path, text in prose]
    found: list[Finding] = []
    for (path, text), (_, found_words) in zip(prose, tokens, strict=True):
        if finding.WRONG_FORM in enabled:
            found += spelling.wrong_words(path, found_words, lexicon)
        if finding.DOUBLE_SPACE in enabled and "  " in text:
            found += spacing.double_spaces(path, text)
        if morphology is not None and finding.PARTICLE_VERB in enabled:
            found += predicates.particle_verbs(path, text, morphology, found_words)
    if morphology is not None and finding.UNKNOWN_WORD in enabled:
        found += spelling.unknown_words(tokens, lexicon, morphology)
    if finding.RESULT_RESTATES_TASK in enabled:
        found += structure.restated_results(data)
    if finding.REPEATED_ITEM in enabled:
        found += structure.repeated_items(data)
    if finding.END_PUNCTUATION in enabled:
        found += structure.end_punctuation(data)
    order = {path: index for index, (path, _) in enumerate(prose)}
    return sorted(
        found,
        key=lambda item: (
            order.get(item.path, len(order)),
            item.start,
            finding.CODES.index(item.code),
        ),
    )
