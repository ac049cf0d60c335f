"""The approval state of a position: whether what it prints is what was approved.

`ametid approve` records in a position's `approval` a digest of its printed content: the data as
checked, without the approval itself and without the keys the documents do not print (the
layout table's `unprinted`). The content is written as canonical JSON (RFC 8785), so the
digest depends on what the texts say, never on how the file writes them (line breaks in a
folded text, comments, quotes, key order); the version of that form stands in the digest's
prefix, so a later form can be told from this one.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Mapping
from typing import Any

import rfc8785

from ametid.core.layout import Layout

APPROVAL = "approval"
DIGEST = "digest"
CONSENT = "consent"
# The form of the content that is digested, and how: the prefix of every digest.
DIGEST_PREFIX = "ametid1-sha256:"
DIGEST_PATTERN = re.compile(r"ametid1-sha256:[0-9a-f]{64}")
DIGEST_SCHEMA_PATTERN = f"^{DIGEST_PATTERN.pattern}$"  # as the schema writes it
# How an employee's consent is given, as the schema's `approval.consent.form` names it.
CONSENT_FORMS = ("kirjalik", "digitaalne")
# What an approval says of its directive: a new approval changes at least one of them.
DECISION_KEYS = ("by", "date", "directive", "annex")


class ApprovalState(enum.Enum):
    """Whether a position is approved, and whether its content is still the approved one."""

    NONE = "none"  # no approval
    APPROVED = "approved"  # the content matches the approval's digest
    UNDIGESTED = "undigested"  # an approval without a digest: taken as approved
    CHANGED = "changed"  # the content no longer matches the approval's digest

    @property
    def approved(self) -> bool:
        """Whether the documents print the position as approved."""
        return self in (ApprovalState.APPROVED, ApprovalState.UNDIGESTED)


def printed_content(data: Mapping[str, Any], layout: Layout) -> dict[str, Any]:
    """The part of a position's data its documents print, the approval block aside."""
    left_out = {APPROVAL, *layout.unprinted}
    return {key: value for key, value in data.items() if key not in left_out}


def content_digest(data: Mapping[str, Any], layout: Layout) -> str:
    """The digest of a position's printed content: "ametid1-sha256:" and 64 hex digits."""
    canonical = rfc8785.dumps(printed_content(data, layout))
    return DIGEST_PREFIX + hashlib.sha256(canonical).hexdigest()


def as_printed(
    data: Mapping[str, Any], layout: Layout
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """What the documents print of a position: its data, and the approval it is a draft of
    when its content has changed since (else None).

    A changed position's data comes without its approval, so that no template, not even one
    written before drafts were known, prints it as approved.
    """
    if approval_state(data, layout) is not ApprovalState.CHANGED:
        return dict(data), None
    printed = {key: value for key, value in data.items() if key != APPROVAL}
    return printed, dict(data[APPROVAL])


def approval_state(data: Mapping[str, Any], layout: Layout) -> ApprovalState:
    """The approval state of a position's (checked) data."""
    approval = data.get(APPROVAL)
    if not isinstance(approval, Mapping):
        return ApprovalState.NONE
    recorded = approval.get(DIGEST)
    if recorded is None:
        return ApprovalState.UNDIGESTED
    if recorded == content_digest(data, layout):
        return ApprovalState.APPROVED
    return ApprovalState.CHANGED


def digest_tampered(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None, layout: Layout
) -> bool:
    """Whether a position's approval digest was removed or altered by hand between two versions.

    That is: the old version's approval had a digest, the new one keeps an approval, and its
    digest is gone, is not the digest of the new content, or is a new one while the approval
    itself (approver, date, directive, annex) was not done again — which `ametid approve`
    never writes, and which would make a changed text print as approved.
    """
    before = old.get(APPROVAL) if old is not None else None
    after = new.get(APPROVAL) if new is not None else None
    if not isinstance(before, Mapping) or not isinstance(after, Mapping) or new is None:
        return False
    recorded, written = before.get(DIGEST), after.get(DIGEST)
    if recorded is None or written == recorded:
        return False
    if written is None or written != content_digest(new, layout):
        return True
    return all(before.get(key) == after.get(key) for key in DECISION_KEYS)
