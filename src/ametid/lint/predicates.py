"""Particle verbs as predicates: "on väljatöötatud" is written "on välja töötatud".

A particle verb's past participle is written joined only as an adjective before its noun
("väljatöötatud juhised"); after a form of "olema" it is the predicate, and written apart.
Vabamorf tells the two kinds of joined participle apart: a compound verb ("kooskõlastatud",
"allkirjastatud") also reads as a verb form, a joined particle verb only as an adjective.
"""

from __future__ import annotations

from ametid.core.model import DataPath
from ametid.lint.finding import PARTICLE_VERB, Finding
from ametid.lint.morphology import Morphology
from ametid.lint.words import Word, joined, words

OLEMA = frozenset(
    {
        "on", "oli", "olid", "olin", "olime", "olite", "olen", "oled", "oleme", "olete", "ole",
        "pole", "polnud", "olnud", "oleks", "oleksid", "olgu", "olevat", "olema", "olla",
    }
)  # fmt: skip
# The particles (and the adverbs that behave as particles) that verbs take.
PARTICLES = frozenset(
    {
        "alla", "arvesse", "edasi", "eemale", "ellu", "esile", "ette", "ilmsiks", "juurde",
        "järele", "järgi", "kaasa", "kasutusele", "kinni", "kirja", "kokku", "korda", "kätte",
        "lahti", "läbi", "maha", "osa", "peale", "sisse", "taga", "tagasi", "taha", "teatavaks",
        "tähele", "valmis", "vastu", "välja", "ära", "ümber", "üle", "üles", "ühte",
    }
)  # fmt: skip
# How far after "olema" the participle may stand ("on põhjalikult väljaselgitatud").
REACH = 3
NOMINATIVE = frozenset({"sg n", "pl n"})


def _split(word: str, morphology: Morphology) -> str | None:
    """The word written apart when it is a joined particle verb's participle, else None."""
    lower = word.lower()
    if not lower.endswith(("tud", "dud")):
        return None
    readings = morphology.analyses(lower)
    if not readings or any(reading.part_of_speech == "V" for reading in readings):
        return None
    for reading in readings:
        first = reading.parts[0] if len(reading.parts) > 1 else ""
        if first in PARTICLES and lower.startswith(first) and len(lower) > len(first) + 3:
            return f"{word[: len(first)]} {word[len(first) :]}"
    return None


def _attributive(after: Word | None, morphology: Morphology) -> bool:
    """Whether the word after a participle is a noun it describes ("on väljatöötatud juhised")."""
    if after is None:
        return False
    return any(
        reading.part_of_speech == "S" and reading.form in NOMINATIVE
        for reading in morphology.analyses(after.text.lower())
    )


def _verb(word: Word, morphology: Morphology) -> bool:
    return any(reading.part_of_speech == "V" for reading in morphology.analyses(word.text.lower()))


def particle_verbs(
    path: DataPath, text: str, morphology: Morphology, found_words: list[Word] | None = None
) -> list[Finding]:
    """The joined particle-verb participles after a form of "olema" in a text (whose words
    are `found_words`, when the caller has them already)."""
    found: list[Finding] = []
    if found_words is None:
        found_words = words(text)
    for index, word in enumerate(found_words):
        if word.text.lower() not in OLEMA:
            continue
        previous = word
        for position in range(index + 1, min(index + 1 + REACH, len(found_words))):
            candidate = found_words[position]
            if not joined(text, previous, candidate):
                break
            split = _split(candidate.text, morphology)
            if split is not None:
                after = found_words[position + 1] if position + 1 < len(found_words) else None
                if after is not None and not joined(text, candidate, after):
                    after = None
                if not _attributive(after, morphology):
                    wrong = text[word.start : candidate.end]
                    right = text[word.start : candidate.start] + split
                    found.append(Finding(PARTICLE_VERB, path, word.start, wrong, (right,)))
                break
            if _verb(candidate, morphology):
                break
            previous = candidate
    return found
