"""Tests of the built HTML site in a real browser: Chromium driven by Playwright, with axe-core."""
