"""Where a build writes: the output folder's guard, its lock, and the staging folder swapped in.

A build holds a lock beside the output folder, so two builds of the same output run one after
the other. It stages the new output beside the old one and exchanges the two in one step
(renameat2 on Linux), so an output folder is never missing or half written, not even briefly.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from filelock import FileLock

from ametid.core.files import os_problem, put
from ametid.core.guard import BUILD, BUILD_MANIFEST, check_folder
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project

MANIFEST = BUILD_MANIFEST
_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    if _RENAMEAT2 is None:
        return False
    result = _RENAMEAT2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)


def check_out_dir(out: Path, project: Project) -> list[Problem]:
    """Refuse an output folder whose replacement would destroy something that is not a build."""
    return check_folder(out, project, BUILD)


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the lock of an output folder; a second build of it waits here."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # filelock: the same lock on Windows desktops as on Linux, where fcntl does not exist.
        lock = FileLock(out.parent / f".{out.name}.lock")
        lock.acquire()
    except OSError as error:
        raise AmetidError([os_problem(error, out)]) from None
    try:
        yield
    finally:
        lock.release()


def remove_stale(out: Path) -> None:
    """Remove staging folders of builds that were killed before they could clean up."""
    for pattern in (f".{out.name}.*.tmp", f".{out.name}.*.old"):
        for stale in out.parent.glob(pattern):
            shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Keep SIGINT and SIGTERM waiting while the output is swapped, so it is never half done.

    Windows has no signal masks (nor the one-step exchange): an interrupt that falls between
    the two renames of the swap there leaves no output folder, which the next build makes anew.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class Staging:
    """A new output folder being filled beside the old one, then swapped in whole.

    Files are newly written or hard-linked from the previous output. Leaving the `with` block
    without `commit()` — an error, Ctrl-C, SIGTERM — removes the staging folder and leaves the
    previous output as it was.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        try:
            self.folder = Path(
                tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
            )
            self.folder.chmod(0o755)
        except OSError as error:
            raise AmetidError([os_problem(error, out)]) from None
        self._folders: set[str] = set()
        self.copied: set[str] = set()  # files of the previous output copied, not linked

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.folder.exists():
            with contextlib.suppress(OSError):  # the next build removes it (remove_stale)
                shutil.rmtree(self.folder)

    @property
    def work_prefix(self) -> str:
        """The name prefix of work folders beside the output that a later build may remove."""
        return f".{self.out.name}."

    def _target(self, relative: str) -> str:
        folder = os.path.dirname(relative)
        if folder not in self._folders:
            os.makedirs(os.path.join(self.folder, folder), exist_ok=True)
            self._folders.add(folder)
        return os.path.join(self.folder, relative)

    def write(self, relative: str, content: str | bytes) -> None:
        """Write one rendered file."""
        try:
            put(self._target(relative), content)
        except AmetidError as error:
            # Named as the file of the output folder, not of the staging folder.
            message = error.problems[0].message
            raise AmetidError(
                [Problem(display_path(self.out / relative), message=message)]
            ) from None

    def reuse(self, relatives: list[str]) -> bool:
        """Link the given files from the previous output; False, with none of them linked, if
        any of them is missing."""
        linked: list[str] = []
        for relative in relatives:
            source = os.path.join(self.out, relative)
            target = self._target(relative)
            try:
                os.link(source, target)
            except FileNotFoundError:
                for done in linked:
                    os.unlink(os.path.join(self.folder, done))
                    self.copied.discard(done)
                return False
            except OSError:  # a file system without hard links
                shutil.copyfile(source, target)
                self.copied.add(relative)
            linked.append(relative)
        return True

    def commit(self) -> None:
        """Put the staged folder in place of the output, in one step."""
        with _signals_held():
            if not self.out.exists():
                os.rename(self.folder, self.out)
            elif exchange(self.folder, self.out):
                self._retire(self.folder)  # it now holds the previous output
            else:
                retired = self.folder.with_suffix(".old")
                os.rename(self.out, retired)
                os.rename(self.folder, self.out)
                self._retire(retired)

    @staticmethod
    def _retire(previous: Path) -> None:
        # The new output is in place: the build has succeeded even if the previous output cannot
        # be removed now (a file in it held open, say); the next build removes it (remove_stale).
        with contextlib.suppress(OSError):
            shutil.rmtree(previous)
