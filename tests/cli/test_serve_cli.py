"""`ametid serve` when it cannot start: by its exact messages and exit codes."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from support.cli import run


def test_a_port_in_use_is_named(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"--port: port {port} is in use on 127.0.0.1; choose another with --port\n",
    )
    assert not (project / "build").exists()


def test_a_port_out_of_range_is_a_usage_error(project: Path) -> None:
    result = run("serve", "--port", "70000")
    assert result.exit_code == 2
    assert "70000 is not in the range 0<=x<=65535" in result.stderr


def test_an_unknown_format_is_a_usage_error(project: Path) -> None:
    result = run("serve", "--format", "odt")
    assert result.exit_code == 2
    assert "'odt' is not one of md,html,docx,pdf" in result.stderr


def test_outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("serve")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "no pyproject.toml with a [tool.ametid] section here or in any parent folder\n"
    )
