"""The kinds of library texts, and where in a position each may stand."""

from __future__ import annotations

from dataclasses import dataclass

from ametid.core.model import DataPath


@dataclass(frozen=True)
class Kind:
    """One kind of library text: its key in a library file, the lists of a position it may
    stand in, the schema definition of one item, and the name of its generated `$defs` entry."""

    key: str
    places: tuple[DataPath, ...]
    item: str  # the position schema's $defs entry of one item
    definition: str  # the $defs entry `ametid library schema` generates
    title: str  # Estonian, for the schema


KINDS: tuple[Kind, ...] = (
    Kind("duties", (("duties",),), "duty", "libraryDuties", "Teenistusülesanne"),
    Kind(
        "knowledge",
        (("requirements", "knowledge"),),
        "text",
        "libraryKnowledge",
        "Teadmine või oskus",
    ),
    Kind(
        "personal_qualities",
        (("requirements", "personal_qualities"),),
        "text",
        "libraryPersonalQualities",
        "Isikuomadus",
    ),
    Kind(
        "languages", (("requirements", "languages"),), "language", "libraryLanguages", "Keelenõue"
    ),
    Kind(
        "competencies",
        (("requirements", "competencies"), ("requirements", "additional_competencies")),
        "competency",
        "libraryCompetencies",
        "Kompetents",
    ),
    Kind("rights", (("rights",),), "text", "libraryRights", "Õigus"),
    Kind(
        "responsibilities", (("responsibilities",),), "text", "libraryResponsibilities", "Vastutus"
    ),
    Kind("amendment_rules", (("amendment_rules",),), "text", "libraryAmendmentRules", "Reegel"),
)
BY_KEY = {kind.key: kind for kind in KINDS}
BY_PLACE = {place: kind for kind in KINDS for place in kind.places}
FOLDER = "library"
SUFFIX = ".yaml"
