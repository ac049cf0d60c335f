"""Reporters: problems, diffs and reviews as text for a terminal and JSON for CI tools."""
