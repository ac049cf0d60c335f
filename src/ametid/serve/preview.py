"""A project's site built into a temporary folder and served while its sources change.

Each build is an ordinary incremental `ametid build` into the temporary folder, so only what
changed is rendered again, and a build that fails leaves the last good pages in place.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType

from ametid.build import BuildResult, build
from ametid.core.problems import AmetidError
from ametid.core.project import find_project
from ametid.serve import watcher
from ametid.serve.server import Builds, SiteServer


class Preview:
    """The site of the project at `root`, built into a temporary folder and served on `port`."""

    def __init__(self, root: Path, formats: Sequence[str], port: int) -> None:
        self.root = root
        self.formats = tuple(formats)
        self.folder = Path(tempfile.mkdtemp(prefix="ametid-serve-"))
        self.out = self.folder / "site"
        self.builds = Builds()
        try:
            self.server = SiteServer(self.out, port, self.builds)
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        self.watcher = watcher.Watcher(root)

    def __enter__(self) -> Preview:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.watcher.close()
        self.server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def build(self) -> BuildResult:
        """Build the site again (the settings read anew) and tell the open pages."""
        try:
            project = find_project(self.root)
        except AmetidError as error:
            result = BuildResult(error.problems)
        else:
            result = build(project, self.formats, self.out)
        self.builds.publish(result.problems)
        return result

    def changes(self) -> Iterator[watcher.Change]:
        """Each change of the project's sources or of ametid, until Ctrl-C."""
        return self.watcher.changes()
