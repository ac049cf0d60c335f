"""Where a command may write: one guard for every command that writes, a policy per kind.

A command that writes outputs (`build`, `diff --out`) never writes into a source folder of the
project, the project folder itself or one of its parents, the root or a home folder. A command
that writes sources (`new`, `import`) writes position files only: into positions/, or a new
folder, an empty one or one that holds position files only, and never into another source
folder. What the file system would refuse (a name too long, a file in the way) is said before
anything is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ametid.core.language import gettext as _
from ametid.core.language import noop as N_
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project, find_project

# The file a build writes into its output folder, which marks the folder as replaceable.
BUILD_MANIFEST = ".ametid-build"
POSITION_SUFFIX = ".yaml"
# The longest file name (in bytes) of Linux, macOS and Windows file systems.
NAME_MAX = 255


@dataclass(frozen=True)
class Policy:
    """What kind of files a command writes into a folder, and how."""

    doing: str  # "build into", "write redlines into": how a refusal names what was refused
    sources: bool  # writes position files (new, import) rather than outputs (build, diff)
    replaces_whole: bool = False  # the folder is replaced whole (build)


# `doing` in English, shown through the message catalogue.
BUILD = Policy(N_("build into"), sources=False, replaces_whole=True)
REDLINES = Policy(N_("write redlines into"), sources=False)
SOURCES = Policy(N_("write position files into"), sources=True)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def shown(path: Path) -> str:
    """A path as a refusal names it: as the user typed it when relative."""
    return display_path(path) if path.is_absolute() else str(path)


def name_problem(path: Path) -> str | None:
    """Why a path cannot be created whatever the folder: a part of it too long, a NUL byte."""
    for part in path.parts:
        if "\0" in part:
            return _("holds a NUL character; choose another name")
        size = len(os.fsencode(part))
        if size > NAME_MAX:
            return _(
                "a name in this path is {size} bytes long, over the limit of {limit} "
                "of the file system; choose a shorter one"
            ).format(size=size, limit=NAME_MAX)
    return None


def _existing_parent(target: Path) -> tuple[Path, str | None]:
    """The nearest existing folder above `target`, or why there is none (a file in the way)."""
    parent = target.parent
    while True:
        if parent.is_dir():
            return parent, None
        if parent.exists() or parent.is_symlink():
            return parent, f"{display_path(parent)} is a file, not a folder; choose another folder"
        parent = parent.parent


def check_new_project(folder: Path) -> list[Problem]:
    """Refuse a folder that `ametid init` must not start a repository in: the root, a home
    folder, a path the file system cannot hold, or a source folder of an enclosing project."""
    where = shown(folder)
    trouble = name_problem(folder)
    if trouble is None:
        target = folder.resolve()
        if target == Path(target.anchor) or target == Path.home().resolve():
            trouble = _("refusing to start a repository in the root or a home folder")
        elif not target.is_dir():
            trouble = _existing_parent(target)[1]
    if trouble is None:
        enclosing = _enclosing_project(target)
        for protected in enclosing.protected_dirs if enclosing else ():
            if _inside(target, protected.resolve()):
                trouble = _(
                    "refusing to start a repository in {folder}/ of the project there, which "
                    "holds sources"
                ).format(folder=display_path(protected))
                break
    return [Problem(where, message=trouble)] if trouble else []


def _enclosing_project(target: Path) -> Project | None:
    try:
        return find_project(target.parent)
    except AmetidError:
        return None


def check_inside(folder: Path, project: Project) -> list[Problem]:
    """A source folder of the project (positions/) must not be a link to a place outside it,
    as a position file must not."""
    if not folder.is_symlink():
        return []
    root = project.root.resolve()
    target = folder.resolve()
    if target != root and root not in target.parents:
        message = _("is a link to a folder outside the project; keep the files in the project")
        return [Problem(display_path(folder), message=message)]
    return []


def check_folder(folder: Path, project: Project, policy: Policy) -> list[Problem]:
    """Refuse a folder that a command of this kind must not write into; [] when it may."""
    where = shown(folder)

    def refuse(message: str) -> list[Problem]:
        return [Problem(where, message=message)]

    trouble = name_problem(folder)
    if trouble:
        return refuse(trouble)
    target = folder.resolve()
    root = project.root.resolve()
    if target == Path(target.anchor) or target == Path.home().resolve():
        return refuse(
            _("refusing to {doing} the root or a home folder").format(doing=_(policy.doing))
        )
    if policy.sources and target == project.positions_dir.resolve():
        outside = check_inside(project.positions_dir, project)
        if outside or not target.exists():
            return outside  # a positions/ still to be made is made by the writer
        return _writable(target, where)
    if _inside(root, target):
        if policy.replaces_whole:
            message = _("refusing to {doing} the project folder or one of its parents; use build/")
        else:
            message = _("refusing to {doing} the project folder or one of its parents")
        return refuse(message.format(doing=_(policy.doing)))
    positions = project.positions_dir.resolve()
    if policy.sources and _inside(target, positions):
        return refuse("position files go into positions/ itself, not into a folder inside it")
    for protected in project.protected_dirs:
        if _inside(target, protected.resolve()):
            return refuse(
                _("refusing to {doing} {folder}/, which holds sources").format(
                    doing=_(policy.doing), folder=display_path(protected)
                )
            )
    if target.exists() and not target.is_dir():
        return refuse("is a file, not a folder; choose another --out")
    parent, trouble = _existing_parent(target)
    if trouble:
        return refuse(trouble)
    if target.is_dir():
        problems = _existing(target, where, policy)
        if problems or not policy.replaces_whole:
            return problems
    # A build stages its output beside the folder, so it needs to write into the parent.
    return _writable(parent, where)


def _existing(target: Path, where: str, policy: Policy) -> list[Problem]:
    """An existing folder: may this kind of command add to it?"""
    try:
        names = [entry.name for entry in os.scandir(target)]
    except OSError as error:
        message = _("cannot read the folder: {reason}").format(reason=error.strerror or error)
        return [Problem(where, message=message)]
    if policy.replaces_whole:
        if names and BUILD_MANIFEST not in names:
            message = _(
                "folder exists and was not written by ametid build; "
                "choose an empty or new folder, since a build replaces it whole"
            )
            return [Problem(where, message=message)]
    elif BUILD_MANIFEST in names:
        message = _(
            "holds the output of ametid build, which the next build replaces whole; "
            "choose another folder"
        )
        return [Problem(where, message=message)]
    elif policy.sources and any(not name.endswith(POSITION_SUFFIX) for name in names):
        message = _(
            "holds files other than position files; choose positions/, a new folder or an empty one"
        )
        return [Problem(where, message=message)]
    return [] if policy.replaces_whole else _writable(target, where)


def _writable(target: Path, where: str) -> list[Problem]:
    if not os.access(target, os.W_OK | os.X_OK):
        message = _("cannot write into {folder}").format(folder=display_path(target))
        return [Problem(where, message=message)]
    return []


def require_folder(folder: Path, project: Project, policy: Policy) -> None:
    """Raise the guard's refusal of a folder, if any."""
    problems = check_folder(folder, project, policy)
    if problems:
        raise AmetidError(problems)
