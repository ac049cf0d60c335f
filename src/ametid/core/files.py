"""The one writer: files written whole or not at all, never over a file unless told, and every
error of the operating system said in one line.

Every command that writes goes through here: `new` and `import` write position files, `diff
--out` its Word redlines (`write_files`), and `build` fills its staging folder (`put`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from ametid.core.language import gettext as _
from ametid.core.language import noop as N_
from ametid.core.problems import AmetidError, Problem, display_path

# In English, shown through the message catalogue.
_WHAT_TO_DO = {
    errno.ENOSPC: N_("no space left on the disk; free some space and run the command again"),
    errno.EDQUOT: N_("the disk quota is used up; free some space and run the command again"),
    errno.EACCES: N_("permission denied; check the rights to it, or choose another place"),
    errno.EPERM: N_("not permitted; check the rights to it, or choose another place"),
    errno.EROFS: N_("the file system is read-only; choose a folder on another one"),
    errno.ENAMETOOLONG: N_("the name is too long for the file system; choose a shorter one"),
    errno.ENOTDIR: N_("a part of this path is a file, not a folder; choose another path"),
    errno.EISDIR: N_("is a folder, not a file; choose another name"),
    errno.ENOENT: N_("no such file or folder"),
    errno.EEXIST: N_("exists; not replaced (use --force to replace it)"),
    errno.EIO: N_("input/output error of the disk; check the disk and run the command again"),
    errno.EMFILE: N_("too many open files; close some programs and run the command again"),
    errno.ELOOP: N_("too many levels of links; check the links in this path"),
    errno.EBUSY: N_("in use by another program; close it and run the command again"),
}
EXISTS = _WHAT_TO_DO[errno.EEXIST]


def os_problem(error: OSError, path: Path | str | None = None) -> Problem:
    """One line for an error of the operating system: where, what, and what to do."""
    where = path if path is not None else error.filename
    shown = display_path(Path(os.fsdecode(where))) if where is not None else "ametid"
    found = _WHAT_TO_DO.get(error.errno or 0)
    if found is None:
        message = _("cannot write or read: {reason}").format(reason=error.strerror or error)
    else:
        message = _(found)
    return Problem(shown, message=message, code="os-error")


def _encoded(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def put(path: Path | str, content: str | bytes) -> None:
    """Write a new file (in a folder of this command's own, such as a staging folder)."""
    data = _encoded(content)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
    except OSError as error:
        Path(path).unlink(missing_ok=True)
        raise AmetidError([os_problem(error, path)]) from None


def _temporary(target: Path) -> Path:
    # Short, so that a long target name does not make the temporary name too long.
    return target.parent / f".ametid-{secrets.token_hex(6)}.tmp"


def _place(temporary: Path, target: Path, force: bool) -> None:
    """Give a written temporary file its name; without `force` only where there is none."""
    try:
        if force:
            os.replace(temporary, target)
            return
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise AmetidError([Problem(display_path(target), message=EXISTS)]) from None
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
                raise
            # A file system without hard links (FAT on a memory stick): check, then rename.
            if target.exists():
                raise AmetidError([Problem(display_path(target), message=EXISTS)]) from None
            os.rename(temporary, target)
            return
        os.unlink(temporary)
    except OSError as error:
        raise AmetidError([os_problem(error, target)]) from None


def write_files(files: Sequence[tuple[Path, str | bytes]], *, force: bool = False) -> None:
    """Write several files whole: every one is written beside its target first and only then
    named, so an error (a full disk) leaves none half written; an existing file is replaced
    only with `force`."""
    staged: list[tuple[Path, Path]] = []
    made: list[Path] = []  # folders made for the files, removed again if the writing fails
    placed = False
    try:
        for target, content in files:
            try:
                made += _make_folders(target.parent)
            except OSError as error:
                raise AmetidError([os_problem(error, target.parent)]) from None
            if not force and (target.exists() or target.is_symlink()):
                raise AmetidError([Problem(display_path(target), message=EXISTS)])
            temporary = _temporary(target)
            staged.append((temporary, target))
            try:
                put(temporary, content)
            except AmetidError as error:
                raise AmetidError([_at(error, target)]) from None
        for temporary, target in staged:
            _place(temporary, target, force)
            placed = True
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        if not placed:
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()


def _make_folders(folder: Path) -> list[Path]:
    """Make a folder and its missing parents; return those it made, outermost first."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir(exist_ok=True)
    return missing[::-1]


def _at(error: AmetidError, target: Path) -> Problem:
    # A problem with the temporary file is shown at the file it was for.
    return Problem(display_path(target), message=error.problems[0].message)


def write_file(target: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write one file whole or not at all; an existing file is replaced only with `force`."""
    write_files([(target, content)], force=force)
