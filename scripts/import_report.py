"""Print how `ametid import` reads the corpus of other agencies' layouts, tests/data/import/.

Run from the project root: `make import-report`. Per file (each document as Word, PDF and
extracted text): the share of the expected YAML's words and sentences the import found (a
sentence counts where it stands in the same field), the counts of duties, rights and
responsibilities against the expected ones, whether the data is the same, and what went to
comments, which placeholders were left, which fields hold text the expected YAML has not, and the
problems the import reported.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.corpus import FORMS, measure_file, names


def main() -> None:
    """Print the report; with --summary, only one line per file."""
    summary = "--summary" in sys.argv[1:]
    measures = [measure_file(name, form) for name in names() for form in FORMS]
    for item in measures:
        print(item.line() if summary else item.report())
    same = sum(item.same for item in measures)
    print(f"{same} of {len(measures)} files import as their expected YAML")


if __name__ == "__main__":
    main()
