"""Estonian alphabetical order, the same on every machine whatever its locale."""

from __future__ import annotations

import contextlib
import locale

import pytest

from ametid.core.collation import estonian_key


def test_the_estonian_alphabet_orders_letters() -> None:
    words = ["ülem", "öö", "äri", "õun", "tamm", "žürii", "zooloog", "šaht", "sõna", "wolfram"]
    words += ["xenon", "yard", "vesi", "ahi"]
    assert sorted(words, key=estonian_key) == [
        "ahi",
        "sõna",
        "šaht",
        "zooloog",
        "žürii",
        "tamm",
        "vesi",
        "wolfram",
        "õun",
        "äri",
        "öö",
        "ülem",
        "xenon",
        "yard",
    ]


def test_capitals_sort_with_their_small_letters() -> None:
    words = ["Õigusnõunik", "Analüütik", "Šoför", "sekretär", "Ekspert", "ekspert", "Ülemarst"]
    assert sorted(words, key=estonian_key) == [
        "Analüütik",
        "ekspert",
        "Ekspert",
        "sekretär",
        "Šoför",
        "Õigusnõunik",
        "Ülemarst",
    ]


def test_letters_come_first_accents_second() -> None:
    assert sorted(["Éva", "Evald", "Eva"], key=estonian_key) == ["Eva", "Éva", "Evald"]


def test_spaces_and_punctuation_sort_before_letters() -> None:
    titles = ["Ekspert (seire)", "Ekspertnõunik", "Ekspert", "Ekspert, juht"]
    assert sorted(titles, key=estonian_key) == [
        "Ekspert",
        "Ekspert (seire)",
        "Ekspert, juht",
        "Ekspertnõunik",
    ]


def test_composed_and_decomposed_letters_are_the_same() -> None:
    assert estonian_key("Šaht")[:3] == estonian_key("S\u030caht")[:3]


@pytest.mark.parametrize("name", ["C", "C.UTF-8", "en_US.UTF-8", "et_EE.UTF-8"])
def test_the_machine_locale_changes_nothing(name: str) -> None:
    words = ["Ülo", "Zoja", "Šura", "Sass", "Tõnu", "Õie"]
    expected = ["Sass", "Šura", "Zoja", "Tõnu", "Õie", "Ülo"]
    previous = locale.setlocale(locale.LC_COLLATE)
    try:
        # A locale this machine lacks stays the previous one; the order must not depend on it.
        with contextlib.suppress(locale.Error):
            locale.setlocale(locale.LC_COLLATE, name)
        assert sorted(words, key=estonian_key) == expected
    finally:
        locale.setlocale(locale.LC_COLLATE, previous)
