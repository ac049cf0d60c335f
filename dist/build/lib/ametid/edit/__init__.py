"""Commands that write position files: starting a new position."""
