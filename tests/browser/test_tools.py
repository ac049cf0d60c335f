"""The browser tests have their tools: or the run says what to install (and fails in CI)."""

from __future__ import annotations

import json

from browser.support import AXE, HERE, require_tools


def test_browser_tools_are_installed() -> None:
    """Chromium, Playwright, axe-core and poppler's pdfinfo and pdftotext are all there."""
    require_tools()


def test_installed_axe_core_is_the_pinned_version() -> None:
    """node_modules holds the axe-core that package.json pins, not a stale one."""
    require_tools()
    pinned = json.loads((HERE / "package.json").read_text(encoding="utf-8"))
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == pinned["devDependencies"]["axe-core"]
