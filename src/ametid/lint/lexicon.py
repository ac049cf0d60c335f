"""The project's own words: the words it accepts, and the known wrong forms with corrections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ametid.core.language import gettext as _
from ametid.core.problems import AmetidError, Problem, display_path

SHIPPED_WRONG_FORMS = "wrong_forms.yaml"
# An abbreviation takes its case ending joined or after a hyphen: STARi, SKAIS-is, PSK-d.
_INFLECTED = re.compile(r"([A-ZÕÄÖÜŠŽ]{2,})-?([a-zõäöüšž]{1,4})")


@dataclass(frozen=True)
class Lexicon:
    """Words accepted as they are, and wrong forms with their corrections (keys lower case)."""

    accepted: frozenset[str] = frozenset()
    wrong_forms: dict[str, str] = field(default_factory=dict)

    def accepts(self, word: str) -> bool:
        """Whether the project accepts a word: as listed, or in lower case at a sentence's start."""
        if word in self.accepted or word.lower() in self.accepted:
            return True
        inflected = _INFLECTED.fullmatch(word)
        return inflected is not None and inflected.group(1) in self.accepted

    def correction(self, word: str) -> str | None:
        """The correction of a known wrong form, None when the word is not one."""
        return self.wrong_forms.get(word.lower())


def _problem(path: Path, message: str, line: int | None = None) -> AmetidError:
    return AmetidError([Problem(display_path(path), line, message=message, code="bad-word-list")])


def read_accepted(path: Path) -> frozenset[str]:
    """The accepted words of a word list: one a line, `#` starts a comment; none if it is absent."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    except (OSError, UnicodeDecodeError) as error:
        raise _problem(
            path, _("cannot read the word list: {reason}").format(reason=error)
        ) from None
    words = set()
    for number, line in enumerate(text.splitlines(), 1):
        word = line.partition("#")[0].strip()
        if not word:
            continue
        if any(character.isspace() for character in word):
            message = _("one word a line; split this line, or remove the space")
            raise _problem(path, message, number)
        words.add(word)
    return frozenset(words)


def _swaps(data: Any, path: Path) -> dict[str, str]:
    swap = data.get("swap") if isinstance(data, dict) else None
    if data is None or swap is None:
        return {}
    if not isinstance(swap, dict) or not all(
        isinstance(key, str) and isinstance(value, str) and key.strip() and value.strip()
        for key, value in swap.items()
    ):
        message = _("should hold 'swap:' with lines 'wrong form: correction'")
        raise _problem(path, message)
    return {key.strip().lower(): value.strip() for key, value in swap.items()}


def read_wrong_forms(path: Path) -> dict[str, str]:
    """The wrong forms of a project's list ('swap:' wrong: right); none if it is absent."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise _problem(
            path, _("cannot read the word list: {reason}").format(reason=error)
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise _problem(path, _("not valid YAML: {error}").format(error=error)) from None
    return _swaps(data, path)


def shipped_wrong_forms() -> dict[str, str]:
    """The wrong forms ametid knows of itself."""
    text = resources.files(__package__).joinpath(SHIPPED_WRONG_FORMS).read_text(encoding="utf-8")
    return _swaps(yaml.safe_load(text), Path(SHIPPED_WRONG_FORMS))
