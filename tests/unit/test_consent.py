"""The consent rule: which changes need the employee's consent, and where spelling ends."""

from __future__ import annotations

import pytest

from ametid.history.consent import change_verdict, edit_distance, form_of_change
from ametid.history.words import Segment, diff_words


@pytest.mark.parametrize(
    ("old", "new", "form"),
    [
        ("Tähtaegselt.", "Tähtaegselt.", "same"),
        ("Töö  on tehtud.", "Töö on\ntehtud.", "whitespace"),
        ("Õigus teha kaugtööd.", "õigus teha Kaugtööd.", "case"),
        ("Hea, selge sõna.", "Hea selge sõna!", "punctuation"),
        ("Täidetud õieaegselt.", "Täidetud õigeaegselt.", "spelling"),
        ("koostöö partneritele", "koostööpartneritele", "spelling"),
        ("Vastutus vahendite eest.", "Vastutus vahendtie eest.", "spelling"),
        ("Teenistuja peab osalema.", "Teenistuja võib osalema.", "wording"),
        ("Tema ja kolleeg.", "Tema ka kolleeg.", "wording"),
        ("Viieaastane töökogemus.", "Kuueaastane töökogemus.", "wording"),
        ("Vähemalt 5 aastat.", "Vähemalt 6 aastat.", "wording"),
        ("Kohustus osaleda.", "Kohustus mitte osaleda.", "wording"),
        ("Kohustus mitte osaleda.", "Kohustus osaleda.", "wording"),
        ("Hindamine ja arendamine.", "Arendamine.", "wording"),
    ],
)
def test_form_of_change(old: str, new: str, form: str) -> None:
    assert form_of_change(old, new) == form


def test_edit_distance_counts_a_swap_as_one_edit() -> None:
    assert edit_distance("vahendite", "vahendtie") == 1
    assert edit_distance("õieaegselt", "õigeaegselt") == 1
    assert edit_distance("peab", "võib") == 3


@pytest.mark.parametrize(
    ("path", "kind", "old", "new", "verdict"),
    [
        (
            ("purpose",),
            "changed",
            "Nõustajate toetamine.",
            "Nõustajate hindamine.",
            (True, "purpose"),
        ),
        (
            ("purpose",),
            "changed",
            "Nõustajate toetamine.",
            "Nõustajate toetamine!",
            (False, "punctuation"),
        ),
        (("duties", 2), "added", None, "Uus ülesanne.", (True, "duty-added")),
        (("duties", 0), "removed", "Vana ülesanne.", None, (True, "duty-removed")),
        (("duties", 4), "moved", "Ülesanne.", "Ülesanne.", (False, "reordered")),
        (
            ("duties", 1, "task"),
            "changed",
            "Osaleb õieaegselt.",
            "Osaleb õigeaegselt.",
            (False, "spelling"),
        ),
        (("duties", 1, "task"), "changed", "Osaleb töös.", "Juhib tööd.", (True, "task")),
        (
            ("duties", 1, "results", 0),
            "changed",
            "Tehtud.",
            "Valmis ja üle antud.",
            (False, "elsewhere"),
        ),
        (("duties", 1, "results", 1), "added", None, "Uus tulemus.", (False, "elsewhere")),
        (("rights", 3), "moved", "Õigus.", "Õigus.", (False, "reordered")),
        (
            ("requirements", "education"),
            "changed",
            "Kõrgharidus",
            "Keskharidus",
            (False, "elsewhere"),
        ),
        (("approval", "date"), "changed", "2025-05-19", "2026-05-19", (False, "elsewhere")),
    ],
)
def test_change_verdict(
    path: tuple[str | int, ...],
    kind: str,
    old: str | None,
    new: str | None,
    verdict: tuple[bool, str],
) -> None:
    assert change_verdict(path, kind, old, new) == verdict


def test_word_diff_shows_whole_words() -> None:
    assert diff_words("Täidetud õieaegselt ja hästi.", "Täidetud õigeaegselt ja hästi.") == [
        Segment("equal", "Täidetud "),
        Segment("delete", "õieaegselt"),
        Segment("insert", "õigeaegselt"),
        Segment("equal", " ja hästi."),
    ]


def test_word_diff_joins_neighbouring_changes() -> None:
    assert diff_words("Üks kaks kolm neli.", "Üks viis kuus neli.") == [
        Segment("equal", "Üks "),
        Segment("delete", "kaks kolm"),
        Segment("insert", "viis kuus"),
        Segment("equal", " neli."),
    ]


def test_word_diff_of_a_text_added_or_removed() -> None:
    assert diff_words(None, "Uus.") == [Segment("insert", "Uus.")]
    assert diff_words("Vana.", None) == [Segment("delete", "Vana.")]
