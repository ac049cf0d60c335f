"""The words the index page's search box looks through for each position."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_WORD = re.compile(r"\w+")


def search_text(data: Mapping[str, Any]) -> str:
    """The distinct words of a position's title, unit and duties, lower case, in sorted order.

    Lower case as JavaScript's toLowerCase() writes it, so the page can compare what is typed
    with these words without knowing Python's rules.
    """
    texts = [data["title"], *data["unit"]]
    for duty in data.get("duties", []):
        texts.append(duty["task"])
        texts.extend(duty["results"])
    words = {word for text in texts for word in _WORD.findall(text.lower())}
    return " ".join(sorted(words))
