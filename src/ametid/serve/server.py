"""The HTTP server of `ametid serve`: the built site on 127.0.0.1, each HTML page with a small
script that reloads it after the next build, and the problems of a failed build on top of it.

The pages are served as the build wrote them except for that addition, made as they are sent:
the built files stay exactly what `ametid build` writes.
"""

from __future__ import annotations

import errno
import functools
import html
import http.server
import json
import re
import sys
import threading
import urllib.parse
from pathlib import Path
from typing import Any

from ametid.core.formats import INDEX_PAGE
from ametid.core.problems import AmetidError, Problem

HOST = "127.0.0.1"
RELOAD_PATH = "/.ametid/reload"
# How long the page's question "is there a newer build than mine?" is held open unanswered.
WAIT_SECONDS = 20.0

_SCRIPT = """<script>
(function () {
  var build = %d;
  function ask() {
    fetch("%s?since=" + build, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.build !== build) { location.reload(); } else { ask(); }
      })
      .catch(function () { setTimeout(ask, 1000); });
  }
  ask();
})();
</script>
"""
_BANNER = (
    '<aside id="ametid-problems" role="alert" style="position:sticky;top:0;z-index:10;'
    "margin:0;padding:0.75rem 1rem;background:#fff3f3;color:#5c0000;border-bottom:3px solid "
    '#a30000;font:1rem/1.4 system-ui,sans-serif">'
    "<strong>{title}</strong>"
    '<pre style="margin:0.5rem 0 0;white-space:pre-wrap;font:0.9rem/1.4 monospace">{lines}</pre>'
    "</aside>\n"
)
_MISSING = """<!DOCTYPE html>
<html lang="et">
<head><meta charset="utf-8"><title>ametid serve</title></head>
<body>
<p>{message}</p>
</body>
</html>
"""


class Builds:
    """The number of the latest build and its problems; pages wait here for the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.number = 0
        self.problems: list[Problem] = []
        self._closed = False

    def publish(self, problems: list[Problem]) -> None:
        """Record a build (with the problems that stopped it) and wake every waiting page."""
        with self._changed:
            self.number += 1
            self.problems = list(problems)
            self._changed.notify_all()

    def wait(self, since: int, timeout: float) -> int:
        """The latest build's number, once it is not `since` or `timeout` seconds have passed."""
        with self._changed:
            self._changed.wait_for(lambda: self.number != since or self._closed, timeout)
            return self.number

    def close(self) -> None:
        """Answer every waiting page at once, as the server stops."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def state(self) -> tuple[int, list[Problem]]:
        """The latest build's number and problems, read together."""
        with self._changed:
            return self.number, list(self.problems)


_BODY = re.compile(r"<body[^>]*>\n?")


def decorate(page: bytes, number: int, problems: list[Problem]) -> bytes:
    """A page as sent: the problems of a failed build on top, the reloading script at the end."""
    text = page.decode("utf-8")
    if problems:
        lines = "\n".join(html.escape(str(problem)) for problem in problems)
        title = "The last build failed; these pages are from the last good one."
        banner = _BANNER.format(title=title, lines=lines)
        body = _BODY.search(text)
        at = body.end() if body else 0
        text = text[:at] + banner + text[at:]
    script = _SCRIPT % (number, RELOAD_PATH)
    end = text.rfind("</body>")
    if end < 0:
        return (text + script).encode("utf-8")
    return (text[:end] + script + text[end:]).encode("utf-8")


class _Handler(http.server.SimpleHTTPRequestHandler):
    builds: Builds

    def __init__(self, *args: Any, builds: Builds, **kwargs: Any) -> None:
        self.builds = builds
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        """Answer the reload question, or send a file of the site (an HTML page decorated)."""
        parts = urllib.parse.urlsplit(self.path)
        if parts.path == RELOAD_PATH:
            self._reload(urllib.parse.parse_qs(parts.query))
        elif parts.path == "/":
            self.send_response(302)
            self.send_header("Location", f"/{INDEX_PAGE}")
            self.end_headers()
        elif parts.path.endswith(".html"):
            self._page(Path(self.translate_path(parts.path)))
        else:
            super().do_GET()

    def _reload(self, query: dict[str, list[str]]) -> None:
        try:
            since = int(query.get("since", ["-1"])[0])
        except ValueError:
            since = -1
        number = self.builds.wait(since, WAIT_SECONDS)
        self._send(200, "application/json", json.dumps({"build": number}).encode())

    def _page(self, path: Path) -> None:
        number, problems = self.builds.state()
        try:
            page = path.read_bytes()
            status = 200
        except OSError:
            message = "No such page in the last good build." if not problems else ""
            page = _MISSING.format(message=message).encode("utf-8")
            status = 404
        self._send(status, "text/html; charset=utf-8", decorate(page, number, problems))

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        """Every answer uncached: a page and its downloads are those of the latest build."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing per request: the terminal shows the builds."""


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A page closed or reloaded while it waited is no error; anything else is reported."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """The site in `folder` served on 127.0.0.1 from a background thread."""

    def __init__(self, folder: Path, port: int, builds: Builds) -> None:
        handler = functools.partial(_Handler, directory=str(folder), builds=builds)
        try:
            self._server = _Server((HOST, port), handler)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                message = f"port {port} is in use on {HOST}; choose another with --port"
            else:
                message = f"cannot serve on {HOST}:{port}: {error.strerror}"
            raise AmetidError([Problem("--port", message=message)]) from None
        self.builds = builds
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The address of the site's index."""
        return f"http://{HOST}:{self.port}/"

    def start(self) -> None:
        """Start answering requests."""
        self._thread.start()

    def stop(self) -> None:
        """Stop answering requests and let every waiting page go."""
        self.builds.close()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()
