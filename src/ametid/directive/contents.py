"""What a directive says: its title, its points and their items, from the positions it approves.

Point 1 approves the positions as the annexes their approval names; the next point revokes
the approvals they replace (unless there are none); then the taking effect and the right of
appeal. Numbers are written out ("1.", "1.1."), as the directive is read and cited by them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ametid.directive.wording import Wording
from ametid.render.environment import et_date


@dataclass(frozen=True)
class Point:
    """One numbered point of the directive and the items numbered under it."""

    number: str  # "1."
    text: str
    items: tuple[tuple[str, str], ...] = ()  # ("1.1.", "Ekspert (lisa 1);")


@dataclass(frozen=True)
class Annex:
    """One position the directive approves, as its annex."""

    number: int
    id: str
    title: str


@dataclass(frozen=True)
class DirectiveText:
    """Everything the directive's document prints."""

    organisation: str
    document: str
    number: str
    date: str  # ISO
    title: str
    basis: str
    points: tuple[Point, ...]
    signatory: Mapping[str, str] = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        """What the directive's Word template sees."""
        return {
            "organisation": self.organisation,
            "directive": {
                "document": self.document,
                "number": self.number,
                "date": et_date(self.date),
                "title": self.title,
                "basis": self.basis,
                "points": [
                    {
                        "number": point.number,
                        "text": point.text,
                        "subpoints": [{"number": n, "text": t} for n, t in point.items],
                    }
                    for point in self.points
                ],
                "signatory": dict(self.signatory),
            },
        }

    def lines(self) -> list[str]:
        """The directive's text, paragraph by paragraph, as its Word document prints it."""
        found = [self.organisation, self.document, f"{et_date(self.date)} nr {self.number}"]
        found += [self.title, self.basis]
        for point in self.points:
            found.append(f"{point.number} {point.text}")
            found += [f"{number} {text}" for number, text in point.items]
        signatory = self.signatory
        found += [signatory[key] for key in ("signed", "name", "title") if key in signatory]
        return found


def annex_range(numbers: Sequence[int]) -> str:
    """The annexes as point 1 names them: "1", or the first and last with an en dash."""
    if len(numbers) == 1:
        return str(numbers[0])
    return f"{numbers[0]}\N{EN DASH}{numbers[-1]}"


def _items(number: int, texts: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Items n.1, n.2 … ending with ";" and the last with "."."""
    last = len(texts) - 1
    return tuple(
        (f"{number}.{index + 1}.", text + ("." if index == last else ";"))
        for index, text in enumerate(texts)
    )


def revoked_item(wording: Wording, approval: Mapping[str, Any], title: str) -> str:
    """An earlier approval as the revocation point names it."""
    values = {
        "by": str(approval.get("by", "")),
        "date": et_date(str(approval["date"])),
        "directive": str(approval["directive"]),
        "title": title,
    }
    if "annex" in approval:
        return wording.filled(("revokes", "annex"), annex=str(approval["annex"]), **values)
    return wording.filled(("revokes", "whole"), **values)


def directive_text(
    wording: Wording,
    organisation: str,
    number: str,
    date: str,
    annexes: Sequence[Annex],
    revoked: Sequence[str],
) -> DirectiveText:
    """The directive approving `annexes` (in annex order) and revoking `revoked`."""
    many = "many" if len(annexes) > 1 else "one"
    numbers = [annex.number for annex in annexes]
    approves = wording.filled(("approves", many), annexes=annex_range(numbers))
    listed = [wording.filled(("annex",), title=a.title, annex=str(a.number)) for a in annexes]
    points = [Point("1.", approves, _items(1, listed))]
    if len(revoked) == 1:
        text = wording.filled(("revokes", "one"), item=revoked[0])
        points.append(Point(f"{len(points) + 1}.", text))
    elif revoked:
        points.append(
            Point(f"{len(points) + 1}.", wording.text("revokes", "many"), _items(2, revoked))
        )
    for key in ("effect", "appeal"):
        points.append(Point(f"{len(points) + 1}.", wording.text(key)))
    return DirectiveText(
        organisation=organisation,
        document=wording.text("document"),
        number=number,
        date=date,
        title=wording.text("title", many),
        basis=wording.text("basis"),
        points=tuple(points),
        signatory=wording.signatory,
    )
