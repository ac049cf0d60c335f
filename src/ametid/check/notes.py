"""Notes on valid positions: what `validate` says of a file without making it invalid."""

from __future__ import annotations

import datetime

from ametid.core.approval import APPROVAL, ApprovalState, approval_state
from ametid.core.language import gettext as _
from ametid.core.layout import Layout
from ametid.core.problems import NOTE, Problem
from ametid.source.loader import Document

# HR's lifecycle status of a position, beside the approval state it is compared with.
STATUS = "status"
IN_FORCE = "kehtiv"


def check_notes(document: Document, display: str, layout: Layout) -> list[Problem]:
    """The notes on one valid position: a status that its approval does not bear out, an
    approval without a digest, or one its content changed after."""
    notes = []
    state = approval_state(document.data, layout)
    if document.data.get(STATUS) == IN_FORCE and not state.approved:
        line, column = document.locate((STATUS,))
        if state is ApprovalState.CHANGED:
            message = _(
                "status kehtiv, but the text has changed since it was approved; approve it again "
                "or set the status to kavand"
            )
        else:
            message = _("status kehtiv, but the position is not approved; approve it first")
        notes.append(
            Problem(display, line, column, STATUS, message, "in-force-unapproved", severity=NOTE)
        )
    if state is ApprovalState.UNDIGESTED:
        line, column = document.locate((APPROVAL,), key=True)
        message = _("has no digest yet; run `ametid approve --keep`")
        notes.append(Problem(display, line, column, APPROVAL, message, "no-digest", severity=NOTE))
    elif state is ApprovalState.CHANGED:
        approval = document.data[APPROVAL]
        day = datetime.date.fromisoformat(approval["date"]).strftime("%d.%m.%Y")
        message = _(
            "the content changed after its approval ({date}, directive nr {directive}): the "
            "documents print it as a draft (KAVAND) until it is approved again with "
            "`ametid approve`"
        ).format(date=day, directive=approval["directive"])
        line, column = document.locate((APPROVAL,), key=True)
        notes.append(
            Problem(
                display, line, column, APPROVAL, message, "changed-since-approval", severity=NOTE
            )
        )
    return notes
