"""The git repository holding a project, read with git itself so nothing is checked out.

Old versions are read with `git ls-tree` and `git cat-file`, so the working tree stays as it is.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path, PurePosixPath

from ametid.core.language import gettext as _
from ametid.core.problems import AmetidError, Problem, display_path
from ametid.core.project import Project

# Tried in this order for the default branch; the first that exists is compared against.
DEFAULT_BRANCHES = ("origin/HEAD", "main", "master", "origin/main", "origin/master")


def _fail(where: str, message: str) -> AmetidError:
    return AmetidError([Problem(where, message=message, code="git")])


class Repository:
    """The git repository holding a project."""

    def __init__(self, project: Project) -> None:
        self.project = project
        if shutil.which("git") is None:
            raise _fail("git", _("git is not installed; install it to compare versions"))
        try:
            top = self._run("rev-parse", "--show-toplevel", cwd=project.root)
        except AmetidError:
            message = _("not inside a git repository; ametid compares versions kept in git")
            raise _fail(display_path(project.root), message) from None
        self.top = Path(top.decode("utf-8").strip())
        prefix = project.root.resolve().relative_to(self.top.resolve()).as_posix()
        self.prefix = "" if prefix == "." else f"{prefix}/"

    def _run(self, *args: str, cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
        environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
        completed = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd or self.top,
            input=stdin,
            capture_output=True,
            env=environment,
            check=False,
        )
        if completed.returncode != 0:
            message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
            raise _fail(
                "git", message[-1] if message else _("git {command} failed").format(command=args[0])
            )
        return completed.stdout

    def commit(self, revision: str) -> str | None:
        """The commit a revision names, or None when it names none."""
        if revision.startswith("-"):
            return None
        try:
            found = self._run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        except AmetidError:
            return None
        return found.decode("ascii").strip() or None

    def require(self, revision: str) -> str:
        """The commit a revision names; a clean error when it names none."""
        commit = self.commit(revision)
        if commit is None:
            message = _("unknown revision: not a tag, branch or commit of this repository")
            raise _fail(revision, message)
        return commit

    def commit_time(self, commit: str) -> datetime.datetime:
        """When a commit was committed, in UTC."""
        seconds = int(self._run("show", "-s", "--format=%ct", commit, "--").decode("ascii"))
        return datetime.datetime.fromtimestamp(seconds, datetime.UTC)

    def default_base(self) -> str:
        """The merge base of HEAD with the default branch: what a pull request changes."""
        head = self.commit("HEAD")
        if head is None:
            raise _fail("HEAD", _("the repository has no commits yet; commit the positions first"))
        for branch in DEFAULT_BRANCHES:
            if self.commit(branch) is None:
                continue
            try:
                return self._run("merge-base", "HEAD", branch).decode("ascii").strip()
            except AmetidError:
                raise _fail(
                    branch,
                    _(
                        "no common history with HEAD; fetch more history "
                        "(git fetch --unshallow) or name the revision to compare with"
                    ),
                ) from None
        raise _fail(
            "HEAD",
            _(
                "no default branch (origin/HEAD, main or master) to compare with; "
                "name the revision, e.g. ametid diff v2025"
            ),
        )

    def files(self, revision: str, folder: str) -> dict[str, bytes]:
        """The files directly in a project folder at a revision, by name."""
        listing = self._run("ls-tree", "-z", revision, "--", f"{self.prefix}{folder}/")
        entries = []
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _tab, name = entry.decode("utf-8", "replace").partition("\t")
            _mode, kind, sha = meta.split(" ")
            if kind == "blob":
                entries.append((PurePosixPath(name).name, sha))
        if not entries:
            return {}
        wanted = "".join(f"{sha}\n" for _name, sha in entries).encode()
        output = self._run("cat-file", "--batch", stdin=wanted)
        contents: dict[str, bytes] = {}
        offset = 0
        for name, _sha in entries:
            header_end = output.index(b"\n", offset)
            size = int(output[offset:header_end].split(b" ")[2])
            contents[name] = output[header_end + 1 : header_end + 1 + size]
            offset = header_end + 1 + size + 1
        return contents

    def read(self, revision: str, path: str) -> bytes | None:
        """One project file at a revision, or None when it has no such file."""
        folder, _slash, name = path.rpartition("/")
        return self.files(revision, folder).get(name)

    def last_changes(self, folder: str) -> dict[str, str]:
        """The date (YYYY-MM-DD) of the last commit that changed each file in a project folder."""
        log = self._run("log", "--format=@%cs", "--name-only", "--", f"{self.prefix}{folder}/")
        dates: dict[str, str] = {}
        date = ""
        for line in log.decode("utf-8", "replace").splitlines():
            if line.startswith("@"):
                date = line[1:]
            elif line:
                relative = line.removeprefix(self.prefix)
                dates.setdefault(relative, date)
        return dates

    def blob(self, revision: str, path: str) -> bytes | None:
        """One project file at a revision, read alone, or None when it has no such file."""
        try:
            return self._run("cat-file", "blob", f"{revision}:{self.prefix}{path}")
        except AmetidError:
            return None

    def changes_of(self, path: str, revision: str = "HEAD") -> list[str]:
        """The commits up to `revision` that changed a project file, newest first."""
        log = self._run("log", "--format=%H", revision, "--", f"{self.prefix}{path}")
        return log.decode("ascii").split()

    def export(self, revision: str, target: Path) -> Path:
        """Write the project's files at a revision into `target`; the project's root there."""
        import io
        import tarfile

        folder = self.prefix.rstrip("/") or "."
        archive = self._run("archive", "--format=tar", revision, "--", folder)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
        return target / self.prefix if self.prefix else target
