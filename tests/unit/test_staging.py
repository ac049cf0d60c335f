"""The staging folder swaps in whole, also where the system has no signal masks (Windows)."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from ametid.build import staging


@pytest.mark.parametrize("masks", [True, False], ids=["signal masks", "no signal masks"])
def test_a_staged_folder_replaces_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, masks: bool
) -> None:
    if not masks:
        monkeypatch.delattr(signal, "pthread_sigmask")
        monkeypatch.setattr(staging, "exchange", lambda first, second: False)
    out = tmp_path / "build"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    with staging.Staging(out) as stage:
        stage.write("md/new.md", "new")
        stage.commit()
    assert sorted(p.name for p in out.rglob("*")) == ["md", "new.md"]
    assert [p.name for p in tmp_path.iterdir()] == ["build"]
