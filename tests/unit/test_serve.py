"""`ametid serve` in parts: which changes call for a build or a restart, and the pages as sent."""

from __future__ import annotations

import socket
import struct
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ametid.core.problems import Problem
from ametid.serve.server import RELOAD_PATH, Builds, SiteServer, decorate
from ametid.serve.watcher import LIBRARY, Change, classify, watched

ROOT = Path("/srv/agency")
POSITION = ROOT / "positions" / "projektijuht.yaml"


def test_a_changed_position_is_built() -> None:
    assert classify({("modified", POSITION)}, ROOT) == Change((POSITION,), restart=False)


def test_templates_schema_and_settings_are_built_for() -> None:
    paths = [
        ROOT / "templates" / "site" / "_style.css",
        ROOT / "schema" / "position.schema.json",
        ROOT / "pyproject.toml",
    ]
    change = classify({("modified", path) for path in paths}, ROOT)
    assert change == Change(tuple(sorted(paths)), restart=False)


def test_a_deleted_position_is_built_for() -> None:
    assert classify({("deleted", POSITION)}, ROOT) == Change((POSITION,), restart=False)


def test_a_file_that_came_and_went_is_left_out() -> None:
    temporary = ROOT / "positions" / "sed73FXUt"
    events = {("added", temporary), ("deleted", temporary), ("modified", POSITION)}
    assert classify(events, ROOT) == Change((POSITION,), restart=False)
    assert classify({("added", temporary), ("deleted", temporary)}, ROOT) is None


def test_other_files_of_the_repository_do_not_matter() -> None:
    assert classify({("modified", ROOT / "README.md")}, ROOT) is None
    assert classify({("modified", ROOT / "build" / "html" / "index.html")}, ROOT) is None


def test_a_change_of_ametid_itself_restarts() -> None:
    code = LIBRARY / "render" / "pages.py"
    assert classify({("modified", code)}, ROOT) == Change((), restart=True)
    assert classify({("modified", LIBRARY / "py.typed")}, ROOT) is None


def test_only_what_exists_is_watched(tmp_path: Path) -> None:
    (tmp_path / "positions").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.ametid]\n", encoding="utf-8")
    assert watched(tmp_path) == [tmp_path / "positions", tmp_path / "pyproject.toml", LIBRARY]


PAGE = b'<!DOCTYPE html>\n<html lang="et">\n<body>\n<h1>x</h1>\n</body>\n</html>\n'


def test_a_page_is_sent_with_the_script_that_reloads_it() -> None:
    sent = decorate(PAGE, 7, []).decode("utf-8")
    head, script = sent.split("<h1>x</h1>\n")
    assert head == '<!DOCTYPE html>\n<html lang="et">\n<body>\n'
    assert script.startswith("<script>\n(function () {\n  var build = 7;\n")
    assert f'fetch("{RELOAD_PATH}?since=" + build' in script
    assert script.endswith("</script>\n</body>\n</html>\n")
    assert "ametid-problems" not in sent


def test_the_problems_of_a_failed_build_head_the_page_escaped() -> None:
    problem = Problem("positions/x.yaml", 3, 1, "title", "<b>bad</b> & worse")
    sent = decorate(PAGE, 2, [problem]).decode("utf-8")
    # First in the body, so it stands at the top of the page, above the last good content.
    assert sent.startswith('<!DOCTYPE html>\n<html lang="et">\n<body>\n<aside id="ametid-problems"')
    assert sent.index("</aside>") < sent.index("<h1>x</h1>") < sent.index("<script>")
    assert "positions/x.yaml:3:1: title: &lt;b&gt;bad&lt;/b&gt; &amp; worse" in sent
    assert "<b>bad</b>" not in sent


def test_a_page_waits_for_the_next_build() -> None:
    builds = Builds()
    builds.publish([])
    answers: list[int] = []
    waiting = threading.Thread(target=lambda: answers.append(builds.wait(1, 10.0)))
    started = time.monotonic()
    waiting.start()
    time.sleep(0.2)
    assert answers == []
    builds.publish([Problem("positions/x.yaml", message="broken")])
    waiting.join(5)
    assert answers == [2] and time.monotonic() - started < 5
    assert builds.state() == (2, [Problem("positions/x.yaml", message="broken")])


def test_a_page_behind_is_answered_at_once_and_one_up_to_date_after_the_timeout() -> None:
    builds = Builds()
    builds.publish([])
    builds.publish([])
    assert builds.wait(1, 10.0) == 2
    started = time.monotonic()
    assert builds.wait(2, 0.2) == 2
    assert time.monotonic() - started >= 0.2


def test_stopping_answers_every_waiting_page() -> None:
    builds = Builds()
    answers: list[int] = []
    waiting = threading.Thread(target=lambda: answers.append(builds.wait(0, 30.0)))
    waiting.start()
    builds.close()
    waiting.join(5)
    assert answers == [0]


def test_a_page_that_goes_away_while_waiting_is_no_error(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    builds = Builds()
    server = SiteServer(tmp_path, 0, builds)
    server.start()
    try:
        with socket.create_connection(("127.0.0.1", server.port)) as connection:
            connection.sendall(f"GET {RELOAD_PATH}?since=0 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            time.sleep(0.2)
            # Closed at once, as a browser closes the connection when the page reloads.
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        for _ in range(3):
            builds.publish([])
            time.sleep(0.2)
    finally:
        server.stop()
    assert capfd.readouterr().err == ""


def test_before_any_good_build_every_page_shows_the_problems(tmp_path: Path) -> None:
    builds = Builds()
    server = SiteServer(tmp_path / "site", 0, builds)
    server.start()
    builds.publish([Problem("positions/x.yaml", 1, 1, message="broken")])
    try:
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(server.url, timeout=10)
        page = missing.value.read().decode("utf-8")
    finally:
        server.stop()
    # The address leads to the index, which no build has written yet.
    assert missing.value.code == 404
    assert missing.value.url == server.url + "html/index.html"
    assert "positions/x.yaml:1:1: broken" in page and "var build = 1;" in page
