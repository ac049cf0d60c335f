"""The directive's text: singular and plural wording, items numbered, revocations as given."""

from __future__ import annotations

from ametid.core.project import find_project
from ametid.directive.contents import Annex, directive_text, revoked_item
from ametid.directive.wording import Wording, read_wording
from support.paths import REPO


def wording() -> Wording:
    """The repository's own data/directive.yaml."""
    return read_wording(find_project(REPO))


def test_one_annex_is_named_in_the_singular() -> None:
    text = directive_text(wording(), "Amet", "7", "2026-01-07", [Annex(1, "a", "Nõustaja")], [])
    assert text.lines() == [
        "Amet",
        "KÄSKKIRI",
        "07.01.2026 nr 7",
        "Ametijuhendi kinnitamine",
        "Avaliku teenistuse seaduse § 52 lõigete 1 ja 2 ning töölepingu seaduse § 5 lõike 1 "
        "punkti 6 alusel:",
        "1. Kinnitan ametijuhendi vastavalt lisale 1 järgmiselt:",
        "1.1. Nõustaja (lisa 1).",
        "2. Käskkiri jõustub allkirjastamisel.",
        "3. " + wording().text("appeal"),
        "(allkirjastatud digitaalselt)",
        "Peadirektor",
    ]


def test_several_revocations_are_items_of_one_point() -> None:
    earlier = [
        revoked_item(
            wording(),
            {"by": "X peadirektori", "date": "2025-03-01", "directive": "9", "annex": "2"},
            "Nõustaja",
        ),
        revoked_item(
            wording(), {"by": "X peadirektori", "date": "2024-02-01", "directive": "3"}, "Jurist"
        ),
    ]
    annexes = [Annex(1, "a", "Nõustaja"), Annex(2, "b", "Jurist")]
    text = directive_text(wording(), "Amet", "7", "2026-01-07", annexes, earlier)
    assert text.lines()[5:11] == [
        "1. Kinnitan ametijuhendid vastavalt lisadele 1\N{EN DASH}2 järgmiselt:",
        "1.1. Nõustaja (lisa 1);",
        "1.2. Jurist (lisa 2).",
        "2. Tunnistan kehtetuks:",
        "2.1. X peadirektori 01.03.2025 käskkirja nr 9 lisa 2 (Nõustaja);",
        "2.2. X peadirektori 01.02.2024 käskkirjaga nr 3 kinnitatud ametijuhendi „Jurist“.",
    ]
