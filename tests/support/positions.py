"""The repository's positions as the tests read them, and position files the tests write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ametid.check.checker import project_checker
from ametid.core.project import find_project
from ametid.source.dumper import dump_position
from ametid.source.loader import parse
from support.documents import squash
from support.paths import DATA, ORDER, WRITTEN_OUT

IDS = sorted(path.stem for path in (WRITTEN_OUT).glob("*.yaml"))
SEEDS = DATA / "fixtures" / "seeds"


def position_data(position_id: str, root: Path | None = None) -> dict[str, Any]:
    """The data of one of the repository's positions, its library texts written out, or of a
    project's position file as the project's checker reads it."""
    if root is None:
        path = WRITTEN_OUT / f"{position_id}.yaml"
        document, problems = parse(path.read_bytes(), path.name)
        assert problems == [] and document is not None
        return dict(document.data)
    path = root / "positions" / f"{position_id}.yaml"
    data, problems = project_checker(find_project(root)).check_bytes(path.read_bytes(), path.name)
    assert problems == [] and isinstance(data, dict), problems
    return dict(data)


def imported_data(position_id: str) -> dict[str, Any]:
    """One of the repository's positions as an import of its signed text gives it: as the file,
    but its approval without the digest, which `ametid approve --keep` adds."""
    data = position_data(position_id)
    if "approval" in data:
        data["approval"] = {k: v for k, v in data["approval"].items() if k != "digest"}
    return data


def imported_text(position_id: str) -> str:
    """One of the repository's positions as `ametid import` writes it from the signed text."""
    return dump_position(imported_data(position_id), ORDER)


def seed_lines(position_id: str) -> list[str]:
    """The sentences of a position's cleaned seed text, one a line, whitespace folded."""
    text = (SEEDS / f"{position_id}.txt").read_text(encoding="utf-8")
    return [squash(line) for line in text.splitlines() if line.strip()]


def read_positions(folder: Path) -> dict[str, dict[str, Any]]:
    """The positions of a folder of position files, by id."""
    positions = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), f"{path.name}: not a mapping"
        positions[path.stem] = data
    return positions


def write_positions(folder: Path, positions: dict[str, dict[str, Any]]) -> None:
    """Write positions as files the way ametid new and ametid import write them."""
    for position_id, data in positions.items():
        text = dump_position(data, ORDER)
        (folder / f"{position_id}.yaml").write_text(text, encoding="utf-8")


# The site's unit pages of the repository's positions: every unit a position is in, and the
# units above it.
_UNITS = [
    "ohvriabi-ja-ennetusteenuste-osakond",
    "ohvriabi-ja-ennetusteenuste-osakond-arendustalitus",
    "ohvriabi-ja-ennetusteenuste-osakond-arendustalitus-tugitiim",
    "ohvriabi-osakond",
    "ohvriabi-osakond-kriisitoe-talitus",
    "ohvriabi-osakond-ohvriabiteenuste-tugitalitus",
    "ohvriabi-osakond-piirkondliku-ohvriabi-talitus",
]
UNIT_PAGES = [f"html/units/{slug}.html" for slug in _UNITS]
# Those the index links to: its departments and the divisions it lists positions under.
UNIT_PAGES_LINKED = [
    f"units/{slug}.html"
    for slug in _UNITS
    if slug != "ohvriabi-ja-ennetusteenuste-osakond-arendustalitus"
]
