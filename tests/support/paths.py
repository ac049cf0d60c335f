"""Where the repository, the tests and their data are."""

from __future__ import annotations

from pathlib import Path

from ametid.core.layout import read_layout

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
DATA = TESTS / "data"

# The repository's layout table, as the YAML writer and the places in messages use it.
LAYOUT = read_layout(REPO / "templates")
ORDER = LAYOUT.order
# The repository's positions with every library text written out in place, as they were
# written before the library held their shared texts: what the positions say, for the tests
# that edit or compare their texts.
WRITTEN_OUT = DATA / "fixtures" / "written-out"
