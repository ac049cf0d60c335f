"""Positions through time: git, old revisions, diffs, consent, redlines and the yearly review."""
