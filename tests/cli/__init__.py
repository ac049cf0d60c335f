"""Tests of the command line, run in process or as `python -m ametid`: output and exit codes."""
