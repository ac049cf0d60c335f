"""What `ametid serve` watches, and what a change calls for: a new build of the site, or a
restart of the command when ametid's own code changed (the running one would not see it)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ametid

# The library: the installed package itself, or the checkout of an editable install.
LIBRARY = Path(ametid.__file__).resolve().parent
# Changes closer together than this are one build; once none has come for STEP_MS the build
# starts. Both are low, so a page shows a saved edit within a second or two on a busy machine.
DEBOUNCE_MS = 300
STEP_MS = 50
SETTINGS = "pyproject.toml"


@dataclass(frozen=True)
class Change:
    """Files that changed together: the project's files to build for, and whether ametid did."""

    paths: tuple[Path, ...]
    restart: bool


def _sources(root: Path) -> list[Path]:
    return [root / "positions", root / "templates", root / "schema", root / SETTINGS]


def watched(root: Path) -> list[Path]:
    """The paths to watch: the project's positions, templates, schema and settings, and ametid."""
    return [path for path in (*_sources(root), LIBRARY) if path.exists()]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def classify(events: set[tuple[str, Path]], root: Path) -> Change | None:
    """What a set of (kind, path) file events calls for, or None when none of them matters.

    A file that came and went within one set (an editor's or sed's temporary file) is left out.
    """
    added = {path for kind, path in events if kind == "added"}
    deleted = {path for kind, path in events if kind == "deleted"}
    paths = {path for _, path in events} - (added & deleted)
    restart = any(_inside(path, LIBRARY) and path.suffix == ".py" for path in paths)
    sources = _sources(root)
    relevant = sorted(path for path in paths if any(_inside(path, src) for src in sources))
    if restart or relevant:
        return Change(tuple(relevant), restart)
    return None


def changes(root: Path, stop: threading.Event | None = None) -> Iterator[Change]:
    """Each change of the sources of the project at `root` or of ametid, until Ctrl-C (or
    until `stop` is set)."""
    import watchfiles

    # watchfiles says "KeyboardInterrupt caught, stopping watch" at Ctrl-C; the command says more.
    logging.getLogger("watchfiles").setLevel(logging.ERROR)
    root = root.resolve()
    for batch in watchfiles.watch(
        *watched(root),
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        raise_interrupt=False,
    ):
        events = {(kind.name, Path(path).resolve()) for kind, path in batch}
        change = classify(events, root)
        if change is not None:
            yield change
