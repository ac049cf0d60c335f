"""Checking positions: the schema, the rules it cannot hold, and one checker for both."""
