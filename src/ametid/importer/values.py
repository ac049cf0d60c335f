"""Turning the text under a label into the value a position holds: lists, levels, names."""

from __future__ import annotations

import re

from ametid.importer.vocabulary import Vocabulary, normal

# The same sentence break the Markdown template uses: . ! or ? and then a capital letter.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZÕÄÖÜŠŽ])")
_LEVEL = re.compile(r"\b([ABC][12])\b")
# "eesti keel C1 ja inglise keel B2": the word between two languages of one sentence.
_AND = re.compile(r"\s+(?:ja|ning)\s+(?=\S+\s+keel)")
_PERSON_WORD = re.compile(r"[A-ZÕÄÖÜŠŽ][a-zõäöüšž]+(?:-[A-ZÕÄÖÜŠŽ][a-zõäöüšž]+)?")
_TRAILING_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)$")


def squash(text: str) -> str:
    """Fold every run of whitespace into one space."""
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """Split a text into its sentences."""
    return [part for part in _SENTENCE_BREAK.split(squash(text)) if part]


def split_list(text: str) -> list[str]:
    """Split "a, b (c, d), e" at the commas outside parentheses."""
    items, depth, current = [], 0, ""
    for char in squash(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    items.append(current.strip())
    return [item for item in items if item]


def names(text: str, vocab: Vocabulary) -> list[str]:
    """A list of positions or units; "-" or "Puuduvad" is the empty list."""
    return [] if vocab.is_none(text) else split_list(text)


def scope(items: list[str], vocab: Vocabulary) -> tuple[list[str], str | None]:
    """Take a limiting parenthesis ("(ülesannete ulatuses, …)") off the last position."""
    if not items:
        return items, None
    found = _TRAILING_PARENTHESIS.search(items[-1])
    if found and any(word in found.group(1).casefold() for word in vocab.scope_words):
        rest = items[-1][: found.start()].strip()
        return [*items[:-1], rest] if rest else items[:-1], found.group(1).strip()
    return items, None


def level(text: str) -> str | None:
    """The CEFR level a language requirement names (A1 … C2)."""
    found = _LEVEL.search(text)
    return found.group(1) if found else None


def languages(texts: list[str]) -> list[dict[str, str]]:
    """One requirement per sentence naming a level; a sentence without a level joins the last."""
    items: list[str] = []
    for text in texts:
        for sentence in sentences(text):
            # "eesti keel C1, inglise keel B2" names two languages: one item each.
            parts = [sentence]
            if len(_LEVEL.findall(sentence)) > 1:
                parts = [
                    piece
                    for part in split_list(sentence)
                    for piece in (_AND.split(part) if len(_LEVEL.findall(part)) > 1 else [part])
                ]
            for part in parts:
                if items and level(part) is None:
                    separator = ", " if part is not sentence else " "
                    items[-1] = f"{items[-1]}{separator}{part}"
                else:
                    items.append(part)
    result = []
    for item in items:
        found = level(item)
        result.append({"text": item, "level": found} if found else {"text": item})
    return result


def split_columns(text: str, count: int) -> list[str] | None:
    """Split one line of a table that an extractor ran together into `count` columns."""
    text = text.strip()
    if count == 1:
        return [squash(text)]
    parts = [part for part in re.split(r"\s{2,}", text) if part]
    if len(parts) == count:
        return [squash(part) for part in parts]
    words = squash(text).split(" ")
    if len(words) % count == 0:
        size = len(words) // count
        chunks = [" ".join(words[i * size : (i + 1) * size]) for i in range(count)]
        if len(set(chunks)) == 1 or all(_PERSON_WORD.fullmatch(w) for w in words):
            return chunks  # the same words in each column, or names of people
    starts = [i for i, word in enumerate(words) if word[:1].isupper() or word[:1] == "("]
    if len(starts) == count and starts[0] == 0:
        bounds = [*starts, len(words)]
        return [" ".join(words[bounds[i] : bounds[i + 1]]) for i in range(count)]
    return None


def is_person(text: str) -> bool:
    """Whether a text looks like a person's name: two to four capitalised words."""
    words = squash(text).split(" ")
    return 2 <= len(words) <= 4 and all(_PERSON_WORD.fullmatch(word) for word in words)


def group(text: str, vocab: Vocabulary) -> str | None:
    """The group key ("töötaja") a document's wording names, if any."""
    return vocab.groups.exact(text.rstrip("."))


def signed_digitally(text: str, vocab: Vocabulary) -> tuple[bool, str]:
    """Whether a text says the document was signed digitally, and the text without saying so."""
    for phrase in vocab.digitally_signed:
        pattern = re.compile(r"\(?\s*" + re.escape(phrase) + r"\s*\)?", re.IGNORECASE)
        if pattern.search(text):
            return True, squash(pattern.sub(" ", text))
    return False, squash(text)


def starts_review_note(text: str, vocab: Vocabulary) -> bool:
    """Whether an unlabelled paragraph is the closing note on reviewing the description."""
    folded = normal(text)
    return any(folded.startswith(normal(start)) for start in vocab.review_note_starts)
