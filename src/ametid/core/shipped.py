"""What ships with the package: the schema, templates and standard texts an agency starts with.

A wheel carries copies of the repository's schema/, templates/ and data/ as ametid/shipped/
(setup.py copies them when the wheel is built), read with importlib.resources. In a checkout of
the repository, such as an editable install, the repository's own folders are those files.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ametid.core.language import gettext as _
from ametid.core.problems import AmetidError, Problem
from ametid.core.project import Project

FOLDERS = ("schema", "templates", "data")
# Files an editor, a file manager or Python may leave in the folders; they never ship.
IGNORED = ("__pycache__", ".DS_Store", "Thumbs.db")


def shipped_root() -> Traversable:
    """The folder holding the package's schema/, templates/ and data/."""
    packaged = resources.files("ametid").joinpath("shipped")
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3]  # src/ametid/core/shipped.py
    if (checkout / "schema" / "position.schema.json").is_file():
        return checkout
    message = _("the package has no schema, templates or standard texts; reinstall ametid")
    raise AmetidError([Problem("ametid", message=message, code="not-installed")])


def _walk(folder: Traversable, prefix: str) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name in IGNORED or entry.name.endswith(".pyc"):
            continue
        relative = f"{prefix}/{entry.name}"
        if entry.is_dir():
            found.update(_walk(entry, relative))
        else:
            found[relative] = entry.read_bytes()
    return found


def shipped_files(folders: tuple[str, ...] = FOLDERS) -> dict[str, bytes]:
    """Every shipped file of the given folders, by its path in a project ("schema/…")."""
    root = shipped_root()
    found: dict[str, bytes] = {}
    for name in folders:
        found.update(_walk(root.joinpath(name), name))
    return found


def shipped_project() -> Project:
    """A project of the shipped schema and templates alone, for commands run outside one."""
    root = shipped_root()
    if not isinstance(root, Path):
        # Installed as a zip: the files have no place on disk to be read from as a project.
        root = Path(str(root))
    return Project(root, shipped=True)
