"""The paragraphs of Word documents as LibreOffice reads them, as they are or after Accept All
or Reject All of their tracked changes.

Run by Debian's /usr/bin/python3, which has LibreOffice's UNO bridge (the package python3-uno),
in a process of its own, so the tests' Python may be any version. It reads a JSON request on
standard input, {"profile": FOLDER, "documents": [[PATH, MODE], ...]} with MODE "as-is",
"accept" or "reject", starts one LibreOffice for all of them, and prints a JSON list with, for
each document, its paragraphs in order (those of table cells row by row) as [number, text,
style]: the list number LibreOffice computes ("2.3."), the text, the paragraph style's name.

It imports nothing of ametid and nothing outside Python's standard library and uno.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import uno

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}
START_SECONDS = 90


def _property(name: str, value: Any) -> Any:
    found = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    found.Name = name
    found.Value = value
    return found


def _connect(pipe: str, process: subprocess.Popen[bytes]) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # LibreOffice is not listening yet
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not start") from None
            time.sleep(0.2)


def _paragraphs(document: Any) -> list[list[str]]:
    found: list[list[str]] = []

    def walk(text: Any) -> None:
        elements = text.createEnumeration()
        while elements.hasMoreElements():
            element = elements.nextElement()
            if element.supportsService("com.sun.star.text.Paragraph"):
                found.append(
                    [
                        element.getPropertyValue("ListLabelString"),
                        element.getString(),
                        element.getPropertyValue("ParaStyleName"),
                    ]
                )
            elif element.supportsService("com.sun.star.text.TextTable"):
                for name in element.getCellNames():
                    walk(element.getCellByName(name).getText())

    walk(document.getText())
    return found


def main() -> None:
    request = json.load(sys.stdin)
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    pipe = f"ametid-tests-{os.getpid()}"
    profile = Path(request["profile"]).resolve().as_uri()
    process = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        context = _connect(pipe, process)
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        results = []
        for path, mode in request["documents"]:
            url = uno.systemPathToFileUrl(str(Path(path).resolve()))
            document = desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
            if document is None:
                raise SystemExit(f"LibreOffice could not open {path}")
            if mode in COMMANDS:
                frame = document.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, COMMANDS[mode], "", 0, ())
            results.append(_paragraphs(document))
            document.close(True)
        json.dump(results, sys.stdout, ensure_ascii=False)
        # The bridge closes as LibreOffice quits, which the call may report as an error.
        with contextlib.suppress(Exception):
            desktop.terminate()
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


if __name__ == "__main__":
    main()
