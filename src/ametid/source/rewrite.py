"""Changing a position file in place while keeping how it is written.

Commands that edit files people wrote (`approve`, `library extract`, `rename-unit`) change only
what they must: comments, quoting, folded texts, flow-style lists and key order stay as they were.
ruamel.yaml's round-trip mode does this; it reads YAML 1.2, as ametid's own reader does. A file is
changed only after ametid's reader has accepted it, so the round trip never meets what that reader
refuses (anchors, tags, duplicate keys).
"""

from __future__ import annotations

import io
import re
from typing import Any, cast

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import FoldedScalarString

from ametid.source.dumper import INDENT, WIDTH, fold

# ruamel.yaml leaves a space at the end of a line where it breaks a long flow mapping after a key.
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    # Mappings indented by two, the dash of a list item two in from its key: "duties:\n  - task:".
    yaml.indent(mapping=len(INDENT), sequence=2 * len(INDENT), offset=len(INDENT))
    return yaml


def load(text: str) -> Any:
    """Read a position's text into ruamel.yaml's round-trip nodes (mappings keep their comments)."""
    return _yaml().load(text)


def dump(data: Any) -> str:
    """Write round-trip nodes back as text, unchanged parts exactly as they were read."""
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return _TRAILING_SPACE.sub("", stream.getvalue())


def folded(text: str, indent: int = 2 * len(INDENT)) -> str:
    """A new text for a place `indent` columns in: folded (`>-`) at WIDTH, as the writer folds."""
    lines = [line.strip() for line in fold(text, indent)]
    if len(lines) == 1:
        return text
    node = FoldedScalarString(text)
    # ruamel.yaml breaks a folded text at the spaces listed in `fold_pos`.
    ends = [len(line) for line in lines[:-1]]
    node.fold_pos = [sum(ends[: n + 1]) + n for n in range(len(ends))]
    return cast(str, node)
