"""Notes on valid positions: what `validate` says of a file without making it invalid."""

from __future__ import annotations

import datetime

from ametid.core.approval import APPROVAL, ApprovalState, approval_state
from ametid.core.language import gettext as _
from ametid.core.layout import Layout
from ametid.core.problems import NOTE, Problem
from ametid.source.loader import Document


def check_notes(document: Document, display: str, layout: Layout) -> list[Problem]:
    """The notes on one valid position: an approval without a digest, or one its content
    changed after."""
    state = approval_state(document.data, layout)
    if state is ApprovalState.UNDIGESTED:
        message = _("has no digest yet; run `ametid approve --keep`")
        code = "no-digest"
    elif state is ApprovalState.CHANGED:
        approval = document.data[APPROVAL]
        day = datetime.date.fromisoformat(approval["date"]).strftime("%d.%m.%Y")
        message = _(
            "the content changed after its approval ({date}, directive nr {directive}): the "
            "documents print it as a draft (KAVAND) until it is approved again with "
            "`ametid approve`"
        ).format(date=day, directive=approval["directive"])
        code = "changed-since-approval"
    else:
        return []
    line, column = document.locate((APPROVAL,), key=True)
    return [Problem(display, line, column, APPROVAL, message, code, severity=NOTE)]
