"""Double spaces between words."""

from __future__ import annotations

import re

from ametid.core.model import DataPath
from ametid.lint.finding import DOUBLE_SPACE, Finding

# The word before the spaces and the word after them, so that the finding shows the place.
_DOUBLE = re.compile(r"(\S+)( {2,})(\S+)")


def double_spaces(path: DataPath, text: str) -> list[Finding]:
    """Each run of two or more spaces between words in a text."""
    found = []
    position = 0
    while (match := _DOUBLE.search(text, position)) is not None:
        right = f"{match.group(1)} {match.group(3)}"
        found.append(Finding(DOUBLE_SPACE, path, match.start(), match.group(), (right,)))
        position = match.start(3)
    return found
