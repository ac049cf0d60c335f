"""The hostile corpus, slow cases: those that need poppler or take seconds (see tests/cli)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.hostile import Case, cases, run_case

SLOW = [case for case in cases() if case.slow]


@pytest.mark.parametrize("case", SLOW, ids=[case.name for case in SLOW])
def test_hostile_case(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool
) -> None:
    run_case(case, tmp_path, monkeypatch, update_golden)
