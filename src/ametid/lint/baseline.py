"""The baseline: findings a project has recorded as known, so that only new ones fail.

A finding is known by its file, its place in the data, its check and its words, not by its
line: an edit elsewhere in the file does not make a known finding new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ametid.core.files import write_file
from ametid.core.language import gettext as _
from ametid.core.problems import AmetidError, Problem, display_path

Key = tuple[str, str, str, str]  # file (from the project's root), data path, check, words
VERSION = 1
FIELDS = ("file", "path", "code", "wrong")


def read(path: Path) -> Counter[Key]:
    """The findings recorded in a baseline file; none when there is no such file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Counter()
    except (OSError, UnicodeDecodeError) as error:
        message = _("cannot read the baseline: {reason}").format(reason=error)
        raise AmetidError(
            [Problem(display_path(path), message=message, code="bad-baseline")]
        ) from None
    try:
        data = json.loads(text)
        entries = data["findings"]
        keys = Counter(tuple(str(entry[field]) for field in FIELDS) for entry in entries)
    except (ValueError, KeyError, TypeError):
        message = _("not a baseline of ametid lint; write it again with --write-baseline")
        raise AmetidError(
            [Problem(display_path(path), message=message, code="bad-baseline")]
        ) from None
    return Counter({(key[0], key[1], key[2], key[3]): count for key, count in keys.items()})


def write(path: Path, keys: Iterable[Key]) -> None:
    """Record findings as the baseline, sorted, so that the file changes only with them."""
    entries = [dict(zip(FIELDS, key, strict=True)) for key in sorted(keys)]
    document = {"version": VERSION, "findings": entries}
    write_file(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n", force=True)
