"""Edits of the repository's positions, as an annual review makes them, for the redline tests.

Each scenario is an old version (a position as it is in the repository) and a new one; the
redline between them must give the new document when every change is accepted and the old
one when every change is rejected.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ametid.core.places import Places
from ametid.history.diff import compare_positions
from ametid.history.tracked import tracked_docx
from ametid.render import environment
from ametid.render.word import render_docx
from ametid.source.loader import parse
from support.paths import LAYOUT, REPO, WRITTEN_OUT

Data = dict[str, Any]
ORGANISATION = "Sotsiaalkindlustusamet"
TEMPLATE = REPO / "templates" / "document" / "position.docx"
# The date the redlines of the scenarios give their changes.
DATE = "2026-05-19T00:00:00Z"
PLACES = Places(json.loads((REPO / "schema" / "position.schema.json").read_text("utf-8")), LAYOUT)

NEW_DUTY = {
    "task": "Nõustajate e-kursuse väljatöötamine ja ajakohastamine.",
    "results": ["E-kursus on valminud ja nõustajad on selle läbinud."],
}


def repository_position(position_id: str) -> Data:
    """One of the repository's positions, as the loader reads it."""
    path = WRITTEN_OUT / f"{position_id}.yaml"
    document, problems = parse(path.read_bytes(), position_id)
    assert document is not None and problems == []
    data: Data = document.data
    return data


@dataclass(frozen=True)
class Scenario:
    """An edit of one position: its name, the position, and what the edit does to a copy."""

    name: str
    position_id: str
    edit: Callable[[Data], None]

    def versions(self) -> tuple[Data, Data]:
        """The old version (the repository's) and the new one (edited)."""
        old = repository_position(self.position_id)
        new = copy.deepcopy(old)
        self.edit(new)
        return old, new


def _changed_task(new: Data) -> None:
    task = new["duties"][0]["task"]
    new["duties"][0]["task"] = task.replace("arendustegevuses.", "arendus- ja hanketegevuses.")


def _duty_inserted_after_a_changed_one(new: Data) -> None:
    results = new["duties"][0]["results"]
    results[-1] = results[-1].replace("toimib.", "toimib igapäevaselt.")
    new["duties"].insert(1, copy.deepcopy(NEW_DUTY))


def _last_right_removed(new: Data) -> None:
    new["rights"].pop()


def _last_item_of_a_cell_removed(new: Data) -> None:
    new["requirements"]["knowledge"].pop()


def _duty_moved(new: Data) -> None:
    new["duties"].insert(1, new["duties"].pop(4))


def _right_changed_and_one_added(new: Data) -> None:
    rights = new["rights"]
    rights[1] = rights[1].replace("kaugtööd", "kaug- ja hübriidtööd")
    rights.insert(2, "Õigus kasutada ameti raamatukogu ja andmebaase.")


def _approval_changed(new: Data) -> None:
    new["approval"].update(date="2027-05-18", directive="61")


def _requirement_changed(new: Data) -> None:
    new["requirements"]["experience"] = (
        "Vähemalt 3-aastane töökogemus registrite või infosüsteemide arendamise valdkonnas."
    )


def _last_result_of_a_duty_removed(new: Data) -> None:
    new["duties"][0]["results"].pop()


def _structure_of_the_2026_template(new: Data) -> None:
    """Rows, sections, list items and the text around them, added and removed."""
    new["subordinates"] = ["Assistent"]  # "-" becomes a name
    del new["substitution_scope"]  # the brackets go with it
    del new["approval"]  # the whole KINNITATUD block
    new["tools"] = "Sülearvuti ja mobiiltelefon."  # a section of its own
    new["requirements"]["knowledge"].pop()  # the last paragraph of a table cell
    new["requirements"]["personal_qualities"].insert(3, "täpsus")  # ", " joins it
    new["rights"].pop(0)
    new["duties"][1]["results"].append("Tugigrupid toimuvad plaanipäraselt.")


def _structure_of_the_old_template(new: Data) -> None:
    """An approval block added, a signature, a section and the lead-in removed, a row added."""
    new["approval"] = {"by": "Peadirektori", "date": "2026-05-19", "directive": "53"}
    del new["signatures"][0]  # with its "(allkirjastatud digitaalselt)"
    del new["tools"]
    del new["rights_intro"]
    new["special_conditions"] = "Eritingimused määratakse töölepingus."  # a table row


SCENARIOS = (
    Scenario("changed-task", "projektijuht", _changed_task),
    Scenario(
        "duty-inserted-after-a-changed-one",
        "ekspert-noustamismetoodikad",
        _duty_inserted_after_a_changed_one,
    ),
    Scenario("last-right-removed", "ekspert-kvaliteet-ja-seire", _last_right_removed),
    Scenario(
        "last-item-of-a-cell-removed", "teenuseomanik-taastav-oigus", _last_item_of_a_cell_removed
    ),
    Scenario("duty-moved", "teenuseomanik-taastav-oigus", _duty_moved),
    Scenario(
        "right-changed-and-one-added", "ekspert-noustamismetoodikad", _right_changed_and_one_added
    ),
    Scenario("approval-changed", "ekspert-noustamismetoodikad", _approval_changed),
    Scenario("requirement-changed", "projektijuht", _requirement_changed),
    Scenario(
        "last-result-of-a-duty-removed",
        "ekspert-kvaliteet-ja-seire",
        _last_result_of_a_duty_removed,
    ),
    Scenario(
        "structure-of-the-2026-template",
        "ekspert-noustamismetoodikad",
        _structure_of_the_2026_template,
    ),
    Scenario("structure-of-the-old-template", "projektijuht", _structure_of_the_old_template),
)


def word_document(data: Data, position_id: str) -> bytes:
    """A position's Word document, built directly from its data."""
    context = {"position": data, "draft": None, "id": position_id, "organisation": ORGANISATION}
    env = environment.docx_environment()
    return render_docx(TEMPLATE, context, env, str(data["title"]))


def redline(old: Data, new: Data, position_id: str) -> bytes:
    """The Word document of the new version with every change from the old one tracked."""
    (position,) = compare_positions({position_id: old}, {position_id: new}, PLACES)
    return tracked_docx(position, REPO / "templates", ORGANISATION, DATE)


def _review_note_removed(new: Data) -> None:
    del new["review_note"]


# The closing note is the document's last paragraph, after the last responsibility, a
# paragraph of another kind: removing it leaves an empty last paragraph after Accept All.
REVIEW_NOTE_REMOVED = Scenario(
    "review-note-removed", "ekspert-noustamismetoodikad", _review_note_removed
)
