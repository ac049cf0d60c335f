"""What `ametid serve` watches, and what a change calls for: a new build of the site, or a
restart of the command when ametid's own code changed (the running one would not see it)."""

from __future__ import annotations

import queue
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
# How often the waits wake up: the watcher to say it is watching, the loop to let Ctrl-C in.
READY_MS = 200
READY_SECONDS = 10.0
WAKE_SECONDS = 0.5


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


class Watcher:
    """Watches the project's sources and ametid from a background thread, from the moment it is
    made, so that nothing saved while the first build runs is missed; changes wait in a queue.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._changes: queue.Queue[Change] = queue.Queue()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        self._ready.wait(timeout=READY_SECONDS)

    def _watch(self) -> None:
        import watchfiles

        # The first (empty) batch after a short wait says the watches are in place.
        for batch in watchfiles.watch(
            *watched(self.root),
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            stop_event=self._stop,
            rust_timeout=READY_MS,
            yield_on_timeout=True,
        ):
            self._ready.set()
            events = {(kind.name, Path(path).resolve()) for kind, path in batch}
            change = classify(events, self.root)
            if change is not None:
                self._changes.put(change)

    def changes(self) -> Iterator[Change]:
        """Each change, those that came while the last build ran taken together; until Ctrl-C."""
        while True:
            try:
                # A wait that wakes up now and then: on Windows only that lets Ctrl-C through.
                first = self._changes.get(timeout=WAKE_SECONDS)
            except queue.Empty:
                continue
            found = [first]
            while not self._changes.empty():
                found.append(self._changes.get_nowait())
            paths = tuple(sorted({path for change in found for path in change.paths}))
            yield Change(paths, any(change.restart for change in found))

    def close(self) -> None:
        """Stop watching."""
        self._stop.set()
        self._thread.join(timeout=5)
