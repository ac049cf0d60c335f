"""A whole agency made by the test: 300 positions in 20 units, on the agency's standard texts,
with managers, subordinates and substitutes that hold both ways. It validates, a division is
renamed in a reorganisation, and the site draws every unit's chart."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from support.cli import run
from support.paths import REPO
from support.positions import position_data, write_positions
from support.project import make_project

DEPARTMENTS = ("Ohvriabi osakond", "Ennetuse osakond", "Toetuste osakond", "Arenduse osakond")
DIVISIONS = ("esimene talitus", "teine talitus", "kolmas talitus", "neljas talitus")
SPECIALISTS = 17  # per division; with the heads and two advisers per department, 300 in all
ADVISERS = 2


def agency() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The register and the positions of the agency, by id."""
    standard = yaml.safe_load((REPO / "data" / "standard.yaml").read_text(encoding="utf-8"))
    base = position_data("ekspert-kvaliteet-ja-seire")
    for key in ("approval", "reviewed", "signatures"):
        base.pop(key, None)
    base["rights"] = standard["rights"]
    base["responsibilities"] = standard["responsibilities"]

    def position(title: str, unit: list[str], **fields: Any) -> dict[str, Any]:
        return {**base, "title": title, "unit": unit, **fields}

    positions: dict[str, dict[str, Any]] = {}
    register: dict[str, Any] = {"units": []}
    for d, department in enumerate(DEPARTMENTS, 1):
        register["units"].append(
            {"name": department, "code": f"D{d}", "units": [{"name": n} for n in DIVISIONS]}
        )
        advisers = [f"Nõunik {d}.{a}" for a in range(1, ADVISERS + 1)]
        positions[f"osakonna-juhataja-{d}"] = position(
            "Osakonna juhataja",
            [department],
            manager="Peadirektor",
            subordinates=["Talituse juhataja", *advisers],
            substitutes=[advisers[0]],
            substituted_by=[advisers[0]],
        )
        for a, adviser in enumerate(advisers, 1):
            positions[f"nounik-{d}-{a}"] = position(
                adviser,
                [department],
                manager="Osakonna juhataja",
                subordinates=[],
                substitutes=["Osakonna juhataja"] if a == 1 else [],
                substituted_by=["Osakonna juhataja"] if a == 1 else [],
            )
        for v, division in enumerate(DIVISIONS, 1):
            unit = [department, division]
            titles = [f"Spetsialist {d}.{v}.{s}" for s in range(1, SPECIALISTS + 1)]
            positions[f"talituse-juhataja-{d}-{v}"] = position(
                "Talituse juhataja",
                unit,
                manager="Osakonna juhataja",
                subordinates=titles,
                substitutes=[titles[0]],
                substituted_by=[titles[0]],
            )
            for s, title in enumerate(titles):
                # Each specialist stands in for the next one, the last for the first.
                following, previous = titles[(s + 1) % len(titles)], titles[s - 1]
                stands_in = [following] if s else [following, "Talituse juhataja"]
                stood_in = [previous] if s else [previous, "Talituse juhataja"]
                positions[f"spetsialist-{d}-{v}-{s + 1}"] = position(
                    title,
                    unit,
                    manager="Talituse juhataja",
                    subordinates=[],
                    substitutes=stands_in,
                    substituted_by=stood_in,
                )
    return register, positions


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path / "agency", positions=False)
    register, positions = agency()
    (root / "data").mkdir()
    (root / "data" / "units.yaml").write_text(
        yaml.safe_dump(register, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    write_positions(root / "positions", positions)
    monkeypatch.chdir(root)
    return root


def test_the_agency_validates_is_reorganised_and_draws_its_units(project: Path) -> None:
    assert len(list((project / "positions").iterdir())) == 300
    result = run("validate")
    assert (result.exit_code, result.stderr) == (0, "checked 300 files: no problems\n")

    result = run("rename-unit", "teine talitus", "nõustamistalitus")
    assert result.exit_code == 1  # four departments each have a "teine talitus"
    assert "'teine talitus' names 4 units of the register" in result.stderr
    result = run("rename-unit", "Toetuste osakond", "Toetuste ja hüvitiste osakond")
    assert (result.exit_code, result.stderr) == (
        0,
        "renamed unit 'Toetuste osakond' to 'Toetuste ja hüvitiste osakond' in the register "
        "and 75 positions\n",
    )
    assert run("validate").exit_code == 0

    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.stderr
    units = sorted(path.name for path in (project / "build" / "html" / "units").iterdir())
    assert len(units) == 20
    assert "toetuste-ja-huvitiste-osakond-teine-talitus.html" in units
    page = (project / "build" / "html" / "units" / "toetuste-ja-huvitiste-osakond.html").read_text(
        encoding="utf-8"
    )
    # The department's chart: its 75 positions, each a link, the managers' arrows among them.
    assert len(re.findall(r'<a xlink:href="\.\./', page)) == 75
    assert page.count('class="edge"') >= 74
