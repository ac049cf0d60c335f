"""Starting a position: a skeleton with the agency's standard texts, or a copy of another one."""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ametid.check import rules
from ametid.check.checker import project_checker
from ametid.core.files import write_file
from ametid.core.guard import SOURCES, name_problem, require_folder
from ametid.core.language import gettext as _
from ametid.core.layout import read_layout
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project
from ametid.source import loader
from ametid.source.dumper import dump_position

STANDARD = Path("data") / "standard.yaml"
# What the new position must not inherit from the one it copies: they record that one's approval,
# review and signing, which the new one has yet to go through.
NOT_COPIED = ("approval", "reviewed", "signatures")


@dataclass(frozen=True)
class NewPosition:
    """A position file that `ametid new` wrote."""

    id: str
    path: Path
    placeholders: int


def skeleton(title: str, units: Sequence[str]) -> dict[str, Any]:
    """Every required field of a position, with the placeholder where a text is to be written."""
    blank = rules.PLACEHOLDER
    return {
        "title": title,
        "unit": list(units) or [blank],
        "manager": blank,
        "purpose": blank,
        "duties": [{"task": blank, "results": [blank]}],
        "requirements": {"education": blank, "experience": blank, "languages": []},
        "rights": [blank],
        "responsibilities": [blank],
    }


def merge(base: dict[str, Any], overlay: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `overlay` laid over it: mappings merge key by key, other values replace."""
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _read(path: Path, project: Project) -> dict[str, Any]:
    document, problems = loader.read(path, display_path(path), project.max_file_bytes)
    if document is None or problems:
        raise AmetidError(problems)
    return dict(document.data)


def standard_texts(project: Project) -> dict[str, Any]:
    """The agency's standard texts from data/standard.yaml, or nothing if there is no such file."""
    path = project.root / STANDARD
    return _read(path, project) if path.is_file() else {}


def count_placeholders(value: Any) -> int:
    """How many texts in a position still hold the placeholder."""
    if isinstance(value, str):
        return int(rules.PLACEHOLDER in value)
    if isinstance(value, Mapping):
        return sum(count_placeholders(item) for item in value.values())
    if isinstance(value, list):
        return sum(count_placeholders(item) for item in value)
    return 0


def new_position(
    project: Project,
    title: str,
    units: Sequence[str] = (),
    source: str | None = None,
    *,
    force: bool = False,
) -> NewPosition:
    """Write positions/<id>.yaml for a new position titled `title`."""
    title = " ".join(title.split())
    if not title:
        message = _("the title is empty; name the position")
        raise AmetidError([Problem("TITLE", message=message, code="empty-title")])
    for name, text in (("TITLE", title), *(("--unit", unit) for unit in units)):
        control = loader.control_character(text)
        if control is not None:
            message = _(
                "holds the control character U+{code:04X}; type the text without it"
            ).format(code=ord(control))
            raise AmetidError([Problem(name, message=message, code="control-character")])
    position_id = rules.suggest_id(title)
    target = project.positions_dir / f"{position_id}{rules.SUFFIX}"
    trouble = name_problem(Path(target.name))
    if trouble:
        message = _("the title makes a file name that cannot be written: {reason}").format(
            reason=trouble
        )
        raise AmetidError([Problem("TITLE", message=message, code="file-name")])
    require_folder(project.positions_dir, project, SOURCES)
    if target.exists() and not force:
        message = _("exists; choose another title, or use --force to replace it")
        raise AmetidError([Problem(display_path(target), message=message, code="exists")])
    if source is not None:
        if not rules.ID_PATTERN.fullmatch(source):
            message = _(
                "takes the id of a position in positions/ (such as projektijuht), not a path"
            )
            raise AmetidError([Problem("--from", message=message, code="not-an-id")])
        path = project.positions_dir / f"{source}{rules.SUFFIX}"
        if not path.is_file():
            message = _("not found; --from takes the id of a position in positions/")
            raise AmetidError([Problem(display_path(path), message=message, code="not-found")])
        data = {k: v for k, v in _read(path, project).items() if k not in NOT_COPIED}
        data["title"] = title
        if units:
            data["unit"] = list(units)
    else:
        data = merge(skeleton(title, units), standard_texts(project))
        requirements = data["requirements"]
        if not requirements.get("languages"):
            requirements["languages"] = [{"text": f"{rules.PLACEHOLDER} (C1)", "level": "C1"}]
    link = Path(os.path.relpath(project.schema_path, project.positions_dir)).as_posix()
    text = dump_position(data, read_layout(project.templates_dir).order, link)
    if len(text.encode("utf-8")) > project.max_file_bytes:
        limit = f"{project.max_file_bytes:,}".replace(",", " ")
        message = _(
            "the new file would be over the size limit of {limit} bytes "
            "(tool.ametid.max_file_bytes); shorten the title or the unit"
        ).format(limit=limit)
        raise AmetidError([Problem(display_path(target), message=message, code="too-large")])
    _data, refused = project_checker(project).check_bytes(
        text.encode("utf-8"), display_path(target), with_rules=False
    )
    if refused:
        # Only data/standard.yaml can bring in something the schema refuses.
        checked = Problem(str(STANDARD), message=_("check its keys and values"), code="standard")
        raise AmetidError([*refused, checked])
    write_file(target, text, force=force)
    return NewPosition(position_id, target, count_placeholders(data))
