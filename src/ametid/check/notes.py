"""Notes on valid positions: what `validate` says of a file without making it invalid."""

from __future__ import annotations

from ametid.core.approval import APPROVAL, ApprovalState, approval_state
from ametid.core.language import gettext as _
from ametid.core.layout import Layout
from ametid.core.problems import NOTE, Problem
from ametid.source.loader import Document


def check_notes(document: Document, display: str, layout: Layout) -> list[Problem]:
    """The notes on one valid position."""
    notes = []
    if approval_state(document.data, layout) is ApprovalState.UNDIGESTED:
        line, column = document.locate((APPROVAL,), key=True)
        message = _("has no digest yet; run `ametid approve --keep`")
        notes.append(Problem(display, line, column, APPROVAL, message, "no-digest", severity=NOTE))
    return notes
